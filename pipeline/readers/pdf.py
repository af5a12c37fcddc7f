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
document's time budget; a longer document keeps what was read and says where it stopped
(``pages``, shared with the reader of scans saved as images).
"""
from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2
import regex
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from . import (
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
    Piece,
    inside,
    lines_of,
    read_lines,
)
from .pages import PageByPage, PageReading, stamps_apart
from .quality import LOW_QUALITY, stamp_share, text_quality

MIN_TEXT_CHARS = 20  # a page with less text than this and an image is a scan
SCAN_IMAGE_SHARE = 0.5  # images covering this share of a page make it a candidate scan
TEXT_COVER_SHARE = 0.05  # ... a scan if its text covers less than this share of the image
STAMP_SHARE = 0.5  # ... or if this share of its text is a signature stamp
PASSWORD = ("PDF có mật khẩu: không mở được nếu không có mật khẩu; đề nghị nơi gửi cung cấp "
            "bản không khóa")


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


class PdfReading(PageByPage):
    """One PDF read page by page within the limits and the document's time budget."""

    def __init__(self, pdf, deadline: float, signatures: dict[int, list[tuple]]) -> None:
        super().__init__(deadline)
        self.pdf = pdf
        self.signatures = signatures  # page number → boxes of its signature stamps

    def run(self) -> None:
        self.read_pages(len(self.pdf.pages), self._numbered)

    def _numbered(self, number: int) -> PageReading:
        page = self.pdf.pages[number - 1]
        reading = self._page(upright(page), number)
        page.close()  # drops the page's parsed objects: memory stays flat over long files
        return reading

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
        signatures = self.signatures.get(number, [])
        return self.ocr(number, lambda: ocr.read_page(
            page, self.deadline, lambda lines: stamps_apart(lines, signatures)))


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
    result = reading.result("pdf")
    if _truncated(path):
        result.warnings.append("tệp PDF không có dấu kết thúc (%%EOF): có thể bị cắt cụt và "
                               "thiếu nội dung")
    return result


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
