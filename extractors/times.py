"""Time expressions: every date, month, quarter, half-year, year and recurrence in a document,
with how strongly it reads as a deadline.

A date right after a deadline cue ("trước ngày 15/9/2022") is a deadline; the date of a cited
document ("Kế hoạch số 561/KH-UBND ngày 29/9/2022"), a meeting or a programme period ("giai
đoạn 2021 - 2025, định hướng đến năm 2030") never is. Patterns and cue words live in
``rules/time.yml``; this module turns a matched expression into an ISO date.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .model import DocumentMeta

from . import rules
from .names import lexicons
from .lexicon import Lexicon

CONTEXT_CHARS = 90
TIME_OF_DAY = r"(?:\d{1,2}\s*(?:h|giờ)\s*(?:\d{1,2}\s*(?:phút|')?)?\s*,?\s*(?:ngày\s*)?)?"  # "trước 17h00 ngày"
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass
class TimeExpression:
    start: int  # where deadline_text starts (with its cue word when quoted)
    end: int
    kind: str
    value: str | None  # ISO date
    strength: int  # 3 explicit cue, 2 soft cue, 1 bare month/quarter, 0 not a deadline
    reason: str | None = None  # why it is not a deadline


@dataclass
class Recurrence:
    start: int
    end: int
    value: str


@lru_cache(maxsize=1)
def _data():
    data = rules.load()["time"]
    date = data["date"]
    alternation = lambda words: "|".join(regex.escape(w) for w in sorted(words, key=len,
                                                                              reverse=True))
    return {
        "expressions": [(e["kind"], regex.compile(e["pattern"].replace("{date}", date)))
                        for e in data["expressions"]],
        "date": regex.compile(date),
        "cue": regex.compile(r"(?:^|[\s,(])(" + alternation(data["deadline_cues"])
                             + r")\s*:?\s*" + TIME_OF_DAY + r"$"),
        "quoted": regex.compile(r"(?:^|[\s,(])(" + alternation(data["quoted_cues"]) + r")\s*$"),
        "soft": regex.compile(r"(?:" + alternation(data["soft_cues"]) + r")(?:\s+\S+){0,6}\s*$"),
        "year_cue": regex.compile(r"(?:^|[\s,(])(?:" + alternation(data["year_cues"]) + r")$"),
        "reference": [regex.compile(p) for p in data["reference_before"]],
        "period_before": [regex.compile(p) for p in data["period_before"]],
        "period_after": [regex.compile(p) for p in data["period_after"]],
        "purpose": regex.compile(r"(?:^|[\s,])(?:" + alternation(data["purpose_markers"])
                                 + r")\s[^,;]*$"),
        "recurrences": [(r["value"], regex.compile(r["pattern"])) for r in data["recurrences"]],
    }


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _dates(text: str) -> list[dt.date]:
    found = []
    for match in _data()["date"].finditer(text):
        day, month, year = (int(g) for g in (match.groups()[:3] if match.group(1)
                                             else match.groups()[3:]))
        try:
            found.append(dt.date(year, month, day))
        except ValueError:
            pass
    return found


def _numbers(text: str) -> list[int]:
    return [int(n) for n in regex.findall(r"\d+", text)]


def _document_date(meta: DocumentMeta) -> dt.date | None:
    return dt.date.fromisoformat(meta.issued_date) if meta.issued_date else None


def _year_or_hint(numbers: list[int], meta: DocumentMeta) -> int | None:
    years = [n for n in numbers if n > 1900]
    return years[-1] if years else meta.year_hint


def _value_date(text: str, meta: DocumentMeta) -> dt.date | None:
    dates = _dates(text)
    return dates[0] if dates else None


def _value_window(text: str, meta: DocumentMeta) -> dt.date | None:
    dates = _dates(text)
    return dates[-1] if dates else None


def _value_relative(text: str, meta: DocumentMeta) -> dt.date | None:
    issued = _document_date(meta)
    return issued + dt.timedelta(days=_numbers(text)[0]) if issued else None


def _value_day_month(text: str, meta: DocumentMeta) -> dt.date | None:
    day, month = _numbers(text)[:2]
    year = meta.year_hint
    if year is None:
        return None
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    issued = _document_date(meta)
    return value.replace(year=year + 1) if issued and value < issued else value


def _value_half(text: str, meta: DocumentMeta) -> dt.date | None:
    year = _year_or_hint(_numbers(text), meta)
    if year is None:
        return None
    return dt.date(year, 6, 30) if "đầu" in text else dt.date(year, 12, 31)


def _value_quarter(text: str, meta: DocumentMeta) -> dt.date | None:
    label = regex.match(r"quý\s+(iv|iii|ii|i|[1-4])", text).group(1)
    quarter = ROMAN.get(label) or int(label)
    year = _year_or_hint(_numbers(text)[1:] if label.isdigit() else _numbers(text), meta)
    return last_day(year, 3 * quarter) if year else None


def _value_before_month(text: str, meta: DocumentMeta) -> dt.date | None:
    month, year = _numbers(text)[:2]
    return dt.date(year, month, 1) - dt.timedelta(days=1) if 1 <= month <= 12 else None


def _value_month(text: str, meta: DocumentMeta) -> dt.date | None:
    month, year = _numbers(text)[:2]
    return last_day(year, month) if 1 <= month <= 12 else None


def _value_year(text: str, meta: DocumentMeta) -> dt.date | None:
    return dt.date(_numbers(text)[0], 12, 31)


VALUES: dict[str, Callable[[str, DocumentMeta], dt.date | None]] = {
    "window": _value_window, "relative": _value_relative, "date": _value_date,
    "day_month": _value_day_month, "half": _value_half, "quarter": _value_quarter,
    "before_month": _value_before_month, "month": _value_month, "year": _value_year,
}
SPECIFIC_DAY = {"window", "relative", "date", "day_month"}
CUED_KINDS = {"window", "relative", "before_month"}  # their pattern holds the cue


def _context_before(folded: str, start: int) -> str:
    window = folded[max(0, start - CONTEXT_CHARS):start]
    cut = max(window.rfind("."), window.rfind("\n"), window.rfind(";"))
    return window[cut + 1:] if cut >= 0 else window


def _strength(kind: str, before: str, after: str, meta: DocumentMeta,
              value: dt.date | None) -> tuple[int, str | None]:
    data = _data()
    if kind == "year":
        if any(p.search(before) for p in data["period_before"]) or \
                any(p.search(after) for p in data["period_after"]):
            return 0, "programme period"
        if data["purpose"].search(before):
            return 0, "goal of a purpose clause"
        if not data["year_cue"].search(before + "năm"):
            return 0, "year without a deadline cue"
        issued_year = meta.year_hint
        if value and issued_year and value.year < issued_year:
            return 0, "year before the document"
        return 3, None
    if kind in CUED_KINDS or data["cue"].search(before):
        return 3, None
    if any(p.search(before) for p in data["reference"]):
        return 0, "date of a cited document or meeting"
    if kind in SPECIFIC_DAY:
        return 0, "date without a deadline cue"
    return (2, None) if data["soft"].search(before) else (1, None)


def _first_claims(patterns: list[tuple[str, regex.Pattern]], folded: str):
    """(label, match) for every match of the patterns, tried in order; text an earlier match
    claimed is not matched again ("6 tháng đầu năm 2023" is a half-year, not also a year)."""
    taken: list[tuple[int, int]] = []
    for label, pattern in patterns:
        for match in pattern.finditer(folded):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                taken.append(match.span())
                yield label, match


def find_times(folded: str, meta: DocumentMeta) -> list[TimeExpression]:
    found = []
    for kind, match in _first_claims(_data()["expressions"], folded):
        try:
            value = VALUES[kind](match.group(), meta)
        except (ValueError, IndexError, AttributeError):
            value = None
        before = _context_before(folded, match.start())
        after = folded[match.end(): match.end() + 40]
        strength, reason = _strength(kind, before, after, meta, value)
        quoted = _data()["quoted"].search(before)
        start = match.start() - (len(before) - quoted.start(1)) if quoted else match.start()
        found.append(TimeExpression(start, match.end(), kind,
                                    value.isoformat() if value else None, strength, reason))
    return sorted(found, key=lambda t: t.start)


def find_recurrences(folded: str, attached: Callable[[int, int], bool]) -> list[Recurrence]:
    """Recurrences attached to an action ("báo cáo hàng năm"), not to a noun ("tối thiểu hàng năm")."""
    return sorted((Recurrence(match.start(), match.end(), value)
                   for value, match in _first_claims(_data()["recurrences"], folded)
                   if attached(*match.span())), key=lambda r: r.start)


CLAUSE_OPENERS = {",", ";", ":", "(", ".", "-", "đồng thời", "và", "thời"}


def attached_to_action(words, verbs: Lexicon, start: int, end: int) -> bool:
    """Whether the words around [start, end) make a recurrence modify an action."""
    first = next((w.i for w in words if w.start >= start), len(words))
    after = next((w.i for w in words[first:] if w.start >= end), len(words))
    if first == 0 or words[first - 1].norm in CLAUSE_OPENERS or verbs.match(words, after):
        return True
    return any(verbs.match(words, k) == first - k for k in range(max(0, first - 3), first))


@Language.factory("vi_times")
def create_times(nlp: Language, name: str):
    def times(doc: Doc) -> Doc:
        folded = doc._.folded
        doc._.times = find_times(folded, doc._.meta)
        verbs = lexicons()["verbs"]
        doc._.recurrences = find_recurrences(
            folded, lambda start, end: attached_to_action(doc._.words, verbs, start, end))
        return doc
    return times
