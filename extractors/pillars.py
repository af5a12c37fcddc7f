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

from . import rules
from .model import Task
from .structure import ARTICLE
from .text import fold

STRONG, WEAK = 3, 1  # a term's weight, as rules/pillars.yml documents
# a document naming digital-transformation terms this often is about it: its weak terms count
# everywhere (hand-set with the first pipeline, commit ce31817, and held by `make eval` since)
DIGITAL_DOCUMENT_MENTIONS = 3


def _alternation(terms: list[str]) -> regex.Pattern:
    """Any of the terms, folded, as whole words, longest first."""
    body = "|".join(regex.escape(fold(t)) for t in sorted(set(terms), key=len, reverse=True))
    return regex.compile(r"(?<![\p{L}\d])(?:" + body + r")(?![\p{L}\d])")


class PillarClassifier:
    """Votes of a text's pillar terms (``rules/pillars.yml``), on folded text."""

    def __init__(self, data: dict):
        self.threshold = data["threshold"]
        self.digital = _alternation(data["digital_context"])
        self.pillars = list(data["pillars"])
        self.weights: dict[str, list[tuple[str, int]]] = {}  # folded term → (pillar, weight)
        for code, pillar in data["pillars"].items():
            for weight, terms in ((STRONG, pillar["strong"]), (WEAK, pillar["weak"])):
                for term in terms:
                    self.weights.setdefault(fold(term), []).append((code, weight))
        self.terms = _alternation(list(self.weights))

    def is_digital(self, folded: str, at_least: int = 1) -> bool:
        """Whether a folded text names ``digital_context`` terms at least ``at_least`` times."""
        return len(self.digital.findall(folded)) >= at_least

    def scores(self, folded: str, digital_document: bool) -> dict[str, int]:
        """Pillar code → sum of the weights of its terms in a folded text (weak terms only in
        a digital text or document), every pillar present."""
        weak_counts = digital_document or self.is_digital(folded)
        totals = dict.fromkeys(self.pillars, 0)
        for term in self._longest_terms(folded):
            for code, weight in self.weights[term]:
                if weight == STRONG or weak_counts:
                    totals[code] += weight
        return totals

    def _longest_terms(self, folded: str) -> list[str]:
        """Terms found, longest first, none overlapping a longer one: where terms overlap
        ("kiến trúc chính quyền điện tử", "phát sóng chuyên mục riêng về chuyển đổi số") only
        the longer counts. Linear in the terms' length: a kept term marks its characters."""
        found = sorted(((m.span(), m.group())
                        for m in self.terms.finditer(folded, overlapped=True)),
                       key=lambda f: f[0][0] - f[0][1])
        taken = bytearray(len(folded))
        kept = []
        for (start, end), term in found:
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                kept.append(term)
        return kept

    def classify(self, text: str, digital_document: bool) -> str | None:
        """The pillar code whose score reaches ``threshold`` and beats every other; else None."""
        ranked = sorted(self.scores(fold(text), digital_document).items(), key=lambda kv: -kv[1])
        (best, score), (_, runner_up) = ranked[0], ranked[1]
        return best if score >= self.threshold and score > runner_up else None


@lru_cache(maxsize=1)
def classifier() -> PillarClassifier:
    """The classifier of ``rules/pillars.yml``, built once per process."""
    return PillarClassifier(rules.load()["pillars"])


def without_agencies(task: Task) -> str:
    """The task's words less its agencies' names ("Sở Giáo dục và Đào tạo" is not a training
    task)."""
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


def first_article(doc: Doc) -> str | None:
    """ "Điều 1. Ban hành kèm theo Quyết định này Quy chế ...": what a decision is about."""
    text = doc._.text
    return next((text[b.content_start_char:b.end_char] for b in doc._.blocks
                 if b.marker == ARTICLE), None)


@Language.factory("vi_pillars", requires=["doc._.meta", "doc._.blocks", "doc._.tasks"],
                  assigns=["doc._.tasks"])
def create_pillars(nlp: Language, name: str):
    """Component: ``Task.pillar`` of every task of ``doc._.tasks`` that no pillar heading gave
    one, from its vocabulary (the document's title's when it only executes the decision)."""
    def pillars(doc: Doc) -> Doc:
        digital = classifier().is_digital(doc._.folded, DIGITAL_DOCUMENT_MENTIONS)
        title = doc._.meta.title or first_article(doc)
        for task in doc._.tasks:
            if task.pillar is None:  # a pillar heading above the task has already decided
                task.pillar = pillar_of_task(without_agencies(task), title, digital)
        return doc
    return pillars
