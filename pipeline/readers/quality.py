"""How well a text was read: a score per page and per document, and the reasons to review it.

The score is the share of a text's words that are well-formed Vietnamese syllables, after NFC.
Measured on the seeds, the office files' reference texts and the dev set it is 0.97–1.00 for
typed text and 0.97–0.99 for Tesseract's reading of a clean scan; a scanner's bad OCR in a
legacy font ("uY BAN NgAN nAN") scores 0.25, glyphs printed twice for bold
("CCôônngg aann") 0.67, and a font without a Unicode map ("(cid:12)(cid:5)") 0.
"""
from __future__ import annotations

import unicodedata
from functools import cache

import regex

from extractors import rules as extraction_rules
from extractors.rules import message
from extractors.text import WORD, fold, is_well_formed, strip_accents

from ..numbers import percent

LOW_QUALITY = 0.85  # below this a page is read again (dedupe, OCR) and a document reviewed
# An OCR reading whose well-formed syllables are mostly none of the vocabulary of rules/ read
# nothing real: Tesseract reads a page of pure noise as short syllables ("ky", "vu", "Sên", "ý"),
# which scored 0.93-0.96 as well-formed (new-clerk trial: stored ok). Share of the syllables
# found in that vocabulary (``known_share``): 0.84-1.00 for every text of the read sets, the
# dev set, the seeds and the office references (lowest news8a 0.843, dev 0.871, OF_09 0.907);
# 0.29-0.42 for three noise images (black and white, grey, sparse specks) read by Tesseract.
KNOWN_SYLLABLES = 0.6
KNOWN_MIN_WORDS = 20  # fewer syllables than this: too few to judge (a short scan's header)
ABBREVIATION_LETTERS = 6  # "UBND", "KH", "QĐ", "VPUB": capitals too short to judge as syllables
RULES_FILE = "readers.yml"
WORDS = extraction_rules.ListOf(extraction_rules.Text())
SCHEMA = extraction_rules.Record({
    "signature_stamp": WORDS, "page_number": extraction_rules.Text(),
    "number_label": extraction_rules.Text(), "document_signs": WORDS, "assignment_signs": WORDS,
    "flattened_table_header": extraction_rules.Text(), "row_label": extraction_rules.Text(),
    "appendix_title": extraction_rules.Text()})


@cache
def rules() -> dict:
    """``rules/readers.yml`` checked against ``SCHEMA``; a RulesError naming the file and key."""
    return extraction_rules.load_file(RULES_FILE, schema=SCHEMA)


@cache
def stamp_line() -> regex.Pattern:
    """One pattern for every ``signature_stamp`` line of ``rules/readers.yml``."""
    return regex.compile("|".join(f"(?:{p})" for p in rules()["signature_stamp"]),
                         regex.I | regex.M)


def text_quality(text: str) -> float | None:
    """Share (0–1) of the words of ``text`` that are well-formed Vietnamese syllables.

    Short all-capital words that are not syllables ("UBND", "KH") are abbreviations and left
    out; None when there is no word to judge.
    """
    words = WORD.findall(unicodedata.normalize("NFC", text))
    judged = [w for w in words
              if is_well_formed(w) or not (w.isupper() and len(w) <= ABBREVIATION_LETTERS)]
    if not judged:
        return None
    return sum(map(is_well_formed, judged)) / len(judged)


@cache
def vocabulary() -> frozenset[str]:
    """The syllables, lower case, of every word list, pattern and message of ``rules/`` (about
    1,200): the Vietnamese of directives the project already holds, a dictionary to tell a text
    read from a page from syllables read into noise."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str):
            found.update(w.lower() for w in WORD.findall(unicodedata.normalize("NFC", value))
                         if is_well_formed(w))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
    walk(extraction_rules.load())
    return frozenset(found)


def known_share(text: str) -> float | None:
    """Share (0–1) of the well-formed syllables of ``text`` that ``vocabulary`` holds; None for
    fewer than KNOWN_MIN_WORDS of them."""
    words = [w.lower() for w in WORD.findall(unicodedata.normalize("NFC", text))
             if is_well_formed(w)]
    if len(words) < KNOWN_MIN_WORDS:
        return None
    known = vocabulary()
    return sum(w in known for w in words) / len(words)


def stamp_share(paragraphs: list[str]) -> float:
    """Share (0–1) of the characters of ``paragraphs`` in signature-stamp paragraphs."""
    total = sum(len(p) for p in paragraphs)
    stamped = sum(len(p) for p in paragraphs if stamp_line().search(p.strip()))
    return stamped / total if total else 0.0


def review_reasons(text: str, quality: float | None, task_count: int,
                   page_methods: list[str] | None = None) -> list[str]:
    """Why a document read as ``text`` needs a clerk's look, in Vietnamese (empty if it does not).

    Pages were left unread (``page_methods`` "none"), its text scored low, a text read by
    OCR holds few syllables of the rules' vocabulary (``known_share``: noise), a task table's
    header lies flattened into a line of words (``flattened_table_header``), or it is an
    administrative document that assigns work (``document_signs`` and ``assignment_signs`` of
    ``rules/readers.yml``) and yet gave no task.
    """
    reasons = []
    unread = (page_methods or []).count("none")
    if unread:
        reasons.append(message("pages_unread", count=unread))
    if quality is not None and quality < LOW_QUALITY:
        reasons.append(message("low_quality", score=percent(quality)))
    known = known_share(text) if any(m.startswith("ocr") for m in page_methods or []) else None
    if known is not None and known < KNOWN_SYLLABLES:
        reasons.append(message("nothing_real_read", share=percent(known)))
    header = flattened_table_header(text)
    if header:
        reasons.append(message("table_flattened", header=header))
    if task_count == 0:
        found = {key: _signs(text, key) for key in ("document_signs", "assignment_signs")}
        if all(found.values()):
            reasons.append(message("no_tasks_found", signs=", ".join(sum(found.values(), []))))
    return reasons


def flattened_table_header(text: str) -> str | None:
    """The first line of ``text`` that is a task table's header flattened into words, no cell
    between "|" (``flattened_table_header`` of ``rules/readers.yml``), as written; else None."""
    pattern = regex.compile(strip_accents(rules()["flattened_table_header"]))
    return next((line.strip() for line in text.split("\n")
                 if "|" not in line and pattern.search(strip_accents(line))), None)


def _signs(text: str, key: str) -> list[str]:
    """The phrases of ``rules/readers.yml`` ``key`` that ``text`` holds as whole words."""
    folded = fold(text)
    return [sign for sign in rules()[key]
            if regex.search(rf"(?<!\w){regex.escape(fold(sign))}(?!\w)", folded)]
