"""OCR of scanned pages with Tesseract and its Vietnamese data (``make system-deps``).

A PDF page is rendered (pypdfium2, through pdfplumber), an image file's page scaled (``image``);
either is read word by word with each word's box, and laid out by ``layout`` exactly as a text
layer is. A page that reads badly is asked for its orientation (Tesseract's OSD) and read again
turned upright. Tesseract's time is what is left of the document's budget, never a fixed
stopwatch per page. Typical Tesseract slips are cleaned before extraction: stray marks
(| ~ _ ¡ \\), "1," for "1.", a number glued to the word before it ("ngày23"), a document
number that lost its slash and hyphens ("Số:214UBNDVP").
"""
from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache

import pytesseract
import regex

from extractors import rules as extractor_rules
from extractors.text import is_well_formed

from . import ReadError
from .layout import Line, Piece, merge_side_by_side, read_lines
from .quality import LOW_QUALITY, rules, text_quality

LANGUAGE = "vie"
RESOLUTION = 300  # dpi a page without a scan in it is rendered at for Tesseract
SCAN_DPI = (200, 400)  # a scan is rendered at its own resolution, kept within these
MAX_PIXELS = 40_000_000  # a larger page is rendered at a lower dpi (A3 at 300 dpi: 17 M pixels)
# Tesseract reads the page as one block of lines; ``layout`` finds the columns and tables. Its own
# page segmentation (psm 3) dropped list dashes and "3." markers set apart by a hanging indent,
# and two thirds of OF_07 (175 words read of 588).
SEGMENTATION = "--psm 6"
# Words Tesseract is less sure of than this (0-100) are specks, seals and handwriting unless
# plausible(): measured on the office scans, such words were noise but for "ngày", "CỘNG",
# "735/QĐ-UBND", "ngày23"; a rubber stamp's "-TRÚNG-TÌM" read as a list item broke OF_06.
MIN_CONFIDENCE = 30
BULLETS = set("-–—•+")  # a list's marker, small beside its line: the list's structure
MIN_SECONDS = 1  # less time than this left of the budget: the page is not started
POINTS_PER_INCH = 72
MISSING_TESSERACT = ("văn bản này là bản quét (PDF không có lớp chữ, hoặc ảnh) và cần OCR, nhưng "
                     "máy chưa cài Tesseract: chạy `make system-deps` (gói Debian tesseract-ocr, "
                     "tesseract-ocr-vie)")
MISSING_VIETNAMESE = ("văn bản này là bản quét và cần OCR, nhưng Tesseract chưa có dữ liệu tiếng "
                      "Việt ('vie'): cài gói tesseract-ocr-vie (`make system-deps`)")
STRAY_MARKS = "|¦~_¡¿\\`^"
STRAY_WORD = regex.compile(rf"[{regex.escape(STRAY_MARKS)}]+")
STRAY_EDGES = regex.compile(rf"^[{regex.escape(STRAY_MARKS)}]+|[{regex.escape(STRAY_MARKS)}]+$")
TRAILING_MARKS = regex.compile(r"(?:(?<=[.;:,])[-~]+|\s+[-:~]+)+$")  # "2024.- :", "VP -"
COMMA_NUMBER = regex.compile(r"^(\d{1,2}),(?=\s)")  # "1, Cục Thuế ..." for "1. Cục Thuế ..."
GLUED_NUMBER = regex.compile(r"(?<=\p{Ll}{3})(?=\d)")  # "ngày23 tháng 4" for "ngày 23 tháng 4"


class OcrTimeout(Exception):
    """The document's time budget ran out during OCR."""


def check_tesseract() -> None:
    """ReadError unless Tesseract runs and has its Vietnamese data."""
    try:
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        raise ReadError(MISSING_TESSERACT) from None
    if LANGUAGE not in languages:
        raise ReadError(MISSING_VIETNAMESE)


def resolution(page) -> int:
    """The dpi to render a pdfplumber ``page`` at (``target_dpi``): its scan's own, or none."""
    images = [i for i in page.images if i["x1"] > i["x0"]]
    native = None
    if images:
        scan = max(images, key=lambda i: (i["x1"] - i["x0"]) * (i["bottom"] - i["top"]))
        native = scan["srcsize"][0] / ((scan["x1"] - scan["x0"]) / POINTS_PER_INCH)
    return target_dpi(native, page.width * page.height / POINTS_PER_INCH ** 2)


def target_dpi(native: float | None, square_inches: float) -> int:
    """The dpi to give Tesseract a page of ``square_inches`` scanned at ``native`` dpi: the
    scan's own, within SCAN_DPI; RESOLUTION for a page without a scan (``native`` None); never
    so much that the page passes MAX_PIXELS.

    Measured on ../shared/cases FR_14 (a 200 dpi scan with speckles): read at 200 dpi it is
    word-perfect, upsampled to 300 dpi Tesseract reads "HẠ0g" for "hằng" and stray marks.
    """
    dpi = RESOLUTION if native is None else round(min(max(native, SCAN_DPI[0]), SCAN_DPI[1]))
    return min(dpi, int((MAX_PIXELS / max(square_inches, 1e-6)) ** 0.5))


def render(page):
    """A pdfplumber page as a greyscale PIL image, and the dpi it was rendered at."""
    dpi = resolution(page)
    return page.to_image(resolution=dpi).original.convert("L"), dpi


def _seconds_left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left < MIN_SECONDS:
        raise OcrTimeout()
    return left


