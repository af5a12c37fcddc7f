"""DTI pillars from the vocabularies in ``rules/pillars.yml``.

A heading ("1. Về Nhận thức số:") decides first (the task builder applies it); otherwise the
task's own words vote: strong terms weigh 3, weak terms 1 and only in a text about digital
transformation. The best pillar needs the threshold and a clear lead over the second, else none:
a task about fire prevention or flood control has no pillar.

A short text (a news item, a one-page directive) is about one thing: when its words clearly
favour one pillar, a task of it that names no pillar term of its own serves that pillar ("Sở Y tế
yêu cầu ... cài đặt Bluezone trên điện thoại" in an item about the Bluezone app). A long plan
mixes topics: there only the task's own words count, and weak terms only where the task itself is
digital ("bố trí kinh phí" in an administrative-reform plan is no DTI budget task).
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
# A document is about digital transformation, so that its weak terms count everywhere, when it
# names `digital_context` terms at least 3 times (hand-set with the first pipeline, commit
# ce31817) and at least 12 times per 1,000 words: on the unlocked gold the digital articles and
# plans run at 15-50 per 1,000 words, the administrative-reform plans with one digital section
# (office OF_01, OF_02) at 8-10, where weak terms made a third of their tasks wrongly digital.
DIGITAL_DOCUMENT_MENTIONS = 3
DIGITAL_DOCUMENT_DENSITY = 12 / 1000  # mentions per word
# A document of at most this many words is short enough to be about one pillar (the unlocked
# dev articles and excerpts: 70-350 words, one pillar each; the plans: 600-10,500 words, mixed).
SHORT_DOCUMENT_WORDS = 500
# Its pillar: the best whole-text score, at least 3 strong terms and twice the second best.
DOCUMENT_SCORE, DOCUMENT_MARGIN = 3 * STRONG, 2
# A task table is organised by pillar when at least this share of its group rows name one.
PILLAR_GROUP_SHARE = 1 / 2


def is_short_document(folded: str) -> bool:
    """Whether a document's text holds at most ``SHORT_DOCUMENT_WORDS`` words: a news item or
    an excerpt, not a plan."""
    # split no further than needed: a plan's 2,000 words are not all counted
    return len(folded.split(maxsplit=SHORT_DOCUMENT_WORDS)) <= SHORT_DOCUMENT_WORDS


def _alternation(terms: list[str]) -> regex.Pattern:
    """Any of the terms, folded, as whole words, the longest first where several start at one
    place. Written as a tree of the terms' shared beginnings, not as a list of them: the engine
    tries a list term by term at every character (the pillar terms: 4× slower)."""
    tree: dict = {}
    for term in terms:
        node = tree
        for char in fold(term):
            node = node.setdefault(char, {})
        node[""] = {}  # a term ends here
    return regex.compile(r"(?<![\p{L}\d])(?:" + _branches(tree) + r")(?![\p{L}\d])")


def _branches(node: dict) -> str:
    """The pattern of a node of a term tree: each next character followed by its own branches;
    optional where a term ends at the node, so that a longer term is tried first."""
    branches = [regex.escape(char) + _branches(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{pattern})?" if "" in node else pattern


class PillarClassifier:
    """Votes of a text's pillar terms (``rules/pillars.yml``), on folded text."""

    def __init__(self, data: dict):
        self.threshold = data["threshold"]
        self.digital = _alternation(data["digital_context"])
        self.pillars = list(data["pillars"])
        # folded term → (pillar, weight, whether it counts only in a digital text)
        self.weights: dict[str, list[tuple[str, int, bool]]] = {}
        for code, pillar in data["pillars"].items():
            for weight, gated, terms in ((STRONG, False, pillar["strong"]),
                                         (STRONG, True, pillar.get("strong_in_digital", [])),
                                         (WEAK, True, pillar["weak"])):
                for term in terms:
                    self.weights.setdefault(fold(term), []).append((code, weight, gated))
        self.terms = _alternation(list(self.weights))

    def is_digital(self, folded: str) -> bool:
        """Whether a folded text names a ``digital_context`` term."""
        return self.digital.search(folded) is not None

    def is_digital_document(self, folded: str) -> bool:
        """Whether a folded document is about digital transformation: ``digital_context``
        terms at least ``DIGITAL_DOCUMENT_MENTIONS`` times and ``DIGITAL_DOCUMENT_DENSITY`` per
        word."""
        mentions = len(self.digital.findall(folded))
        return mentions >= max(DIGITAL_DOCUMENT_MENTIONS,
                               DIGITAL_DOCUMENT_DENSITY * len(folded.split()))

    def scores(self, folded: str, digital: bool) -> dict[str, int]:
        """Pillar code → sum of the weights of its terms in a folded text (weak and
        ``strong_in_digital`` terms only when ``digital``), every pillar present."""
        totals = dict.fromkeys(self.pillars, 0)
        for term in self._longest_terms(folded):
            for code, weight, gated in self.weights[term]:
                if digital or not gated:
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
        folded = fold(text)
        return self._best(folded, digital_document or self.is_digital(folded), self.threshold, 1)

    def classify_group_title(self, text: str, digital_document: bool) -> str | None:
        """The pillar a task table's group row names: a title is a few words, so in one that
        names a digital term a single weak term decides ("Tăng cường đầu tư, hoàn thiện hạ tầng
        cho ... chuyển đổi số quốc gia" → ha_tang_so); else as ``classify``."""
        folded = fold(text)
        if self.is_digital(folded):
            return self._best(folded, True, WEAK, 1)
        return self.classify(text, digital_document)

    def document_pillar(self, folded: str) -> str | None:
        """The pillar a short folded document is about: its whole text's best score reaches
        ``DOCUMENT_SCORE`` and ``DOCUMENT_MARGIN`` times the second best; None for a longer
        document (more than ``SHORT_DOCUMENT_WORDS`` words) or no clear winner. Weak terms count
        only in a digital document: one "trang thông tin điện tử" does not make an item about an
        emulation congress digital."""
        if not is_short_document(folded):
            return None
        return self._best(folded, self.is_digital_document(folded), DOCUMENT_SCORE,
                          DOCUMENT_MARGIN)

    def _best(self, folded: str, digital: bool, at_least: int, margin: int) -> str | None:
        ranked = sorted(self.scores(folded, digital).items(), key=lambda kv: -kv[1])
        (best, score), (_, runner_up) = ranked[0], ranked[1]
        return best if score >= max(at_least, margin * runner_up) and score > runner_up else None


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


