"""A syllable tokenizer for Vietnamese.

Vietnamese writes one syllable per space-separated unit; agency names and cue words are matched
on syllables, so a word-segmentation error ("Truyền thông báo cáo") cannot break a name. Every
character of the text stays in the Doc (runs of whitespace become whitespace tokens), so token
offsets are offsets in ``documents.text``. The tokenizer sets what every component reads:

- ``doc._.text``: the text as given (spaCy rebuilds ``doc.text`` from its tokens on each access);
- ``doc._.folded``: ``extractors.text.fold(text)``, the same length, what matchers compare;
- ``doc._.words``: the non-space tokens as ``Word`` records; ``token.norm_`` is the folded form.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

import numpy
from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.types import Ints2d

from .lexicon import TOKEN
from .syllables import MIN_GLUED, split_glued
from .text import fold


@dataclass(slots=True)
class Word:
    """A syllable or punctuation mark: ``i`` its index among the doc's words, ``token`` its
    index among the doc's tokens, ``[start_char, end_char)`` its character offsets."""

    i: int
    token: int
    start_char: int
    end_char: int
    text: str
    norm: str  # folded

    @property
    def capitalised(self) -> bool:
        """Whether the word starts with a capital: names do, actions rarely."""
        return self.text[:1].isupper()


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of words and punctuation, glued syllables ("đốccác") split apart."""
    for match in TOKEN.finditer(text):
        start, end = match.span()
        lengths = split_glued(match.group()) if end - start >= MIN_GLUED else ()
        for length in lengths:
            yield start, start + length
            start += length
        if not lengths:
            yield start, end


class SyllableTokenizer:
    """Text → Doc of syllables, punctuation and whitespace tokens, with ``doc._.text``,
    ``doc._.folded`` and ``doc._.words`` set."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        folded = fold(text)
        tokens: list[str] = []  # every token's text, whitespace tokens too
        norms: list[str] = []  # and its folded form
        spaces: list[bool] = []
        words: list[Word] = []
        cursor = 0
        for start, end in _pieces(text):
            if start != cursor:
                self._whitespace(text, folded, cursor, start, tokens, norms, spaces)
            word = Word(len(words), len(tokens), start, end, text[start:end], folded[start:end])
            words.append(word)
            tokens.append(word.text)
            norms.append(word.norm)
            spaces.append(False)
            cursor = end
        if cursor < len(text):
            self._whitespace(text, folded, cursor, len(text), tokens, norms, spaces)
        doc = Doc(self.vocab, words=tokens, spaces=spaces)
        add = self.vocab.strings.add
        norm_column = numpy.array([add(norm) for norm in norms], dtype="uint64").reshape(-1, 1)
        doc.from_array([NORM], cast(Ints2d, norm_column))  # numpy's shape type is not thinc's
        doc._.text, doc._.folded, doc._.words = text, folded, words
        return doc

    @staticmethod
    def _whitespace(text: str, folded: str, start: int, end: int, tokens: list, norms: list,
                    spaces: list) -> None:
        """One space after a token is its trailing space; other runs become whitespace tokens."""
        if text[start] == " " and tokens:
            spaces[-1] = True
            start += 1
        if start < end:
            tokens.append(text[start:end])
            norms.append(folded[start:end])
            spaces.append(False)


@registry.tokenizers("vi_syllable_tokenizer.v1")
def create_syllable_tokenizer():
    """The tokenizer factory named in the pipeline's config (``extractors.language.nlp``)."""
    return lambda nlp: SyllableTokenizer(nlp.vocab)
