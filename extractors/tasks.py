"""Tasks: the clauses ``vi_roles`` read → task rows, following the annotation guide.

A clause is a task when it names who must act (or inherits that from its heading, from the
intro that ends in ":" above it, or from the previous task of its bullet) and is not excluded
(preamble, report of past results, transmittal formula, proposal sent upward, generic "thực
hiện các nội dung sau"). A subject-less clause that only adds to the previous task ("Yêu cầu
gửi báo cáo ... trước ngày 23/5/2019") is merged into it. A task table's row is one task.

Every task is an exact slice of the document text: ``Task.start``/``Task.end`` are character
offsets (the ``tasks`` table's columns); other offsets here are named ``*_char``.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain, groupby, islice, takewhile
from operator import attrgetter
from os.path import commonprefix

import regex
from spacy.language import Language
from spacy.tokens import Doc

from . import rules
from .agencies import Addressee, Assignment, unique
from .attributes import Attributes
from .lexicon import Lexicon, syllables
from .model import AgencyRef, Task
from .names import (
    addressed_group,
    agency_words,
    canonical,
    is_collective,
    is_local_committee,
    is_local_unit,
    is_office_holder,
    is_provincial_body,
    is_unit_of_known_body,
    lexicons,
)
from .pillars import is_short_document
from .roles import Clause, Reading, clauses_by_block, past_connectives
from .structure import INLINE_ITEM, TERMINAL, Segment, is_attachment_line, is_bullet
from .tables import Row, stated_deliverable
from .text import fold, is_caps
from .times import DEADLINE, NOT_BY_LABEL, TimeExpression, TimeIndex

ACTION_REACH = 15  # words from the start of a sentence in which its verb must appear
# A clause naming no agency needs an object after its verb: "Đánh giá" alone (a page's rating
# widget) is none. No gold task of seeds, dev, office or dev2 has fewer than 5 words.
MIN_SUBJECTLESS_WORDS = 3
# Share of a body task's syllables found in one table row for the body task to be the row's copy
# (ANNOTATION.md §1b). Body copies seen share 0.8-1.0 (the row spells "UBND" where the body has
# "Ủy ban nhân dân"); distinct tasks of one plan share below 0.6.
COPY_SHARE = 0.75  # of the shorter of the two: a body copy may add "trong quý I năm 2026"
COPY_OF_LONGER = 0.5  # and of the longer: a short sentence of common words is no long row's copy
COPY_MIN_SYLLABLES = 6  # a shorter row or sentence ("Tổ chức tập huấn") is too common to match
SECTION_TITLE_CHARS = 80  # of a heading's title in a task's section path
# a numbered title line at most this long: a conclusion's titles run to 130 characters ("2. Đổi
# mới tư duy, hoàn thiện chính sách, pháp luật, nâng cao vai trò quản lý nhà nước về ...", g_blind
# G_05); at 80 the longer ones were tasks of the intro above them
TITLE_LINE_CHARS = 160
QUOTE_START = regex.compile(r"[\s\-–—+•*.:;,)]+")
# a news outlet's "(Chinhphu.vn) - ", "BDK.VN - " (roles.RoleReader._after_byline)
BYLINE = regex.compile(r"(?:\([^()\n]{1,40}\)|[\p{Lu}.]{2,20})\s*[-–—]\s*")
NEW_CLAUSE = regex.compile(r"\s*(?:\(\d{1,2}\)|\d{1,2}\)|\p{Lu})")  # "; Phòng ...", "; (2) ..."
# Task.confidence by Assignment.lead_evidence; leads inherited from a heading, an intro or the
# previous sentence get the default. Set by hand against the dev set: a directive's addressee
# is the surest lead, an unread addressee the least sure.
CONFIDENCE = {"directive": 0.9, "subject": 0.85, "attribute": 0.85, "table": 0.85, "unread": 0.4}
DEFAULT_CONFIDENCE = 0.75
SUBJECT_OPENING_WORDS = 3  # words before a team's name that still open its sentence ("Theo đó, ")
OBLIGATION_REACH = 3  # words after a team's name in which an obligation asks it ("... Tổ sẽ phải")
FORMED_NAME_WORDS = 3  # words of a formed team's name that name it ("Tổ công nghệ số ...")


def holds_shorter(one: set[str], other: set[str]) -> bool:
    """Whether two syllable sets share COPY_SHARE of the shorter's syllables, the shorter having
    at least COPY_MIN_SYLLABLES."""
    shorter = min(len(one), len(other))
    return shorter >= COPY_MIN_SYLLABLES and len(one & other) >= COPY_SHARE * shorter


def copies(one: set[str], other: set[str]) -> bool:
    """Whether two tasks' syllable sets make one a copy of the other: ``holds_shorter``, and
    they share COPY_OF_LONGER of the longer's syllables."""
    return holds_shorter(one, other) and \
        len(one & other) >= COPY_OF_LONGER * max(len(one), len(other))


@dataclass
class Draft:
    """A task being built, with what only the builder needs: its block and the time values
    labelled for it ((start_char, end_char) of "Thời gian thực hiện: Quý IV/2023")."""

    task: Task
    block: int
    labelled_times: list[tuple[int, int]] = field(default_factory=list)
    times_in_text: bool = True  # False for a table row with a time column: the cell decides
    is_row: bool = False


@lru_cache(maxsize=1)
def _cues() -> dict:
    cues = rules.load()["cues"]
    return {
        "not_a_task": tuple(fold(c) for c in cues["not_a_task"]),
        "basis": tuple(fold(c) for c in cues["basis"]),
        # never a task wherever they stand: transmittal formula, ranking rule, results reached,
        # funding, legal
        "boilerplate": (*cues["transmittal"], *cues["criteria"], *cues["results"],
                        *cues["funding"], *cues["legal_clauses"]),
        "generic": cues["generic_action"],
        "topic": cues["topic_heading"],
        "untasked": tuple(fold(c) for c in cues["account_headings"] + cues["scope_headings"]),
        "purpose": cues["purpose_heading"],
        "part_list": cues["part_list"],
        "titled_part": cues["titled_part"],
        "prohibited": regex.compile(rules.alternation([fold(c) for c in cues["prohibited_acts"]])),
        "content": tuple(fold(c) for c in cues["activity_content"]),
        "merge": Lexicon(cues["merge_into_previous"]),
        "reporting": Lexicon(cues["reporting"]),
        "permissive": Lexicon(cues["permissive"]),
        "rights": Lexicon(cues["rights"]),
        "rights_exceptions": Lexicon(cues["rights_exceptions"]),
        "accountable_for": Lexicon(cues["accountable_for"]),
        "completion": cues["completion"],
        "window": cues["window"],
        "announced_work": Lexicon(cues["announced_work"]),
        "announcement": cues["announcement"],
        "retelling": Lexicon(cues["retelling"]),
        "list_openers": frozenset(fold(c) for c in cues["list_openers"]),
        "forming": cues["forming"],
        "obligation": Lexicon(cues["obligation"]),
        "speaker_adverbs": agency_words()["speaker_adverbs"],
        "modals": Lexicon(cues["condition_modals"]),
    }


