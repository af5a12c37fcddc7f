"""Multi-syllable phrase lookup over a doc's words (folded), longest match first."""
from __future__ import annotations

from collections import defaultdict

import regex

from pipeline.normalize import fold

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

    def match(self, words, i: int) -> int:
        """Length in words of the longest phrase starting at words[i], 0 if none."""
        if i >= len(words):
            return 0
        for phrase in self.by_first.get(words[i].norm, ()):
            end = i + len(phrase)
            if end <= len(words) and all(words[i + k].norm == s for k, s in enumerate(phrase)):
                return len(phrase)
        return 0

    def index(self, words) -> dict[int, int]:
        """Word index → length of the longest phrase starting there, for every position."""
        return {i: length for i, word in enumerate(words) if word.norm in self.by_first
                and (length := self.match(words, i))}

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
