"""DTI pillars from the vocabularies in ``rules/pillars.yml``.

A heading ("1. Về Nhận thức số:") decides first (the task builder applies it); otherwise the
task's own words vote: strong terms weigh 3, weak terms 1 and only in a text about digital
transformation. The best pillar needs the threshold and a clear lead over the second, else none:
a task about fire prevention or flood control has no pillar.
"""
from __future__ import annotations

from functools import lru_cache

import regex
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.model import Task
from pipeline.normalize import fold

from . import rules

STRONG, WEAK = 3, 1
DIGITAL_DOCUMENT_MENTIONS = 3


def _alternation(terms: list[str]) -> regex.Pattern:
    body = "|".join(regex.escape(fold(t)) for t in sorted(terms, key=len, reverse=True))
    return regex.compile(r"(?<![\p{L}\d])(?:" + body + r")(?![\p{L}\d])")


class PillarClassifier:
    def __init__(self, data: dict):
        self.threshold = data["threshold"]
        self.digital = _alternation(data["digital_context"])
        self.vocabularies = {code: (_alternation(p["strong"]), _alternation(p["weak"]))
                             for code, p in data["pillars"].items()}

    def is_digital(self, folded: str, at_least: int = 1) -> bool:
        return len(self.digital.findall(folded)) >= at_least

    def scores(self, folded: str, digital_document: bool) -> dict[str, int]:
        """Weight per pillar; where terms of two pillars overlap, the longer term alone counts
        ("kiến trúc chính quyền điện tử" is the_che_so, not also chinh_quyen_so)."""
        weak_counts = digital_document or self.is_digital(folded)
        found = []
        for code, (strong, weak) in self.vocabularies.items():
            found += [(m.span(), code, STRONG) for m in strong.finditer(folded)]
            if weak_counts:
                found += [(m.span(), code, WEAK) for m in weak.finditer(folded)]
        found.sort(key=lambda f: (f[0][0] - f[0][1], -f[2]))
        kept: list[tuple[tuple[int, int], str, int]] = []
        for span, code, weight in found:
            if all(span[1] <= k[0][0] or k[0][1] <= span[0] for k in kept):
                kept.append((span, code, weight))
        totals = dict.fromkeys(self.vocabularies, 0)
        for _, code, weight in kept:
            totals[code] += weight
        return totals

    def classify(self, text: str, digital_document: bool) -> str | None:
        ranked = sorted(self.scores(fold(text), digital_document).items(), key=lambda kv: -kv[1])
        (best, score), (_, runner_up) = ranked[0], ranked[1]
        return best if score >= self.threshold and score > runner_up else None


@lru_cache(maxsize=1)
def classifier() -> PillarClassifier:
    return PillarClassifier(rules.load()["pillars"])


def without_agencies(task: Task) -> str:
    """The task's words less its agencies' names: "Sở Giáo dục và Đào tạo" is not a training task."""
    text = task.text
    for agency in task.agencies:
        text = text.replace(agency.mention, " ")
    return text


@lru_cache(maxsize=1)
def _execution_clause() -> regex.Pattern:
    return _alternation(rules.load()["cues"]["execution"])


def pillar_of_task(text: str, title: str | None, digital_document: bool) -> str | None:
    """Vocabulary first; the execution clause of a decision serves the decision's own subject."""
    pillar = classifier().classify(text, digital_document)
    if pillar is None and title and _execution_clause().search(fold(text)):
        pillar = classifier().classify(title, digital_document)
    return pillar


@Language.factory("vi_pillars")
def create_pillars(nlp: Language, name: str):
    def pillars(doc: Doc) -> Doc:
        digital = classifier().is_digital(doc._.folded, DIGITAL_DOCUMENT_MENTIONS)
        title = doc._.meta.title if doc._.meta else None
        for task in doc._.tasks:
            if task.pillar is None:  # a pillar heading above the task has already decided
                task.pillar = pillar_of_task(without_agencies(task), title, digital)
        return doc
    return pillars
