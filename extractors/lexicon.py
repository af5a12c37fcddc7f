"""Multi-syllable phrase lookup over a doc's words (folded), longest match first.

Positions and lengths are word indices and counts of words (``doc._.words``), never characters.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

import regex

from .text import fold

TOKEN = regex.compile(r"\w+|[^\w\s]")  # a syllable or one punctuation mark


def syllables(phrase: str) -> tuple[str, ...]:
    """The folded syllables and punctuation marks of a phrase, as the tokenizer splits them."""
    return tuple(TOKEN.findall(fold(phrase)))


class Lexicon:
    """A set of phrases (rules/ word lists), looked up on word sequences by their first word."""

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
        # per first syllable, the second syllables of its longer phrases (``index``'s filter)
        self.seconds = {k: frozenset(p[1] for p in v if len(p) > 1) for k, v in by_first.items()}

    def _longest(self, norms: Sequence[str], i: int, lengths: list[int]) -> int:
        """Length in words of the longest phrase at ``norms[i]``, of the ``lengths`` (longest
        first) of the phrases its word starts; 0 if none. A phrase of one word is that word."""
        for length in lengths:
            if length == 1 or tuple(norms[i:i + length]) in self.by_length[length]:
                return length
        return 0

    def match(self, words: Sequence, i: int) -> int:
        """Length in words of the longest phrase starting at ``words[i]``, 0 if none (or if
        ``i`` is past the end). ``words`` are records with a folded ``norm``."""
        if i >= len(words) or words[i].norm not in self.lengths:
            return 0
        lengths = self.lengths[words[i].norm]
        return self._longest([w.norm for w in words[i:i + lengths[0]]], 0, lengths)

    def index(self, norms: Sequence[str], positions: dict[str, list[int]]) -> dict[int, int]:
        """Word index → length of the longest phrase starting there, for every position of a
        doc's folded words where one starts. ``positions``: each folded word of ``norms`` → its
        indices there (``word_positions``), so only the words a phrase starts with are visited, and
        a word its next word cannot go on from (``seconds``) is at most a one-word phrase, known
        without looking its longer phrases up."""
        index = {}
        last = len(norms) - 1
        for first in positions.keys() & self.lengths.keys():
            lengths, seconds = self.lengths[first], self.seconds[first]
            one_word = lengths[-1] == 1
            for i in positions[first]:
                if i < last and norms[i + 1] in seconds:  # a longer phrase may go on here
                    length = self._longest(norms, i, lengths)
                    if length:
                        index[i] = length
                elif one_word:
                    index[i] = 1
        return index

    def starts(self, text: str) -> bool:
        """Whether a text, folded, begins with one of the phrases (whole syllables)."""
        tokens = syllables(text)
        return any(tokens[:len(p)] == p for p in self.by_first.get(tokens[0] if tokens else "", ()))

    def find(self, words: Sequence, start_word: int = 0,
             end_word: int | None = None) -> Iterator[tuple[int, int]]:
        """(word index, length) of every phrase in ``words[start_word:end_word]``, left to right,
        none overlapping (the longest at each position wins)."""
        end_word = len(words) if end_word is None else min(end_word, len(words))
        free = start_word  # the first word after the last phrase found
        for i in range(start_word, end_word):
            if i >= free and words[i].norm in self.lengths:  # a phrase may start here
                length = self.match(words, i)
                if length:
                    yield i, length
                    free = i + length

    def find_in(self, words: Sequence, start_word: int, end_word: int) -> bool:
        """Whether any phrase occurs in ``words[start_word:end_word]``."""
        return next(self.find(words, start_word, end_word), None) is not None


def word_positions(norms: Sequence[str]) -> dict[str, list[int]]:
    """Each distinct word of ``norms`` → its indices there, in order."""
    positions: dict[str, list[int]] = defaultdict(list)
    for i, norm in enumerate(norms):
        positions[norm].append(i)
    return positions
