"""Word .docx reader: paragraphs and tables in document order, with Word's list numbering."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from ..model import Block, ReadResult
from . import ReadError, register


def iter_body(document: Document):
    """Paragraphs and tables in the order they appear in the body."""
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, document)
        elif child.tag.endswith("}tbl"):
            yield Table(child, document)


def table_blocks(table: Table, index: int) -> list[Block]:
    blocks = []
    for r, row in enumerate(table.rows):
        seen = set()
        for c, cell in enumerate(row.cells):
            if id(cell._tc) in seen:  # merged cells repeat the same element
                continue
            seen.add(id(cell._tc))
            for text in cell.text.split("\n"):
                if text.strip():
                    blocks.append(Block(text, f"table {index} row {r + 1} cell {c + 1}"))
    return blocks


@register(".docx")
def read_docx(path: Path) -> ReadResult:
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"not a valid .docx file ({exc.__class__.__name__}: {exc})") from exc
    blocks, tables = [], 0
    for p, item in enumerate(iter_body(document)):
        if isinstance(item, Table):
            tables += 1
            blocks.extend(table_blocks(item, tables))
        else:
            blocks.append(Block(item.text, f"paragraph {p + 1}"))
    return ReadResult(blocks, method="docx")
