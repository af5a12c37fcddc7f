"""Tasks: sentences of the document's blocks → task rows, following the annotation guide.

A sentence is a task when it names who must act (or inherits that from its heading, from the
intro that ends in ":" above it, or from the previous task of its bullet) and is not excluded
(preamble, report of past results, transmittal formula, proposal sent upward, generic "thực
hiện các nội dung sau"). A subject-less sentence that only adds to the previous task ("Yêu cầu
gửi báo cáo ... trước ngày 23/5/2019") is merged into it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .model import AgencyRef, Task
from .text import fold

from . import rules
from .agencies import Addressee, unique
from .attributes import find_attributes
from .lexicon import Lexicon, syllables
from .names import is_collective
from .roles import Heading, RoleReader, Roles
from .structure import TERMINAL, Segment
from .tables import find_rows
from .times import Recurrence, TimeExpression

ACTION_REACH = 15  # words from the start of a sentence in which its verb must appear
SECTION_TITLE_CHARS = 80
QUOTE_START = regex.compile(r"[\s\-–—+•*.:;,)]+")


@dataclass
class Context:
    leads: list[Addressee] = field(default_factory=list)
    supports: list[Addressee] = field(default_factory=list)
    source: str = ""


@lru_cache(maxsize=1)
def _cues():
    cues = rules.load()["cues"]
    return {
        "not_a_task": tuple(fold(c) for c in cues["not_a_task"]),
        "transmittal": [regex.compile(p) for p in cues["transmittal"]],
        "generic": [regex.compile(p) for p in cues["generic_action"]],
        "merge": Lexicon(cues["merge_into_previous"]),
    }


class TaskBuilder:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text: str = doc._.text
        self.reader: RoleReader = doc._.role_reader
        self.blocks: list[Segment] = doc._.blocks
        self.headings: dict[int, Heading] = doc._.headings
        self.intro: dict[int, Context] = {}
        self.tasks: list[Task] = []
        self.by_block: dict[int, list[Task]] = {}
        self.attributes, self.attribute_blocks = find_attributes(doc, self.reader)
        self.rows, self.table_headers = find_rows(doc, self.reader)
        self.time_spans: dict[int, list[tuple[int, int]]] = {}  # task id → labelled time values
        self.cues = _cues()
        self.last_sentence_end = max((e for b in self.blocks for _, e in b.sentences), default=0)

    # -- context inherited from above -------------------------------------------------------
    def _ancestors(self, block: Segment):
        index = block.parent
        while index is not None:
            yield self.blocks[index]
            index = self.blocks[index].parent

    def context(self, block: Segment) -> Context:
        own = self.headings.get(block.index)
        if own and own.leads and own.text_start is not None:
            return Context(own.leads, [], "heading")
        for ancestor in self._ancestors(block):
            heading = self.headings.get(ancestor.index)
            if heading and heading.leads:
                return Context(heading.leads, [], "heading")
            if ancestor.index in self.intro:
                return self.intro[ancestor.index]
        return Context()

    def attributed(self, block: Segment) -> Context | None:
        attributes = self.attributes.get(block.index)
        if attributes and attributes.leads:
            return Context(attributes.leads, attributes.supports, "attribute")
        return None

    def pillar(self, block: Segment) -> str | None:
        for candidate in (block, *self._ancestors(block)):
            heading = self.headings.get(candidate.index)
            if heading and heading.pillar:
                return heading.pillar
        return None

    def section(self, block: Segment) -> str | None:
        titles = []
        for candidate in (block, *self._ancestors(block)):
            heading = self.headings.get(candidate.index)
            if heading and heading.title and candidate is not block:
                titles.append(heading.title[:SECTION_TITLE_CHARS])
            elif candidate is not block and candidate.marker and not candidate.sentences[1:]:
                line = self.text[candidate.start:candidate.end]
                if len(line) <= SECTION_TITLE_CHARS and not line.rstrip().endswith("."):
                    titles.append(line.strip())
        return " › ".join(reversed(titles)) or None

    # -- sentence tests ---------------------------------------------------------------------
    def units(self, block: Segment) -> list[tuple[int, int]]:
        heading = self.headings.get(block.index) or Heading()
        if block.index in self.attribute_blocks or \
                (heading.leads or heading.pillar) and heading.text_start is None:
            return []
        start = heading.text_start or block.content_start
        attributes = self.attributes.get(block.index)
        stop = attributes.text_end if attributes and attributes.text_end else block.end
        return [(max(s, start), min(e, stop)) for s, e in block.sentences if e > start and s < stop]

    def excluded(self, start: int, end: int) -> bool:
        folded = self.doc._.folded[start:end].lstrip(" -–+•*")
        if folded.startswith(self.cues["not_a_task"]) or \
                any(p.search(folded) for p in self.cues["transmittal"]):
            return True
        cut_off = end >= self.last_sentence_end and not self.text[max(0, end - 8):end].rstrip().endswith(
            TERMINAL + (")", '"', "”", "'"))
        return cut_off

    def has_action(self, start: int, end: int) -> bool:
        i, stop = self.reader.word_at(start), self.reader.word_at(end)
        return any(self.reader.parser.lexicon_at("verbs", k) for k in range(i, min(stop, i + ACTION_REACH)))

    def is_generic(self, roles: Roles, end: int) -> bool:
        """Only "thực hiện các nội dung sau/trên": sets leads for what follows, no task itself."""
        if roles.action_at is None or roles.action_at >= len(self.reader.words):
            return False
        rest = self.doc._.folded[self.reader.words[roles.action_at].start:end]
        clauses = [c for c in regex.split(r";", rest) if c.strip()]
        return bool(clauses) and all(any(p.match(c.strip()) for p in self.cues["generic"])
                                     for c in clauses)

    def addresses_someone(self, start: int) -> bool:
        """ "Giao Trung tâm ... ", "Đề nghị Công ty ...": a directive to a name nobody listed."""
        i = self.reader.word_at(start)
        length = self.reader.parser.lexicon_at("directive", i)
        words = self.reader.words
        return bool(length) and i + length < len(words) and words[i + length].capitalised

    def merges(self, start: int) -> bool:
        return bool(self.cues["merge"].match(self.reader.words, self.reader.word_at(start)))

    # -- building ---------------------------------------------------------------------------
    def build(self) -> list[Task]:
        issued = self.doc._.meta.issued_date if self.doc._.meta else None
        for block in self.blocks:
            if block.index in self.rows:
                self.row_task(block)
            elif not block.excluded and block.index not in self.table_headers:
                self.block_tasks(block)
        for seq, task in enumerate(self.tasks, start=1):
            task.seq = seq
            assign_time(task, self.doc._.times, self.doc._.recurrences, self.text, issued,
                        self.time_spans.get(id(task), []))
        self.spread_closing_deadlines()
        return self.tasks

    def spread_closing_deadlines(self) -> None:
        """ "Inside one bullet, a closing ', hoàn thành trước ngày ...' is the deadline of the
        whole bullet": earlier tasks of a bullet take the deadline its last task ends with."""
        for index, tasks in self.by_block.items():
            last = tasks[-1]
            block = self.blocks[index]
            if len(tasks) < 2 or not block.marker or not last.deadline:
                continue
            closing = self.text.rfind(last.deadline_text, last.start, last.end)
            if closing < 0 or self.text[closing + len(last.deadline_text):last.end].strip(" .;"):
                continue
            for task in tasks[:-1]:
                if task.deadline is None and task.recurrence is None:
                    task.deadline, task.deadline_text = last.deadline, last.deadline_text

    def row_task(self, block: Segment) -> None:
        row = self.rows[block.index]
        if row.attributes.leads:
            task = self.add(block, *row.text, row.attributes.leads, row.attributes.supports, "table")
            self.time_spans[id(task)] = row.attributes.time_spans

    def block_tasks(self, block: Segment) -> None:
        previous: Task | None = None  # the task a following "Yêu cầu gửi ..." merges into
        carried: list[Addressee] = []  # leads a following subject-less sentence inherits
        ends_with_colon = self.text[block.start:block.end].rstrip().endswith(":")
        units = self.units(block)
        for start, end in units:
            if self.excluded(start, end):
                previous, carried = None, []
                continue
            roles = self.reader.sentence(start, end)
            if roles.past or roles.upward:
                previous, carried = None, []
                continue
            if roles.leads:
                if ends_with_colon:
                    self.intro[block.index] = Context(roles.leads, roles.supports, "intro")
                carried = roles.leads
                previous = None if self.is_generic(roles, end) else self.add(
                    block, start, end, roles.leads, roles.supports, roles.source)
                continue
            if not self.has_action(start, end):
                previous, carried = None, []
                continue
            if previous is not None and self.merges(start):
                self.extend(previous, end)
                continue
            context = Context(carried, [], "previous") if carried else (
                self.attributed(block) or
                (self.context(block) if start == units[0][0] else Context()))
            if context.leads:
                carried = context.leads
                previous = self.add(block, start, end, context.leads,
                                    roles.supports or context.supports, context.source)
            elif self.addresses_someone(start):
                previous = self.add(block, start, end, [], roles.supports, "unread")
                previous.review_reasons.insert(0, rules.review_reason("no_lead"))

    def add(self, block: Segment, start: int, end: int, leads: list[Addressee],
            supports: list[Addressee], source: str) -> Task:
        start, end = self._trim(start, end)
        lead_names = {a.agency for a in leads}
        agencies = [AgencyRef(a.agency, "lead", a.mention, a.resolved) for a in leads]
        agencies += [AgencyRef(a.agency, "support", a.mention, a.resolved)
                     for a in unique(supports) if a.agency not in lead_names]
        task = Task(seq=0, text=self.text[start:end], start=start, end=end,
                    section=self.section(block), agencies=agencies,
                    pillar=self.pillar(block))
        task.confidence = {"directive": 0.9, "subject": 0.85, "attribute": 0.85, "table": 0.85,
                           "unread": 0.4}.get(source, 0.75)
        self.by_block.setdefault(block.index, []).append(task)
        attributes = self.attributes.get(block.index)
        if attributes and attributes.time_spans:
            self.time_spans[id(task)] = attributes.time_spans
        unknown = [a.mention for a in leads
                   if not a.known and not is_collective(syllables(a.mention))]
        if unknown:
            task.review_reasons.append(rules.review_reason("unknown_agency",
                                                           agencies=", ".join(unknown)))
            task.confidence -= 0.1
        self.tasks.append(task)
        return task

    def extend(self, task: Task, end: int) -> None:
        _, end = self._trim(task.start, end)
        task.end, task.text = end, self.text[task.start:end]

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        lead = QUOTE_START.match(text, start, end)
        if lead:
            start = lead.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end


