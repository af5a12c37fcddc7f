"""Task tables: plans list their tasks as rows.

    TT | Nội dung nhiệm vụ          | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành
    1  | Xây dựng cơ sở dữ liệu ... | Sở Y tế         | Sở TT&TT         | Quý IV/2023

A row is a line with cells between "|" (how web pages and the .docx reader give a table). A header
row whose short cells name a lead column and another column (``cues.yml`` ``attributes``,
``task_columns``) starts a task table; each following row is one task: its text is the task cell,
its leads, supports and deadline come from their columns, found by position (an empty cell keeps
its column); a lead cell that leaves the work to another document ("Theo phân công tại Quyết định
...") leads the bodies that document assigns, and one that names no agency at all still makes the
row a task, without a lead. A row with an empty lead cell (a group heading "II | Cải cách thủ tục
hành chính"), or with its title repeated in every cell (a merged heading), is no task and does not
end the table (ANNOTATION.md §1b). A table with no lead column whose header cell says its group
rows name who carries out the rows ("Danh mục dự án/ Cơ quan, đơn vị, địa phương thực hiện",
``cues.yml`` ``group_lead_columns``) takes each row's lead from the group row above it.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import regex
from spacy.tokens import Doc

from . import rules
from .agencies import Addressee, Assignment, as_written
from .attributes import Attributes, record
from .names import agency_words, place_body
from .structure import LETTER
from .text import fold

if TYPE_CHECKING:
    from .roles import RoleReader

CELL = regex.compile(r"[^|]*")
GROUP_NUMBER = regex.compile(r"(?:[IVXLC]{1,5}|[A-Z])\.?")
COLUMN_KINDS = rules.ATTRIBUTE_KINDS
HEADER_CELL_WORDS = 8  # a header cell is a label ("Cơ quan, đơn vị chủ trì thực hiện"), not a task
TIME_CELL_WORDS = 8  # "2025 và những năm tiếp theo", "Quý IV năm 2026": a time cell is short
MIN_CONTENT_ROWS = 2  # one row alone is no table to read columns from
CELL_KIND_SHARE = 0.6  # a column is of a kind when this share of its filled cells is


@dataclass
class Row:
    """A task table's row: one task, its text the task cell, the rest from their columns."""

    block: int  # index into doc._.blocks
    task_cell: tuple[int, int]  # (start_char, end_char)
    attributes: Attributes
    deliverable_cell: tuple[int, int] | None = None  # the "Sản phẩm" column's cell
    table: int = 0  # index into doc._.blocks of the table's header row
    group_cell: tuple[int, int] | None = None  # the title of the group row above it, if any
    has_time_column: bool = False  # then the time cell alone gives the deadline and recurrence


@lru_cache(maxsize=1)
def _header_words() -> dict[str, tuple[str, ...]]:
    """Folded column labels per kind, without spaces (``header_columns`` compares them so)."""
    cues = rules.load()["cues"]
    labels = {kind: cues["attributes"][kind] for kind in COLUMN_KINDS}
    labels["task"], labels["deliverable"] = cues["task_columns"], cues["deliverable_columns"]
    labels["group_lead"] = cues["group_lead_columns"]
    return {kind: tuple(fold(label).replace(" ", "") for label in values)
            for kind, values in labels.items()}


def stated_deliverable(text: str) -> str | None:
    """What "sản phẩm là ..." in a task's text says the task produces, as written
    (``cues.yml`` ``deliverable_phrase``, group 1), or None."""
    match = rules.load()["cues"]["deliverable_phrase"].search(fold(text))
    return text[match.start(1):match.end(1)].strip() if match else None


def cells(text: str, offset: int) -> list[tuple[int, int]]:
    """(start_char, end_char) of every cell of a pipe row, stripped, in column order; an empty
    cell is an empty span, so later cells keep their column. The pipes that open and close the
    row ("| a | b |") bound no cell. ``offset`` is where the row starts in the document."""
    spans = []
    for match in CELL.finditer(text):
        if match.start() and text[match.start() - 1] != "|":
            continue  # the empty match regex finds right after a non-empty cell
        value = match.group()
        lead, trail = len(value) - len(value.lstrip()), len(value) - len(value.rstrip())
        start = offset + match.start() + lead
        spans.append((start, max(start, offset + match.end() - trail)))
    if text.lstrip().startswith("|"):
        spans = spans[1:]
    if text.rstrip().endswith("|") and spans and spans[-1][0] == spans[-1][1]:
        spans = spans[:-1]
    return spans


def is_row(text: str) -> bool:
    """Whether a line is a table row: cells between "|"."""
    return text.count("|") >= 2 or (text.count("|") == 1 and not text.strip().startswith("|"))


