"""Roles: who must act in each clause (lead) and who helps (support), and what headings, a plan's
labelled items and a task table's columns assign.

A lead is, in order of preference: the addressee of a directive cue ("Giao Sở Tài chính ...",
"UBND tỉnh yêu cầu các sở ..."), the subject that opens the sentence ("Sở Tài chính chủ trì
..."), or, for a sentence without one, the agency of the heading it sits under (the task builder
inherits that). Agencies after "phối hợp (với)" support the task.

Every "who leads, who supports" is one ``Assignment``; ``lead_evidence`` says how the leads were
found. Positions named ``*_word`` or ``i``/``j``/``k`` are word indices into ``doc._.words``;
``*_char`` are character offsets into the document text.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import groupby
from operator import attrgetter

from spacy.language import Language
from spacy.tokens import Doc

from . import rules
from .agencies import DASHES, Addressee, AddresseeParser, Assignment
from .attributes import find_attributes
from .lexicon import Lexicon, syllables
from .metadata import known_place
from .names import agency_words, is_collective, lexicons, place_body, resolve
from .structure import Segment
from .tables import find_rows
from .text import fold, is_caps

FRONTED_REACH = 40  # words searched for the comma that ends a fronted clause
CONDITION_TAIL_WORDS = 8  # words after a condition's comma searched for a group, its subject
BYLINE_WORDS = 6  # words of a news outlet's bracket: "(Chinhphu.vn)", "(KTSG Online)"
SCOPE_WORDS = 4  # words of a heading group's scope after its "là" ("Các chủ rừng là tổ chức")
COLON_QUALIFIER_WORDS = 4  # words after a name before a fronted clause's colon ("cấp Thành phố")
EMPHASIS_REACH = 60  # words of an apposition a subject singles out ("nhất là ..."): a list of
# regions in a government programme ran to 45
ADVISED_REACH = 12  # words before a directive cue searched for "tham mưu <speaker>"
SPEAKER_NAME_WORDS = 7  # capitalised words after an issuer: "tỉnh Thanh Hóa Nguyễn Đình Xứng"
BARE_COLLECTIVE_WORDS = 14  # words from a collective without "các" to its obligation cue
MEMBER_LABEL_WORDS = 30  # a board member's label: a title, a body, a dash and the place held
NARRATED_WORDS = 6  # words searched for the speaker named again, and after them for "đã"
EVENT_WORDS = 4  # syllables of the longest ``event_openers`` phrase ("tại buổi tiếp xúc")
LABEL_WORDS = 10  # syllables and marks a label before its colon may have ("Danh nghĩa tổ chức:")
JOINT_MARKS = Lexicon([",", ";"])  # the marks a sentence may split at (``_joints``)


@dataclass
class Reading:
    """What one clause says about who acts."""

    assignment: Assignment = field(default_factory=Assignment)
    action_word: int | None = None  # where the action starts, after the addressees
    past: bool = False  # a report of what was done ("đã ban hành")
    upward: bool = False  # a request to a higher level, reported as news
    listing: bool = False  # "Cơ quan chỉ đạo: UBND thành phố.": a label naming bodies, no action
    # opens, past connectives and a fronted clause, with an action ("Đồng thời, báo cáo ..."):
    # without a subject of its own, it continues the previous lead's task
    opens_with_action: bool = False


@dataclass
class Clause:
    """A stretch of a block that may hold a task: a sentence, clipped to the block's own text
    (after its heading, before its inline attributes)."""

    block: int  # index into doc._.blocks
    start_char: int
    end_char: int
    reading: Reading


@dataclass
class Heading:
    """What a heading block assigns to the blocks under it: an agency ("Sở Tài chính:", "3. Giao
    Sở Y tế") or a pillar ("1. Về Nhận thức số:")."""

    block: int  # index into doc._.blocks
    assignment: Assignment = field(default_factory=Assignment)
    pillar: str | None = None  # a pillar code of rules/labels.yml
    title: str | None = None  # shown in the section path
    text_start_char: int | None = None  # where the block's own text starts after the heading


def past_connectives(words: Sequence, i: int, end_word: int) -> int:
    """The word index past the ``connectives`` ("Đồng thời, ", "Theo đó, ") that open the
    words ``[i, end_word)`` and the comma after each."""
    connectives = _cues()["connectives"]
    while i < end_word:
        length = connectives.match(words, i)
        if not length:
            break
        i += length
        if i < end_word and words[i].norm == ",":
            i += 1
    return i


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = rules.load()
    cues, pillars = data["cues"], data["pillars"]
    return {
        "connectives": Lexicon(cues["connectives"] + cues["joints"]),
        "joints": Lexicon(cues["joints"]),
        "directive_joints": Lexicon(cues["directive_joints"]),
        "fronted": Lexicon(cues["fronted"]),
        "conditions": Lexicon(cues["conditions"]),
        "condition_ends": Lexicon(cues["condition_ends"]),
        "object_links": Lexicon(cues["object_links"]),
        "condition_modals": Lexicon(cues["condition_modals"]),
        "inner_conditions": Lexicon(cues["inner_conditions"]),
        "addressing": Lexicon(cues["addressing"]),
        "addressee_adverbs": Lexicon(cues["addressee_adverbs"]),
        "remits": Lexicon(cues["remits"]),
        "remit_ends": Lexicon(cues["remit_ends"]),
        "scoped_remits": Lexicon(cues["scoped_remits"]),
        "emphasis": Lexicon(cues["emphasis"]),
        "residents": Lexicon(cues["residents"]),
        "households": Lexicon(cues["households"]),
        "staffing": Lexicon(cues["staffing"]),
        "own_staffing": Lexicon(cues["own_staffing"]),
        "members": Lexicon(cues["members"]),
        "bracket_definitions": Lexicon(cues["bracket_definitions"]),
        "purposes": Lexicon(cues["purposes"]),
        "group_scopes": Lexicon(cues["group_scopes"]),
        "advising": Lexicon(cues["advising"]),
        "meetings": Lexicon(cues["meetings"]),
        "conferences": Lexicon(cues["conferences"]),
        "meeting_reports": Lexicon(cues["meeting_reports"]),
        "public_meetings": Lexicon(cues["public_meetings"]),
        "chairing": Lexicon(cues["chairing"]),
        "proposing": Lexicon(cues["proposing"]),
        "past": Lexicon(cues["past"]),
        "earlier": Lexicon(cues["earlier"]),
        "report_periods": Lexicon(cues["report_periods"]),
        "event_openers": Lexicon(cues["event_openers"]),
        "statement": Lexicon(cues["statement"]),
        "issued_document": cues["issued_document"],
        "upward": [(Lexicon(level["targets"]), {fold(s) for s in level["speakers"]})
                   for level in cues["upward"]],
        "heading_suffixes": Lexicon(cues["heading_suffixes"]),
        "execution": Lexicon(cues["execution"]),
        "obligation": Lexicon(cues["obligation"]),
        "passive": Lexicon(cues["passive"]),
        "agent_cues": Lexicon(cues["passive_agent"]["cues"]),
        "agent_actions": Lexicon(cues["passive_agent"]["actions"]),
        "actions": Lexicon(data["actions"]["verbs"]),
        "reporting": Lexicon(cues["reporting"]),
        "announced_work": Lexicon(cues["announced_work"]),
        "speaking_documents": Lexicon(cues["speaking_documents"]),
        "issuers": {fold(s) for s in data["agency_patterns"]["issuers"]},
        "relaying_offices": {fold(s) for s in data["agency_patterns"]["relaying_offices"]},
        "councils": {fold(s) for s in data["agency_patterns"]["councils"]},
        "overseen_issuers": {fold(s) for s in data["agency_patterns"]["overseen_issuers"]},
        "directing_heads": Lexicon(data["agency_patterns"]["directing_heads"]),
        "issuer_endings": frozenset(fold(w) for w in cues["issuer_endings"]),
        "speaker_adverbs": agency_words()["speaker_adverbs"],
        "speaker_going_on": Lexicon(cues["speaker_going_on"]),
        "speaker_assents": Lexicon(cues["speaker_assents"]),
        "reported_openers": frozenset(fold(w) for w in cues["reported_openers"]),
        "pillar_heading": pillars["heading"],
        "pillar_codes": {fold(h): code for code, p in pillars["pillars"].items()
                         for h in p["headings"]},
        "responsibility": cues["responsibility"],
        "role_heading": cues["role_heading"],
        "duty_owner": cues["duty_owner"],
        "duty_owner_ends": Lexicon(cues["duty_owner_ends"]),
        "individuals": Lexicon(cues["individuals"]),
        # the last syllable of a level ("tỉnh", "thành phố", "huyện"): "Sở Y tế tỉnh"
        "name_levels": frozenset(fold(w).split()[-1] for w in data["provinces"]["levels"]) |
        agency_words()["distributed_heads"],
    }


def _province_leader(mention: str) -> bool:
    """Whether a mention is a leader's title and a province only, as news calls a province's
    leader ("Chủ tịch Hà Tĩnh", "Bí thư Quảng Nam": news44): that province's issuer speaking."""
    words = mention.split()
    return any(" ".join(syllables(" ".join(words[:k]))) in lexicons()["titles"].phrases and
               known_place(" ".join(words[k:])) is not None for k in range(1, len(words)))


class RoleReader:
    """Reads leads and supports over a doc's words (after ``vi_agencies`` and ``vi_metadata``).

    A helper of the ``vi_roles`` component: it lives for one call and is never put on the Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.words = doc._.words
        self.parser = AddresseeParser(doc)
        self.word_starts = self.parser.word_starts
        self.lex = lexicons()
        self.cues = _cues()
        self.news = not doc._.meta.doc_type  # a text that states no type: a news item, most often
        issuer = doc._.meta.issuer
        offices = self.cues["relaying_offices"]
        relayed = self.news or \
            bool(issuer) and fold(issuer).startswith(tuple(offices))
        self.issuers = self.cues["issuers"] | ({fold(issuer)} if issuer else set()) | \
            (offices if relayed else set())
        if issuer and fold(issuer).startswith(tuple(self.cues["councils"])):  # a resolution
            self.issuers = self.issuers - self.cues["overseen_issuers"] | self.cues["councils"]
        self.ministries_speak = not issuer or \
            fold(issuer) not in agency_words()["government_issuers"]
        self.parents = {b.parent for b in doc._.blocks if b.parent is not None}

    def word_at(self, offset: int) -> int:
        """Index of the first word at or after a character offset."""
        return bisect_left(self.word_starts, offset)

    def is_issuer(self, addressees: list[Addressee]) -> bool:
        """Whether the addressees are the document's issuer or a body that gives directions (a
        ministry does, but in the Government's own documents)."""
        ministries, plural = agency_words()["ministries"], f" {agency_words()['plural']} "
        return bool(addressees) and all(
            fold(a.mention) in self.issuers or fold(a.agency) in self.issuers
            or _province_leader(a.mention)
            or (self.ministries_speak and fold(a.agency).startswith(ministries) and
                plural not in fold(a.mention))
            for a in addressees)

    def _skip_connectives(self, i: int, end_word: int) -> int:
        return past_connectives(self.words, i, end_word)

    def _after_byline(self, i: int, end_word: int) -> int:
        """Past the news outlet that opens an article's first sentence: "(KTSG Online) - ", or
        its name in capitals ("BDK.VN - ", "KTĐT - ": news6, calib, blind4)."""
        if i >= end_word:
            return i
        if self.words[i].norm == "(":
            closing = _closing_bracket(self.words, i, min(end_word, i + BYLINE_WORDS))
        else:
            closing = i
            while closing < min(end_word, i + BYLINE_WORDS) and \
                    (self.words[closing].text.isupper() or self.words[closing].norm == "."):
                closing += 1
        if i < closing < end_word and self.words[closing].norm in DASHES:
            return closing + 1
        return i

    def _after_fronted_clause(self, i: int, end_word: int) -> int:
        """Where the subject of a sentence opening with fronted clauses starts: after the first
        comma of each ("Để đạt được ..., trong thời gian tới, bên cạnh ..., các bộ ..."), or,
        when the clause is a condition ("nếu có khó khăn, vướng mắc, các đơn vị ..."), after the
        first comma or colon an agency follows; i when there is no fronted clause."""
        after = self._after_one_fronted_clause(i, end_word)
        while i < after < end_word and self.cues["fronted"].match(self.words, after):
            i, after = after, self._after_one_fronted_clause(after, end_word)
        return self._skip_connectives(after, end_word)

    def _after_one_fronted_clause(self, i: int, end_word: int) -> int:
        then = self._condition_then(i, end_word)
        if then is not None:
            return then
        if not self.cues["fronted"].match(self.words, i):
            return i
        commas = [j for j in range(i, min(end_word, i + FRONTED_REACH))  # or a colon: "Trường
                  if self.words[j].norm in (",", ":")]  # hợp hàng hóa, dịch vụ ...: Sở Y tế ..."
        if not commas:  # "Trong quá trình thực hiện nếu có vướng mắc các đơn vị báo cáo ..."
            return self._group_acting_in(self._condition_start(i, end_word) + 1, end_word) or i
        if self._directs_before(i, commas[0]):
            return i
        if not self.cues["conditions"].find_in(self.words, i, commas[-1]):
            ends = [j + 1 for j in commas if not self._continues_clause_list(i, j)] or \
                [commas[0] + 1]
            if self.parser.head_length(self._skip_connectives(ends[0], end_word)):
                return ends[0]
            group = self._group_acting_in(ends[0], end_word)  # "Trong quá trình thực hiện phát
            if group is not None:  # sinh khó khăn, vướng mắc các đơn vị kịp thời báo cáo ..."
                return group
            modal = next((m for j in commas if (m := self._modal_after(j, end_word))), None)
            if modal is not None or not self.cues["purposes"].match(self.words, i):
                return modal or ends[0]
            return self._purpose_subject(ends, end_word)
        after = [self._skip_connectives(j + 1, end_word) for j in commas]
        return next((k for k in after if self.parser.head_length(k)), None) or \
            next((g for k in after if (g := self._group_acting_in(k, end_word))), None) or \
            after[0]

    def _condition_start(self, i: int, end_word: int) -> int:
        """The word after a condition's cue (``conditions``: "nếu") within FRONTED_REACH words
        of word i, where a fronted clause without a comma states its condition; i when it
        states none."""
        for k in range(i, min(end_word, i + FRONTED_REACH)):
            if (length := self.cues["conditions"].match(self.words, k)):
                return k + length
        return i

    def _modal_after(self, comma: int, end_word: int) -> int | None:
        """Where a ``condition_modals`` word ("cần") stands within CONDITION_TAIL_WORDS words
        after a fronted clause's comma (word index ``comma``), no body named before it, in any
        case: the fronted clause ends there and the sentence opens with its action; None
        otherwise."""
        for k in range(comma + 1, min(end_word, comma + 1 + CONDITION_TAIL_WORDS)):
            if self.parser.head_length(k, any_case=True):
                return None
            if self.cues["condition_modals"].match(self.words, k):
                return k
        return None

    def _group_acting_in(self, i: int, end_word: int) -> int | None:
        """Where a group ("các ...") that an action follows starts within CONDITION_TAIL_WORDS
        words from word i (after a condition's comma), no mark or directive before it: the
        subject of a condition that runs on into it without a comma ("nếu có khó khăn, vướng
        mắc phát sinh các đơn vị phản ánh về Sở ...", plans17 P17_02; plans12 P12_07), not an
        object (``object_links``: "đề xuất của các cơ quan"); None when there is none."""
        for k in range(i, min(end_word, i + CONDITION_TAIL_WORDS)):
            if not self.words[k].norm[:1].isalnum() or \
                    self.parser.lexicon_at("directive", k):  # "yêu cầu các đơn vị": addressed
                return None
            if self.words[k].norm != self.parser.run_words["plural"] or \
                    not self.parser.head_length(k) or \
                    self.cues["object_links"].match(self.words, k - 1):
                continue
            named, after = self.parser.parse(k)
            return k if named and after < end_word and self.parser.is_action(after) else None
        return None

    def _condition_then(self, i: int, end_word: int) -> int | None:
        """The word after the ``condition_ends`` word ("thì") that closes a condition opening at
        word i before any comma, when a name follows it: "Trong trường hợp các hộ dân không bố trí
        được nơi tạm lánh thì Ủy ban nhân dân các xã bố trí lực lượng ..." (news9b N9_12); None
        otherwise."""
        if not self.cues["conditions"].match(self.words, i):
            return None
        after = self._condition_closed(i, end_word)
        return after if after is not None and self.parser.head_length(after) else None

    def _condition_closed(self, i: int, end_word: int, by_comma: bool = False) -> int | None:
        """The word after the ``condition_ends`` word ("thì") that closes the condition opening
        at word i, within FRONTED_REACH words and before any mark, or with ``by_comma`` after the
        first comma an action follows (the others list its objects); None otherwise."""
        for k in range(i, min(end_word, i + FRONTED_REACH)):
            mark = self.words[k].norm
            if by_comma and mark == "," and self.parser.lexicon_at("verbs", k + 1):
                return k + 1
            if mark in (";", ":", ".") or mark == "," and not by_comma:
                return None
            closing = self.cues["condition_ends"].match(self.words, k)
            if closing:
                return k + closing
        return None

    def _past_condition(self, after: int, end_word: int) -> int:
        """Past a condition between a subject and its action, up to the ``condition_ends`` word
        that closes it before any mark, or its comma before an action: "Các cơ quan liên quan
        khi nhận được yêu cầu phối hợp thì phải ...", "Các xóm sau khi hoàn thành điều tra, tổng
        hợp ..." (``inner_conditions``); ``after`` when there is none."""
        if not self.cues["inner_conditions"].match(self.words, after):
            return after
        closed = self._condition_closed(after, end_word, by_comma=True)
        return after if closed is None else closed

    def _purpose_subject(self, ends: list[int], end_word: int) -> int:
        """Where the subject of a purpose listing its aims starts ("Để nâng cao hiệu lực, hiệu
        quả ..., tăng cường ..., các Sở, ngành ... triển khai ...", plans11 P11_03; ``cues.yml``
        ``purposes``): after the first of its commas (word indices ``ends``, the words after
        them) that a group ("các ...") or a capitalised body follows, not past a directive with
        its addressee ("..., giao các Ban, Văn phòng ...") or another fronted phrase; else after
        its first comma."""
        for k in ends[1:]:
            if self._addresses_between(ends[0], k) or \
                    self.cues["fronted"].match(self.words, self._skip_connectives(k, end_word)):
                break
            if self._opens_named_subject(k):
                return k
        return ends[0]

    def _addresses_between(self, start_word: int, end_word: int) -> bool:
        """Whether a directive word followed by a body ("giao các Ban", not "giao thông") stands
        in ``[start_word, end_word)`` (word indices)."""
        directive = self.lex["directive"]
        return any(self.parser.head_length(k + directive.match(self.words, k))
                   for k in self.parser.phrase_starts((directive,), start_word, end_word))

    def _opens_named_subject(self, k: int) -> bool:
        """Whether a body named as a group ("các sở", "tất cả các trường học") or capitalised
        starts at word k."""
        return k < len(self.words) and (self.words[k].capitalised or
                                        self.words[k].norm == self.parser.run_words["plural"] or
                                        self.parser.lexicon_at("quantifiers", k) > 0) \
            and self.parser.head_length(k) > 0

    def _directs_before(self, i: int, comma: int) -> bool:
        """Whether a directive cue stands between a fronted phrase's start (word i) and its
        first comma: the phrase ran on into the sentence with no comma after it ("Tại buổi
        kiểm tra đồng chí yêu cầu xã ... không được chủ quan, lơ là ...", news8); a cue with no
        addressee is a noun ("Để thực hiện tốt yêu cầu trên, ...")."""
        return any(self._addressed(k, self._directive_at(k, issuer_spoke=False), comma)[0]
                   for k in self.parser.phrase_starts((self.lex["directive"],), i, comma))

    def _continues_clause_list(self, i: int, comma: int) -> bool:
        """Whether the comma at word ``comma`` only goes on with a list of bodies the fronted
        clause from word i names: "Trong thời hạn 03 ngày kể từ khi nhận được đề nghị của các cơ
        quan, đơn vị, Sở X cấp ..." — "các cơ quan" runs up to it, and a bare collective in lower
        case ("đơn vị") follows, so the subject comes after a later comma."""
        after = self.words[comma + 1] if comma + 1 < len(self.words) else None
        if after is None or after.capitalised \
                or not self.parser.lexicon_at("collectives", comma + 1):
            return False
        return any(self.words[p].norm == self.parser.run_words["plural"]
                   and p + self.parser.head_length(p) >= comma for p in range(i, comma))

    def _addressed_by_fronted_clause(self, i: int, end_word: int) -> Reading | None:
        """The agencies a fronted "Đối với ..." names when an action follows its ":" or ",":
        "Đối với các sở, ngành, đơn vị cấp tỉnh: Chủ động bố trí kinh phí ..." (``cues.yml``
        ``addressing``); None for any other clause."""
        length = self.cues["addressing"].match(self.words, i)
        if not length:
            return None
        named, after = self._without_speaker(*self.parser.parse(i + length), end_word)
        colon = next((k for k in range(after, min(end_word, after + COLON_QUALIFIER_WORDS + 1))
                      if self.words[k].norm == ":"), None)
        if named and colon and colon > after and \
                all(w.norm[0].isalnum() for w in self.words[after:colon]):
            # a qualifier the parse stopped at: "các Sở, ngành, đơn vị cấp Thành phố:"
            named = [self.parser.whole(named[0].start_char, self.words[colon - 1].end_char)]
            after = colon
        if not named or after + 1 >= end_word or self.words[after].norm not in (",", ":"):
            return None
        action_word = self._past_holders(self._past_bare_directive(
            self._skip_connectives(after + 1, end_word), end_word), end_word)
        if not self.cues["actions"].match(self.words, action_word):
            return None
        return Reading(Assignment(named, lead_evidence="subject"), action_word)

    def _fronted_subject(self, i: int, end_word: int) -> Reading | None:
        """The one addressee a fronted "Đối với ..." names when an obligation follows it with no
        comma between, its subject: "Đối với UBND các xã, phường phải rà soát ..." (news23;
        ``cues.yml`` ``addressing``, ``obligation``); None otherwise. Its commas part the names
        of one list, so the clause is no fronted one that ends at the first."""
        length = self.cues["addressing"].match(self.words, i)
        named, after = self.parser.parse(i + length) if length else ([], i)
        if len(named) != 1 or after >= end_word or \
                not self.cues["obligation"].match(self.words, after):
            return None
        return Reading(Assignment(named, lead_evidence="subject"), after)

    def _past_holders(self, i: int, end_word: int) -> int:
        """Past the holders of the bodies a fronted "Đối với" names, in lower case: "Đối với các
        cơ quan Trung ương ..., thủ trưởng cơ quan, đơn vị bám sát ..." (a title, then collective
        words); i when none opens at word i."""
        title = self.parser.lexicon_at("titles", i)
        if not title:
            return i
        k = i + title
        while k < end_word and (self.words[k].norm == "," or
                                self.parser.lexicon_at("collectives", k)):
            k += self.parser.lexicon_at("collectives", k) or 1
        return k if k > i + title else i

    def _without_speaker(self, named: list[Addressee], after: int,
                         end_word: int) -> tuple[list[Addressee], int]:
        """The names a fronted "Đối với" lists and the word after them, less the speaker the
        parse ran on into ("các sở, ban, ngành, Chủ tịch UBND tỉnh" before "yêu cầu"), whose
        directive ``_past_bare_directive`` steps over."""
        said = self._directive_at(self._skip_adverbs(after, end_word), issuer_spoke=True)
        if len(named) < 2 or not said:
            return named, after
        comma = self.word_at(named[-1].start_char) - 1
        return (named[:-1], comma) if self.words[comma].norm == "," else (named, after)

    def _past_bare_directive(self, i: int, end_word: int) -> int:
        """Past a speaker and its directive cue with no addressee of its own, when words
        ``[i, end_word)`` open so ("Đối với các sở, ngành, Chủ tịch UBND tỉnh yêu cầu khẩn
        trương rà soát ...": the fronted "Đối với" names whom it addresses); i otherwise."""
        speaker, after = self.parser.parse(i)
        if not speaker or after >= end_word:
            return i
        cue_word = self._skip_adverbs(after, end_word)
        length = self._directive_at(cue_word, issuer_spoke=True)
        return cue_word + length if length else i

    def _directive_at(self, i: int, issuer_spoke: bool) -> int:
        """Length in words of the directive cue at word i, 0 if none: a ``directive``, or, said
        by an issuer, an ``issuer_directive``, the longer one when no agency follows the shorter
        ("Thủ tướng giao nhiệm vụ cho Bộ Công an ...": "giao" is followed by "nhiệm vụ"), or a
        ``letter_directive`` whose addressees an action follows. None inside a meeting's name
        ("họp giao ban giữa các phòng": ``cues.yml`` ``meetings``)."""
        if self._names_meeting(i):
            return 0
        length = self.parser.lexicon_at("directive", i) or self._letter_directive_at(i)
        if not issuer_spoke:
            return length
        longer = self.parser.lexicon_at("issuer_directive", i)
        if longer > length and not self.parser.head_length(i + length, any_case=True):
            return longer
        return length or longer

    def _names_meeting(self, i: int) -> bool:
        """Whether a ``meetings`` phrase starts at word i, its later words in lower case ("giao
        ban", not "giao Ban An toàn giao thông")."""
        length = self.cues["meetings"].match(self.words, i)
        return bool(length) and not any(w.capitalised for w in self.words[i + 1:i + length])

    def _letter_directive_at(self, i: int) -> int:
        """Length in words of a letter cue at word i when an action or an obligation follows its
        addressees ("có văn bản gửi các sở, ngành chấn chỉnh ...", "có yêu cầu gửi các doanh
        nghiệp cần ..."), 0 otherwise: "có văn bản gửi Sở Y tế, Sở Tài chính." only says where
        the letter went (``cues.yml`` ``letter_directive``)."""
        length = self.parser.lexicon_at("letter_directive", i)
        if not length:
            return 0
        named, after = self.parser.parse(i + length)
        acts = self.parser.lexicon_at("verbs", after) or \
            self.cues["obligation"].match(self.words, after)
        return length if named and acts else 0

    def _issuer_spoke(self, cue_word: int) -> bool:
        """Whether an issuer speaks right before the cue at ``cue_word``: its last syllable is an
        ``issuer_endings`` one, before speaker adverbs and a capitalised place or person name
        ("Chủ tịch UBND tỉnh Thanh Hóa đã có chỉ đạo ..."), or the sentence's speaker goes on
        (``speaker_going_on``: "..., đồng thời chỉ đạo UBND các xã ...")."""
        k = cue_word - 1
        while k >= 0 and self.words[k].norm in self.cues["speaker_adverbs"]:
            k -= 1
        if self._closes_apposition(k):
            return self._issuer_spoke(k)
        assent = self._assent_before(k)
        if assent is not None:
            return self._issuer_spoke(assent)
        if any(self.cues["speaker_going_on"].match(self.words, m) == k + 1 - m
               for m in range(max(0, k - 2), k + 1)):
            return True
        named_end, named_from = k + 1, max(0, k - SPEAKER_NAME_WORDS)
        while k > named_from and self.words[k].capitalised:
            k -= 1
        return k >= 0 and self.words[k].norm in self.cues["issuer_endings"] or \
            not self.words[cue_word].capitalised and self._leader_named(named_end)

    def _assent_before(self, k: int) -> int | None:
        """Where the speaker's assent starts when word k is the comma after it ("đã thống nhất,"
        before "chỉ đạo ...", ``speaker_assents``), else None."""
        if k < 1 or self.words[k].norm != ",":
            return None
        return next((m for m in range(max(0, k - 2), k)
                     if self.cues["speaker_assents"].match(self.words, m) == k - m), None)

    def _closes_apposition(self, k: int) -> bool:
        """Whether word k is the comma closing a speaker's title set off by commas after their
        name: "Ông Phạm Anh Tuấn, Chủ tịch UBND tỉnh Bình Định, đã giao ..." (news23)."""
        if k < 1 or self.words[k].norm != ",":
            return False
        opening = next((m for m in range(k - 1, max(-1, k - 2 * SPEAKER_NAME_WORDS), -1)
                        if self.words[m].norm == ","), None)
        return opening is not None and bool(self.parser.titles_length(opening + 1))

    def _leader_named(self, named_end: int) -> bool:
        """Whether a leader named in person ends right before word ``named_end``: a person
        (``persons``) or a head that gives directions (``directing_heads``) before a capitalised
        name: "Ông Tuyến chỉ đạo Sở ...", "Phó Chủ tịch Trần Văn Nam chỉ đạo ..." (news10
        N10_04), as news names the issuer's leader once it has introduced them. The cue is
        in lower case: "thường trực Ban Chỉ đạo các cấp" names a body."""
        for m in range(max(0, named_end - SPEAKER_NAME_WORDS), named_end):
            head = self.parser.lexicon_at("persons", m) or \
                self.cues["directing_heads"].match(self.words, m)
            if head and m + head < named_end and \
                    all(w.capitalised for w in self.words[m + head:named_end]):
                return True
        return False

    def _is_past(self, i: int) -> bool:
        return any(self.cues["past"].match(self.words, k) for k in range(max(0, i - 2), i + 2)
                   if k < len(self.words))

    def _directs_someone(self, cue_word: int, end_word: int) -> bool:
        """Whether a directive cue at ``cue_word`` names its addressees."""
        length = self._directive_at(cue_word, issuer_spoke=True)
        return bool(length) and bool(self._addressed(cue_word, length, end_word)[0])

    def _addressed(self, cue_word: int, length: int, end_word: int) -> tuple[list[Addressee], int]:
        """The addressees of the directive cue at ``cue_word`` and the word after them, with
        the groups of the cues that follow it: "đề nghị các Đại sứ quán, yêu cầu các sở, ngành
        cử đầu mối ..." addresses both groups; ([], word after the cue) when none."""
        j = cue_word + length
        if j < end_word and self.words[j].norm in (",", ":"):  # "Đề nghị: Sở Y tế ..."
            j += 1
        if j + 1 < end_word and self.words[j].norm.isdigit() and self.words[j + 1].norm == "%":
            j += 2  # a share of the addressees: "yêu cầu 100% các cơ sở tiêm chủng ..."
        addressing = self.cues["addressing"].match(self.words, j)
        if addressing and self.parser.head_length(j + addressing, any_case=True):
            j += addressing  # "yêu cầu, đối với các địa phương miền núi ... cần ..." (news44)
        adverb = self.cues["addressee_adverbs"].match(self.words, j)
        if adverb and (self.parser.head_length(j + adverb) or self._unit_addressed(j + adverb)[0]):
            j += adverb  # "đề nghị trong thời gian tới xã Tú Trĩ cần ..."
        if not self.parser.head_length(j):  # "yêu cầu: từ ngày 30/4 đến hết ngày 03/5, các ..."
            fronted, after_clause = self.cues["fronted"].match(self.words, j), \
                self._after_fronted_clause(j, end_word)
            if fronted and after_clause == j:  # no comma ends it: "yêu cầu sau khi kết thúc Đại
                # hội các đơn vị hoàn chỉnh báo cáo ..." (news30)
                after_clause = self._group_acting_in(j + fronted, end_word) or j
            j = after_clause
        leads, after = self.parser.parse(j)
        if not leads:
            leads, after = self._unit_addressed(j)
        if not leads or after > end_word:
            return [], j
        leads, after = self._members_listed(leads, after, end_word)
        if after + 1 < end_word and self.words[after].norm == ",":
            next_cue = self.parser.lexicon_at("directive", after + 1)
            more, more_after = self._addressed(after + 1, next_cue, end_word) if next_cue \
                else ([], after)
            if more:
                return leads + more, more_after
        return leads, after

    def _members_listed(self, named: list[Addressee], after: int,
                        end_word: int) -> tuple[list[Addressee], int]:
        """The members a group addressed lists after a ``members`` cue ("các cơ quan hành
        chính, sự nghiệp gồm: Phòng Văn hóa và Thông tin huyện; phòng Giáo dục ...", news43):
        they are the addressees, with the word after them; ``(named, after)`` when no such list
        follows."""
        cue = self.cues["members"].match(self.words, after)
        if not cue or not self._groups_only(named):
            return named, after
        start = after + cue + (after + cue < end_word and self.words[after + cue].norm == ":")
        members, past = self.parser.parse(start, any_case=True)
        return (members, past) if members and past <= end_word else (named, after)

    def _scan_for_directive(self, i: int, end_word: int) -> Reading:
        """The first directive cue of words ``[i, end_word)`` with its addressees, else an agency
        assigned in the passive. A cue inside a passive ("được giao", ``cues.yml`` ``passive``)
        addresses nobody after it: it says what was assigned to whom came before."""
        directives = (self.lex["directive"], self.lex["issuer_directive"],
                      self.lex["letter_directive"])  # the lexicons ``_directive_at`` reads
        for k in self.parser.phrase_starts(directives, i, end_word):
            if k > i and self.cues["passive"].match(self.words, k - 1):
                continue  # "... nhiệm vụ chính trị được giao, Tổng cục Thuế đề nghị ..."
            issuer_spoke = bool(self.parser.lexicon_at("issuer_directive", k)) and \
                self._issuer_spoke(k)
            length = self._directive_at(k, issuer_spoke)
            if not length:
                continue
            leads, after = self._addressed(k, length, end_word)
            if not leads or self._advised(i, k):
                continue
            if self._staff_only(leads) and self.cues["staffing"].match(self.words, k) and \
                    self.cues["actions"].match(self.words, i):
                return Reading(action_word=i)  # "Bố trí, phân công cán bộ trực ...": the lead
                # above puts its own staff on the work (news22), as "Phân công cán bộ ..." does
            if self.cues["meeting_reports"].find_in(self.words, i, k):
                return Reading(past=True)  # the agenda of a meeting held: "... tổ chức họp
                # cho ý kiến về quy chế hoạt động, phân công thành viên, ..."
            spoken = self._spoken_by_agency(i, k)
            if not spoken and self._is_past(k) and self.parser.lexicon_at("verbs", i):
                # "Chủ trì, rà soát lại các nhiệm vụ UBND tỉnh đã giao cho ...": an old
                # assignment inside a subject-less clause, which continues the previous lead
                return Reading()
            return self._directed(leads, after, i, k, spoken)
        passive = self._passive_subject(i, end_word)
        return passive if passive.assignment.leads else self._passive_agent(i, end_word)

    def _advised(self, i: int, cue_word: int) -> bool:
        """Whether the speaker of the directive cue at ``cue_word`` is the object of advice
        (``cues.yml`` ``advising``): "Tham mưu UBND tỉnh chỉ đạo các ngành ..." proposes the
        directive, so its addressees are no leads."""
        for k in range(max(i, cue_word - ADVISED_REACH), cue_word):
            length = self.cues["advising"].match(self.words, k)
            if length:
                speaker, after = self.parser.parse(k + length)
                if speaker and self._skip_adverbs(after, cue_word) == cue_word:
                    return True
        return False

    def _passive_subject(self, i: int, end_word: int) -> Reading:
        """An agency assigned in the passive inside the clause: "một trong những việc mà Cục
        Chuyển đổi số quốc gia được giao là tổ chức hội nghị ..." (``cues.yml`` ``passive``)."""
        if not self.parser.phrase_starts((self.cues["passive"],), i + 1, end_word + 1):
            return Reading()  # no cue to follow a name (the last word may follow adverbs)
        for k in self.parser.capitalised_between(i, end_word):
            if not self.parser.head_length(k):
                continue
            named, after = self.parser.parse(k)
            cue_word = self._skip_adverbs(after, end_word)
            if named and after < end_word and self.cues["passive"].match(self.words, cue_word):
                return Reading(Assignment(named, lead_evidence="subject"), after,
                               past=self._is_past(cue_word))
        return Reading()

    def _passive_agent(self, i: int, end_word: int) -> Reading:
        """The agent of a clause in the passive that opens with what is done, no action: "Cơ
        cấu thành phần Ban Chỉ đạo các cấp do Bộ Quốc phòng hướng dẫn thực hiện" (``cues.yml``
        ``passive_agent``: the agency after a cue, right before one of its actions). An empty
        reading for a clause that opens with an action ("Triển khai các nội dung do Bộ Y tế
        hướng dẫn": the heading's body acts, as Bộ Y tế guided)."""
        if self.cues["actions"].match(self.words, i):
            return Reading()
        for k, length in self.parser.find(self.cues["agent_cues"], i + 1, end_word):
            named, after = self.parser.parse(k + length)
            if named and after < end_word and self.cues["agent_actions"].match(self.words, after):
                return Reading(Assignment(named, lead_evidence="subject"), after,
                               past=self._is_past(after))
        return Reading()

    def _directed(self, leads: list[Addressee], after: int, speaker_word: int, cue_word: int,
                  spoken: bool) -> Reading:
        """The reading of a directive cue at ``cue_word`` addressing ``leads``, said by the
        words ``[speaker_word, cue_word)``. Said by an agency right before the cue, a directive
        reported in the past tense ("UBND tỉnh đã yêu cầu Sở Y tế ...") still is the directive;
        found further in, after "đã" it reports an old assignment."""
        speaker = " ".join(w.norm for w in self.words[speaker_word:cue_word])
        target = self.word_at(leads[0].start_char)
        upward = any(targets.match(self.words, target) and any(s in speaker for s in speakers)
                     for targets, speakers in self.cues["upward"])
        return Reading(Assignment(leads, lead_evidence="directive"), after,
                       past=not spoken and self._is_past(cue_word), upward=upward)

    def _spoken_by_agency(self, i: int, cue_word: int) -> bool:
        """Whether the words before a directive cue, from the clause's last comma, are an
        agency and speaker adverbs ("Trước tình hình ..., UBND tỉnh đã yêu cầu"), or an issuer's
        leaders (``_issuer_spoke``: "Qua kiểm tra, lãnh đạo xã đã chỉ đạo các thôn ..."). With
        no comma to close a fronted clause, an agency named in capitals right before the cue
        speaks too: "Qua kiểm tra Tổ công tác liên ngành ... huyện đã đề nghị các xã ...", unless
        the clause opens with a task's action, the agency's words then a relative clause of its
        object ("Rà soát các nhiệm vụ UBND tỉnh đã giao cho ...")."""
        start = max((k + 1 for k in range(i, cue_word) if self.words[k].norm == ","), default=i)
        if start > i and self._skip_adverbs(start, cue_word) == cue_word and \
                self._closes_apposition(start - 1):
            return self._spoken_by_agency(i, start - 1)
        speaker, after = self.parser.parse(start)
        if speaker:
            return self._skip_adverbs(after, cue_word) == cue_word
        if self.parser.titles_length(start):
            return self._issuer_spoke(cue_word)
        if self.cues["actions"].match(self.words, start):
            return False
        return any(self._skip_adverbs(after, cue_word) == cue_word
                   for m in self.parser.capitalised_between(start + 1, cue_word)
                   for named, after in [self.parser.parse(m)] if named)

    def _staff_only(self, addressees: list[Addressee]) -> bool:
        """Whether every addressee is a body's staff, named by a ``people`` word ("cán bộ tư
        vấn", "công chức văn hóa - xã hội"), or by a ``group_titles`` word and its comma before
        one ("lãnh đạo, cán bộ trực cơ quan", news49), no body of its own."""
        return all(self._names_staff(self.word_at(a.start_char)) for a in addressees)

    def _names_staff(self, k: int) -> bool:
        """Whether the addressee opening at word k names staff (``_staff_only``), after its
        "các" if any ("các tổ chức thành viên", news47)."""
        k += self.words[k].norm == self.parser.run_words["plural"]
        people = self.parser.lexicon_at("people", k)
        title = self.parser.lexicon_at("group_titles", k)
        return bool(people) or bool(title) and self.words[k + title].norm == "," and \
            bool(self.parser.lexicon_at("people", k + title + 1))

    def sentence(self, start_char: int, end_char: int) -> Reading:
        """Who leads and who supports in the clause ``[start_char, end_char)``."""
        i, end_word = self.word_at(start_char), self.word_at(end_char)
        colon = self._label_colon(i, end_word)
        if colon is not None and self._lists_bodies(colon, end_word):
            return Reading(listing=True)
        i = self._after_byline(i, end_word)
        earlier = bool(self.cues["earlier"].match(self.words, i))
        fronted_at = i
        i = self._skip_connectives(i, end_word)
        conditional = bool(self.cues["conditions"].match(self.words, i))
        opening = i
        i = self._after_fronted_clause(i, end_word)
        conditional = conditional or bool(self.cues["conditions"].match(self.words, i)) or \
            self.cues["conditions"].find_in(self.words, opening, i)  # "Trong quá trình thực
        # hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo ...": the lead's before
        reading = self._fronted_subject(opening, end_word) or self._leads(i, end_word)
        if not reading.assignment.leads:
            reading = self._addressed_by_fronted_clause(opening, end_word) or reading
        if not reading.assignment.leads and colon is not None:  # "Thanh tra chuyên ngành: UBND
            labelled = self._leads(colon + 1, end_word)  # các huyện làm đầu mối ...": a topic label
            reading = labelled if labelled.assignment.leads else reading
        if not reading.assignment.leads:
            reading = self._after_reporting_colon(opening, end_word) or reading
        reading.past = reading.past or earlier or self._appeals_to_public(i) or \
            self._reports_period(fronted_at, reading) or \
            self._reports_event(fronted_at, end_word, reading) or \
            not (reading.assignment.leads or conditional) and self._narrated(opening, end_word)
        reading.assignment.supports = self.supports(
            reading.action_word or i, end_word, reading.assignment.leads)
        # "Theo dõi, giám sát ..." opens with an action, "Theo kế hoạch, ..." with a boundary
        reading.opens_with_action = conditional or \
            self.cues["actions"].match(self.words, i) > self.parser.lexicon_at("boundaries", i)
        if i > opening and not reading.assignment.leads and \
                self.cues["condition_modals"].match(self.words, i):
            reading.action_word = i  # "Khi có thiệt hại ..., vật nuôi cần nhanh chóng ..."
        return reading

    def _appeals_to_public(self, i: int) -> bool:
        """Whether a news item's clause has the residents or the households as its subject at
        word i (``cues.yml`` ``households``): an appeal to the public, no task."""
        return self.news and bool(self.cues["households"].match(self.words, i))

    def _narrated(self, i: int, end_word: int) -> bool:
        """Whether a clause that names no body opens, within NARRATED_WORDS words of word i and
        no comma between, with a person (``agency_patterns.yml`` ``persons``: the speaker
        named again) and then a past marker (``cues.yml`` ``past``): "Tiếp đó đồng chí cũng
        đã đến kiểm tra hồ ..." tells the visit on, it is no work for the lead before (news41)."""
        reach = min(end_word, i + NARRATED_WORDS)
        person = next((k for k in range(i, reach) if self.words[k].norm == "," or
                       self.parser.lexicon_at("persons", k)), None)
        if person is None or self.words[person].norm == ",":
            return False
        return any(self.cues["past"].match(self.words, k)
                   for k in range(person + 1, min(end_word, person + NARRATED_WORDS)))

    def _reports_period(self, i: int, reading: Reading) -> bool:
        """Whether the clause opens at word i with a period up to now and its comma ("Hiện nay,",
        ``cues.yml`` ``report_periods``) and its lead is a subject under no obligation: how the
        subject fared ("Hiện nay, các xã đều tích cực tham gia ..."), not what it must do."""
        length = self.cues["report_periods"].match(self.words, i)
        if not length or i + length >= len(self.words) or self.words[i + length].norm != ",":
            return False
        return self._acts_unobliged(reading)

    def _reports_event(self, i: int, end_word: int, reading: Reading) -> bool:
        """Whether the clause from word i to ``end_word`` opens or closes at a meeting or
        ceremony (``cues.yml`` ``event_openers``: "Tại buổi lễ, ...", "... báo cáo nội dung liên
        quan tại hội nghị.") and its lead is a subject under no obligation: what was said or
        done there, not what must be done."""
        last = end_word
        while last > i and not self.words[last - 1].norm[0].isalnum():
            last -= 1
        at_event = self.cues["event_openers"].match(self.words, i) or any(
            self.cues["event_openers"].match(self.words, k) == last - k
            for k in range(max(i, last - EVENT_WORDS), last))
        return bool(at_event) and self._acts_unobliged(reading)

    def _acts_unobliged(self, reading: Reading) -> bool:
        """Whether the reading's lead is its subject, acting under no obligation."""
        action = reading.action_word
        if reading.assignment.lead_evidence != "subject" or action is None:
            return False
        return not self.cues["obligation"].match(self.words,
                                                 self._skip_adverbs(action, len(self.words)))

    def _issues_document(self, i: int) -> bool:
        """Whether the action at word i issues a numbered document, the speaker's own act ("ban
        hành Quyết định 3526/QĐ-UBND ...", ``cues.yml`` ``issued_document``)."""
        return i < len(self.words) and bool(self.cues["issued_document"].match(
            self.doc._.folded, self.words[i].start_char))

    def clauses(self, start_char: int, end_char: int) -> list[tuple[int, int, Reading]]:
        """The sentence ``[start_char, end_char)`` as (start_char, end_char, reading) clauses:
        split at a ";" (or a ``_joints`` comma, the second clause starting after its joint word)
        when both sides name who acts, the second before any action of its own (one that opens
        with an action goes on with the first's lead, whomever it asks in turn: "...; triển khai
        các giải pháp, nhắc nhở, yêu cầu cán bộ ... thực hiện"), and the first has its action
        ("Giao Sở Tài chính thẩm định ...; Sở Giáo dục và Đào tạo tập huấn ..." gives different
        leads different actions, ANNOTATION.md §1 granularity). A ";" between office holders of
        one execution clause splits nothing: the part before it has no action; nor does a ";"
        ending the part at its supports ("chủ trì, phối hợp với Sở Tư pháp; UBND các huyện rà
        soát ..."): it separates the bodies that help; nor does a ";" inside the addressee list
        of a directive ("giao các cơ quan trực thuộc UBND huyện; UBND các xã, thị trấn phân
        công ..."): the directive read over the rest of the sentence names addressees past it."""
        read = cache(self.sentence)  # each ";" would read the clause after it again
        found = []
        for semicolon, right_start in self._joints(start_char, end_char):
            if self._addresses_past(read(start_char, end_char), semicolon):
                continue
            left = read(start_char, semicolon)
            supports = left.assignment.supports
            if supports and not self.doc._.text[supports[-1].end_char:semicolon].strip():
                continue
            acts = left.assignment.leads and left.action_word is not None and \
                left.action_word < self.word_at(semicolon)
            bare_comma = self.doc._.text[semicolon] == "," and right_start == semicolon + 1
            if bare_comma and not (acts and self._ends_own_action(left, semicolon)):
                continue
            right = read(right_start, end_char)
            if right.assignment.leads and not self._asks_in_turn(right, right_start, end_char) \
                    and (acts or self._goes_on_then_directs(left, right_start, end_char)):
                found.append((start_char, semicolon, left))
                start_char = right_start
        return [*found, (start_char, end_char, read(start_char, end_char))]

    def _asks_in_turn(self, reading: Reading, start_char: int, end_char: int) -> bool:
        """Whether the clause ``[start_char, end_char)`` opens with an action that is no
        directive ("triển khai các giải pháp, nhắc nhở, yêu cầu cán bộ ..."): the leads read in it
        are whom the subject before it asks in turn."""
        i = self._skip_connectives(self.word_at(start_char), self.word_at(end_char))
        return reading.opens_with_action and not self._directive_at(i, issuer_spoke=False) and \
            reading.assignment.leads[0].start_char > self.words[i].start_char  # "Phòng Tài chính"

    def _goes_on_then_directs(self, left: Reading, right_start: int, end_char: int) -> bool:
        """Whether the part before a ";" names no lead and opens with an action (it goes on with
        the previous task) and the part after it opens with a directive of its own: "Tiếp tục
        tuyên truyền ...; Giao công chức Văn hóa – Xã hội ... tham mưu ..." (news9b N9_02) is
        two tasks."""
        i = self._skip_connectives(self.word_at(right_start), self.word_at(end_char))
        return not left.assignment.leads and left.opens_with_action and \
            bool(self._directive_at(i, issuer_spoke=False))

    @staticmethod
    def _addresses_past(reading: Reading, semicolon: int) -> bool:
        """Whether a clause's reading is a directive with an addressee before and after the ";"
        at character offset ``semicolon``."""
        whole = reading.assignment
        return whole.lead_evidence == "directive" and \
            any(lead.start_char < semicolon for lead in whole.leads) and \
            any(lead.start_char > semicolon for lead in whole.leads)

    def _joints(self, start_char: int, end_char: int) -> list[tuple[int, int]]:
        """(split, start of the next clause) character offsets where a sentence may split into
        clauses of their own subjects: each ";", each "," before a ``cues.yml`` ``joints``
        word, the next clause starting after it ("..., trong khi Sở KH-CN chủ trì ..."), each
        ``directive_joints`` phrase before a directive (``_directive_joint``), and each ","
        before a known body's name ("Phòng Kinh tế – hạ tầng thẩm định về nội dung, Phòng Tài
        chính - Kế hoạch thẩm định kinh phí", news21)."""
        first, last = self.word_at(start_char), self.word_at(end_char)
        found = []
        # the words where a joint can be: a mark or the start of a directive_joints phrase
        for k in self.parser.phrase_starts((JOINT_MARKS, self.cues["directive_joints"]),
                                           first, last):
            comma = self.words[k].norm == ","
            joint = comma and self.cues["joints"].match(self.words, k + 1) or \
                self._directive_joint(k)
            named = comma and k + 1 in self.parser.known
            if self.words[k].norm == ";" or joint or named:
                after = self.words[k + joint - (not comma)].end_char if joint else \
                    self.words[k].end_char
                found.append((self.words[k].start_char, after))
        return found

    def _directive_joint(self, k: int) -> int:
        """Length in words of a ``directive_joints`` phrase at word k (after its comma, if one
        is at k) when a directive cue follows it, 0 otherwise: "... và yêu cầu đơn vị thi công
        ...", "..., đồng thời đề nghị ..." may open a second assignment."""
        comma = self.words[k].norm == ","
        length = self.cues["directive_joints"].match(self.words, k + comma)
        if not length or not self._directive_at(k + comma + length, issuer_spoke=False):
            return 0
        return length

    def _ends_own_action(self, left: Reading, comma: int) -> bool:
        """Whether the comma at character offset ``comma`` closes the action of the subject
        before it, one phrase naming no body: "Phòng A thẩm định về nội dung," but not "Sở A
        hướng dẫn Sở Y tế," (its objects go on) nor "... cử cán bộ, công chức," (a list)."""
        action, end = left.action_word or 0, self.word_at(comma)
        return left.assignment.lead_evidence == "subject" and \
            not any(self.words[k].norm == "," or self.parser.head_length(k)
                    for k in range(action, end))

    def _first_colon(self, start_word: int, end_word: int) -> int | None:
        """The word index of the first ":" in words ``[start_word, end_word)``, None if none."""
        return next((k for k in range(start_word, end_word) if self.words[k].norm == ":"), None)

    def _label_colon(self, i: int, end_word: int) -> int | None:
        """The word index of the colon that ends a short label opening the clause, if any; a
        speaker's "Công văn nêu rõ:" is no label (what follows is reported, not assigned)."""
        colon = self._first_colon(i, min(end_word, i + LABEL_WORDS))
        if colon is None or self.cues["reporting"].find_in(self.words, i, colon):
            return None
        return colon

    def _member_label(self, i: int, end_word: int) -> int | None:
        """The word index of the colon after a board member's label at word i, "Đồng chí Phó
        Trưởng phòng Văn hóa - Xã hội - Phó Trưởng tiểu ban Thường trực:": whoever it names, then a
        dash and their place on the board (``agency_patterns.yml`` ``member_roles``); None for
        any other label."""
        colon = self._first_colon(i, min(end_word, i + MEMBER_LABEL_WORDS))
        dashes = [k for k in range(i + 1, colon or i) if self.words[k].norm in DASHES]
        if not dashes:
            return None
        role = self.parser.lexicon_at("member_roles", dashes[-1] + 1)
        return colon if role and dashes[-1] + 1 + role == colon else None

    def _duty_label(self, i: int, after: int, end_word: int) -> int | None:
        """The word index of the colon after a group named in words the parser stops in, when an
        obligation opens what follows it: "3. Các cơ quan thông tin, tuyên truyền và báo chí của
        thành phố Hà Nội: có trách nhiệm ..." (notices13 N13_05; "thông tin" is also a verb);
        None otherwise, and when a directive cue comes before the colon: "Chủ tịch UBND xã đề
        nghị trong thời gian tới: cần ..." is a speaker's frame (news43)."""
        # past the words the parser read: it stopped short of the colon
        colon = self._first_colon(after + 1, min(end_word, i + MEMBER_LABEL_WORDS))
        if colon is None or colon + 1 >= end_word or \
                not self.cues["obligation"].match(self.words, colon + 1) or \
                self.cues["obligation"].find_in(self.words, after, colon) or \
                any(self._directive_at(k, issuer_spoke=True) for k in range(after, colon)):
            return None
        return colon

    def _named_to_colon(self, i: int, leads: list[Addressee], after: int,
                        colon: int) -> list[Addressee]:
        """The leads a duty label names up to its colon (``_duty_label``): those the parser read
        and, after their comma or "và", the rest as one more when they are a list of bodies and
        a body's head opens it ("Sở Tài chính, Sở Xây dựng và đơn vị liên quan: Có trách nhiệm
        ..."), else one group up to the colon ("Các cơ quan thông tin, tuyên truyền và báo chí
        ...: có trách nhiệm ...")."""
        if len(leads) > 1 and after + 1 < colon and \
                self.words[after].norm in (",", self.parser.run_words["conjunction"]) and \
                self.parser.head_length(after + 1, any_case=True):
            return leads + [self.parser.whole(self.words[after + 1].start_char,
                                              self.words[colon].start_char)]
        return [self.parser.whole(self.words[i].start_char, self.words[colon].start_char)]

    def _lists_bodies(self, colon: int, end_word: int) -> bool:
        """Whether nothing but names follows a label's colon: "Danh nghĩa tổ chức: Thành ủy, Hội
        đồng nhân dân thành phố." states who is involved and asks nothing."""
        named, after = self.parser.parse(colon + 1)
        while after < end_word and self.words[after].norm in (".", ";"):
            after += 1
        return bool(named) and after >= end_word

    def _leads(self, i: int, end_word: int) -> Reading:
        if i and self.words[i - 1].norm == ":" and self.cues["remit_ends"].match(self.words, i):
            # "X: có trách nhiệm ... đề nghị UBND Thành phố xét tặng ...": the label's own duty
            return Reading(action_word=i)
        # "Chỉ đạo X ..." under a heading is its action
        length = self._directive_at(i, issuer_spoke=False)
        if length:
            leads, after = self._addressed(i, length, end_word)
            if leads and self._staff_only(leads) and self.cues["own_staffing"].match(self.words, i):
                return Reading(action_word=i)
            if leads:
                return Reading(Assignment(leads, lead_evidence="directive"), after)
        subject, after = self.parser.parse(i)
        if not subject or after > end_word:
            return self._collective_subject(i, end_word) or self._scan_for_directive(i, end_word)
        subject, after = self._past_apposition(subject, after, end_word)
        after = self._past_bracket(subject, self.parser.past_parent(after), end_word)
        after = self._run_past_bracket(subject, after, end_word)
        after = self._past_remit(after, end_word)
        after = self._past_emphasis(after, end_word)
        after += self.cues["residents"].match(self.words, after)
        after = self._past_condition(after, end_word)
        issuer = self.is_issuer(subject)
        if not issuer and self.cues["scoped_remits"].match(self.words, after):
            # "Sở Y tế đối với các cơ sở y tế tư nhân, tăng cường kiểm tra ...": its duty there
            return Reading(Assignment(subject, lead_evidence="subject"), after)
        cue_word = self._skip_adverbs(after, end_word)
        # a group speaks no news: "Các sở, ngành thông báo các nội dung ... đến cán bộ" is its task
        reported = not self._groups_only(subject) and \
            self.cues["reporting"].match(self.words, cue_word)
        if reported:  # "X nhấn mạnh: các sở, ngành cần ...": the reported clause may hold a task
            return self._reported_clause(cue_word + reported, end_word)
        if self._proposes(cue_word):
            return Reading(Assignment(subject, lead_evidence="subject"), after, upward=True)
        if self._reports_meeting(cue_word, end_word):
            return Reading(past=True)
        # an issuer named with its place: "Chủ tịch UBND tỉnh Nghệ An đã có chỉ đạo ..."
        named_issuer = cue_word < end_word and self.words[after - 1].capitalised and \
            self._issuer_spoke(cue_word)
        length = self._directive_at(cue_word, issuer or named_issuer)
        if length:
            leads, after_object = self._addressed(cue_word, length, end_word)
            if leads and not issuer and self._staff_only(leads) and \
                    self.cues["staffing"].match(self.words, cue_word):
                # "UBND các xã, phường phân công cán bộ theo dõi ...": a body directing its
                # own staff does the work itself (plans14 P14_07)
                return Reading(Assignment(subject, lead_evidence="subject"), after)
            if leads:
                return self._directed(leads, after_object, i, cue_word, spoken=True)
        if cue_word > after and self.cues["passive"].match(self.words, cue_word):
            # "Sở ... vừa được giao chủ trì ...": assigned, an adverb between
            return Reading(Assignment(subject, lead_evidence="subject"), after,
                           past=self._is_past(cue_word))
        stated = self._stated(after, end_word)
        if stated is not None:
            return stated
        if issuer and not self.cues["obligation"].match(self.words, cue_word):
            directed = self._scan_for_directive(after, end_word)
            if directed.assignment.leads or not self._acts_itself(subject, cue_word):
                return directed
        if self._issues_document(cue_word):  # its own act, and a directive in it if any
            directed = self._scan_for_directive(after, end_word)
            return directed if directed.assignment.leads else Reading(past=True)
        if after < end_word and self.parser.lexicon_at("verbs", after) or \
                self.cues["execution"].find_in(self.words, after, end_word):
            return Reading(Assignment(subject, lead_evidence="subject"), after,
                           past=self._is_past(after) or self._official_acts(subject, cue_word))
        return self._known_subject(i, after) or self._scan_for_directive(after, end_word)

    def _official_acts(self, subject: list[Addressee], cue_word: int) -> bool:
        """Whether a news item's subject is an official named as a person (``persons``:
        "Đồng chí Phó Chủ tịch UBND huyện kiểm tra ...", "Ông ...") acting at ``cue_word`` under
        no obligation: a visit or an inspection told, not work set (news49, news52)."""
        if not self.news or self.cues["obligation"].match(self.words, cue_word):
            return False
        return all(self.parser.lexicon_at("persons", self.word_at(a.start_char))
                   for a in subject)

    @staticmethod
    def _groups_only(named: list[Addressee]) -> bool:
        """Whether every one of ``named`` is a group ("các sở, ngành", "UBND các huyện")."""
        return all(is_collective(fold(a.agency).split()) for a in named)

    def _proposes(self, cue_word: int) -> bool:
        """Whether the subject of a news item (a text that states no document type) proposes at
        ``cue_word`` (``cues.yml`` ``proposing``: "UBND tỉnh đề xuất hỗ trợ ...", "Sở Công
        thương đề xuất giao ..."): a proposal to its superior, reported."""
        return self.news and \
            bool(self.cues["proposing"].match(self.words, cue_word))

    def _reports_meeting(self, cue_word: int, end_word: int) -> bool:
        """Whether the subject's action at ``cue_word`` holds or chairs a meeting (``cues.yml``
        ``meeting_reports``; ``chairing`` with nothing after it but the clause's mark): what a
        news item reports of the meeting, not a task, and so is a news item's conference
        (``conferences``); a meeting with the people (``public_meetings``: "tổ chức họp nhân
        dân ...") is work, no report."""
        held = self.cues["meeting_reports"].match(self.words, cue_word) or \
            self.news and self.cues["conferences"].match(self.words, cue_word)
        if held:
            return not any(self.cues["public_meetings"].match(self.words, k)
                           for k in range(cue_word, cue_word + held))
        length = self.cues["chairing"].match(self.words, cue_word)
        return bool(length) and all(not w.norm[0].isalnum()
                                    for w in self.words[cue_word + length:end_word])

    def _acts_itself(self, issuer: list[Addressee], cue_word: int) -> bool:
        """Whether a news item's issuer, guessed from its lead, acts itself at ``cue_word``
        ("Sở GTVT chỉ đạo lực lượng thanh tra ...": an action, its task) rather than asks or
        writes ("yêu cầu đẩy nhanh ..."). A document that states its type names its issuer in its
        header, and the bodies that give directions (``directing_heads``) never act so."""
        return self.news and bool(self.parser.lexicon_at("verbs", cue_word)) \
            and not self.parser.lexicon_at("directive", cue_word) \
            and not any(self.cues["directing_heads"].starts(a.agency) for a in issuer)

    def _collective_subject(self, i: int, end_word: int) -> Reading | None:
        """A collective named without "các" that opens the clause, when an ``obligation`` cue
        follows it within BARE_COLLECTIVE_WORDS words: "Nhà trường cần ...", "doanh nghiệp viễn
        thông, cung cấp dịch vụ Internet cần ..." (the name runs to the cue, commas and all),
        also after a condition that has no comma of its own ("Trường hợp đơn vị chưa có cán bộ
        chuyên trách cần ..." names which members act). Not a word that is also an action ("Tổ
        chức ..."), nor when another name, a directive cue or a ``reporting`` one comes first
        ("Đồng chí nhấn mạnh một số nhiệm vụ cần thực hiện:" is a speaker's, news9a), nor one
        whose cue a ``reporting`` or a directive one follows ("đồng chí chủ trì kết luận ...",
        "đồng chí chủ trì yêu cầu ...": who chaired the meeting); None otherwise."""
        i += self.cues["conditions"].match(self.words, i)
        length = self.parser.lexicon_at("collectives", i)
        acting = max(self.parser.lexicon_at("verbs", i), self.parser.lexicon_at("boundaries", i))
        if not length or acting >= length:
            return None
        k, stop = i + length, min(end_word, i + BARE_COLLECTIVE_WORDS)
        while k < stop:
            # "cơ quan, đơn vị được giao nhiệm vụ cần ..." (news12 N12_07): which members act
            assigned = self.parser.assigned_qualifier(k)
            if assigned:
                k += assigned
                continue
            if self.words[k].norm in (".", ";", ":") or self.parser.head_length(k) or \
                    self._directive_at(k, issuer_spoke=True) or \
                    self.cues["reporting"].match(self.words, k):
                return None  # another name or a speaker's cue: "ban, ngành, Chủ tịch UBND ..."
            obliged = self.cues["obligation"].match(self.words, k)
            if obliged and (self.cues["reporting"].match(self.words, k + obliged) or
                            self._directs_someone(k + obliged, end_word)):
                return None  # "đồng chí chủ trì kết luận / yêu cầu các xã ...": the chair
                # speaks (news30, news49)
            if obliged:
                subject = self._levels_group(
                    self.parser.whole(self.words[i].start_char, self.words[k - 1].end_char))
                return Reading(Assignment([subject], lead_evidence="subject"), k,
                               past=self._is_past(k))
            k += 1
        return None

    def _levels_group(self, subject: Addressee) -> Addressee:
        """A run of unit levels named without "các" ("Xã, phường phải tổ chức ...", news8b
        N8_30; ``agency_patterns.yml`` ``units``) is the group of those units, as the guide
        writes a collective ("Các xã, phường"); any other subject as it is."""
        levels = [w.strip() for w in fold(subject.agency).split(",")]
        if len(levels) < 2 or not set(levels) <= self.parser.run_words["units"]:
            return subject
        plural = self.parser.run_words["plural"]
        return replace(subject, agency=f"{plural.capitalize()} {subject.agency[0].lower()}"
                                       f"{subject.agency[1:]}")

    def _stated(self, after: int, end_word: int) -> Reading | None:
        """What a subject states, when a ``statement`` cue comes between word ``after`` (the end
        of the subject) and the first comma: "Sở Tư pháp giới thiệu toàn văn ...", "Sở Y tế báo
        cáo tháng 3 cho biết, ... chi trả cho 500 lượt" is no task of the subject; the clause it
        reports is read on its own (a report, unless it names who must act). None otherwise."""
        comma = next((k for k in range(after, end_word) if self.words[k].norm == ","), end_word)
        for k, length in self.cues["statement"].find(self.words, after, comma):
            reported = self._reported_clause(k + length, end_word) \
                if self.cues["reporting"].match(self.words, k) else Reading()
            return reported if reported.assignment.leads else Reading(past=True)
        return None

    def _known_subject(self, i: int, after: int) -> Reading | None:
        """ "Sở Lao động - Thương binh và Xã hội chi trả ...": a known agency opening the clause
        is its subject when the longest reading ran past it into lower-case words and met no
        action: the first of them is an action the verb lists lack. Not when those words read as
        the rest of a longer name: one capitalised, a ``continuations`` phrase first, or a level
        ("tỉnh", "huyện") first or last ("Ngân hàng Nhà nước chi nhánh tỉnh"). None then."""
        known_end = self.parser.known.get(i, after)
        rest = self.words[known_end:after]
        if not rest or any(w.capitalised for w in rest) or \
                {rest[0].norm, rest[-1].norm} & self.cues["name_levels"] or \
                self.parser.lexicon_at("continuations", known_end):
            return None
        subject = self.parser.whole(self.words[i].start_char, self.words[known_end - 1].end_char)
        return Reading(Assignment([subject], lead_evidence="subject"), known_end,
                       past=self._is_past(known_end))

    def _after_reporting_colon(self, i: int, end_word: int) -> Reading | None:
        """The reported clause after a reporting frame that ends in ":" and whose speaker is no
        agency: "Ông Nguyễn Văn A kết luận: Phòng Văn hóa và Thông tin tuyên truyền ...; Công an
        huyện bảo đảm ..." (``cues.yml`` ``reporting``); its own subject leads, however long the
        frame ("Thực hiện Công văn số ... về việc ...; UBND tỉnh có ý kiến như sau: Sở ... chủ
        trì ..."). A document speaking for its issuer may end its frame with a comma too: "Chỉ
        thị nêu rõ, Ban chỉ đạo cấp huyện ... tăng cường ..." (news20 N20_23, ``cues.yml``
        ``speaking_documents``), or a frame announcing the work (``_announces_work``). None when
        no such frame ends at the clause's first ":" (or that comma) or the clause after it names
        nobody."""
        ends = (":", ",") if self.cues["speaking_documents"].match(self.words, i) else (":",)
        colon = next((k for k in range(i, end_word) if self.words[k].norm in ends), None)
        if colon is None:
            return None
        framed = any(self.cues["reporting"].match(self.words, k) == colon - k
                     for k in range(i, colon))
        if framed or self._announces_work(i, colon):
            reported = self._reported_clause(colon, end_word)
            return reported if reported.assignment.leads else None
        return None

    def _announces_work(self, i: int, colon: int) -> bool:
        """Whether words ``[i, colon)`` hold a speaker's cue (``reporting`` or a directive) and
        after it the work it announces (``announced_work``): "Qua đó đồng chí chỉ đạo thực hiện
        tốt một số nội dung trong thời gian tới đó là: Các ngành, đoàn thể tuyên truyền ..."
        (news47) frames the clause after its colon as a reporting cue does."""
        cue = next((k for k in range(i, colon) if self.cues["reporting"].match(self.words, k) or
                    self._directive_at(k, issuer_spoke=True)), None)
        return cue is not None and self.cues["announced_work"].find_in(self.words, cue, colon)

    def _reported_clause(self, i: int, end_word: int) -> Reading:
        while i < end_word and self.words[i].norm in self.cues["reported_openers"]:
            i += 1
        if i >= end_word or self._is_past(i):
            return Reading()
        if self.parser.head_length(i, any_case=True) or self._directive_at(i, issuer_spoke=False):
            return self._leads(i, end_word)
        directed = self._scan_for_directive(i, end_word)
        if directed.assignment.leads or directed.past:
            return directed
        return self._obliged_after_remark(i, end_word)

    def _obliged_after_remark(self, i: int, end_word: int) -> Reading:
        """The body that a reported clause opening with a remark obliges, named within
        FRONTED_REACH words of word i before any other mark or cue than a comma: "nhấn mạnh
        thời gian không còn nhiều(,) các đơn vị cần đẩy nhanh ..." (news43); an empty reading
        when none is."""
        for k in range(i + 1, min(end_word, i + FRONTED_REACH)):
            if self.words[k].norm in (".", ";", ":") or self._directive_at(k, issuer_spoke=True):
                break
            if not self.parser.head_length(k):
                continue
            named, after = self.parser.parse(k)
            if named and after < end_word and self.cues["obligation"].match(
                    self.words, self._skip_adverbs(after, end_word)):
                return Reading(Assignment(named, lead_evidence="subject"), after)
        return Reading()

    def _past_bracket(self, subject: list[Addressee], after: int, end_word: int) -> int:
        """Past a bracket right after the subject, kept in its last name: "Tổ trưởng Tổ công
        tác cấp huyện (Chủ tịch UBND cấp huyện) chỉ đạo ..." (ANNOTATION.md §2, as named); a
        bracket that opens with a directive ("Sở Thông tin và Truyền thông (Giao Phòng Bưu chính
        Viễn thông)") says who carries the work out, and one that states the body's standing
        ("Sở Nội vụ (Cơ quan thường trực Ban ...)", ``cues.yml`` ``standings``) what it is in
        the plan, and one that opens with "bao gồm" what the group holds ("Các cơ quan quản lý
        cấp trên (bao gồm cả cơ quan đại diện chủ sở hữu ...)", ``members``), and one
        that names it shortly for the rest of the text ("(sau đây gọi là cấp xã)",
        ``bracket_definitions``), or abbreviates it ("(GD&ĐT)", ``names.defined_abbreviations``):
        all are passed over without naming."""
        if after >= end_word or self.words[after].norm != "(":
            return after
        closing = _closing_bracket(self.words, after, end_word)
        if closing > after and not self._directive_at(after + 1, issuer_spoke=True) and \
                not self.lex["standings"].match(self.words, after + 1) and \
                not self.cues["members"].match(self.words, after + 1) and \
                not self.cues["bracket_definitions"].match(self.words, after + 1) and \
                self._bracket_text(after, closing) not in self.parser.defined:
            subject[-1] = with_bracket(subject[-1], self.doc._.text,
                                       self.words[closing - 1].end_char)
        return closing

    def _bracket_text(self, opening: int, closing: int) -> str:
        """What the bracket between word ``opening`` ("(") and word ``closing`` (after ")")
        holds, as written."""
        return self.doc._.text[self.words[opening].end_char:self.words[closing - 1].start_char]

    def _run_past_bracket(self, subject: list[Addressee], after: int, end_word: int) -> int:
        """Past the names a run goes on with after a bracket that ends one of them, added to
        ``subject``: "...; Chủ tịch UBND các quận, huyện, thị xã (chính quyền cấp cơ sở); Chủ
        đầu tư; Ban quản trị nhà chung cư chịu trách nhiệm thi hành ..." (notices13)."""
        while after + 1 < end_word and self.words[after - 1].norm == ")" and \
                self.words[after].norm in (";", ","):
            more, past = self.parser.parse(after + 1, any_case=True)
            if not more or past > end_word:
                break
            subject.extend(more)
            after = self._past_bracket(subject, self.parser.past_parent(past), end_word)
        return after

    def _past_apposition(self, subject: list[Addressee], after: int,
                         end_word: int) -> tuple[list[Addressee], int]:
        """The subject and the word its action starts at, past an apposition saying what the
        subject is: after a dash in lower case ("Sở Kế hoạch và Đầu tư - cơ quan thường trực
        Ban ..., chủ trì ..."), up to the first comma or action word; or a title between commas
        that the run read as a second name ("Phó Thủ tướng Nguyễn Văn A, Chủ tịch Ủy ban An toàn
        giao thông quốc gia, mới đây đã yêu cầu ..."), or the holder's name between commas or
        dashes ("Phó Chủ tịch UBND tỉnh - ông Đỗ Thông - đã yêu cầu ..."), when a directive or an
        action follows its closing comma or dash. ``(subject, after)`` when there is none."""
        dashed = after + 1 < end_word and self.words[after].norm == "-" and \
            not self.words[after + 1].capitalised
        if dashed:
            opened, kept = after + 1, subject
        elif len(subject) > 1 and self.doc._.text[subject[0].end_char:subject[1].start_char] \
                .strip() == "," and self._names_holder(self.word_at(subject[1].start_char)):
            opened, kept = self.word_at(subject[1].start_char), subject[:1]
        else:
            return subject, after
        closing = "," if not dashed else self.words[after].norm
        for k in range(opened, min(end_word, opened + FRONTED_REACH)):
            if self.words[k].norm == ";":  # a list of office holders: "Chánh Văn phòng UBND
                return subject, after      # tỉnh, Giám đốc Sở Tư pháp; Chủ tịch UBND ..."
            if self.words[k].norm in (",", closing):
                acting = self._skip_adverbs(k + 1, end_word)
                return (kept, k + 1) if self._acts_at(acting) else (subject, after)
            if dashed and self.parser.is_action(k):
                return kept, k
        return subject, after

    def _names_holder(self, i: int) -> bool:
        """Whether a title or a person ("ông Đỗ Thông") starts at word i."""
        return bool(self.parser.lexicon_at("titles", i) or self.parser.lexicon_at("persons", i))

    def _acts_at(self, i: int) -> bool:
        """Whether an action, an obligation or a directive cue starts at word i."""
        return bool(self.parser.lexicon_at("verbs", i) or
                    self.cues["obligation"].match(self.words, i) or
                    self._directive_at(i, issuer_spoke=True))

    def _past_remit(self, after: int, end_word: int) -> int:
        """Past a remit inserted between a subject and its action, up to the comma an action or a
        manner (``qualified_ends``: "chủ động") follows ("UBND cấp huyện trong phạm vi chức
        năng, nhiệm vụ, quyền hạn của địa phương, tập trung chỉ đạo ...") or to an obligation
        that ends it ("... trong phạm vi nhiệm vụ, quyền hạn của mình có trách nhiệm ...":
        ``cues.yml`` ``remits``, ``remit_ends``), or past the matters it answers for up to
        that obligation ("Sở quản lý ngành đối với hàng hóa, dịch vụ ... có trách nhiệm ...",
        ``scoped_remits``); ``after`` when there is none."""
        reach = range(after, min(end_word - 1, after + FRONTED_REACH))
        if self.cues["scoped_remits"].match(self.words, after):
            return next((k for k in reach if self.cues["remit_ends"].match(self.words, k)), after)
        if not self.cues["remits"].match(self.words, after):
            return after
        for k in reach:
            if self.cues["remit_ends"].match(self.words, k):
                return k
            if self.words[k].norm == "," and (self.cues["actions"].match(self.words, k + 1) or
                                              self.parser.lexicon_at("qualified_ends", k + 1)):
                return k + 1  # "..., chủ động phối hợp ..." (plans13 P13_02)
        return after

    def _comma_in_name(self, i: int) -> bool:
        """Whether the comma at word i goes on naming the body before it: no other body starts
        after it ("Ủy ban Văn hóa, Giáo dục", "Ủy ban KH,CN&MT")."""
        return i + 1 < len(self.words) and self.words[i].norm == "," and \
            not self.parser.head_length(i + 1)

    def _past_emphasis(self, after: int, end_word: int) -> int:
        """Past an apposition singling out members of the subject, to the first action after
        it: "Các tỉnh, thành phố, nhất là các tỉnh trong vùng Thủ đô chủ động ..." (``cues.yml``
        ``emphasis``, within EMPHASIS_REACH words); ``after`` when there is none."""
        if after + 1 >= end_word or self.words[after].norm != ",":
            return after
        length = self.cues["emphasis"].match(self.words, after + 1)
        if not length:
            return after
        return next((k for k in range(after + 1 + length,
                                      min(end_word, after + EMPHASIS_REACH))
                     if self.cues["actions"].match(self.words, k) and
                     self.parser.is_action(k)), after)

    def _place_addressed(self, i: int, end_word: int) -> tuple[list[Addressee], int]:
        """ "Đối với Thủ đô Hà Nội", "Đối với thành phố Đà Nẵng:": after a responsibility cue, a
        place no agency head starts, capitalised or opening with a level (``units``), addresses
        the items below through its People's Committee (``names.place_body``); ([], i) when the
        words hold an action or a comma (a list of things: "Đối với Nhiệm vụ sửa chữa công
        trình, tài sản công:")."""
        end = end_word - (end_word > i and self.words[end_word - 1].norm in (":", "."))
        named = self.words[i].capitalised or self.parser.lexicon_at("units", i)
        if end <= i or not named or not self._names_only(i, end) or \
                any(self.words[k].norm == "," for k in range(i, end)):
            return [], i
        return [self._place_body(i, end)], end

    def _place_body(self, start_word: int, end_word: int) -> Addressee:
        """The People's Committee of the place words ``[start_word, end_word)`` name."""
        place = self._place(start_word, end_word)
        return replace(place, agency=place_body(place.mention))

    def _place(self, start_word: int, end_word: int) -> Addressee:
        """The place words ``[start_word, end_word)`` name, as written, resolved to its People's
        Committee (``names.place_body``)."""
        place = self.parser.whole(self.words[start_word].start_char,
                                  self.words[end_word - 1].end_char)
        return replace(place, resolved=resolve(place_body(place.mention),
                                               self.doc._.meta.province))

    def _unit_addressed(self, j: int) -> tuple[list[Addressee], int]:
        """A unit named by its level and place right after a directive cue, which no agency head
        starts ("yêu cầu xã Trạm Tấu bố trí trực ...", "giao huyện Mường La ..."), named as
        written ("Xã Trạm Tấu": ANNOTATION.md §2, as news33, news35 and news38 write it; the
        older news8 gold named its People's Committee), resolved to its People's Committee
        (``names.place_body``) for queries and letters; ([], j) when no capitalised place
        follows the level, or the level is capitalised: a heading's "Mời Thành phố Hồ Chí Minh,
        tỉnh ..." names whom the items below address (office)."""
        if j >= len(self.words) or self.words[j].capitalised:
            return [], j
        level = self.parser.lexicon_at("units", j)
        end = j + level
        while level and end < len(self.words) and end - j <= SPEAKER_NAME_WORDS and \
                self.words[end].capitalised:
            end += 1
        return ([self._place(j, end)], end) if end > j + level else ([], j)

    def _duty_owner(self, i: int, leads: list[Addressee], after: int,
                    end_word: int) -> tuple[list[Addressee], int]:
        """The actor a title naming whose duties follow ("Trách nhiệm của ...", ``cues.yml``
        ``duty_owner``) names from word i, and where the title's name ends: the parsed leads,
        the last one run on over the words of its qualifier, verbs and all, up to the title's
        end, its ":" or "." or a bracket of what it holds ("(bao gồm cả ...)", ``members``)
        or a phrase of scope (``duty_owner_ends``), which the title keeps:
        "Trách nhiệm của các cơ quan, đơn vị sử dụng Hệ thống thư điện tử công vụ" → "Các cơ
        quan, đơn vị sử dụng Hệ thống thư điện tử công vụ"; a name no head starts is one actor
        ("Văn thư cơ quan", "Thuê bao"); a known agency is not run on ("Trách nhiệm của Sở Nội
        vụ trong việc ..."), and an individual (``individuals``: "cá nhân sử dụng ...") is
        none: ([], i)."""
        if self.cues["individuals"].match(self.words, i):
            return [], i
        start = max(i, after)
        holds = self.cues["members"]
        stops = [k for k in range(start, end_word) if self.words[k].norm in (":", ".") or
                 self.words[k].norm == "(" and holds.match(self.words, k + 1)]
        end = next((k for k in range(start, stops[0] if stops else end_word)
                    if self.cues["duty_owner_ends"].match(self.words, k)),
                   stops[0] if stops else end_word)
        if end > start and not (leads and leads[-1].known):
            first = leads[-1].start_char if leads else self.words[i].start_char
            leads = leads[:-1] + [self.parser.whole(first, self.words[end - 1].end_char)]
        elif end > start:
            return leads, after
        if leads and end < end_word and self.cues["duty_owner_ends"].match(self.words, end):
            end = stops[0] if stops else end_word  # the scope is the title's, not a task
        return leads, end

    def _holder_with_remit(self, i: int, after: int, end_word: int) -> bool:
        """Whether a heading's words ``[i, end_word)`` name office holders or staff by their
        portfolio: a title or staff (``people``), "phụ trách" (``remits``) in their name or right
        after it, no ending mark: "Các Phó chủ tịch phụ trách lĩnh vực Dân tộc, Tôn giáo và các
        Hội quần chúng" is one lead, whatever verbs the portfolio holds ("giám sát")."""
        holder = i + (self.words[i].norm == self.parser.run_words["plural"])
        return (bool(self.parser.lexicon_at("titles", holder) or
                     self.parser.lexicon_at("people", holder)) and
                self.words[end_word - 1].norm not in (".", ";", ":") and
                any(self.parser.lexicon_at("remits", k) for k in range(i + 1, after + 1)))

    def _names_only(self, i: int, end_word: int) -> bool:
        """Whether words ``[i, end_word)`` go on naming, without an action or an ending mark; a
        phrase that stays in a name ("có liên quan", ``continuations``) or a dash inside one
        ("Thi đua - Khen thưởng") is no action."""
        if i >= end_word or self.words[end_word - 1].norm in (".", ";", ":"):
            return False
        while i < end_word:
            continued = self.parser.lexicon_at("continuations", i)
            if not continued and self.parser.is_action(i) and not self.parser.joins_name(i):
                return False
            i += continued or 1
        return True

    def _skip_adverbs(self, i: int, end_word: int) -> int:
        """Past "cũng", "đã", "vừa" between a speaker and its directive verb."""
        while i < end_word and self.words[i].norm in self.cues["speaker_adverbs"]:
            i += 1
        return i

    def supports(self, i: int, end_word: int, leads: list[Addressee]) -> list[Addressee]:
        """The agencies after a support cue ("phối hợp với") in words ``[i, end_word)``, the
        leads left out."""
        found: list[Addressee] = []
        lead_names = {a.agency for a in leads}
        end_char = self._end_char(end_word)
        for k, length in self.parser.find(self.lex["support"], i, end_word):
            helpers, _ = self.parser.parse(self._past_manners(k + length, end_word), any_case=True)
            found.extend(h for h in helpers
                         if h.agency not in lead_names and h.start_char < end_char)
        return found

    def _past_manners(self, i: int, end_word: int) -> int:
        """Past the words saying how a support cue's help is given ("chặt chẽ, quyết liệt với"),
        joined by "," or "và", to where its agencies start."""
        manners, joins = self.lex["support_manners"], (",", self.parser.run_words["conjunction"])
        while i < end_word:
            length = manners.match(self.words, i) or \
                (self.words[i].norm in joins and i + 1 < end_word and
                 manners.match(self.words, i + 1) and 1)
            if not length:
                return i
            i += length
        return i

    def _scoped_group(self, leads: list[Addressee], after: int,
                      end_word: int) -> tuple[Addressee, int] | None:
        """A heading's group with the scope that closes it ("5. Các chủ rừng là tổ chức (các Ban
        quản lý rừng ..., các Công ty ...)", plans11 P11_05; ``cues.yml`` ``group_scopes``):
        the group named with its scope, and the word after the heading's bracket of examples,
        which is no part of the name. None unless the last lead is a group no register knows
        ("các ...") and a few words of scope, a bracket and a colon at most end the heading.
        Word indices."""
        group = leads[-1] if leads else None
        length = self.cues["group_scopes"].match(self.words, after) if after < end_word else 0
        if group is None or group.known or not length or \
                not self.doc._.folded.startswith(self.parser.run_words["plural"] + " ",
                                                 group.start_char):
            return None
        bracket = self._closing_bracket_of(after, end_word)
        if bracket is None or not 0 < bracket[0] - after - length <= SCOPE_WORDS:
            return None
        opening, closing = bracket
        return self.parser.whole(group.start_char, self.words[opening - 1].end_char), closing

    def _bracket_members(self, after: int, end_word: int) -> tuple[list[Addressee], int] | None:
        """The members a heading lists in the bracket that closes it, and the word after the
        bracket: "1. Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban Quản lý Khu kinh tế):" names
        one lead per member, as a list after a colon does (ANNOTATION.md §1b; plans11 P11_03),
        the bracket opening with "gồm" or not ("(gồm các Sở: Xây dựng, ...)", plans14 P14_02).
        None unless the bracket ends the heading (a colon aside) and holds two or more known
        bodies and nothing else. Word indices."""
        bracket = self._closing_bracket_of(after, end_word)
        if bracket is None:
            return None
        opening, closing = bracket
        first = opening + 1 + self.cues["members"].match(self.words, opening + 1)
        members, stop = self.parser.parse(first)
        if len(members) < 2 or stop != closing - 1 or not all(m.known for m in members):
            return None
        return members, closing

    def _closing_bracket_of(self, after: int, end_word: int) -> tuple[int, int] | None:
        """(the "(" word, the word after its ")") of the first bracket from word ``after`` on,
        when it closes the heading: only a colon, a period or emphasis after it; else None."""
        opening = next((k for k in range(after, end_word) if self.words[k].norm == "("), None)
        if opening is None:
            return None
        closing = _closing_bracket(self.words, opening, end_word)
        if closing == opening or any(w.norm not in (":", ".", "*") for w in
                                     self.words[closing:end_word]):
            return None
        return opening, closing

    def _end_char(self, end_word: int) -> int:
        return self.words[end_word - 1].end_char if 0 < end_word <= len(self.words) \
            else len(self.doc._.text)

    def heading(self, block: Segment) -> Heading | None:
        """What the block assigns to the blocks under it as a heading; None when it is none."""
        start = block.content_start_char
        text = self.doc._.text[start:block.end_char]
        folded = self.doc._.folded[start:block.end_char]
        pillar = self.cues["pillar_heading"].match(folded)
        if pillar:
            code = self.cues["pillar_codes"][rules.phrase(pillar.group("name"))]
            return Heading(block.index, pillar=code,
                           title=text[:pillar.end()].strip(" :."),
                           text_start_char=start + pillar.end() if text[pillar.end():].strip()
                           else None)
        role = self.cues["role_heading"].match(folded)
        if role and block.index in self.parents:
            return self._role_heading(block, text, block.content_start_char + role.end())
        return self._agency_heading(block, text, folded)

    def _group_by_its_work(self, block: Segment, leads: list[Addressee], end_word: int,
                           addressed: bool) -> int | None:
        """Where the group ends (a character offset) that a heading addressed by a directive or
        a responsibility cue, over items of its own, names by the work its members do: "11. Đề
        nghị các doanh nghiệp sản xuất, chế biến và xuất khẩu hàng hóa" (plans14 P14_05), "9.2.
        Đối với các đơn vị thực hiện dịch vụ, thu gom, ... (theo danh sách gửi kèm tại Phụ
        lục):" (notices11 T11_05): the verbs qualify it, a closing colon or bracket does not.
        A heading nobody addresses (``addressed`` False) does so only among headings that name
        bodies ("4. Các doanh nghiệp viễn thông" / "5. Các chủ đầu tư xây dựng và kinh doanh hạ
        tầng Khu công nghiệp", plans22) and without a colon; capitals there may name a place.
        None for any other heading: one that ends a sentence, or whose words after the group name
        another body (a capital) or an obligation or directive ("Giao Ban Quản lý các khu chế
        xuất và công nghiệp Cần Thơ chỉ đạo các đơn vị ... có trách nhiệm:")."""
        closing = (".", ";") if addressed else (".", ";", ":")
        if block.index not in self.parents or len(leads) != 1 or \
                not is_collective(fold(leads[0].agency).split()) or \
                self.words[end_word - 1].norm in closing or \
                not (addressed or self._beside_named_headings(block)):
            return None
        last = end_word - 1 - (self.words[end_word - 1].norm == ":")
        first = self.word_at(leads[0].end_char)
        if self.words[last].norm == ")":
            last = next((k - 1 for k in range(last, first - 1, -1) if self.words[k].norm == "("),
                        last)
        qualifier = range(first, last + 1)
        if not qualifier or any(self._names_other_body(k, addressed) or
                                self._directive_at(k, True) or
                                self.cues["obligation"].match(self.words, k) for k in qualifier):
            return None
        return self.words[last].end_char

    def _beside_named_headings(self, block: Segment) -> bool:
        """Whether an earlier heading of the block's list, over items of its own, names bodies
        and nothing else."""
        first = block.parent if block.parent is not None else -1  # siblings follow the parent
        for index in range(block.index - 1, first, -1):
            other = self.doc._.blocks[index]
            if other.parent != block.parent or other.marker != block.marker or \
                    other.index not in self.parents:
                continue
            i, end_word = self.word_at(other.content_start_char), self.word_at(other.end_char)
            leads, after = self.parser.parse(i)
            if leads and (after >= end_word or self._names_only(after, end_word)):
                return True
        return False

    def _names_other_body(self, k: int, addressed: bool) -> bool:
        """Whether a capital opens the name of a body at word ``k``: any capital, when the
        heading is addressed by a directive or cue."""
        return self.words[k].capitalised and (addressed or bool(self.parser.parse(k)[0]))

    def _role_heading(self, block: Segment, text: str, names_char: int) -> Heading | None:
        """A heading naming only the bodies its section's agency works with (``cues.yml``
        ``role_heading``; their names from ``names_char``): they support the items below it,
        whose lead the section names."""
        i, end_word = self.word_at(block.content_start_char), self.word_at(block.end_char)
        if self.words[end_word - 1].norm == ":":
            end_word -= 1
        supports = self.supports(i, end_word, [])
        if not supports or not self._names_only(self.word_at(names_char), end_word):
            return None
        return Heading(block.index, Assignment([], supports), title=text.strip(" :."))

    def _agency_heading(self, block: Segment, text: str, folded: str) -> Heading | None:
        i = self.word_at(block.content_start_char)
        end_word = self.word_at(block.end_char)
        responsibility = self.cues["responsibility"].match(folded)
        cue = 0 if responsibility else self._directive_at(i, issuer_spoke=True)
        if responsibility:
            i = self.word_at(block.content_start_char + responsibility.end())
        i += cue
        if cue and i < end_word and self.words[i].norm == ":":
            i += 1  # "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh" (plans22)
        leads, after = self.parser.parse(i)
        member_colon = self._member_label(i, end_word) if leads else None
        duty_colon = self._duty_label(i, after, end_word) if leads and not member_colon else None
        if member_colon:
            leads, after = [self.parser.whole(self.words[i].start_char,
                                              self.words[member_colon].start_char)], member_colon
        elif duty_colon:
            leads, after = self._named_to_colon(i, leads, after, duty_colon), duty_colon
        if self.cues["duty_owner"].match(folded):
            leads, after = self._duty_owner(i, leads, after, end_word)
        if responsibility and not leads:
            leads, after = self._place_addressed(i, end_word)
        members = self._bracket_members(after, end_word) if leads else None
        if members:
            leads, after = members
        if not leads or (is_caps(text) and not all(a.known for a in leads)):
            return None  # in capitals no word looks like a name's: "II. CƠ QUAN CHỈ ĐẠO ..."
        if text.rstrip().endswith(".") and self._known_subject(i, after):
            return None  # a sentence whose action no verb list holds, not a name
        if self._holder_with_remit(i, after, end_word):
            leads, after = [self.parser.whole(leads[0].start_char, block.end_char)], end_word
        elif (cue or self._comma_in_name(after)) and self._names_only(after, end_word):
            # "15. Đề nghị Cơ quan Báo và Phát thanh, Truyền hình Hà Nội", "c) Tổ đảng ở Thường
            # trực Ủy ban Tài chính, Ngân sách": a heading without an action names one body up
            # to its end, commas and all
            leads[-1] = self.parser.whole(leads[-1].start_char, block.end_char)
            after = end_word
        elif group_end := self._group_by_its_work(block, leads, end_word,
                                                  addressed=bool(cue or responsibility)):
            leads[-1], after = self.parser.whole(leads[-1].start_char, group_end), end_word
        scoped = self._scoped_group(leads, after, end_word)
        if scoped:
            leads[-1], after = scoped
        after = self.parser.past_parent(after)
        after += self.cues["heading_suffixes"].match(self.words, after)
        after = self._past_bracket(leads, after, end_word)  # kept whole, as the plan names it
        standing = self.lex["standings"].match(self.words, after + 1) \
            if after + 1 < end_word and self.words[after].norm in DASHES else 0
        if standing and (after + 1 + standing >= end_word or
                         self._names_only(after + 1 + standing, end_word)):
            after = end_word  # "Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo"
        if after == end_word - 1 and self.words[after].norm == ".":
            after += 1
        assignment = Assignment(leads, lead_evidence="heading")
        if after >= end_word:
            return Heading(block.index, assignment, title=text.strip(" :."))
        if self.words[after].norm == ":":
            rest = self.words[after + 1].start_char if after + 1 < end_word else None
            title = self.doc._.text[block.content_start_char:self.words[after].start_char]
            return Heading(block.index, assignment, title=title.strip(), text_start_char=rest)
        return None


def with_bracket(lead: Addressee, text: str, end_char: int) -> Addressee:
    """The lead named with the bracket after it, "Sở Nội vụ (Ban Thi đua - Khen thưởng)": the
    body it acts through (ANNOTATION.md §2, a lead is written as it is named)."""
    bracket = text[lead.end_char:end_char]
    return replace(lead, end_char=end_char, mention=lead.mention + bracket,
                   agency=lead.agency + bracket)


def _closing_bracket(words, i: int, end_word: int) -> int:
    """The word index after the ")" that closes the "(" at word i, or i when none does."""
    for k in range(i + 1, end_word):
        if words[k].norm == ")":
            return k + 1
    return i


def clause_spans(block: Segment, heading: Heading | None,
                 text_end_char: int | None) -> list[tuple[int, int]]:
    """(start_char, end_char) of the block's sentences that may hold tasks: after its heading,
    before its inline attributes (``text_end_char``); none for a heading with no text of its own."""
    start = heading.text_start_char if heading else block.content_start_char
    if start is None:
        return []
    stop = text_end_char or block.end_char
    return [(max(s, start), min(e, stop)) for s, e in block.sentences if e > start and s < stop]


def read_roles(doc: Doc) -> None:
    """Set ``doc._.headings``, ``doc._.attributes``, ``doc._.table_rows`` and ``doc._.clauses``."""
    reader = RoleReader(doc)
    blocks: list[Segment] = doc._.blocks
    attributes, attribute_blocks = find_attributes(doc, reader)
    headings = [h for b in blocks if not b.excluded and b.index not in attribute_blocks
                and (h := reader.heading(b))]  # "- Đơn vị thực hiện: Sở Y tế" heads nothing
    rows, table_headers = find_rows(doc, reader)
    heading_of = {h.block: h for h in headings}
    text_end_of = {a.block: a.text_end_char for a in attributes}
    skipped = attribute_blocks | table_headers | {row.block for row in rows}
    doc._.headings, doc._.attributes, doc._.table_rows = headings, attributes, rows
    doc._.clauses = [Clause(b.index, start, end, reading)
                     for b in blocks if not b.excluded and b.index not in skipped
                     for span in clause_spans(b, heading_of.get(b.index), text_end_of.get(b.index))
                     for start, end, reading in reader.clauses(*span)]


def clauses_by_block(clauses: list[Clause]) -> dict[int, list[Clause]]:
    """The clauses of each block that has some, in text order."""
    return {block: list(group) for block, group in groupby(clauses, key=attrgetter("block"))}


@Language.factory("vi_roles", requires=["doc._.meta", "doc.spans", "doc._.blocks", "doc._.times"],
                  assigns=["doc._.headings", "doc._.attributes", "doc._.table_rows",
                           "doc._.clauses"])
def create_roles(nlp: Language, name: str):
    """Component: headings (``Heading``), a plan's labelled items (``Attributes``), task table
    rows (``Row``) and, for every clause that may hold a task, who it says must act
    (``Clause``), each as a list in text order."""
    def roles(doc: Doc) -> Doc:
        read_roles(doc)
        return doc
    return roles
