"""Follow-up categories, derived as of a day and never typed: is each task done on time, done
late, in time, due soon, overdue, or without a deadline?

The categories are those the Government's rules on following up assigned tasks count (done on
time, done late, in progress within the deadline, overdue); "due soon" (within
``due_soon_days``, 7 by default) and "no deadline" complete them. Codes and labels are
``rules/followup.yml``. The clerk's statuses (``pipeline.clerk.status``) are the input:

- a one-off task is judged against its deadline, or the last extension the clerk recorded;
- a recurring task (daily ... annual) falls due once a period, on the day its text names
  ("trước ngày 20 hằng tháng"), else on its deadline's day, else on the period's last day. It is
  judged by the period that fell due last before the day (overdue if that one is not done), else
  by the next one. The period that fell due last counts only from the document's date, or from
  the first period the clerk recorded a status for: an undated document's earlier periods are
  not judged. "Định kỳ" without a period is judged as a one-off task.

A status counts only from its date: a task done on 2022-09-20 is still overdue as of 2022-09-19.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extractors import rules
from extractors.text import fold, strip_accents

CATEGORIES = ("done_on_time", "done_late", "in_time", "due_soon", "overdue", "no_deadline")
STATUSES = ("not_started", "in_progress", "done", "extended")
PERIODS = ("daily", "weekly", "monthly", "quarterly", "semiannual", "annual")
# How a period's key is written, per recurrence (the clerk types these after --period)
PERIOD_KEYS = {
    "daily": (regex.compile(r"(\d{4})-(\d{2})-(\d{2})"), "2022-09-15"),
    "weekly": (regex.compile(r"(\d{4})-W(\d{2})"), "2022-W38"),
    "monthly": (regex.compile(r"(\d{4})-(\d{2})"), "2022-09"),
    "quarterly": (regex.compile(r"(\d{4})-Q([1-4])"), "2022-Q3"),
    "semiannual": (regex.compile(r"(\d{4})-H([12])"), "2022-H2"),
    "annual": (regex.compile(r"(\d{4})"), "2022"),
}
MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}


MESSAGES = ("no_task", "rejected_task", "not_later", "already_done", "done_in_future",
            "done_before_period", "nothing_to_undo", "not_recurring", "bad_period",
            "no_new_deadline", "describe_done", "describe_extended", "describe_note")


SCHEMA = rules.Record({
    "statuses": rules.Record(dict.fromkeys(STATUSES, rules.Text())),
    "categories": rules.Record(dict.fromkeys(CATEGORIES, rules.Text())),
    "due_soon_days": rules.Number(), "period_day": rules.Pattern(groups=("day", "month")),
    "period_labels": rules.Record(dict.fromkeys(PERIODS, rules.Text())),
    "halves": rules.ListOf(rules.Text()),
    "messages": rules.Record(dict.fromkeys(MESSAGES, rules.Text()))})
ROMAN = ("I", "II", "III", "IV")  # how quarters are numbered


@lru_cache(maxsize=1)
def _rules() -> dict:
    """rules/followup.yml, checked against ``SCHEMA``. Raises RulesError naming file and key."""
    return rules.load_file("followup.yml", schema=SCHEMA)


def category_label(code: str) -> str:
    return _rules()["categories"][code]


def status_label(code: str | None) -> str:
    return _rules()["statuses"][code or "not_started"]


def message(key: str, **values) -> str:
    """A clerk-facing message of rules/followup.yml ``messages``, filled in."""
    return _rules()["messages"][key].format(**values)


def due_soon_days() -> int:
    return int(_rules()["due_soon_days"])


def category_code(name: str) -> str | None:
    """The category a clerk typed, by code or label, accents, case, "-" and "_" ignored:
    "quá-hạn", "qua han", "overdue" → "overdue"; None if it names none."""
    def key(text: str) -> str:
        return " ".join(strip_accents(text).replace("-", " ").replace("_", " ").split())

    wanted = key(name)
    return next((code for code, label in _rules()["categories"].items()
                 if wanted in (key(code), key(label))), None)


# -- periods of a recurring task ------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """One period of a recurring task: its key ("2022-09", "2022-Q3", ...) and its days."""

    key: str
    start: dt.date
    end: dt.date


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_of(recurrence: str, day: dt.date) -> Period:
    """The period of a recurrence (one of PERIODS) that contains ``day``."""
    if recurrence == "daily":
        return Period(day.isoformat(), day, day)
    if recurrence == "weekly":
        start = day - dt.timedelta(days=day.weekday())
        year, week, _ = day.isocalendar()
        return Period(f"{year}-W{week:02d}", start, start + dt.timedelta(days=6))
    months = MONTHS_PER_PERIOD[recurrence]
    index = (day.month - 1) // months
    start = dt.date(day.year, index * months + 1, 1)
    end = _month_end(day.year, index * months + months)
    suffix = {"monthly": f"-{start.month:02d}", "quarterly": f"-Q{index + 1}",
              "semiannual": f"-H{index + 1}", "annual": ""}[recurrence]
    return Period(f"{day.year}{suffix}", start, end)


def parse_period(recurrence: str, key: str) -> Period:
    """The period a key names ("2022-09" for a monthly task). Raises ValueError."""
    pattern, example = PERIOD_KEYS[recurrence]
    match = pattern.fullmatch(key.strip())
    if not match:
        raise ValueError(example)
    year, *rest = [int(n) for n in match.groups()]
    try:
        if recurrence == "daily":
            day = dt.date(year, *rest)
        elif recurrence == "weekly":
            day = dt.date.fromisocalendar(year, rest[0], 1)
        elif recurrence == "annual":
            day = dt.date(year, 1, 1)
        else:  # rest[0]: the month, quarter or half
            day = dt.date(year, (rest[0] - 1) * MONTHS_PER_PERIOD[recurrence] + 1, 1)
    except ValueError:
        raise ValueError(example) from None
    return period_of(recurrence, day)


def period_label(key: str | None) -> str:
    """A period's key as the clerk reads it (rules/followup.yml ``period_labels``): "2022-10" →
    "tháng 10/2022", "2022-Q4" → "quý IV/2022", "2022-H1" → "6 tháng đầu năm 2022", "2022" →
    "năm 2022"; "" for none (a one-off task), a key of no known shape as it is."""
    for recurrence, (pattern, _) in PERIOD_KEYS.items():
        match = pattern.fullmatch(key or "")
        if match:
            year, *rest = (int(n) for n in match.groups())
            number = rest[0] if rest else 0
            values = {"year": year, "number": number, "roman": ROMAN[(number - 1) % 4],
                      "half": _rules()["halves"][(number - 1) % 2]}
            if recurrence == "daily":
                values["date"] = dt.date(year, *rest).strftime("%d/%m/%Y")
            return _rules()["period_labels"][recurrence].format(**values)
    return key or ""


@dataclass(frozen=True)
class Anchor:
    """Where in its period a recurring task falls due: a day of the month, for an annual task
    also a month. Both None: on the period's last day."""

    month: int | None = None
    day: int | None = None


