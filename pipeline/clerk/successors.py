"""Agencies after the 2025 reorganisation: who carries out today a task a document gave to a body
that was merged, split, renamed, or whose province or level of government no longer exists.

The data is ``rules/successors.yml``: ministries (Nghị quyết 176/2025/QH15), provincial
departments (Nghị định 45/2025/NĐ-CP), the end of district-level government (Luật Tổ chức chính
quyền địa phương 2025), merged provinces (Nghị quyết 202/2025/QH15), each entry with its legal
source and effective date. A task keeps the agency as written; ``refresh`` stores its current
name in ``task_agencies.current_agency``, judged by the document's date (an entry applies to
documents dated before it took effect, and to undated ones) and province:

    "Sở Thông tin và Truyền thông", Đắk Nông, 2022
        → written "Sở Thông tin và Truyền thông tỉnh Đắk Nông"
        → current "Sở Khoa học và Công nghệ tỉnh Lâm Đồng"

A duty split among several successors keeps them all ("; " between them) and flags the task
(``needs_review``, reason in Vietnamese) for the clerk to pick one with ``review set --lead``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import regex
import sqlite_utils

from extractors import rules
from extractors.metadata import known_place
from extractors.names import canonical
from extractors.rules import RulesError
from extractors.text import fold

from ..store import writing

NAME_SEPARATOR = "; "  # between the successors of a split duty in current_agency
NAME_SECTIONS = ("ministries", "departments", "local_government")
PROVINCIAL_SECTIONS = ("departments", "local_government")  # their successors are the province's


@dataclass(frozen=True)
class Rule:
    """One entry of rules/successors.yml."""

    names: frozenset[str]  # folded names it replaces (empty when ``pattern`` says)
    pattern: regex.Pattern | None
    successors: tuple[str, ...]
    effective: dt.date
    source: str
    provincial: bool  # its successors are bodies of the document's province

    def replaces(self, name: str) -> bool:
        folded = fold(name)
        return folded in self.names or bool(self.pattern and self.pattern.search(folded))


@dataclass(frozen=True)
class Rules:
    names: tuple[Rule, ...]  # name rules, by effective date
    provinces: tuple[tuple[frozenset[str], str, dt.date, str], ...]  # old, new, date, source
    provincial_heads: tuple[str, ...]  # folded, with a trailing space
    units: dict[str, str]  # the word before a province's name: "tỉnh", "thành phố"


NAME_ENTRY = rules.Record(
    {"from": rules.ListOf(rules.Text()), "pattern": rules.Pattern(),
     "to": rules.ListOf(rules.Text()), "effective": rules.Day(), "source": rules.Text(),
     "note": rules.Text()}, optional=frozenset({"from", "pattern", "note"}))
SCHEMA = rules.Record({
    "provincial_heads": rules.ListOf(rules.Text()),
    "units": rules.Record({"province": rules.Text(), "city": rules.Text()}),
    **dict.fromkeys(NAME_SECTIONS, rules.ListOf(NAME_ENTRY)),
    "provinces": rules.ListOf(rules.Record({
        "from": rules.ListOf(rules.Text()), "to": rules.Text(), "effective": rules.Day(),
        "source": rules.Text()})),
})


def _name_rule(section: str, index: int, entry: dict) -> Rule:
    if not entry.get("from") and not entry.get("pattern"):
        raise RulesError(f"rules/successors.yml: {section}[{index}]: needs 'from' or 'pattern'")
    if not entry["to"]:
        raise RulesError(f"rules/successors.yml: {section}[{index}].to: names no successor")
    return Rule(frozenset(fold(n) for n in entry.get("from", ())), entry.get("pattern"),
                tuple(entry["to"]), entry["effective"], entry["source"],
                section in PROVINCIAL_SECTIONS)


@lru_cache(maxsize=1)
def load() -> Rules:
    """rules/successors.yml, checked against ``SCHEMA`` and compiled. Raises RulesError naming
    file and key."""
    data = rules.load_file("successors.yml", schema=SCHEMA)
    names = [_name_rule(section, index, entry) for section in NAME_SECTIONS
             for index, entry in enumerate(data[section])]
    provinces = [(frozenset(entry["from"]), entry["to"], entry["effective"], entry["source"])
                 for entry in data["provinces"]]
    return Rules(tuple(sorted(names, key=lambda r: r.effective)),
                 tuple(sorted(provinces, key=lambda p: p[2])),
                 tuple(fold(head) + " " for head in data["provincial_heads"]),
                 data["units"])


def unit_of(province: str) -> str:
    """"tỉnh Lâm Đồng", or "thành phố Hà Nội" for a centrally-run city (rules/provinces.yml)."""
    cities = rules.load()["provinces"]["cities"]
    return f"{load().units['city' if province in cities else 'province']} {province}"


def without_place(agency: str, provincial: bool = True) -> tuple[str, str | None]:
    """``agency`` without the province or centrally-run city it ends in, and that place:
    "Sở Y tế tỉnh Gia Lai" → ("Sở Y tế", "Gia Lai"); a bare place only after a provincial head,
    "Sở Y tế Hà Nội" → ("Sở Y tế", "Hà Nội"), since "Báo Đắk Nông" is a paper's name;
    (agency, None) when it ends in no place of rules/provinces.yml."""
    words = agency.split()
    for start in range(1, len(words)):
        place = known_place(" ".join(words[start:]))
        if not place:
            continue
        before = words[:start]
        for unit in load().units.values():
            size = len(unit.split())
            if fold(" ".join(before[-size:])) == fold(unit):
                return " ".join(before[:-size]), place
        return (" ".join(before), place) if provincial else (agency, None)
    return agency, None


def _qualified(name: str, province: str | None, provincial: bool) -> str:
    """The name with its province: "Công an tỉnh" → "Công an tỉnh Đắk Nông", a provincial body
    "Sở Tài chính" → "Sở Tài chính tỉnh Đắk Nông"; other names as they are."""
    if not province:
        return name
    relative = " " + load().units["province"]
    if name.endswith(relative):
        return f"{name[:-len(relative)]} {unit_of(province)}"
    return f"{name} {unit_of(province)}" if provincial else name


@dataclass(frozen=True)
class Successor:
    """An agency as a document wrote it and who it is today."""

    written: str  # with its province: "Sở Thông tin và Truyền thông tỉnh Đắk Nông"
    current: tuple[str, ...]  # today's name, several when the duty was split
    sources: tuple[str, ...]  # the legal bases of the changes

    @property
    def split(self) -> bool:
        return len(self.current) > 1

    @property
    def current_name(self) -> str:
        """What ``task_agencies.current_agency`` stores."""
        return NAME_SEPARATOR.join(self.current)


# The current name of a task_agencies row in SQL: the stored one, else computed. A read-only
# command cannot ``refresh``; rows written since the last refresh still match by today's name.
CURRENT_NAME_SQL = ("coalesce(ta.current_agency, "
                    "current_name(ta.agency, documents.province, documents.issued_date))")
# the name as the lists show it, with the document's province: "Sở Tài chính tỉnh Đắk Nông"
WRITTEN_NAME_SQL = "written_name(ta.agency, documents.province, documents.issued_date)"


def register_current_name(db: sqlite_utils.Database) -> None:
    """Make ``current_name(agency, province, issued)`` (``successor(...).current_name``) and
    ``written_name(...)`` (``successor(...).written``) callable in ``db``'s SQL, for
    CURRENT_NAME_SQL and WRITTEN_NAME_SQL."""
    db.conn.create_function("current_name", 3,
                            lambda *row: successor(*row).current_name if row[0] else None,
                            deterministic=True)
    db.conn.create_function("written_name", 3,
                            lambda *row: successor(*row).written if row[0] else None,
                            deterministic=True)


@lru_cache(maxsize=1 << 16)  # distinct (agency, province, date): a few per document at most
def successor(agency: str, province: str | None, issued: str | None) -> Successor:
    """Who ``agency`` (canonical, as in task_agencies.agency) of a document of ``province``
    issued on ``issued`` (ISO, or None: undated) is today. Raises RulesError."""
    data = load()
    issued_on = dt.date.fromisoformat(issued) if issued else None

    def applies(effective: dt.date) -> bool:
        return issued_on is None or issued_on < effective

    provincial = fold(agency).startswith(data.provincial_heads)
    agency, named_place = without_place(agency, provincial)
    if named_place:
        province, provincial = named_place, True
    relative = " " + data.units["province"]
    stem = agency.removesuffix(relative)
    if provincial and stem != agency and any(rule.replaces(stem) for rule in data.names):
        agency = stem  # "Sở Kế hoạch và Đầu tư tỉnh" of a Bình Định document (clerk's trial)
    names, sources = [agency], []
    for rule in data.names:
        if not applies(rule.effective) or not any(rule.replaces(n) for n in names):
            continue
        names = list(dict.fromkeys(s for n in names
                                   for s in (rule.successors if rule.replaces(n) else (n,))))
        provincial |= rule.provincial
        sources.append(rule.source)
    now_in, province_sources = _province_today(province, issued_on)
    return Successor(_qualified(agency, province, provincial),
                     tuple(_qualified(n, now_in, provincial) for n in names),
                     (*sources, *province_sources))


def reorganised(names: list[str]) -> list[Successor]:
    """The bodies among ``names`` (as a clerk typed them) that no longer exist under that name
    today (merged, split, abolished; or of a merged province when it names one), each with its
    successors: a correction naming "Sở KH&ĐT" is written as typed, and the clerk is told it is
    Sở Tài chính today (new-clerk trial). Raises RulesError."""
    found = [successor(canonical(name), None, None) for name in dict.fromkeys(names)]
    return [f for f in found if f.current != (f.written,)]


def province_today(province: str | None, issued: str | None) -> str | None:
    """The province a document of ``province`` issued on ``issued`` (ISO or None) is in today."""
    return _province_today(province, dt.date.fromisoformat(issued) if issued else None)[0]


def _province_today(province: str | None, issued_on: dt.date | None) -> tuple[str | None, list]:
    sources = []
    for old, new, effective, source in load().provinces:
        if province in old and (issued_on is None or issued_on < effective):
            province = new
            sources.append(source)
    return province, sources


def names(current: str) -> list[str]:
    """The names a ``current_agency`` value holds (several for a split duty)."""
    return current.split(NAME_SEPARATOR)


def display(written: str, current: str | None) -> str:
    """"Sở Thông tin và Truyền thông tỉnh Đắk Nông (nay: Sở Khoa học và Công nghệ tỉnh Lâm Đồng)",
    or the written name alone when it is still today's."""
    return written if not current or current == written else f"{written} (nay: {current})"


