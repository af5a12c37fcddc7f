"""Task tables: plans list their tasks as rows.

    TT | Nội dung nhiệm vụ                  | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành
    1  | Xây dựng cơ sở dữ liệu ngành ...   | Sở Y tế         | Sở TT&TT         | Quý IV/2023

A row is a line with cells between "|" (how web pages and the .docx reader give a table). A header
row naming a lead column starts a task table; each following row is one task: its text is the
task cell, its leads, supports and deadline come from their columns.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex
from spacy.tokens import Doc

from . import rules
from .agencies import Assignment
from .attributes import Attributes, record
from .text import fold

if TYPE_CHECKING:
    from .roles import RoleReader

CELL = regex.compile(r"[^|]+")
COLUMN_KINDS = rules.ATTRIBUTE_KINDS


@dataclass
class Row:
    """A task table's row: one task, its text the task cell, the rest from their columns."""

    block: int  # index into doc._.blocks
    task_cell: tuple[int, int]  # (start_char, end_char)
    attributes: Attributes
    deliverable_cell: tuple[int, int] | None = None  # the "Sản phẩm" column's cell


@lru_cache(maxsize=1)
def _header_words() -> dict[str, tuple[str, ...]]:
    labels = rules.load()["cues"]["attributes"]
    words = {kind: tuple(fold(label) for label in labels[kind]) for kind in COLUMN_KINDS}
    words["task"] = tuple(fold(w) for w in rules.load()["cues"]["task_columns"])
    words["deliverable"] = tuple(fold(w) for w in rules.load()["cues"]["deliverable_columns"])
    return words


def stated_deliverable(text: str) -> str | None:
    """What "sản phẩm là ..." in a task's text says the task produces, as written
    (``cues.yml`` ``deliverable_phrase``, group 1), or None."""
    match = rules.load()["cues"]["deliverable_phrase"].search(fold(text))
    return text[match.start(1):match.end(1)].strip() if match else None


def cells(text: str, offset: int) -> list[tuple[int, int]]:
    """(start_char, end_char) of the non-empty cells of a pipe row, stripped; ``offset`` is
    where the row starts in the document."""
    spans = []
    for match in CELL.finditer(text):
        value = match.group()
        if value.strip():
            lead, trail = len(value) - len(value.lstrip()), len(value) - len(value.rstrip())
            spans.append((offset + match.start() + lead, offset + match.end() - trail))
    return spans


def is_row(text: str) -> bool:
    """Whether a line is a table row: cells between "|"."""
    return text.count("|") >= 2 or (text.count("|") == 1 and not text.strip().startswith("|"))


def header_columns(folded_cells: list[str]) -> dict[str, int] | None:
    """Column index per kind when this row is a task table's header, else None."""
    words = _header_words()
    columns: dict[str, int] = {}
    for kind in ("lead", "support", "time", "task", "deliverable"):
        for index, cell in enumerate(folded_cells):
            if index not in columns.values() and any(w in cell for w in words[kind]):
                columns[kind] = index
                break
    return columns if "lead" in columns else None


def find_rows(doc: Doc, reader: RoleReader) -> tuple[list[Row], set[int]]:
    """The task rows, in text order, and the indices of the header blocks (no tasks themselves)."""
    text, folded = doc._.text, doc._.folded
    rows: list[Row] = []
    headers: set[int] = set()
    columns: dict[str, int] | None = None
    for block in doc._.blocks:
        line = text[block.start_char:block.end_char]
        if not is_row(line):
            columns = None
            continue
        spans = cells(line, block.start_char)
        header = header_columns([folded[s:e] for s, e in spans])
        if header:
            columns = header
            headers.add(block.index)
        elif columns and len(spans) > columns["lead"]:
            rows.append(_row(block.index, spans, columns, reader))
    return rows, headers


def _row(block: int, spans: list[tuple[int, int]], columns: dict[str, int],
         reader: RoleReader) -> Row:
    task = columns.get("task")
    if task is None or task >= len(spans):  # no task column named: the longest cell
        task = max(range(len(spans)), key=lambda i: spans[i][1] - spans[i][0])
    attributes = Attributes(block, Assignment(lead_evidence="table"))
    for kind in COLUMN_KINDS:
        if kind in columns and columns[kind] < len(spans):
            record(attributes, kind, *spans[columns[kind]], reader)
    deliverable = columns.get("deliverable")
    return Row(block, spans[task], attributes,
               spans[deliverable] if deliverable is not None and deliverable < len(spans) else None)
