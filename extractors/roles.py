"""Roles: who must act in each sentence (lead) and who helps (support), and what headings set.

A lead is, in order of preference: the addressee of a directive cue ("Giao Sở Tài chính ...",
"UBND tỉnh yêu cầu các sở ..."), the subject that opens the sentence ("Sở Tài chính chủ trì
..."), or, for a sentence without one, the agency of the heading it sits under. Agencies after
"phối hợp (với)" support the task.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .text import fold

from . import rules
from .agencies import Addressee, AddresseeParser
from .names import lexicons
from .lexicon import Lexicon
from .structure import Segment

FRONTED_REACH = 40  # words searched for the comma that ends a fronted clause


@dataclass
class Roles:
    leads: list[Addressee] = field(default_factory=list)
    supports: list[Addressee] = field(default_factory=list)
    source: str | None = None  # "directive", "subject"
    action_at: int | None = None  # word index where the action starts
    past: bool = False
    upward: bool = False


@dataclass
class Heading:
    """What a block sets for the blocks under it."""
    leads: list[Addressee] = field(default_factory=list)
    supports: list[Addressee] = field(default_factory=list)
    pillar: str | None = None
    title: str | None = None  # shown in the section path
    text_start: int | None = None  # where the block's own text starts after the heading


@lru_cache(maxsize=1)
def _cues():
    data = rules.load()
    cues = data["cues"]
    pillar_names = {fold(h): code for code, p in data["pillars"]["pillars"].items()
                    for h in p["headings"]}
    names = "|".join(regex.escape(n) for n in sorted(pillar_names, key=len, reverse=True))
    return {
        "connectives": Lexicon(cues["connectives"]),
        "fronted": Lexicon(cues["fronted"]),
        "past": Lexicon(cues["past"]),
        "upward_targets": Lexicon(cues["upward"]["targets"]),
        "upward_speakers": {fold(s) for s in cues["upward"]["speakers"]},
        "heading_suffixes": Lexicon(cues["heading_suffixes"]),
        "execution": Lexicon(cues["execution"]),
        "reporting": Lexicon(cues["reporting"]),
        "issuers": {fold(s) for s in data["agency_patterns"]["issuers"]},
        "pillar_heading": regex.compile(r"^(?:về\s+)?(?:lĩnh vực\s+|hoạt động\s+)?(" + names
                                        + r")(?:\s*\([^)]*\))?\s*(?::|\.|$)"),
        "pillar_codes": pillar_names,
        "responsibility": regex.compile(r"^(?:trách nhiệm|nhiệm vụ)(?:\s+(?:của|cho))?\s+"),
    }


class RoleReader:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.words = doc._.words
        self.parser = AddresseeParser(doc)
        self.lex = lexicons()
        self.cues = _cues()
        issuer = doc._.meta.issuer if doc._.meta else None
        self.issuers = self.cues["issuers"] | ({fold(issuer)} if issuer else set())

    def word_at(self, offset: int) -> int:
        """Index of the first word at or after a character offset."""
        return bisect_left(self.words, offset, key=attrgetter("start"))

    def is_issuer(self, addressees: list[Addressee]) -> bool:
        return bool(addressees) and all(
            fold(a.mention) in self.issuers or fold(a.agency) in self.issuers
            or (fold(a.agency).startswith("bộ ") and " các " not in fold(a.mention))
            for a in addressees)

    def _skip_connectives(self, i: int, end: int) -> int:
        while i < end:
            length = self.cues["connectives"].match(self.words, i)
            if not length:
                break
            i += length
            if i < end and self.words[i].norm == ",":
                i += 1
        return i

    def _after_fronted_clause(self, i: int, end: int) -> int:
        if not self.cues["fronted"].match(self.words, i):
            return i
        for j in range(i, min(end, i + FRONTED_REACH)):
            if self.words[j].norm == ",":
                return self._skip_connectives(j + 1, end)
        return i

    def _directive_at(self, i: int, issuer_spoke: bool) -> int:
        length = self.parser.lexicon_at("directive", i)
        if not length and issuer_spoke:
            length = self.parser.lexicon_at("issuer_directive", i)
        return length

    def _is_past(self, i: int) -> bool:
        return any(self.cues["past"].match(self.words, k) for k in range(max(0, i - 2), i + 2)
                   if k < len(self.words))

    def _addressed(self, cue_at: int, length: int, end: int) -> tuple[list[Addressee], int]:
        j = cue_at + length
        if j < end and self.words[j].norm in (",", ":"):  # "Đề nghị: Sở Y tế ..."
            j += 1
        leads, after = self.parser.parse(j)
        return (leads, after) if after <= end else ([], j)

    def _scan_for_directive(self, i: int, end: int) -> Roles:
        for k in range(i, end):
            issuer_spoke = k > 0 and self.words[k - 1].norm in ("tỉnh", "phố", "tướng", "phủ")
            length = self._directive_at(k, issuer_spoke)
            if not length:
                continue
            leads, after = self._addressed(k, length, end)
            if leads:
                speaker = " ".join(w.norm for w in self.words[i:k])
                upward = bool(self.cues["upward_targets"].match(self.words, self.word_at(
                    leads[0].start))) and any(s in speaker for s in self.cues["upward_speakers"])
                return Roles(leads, source="directive", action_at=after,
                             past=self._is_past(k), upward=upward)
        return Roles()

    def sentence(self, start: int, end: int) -> Roles:
        i, end_word = self.word_at(start), self.word_at(end)
        i = self._skip_connectives(i, end_word)
        i = self._after_fronted_clause(i, end_word)
        roles = self._leads(i, end_word)
        roles.supports = self.supports(roles.action_at or i, end_word, roles.leads)
        return roles

    def _leads(self, i: int, end: int) -> Roles:
        length = self._directive_at(i, issuer_spoke=False)  # "Chỉ đạo X ..." under a heading is its action
        if length:
            leads, after = self._addressed(i, length, end)
            if leads:
                return Roles(leads, source="directive", action_at=after)
        subject, after = self.parser.parse(i)
        if not subject or after > end:
            return self._scan_for_directive(i, end)
        issuer = self.is_issuer(subject)
        cue_at = self._skip_adverbs(after, end)
        reported = self.cues["reporting"].match(self.words, cue_at)
        if reported:  # "X nhấn mạnh: các sở, ngành cần ...": the reported clause may hold a task
            return self._reported_clause(cue_at + reported, end)
        length = self._directive_at(cue_at, issuer)
        if length:
            leads, after_object = self._addressed(cue_at, length, end)
            if leads:
                return Roles(leads, source="directive", action_at=after_object,
                             past=self._is_past(cue_at))
        if issuer:
            return self._scan_for_directive(after, end)
        if after < end and self.parser.lexicon_at("verbs", after) or \
                self.cues["execution"].find_in(self.words, after, end):
            return Roles(subject, source="subject", action_at=after, past=self._is_past(after))
        return self._scan_for_directive(after, end)

    def _reported_clause(self, i: int, end: int) -> Roles:
        while i < end and self.words[i].norm in (":", ",", "là", "rằng"):
            i += 1
        if i >= end or self._is_past(i):
            return Roles()
        return self._leads(i, end) if self.parser.head_length(i, any_case=True) or \
            self._directive_at(i, issuer_spoke=False) else self._scan_for_directive(i, end)

    def _skip_adverbs(self, i: int, end: int) -> int:
        """Past "cũng", "đã", "vừa" between a speaker and its directive verb."""
        while i < end and self.words[i].norm in ("cũng", "đã", "vừa", "tiếp tục", "đồng thời"):
            i += 1
        return i

    def supports(self, i: int, end: int, leads: list[Addressee]) -> list[Addressee]:
        found, lead_names = [], {a.agency for a in leads}
        for k, length in self.lex["support"].find(self.words, i, end):
            helpers, _ = self.parser.parse(k + length)
            found.extend(h for h in helpers if h.agency not in lead_names and h.start < self._end(end))
        return found

    def _end(self, end_word: int) -> int:
        return self.words[end_word - 1].end if 0 < end_word <= len(self.words) else len(self.doc._.text)

    def heading(self, block: Segment) -> Heading:
        text = self.doc._.text[block.content_start:block.end]
        folded = self.doc._.folded[block.content_start:block.end]
        pillar = self.cues["pillar_heading"].match(folded)
        if pillar:
            code = self.cues["pillar_codes"][pillar.group(1)]
            rest = block.content_start + pillar.end()
            return Heading(pillar=code, title=text[:pillar.end()].strip(" :."),
                           text_start=rest if text[pillar.end():].strip() else None)
        return self._agency_heading(block, text)

    def _agency_heading(self, block: Segment, text: str) -> Heading:
        i = self.word_at(block.content_start)
        end = self.word_at(block.end)
        responsibility = self.cues["responsibility"].match(fold(text))
        if responsibility:
            i = self.word_at(block.content_start + responsibility.end())
        else:
            i += self._directive_at(i, issuer_spoke=True)
        leads, after = self.parser.parse(i)
        if not leads:
            return Heading()
        after += self.cues["heading_suffixes"].match(self.words, after)
        if after >= end:
            return Heading(leads=leads, title=text.strip(" :."))
        if self.words[after].norm == ":":
            rest = self.words[after + 1].start if after + 1 < end else None
            return Heading(leads=leads, title=self.doc._.text[block.content_start:
                                                            self.words[after].start].strip(),
                           text_start=rest)
        return Heading()


@Language.factory("vi_roles")
def create_roles(nlp: Language, name: str):
    def roles(doc: Doc) -> Doc:
        reader = RoleReader(doc)
        doc._.role_reader = reader
        doc._.headings = {b.index: reader.heading(b) for b in doc._.blocks if not b.excluded}
        return doc
    return roles
