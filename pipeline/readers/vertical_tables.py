"""Tables a legal site's text copy writes down the page, one cell after another.

Text copied from a legal-document site (its HTML turned into text) writes a table vertically: a
line holding only "|" separates two cells, two such lines in a row end one row and open the next,
and a cell's text runs over several lines (the site's hard line breaks)::

    |                               the table opens
    TT
    |
    Nhiệm vụ
    |
    Cơ quan chủ trì
    |                               the header row ends ...
    |                               ... and the next row opens
    1
    |
    Phối hợp rà soát, sửa đổi
    Luật Quy hoạch ...
    |
    Sở Tài chính
    |                               the table closes: a blank line or the end of the text follows

An empty cell adds a "|" line, so a run of them may end a row with empty cells or hold empty cells
inside one; a cell merged down from the row above (HTML's rowspan) is left out of the rows below.
``table_blocks`` reads a table of ROW_TABLE_COLUMNS or more one line a row, "| a | b | c |", as
the ``.docx`` reader gives a Word table; a narrower one (issuer | national motto, number | place
and date, recipients | signer) stays as written, where the metadata reader reads it.

A table runs to the next blank line, but a copy written without blank lines (tnt305's dataset
pages) goes from the header's last "|" straight on to the document's title ("**QUYẾT ĐỊNH**",
"CHỈ THỊ"): a "|" line followed by a type name of rules/doc_types.yml in capitals ends the table,
so the body never becomes a cell of a five-cell "row" (number | date | body | recipients | signer),
and so does one followed by an appendix's title ("**PHỤ LỤC**"), whose task table opens with
its own header row, not with the recipients | signer cells before it;
a letter has no such title after its "Kính gửi" cell, so a cell too long to be one
(MAX_CELL_CHARACTERS) ends the table before it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import regex

from extractors import rules as extraction_rules
from extractors.model import SourceBlock

from . import ROW_TABLE_COLUMNS
from .quality import rules

PIPE = "|"
# A cell longer than this is the document's body run on after the header table's last "|" (a copy
# without blank lines, no document title after the table: a công văn goes from "Kính gửi" to its
# body): the table ends before it. The longest cell of a real table in the annotated copies is 942
# characters (plans11, a scoring criterion); the bodies read as one cell ran 1,218 to 5,837.
MAX_CELL_CHARACTERS = 1200
# a cell of dots alone: rows the copy left out ("…..............", plans12 P12_06)
OMISSION = regex.compile(r"[\s.…]*[.…]{3,}[\s.…]*")


@dataclass
class Cell:
    """A cell's text, its lines joined by spaces, and the 0-based lines it was read from (a
    cell merged down from the row above: the first line of the row it is given to)."""

    text: str
    first: int
    last: int


@cache
def row_label() -> regex.Pattern:
    """A number cell's whole text (``row_label`` of rules/readers.yml), emphasis aside."""
    return regex.compile(rf"\**\s*(?:{rules()['row_label']})\s*\**", regex.I)


@cache
def document_title() -> regex.Pattern:
    """A document's title line: a type name of rules/doc_types.yml in capitals, alone but for
    emphasis and a colon ("**QUYẾT ĐỊNH**", "CHỈ THỊ", "QUYẾT ĐỊNH:")."""
    names = [t["name"].upper() for t in extraction_rules.load()["doc_types"]["types"]]
    return regex.compile(rf"[*_\s]*(?:{extraction_rules.alternation(names)})[*_\s:]*")


@cache
def appendix_title() -> regex.Pattern:
    """An appendix's title line (``appendix_title`` of rules/readers.yml: "**PHỤ LỤC**")."""
    return regex.compile(rules()["appendix_title"])


def opens_document_part(lines: list[str], index: int) -> bool:
    """Whether the lines from ``index`` open a document's title or an appendix's, lines of
    emphasis alone ("** **") aside: a table ends before them."""
    while index < len(lines) and not lines[index].strip(" *_"):
        if not lines[index].strip():
            return False
        index += 1
    return index < len(lines) and (document_title().fullmatch(lines[index]) is not None or
                                   appendix_title().fullmatch(lines[index]) is not None)


def is_group_title(cell: Cell) -> bool:
    """Whether the cell is a group row's title with its number glued on, in capitals ("**II.
    HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH ...**", plans11 P11_01): a row of its own, no sub-row."""
    opening = regex.match(rf"\**\s*(?:{rules()['row_label']})[.)]\s", cell.text, regex.I)
    return opening is not None and cell.text.upper() == cell.text


def is_label(cell: Cell) -> bool:
    """Whether the cell is a row's number ("1", "1.2", "II", "a)"), which opens a row."""
    return row_label().fullmatch(cell.text) is not None


def table_blocks(lines: list[str]) -> list[SourceBlock]:
    """One block a line ("line 12", 1-based), but one block a row for each vertical table of
    ROW_TABLE_COLUMNS or more columns: "| a | b | c |", sourced "lines 40-52"."""
    blocks: list[SourceBlock] = []
    index = 0
    while index < len(lines):
        end = _table_end(lines, index) if lines[index].strip() == PIPE else index
        rows = _rows(lines[index:end], index) if end > index else None
        if rows is None:
            blocks.append(SourceBlock(lines[index], f"line {index + 1}"))
            index += 1
            continue
        blocks += [SourceBlock("| " + " | ".join(cell.text for cell in row) + " |",
                               f"lines {min(c.first for c in row) + 1}-"
                               f"{max(c.last for c in row) + 1}")
                   for row in rows if any(cell.text for cell in row)]
        index = end
    return blocks


