"""Agencies: known names from ``rules/agencies.yml`` (a spaCy PhraseMatcher on folded syllables)
and a parser that reads a run of addressees ("Sở Tài chính, Sở Kế hoạch và Đầu tư", "UBND các
huyện, thành phố Gia Nghĩa", "Giám đốc các Sở: Công Thương, Tài chính") up to the first word of
the action, for names missing from the list.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import cast

import regex
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from thinc.types import Ints2d

from .lexicon import Lexicon, syllables, word_positions
from .metadata import committee_named_first, known_place, place_named_last, title_case_place
from .names import (
    agency_words,
    bare_level,
    canonical,
    committee_level,
    defined_abbreviations,
    expand_abbreviations,
    gazetteer,
    is_collective,
    lexicons,
    name_bigrams,
    referring_level,
    resolve,
)
from .structure import is_abbreviation, marker_of
from .text import fold

# Bounds, hand-set with the first pipeline (commit ce31817) and held by `make eval` since: one
# name's words and one run's names, so a run that never meets an action word still stops.
MAX_ITEM_WORDS = 16
MAX_ITEMS = 16
CUE_WORDS = 6  # words of the longest directive or support cue ("cùng với sự phối hợp của")
KNOWN_PAST_COMMA = 8  # words after a comma that may end a known name ("Văn hóa, Thể thao và Du
# lịch": 6)
QUALIFIER_WORDS = 24  # words a clause qualifying a collective may take ("có hồ sơ quá hạn")
# the lexicons whose phrase at a word lets ``head_length`` find a head there
HEAD_OPENINGS = ("titles", "quantifiers", "people", "persons", "role_heads", "lone_collectives",
                 "collectives", "named_heads", "heads")
TEAM_WORK_WORDS = 4  # "lấy ý kiến", "kiểm tra liên ngành": a team's work in few words
COMMITTEE_WORDS = (1, 4)  # "UBND", "ủy ban nhân dân": a People's Committee's name in words
SPANS_KEY = "agencies"  # doc.spans[SPANS_KEY]: the known agencies vi_agencies found
UNREAD_WORD = "_"  # the text of each word of a doc only matched on its NORM


@dataclass
class Addressee:
    """An agency a sentence names: ``[start_char, end_char)`` is ``mention`` in the text."""

    start_char: int
    end_char: int
    mention: str  # as written
    agency: str  # canonical (extractors.names.canonical)
    known: bool  # in rules/agencies.yml
    resolved: str | None = None  # a "tỉnh"-relative name completed with the province


LEAD_EVIDENCE = ("directive", "subject", "heading", "intro", "previous", "attribute", "table",
                 "unread")  # how an Assignment's leads were found


@dataclass
class Assignment:
    """Who must act (``leads``), who helps (``supports``), and how the leads were found (one of
    ``LEAD_EVIDENCE``; None when no lead was found)."""

    leads: list[Addressee] = field(default_factory=list)
    supports: list[Addressee] = field(default_factory=list)
    lead_evidence: str | None = None


def unique(addressees: list[Addressee]) -> list[Addressee]:
    """One entry per canonical agency, in order of first mention."""
    seen, kept = set(), []
    for addressee in addressees:
        if addressee.agency not in seen:
            seen.add(addressee.agency)
            kept.append(addressee)
    return kept


def known_agencies(doc: Doc) -> dict[int, int]:
    """Word index → end word index (exclusive) of the longest known agency starting there, from
    ``doc.spans["agencies"]`` (spans that start or end on whitespace are left out)."""
    word_of_token = {w.token: w.i for w in doc._.words}
    known: dict[int, int] = {}
    for span in doc.spans[SPANS_KEY]:
        first, last = word_of_token.get(span.start), word_of_token.get(span.end - 1)
        if first is not None and last is not None and known.get(first, 0) < last + 1:
            known[first] = last + 1
    return known


DASHES = ("-", "–", "—")


class AddresseeParser:
    """Reads addressee runs over a doc's words, after ``vi_agencies`` (known names) and
    ``vi_metadata`` (the province that completes "tỉnh"-relative names).

    Positions are word indices into ``doc._.words``."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.words = doc._.words
        self.text = doc._.text  # read once: every ``doc._`` access makes a new spaCy object
        self.known = known_agencies(doc)  # {first word: end word} of each gazetteer name
        self.known_ends = {end - 1 for end in self.known.values()}
        self.lex = lexicons()
        self.run_words = agency_words()
        self.norms = tuple(w.norm for w in self.words)  # its slices are the phrases looked up
        self.positions = word_positions(self.norms)
        self.word_starts = [w.start_char for w in self.words]
        self.matches: dict[Lexicon, dict[int, int]] = {}  # ``index_of``'s, built on first use
        self.matches_by_name: dict[str, dict[int, int]] = {}  # the same, by ``lexicons()`` name
        self.starts: dict[tuple[Lexicon, ...], list[int]] = {}  # ``phrase_starts``' sorted indices
        self.parsed: dict[tuple[int, bool], tuple[list[Addressee], int]] = {}  # ``parse``'s
        self.defined = defined_abbreviations(self.text)  # "GĐ&ĐT" → "Giáo dục và Đào tạo"
        self.defined_bodies = {abbreviation for abbreviation, expansion in self.defined.items()
                               if self.lex["heads"].starts(expansion)}  # "TTPVHCC"

    def index_of(self, lexicon: Lexicon) -> dict[int, int]:
        """Word index → length of the longest phrase of ``lexicon`` starting there, over this
        doc (``Lexicon.index``, built once)."""
        index = self.matches.get(lexicon)
        if index is None:
            index = self.matches[lexicon] = lexicon.index(self.norms, self.positions)
        return index

    def lexicon_at(self, name: str, i: int) -> int:
        """Length in words of the longest phrase of ``lexicons()[name]`` starting at word index
        ``i``, 0 if none."""
        index = self.matches_by_name.get(name)  # the hottest call of agency reading: one lookup
        if index is None:
            index = self.matches_by_name[name] = self.index_of(self.lex[name])
        return index.get(i, 0)

    def phrase_starts(self, lexicons: tuple[Lexicon, ...], start_word: int,
                      end_word: int) -> list[int]:
        """The word indices in ``[start_word, end_word)`` where a phrase of one of ``lexicons``
        starts, in order: a scan for a cue visits these words only."""
        starts = self.starts.get(lexicons)
        if starts is None:
            starts = self.starts[lexicons] = sorted(
                set().union(*map(self.index_of, lexicons)))
        return starts[bisect_left(starts, start_word):bisect_left(starts, end_word)]

    def find(self, lexicon: Lexicon, start_word: int, end_word: int) -> Iterator[tuple[int, int]]:
        """``lexicon.find`` over this doc's words, from its index: (word index, length) of every
        phrase in ``[start_word, end_word)``, left to right, none overlapping."""
        index, free = self.index_of(lexicon), start_word
        for k in self.phrase_starts((lexicon,), start_word, end_word):
            if k >= free:
                yield k, index[k]
                free = k + index[k]

    @cached_property
    def capitalised(self) -> list[int]:
        """The indices of the capitalised words, in order: only these can start a name that is
        not in a lexicon."""
        return [word.i for word in self.words if word.capitalised]

    def capitalised_between(self, start_word: int, end_word: int) -> list[int]:
        """The indices of the capitalised words in ``[start_word, end_word)``, in order."""
        found = self.capitalised
        return found[bisect_left(found, start_word):bisect_left(found, end_word)]

    def is_action(self, i: int) -> bool:
        """A lower-case verb, cue or preposition: the name before it has ended. A collective
        after "các" or before a ``continuations`` phrase is the name going on ("Trưởng các
        phòng, ban", "cơ quan, tổ chức liên quan": "phòng", "tổ chức" are also verbs)."""
        if i not in self._action_starts or self.words[i].capitalised and i > 0:
            return False
        collective = self.lexicon_at("collectives", i)
        if collective and (i > 0 and self.words[i - 1].norm == self.run_words["plural"] or
                           self.lexicon_at("continuations", i + collective)):
            return False
        return not self._in_capitalised_phrase(i)

    @cached_property
    def _action_starts(self) -> frozenset[int]:
        """The word indices where a verb, boundary or directive cue starts (``is_action``)."""
        return frozenset().union(*(self.index_of(self.lex[name]) for name in
                                   ("verbs", "boundaries", "directive", "issuer_directive")))

    def _in_capitalised_phrase(self, i: int) -> bool:
        """Whether word i (lower case) is a later syllable of a phrase that the nearest
        capitalised word before it opens: a head or verb of two words or more ("Văn phòng",
        "Đăng ký", "Liên hiệp hợp tác xã") or, right after it, a pair of syllables of a known
        name ("Đào tạo", "Biên phòng"): a name's syllable that is also a verb goes on naming it."""
        k = i - 1
        while k >= 0 and i - k < MAX_ITEM_WORDS and not self.words[k].capitalised:
            k -= 1
        if k < 0 or not self.words[k].capitalised:
            return False
        phrase = max(self.lexicon_at("heads", k), self.lexicon_at("verbs", k))
        return phrase > i - k or k == i - 1 and (self.norms[k], self.norms[i]) in name_bigrams()

    def head_length(self, i: int, any_case: bool = False) -> int:
        """Words taken by the start of an agency at word i, or 0 when none starts there."""
        if i >= len(self.words):
            return 0
        if i in self.known:
            return self.known[i] - i
        word = self.words[i]
        if word.text in self.defined_bodies:  # "phối hợp với TTPVHCC", defined before
            return 1
        if word.norm.isdigit() and self._directed(i):  # a count of units: "chỉ đạo 18 xã, thị
            counted = self.lexicon_at("collectives", i + 1)  # trấn đẩy mạnh ..." (news52)
            return 1 + counted if counted else 0
        if i not in self._head_starts:
            return 0
        title = self.titles_length(i)
        if title and (self._body_follows(i + title) or  # "Lãnh đạo, chỉ đạo ..." is an action
                      word.capitalised and self.lexicon_at("verbs", i) < title or
                      self._staff_follows(i, title) or self._unit_follows(i, title)):
            return title
        quantifier = self.lexicon_at("quantifiers", i)
        if quantifier:  # "tất cả các sở", "toàn bộ cán bộ, công chức", "mỗi xã, phường"
            named = self.lexicon_at("people", i + quantifier) or \
                self.head_length(i + quantifier, any_case=True) or \
                self.lexicon_at("collectives", i + quantifier)
            return quantifier + named if named else 0
        if word.norm == self.run_words["plural"]:  # "các sở", "các Trưởng ban", "các Ban Quản lý"
            named = self.lexicon_at("role_heads", i + 1) or \
                self.lexicon_at("collectives", i + 1) or self.lexicon_at("titles", i + 1) or \
                self.head_length(i + 1)  # a role first: "các cơ quan soạn thảo"
            # "các trường hợp": a longer boundary phrase is no group ("trường" is one)
            return 1 + named if named > self.lexicon_at("boundaries", i + 1) else 0
        people = self.lexicon_at("people", i)
        if people and word.capitalised:  # staff opening a sentence as its subject: "Công chức
            return people                # chuyên môn chủ động thực hiện ..." (news10 N10_23)
        person = self._person_length(i)
        if person and (any_case or self._right_after(i, "directive")):
            return person
        address = self.lexicon_at("persons", i)
        if address and self.lexicon_at("titles", i + address):  # "Đồng chí Trưởng Ban Dân vận"
            held = self.head_length(i + address, any_case)
            return address + held if held else 0
        role = self.lexicon_at("role_heads", i)  # "nhà thầu", "chủ đầu tư": named in lower case
        if role:
            return role
        leadership = self._leadership_of_units(i)
        if leadership:
            return leadership
        if any_case and self.lexicon_at("lone_collectives", i):  # "Sở Y tế, địa phương"
            return self._bare_collective(i)
        directed = self._directed(i)
        named = self._named_head(i)  # its name in capitals: "ngành Thuế", "trạm Y tế xã"
        if named and not word.capitalised and self.lexicon_at("units", i + named):
            named = 0  # a level, no name: "các sở, ban, ngành Tỉnh" is one group
        head = self.lexicon_at("heads", i) or named or self._sector_named(i) or \
            (directed and self._lower_collective(i))  # "yêu cầu ngành chức năng ..."
        # after "phối hợp với" or "yêu cầu" a body may be named in lower case: "lực lượng kiểm
        # lâm", "cơ quan chức năng"
        if not head or not (word.capitalised or any_case or directed or named or
                            self._right_after(i, "support")):
            return 0
        # "Báo cáo ..." is an action, "Báo Đắk Nông" a name; "Trường hợp ..." opens a condition
        verb = max(self.lexicon_at("verbs", i), self.lexicon_at("boundaries", i))
        next_is_name = i + head < len(self.words) and self.words[i + head].capitalised
        return 0 if verb > head or (verb == head and not next_is_name) else head

    @cached_property
    def _head_starts(self) -> frozenset[int]:
        """The word indices where ``head_length`` may find a head in its lexicons: a phrase of
        one of ``HEAD_OPENINGS`` or "các" starts there. At any other word (a known name's or a
        defined abbreviation's aside) no agency starts: most words it is asked about."""
        return frozenset(self.positions.get(self.run_words["plural"], ())).union(
            *(self.index_of(self.lex[name]) for name in HEAD_OPENINGS))

    def titles_length(self, i: int) -> int:
        """Words of the office-holder title at word i, with the titles that share its body
        joined to it by "," or "và": "giám đốc, thủ trưởng các sở, ban, ngành thành phố" (news12
        N12_23), "Chủ tịch, Phó Chủ tịch UBND xã", or in brackets after it: "Giám đốc (Thủ
        trưởng) các sở, ban, ngành" (plans17 P17_02), and with the kind of body it names when the
        body's name repeats it ("Trưởng ban Ban Quản lý ..."); 0 when no title starts there."""
        length = self.lexicon_at("titles", i)
        if not length:
            return 0
        end = i + length
        if end + 1 < len(self.words) and self.norms[end] == self.norms[end + 1]:
            end += 1  # "Trưởng ban Ban Quản lý ...", "Trưởng phòng Phòng Nội vụ": the kind of
            length += 1  # body the title names, then the body
        while end + 1 < len(self.words):
            more = self.lexicon_at("titles", end + 1)
            if self.norms[end] in (",", self.run_words["conjunction"]) and more:
                end += 1 + more
            elif self.norms[end] == "(" and more and end + 1 + more < len(self.words) and \
                    self.norms[end + 1 + more] == ")":
                end += 2 + more
            else:
                break
        return end - i if self._body_follows(end) else length

    def _staff_follows(self, i: int, title: int) -> bool:
        """Whether the title at word i, right after a directive, heads a list of staff: "yêu
        cầu lãnh đạo, công chức phòng tiếp tục ..." (a ``people`` word after its comma, news9a
        N9_07) names people, where "lãnh đạo, chỉ đạo" would be two actions."""
        after = i + title
        return self._directed(i) and after + 1 < len(self.words) and \
            self.words[after].norm == "," and bool(self.lexicon_at("people", after + 1))

    def _unit_follows(self, i: int, title: int) -> bool:
        """Whether the title at word i, right after a directive, heads a unit named by its
        level ("yêu cầu lãnh đạo xã tập trung chỉ đạo ...", news11 N11_29): the leaders of the
        unit the text named last, where "lãnh đạo" alone would be an action."""
        return self._directed(i) and bool(self.lexicon_at("units", i + title))

    def _title_over_head(self, i: int) -> int:
        """Words of an office holder's title at word i that heads a body named in any case, 0
        if none: after a ";" of an addressee list, "giao giám đốc các sở; thủ trưởng cơ quan,
        ban ngành thành phố; chủ tịch UBND quận, huyện" (news20 N20_18) lists three."""
        title = self.titles_length(i)
        return title if title and self.head_length(i + title, any_case=True) else 0

    def _member_of_body(self, i: int) -> int:
        """Words of a board member's role at word i before a capitalised body ("thành viên Ban
        chỉ huy ...", ``member_roles``), 0 if none."""
        role = self.lexicon_at("member_roles", i)
        body = i + role
        return role if role and body < len(self.words) and self.words[body].capitalised and \
            self.head_length(body) else 0

    def _holders_other_role(self, holder: int, i: int) -> bool:
        """Whether the board member's role at word i, after the comma that follows the office
        holder at word ``holder``, is that holder's other role, not another addressee: "Phó
        Giám đốc Sở Y tế, Phó Trưởng ban Chỉ đạo phòng, chống dịch tỉnh" is one person
        (news63). A board's member before it ("Trưởng ban Tuyên giáo, Trưởng ban Dân vận") is
        not one holder, nor a list of units' heads ("Trưởng thôn, tổ trưởng TDP"): the holder's
        body and the board are named in capitals."""
        role, title = self.lexicon_at("member_roles", i), self.lexicon_at("titles", holder)
        return self.norms[i - 1] == "," and bool(role and title) and \
            not self.lexicon_at("member_roles", holder) and \
            all(k < len(self.words) and self.words[k].capitalised
                for k in (i + role, holder + title))

    def _directed(self, i: int) -> bool:
        """Whether a directive cue ("giao", or an issuer's "chỉ đạo": "UBND thành phố chỉ đạo
        đội quản lý trật tự đô thị ...", news43) ends right before word i and opens its
        clause's demand on someone new: not after a ";" ("Các cơ quan, đơn vị tổ chức ...; yêu
        cầu đơn vị đang cung cấp dịch vụ ... cam kết" asks a member of the sentence's subject),
        unless the cue opens its part with a capital, as a new item does ("...; Giao công chức
        Văn hóa – Xã hội ...", news9b N9_02)."""
        return i in self._after_directives

    @cached_property
    def _after_directives(self) -> frozenset[int]:
        """The word indices ``_directed`` holds for, from where each cue starts: the word after a
        cue of ``CUE_WORDS`` words at most that no ";" precedes or that opens with a capital."""
        return frozenset(k + length for name in ("directive", "issuer_directive")
                         for k, length in self.index_of(self.lex[name]).items()
                         if length <= CUE_WORDS and (k == 0 or self.norms[k - 1] != ";" or
                                                     self.words[k].capitalised))

    def _lower_collective(self, i: int) -> int:
        """Words of a collective word in lower case at word i that no place name follows
        ("ngành chức năng", not "tỉnh Đăk Lăk": a place is named, not a group), or a word of
        staff (``people``) before the office or field they serve ("giao công chức Văn phòng
        HĐND&UBND xã theo dõi ...", news11 N11_24; "giao công chức Văn hóa – Xã hội ...",
        news9b N9_02); else 0."""
        length = self.lexicon_at("collectives", i)
        if not length or self.words[i].capitalised or i + length >= len(self.words):
            return 0
        staff = self.lexicon_at("people", i) == length
        return length if staff or not self.words[i + length].capitalised else 0

    def _leadership_of_units(self, i: int) -> int:
        """Words of a unit's leadership in lower case at word i (``unit_leaderships``, never
        capitalised) before the units it leads, "các", a count or a level: "chính quyền 12
        huyện, thành trong tỉnh tổ chức rà soát ..." (news58); 0 otherwise."""
        length = self.lexicon_at("unit_leaderships", i)
        k = i + length
        if not length or self.words[i].capitalised or k >= len(self.words):
            return 0
        k += self.norms[k] == self.run_words["plural"] or self.norms[k].isdigit()
        return length if self.lexicon_at("units", k) else 0

    def _named_head(self, i: int) -> int:
        """Words of a ``named_heads`` phrase at word i when a capitalised word follows it, or
        when, capitalised itself, its level or a dash to the rest of its name follows ("Thư viện
        tỉnh", "Thư viện - Nhà truyền thống huyện", news64) or it is asked to act ("chỉ đạo Trạm
        thủy nông phối hợp ...", news41), where "trạm bơm" is a thing."""
        length = self.lexicon_at("named_heads", i)
        after = i + length
        return length if length and after < len(self.words) and (
            self.words[after].capitalised or
            self.words[i].capitalised and (
                self.norms[after] in self.run_words["units"] or self.joins_name(after) or
                self._directed(i) or self._right_after(i, "support"))
        ) else 0

    def _sector_named(self, i: int) -> int:
        """Words of a sector named by its domain in lower case at word i ("Ngành nông nghiệp
        tập trung thu hoạch ...", news56: ``sector``, then one of ``sector_domains``), 0 if
        none."""
        if self.norms[i] != self.run_words["sector"]:
            return 0
        domain = self.lexicon_at("sector_domains", i + 1)
        return 1 + domain if domain else 0

    def _person_length(self, i: int) -> int:
        """Words of "ông"/"bà"/"đồng chí" (``persons``) at word i when a full name (two
        capitalised syllables at least) follows, or a given name and the dash before the
        person's title, or a given name and the action: "ông Nguyễn Văn An", "đồng chí Tiến -
        PCT UBND phường", "giao đồng chí Tùng xây dựng ..." (news11 N11_25) are named as written
        (ANNOTATION.md §1b, named officials); else 0."""
        length = self.lexicon_at("persons", i)
        name = self.words[i + length:i + length + 2]
        if not length or not name or not name[0].capitalised:
            return 0
        full = len(name) == 2 and name[1].capitalised
        given = len(name) == 2 and (name[1].norm in DASHES or
                                    bool(self.lexicon_at("verbs", i + length + 1)))
        return length if full or given else 0

    def _titled_person(self, first_word: int, j: int) -> bool:
        """Whether the "," at word j puts a title after the person named at ``first_word``
        ("ông Nguyễn Văn An, Phó Chủ tịch UBND phường"): one addressee, named as written."""
        return self.words[j].norm == "," and bool(self._person_length(first_word)) and \
            bool(self.lexicon_at("titles", j + 1))

    def _right_after(self, i: int, cue: str) -> bool:
        """Whether a phrase of ``lexicons()[cue]`` ends right before word i ("Giao ông ...",
        "phối hợp với lực lượng ...")."""
        return any(self.lexicon_at(cue, k) == i - k for k in range(max(0, i - CUE_WORDS), i))

    def _body_follows(self, j: int) -> bool:
        """Whether the body an office holder heads starts at word j ("các sở", "Sở Y tế"): a
        title in lower case after a directive ("yêu cầu thủ trưởng các sở, ban, ngành ...") or
        one that is also a verb ("lãnh đạo") is one only then."""
        return j < len(self.words) and \
            (self.words[j].norm == self.run_words["plural"] or self.words[j].capitalised)

    def _extend(self, first_word: int, j: int) -> int:
        """The end word index of the name that starts at ``first_word``, reading on from j."""
        if self.words[first_word].text in self.defined_bodies:  # an abbreviation is whole
            return j
        known_end = self.known.get(first_word)
        while j < len(self.words) and j - first_word < MAX_ITEM_WORDS:
            if j in self.known:
                if j - 1 in self.known_ends and self.line_break_before(j):
                    break  # a known name ends its line, another opens the next: two names
                j = known_end = self.known[j]
                continue
            if j == known_end and self._stray_word(j):
                break
            if self._parent_follows(first_word, j):
                break
            qualifier = self.lexicon_at("group_qualifiers", j)  # rare: the group is asked after
            continuation = self.lexicon_at("continuations", j) or \
                (qualifier if qualifier and self._names_group(first_word, j) else 0) or \
                self._board_purpose(first_word, j)
            if continuation:
                j += continuation
                continue
            word = self.words[j]
            if self.opens_new_line(j):
                break
            team = self._team_length(j) or self._team_work(first_word, j)
            if team:
                j += team
                continue
            if self.joins_name(j) or self.abbreviation_period(j):
                j += 1
                continue
            if word.norm in self.run_words["separators"] or not self.in_name(j):
                break
            if self.is_action(j) or self._after_place(first_word, j) or self._each_restated(j):
                break
            j += 1
        return j

    def _each_restated(self, j: int) -> int:
        """Words of "mỗi"/"từng" (``each``) and a collective word at j that restate the bodies
        just named one by one, ending the run before their action: "Ban quản lý đô thị, Trung
        tâm y tế dự phòng mỗi đơn vị huy động 1 xe" (news65); 0 otherwise, and for a level's
        units ("UBND mỗi xã")."""
        if j + 1 >= len(self.words) or self.norms[j] not in self.run_words["each"] or \
                self.norms[j + 1] in self.run_words["units"]:
            return 0
        group = self.lexicon_at("collectives", j + 1)
        return 1 + group if group else 0

    def _stray_word(self, j: int) -> bool:
        """Whether the word at j, right after a known name, is no part of it: a lower-case
        word that names no level ("các tỉnh") nor follows one ("Công an huyện này"), as a verb
        no lexicon lists does ("Sở Y tế hoãn các cuộc họp", where the name ran on to "họp") or a
        typo ("Sở Khoa học và Công nghệ đê hỗ trợ ...", of "để": new-clerk trial, where the name
        became a body of its own and was chased)."""
        units = self.run_words["units"]
        level = j + (self.norms[j] == self.run_words["plural"])  # "Sở Y tế các tỉnh"
        return j + 1 < len(self.words) and self.words[j].text.islower() and \
            self.norms[level] not in units and self.words[j - 1].norm not in units and \
            not self.lexicon_at("continuations", j)

    def _board_purpose(self, first_word: int, j: int) -> int:
        """Words of a board's purpose at word j when the name from ``first_word`` is a steering
        or command board, its holder's title, its members or "các" before it ("(Trưởng) Ban Chỉ
        đạo", "các Tổ công tác", "các thành viên Ban Chỉ đạo"): a ``board_purposes`` phrase, or
        its work in lower case up to its level right before its directive (``_board_remit``); 0
        otherwise."""
        purpose = self.lexicon_at("board_purposes", j)  # rare: the board is looked up after it
        if not purpose and self.words[j].capitalised:
            return 0
        k = first_word + self.titles_length(first_word)
        k += k < len(self.words) and self.norms[k] == self.run_words["plural"]
        k += self.lexicon_at("people", k)  # "các thành viên Ban Chỉ đạo": its members
        if not self.lexicon_at("boards", k):
            return 0
        return purpose or self._board_remit(j)

    def _board_remit(self, j: int) -> int:
        """Words from word j through a level of ``units`` and the place after it, when the
        board's work named in lower case runs there and its directive follows: "Tổ công tác
        liên ngành quản lý bảo vệ rừng huyện đã đề nghị các xã ..." (news33; the action words
        "quản lý", "bảo vệ" would end the name), or, when ``board_topics`` opens the work, the
        addressee's item ends ("Ban Chỉ đạo về vệ sinh an toàn thực phẩm tỉnh, UBND ..."); 0
        otherwise."""
        topic = self.lexicon_at("board_topics", j)
        adverbs = self.run_words["speaker_adverbs"]
        k = j
        while k < min(j + MAX_ITEM_WORDS, len(self.words)):
            purpose = self.lexicon_at("board_purposes", k)  # "về phòng, chống ..."
            if purpose:
                k += purpose
                continue
            word = self.words[k]
            if word.capitalised or not self.in_name(k) or \
                    word.norm in self.run_words["separators"]:
                return 0
            level = self.lexicon_at("units", k)
            if level:
                end = k + level
                while end < len(self.words) and self.words[end].capitalised:
                    end += 1
                after = end
                while after < len(self.words) and self.words[after].norm in adverbs:
                    after += 1
                remit_ends = self._ends_item_at(end) if topic else \
                    self.lexicon_at("directive", after)
                return end - j if remit_ends else 0
            k += 1
        return 0

    def _team_length(self, j: int) -> int:
        """Words of a head at word j that names a team by its work, an action inside it
        ("đoàn kiểm tra", "ban quản lý"): the name goes on through it ("Trưởng đoàn kiểm tra là
        đồng chí ...", news12 N12_25); 0 otherwise."""
        head = self.lexicon_at("heads", j)
        acts = any(self.lexicon_at("verbs", k) for k in range(j + 1, j + head))
        return head if acts and head > self.lexicon_at("verbs", j) else 0

    def _team_work(self, first_word: int, j: int) -> int:
        """Words of the work a team is named by, when the name so far is a capitalised team
        (``work_teams``: "Tổ") and a lower-case action at word j runs, within TEAM_WORK_WORDS
        words and no separator, to a marker of the team's deed or duty (``team_work_ends``):
        "Tổ lấy ý kiến | đã tuyên truyền ..."; 0 otherwise."""
        team = self.lexicon_at("work_teams", first_word)
        if not team or first_word + team != j or not self.words[first_word].capitalised or \
                self.words[j].capitalised or not self.is_action(j):
            return 0
        for k in range(j + 1, min(len(self.words), j + TEAM_WORK_WORDS + 1)):
            if self.words[k].norm in self.run_words["separators"]:
                return 0
            if self.lexicon_at("team_work_ends", k):
                return k - j
        return 0

    def _parent_follows(self, first_word: int, j: int) -> bool:
        """Whether a ``parent_links`` phrase at word j links the one unit named from
        ``first_word`` to a known body ("Trung tâm Tin học thuộc Sở Nội vụ"): the unit's name ends
        there. A group keeps its qualifier: a name in lower case ("đơn vị thuộc UBND tỉnh") or one
        after "các" or a list's comma ("các sở, ban, ngành, đơn vị thuộc ...")."""
        before = self.words[first_word - 1].norm if first_word else ""
        return self.past_parent(j) > j and self.words[first_word].capitalised and \
            before not in (self.run_words["plural"], ",") and not any(
                w.norm in (self.run_words["plural"], ",") for w in self.words[first_word:j])

    def past_parent(self, j: int) -> int:
        """Past the body a unit's name ends before ("thuộc Sở Nội vụ", ``parent_links``), for
        the words after the name to be read: j when no such link starts at word j."""
        link = self.lexicon_at("parent_links", j)
        return self.known[j + link] if link and j + link in self.known else j

    def _after_place(self, first_word: int, j: int) -> bool:
        """Whether word j, in lower case, comes right after a place that ends the name begun at
        ``first_word``: a level of ``units`` and the capitalised words after it ("UBND tỉnh Tiền
        Giang", "UBND xã Hiền Ninh"). A Vietnamese agency's name ends with its place, so in "đề
        nghị UBND xã Hiền Ninh thời gian tới cần rà soát" the words after it are the clause's."""
        if self.words[j].capitalised or not self.words[j - 1].capitalised:
            return False
        k = j - 1
        while k > first_word and self.words[k].capitalised:
            k -= 1
        return k > first_word and self._ends_in_level(k + 1)

    def in_name(self, j: int) -> bool:
        """Whether word j can be part of a name: a word or "&", not a cell's "|" or a bracket."""
        text = self.words[j].text
        return text[:1].isalnum() or text == "&"

    def joins_name(self, j: int) -> bool:
        """Whether word j is a dash between two capitalised parts of one name ("Trung tâm Bảo tồn
        di sản Thăng Long - Hà Nội", "phường Văn Miếu – Quốc Tử Giám"), or a slash or dash
        between two levels a collective names together ("UBND các tỉnh/thành phố", "các
        quận/huyện", "UBND quận-huyện", "UBND các huyện - thành phố"); a dash before the body's
        standing in the plan ends its name ("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo",
        ``cues.yml`` ``standings``)."""
        if j + 1 >= len(self.words) or self.words[j].norm not in ("/", "-"):
            return False
        if self.lexicon_at("units", j + 1) and self._ends_in_level(j):
            return True
        dash, after = self.words[j], self.words[j + 1]
        if dash.norm == "-" and after.norm.isdigit() and after.start_char == dash.end_char and \
                self.words[j - 1].end_char == dash.start_char:
            return True  # a number glued to a word: "Ban Chỉ đạo phòng, chống dịch Covid-19"
        return dash.norm == "-" and after.capitalised and \
            not self.is_action(j + 1) and not self.lexicon_at("standings", j + 1)

    def abbreviation_period(self, j: int) -> bool:
        """Whether word j is the period of an abbreviation glued to the word before it ("UBND
        TP. Bắc Giang", "UBND TX. Việt Yên"): the name goes on past it."""
        if self.words[j].norm != "." or not j:
            return False
        before = self.words[j - 1]
        return before.end_char == self.words[j].start_char and is_abbreviation(before.text + ".")

    def line_break_before(self, j: int) -> bool:
        """Whether a line ends between word j - 1 and word j."""
        return j > 0 and "\n" in self.text[self.words[j - 1].end_char:self.words[j].start_char]

    def opens_new_line(self, j: int) -> bool:
        """Whether word j starts a line that cannot continue a name from the line before: a
        table row, a numbered item, a lone (page) number ("11. Sở Tài chính" / "9" / "- ...")
        or a capitalised action after a heading that names a body ("... Hà Nội" / "Phối hợp
        ..."). A name wrapped onto the next line ("Sở Kế hoạch và" / "Đầu tư") goes on, over a
        blank line too (a legal site's bold heading: "Hội Liên hiệp**" / "" / "**Phụ nữ ...")."""
        text, word = self.text, self.words[j]
        if not self.line_break_before(j):
            return False
        line_end = text.find("\n", word.start_char)
        line = text[word.start_char:line_end if line_end >= 0 else len(text)]
        joined = self.words[j - 1].norm in self.run_words["separators"]
        return "|" in line or line.strip().isdigit() or marker_of(line)[0] is not None or \
            (not joined and word.capitalised and bool(self.lexicon_at("verbs", j)))

    def _next_item_after_separator(self, first_word: int, j: int) -> tuple[str, int]:
        """What follows word j (a separator): ('new', k), ('same', k), ('member', k) (a
        qualified collective, ``_qualified_collective``) or ('stop', j)."""
        separator, plural = self.words[j].norm, self.run_words["plural"]
        conjunction = self.run_words["conjunction"]
        k = j + 1
        if k >= len(self.words):
            return "stop", j
        if self._titled_person(first_word, j):
            return "same", k
        if separator == "," and self._member_of_body(k):
            return "new", k  # "các đồng chí Ủy viên UBND huyện, thành viên Ban chỉ huy ...":
            # the members of another body (news30)
        if separator == "," and self._bare_unit_body(first_word, j) and \
                self.head_length(k, any_case=True):  # "UBND, ban an toàn giao thông các
            return "new", k  # huyện": a body every unit has, then another of those units (news44)
        if separator == ";" and (self.head_length(k, any_case=True) or  # "...; cơ quan chuyên
                                 self._title_over_head(k)):  # môn, đơn vị sự nghiệp công lập
            return "new", k  # ...; ban ngành thành phố" (plans17); "...; thủ trưởng cơ quan, ..."
        if separator == "," and self._group_closed(j):  # "các sở, ngành liên quan, ủy ban nhân
            # dân các huyện": a second name; "các đơn vị liên quan, tổ chức thực hiện": the action
            return ("new", k) if self.head_length(k, any_case=True) else ("stop", j)
        if separator == "," and self._ends_in_level(j) and self.norms[k] == plural and \
                not self.lexicon_at("units", k + 1) and self.head_length(k, any_case=True):
            return "new", k  # "UBND các xã, thị trấn, các tập thể, cá nhân": the levels' list
            # ends where another "các" names no level (news43)
        if separator == "," and self._group_placed(first_word, j) and \
                self.head_length(k, any_case=True):  # "các sở, ngành cấp tỉnh, cơ quan ngành dọc
            return "new", k  # ...", not "các cơ quan, đơn vị của tỉnh, TW" (news50, news49)
        if separator == conjunction and self._group_closed(j) and \
                self.head_length(k, any_case=True):  # "Các cơ quan liên quan và đoàn thể
            return "new", k                          # huyện" (news12 N12_18)
        asked = self.lexicon_at("directive", k) if separator == conjunction else 0
        if asked and self.head_length(k + asked):  # "giao ... chủ tịch UBND quận, huyện và đề
            return "new", k + asked                 # nghị Giám đốc Ngân hàng ..." (news20 N20_18)
        collective = self._names_group(first_word, j) or \
            bool(self.lexicon_at("quantifiers", first_word))
        starts = self.head_length(k)
        # not "UBND các huyện"; after its holders' title: "lãnh đạo các sở, ngành và địa phương"
        pure_collective = self.norms[first_word + self.titles_length(first_word)] == plural
        if separator == conjunction and pure_collective and \
                self.lexicon_at("joined_collectives", k + (self.words[k].norm == plural)):
            return "same", k  # "các sở, ngành và (các) địa phương"
        if separator in (",", conjunction) and self._level_list_goes_on(j, k):
            return "same", k
        if separator == conjunction and self._sector_domain_end(first_word, j):
            return "same", k  # "ngành thông tin và truyền thông"
        if separator == conjunction and pure_collective and self._bare_collective(k):
            # "các bộ, ngành và tỉnh, thành phố": a second group; "các Bộ, ngành, địa phương và
            # đơn vị": the last member of the one group, sharing its "các"
            ends_run = self._ends_run_at(k + self._bare_collective(k))
            return ("same" if ends_run else "new"), k
        if separator == conjunction and (not collective or self._ends_in_level(j)) and \
                not self.is_action(k) and self._bare_collective(k):
            return "new", k  # "Sở Tài chính và cơ quan, địa phương liên quan"; "Chủ tịch UBND
            # các huyện, thành phố và cơ quan, tổ chức, cá nhân có liên quan" (news50)
        member = k + self._plural_member(first_word, j, k)
        if starts and not (separator == "," and collective and self._bare_collective(member)) \
                or self._person_length(k) \
                or self.lexicon_at("role_heads", k):  # "các đơn vị quản lý, chủ đầu tư, nhà thầu"
            return "new", k
        if separator == "," and collective and self._qualified_collective(k):
            return "member", k  # "các địa phương, tổ chức thủy lợi": a group of its own
        if separator == "," and collective and not self.words[k].capitalised and \
                self._committee_at(k):
            return "new", k  # "các sở, ban, ngành, ủy ban nhân dân các huyện" (news53)
        group_word = self.lexicon_at("collectives", member)
        head = self.lexicon_at("heads", k)
        if separator == "," and collective and self.head_length(k, any_case=True) > 1 and \
                (not group_word or head > member - k + group_word and
                 not self._group_goes_on(k + head)):
            # "các cấp ủy, tổ chức đảng, chính quyền", "các sở, ngành, lực lượng vũ trang": a
            # body of another kind, not one more member of the group (a collective word alone);
            # a head of one syllable in lower case is as often a word of the group's ("đoàn viên")
            return "new", k
        if separator == "," and collective and not self.lexicon_at("titles", k) and \
                (self.lexicon_at("continuations", k) or not self.is_action(k) or
                 self._bare_collective(k)):  # "..., thủ trưởng cơ quan, đơn vị": its holders
            return "same", k
        # "Bưu điện tỉnh, chi nhánh ..."
        if separator == "," and self.head_length(k, any_case=True):
            return "new", k
        if separator == conjunction and self.words[k].capitalised:  # "Sở Văn hóa và Thể thao huyện"
            return "same", k
        if self._placed_unit(k) and self._committee_owner((first_word, j, "")):
            # "UBND thị xã Hương Thủy và thành phố Huế": its committee too, one of the group of
            # a group's ("UBND các huyện, thị xã và thành phố Huế", as "UBND các huyện, thành
            # phố Gia Nghĩa": ANNOTATION.md §2)
            return ("same" if collective else "new"), k
        return "stop", j

    def _plural_member(self, first_word: int, separator: int, k: int) -> int:
        """1 when word k is a "các" that names one more member of the group of collective words
        before ``separator`` ("các đơn vị, các địa phương", "các cơ quan, đơn vị, các ngành có
        liên quan": one group each in the gold of news44 and news52), else 0: not before or after
        a capitalised name ("các Ban xây dựng Đảng", "các thành viên Ủy ban"), nor after a
        qualified group ("các doanh nghiệp do địa phương quản lý"); levels are the group of
        their committees ("các cơ quan, đơn vị, các xã, thị trấn": two, dev E_03)."""
        plural = self.run_words["plural"]
        one_more = self.norms[k] == plural and k + 1 < len(self.words) and \
            not self.words[k + 1].capitalised and not self.lexicon_at("units", k + 1) and \
            bool(self._bare_collective(k + 1))
        lower_case = not any(word.capitalised for word in self.words[first_word + 1:separator])
        return int(one_more and self.norms[first_word] == plural and lower_case and
                   self._collective_words_only(first_word + 1, separator))

    def _sector_domain_end(self, first_word: int, conjunction: int) -> int:
        """The end word index of the domain a sector is named by when the "và" at word
        ``conjunction`` lies inside it ("ngành giáo dục và đào tạo": ``sector``, then a domain
        of ``sector_domains``, whose words may be verbs); 0 otherwise."""
        sector = first_word + (self.words[first_word].norm == self.run_words["plural"])
        if sector >= conjunction:
            return 0
        end = sector + self._sector_named(sector)
        return end if end > conjunction + 1 else 0

    def _level_list_goes_on(self, separator: int, k: int) -> bool:
        """Whether word k, after a name ending in a level ("Công an huyện"), is another level
        alone ("thị xã", "thành phố") that the run names with it: "Chủ tịch UBND huyện, thị xã,
        thành phố chỉ đạo" is one collective addressee (levels: ``units``), and so is "Ủy ban
        nhân dân thành phố và các huyện" ("các" after "và"). A level followed by a place name
        ("thị xã Sơn Tây") is a unit of its own."""
        k += self.words[separator].norm == self.run_words["conjunction"] and \
            self.words[k].norm == self.run_words["plural"]
        level = self.lexicon_at("units", k)
        if not level or not self._ends_in_level(separator) or self.words[k].capitalised:
            return False
        return self._ends_item_at(k + level)

    def _ends_in_level(self, end: int) -> bool:
        """Whether the words before word ``end`` end in a level of ``units`` ("huyện", "thành
        phố": two words at most)."""
        return any(self.lexicon_at("units", m) == end - m for m in range(max(0, end - 2), end))

    def _group_goes_on(self, j: int) -> bool:
        """Whether the group's members go on after word j: a comma, then a collective word
        alone ("các cơ quan, đơn vị, lực lượng vũ trang, doanh nghiệp ...", news65)."""
        return j + 1 < len(self.words) and self.norms[j] == "," and \
            bool(self._bare_collective(j + 1))

    def _bare_collective(self, k: int) -> int:
        """Words of a collective word alone at word k, the run going on or ending after it (0
        when none): the capitalised "Ban" of "Giám đốc các Sở, Ban, ngành" goes on naming the
        group, "tổ chức" of "các doanh nghiệp, tổ chức, cá nhân" too (though also a verb)."""
        length = self.lexicon_at("collectives", k)
        end = k + length
        if not length or end < len(self.words) and \
                self.words[end].norm in self.run_words["collective_markers"]:
            return 0  # "UBND cấp huyện" starts a name
        two_words = not self.lexicon_at("units", end) and self._bare_collective(end)
        return length if self._ends_item_at(end) or two_words else 0  # "tổ chức cá nhân"

    def _qualified_collective(self, k: int) -> int:
        """Words of a collective word at word k that is also a verb and that a lower-case word
        naming no action qualifies (0 when none): "tổ chức" of "các địa phương, tổ chức thủy lợi
        bố trí ..." names members of the group, and the action comes after its qualifier. Not a
        level's "cấp" ("UBND cấp huyện, cấp xã": ``collective_markers``)."""
        length = self.lexicon_at("collectives", k)
        end = k + length
        return length if length and self.is_action(k) and end < len(self.words) and \
            self.norms[k] not in self.run_words["collective_markers"] and \
            self.in_name(end) and \
            not self.words[end].capitalised and \
            self.words[end].norm not in self.run_words["separators"] and \
            not self.is_action(end) and not self._bare_collective(end) else 0

    def _group_closed(self, j: int) -> bool:
        """Whether a ``group_ends`` phrase ("liên quan") ends right before word j: the group it
        closes takes no more members."""
        return any(self.lexicon_at("group_ends", i) == j - i for i in range(max(0, j - 3), j))

    def _group_placed(self, first_word: int, j: int) -> bool:
        """Whether the group of bodies opening at ``first_word`` ("các sở, ban, ngành", after its
        holders' title) ends right before word j in the level or owner it belongs to
        (``group_levels``: "cấp tỉnh", "thuộc tỉnh"): a body named after it is no member."""
        if self.norms[first_word + self.titles_length(first_word)] != self.run_words["plural"]:
            return False
        return any(self.lexicon_at("group_levels", i) == j - i for i in range(max(0, j - 6), j))

    def _ends_run_at(self, end: int) -> bool:
        """Whether the run of addressees ends before word ``end``: no separator comes next."""
        return end >= len(self.words) or self.words[end].norm not in self.run_words["separators"]

    def _ends_item_at(self, end: int) -> bool:
        """Whether an addressee item ends before word ``end``: the text, a separator, a
        ``continuations`` phrase ("trên địa bàn") or the action comes next."""
        return end >= len(self.words) or self.words[end].norm in self.run_words["separators"] \
            or bool(self.lexicon_at("continuations", end)) or self.is_action(end)

    def _distribution(self, first_word: int, owner_end: int, head: int, start: int
                      ) -> tuple[list[tuple[int, int, str]], int]:
        """ "Giám đốc các Sở: Công Thương, Tài chính" or "các sở Tài chính, Nội vụ" → one item per
        named body, "UBND các phường: Ba Đình, Hoàn Kiếm" → one per named unit, the words before
        "các" (up to word ``owner_end``) kept with the head at word ``head`` ("UBND phường"); the
        items start at word ``start``. An item with a head of its own ("Công an tỉnh", "UBND các
        huyện") names itself; a group of its own ("Giám đốc các Sở: Nội vụ, Tài chính và các
        sở, ban, ngành", direct1) ends the list, which stops at the separator before it."""
        owner = self._respaced(first_word, owner_end) + " " if owner_end > first_word else ""
        body = owner + self.words[head].text  # "Sở" / "Bộ" / "phường"
        conjunction = self.run_words["conjunction"]
        items: list[tuple[int, int, str]] = []
        j = start
        while j < len(self.words):
            if items and self.norms[j] == self.run_words["plural"]:
                return items, j - 1
            first_word = j
            head = self.head_length(j)
            if head:
                j = self._extend(j, j + head)
                prefix = f"{body} " if self._known_with(body, first_word, j) else ""
                while j < len(self.words) and self.words[j].norm in (",", conjunction) and \
                        self._level_list_goes_on(j, j + 1):  # "UBND các huyện, thị xã"
                    j = self._extend(j + 1, j + 1)
            else:  # a unit of another level names its own: "UBND các huyện: A, B và thị xã C"
                prefix = owner if self.lexicon_at("units", j) else f"{body} "
            while j < len(self.words) and self.words[j].norm not in (",", ";", ".") and \
                    (self.in_name(j) or self.words[j].norm == "-") and \
                    not self.opens_new_line(j) and \
                    not (self.words[j].norm == conjunction and
                         self._distributed_next(body, first_word, j)) and \
                    (not self.is_action(j) or self.joins_name(j)):
                j += 1
            if j == first_word:
                break
            j = self._known_past_comma(body, first_word, j)
            items.append((first_word, j, prefix))
            if j < len(self.words) and self.words[j].norm == "," or \
                    j < len(self.words) and self.words[j].norm == conjunction and \
                    self._distributed_next(body, first_word, j):
                j += 1
                continue
            break
        return items, j

    def _known_past_comma(self, body: str, first_word: int, j: int) -> int:
        """The end of a distributed item read up to word j, past the comma there when the body
        and the words after it make a known name: "các Sở: ..., Văn hóa, Thể thao và Du lịch"
        names Sở Văn hóa, Thể thao và Du lịch (rules/agencies.yml); j otherwise, and when the
        item is a known name already."""
        if j >= len(self.words) or self.words[j].norm != "," or \
                self._known_with(body, first_word, j):  # "Văn hóa và Thể thao, Du lịch": two
            return j
        ends = (end for end in range(min(len(self.words), j + KNOWN_PAST_COMMA), j + 1, -1)
                if self.in_name(end - 1) and self._known_with(body, first_word, end))
        return next(ends, j)

    def _distributed_next(self, body: str, first_word: int, conjunction: int) -> bool:
        """Whether the "và" at word ``conjunction`` of a distributed item starts the next item:
        a head or a unit of another level ("Bình Sơn và thị xã Đức Phổ", "Tài chính và UBND các
        huyện") or a known body ("Giám đốc các Sở: Tài chính, Xây dựng và Y tế" names Sở Y tế) —
        unless the item with it is a known name ("Văn hóa và Thể thao", "Lao động - Thương binh
        và Xã hội", rules/agencies.yml) — or a place of the units the list names ("hai phường
        Lạc Viên và Máy Tơ": no place's name holds "và")."""
        end = conjunction + 1
        while end < len(self.words) and self.words[end].norm not in (",", ";", ".") and \
                not self.is_action(end):
            end += 1
        if end == conjunction + 1:
            return False
        if fold(body).rsplit(" ", 1)[-1] in self.run_words["units"] and \
                self._bare_name_at(conjunction + 1):
            return True
        if self._known_with(body, first_word, end):
            return False
        if self.lexicon_at("units", conjunction + 1) or self.head_length(conjunction + 1):
            return True
        return self._known_with(body, conjunction + 1, end)

    def _known_with(self, body: str, start_word: int, end_word: int) -> bool:
        """Whether ``body`` before words ``[start_word, end_word)`` is a known name: "Bộ" and
        "Công an" (a head of its own) make "Bộ Công an" (rules/agencies.yml)."""
        return fold(canonical(f"{body} {self._respaced(start_word, end_word)}")) in gazetteer()

    def _respaced(self, start_word: int, end_word: int) -> str:
        """The words' text with a space back between syllables a web page glued together."""
        text = self.text
        parts = [self.words[start_word].text]
        for previous, word in zip(self.words[start_word:end_word],
                                  self.words[start_word + 1:end_word], strict=False):
            between = text[previous.end_char:word.start_char]
            glued = not between and previous.text[-1:].isalpha() and word.text[:1].isalpha()
            parts.append((" " if glued else between) + word.text)
        return "".join(parts)

    def parse(self, i: int, any_case: bool = False) -> tuple[list[Addressee], int]:
        """The addressees of the run starting at word ``i`` (none when no agency starts there),
        one per agency, and the index of the first word after the run; ``any_case`` where an
        agency must come, so a lower-case head starts one ("phối hợp với cơ quan, tổ chức liên
        quan"). Read once per index: a clause is read again when a ";" splits it, and headings,
        table cells and supports meet the same runs (a third of the calls)."""
        if (i, any_case) not in self.parsed:
            self.parsed[i, any_case] = self._parse(i, any_case)
        addressees, after = self.parsed[i, any_case]
        return list(addressees), after

    def _parse(self, i: int, any_case: bool) -> tuple[list[Addressee], int]:
        items: list[tuple[int, int, str]] = []  # (first word, end word, prefix of the name)
        j, more = i, True
        while more and len(items) < MAX_ITEMS:
            # after the first item, a separator verdict vouched for the head
            head = self.head_length(j, any_case=any_case or bool(items)) or \
                (bool(items) and (self._bare_collective(j) or  # "các sở, ngành và huyện, thị xã"
                                  self._title_over_head(j) or self._member_of_body(j)))
            if items and not head and self._placed_unit(j) and \
                    (owner := self._committee_owner(items[-1])):
                first_word, j = j, self._extend(j, j + self.lexicon_at("units", j))
                items.append((first_word, j, f"{owner} "))
                j, more = self._after_item(items, j)
                continue
            if not head:
                break
            first_word = j
            j = self._extend(first_word, j + head)
            if items and self._holders_other_role(items[-1][0], first_word):
                j, more = self._after_item(items, j)
                continue
            opening = self._distribution_opening(first_word, j) or \
                self._named_list_opening(first_word, j)
            distributed, after = self._distribution(first_word, *opening) if opening else ([], j)
            if len(distributed) == 1 and opening and opening[2] == opening[1] + 1:
                distributed = []  # "các Sở Giáo dục và Đào tạo": every body of that name
            if distributed:
                if items and opening and opening[0] == first_word:  # "..., các huyện A, B"
                    distributed = self._with_committee_of(items[-1], distributed)
                items.extend(distributed)
                j = after
            else:  # "UBND các xã:" heading a list of actions names the collective
                items.append((first_word, j, ""))
            if items:
                j, more = self._after_item(items, j)
        if items:
            j = self._qualified(items, j)
            j += self._each_restated(j)
        scope, sharing = self._shared_scope(items)
        addressees = [self._addressee(s, e, prefix, scope if sharing <= k < len(items) - 1
                                      else "")
                      for k, (s, e, prefix) in enumerate(items)]
        return unique(addressees), j

    def _shared_scope(self, items: list[tuple[int, int, str]]) -> tuple[str, int]:
        """The level and place that end the last of several items ("xã", "các xã, phường"),
        which the bodies every unit has, named bare right before it, share, and the first of
        those items: "HĐND, UBND, Ủy ban MTTQ xã", "Bí thư Đảng ủy, Chủ tịch UBND các xã,
        phường" (news33, news38), "Công an tỉnh, Sở ... và UBND, ban an toàn giao thông các
        huyện" after "và" (news44); ("", 0) when the last item names none or another item before
        them is no such body ("các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc tỉnh"
        names the Party's committees at every level)."""
        if len(items) < 2:
            return "", 0
        first = len(items) - 1
        while first > 0 and self._bare_unit_body(*items[first - 1][:2]):
            first -= 1
        joined = first == 0 or self.norms[items[first][0] - 1] == self.run_words["conjunction"]
        if first == len(items) - 1 or not joined:
            return "", 0
        start, end, _ = items[-1]
        level = self._level_within(start, end)
        if level is None:
            return "", 0
        level -= self.norms[level - 1] in self.run_words["collective_markers"]
        return self._respaced(level, end), first

    def _level_within(self, start: int, end: int) -> int | None:
        """The first word after ``start`` and before ``end`` that opens a level of ``units``
        ("xã", "thị xã"), not a word of ``unit_homographs`` ("xã hội"); None when there is
        none."""
        return next((k for k in range(start + 1, end) if self.lexicon_at("units", k) and
                     not self.lexicon_at("unit_homographs", k)), None)

    def _bare_unit_body(self, start: int, end: int) -> bool:
        """Whether words ``[start, end)`` name, after any title, a body every unit has and no
        level (``unit_bodies``: "HĐND", "Đảng ủy", "Ban Công an")."""
        start += self.titles_length(start)
        name = fold(expand_abbreviations(self._respaced(start, end))) if start < end else ""
        return " ".join(syllables(name)) in self.lex["unit_bodies"].phrases

    def _with_committee_of(self, previous: tuple[int, int, str],
                           distributed: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The units a list names after a People's Committee of one unit, with its words before
        the level: "Chủ tịch UBND thị xã Quảng Trị, các huyện Triệu Phong, Đakrông" names the
        Chủ tịch UBND of each huyện (news28); ``distributed`` unchanged after any other item."""
        owner = self._committee_owner(previous)
        if owner is None:
            return distributed
        return [(first, last, f"{owner} {prefix}" if prefix and not self._owns_levels(prefix)
                 else prefix) for first, last, prefix in distributed]

    def _committee_owner(self, item: tuple[int, int, str]) -> str | None:
        """The words before the level of an item naming a People's Committee or Council of a
        unit or of a level's units, with any title ("Chủ tịch UBND" of "Chủ tịch UBND thị xã
        Quảng Trị", "UBND" of "UBND các huyện, thị xã"); None for any other item."""
        start, end, prefix = item
        level = self._level_within(start, end)
        if level is None:
            return None
        owner_end = level - self._plural_at(level - 1)
        owner = (prefix + self._respaced(start, owner_end)).strip()
        return owner if self._owns_levels(owner) else None

    def _placed_unit(self, k: int) -> bool:
        """Whether a level in lower case and a place's name start at word k ("thành phố Huế",
        "thị xã Sơn Tây")."""
        level = self.lexicon_at("units", k)
        return bool(level) and not self.words[k].capitalised and k + level < len(self.words) \
            and self._bare_name_at(k + level)

    def _committee_at(self, k: int) -> bool:
        """Whether a People's Committee or Council (``level_bodies``) starts at word k."""
        return any(fold(expand_abbreviations(self._respaced(k, k + length)))
                   in self.run_words["level_bodies"]
                   for length in COMMITTEE_WORDS if k + length <= len(self.words))

    def _owns_levels(self, words: str) -> bool:
        """Whether ``words`` end with a People's Committee or Council (``level_bodies``)."""
        return fold(expand_abbreviations(words)).strip().endswith(self.run_words["level_bodies"])

    def _qualified(self, items: list[tuple[int, int, str]], j: int) -> int:
        """The end of the last item with the clause qualifying it when it is a collective: "các
        địa phương có tỷ lệ giải ngân thấp phải báo cáo", "Cơ quan, đơn vị chưa nộp báo cáo, số
        liệu khẩn trương ..." name which members act. The clause opens with a
        ``qualifiers`` phrase at word j and ends before a ``qualified_ends`` one within
        QUALIFIER_WORDS words, or a ``qualified_verbs`` one after its first word ("các huyện có
        rừng tổ chức triển khai ..."; "các địa phương có thực hiện các Chương trình ... chủ trì"),
        or with an ``assigned_qualifiers`` one that no action follows
        ("các cơ quan, đơn vị được giao nhiệm vụ phải ...") or with an ``assigned_duties`` one
        ("... được phân công có trách nhiệm ..."; "các đơn vị được giao chủ trì ..." is the
        assignment), or is the members' role right before a ``qualified_ends`` phrase
        (``role_qualifiers``: "các đơn vị, bộ phận tham mưu chủ động ...") or their part
        before a ``duty_ends`` one (``duty_roles``: "Cơ quan phối hợp có trách nhiệm ..."), or
        runs to the colon that ends a heading's line, however long ("Đối với các cơ sở sản xuất
        có ...:"); j when there is none, or when an ``acting_qualifiers`` phrase opens the action
        ("các đơn vị có biện pháp khắc phục ...")."""
        first_word, _, prefix = items[-1]
        role = self.lexicon_at("role_qualifiers", j)
        if not (role and self.lexicon_at("qualified_ends", j + role)):
            role = self.lexicon_at("duty_roles", j)
            role = role if role and self.lexicon_at("duty_ends", j + role) else 0
        if role and self._names_group(first_word, j):
            items[-1] = (first_word, j + role, prefix)
            return j + role
        duty = self._runs_to_duty(first_word, j) or self._runs_to_assigned_end(first_word, j)
        if duty:
            items[-1] = (first_word, duty, prefix)
            return duty
        assigned = self.assigned_qualifier(j)
        opener = assigned or self.lexicon_at("qualifiers", j)
        acting = self.lexicon_at("qualified_ends", j) or self.lexicon_at("acting_qualifiers", j)
        if not opener or (acting and opener != assigned) or \
                not self._names_group(first_word, j):  # "các sở có trách nhiệm ..." is the action
            return j
        # a heading's colon ends the clause even past QUALIFIER_WORDS: "Đối với các cơ sở sản
        # xuất có lưu lượng xả bụi, khí thải lớn ... và thuộc loại hình ... gây ô nhiễm:"
        for k in range(j + opener, min(len(self.words), j + 2 * QUALIFIER_WORDS)):
            if self._ends_heading(k):
                items[-1] = (first_word, k, prefix)
                return k
            if self.words[k].norm in (";", ".", ":") or self.opens_new_line(k):
                return j
            if k >= j + QUALIFIER_WORDS:
                continue
            if self.head_length(k):
                return j
            if self.lexicon_at("qualified_ends", k) or \
                    k > j + opener and self.lexicon_at("qualified_verbs", k):
                items[-1] = (first_word, k, prefix)
                return k
        return j

    def _runs_to_duty(self, first_word: int, j: int) -> int:
        """The word before a ``duty_ends`` phrase ("có trách nhiệm", "phải"), or an obligation
        right before one ("phải có trách nhiệm"), that a group ending at word j runs to over what
        its members do, within QUALIFIER_WORDS words: "Cơ quan tiếp nhận kê khai giá có trách
        nhiệm ...", "Các cơ quan xử lý phải có trách nhiệm ..." (plans17 P17_05), "Đơn vị quản
        lý, vận hành hệ thống chiếu sáng công cộng có trách nhiệm ...", "Cơ quan, tổ chức, đơn
        vị trực tiếp quản lý, sử dụng tài sản công có trách nhiệm ..." (regs20), as a regulation
        names a body by its function. What they do holds an action and no mark but commas (no
        bracket), no conjunction, plural word, condition (``duty_breaks``), remit, directive or
        other name. 0 otherwise."""
        if j >= len(self.words) or not self._names_group(first_word, j) or \
                self.lexicon_at("qualified_ends", j):  # "... các sở phải chịu trách nhiệm"
            return 0
        acted = False
        for k in range(j, min(len(self.words), j + QUALIFIER_WORDS)):
            obligation = self.lexicon_at("qualified_ends", k)
            if acted and (self.lexicon_at("duty_ends", k) or
                          obligation and self.lexicon_at("duty_ends", k + obligation)):
                return k
            norm = self.norms[k]
            if not (self.in_name(k) or norm == ",") or \
                    norm in (self.run_words["conjunction"], self.run_words["plural"]) or \
                    self.opens_new_line(k) or self.head_length(k) or \
                    self.lexicon_at("duty_breaks", k) or \
                    self.lexicon_at("remit_cues", k) or \
                    self.lexicon_at("directive", k):  # "UBND tỉnh yêu cầu hoạt động ... phải"
                return 0
            acted = acted or self.is_action(k)
        return 0

    def _runs_to_assigned_end(self, first_word: int, j: int) -> int:
        """The word a group qualified by its assignment from word j ("được giao", "được phân
        công") runs to, over verbs and all, when an ``assigned_ends`` phrase ends the clause within
        QUALIFIER_WORDS words, no mark or line between: "Các cơ quan được phân công chủ trì thực
        hiện nhiệm vụ theo Kế hoạch này | có trách nhiệm ..."; 0 otherwise."""
        assigned = self.lexicon_at("assigned_qualifiers", j)
        if not assigned or not self._names_group(first_word, j):
            return 0
        for k in range(j + assigned, min(len(self.words), j + QUALIFIER_WORDS)):
            if self.lexicon_at("assigned_ends", k):
                return k
            if self.norms[k] in (";", ".", ":") or self.opens_new_line(k):
                return 0
        return 0

    def assigned_qualifier(self, j: int) -> int:
        """Words of an ``assigned_qualifiers`` phrase at word j that qualifies the group before
        it: no action follows it ("các cơ quan, đơn vị được giao nhiệm vụ phải ..."), or an
        ``assigned_duties`` phrase does ("... được phân công có trách nhiệm ..."); 0 otherwise
        ("các đơn vị được giao chủ trì ..." is the assignment)."""
        assigned = self.lexicon_at("assigned_qualifiers", j)
        if assigned and (not self.is_action(j + assigned) or
                         self.lexicon_at("assigned_duties", j + assigned)):
            return assigned
        return 0

    def _ends_heading(self, k: int) -> bool:
        """Whether word k is a colon that ends its line: a heading's, which names who acts."""
        return self.words[k].norm == ":" and (
            k + 1 == len(self.words) or self.line_break_before(k + 1))

    def _names_group(self, first_word: int, end_word: int) -> bool:
        """Whether words ``[first_word, end_word)`` name a group: "các sở, ngành", "UBND cấp
        huyện", or collective words alone, after their holders' title if any ("Cơ quan, đơn
        vị", "Người đứng đầu cơ quan, đơn vị")."""
        return is_collective(self.norms[first_word:end_word]) or self._collective_words_only(
            first_word + self.titles_length(first_word), end_word)

    def _collective_words_only(self, first_word: int, end_word: int) -> bool:
        k = first_word
        while k < end_word:
            length = self.lexicon_at("collectives", k) or (self.norms[k] == "," and 1)
            if not length:
                return False
            k += length
        return k >= end_word  # "Đơn vị | quản lý, vận hành ..." ends inside "đơn vị quản lý"

    def _distribution_opening(self, first_word: int, end: int) -> tuple[int, int, int] | None:
        """(index of "các", of the head after it, of the first item) when the name read over
        ``[first_word, end)`` names a list of bodies one by one: "các Sở: A, B" or "các Sở,
        ngành: A, B" (the items after the colon at word ``end``), or "các sở A, B" (a
        capitalised name right after the head), or a count for "các" ("hai phường Lạc Viên và
        Máy Tơ"); None for a group ("các sở, ban, ngành") or a duty after the colon."""
        words, norms = self.words, self.norms
        colon = end
        while colon < len(words) and norms[colon] != ":" and \
                (norms[colon] == "," or self.lexicon_at("collectives", colon)):
            colon += 1
        for plural in range(first_word, end - 1):
            if not self._plural_at(plural) or \
                    norms[plural + 1] not in self.run_words["distributed_heads"]:
                continue
            after_head = plural + 2
            if after_head < end and words[after_head].capitalised:
                return plural, plural + 1, after_head
            if colon + 1 < len(words) and norms[colon] == ":" and \
                    self._collective_words_only(after_head, colon) and \
                    not (plural > first_word and self._duty_after_units(plural + 1, colon + 1)):
                return plural, plural + 1, colon + 1
        return None

    def _plural_at(self, i: int) -> bool:
        """Whether word i is "các" or a count in its place ("hai phường ...")."""
        return self.norms[i] == self.run_words["plural"] or \
            self.norms[i] in self.run_words["counts"]

    def _named_list_opening(self, first_word: int, end: int) -> tuple[int, int, int] | None:
        """(index of the head twice, index of the first item) when a name with one head and no
        "các" goes on past the separator at word ``end`` with a bare name the head takes: a
        unit's ("UBND huyện Quang Bình, Bắc Quang", "Chủ tịch UBND phường 11, 12") or a known
        body's ("Sở Tài chính, Xây dựng"); None otherwise, and for the province a place is in
        ("UBND huyện Mường Nhé, Điện Biên")."""
        words, norms = self.words, self.norms
        following = end + 1
        if following >= len(words) or norms[end] not in (",", self.run_words["conjunction"]) or \
                not self._bare_name_at(following) or self.head_length(following):
            return None
        following_end = following
        while following_end < len(words) and self.in_name(following_end) and \
                norms[following_end] not in self.run_words["separators"] and \
                not self.is_action(following_end):
            following_end += 1
        for head in range(first_word, end - 1):
            if norms[head] not in self.run_words["distributed_heads"] or \
                    head > first_word and self._plural_at(head - 1) or \
                    not self._bare_name_at(head + 1):
                continue
            body = self._respaced(first_word, head + 1)
            if norms[head] in self.run_words["units"] and not known_place(
                    self._respaced(following, following_end)) or \
                    self._known_with(body, following, following_end):
                return head, head, head + 1
        return None

    def _bare_name_at(self, i: int) -> bool:
        """Whether word i opens a name of a unit or body without its head: "Quang Bình", "12"."""
        return self.words[i].capitalised or self.norms[i].isdigit()

    def _duty_after_units(self, head: int, k: int) -> bool:
        """Whether a body's list of units ("UBND các xã, phường:", the level at word ``head``) is
        followed at word k by their duty, not by the units' names: "... phường: Tổng hợp ..."
        (notices16 N16_01). A list of bodies may name them by verbs: "các Sở: Xây dựng"."""
        return bool(self.lexicon_at("units", head) and self.lexicon_at("verbs", k))

    def _after_item(self, items: list[tuple[int, int, str]], j: int) -> tuple[int, bool]:
        """Absorb a collective's continuation; (next index, whether another item follows)."""
        while j < len(self.words) and self.words[j].norm in self.run_words["separators"]:
            verdict, k = self._next_item_after_separator(items[-1][0], j)
            if verdict == "member":  # it shares the group's "các": "Các tổ chức thủy lợi"
                first_word, _, prefix = items[-1]
                shared = prefix or (f"{self.words[first_word].text} "
                                    if self.norms[first_word] == self.run_words["plural"] else "")
                j = self._extend(k, k + self._qualified_collective(k))
                items.append((k, j, shared))
                continue
            if verdict != "same":
                return (k, True) if verdict == "new" else (j, False)
            first_word, _, prefix = items[-1]
            # MAX_ITEM_WORDS bounds each part of a long collective
            j = max(self._extend(k, k + self._bare_collective(k)),
                    self._sector_domain_end(first_word, j))
            items[-1] = (first_word, j, prefix)
        return j, False

    def whole(self, start_char: int, end_char: int) -> Addressee:
        """One addressee named by all of ``[start_char, end_char)`` (a table cell's part between
        ";": "Các cơ quan, đơn vị trực tiếp sử dụng ngân sách nhà nước")."""
        return self._addressee(self.word_at(start_char), self.word_at(end_char), "")

    def word_at(self, offset: int) -> int:
        """Index of the first word at or after a character offset."""
        return bisect_left(self.word_starts, offset)

    def _addressee(self, start_word: int, end_word: int, prefix: str,
                   scope: str = "") -> Addressee:
        """The addressee words ``[start_word, end_word)`` name after ``prefix`` (a list's
        shared head), with the ``scope`` of a list's last item they share."""
        first, last = self.words[start_word], self.words[end_word - 1]
        mention = self.text[first.start_char:last.end_char]
        written = prefix + (self._named_in_full(start_word, end_word) or
                            self._respaced(start_word, end_word)) + (f" {scope}" if scope else "")
        agency = canonical(self._placed(self._spelled_out(written), first.start_char))
        known = start_word in self.known or fold(agency) in gazetteer()
        return Addressee(first.start_char, last.end_char, mention, agency, known,
                         resolve(agency, self.doc._.meta.province))

    def _named_in_full(self, start_word: int, end_word: int) -> str | None:
        """A body named by its head alone (``referring_heads``), after "các" or a member's role
        or not, as the text named it last before with its qualifier: "Chi bộ" after "Chi bộ xóm
        Sòng", "các thành viên Ủy ban" after "Ủy ban bầu cử xã", "các tổ" after "các tổ dân
        phố" (news49, news52); a group only as a group was named (``_counted``). None
        for any other name, or when none was named so before."""
        head = start_word + (self.norms[start_word] == self.run_words["plural"])
        head += self.lexicon_at("member_roles", head)
        if head >= end_word or self.lexicon_at("referring_heads", head) != end_word - head:
            return None
        length, group = end_word - head, self._counted(head)
        for earlier in reversed(self.positions.get(self.norms[head], ())):
            qualifier = earlier + length
            if earlier >= start_word or qualifier >= len(self.words) or \
                    self.norms[earlier:qualifier] != self.norms[head:end_word] or \
                    not self.norms[qualifier].isalnum() or \
                    self.norms[qualifier] in self.run_words["separators"] or \
                    self.lexicon_at("titles", earlier) > length or \
                    self._counted(earlier) != group or \
                    self.words[head].capitalised and not self.words[earlier].capitalised:
                continue  # "các Tổ trưởng" is people, no team; "Sở" is no "cơ sở"
            found, _ = self.parse(earlier, any_case=True)
            if found and found[0].start_char == self.words[earlier].start_char:
                full = self._respaced(earlier, self.word_at(found[0].end_char))
                return f"{self._respaced(start_word, head)} {full}" if head > start_word else full
        return None

    def _counted(self, i: int) -> bool:
        """Whether the head at word i names a group: "các" or a count before it (``_plural_at``,
        or a number)."""
        return i > 0 and (self._plural_at(i - 1) or self.norms[i - 1].isdigit())

    def _spelled_out(self, name: str) -> str:
        """``name`` with the abbreviations its text defines written out: "Sở GĐ&ĐT" → "Sở Giáo
        dục và Đào tạo" after "Sở Giáo dục và Đào tạo (GĐ&ĐT)" (news20)."""
        for abbreviation, expansion in self.defined.items():
            if abbreviation in name:
                name = regex.sub(rf"(?<!\w){regex.escape(abbreviation)}(?!\w)", expansion, name)
        return name

    def _placed(self, name: str, start_char: int) -> str:
        """``name`` with its "tỉnh này" (``names.referring_level``) or its bare "xã"
        (``names.bare_level``) written as the place of that level the text names last before
        ``start_char``: "Ngân hàng Nhà nước Chi nhánh tỉnh này" after "UBND tỉnh Nghệ An giao" →
        "... tỉnh Nghệ An", "UBND xã" after "Riêng UBND xã Vĩnh Khê" → "UBND xã Vĩnh Khê", "Xã"
        → "Xã Vĩnh Khê" (a place as named, as ``roles`` writes a unit addressed by its place);
        unchanged when none is named. A typed document's
        bare level is its issuer's own ("Trạm Y tế xã" in a letter of UBND xã An Hòa), kept as
        written as the guide keeps "Công an tỉnh"."""
        news, before = not self.doc._.meta.doc_number, self.text[:start_char]
        committee = news and committee_level(name)
        place = committee and committee_named_first(before, committee)
        if place:
            return f"{name} {as_written(place)}"
        level = news and bare_level(name)
        place = level and place_named_last(before, level)
        if place:
            place = as_written(place)
            return f"{name} {place}"
        found = referring_level(name)
        place = found and place_named_last(before, found.group("level"))
        if not found or not place:
            return name
        return f"{name[:found.start()]}{name[found.start():found.end('level')]} {place}" \
            f"{name[found.end():]}"


def as_written(place: str) -> str:
    """A place read from a header in capitals ("XÃ AN HÒA") as a name writes it ("An Hòa")."""
    return title_case_place(place) if place.isupper() else place


@Language.factory("vi_agencies", assigns=["doc.spans"])
def create_agency_matcher(nlp: Language, name: str):
    """Component: ``doc.spans["agencies"]``, every known agency (canonical names, aliases,
    abbreviated forms) found on folded syllables; overlapping matches are all kept."""
    return AgencyMatcher(nlp)


class AgencyMatcher:
    """A ``PhraseMatcher`` on ``NORM`` (folded syllables) over the gazetteer's forms. A name a
    hard-wrapped copy broke over two lines ("Sở Văn hóa, Thể thao" / "và Du lịch", direct1) is
    found too: the matcher reads the words without the line breaks between them."""

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        patterns = [nlp.make_doc(form) for form in gazetteer()]
        self.matcher.add("AGENCY", patterns)

    def __call__(self, doc: Doc) -> Doc:
        # token texts through their ORTH ids: iterating the doc makes a Token object per token
        orths, strings = doc.to_array(ORTH).tolist(), doc.vocab.strings
        breaks = {orth for orth in set(orths)  # wrapped lines
                  if strings[orth].isspace() and strings[orth].count("\n") == 1}
        kept = [i for i, orth in enumerate(orths) if orth not in breaks]
        if len(kept) == len(orths):
            doc.spans[SPANS_KEY] = self.matcher(doc, as_spans=True)
            return doc
        # the matcher compares NORM only: one placeholder stands for every word's text, which
        # spares looking each up in the vocab (a third of this component's time)
        unwrapped = Doc(doc.vocab, words=[UNREAD_WORD] * len(kept))
        norms = cast(Ints2d, doc.to_array([NORM])[kept].reshape(-1, 1))  # one attribute: 2d
        unwrapped.from_array([NORM], norms)
        doc.spans[SPANS_KEY] = [Span(doc, kept[start], kept[end - 1] + 1, label=label)
                                for label, start, end in self.matcher(unwrapped)]
        return doc