def anchor_of(task: dict) -> Anchor:
    """The day the task's text names ("trước ngày 20 hằng tháng", "trước ngày 15/12 hàng năm"
    with its month), else its deadline's day."""
    match = _rules()["period_day"].search(fold(task["text"] or ""))
    if match:
        month = match.group("month")
        return Anchor(int(month) if month else None, int(match.group("day")))
    if task["deadline"]:
        deadline = dt.date.fromisoformat(task["deadline"])
        return Anchor(deadline.month, deadline.day)
    return Anchor()


def due_date(recurrence: str, period: Period, anchor: Anchor) -> dt.date:
    """The day a period falls due: the anchor's day in its last month, else its last day."""
    if recurrence in ("daily", "weekly") or anchor.day is None:
        return period.end
    month = anchor.month if recurrence == "annual" and anchor.month else period.end.month
    last = _month_end(period.end.year, month)
    return last.replace(day=min(anchor.day, last.day))


# -- judging --------------------------------------------------------------------------------------

@dataclass
class FollowUp:
    """Where a task stands as of a day."""

    category: str  # a code of CATEGORIES
    due: dt.date | None  # the deadline judged: the last extension, or the period's due date
    period: str | None = None  # the period judged, for a recurring task
    state: dict = field(default_factory=dict)  # the clerk's status of it: status, done_on, ...


