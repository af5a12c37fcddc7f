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

import regex

from .text import fold

from . import rules
from .attributes import Attributes, record
from .roles import RoleReader

CELL = regex.compile(r"[^|]+")
COLUMN_KINDS = ("lead", "support", "time")


@dataclass
class Row:
    text: tuple[int, int]  # the task cell
    attributes: Attributes
    deliverable: tuple[int, int] | None = None  # the "Sản phẩm" cell


@lru_cache(maxsize=1)
def _header_words() -> dict[str, tuple[str, ...]]:
    labels = rules.load()["cues"]["attributes"]
    words = {kind: tuple(fold(label) for label in labels[kind]) for kind in COLUMN_KINDS}
    words["task"] = tuple(fold(w) for w in rules.load()["cues"]["task_columns"])
    words["deliverable"] = tuple(fold(w) for w in rules.load()["cues"]["deliverable_columns"])
    return words


@lru_cache(maxsize=1)
def _deliverable_phrase() -> regex.Pattern:
    return regex.compile(rules.load()["cues"]["deliverable_phrase"])


def stated_deliverable(text: str) -> str | None:
    """What "sản phẩm là ..." in a task's text says the task produces, as written."""
    match = _deliverable_phrase().search(fold(text))
    return text[match.start(1):match.end(1)].strip() if match else None


def cells(text: str, offset: int) -> list[tuple[int, int]]:
    """Spans of the non-empty cells of a pipe row."""
    spans = []
    for match in CELL.finditer(text):
        value = match.group()
        if value.strip():
            lead = len(value) - len(value.lstrip())
            spans.append((offset + match.start() + lead, offset + match.end() - (len(value) - len(value.rstrip())) ))
    return spans


def is_row(text: str) -> bool:
    return text.count("|") >= 2 or (text.count("|") == 1 and not text.strip().startswith("|"))


def header_columns(folded_cells: list[str]) -> dict[str, int] | None:
    """Column index per kind when this row is a task table's header, else None."""
    words = _header_words()
    columns = {}
    for kind in ("lead", "support", "time", "task", "deliverable"):
        for index, cell in enumerate(folded_cells):
            if index not in columns.values() and any(w in cell for w in words[kind]):
                columns[kind] = index
                break
    return columns if "lead" in columns else None


def find_rows(doc, reader: RoleReader) -> tuple[dict[int, Row], set[int]]:
    """Task rows per block, and the header blocks (no tasks themselves)."""
    text, folded = doc._.text, doc._.folded
    rows: dict[int, Row] = {}
    headers: set[int] = set()
    columns: dict[str, int] | None = None
    for block in doc._.blocks:
        line = text[block.start:block.end]
        if not is_row(line):
            columns = None
            continue
        spans = cells(line, block.start)
        header = header_columns([folded[s:e] for s, e in spans])
        if header:
            columns = header
            headers.add(block.index)
        elif columns and len(spans) > columns["lead"]:
            rows[block.index] = _row(spans, columns, reader)
    return rows, headers


def _row(spans: list[tuple[int, int]], columns: dict[str, int], reader: RoleReader) -> Row:
    task = columns.get("task")
    if task is None or task >= len(spans):  # no task column named: the longest cell
        task = max(range(len(spans)), key=lambda i: spans[i][1] - spans[i][0])
    attributes = Attributes()
    for kind in COLUMN_KINDS:
        if kind in columns and columns[kind] < len(spans):
            record(attributes, kind, *spans[columns[kind]], reader)
    deliverable = columns.get("deliverable")
    return Row(spans[task], attributes,
               spans[deliverable] if deliverable is not None and deliverable < len(spans) else None)
