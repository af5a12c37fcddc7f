"""What the office hands out: an Excel workbook of every task (one sheet per lead agency too) and
one Word extract per lead agency listing its tasks, deadlines and source documents. Agencies go
by the name they have today (``successors``), each task's as written beside it.

The workbook is written row by row (openpyxl's write-only mode) and every file is written whole
(``save_whole``). Text is never a formula: every string cell is written as a string.
"""
from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path

import regex
import sqlite_utils

from extractors.text import strip_accents

from . import official
from .messages import column_name
from .query import COLUMNS, Filters, agency_names, find_tasks, flat, is_overdue

ALL_TASKS_SHEET = "Tất cả nhiệm vụ"
OVERDUE_HEADER = "Quá hạn"
SHEET_NAME_MAX = 31
SHEET_FORBIDDEN = regex.compile(r"[\[\]:*?/\\]")
COLUMN_WIDTHS = {"id": 7, "deadline": 14, "lead": 30, "support": 30, "text": 80,
                 "deliverable": 30, "follow_up": 18, "recurrence": 12, "pillar": 22, "document": 24,
                 "needs_review": 11, "review_status": 11}
OVERDUE_FILL = "FFF4CCCC"
HEADER_FILL = "FFDCE6F1"
TASK_STYLE, OVERDUE_STYLE, DATE_STYLE, HEADER_STYLE = "Nhiệm vụ", "Quá hạn", "ngày", "Tiêu đề"


def tasks_by_lead(tasks: list[dict], role: str = "lead") -> dict[str, list[dict]]:
    """Agency of ``role``, by today's name → its tasks, agencies with the most tasks first."""
    grouped: dict[str, list[dict]] = {}
    for task in tasks:
        names = {a["current_agency"] for a in task["agencies"] if a["role"] == role}
        for agency in sorted(names):
            grouped.setdefault(agency, []).append(task)
    return dict(sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0])))


def sheet_names(names: list[str], reserved: tuple[str, ...] = (ALL_TASKS_SHEET,)) -> list[str]:
    """Excel-safe sheet names: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    taken = {r.casefold() for r in reserved}
    result = []
    for name in names:
        base = " ".join(SHEET_FORBIDDEN.sub(" ", name).split()).strip("'") or "Cơ quan"
        candidate, n = base[:SHEET_NAME_MAX], 1
        while candidate.casefold() in taken or candidate.casefold() == "history":
            n += 1
            suffix = f" ({n})"
            candidate = base[:SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


SHEET_COLUMNS = tuple(key for key in COLUMNS if key != "collective")  # no agency filter here


def cell_values(task: dict) -> list:
    row = flat(task)
    row["deadline"] = dt.date.fromisoformat(row["deadline"]) if row["deadline"] else None
    return [row[key] for key in SHEET_COLUMNS] + [OVERDUE_HEADER if is_overdue(task) else ""]


def add_styles(workbook) -> None:
    """The named styles of the sheets' cells. One style a cell by name: setting a cell's font,
    fill and alignment one by one hashes them on every cell (30,000 tasks: minutes)."""
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill

    wrapped = Alignment(wrap_text=True, vertical="top")
    overdue = PatternFill("solid", fgColor=OVERDUE_FILL)
    for name, fill in ((TASK_STYLE, None), (OVERDUE_STYLE, overdue)):
        workbook.add_named_style(NamedStyle(name, alignment=wrapped, fill=fill or PatternFill()))
        workbook.add_named_style(NamedStyle(f"{name} {DATE_STYLE}", alignment=wrapped,
                                            fill=fill or PatternFill(), number_format="DD/MM/YYYY"))
    workbook.add_named_style(NamedStyle(HEADER_STYLE, font=Font(bold=True),
                                        fill=PatternFill("solid", fgColor=HEADER_FILL)))


def fill_sheet(workbook, title: str, tasks: Iterable[dict]) -> None:
    """One sheet of the write-only ``workbook`` (``add_styles`` done): a bold header, frozen
    and filtered, a row per task, deadlines as dates, overdue rows in red."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    keys = [*SHEET_COLUMNS, "overdue"]
    for i, key in enumerate(keys, start=1):  # before the first row, in write-only mode
        sheet.column_dimensions[get_column_letter(i)].width = COLUMN_WIDTHS.get(key, 10)
    sheet.freeze_panes = "A2"
    deadline_column = SHEET_COLUMNS.index("deadline")

    def cell(value, style: str):
        written = WriteOnlyCell(sheet, value)
        if isinstance(value, str):
            written.data_type = "s"  # "=1+2" stays text: openpyxl would store it as a formula
        written.style = style
        return written

    sheet.append([cell(h, HEADER_STYLE)
                  for h in [*(column_name(k) for k in SHEET_COLUMNS), OVERDUE_HEADER]])
    rows = 1
    for task in tasks:
        style = OVERDUE_STYLE if is_overdue(task) else TASK_STYLE
        row = [cell(value, style) for value in cell_values(task)]
        row[deadline_column].style = f"{style} {DATE_STYLE}"
        sheet.append(row)
        rows += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{rows}"


