"""A syllable tokenizer for Vietnamese.

Vietnamese writes one syllable per space-separated unit; agency names and cue words are matched
on syllables, so a word-segmentation error ("Truyền thông báo cáo") cannot break a name. Every
character of the text stays in the Doc (runs of whitespace become whitespace tokens), so token
offsets are offsets in ``documents.text``. ``token.norm_`` holds the folded form matchers use.
"""
from __future__ import annotations

import regex
from spacy.tokens import Doc
from spacy.util import registry

from pipeline.normalize import fold

TOKEN = regex.compile(r"\w+|[^\w\s]")


class SyllableTokenizer:
    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces, cursor = [], [], 0
        for match in TOKEN.finditer(text):
            gap = text[cursor:match.start()]
            if gap:
                if gap == " " and words:
                    spaces[-1] = True
                else:
                    if words and gap.startswith(" "):
                        spaces[-1], gap = True, gap[1:]
                    words.append(gap)
                    spaces.append(False)
            words.append(match.group())
            spaces.append(False)
            cursor = match.end()
        if cursor < len(text):
            tail = text[cursor:]
            if words and tail.startswith(" "):
                spaces[-1], tail = True, tail[1:]
            if tail:
                words.append(tail)
                spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        folded = fold(text)
        for token in doc:
            token.norm_ = folded[token.idx: token.idx + len(token)]
        return doc


@registry.tokenizers("vi_syllable_tokenizer.v1")
def create_syllable_tokenizer():
    return lambda nlp: SyllableTokenizer(nlp.vocab)