class TaskBuilder:
    """Builds one document's tasks from the records the earlier components assigned; lives for
    one call."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text: str = doc._.text
        self.folded: str = doc._.folded  # read once: every ``doc._`` access makes a new object
        self.words = doc._.words
        self.word_starts = [w.start_char for w in self.words]
        self.blocks: list[Segment] = doc._.blocks
        self.heading_of = {h.block: h for h in doc._.headings}
        self.attributes_of = {a.block: a for a in doc._.attributes}
        self.label_blocks = {b for a in doc._.attributes for b in a.label_blocks}
        self.served_by_section: set[int] = set()  # blocks ``labels`` found on their section
        self.labels_of: dict[int, Attributes | None] = {}  # block → ``labels``
        self.parts_listed: dict[int, bool] = {}  # block → ``lists_parts``, asked for each item
        self.row_of: dict[int, Row] = {r.block: r for r in doc._.table_rows}
        self.clauses_of = clauses_by_block(doc._.clauses)
        self.intro_of: dict[int, Assignment] = {}  # block ending in ":" → what it assigns below
        self.carried_from: dict[int, list[Addressee]] = {}  # block → the leads its last clause left
        self.block_leads: dict[int, list[Addressee]] = {}  # block → leads of the task it opens with
        self.last_leads: dict[int, list[Addressee]] = {}  # block → leads of its last task
        self.drafts: list[Draft] = []
        self.cues = _cues()
        self.content_lines = self._content_lines()  # "- Nội dung: ..." → its activity's block
        self.lex = lexicons()
        self.last_sentence_end = max((e for b in self.blocks for _, e in b.sentences), default=0)

    def word_at(self, offset: int) -> int:
        """Index of the first word at or after a character offset."""
        return bisect_left(self.word_starts, offset)

    # -- context inherited from above -------------------------------------------------------
    def _ancestors(self, block: Segment):
        index = block.parent
        while index is not None:
            yield self.blocks[index]
            index = self.blocks[index].parent

    def context(self, block: Segment) -> Assignment:
        """The leads a block inherits: its own heading's, else the nearest heading's or intro's
        above it, with the supports of a heading between that names no lead ("a) Chủ trì, phối
        hợp với các sở, ban, ngành" under "1. Sở Công Thương")."""
        own = self.heading_of.get(block.index)
        if own and own.assignment.leads and own.text_start_char is not None:
            return own.assignment
        before = self.intro_before(block)
        if before is not None:
            return before
        supports: list[Addressee] = []
        for ancestor in self._ancestors(block):
            heading = self.heading_of.get(ancestor.index)
            if heading and heading.assignment.leads:
                return replace(heading.assignment,
                               supports=supports + heading.assignment.supports)
            if heading:
                supports += heading.assignment.supports
            if ancestor.index in self.intro_of:
                return self.intro_of[ancestor.index]
        return self.first_item_leads(block)

    def intro_before(self, block: Segment) -> Assignment | None:
        """What an unnumbered intro ending in ":" assigns to the bullets after it that share its
        parent ("d) Các hoạt động chính" / "Căn cứ tình hình thực tế, các cơ quan, đơn vị ...
        thực hiện các hoạt động sau:" / "- Lồng ghép ..."; plans11 P11_09): the structure ranks
        such bullets beside the paragraph, not under it. None for a block that is no bullet, or
        when a plain paragraph that is no intro or an item of another mark comes between."""
        if not block.marker:
            return None
        stop = block.parent if block.parent is not None else -1
        for before in range(block.index - 1, stop, -1):
            other = self.blocks[before]
            if other.parent != block.parent:  # a line under an earlier bullet
                continue
            if other.marker is None:
                return self.intro_of.get(before)
            if other.marker != block.marker:
                return None
        return None

    def first_item_leads(self, block: Segment) -> Assignment:
        """The leads of the first item of the block's list ("a) Các cơ quan, đơn vị tổ chức ...")
        when the block is a later, subject-less item of it ("b) Quan tâm bố trí ..."): the list
        shares the subject its first item opens with; one named later in the first item ("1. Tổ
        chức các cuộc họp. Cơ quan phát hiện ... có trách nhiệm ...", notices16 N16_05) is that
        sentence's alone. Empty for a block that is no list item."""
        if not block.marker:
            return Assignment()
        first = None
        for index in range(block.index - 1, (block.parent or -1), -1):
            other = self.blocks[index]
            if other.parent == block.parent and other.marker == block.marker:
                first = index
        leads = self.block_leads.get(first) if first is not None else None
        return Assignment(leads, [], "first item") if leads else Assignment()

    def inherited(self, block: Segment, clause: Clause, carried: list[Addressee],
                  first: bool) -> Assignment:
        """The leads of a clause that names none: the previous clause's when it continues that
        ("Đồng thời, nâng cao ..."), the block's labelled attributes, or, for the block's first
        clause, its heading's or intro's, else the paragraph's before it when it continues that
        (ANNOTATION.md §1: a sentence that continues the previous lead belongs to it; so does
        one that says what a topic must be, ``obliges``)."""
        if carried:
            if not (clause.reading.opens_with_action or self.obliges(clause)):
                return Assignment()
            labelled = self.attributed(block)  # the labels' supports serve all its sentences
            return labelled if labelled and labelled.leads == carried else \
                Assignment(carried, [], "previous")
        if not first:
            return self.attributed(block) or Assignment()
        found = self.attributed(block) or self.context(block)
        return found if found.leads else self.paragraph_before(block, clause)

    def obliges(self, clause: Clause) -> bool:
        """Whether a modal (``cues.yml`` ``condition_modals``: "cần", "phải") comes within
        ACTION_REACH words of the clause's start: "Những nơi có biểu hiện tiêu cực ... cần thanh
        tra ...", "Công tác tuyên truyền trực quan phải rộng khắp ..." (news49) say what must be
        done, by the lead before them."""
        i, stop = self.word_at(clause.start_char), self.word_at(clause.end_char)
        return self.cues["modals"].find_in(self.words, i, min(stop, i + ACTION_REACH))

    def paragraph_before(self, block: Segment, clause: Clause) -> Assignment:
        """The leads of the last task of the plain paragraph just before a plain paragraph that
        opens with an action (a news article's "Báo cáo nhanh gửi trước 14h00 ..." after the
        paragraph that named who reports), or of the item it continues when it opens with a
        recurrence (a plan's "Định kỳ hằng năm báo cáo ..." under "2. Sở Tài chính bố trí ..."),
        else those of the intro above it. A photo caption between the two is passed over, and so
        is a one-sentence paragraph reporting what was done ("Quân khu 5 tổ chức giao ban ...", a
        caption with its period: blind3)."""
        if block.marker or not clause.reading.opens_with_action or block.index == 0:
            return Assignment()
        before = block.index - 1
        while before > 0 and (self.blocks[before].excluded == "caption" or
                              self.tells_only(self.blocks[before])):
            before -= 1
        leads = self.last_leads.get(before)
        continued = before == block.parent and self.opens_with_recurrence(clause.start_char)
        if leads and (not self.blocks[before].marker or continued):
            return Assignment(leads, [], "previous")
        return self.intro_above(block) or Assignment()

    def tells_only(self, block: Segment) -> bool:
        """Whether a plain paragraph is one sentence that reports what was done, no task."""
        clauses = self.clauses_of.get(block.index, [])
        return not block.marker and len(block.sentences) == 1 and \
            block.index not in self.last_leads and all(c.reading.past for c in clauses)

    def opens_with_recurrence(self, start_char: int) -> bool:
        """Whether a recurrence ("Định kỳ hằng quý", "Hằng năm") opens the text at a character
        offset (its leading spaces passed over)."""
        while start_char < len(self.text) and self.text[start_char].isspace():
            start_char += 1
        return any(r.start_char == start_char for r in self.doc._.recurrences)

    def intro_above(self, block: Segment) -> Assignment | None:
        """What an intro paragraph ending in ":" assigns to the plain paragraphs after it, up to
        the first with a task of other leads: a news article's "UBND tỉnh giao Sở VHTTDL ...
        triển khai thực hiện các nội dung:" over unnumbered paragraphs. None for a block after
        no such intro."""
        leads_between: list[list[Addressee]] = []
        for before in range(block.index - 1, -1, -1):
            other = self.blocks[before]
            if other.marker or other.parent != block.parent:
                return None
            if before in self.intro_of:
                intro = self.intro_of[before]
                return intro if all(leads == intro.leads for leads in leads_between) else None
            if before in self.last_leads:
                leads_between.append(self.last_leads[before])
        return None

    def _content_lines(self) -> dict[int, int]:
        """The content lines of activities whose title only numbers them ("a) Hoạt động 1" /
        "- Nội dung: Triển khai ..." / "- Cơ quan thực hiện: ..."; ``cues.yml``
        ``activity_content``), each mapped to the index of the activity block its labels
        describe. Block indices into ``doc._.blocks``."""
        found = {}
        for block in self.blocks:
            if block.parent is None or block.parent not in self.attributes_of:
                continue
            content = self.folded[block.content_start_char:block.end_char].lstrip(" -–+•*")
            if any(content.startswith(label) and content[len(label):].lstrip().startswith(":")
                   for label in self.cues["content"]):
                found[block.index] = block.parent
        return found

    def _content_labels(self, block: Segment) -> Attributes | None:
        """The labels of the activity whose content line the block is or sits under."""
        for candidate in (block, *self._ancestors(block)):
            if candidate.index in self.content_lines:
                return self.attributes_of[self.content_lines[candidate.index]]
        return None

    def labels(self, block: Segment) -> Attributes | None:
        """The labelled attributes that describe a block: its own; for a numbered item without
        any, those of the labelled lines that close its group, as one label block serves the
        activities above it ("1.1. ..." / "1.2. ..." / "- Cơ quan thực hiện: ..." / "- Thời gian
        thực hiện: ...", ANNOTATION.md §1b activity blocks), found on a later item of its list
        or on a paragraph continuing one; for a paragraph continuing an item above its labels,
        the item's (a paragraph below them describes the activity: no task of its own); else
        those of its section (``section_labels``)."""
        if block.index not in self.labels_of:
            self.labels_of[block.index] = self.attributes_of.get(block.index) or \
                self._content_labels(block) or self._group_labels(block) or \
                self.section_labels(block)
        return self.labels_of[block.index]

    def section_labels(self, block: Segment) -> Attributes | None:
        """The attributes of the nearest section above the block that has any, when they are
        given by numbered labelled lines or headings of labels after the block: one label block
        serves the content items of its section ("I. ..." / "1. Nội dung, biện pháp" / "a) Tổ
        chức ..." / "2. Cơ quan chủ trì" / "- Ban Chỉ đạo quốc gia." / "3. Thời gian thực hiện:
        ...", ANNOTATION.md §1b activity blocks). Labelled bullets ("- Cơ quan chủ trì: ...")
        describe their own item, not the bullets beside them."""
        for ancestor in self._ancestors(block):
            found = self.attributes_of.get(ancestor.index)
            if found is None:
                continue
            first = self.blocks[found.label_blocks[0]] if found.label_blocks else None
            if first is None or first.index < block.index or is_bullet(first.marker):
                return None
            self.served_by_section.add(block.index)
            return found
        return None

    def _group_labels(self, block: Segment) -> Attributes | None:
        if block.marker is None:  # a paragraph before the labels that close its item's group
            parent = self.blocks[block.parent] if block.parent is not None else None
            return self.labels(parent) if parent is not None and parent.marker and \
                parent.index not in self.attributes_of else None
        group = {block.index}
        for later in self.blocks[block.index + 1:]:
            sibling = later.marker == block.marker and later.parent == block.parent
            if not sibling and (later.marker or later.parent not in group):
                return None
            group.add(later.index)
            found = self.attributes_of.get(later.index)
            if found:  # labels inline in another item's text are that item's alone
                return found if found.text_end_char is None else None
        return None

    def attributed(self, block: Segment) -> Assignment | None:
        """What the block's labelled attributes (``labels``) assign, when they name a lead."""
        attributes = self.labels(block)
        return attributes.assignment if attributes and attributes.assignment.leads else None

    def executed(self, block: Segment, reading: Reading, start_char: int) -> Assignment:
        """Who does what a clause says: what it reads, except in a labelled activity, whose
        executor line names the doer of its action, so that a request inside the action ("Hướng
        dẫn ... ; kiểm tra, đề nghị các doanh nghiệp thực hiện ...") names whom the executor asks,
        not the lead (ANNOTATION.md §1b: leads are the chủ trì and thực hiện units); and an item
        below an agency's heading alike, unless it opens with the directive itself: "6. Sở Y
        tế" / "b) Chủ động xây dựng kế hoạch ứng phó, yêu cầu các cơ sở y tế ..." is the Sở's
        task (notices11 T11_05, T11_06). A labelled activity's executor line names its lead over
        a collective its sentence opens with ("- Các cơ quan, đơn vị, địa phương tiếp tục ..." /
        "Đơn vị thực hiện: Các Sở, ngành, UBND cấp xã.", plans22)."""
        said = reading.assignment
        if said.lead_evidence == "subject" and all(
                is_collective(syllables(lead.mention)) for lead in said.leads):
            return self.attributed(block) or said
        if said.lead_evidence != "directive" or not reading.opens_with_action:
            return said
        return self.attributed(block) or (
            None if self.lex["directive"].match(self.words, self.word_at(start_char))
            else self.heading_assignment(block)) or said  # "c) Giao Trung tâm ...": its own

    def heading_assignment(self, block: Segment) -> Assignment | None:
        """The leads of the agency heading the block sits under, if any (not an intro's)."""
        for ancestor in self._ancestors(block):
            heading = self.heading_of.get(ancestor.index)
            if heading and heading.assignment.leads:
                return heading.assignment
        return None

    def activity(self, block: Segment, clauses: list[Clause]) -> Assignment | None:
        """What labelled lines below a titled item assign when the item is an activity block:
        "2.2. Chương trình nghệ thuật ..." / "- Đơn vị chủ trì: ..." / "- Thời gian: ..." is one
        task, its quote the title line (ANNOTATION.md §1b). None for any other block, and for a
        title that only numbers an activity with a content line ("a) Hoạt động 1" / "- Nội
        dung: ..."), whose content is the task, and that line's empty label."""
        if block.index in self.content_lines or block.index in self.content_lines.values():
            return None
        attributes = self.labels(block)
        if not block.marker or len(clauses) > 1 or attributes is None or \
                attributes.text_end_char is not None or \
                self.titles_items(block, attributes.assignment):  # inline: the text is the task
            return None
        return self.attributed(block)

    def pillar(self, block: Segment) -> str | None:
        """The pillar code of the nearest pillar heading at or above the block, if any."""
        for candidate in (block, *self._ancestors(block)):
            heading = self.heading_of.get(candidate.index)
            if heading and heading.pillar:
                return heading.pillar
        return None

    def is_title(self, block: Segment) -> bool:
        """Whether a block is a short numbered item that titles the items under it ("1. Nhiệm vụ
        cần triển khai ngay trong tháng 12/2025"): one sentence, at most TITLE_LINE_CHARS
        characters, not ending in "."."""
        line = self.text[block.start_char:block.end_char]
        return bool(block.marker) and not block.sentences[1:] and \
            len(line) <= TITLE_LINE_CHARS and not line.rstrip().endswith(".")

    def section(self, block: Segment) -> str | None:
        """The titles of the headings and short numbered items above the block, "A › B"."""
        titles = []
        for candidate in (block, *self._ancestors(block)):
            heading = self.heading_of.get(candidate.index)
            if heading and heading.title and candidate is not block:
                titles.append(heading.title[:SECTION_TITLE_CHARS])
            elif candidate is not block and self.is_title(candidate):
                titles.append(self.text[candidate.start_char:candidate.end_char].strip())
        return " › ".join(reversed(titles)) or None

    def in_untasked_section(self, block: Segment) -> bool:
        """Whether the block sits under a report's account of past work, a numbered heading
        titled "Kết quả thực hiện", "Tồn tại, hạn chế" ... (``cues.yml`` ``account_headings``;
        issue 11 precision: a report yields only the requirements it places on named bodies),
        or under a regulation's article on its scope, subjects or principles ("Điều 2. Đối
        tượng áp dụng", ``scope_headings``: the bodies it lists have no duty there), under an
        intro listing prohibited acts, or right under one listing the parts of what it asks for."""
        folded = self.folded
        return any(self.is_title(ancestor) and
                   folded.startswith(self.cues["untasked"], ancestor.content_start_char) or
                   self._lists_prohibited_acts(ancestor)
                   for ancestor in self._ancestors(block)) or \
            block.parent is not None and self.lists_parts(self.blocks[block.parent])

    def take_in_parts(self, block: Segment) -> None:
        """Stretch the last task of an intro listing the parts of what it asks for over the
        items below it, which say what it asks (``lists_parts``: "... trình Hội đồng nhân dân
        tỉnh quyết định:" / "- Phương án phân bổ vốn ...")."""
        if not (self.drafts and self.drafts[-1].block == block.index and self.lists_parts(block)):
            return
        last = block
        for other in self.blocks[block.index + 1:]:
            if block not in self._ancestors(other):
                break
            last = other
        if last is not block:
            self.extend(self.drafts[-1], last.end_char)

    def lists_parts(self, block: Segment) -> bool:
        """Whether the block is an intro listing the parts of what it asks for (``cues.yml``
        ``part_list``: "... báo cáo số liệu ... bao gồm:"), or over items that only name a
        programme's parts (``titled_part``: "- Dự án 1: “Phòng ngừa ...”."): the items below
        it are no tasks."""
        if block.index not in self.parts_listed:
            self.parts_listed[block.index] = self._lists_parts(block)
        return self.parts_listed[block.index]

    def _lists_parts(self, block: Segment) -> bool:
        text = self.folded[block.content_start_char:block.end_char].strip(" *")
        items = self._items(block)
        first = next(items, None)  # every item is read until one is no part: the first, mostly
        if self.cues["part_list"].search(text):
            # "Sở Tài chính có trách nhiệm quản lý về nghiệp vụ, bao gồm:" / "a) Cấp mới, thu
            # hồi ... tài khoản": items that act are the duties the intro sums up (regs20)
            return first is None or not self._opens_with_action(first)
        if not text.endswith(":"):
            return False
        return first is not None and all(
            self.cues["titled_part"].search(self.folded[b.content_start_char:b.end_char].strip())
            for b in chain([first], items))

    def _items(self, block: Segment) -> Iterator[Segment]:
        """The blocks right below the block, in text order."""
        descendants = takewhile(lambda b: b.parent is not None and b.parent >= block.index,
                                islice(self.blocks, block.index + 1, None))
        return (b for b in descendants if b.parent == block.index)

    def _opens_with_action(self, block: Segment) -> bool:
        clauses = self.clauses_of.get(block.index, [])
        return bool(clauses) and clauses[0].reading.opens_with_action

    def _lists_prohibited_acts(self, block: Segment) -> bool:
        """Whether the block, ending in ":", introduces acts a law punishes or forbids ("Các hành
        vi vi phạm ... thì bị xử phạt ... như:", ``cues.yml`` ``prohibited_acts``)."""
        text = self.folded[block.content_start_char:block.end_char].rstrip()
        return text.endswith(":") and bool(self.cues["prohibited"].search(text))

    def in_purpose(self, block: Segment) -> bool:
        """Whether the block is, or sits under, a plan's "Mục đích" / "Yêu cầu" title (``cues.yml``
        ``purpose_heading``): ANNOTATION.md §1 excludes a document's own purpose statements
        unless they name an addressee and an action, so nothing there inherits a lead."""
        folded = self.folded
        return any(self.is_title(b) and
                   self.cues["purpose"].match(folded[b.content_start_char:b.end_char].strip())
                   for b in (block, *self._ancestors(block)))

    def heads_items(self, block: Segment) -> bool:
        """Whether marked items sit right below the block: an intro ending in ":" over them
        ("... tổ chức triển khai thực hiện các nhiệm vụ, giải pháp sau đây:", "Giao Sở Y tế chủ
        trì, phối hợp với ...:") only gives them its leads, no task itself, unless it assigns
        work of its own first ("... tiếp tục triển khai Kế hoạch số 561/KH-UBND ...; tập trung
        vào một số nhiệm vụ trọng tâm sau:")."""
        following = self.blocks[block.index + 1] if block.index + 1 < len(self.blocks) else None
        return following is not None and following.marker is not None and \
            not self.lists_parts(block) and (
            following.parent == block.index or
            (not block.marker and following.parent == block.parent and
             is_bullet(following.marker)))  # ranked beside it (``intro_before``)

    def titles_items(self, block: Segment, context: Assignment) -> bool:
        """Whether a numbered or lettered item that names no lead titles the items under it:
        its leads come from an intro above or from its section's labels, and items sit below
        it ("2. Phát triển kinh tế Thủ đô ..." / "a) Tiếp tục đẩy mạnh ..." / "- ..."; its
        bullets are the tasks, as rows under a group row are, ANNOTATION.md §1b), or, a short
        title (``is_title``), paragraphs do ("2. Tập huấn cho Tổ công nghệ số" / "Sở Thông tin
        và Truyền thông chủ trì ..."; "1. Nội dung, biện pháp" over the activities its
        section's labels serve). An item of several sentences that sets its own deadline over
        its bullets assigns work of its own ("1. Hoàn thành kế hoạch ... trước ngày 29/4/2023.
        Đồng thời, ..." / "- Áp dụng ..."): it is a task, as the bullets are; a resolution's
        long titles of several sentences name no date (long3 L_03)."""
        if not block.marker or is_bullet(block.marker):
            return False
        following = self.blocks[block.index + 1] if block.index + 1 < len(self.blocks) else None
        titles_paragraphs = self.is_title(block) and following is not None and \
            following.parent == block.index
        if block.index in self.served_by_section:
            return titles_paragraphs
        heads_as_title = self.heads_items(block) and not (block.sentences[1:] and
                                                          self.states_deadline(block))
        return context.lead_evidence == "intro" and (heads_as_title or titles_paragraphs)

    def states_deadline(self, block: Segment) -> bool:
        """Whether a time expression inside the block reads as a deadline ("trước ngày ...")."""
        return any(t.strength == DEADLINE and block.start_char <= t.start_char < block.end_char
                   for t in self.doc._.times)

    def in_body(self, block: Segment) -> bool:
        """Whether a block is in a plan's body: a marked item, a block under one or after an
        intro ending in ":"."""
        return bool(block.marker) or block.parent is not None or \
            self.intro_above(block) is not None

    # -- clause tests -----------------------------------------------------------------------
    def excluded(self, block: Segment, start_char: int, end_char: int, reading: Reading) -> bool:
        """A preamble, a transmittal formula, an emulation plan's ranking rule ("... bằng nhau thì
        xếp hạng ...", ``cues.yml`` ``criteria``), a plan's funding source ("Kinh phí thực hiện
        ...: Do ngân sách nhà nước đảm bảo", ``funding``), a decision's legal boilerplate
        (``legal_clauses``: "Quyết định này thay thế ..."), or a title in capitals or an area's
        ("Về cải cách thể chế"). A basis ("Căn cứ ...") is a preamble outside a plan's body; in
        it (a marked item, a block under one or after an intro) it fronts a task ("- Căn cứ Kế
        hoạch, xây dựng kế hoạch chi tiết ..."), and so it does in a sentence that closes with a
        period after directing someone ("Căn cứ quy chế làm việc ..., Văn phòng UBND tỉnh đề nghị
        Sở Tài nguyên và Môi trường khẩn trương trình ...", news12 N12_21), where a preamble's
        lines close with ";" or ","."""
        folded = self.folded[start_char:end_char].lstrip(" -–+•*")
        if is_caps(self.text[start_char:end_char]):  # "PHÂN CÔNG THỰC HIỆN NHIỆM VỤ ..."
            return True
        directs = reading.assignment.lead_evidence == "directive" and \
            folded.rstrip().endswith(".")
        return folded.startswith(self.cues["not_a_task"]) or self.cues["topic"].match(folded) or \
            (folded.startswith(self.cues["basis"]) and not self.in_body(block) and not directs) or \
            any(p.search(folded) for p in self.cues["boilerplate"])

    def complete_end(self, start_char: int, end_char: int) -> int:
        """Where the complete part of the clause ``[start_char, end_char)`` ends (character
        offset): ``end_char``, unless the text is cut off inside it (ANNOTATION.md §1 "a
        sentence cut off by the end of the text" is no task); then the last ";" that opens a new
        clause with a capital or an inline item number, which ends the clauses before the cut
        ("...; Phòng Tài chính cần bố trí kinh phí; Các nguồn kinh phí cần xin ..., phòng tài
        chính cần sớm tổng", "...: (1) ...; (2) ...; (3) ...; (4) Tập trung ...; đẩy mạnh ...
        các dự án trọn"), or ``start_char``: there is no such ";" ("... triển khai các biện
        pháp ...; thực hiện các biện pháp kỹ": the cut part goes on with the same task)."""
        if end_char < self.last_sentence_end or self.text[
                max(0, end_char - 8):end_char].rstrip().endswith(TERMINAL + (")", '"', "”", "'")):
            return end_char
        semicolon = self.text.rfind(";", start_char, end_char)
        while semicolon >= 0 and not NEW_CLAUSE.match(self.text, semicolon + 1):
            semicolon = self.text.rfind(";", start_char, semicolon)
        return start_char if semicolon < 0 else semicolon

    def cut_off_leads(self, reading: Reading, end_char: int) -> bool:
        """Whether every lead of the clause is named after ``end_char``, where ``complete_end``
        cut it: the directive was cut off, and the part before it ("Sau khi nghe Giám đốc Sở
        báo cáo ...; Phó Chủ tịch ... ghi nhận ...; Phó Chủ tịch ... đề nghị Sở ... tham mưu
        theo đ", news11 N11_19) asks nothing."""
        leads = reading.assignment.leads
        return bool(leads) and all(a.start_char >= end_char for a in leads)

    def has_action(self, start_char: int, end_char: int) -> bool:
        """Whether an action word comes within ACTION_REACH words of the clause's start."""
        i, stop = self.word_at(start_char), self.word_at(end_char)
        return any(self.lex["verbs"].match(self.words, k)
                   for k in range(i, min(stop, i + ACTION_REACH)))

    def permits(self, reading: Reading, start_char: int, end_char: int) -> bool:
        """Whether the clause asks nothing: a ``permissive`` cue ("có thể", "chịu trách nhiệm
        trước") comes before any action word within ACTION_REACH words of its action (or,
        without one, of its start), or a ``rights`` one ("được quyền", "được cấp") no obligation
        follows after the body it names as subject (a thing's passive, "Tài liệu được cung cấp
        ...", may be part of its heading's task), and no ``accountable_for`` phrase then names
        an action
        ("... chịu trách nhiệm trước UBND tỉnh về việc tổ chức triển khai ...") nor does a part
        after ";" open with one ("yêu cầu người đứng đầu ... phải chịu trách nhiệm trước Chủ tịch
        UBND tỉnh nếu ...; bố trí hạng mục về an toàn thông tin ...", news9b)."""
        i = self.word_at(start_char) if reading.action_word is None else reading.action_word
        end_word = self.word_at(end_char)
        for k in range(i, min(end_word, i + ACTION_REACH)):
            if self.cues["permissive"].match(self.words, k):
                return not self.accountable_for_action(k, end_word) and \
                    not self.acts_after_semicolon(k, end_word)
            rights = self.cues["rights"].match(self.words, k)
            if rights and reading.assignment.lead_evidence == "subject" and \
                    not self.cues["rights_exceptions"].match(self.words, k):
                return not self.cues["obligation"].find_in(self.words, k + rights, end_word)
            if self.lex["verbs"].match(self.words, k) and \
                    self.words[k].norm not in self.cues["speaker_adverbs"]:
                return False  # "cũng sẽ được bồi dưỡng": the adverbs of what it gets
        return False

    def acts_after_semicolon(self, i: int, end_word: int) -> bool:
        """Whether a part after a ";" between words ``i`` and ``end_word`` opens with an action
        word (word indices)."""
        return any(self.words[k].text == ";" and self.lex["verbs"].match(self.words, k + 1)
                   for k in range(i, end_word - 1))

    def accountable_for_action(self, i: int, end_word: int) -> bool:
        """Whether an ``accountable_for`` phrase after word ``i`` opens on an action word:
        "về việc tổ chức triển khai" (word indices)."""
        for k in range(i, end_word):
            length = self.cues["accountable_for"].match(self.words, k)
            if length:
                return bool(self.lex["verbs"].match(self.words, k + length))
        return False

    def is_generic(self, reading: Reading, end_char: int) -> bool:
        """Only "thực hiện các nội dung sau/trên", however its lines are wrapped ("tổ chức thực" /
        "hiện một số công việc sau:"): sets leads for what follows, no task itself."""
        if reading.action_word is None or reading.action_word >= len(self.words):
            return False
        return self.generic_from(self.words[reading.action_word].start_char, end_char)

    def generic_from(self, start_char: int, end_char: int) -> bool:
        """Whether the text from an action at ``start_char``, past its ``connectives``
        ("Đồng thời, "), only announces work (``cues.yml`` ``generic_action``), in each of its
        ";" parts."""
        i = past_connectives(self.words, self.word_at(start_char), len(self.words))
        if i < len(self.words):
            start_char = max(start_char, self.words[i].start_char)
        rest = " ".join(self.folded[start_char:end_char].split())
        clauses = [c for c in rest.split(";") if c.strip()]  # line breaks of a wrapped copy gone
        return bool(clauses) and all(any(p.match(c.strip()) for p in self.cues["generic"])
                                     for c in clauses)

    def addresses_someone(self, start_char: int) -> bool:
        """ "Giao Trung tâm ... ", "Đề nghị Công ty ...": a directive to a name nobody listed."""
        i = self.word_at(start_char)
        length = self.lex["directive"].match(self.words, i)
        return bool(length) and i + length < len(self.words) and \
            self.words[i + length].capitalised

    def merges(self, start_char: int, end_char: int) -> bool:
        """Whether the clause, which names no agency, only adds to the previous task: it opens
        with a ``merge_into_previous`` cue ("Yêu cầu gửi ...") or only says by when all must be
        done ("Tất cả các nhóm đối tượng phải hoàn thành hỗ trợ chậm nhất trong tháng 7-2020",
        ``completion``) or when the work runs ("Các hoạt động diễn ra đến ngày 25-11",
        ``window``; ANNOTATION.md §1, a passive follow-up belongs to the assignment)."""
        folded = self.folded[start_char:end_char].lstrip(" -–+•*")
        return bool(self.cues["merge"].match(self.words, self.word_at(start_char))) or \
            bool(self.cues["completion"].match(folded) or self.cues["window"].match(folded))

    # -- building ---------------------------------------------------------------------------
    def build(self) -> list[Task]:
        """The document's tasks, numbered in text order, with deadlines and recurrences."""
        for block in self.blocks:
            if row := self.row_of.get(block.index):
                self.row_task(row)
            elif (clauses := self.clauses_of.get(block.index)) and \
                    not self.in_untasked_section(block) and \
                    block.index not in self.content_lines.values():  # its content line is
                self.block_tasks(block, clauses)
                self.take_in_parts(block)
        self.drop_body_copies()
        self.drop_retold_announcement()
        self.drop_restated_opening()
        self.drop_repeated_demands()
        self.drop_described_teams()
        self.name_as_addressed()
        index = TimeIndex(self.doc._.times, self.doc._.recurrences)
        served = Counter(span for draft in self.drafts for span in draft.labelled_times)
        for seq, draft in enumerate(self.drafts, start=1):
            draft.task.seq = seq
            assign_time(draft.task, index, self.text, self.doc._.meta.issued_date,
                        draft.labelled_times, draft.times_in_text,
                        shared=any(served[span] > 1 for span in draft.labelled_times))
            draft.task.deliverable = draft.task.deliverable or stated_deliverable(draft.task.text)
        self.spread_closing_deadlines()
        self.inherit_heading_deadlines(index)
        self.date_by_window_above(index)
        return [draft.task for draft in self.drafts]

    def name_as_addressed(self) -> None:
        """A lead naming a letter's addressee by its head alone ("các Cục Thuế", "Cục Thuế"
        under "Kính gửi: Cục Thuế các tỉnh, thành phố trực thuộc Trung ương") is that
        addressee, as the letter names it (``names.addressed_group``; long8 Q_03)."""
        addressees = self.address_names()
        for draft in self.drafts if addressees else ():
            for agency in draft.task.agencies:
                agency.agency = addressed_group(agency.agency, addressees) or agency.agency

    def address_names(self) -> list[str]:
        """The addressees of the "Kính gửi:" block, one a ";" part or line, after its label."""
        label = rules.load()["structure"]["address_block"]
        names = []
        for block in self.blocks:
            if block.excluded == "address":
                text = self.text[block.content_start_char:block.end_char]
                found = label.match(text)
                parts = regex.split(r"[;\n]", text[found.end():] if found else text)
                names += [canonical(p) for p in parts if p.strip(" -.,")]
        return names

    def drop_retold_announcement(self) -> None:
        """A news item's opening that reports a document just issued and what it asks ("UBND
        tỉnh vừa ban hành công văn yêu cầu các sở, địa phương tăng cường ...", ``cues.yml``
        ``announcement``) only sums up the paragraphs that retell the document ("Theo đó, Chủ
        tịch UBND tỉnh giao Sở ...", ``retelling``): every such task in a block above the
        first retelling task is dropped. An opening nothing retells stays a task."""
        retelling = next((d for d in self.drafts if self.cues["retelling"].match(
            self.words, self.word_at(d.task.start))), None)
        if retelling is None:
            return
        self.drafts = [d for d in self.drafts if d.block >= retelling.block or not
                       self.cues["announcement"].search(self.folded, d.task.start, d.task.end)]

    def drop_body_copies(self) -> None:
        """ "When a plan lists items in its body ... and assigns the same items in an appendix
        table, each assignment is one task, at its table row; the body copy is not a second
        task" (ANNOTATION.md §1b): a body task that shares COPY_SHARE of the syllables of the
        shorter of itself and a row, and COPY_OF_LONGER of the longer's."""
        rows = [set(syllables(d.task.text)) for d in self.drafts if d.is_row]
        if not rows:
            return

        def is_copy(draft: Draft) -> bool:
            own = set(syllables(draft.task.text))
            return any(copies(own, row) for row in rows)
        self.drafts = [d for d in self.drafts if d.is_row or not is_copy(d)]

    def drop_restated_opening(self) -> None:
        """A news item's opening sentence that the body restates for the same leads ("UBND tỉnh
        yêu cầu Sở Khoa học và Công nghệ, Công an tỉnh ... khẩn trương hoàn thành bàn giao ..."
        above "... UBND tỉnh yêu cầu Sở Khoa học và Công nghệ, Công an tỉnh ... hoàn thành bàn
        giao tài sản, dự án ...") is one task, at the body's sentence: the first task is dropped
        when a task of a later block has its leads and their demands, from the first lead on,
        share COPY_SHARE of the shorter one's syllables (``holds_shorter``: one says more than
        the other, and the opening's "Thực hiện chỉ đạo của ..., UBND TP vừa giao" is no part of
        what is asked).
        Only in a short text (a news item, an excerpt: ``is_short_document``); a plan may state
        an item twice, each time a task. A headline and a lead paragraph so restated both go."""
        if not is_short_document(self.folded):
            return
        while len(self.drafts) > 1 and not self.drafts[0].is_row and \
                self._restated_later(self.drafts[0]):
            self.drafts = self.drafts[1:]

    def _restated_later(self, first: Draft) -> bool:
        """Whether a task of a later block shares a lead with ``first`` (the headline and the
        lead paragraph may name the addressees more loosely than the body: "các cơ quan, đơn
        vị, UBND các xã" above "các cơ quan, ban, ngành, đoàn thể, UBND các xã", news9a N9_01)
        and their demands share COPY_SHARE of the shorter one's syllables."""
        leads = first.task.lead_agencies
        demand = set(syllables(self._demand(first.task)))  # empty when it does not name its leads
        return bool(leads) and any(
            d.block != first.block and d.task.lead_agencies & leads and
            holds_shorter(demand, set(syllables(self._demand(d.task)))) for d in self.drafts[1:])

    def drop_repeated_demands(self) -> None:
        """A news item's later sentence that repeats an earlier task's demand word for word,
        for the same addressees or some of them named more narrowly ("đề nghị các thôn kịp thời
        tuyên truyền ..." in the body, "yêu cầu các thôn Ao Sen 2 và thôn Lĩnh kịp thời tuyên
        truyền ..." under a photo below it, news9a N9_11), is no second task: its demand from its
        first lead on ``copies`` the earlier one's. Only in a short text (``is_short_document``)."""
        self._drop_later(self._repeats)

    def _drop_later(self, follows_from: Callable[[Task, Task], bool]) -> None:
        """Drop, in a short text (``is_short_document``), every draft that ``follows_from`` an
        earlier draft kept (later task, earlier task)."""
        if len(self.drafts) < 2 or not is_short_document(self.folded):
            return
        kept: list[Draft] = []
        for draft in self.drafts:
            if not any(follows_from(draft.task, earlier.task) for earlier in kept):
                kept.append(draft)
        self.drafts = kept

    def _repeats(self, later: Task, earlier: Task) -> bool:
        """Whether every lead of ``later`` is, or names more narrowly, one of ``earlier``'s and
        its demand copies the earlier one's."""
        before = earlier.lead_agencies
        if not before or not later.lead_agencies or not all(
                any(fold(lead).startswith(fold(name)) for name in before)
                for lead in later.lead_agencies):
            return False
        return copies(set(syllables(self._demand(later))), set(syllables(self._demand(earlier))))

    @staticmethod
    def _demand(task: Task) -> str:
        """The task's text from the mention of its first lead on; empty when it does not name
        its leads (it inherited them: no restatement)."""
        mentions = [a.mention for a in task.agencies if a.role == "lead"]
        found = task.text.find(mentions[0]) if mentions else -1
        return task.text[found:] if found >= 0 else ""

    def drop_described_teams(self) -> None:
        """A news item's sentence opening with a team an earlier task orders formed ("... chỉ
        đạo mỗi xã thành lập 1 Tổ CNSCĐ ..." above "Tổ CNSCĐ thực hiện các hoạt động tuyên
        truyền ...", ``cues.yml`` ``forming``) describes the team and is no task, unless an
        obligation follows the team's name ("Tổ ... có trách nhiệm báo cáo ...",
        ``obligation``). Only in a short text (``is_short_document``)."""
        self._drop_later(self._describes_formed)

    def _describes_formed(self, later: Task, earlier: Task) -> bool:
        """Whether ``later`` opens (within SUBJECT_OPENING_WORDS) with its one lead, a name
        ``earlier`` orders formed (the whole name of two words or more, or its first
        FORMED_NAME_WORDS), and no obligation follows that name."""
        mentions = [a.mention for a in later.agencies if a.role == "lead"]
        if len(mentions) != 1 or len(mentions[0].split()) < 2:
            return False
        found = later.text.find(mentions[0])
        if found < 0 or len(later.text[:found].split()) > SUBJECT_OPENING_WORDS:
            return False
        after = self.word_at(later.start + found + len(mentions[0]))
        if any(self.cues["obligation"].match(self.words, k)
               for k in range(after, min(after + OBLIGATION_REACH, len(self.words)))):
            return False
        name = fold(mentions[0]).split()
        for formed in self.cues["forming"].finditer(self.folded, earlier.start, earlier.end):
            words = self.folded[formed.end():earlier.end].split()[:len(name)]
            shared = len(commonprefix([words, name]))
            if shared == len(name) or shared >= FORMED_NAME_WORDS:
                return True
        return False

    def spread_closing_deadlines(self) -> None:
        """ "Inside one bullet, a closing ', hoàn thành trước ngày ...' is the deadline of the
        whole bullet": earlier tasks of a bullet take the deadline its last task ends with; so
        do the earlier tasks of a paragraph closed by a sentence saying when its work runs ("...
        Các hoạt động diễn ra đến ngày 25-11.", ``window``)."""
        for index, drafts in groupby(self.drafts, key=attrgetter("block")):
            tasks = [draft.task for draft in drafts]
            last = tasks[-1]
            closing_text = last.deadline_text
            if len(tasks) < 2 or not last.deadline or not closing_text:
                continue
            closing = self.text.rfind(closing_text, last.start, last.end)
            if closing < 0 or self.text[closing + len(closing_text):last.end].strip(" .;"):
                continue
            if not self.blocks[index].marker and \
                    not self._closed_by_window(last.start, closing, last.end):
                continue
            for task in tasks[:-1]:
                if task.deadline is None and task.recurrence is None:
                    task.deadline, task.deadline_text = last.deadline, last.deadline_text

    def _closed_by_window(self, start_char: int, closing: int, end_char: int) -> bool:
        """Whether the last sentence of ``[start_char, end_char)``, which holds character offset
        ``closing``, says when the work runs or ends (``cues.yml`` ``window``)."""
        sentence = max(self.text.rfind(". ", start_char, closing) + 2, start_char)
        return bool(self.cues["window"].match(self.folded[sentence:end_char]))

    def inherit_heading_deadlines(self, index: TimeIndex) -> None:
        """ "A heading such as 'Nhiệm vụ cần triển khai ngay trong tháng 12/2025' gives its
        deadline to the tasks under it that state no time of their own" (ANNOTATION.md §1b):
        the nearest title or intro above a task (``dated_span``), no task itself, that holds a
        time with a deadline cue. A task whose labels state its time ("Thời gian thực hiện: Từ
        tháng 11/2013 trở đi": no deadline) keeps theirs, and so does a table row with a time
        column; the rows of a table without one are dated by its title ("PHÂN CÔNG ... CHỈ TIÊU
        ... ĐẾN NĂM 2030", plans14 P14_06) or the headings above it."""
        task_blocks = {draft.block for draft in self.drafts}
        for draft in self.drafts:
            task = draft.task
            if task.deadline or task.recurrence or draft.labelled_times or \
                    (draft.is_row and not draft.times_in_text):
                continue
            for heading, span in self._dating_spans(draft):
                if heading.index in task_blocks or span is None:
                    continue
                cued = [t for t in index.times_ending_in([span])
                        if t.value and t.strength == DEADLINE]
                if cued:
                    task.deadline = cued[-1].value
                    task.deadline_text = self.text[cued[-1].start_char:cued[-1].end_char]
                    break

    def date_by_window_above(self, index: TimeIndex) -> None:
        """A news item's paragraph with no task that closes on when the campaign it reports runs
        ("... ban hành Kế hoạch ... Đợt cao điểm diễn ra từ ngày 27/5/2023 đến hết ngày
        30/6/2023.", ``cues.yml`` ``window``, news9a N9_09) dates the tasks of the plain
        paragraphs after it that state no time of their own, up to the next paragraph with a
        window of its own."""
        window: TimeExpression | None = None
        by_block = groupby(self.drafts, key=attrgetter("block"))
        tasks_of = {block: list(drafts) for block, drafts in by_block}
        for block in self.blocks:
            if block.marker or block.parent is not None:
                continue
            if block.index not in tasks_of:
                window = self._window_deadline(block, index) or window
            elif window is not None:
                for draft in tasks_of[block.index]:
                    self._date_by(draft, window)

    def _date_by(self, draft: Draft, window: TimeExpression) -> None:
        """The window's end as the deadline of a draft that states no time of its own."""
        task = draft.task
        if not (task.deadline or task.recurrence or draft.is_row or draft.labelled_times):
            task.deadline = window.value
            task.deadline_text = self.text[window.start_char:window.end_char]

    def _window_deadline(self, block: Segment, index: TimeIndex) -> TimeExpression | None:
        """The deadline of the window a block's last sentence states (``_closed_by_window``),
        None when it states none."""
        end = len(self.text[:block.end_char].rstrip(" \n"))
        if not self._closed_by_window(block.start_char, end - 1, end):
            return None
        sentence = max(self.text.rfind(". ", block.start_char, end - 1) + 2, block.start_char)
        cued = [t for t in index.times_ending_in([(sentence, end)])
                if t.value and t.strength == DEADLINE]
        return cued[-1] if cued else None

    def _dating_spans(self, draft: Draft) -> Iterator[tuple[Segment, tuple[int, int] | None]]:
        """(block, span) of the titles above a task whose time may date it: a row's table title,
        whole, then the blocks above it (``dated_span``)."""
        block = self.blocks[draft.block]
        if draft.is_row and (title := self.table_title(self.row_of[block.index].table)):
            yield title, (title.start_char, title.end_char)
        for heading in self._ancestors(block):
            yield heading, self.dated_span(heading)

    def table_title(self, header: int) -> Segment | None:
        """The title in capitals right above a table's header row (block ``header``), past the
        line saying what the table is attached to; None when there is none."""
        for index in range(header - 1, max(header - 3, -1), -1):
            block = self.blocks[index]
            line = self.text[block.start_char:block.end_char]
            if is_caps(line):
                return block
            if not is_attachment_line(line):
                return None
        return None

    def dated_span(self, block: Segment) -> tuple[int, int] | None:
        """(start_char, end_char) of the part of a block above tasks whose time dates them: a
        title (``is_title``), whole; an intro ending in ":" that names whom it addresses, from
        its action on ("... đề nghị các địa phương triển khai ngay trong năm 2022 với các hoạt
        động sau:"), as a purpose before it ("Để cải thiện các chỉ số trong năm 2026, ... yêu
        cầu ...:") dates the aim, not the work; one that names no one, from the work it
        announces on (``_work_named``); None for any other block."""
        if self.is_title(block):
            return block.start_char, block.end_char
        clauses = self.clauses_of.get(block.index)
        action_word = clauses[-1].reading.action_word \
            if clauses and block.index in self.intro_of else None
        if action_word is None or action_word >= len(self.words):
            return self._work_named(block)
        return self.words[action_word].start_char, block.end_char

    def _work_named(self, block: Segment) -> tuple[int, int] | None:
        """The part of a speaker's intro ending in ":" that names no one, from the work it
        announces on ("Kết luận hội nghị, ông ... nhấn mạnh một số nội dung trọng tâm tháng
        8/2019 như sau:", ``cues.yml`` ``reporting`` then ``announced_work``, news41): the
        period the speaker sets dates the items below; None for any other block (a plan's
        "Các nhiệm vụ trọng tâm năm 2025 gồm:" states its period, no deadline)."""
        first, last = self.word_at(block.start_char), self.word_at(block.end_char)
        if not self.text[block.start_char:block.end_char].rstrip().endswith(":") or \
                not self.cues["reporting"].find_in(self.words, first, last):
            return None
        found = [k for k, _ in self.cues["announced_work"].find(self.words, first, last)]
        return (self.words[found[-1]].start_char, block.end_char) if found else None

    def row_task(self, row: Row) -> None:
        """A task table's row is one task (its lead cell is filled, ANNOTATION.md §1b); when
        that cell names no agency the parser reads ("Theo chức năng, nhiệm vụ được giao"), the
        task has no lead and is flagged for the clerk."""
        assignment = row.attributes.assignment
        if not assignment.leads:
            assignment = Assignment([], assignment.supports, "unread")
        draft = self.add(self.blocks[row.block], *row.task_cell, assignment,
                         row.attributes.time_spans)
        if not assignment.leads:
            draft.task.review_reasons.insert(0, rules.review_reason("no_lead"))
        if row.deliverable_cell:
            draft.task.deliverable = self.text[slice(*row.deliverable_cell)]
        draft.times_in_text, draft.is_row = not row.has_time_column, True

    def block_tasks(self, block: Segment, clauses: list[Clause]) -> None:
        """The tasks of a block's clauses, in order: a clause with its own lead is a task (or,
        ending in ":", an intro for the blocks below); one without inherits the lead of the
        previous clause, the block's labelled attributes, or its heading or intro."""
        previous: Draft | None = None  # the task a following "Yêu cầu gửi ..." merges into
        # leads a following subject-less clause inherits: a paragraph that goes on from the item
        # right above it, cut at its ";", starts with the item's ("9. UBND các phường ... được
        # trích lại;" / "đồng thời huy động ..., tập trung một số nhiệm vụ cụ thể sau:", plans12)
        carried = self.carried_from.get(block.index - 1, []) if self.goes_on_from_parent(block) \
            else []
        ends_with_colon = self.text[block.start_char:block.end_char].rstrip().endswith(":")
        attributes = self.labels(block)
        labelled = attributes.time_spans if attributes else []
        for clause in clauses:
            start, reading = clause.start_char, clause.reading
            end = self.complete_end(start, clause.end_char)
            if end == start or self.cut_off_leads(reading, end) or \
                    self.excluded(block, start, end, reading) or reading.past or \
                    reading.upward or reading.listing or self.permits(reading, start, end):
                previous, carried = None, []
                continue
            said = self.executed(block, reading, start)
            if said.leads:
                if ends_with_colon:
                    self.intro_of[block.index] = Assignment(said.leads, said.supports, "intro")
                carried = said.leads
                heads_items = ends_with_colon and self.opens_list(clause, clauses) and \
                    ";" not in self.text[start:end] and self.heads_items(block) or \
                    self.heads_inline_items(clause, clauses)
                previous = None if heads_items or self.is_generic(reading, end) else self.add(
                    block, start, end, said, labelled)
                continue
            if len(self.text[start:end].split()) < MIN_SUBJECTLESS_WORDS:
                continue
            if carried and ends_with_colon and clause is clauses[-1] and \
                    not reading.opens_with_action:
                # a speaker's intro naming no one ("Đồng chí nhấn mạnh một số nhiệm vụ cần thực
                # hiện:", news9a N9_07) lists the work of the demand before it
                self.intro_of[block.index] = Assignment(carried, [], "intro")
                continue
            if previous is not None and self.merges(start, end):
                self.extend(previous, end)
                continue
            acting = self.words[reading.action_word].start_char \
                if reading.action_word is not None and not reading.assignment.leads else start
            if not self.has_action(acting, end):
                activity = self.activity(block, clauses)
                previous = (None if activity is None
                            else self.add(block, start, end, activity, labelled))
                carried = []
                continue
            context = self.inherited(block, clause, carried, start == clauses[0].start_char)
            if context.leads and (self.text[start:end].rstrip().endswith(":") and
                                  not self.lists_parts(block) or
                                  self.in_purpose(block) or self.titles_items(block, context)):
                if carried and block.marker is None and clause is clauses[-1]:
                    self.intro_of[block.index] = context  # its items do the carried leads' work
                continue  # "1. Tổ chức triển khai ... vào đời sống:" titles the items below it
            if context.leads and self.generic_from(acting, end):
                continue  # the speaker goes on: "Đồng thời, chỉ đạo một số nội dung để ..."
            if context.leads:
                carried = context.leads
                previous = self.add(block, start, end, Assignment(
                    context.leads, said.supports or context.supports, context.lead_evidence),
                    labelled)
            elif self.addresses_someone(start):
                previous = self.add(block, start, end,
                                    Assignment([], said.supports, "unread"), labelled)
                previous.task.review_reasons.insert(0, rules.review_reason("no_lead"))
        self.carried_from[block.index] = carried

    def opens_list(self, clause: Clause, clauses: list[Clause]) -> bool:
        """Whether the clause ends its block's clauses, but for a list's opener standing alone
        ("... năm 2020. Cụ thể:", ``cues.yml`` ``list_openers``)."""
        return all(" ".join(self.folded[c.start_char:c.end_char].strip(" :.").split())
                   in self.cues["list_openers"] for c in clauses[clauses.index(clause) + 1:])

    def heads_inline_items(self, clause: Clause, clauses: list[Clause]) -> bool:
        """Whether the clause ends in ":" before a bracketed item number of a list run into its
        paragraph ("... yêu cầu các cơ quan, đơn vị trong thời gian tới: (1) Tăng cường ...",
        ``structure.INLINE_ITEM``): an intro, its items the tasks."""
        following = next((c for c in clauses if c.start_char > clause.start_char), None)
        return following is not None and \
            self.text[clause.start_char:clause.end_char].rstrip().endswith(":") and \
            bool(INLINE_ITEM.match(self.text, clause.end_char))

    def goes_on_from_parent(self, block: Segment) -> bool:
        """Whether an unmarked block goes on from the item right above it, whose text ends in
        ";" (a sentence a line end cut in two)."""
        if block.marker is not None or block.parent is None or block.parent != block.index - 1:
            return False
        parent = self.blocks[block.parent]
        return self.text[parent.start_char:parent.end_char].rstrip().endswith(";")

    def add(self, block: Segment, start_char: int, end_char: int, assignment: Assignment,
            labelled_times: list[tuple[int, int]]) -> Draft:
        """A new task over ``[start_char, end_char)`` (trimmed) with the assignment's agencies."""
        start, end = self._trim(start_char, end_char)
        leads = assignment.leads
        lead_names = {a.agency for a in leads}
        agencies = [AgencyRef(a.agency, "lead", a.mention, a.resolved) for a in leads]
        agencies += [AgencyRef(a.agency, "support", a.mention, a.resolved)
                     for a in unique(assignment.supports) if a.agency not in lead_names]
        task = Task(seq=0, text=self.text[start:end], start=start, end=end,
                    section=self.section(block), agencies=agencies, pillar=self.pillar(block))
        task.confidence = CONFIDENCE.get(assignment.lead_evidence or "", DEFAULT_CONFIDENCE)
        # named as written, unless the name was completed from outside the mention: a list's
        # shared head ("UBND huyện Quang Bình, Bắc Quang"), the place a bare level refers to
        unknown = [a.mention if canonical(a.mention) == a.agency else a.agency for a in leads
                   if not a.known and not is_provincial_body(a.mention)
                   and not is_local_committee(a.mention) and not is_local_unit(a.mention)
                   and not is_unit_of_known_body(a.mention)
                   and not is_collective(syllables(a.mention)) and not is_office_holder(a.agency)]
        if unknown:
            task.review_reasons.append(rules.review_reason("unknown_agency",
                                                           agencies=", ".join(unknown)))
            task.confidence -= 0.1
        if assignment.lead_evidence == "first item":
            task.review_reasons.append(rules.review_reason(
                "lead_from_first_item", agencies=", ".join(a.agency for a in leads)))
        draft = Draft(task, block.index, labelled_times)
        self.drafts.append(draft)
        if leads:
            if start == block.content_start_char:  # an item opening with its subject
                self.block_leads.setdefault(block.index, leads)
            self.last_leads[block.index] = leads
        return draft

    def extend(self, draft: Draft, end_char: int) -> None:
        """Stretch a task to ``end_char``: the clause after it only adds to it."""
        task = draft.task
        _, end = self._trim(task.start, end_char)
        task.end, task.text = end, self.text[task.start:end]

    def _trim(self, start_char: int, end_char: int) -> tuple[int, int]:
        text = self.text
        for opening in (QUOTE_START, BYLINE):
            lead = opening.match(text, start_char, end_char)
            if lead:
                start_char = lead.end()
        while end_char > start_char and text[end_char - 1].isspace():
            end_char -= 1
        return start_char, end_char


def assign_time(task: Task, index: TimeIndex, text: str, issued: str | None,
                labelled: list[tuple[int, int]], times_in_text: bool = True,
                shared: bool = False) -> None:
    """The task's deadline (strongest cue wins, the last on a tie) and recurrence, from its
    own text and from the time values labelled for it ("Thời gian thực hiện: Quý IV/2023").

    ``labelled``: ``(start_char, end_char)`` of those values; ``issued``: the ISO issue date;
    ``times_in_text``: whether the task's own text may give a deadline (not for a table row
    whose time cell decides, ANNOTATION.md §1b: a cited law's date in the task cell is none). A
    recurrence labelled wins over one in the text ("Hằng năm" in the time cell over "định kỳ
    hằng tuần" in the description). ``shared``: the labelled values serve other tasks too (an
    activity's sub-items): a deadline the task states itself wins over them ("(1) Tổ chức hiệp
    thương lần thứ nhất: Chậm nhất ngày 10/12/2025" under "Thời gian hoàn thành: Quý IV/2025 và
    Quý I/2026", plans13 P13_01)."""
    spans = [(task.start, task.end), *labelled] if times_in_text else labelled
    if shared and times_in_text and any(
            t.value and t.strength >= DEADLINE
            for t in index.times_ending_in([(task.start, task.end)])):
        spans = [(task.start, task.end)]

    def strength(t: TimeExpression) -> int:
        is_labelled = t.value and t.reason not in NOT_BY_LABEL and \
            any(s <= t.start_char < e for s, e in labelled)
        return DEADLINE if is_labelled else t.strength  # the label is the cue

    inside = [t for t in index.times_ending_in(spans) if t.value and strength(t)]
    recurring = index.recurrences_within(labelled) or \
        index.recurrences_within([(task.start, task.end)])
    if recurring:
        chosen = next((r for r in recurring if r.value != "periodic"), recurring[0])
        task.recurrence = chosen.value
        task.deadline_text = text[chosen.start_char:chosen.end_char]
    if inside:
        best = max(strength(t) for t in inside)
        top = [t for t in inside if strength(t) == best]
        deadline = top[-1]
        task.deadline = deadline.value
        task.deadline_text = text[deadline.start_char:deadline.end_char]
        if len({t.value for t in top}) > 1:
            task.review_reasons.append(rules.review_reason(
                "two_deadlines",
                deadlines=", ".join(text[t.start_char:t.end_char] for t in top)))
        if best < DEADLINE:
            task.review_reasons.append(rules.review_reason("maybe_not_deadline",
                                                           date=task.deadline_text))
            task.confidence -= 0.1
        if issued and deadline.value and deadline.value < issued:
            task.review_reasons.append(rules.review_reason(  # the clerk reads dd/mm/yyyy
                "deadline_before_issue",
                date=dt.date.fromisoformat(deadline.value).strftime("%d/%m/%Y")))


@Language.factory("vi_tasks", requires=["doc._.meta", "doc._.blocks", "doc._.times",
                                        "doc._.recurrences", "doc._.headings", "doc._.attributes",
                                        "doc._.table_rows", "doc._.clauses"],
                  assigns=["doc._.tasks"])
def create_tasks(nlp: Language, name: str):
    """Component: ``doc._.tasks``, the ``Task`` records of ``TaskBuilder(doc).build()``."""
    def tasks(doc: Doc) -> Doc:
        doc._.tasks = TaskBuilder(doc).build()
        return doc
    return tasks
