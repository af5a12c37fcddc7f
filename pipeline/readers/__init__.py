"""Readers turn a file into text blocks. One reader per file type, chosen from a registry.

The type comes from the file's first bytes when they say what it is (a PDF named .docx is read as
a PDF, with a warning) and from its suffix otherwise. Every failure a clerk can act on is a
``ReadError`` whose message says what is wrong with the file.
"""
from __future__ import annotations

import importlib
import logging
import stat
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extractors.model import SourceBlock
from extractors.text import WORD

from ..numbers import number, percent
from . import legacy_encodings, quality
from .limits import READ_SECONDS

OCR_MARK = " (OCR)"  # ends the source of a block read by OCR: "page 2 (OCR)"


@dataclass
class ReadResult:
    """What a reader found: blocks in reading order, how they were read, and warnings.

    ``apart`` holds what is read but is not the body (a .docx's headers and footers): stored
    after the body, never searched for tasks. ``page_methods`` is a PDF's or an image's reading
    path per page ("text", "dedupe", "ocr", "ocr-rotated", "none"); ``quality`` the text's
    score (``quality.text_quality``), set by ``read``.
    """

    blocks: list[SourceBlock]
    method: str  # "text", "docx", "pdf", "ocr" (a scanned PDF, an image), "doc"
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    apart: list[SourceBlock] = field(default_factory=list)
    page_methods: list[str] | None = None
    quality: float | None = None


Reader = Callable[[Path, float], ReadResult]  # (file, time.monotonic() deadline) → result
READERS: dict[str, Reader] = {}  # filled by ``register`` as the reader modules are imported
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")  # scans saved as images: OCR
# The module of each suffix's reader, imported when a file first needs it: the PDF, Word and OCR
# libraries cost every process ~0.4 s of CPU to import, and a text-only batch needs none of them.
READER_MODULES = {".txt": "text", ".md": "text", ".pdf": "pdf", ".docx": "docx", ".doc": "doc",
                  ".rtf": "doc", **dict.fromkeys(IMAGE_SUFFIXES, "image")}
KIND_NAMES = {".pdf": "tệp PDF", ".docx": "tệp Word .docx", ".doc": "tệp Word .doc cũ",
              ".rtf": "tệp RTF", ".txt": "văn bản thuần", ".jpg": "ảnh JPEG", ".jpeg": "ảnh JPEG",
              ".png": "ảnh PNG", ".tif": "ảnh TIFF", ".tiff": "ảnh TIFF"}
MAGIC = (  # (leading bytes, where they may start at most, the suffix whose reader reads them)
    # An image's signature opens the file: one it holds is an image, whatever "%PDF-" its
    # metadata may hold in its first kilobyte.
    (b"\x89PNG\r\n\x1a\n", 0, ".png"),
    (b"\xff\xd8\xff", 0, ".jpg"),
    (b"II*\x00", 0, ".tif"),  # TIFF, little-endian
    (b"MM\x00*", 0, ".tif"),  # TIFF, big-endian
    (b"%PDF-", 1024, ".pdf"),
    (b"PK\x03\x04", 0, ".docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, ".doc"),  # OLE2 compound file: Word 97-2003
    (b"{\\rtf", 0, ".rtf"),
)
BINARY_SUFFIXES = {".pdf", ".docx", ".doc", ".rtf", *IMAGE_SUFFIXES}
# Images no reader takes (Tesseract's Pillow build here reads none of HEIC, and OCR of a GIF's
# 256 colours or a WebP's lossy blocks was never checked): (what their first bytes hold, by
# ``other_image``; their suffixes; what the clerk calls them; the advice after the common one).
# A phone's photo (.heic), a picture saved from a web page (.webp, .gif) or Paint's .bmp gets a
# Vietnamese error saying what to convert it to, its batch going on (new-clerk trial).
OTHER_IMAGES = (
    ("bmp", (".bmp", ".dib"), "ảnh BMP", ""),
    ("gif", (".gif",), "ảnh GIF", ""),
    ("webp", (".webp",), "ảnh WebP", ""),
    ("heif", (".heic", ".heif", ".hif", ".avif"), "ảnh HEIC/HEIF (ảnh chụp của iPhone)",
     "; để iPhone chụp thành .jpg: Cài đặt > Camera > Định dạng > Tương thích nhất"),
)
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif",
               b"avis"}
