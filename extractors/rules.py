"""Load the editable language data in ``rules/`` and check its shape at start-up.

A clerk may edit these files; a mistake must stop the run with a message naming the file and the
key, never with a traceback from deep inside a matcher.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml

_HERE = Path(__file__).resolve().parent
# PIPELINE_RULES names another copy; an installed wheel has them as extractors/rules_data/
RULES_DIR = Path(os.environ.get("PIPELINE_RULES") or next(
    (d for d in (_HERE / "rules_data", _HERE.parent / "rules") if d.is_dir()), _HERE / "rules"))

STR_LIST = "list of strings"
# file → {key: expected shape}; shapes: STR_LIST, "string", "mapping", "list of mappings", "number"
SCHEMA: dict[str, dict[str, str]] = {
    "agencies.yml": {"agencies": "list of mappings"},
    "abbreviations.yml": {"abbreviations": "mapping"},
    "agency_patterns.yml": {"heads": STR_LIST, "titles": STR_LIST, "collectives": STR_LIST,
                            "issuers": STR_LIST, "continuations": STR_LIST,
                            "collective_members": "mapping"},
    "cues.yml": {"directive": STR_LIST, "issuer_directive": STR_LIST, "lead": STR_LIST,
                 "support": STR_LIST, "upward": "mapping", "connectives": STR_LIST,
                 "fronted": STR_LIST, "past": STR_LIST, "not_a_task": STR_LIST,
                 "transmittal": STR_LIST, "generic_action": STR_LIST, "execution": STR_LIST,
                 "merge_into_previous": STR_LIST, "heading_suffixes": STR_LIST,
                 "attributes": "mapping", "reporting": STR_LIST, "task_columns": STR_LIST},
    "actions.yml": {"verbs": STR_LIST, "boundaries": STR_LIST},
    "verbs_vlsp.yml": {"verbs": STR_LIST},
    "doc_types.yml": {"types": "list of mappings", "issuer_codes": "mapping",
                      "issuing_verbs": STR_LIST},
    "provinces.yml": {"provinces": STR_LIST, "cities": STR_LIST},
    "structure.yml": {"markers": "list of mappings", "recipients": "string",
                      "address_block": "string", "signature_words": STR_LIST, "caption": "string"},
    "pillars.yml": {"threshold": "number", "digital_context": STR_LIST, "pillars": "mapping"},
    "time.yml": {"date": "string", "expressions": "list of mappings", "quoted_cues": STR_LIST,
                 "deadline_cues": STR_LIST, "soft_cues": STR_LIST, "year_cues": STR_LIST,
                 "reference_before": STR_LIST, "period_before": STR_LIST,
                 "period_after": STR_LIST, "purpose_markers": STR_LIST,
                 "recurrences": "list of mappings", "not_deadlines": STR_LIST},
    "messages.yml": {"messages": "mapping", "review_reasons": "mapping", "columns": "mapping",
                     "review_statuses": "mapping"},
}
REQUIRED_ITEM_KEYS = {"agencies.yml": {"name"}, "doc_types.yml": {"name"},
                      "structure.yml": {"kind", "pattern"},
                      "time.yml": {"pattern"}}


class RulesError(Exception):
    """A rules file is missing or malformed."""


def _check(name: str, key: str, value, shape: str) -> None:
    where = f"rules/{name}: '{key}'"
    if shape == STR_LIST:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RulesError(f"{where} must be a {STR_LIST}")
    elif shape == "mapping":
        if not isinstance(value, dict):
            raise RulesError(f"{where} must be a mapping (key: value)")
    elif shape == "string":
        if not isinstance(value, str):
            raise RulesError(f"{where} must be a string")
    elif shape == "number":
        if not isinstance(value, (int, float)):
            raise RulesError(f"{where} must be a number")
    elif shape == "list of mappings":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise RulesError(f"{where} must be a list of mappings")
        required = REQUIRED_ITEM_KEYS.get(name, set())
        for i, item in enumerate(value):
            if missing := required - item.keys():
                raise RulesError(f"{where} item {i + 1} lacks {', '.join(sorted(missing))}")


def load_file(name: str, directory: Path = RULES_DIR) -> dict:
    path = directory / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulesError(f"rules/{name} is missing") from None
    except yaml.YAMLError as exc:
        raise RulesError(f"rules/{name} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RulesError(f"rules/{name} must be a mapping of keys")
    for key, shape in SCHEMA[name].items():
        if key not in data:
            raise RulesError(f"rules/{name} lacks the key '{key}'")
        _check(name, key, data[key], shape)
    return data


@lru_cache(maxsize=None)
def load(directory: Path = RULES_DIR) -> dict[str, dict]:
    """Every rules file, keyed by its stem ("cues", "time", ...)."""
    return {Path(name).stem: load_file(name, directory) for name in SCHEMA}


def review_reason(key: str, **values) -> str:
    """Why a task needs review, for the clerk (rules/messages.yml ``review_reasons``, Vietnamese,
    ``{name}`` fields filled from ``values``). Raises KeyError for an unknown key."""
    return load()["messages"]["review_reasons"][key].format(**values)
