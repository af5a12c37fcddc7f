"""NORMALISE: the text ``documents.text`` stores, and the one string blocks are assembled into.

``clean`` gives NFC, uniform whitespace and line ends, markdown emphasis (bold, italics), escapes
and invisible characters (format characters, variation selectors, fillers) removed, a web page's
opening date stamp on a line of its own; spelling and tone placement are kept as written
(``extractors.text.fold`` is the matching form, computed later and of the same length).
"""
from __future__ import annotations

import unicodedata

import regex

from extractors.metadata import page_stamp
from extractors.model import SourceBlock

# Unicode's format characters (Cf: BiDi marks and overrides, zero-width spaces and joiners, soft
# hyphen, U+180E, tag characters) and its default-ignorable code points (variation selectors,
# Hangul fillers, U+034F): nothing to read, but an RLM inside "Sở Tài chính" hides the agency.
INVISIBLE = regex.compile(r"[\p{Cf}\p{Default_Ignorable_Code_Point}]+")
SPACES = regex.compile("[\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                       "\u2009\u200a\u202f\u205f\u3000\u000b\u000c]")  # each becomes " "
CONTROLS = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# a markdown copy's escaped punctuation ("\\- Các tỉnh uỷ ...", "**4\\. Phát triển ...**")
ESCAPED = regex.compile(r"\\([-.+*_#()\[\]!>`])")
EMPHASIS = regex.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__", regex.S)
# a markdown copy's italics in one "*": a run inside a line ("*(Chi tiết tại Phụ lục)*"), or the
# edges of a run over several lines, each line a block (a decision's preamble "*Căn cứ Luật ...
# ngày" / "16/6/2025; *", direct1a D1_04/D1_05), whose opening "*" would read as a list marker
# and the citation as a task. An opening "*" touches a word or "(", a closing one follows a word
# or a mark, so a bullet "* ", a footnote "(*)" and a list of characters "(!, @, *, &)" are kept.
# A label's run or a bracket's closes on the next word ("*Đơn vị chủ trì: *Sở Tư pháp.", "*(hoặc
# đột xuất khi có yêu cầu) *báo cáo", plans22).
ITALIC = regex.compile(
    r"(?<![\w*])\*(?=[\w(])([^*\n]+?)(?:(?<=\S)\s?\*(?![\w*])|(?<=[:)])( ?)\*(?=\w))")
ITALIC_EDGE = regex.compile(r"^\*(?=[\w(])|(?<=[\w.,;:)])\s?\*$", regex.M)


def clean(text: str) -> str:
    """``text`` as stored: NFC, ``\\n`` line ends, one kind of space, no invisibles or emphasis."""
    # invisibles first: one between a letter and its tone mark would keep NFC from joining them
    text = unicodedata.normalize("NFC", INVISIBLE.sub("", text))
    text = SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = CONTROLS.sub("", text)
    text = EMPHASIS.sub(lambda m: m.group(1) or m.group(2), ESCAPED.sub(r"\1", text))
    text = ITALIC_EDGE.sub("", ITALIC.sub(_unitalic, text))
    text = _stamp_on_its_own_line(text)
    return text.replace("**", "")  # a bold run split across lines leaves its markers apart


def _unitalic(run: regex.Match) -> str:
    """An ``ITALIC`` run without its marks; one closed on the next word (a label's, a
    bracket's) keeps a space before it."""
    return run.group(1) + (" " if run.group(2) is not None else "")


def _stamp_on_its_own_line(text: str) -> str:
    """The date a stored web page's excerpt opens with ("date 2025-10-17 Phó Chủ tịch UBND tỉnh
    ...", ``rules/metadata.yml`` ``page_stamp``) ends its line, so that the sentence after it
    starts one; the text keeps its length."""
    stamp = page_stamp(text)
    if stamp is None or text[stamp.end():stamp.end() + 1] != " ":
        return text
    return text[:stamp.end()] + "\n" + text[stamp.end() + 1:]


def assemble(blocks: list[SourceBlock]) -> str:
    """Join blocks into the document text, one per line, setting each block's character offsets."""
    parts, offset = [], 0
    for block in blocks:
        block.start = offset
        block.end = offset + len(block.text)
        parts.append(block.text)
        offset = block.end + 1
    return "\n".join(parts)
