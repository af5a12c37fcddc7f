"""Plain-text reader: detects the encoding instead of assuming UTF-8."""
from __future__ import annotations

from pathlib import Path

from ..model import Block, ReadResult
from . import ReadError, register

BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) for bytes in UTF-8, UTF-16 or Windows-1258."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0] != 0:
        return data.decode("utf-16-le"), "utf-16-le"
    if len(data) >= 4 and data[0:4:2] == b"\x00\x00" and data[1] != 0:
        return data.decode("utf-16-be"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), "cp1258"


def looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return "\x00" in sample or controls / len(sample) > 0.05


@register(".txt", ".md")
def read_text(path: Path) -> ReadResult:
    text, encoding = decode(path.read_bytes())
    if looks_binary(text):
        raise ReadError("binary content in a text file (not a text document)")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return ReadResult([Block(line, f"line {i + 1}") for i, line in enumerate(lines)],
                      method="text", encoding=encoding)
