"""Load every file of ``rules/`` once, check it against a closed vocabulary, compile its patterns.

A clerk may edit these files; a mistake must stop the run before the first document with one
line naming the file and the key, e.g.::

    rules/time.yml: expressions[5].kind: 'quater' is not one of window, relative, ...

never with a traceback from deep inside a matcher halfway through a batch. So ``load()`` checks:

- every key, at the top of a file and inside its mappings and list items, is one the code reads
  (``SCHEMA`` below: unknown keys are refused, missing required ones reported);
- every value has its shape (a list of words, a mapping, a number, ...);
- every value the code dispatches on is one it handles: time expression kinds and their named
  groups, numbering marker kinds, attribute kinds, roles, review statuses, and the pillar and
  recurrence codes, which must be codes of ``rules/labels.yml``;
- every pattern compiles (``regex`` syntax), with ``{name}`` standing for another key of the same
  file: a pattern inserted as written or a list of words inserted as an alternation, longest
  first. Compiled patterns replace their text in the loaded data.

List items are numbered from 0 in messages (``expressions[0]`` is the first).
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import regex
import yaml

from .model import ROLES
from .text import fold

_HERE = Path(__file__).resolve().parent
# PIPELINE_RULES names another copy; an installed wheel has them as extractors/rules_data/
RULES_DIR = Path(os.environ.get("PIPELINE_RULES") or next(
    (d for d in (_HERE / "rules_data", _HERE.parent / "rules") if d.is_dir()), _HERE / "rules"))
# libyaml's safe loader where PyYAML has it (its wheels do): the same data, read 10× faster
# (rules/ in 0.02 s, not 0.19 s, in every process); its error messages are worded differently.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UniqueKeyLoader(YAML_LOADER):  # type: ignore[valid-type,misc]
    """The safe loader refusing a key written twice in one mapping, which YAML lets the later
    silently replace: a message added under a key already used had hidden the first (stop 39)."""


def _unique_mapping(loader: UniqueKeyLoader, node: yaml.MappingNode) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark, f"the key {key!r} is written twice",
                key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)

# -- the values code dispatches on; each consumer keeps a table keyed by exactly these ------------
TIME_KINDS = ("window", "relative", "date", "day_month", "half", "quarter", "before",
              "month", "yearless_month", "year")  # extractors.times.KINDS
TIME_GROUPS = ("day", "month", "year", "quarter", "first_half", "second_half",
               "days", "event")  # extractors.times.resolve_date reads these named groups
# extractors.structure ranks by kind; "article" opens a decision's Điều
MARKER_KINDS = ("article", "chapter", "part", "roman", "decimal", "arabic", "letter",
                "bracketed", "dash", "plus", "dot", "heading1", "heading2", "heading3")
ATTRIBUTE_KINDS = ("lead", "support", "time")  # extractors.attributes, extractors.tables
REVIEW_STATUSES = ("accepted", "corrected", "rejected", "added")  # pipeline.store.corrections
CHANNELS = ("cli", "web", "import")  # corrections_log.via, statuses_log.via
REVIEW_REASONS = ("no_lead", "unknown_agency", "lead_from_first_item", "two_deadlines",
                  "maybe_not_deadline", "deadline_before_issue",
                  "ocr",  # extractors.tasks, extractors.language
                  "split_duty",  # pipeline.clerk.successors
                  "text_changed")  # pipeline.store.corrections.conflicts
# pipeline.clerk.messages.column_name: headers of CSV, Excel, the terminal table, correction fields
COLUMN_NAMES = ("id", "deadline", "due", "lead", "support", "text", "deliverable", "follow_up",
                "recurrence", "pillar", "document", "document_id", "needs_review", "review_status",
                "collective", "status", "added")


class RulesError(Exception):
    """A rules file is missing or malformed; the message is one line naming the file and key."""


# -- shapes ---------------------------------------------------------------------------------------

class Shape:
    """What a value must look like; ``check`` returns the value as the code uses it."""

    def check(self, value: Any, at: str, context: Context) -> Any:
        """``value`` as the code uses it (patterns compiled); raises ``RulesError`` naming the
        file and ``at`` (the key path, e.g. ``expressions[5].kind``) when it is not of this
        shape. Subclasses say what the shape is in their docstring."""
        raise NotImplementedError


@dataclass
class Context:
    """Where a check runs: the file's raw data (for ``{name}`` fragments), the files before it."""

    name: str
    raw: dict
    loaded: dict[str, dict]

    def fragment(self, name: str):
        """The value ``{name}`` stands for: a key of the file, or a word list ``DERIVED`` from
        it (computed when asked, after the keys it reads have been checked)."""
        derive = DERIVED.get(self.name, {}).get(name)
        return derive(self) if derive else self.raw.get(name)

    def fail(self, at: str, problem: str) -> RulesError:
        """The one-line error for a problem at key path ``at`` of this file."""
        return RulesError(f"rules/{self.name}: {at}: {problem}")


