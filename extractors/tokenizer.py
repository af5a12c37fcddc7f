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

from pipeline.normalize import fold

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
        pieces: list[str] = []
        starts: list[int] = []
        spaces: list[bool] = []
        words: list[Word] = []
        token_words: dict[int, int] = {}
        cursor = 0
        for start, end in _pieces(text):
            if start > cursor:  # whitespace: a space after a token, else a whitespace token
                space = text[cursor:start]
                if space[0] == " " and pieces:
                    spaces[-1], space, cursor = True, space[1:], cursor + 1
                if space:
                    pieces.append(space)
                    starts.append(cursor)
                    spaces.append(False)
            token_words[len(pieces)] = len(words)
            words.append(Word(len(words), start, end, text[start:end], folded[start:end]))
            pieces.append(text[start:end])
            starts.append(start)
            spaces.append(False)
            cursor = end
        tail = text[cursor:]
        if tail and tail[0] == " " and pieces:
            spaces[-1], tail, cursor = True, tail[1:], cursor + 1
        if tail:
            pieces.append(tail)
            starts.append(cursor)
            spaces.append(False)
        doc = Doc(self.vocab, words=pieces, spaces=spaces)
        add = self.vocab.strings.add
        norms = [add(folded[start:start + len(piece)]) for piece, start in zip(pieces, starts)]
        doc.from_array([NORM], numpy.array(norms, dtype="uint64").reshape(-1, 1))
        doc._.folded, doc._.words, doc._.token_words = folded, words, token_words
        return doc


@registry.tokenizers("vi_syllable_tokenizer.v1")
def create_syllable_tokenizer():
    return lambda nlp: SyllableTokenizer(nlp.vocab)