def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def judge(due: dt.date | None, state: dict, as_of: dt.date, within: int) -> FollowUp:
    """One obligation: its deadline (``state["deadline"]``, an extension, wins) and status."""
    due = _date(state.get("deadline")) or due
    done_on = _date(state.get("done_on")) if state.get("status") == "done" else None
    if done_on and done_on <= as_of:
        on_time = due is None or done_on <= due
        return FollowUp("done_on_time" if on_time else "done_late", due, None, state)
    if due is None:
        return FollowUp("no_deadline", None, None, state)
    if due < as_of:
        return FollowUp("overdue", due, None, state)
    if due <= as_of + dt.timedelta(days=within):
        return FollowUp("due_soon", due, None, state)
    return FollowUp("in_time", due, None, state)


def follow_up(task: dict, as_of: dt.date | None = None, within: int | None = None) -> FollowUp:
    """Where ``task`` (a row of ``query.find_tasks``: deadline, recurrence, text, document,
    statuses = {period: state}) stands on ``as_of`` (default today); due soon means due within
    ``within`` days (default ``due_soon_days``)."""
    as_of = as_of or dt.date.today()
    within = due_soon_days() if within is None else within
    statuses = task.get("statuses") or {}
    recurrence = task["recurrence"]
    if recurrence not in PERIODS:
        return judge(_date(task["deadline"]), statuses.get("", {}), as_of, within)
    anchor = anchor_of(task)

    def due(period):
        return due_date(recurrence, period, anchor)

    current = period_of(recurrence, as_of)
    if due(current) < as_of:
        last, upcoming = current, period_of(recurrence, current.end + dt.timedelta(days=1))
    else:
        last, upcoming = period_of(recurrence, current.start - dt.timedelta(days=1)), current
    began = _began(task, recurrence, statuses)
    if began is not None and due(last) >= began:
        judged = judge(due(last), statuses.get(last.key, {}), as_of, within)
        if judged.category not in ("done_on_time", "done_late"):
            judged.period = last.key
            return judged
    judged = judge(due(upcoming), statuses.get(upcoming.key, {}), as_of, within)
    judged.period = upcoming.key
    return judged


def period_choices(task: dict, judged: FollowUp, count: int) -> list[str]:
    """The period keys a clerk may record a status for, newest first: the period after the one
    ``judged`` (``follow_up``), that one, and those before it, ``count`` in all but none from
    before the task began (``_began``); then any earlier period that has a status. [] for a
    task that does not recur."""
    recurrence = task["recurrence"]
    if recurrence not in PERIODS or not judged.period:
        return []
    statuses = task.get("statuses") or {}
    began = _began(task, recurrence, statuses)
    period = parse_period(recurrence, judged.period)
    keys = [period_of(recurrence, period.end + dt.timedelta(days=1)).key]
    while len(keys) < count and (began is None or period.end >= began):
        keys.append(period.key)
        period = period_of(recurrence, period.start - dt.timedelta(days=1))
    return keys + sorted((key for key in statuses if key and key not in keys), reverse=True)


def _began(task: dict, recurrence: str, statuses: dict) -> dt.date | None:
    """From when the task's periods count: its document's date, else the first period the clerk
    recorded a status for."""
    issued = _date(task["document"].get("issued_date"))
    if issued:
        return issued
    tracked = []
    for key in statuses:
        try:
            tracked.append(parse_period(recurrence, key).start)
        except ValueError:  # "" or a period of the recurrence the clerk has since corrected
            continue
    return min(tracked, default=None)
