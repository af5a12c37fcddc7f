"""Labelled attributes of a plan's items: who leads, who supports, when.

    1. Xây dựng cơ sở dữ liệu ngành ...
       - Cơ quan chủ trì: Sở Thông tin và Truyền thông.
       - Cơ quan phối hợp: Các sở, ban, ngành.
       - Thời gian thực hiện: Quý IV/2023.

or inline: "Xây dựng ... (Chủ trì: Sở Tài chính; thời gian: năm 2024)". The labelled lines are
not tasks themselves; they complete the item they sit under (or the text before them).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import regex
from spacy.tokens import Doc

from . import rules
from .agencies import Assignment
from .structure import Segment
from .text import fold

if TYPE_CHECKING:
    from .roles import RoleReader

VALUE_END = regex.compile(r"[;)\n]")


@dataclass
class Attributes:
    """What the labels of an item assign to it: leads, supports, and the labelled time values."""

    block: int  # the described block (index into doc._.blocks)
    assignment: Assignment = field(default_factory=lambda: Assignment(lead_evidence="attribute"))
    time_spans: list[tuple[int, int]] = field(default_factory=list)  # (start_char, end_char)
    text_end_char: int | None = None  # inline attributes: where the item's own text stops


@lru_cache(maxsize=1)
def _labels() -> tuple[regex.Pattern, dict[str, str]]:
    labels = {fold(label): kind for kind, names in rules.load()["cues"]["attributes"].items()
              for label in names}
    pattern = regex.compile(r"(?:^|(?<=[(;,.\n]))[\s\-–+•*]*(" + rules.alternation(list(labels))
                            + r")\s*:\s*")
    return pattern, labels


def _values(folded: str, offset: int) -> list[tuple[str, int, int, int]]:
    """(kind, label start, value start, value end) of every label in a block's folded text, as
    character offsets (``offset`` is where the block's text starts)."""
    pattern, labels = _labels()
    matches = list(pattern.finditer(folded))
    found = []
    for n, match in enumerate(matches):
        stop = matches[n + 1].start() if n + 1 < len(matches) else len(folded)
        cut = VALUE_END.search(folded, match.end(), stop)
        end = cut.start() if cut else stop
        found.append((labels[match.group(1)], offset + match.start(1), offset + match.end(),
                      offset + end))
    return found


def find_attributes(doc: Doc, reader: RoleReader) -> tuple[list[Attributes], set[int]]:
    """The attributes of every described block, in text order, and the indices of the blocks
    that only hold attributes (labelled lines under an item: no tasks themselves)."""
    described: dict[int, Attributes] = {}
    attribute_blocks: set[int] = set()
    blocks: list[Segment] = doc._.blocks
    for block in blocks:
        if block.excluded:
            continue
        folded = doc._.folded[block.content_start_char:block.end_char]
        values = _values(folded, block.content_start_char)
        if not values:
            continue
        only_attributes = values[0][1] == \
            block.content_start_char + len(folded) - len(folded.lstrip(" -–+•*"))
        if only_attributes and block.parent is not None:
            attribute_blocks.add(block.index)
            target = _described(blocks, block, block.parent, attribute_blocks)
        elif only_attributes:
            continue
        else:
            target = block.index
        attributes = described.setdefault(target, Attributes(target))
        if target == block.index:
            opening = doc._.text.rfind("(", block.content_start_char, values[0][1])
            attributes.text_end_char = opening if opening >= 0 else values[0][1]
        for kind, _, start, end in values:
            record(attributes, kind, start, end, reader)
    return sorted(described.values(), key=lambda a: a.block), attribute_blocks


def _described(blocks: list[Segment], block: Segment, parent: int,
               attribute_blocks: set[int]) -> int:
    """The index of the item labelled lines describe: their parent, or, for unmarked lines
    right after a bullet of that parent ("- Tuyên truyền ..." / "Cơ quan chủ trì: ..."), that
    bullet; a marked line ("- Thời gian: ...") is the parent's own, as its bullets are."""
    before = next(b for b in reversed(blocks[:block.index]) if b.index not in attribute_blocks)
    if block.marker is None and before.index != parent and before.parent == parent:
        return before.index
    return parent


def record(attributes: Attributes, kind: str, start_char: int, end_char: int,
           reader: RoleReader) -> None:
    """Add the value at ``[start_char, end_char)`` of an attribute of ``kind`` (one of
    ``rules.ATTRIBUTE_KINDS``): a time span, or the agencies named there as leads or supports;
    a capitalised value in which the parser reads no agency is one, as written (the label says
    it names a unit, ANNOTATION.md §1b activity blocks)."""
    if kind == "time":
        attributes.time_spans.append((start_char, end_char))
        return
    addressees, _ = reader.parser.parse(reader.word_at(start_char))
    addressees = [a for a in addressees if a.end_char <= end_char]
    value = reader.doc._.text[start_char:end_char].rstrip(" .")
    if not addressees and value[:1].isupper():  # a unit no pattern knows: "Huyện đoàn"
        addressees = [reader.parser.whole(start_char, start_char + len(value))]
    assignment = attributes.assignment
    (assignment.leads if kind == "lead" else assignment.supports).extend(addressees)
