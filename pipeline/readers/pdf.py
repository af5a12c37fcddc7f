"""PDF reader: pdfplumber's text in reading order, tables cell by cell, OCR for scanned pages.

Bounded: at most MAX_PAGES pages (MAX_OCR_PAGES of them through OCR) and PAGE_SECONDS of page
reading; a longer document keeps what was read and says where it stopped in a warning.
"""
from __future__ import annotations

import time
from pathlib import Path

import pdfplumber
import regex
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from extractors.model import SourceBlock

from . import ReadResult
from . import ROW_TABLE_COLUMNS, ReadError, ocr, register
from .limits import MAX_OCR_PAGES, MAX_PAGES, PAGE_SECONDS

LIST_MARKER = regex.compile(r"\s*(?:\d{1,2}[.)]|[a-zđ]\)|[IVX]+\.|[-+–•])\s")
LIST_ITEM_START = regex.compile(r"\n(?=" + LIST_MARKER.pattern + ")")
BROKEN_AT_HYPHEN = regex.compile(r"\S-$")
SHORT_LINE_POINTS = 40  # a line ending closer than this to the right margin was wrapped
MIN_TEXT_CHARS = 20  # a page with less text than this is taken for a scan
PASSWORD = ("password-protected PDF: it cannot be opened without its password; "
            "ask the sender for an unprotected copy")


def _inside(word: dict, boxes: list[tuple]) -> bool:
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def paragraphs(lines: list[dict]) -> list[dict]:
    """Lines wrapped by the printer joined back into paragraphs (each keeps its first line's top).

    A line starts a new paragraph when it starts with a list marker, after a vertical gap, or
    when the line before it stopped short of the margin and this line's first word would have
    fitted there.
    """
    if not lines:
        return []
    right = max(line["x1"] for line in lines)
    joined = [dict(lines[0])]
    for line in lines[1:]:
        last = joined[-1]
        height = last["bottom"] - last["top"]
        room = right - last["x1"]
        wrapped = (not LIST_MARKER.match(line["text"])
                   and (room < SHORT_LINE_POINTS or _first_word_width(line) > room)
                   and line["top"] - last["bottom"] <= height * 0.8)
        if wrapped:
            glue = "" if BROKEN_AT_HYPHEN.search(last["text"]) else " "  # "2022-" + "2025"
            last.update(text=last["text"] + glue + line["text"], x1=line["x1"],
                        bottom=line["bottom"])
        else:
            joined.append(dict(line))
    return joined


def _first_word_width(line: dict) -> float:
    """Width of the line's first word and a space, from the line's average character width."""
    text = line["text"]
    first_word = text.split(" ", 1)[0]
    return (line["x1"] - line["x0"]) / max(len(text), 1) * (len(first_word) + 1)


def page_blocks(page, number: int) -> list[SourceBlock]:
    """Paragraphs and table cells of one page, top to bottom."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    lines = [line for line in page.extract_text_lines(return_chars=False)
             if not _inside(line, boxes)]
    placed = [(line["top"], SourceBlock(line["text"], f"page {number}")) for line in paragraphs(lines)]
    for t, table in enumerate(tables, start=1):
        for r, row in enumerate(table.extract(), start=1):
            cells = [" ".join(cell.split("\n")) if cell else "" for cell in row]  # breaks are wrapping
            top = table.bbox[1] + r * 1e-3
            if len(row) >= ROW_TABLE_COLUMNS:  # a data table: the row as one line, as in .docx
                if any(c.strip() for c in cells):
                    placed.append((top, SourceBlock(" | ".join(cells), f"page {number} table {t} row {r}")))
                continue
            for c, cell in enumerate(cells, start=1):
                if cell.strip():
                    placed.append((top, SourceBlock(cell, f"page {number} table {t} row {r} cell {c}")))
    return [block for _top, block in sorted(placed, key=lambda item: item[0])]


def ocr_blocks(page, number: int, deadline: float) -> list[SourceBlock]:
    """Tesseract's paragraphs (blank-line separated), wrapped lines joined, list items apart."""
    text = ocr.page_text(page, deadline - time.monotonic())
    blocks = []
    for paragraph in text.split("\n\n"):
        for item in LIST_ITEM_START.split(paragraph.strip()):
            if item.strip():
                blocks.append(SourceBlock(" ".join(item.split("\n")), f"page {number} (OCR)"))
    return blocks


class PdfReading:
    """One PDF read page by page within the limits."""

    def __init__(self, pdf) -> None:
        self.pdf, self.blocks, self.warnings = pdf, [], []
        self.scanned = 0
        self.deadline = time.monotonic() + PAGE_SECONDS

    def run(self) -> None:
        pages = self.pdf.pages
        for number, page in enumerate(pages, start=1):
            stop = self._stop_reason(number)
            if stop:
                self.warnings.append(f"only the first {number - 1} of {len(pages)} pages were "
                                     f"read: {stop}")
                return
            self.blocks.extend(self._page(page, number))
            page.close()  # drops the page's parsed objects: memory stays flat over long files

    def _stop_reason(self, number: int) -> str | None:
        if number > MAX_PAGES:
            return f"limit of {MAX_PAGES} pages"
        if time.monotonic() > self.deadline:
            return f"time limit of {PAGE_SECONDS} s"
        return None

    def _page(self, page, number: int) -> list[SourceBlock]:
        blocks = page_blocks(page, number)
        if sum(len(b.text.strip()) for b in blocks) >= MIN_TEXT_CHARS or not page.images:
            return blocks
        if self.scanned == MAX_OCR_PAGES:
            self.warnings.append(f"page {number} is scanned but OCR is limited to "
                                 f"{MAX_OCR_PAGES} pages; skipped")
            return blocks
        if self.scanned == 0:
            ocr.check_tesseract()
        self.scanned += 1
        return ocr_blocks(page, number, self.deadline)


@register(".pdf")
def read_pdf(path: Path) -> ReadResult:
    try:
        with pdfplumber.open(str(path)) as pdf:
            reading = PdfReading(pdf)
            reading.run()
    except PdfminerException as exc:
        raise _pdf_error(exc.args[0] if exc.args else exc) from None
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError, PSException) as exc:
        raise _pdf_error(exc) from None
    if reading.scanned:
        reading.warnings.append(f"{reading.scanned} scanned page(s) read by OCR: check the text")
    if _truncated(path):
        reading.warnings.append("the PDF ends without its end marker (%%EOF): the file may be "
                                "truncated and text missing")
    return ReadResult(reading.blocks, method="ocr" if reading.scanned else "pdf",
                      warnings=reading.warnings)


def _pdf_error(cause) -> ReadError:
    if isinstance(cause, PDFPasswordIncorrect):
        return ReadError(PASSWORD)
    if isinstance(cause, PDFEncryptionError):
        return ReadError(f"encrypted PDF that cannot be decrypted ({cause}); "
                         "ask the sender for an unprotected copy")
    return ReadError(f"damaged or truncated PDF ({cause.__class__.__name__}: {cause})")


def _truncated(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(0, 2)
        handle.seek(max(handle.tell() - 2048, 0))
        return b"%%EOF" not in handle.read()
