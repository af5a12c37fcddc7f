"""What the office hands out: an Excel workbook of every task (one sheet per lead agency too) and
one Word extract per lead agency listing its tasks, deadlines and source documents."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import regex
import sqlite_utils

from extractors.text import strip_accents

from .labels import recurrence_label
from .messages import column_name
from .query import COLUMNS, find_tasks, flat, is_overdue, vietnamese_date

ALL_TASKS_SHEET = "Tất cả nhiệm vụ"
OVERDUE_HEADER = "Quá hạn"
SHEET_NAME_MAX = 31
SHEET_FORBIDDEN = regex.compile(r"[\[\]:*?/\\]")
COLUMN_WIDTHS = {"id": 7, "deadline": 14, "lead": 30, "support": 30, "text": 80,
                 "recurrence": 12, "pillar": 22, "document": 24, "needs_review": 11,
                 "review_status": 11}
OVERDUE_FILL = "FFF4CCCC"
HEADER_FILL = "FFDCE6F1"


def tasks_by_lead(tasks: list[dict]) -> dict[str, list[dict]]:
    """Lead agency → its tasks, agencies with the most tasks first."""
    grouped: dict[str, list[dict]] = {}
    for task in tasks:
        for agency in task["lead"]:
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


def cell_values(task: dict, as_of: dt.date | None) -> list:
    row = flat(task)
    row["deadline"] = dt.date.fromisoformat(row["deadline"]) if row["deadline"] else None
    return [row[key] for key in SHEET_COLUMNS] + ["Quá hạn" if is_overdue(task, as_of) else ""]


def fill_sheet(sheet, tasks: list[dict], as_of: dt.date | None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append([column_name(key) for key in SHEET_COLUMNS] + [OVERDUE_HEADER])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    overdue_fill = PatternFill("solid", fgColor=OVERDUE_FILL)
    wrapped = Alignment(wrap_text=True, vertical="top")
    deadline_column = SHEET_COLUMNS.index("deadline") + 1
    # cell by cell with known row numbers: sheet.max_row scans every cell, quadratic in rows
    for row, task in enumerate(tasks, start=2):
        overdue = is_overdue(task, as_of)
        for column, value in enumerate(cell_values(task, as_of), start=1):
            cell = sheet.cell(row, column, value)
            cell.alignment = wrapped
            if overdue:
                cell.fill = overdue_fill
        sheet.cell(row, deadline_column).number_format = "DD/MM/YYYY"
    for i, key in enumerate([*SHEET_COLUMNS, "overdue"], start=1):
        sheet.column_dimensions[get_column_letter(i)].width = COLUMN_WIDTHS.get(key, 10)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def write_workbook(db: sqlite_utils.Database, path: Path, as_of: dt.date | None = None) -> Path:
    """tasks.xlsx: all tasks on the first sheet, then one sheet per lead agency."""
    from openpyxl import Workbook

    tasks = find_tasks(db)
    workbook = Workbook()
    workbook.active.title = ALL_TASKS_SHEET
    fill_sheet(workbook.active, tasks, as_of)
    by_lead = tasks_by_lead(tasks)
    for name, agency_tasks in zip(sheet_names(list(by_lead)), by_lead.values()):
        fill_sheet(workbook.create_sheet(name), agency_tasks, as_of)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


# -- Word extracts --------------------------------------------------------------------------------

def file_slug(name: str) -> str:
    """An accent-free file name for an agency: "Sở Tài chính" → "so-tai-chinh"."""
    return regex.sub(r"[^a-z0-9]+", "-", strip_accents(name)).strip("-")[:80] or "co-quan"


def source_line(task: dict) -> str:
    document = task["document"]
    label = document["doc_number"] or document["path"].rsplit("/", 1)[-1]
    parts = [label, vietnamese_date(document["issued_date"]), document["title"]]
    return " — ".join(p for p in parts if p)


def deadline_cell(task: dict, as_of: dt.date | None) -> str:
    text = vietnamese_date(task["deadline"]) or recurrence_label(task["recurrence"])
    return f"{text} (quá hạn)" if is_overdue(task, as_of) else text


def write_extract(agency: str, tasks: list[dict], path: Path, as_of: dt.date | None) -> Path:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

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
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for number, task in enumerate(tasks, start=1):
        values = (str(number), task["text"], "; ".join(task["support"]),
                  deadline_cell(task, as_of), source_line(task))
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(1.2), Cm(13), Cm(5), Cm(3), Cm(4.5))):
            cell.width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def write_agency_extracts(db: sqlite_utils.Database, folder: Path,
                          as_of: dt.date | None = None) -> list[Path]:
    """One .docx per lead agency in ``folder`` (earlier extracts there are replaced), tasks by
    deadline (undated last)."""
    for stale in folder.glob("*.docx"):
        stale.unlink()
    written, used = [], set()
    for agency, tasks in tasks_by_lead(find_tasks(db)).items():
        slug, n = file_slug(agency), 1
        while slug in used:
            n += 1
            slug = f"{file_slug(agency)}-{n}"
        used.add(slug)
        written.append(write_extract(agency, tasks, folder / f"{slug}.docx", as_of))
    return written
