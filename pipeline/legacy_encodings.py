"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC, VNI-Windows) → Unicode, told apart by statistics.

Archives still hold documents typed with .VnTime (TCVN3) or VNI-Times fonts. Their bytes, or the
Latin-1 characters a Word, .doc or PDF file stores for them, read as Vietnamese only in that font:
"ViÖt Nam" (TCVN3) and "Vieät Nam" (VNI) are "Việt Nam". Which encoding a text is in is decided by
how many of its words become well-formed Vietnamese syllables. The letter tables are data, in
``legacy_encodings.tsv`` beside this module.
"""
from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import regex

TABLE_FILE = Path(__file__).with_name("legacy_encodings.tsv")
ENCODINGS = ("tcvn3", "vni")
TONE_MARKS = set("\u0300\u0301\u0303\u0309\u0323")
WORD = regex.compile(r"\p{L}+")
# A syllable: consonant onset, one to three vowels, consonant coda (checked on the base letters).
SYLLABLE = regex.compile(r"(?:[bcdđghklmnpqrstvx]{0,3})[aeiouy]{1,3}(?:[cghmnpt]{0,2})")
MIN_EVIDENCE_WORDS = 3  # fewer changed words than this: too little to call a text legacy-encoded
MARGIN = 0.05  # a conversion must make this much larger a share of words well-formed


@cache
def tables() -> dict[str, dict[str, str]]:
    """Encoding → {its characters, read as Latin-1 → the Unicode letter}."""
    result: dict[str, dict[str, str]] = {name: {} for name in ENCODINGS}
    lines = TABLE_FILE.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    for row in body:
        letter = row[0]
        for name, code in zip(header[1:], row[1:]):
            if code != "-":
                result[name][bytes.fromhex(code).decode("latin-1")] = letter
    return result


@cache
def _pattern(encoding: str) -> regex.Pattern:
    codes = sorted(tables()[encoding], key=len, reverse=True)  # "oä" (ộ) before "o"
    return regex.compile("|".join(map(regex.escape, codes)))


def to_unicode(text: str, encoding: str) -> str:
    """Convert ``text`` whose characters are ``encoding`` bytes read as Latin-1."""
    table = tables()[encoding]
    converted = _pattern(encoding).sub(lambda m: table[m.group()], text)
    return restore_capitals(converted) if encoding == "tcvn3" else converted


def restore_capitals(text: str) -> str:
    """TCVN3 writes toned capitals with lower-case bytes: "TỉNH" → "TỈNH", "ủY" → "ỦY"."""
    def upper_if_capitalised(match: regex.Match) -> str:
        word = match.group()
        capitals_after_first = any(c.isupper() for c in word[1:])
        lower_ascii = any(c.islower() and c.isascii() for c in word)
        return word.upper() if capitals_after_first and not lower_ascii else word
    return WORD.sub(upper_if_capitalised, text)


def _base_letters(word: str) -> tuple[str, int]:
    """(letters without their marks, number of tone marks)."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    tones = sum(c in TONE_MARKS for c in decomposed)
    return "".join(c for c in decomposed if not unicodedata.combining(c)), tones


@cache
def _vietnamese_letters() -> frozenset[str]:
    letters = set("abcdeghiklmnopqrstuvxy")
    letters.update(tables()["vni"].values())
    return frozenset(letters | {c.upper() for c in letters})


@lru_cache(maxsize=1 << 16)  # a language of a few thousand syllables: nearly every call hits
def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable: Vietnamese letters, one case style, at most one tone."""
    if not set(word) <= _vietnamese_letters():
        return False
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    base, tones = _base_letters(word)
    return tones <= 1 and SYLLABLE.fullmatch(base) is not None


def well_formed_share(text: str) -> float:
    words = WORD.findall(text)
    return sum(map(is_syllable, words)) / len(words) if words else 0.0


def vietnamese_share(text: str) -> float:
    """Share of words carrying a Vietnamese-only letter (ă â đ ê ô ơ ư or a tone mark)."""
    words = WORD.findall(text)
    marked = sum(1 for w in words if any(not c.isascii() for c in w) and is_syllable(w))
    return marked / len(words) if words else 0.0


def detect(text: str) -> str | None:
    """The legacy encoding ``text`` is written in, or None if it reads best as it is."""
    best, best_score = None, well_formed_share(text) + MARGIN
    if best_score >= 1:  # no conversion could read better by the margin
        return None
    for encoding in ENCODINGS:
        converted = to_unicode(text, encoding)
        changed = sum(a != b for a, b in zip(WORD.findall(text), WORD.findall(converted)))
        score = well_formed_share(converted)
        if changed >= MIN_EVIDENCE_WORDS and score > best_score:
            best, best_score = encoding, score
    return best


def decode_8bit(data: bytes) -> tuple[str, str]:
    """(text, encoding) for bytes that are not UTF-8: Windows-1258, TCVN3 or VNI."""
    windows = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    # TCVN3 and VNI files were typed on Windows: punctuation (“ ” – …) is Windows-1252
    western = data.decode("cp1252", errors="replace")
    candidates = [(windows, "cp1258")] + [(to_unicode(western, e), e) for e in ENCODINGS]
    return max(candidates, key=lambda candidate: well_formed_share(candidate[0]))
