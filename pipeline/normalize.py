"""Vietnamese text normalisation.

Two forms of a text exist:
- ``clean``: what ``documents.text`` stores: NFC, uniform whitespace and line ends, markdown
  emphasis and invisible characters removed; spelling and tone placement kept as written.
- ``fold``: the form matchers compare: same length as the clean text (so offsets carry over),
  one tone-placement convention (hoà → hòa, uỷ → ủy), one dash, one quote, one bullet, lower case.
"""
from __future__ import annotations

import unicodedata

import regex

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                                "\u2009\u200a\u202f\u205f\u3000\u000b\u000c"), " ")
CONTROLS = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
EMPHASIS = regex.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__", regex.S)

FOLD_CHARS = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u2022": "-", "\u25cf": "-", "\u25aa": "-", "\u25e6": "-",
    "\u2023": "-", "\u2043": "-", "\uf0b7": "-", "\uf0a7": "-",
})
TONES = "\u0300\u0301\u0303\u0309\u0323"
# "new style" tone on the second vowel of an open oa/oe/uy syllable (hoà, khoẻ, uỷ); not after q.
NEW_STYLE_TONE = regex.compile(
    r"(?<![qQ\p{L}][uU]|[qQ])([oO])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ])(?!\p{L})"
    r"|(?<![qQ])([uU])([ỳýỷỹỵỲÝỶỸỴ])(?!\p{L})")


def clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(INVISIBLE).translate(SPACES)
    text = CONTROLS.sub("", text)
    text = EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return text.replace("**", "")  # a bold run split across lines leaves its markers apart


def _move_tone(match: regex.Match) -> str:
    first, second = (match.group(1), match.group(2)) if match.group(1) else (match.group(3),
                                                                            match.group(4))
    base, tone = unicodedata.normalize("NFD", second)[0], unicodedata.normalize("NFD", second)[1:]
    if not tone or tone[0] not in TONES:
        return match.group(0)
    return unicodedata.normalize("NFC", first + tone) + base


def fold_tones(text: str) -> str:
    """Move tones to the old-style position (hoà → hòa, Uỷ → Ủy), keeping case and length."""
    return NEW_STYLE_TONE.sub(_move_tone, text)


def fold(text: str) -> str:
    folded = fold_tones(text.translate(FOLD_CHARS))
    lowered = folded.lower()
    if len(lowered) != len(folded):  # a few non-Vietnamese letters change length when lowered
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return lowered


def strip_accents(text: str) -> str:
    """ASCII-ish key for accent-insensitive lookups ("so tai chinh" finds "Sở Tài chính")."""
    decomposed = unicodedata.normalize("NFD", fold(text)).replace("đ", "d")
    return "".join(c for c in decomposed if not unicodedata.combining(c))
