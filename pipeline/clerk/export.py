"""What the office hands out: an Excel workbook of every task (one sheet per lead agency too) and
one Word extract per real agency listing the tasks it leads and those it supports, a collective's
tasks ("các sở, ban, ngành") under each member agency. Agencies go by the name they have today
(``successors``), each task's as written beside it.

The workbook is written row by row (openpyxl's write-only mode) and every file is written whole
(``save_whole``). Text is never a formula: every string cell is written as a string.
"""
from __future__ import annotations

import datetime as dt
import gc
import io
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex
import sqlite_utils

from extractors.names import abbreviated_forms

from ..numbers import number
from . import agencies, official
from .messages import column_name, say
from .query import COLUMNS, Filters, agency_names, flat, is_overdue, iter_tasks

SHEET_NAME_MAX = 31
SHEET_FORBIDDEN = regex.compile(r"[\[\]:*?/\\]")
FILE_NAME_MAX = 100  # characters: far under Windows' 260 for the whole path, folder included
FILE_FORBIDDEN = regex.compile(r'[<>:"/\\|?*\x00-\x1f]')
# Windows' reserved names, the superscript ports too (Microsoft, "Naming Files, Paths, and
# Namespaces")
WINDOWS_DEVICES = ("CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT")
                                                 for n in [*range(1, 10), "¹", "²", "³"]))
COLUMN_WIDTHS = {"id": 7, "deadline": 14, "lead": 30, "support": 30, "text": 80,
                 "deliverable": 30, "follow_up": 18, "recurrence": 12, "pillar": 22, "document": 24,
                 "document_id": 11, "needs_review": 11, "review_status": 11}
OVERDUE_FILL = "FFF4CCCC"
HEADER_FILL = "FFDCE6F1"
# named cell styles of the workbook (Excel lists them under Cell Styles)
TASK_STYLE, OVERDUE_STYLE, DATE_STYLE, HEADER_STYLE = "Task", "Overdue task", "date", "Header"


def sheet_names(names: list[str], reserved: tuple[str, ...] = ()) -> list[str]:
    """Excel-safe sheet names, one per name: none of []:*?/\\, at most 31 characters (a long
    name in its abbreviated form when one fits: "Sở NN&PTNT tỉnh Lâm Đồng", else cut), unique
    ignoring case as Excel compares them ("(2)" after a repeat), never one of ``reserved``
    nor Excel's own "History"."""
    bases = [shortened(" ".join(SHEET_FORBIDDEN.sub(" ", name).split()).strip("'"),
                       SHEET_NAME_MAX) for name in names]
    return unique_names(bases, SHEET_NAME_MAX, (*reserved, "History"))


def shortened(name: str, limit: int) -> str:
    """``name`` if it fits in ``limit`` characters, else its longest abbreviated form that fits
    (``extractors.names.abbreviated_forms``, rules/abbreviations.yml), else its shortest form cut
    at a word."""
    if len(name) <= limit:
        return name
    forms = sorted(abbreviated_forms(name), key=lambda form: (-len(form), form))  # "&" before "-"
    return next((form for form in forms if len(form) <= limit), None) or cut(forms[-1], limit)


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut after a whole word when it has one that fits."""
    if len(text) <= limit:
        return text
    words = text[:limit + 1].rsplit(" ", 1)[0].rstrip(" ,;-")
    return words if 0 < len(words) <= limit else text[:limit]


def caseless(name: str) -> str:
    """What a case-insensitive name space compares (Excel's sheets; the files of Windows and
    macOS, which also ignores composed or decomposed accents): Unicode's canonical caseless
    form, NFD(casefold(NFD(name))) (The Unicode Standard, 3.13, D145)."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", name).casefold())


def unique_names(bases: list[str], limit: int, taken: Iterable[str] = ()) -> list[str]:
    """``bases`` made unique ignoring case and accents' composition (``caseless``) and different
    from ``taken``: a repeat gets " (2)", " (3)" ..., cut so that the whole stays within
    ``limit`` characters. An empty base is the message ``unnamed_agency``."""
    used = {caseless(name) for name in taken}
    result = []
    for base in bases:
        base = base.strip() or say("unnamed_agency")
        candidate, n = base, 1
        while caseless(candidate) in used:
            n += 1
            suffix = f" ({n})"
            candidate = cut(base, limit - len(suffix)) + suffix
        used.add(caseless(candidate))
        result.append(candidate)
    return result


SHEET_COLUMNS = tuple(key for key in COLUMNS if key != "collective")  # no agency filter here


