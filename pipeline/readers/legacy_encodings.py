"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC, VNI-Windows) → Unicode, told apart by statistics.

Archives still hold documents typed with .VnTime (TCVN3) or VNI-Times fonts. Their bytes, or the
Latin-1 characters a Word, .doc or PDF file stores for them, read as Vietnamese only in that font:
"ViÖt Nam" (TCVN3) and "Vieät Nam" (VNI) are "Việt Nam". Which encoding a text is in is decided by
how many of its words become well-formed Vietnamese syllables. The letter tables are data, in
``legacy_encodings.tsv`` beside this module.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import regex

from extractors.text import WORD, is_well_formed, well_formed_share, well_formed_share_of

TABLE_FILE = Path(__file__).with_name("legacy_encodings.tsv")
ENCODINGS = ("tcvn3", "vni")
MIN_EVIDENCE_WORDS = 3  # fewer changed words than this: too little to call a text legacy-encoded
MARGIN = 0.05  # a conversion must make this much larger a share of words well-formed
# Font-name prefixes of the legacy fonts: .VnTime, .VnArialH (TCVN3); VNI-Times, VNI-Helve (VNI)
FONT_PREFIXES = ((".vn", "tcvn3"), ("vni-", "vni"))


@cache
def tables() -> dict[str, dict[str, str]]:
    """Encoding → {its characters, read as Latin-1 → the Unicode letter}."""
    result: dict[str, dict[str, str]] = {name: {} for name in ENCODINGS}
    lines = TABLE_FILE.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    for row in body:
        letter = row[0]
        for name, code in zip(header[1:], row[1:], strict=True):
            if code != "-":
                result[name][bytes.fromhex(code).decode("latin-1")] = letter
    return result


@cache
def _pattern(encoding: str) -> re.Pattern:
    codes = sorted(tables()[encoding], key=len, reverse=True)  # "oä" (ộ) before "o"
    return re.compile("|".join(map(re.escape, codes)))  # stdlib re: 2-3× faster than regex here


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


def vietnamese_share(text: str) -> float:
    """Share of words carrying a Vietnamese-only letter (ă â đ ê ô ơ ư or a tone mark)."""
    words = WORD.findall(text)
    marked = sum(1 for w in words if not w.isascii() and is_well_formed(w))
    return marked / len(words) if words else 0.0


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies ("ABCDEF+.VnTimeH" → "tcvn3"), or None."""
    name = (font or "").split("+", 1)[-1].lower()
    return next((encoding for prefix, encoding in FONT_PREFIXES if name.startswith(prefix)), None)


def improves(text: str, encoding: str) -> bool:
    """Whether reading ``text`` as ``encoding`` makes more of its words well-formed syllables."""
    return well_formed_share(to_unicode(text, encoding)) > well_formed_share(text)


def detect(text: str) -> str | None:
    """The legacy encoding ``text`` is written in, or None if it reads best as it is."""
    words = WORD.findall(text)
    best, best_score = None, well_formed_share_of(words) + MARGIN
    if best_score >= 1:  # no conversion could read better by the margin
        return None
    for encoding in ENCODINGS:
        converted = to_unicode(text, encoding)
        if converted == text:  # no word changed: no evidence (most Unicode text)
            continue
        converted_words = WORD.findall(converted)
        changed = sum(a != b for a, b in zip(words, converted_words, strict=False))
        score = well_formed_share_of(converted_words)
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
