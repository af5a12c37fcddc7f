"""Word .docx reader: paragraphs and tables in document order, with Word's list numbering.

The archive is checked before python-docx unpacks it: a .docx that would unpack to hundreds of
megabytes (a zip bomb, or a damaged size field) is refused instead of filling memory.
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from extractors.model import SourceBlock

from . import ReadResult
from . import ROW_TABLE_COLUMNS, ReadError, register
from .limits import LARGE_PART_BYTES, MAX_COMPRESSION_RATIO, MAX_UNCOMPRESSED_BYTES
from .numbering import Numbering

MB = 1024 * 1024
CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, XMLSyntaxError,
           PackageNotFoundError)


def check_archive(path: Path) -> None:
    """Refuse archives that are not Word documents or that would unpack to too much."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise ReadError(f"corrupt .docx: not a readable ZIP archive ({exc})") from None
    total = sum(part.file_size for part in parts)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ReadError(f"refused: this .docx would unpack to {total / MB:,.0f} MB (limit "
                        f"{MAX_UNCOMPRESSED_BYTES / MB:.0f} MB); a zip bomb or a damaged file")
    for part in parts:
        if (part.file_size > LARGE_PART_BYTES
                and part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1)):
            raise ReadError(f"refused: {part.filename} in this .docx is compressed "
                            f"{part.file_size // max(part.compress_size, 1):,} to 1 (a zip bomb?)")
    if "word/document.xml" not in {part.filename for part in parts}:
        raise ReadError("ZIP archive without word/document.xml: not a Word document "
                        "(an .xlsx, .odt or other archive renamed?)")


def paragraph_text(paragraph: Paragraph, numbering: Numbering) -> str:
    marker = numbering.marker(paragraph)
    return f"{marker} {paragraph.text}" if marker else paragraph.text


def row_line(row, numbering: Numbering) -> str:
    """A data table's row as one line, cells between "|", each cell once."""
    texts, seen = [], set()
    for cell in row.cells:
        if cell._tc not in seen:
            seen.add(cell._tc)
            texts.append(" ".join(paragraph_text(p, numbering) for p in cell.paragraphs).strip())
    return " | ".join(texts)


def table_blocks(table: Table, label: str, numbering: Numbering) -> list[SourceBlock]:
    """Row by row, each cell once (merged cells repeat the same element), nested tables inside.

    A data table (three columns or more, like a plan's task list: Nội dung | Cơ quan chủ trì |
    Thời gian) gives one line per row with its cells between "|", so a row stays a unit."""
    if len(table.columns) >= ROW_TABLE_COLUMNS and not table._tbl.xpath(".//w:tbl"):
        return [SourceBlock(line, f"{label} row {r}") for r, row in enumerate(table.rows, start=1)
                if (line := row_line(row, numbering)).strip(" |")]
    blocks, seen = [], set()
    for r, row in enumerate(table.rows, start=1):
        for c, cell in enumerate(row.cells, start=1):
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            source = f"{label} row {r} cell {c}"
            for n, item in enumerate(cell.iter_inner_content(), start=1):
                if isinstance(item, Table):
                    blocks.extend(table_blocks(item, f"{source} table {n}", numbering))
                else:
                    text = paragraph_text(item, numbering)
                    blocks.extend(SourceBlock(line, source) for line in text.split("\n") if line.strip())
    return blocks


def document_blocks(document) -> list[SourceBlock]:
    numbering = Numbering.of(document)
    blocks, paragraphs, tables = [], 0, 0
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            tables += 1
            blocks.extend(table_blocks(item, f"table {tables}", numbering))
        else:
            paragraphs += 1
            blocks.append(SourceBlock(paragraph_text(item, numbering), f"paragraph {paragraphs}"))
    return blocks


@register(".docx")
def read_docx(path: Path) -> ReadResult:
    check_archive(path)
    try:
        blocks = document_blocks(docx.Document(str(path)))
    except CORRUPT as exc:
        raise ReadError(f"corrupt .docx ({exc.__class__.__name__}: {exc})") from None
    return ReadResult(blocks, method="docx")
