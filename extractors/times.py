"""Time expressions: every date, month, quarter, half-year, year and recurrence in a document,
with how strongly it reads as a deadline.

A date right after a deadline cue ("trước ngày 15/9/2022") is a deadline; the date of a cited
document ("Kế hoạch số 561/KH-UBND ngày 29/9/2022"), a meeting or a programme period ("giai
đoạn 2021 - 2025, định hướng đến năm 2030") never is. Patterns, their named groups and the cue
words live in ``rules/time.yml``; ``resolve_date`` turns any matched expression into a date from
its named groups, so a new way of writing a date is a change of that file only.

Offsets are character offsets into the folded text, which has the length of ``documents.text``.
"""
from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex
from spacy.language import Language
from spacy.tokens import Doc

from . import rules
from .lexicon import Lexicon
from .model import DocumentMeta
from .names import lexicons
from .rules import alternation
from .text import fold
from .tokenizer import Word

CITED_TITLE_CHARS = 300  # how far back a cited document's number is looked for: a long title
CONTEXT_CHARS = 90  # how far back a cue word is looked for: a clause, rarely longer
PROGRAMME_PERIOD = "programme period"
CITED_DATE = "date of a cited document or meeting"
# "trước ngày 30 tháng 11 hằng năm", "định kỳ hằng năm (trước ngày 15/11)": the day of each
# period, no deadline (ANNOTATION.md §2: "trước ngày 20 hằng tháng" is monthly, deadline null)
RECURRING_DAY = "day of a recurring period"
NOT_BY_LABEL = frozenset({PROGRAMME_PERIOD, CITED_DATE, RECURRING_DAY})  # a label keeps these
# words searched back from a recurrence that ends a clause for the action it repeats; the
# longest seen, "báo cáo tình hình ... về Ủy ban nhân dân tỉnh hằng quý", is 15
CLAUSE_REACH = 25
AFTER_CHARS = 40  # what a programme period continues with ("..., định hướng đến năm 2030")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
DEADLINE, SOFT, BARE, NOT_A_DEADLINE = 3, 2, 1, 0  # TimeExpression.strength
COORDINATORS = ("và", ",")  # join two times of one clause


@dataclass(frozen=True)
class Kind:
    """What the code does with one ``kind`` of ``rules/time.yml``'s expressions."""

    names_a_day: bool  # without a deadline cue, a specific day is an event's, not a deadline
    holds_its_cue: bool = False  # "từ ... đến", "kể từ ngày ký", "trước tháng": always a deadline
    day_before: bool = False  # the deadline is the day before the period named
    year_alone: bool = False  # a deadline only after a year cue, never a period


KINDS: dict[str, Kind] = {  # the kinds rules.TIME_KINDS lets time.yml use
    "window": Kind(names_a_day=True, holds_its_cue=True),
    "relative": Kind(names_a_day=True, holds_its_cue=True),
    "date": Kind(names_a_day=True),
    "day_month": Kind(names_a_day=True),
    "half": Kind(names_a_day=False),
    "quarter": Kind(names_a_day=False),
    "before": Kind(names_a_day=False, holds_its_cue=True, day_before=True),
    "month": Kind(names_a_day=False),
    "yearless_month": Kind(names_a_day=True),  # like a day without its year: only after a cue
    "year": Kind(names_a_day=False, year_alone=True),
}


@dataclass
class TimeExpression:
    """A time expression: ``[start_char, end_char)`` is its ``deadline_text`` (with the cue word
    before it when that is quoted, "trước ngày 15/9/2022")."""

    start_char: int
    end_char: int
    kind: str  # a key of KINDS
    value: str | None  # ISO date; None when the expression gives no valid date
    strength: int  # DEADLINE (explicit cue), SOFT (soft cue), BARE (bare month...), NOT_A_DEADLINE
    reason: str | None = None  # why it is not a deadline


@dataclass
class Recurrence:
    """A recurrence attached to an action, ``value`` a recurrence code of ``rules/labels.yml``."""

    start_char: int
    end_char: int
    value: str


def _ending(pattern: str) -> regex.Pattern:
    """A pattern that ends with ``$``, compiled to match backwards (``regex.REVERSE``): a search
    over a context then starts where a match must end, not at every character (12× faster for
    recurring_before). For patterns only asked whether they match: a backward search may find
    another match."""
    return regex.compile(pattern, regex.REVERSE)


