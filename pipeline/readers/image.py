"""Reader of a scan saved as an image (JPEG, PNG, TIFF), as e-office systems, scanners and
phones save a signed page: every page of a multi-page TIFF in order, by Pillow.

Each page is read as a scanned PDF page is (``ocr.read_image``, ``pages.PageByPage``): the same
Tesseract reading, turning and cleaning, the same MAX_PAGES, MAX_OCR_PAGES and time budget, the
same "page 2 (OCR)" blocks, ``page_methods`` and warnings, read_method "ocr". A page larger than
MAX_IMAGE_PIXELS is refused from its header, before it is decoded (a decompression bomb).
"""
from __future__ import annotations

import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageOps

from ..numbers import number
from . import ContentError, ReadResult, library_failure, ocr, register
from .limits import MAX_IMAGE_PIXELS
from .pages import PageByPage, PageReading, stamps_apart

# A page's resolution when the file states none or a meaningless one (a phone's 72 dpi, a
# screen's 96): its shorter side taken as an A4 sheet's, the paper of every directive.
A4_SHORT_SIDE_INCHES = 8.27
STATED_DPI = (100, 2400)  # a resolution stated outside these is not believed
PILLOW_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error)
TOO_LARGE = ("từ chối: {what} vượt quá giới hạn {limit} triệu điểm ảnh một trang — có thể là "
             "\"bom nén\" hoặc tệp hỏng")
DAMAGED = ("ảnh hỏng hoặc bị cắt cụt: không giải mã được ảnh; đề nghị nơi gửi gửi lại bản khác "
           "(hoặc bản PDF)")
Page = Image.Image


@contextmanager
def pillow_failures() -> Iterator[None]:
    """Pillow's failures on a damaged or hostile image as the clerk's ContentError."""
    try:
        yield
    except Image.DecompressionBombError:
        raise ContentError(TOO_LARGE.format(what="ảnh này", limit=_limit())) from None
    except PILLOW_ERRORS as exc:
        raise library_failure(DAMAGED, exc) from None


@register(".png", ".jpg", ".jpeg", ".tif", ".tiff")
def read_image(path: Path, deadline: float) -> ReadResult:
    """Every page of the image at ``path`` by OCR (module docstring); ContentError for a
    damaged image or one too large, ReadError without Tesseract's Vietnamese data."""
    reading = PageByPage(deadline)
    with pillow_failures(), warnings.catch_warnings():
        # Pillow warns past 89 M pixels; MAX_IMAGE_PIXELS is this reader's own bound.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        image = Image.open(path)
    with image:
        with pillow_failures():  # only a TIFF's frames are pages: not a phone JPEG's second
            # picture (MPO: a preview or depth map), nor an animated PNG's frames
            count = image.n_frames if image.format == "TIFF" else 1
        reading.read_pages(count, lambda page: _page(reading, image, page))
    return reading.result("ocr")


def _page(reading: PageByPage, image: Page, page: int) -> PageReading:
    """Page ``page`` (1-based) of ``image`` by OCR, refused before it is decoded if too large."""
    with pillow_failures():
        image.seek(page - 1)
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise ContentError(TOO_LARGE.format(
            what=f"trang {page} của ảnh ({number(width)} × {number(height)} điểm ảnh)",
            limit=_limit()))
    scan, dpi = prepared(image)  # decoded first: a damaged image is told so, Tesseract or not
    found = reading.ocr(page, lambda: ocr.read_image(
        scan, dpi, reading.deadline, lambda lines: stamps_apart(lines, [])))
    return found or PageReading([], "none")


def prepared(image: Page) -> tuple[Page, int]:
    """(the page as Tesseract reads a scan, its dpi): turned upright by its EXIF orientation
    (a phone's photo), on white where it is transparent, greyscale, scaled to
    ``ocr.target_dpi`` of its own resolution (``stated_dpi``)."""
    native = stated_dpi(image)
    dpi = ocr.target_dpi(native, image.width * image.height / native ** 2)
    scale = dpi / native
    width = image.width
    with pillow_failures():
        if image.format == "JPEG":  # decoded at 1/2, 1/4 or 1/8 if that is still large enough
            image.draft("L", (round(image.width * scale), round(image.height * scale)))
        scale *= width / image.width
        page = ImageOps.exif_transpose(image)
        if "A" in page.getbands() or "transparency" in page.info:
            page = Image.alpha_composite(Image.new("RGBA", page.size, "white"),
                                         page.convert("RGBA"))
        page = page.convert("L")
    size = (max(1, round(page.width * scale)), max(1, round(page.height * scale)))
    return (page if size == page.size else page.resize(size, Image.Resampling.LANCZOS)), dpi


def stated_dpi(image: Page) -> float:
    """The page's resolution: the one its file states if believable (STATED_DPI), else its
    shorter side taken as A4's."""
    stated = image.info.get("dpi", (0, 0))[0]
    try:
        if STATED_DPI[0] <= float(stated) <= STATED_DPI[1]:
            return float(stated)
    except (TypeError, ValueError, ZeroDivisionError):  # a TIFF's rational 0/0
        pass
    return max(min(image.size) / A4_SHORT_SIDE_INCHES, 1.0)


def _limit() -> str:
    return number(MAX_IMAGE_PIXELS // 1_000_000)