def cell_values(task: dict) -> list:
    """A task's row of a sheet: ``SHEET_COLUMNS`` (the deadline a date), then the overdue mark
    ("" when not overdue)."""
    row = flat(task)
    row["deadline"] = dt.date.fromisoformat(row["deadline"]) if row["deadline"] else None
    return [row[key] for key in SHEET_COLUMNS] + [say("overdue_mark") if is_overdue(task) else ""]


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


def fill_sheet(workbook, title: str, rows: Iterable[list]) -> None:
    """One sheet of the write-only ``workbook`` (``add_styles`` done): a bold header, frozen
    and filtered, then ``rows`` (``cell_values`` of each task), deadlines as dates, overdue rows
    in red."""
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
                  for h in [*(column_name(k) for k in SHEET_COLUMNS), say("overdue_mark")]])
    written = 1
    for values in rows:
        style = OVERDUE_STYLE if values[-1] else TASK_STYLE
        row = [cell(value, style) for value in values]
        row[deadline_column].style = f"{style} {DATE_STYLE}"
        sheet.append(row)
        written += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{written}"


def write_workbook(db: sqlite_utils.Database, path: Path, as_of: dt.date | None = None) -> Path:
    """tasks.xlsx: all tasks on the first sheet, then one sheet per real agency leading tasks
    (``agencies.reached``: today's name, a task given to a group under each agency of its
    province the group includes, marked so), agencies with the most tasks first. The tasks
    stream from the database into the first sheet; the other sheets are written from the rows
    kept meanwhile, not from the tasks."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    add_styles(workbook)
    local = agencies.known_agencies(db)
    by_lead: dict[str, list[list]] = {}
    text_column = SHEET_COLUMNS.index("text")

    def all_rows() -> Iterator[list]:
        for task in iter_tasks(db, Filters(as_of=as_of)):
            row = cell_values(task)
            for _, agency, group in sorted(r for r in agencies.reached(task, local)
                                           if r.role == "lead"):
                by_lead.setdefault(agency, []).append(
                    [*row[:text_column], marked(row[text_column], group),
                     *row[text_column + 1:]] if group else row)
            yield row

    all_tasks = say("all_tasks_sheet")
    fill_sheet(workbook, all_tasks, all_rows())
    ordered = sorted(by_lead.items(), key=lambda item: (-len(item[1]), item[0]))
    for name, (_, rows) in zip(sheet_names([agency for agency, _ in ordered], (all_tasks,)),
                               ordered, strict=True):
        fill_sheet(workbook, name, rows)
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

def file_names(names: list[str]) -> list[str]:
    """A file name (without suffix) per agency name, as readable as the name and safe on Windows:
    NFC, none of <>:"/\\|?* or control characters, no trailing dot or space, at most 100
    characters (abbreviated as ``shortened`` does), unique ignoring case, never a device name
    (CON, NUL, COM1 ...): "Sở Tài chính tỉnh Lâm Đồng"."""
    bases = [shortened(" ".join(FILE_FORBIDDEN.sub(" ", unicodedata.normalize("NFC", name))
                                .split()).rstrip(". "), FILE_NAME_MAX) for name in names]
    return unique_names([base.rstrip(". ") for base in bases], FILE_NAME_MAX, WINDOWS_DEVICES)


def fresh_paths(folder: Path, names: list[str], replace_all: bool = True) -> list[Path]:
    """One .docx path per name in ``folder`` (``file_names``). With ``replace_all`` the .docx
    files already there are removed, so the folder holds this run's documents only; without it
    the others stay (a run for one agency replaces that agency's document only)."""
    if replace_all:
        for stale in folder.glob("*.docx"):
            stale.unlink()
    return [folder / f"{name}.docx" for name in file_names(names)]


@dataclass(frozen=True, slots=True)
class Line:
    """A task as the extracts list it, its cells made once however many agencies list it."""

    task_id: int
    order: tuple  # ``deadline_order``
    text: str  # the task, its deliverable below
    lead: str  # the lead agencies as written, today's names beside
    support: str
    deadline: str  # with "(quá hạn)" when overdue
    source: str  # the document that gave it
    overdue: bool


def line_of(task: dict) -> Line:
    deadline = official.deadline_text(task)
    if is_overdue(task):
        deadline = official.texts()["extract"]["overdue"].format(deadline=deadline)
    return Line(task["id"], deadline_order(task), official.task_cell(task),
                agency_names(task, "lead"), agency_names(task, "support"), deadline,
                official.source_line(task), is_overdue(task))


@dataclass
class Extract:
    """What one agency (today's name) is given: the tasks it leads and those it supports, each
    with the collective it was addressed through ("Các sở, ban, ngành") or None when the task
    names the agency itself, by deadline (undated last); and the names the documents gave the
    agency when they are not today's."""

    agency: str
    lead: list[tuple[Line, str | None]] = field(default_factory=list)
    support: list[tuple[Line, str | None]] = field(default_factory=list)
    written: set[str] = field(default_factory=set)


def extracts_by_agency(tasks: Iterable[dict],
                       local: dict[str, set[str]]) -> list[Extract]:
    """One Extract per real agency the tasks reach (``agencies.reached``; ``local`` is
    ``agencies.known_agencies``), agencies with the most tasks first: a task given to a group
    is under each agency of its province the group includes, a group gets no extract. Only the
    tasks' ``Line`` is kept, not the tasks: ``tasks`` may be a stream of a large database."""
    extracts: dict[str, Extract] = {}
    for task in tasks:
        line = line_of(task)
        for role, agency, group in agencies.reached(task, local):
            extract = extracts.setdefault(agency, Extract(agency))
            getattr(extract, role).append((line, group))
            extract.written |= {a["written"] for a in agencies.rows_naming(task, agency)}
    for extract in extracts.values():
        extract.lead.sort(key=lambda item: item[0].order)
        extract.support.sort(key=lambda item: item[0].order)
        extract.written.discard(extract.agency)
    return sorted(extracts.values(), key=lambda e: (-len(e.lead) - len(e.support), e.agency))


def deadline_order(task: dict) -> tuple:
    """The order of ``query.iter_tasks``: by deadline, undated last, then as in the document."""
    return task["deadline"] is None, task["deadline"] or "", task["document_id"], task["seq"]


def extract_rows(lines: list[tuple[Line, str | None]], other_role: str) -> Iterator[list[str]]:
    """Table rows: number, the task (a collective's task marked so), the agencies of
    ``other_role``, deadline, source document."""
    for position, (line, collective) in enumerate(lines, start=1):
        yield [str(position), marked(line.text, collective), getattr(line, other_role),
               line.deadline, line.source]


def marked(text: str, group: str | None) -> str:
    """A task's cell, "(Giao chung: <group>)" below it when the agency it is listed under was
    reached through ``group`` (rules/letters.yml ``extract.collective``)."""
    if not group:
        return text
    return text + "\n" + official.texts()["extract"]["collective"].format(collective=group)


def write_extract(extract: Extract, path: Path, as_of: dt.date | None) -> Path:
    """One agency's extract: A4 landscape in the decree's margins; the tasks it leads, then
    those it supports, each section a table (or a line saying there are none)."""
    from docx.shared import Cm

    words = official.texts()["extract"]
    agency = extract.agency
    document = official.new_document(landscape=True)
    document.add_heading(words["heading"].format(agency=agency), level=1)
    day = official.vietnamese_date(as_of or dt.date.today())
    overdue = sum(line.overdue for line, _ in extract.lead + extract.support)
    official.add_paragraph(document, words["intro"].format(
        agency=agency, date=day, lead=number(len(extract.lead)),
        support=number(len(extract.support)), overdue=number(overdue)))
    if extract.written:
        official.add_paragraph(document, words["written_as"].format(
            names=", ".join(sorted(extract.written))))
    widths = [Cm(1.2), Cm(11.5), Cm(4.5), Cm(3.2), Cm(4.2)]
    for role, other_role in (("lead", "support"), ("support", "lead")):
        lines = getattr(extract, role)
        official.add_paragraph(document, words[f"{role}_section"].format(count=number(len(lines))),
                               bold=True)
        if lines:
            official.add_table(document, words[f"{role}_headers"],
                               extract_rows(lines, other_role), widths)
        else:
            official.add_paragraph(document, words["none"], italic=True)
    return save_whole(path, document.save)


def write_agency_extracts(db: sqlite_utils.Database, folder: Path,
                          as_of: dt.date | None = None) -> list[Path]:
    """One .docx per real agency in ``folder`` (earlier extracts there are replaced; see
    ``extracts_by_agency``), named as ``file_names`` says."""
    extracts = extracts_by_agency(iter_tasks(db, Filters(as_of=as_of)),
                                  agencies.known_agencies(db))
    paths = fresh_paths(folder, [extract.agency for extract in extracts])
    written = []
    for extract, path in zip(extracts, paths, strict=True):
        written.append(write_extract(extract, path, as_of))
        # a document's XML lives in lxml, unseen by the collector's counts, held by cycles of
        # python-docx objects: 30,030 tasks peaked at 871 MB without this, 282 MB with it
        gc.collect()
    return written