@dataclass
class Text(Shape):
    """A string (or null when ``null``)."""

    null: bool = False  # whether ``null`` (no value) is allowed

    def check(self, value, at, context):
        if value is None and self.null:
            return None
        if not isinstance(value, str):
            raise context.fail(at, "must be a string")
        return value


class Number(Shape):
    """An integer or a decimal number."""

    def check(self, value, at, context):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise context.fail(at, "must be a number")
        return value


class Flag(Shape):
    """true or false."""

    def check(self, value, at, context):
        if not isinstance(value, bool):
            raise context.fail(at, "must be true or false")
        return value


class Day(Shape):
    """A date written YYYY-MM-DD (YAML reads it as a date)."""

    def check(self, value, at, context):
        if not isinstance(value, dt.date):
            raise context.fail(at, "must be a date YYYY-MM-DD")
        return value


@dataclass
class OneOf(Shape):
    """A string from a fixed vocabulary, or from the codes of another rules file."""

    values: tuple[str, ...] | Callable[[dict[str, dict]], tuple[str, ...]]
    null: bool = False

    def check(self, value, at, context):
        if value is None and self.null:
            return None
        allowed = self.values(context.loaded) if callable(self.values) else self.values
        if value not in allowed:
            raise context.fail(at, f"{value!r} is not one of {', '.join(allowed)}")
        return value


@dataclass
class Pattern(Shape):
    """A ``regex`` pattern, compiled here; ``groups`` lists the named groups the code reads."""

    groups: tuple[str, ...] = ()
    flags: int = 0

    def check(self, value, at, context):
        source = expand(Text().check(value, at, context), at, context)
        try:
            compiled = regex.compile(source, self.flags)
        except regex.error as exc:
            raise context.fail(at, f"not a valid pattern: {exc}") from None
        if unknown := sorted(set(compiled.groupindex) - set(self.groups)):
            known = ", ".join(self.groups) or "none"
            raise context.fail(at, f"unknown named group {unknown[0]!r}; named groups: {known}")
        return compiled


@dataclass
class ListOf(Shape):
    """A list whose items all have one shape; an item's key is ``key[i]``, from 0."""

    item: Shape

    def check(self, value, at, context):
        if not isinstance(value, list):
            raise context.fail(at, "must be a list")
        return [self.item.check(v, f"{at}[{i}]", context) for i, v in enumerate(value)]


@dataclass
class MapOf(Shape):
    """A mapping of free keys (or keys from a vocabulary) to values of one shape."""

    value: Shape
    keys: Shape = field(default_factory=Text)

    def check(self, value, at, context):
        if not isinstance(value, dict):
            raise context.fail(at, "must be a mapping (key: value)")
        return {self.keys.check(k, f"{at}.{k}", context): self.value.check(v, f"{at}.{k}", context)
                for k, v in value.items()}


