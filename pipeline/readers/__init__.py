"""Readers turn a file into text blocks. One reader per file type, chosen from a registry.

The type comes from the file's first bytes when they say what it is (a PDF named .docx is read as
a PDF, with a warning) and from its suffix otherwise. Every failure a clerk can act on is a
``ReadError`` whose message says what is wrong with the file.
"""
from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from extractors.model import SourceBlock
from extractors.text import WORD

from . import legacy_encodings
from .limits import READ_SECONDS, TimeLimitExceeded, time_limit

@dataclass
class ReadResult:
    """What a reader found: blocks in reading order, how they were read, and warnings."""

    blocks: list[SourceBlock]
    method: str  # "text", "docx", "pdf", "ocr", "doc"
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


Reader = Callable[[Path], ReadResult]
READERS: dict[str, Reader] = {}
KIND_NAMES = {".pdf": "a PDF", ".docx": "a Word .docx file", ".doc": "a legacy Word .doc file",
              ".rtf": "an RTF file", ".txt": "plain text"}
MAGIC = (  # (leading bytes, where they may start at most, the suffix whose reader reads them)
    (b"%PDF-", 1024, ".pdf"),
    (b"PK\x03\x04", 0, ".docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, ".doc"),  # OLE2 compound file: Word 97-2003
    (b"{\\rtf", 0, ".rtf"),
)
BINARY_SUFFIXES = {".pdf", ".docx", ".doc", ".rtf"}
NOT_VIETNAMESE_SHARE = 0.05  # fewer words than this with Vietnamese letters: not Vietnamese
NOT_VIETNAMESE_MIN_WORDS = 20
SAMPLE_CHARS = 4000  # what the encoding and language checks read: about 800 words
ROW_TABLE_COLUMNS = 3  # tables this wide hold data, one line a row; narrower ones lay out a page


class ReadError(Exception):
    """A document that cannot be read; the message is shown to the clerk as is."""


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    def decorate(reader: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = reader
        return reader
    return decorate


def supported_suffixes() -> set[str]:
    return set(READERS)


def check_file(path: Path) -> int:
    """The size of a regular, readable file; a ReadError saying what else ``path`` is."""
    try:
        info = path.stat()
    except FileNotFoundError:
        kind = "a broken link" if path.is_symlink() else "no longer there"
        raise ReadError(f"file is {kind}: it was moved or deleted before it could be read"
                        ) from None
    except OSError as exc:
        raise ReadError(f"file cannot be opened ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        kind = ("a folder" if stat.S_ISDIR(info.st_mode) else
                "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "not a regular file")
        raise ReadError(f"not a document: this path is {kind}")
    if info.st_size == 0:
        raise ReadError("empty file (0 bytes)")
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise ReadError(f"file cannot be opened ({exc.strerror})") from None
    return info.st_size


def sniff(path: Path) -> str | None:
    """The suffix whose reader fits the file's leading bytes, or None if they say nothing."""
    with path.open("rb") as handle:
        head = handle.read(1024 + 8)
    for magic, latest, suffix in MAGIC:
        position = head.find(magic)
        if 0 <= position <= latest:
            return suffix
    return None


def choose_reader(path: Path) -> tuple[Reader, list[str]]:
    """(reader, warnings) for ``path``: by its content where that is recognisable."""
    named, found = path.suffix.lower(), sniff(path)
    if named not in READERS and found is None:
        raise ReadError(f"unsupported file type {path.suffix or '(none)'}; "
                        f"supported: {', '.join(sorted(READERS))}")
    if found is None and named in BINARY_SUFFIXES:
        found = ".txt"  # no signature at all: plain text if it decodes as text, else junk
    if found is None or found == named:
        return READERS[named], []
    warning = (f"file is named {path.suffix or '(no suffix)'} but contains "
               f"{KIND_NAMES[found]}; read as such")
    return READERS[found], [warning]


def read(path: Path) -> ReadResult:
    check_file(path)
    reader, warnings = choose_reader(path)
    try:
        with time_limit(READ_SECONDS, f"reading took longer than {READ_SECONDS} s; stopped"):
            result = reader(path)
    except TimeLimitExceeded as exc:
        raise ReadError(str(exc)) from None
    result.warnings[:0] = warnings
    convert_font_encoding(result)
    warn_if_not_vietnamese(result)
    return result


def convert_font_encoding(result: ReadResult) -> None:
    """Text typed in .VnTime (TCVN3) or VNI fonts → Unicode, whatever file it came in."""
    encoding = legacy_encodings.detect(_sample(result))
    if encoding is None:
        return
    for block in result.blocks:
        block.text = legacy_encodings.to_unicode(block.text, encoding)
    result.encoding = encoding
    result.warnings.append(f"text was in the legacy {encoding.upper()} font encoding; "
                           "converted to Unicode")


def _sample(result: ReadResult) -> str:
    """The document's opening: its encoding and language are the same throughout."""
    text, size = [], 0
    for block in result.blocks:
        text.append(block.text)
        size += len(block.text)
        if size >= SAMPLE_CHARS:
            break
    return "\n".join(text)


def warn_if_not_vietnamese(result: ReadResult) -> None:
    text = _sample(result)
    words = len(WORD.findall(text))
    share = legacy_encodings.vietnamese_share(text)
    if words >= NOT_VIETNAMESE_MIN_WORDS and share < NOT_VIETNAMESE_SHARE:
        result.warnings.append(f"document does not look Vietnamese ({share:.0%} of its first "
                               f"{words} words have Vietnamese letters); no tasks expected")


from . import doc, docx, pdf, text  # noqa: E402,F401  (registration side effects)