def header_columns(folded_cells: list[str]) -> dict[str, int] | None:
    """Column index per kind when this row is a task table's header, else None: short cells
    (at most HEADER_CELL_WORDS words) name the lead column and at least one other. Labels are
    compared without spaces: a PDF's table may glue a label's syllables ("Đơn vịphốihợp",
    "Thờigian thựchiện")."""
    words = _header_words()
    labels = [cell.replace(" ", "") if len(cell.split()) <= HEADER_CELL_WORDS else ""
              for cell in folded_cells]
    columns: dict[str, int] = {}
    for kind in ("lead", "support", "time", "task", "deliverable"):
        for index, cell in enumerate(labels):
            if index not in columns.values() and any(w in cell for w in words[kind]):
                columns[kind] = index
                break
    if "lead" in columns and len(columns) > 1:
        return columns
    grouped = next((index for index, cell in enumerate(folded_cells) if _names_group_lead(cell)),
                   None)
    return {"task": grouped, "group_lead": grouped} if grouped is not None else None


def _names_group_lead(folded_cell: str) -> bool:
    """Whether one part of a header cell split by "/" says the group rows name who carries out
    the rows ("danh mục dự án/ cơ quan, đơn vị, địa phương thực hiện")."""
    labels = _header_words()["group_lead"]
    return "/" in folded_cell and any(label in part.replace(" ", "")
                                      for part in folded_cell.split("/") for label in labels)


def find_rows(doc: Doc, reader: RoleReader) -> tuple[list[Row], set[int]]:
    """The task rows, in text order, and the indices of the header blocks (no tasks themselves).

    Rows that follow no header of their own (a table continued after a page break, a copy that
    starts mid-table) take the columns of the last task table of their width when their lead
    cells name agencies, else columns read from what their cells hold (``content_columns``)."""
    text, folded = doc._.text, doc._.folded
    rows: list[Row] = []
    headers: set[int] = set()
    columns: dict[str, int] | None = None
    last_table: tuple[int, dict[str, int]] | None = None  # (width, columns) of the last header
    group: tuple[int, int] | None = None
    group_leads: list[Addressee] = []  # of a table whose group rows name who carries out its rows
    table = 0
    read_up_to = -1  # a headerless run is weighed once: its blocks are read up to this index
    blocks = doc._.blocks
    for position, block in enumerate(blocks):
        line = text[block.start_char:block.end_char]
        if not is_row(line):
            columns = None
            continue
        spans = cells(line, block.start_char)
        header = header_columns([folded[s:e] for s, e in spans])
        if header:
            columns, group, group_leads, table = header, None, [], block.index
            last_table = len(spans), header
            headers.add(block.index)
            continue
        if columns is None and position > read_up_to:
            run = _headerless_run(doc, position)
            read_up_to = position + len(run) - 1
            columns = _carried(last_table, run, reader) or content_columns(run, reader)
            group, table = None, block.index
        if not columns:
            continue
        if "group_lead" in columns:
            if is_group_number(text, spans):
                group_leads = _group_leads(spans, reader)
            elif group_leads and _filled(spans, columns["task"]):
                rows.append(_grouped_row(block.index, spans[columns["task"]], group_leads))
                rows[-1].table = table
            continue
        if _filled(spans, columns["lead"]) and LETTER.search(text, *spans[columns["lead"]]) and \
                not is_group_row([text[s:e] for s, e in spans]):  # not "-" or "…" for none
            rows.append(_row(block.index, spans, columns, reader))
            rows[-1].table, rows[-1].group_cell = table, group
        else:
            group = _title_cell(spans, columns) or group
    return rows, headers


def _headerless_run(doc: Doc, position: int) -> list[list[tuple[int, int]]]:
    """The cells of the rows from ``doc._.blocks[position]`` on, up to the first line that is no
    row or is a header."""
    text, folded = doc._.text, doc._.folded
    run = []
    for block in doc._.blocks[position:]:
        line = text[block.start_char:block.end_char]
        spans = cells(line, block.start_char) if is_row(line) else []
        if not spans or header_columns([folded[s:e] for s, e in spans]):
            break
        run.append(spans)
    return run