@lru_cache(maxsize=1)
def _data() -> dict:
    data = rules.load()["time"]
    return {
        **data,
        "cue": _ending(r"(?:^|[\s,(])(" + alternation(data["deadline_cues"])
                       + r")\s*:?\s*" + data["time_of_day"].pattern + r"$"),
        "quoted": regex.compile(r"(?:^|[\s,(])(" + alternation(data["quoted_cues"]) + r")\s*$"),
        "soft": _ending(r"(?:" + alternation(data["soft_cues"]) + r")(?:\s+\S+){0,6}\s*$"),
        "year_cue": _ending(r"(?:^|[\s,(])(?:" + alternation(data["year_cues"]) + r")$|"
                            + data["year_target"]),
        # a clause's connective and its comma before the year that opens it ("Theo đó, năm 2023,")
        "connective": regex.compile(r"^\s*(?:" + alternation(
            [fold(c) for c in rules.load()["cues"]["connectives"]]) + r")\s*,\s*$"),
        "anywhere": {r["pattern"] for r in data["recurrences"] if r.get("anywhere")},
        "openers": frozenset(data["clause_openers"]),
        "closers": frozenset(data["clause_closers"]),
        "possessives": frozenset(data["possessives"]),
        "recurring_after": regex.compile(r"^[\s,]*(?:" + "|".join(
            r["pattern"].pattern for r in data["recurrences"]) + ")"),
        "recurring_before": _ending(r"(?:" + "|".join(
            r["pattern"].pattern for r in data["recurrences"]) + r")[\s(,]*(?:\S+\s+){0,2}$"),
    }