def refresh(db: sqlite_utils.Database) -> int:
    """Fill ``task_agencies.current_agency`` where it is missing (rows written since the last
    refresh: a run's new or re-extracted documents, the clerk's agency corrections), and flag the
    tasks whose agency's duty was split. Returns the number of rows filled. Raises RulesError."""
    # tasks' own columns are read only for the few split duties: they follow the task's text,
    # and reading past a long text for every agency row made a --force of 10,000 documents slow
    rows = db.conn.execute(
        "select ta.rowid, ta.task_id, ta.agency, documents.province, documents.issued_date "
        "from task_agencies ta join tasks on tasks.id = ta.task_id join documents on "
        "documents.id = tasks.document_id where ta.current_agency is null").fetchall()
    found = [successor(agency, province, issued) for _, _, agency, province, issued in rows]
    # task id → a split duty
    split = {row[1]: f for row, f in zip(rows, found, strict=True) if f.split}
    with writing(db):
        db.conn.executemany("update task_agencies set current_agency = ? where rowid = ?",
                            [(f.current_name, row[0]) for f, row in zip(found, rows, strict=True)])
        for task_id, successor_of in split.items():
            _flag(db, task_id, successor_of)
    return len(rows)


def _flag(db: sqlite_utils.Database, task_id: int, found: Successor) -> None:
    """Ask the clerk to pick a successor, unless the clerk already ruled on the task."""
    reason = rules.review_reason("split_duty", written=found.written,
                                 successors=", ".join(found.current),
                                 source=" và ".join(found.sources))
    status, reasons = db.conn.execute("select review_status, review_reason from tasks "
                                      "where id = ?", [task_id]).fetchone()
    reasons = [r for r in (reasons or "").split("; ") if r]
    if status is None and reason not in reasons:
        db.conn.execute("update tasks set needs_review = 1, review_reason = ? where id = ?",
                        ["; ".join([*reasons, reason]), task_id])
