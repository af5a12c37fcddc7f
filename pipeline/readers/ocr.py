"""OCR of scanned pages with Tesseract and its Vietnamese data (``make system-deps``)."""
from __future__ import annotations

import pytesseract

from . import ReadError

LANGUAGE = "vie"
RESOLUTION = 300  # dpi pages are rendered at for Tesseract
MISSING_TESSERACT = ("this PDF is scanned (no text layer) and needs OCR, but Tesseract is not "
                     "installed: run `make system-deps` (Debian packages tesseract-ocr, "
                     "tesseract-ocr-vie)")
MISSING_VIETNAMESE = ("this PDF is scanned (no text layer) and needs OCR, but Tesseract has no "
                      "Vietnamese data ('vie'): install tesseract-ocr-vie (`make system-deps`)")


def check_tesseract() -> None:
    """ReadError unless Tesseract runs and has its Vietnamese data."""
    try:
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        raise ReadError(MISSING_TESSERACT) from None
    if LANGUAGE not in languages:
        raise ReadError(MISSING_VIETNAMESE)


def page_text(page, timeout: float) -> str:
    """The text Tesseract reads on a pdfplumber page, rendered at RESOLUTION dpi."""
    image = page.to_image(resolution=RESOLUTION).original
    try:
        return pytesseract.image_to_string(image, lang=LANGUAGE, timeout=max(timeout, 1))
    except RuntimeError as exc:  # pytesseract's timeout
        raise ReadError(f"OCR of a page took longer than {timeout:.0f} s ({exc})") from None
