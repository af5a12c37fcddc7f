"""Page layout: positioned words → lines → reading order, the same for a text layer and a scan.

A word is a dict with ``text`` and its box ``x0, x1, top, bottom`` in points, top down (what
pdfplumber's ``extract_words`` gives, and what ``ocr.page_lines`` makes of Tesseract's boxes).
Lines are read in three kinds of region:

- a borderless table (a spreadsheet printed without gridlines): three or more columns whose
  gutters stay blank down a run of lines; each row becomes one line, cells between " | ", a
  wrapped cell's lines joined;
- two columns side by side (the header: issuer | national motto, number | place and date; the
  signature block: recipients | signer): the left column read before the right one;
- the flow: lines joined back into paragraphs.

Distances are in ems (a line's height), so they hold at any font size and scan resolution.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

import regex

from extractors.text import WORD, is_well_formed

from .quality import LOW_QUALITY, rules, text_quality

TABLE_GAP = 0.6  # a blank this wide (ems) between words may part table columns; a space is ~0.25
COLUMN_GAP = 2.0  # a blank this wide parts the two columns of a header or signature block
MIN_TABLE_GUTTER = 0.4  # a table's gutters stay at least this wide on every line of the table
MIN_COLUMN_GUTTER = 1.0
MIN_COLUMN_SYLLABLES = 2  # Vietnamese syllables each of two columns holds ("CHỦ TỊCH" has two)
MAX_REGION_GAP = 4.0  # a vertical blank this tall (ems) ends a table or a two-column region
MIN_TABLE_LINES = 3  # lines a borderless table spans at least (a header and a row, wrapped)
MIN_FILLED_LINES = 2  # lines each of its columns has words on
SHORT_LINE = 3.0  # a line ending closer than this (ems) to the right edge was wrapped
# A line further below the last than this many times the page's usual line spacing starts a
# paragraph (space before it); measured in spacing, not ems: OCR boxes are ink, not font, high.
PARAGRAPH_STEP = 1.3
ROW_STEP = 1.25  # in a table without row numbers, a row starts this much below the tightest step
RIGHT_EDGE_SHARE = 0.8  # the right edge: where this share of the lines end, not a stray mark
NUMBER_CELL_CHARS = 4  # a first column this narrow in text ("1", "12", "IV", "STT") numbers rows
LIST_MARKER = regex.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ][.)]|[IVXLC]+\.|[-+–•])\s")
BROKEN_AT_HYPHEN = regex.compile(r"\S-$")
TERMINAL = tuple(".:;!?")


@dataclass
class Line:
    """Words on one line, left to right."""

    words: list[dict]

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return max(w["x1"] for w in self.words)

    @property
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w["bottom"] for w in self.words)

    @property
    def em(self) -> float:
        return median(w["bottom"] - w["top"] for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    def gaps(self, at_least: float) -> list[tuple[float, float]]:
        """Blanks between words at least ``at_least`` ems wide, as (x0, x1) intervals."""
        width = at_least * self.em
        return [(a["x1"], b["x0"]) for a, b in zip(self.words, self.words[1:])
                if b["x0"] - a["x1"] >= width]

    def parts(self, at_least: float) -> list[Line]:
        """The line cut at its blanks at least ``at_least`` ems wide."""
        cuts = {b["x0"] for a, b in zip(self.words, self.words[1:])
                if b["x0"] - a["x1"] >= at_least * self.em}
        found: list[list[dict]] = []
        for word in self.words:
            if not found or word["x0"] in cuts:
                found.append([])
            found[-1].append(word)
        return [Line(words) for words in found]

    def split(self, x: float) -> tuple[Line | None, Line | None]:
        """The words left of ``x`` and those right of it (by their centres)."""
        left = [w for w in self.words if (w["x0"] + w["x1"]) / 2 < x]
        right = [w for w in self.words if (w["x0"] + w["x1"]) / 2 >= x]
        return (Line(left) if left else None), (Line(right) if right else None)


@dataclass
class Piece:
    """A paragraph or a table row of a page, placed by its top."""

    top: float
    text: str
    place: str = ""  # within the page: "table 2 row 3" for a table row, "" for a paragraph
    open_end: bool = False  # a paragraph whose last line ran to the margin, unfinished


@dataclass
class Region:
    """Lines read together (a table, two columns), with the blank gutters that part them."""

    lines: list[Line]
    gutters: list[tuple[float, float]] = field(default_factory=list)


def lines_of(words: list[dict]) -> list[Line]:
    """Words grouped into lines by their vertical centres (a text layer's words)."""
    if not words:
        return []
    tolerance = 0.5 * median(w["bottom"] - w["top"] for w in words)
    ordered = sorted(words, key=_centre)
    groups, current = [], [ordered[0]]
    for word in ordered[1:]:
        if _centre(word) - _centre(current[0]) > tolerance:
            groups.append(current)
            current = []
        current.append(word)
    groups.append(current)
    return sorted((Line(sorted(g, key=lambda w: w["x0"])) for g in groups),
                  key=lambda line: line.top)


def _centre(word: dict) -> float:
    return (word["top"] + word["bottom"]) / 2


def merge_side_by_side(lines: list[Line]) -> list[Line]:
    """Lines at the same height that do not overlap as one line (OCR reads columns apart)."""
    merged: list[Line] = []
    for line in sorted(lines, key=lambda l: (l.top + l.bottom) / 2):
        for other in merged:
            same_height = abs((line.top + line.bottom) / 2 - (other.top + other.bottom) / 2) \
                < 0.5 * max(line.em, other.em)  # a list dash is far less tall than its line
            apart = line.x0 > other.x1 or line.x1 < other.x0
            if same_height and apart:
                other.words = sorted(other.words + line.words, key=lambda w: w["x0"])
                break
        else:
            merged.append(Line(list(line.words)))
    return sorted(merged, key=lambda line: line.top)


def set_apart(lines: list[Line], boxes: list[tuple]) -> tuple[list[Line], list[Line]]:
    """(the lines without the words inside ``boxes``, the lines of those words); a word is
    inside a box (x0, top, x1, bottom) when its centre is."""
    kept, apart = [], []
    for line in lines:
        within = [w for w in line.words if inside(w, boxes)]
        outside = [w for w in line.words if not inside(w, boxes)]
        kept += [Line(outside)] if outside else []
        apart += [Line(within)] if within else []
    return kept, apart


def marked_boxes(lines: list[Line], marks) -> list[tuple]:
    """Boxes (x0, top, x1, bottom) of the blocks of small print that ``marks`` (a compiled
    pattern) recognises: two or more marked lines close together (a signature stamp: "Ký bởi",
    "Thời gian ký"), with the lines around them that fit in their width (a wrapped name)."""
    parts = [part for line in lines for part in line.parts(COLUMN_GAP)]
    marked = sorted((p for p in parts if marks.match(p.text)), key=lambda p: p.top)
    clusters: list[list[Line]] = []
    for part in marked:
        if clusters and part.top - clusters[-1][-1].bottom < MAX_REGION_GAP * part.em:
            clusters[-1].append(part)
        else:
            clusters.append([part])
    return [_grown(cluster, parts) for cluster in clusters if len(cluster) >= 2]


def _grown(cluster: list[Line], parts: list[Line]) -> tuple:
    x0, x1 = min(p.x0 for p in cluster), max(p.x1 for p in cluster)
    top, bottom = min(p.top for p in cluster), max(p.bottom for p in cluster)
    em = median(p.em for p in cluster)
    grew = True
    while grew:
        grew = False
        for part in parts:
            near = part.top < bottom + em and part.bottom > top - em
            within = part.x0 >= x0 - em and part.x1 <= x1 + em
            if near and within and not (top <= part.top and part.bottom <= bottom):
                top, bottom, grew = min(top, part.top), max(bottom, part.bottom), True
    return x0 - 1, top - 1, x1 + 1, bottom + 1


def inside(word: dict, boxes: list[tuple]) -> bool:
    """Whether the word's centre lies in one of ``boxes`` (x0, top, x1, bottom)."""
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _blank(gutter: tuple[float, float], line: Line) -> tuple[float, float] | None:
    """What stays blank of ``gutter`` on ``line``: the widest part its words leave free."""
    free = [gutter]
    for word in line.words:
        free = [part for lo, hi in free
                for part in ((lo, min(hi, word["x0"])), (max(lo, word["x1"]), hi))
                if part[1] > part[0]]
    return max(free, key=lambda part: part[1] - part[0], default=None)


def _narrow(gutters: list[tuple[float, float]], line: Line, minimum: float
            ) -> list[tuple[float, float]] | None:
    """The gutters as ``line`` leaves them, or None if it fills one of them."""
    narrowed = []
    for gutter in gutters:
        free = _blank(gutter, line)
        if free is None or free[1] - free[0] < minimum * line.em:
            return None
        narrowed.append(free)
    return narrowed


def _grow(lines: list[Line], seed: int, gutters: list[tuple[float, float]], minimum: float,
          taken: set[int]) -> tuple[list[int], list[tuple[float, float]]]:
    """Indexes of the lines around ``seed`` that keep every gutter blank, and the gutters."""
    members = [seed]
    for step in (1, -1):
        index = seed + step
        while 0 <= index < len(lines) and index not in taken:
            near = members[-1] if step == 1 else members[0]
            upper, lower = sorted((lines[near], lines[index]), key=lambda l: l.top)
            if lower.top - upper.bottom > MAX_REGION_GAP * lines[seed].em:
                break
            narrowed = _narrow(gutters, lines[index], minimum)
            if narrowed is None:
                break
            gutters = narrowed
            members.append(index) if step == 1 else members.insert(0, index)
            index += step
    return members, gutters


def find_tables(lines: list[Line], taken: set[int]) -> list[Region]:
    """Borderless tables: runs of lines with two or more gutters blank on every line, each
    column with words on MIN_FILLED_LINES lines or more (a speck beside a header is no column),
    the words read well (the specks of a rubber stamp on a scan make no table)."""
    tables = []
    for seed, line in enumerate(lines):
        gutters = line.gaps(TABLE_GAP)
        if seed in taken or len(gutters) < 2:
            continue
        members, gutters = _grow(lines, seed, gutters, MIN_TABLE_GUTTER, taken)
        bounds = [(g[0] + g[1]) / 2 for g in gutters]
        filled = [sum(bool(_cells(lines[i], bounds)[c]) for i in members)
                  for c in range(len(bounds) + 1)]
        quality = text_quality(" ".join(lines[i].text for i in members)) or 0
        if (len(members) >= MIN_TABLE_LINES and min(filled) >= MIN_FILLED_LINES
                and quality >= LOW_QUALITY):
            taken.update(members)
            tables.append(Region([lines[i] for i in members], gutters))
    return tables


def find_columns(lines: list[Line], taken: set[int]) -> list[Region]:
    """Two columns side by side: runs of lines around one wide blank that stays blank, words
    on both sides (specks beside a scanned page make no column)."""
    regions = []
    for seed, line in enumerate(lines):
        gaps = line.gaps(COLUMN_GAP)
        if seed in taken or len(gaps) != 1:
            continue
        members, gutters = _grow(lines, seed, gaps, MIN_COLUMN_GUTTER, taken)
        region = Region([lines[i] for i in members], gutters)
        if _read_on_both_sides(region):
            taken.update(members)
            regions.append(region)
    return regions


def _read_on_both_sides(region: Region) -> bool:
    bound = sum(region.gutters[0]) / 2
    syllables = [0, 0]
    for line in region.lines:
        for side, part in enumerate(line.split(bound)):
            syllables[side] += sum(map(is_well_formed, WORD.findall(part.text))) if part else 0
    return min(syllables) >= MIN_COLUMN_SYLLABLES


def table_rows(region: Region) -> list[list[str]]:
    """A borderless table's rows as lists of cell texts, empty cells kept in their column.

    A row starts at a line with text in a narrow first column (the row numbers), or, when the
    table has no such column, at a line set apart by more blank than the table's tightest
    line spacing.
    """
    bounds = [(g[0] + g[1]) / 2 for g in region.gutters]
    grid = [_cells(line, bounds) for line in region.lines]
    numbered = all(len(cells[0]) <= NUMBER_CELL_CHARS for cells in grid if cells[0])
    steps = [b.top - a.top for a, b in zip(region.lines, region.lines[1:])]
    tight = min(steps, default=0)
    rows: list[list[list[str]]] = []
    for index, cells in enumerate(grid):
        starts = (bool(cells[0]) if numbered and any(c[0] for c in grid[1:])
                  else index == 0 or steps[index - 1] > ROW_STEP * tight)
        if starts or not rows:
            rows.append([[] for _ in cells])
        for column, text in enumerate(cells):
            if text:
                rows[-1][column].append(text)
    return [[join_wrapped(parts) for parts in row] for row in rows]


def _cells(line: Line, bounds: list[float]) -> list[str]:
    cells: list[list[str]] = [[] for _ in range(len(bounds) + 1)]
    for word in line.words:
        centre = (word["x0"] + word["x1"]) / 2
        cells[sum(centre > b for b in bounds)].append(word["text"])
    return [" ".join(words) for words in cells]


def join_wrapped(parts: list[str]) -> str:
    """Lines of one paragraph or cell as one string ("2022-" + "2025" keeps no space)."""
    text = ""
    for part in parts:
        glue = "" if not text or BROKEN_AT_HYPHEN.search(text) else " "
        text += glue + part
    return text


def paragraphs(lines: list[Line]) -> list[Piece]:
    """Lines wrapped by the printer joined back into paragraphs.

    A line starts a new paragraph when it starts with a list marker, when it lies further below
    the last than the usual line spacing (``PARAGRAPH_STEP``), after a line that ends a sentence
    or a heading (".", ":", ";") when it starts with a capital, or when the line before it
    stopped short of the right edge and this line's first word would have fitted there. So an
    agency heading ("Sở Tài chính:") is never glued to the paragraph before it.
    """
    if not lines:
        return []
    ends = sorted(line.x1 for line in lines)
    right = ends[int(RIGHT_EDGE_SHARE * (len(ends) - 1))]
    steps = [b.top - a.top for a, b in zip(lines, lines[1:]) if b.top > a.top]
    spacing = median(steps) if steps else 0.0
    pieces: list[Piece] = []
    last: Line | None = None
    for line in lines:
        if last is not None and _continues(last, line, right, spacing):
            piece = pieces[-1]
            piece.text = join_wrapped([piece.text, line.text])
        else:
            pieces.append(Piece(line.top, line.text))
        pieces[-1].open_end = (right - line.x1 < SHORT_LINE * line.em
                               and not line.text.endswith(TERMINAL))
        last = line
    return pieces


def _continues(last: Line, line: Line, right: float, spacing: float) -> bool:
    room = right - last.x1
    text = line.text
    if LIST_MARKER.match(text) or line.top - last.top > PARAGRAPH_STEP * spacing:
        return False
    if last.text.endswith(TERMINAL) and text[:1].isupper():
        return False
    return room < SHORT_LINE * last.em or _first_word_width(line) > room


def _first_word_width(line: Line) -> float:
    first = line.words[0]
    return first["x1"] - first["x0"] + 0.3 * line.em  # and a space


def without_page_numbers(lines: list[Line]) -> list[Line]:
    """The page's lines but a page number (``page_number`` of rules/readers.yml) standing alone
    as its first or last line."""
    ends = {0, len(lines) - 1} if len(lines) > 1 else set()
    number = regex.compile(rules()["page_number"])
    return [line for i, line in enumerate(lines)
            if not (i in ends and number.fullmatch(line.text))]


def read_lines(lines: list[Line], first_table: int = 1) -> list[Piece]:
    """A page's lines in reading order: tables, two-column stretches and paragraphs."""
    lines = without_page_numbers(lines)
    taken: set[int] = set()
    tables = find_tables(lines, taken)
    columns = find_columns(lines, taken)
    pieces: list[Piece] = []
    for number, table in enumerate(tables, start=first_table):
        for r, cells in enumerate(table_rows(table), start=1):
            if any(cells):
                top = table.lines[0].top + r * 1e-3
                pieces.append(Piece(top, " | ".join(cells), place=f"table {number} row {r}"))
    for region in columns:  # short lines, each its own: a wrapped title continues in lower case
        bound = sum(region.gutters[0]) / 2
        sides = [region_line.split(bound) for region_line in region.lines]
        for side in (0, 1):
            column = [pair[side] for pair in sides if pair[side] is not None]
            for n, line in enumerate(column):
                top = region.lines[0].top + (side * len(sides) + n) * 1e-6
                pieces.append(Piece(top, line.text))
    pieces.extend(paragraphs([line for i, line in enumerate(lines) if i not in taken]))
    return sorted(pieces, key=lambda piece: piece.top)
