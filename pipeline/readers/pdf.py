"""PDF reader: each page by the path that reads it best, recorded per page.

- ``text``: the text layer, laid out by ``layout`` (columns, borderless tables, paragraphs),
  ruled tables by pdfplumber with merged cells filled in; words in a .VnTime or VNI font
  converted by their font.
- ``dedupe``: the same after removing glyphs printed twice (a bold drawn by overprinting).
- ``ocr``, ``ocr-rotated``: a scanned page read by Tesseract (turned upright first, for the
  second). A page is a scan when an image covers most of it and its text layer covers next to
  nothing of the image or is mostly a digital-signature stamp ("Ký bởi: ...", rules/readers.yml);
  a text layer whose quality score is low (``quality``) is read again by OCR and the better
  reading kept.

A page turned by /Rotate is read in the direction its text is written. A paragraph cut by a
page break is joined again. Bounded: MAX_PAGES pages, MAX_OCR_PAGES of them by OCR, the
document's time budget; a longer document keeps what was read and says where it stopped.
"""
from __future__ import annotations

import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pypdfium2
import regex
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from extractors.model import SourceBlock

from . import (
    OCR_MARK,
    ROW_TABLE_COLUMNS,
    ContentError,
    ReadError,
    ReadResult,
    legacy_encodings,
    library_failure,
    ocr,
    register,
)
from .inflation import check_streams
from .layout import (
    LIST_MARKER,
    Line,
    Piece,
    inside,
    join_wrapped,
    lines_of,
    marked_boxes,
    read_lines,
    set_apart,
)
from .limits import MAX_OCR_PAGES, MAX_PAGES
from .quality import LOW_QUALITY, stamp_line, stamp_share, text_quality

MIN_TEXT_CHARS = 20  # a page with less text than this and an image is a scan
SCAN_IMAGE_SHARE = 0.5  # images covering this share of a page make it a candidate scan
TEXT_COVER_SHARE = 0.05  # ... a scan if its text covers less than this share of the image
STAMP_SHARE = 0.5  # ... or if this share of its text is a signature stamp
PASSWORD = ("PDF có mật khẩu: không mở được nếu không có mật khẩu; đề nghị nơi gửi cung cấp "
            "bản không khóa")


@dataclass
class PageReading:
    """One page as read: its pieces in reading order and the path that read them."""

    pieces: list[Piece]
    method: str  # text | dedupe | ocr | ocr-rotated | none (a scan OCR could not get to)
    stamps: list[Piece] = field(default_factory=list)  # signature stamps, read apart
    encodings: set[str] = field(default_factory=set)  # legacy fonts its words were typed in


def writing_direction(chars: list[dict]) -> int:
    """Most chars' writing direction in degrees counter-clockwise from left-to-right (0, 90,
    180, 270), from their text matrices; 0 for a page without text."""
    def direction(matrix) -> int:
        a, b = matrix[0], matrix[1]
        if abs(a) >= abs(b):
            return 0 if a > 0 else 180
        return 90 if b > 0 else 270
    counts = Counter(direction(c["matrix"]) for c in chars)
    return counts.most_common(1)[0][0] if counts else 0


def upright(page):
    """``page`` read in the direction its text is written: a /Rotate that turns the text
    sideways or upside down is undone (the page is laid out as if it had none)."""
    if page.rotation == 0 or writing_direction(page.chars) == 0:
        return page
    page.page_obj.rotate = 0
    page.page_obj.attrs["Rotate"] = 0
    return pdfplumber.page.Page(page.pdf, page.page_obj, page.page_number, page.initial_doctop)


def filled_rows(table) -> list[list[str]]:
    """A ruled table's rows, cells in their columns; a vertically merged cell's text in every
    row it spans, a horizontally merged one once (the columns it covers stay empty)."""
    texts = [[" ".join(cell.split("\n")) if cell else "" for cell in row]
             for row in table.extract()]  # line breaks in a cell are wrapping
    rows = table.rows
    for r, row in enumerate(rows):
        bottom = min((cell[3] for cell in row.cells if cell), default=0)  # spanning cells go lower
        for c, cell in enumerate(row.cells):
            if cell is not None:
                continue
            above = next((a for a in range(r - 1, -1, -1) if rows[a].cells[c] is not None), None)
            if above is not None and rows[above].cells[c][3] >= bottom - 1:
                texts[r][c] = texts[above][c]
    return texts