def assign_time(task: Task, times: list[TimeExpression], recurrences: list[Recurrence],
                text: str, issued: str | None, labelled: list[tuple[int, int]]) -> None:
    """The task's deadline (strongest cue wins, the last on a tie) and recurrence, from its
    own text and from the time values labelled for it ("Thời gian thực hiện: Quý IV/2023")."""
    spans = [(task.start, task.end), *labelled]
    within = lambda start, end: any(s <= start and end <= e for s, e in spans)
    labelled_strength = {id(t): 3 for t in times  # the label is the cue
                         if t.value and t.reason != "programme period"
                         and any(s <= t.start < e for s, e in labelled)}
    strength = lambda t: labelled_strength.get(id(t), t.strength)
    inside = [t for t in times if within(max(t.start, t.end - 1), t.end) and t.value and strength(t)]
    recurring = [r for r in recurrences if within(r.start, r.end)]
    if recurring:
        chosen = next((r for r in recurring if r.value != "periodic"), recurring[0])
        task.recurrence = chosen.value
        task.deadline_text = text[chosen.start:chosen.end]
    if inside:
        best = max(strength(t) for t in inside)
        top = [t for t in inside if strength(t) == best]
        deadline = top[-1]
        task.deadline, task.deadline_text = deadline.value, text[deadline.start:deadline.end]
        if len({t.value for t in top}) > 1:
            task.review_reasons.append(rules.review_reason(
                "two_deadlines", deadlines=", ".join(text[t.start:t.end] for t in top)))
        if best < 3:
            task.review_reasons.append(rules.review_reason("maybe_not_deadline",
                                                           date=task.deadline_text))
            task.confidence -= 0.1
        if issued and deadline.value < issued:
            task.review_reasons.append(rules.review_reason("deadline_before_issue",
                                                           date=deadline.value))


@Language.factory("vi_tasks")
def create_tasks(nlp: Language, name: str):
    def tasks(doc: Doc) -> Doc:
        doc._.tasks = TaskBuilder(doc).build()
        return doc
    return tasks