@dataclass
class Record(Shape):
    """A mapping with a closed set of keys; keys in ``optional`` may be left out."""

    fields: dict[str, Shape]
    optional: frozenset[str] = frozenset()

    def check(self, value, at, context):
        if not isinstance(value, dict):
            raise context.fail(at or "(top)", "must be a mapping of keys")
        prefix = f"{at}." if at else ""
        if unknown := [k for k in value if k not in self.fields]:
            raise context.fail(f"{prefix}{unknown[0]}",
                               f"unknown key; the keys are {', '.join(self.fields)}")
        checked = {}
        for key, shape in self.fields.items():
            if key in value:
                checked[key] = shape.check(value[key], f"{prefix}{key}", context)
            elif key not in self.optional:
                raise context.fail(f"{prefix}{key}", "missing")
        return checked


FRAGMENT = regex.compile(r"(?<!\\[pPN])\{([a-z_]+)\}")


def alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first (so the longest match wins). The
    spaces of a phrase match any run of white space: a copy hard-wrapped at its source's line
    breaks splits "Thời gian thực hiện:" as "Thời" / "gian thực hiện:" (plans14)."""
    return "|".join(r"\s+".join(map(regex.escape, w.split()))
                    for w in sorted(words, key=len, reverse=True))


def phrase(matched: str) -> str:
    """A phrase ``alternation`` matched, its white space as the word list writes it (one
    space), to look it up in that list."""
    return " ".join(matched.split())


def expand(source: str, at: str, context: Context, inside: tuple[str, ...] = ()) -> str:
    """``{name}`` → the same file's key ``name``: a pattern (itself expanded), or a word list
    as an alternation. ``inside``: the fragments being expanded, to refuse a cycle."""
    def insert(match: regex.Match) -> str:
        name = match.group(1)
        value = context.fragment(name)
        if name in inside:
            raise context.fail(at, f"{{{name}}} refers to itself")
        if isinstance(value, str):
            return expand(value, at, context, (*inside, name))
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return alternation(value)
        raise context.fail(at, f"{{{name}}} names no pattern or word list of this file")
    return FRAGMENT.sub(insert, source)


# -- the schema: every file, every key, and who reads it ------------------------------------------

WORDS = ListOf(Text())
PATTERNS = ListOf(Pattern())
NEWS_GROUPS = ("day", "month", "year", "subject")


def codes(section: str) -> Callable[[dict[str, dict]], tuple[str, ...]]:
    """The codes of a section of ``rules/labels.yml`` (loaded before the files that use them)."""
    return lambda loaded: tuple(loaded["labels"][section])


DERIVED: dict[str, dict[str, Callable[[Context], list[str]]]] = {  # fragments besides its keys
    "pillars.yml": {"pillar_headings": lambda context: [
        fold(h) for pillar in context.raw["pillars"].values() for h in pillar["headings"]]},
    "metadata.yml": {"doc_types": lambda context: [
        t["name"] for t in context.loaded["doc_types"]["types"]]},
}

SCHEMA: dict[str, Record] = {  # in load order: labels.yml first, its codes are checked against
    "labels.yml": Record({  # pipeline.clerk.labels, pipeline.store.schema (code tables)
        "pillars": MapOf(Text()), "recurrences": MapOf(Text()),
        "roles": Record(dict.fromkeys(ROLES, Text())),
        "review_statuses": Record(dict.fromkeys(REVIEW_STATUSES, Text())),
        "channels": Record(dict.fromkeys(CHANNELS, Text())),
        "locations": MapOf(Text())}),
    "abbreviations.yml": Record({"abbreviations": MapOf(Text())}),  # extractors.names
    "agencies.yml": Record({  # extractors.names.gazetteer
        "agencies": ListOf(Record({"name": Text(), "aliases": WORDS},
                                  optional=frozenset({"aliases"})))}),
    "agency_patterns.yml": Record({  # extractors.names, .agencies, .roles
        "heads": WORDS, "named_heads": WORDS, "titles": WORDS, "collectives": WORDS,
        "issuers": WORDS, "relaying_offices": WORDS, "councils": WORDS,
        "overseen_issuers": WORDS, "directing_heads": WORDS,
        "quantifiers": WORDS, "people": WORDS,
        "persons": WORDS, "group_titles": WORDS, "member_roles": WORDS, "remits": WORDS,
        "forces": WORDS,
        "qualifiers": WORDS, "role_qualifiers": WORDS, "duty_roles": WORDS,
        "assigned_qualifiers": WORDS, "assigned_ends": WORDS,
        "assigned_duties": WORDS, "qualified_ends": WORDS, "qualified_verbs": WORDS,
        "acting_qualifiers": WORDS, "duty_ends": WORDS, "duty_breaks": WORDS,
        "joined_collectives": WORDS,
        "lone_collectives": WORDS,
        "units": WORDS, "unit_homographs": WORDS, "demonstrative": Text(),
        "referring_levels": WORDS, "referring_committee_levels": WORDS,
        "unit_leaderships": WORDS, "unit_bodies": WORDS, "referring_heads": WORDS,
        "group_ends": WORDS, "group_levels": WORDS,
        "concerned": WORDS,
        "role_heads": WORDS,
        "group_qualifiers": WORDS, "boards": WORDS, "board_purposes": WORDS,
        "board_topics": WORDS,
        "work_teams": WORDS, "team_work_ends": WORDS,
        "continuations": WORDS, "name_compounds": WORDS, "separators": WORDS,
        "conjunction": Text(), "plural": Text(), "deputy": Text(),
        "each": WORDS,
        "collective_markers": WORDS, "distributed_heads": WORDS, "counts": WORDS,
        "title_bodies": WORDS,
        "sector": Text(), "sector_heads": WORDS,
        "ministries": WORDS, "government_issuers": WORDS, "body_units": WORDS,
        "body_unit_links": WORDS,
        "parent_links": WORDS,
        "place_body": Text(), "place_titles": MapOf(Text()), "level_bodies": WORDS,
        "collective_members": MapOf(WORDS), "central_scopes": WORDS,
        "central_members": WORDS}),  # extractors.names.covers
    "actions.yml": Record({"verbs": WORDS, "boundaries": WORDS}),  # extractors.names.lexicons
    "verbs_vlsp.yml": Record({"verbs": WORDS}),  # extractors.names.lexicons
    "cues.yml": Record({  # extractors.names, .roles, .tasks, .attributes, .tables, .pillars
        "directive": WORDS, "issuer_directive": WORDS, "letter_directive": WORDS,
        "meetings": WORDS, "meeting_reports": WORDS, "conferences": WORDS,
        "public_meetings": WORDS, "chairing": WORDS,
        "announced_work": WORDS,
        "advising": WORDS, "proposing": WORDS,
        "support": WORDS, "support_manners": WORDS,
        "upward": ListOf(Record({"targets": WORDS, "speakers": WORDS})),
        "connectives": WORDS, "joints": WORDS, "directive_joints": WORDS, "fronted": WORDS,
        "addressing": WORDS, "addressee_adverbs": WORDS, "remits": WORDS,
        "remit_ends": WORDS, "scoped_remits": WORDS,
        "emphasis": WORDS, "residents": WORDS, "households": WORDS, "standings": WORDS,
        "purposes": WORDS,
        "group_scopes": WORDS,
        "conditions": WORDS,
        "past": WORDS, "earlier": WORDS, "report_periods": WORDS, "event_openers": WORDS,
        "permissive": WORDS,
        "rights": WORDS, "rights_exceptions": WORDS,
        "condition_ends": WORDS, "object_links": WORDS, "condition_modals": WORDS,
        "inner_conditions": WORDS,
        "accountable_for": WORDS,
        "not_a_task": WORDS, "basis": WORDS,
        "issued_document": Pattern(), "announcement": Pattern(), "retelling": WORDS,
        "list_openers": WORDS,
        "forming": Pattern(),
        "statement": WORDS,
        "transmittal": PATTERNS, "criteria": PATTERNS, "results": PATTERNS,
        "funding": PATTERNS,
        "legal_clauses": PATTERNS,
        "generic_action": PATTERNS,
        "execution": WORDS,
        "merge_into_previous": WORDS, "completion": Pattern(), "window": Pattern(),
        "heading_suffixes": WORDS,
        "obligation": WORDS,
        "passive": WORDS, "passive_agent": Record({"cues": WORDS, "actions": WORDS}),
        "attributes": Record(dict.fromkeys(ATTRIBUTE_KINDS, WORDS)),
        "attribute_headings": WORDS, "attribute_heading_joins": WORDS, "activity_content": WORDS,
        "reporting": WORDS, "speaking_documents": WORDS, "task_columns": WORDS,
        "issuer_endings": WORDS,
        "speaker_adverbs": WORDS, "speaker_going_on": WORDS, "speaker_assents": WORDS,
        "reported_openers": WORDS,
        "responsibility": Pattern(),
        "role_heading": Pattern(), "members": WORDS,
        "bracket_definitions": WORDS, "staffing": WORDS,
        "own_staffing": WORDS,
        "duty_owner": Pattern(), "duty_owner_ends": WORDS, "individuals": WORDS,
        "deliverable_columns": WORDS, "group_lead_columns": WORDS, "deliverable_phrase": Pattern(),
        "assigned_in_document": Record({"pattern": Pattern(), "lead": Text()}),
        "topic_heading": Pattern(), "account_headings": WORDS, "scope_headings": WORDS,
        "prohibited_acts": WORDS, "part_list": Pattern(), "titled_part": Pattern(),
        "purpose_heading": Pattern()}),
    "doc_types.yml": Record({  # extractors.metadata
        "types": ListOf(Record({"name": Text(), "code": Text(null=True)})),
        "issuer_codes": MapOf(Text()), "national_codes": WORDS}),
    "provinces.yml": Record({  # extractors.metadata, extractors.names.resolve
        "provinces": WORDS, "cities": WORDS, "province_word": Text(), "city_word": Text(),
        "levels": WORDS,
        "local_levels": WORDS, "family_names": WORDS, "middle_names": WORDS}),
    "metadata.yml": Record({  # extractors.metadata
        "number": Pattern(), "number_line": Pattern(groups=("number",)),
        "place_date": Pattern(groups=("place", "day", "month", "year")),
        "date_in_words": Pattern(groups=("day", "month", "year")),
        "national_name": Pattern(), "national_motto": Pattern(), "header_stops": WORDS,
        "subject_line": Pattern(groups=("title",)), "title_stops": WORDS, "bare_councils": WORDS,
        "authority_start": Pattern(),
        "issuing_body_starts": WORDS, "offices_of_superior": WORDS,
        "units_of_superior": WORDS,
        "timestamp": Pattern(groups=("year",)), "page_stamp": Pattern(groups=("year",)),
        "issuing_verbs": WORDS, "urgency": WORDS,
        "relayed": Pattern(groups=("doc_type", "number")),
        "cited_source": Pattern(groups=("doc_type", "number", "day", "month", "year")),
        "relayed_date": Pattern(groups=("day", "month", "year")),
        "news_subject": Pattern(),
        "news_opening": Pattern(groups=NEWS_GROUPS), "news_directive_verbs": WORDS,
        "news_issue_verbs": WORDS, "news_lead": Pattern(groups=NEWS_GROUPS),
        "news_issue": Pattern(groups=NEWS_GROUPS), "news_notice": Pattern(groups=NEWS_GROUPS),
        "untold_subject": Pattern(),
        "news_types": WORDS, "news_typed": Pattern(groups=(*NEWS_GROUPS, "doc_type")),
        "headline_typed": Pattern(groups=("doc_type", "number")),
        "headline_issuer": Pattern(groups=("subject",)),
        "subject_level": Pattern(groups=("level", "place")), "speaking": Pattern()}),
    "structure.yml": Record({  # extractors.structure
        "markers": ListOf(Record({"kind": OneOf(MARKER_KINDS), "pattern": Pattern(),
                                  "bullet": Flag(), "decoration": Flag()},
                                 optional=frozenset({"bullet", "decoration"}))),
        "broken_marker": Pattern(), "recipients": Pattern(), "address_block": Pattern(),
        "attachment": Pattern(),
        "signature_words": WORDS,
        "caption": Pattern(), "properties": Pattern(), "abbreviations": WORDS,
        "dangling_end": Pattern()}),
    "pillars.yml": Record({  # extractors.pillars, extractors.roles (pillar headings)
        "threshold": Number(), "digital_context": WORDS,
        "pillars": MapOf(Record({"headings": WORDS, "strong": WORDS, "strong_in_digital": WORDS,
                                 "weak": WORDS}, optional=frozenset({"strong_in_digital"})),
                         keys=OneOf(codes("pillars"))),
        "regulation_title": Pattern(), "plan_types": WORDS, "plan_verbs": WORDS,
        "heading": Pattern(groups=("name",))}),
    "time.yml": Record({  # extractors.times
        "date": Pattern(groups=TIME_GROUPS),
        "expressions": ListOf(Record({"kind": OneOf(TIME_KINDS),
                                      "pattern": Pattern(groups=TIME_GROUPS)})),
        "quoted_cues": WORDS, "deadline_cues": WORDS, "soft_cues": WORDS, "year_cues": WORDS,
        "year_target": Text(),
        "reference_before": PATTERNS, "period_before": PATTERNS, "period_after": PATTERNS,
        "time_of_day": Pattern(), "clause_openers": WORDS,
        "clause_closers": WORDS, "possessives": WORDS, "cited_title": Pattern(), "standing": WORDS,
        "period_due_day": Pattern(), "period_tail": Pattern(),
        "recurrences": ListOf(Record({"pattern": Pattern(),
                                      "value": OneOf(codes("recurrences")), "anywhere": Flag()},
                                     optional=frozenset({"anywhere"})))}),
    "messages.yml": Record({  # pipeline.clerk.messages; review_reasons: extractors.tasks, .language
        "messages": MapOf(Text()),  # tests/test_messages.py: every key the code says exists
        "review_reasons": Record(dict.fromkeys(REVIEW_REASONS, Text())),
        "columns": Record(dict.fromkeys(COLUMN_NAMES, Text()))}),
}


def load_file(name: str, directory: Path | None = None,
              loaded: dict[str, dict] | None = None, schema: Record | None = None) -> dict:
    """One rules file, checked against ``schema`` (default ``SCHEMA[name]``), patterns compiled.

    ``loaded`` holds the files before it in ``SCHEMA`` (it may refer to them: ``labels.yml``'s
    codes, ``doc_types.yml``'s names), keyed by stem; without it they are loaded from
    ``directory``. Raises ``RulesError`` (one line: file, key, problem)."""
    directory = directory or RULES_DIR
    path = directory / name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)
    except FileNotFoundError:
        raise RulesError(f"rules/{name} is missing") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 1})" if where else ""
        raise RulesError(f"rules/{name} is not valid YAML{line}: "
                         f"{getattr(exc, 'problem', None) or exc}") from None
    if loaded is None:
        loaded = {}
        earlier = list(SCHEMA)[:list(SCHEMA).index(name)] if name in SCHEMA else []
        for before in earlier:
            loaded[Path(before).stem] = load_file(before, directory, loaded)
    context = Context(name, raw if isinstance(raw, dict) else {}, loaded)
    return (schema or SCHEMA[name]).check(raw, "", context)


@cache
def load(directory: Path = RULES_DIR) -> dict[str, dict]:
    """Every rules file, checked and compiled once, keyed by its stem ("cues", "time", ...).

    Raises ``RulesError`` for the first mistake found, in ``SCHEMA`` order."""
    loaded: dict[str, dict] = {}
    for name in SCHEMA:
        loaded[Path(name).stem] = load_file(name, directory, loaded)
    return loaded


def message(key: str, **values) -> str:
    """A message for the clerk (rules/messages.yml ``messages``, Vietnamese, ``{name}`` fields
    filled from ``values``): for the readers and the batch, which speak to the clerk through
    their errors and warnings. Raises KeyError for an unknown key or a missing value."""
    return load()["messages"]["messages"][key].format(**values)


def review_reason(key: str, **values) -> str:
    """Why a task needs review, for the clerk (rules/messages.yml ``review_reasons``, Vietnamese,
    ``{name}`` fields filled from ``values``). Raises KeyError for an unknown key."""
    return load()["messages"]["review_reasons"][key].format(**values)