def table_pieces(table, number: int) -> list[Piece]:
    """A data table (ROW_TABLE_COLUMNS or more) a row a line; a narrower one cell by cell."""
    pieces = []
    for r, cells in enumerate(filled_rows(table), start=1):
        top = table.bbox[1] + r * 1e-3
        if len(cells) >= ROW_TABLE_COLUMNS:
            if any(c.strip() for c in cells):
                pieces.append(Piece(top, " | ".join(cells), place=f"table {number} row {r}"))
            continue
        pieces.extend(Piece(top, cell, place=f"table {number} row {r} cell {c}")
                      for c, cell in enumerate(cells, start=1) if cell.strip())
    return pieces


def _words(page, encodings: set[str]) -> list[dict]:
    """The page's words, those typed in a legacy font converted by their font's encoding
    (added to ``encodings``)."""
    words = page.extract_words(extra_attrs=["fontname"])
    for word in words:
        encoding = legacy_encodings.font_encoding(word["fontname"])
        if encoding:
            word["text"] = legacy_encodings.to_unicode(word["text"], encoding)
            encodings.add(encoding)
    return words


def text_layer(page, signatures: list[tuple] = ()) -> PageReading:
    """The page's text layer in reading order: ruled tables, then ``layout`` for the rest;
    the words in ``signatures``, boxes (x0, top, x1, bottom) of signature stamps, apart."""
    deduped = page.dedupe_chars()
    method = "dedupe" if len(deduped.chars) < len(page.chars) else "text"
    tables = deduped.find_tables()
    boxes = [table.bbox for table in tables]
    pieces = [piece for number, table in enumerate(tables, start=1)
              for piece in table_pieces(table, number)]
    encodings: set[str] = set()
    words = [word for word in _words(deduped, encodings) if not inside(word, boxes)]
    lines, stamps = stamps_apart(lines_of(words), signatures)
    pieces += read_lines(lines, first_table=len(tables) + 1)
    return PageReading(sorted(pieces, key=lambda piece: piece.top), method, read_lines(stamps),
                       encodings)


def stamps_apart(lines: list[Line], signatures: list[tuple]) -> tuple[list[Line], list[Line]]:
    """(the lines but the signature stamps, the stamps' lines): the words in ``signatures``
    (boxes of signature fields) and in stamps printed on the page ("Ký bởi: ...", "Thời gian
    ký: ...", rules/readers.yml)."""
    return set_apart(lines, [*signatures, *marked_boxes(lines, stamp_line())])


def image_share(page) -> float:
    """Share (0–1) of the page's area under its images."""
    area = page.width * page.height
    covered = sum(max(0, min(i["x1"], page.width) - max(i["x0"], 0))
                  * max(0, min(i["bottom"], page.height) - max(i["top"], 0)) for i in page.images)
    return min(covered / area, 1.0) if area else 0.0


def looks_scanned(page, reading: PageReading) -> bool:
    """A scanned page: an image under most of it, and a text layer of next to nothing or of
    a signature stamp (e-office systems sign a scan by writing the stamp over it)."""
    text = [piece.text for piece in reading.pieces]
    if sum(len(t.strip()) for t in text) < MIN_TEXT_CHARS:
        return bool(page.images)
    share = image_share(page)
    if share < SCAN_IMAGE_SHARE:
        return False
    text_area = sum((c["x1"] - c["x0"]) * (c["bottom"] - c["top"]) for c in page.chars)
    image_area = share * page.width * page.height
    return text_area < TEXT_COVER_SHARE * image_area or stamp_share(text) >= STAMP_SHARE