def _widest_rows(run: list[list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """The rows of the run's most common width (a stray line of another width is no row)."""
    widths = Counter(len(spans) for spans in run)
    width = max(widths, key=lambda w: (widths[w], w))
    return [spans for spans in run if len(spans) == width]


def _carried(last_table: tuple[int, dict[str, int]] | None, run: list[list[tuple[int, int]]],
             reader: RoleReader) -> dict[str, int] | None:
    """The last header's columns, when the run's rows have its width and their lead cells name
    agencies (a table continued on the next page without its header), else None."""
    if not last_table or not run:
        return None
    width, columns = last_table
    rows = _widest_rows(run)
    if len(rows[0]) != width:
        return None
    return columns if _share(rows, columns["lead"], lambda s: _names_agency(s, reader)) >= \
        CELL_KIND_SHARE else None


def content_columns(run: list[list[tuple[int, int]]], reader: RoleReader) -> dict[str, int] | None:
    """Column index per kind of a task table without a header, read from what its cells hold,
    as a clerk reads a table's later page: a time column (cells that are times: "2025",
    "Quý II/2026", "12/2025", "Hằng năm", "Thường xuyên"), the task column (the longest cells
    that are no times and name no agency), the lead column (the first after it whose cells open
    with an agency) and the support column right after that when its cells do too. None unless
    the run has MIN_CONTENT_ROWS rows of one width with a task and a lead column and a time or
    a support column: a narrower or freer table is no task table."""
    if not run:
        return None
    rows = _widest_rows(run)
    if len(rows) < MIN_CONTENT_ROWS:
        return None
    width = len(rows[0])
    agency = [_share(rows, c, lambda s: _names_agency(s, reader)) >= CELL_KIND_SHARE
              for c in range(width)]
    time = [_share(rows, c, lambda s: _is_time_cell(s, reader)) >= CELL_KIND_SHARE
            for c in range(width)]
    prose = [c for c in range(width) if not agency[c] and not time[c]]
    if not prose:
        return None
    task = max(prose, key=lambda c: sum(s[1] - s[0] for s in (r[c] for r in rows)))
    lead = next((c for c in range(task + 1, width) if agency[c]), None)
    if lead is None:
        return None
    columns = {"task": task, "lead": lead}
    if lead + 1 < width and agency[lead + 1]:
        columns["support"] = lead + 1
    times = [c for c in range(width) if time[c] and c not in (task, lead)]
    if times:
        columns["time"] = times[-1]
    return columns if len(columns) > 2 else None


def _share(rows: list[list[tuple[int, int]]], column: int,
           holds: Callable[[tuple[int, int]], bool]) -> float:
    """The share of the column's filled cells that ``holds`` is true of; 0 when none is filled
    or fewer than half the rows fill it."""
    filled = [row[column] for row in rows if _filled(row, column)]
    if 2 * len(filled) < len(rows):
        return 0.0
    return sum(map(holds, filled)) / len(filled)


def _names_agency(span: tuple[int, int], reader: RoleReader) -> bool:
    """Whether a cell opens with an agency the parser reads (a lead or support cell)."""
    named = reader.parser.parse(reader.word_at(span[0]))[0]
    return bool(named) and named[0].start_char == span[0]


def _is_time_cell(span: tuple[int, int], reader: RoleReader) -> bool:
    """Whether a short cell says when: a time expression, a recurrence or a standing time
    ("Thường xuyên", ``time.yml`` ``standing``) in at most TIME_CELL_WORDS words."""
    value = reader.doc._.folded[span[0]:span[1]]
    if len(value.split()) > TIME_CELL_WORDS:
        return False
    data = rules.load()["time"]
    return any(span[0] <= t.start_char and t.end_char <= span[1] for t in reader.doc._.times) \
        or any(r["pattern"].search(value) for r in data["recurrences"]) \
        or value.startswith(tuple(fold(word) for word in data["standing"]))


def _title_cell(spans: list[tuple[int, int]], columns: dict[str, int]) -> tuple[int, int] | None:
    """A group row's title: its task column's cell, else its longest; None when it is empty
    (a row of dashes, a page's blank row)."""
    task = columns.get("task")
    title = spans[task] if task is not None and _filled(spans, task) else \
        max(spans, key=lambda s: s[1] - s[0], default=None)
    return title if title and title[1] > title[0] else None


def is_group_row(values: list[str]) -> bool:
    """Whether a row only heads a group of rows, its title merged over all the columns after
    the number, as web pages render a merged cell: "II | Phát triển văn hóa | Phát triển văn
    hóa | Phát triển văn hóa" (ANNOTATION.md §1b: no task)."""
    return len(values) > 2 and len(set(values[1:])) == 1


def is_group_number(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a row's first cell numbers a group of rows: a roman number or a capital letter
    ("II", "B."), where the rows under it are numbered 1, 2, 3."""
    return bool(spans) and GROUP_NUMBER.fullmatch(text, *spans[0]) is not None


def _group_leads(spans: list[tuple[int, int]], reader: RoleReader) -> list[Addressee]:
    """Who carries out the rows under a group row: the agency its longest cell names whole
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO"), or the People's Committee of the place it names ("THỊ XÃ HOÀI
    NHƠN", ``names.place_body``); [] for a group of another kind ("Dự án chuyển tiếp")."""
    start, end = max(spans[1:] or spans, key=lambda s: s[1] - s[0])
    title = reader.doc._.text[start:end]
    if reader.parser.lexicon_at("units", reader.word_at(start)):
        return [replace(reader.parser.whole(start, end), agency=place_body(as_written(title)))]
    named = reader.parser.parse(reader.word_at(start), any_case=True)[0]
    return named if len(named) == 1 and named[0].end_char >= end else []


def _grouped_row(block: int, task_cell: tuple[int, int], leads: list[Addressee]) -> Row:
    return Row(block, task_cell, Attributes(block, Assignment(list(leads), lead_evidence="table")))


def _filled(spans: list[tuple[int, int]], column: int) -> bool:
    return column < len(spans) and spans[column][1] > spans[column][0]


def _row(block: int, spans: list[tuple[int, int]], columns: dict[str, int],
         reader: RoleReader) -> Row:
    task = columns.get("task")
    if task is None or not _filled(spans, task):  # no task column named: the longest cell
        task = max(range(len(spans)), key=lambda i: spans[i][1] - spans[i][0])
    attributes = Attributes(block, Assignment(lead_evidence="table"))
    for kind in COLUMN_KINDS:
        if kind in columns and _filled(spans, columns[kind]):
            if kind == "time":
                record(attributes, kind, *spans[columns[kind]], reader)
            else:
                named = cell_agencies(reader, *spans[columns[kind]]) or \
                    (assigned_bodies(reader, *spans[columns[kind]]) if kind == "lead" else [])
                (attributes.assignment.leads if kind == "lead" else
                 attributes.assignment.supports).extend(named)
    deliverable = columns.get("deliverable")
    return Row(block, spans[task], attributes,
               spans[deliverable] if deliverable is not None and _filled(spans, deliverable)
               else None, has_time_column="time" in columns)


def assigned_bodies(reader: RoleReader, start_char: int, end_char: int) -> list[Addressee]:
    """The one collective a lead cell leaves to the document that assigns the work: "Theo
    phân công tại Quyết định số 1441/QĐ-UBND ..." → "Các cơ quan, đơn vị được phân công tại
    Quyết định số 1441/QĐ-UBND ..." (``cues.yml`` ``assigned_in_document``); [] for another
    cell."""
    rule = rules.load()["cues"]["assigned_in_document"]
    found = rule["pattern"].match(reader.doc._.folded, start_char, end_char)
    if not found or found.end() >= end_char:
        return []
    document = reader.parser.whole(found.end(), end_char)
    return [replace(document, agency=f"{rule['lead']} {' '.join(document.mention.split())}")]


def _cut_at_comma(text: str, name_end: int, end: int) -> bool:
    """Whether the parser cut a name at a comma the name goes on after in lower case ("Trung
    tâm Xúc tiến đầu tư, thương mại và du lịch"), not before what the body does ("Sở Khoa học
    và Công nghệ thúc đẩy, theo dõi")."""
    after = text[name_end:end]
    return after.lstrip().startswith(",") and after.lstrip(" ,")[:1].islower()


def _group_after_body(text: str, body: Addressee, group: Addressee) -> bool:
    """Whether ``group``, in lower case, follows the named ``body`` after "và": "Sở Tài chính và
    cơ quan, địa phương liên quan" names the department and the group (plans12 P12_06)."""
    between = text[body.end_char:group.start_char].strip()
    return between == agency_words()["conjunction"] and text[body.start_char].isupper()


def cell_agencies(reader: RoleReader, start_char: int, end_char: int) -> list[Addressee]:
    """The agencies a lead or support cell names, one per part between ";" (the cell's own
    separator). A part is one agency whole when it names one collective with its qualifier
    ("Các cơ quan, đơn vị trực tiếp sử dụng ngân sách nhà nước") or a name the parser would cut
    at a comma ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh", "Cơ quan, địa phương có
    liên quan": what follows the comma starts in lower case, and not with "các"); a part that
    names several bodies gives each ("Các bộ, ngành, UBND TP Hà Nội và các đơn vị liên quan":
    three, as ANNOTATION.md §2 writes a collective as one entry). A part whose name an action
    follows names that body ("Sở Khoa học và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu")."""
    text, folded = reader.doc._.text, reader.doc._.folded
    found: list[Addressee] = []
    for part in regex.finditer(r"[^;\n]+", text[start_char:end_char]):
        value = part.group()
        start = start_char + part.start() + len(value) - len(value.lstrip())
        end = start_char + part.end() - (len(value) - len(value.rstrip(" .")))
        if end <= start:
            continue
        named = [a for a in reader.parser.parse(reader.word_at(start))[0] if a.end_char <= end]
        plural = agency_words()["plural"] + " "
        cut = bool(named) and _cut_at_comma(text, named[-1].end_char, end) or \
            any(text[a.start_char].islower() and not folded.startswith(plural, a.start_char) and
                not _group_after_body(text, before, a)
                for before, a in zip(named, named[1:], strict=False))
        qualified = len(named) == 1 and folded.startswith(plural, start)
        found.extend([reader.parser.whole(start, end)] if named and (qualified or cut) else named)
    return found
