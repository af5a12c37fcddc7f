"""An agency name as a clerk types it: matched forgivingly, suggested when unknown, widened to the
collective addressees that include it.

- Accents, case and abbreviations do not matter: "so tai chinh", "STC", "so tt&tt" and
  "Sở TT&TT" are names; a name matches an agency whose name or mention contains it.
- A name that matches nothing in the database or in ``rules/agencies.yml`` is an error
  (``UnknownAgency``) suggesting the closest known names (difflib's ratio on the accent-free
  forms), so "Sở Tài chánh" never answers "0 tasks".
- Unless ``exact``, the tasks of "các sở, ban, ngành" count for "Sở Tài chính"
  (``extractors.names.covers``), and the match says which collectives it took in.

``reached`` is the one rule of who a task is for, used by ``query --agency``, the letters of
``chase`` and the sheets and extracts of ``export``: the real agencies it names and, through a
group, the real agencies of the document's province the group includes; never a group itself.
"""
from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import sqlite_utils

from extractors import rules
from extractors.metadata import known_place, province_name
from extractors.names import (
    canonical,
    covers,
    expand_abbreviations,
    gazetteer,
    is_collective,
    known_entry,
    lexicons,
)
from extractors.text import fold, strip_accents

from . import successors
from .messages import say
from .parse import NotFound
from .successors import CURRENT_NAME_SQL, WRITTEN_NAME_SQL, register_current_name

SUGGESTIONS = 3
# difflib ratio a suggestion needs: "so tai chanh" ~ "so tai chinh" 0.92, "ca tinh" ~ "cong an
# tinh" 0.74
SIMILAR = 0.6
# difflib ratio that makes an unknown name a typo of a known one, refused rather than taken as a
# new body (``agency_known``): "so tai chanh" ~ "so tai chinh" 0.92, "so giao duc va dao
# tai" ~ "... dao tao" 0.95; a new body shares a head only, "ban quan ly du an ho xuan huong" ~
# "ban quan ly du an dau tu xay dung tinh" 0.67, "so noi vu" ~ "so y te" (tinh lam dong) 0.82
TYPO = 0.85


class UnknownAgency(NotFound):
    """No agency of that name; the message (Vietnamese) suggests the closest known names, which
    ``suggestions`` lists."""

    def __init__(self, message: str, suggestions: list[str] | tuple = ()):
        super().__init__(message)
        self.suggestions = list(suggestions)


@dataclass
class AgencyMatch:
    keys: list[str]  # accent-free forms of the name as typed, matched inside agencies and mentions
    agencies: list[str] = field(default_factory=list)  # database agencies the name matches
    collectives: list[str] = field(default_factory=list)  # collective agencies including them

    def names(self, agency: dict) -> bool:
        """Whether a task_agencies row (agency, mention, written: with its document's province,
        current_agency: today's name) is the typed agency itself."""
        text = strip_accents(" ".join(agency.get(k) or "" for k in
                                      ("agency", "mention", "written", "current_agency")))
        return any(key in text for key in self.keys)


def agency_keys(name: str) -> list[str]:
    """Accent-free forms of an agency name as typed: itself, abbreviations expanded (any case),
    canonical."""
    forms = {name, expand_abbreviations(name), expand_abbreviations(name, any_case=True),
             canonical(name)}
    return sorted({strip_accents(" ".join(f.split())) for f in forms if f.strip()})