class PdfReading:
    """One PDF read page by page within the limits and the document's time budget."""

    def __init__(self, pdf, deadline: float, signatures: dict[int, list[tuple]]) -> None:
        self.pdf, self.deadline = pdf, deadline
        self.signatures = signatures  # page number → boxes of its signature stamps
        self.blocks: list[SourceBlock] = []
        self.stamps: list[SourceBlock] = []
        self.encodings: set[str] = set()
        self.methods: list[str] = []
        self.warnings: list[str] = []
        self.ocr_pages = 0
        self.open_end = False  # the last paragraph read runs on to the next page

    def run(self) -> None:
        pages = self.pdf.pages
        for number, page in enumerate(pages, start=1):
            stop = self._stop_reason(number)
            if stop:
                self.warnings.append(f"chỉ đọc được {number - 1}/{len(pages)} trang đầu: {stop}")
                return
            reading = self._page(upright(page), number)
            self._add(reading, number)
            page.close()  # drops the page's parsed objects: memory stays flat over long files

    def _stop_reason(self, number: int) -> str | None:
        if number > MAX_PAGES:
            return f"giới hạn {MAX_PAGES} trang"
        if time.monotonic() > self.deadline:
            return "hết thời gian dành cho việc đọc văn bản"
        return None

    def _page(self, page, number: int) -> PageReading:
        reading = text_layer(page, self.signatures.get(number, []))
        if looks_scanned(page, reading):
            return self._ocr(page, number) or PageReading([], "none")
        quality = text_quality(" ".join(piece.text for piece in reading.pieces))
        upright_text = writing_direction(page.chars) == 0
        if (quality is None or quality >= LOW_QUALITY) and upright_text:
            return reading
        again = self._ocr(page, number)
        if again and (text_quality(" ".join(p.text for p in again.pieces)) or 0) > (quality or 0):
            return again
        return reading

    def _ocr(self, page, number: int) -> PageReading | None:
        if self.ocr_pages == MAX_OCR_PAGES:
            self.warnings.append(f"trang {number} cần đọc bằng OCR nhưng OCR chỉ đọc tối đa "
                                 f"{MAX_OCR_PAGES} trang; trang này bị bỏ qua")
            return None
        if self.ocr_pages == 0:
            ocr.check_tesseract()
        self.ocr_pages += 1
        signatures = self.signatures.get(number, [])
        try:
            pieces, stamps, turned = ocr.read_page(
                page, self.deadline, lambda lines: stamps_apart(lines, signatures))
        except ocr.OcrTimeout:
            self.warnings.append(f"trang {number}: hết thời gian đọc văn bản trước khi OCR đọc "
                                 "xong trang này; phần còn lại chưa được đọc")
            self.deadline = time.monotonic()  # no page after this one either
            return None
        if not pieces:
            self.warnings.append(f"trang {number} là bản quét nhưng OCR không đọc được chữ nào")
        return PageReading(pieces, "ocr-rotated" if turned else "ocr", stamps)

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


def _is_row_piece(source: str) -> bool:
    """Whether a block's source names a table row read as one line ("page 2 table 1 row 5")."""
    return regex.search(r"\btable \d+ row \d+$", source) is not None


def _continues_paragraph(piece: Piece) -> bool:
    return not piece.place and not LIST_MARKER.match(piece.text)


