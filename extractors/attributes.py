"""Labelled attributes of a plan's items: who leads, who supports, when.

    1. Xây dựng cơ sở dữ liệu ngành ...
       - Cơ quan chủ trì: Sở Thông tin và Truyền thông.
       - Cơ quan phối hợp: Các sở, ban, ngành.
       - Thời gian thực hiện: Quý IV/2023.

or inline: "Xây dựng ... (Chủ trì: Sở Tài chính; thời gian: năm 2024)", or as headings of labels
whose values are the items below them, after the section's content items:

    I. CÔNG TÁC QUÁN TRIỆT
    1. Nội dung, biện pháp
    a) Tổ chức Hội nghị quán triệt ...
    2. Cơ quan chủ trì, phối hợp
    a) Cơ quan chủ trì
    - Ban Chỉ đạo quốc gia.
    3. Thời gian thực hiện: Tháng 12/2013.

The labelled lines are not tasks themselves; they complete the item they sit under (or the text
before them), here section I, whose content items they serve.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import regex
from spacy.tokens import Doc

from . import rules
from .agencies import Addressee, Assignment
from .names import agency_words
from .structure import Segment
from .text import fold, is_caps

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
    label_blocks: list[int] = field(default_factory=list)  # the labelled lines, their headings
    # and values, in text order (indices into doc._.blocks); none for inline attributes


@lru_cache(maxsize=1)
def _labels() -> tuple[regex.Pattern, dict[str, str]]:
    labels = {fold(label): kind for kind, names in rules.load()["cues"]["attributes"].items()
              for label in names}
    # a label opens the text or follows a separator, or a bullet mark glued to it after a space
    # ("... và địa phương -Thời gian thực hiện: ...": a web copy joined two labelled lines)
    pattern = regex.compile(r"(?:^|(?<=[(;,.\n])|(?<=\s)(?=[\-–+•*]))[\s\-–+•*]*("
                            + rules.alternation(list(labels)) + r")\s*:\s*")
    return pattern, labels


@lru_cache(maxsize=1)
def _item_part() -> regex.Pattern:
    """A unit of a value item: up to a ";", or a comma before a capital or before the plural
    word ("Các quân khu, các tỉnh")."""
    plural = regex.escape(agency_words()["plural"])
    return regex.compile(r"(?:[^;,]|,(?!\s*(?:\p{Lu}|(?i:" + plural + r")\s)))+")


@lru_cache(maxsize=1)
def _heading() -> regex.Pattern:
    """A heading of labels with no value: "Cơ quan chủ trì", "Cơ quan chủ trì, phối hợp",
    "Đơn vị phối hợp:" (folded, its marker stripped; ``cues.yml`` ``attribute_headings``);
    group 1 the first label."""
    _, labels = _labels()
    cues = rules.load()["cues"]
    headings = [fold(h) for h in cues["attribute_headings"]]
    joins = [fold(j) for j in cues["attribute_heading_joins"]] + list(labels)
    return regex.compile(r"(" + rules.alternation(headings) + r")(?:\s*(?:,|và)\s*(?:"
                         + rules.alternation(joins) + r"))*\s*[:.]?")


def heading_kind(folded: str) -> str | None:
    """The kind (``rules.ATTRIBUTE_KINDS``) of the first label of a block's folded content when
    that content is a heading of labels only (``_heading``), else None."""
    match = _heading().fullmatch(folded.strip(" -–+•*"))
    return _labels()[1][rules.phrase(match.group(1))] if match else None


def _values(folded: str, offset: int) -> list[tuple[str, int, int, int]]:
    """(kind, label start, value start, value end) of every label in a block's folded text, as
    character offsets (``offset`` is where the block's text starts). A value ends at the next
    label; inside an item's text also at ";", ")" or a line end ("(Chủ trì: Sở Tài chính)"),
    while a labelled line's value runs on across ";" ("- Cơ quan thực hiện: Các sở, ban,
    ngành; Ủy ban nhân dân các huyện.")."""
    pattern, labels = _labels()
    matches = list(pattern.finditer(folded))
    found = []
    labelled_line = bool(matches) and not folded[:matches[0].start(1)].strip(" -–+•*")
    for n, match in enumerate(matches):
        stop = matches[n + 1].start() if n + 1 < len(matches) else len(folded)
        cut = None if labelled_line else VALUE_END.search(folded, match.end(), stop)
        end = cut.start() if cut else stop
        found.append((labels[rules.phrase(match.group(1))], offset + match.start(1),
                      offset + match.end(), offset + end))
    return found


def find_attributes(doc: Doc, reader: RoleReader) -> tuple[list[Attributes], set[int]]:
    """The attributes of every described block, in text order, and the indices of the blocks
    that only hold attributes (labelled lines under an item: no tasks themselves)."""
    described: dict[int, Attributes] = {}
    attribute_blocks: dict[int, int] = {}  # labelled line → the block it describes
    value_kinds: dict[int, str] = {}  # heading of labels → the kind of the items below it
    blocks: list[Segment] = doc._.blocks
    for block in blocks:
        if block.excluded:
            continue
        folded = doc._.folded[block.content_start_char:block.end_char]
        kind = heading_kind(folded)
        parent = block.parent
        if kind and parent is not None and not is_caps(doc._.text[block.start_char:
                                                                   block.end_char]):
            value_kinds[block.index] = kind  # a section's title in capitals is no label
            _serve(described, attribute_blocks, blocks, block, parent)
            continue
        values = _values(folded, block.content_start_char)
        if not values and parent is not None and parent in value_kinds:
            # "- Ban Chỉ đạo quốc gia." under "Cơ quan chủ trì"
            attributes = _serve(described, attribute_blocks, blocks, block, parent)
            if not folded.lstrip(" -–+•*").startswith("("):  # a remark on the values
                record_item(attributes, value_kinds[parent], block.content_start_char,
                            block.end_char, reader)
            continue
        if not values:
            continue
        only_attributes = values[0][1] == \
            block.content_start_char + len(folded) - len(folded.lstrip(" -–+•*"))
        if only_attributes and parent is not None:
            attributes = _serve(described, attribute_blocks, blocks, block, parent)
        elif only_attributes:
            continue
        else:
            attributes = described.setdefault(block.index, Attributes(block.index))
        target = attributes.block
        if target == block.index:
            opening = doc._.text.rfind("(", block.content_start_char, values[0][1])
            attributes.text_end_char = opening if opening >= 0 else values[0][1]
        for kind, _, start, end in values:
            record(attributes, kind, start, end, reader)
    return sorted(described.values(), key=lambda a: a.block), set(attribute_blocks)


def _serve(described: dict[int, Attributes], attribute_blocks: dict[int, int],
           blocks: list[Segment], block: Segment, parent: int) -> Attributes:
    """The attributes a labelled line (or a heading of labels, or one of its values) adds to,
    with the line recorded as theirs: those of the block its parent line serves ("* Thời gian:
    ..." under a label), else of the item it describes (``_described``); ``parent``: the
    block's parent, which it has."""
    target = attribute_blocks[parent] if parent in attribute_blocks else \
        _described(blocks, block, parent, attribute_blocks)
    attribute_blocks[block.index] = target
    attributes = described.setdefault(target, Attributes(target))
    attributes.label_blocks.append(block.index)
    return attributes


def _described(blocks: list[Segment], block: Segment, parent: int,
               attribute_blocks: dict[int, int]) -> int:
    """The index of the item labelled lines describe: their parent, or, for unmarked lines
    right after a bullet of that parent ("- Tuyên truyền ..." / "Cơ quan chủ trì: ..."), that
    bullet, also when the bullet ranks below the labelled line of the item before it ("- Xây
    dựng ..." under "Thời gian hoàn thành: ..." of "- Thành lập ...", plans14 P14_02); a marked
    line ("- Thời gian: ...") is the parent's own, as its bullets are."""
    before = next(b for b in reversed(blocks[:block.index]) if b.index not in attribute_blocks)
    up = before.parent
    siblings = up == parent or \
        up is not None and up in attribute_blocks and blocks[up].parent == parent
    if block.marker is None and before.index != parent and siblings:
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
    addressees, after = reader.parser.parse(reader.word_at(start_char))
    addressees = _within(addressees, end_char, reader)
    if kind == "support" and addressees:
        addressees += _names_after(after, end_char, reader)
    value = reader.doc._.text[start_char:end_char].rstrip(" .")
    if not addressees and value[:1].isupper():  # a unit no pattern knows: "Huyện đoàn"
        addressees = [reader.parser.whole(start_char, start_char + len(value))]
    if kind == "lead" and addressees:
        addressees[-1] = _with_remit(addressees[-1], start_char + len(value), reader)
    assignment = attributes.assignment
    (assignment.leads if kind == "lead" else assignment.supports).extend(addressees)
    if kind == "lead":  # "Sở Y tế chủ trì, phối hợp với Sở Tài chính; các sở, ngành liên quan"
        assignment.supports.extend(_within(reader.supports(
            reader.word_at(start_char), reader.word_at(end_char), addressees), end_char, reader))


def _with_remit(lead: Addressee, end_char: int, reader: RoleReader) -> Addressee:
    """The office holder named with the portfolio after it up to the value's end ("Phó Chủ
    tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội": ``agency_patterns.yml``
    ``remits``), the lead as the parser read it otherwise."""
    remit = _remit().match(fold(reader.doc._.text[lead.end_char:end_char]))
    return reader.parser.whole(lead.start_char, end_char) if remit else lead


@lru_cache(maxsize=1)
def _remit() -> regex.Pattern:
    remits = rules.alternation([fold(r) for r in rules.load()["agency_patterns"]["remits"]])
    return regex.compile(rf"\s*,\s*(?:{remits})\s[^;]*$")


def _names_after(after: int, end_char: int, reader: RoleReader) -> list[Addressee]:
    """The names a support label's value goes on to list after the parser stopped at word
    ``after``: the value holds names only, so each part between "," or ";" that the parser
    reads no name in is one as written ("Các Đại sứ quán, tổ chức quốc tế, các tỉnh, thành
    phố": "tổ chức" is also a verb). Parts the parser reads are read as it reads them."""
    words, found = reader.words, []
    while after < len(words) and words[after].start_char < end_char and \
            words[after].norm in (",", ";"):
        named, next_word = reader.parser.parse(after + 1, any_case=True)
        named = _within(named, end_char, reader)
        if not named:
            next_word = next((k for k in range(after + 1, len(words))
                              if words[k].norm in (",", ";") or words[k].start_char >= end_char),
                             len(words))
            value = reader.doc._.text[words[after + 1].start_char:
                                      min(end_char, words[next_word - 1].end_char)].rstrip(" .")
            if not value or not value[0].isalpha():
                break
            named = [reader.parser.whole(words[after + 1].start_char,
                                         words[after + 1].start_char + len(value))]
        found += named
        after = next_word
    return found


def record_item(attributes: Attributes, kind: str, start_char: int, end_char: int,
                reader: RoleReader) -> None:
    """Add the value written as an item below a heading of labels, at ``[start_char,
    end_char)``: each part between ";" or a comma before a capital or the plural word names
    its units ("- Các quân khu, các tỉnh.", "- Ban Công tác đặc biệt, Ban Chuyên trách các
    cấp."), read as in ``record``, and a name the parser left short runs on over the lower-case
    words after it, up to the next name or the part's end ("Ban Công tác đặc biệt", "Các Bộ,
    ngành, địa phương và đơn vị": the item holds names only)."""
    if kind == "time":
        record(attributes, kind, start_char, end_char, reader)
        return
    text = reader.doc._.text
    found = []
    for part in _item_part().finditer(text[start_char:end_char]):
        value = part.group()
        start = start_char + part.start() + len(value) - len(value.lstrip())
        end = start_char + part.start() + len(value.rstrip(" ."))
        if end <= start:
            continue
        addressees = _within(reader.parser.parse(reader.word_at(start))[0], end, reader) or \
            [reader.parser.whole(start, end)]
        stops = [a.start_char for a in addressees[1:]] + [end]
        found += [_run_on(a, stop, reader) for a, stop in zip(addressees, stops, strict=True)]
    (attributes.assignment.leads if kind == "lead" else attributes.assignment.supports).extend(
        found)


def _run_on(addressee: Addressee, stop_char: int, reader: RoleReader) -> Addressee:
    """The addressee stretched over the lower-case words between it and ``stop_char`` (no
    comma among them, not only the conjunction that joins it to the next name)."""
    gap = regex.match(r"\s*(\p{Ll}[^,;]*?)[\s,;.]*$",
                      reader.doc._.text[addressee.end_char:stop_char])
    if gap is None or gap.group(1) == reader.parser.run_words["conjunction"]:
        return addressee
    return reader.parser.whole(addressee.start_char, addressee.end_char + gap.end(1))


def _within(addressees: list[Addressee], end_char: int, reader: RoleReader) -> list[Addressee]:
    """The addressees that start before a value's end, the last cut there when the parser read
    on into the next label ("Ủy ban nhân dân các huyện -Thời gian thực hiện: ...")."""
    return [a if a.end_char <= end_char else reader.parser.whole(a.start_char, end_char)
            for a in addressees if a.start_char < end_char]