def write_workbook(db: sqlite_utils.Database, path: Path, as_of: dt.date | None = None) -> Path:
    """tasks.xlsx: all tasks on the first sheet, then one sheet per lead agency (today's name)."""
    from openpyxl import Workbook

    tasks = find_tasks(db, Filters(as_of=as_of))
    workbook = Workbook(write_only=True)
    add_styles(workbook)
    fill_sheet(workbook, ALL_TASKS_SHEET, tasks)
    by_lead = tasks_by_lead(tasks)
    for name, agency_tasks in zip(sheet_names(list(by_lead)), by_lead.values(), strict=True):
        fill_sheet(workbook, name, agency_tasks)
    return save_whole(path, workbook.save)


def save_whole(path: Path, save: Callable) -> Path:
    """``save(file)`` into memory, then the bytes to ``path`` through a file beside it. A full
    disk then fails one plain write: the earlier file stays whole, and no library is left half
    way through its archive (openpyxl's unfinished sheets print tracebacks at exit)."""
    buffer = io.BytesIO()
    save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(buffer.getvalue())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


# -- Word extracts --------------------------------------------------------------------------------

def file_slug(name: str) -> str:
    """An accent-free file name for an agency: "Sở Tài chính" → "so-tai-chinh"."""
    return regex.sub(r"[^a-z0-9]+", "-", strip_accents(name)).strip("-")[:80] or "co-quan"


def fresh_paths(folder: Path, names: list[str]) -> list[Path]:
    """One .docx path per name in ``folder``, unique ("-2" when two names slug alike); the
    .docx files already there are removed, so the folder holds this run's documents only."""
    for stale in folder.glob("*.docx"):
        stale.unlink()
    paths, used = [], set()
    for name in names:
        slug, n = file_slug(name), 1
        while slug in used:
            n += 1
            slug = f"{file_slug(name)}-{n}"
        used.add(slug)
        paths.append(folder / f"{slug}.docx")
    return paths


def deadline_cell(task: dict) -> str:
    deadline = official.deadline_text(task)
    return official.texts()["extract"]["overdue"].format(deadline=deadline) \
        if is_overdue(task) else deadline


def write_extract(agency: str, tasks: list[dict], path: Path, as_of: dt.date | None) -> Path:
    """One agency's extract (``agency``: today's name): A4 landscape in the decree's margins."""
    from docx.shared import Cm

    words = official.texts()["extract"]
    document = official.new_document(landscape=True)
    document.add_heading(words["heading"].format(agency=agency), level=1)
    day = official.vietnamese_date(as_of or dt.date.today())
    overdue = sum(is_overdue(t) for t in tasks)
    official.add_paragraph(document, words["intro"].format(
        agency=agency, date=day, count=len(tasks), overdue=overdue))
    written = sorted({a["written"] for t in tasks for a in t["agencies"]
                      if a["role"] == "lead" and a["current_agency"] == agency} - {agency})
    if written:
        official.add_paragraph(document, words["written_as"].format(names=", ".join(written)))
    rows = [[str(number), official.task_cell(task), agency_names(task, "support"),
             deadline_cell(task), official.source_line(task)]
            for number, task in enumerate(tasks, start=1)]
    official.add_table(document, words["headers"], rows,
                       [Cm(1.2), Cm(11.5), Cm(4.5), Cm(3.2), Cm(4.2)])
    return save_whole(path, document.save)


def write_agency_extracts(db: sqlite_utils.Database, folder: Path,
                          as_of: dt.date | None = None) -> list[Path]:
    """One .docx per lead agency in ``folder`` (earlier extracts there are replaced), tasks by
    deadline (undated last)."""
    by_lead = tasks_by_lead(find_tasks(db, Filters(as_of=as_of)))
    return [write_extract(agency, tasks, path, as_of) for (agency, tasks), path
            in zip(by_lead.items(), fresh_paths(folder, list(by_lead)), strict=True)]
