"""Word's automatic list numbering, which python-docx does not render: "1.", "a)", "-" markers.

A numbered paragraph names a list instance (``w:numPr/w:numId``) and a level (``w:ilvl``), in its
own properties or through its style. The numbering part maps the instance to an abstract
definition whose levels each have a format (decimal, lowerLetter, bullet, ...), a template
("%1.", "%1.%2)") and a start value. Counters run per list instance; a level restarts when a
shallower level of the same list advances.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

LEVELS = 9
PRIVATE_USE = range(0xE000, 0xF900)  # Symbol/Wingdings bullets: drawn by the font, not text
BULLET = "•"


def letters(n: int) -> str:
    """1 → A, 26 → Z, 27 → AA (Word repeats the letter)."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def roman(n: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, numeral in numerals:
        count, n = divmod(n, value)
        out += numeral * count
    return out


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "upperLetter": letters,
    "lowerLetter": lambda n: letters(n).lower(),
    "upperRoman": roman,
    "lowerRoman": lambda n: roman(n).lower(),
    "none": lambda n: "",
}


@dataclass
class Level:
    format: str = "decimal"
    template: str = "%1."
    start: int = 1

    @classmethod
    def from_xml(cls, lvl) -> Level:
        def value(tag: str) -> str | None:
            child = lvl.find(qn(tag))
            return None if child is None else child.get(qn("w:val"))
        return cls(format=value("w:numFmt") or "decimal", template=value("w:lvlText") or "",
                   start=int(value("w:start") or 1))


def _val(element, tag: str) -> str | None:
    child = None if element is None else element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


class Numbering:
    """Markers for the numbered paragraphs of one document, fed in document order."""

    def __init__(self, abstract_nums: list, nums: list) -> None:
        abstract = {a.get(qn("w:abstractNumId")): self._levels(a) for a in abstract_nums}
        self.lists: dict[str, dict[int, Level]] = {}
        for num in nums:
            levels = dict(abstract.get(_val(num, "w:abstractNumId"), {}))
            for override in num.findall(qn("w:lvlOverride")):
                self._apply_override(levels, override)
            self.lists[num.get(qn("w:numId"))] = levels
        self.counters: dict[str, list[int | None]] = {}

    @staticmethod
    def _levels(abstract_num) -> dict[int, Level]:
        return {int(lvl.get(qn("w:ilvl"))): Level.from_xml(lvl)
                for lvl in abstract_num.findall(qn("w:lvl"))}

    @staticmethod
    def _apply_override(levels: dict[int, Level], override) -> None:
        ilvl = int(override.get(qn("w:ilvl")))
        lvl = override.find(qn("w:lvl"))
        level = Level.from_xml(lvl) if lvl is not None else levels.get(ilvl, Level())
        start = _val(override, "w:startOverride")
        levels[ilvl] = Level(level.format, level.template, int(start) if start else level.start)

    @classmethod
    def of(cls, document) -> Numbering:
        try:
            element = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # a document without lists
            return cls([], [])
        return cls(element.findall(qn("w:abstractNum")), element.findall(qn("w:num")))

    def marker(self, paragraph: Paragraph) -> str | None:
        """The marker Word shows before ``paragraph`` ("2.", "b)", "-"), advancing the counters."""
        found = numbering_properties(paragraph)
        if found is None:
            return None
        num_id, ilvl = found
        levels = self.lists.get(num_id)
        if not levels or ilvl not in levels:
            return None
        counts = self.counters.setdefault(num_id, [None] * LEVELS)
        level = levels[ilvl]
        counts[ilvl] = level.start if counts[ilvl] is None else counts[ilvl] + 1
        counts[ilvl + 1:] = [None] * (LEVELS - ilvl - 1)
        if level.format == "bullet":
            return bullet_text(level.template)
        return self._render(level.template, levels, counts)

    @staticmethod
    def _render(template: str, levels: dict[int, Level], counts: list[int | None]) -> str:
        text = template
        for i in range(LEVELS):
            if f"%{i + 1}" in text:
                level = levels.get(i, Level())
                count = counts[i] if counts[i] is not None else level.start
                text = text.replace(f"%{i + 1}", FORMATS.get(level.format, str)(count))
        return text.strip()


def bullet_text(template: str) -> str:
    text = template.strip()
    if not text or any(ord(c) in PRIVATE_USE for c in text):
        return BULLET
    return text


def numbering_properties(paragraph: Paragraph) -> tuple[str, int] | None:
    """(numId, level) from the paragraph's own properties or, failing that, its style chain."""
    p_pr = paragraph._p.pPr
    candidates = [p_pr.numPr if p_pr is not None else None]
    style = paragraph.style
    while style is not None:
        style_pr = style.element.pPr
        candidates.append(style_pr.numPr if style_pr is not None else None)
        style = style.base_style
    for num_pr in candidates:
        if num_pr is None:
            continue
        num_id = _val(num_pr, "w:numId")
        if num_id is not None:
            return None if num_id == "0" else (num_id, int(_val(num_pr, "w:ilvl") or 0))
    return None
