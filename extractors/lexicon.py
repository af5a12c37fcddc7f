"""Multi-syllable phrase lookup over a doc's words (folded), longest match first."""
from __future__ import annotations

from collections import defaultdict

import regex

from .text import fold

TOKEN = regex.compile(r"\w+|[^\w\s]")  # a syllable or one punctuation mark


def syllables(phrase: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(fold(phrase)))


class Lexicon:
    def __init__(self, phrases: list[str]):
        self.phrases = {" ".join(syllables(p)) for p in phrases}
        by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in {syllables(p) for p in phrases if p.strip()}:
            by_first[phrase[0]].append(phrase)
        self.by_first = {k: sorted(v, key=len, reverse=True) for k, v in by_first.items()}
        # per first syllable, the phrase lengths to try (longest first) and the phrases by length
        self.lengths = {k: sorted({len(p) for p in v}, reverse=True) for k, v in by_first.items()}
        self.by_length: dict[int, set[tuple[str, ...]]] = defaultdict(set)
        for phrases_of_first in by_first.values():
            for phrase in phrases_of_first:
                self.by_length[len(phrase)].add(phrase)

    def _longest(self, norms: list[str], i: int) -> int:
        for length in self.lengths.get(norms[i], ()):
            if tuple(norms[i:i + length]) in self.by_length[length]:
                return length
        return 0

    def match(self, words, i: int) -> int:
        """Length in words of the longest phrase starting at words[i], 0 if none."""
        if i >= len(words) or words[i].norm not in self.lengths:
            return 0
        return self._longest([w.norm for w in words[i:i + max(self.lengths[words[i].norm])]], 0)

    def index(self, norms: list[str]) -> dict[int, int]:
        """Word index → length of the longest phrase starting there, for every position of a
        doc's folded words."""
        return {i: length for i, norm in enumerate(norms) if norm in self.lengths
                and (length := self._longest(norms, i))}

    def starts(self, text: str) -> bool:
        """Whether folded text begins with one of the phrases (whole syllables)."""
        tokens = syllables(text)
        return any(tokens[:len(p)] == p for p in self.by_first.get(tokens[0] if tokens else "", ()))

    def find(self, words, start: int = 0, end: int | None = None):
        """(index, length) of every phrase occurrence in words[start:end]."""
        end = len(words) if end is None else end
        i = start
        while i < end:
            length = self.match(words, i)
            if length:
                yield i, length
                i += length
            else:
                i += 1

    def find_in(self, words, start: int, end: int) -> bool:
        """Whether any phrase occurs in words[start:end]."""
        return next(self.find(words, start, end), None) is not None
