"""Vietnamese text primitives every stage shares: folding for matching, and the syllable.

- ``fold``: the form matchers compare: same length as the text (so offsets carry over), one
  tone-placement convention (hoà → hòa, uỷ → ủy), one dash, one quote, one bullet, lower case.
- ``strip_accents``: an ASCII key for accent-insensitive lookups (đ → d).
- ``is_syllable`` / ``is_well_formed``: the one definition of a Vietnamese syllable, used to split
  glued words, to tell legacy font encodings apart and to score the quality of a read text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import regex

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
VOWELS = "aăâeêioôơuưy"
WORD = regex.compile(r"\p{L}+")

# One dash, one double quote, one single quote, one bullet. Replaced through a regex: str.translate
# with a dict fails a lookup on every character it leaves alone (13× slower on a 10 KB text).
FOLD_CHARS = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u2022": "-", "\u25cf": "-", "\u25aa": "-", "\u25e6": "-",
    "\u2023": "-", "\u2043": "-", "\uf0b7": "-", "\uf0a7": "-",
}
# Plain character classes are matched with the standard library's re: 5-10× faster than regex.
FOLD_CHAR = re.compile("[" + re.escape("".join(FOLD_CHARS)) + "]")
# "new style" tone on the second vowel of an open oa/oe/uy syllable (hoà, khoẻ, uỷ); not after q.
TONED_A_E, TONED_Y = "àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ", "ỳýỷỹỵỲÝỶỸỴ"
NEW_STYLE_TONE = regex.compile(
    rf"(?<![qQ\p{{L}}][uU]|[qQ])([oO])([{TONED_A_E}])(?!\p{{L}})"
    rf"|(?<![qQ])([uU])([{TONED_Y}])(?!\p{{L}})")

# The older spelling of the syllable "quy" with i, any tone: "Quí IV-2025", "qui định", "quĩ".
QUY_OF_QUI = dict(zip("iíìỉĩị", "yýỳỷỹỵ", strict=True))
# "qu" first, the look-behind for a word's start after it: re then skips to each "qu" (30× faster).
OLD_QUY = re.compile(r"qu(?<!\wqu)([iíìỉĩị])(?!\w)")

# Onset, nucleus, coda on the base letters (tones removed, ă â ê ô ơ ư đ kept).
SYLLABLE = regex.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    r"(?:uyê|uya|uyu|oai|oay|oeo|uây|uôi|ươi|ươu|yêu|iêu|[aăâeêioôơuưy]{1,2})"
    r"(?:ch|ng|nh|[cmnptk])?")  # k: Đắk, Lắk
_TONE_TABLE = dict.fromkeys(map(ord, TONE_MARKS))
LETTERS = frozenset(
    unicodedata.normalize("NFC", base + tone)
    for base in VOWELS for tone in ("", *TONE_MARKS)) | frozenset("bcdđghklmnpqrstvx")
LETTERS = LETTERS | frozenset(c.upper() for c in LETTERS)
# What every NEW_STYLE_TONE match holds: its vowel pair with no Vietnamese letter after it ("hoà",
# not "hoàn"). Most texts have none, and re tells so 10× faster than NEW_STYLE_TONE's look-arounds;
# the toned vowel first, its o or u looked behind: re then skips to each toned vowel (3× faster).
NEW_STYLE_PAIR = re.compile(
    rf"[{TONED_A_E}{TONED_Y}](?<=[oO][{TONED_A_E}]|[uU][{TONED_Y}])"
    rf"(?![{''.join(sorted(LETTERS))}])")


def _move_tone(match: regex.Match) -> str:
    first, second = (match.group(1), match.group(2)) if match.group(1) else (match.group(3),
                                                                            match.group(4))
    decomposed = unicodedata.normalize("NFD", second)
    base, tone = decomposed[0], decomposed[1:]
    if not tone or tone[0] not in TONE_MARKS:
        return match.group(0)
    return unicodedata.normalize("NFC", first + tone) + base


def fold_tones(text: str) -> str:
    """Move tones to the old-style position (hoà → hòa, Uỷ → Ủy), keeping case and length."""
    return NEW_STYLE_TONE.sub(_move_tone, text) if NEW_STYLE_PAIR.search(text) else text


def fold(text: str) -> str:
    """The matching form of ``text``: same length, one tone placement, one spelling of "quy",
    dash, quote, lower case."""
    folded = fold_tones(FOLD_CHAR.sub(lambda match: FOLD_CHARS[match.group()], text))
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a few non-Vietnamese letters change length when lowered
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return OLD_QUY.sub(lambda match: "qu" + QUY_OF_QUI[match.group(1)], lowered)


def _stripped(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text).replace("đ", "d")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# NFD decomposes character by character and only reorders the marks it then drops, so below
# TABLE_END one table lookup per character gives ``_stripped`` of the whole text, 4× faster.
# A list indexed by code point (a character left as it is maps to its own code), not a dict of
# the changed ones: ``str.translate`` then never fails a lookup, 3× faster again.
STRIP_TABLE_END = "\u3000"
BEYOND_STRIP_TABLE = re.compile(f"[{STRIP_TABLE_END}-\U0010ffff]")
_STRIP_TABLE = [key if (key := _stripped(chr(code))) != chr(code) else code
                for code in range(ord(STRIP_TABLE_END))]


def strip_accents(text: str) -> str:
    """ASCII-ish key for accent-insensitive lookups ("so tai chinh" finds "Sở Tài chính")."""
    folded = fold(text)
    if BEYOND_STRIP_TABLE.search(folded):  # CJK, compatibility forms: decompose all
        return _stripped(folded)
    return folded.translate(_STRIP_TABLE)


def base_letters(word: str) -> str:
    """Lower case without tones, keeping ă â ê ô ơ ư: "Giám" → "giam", "đốc" → "đôc"."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", word.lower())
                                 .translate(_TONE_TABLE))


def tone_count(word: str) -> int:
    """How many tone marks a word carries (a well-formed syllable has at most one)."""
    return sum(c in TONE_MARKS for c in unicodedata.normalize("NFD", word))


def is_syllable(word: str) -> bool:
    """``word`` has the shape of a Vietnamese syllable (onset, nucleus, coda), tones aside."""
    return SYLLABLE.fullmatch(base_letters(word)) is not None


@lru_cache(maxsize=1 << 16)  # a language of a few thousand syllables: nearly every call hits
def is_well_formed(word: str) -> bool:
    """A well-formed Vietnamese syllable: Vietnamese letters, one case style, at most one tone."""
    if not set(word) <= LETTERS:
        return False
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    return tone_count(word) <= 1 and is_syllable(word)


def well_formed_share(text: str) -> float:
    """Share (0–1) of ``text``'s words that are well-formed Vietnamese syllables; 0 if no words."""
    return well_formed_share_of(WORD.findall(text))


def well_formed_share_of(words: list[str]) -> float:
    """Share (0–1) of ``words`` (``WORD`` matches) that are well-formed syllables; 0 if none."""
    return sum(map(is_well_formed, words)) / len(words) if words else 0.0


def is_caps(line: str) -> bool:
    """Whether a line is in capitals (a title or heading): 3 letters or more, all upper case."""
    letters = "".join(filter(str.isalpha, line))  # filter and map: no Python call per character
    return len(letters) >= 3 and all(map(str.isupper, letters))