def _table_end(lines: list[str], start: int) -> int:
    """The index after the last "|" line of a table opening at ``start``: the table runs at most
    to the next blank line, to a "|" line right above a document's or an appendix's title, or to
    the "|" line before a cell longer than MAX_CELL_CHARACTERS."""
    end, cell = start, 0
    for index in range(start, len(lines)):
        if not lines[index].strip():
            break
        if lines[index].strip() == PIPE:
            end, cell = index + 1, 0
            if opens_document_part(lines, index + 1):
                break
            continue
        cell += len(lines[index].strip()) + 1
        if cell > MAX_CELL_CHARACTERS:
            break
    return end


def _rows(lines: list[str], offset: int) -> list[list[Cell]] | None:
    """The rows of the table ``lines`` hold (``offset``: the index of its first line), merged
    cells filled in (``_merged_down``); None when it is no table to read a row a line: narrower
    than ROW_TABLE_COLUMNS, or a single row."""
    runs, cells = _without_omissions(*_pieces(lines, offset))
    width = max(map(len, _segments(runs, cells)), default=0)
    if width < ROW_TABLE_COLUMNS or max(runs[1:-1], default=1) < 2:
        return None
    rows: list[list[Cell]] = []
    row = _empty(runs[0] - 1, offset)
    for index, cell in enumerate(cells):
        row.append(cell)
        run = runs[index + 1]
        if index + 1 == len(cells):
            rows.append(row + _empty(min(run - 1, width - len(row)), cell.last))
        elif run > 1:
            following = _segment_length(runs, index + 1)
            if len(row) + run - 1 + following <= width and not is_label(cells[index + 1]):
                row += _empty(run - 1, cell.last)  # empty cells inside the row
            else:
                trailing = min(run - 2, max(width - len(row), 0))
                rows.append(row + _empty(trailing, cell.last))
                leading = 0 if is_label(cells[index + 1]) else run - 2 - trailing
                row = _empty(leading, cells[index + 1].first)  # a number opens its row
    return _merged_down(rows, width)


def _pieces(lines: list[str], offset: int) -> tuple[list[int], list[Cell]]:
    """The lengths of the runs of "|" lines and the cells between them: one run more than
    cells, the table opening and closing with a run."""
    runs, cells = [0], []
    for index, line in enumerate(lines, start=offset):
        if line.strip() == PIPE:
            runs[-1] += 1
        elif runs[-1]:
            cells.append(Cell(line.strip(), index, index))
            runs.append(0)
        else:
            cells[-1] = replace(cells[-1], text=f"{cells[-1].text} {line.strip()}".strip(),
                                last=index)
    return runs, cells


def _without_omissions(runs: list[int], cells: list[Cell]) -> tuple[list[int], list[Cell]]:
    """The runs and cells with each cell of dots alone (``OMISSION``: rows the copy left out,
    set off by single "|" lines in plans12 P12_06) taken out and read as a row's end."""
    runs, cells = list(runs), list(cells)
    for index in range(len(cells) - 1, -1, -1):
        if OMISSION.fullmatch(cells[index].text):
            runs[index:index + 2] = [max(2, runs[index] + runs[index + 1])]
            del cells[index]
    return runs, cells


def _segments(runs: list[int], cells: list[Cell]) -> list[list[Cell]]:
    """The cells between runs of two "|" lines or more: one row each, or part of one."""
    segments: list[list[Cell]] = [[]]
    for index, cell in enumerate(cells):
        segments[-1].append(cell)
        if runs[index + 1] > 1:
            segments.append([])
    return [segment for segment in segments if segment]


def _segment_length(runs: list[int], start: int) -> int:
    """How many cells from ``cells[start]`` on come before the next run of two or more."""
    length = 1
    while start + length < len(runs) - 1 and runs[start + length] == 1:
        length += 1
    return length


def _empty(count: int, line: int) -> list[Cell]:
    return [Cell("", line, line) for _ in range(count)]


def _merged_down(rows: list[list[Cell]], width: int) -> list[list[Cell]]:
    """In a table numbered in its first column (most rows after the header open with a number),
    a row the site left short gets the cells merged down from the row above, as a Word table's
    vertically merged cell gives its text to every row it spans: a row that opens without a
    number continues the numbered row above (a sub-row: its number and its missing last cells
    merged), and a numbered row of a task's three cells or more gets its missing last cells. A
    group row ("II | Title", two cells, or "II. TITLE" in one) gets nothing."""
    numbered = [is_label(row[0]) for row in rows[1:]]
    if 2 * sum(numbered) <= len(numbered):
        return rows
    filled, above = rows[:1], list[Cell]()
    for row in rows[1:]:
        merged = [replace(cell, first=row[0].first, last=row[0].first) for cell in above]
        if above and len(row) < width and row[0].text and not is_label(row[0]) and \
                not is_group_title(row[0]):
            row = [merged[0], *row, *merged[len(row) + 1:]]
        elif above and ROW_TABLE_COLUMNS <= len(row) < width:
            row = [*row, *merged[len(row):]]
        filled.append(row)
        above = row if len(row) >= ROW_TABLE_COLUMNS else []
    return filled