def flatten_annotations(path: Path, target: Path) -> tuple[bool, dict[int, list[tuple]]]:
    """(whether ``path`` was written to ``target`` with its annotations drawn into its pages,
    page number → boxes of its signature stamps), by pdfium.

    E-office systems fill in the number and the day of issue, and sign, with signature fields
    drawn over the page; pdfminer reads no annotation. A field that adds only digits ("173",
    "28") is a filled-in number or date and stays in place; one that adds words is a stamp
    ("Ký bởi: ...", the signing office's seal), read apart. Boxes are (x0, top, x1, bottom)
    in points from the top left, for pages without /Rotate.
    """
    document = pypdfium2.PdfDocument(str(path))
    flattened, stamps = False, {}
    try:
        document.init_forms()
        for index in range(len(document)):
            page = document[index]
            rects = _signature_rects(document, page) if page.get_rotation() == 0 else []
            before = [_text_in(page, rect) for rect in rects]
            done = pypdfium2.raw.FPDFPage_GetAnnotCount(page) and page.flatten() == 1
            height = page.get_height()
            page.close()
            if not done:
                continue
            flattened = True
            page = document[index]  # pdfium shows a flattened page's new content on reload
            added = [Counter(_text_in(page, r).split()) - Counter(b.split())
                     for r, b in zip(rects, before, strict=True)]
            page.close()
            stamps[index + 1] = [(r.left, height - r.top, r.right, height - r.bottom)
                                 for r, words in zip(rects, added, strict=True)
                                 if any(regex.search(r"\p{L}", w) for w in words)]
        if flattened:
            document.save(str(target))
        return flattened, stamps
    finally:
        document.close()


def _text_in(page, rect) -> str:
    return page.get_textpage().get_text_bounded(rect.left, rect.bottom, rect.right, rect.top)


def _signature_rects(document, page) -> list:
    """The rectangles (pdfium's FS_RECTF, points from the bottom left) of the page's
    signature fields."""
    raw, rects = pypdfium2.raw, []
    for index in range(raw.FPDFPage_GetAnnotCount(page)):
        annotation = raw.FPDFPage_GetAnnot(page, index)
        try:
            rect = raw.FS_RECTF()
            if (raw.FPDFAnnot_GetSubtype(annotation) == raw.FPDF_ANNOT_WIDGET
                    and raw.FPDFAnnot_GetFormFieldType(document.formenv.raw, annotation)
                    == raw.FPDF_FORMFIELD_SIGNATURE and raw.FPDFAnnot_GetRect(annotation, rect)):
                rects.append(rect)
        finally:
            raw.FPDFPage_CloseAnnot(annotation)
    return rects


@register(".pdf")
def read_pdf(path: Path, deadline: float) -> ReadResult:
    """A PDF page by page (module docstring); ReadError for a damaged, locked or bomb PDF."""
    try:
        check_streams(path)
        with tempfile.TemporaryDirectory() as work:
            flat = Path(work) / "flat.pdf"
            flattened, signatures = flatten_annotations(path, flat)
            with pdfplumber.open(str(flat if flattened else path)) as pdf:
                reading = PdfReading(pdf, deadline, signatures)
                reading.run()
    except pypdfium2.PdfiumError as exc:
        raise _pdf_error(exc) from None
    except PdfminerException as exc:
        raise _pdf_error(exc.args[0] if exc.args else exc) from None
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError, PSException) as exc:
        raise _pdf_error(exc) from None
    if reading.ocr_pages:
        reading.warnings.append(f"{reading.ocr_pages} trang bản quét được đọc bằng OCR: kiểm tra "
                                "lại chữ")
    if _truncated(path):
        reading.warnings.append("tệp PDF không có dấu kết thúc (%%EOF): có thể bị cắt cụt và "
                                "thiếu nội dung")
    method = "ocr" if any(m.startswith("ocr") for m in reading.methods) else "pdf"
    encoding = min(reading.encodings) if reading.encodings else None
    return ReadResult(reading.blocks, method=method, encoding=encoding, warnings=reading.warnings,
                      apart=reading.stamps, page_methods=reading.methods)


def _pdf_error(cause) -> ReadError:
    if isinstance(cause, PDFPasswordIncorrect):
        return ContentError(PASSWORD)
    if isinstance(cause, PDFEncryptionError):
        return library_failure("PDF mã hóa theo cách không giải mã được; đề nghị nơi gửi cung "
                               "cấp bản không khóa", cause)
    return library_failure("PDF hỏng hoặc bị cắt cụt: không đọc được cấu trúc của tệp; đề nghị "
                           "nơi gửi gửi lại bản khác", cause)


def _truncated(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(0, 2)
        handle.seek(max(handle.tell() - 2048, 0))
        return b"%%EOF" not in handle.read()
