"""Readers turn a file into text blocks. One reader per file type, chosen from a registry by suffix."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..model import ReadResult

Reader = Callable[[Path], ReadResult]
READERS: dict[str, Reader] = {}


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


def read(path: Path) -> ReadResult:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"unsupported file type {path.suffix or '(none)'}; "
                        f"supported: {', '.join(sorted(READERS))}")
    return reader(path)


from . import docx, pdf, text  # noqa: E402,F401  (registration side effects)
