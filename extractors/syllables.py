"""Vietnamese syllable shape, to split syllables a web page glued together ("Giám đốccác Sở",
"kinhtế", "TỈNHQUẢNG") back into matchable tokens. The text itself is never changed."""
from __future__ import annotations

from functools import lru_cache

from .text import VOWELS, base_letters, is_syllable

MIN_GLUED = 5  # shorter tokens are real syllables or abbreviations


def _onsetless(piece: str) -> bool:
    return base_letters(piece[:1]) in VOWELS


def _segmentations(word: str) -> list[tuple[str, ...]]:
    if is_syllable(word):
        return [(word,)]
    return [(word[:cut], *rest) for cut in range(1, len(word))
            if is_syllable(word[:cut]) for rest in _segmentations(word[cut:])]


@lru_cache(maxsize=4096)
def split_glued(word: str) -> tuple[int, ...]:
    """Lengths in characters of the syllables a glued token is made of, or () when it is not
    glued.

    Only tokens that carry Vietnamese letters and are not one syllable are tried, so "Viettel",
    "Postmart" or "SMEdx" stay whole. Of the possible splits, the one with fewest syllables that
    open on a vowel wins ("từ|ngày", not "từng|ày"), then the one with fewest syllables."""
    if len(word) < MIN_GLUED or word.isascii() or is_syllable(word):
        return ()
    options = _segmentations(word)
    if not options:
        return ()
    best = min(options, key=lambda pieces: (sum(map(_onsetless, pieces)), len(pieces)))
    if any(piece[-1] in "kK" for piece in best[:-1]):
        return ()  # a final k is no Vietnamese syllable's: a minority name ("Đakrông", "Đắkmil")
    return tuple(len(piece) for piece in best)
