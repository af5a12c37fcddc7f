"""Chasing (đôn đốc): one Word letter per agency with overdue or soon-due tasks.

Each letter is addressed to the agency by today's name (``successors``), in the layout of Nghị
định 30/2020/NĐ-CP (``official``), and lists in one table the tasks the agency leads and in
another those it supports: STT | Nhiệm vụ (with its deliverable) | Văn bản giao | Hạn | Tình
trạng. The texts are ``rules/letters.yml`` ``chase``.
Only real agencies get a letter (``agencies.reached``, the rule of ``query`` and ``export``): a
task given to a group is in the letter of each agency of its province the group includes,
marked so, and each successor of a split duty gets its own.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils
from docx.shared import Cm

from ..numbers import number
from . import followup, official
from .agencies import AgencyMatch, agency_keys, known_agencies, province_of, reached, rows_naming
from .export import fresh_paths, marked
from .query import Filters, find_tasks

LATE = ("overdue", "due_soon")
TABLE_WIDTHS = [Cm(1.3), Cm(7.2), Cm(3.2), Cm(2.4), Cm(2.4)]  # 16.5 cm: A4 less the margins


@dataclass
class Letter:
    """The tasks one agency (today's name) is chased for."""

    agency: str  # its name today (one successor of a split duty)
    # the tasks, each with the group it was given to, None when the task names the agency
    lead: list[tuple[dict, str | None]] = field(default_factory=list)
    support: list[tuple[dict, str | None]] = field(default_factory=list)
    written: set[str] = field(default_factory=set)  # the names the documents used
    path: Path | None = None

    def count(self, category: str) -> int:
        return sum(t["follow_up"].category == category for t, _ in self.lead + self.support)


@dataclass
class Chasing:
    """What ``write_letters`` did: the letters, their issuer, and the late tasks no letter holds:
    those only a group reaches that includes no agency the tasks name (``unreached``), and those
    of the issuing office itself (``own``), which chases no one for them."""

    letters: list[Letter]
    issuer: official.Issuer
    unreached: list[dict] = field(default_factory=list)
    own: list[dict] = field(default_factory=list)


def late_letters(db: sqlite_utils.Database, as_of: dt.date, within: int | None = None,
                 agency: str | None = None) -> list[Letter]:
    """Per real agency a late task reaches (``agencies.reached``: today's name), its overdue and
    soon-due tasks (due within ``within`` days, default rules/followup.yml), as lead and as
    support; only agencies matching ``agency`` (accents, case, abbreviations ignored; by a name
    a task wrote too) when given. Agencies with most overdue tasks first."""
    return _late(db, as_of, within, agency)[0]


def _late(db: sqlite_utils.Database, as_of: dt.date, within: int | None,
          agency: str | None) -> tuple[list[Letter], list[dict]]:
    """``late_letters``, and the late tasks that reach no agency."""
    typed = AgencyMatch(agency_keys(agency)) if agency else None
    local = known_agencies(db)
    letters: dict[str, Letter] = {}
    unreached = []
    for task in find_tasks(db, Filters(agency=agency, as_of=as_of, within=within)):
        if task["follow_up"].category not in LATE:
            continue
        reaches = reached(task, local)
        if not reaches:
            unreached.append(task)
        for role, name, group in reaches:
            rows = rows_naming(task, name)
            if typed and not any(typed.names(a) for a in rows or [{"agency": name}]):
                continue
            letter = letters.setdefault(name, Letter(name))
            getattr(letter, role).append((task, group))
            letter.written |= {a["written"] for a in rows}
    ordered = sorted(letters.values(), key=lambda letter: (-letter.count("overdue"), letter.agency))
    return ordered, unreached


def status_cell(task: dict, as_of: dt.date) -> str:
    """"quá hạn 16 ngày; đang thực hiện", "sắp đến hạn": the category and the clerk's status."""
    judged = task["follow_up"]
    label = followup.category_label(judged.category)
    if judged.category == "overdue":
        label = official.texts()["table"]["overdue_days"].format(
            label=label, days=(as_of - judged.due).days)
    recorded = judged.state.get("status")
    return f"{label}; {followup.status_label(recorded)}" if recorded else label


def late_counts(letter: Letter) -> str:
    """"1 nhiệm vụ quá hạn và 2 nhiệm vụ sắp đến hạn" of the opening, a count of zero left out
    ("1 nhiệm vụ quá hạn"): rules/letters.yml ``chase.counts``."""
    words = official.texts()["chase"]["counts"]
    return words["joiner"].join(words[category].format(count=number(letter.count(category)))
                                for category in LATE if letter.count(category))


def write_letter(letter: Letter, path: Path, issuer: official.Issuer, as_of: dt.date) -> Path:
    """The letter as .docx at ``path``."""
    words = official.texts()["chase"]
    headers = official.texts()["table"]["headers"]
    document = official.new_document()
    official.add_header(document, issuer, as_of, words["subject"])
    addressed = letter.agency
    official.add_paragraph(document, words["salutation"].format(agency=addressed), centered=True)
    official.add_paragraph(document, words["opening"].format(
        issuer=issuer.short, agency=addressed,
        date=official.vietnamese_date(as_of), counts=late_counts(letter)))
    renamed = sorted(letter.written - {addressed})
    if renamed:
        official.add_paragraph(document, words["split_note"].format(
            written=", ".join(renamed), agency=addressed))
    sections = [(words["lead_caption"], letter.lead), (words["support_caption"], letter.support)]
    for position, (caption, tasks) in enumerate([s for s in sections if s[1]], start=1):
        official.add_paragraph(document, caption.format(number=position, agency=addressed),
                               bold=True)
        rows = [[str(n), marked(official.task_cell(t), group),
                 official.source_line(t, with_title=False), official.deadline_text(t),
                 status_cell(t, as_of)] for n, (t, group) in enumerate(tasks, start=1)]
        official.add_table(document, headers, rows, TABLE_WIDTHS)
    reply_by = as_of + dt.timedelta(days=words["reply_days"])
    official.add_paragraph(document, words["request"].format(
        agency=addressed, issuer=issuer.short,
        reply_by=official.vietnamese_date(reply_by), unit=issuer.unit))
    recipients = [line.format(unit=issuer.unit)
                  for line in official.texts()["recipients"]["chase"]]
    official.add_closing(document, recipients)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def write_letters(db: sqlite_utils.Database, folder: Path, as_of: dt.date,
                  within: int | None = None, agency: str | None = None) -> Chasing:
    """One letter per late agency in ``folder`` (earlier letters there are replaced; for one
    ``agency``, that agency's only: the clerk may have filled in the others), from the office of
    the province most tasks come from (its name today; ``official.office_issuer``), but for that
    office itself. Returns the letters, each with its ``path``, their issuer and the late tasks
    no letter holds (``Chasing``)."""
    letters, unreached = _late(db, as_of, within, agency)
    issuer = official.office_issuer(
        [province_of(t) for letter in letters for t, _ in letter.lead + letter.support])
    office = set(agency_keys(issuer.short))
    own = [letter for letter in letters if office & set(agency_keys(letter.agency))]
    letters = [letter for letter in letters if letter not in own]
    paths = fresh_paths(folder, [letter.agency for letter in letters], replace_all=not agency)
    for letter, path in zip(letters, paths, strict=True):
        letter.path = write_letter(letter, path, issuer, as_of)
    return Chasing(letters, issuer, unreached,
                   [t for letter in own for t, _ in letter.lead + letter.support])
