"""Plain-text reader: detects the encoding instead of assuming UTF-8, and never crashes on it."""
from __future__ import annotations

from pathlib import Path

import regex

from extractors.model import SourceBlock
from extractors.text import is_caps, well_formed_share

from . import ContentError, ReadResult, register
from .legacy_encodings import decode_8bit
from .vertical_tables import table_blocks

BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
UTF16_ZERO_SHARE = 0.3
BINARY_CONTROL_SHARE = 0.05
CONTROLS = [chr(code) for code in range(32) if chr(code) not in "\n\r\t\f"]  # of binary junk
# a bold mark, or an italic one that opens a run ("*2.1.") or closes it ("chính*"), not a bullet
# ("* Nội dung") or a footnote's star ("(*)")
EMPHASIS_MARK = regex.compile(r"\*\*|(?<![\w*(])\*(?=[^\s*)])|(?<=[^\s*(])\*(?![\w*)])")
EMPHASIS_LINES = 8  # runs over lines in all annotated copies: 843, 792 of 2-3 lines, the longest 8
NUL_WARNING = ("tệp văn bản có {count} ký tự NUL (byte 0), thường do sao chép lỗi; "
               "đã bỏ qua các ký tự này")
BAD_UTF8_WARNING = ("tệp UTF-8 có {count} chỗ hỏng (thay bằng �), thường do tệp bị cắt hoặc sao "
                    "chép lỗi: kiểm tra lại các chữ quanh đó")


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) for UTF-8, UTF-16 or 8-bit Windows-1258, TCVN3 or VNI bytes. Bytes that
    are not valid UTF-8 are read as whichever reads as the more well-formed Vietnamese
    (``well_formed_share``, as ``decode_8bit`` chooses among the 8-bit encodings): their 8-bit
    encoding, or UTF-8 with its few broken bytes replaced (a file cut inside a character, new-clerk
    trial: read as VNI, it was garbled whole)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    unmarked_utf16 = utf16_byte_order(data)
    if unmarked_utf16:
        return data.decode(unmarked_utf16, errors="replace"), unmarked_utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        mended = data.decode("utf-8", errors="replace"), "utf-8"
        return max(decode_8bit(data), mended, key=lambda read: well_formed_share(read[0]))


def utf16_byte_order(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the high byte of ASCII characters (spaces, digits,
    punctuation, unaccented letters) is zero, at odd positions (LE) or even ones (BE)."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    odd_zeros, even_zeros = sample[1::2].count(0) / half, sample[0::2].count(0) / half
    if odd_zeros > UTF16_ZERO_SHARE and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > UTF16_ZERO_SHARE and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def looks_binary(text: str) -> bool:
    """More than BINARY_CONTROL_SHARE control characters: junk, not text with a stray NUL."""
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(map(sample.count, CONTROLS))
    return controls / len(sample) > BINARY_CONTROL_SHARE


@register(".txt", ".md")
def read_text(path: Path, deadline: float) -> ReadResult:
    """A text file, its encoding detected (``decode``), one block a line but one a row for a
    table a legal site's copy writes down the page (``vertical_tables``); ReadError for binary
    content."""
    text, encoding = decode(path.read_bytes())
    if looks_binary(text):
        raise ContentError("nội dung nhị phân không nhận ra được: không phải văn bản, cũng không "
                           "phải tệp PDF, Word, RTF hay ảnh JPEG, PNG, TIFF")
    warnings = [NUL_WARNING.format(count=text.count("\0"))] if "\0" in text else []
    if encoding == "utf-8" and "\ufffd" in text:
        warnings.append(BAD_UTF8_WARNING.format(count=text.count("\ufffd")))
    lines = text.replace("\0", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return ReadResult(emphasis_runs(table_blocks(lines)), method="text", encoding=encoding,
                      warnings=warnings)


def emphasis_runs(blocks: list[SourceBlock]) -> list[SourceBlock]:
    """The lines of a bold or italic run a markdown copy breaks over lines one block ("*2.1.
    Sở" / "Tài chính*": the line breaks of a legal site's HTML, plans14), up to EMPHASIS_LINES
    lines, never over a blank line or a table's row, nor between two lines in capitals (a
    signature's "KT. CHÁNH VĂN PHÒNG" / "PHÓ CHÁNH VĂN PHÒNG" in bold are lines of their own)."""
    joined: list[SourceBlock] = []
    index = 0
    while index < len(blocks):
        end = _run_end(blocks, index)
        if end - index > 1:
            first, last = blocks[index].source.split()[-1], blocks[end - 1].source.split()[-1]
            joined.append(SourceBlock(" ".join(b.text.strip() for b in blocks[index:end]),
                                      f"lines {first}-{last}"))
        else:
            joined.append(blocks[index])
        index = end
    return joined


def _run_end(blocks: list[SourceBlock], index: int) -> int:
    """The index after the line that closes the run ``blocks[index]`` leaves open (an odd
    count of its marks); ``index + 1`` when it opens none or none of the next lines closes it."""
    if not _plain_line(blocks[index]):
        return index + 1
    marks, end = len(EMPHASIS_MARK.findall(blocks[index].text)), index + 1
    while marks % 2 and end < min(len(blocks), index + EMPHASIS_LINES) and \
            _plain_line(blocks[end]) and \
            not (is_caps(blocks[end - 1].text) and is_caps(blocks[end].text)):
        marks += len(EMPHASIS_MARK.findall(blocks[end].text))
        end += 1
    return end if marks % 2 == 0 else index + 1


def _plain_line(block: SourceBlock) -> bool:
    """A block that is one non-blank line of the file, not a table's row or cell rule."""
    return block.source.startswith("line ") and bool(block.text.strip()) and \
        block.text.strip() != "|"
