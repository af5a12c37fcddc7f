"""The clerk's rules files: follow-up labels, letter texts, the 2025 successors.

Checked like the extraction rules (``extractors.rules.load_file``): a missing file or key, or a
value of the wrong shape, is one ``RulesError`` naming the file and the key. What each value
means is checked by the module that uses it (``followup``, ``official``, ``successors``).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extractors.rules import RULES_DIR, STR_LIST, load_file

SCHEMA: dict[str, dict[str, str]] = {
    "followup.yml": {"statuses": "mapping", "categories": "mapping", "due_soon_days": "number",
                     "period_day": "string", "messages": "mapping"},
    "letters.yml": {"national_name": "string", "motto": "string", "issuer": "mapping",
                    "number": "string", "place_date": "string", "chase": "mapping",
                    "report": "mapping", "table": "mapping", "extract": "mapping",
                    "recipients": "mapping",
                    "signature": "mapping"},
    "successors.yml": {"provincial_heads": STR_LIST, "units": "mapping", "split_reason": "string",
                       "ministries": "list of mappings", "departments": "list of mappings",
                       "local_government": "list of mappings", "provinces": "list of mappings"},
}


@lru_cache(maxsize=None)
def load(name: str, directory: Path = RULES_DIR) -> dict:
    """The checked contents of ``rules/<name>``, one of ``SCHEMA``. Raises RulesError."""
    return load_file(name, directory, SCHEMA[name])
