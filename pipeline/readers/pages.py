"""A document read page by page: a PDF (``pdf``) or a scan saved as an image (``image``).

``PageByPage`` takes each page's reading (``PageReading``) in turn and keeps blocks sourced
"page 3" or "page 3 (OCR)", signature stamps apart, each page's reading path and the warnings.
It stops at MAX_PAGES pages or when the document's time budget runs out, keeping what was read;
sends at most MAX_OCR_PAGES pages to Tesseract (``ocr``); and joins again a paragraph or a table
row that a page break cut.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from extractors.model import SourceBlock

from . import OCR_MARK, ReadResult, ocr
from .layout import LIST_MARKER, Line, Piece, join_wrapped, marked_boxes, set_apart
from .limits import MAX_OCR_PAGES, MAX_PAGES
from .quality import stamp_line


@dataclass
class PageReading:
    """One page as read: its pieces in reading order and the path that read them."""

    pieces: list[Piece]
    method: str  # text | dedupe | ocr | ocr-rotated | none (a scan OCR could not get to)
    stamps: list[Piece] = field(default_factory=list)  # signature stamps, read apart
    encodings: set[str] = field(default_factory=set)  # legacy fonts its words were typed in


class PageByPage:
    """What the pages of one document gave, read within the limits and its time budget."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline  # a time.monotonic() time
        self.blocks: list[SourceBlock] = []
        self.stamps: list[SourceBlock] = []
        self.encodings: set[str] = set()
        self.methods: list[str] = []
        self.warnings: list[str] = []
        self.ocr_pages = 0
        self.open_end = False  # the last paragraph read runs on to the next page

    def read_pages(self, count: int, read_page: Callable[[int], PageReading]) -> None:
        """Pages 1 to ``count``, each read by ``read_page(number)``, until a limit stops them."""
        for number in range(1, count + 1):
            stop = self._stop_reason(number)
            if stop:
                self.warnings.append(f"chỉ đọc được {number - 1}/{count} trang đầu: {stop}")
                return
            self._add(read_page(number), number)

    def _stop_reason(self, number: int) -> str | None:
        if number > MAX_PAGES:
            return f"giới hạn {MAX_PAGES} trang"
        if time.monotonic() > self.deadline:
            return "hết thời gian dành cho việc đọc văn bản"
        return None

    def ocr(self, number: int, read: Callable[[], ocr.Reading]) -> PageReading | None:
        """Page ``number`` read by Tesseract through ``read`` (``ocr.read_page`` or
        ``ocr.read_image`` bound to the page); None, with a warning, past MAX_OCR_PAGES or the
        time budget. ReadError when Tesseract or its Vietnamese data is missing."""
        if self.ocr_pages == MAX_OCR_PAGES:
            self.warnings.append(f"trang {number} cần đọc bằng OCR nhưng OCR chỉ đọc tối đa "
                                 f"{MAX_OCR_PAGES} trang; trang này bị bỏ qua")
            return None
        if self.ocr_pages == 0:
            ocr.check_tesseract()
        self.ocr_pages += 1
        try:
            pieces, stamps, turned = read()
        except ocr.OcrTimeout:
            self.warnings.append(f"trang {number}: hết thời gian đọc văn bản trước khi OCR đọc "
                                 "xong trang này; phần còn lại chưa được đọc")
            self.deadline = time.monotonic()  # no page after this one either
            return None
        if not pieces:
            self.warnings.append(f"trang {number} là bản quét nhưng OCR không đọc được chữ nào")
        return PageReading(pieces, "ocr-rotated" if turned else "ocr", stamps)

    def result(self, method: str) -> ReadResult:
        """The document as read: ``method``, or "ocr" if a page went through OCR (a warning
        says so)."""
        warnings = list(self.warnings)
        if self.ocr_pages:
            warnings.append(f"{self.ocr_pages} trang bản quét được đọc bằng OCR: kiểm tra lại "
                            "chữ")
        if any(m.startswith("ocr") for m in self.methods):
            method = "ocr"
        return ReadResult(self.blocks, method=method,
                          encoding=min(self.encodings) if self.encodings else None,
                          warnings=warnings, apart=self.stamps, page_methods=self.methods)

    def _add(self, reading: PageReading, number: int) -> None:
        """The page's blocks, its first paragraph joined to the last one if that ran on."""
        label = f"page {number}" + (OCR_MARK if reading.method.startswith("ocr") else "")
        pieces = list(reading.pieces)
        if pieces and self.open_end and self.blocks and _continues_paragraph(pieces[0]):
            last = self.blocks[-1]
            last.text = join_wrapped([last.text, pieces.pop(0).text])
        self._join_cut_row(pieces)
        self.blocks.extend(SourceBlock(p.text, f"{label} {p.place}".rstrip()) for p in pieces)
        self.stamps.extend(SourceBlock(p.text, f"{label} signature") for p in reading.stamps)
        self.methods.append(reading.method)
        self.encodings |= reading.encodings
        self.open_end = bool(reading.pieces) and reading.pieces[-1].open_end

    def _join_cut_row(self, pieces: list[Piece]) -> None:
        """Join the rest of a table row that the page break cut to the row's start on the page
        before, cell by cell, taking it out of ``pieces``: the page's first row (after a header
        the table repeats on every page), as wide as the last row read, its number cell empty
        while that row's is not. Word and LibreOffice let a row break across pages; read apart,
        its rest was a row of its own, with no number and no lead (a "group row")."""
        if not self.blocks or not _is_row_piece(self.blocks[-1].source):
            return
        last = self.blocks[-1]
        start = 1 if len(pieces) > 1 and any(b.text == pieces[0].text for b in self.blocks) \
            else 0  # a repeated header
        if len(pieces) <= start or not pieces[start].place.startswith("table 1 row"):
            return
        head, rest = last.text.split(" | "), pieces[start].text.split(" | ")
        if len(head) != len(rest) or rest[0].strip() or not head[0].strip():
            return
        last.text = " | ".join(join_wrapped([a, b]) if a.strip() and b.strip() else a + b
                               for a, b in zip(head, rest, strict=True))
        del pieces[start]


def stamps_apart(lines: list[Line], signatures: list[tuple]) -> tuple[list[Line], list[Line]]:
    """(the lines but the signature stamps, the stamps' lines): the words in ``signatures``
    (boxes of signature fields) and in stamps printed on the page ("Ký bởi: ...", "Thời gian
    ký: ...", rules/readers.yml)."""
    return set_apart(lines, [*signatures, *marked_boxes(lines, stamp_line())])


def _is_row_piece(source: str) -> bool:
    """Whether a block's source names a table row read as one line ("page 2 table 1 row 5")."""
    return regex.search(r"\btable \d+ row \d+$", source) is not None


def _continues_paragraph(piece: Piece) -> bool:
    return not piece.place and not LIST_MARKER.match(piece.text)