def last_day(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_of(groups: dict[str, str]) -> int:
    """The quarter (1-4) a match's ``quarter`` group names in Roman or Arabic numerals."""
    return ROMAN.get(groups["quarter"]) or int(groups["quarter"])


def period_start(groups: dict[str, str], year: int) -> dt.date:
    """The first day of the month, else the quarter, else the year that ``groups`` name."""
    if "month" in groups:
        return dt.date(year, int(groups["month"]), 1)
    if "quarter" in groups:
        return dt.date(year, 3 * quarter_of(groups) - 2, 1)
    return dt.date(year, 1, 1)


def _issue_date(meta: DocumentMeta) -> dt.date | None:
    return dt.date.fromisoformat(meta.issued_date) if meta.issued_date else None


def resolve_date(match: regex.Match, kind: str, meta: DocumentMeta) -> dt.date | None:
    """The date an expression stands for, read from its named groups (``rules.TIME_GROUPS``).

    ``days`` counts from the issue date, or from an ``event`` the text does not date ("kể từ
    ngày nhận được yêu cầu": ANNOTATION.md §2, an event without a date is no deadline); ``day`` +
    ``month`` is that day, in the document's year (``meta.year_hint``) when no ``year`` is
    written, and then in the next year if that falls before the issue date; ``quarter``,
    ``first_half``/``second_half``, ``month`` or a ``year`` alone are the period's last day (for
    a ``day_before`` kind, the day before it starts).
    Returns None when a value is missing or no such date exists ("31/2")."""
    groups = {name: value for name, value in match.groupdict().items() if value}
    issued = _issue_date(meta)
    if "days" in groups:
        return issued + dt.timedelta(days=int(groups["days"])) \
            if issued and "event" not in groups else None
    year = int(groups["year"]) if "year" in groups else meta.year_hint
    if year is None:
        return None
    try:
        if KINDS[kind].day_before:
            return period_start(groups, year) - dt.timedelta(days=1)
        if "quarter" in groups:
            return last_day(year, 3 * quarter_of(groups))
        if "first_half" in groups or "second_half" in groups:
            return dt.date(year, 6, 30) if "first_half" in groups else dt.date(year, 12, 31)
        if "month" not in groups:
            return dt.date(year, 12, 31)
        month = int(groups["month"])
        if "day" in groups:
            day = dt.date(year, month, int(groups["day"]))
            rolls_over = "year" not in groups and issued is not None and day < issued
            return day.replace(year=year + 1) if rolls_over else day
        return last_day(year, month)
    except ValueError:
        return None


def _context_before(folded: str, start_char: int) -> str:
    """The clause before an offset: back to the last ".", ";", line break or table cell's "|"
    (a time cell's "Quý II/2023" is no date of the "Bộ Kế hoạch ..." in the cell before it), at
    most CONTEXT_CHARS. A line that a deadline cue ends goes on into the time that opens the next
    line: a hard-wrapped "(báo cáo trước" / "15/10/2024)"."""
    window = folded[max(0, start_char - CONTEXT_CHARS):start_char]
    cut = _clause_start(window)
    if cut >= 0 and window[cut] == "\n" and not window[cut + 1:].strip() and \
            _data()["cue"].search(window[:cut + 1]):
        cut = _clause_start(window[:cut])
    return window[cut + 1:] if cut >= 0 else window


def _clause_start(window: str) -> int:
    """The offset of the last mark that ends a clause in ``window``, -1 when none does."""
    return max(window.rfind("."), window.rfind("\n"), window.rfind(";"), window.rfind("|"))


def _strength(kind: str, before: str, after: str, lead_in: str, meta: DocumentMeta,
              value: dt.date | None) -> tuple[int, str | None]:
    """How strongly the expression reads as a deadline, and why not when it does not.

    ``before``/``after``: the text around it; ``lead_in``: its own text before the year ("năm",
    which the year cues end with: "trong năm", "đến hết năm"). A year that opens its clause
    before a comma is the clause's time ("Năm 2025, hoàn thành ...", "Theo đó, năm 2023, mỗi xã
    ...": ANNOTATION.md §2 "năm 2023" as the task's own year)."""
    data, rule = _data(), KINDS[kind]
    if rule.year_alone:
        if any(p.search(before) for p in data["period_before"]) or \
                any(p.search(after) for p in data["period_after"]):
            return NOT_A_DEADLINE, PROGRAMME_PERIOD
        opens_clause = (not before.strip(" -+•*") or data["connective"].match(before)) and \
            after.lstrip().startswith(",")
        if not (opens_clause or data["year_cue"].search(before + lead_in)):
            return NOT_A_DEADLINE, "year without a deadline cue"
        if value and meta.year_hint and value.year < meta.year_hint:
            return NOT_A_DEADLINE, "year before the document"
        return DEADLINE, None
    if rule.holds_its_cue or data["cue"].search(before):
        return DEADLINE, None
    if any(p.search(before) for p in data["reference_before"]):
        return NOT_A_DEADLINE, CITED_DATE
    if rule.names_a_day:
        return NOT_A_DEADLINE, "date without a deadline cue"
    return (SOFT, None) if data["soft"].search(before) else (BARE, None)


def first_claims(patterns: list[tuple[str, regex.Pattern]],
                 folded: str) -> Iterator[tuple[str, regex.Match]]:
    """(label, match) for every match of the patterns, tried in order; text an earlier match
    claimed is not matched again ("6 tháng đầu năm 2023" is a half-year, not also a year).

    Linear in the number of matches: one pattern's matches come in text order, so one sweep
    beside the sorted claims finds the overlaps, and one merge adds the new claims."""
    claimed: list[tuple[int, int]] = []  # disjoint spans, in text order
    for label, pattern in patterns:
        new, k = [], 0
        for match in pattern.finditer(folded):
            start, end = match.span()
            while k < len(claimed) and claimed[k][1] <= start:
                k += 1
            if k < len(claimed) and claimed[k][0] < end:
                continue
            new.append((start, end))
            yield label, match
        claimed = _merged(claimed, new)


def _merged(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two sorted lists of spans as one sorted list (the merge step of a merge sort)."""
    merged, i, j = [], 0, 0
    while i < len(first) and j < len(second):
        if first[i] <= second[j]:
            merged.append(first[i])
            i += 1
        else:
            merged.append(second[j])
            j += 1
    return merged + first[i:] + second[j:]


def find_times(folded: str, meta: DocumentMeta) -> list[TimeExpression]:
    """Every time expression of a folded text, in text order, with its value and strength.

    ``meta`` gives the issue date (relative deadlines, "31/12" written after it) and the year of
    dates written without one."""
    data = _data()
    found = []
    for kind, match in first_claims([(e["kind"], e["pattern"]) for e in data["expressions"]],
                                    folded):
        value = resolve_date(match, kind, meta)
        before = _context_before(folded, match.start())
        after = folded[match.end(): match.end() + AFTER_CHARS]
        lead_in = folded[match.start():match.start("year")].rstrip() \
            if KINDS[kind].year_alone else ""
        strength, reason = _strength(kind, before, after, lead_in, meta, value)
        if not match.groupdict().get("year") and _recurring_day(folded, match.start(), after):
            strength, reason = NOT_A_DEADLINE, RECURRING_DAY
        quoted = data["quoted"].search(before)
        start = match.start() - (len(before) - quoted.start(1)) if quoted else match.start()
        found.append(TimeExpression(start, match.end(), kind,
                                    value.isoformat() if value else None, strength, reason))
    return _coordinated(folded, sorted(found, key=lambda t: t.start_char))


def _coordinated(folded: str, found: list[TimeExpression]) -> list[TimeExpression]:
    """``found`` with a time joined by "và" or a comma to a deadline right before it read as
    the deadline in its place: "trong tháng 4 và quý II năm 2021" is due by the end of both
    (news21), one deadline, so the earlier time gives way (SOFT) and no clash is flagged."""
    for before, joined in zip(found, found[1:], strict=False):
        if before.strength == DEADLINE and BARE <= joined.strength < DEADLINE and \
                folded[before.end_char:joined.start_char].strip() in COORDINATORS:
            joined.strength, joined.reason, before.strength = DEADLINE, None, SOFT
    return found


def unwrapped(folded: str) -> str:
    """The folded text with its line breaks as spaces (same length, same offsets), where the
    patterns of recurrences are matched: a legal site's copy wraps its lines hard, in a phrase
    ("kiểm tra định" / "kỳ báo cáo", direct1a D1_03). Dates are not: a table's rows are lines,
    and a row's last cell "2026" would run on into the next row's number."""
    return folded.replace("\n", " ")


def _recurring_day(folded: str, start_char: int, after: str) -> bool:
    """Whether a date without its year is the day of each period of a recurrence next to it:
    "trước ngày 20 hằng tháng", "định kỳ hằng năm (trước ngày 15/11)", "báo cáo định kỳ" /
    "(trước ngày 15 tháng 12)" over a line break."""
    before = unwrapped(folded[max(0, start_char - CONTEXT_CHARS):start_char])
    return bool(_data()["recurring_after"].match(after) or
                _data()["recurring_before"].search(before))


def find_recurrences(folded: str, words: list[Word], verbs: Lexicon) -> list[Recurrence]:
    """Recurrences attached to an action ("báo cáo hàng năm"), not to a noun ("tối thiểu hàng
    năm"), in text order; ``words`` are the doc's words, ``verbs`` the action words. A
    recurrence ``time.yml`` marks ``anywhere`` ("năm 2017 và những năm tiếp theo") is one
    wherever it stands. None in a cited document's title."""
    word_starts = [w.start_char for w in words]
    return sorted((Recurrence(match.start(), match.end(), value)
                   for value, match in first_claims(
                       [(r["value"], r["pattern"]) for r in _data()["recurrences"]],
                       unwrapped(folded))
                   if not in_cited_title(folded, match.start()) and (
                       match.re in _data()["anywhere"]
                       or attached_to_action(words, word_starts, verbs, *match.span())
                       or closes_an_action(folded, words, word_starts, verbs, *match.span()))),
                  key=lambda r: r.start_char)


def in_cited_title(folded: str, start_char: int) -> bool:
    """Whether the sentence up to ``start_char`` names a cited document and what it is about
    ("Kế hoạch số 561/KH-UBND ... về ...", ``time.yml`` ``cited_title``): words there are its
    title's, not the task's."""
    return _data()["cited_title"].search(folded, max(0, start_char - CITED_TITLE_CHARS),
                                         start_char) is not None


def attached_to_action(words: list[Word], word_starts: list[int], verbs: Lexicon,
                       start_char: int, end_char: int) -> bool:
    """Whether the words around ``[start_char, end_char)`` make a recurrence modify an action:
    it opens a clause, or an action word comes right after it or ends right before it, and no
    ``possessives`` word follows it ("báo cáo hàng tháng của Ban chỉ đạo": the report's)."""
    first = bisect_left(word_starts, start_char)
    after = bisect_left(word_starts, end_char, lo=first)
    if after < len(words) and words[after].norm in _data()["possessives"]:
        return False
    if first == 0 or words[first - 1].norm in _data()["openers"] or verbs.match(words, after):
        return True
    return any(verbs.match(words, k) == first - k for k in range(max(0, first - 3), first))


def closes_an_action(folded: str, words: list[Word], word_starts: list[int], verbs: Lexicon,
                     start_char: int, end_char: int) -> bool:
    """Whether a recurrence ends a clause that an action word opened before it, however far:
    "báo cáo tình hình thực hiện về UBND tỉnh hằng quý." (after the body reported to). A
    recurrence inside a noun phrase ("tỷ lệ chi tối thiểu hàng năm cho ...") ends nothing.
    A clause ends at ``time.yml`` ``clause_closers``, a line break or the text's end; the
    action is looked for back to the clause's start, ``CLAUSE_REACH`` words at most. The day
    each period falls due may come between the recurrence and the clause's end ("báo cáo Chủ
    tịch UBND huyện hằng tháng trước ngày 25.", ``time.yml`` ``period_due_day``), and so may the
    other periods or unscheduled times listed with it ("... hằng năm và đột xuất.",
    ``period_tail``)."""
    first = bisect_left(word_starts, start_char)
    tail = _data()["period_tail"].match(folded, end_char)
    end_char = tail.end() if tail else end_char
    due_day = _data()["period_due_day"].match(folded, end_char)
    after = bisect_left(word_starts, due_day.end() if due_day else end_char, lo=first)
    closers = _data()["closers"]
    if after < len(words) and words[after].norm not in closers and \
            "\n" not in folded[end_char:words[after].start_char]:
        return False
    for k in range(first - 1, max(-1, first - 1 - CLAUSE_REACH), -1):
        if verbs.match(words, k):
            return True
        if words[k].norm in closers or "\n" in folded[words[k].end_char:words[k + 1].start_char]:
            return False
    return False


class TimeIndex:
    """A document's time expressions and recurrences, looked up by span in O(log n + found),
    so assigning them to n tasks stays linear (comparing each task with each date did not)."""

    def __init__(self, times: list[TimeExpression], recurrences: list[Recurrence]):
        self.times, self.recurrences = times, recurrences
        self._by_end = sorted(range(len(times)), key=lambda k: times[k].end_char)
        self._ends = [times[k].end_char for k in self._by_end]
        self._recurrence_starts = [r.start_char for r in recurrences]

    def times_ending_in(self, spans: list[tuple[int, int]]) -> list[TimeExpression]:
        """The time expressions whose last character lies inside one of the ``(start_char,
        end_char)`` spans, in text order (a quoted cue may start before the span)."""
        found: set[int] = set()
        for start, end in spans:
            found.update(self._by_end[bisect_left(self._ends, start + 1):
                                      bisect_right(self._ends, end)])
        return [self.times[k] for k in sorted(found)]

    def recurrences_within(self, spans: list[tuple[int, int]]) -> list[Recurrence]:
        """The recurrences wholly inside one of the ``(start_char, end_char)`` spans, in text
        order."""
        found: set[int] = set()
        for start, end in spans:
            k = bisect_left(self._recurrence_starts, start)
            while k < len(self.recurrences) and self.recurrences[k].start_char <= end:
                if self.recurrences[k].end_char <= end:
                    found.add(k)
                k += 1
        return [self.recurrences[k] for k in sorted(found)]


@Language.factory("vi_times", requires=["doc._.meta"], assigns=["doc._.times",
                                                                "doc._.recurrences"])
def create_times(nlp: Language, name: str):
    """Component: ``doc._.times`` (TimeExpression list) and ``doc._.recurrences`` (Recurrence
    list), both in text order, from the folded text the tokenizer set."""
    def times(doc: Doc) -> Doc:
        doc._.times = find_times(doc._.folded, doc._.meta)
        doc._.recurrences = find_recurrences(doc._.folded, doc._.words, lexicons()["verbs"])
        return doc
    return times
