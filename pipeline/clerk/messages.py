"""The clerk's messages in Vietnamese, from ``rules/messages.yml``.

``say("run_summary", processed=3, ...)`` fills a template's ``{name}`` fields; ``column_name`` and
``review_status_label`` name a column (or a correction's field, a task's or a document's own)
and a task's review verdict (its label from ``rules/labels.yml``); ``vietnamese_date`` and
``vietnamese_time`` write the dates and times the database keeps in ISO as the clerk reads them;
``command_help`` holds what ``--help`` shows (``rules/help.yml``).
"""
from __future__ import annotations

import datetime as dt
from functools import cache

from extractors import rules

from ..store.corrections import shown_value

# rules/help.yml: command as typed ("review set"; "" the program) → its help, its options' help
HELP_SCHEMA = rules.MapOf(rules.Record({"help": rules.Text(), "options": rules.MapOf(rules.Text())},
                                       optional=frozenset({"options"})))


def catalog() -> dict:
    return rules.load()["messages"]


def say(key: str, **values) -> str:
    """The message ``key`` with ``values`` filled in. Raises KeyError for an unknown key or a
    missing value (a test checks that every key the code uses exists)."""
    return rules.message(key, **values)


def column_name(key: str) -> str:
    """The Vietnamese header of a column or a correction's field ("deadline" → "Hạn hoàn thành"),
    a document's own field too ("doc_number" → "Số ký hiệu", the message ``field_doc_number``).
    KeyError for an unknown one."""
    columns = catalog()["columns"]
    return columns[key] if key in columns else say(f"field_{key}")


def review_status_label(status: str | None) -> str:
    """The label of a review verdict (rules/labels.yml ``review_statuses``, the labels the
    ``review_statuses`` code table holds); an unknown code as it is, ``None`` as ''."""
    return rules.load()["labels"]["review_statuses"].get(status, status or "")


def vietnamese_date(value: str | dt.date | None) -> str:
    """"2022-09-30" or a date → "30/09/2022", as a clerk reads and writes dates; "" for none."""
    if not value:
        return ""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def vietnamese_time(iso: str) -> str:
    """A stored UTC timestamp ("2022-10-01T03:05:00+00:00", ``store.now``) in the machine's local
    time: "01/10/2022 10:05"."""
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y %H:%M")


def describe_changes(fields: dict) -> str:
    """A correction's fields as the clerk reads them: "Hạn hoàn thành: 30/09/2022; Trụ cột: Thể
    chế số; Rà soát: ..."."""
    parts = []
    for field, value in fields.items():
        shown = (review_status_label(value) or "—") if field == "status" else \
            shown_value(field, value)
        parts.append(f"{column_name(field)}: {shown}" if field != "added" else column_name(field))
    return "; ".join(parts)


@cache
def command_help() -> dict[str, dict]:
    """rules/help.yml checked against ``HELP_SCHEMA``: {"review set": {"help": text, "options":
    {"deadline": text}}}; "" is the program, whose options stand for every command's. Raises
    RulesError naming file and key."""
    return rules.load_file("help.yml", schema=HELP_SCHEMA)
