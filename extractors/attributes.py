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

import regex

from .text import fold

from . import rules
from .agencies import Addressee
from .roles import RoleReader
from .structure import Segment

VALUE_END = regex.compile(r"[;)\n]")


@dataclass
class Attributes:
    leads: list[Addressee] = field(default_factory=list)
    supports: list[Addressee] = field(default_factory=list)
    time_spans: list[tuple[int, int]] = field(default_factory=list)
    text_end: int | None = None  # inline attributes: where the item's own text stops


@lru_cache(maxsize=1)
def _labels() -> tuple[regex.Pattern, dict[str, str]]:
    labels = {fold(label): kind for kind, names in rules.load()["cues"]["attributes"].items()
              for label in names}
    alternation = "|".join(regex.escape(l) for l in sorted(labels, key=len, reverse=True))
    pattern = regex.compile(r"(?:^|(?<=[(;,.\n]))[\s\-–+•*]*(" + alternation + r")\s*:\s*")
    return pattern, labels


def _values(folded: str, offset: int) -> list[tuple[str, int, int, int]]:
    """(kind, label start, value start, value end) of every label in a block's folded text."""
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


def find_attributes(doc, reader: RoleReader) -> tuple[dict[int, Attributes], set[int]]:
    """Attributes per described block, and the blocks that only hold attributes."""
    described: dict[int, Attributes] = {}
    attribute_blocks: set[int] = set()
    blocks: list[Segment] = doc._.blocks
    for block in blocks:
        if block.excluded:
            continue
        folded = doc._.folded[block.content_start:block.end]
        values = _values(folded, block.content_start)
        if not values:
            continue
        only_attributes = values[0][1] == block.content_start + len(folded) - len(folded.lstrip(" -–+•*"))
        if only_attributes and block.parent is not None:
            attribute_blocks.add(block.index)
            target = block.parent
        elif only_attributes:
            continue
        else:
            target = block.index
        attributes = described.setdefault(target, Attributes())
        if target == block.index:
            opening = doc._.text.rfind("(", block.content_start, values[0][1])
            attributes.text_end = opening if opening >= 0 else values[0][1]
        for kind, _, start, end in values:
            record(attributes, kind, start, end, reader)
    return described, attribute_blocks


def record(attributes: Attributes, kind: str, start: int, end: int, reader: RoleReader) -> None:
    if kind == "time":
        attributes.time_spans.append((start, end))
        return
    addressees, _ = reader.parser.parse(reader.word_at(start))
    addressees = [a for a in addressees if a.end <= end]
    (attributes.leads if kind == "lead" else attributes.supports).extend(addressees)