def regulates(title: str | None) -> bool:
    """Whether a decision's title issues a regulation on managing or using something ("Ban hành
    Quy chế quản lý, vận hành và sử dụng Hệ thống thư điện tử công vụ", ``pillars.yml``
    ``regulation_title``)."""
    return title is not None and \
        rules.load()["pillars"]["regulation_title"].search(fold(title)) is not None


def is_plan(doc_type: str | None, title: str) -> bool:
    """Whether a document is a plan (``pillars.yml`` ``plan_types``): its type, or a decision
    whose title (unwrapped) issues or approves one ("Ban hành Kế hoạch ...", ``plan_verbs``)."""
    data = rules.load()["pillars"]
    kinds = [fold(kind) for kind in data["plan_types"]]
    folded = fold(title)
    return fold(doc_type or "") in kinds or any(
        folded.startswith(f"{fold(verb)} {kind}") for verb in data["plan_verbs"] for kind in kinds)


def plan_pillar(doc_type: str | None, title: str | None, digital_document: bool) -> str | None:
    """The pillar a plan's title names, which every task of the plan serves ("Kế hoạch phát
    triển hạ tầng 5G, IoT ..." → ha_tang_so, ``pillars.yml`` ``plan_types``); None for any other
    document or a title naming no one pillar ("Kế hoạch chuyển đổi số năm 2025")."""
    title = " ".join((title or "").split())  # a legal site's copy wraps it over lines
    if not title or not is_plan(doc_type, title):
        return None
    return classifier().classify(title, digital_document)