def database_agencies(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Every agency the tasks name → the mentions it was written as, its name with its
    document's province as the lists show it ("Sở Tài chính tỉnh Đắk Nông": typed back, it is
    known) and its name today."""
    register_current_name(db)
    found: dict[str, list[str]] = {}
    for row in db.query(f"select distinct ta.agency, ta.mention, {WRITTEN_NAME_SQL} as written, "
                        f"{CURRENT_NAME_SQL} as current_agency from task_agencies ta join tasks "
                        "on tasks.id = ta.task_id join documents on documents.id = "
                        "tasks.document_id"):
        found.setdefault(row["agency"], []).extend(
            name for name in (row["mention"], row["written"], row["current_agency"]) if name)
    return found


def match(db: sqlite_utils.Database, name: str, exact: bool = False) -> AgencyMatch:
    """The agencies of the database a typed name matches, and (unless ``exact``) the collectives
    that include them. Raises UnknownAgency when the name is neither in the database nor in
    rules/agencies.yml."""
    name = known_spelling(db, name)  # "so y te dak lak" → "Sở Y tế tỉnh Đắk Lắk"
    keys = agency_keys(name)
    if not any(keys):
        raise UnknownAgency(say("unknown_agency", name=name))
    known = database_agencies(db)
    if not agency_known(db, name):  # a typo raises there; any other unknown name is no agency
        close = closest(name, known)
        raise UnknownAgency(unknown_message(name, close), close)
    result = AgencyMatch(keys=keys)
    result.agencies = [agency for agency, mentions in known.items()
                       if any(result.names({"agency": agency, "mention": m}) for m in mentions)]
    if not exact:
        names = result.agencies or [canonical(name)]
        result.collectives = sorted(c for c in known if c not in result.agencies
                                    and members(c, names))
    return result


def agency_known(db: sqlite_utils.Database, name: str) -> bool:
    """The one check of an agency name the clerk typed (``query --agency``, ``review set
    --lead/--support``, the review page): True for a name the tasks of ``db`` or
    ``rules/agencies.yml`` know (``recognised``); False for a name close to none of them, a body
    not in the catalogue; raises ``UnknownAgency`` with the closest names when it is as close to
    one as a typo is (``TYPO``): "Sở Tài chánh" is "Sở Tài chính" misspelt, never a body of its
    own."""
    known = database_agencies(db)
    if recognised(name, known):
        return True
    close = closest(name, known, TYPO)
    if close:
        raise UnknownAgency(unknown_message(name, close), close)
    return False


def known_spelling(db: sqlite_utils.Database, name: str, others: Iterable[str] = ()) -> str:
    """The name as the tasks, ``others`` (the documents' issuers, for an issuer) or
    ``rules/agencies.yml`` write it, when the clerk typed that very
    name with some or all of its accents left out or its case otherwise ("so khoa hoc va cong
    nghe" → "Sở Khoa học và Công nghệ", "Sở Nội vu" → "Sở Nội vụ"); ``name`` when it spells no
    one name so. A name typed so would otherwise be stored as typed and go into the letters
    (new-clerk trials)."""
    def key(text: str) -> str:
        return " ".join(strip_accents(expand_abbreviations(text, any_case=True)).split())

    by_key: dict[str, set[str]] = {}
    for candidate in {*database_agencies(db), *others,
                      *(e["name"] for e in gazetteer().values())}:
        by_key.setdefault(key(candidate), set()).add(candidate)

    def spelled(typed: str) -> str | None:
        found = {c for c in by_key.get(key(typed), set()) if _accents_within(typed, c)}
        return next(iter(found)) if len(found) == 1 else None

    return spelled(name) or _spelled_in_province(name, spelled) or name


def _accents_within(typed: str, candidate: str) -> bool:
    """Whether ``typed`` is ``candidate`` with some of its accents left out, none put in or
    changed: a name the clerk typed with its accents ("đoàn thể") is never replaced by a stored
    spelling whose accents differ ("đoản thê", read so by OCR; clerk's trial, stop 35)."""
    def letters(text: str) -> str:
        return " ".join(expand_abbreviations(text, any_case=True).split()).lower()

    typed, candidate = letters(typed), letters(candidate)
    return len(typed) == len(candidate) and all(
        _marks_within(t, c) for t, c in zip(typed, candidate, strict=True))


def _marks_within(typed: str, known: str) -> bool:
    """Whether the letter ``typed`` is ``known`` less some of its marks ("o" or "ô" of "ộ", "d"
    of "đ")."""
    if typed == known or (typed, known) == ("d", "đ"):
        return True
    base, *marks = unicodedata.normalize("NFD", typed)
    known_base, *known_marks = unicodedata.normalize("NFD", known)
    return base == known_base and set(marks) <= set(known_marks)


def _spelled_in_province(name: str, spelled) -> str | None:
    """A known name followed by its province typed without accents ("so noi vu tinh lao cai"
    → "Sở Nội vụ tỉnh Lào Cai", clerk's trial 2026-12-02) or without its level ("Sở Tài chính
    Quảng Trị", "so y te dak lak" → "... tỉnh Quảng Trị", "... tỉnh Đắk Lắk": new-clerk trial),
    the province as ``rules/provinces.yml`` writes it; None when ``name`` is no such pair."""
    words = name.split()
    levels = {strip_accents(level).lower() for level in rules.load()["provinces"]["levels"]}
    for i in range(len(words) - 1, 0, -1):
        province = known_place(" ".join(words[i:]))
        if not province:
            continue
        head = words[:i]
        for size in (2, 1):  # the level before it: "tỉnh", "thành phố"
            if len(head) <= size or strip_accents(" ".join(head[-size:])).lower() not in levels:
                continue
            body = spelled(" ".join(head[:-size]))
            if body:
                return f"{body} {province_name(province)}"
            body = spelled(" ".join(head))  # a name that holds its level: "Công an tỉnh"
            if body:
                return f"{body} {province}"
        body = spelled(" ".join(head))  # no level typed: "Sở Y tế Đắk Lắk"
        if body:
            return f"{body} {province_name(province)}"
    return None


def recognised(name: str, known: Mapping[str, list[str]]) -> bool:
    """Whether a typed name is one the tasks use (``known``: ``database_agencies``; the name, or
    part of it, in an agency, a mention or today's name) or ``rules/agencies.yml`` holds (part
    of a name of it, or one of it followed by a province: "Sở Tài chính tỉnh Nghệ An"), or a
    group its patterns know (``is_group``: "Các ngành, địa phương")."""
    if is_group(name):
        return True
    keys = [key for key in agency_keys(name) if key]
    probe = AgencyMatch(keys=keys)
    if any(probe.names({"agency": agency, "mention": mention})
           for agency, mentions in known.items() for mention in [None, *mentions]):
        return True
    in_rules = {strip_accents(entry["name"]) for entry in gazetteer().values()}
    if any(key in known_name for key in keys for known_name in in_rules):
        return True
    body, place = successors.without_place(canonical(name))
    return place is not None and known_entry(body) is not None


def closest(name: str, known: Mapping[str, list[str]], cutoff: float = SIMILAR) -> list[str]:
    """The names of the tasks (``known``) and of ``rules/agencies.yml`` closest to ``name``, at
    least ``cutoff`` alike (``suggestions``); for a name ending in a province, those closest to
    the body before it too ("Sở Tài chánh tỉnh Nghệ An" → "Sở Tài chính")."""
    candidates = [*known, *(e["name"] for e in gazetteer().values())]
    body, place = successors.without_place(canonical(name))
    return suggestions(name, candidates, cutoff) or \
        (suggestions(body, candidates, cutoff) if place else [])


def is_group(name: str) -> bool:
    """Whether a name addresses a group, not one agency: "Các sở, ban, ngành", "Các đơn vị liên
    quan", "UBND cấp huyện" (``extractors.names.is_collective``), or kinds of body listed
    without "các": "Sở, ban, ngành", "Cơ quan, địa phương có liên quan" (a bare
    ``collectives`` word of rules/agency_patterns.yml, a comma, and a part opening with one;
    "Sở Văn hóa, Thể thao và Du lịch" is one body)."""
    folded = fold(name)
    if is_collective(folded.split()):
        return True
    parts = [" ".join(part.split()) for part in folded.split(",")]
    words = lexicons()["collectives"]
    return len(parts) > 1 and parts[0] in words.phrases and words.starts(parts[1])


def members(collective: str, names: Iterable[str]) -> list[str]:
    """The agency names among ``names`` that ``collective`` includes ("Các sở, ban, ngành":
    every "Sở ..."; ``extractors.names.covers``, rules/agency_patterns.yml
    ``collective_members``): the tasks of the collective are theirs too."""
    return [name for name in names if covers(collective, name)]


class Reach(NamedTuple):
    """A real agency a task reaches, by today's name, and the group it was given to when the
    task does not name the agency itself."""

    role: str  # "lead" | "support"
    agency: str
    group: str | None


def named_agencies(task: dict) -> set[tuple[str, str]]:
    """(role, today's name) of every addressee a task names (``query.iter_tasks``'s
    ``task["agencies"]``), groups included; each name of a "A; B" value (the successors of a
    split duty, ``successors.names``) on its own."""
    return {(a["role"], name) for a in task["agencies"]
            for name in successors.names(a["current_agency"] or a["agency"])}


def rows_naming(task: dict, agency: str) -> list[dict]:
    """The task's ``agencies`` rows whose name today is, or (a split duty) includes,
    ``agency``: empty when the task reaches it through a group only."""
    return [a for a in task["agencies"]
            if agency in successors.names(a["current_agency"] or a["agency"])]


def province_of(task: dict) -> str | None:
    """The province (today's) of the document that gave the task."""
    return successors.province_today(task["document"]["province"],
                                     task["document"]["issued_date"])


def locality(province: str | None, document_id: int) -> str:
    """Where the groups of a document's tasks reach: its province (today's), or the document
    alone when no province was read ("các ngành, đoàn thể xã" of one commune's plan is no other
    commune's; trial of 2026-12-02)."""
    return province or f"document {document_id}"


def reached(task: dict, local: Mapping[str, Collection[str]]) -> list[Reach]:
    """The real agencies a task reaches: those it names, then, for each group it names, the
    agencies of ``local[its locality]`` (``known_agencies``: locality → real agencies) the group
    includes (``members``) and the task does not name. A group is never reached, nor an agency
    of another province (or, without one, of another document) through a group. Each (role,
    agency) once, the first way found."""
    named = named_agencies(task)
    found = {(role, name): Reach(role, name, None)
             for role, name in sorted(named) if not is_group(name)}
    where = locality(province_of(task), task["document"]["id"])
    candidates = [name for name in sorted(local.get(where, ()))
                  if name not in {n for _, n in named}]
    for role, group in sorted(named):
        if is_group(group):
            for member in members(group, candidates):
                found.setdefault((role, member), Reach(role, member, group))
    return list(found.values())


def known_agencies(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """Locality (``locality``: the province today) → the real agencies (today's names) the tasks
    of its documents name: the agencies a group there can reach. Rejected tasks, removed files
    and the files not representing their directive do not count, as in ``query.iter_tasks``."""
    register_current_name(db)
    rows = db.query(
        f"select distinct ta.agency, {CURRENT_NAME_SQL} as current_agency, documents.province, "
        "documents.issued_date, documents.id as document_id from task_agencies ta join tasks "
        "on tasks.id = ta.task_id join documents on documents.id = tasks.document_id join "
        "directives on directives.document_id = documents.id where "
        "coalesce(tasks.review_status, '') != 'rejected' and documents.status != 'removed'")
    known: dict[str, set[str]] = {}
    for row in rows:
        province = successors.province_today(row["province"], row["issued_date"])
        known.setdefault(locality(province, row["document_id"]), set()).update(
            name for name in successors.names(row["current_agency"] or row["agency"])
            if not is_group(name))
    return known


def suggestions(name: str, candidates: list[str], cutoff: float = SIMILAR) -> list[str]:
    """The known names closest to ``name``, best first (accents, case, abbreviations aside), at
    least ``cutoff`` alike (difflib's ratio)."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(strip_accents(candidate), candidate)
    typed = strip_accents(expand_abbreviations(name, any_case=True))
    return [by_key[key] for key in
            difflib.get_close_matches(typed, list(by_key), n=SUGGESTIONS, cutoff=cutoff)]


def unknown_message(name: str, close: list[str]) -> str:
    """"No agency of that name", with "did you mean" when there are close names."""
    if not close:
        return say("unknown_agency", name=name)
    return say("unknown_agency_suggest", name=name,
               suggestions=", ".join(say("suggestion", name=c) for c in close))
