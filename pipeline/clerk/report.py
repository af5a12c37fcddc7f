"""The progress report: per lead agency (today's name), how many of its tasks are done on time,
done late, in progress within the deadline, overdue, or without a deadline, and the on-time rate,
as the Government's rules on following up assigned tasks count them.

Written as an Excel workbook (a sheet of counts, a sheet of tasks), a Word report in the layout
of Nghị định 30/2020/NĐ-CP (``official``) and a chart. The on-time rate is the tasks done on
time over the tasks that fell due (done on time + done late + overdue); "-" when none did.
``--from``/``--to`` keep the tasks due in that window (the deadline judged: an extension, a
recurring task's period); tasks without a deadline are always counted. Texts are
``rules/letters.yml`` ``report``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from docx.shared import Cm

from extractors.text import fold

from ..numbers import number, percent, tick_label
from . import followup, official, successors
from .agencies import known_agencies, named_agencies, reached
from .query import Filters, agency_names, find_tasks

# The report's columns after the agency: follow-up categories, "in progress" being both
# "in time" and "due soon"
COUNTED = {"done_on_time": ("done_on_time",), "done_late": ("done_late",),
           "in_progress": ("in_time", "due_soon"), "overdue": ("overdue",),
           "no_deadline": ("no_deadline",)}
TABLE_WIDTHS = [Cm(1.2), Cm(4.2), *[Cm(1.55)] * 7]  # 16.5 cm: A4 portrait less the margins
CHART_AGENCIES = 20  # the chart shows the agencies with most tasks; the tables show all
FILES = {"workbook": "report.xlsx", "document": "report.docx", "chart": "report.png"}
CHART_COLOURS = {"done_on_time": "#2a9d8f", "done_late": "#8ab17d", "in_progress": "#4a7de0",
                 "overdue": "#e76f51", "no_deadline": "#bbbbbb"}


@dataclass
class Counts:
    """One row of the report."""

    agency: str
    done_on_time: int = 0
    done_late: int = 0
    in_progress: int = 0
    overdue: int = 0
    no_deadline: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, column) for column in COUNTED)

    @property
    def rate(self) -> float | None:
        """Done on time over the tasks that fell due; None when none did."""
        fell_due = self.done_on_time + self.done_late + self.overdue
        return self.done_on_time / fell_due if fell_due else None

    def add(self, category: str) -> None:
        column = next(c for c, categories in COUNTED.items() if category in categories)
        setattr(self, column, getattr(self, column) + 1)


def report_tasks(db: sqlite_utils.Database, as_of: dt.date, start: dt.date | None = None,
                 end: dt.date | None = None) -> list[dict]:
    """The tasks judged on ``as_of`` whose deadline falls within [start, end] (either may be
    None), and every task without a deadline."""
    def within(task: dict) -> bool:
        due = task["follow_up"].due
        return due is None or ((start is None or due >= start) and (end is None or due <= end))
    return [t for t in find_tasks(db, Filters(as_of=as_of)) if within(t)]


def count(tasks: list[dict], local: Mapping[str, Collection[str]]) -> list[Counts]:
    """Counts per lead agency by today's name, split as ``chase`` and ``export`` split them
    (``agencies.reached``; ``local``: ``agencies.known_agencies``): a task with two leads, or a
    "A; B" lead, counts for each; one given to a group for each agency of its province the
    group includes, under the group's name only when it includes none; one without a lead
    under rules/letters.yml ``no_agency``. A name written in other capitals is the same row
    ("Các Sở, Ban, ngành", "Các sở, ban, ngành": clerk's trial, stop 35), under its first
    spelling. Most tasks first."""
    rows: dict[str, Counts] = {}
    unknown = official.texts()["report"]["no_agency"]
    for task in tasks:
        leads = {name for role, name, _ in reached(task, local) if role == "lead"} or \
            {name for role, name in named_agencies(task) if role == "lead"}
        for agency in sorted(leads) or [unknown]:
            rows.setdefault(fold(agency), Counts(agency)).add(task["follow_up"].category)
    return sorted(rows.values(), key=lambda row: (-row.total, row.agency))


def total(tasks: list[dict]) -> Counts:
    """The whole: each task once, however many leads it has."""
    whole = Counts(official.texts()["report"]["total_row"])
    for task in tasks:
        whole.add(task["follow_up"].category)
    return whole


def rate_text(rate: float | None) -> str:
    """"85,7%" (a decimal comma), or the report's "no rate" mark."""
    if rate is None:
        return official.texts()["report"]["no_rate"]
    return percent(rate, 1)


def cell_text(value: str | int) -> str:
    """A cell of the Word table: a count as ``number`` writes it, a name as it is."""
    return number(value) if isinstance(value, int) else value


def _cells(row: Counts) -> list:
    return [row.agency, row.total, *(getattr(row, column) for column in COUNTED)]


# -- the three files ------------------------------------------------------------------------------

def write_workbook(path: Path, rows: list[Counts], whole: Counts, tasks: list[dict]) -> Path:
    """report.xlsx: the counts (frozen header, the rate as a percentage), then every task."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    words = official.texts()["report"]
    workbook = Workbook()
    counts = workbook.active
    counts.title = words["sheets"]["counts"]
    counts.append(words["headers"])
    for position, row in enumerate([*rows, whole], start=1):
        counts.append([position if row is not whole else None, *_cells(row), row.rate])
        counts.cell(counts.max_row, len(words["headers"])).number_format = "0.0%"
    for cell in (*counts[1], *counts[counts.max_row]):
        cell.font = Font(bold=True)
    counts.column_dimensions["B"].width = 45
    counts.freeze_panes = "A2"
    listing = workbook.create_sheet(words["sheets"]["tasks"])
    listing.append(words["task_headers"])
    for task in tasks:
        judged = task["follow_up"]
        listing.append([
            task["id"], agency_names(task, "lead"), task["text"], task["deliverable"],
            official.source_line(task, with_title=False), judged.due,
            followup.period_label(judged.period),
            followup.status_label(judged.state.get("status")),
            followup.category_label(judged.category),
            dt.date.fromisoformat(judged.state["done_on"]) if judged.state.get("done_on")
            else None, judged.state.get("note")])
    for column in ("F", "J"):
        for cell in listing[column][1:]:
            cell.number_format = "DD/MM/YYYY"
    for cell in listing[1]:
        cell.font = Font(bold=True)
    listing.freeze_panes = "A2"
    listing.auto_filter.ref = listing.dimensions
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def write_document(path: Path, rows: list[Counts], whole: Counts, issuer: official.Issuer,
                   as_of: dt.date, start: dt.date | None, end: dt.date | None) -> Path:
    """report.docx: a BÁO CÁO in the decree's layout with the table of counts."""
    words = official.texts()["report"]
    window = words["window"].format(start=official.vietnamese_date(start) or "...",
                                    end=official.vietnamese_date(end or as_of)) \
        if start or end else ""
    document = official.new_document()
    official.add_header(document, issuer, as_of, code=words["code"])
    official.add_title(document, words["title"], words["subject"].format(window=window))
    day = official.vietnamese_date(as_of)
    official.add_paragraph(document, words["opening"].format(issuer=issuer.short, date=day))
    official.add_paragraph(document, words["summary"].format(
        total=number(whole.total),
        **{column: number(getattr(whole, column)) for column in COUNTED},
        rate=rate_text(whole.rate)))
    official.add_paragraph(document, words["table_caption"], bold=True, centered=True)
    table_rows = [[str(n), *map(cell_text, _cells(row)), rate_text(row.rate)]
                  for n, row in enumerate(rows, start=1)]
    table_rows.append(["", *map(cell_text, _cells(whole)), rate_text(whole.rate)])
    official.add_table(document, words["headers"], table_rows, TABLE_WIDTHS, size=11)
    counted = sum(row.total for row in rows)
    if counted > whole.total:  # a task counted for each of its leads (clerk's trial, stop 35)
        official.add_paragraph(document, words["shared_note"].format(
            rows=number(counted), total=number(whole.total)))
    official.add_paragraph(document, words["closing"].format(issuer=issuer.short))
    official.add_closing(document, [line.format(unit=issuer.unit)
                                    for line in official.texts()["recipients"]["report"]])
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def write_chart(path: Path, rows: list[Counts], as_of: dt.date) -> Path:
    """report.png: one stacked bar per agency (the CHART_AGENCIES with most tasks), a colour
    per column of the report."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    words = official.texts()["report"]
    labels = dict(zip(COUNTED, words["headers"][3:8], strict=True))
    shown = rows[:CHART_AGENCIES][::-1]  # the largest at the top
    figure, axes = plt.subplots(figsize=(11, 1.5 + 0.45 * max(len(shown), 1)))
    left = [0] * len(shown)
    for column in COUNTED:
        values = [getattr(row, column) for row in shown]
        axes.barh([row.agency for row in shown], values, left=left, label=labels[column],
                  color=CHART_COLOURS[column])
        left = [a + b for a, b in zip(left, values, strict=True)]
    figure.suptitle(words["chart_title"].format(date=official.vietnamese_date(as_of)))
    axes.set_xlabel(words["chart_axis"])
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_formatter(tick_label)
    axes.legend(loc="lower right", fontsize=8)
    axes.grid(axis="x", alpha=.3)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def write_report(db: sqlite_utils.Database, folder: Path, as_of: dt.date,
                 start: dt.date | None = None, end: dt.date | None = None) -> dict:
    """report.xlsx, report.docx and report.png in ``folder``, from the office of the province
    most tasks come from. Returns {"workbook", "document", "chart": path, "total": Counts,
    "issuer": official.Issuer}."""
    tasks = report_tasks(db, as_of, start, end)
    rows = count(tasks, known_agencies(db))
    whole = total(tasks)
    issuer = official.office_issuer(
        [successors.province_today(t["document"]["province"], t["document"]["issued_date"])
         for t in tasks])
    return {"issuer": issuer,
            "workbook": write_workbook(folder / FILES["workbook"], rows, whole, tasks),
            "document": write_document(folder / FILES["document"], rows, whole, issuer, as_of,
                                       start, end),
            "chart": write_chart(folder / FILES["chart"], rows, as_of),
            "total": whole}