OTHER_IMAGE = ("tệp là {kind}{renamed}: chương trình chưa đọc loại ảnh này; hãy mở ảnh và lưu "
               "lại thành .png hoặc .jpg (ảnh quét: .png hoặc .tif), hoặc quét lại thành PDF, rồi "
               "đặt lại vào thư mục{advice}")
NOT_VIETNAMESE_SHARE = 0.05  # fewer words than this with Vietnamese letters: not Vietnamese
NOT_VIETNAMESE_MIN_WORDS = 20
SAMPLE_CHARS = 4000  # what the encoding and language checks read: about 800 words
ROW_TABLE_COLUMNS = 3  # tables this wide hold data, one line a row; narrower ones lay out a page
NOT_VIETNAMESE = ("văn bản có vẻ không phải tiếng Việt (chỉ {share} trong {words} từ đầu có "
                  "chữ cái tiếng Việt); không tìm nhiệm vụ")
LEGACY_WARNING = ("văn bản gõ bằng bảng mã cũ {encoding} (phông .VnTime, VNI...) đã được chuyển "
                  "sang Unicode: kiểm tra lại dấu")


class ReadError(Exception):
    """A document that cannot be read; the message is shown to the clerk as is. What failed may
    lie outside the file (a program missing, a conversion out of time): read it again next run."""


class ContentError(ReadError):
    """A document whose own bytes cannot be read (a password, damage, no text, a zip bomb, a type
    no reader takes): the same bytes fail the same way, so an unchanged file is not read again
    (``batch.plan``) until ``run --retry-failed``."""


LOG = logging.getLogger(__name__)  # a library's own words on a file, in English: not the clerk's


