"""A syllable tokenizer for Vietnamese.

Vietnamese writes one syllable per space-separated unit; agency names and cue words are matched
on syllables, so a word-segmentation error ("Truyền thông báo cáo") cannot break a name. Every
character of the text stays in the Doc (runs of whitespace become whitespace tokens), so token
offsets are offsets in ``documents.text``. ``token.norm_`` holds the folded form matchers use;
``doc._.words`` lists the non-space tokens as plain records for the rule components.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import NORM
from spacy.tokens import Doc
from spacy.util import registry

from .text import fold

from .lexicon import TOKEN
from .syllables import MIN_GLUED, split_glued



@dataclass(slots=True)
class Word:
    i: int  # index among the doc's non-space tokens
    start: int
    end: int
    text: str
    norm: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def _pieces(text: str):
    """Token spans: words and punctuation, glued syllables ("đốccác") split apart."""
    for match in TOKEN.finditer(text):
        start, end = match.span()
        lengths = split_glued(match.group()) if end - start >= MIN_GLUED else ()
        for length in lengths:
            yield start, start + length
            start += length
        if not lengths:
            yield start, end


class SyllableTokenizer:
    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        folded = fold(text)
        spans = list(_pieces(text))
        words = [Word(i, start, end, text[start:end], folded[start:end])
                 for i, (start, end) in enumerate(spans)]
        pieces: list[tuple[int, int]] = []  # (start, end) of every token, whitespace ones too
        spaces: list[bool] = []
        word_tokens: list[int] = []  # token index of each word
        cursor = 0
        for start, end in spans:
            if start != cursor:
                self._whitespace(text, cursor, start, pieces, spaces)
            word_tokens.append(len(pieces))
            pieces.append((start, end))
            spaces.append(False)
            cursor = end
        if cursor < len(text):
            self._whitespace(text, cursor, len(text), pieces, spaces)
        doc = Doc(self.vocab, words=[text[s:e] for s, e in pieces], spaces=spaces)
        add = self.vocab.strings.add
        norms = [add(folded[s:e]) for s, e in pieces]
        doc.from_array([NORM], numpy.array(norms, dtype="uint64").reshape(-1, 1))
        doc._.folded, doc._.words, doc._.word_tokens = folded, words, word_tokens
        return doc

    @staticmethod
    def _whitespace(text: str, start: int, end: int, pieces: list, spaces: list) -> None:
        """One space after a token is its trailing space; other runs become whitespace tokens."""
        if text[start] == " " and pieces:
            spaces[-1] = True
            start += 1
        if start < end:
            pieces.append((start, end))
            spaces.append(False)


@registry.tokenizers("vi_syllable_tokenizer.v1")
def create_syllable_tokenizer():
    return lambda nlp: SyllableTokenizer(nlp.vocab)
