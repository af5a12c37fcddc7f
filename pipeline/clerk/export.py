"""What the office hands out: an Excel workbook of every task (one sheet per lead agency too) and
one Word extract per lead agency listing its tasks, deadlines and source documents.

Both stream: tasks come from the database a chunk at a time (``query.iter_tasks``), the workbook
is written row by row (openpyxl's write-only mode), and a Word table grows by copies of one
prepared row. Text is never a formula: every string cell is written as a string.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import os
from pathlib import Path
from typing import Callable, Iterable

import regex
import sqlite_utils

from .labels import pillar_label, recurrence_label
from extractors.text import strip_accents
from .query import COLUMNS, Filters, flat, is_overdue, iter_tasks, lead_agencies

ALL_TASKS_SHEET = "Tất cả nhiệm vụ"
OVERDUE_HEADER = "Quá hạn"
SHEET_NAME_MAX = 31
SHEET_FORBIDDEN = regex.compile(r"[\[\]:*?/\\]")
COLUMN_WIDTHS = {"id": 7, "deadline": 14, "lead": 30, "support": 30, "text": 80,
                 "recurrence": 12, "pillar": 22, "document": 24, "needs_review": 11,
                 "review_status": 11}
OVERDUE_FILL = "FFF4CCCC"
RUN_TAG = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r"
HEADER_FILL = "FFDCE6F1"
TASK_STYLE, OVERDUE_STYLE, DATE_STYLE, HEADER_STYLE = "Nhiệm vụ", "Quá hạn", "ngày", "Tiêu đề"


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


def cell_values(task: dict, as_of: dt.date | None) -> list:
    row = flat(task)
    row["deadline"] = dt.date.fromisoformat(row["deadline"]) if row["deadline"] else None
    row["pillar"] = pillar_label(row["pillar"])
    row["recurrence"] = recurrence_label(row["recurrence"])
    row["needs_review"] = "Có" if row["needs_review"] else ""
    return [row[key] for key in COLUMNS] + ["Quá hạn" if is_overdue(task, as_of) else ""]


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


def fill_sheet(workbook, title: str, tasks: Iterable[dict], as_of: dt.date | None) -> None:
    """One sheet of the write-only ``workbook`` (``add_styles`` done): a bold header, frozen
    and filtered, a row per task, deadlines as dates, overdue rows in red."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    keys = [*COLUMNS, "overdue"]
    for i, key in enumerate(keys, start=1):  # before the first row, in write-only mode
        sheet.column_dimensions[get_column_letter(i)].width = COLUMN_WIDTHS.get(key, 10)
    sheet.freeze_panes = "A2"
    deadline_column = list(COLUMNS).index("deadline")

    def cell(value, style: str):
        written = WriteOnlyCell(sheet, value)
        if isinstance(value, str):
            written.data_type = "s"  # "=1+2" stays text: openpyxl would store it as a formula
        written.style = style
        return written

    sheet.append([cell(h, HEADER_STYLE) for h in [*COLUMNS.values(), OVERDUE_HEADER]])
    rows = 1
    for task in tasks:
        style = OVERDUE_STYLE if is_overdue(task, as_of) else TASK_STYLE
        row = [cell(value, style) for value in cell_values(task, as_of)]
        row[deadline_column].style = f"{style} {DATE_STYLE}"
        sheet.append(row)
        rows += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{rows}"


def write_workbook(db: sqlite_utils.Database, path: Path, as_of: dt.date | None = None) -> Path:
    """tasks.xlsx: all tasks on the first sheet, then one sheet per lead agency."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    add_styles(workbook)
    fill_sheet(workbook, ALL_TASKS_SHEET, iter_tasks(db), as_of)
    agencies = lead_agencies(db)
    for agency, name in zip(agencies, sheet_names(agencies)):
        fill_sheet(workbook, name, iter_tasks(db, Filters(lead=agency)), as_of)
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


def vietnamese_date(iso: str | None) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def source_line(task: dict) -> str:
    document = task["document"]
    label = document["doc_number"] or document["path"].rsplit("/", 1)[-1]
    parts = [label, vietnamese_date(document["issued_date"]), document["title"]]
    return " — ".join(p for p in parts if p)


def deadline_cell(task: dict, as_of: dt.date | None) -> str:
    text = vietnamese_date(task["deadline"]) or recurrence_label(task["recurrence"])
    return f"{text} (quá hạn)" if is_overdue(task, as_of) else text


def write_extract(agency: str, tasks: list[dict], path: Path, as_of: dt.date | None) -> Path:
    """The Word extract of one lead agency: a heading, a count, and a table row per task."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt
    from docx.text.run import Run

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(12)
    document.add_heading(f"Nhiệm vụ giao {agency}", level=1)
    overdue = sum(is_overdue(t, as_of) for t in tasks)
    day = (as_of or dt.date.today()).strftime("%d/%m/%Y")
    document.add_paragraph(f"Trích danh sách nhiệm vụ do {agency} chủ trì, tính đến ngày {day}: "
                           f"{len(tasks)} nhiệm vụ, trong đó {overdue} nhiệm vụ quá hạn.")
    headers = ("STT", "Nội dung nhiệm vụ", "Cơ quan phối hợp", "Thời hạn", "Văn bản giao")
    table = document.add_table(rows=2, cols=len(headers))
    table.style = "Table Grid"
    header, template = table.rows
    for row in (header, template):
        for cell, width in zip(row.cells, (Cm(1.2), Cm(13), Cm(5), Cm(3), Cm(4.5))):
            cell.width = width
    for cell, text in zip(header.cells, headers):
        cell.paragraphs[0].add_run(text).bold = True
    for cell in template.cells:
        cell.paragraphs[0].add_run()
    # python-docx's add_row and cell.text take 3 ms a row (30,000 tasks: 64 s); a copy of a
    # prepared row whose runs get their text is some fifty times faster
    rows, template = table._tbl, template._tr
    rows.remove(template)
    for number, task in enumerate(tasks, start=1):
        row = copy.deepcopy(template)
        values = (str(number), task["text"], "; ".join(task["support"]),
                  deadline_cell(task, as_of), source_line(task))
        for run, value in zip(row.iter(RUN_TAG), values):
            Run(run, None).text = value
        rows.append(row)
    return save_whole(path, document.save)


def write_agency_extracts(db: sqlite_utils.Database, folder: Path,
                          as_of: dt.date | None = None) -> list[Path]:
    """One .docx per lead agency in ``folder`` (earlier extracts there are replaced), tasks by
    deadline (undated last)."""
    for stale in folder.glob("*.docx"):
        stale.unlink()
    written, used = [], set()
    for agency in lead_agencies(db):
        tasks = list(iter_tasks(db, Filters(lead=agency)))
        slug, n = file_slug(agency), 1
        while slug in used:
            n += 1
            slug = f"{file_slug(agency)}-{n}"
        used.add(slug)
        written.append(write_extract(agency, tasks, folder / f"{slug}.docx", as_of))
    return written
