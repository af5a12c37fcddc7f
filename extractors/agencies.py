"""Agencies: known names from ``rules/agencies.yml`` (a spaCy PhraseMatcher on folded syllables)
and a parser that reads a run of addressees ("Sở Tài chính, Sở Kế hoạch và Đầu tư", "UBND các
huyện, thành phố Gia Nghĩa", "Giám đốc các Sở: Công Thương, Tài chính") up to the first word of
the action, for names missing from the list.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .text import fold

from .names import canonical, gazetteer, is_collective, lexicons, resolve

MAX_ITEM_WORDS = 16
MAX_ITEMS = 16
SEPARATORS = {",", ";", "và", "cùng"}


@dataclass
class Addressee:
    start: int
    end: int
    mention: str
    agency: str
    known: bool
    resolved: str | None = None


def unique(addressees: list[Addressee]) -> list[Addressee]:
    """One entry per canonical agency, in order of first mention."""
    seen, kept = set(), []
    for addressee in addressees:
        if addressee.agency not in seen:
            seen.add(addressee.agency)
            kept.append(addressee)
    return kept


class AddresseeParser:
    """Reads addressee runs over a doc's words, given the known-agency matches."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.words = doc._.words
        self.known = doc._.known_agencies  # word index → end word index
        self.lex = lexicons()
        self.norms = [w.norm for w in self.words]
        self.matches: dict[str, dict[int, int]] = {}  # lexicon name → its index, built on first use

    def lexicon_at(self, name: str, i: int) -> int:
        """Length of the phrase of lexicon NAME starting at word i, 0 if none."""
        index = self.matches.get(name)
        if index is None:
            index = self.matches[name] = self.lex[name].index(self.norms)
        return index.get(i, 0)

    def is_action(self, i: int) -> bool:
        """A lower-case verb, cue or preposition: the name before it has ended."""
        word = self.words[i]
        if word.capitalised and i > 0:
            return False
        return any(self.lexicon_at(name, i) for name in ("verbs", "boundaries", "directive",
                                                     "issuer_directive"))

    def head_length(self, i: int, any_case: bool = False) -> int:
        """Words taken by the start of an agency at word i, or 0 when none starts there."""
        if i >= len(self.words):
            return 0
        if i in self.known:
            return self.known[i] - i
        word = self.words[i]
        title = self.lexicon_at("titles", i)
        if title and word.capitalised:
            return title
        if word.norm == "các":
            collective = self.lexicon_at("collectives", i + 1)
            title = self.lexicon_at("titles", i + 1)
            return 1 + (collective or title) if (collective or title) else 0
        head = self.lexicon_at("heads", i)
        if not head or not (word.capitalised or any_case):
            return 0
        verb = self.lexicon_at("verbs", i)  # "Báo cáo ..." is an action, "Báo Đắk Nông" a name
        next_is_name = i + head < len(self.words) and self.words[i + head].capitalised
        return 0 if verb > head or (verb == head and not next_is_name) else head

    def _extend(self, start: int, j: int) -> int:
        """Consume the rest of a name from word j."""
        while j < len(self.words) and j - start < MAX_ITEM_WORDS:
            if j in self.known:
                j = self.known[j]
                continue
            continuation = self.lexicon_at("continuations", j)
            if continuation:
                j += continuation
                continue
            word = self.words[j]
            if word.norm in SEPARATORS or not (word.text[:1].isalnum() or word.text in "&-"):
                if word.text == "-" and j + 1 < len(self.words) and self.words[j + 1].capitalised:
                    j += 1
                    continue
                break
            if self.is_action(j):
                break
            j += 1
        return j

    def _next_item_after_separator(self, item_start: int, j: int) -> tuple[str, int]:
        """What follows word j (a separator): ('new', k), ('same', k) or ('stop', j)."""
        separator = self.words[j].norm
        k = j + 1
        if k >= len(self.words):
            return "stop", j
        collective = is_collective(self.norms[item_start:j])
        starts = self.head_length(k)
        pure_collective = self.words[item_start].norm == "các"  # not "UBND các huyện"
        if separator == "và" and pure_collective and self.words[k].norm == "các" and \
                not self.lexicon_at("titles", k + 1):
            return "same", k
        if starts:
            return "new", k
        if separator == "," and collective and (self.lexicon_at("continuations", k)
                                                or not self.is_action(k)):
            return "same", k
        if separator == "," and self.head_length(k, any_case=True):  # "Bưu điện tỉnh, chi nhánh ..."
            return "new", k
        if separator == "và" and self.words[k].capitalised:  # "Sở Văn hóa và Thể thao huyện"
            return "same", k
        return "stop", j

    def _distribution(self, colon: int) -> tuple[list[tuple[int, int, str]], int]:
        """ "Giám đốc các Sở: Công Thương, Tài chính" → one item per named body."""
        body = self.words[colon - 1].text  # "Sở" / "Bộ"
        items, j = [], colon + 1
        while j < len(self.words):
            start = j
            while j < len(self.words) and self.words[j].norm not in (",", ";", ".") and \
                    not (self.words[j].norm == "và" and self.head_length(j + 1)) and \
                    not self.is_action(j):
                j += 1
            if j == start:
                break
            items.append((start, j, f"{body} "))
            if j < len(self.words) and self.words[j].norm == ",":
                j += 1
                continue
            break
        return items, j

    def _respaced(self, start: int, end: int) -> str:
        """The words' text with a space back between syllables a web page glued together."""
        text = self.doc._.text
        parts = [self.words[start].text]
        for previous, word in zip(self.words[start:end], self.words[start + 1:end]):
            between = text[previous.end:word.start]
            glued = not between and previous.text[-1:].isalpha() and word.text[:1].isalpha()
            parts.append((" " if glued else between) + word.text)
        return "".join(parts)

    def parse(self, i: int) -> tuple[list[Addressee], int]:
        """The addressees starting at word i and the index of the first word after them."""
        spans: list[tuple[int, int, str]] = []
        j, more = i, True
        while more and len(spans) < MAX_ITEMS:
            head = self.head_length(j, any_case=bool(spans))  # a separator verdict vouched for it
            if not head:
                break
            start = j
            j = self._extend(start, j + head)
            if self._opens_distribution(j):
                items, j = self._distribution(j)
                spans.extend(items)
            else:
                spans.append((start, j, ""))
            if spans:
                j, more = self._after_item(spans, j)
        addressees = [self._addressee(s, e, prefix) for s, e, prefix in spans]
        return unique(addressees), j

    def _opens_distribution(self, j: int) -> bool:
        words = self.words
        return (j < len(words) and words[j].norm == ":" and j >= 2
                and words[j - 1].norm in ("sở", "bộ") and words[j - 2].norm == "các")

    def _after_item(self, spans: list[tuple[int, int, str]], j: int) -> tuple[int, bool]:
        """Absorb a collective's continuation; (next index, whether another item follows)."""
        while j < len(self.words) and self.words[j].norm in SEPARATORS:
            verdict, k = self._next_item_after_separator(spans[-1][0], j)
            if verdict != "same":
                return (k, True) if verdict == "new" else (j, False)
            start, _, prefix = spans[-1]
            j = self._extend(start, k)
            spans[-1] = (start, j, prefix)
        return j, False

    def _addressee(self, start: int, end: int, prefix: str) -> Addressee:
        first, last = self.words[start], self.words[end - 1]
        mention = self.doc._.text[first.start:last.end]
        agency = canonical(prefix + self._respaced(start, end))
        known = start in self.known or fold(agency) in gazetteer()
        return Addressee(first.start, last.end, mention, agency, known,
                         resolve(agency, self.doc._.meta.province if self.doc._.meta else None))


def _word_at_token(word_tokens: list[int], token: int) -> int | None:
    i = bisect_left(word_tokens, token)
    return i if i < len(word_tokens) and word_tokens[i] == token else None


@Language.factory("vi_agencies")
def create_agency_matcher(nlp: Language, name: str):
    return AgencyMatcher(nlp)


class AgencyMatcher:
    """Finds known agencies (canonical names, aliases, expanded abbreviations) on folded syllables."""

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        patterns = [nlp.make_doc(form) for form in gazetteer()]
        self.matcher.add("AGENCY", patterns)

    def __call__(self, doc: Doc) -> Doc:
        word_tokens = doc._.word_tokens  # token index of each word, from the tokenizer
        known: dict[int, int] = {}
        for _, start, end in self.matcher(doc):
            first = _word_at_token(word_tokens, start)
            last = _word_at_token(word_tokens, end - 1)
            if first is not None and last is not None and known.get(first, 0) < last + 1:
                known[first] = last + 1
        doc._.known_agencies = known
        return doc