def pillar_of_task(text: str, title: str | None, digital_document: bool,
                   document_pillar: str | None = None) -> str | None:
    """Vocabulary first; the execution clause of a decision serves the decision's own subject,
    and so does every duty of a regulation it issues (``regulates``: a regulation on a digital
    tool is about that tool, and its articles rarely name it again: "Tiếp nhận, đăng ký văn bản
    đến ..."); a task still without one serves the ``document_pillar`` of a short document. The
    title is read unwrapped: a legal site's copy breaks it over lines ("MẠNG TIN HỌC DIỆN" /
    "RỘNG", direct1a D1_09)."""
    pillar = classifier().classify(text, digital_document)
    if pillar is None and title and (regulates(title) or _execution_clause().search(fold(text))):
        pillar = classifier().classify(" ".join(title.split()), digital_document)
    return pillar or document_pillar


def first_article(doc: Doc) -> str | None:
    """ "Điều 1. Ban hành kèm theo Quyết định này Quy chế ...": what a decision is about."""
    text = doc._.text
    return next((text[b.content_start_char:b.end_char] for b in doc._.blocks
                 if b.marker == ARTICLE), None)


def group_pillars(doc: Doc, digital_document: bool) -> dict[int, str]:
    """Start character of a table row's task cell → the pillar its group row's title gives
    ("I. | Nâng cao nhận thức, ... về chuyển đổi số quốc gia |  |  |"), in a table organised by
    pillar: there a group row heads its rows as a pillar heading heads its items (ANNOTATION.md
    §2; long6 K_02, two groups of two). A table is so organised when at least
    ``PILLAR_GROUP_SHARE`` of its groups name a pillar; in another a group is an area of the plan
    ("VI | Xây dựng và phát triển chính quyền số" among six reform areas, office OF_01), whose
    rows are judged by their own words."""
    pillar_of: dict[tuple[int, int], str | None] = {}
    groups_of: dict[int, set[tuple[int, int]]] = {}
    for row in doc._.table_rows:
        if row.group_cell and row.group_cell not in pillar_of:
            title = doc._.text[slice(*row.group_cell)]
            pillar_of[row.group_cell] = classifier().classify_group_title(title,
                                                                          digital_document)
            groups_of.setdefault(row.table, set()).add(row.group_cell)
    by_pillar = {table for table, groups in groups_of.items()
                 if sum(pillar_of[g] is not None for g in groups)
                 >= PILLAR_GROUP_SHARE * len(groups)}
    return {row.task_cell[0]: pillar for row in doc._.table_rows
            if row.table in by_pillar and row.group_cell
            and (pillar := pillar_of[row.group_cell])}


@Language.factory("vi_pillars", requires=["doc._.meta", "doc._.blocks", "doc._.table_rows",
                                          "doc._.tasks"],
                  assigns=["doc._.tasks"])
def create_pillars(nlp: Language, name: str):
    """Component: ``Task.pillar`` of every task of ``doc._.tasks`` that no pillar heading gave
    one: its table group's pillar, else from its vocabulary (the document's title's when it only
    executes the decision; the short document's or the plan's pillar when its own words name
    none)."""
    def pillars(doc: Doc) -> Doc:
        digital = classifier().is_digital_document(doc._.folded)
        title = doc._.meta.title or first_article(doc)
        document = classifier().document_pillar(doc._.folded) or \
            plan_pillar(doc._.meta.doc_type, doc._.meta.title, digital)
        by_group = group_pillars(doc, digital)
        for task in doc._.tasks:
            if task.pillar is None:  # a pillar heading above the task has already decided
                task.pillar = by_group.get(task.start) or \
                    pillar_of_task(without_agencies(task), title, digital, document)
        return doc
    return pillars