def library_failure(message: str, cause: BaseException,
                    error: type[ReadError] = ContentError) -> ReadError:
    """``error`` with ``message`` (Vietnamese) for the clerk; what the reading library said
    (pdfminer's "No /Root object! - Is this really a PDF?", zipfile's "File is not a zip
    file") goes to the log only (class seen as "PDF hỏng ... (PDFSyntaxError: No /Root ...)")."""
    LOG.info("%s: %s: %s", message, cause.__class__.__name__, cause)
    return error(message)


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    """Decorator: the reader for files with these suffixes (".pdf")."""
    def decorate(reader: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = reader
        return reader
    return decorate


def check_file(path: Path) -> int:
    """The size of a regular, readable file; a ReadError saying what else ``path`` is."""
    try:
        info = path.stat()
    except FileNotFoundError:
        kind = "là liên kết hỏng" if path.is_symlink() else "không còn ở đó"
        raise ReadError(f"tệp {kind}: đã bị chuyển đi hoặc xóa trước khi đọc được") from None
    except OSError as exc:
        raise ReadError(f"không mở được tệp ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        kind = ("một thư mục" if stat.S_ISDIR(info.st_mode) else
                "một named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else
                "không phải một tệp thông thường")
        raise ReadError(f"không phải văn bản: đường dẫn này là {kind}")
    if info.st_size == 0:
        raise ContentError("tệp rỗng (0 byte)")
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise ReadError(f"không mở được tệp ({exc.strerror})") from None
    return info.st_size


def other_image(path: Path) -> str | None:
    """Why ``path`` is not read when it is an image of a format no reader takes (OTHER_IMAGES),
    by its first bytes or else its suffix; None for any other file."""
    with path.open("rb") as handle:
        head = handle.read(16)
    signature = ("bmp" if head[:2] == b"BM" and head[6:10] == bytes(4) else
                 "gif" if head[:6] in (b"GIF87a", b"GIF89a") else
                 "webp" if head[:4] == b"RIFF" and head[8:12] == b"WEBP" else
                 "heif" if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS else None)
    named = path.suffix.lower()
    for key, suffixes, kind, advice in OTHER_IMAGES:
        if key == signature or (signature is None and named in suffixes):
            renamed = "" if named in suffixes else \
                f" (tệp có đuôi {path.suffix or '(không có đuôi)'}, bị đổi đuôi)"
            return OTHER_IMAGE.format(kind=kind, renamed=renamed, advice=advice)
    return None


def sniff(path: Path) -> str | None:
    """The suffix whose reader fits the file's leading bytes, or None if they say nothing."""
    with path.open("rb") as handle:
        head = handle.read(1024 + 8)
    for magic, latest, suffix in MAGIC:
        position = head.find(magic)
        if 0 <= position <= latest:
            return suffix
    return None


def reader_for(suffix: str) -> Reader:
    """The registered reader of ``suffix`` (a key of READERS or READER_MODULES), its module
    imported on first use."""
    if suffix not in READERS:
        importlib.import_module(f"{__name__}.{READER_MODULES[suffix]}")  # it registers itself
    return READERS[suffix]


def choose_reader(path: Path) -> tuple[Reader, list[str]]:
    """(reader, warnings) for ``path``: by its content where that is recognisable."""
    named, found = path.suffix.lower(), sniff(path)
    supported = READERS.keys() | READER_MODULES.keys()
    unread_image = other_image(path) if found is None else None
    if unread_image:
        raise ContentError(unread_image)
    if named not in supported and found is None:
        raise ContentError(f"không hỗ trợ loại tệp {path.suffix or '(không có đuôi)'}; "
                        f"các loại được hỗ trợ: {', '.join(sorted(supported))}")
    if found is None and named in BINARY_SUFFIXES:
        found = ".txt"  # no signature at all: plain text if it decodes as text, else junk
    if found is None or KIND_NAMES.get(found) == KIND_NAMES.get(named, named):  # .jpeg is .jpg
        return reader_for(named), []
    warning = (f"tệp có đuôi {path.suffix or '(không có đuôi)'} nhưng thực chất là "
               f"{KIND_NAMES[found]}; đã đọc theo đúng loại đó")
    return reader_for(found), [warning]


def read(path: Path, deadline: float | None = None) -> ReadResult:
    """Read the document at ``path`` within its time budget.

    ``deadline`` is a ``time.monotonic()`` time (READ_SECONDS from now by default): readers
    stop taking pages past it and keep what they read. A reader stuck inside a library is not
    stopped here: the batch stops the worker process it runs in (``batch.supervised_results``).
    Raises ReadError with a message for the clerk.
    """
    deadline = time.monotonic() + READ_SECONDS if deadline is None else deadline
    check_file(path)
    reader, warnings = choose_reader(path)
    result = reader(path, deadline)
    result.warnings[:0] = warnings
    convert_font_encoding(result)
    warn_if_not_vietnamese(result)
    result.quality = quality.text_quality("\n".join(b.text for b in result.blocks))
    return result


def convert_font_encoding(result: ReadResult) -> None:
    """Blocks typed in .VnTime (TCVN3) or VNI fonts → Unicode, decided block by block.

    A reader that knows fonts (.docx, PDF) has converted by font already; what is left is
    judged by its letters (``legacy_encodings.detect``): a block converts when that makes more
    of its words well-formed syllables, with the document's own encoding, if its opening
    shows one, for blocks too short to show it. OCR output is never converted.
    """
    blocks = [b for b in result.blocks if not b.source.endswith(OCR_MARK)]
    document = legacy_encodings.detect(_sample(blocks))
    converted = set()
    for block in blocks:
        normalized = unicodedata.normalize("NFC", block.text)
        encoding = legacy_encodings.detect(normalized) or document
        if encoding and legacy_encodings.improves(normalized, encoding):
            block.text = legacy_encodings.to_unicode(normalized, encoding)
            converted.add(encoding)
    if converted:
        result.encoding = result.encoding or min(converted)
    if result.encoding in legacy_encodings.ENCODINGS:
        result.warnings.append(LEGACY_WARNING.format(encoding=result.encoding.upper()))


def _sample(blocks: list[SourceBlock]) -> str:
    """The document's opening, NFC: what its encoding and language are judged by."""
    opening, size = [], 0
    for block in blocks:
        opening.append(block.text)
        size += len(block.text)
        if size >= SAMPLE_CHARS:
            break
    return unicodedata.normalize("NFC", "\n".join(opening))


def warn_if_not_vietnamese(result: ReadResult) -> None:
    """A warning when under NOT_VIETNAMESE_SHARE of the opening's words have Vietnamese letters."""
    sample = _sample(result.blocks)
    words = len(WORD.findall(sample))
    share = legacy_encodings.vietnamese_share(sample)
    if words >= NOT_VIETNAMESE_MIN_WORDS and share < NOT_VIETNAMESE_SHARE:
        result.warnings.append(NOT_VIETNAMESE.format(share=percent(share), words=number(words)))