def page_lines(image, dpi: int, deadline: float) -> list[Line]:
    """Tesseract's lines of ``image`` (rendered at ``dpi``), words cleaned, boxes in points;
    OcrTimeout past the ``deadline`` (a ``time.monotonic()`` time)."""
    try:
        data = pytesseract.image_to_data(image, lang=LANGUAGE, config=SEGMENTATION,
                                         output_type=pytesseract.Output.DICT,
                                         timeout=_seconds_left(deadline))
    except RuntimeError:  # pytesseract's timeout
        raise OcrTimeout() from None
    scale = POINTS_PER_INCH / dpi
    lines: dict[tuple, list[dict]] = {}
    for i, word in enumerate(data["text"]):
        text = "" if STRAY_WORD.fullmatch(word.strip()) else STRAY_EDGES.sub("", word.strip())
        if not text or (float(data["conf"][i]) < MIN_CONFIDENCE and not plausible(text)):
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        left, top = data["left"][i] * scale, data["top"][i] * scale
        lines.setdefault(key, []).append({
            "text": text, "x0": left, "x1": left + data["width"][i] * scale,
            "top": top, "bottom": top + data["height"][i] * scale})
    return merge_side_by_side([Line(sorted(w, key=lambda w: w["x0"])) for w in lines.values()])


def plausible(word: str) -> bool:
    """A word worth keeping though Tesseract doubts it: a Vietnamese syllable, a list bullet,
    or one holding a digit (a number or a date half read is still a number or a date)."""
    return is_well_formed(word) or word in BULLETS or any(c.isdigit() for c in word)


def orientation(image, deadline: float) -> int:
    """Degrees (0, 90, 180, 270) to turn ``image`` clockwise to read it; 0 if OSD cannot tell."""
    try:
        found = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT,
                                         timeout=_seconds_left(deadline))
    except pytesseract.TesseractError:  # too few letters to tell: a blank page, a back side
        return 0  # (a RuntimeError too: caught first, or a blank page read as time run out)
    except RuntimeError:  # pytesseract's timeout
        raise OcrTimeout() from None
    return int(found.get("rotate", 0)) % 360


Split = Callable[[list[Line]], tuple[list[Line], list[Line]]]  # lines → (body, set apart)


Reading = tuple[list[Piece], list[Piece], bool]  # (pieces, pieces set apart, whether turned)


def read_page(page, deadline: float, set_apart: Split) -> Reading:
    """``read_image`` of a scanned pdfplumber page, rendered at its scan's resolution."""
    image, dpi = render(page)
    return read_image(image, dpi, deadline, set_apart)


def read_image(image, dpi: int, deadline: float, set_apart: Split) -> Reading:
    """(pieces in reading order, pieces set apart, whether the page had to be turned) of a
    scanned page, ``image`` a greyscale PIL image at ``dpi``; ``set_apart`` splits the lines
    read into the body and what is not (the signature stamps of ``pages.stamps_apart``).

    The page is read as it is; if that reads badly, OSD says how it lies and the turned page is
    read again, the better reading kept. Raises OcrTimeout when the budget runs out.
    """
    body, apart = set_apart(page_lines(image, dpi, deadline))
    pieces, stamps = clean(read_lines(body)), clean(read_lines(apart))
    quality = text_quality(" ".join(p.text for p in pieces)) or 0.0
    if quality >= LOW_QUALITY or (turn := orientation(image, deadline)) == 0:
        return pieces, stamps, False
    turned = image.rotate(-turn, expand=True)  # OSD's "rotate" is clockwise
    again = clean(read_lines(page_lines(turned, dpi, deadline)))
    if (text_quality(" ".join(p.text for p in again)) or 0.0) > quality:
        return again, [], True
    return pieces, stamps, False


def clean(pieces: list[Piece]) -> list[Piece]:
    """Typical Tesseract slips repaired in place: trailing marks, "1," numbering, lost slashes."""
    for piece in pieces:
        text = TRAILING_MARKS.sub("", piece.text)
        text = GLUED_NUMBER.sub(" ", COMMA_NUMBER.sub(r"\1.", text))
        piece.text = restore_number(text)
    return [piece for piece in pieces if regex.search(r"[\p{L}\p{N}]", piece.text)]


@cache
def _number_pattern() -> regex.Pattern:
    return regex.compile(rf"({regex.escape(rules()['number_label'])}\s*:?\s*)(\d{{1,6}})"
                         r"\s*([\p{Lu}][\p{L}]+)(?![\p{L}\d/-])")


@cache
def _codes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(type codes, issuer codes) of ``rules/doc_types.yml``, longest first."""
    data = extractor_rules.load()["doc_types"]
    types = {t["code"] for t in data["types"] if t.get("code")}
    return (tuple(sorted(types, key=len, reverse=True)),
            tuple(sorted(data["issuer_codes"], key=len, reverse=True)))


def restore_number(text: str) -> str:
    """ "Số:214UBNDVP" → "Số: 214/UBND-VP", "Số 5KHUBND" → "Số 5/KH-UBND": codes from the rules."""
    def rebuild(match: regex.Match) -> str:
        codes = split_codes(match.group(3))
        if codes is None:
            return match.group(0)
        return f"{match.group(1).rstrip()} {match.group(2)}/{codes}"
    return _number_pattern().sub(rebuild, text)


def split_codes(letters: str) -> str | None:
    """ "UBNDVP" → "UBND-VP", "KHUBND" → "KH-UBND"; None if no issuer code fits."""
    types, issuers = _codes()
    for prefix in ("", *types):
        if not letters.startswith(prefix):
            continue
        rest = letters[len(prefix):]
        issuer = next((code for code in issuers if rest.startswith(code)), None)
        if issuer:
            parts = [prefix, issuer, rest[len(issuer):]]
            return "-".join(part for part in parts if part)
    return None
