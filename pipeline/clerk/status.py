"""The clerk's follow-up status of a task: ``pipeline status`` and the review page's buttons.

A status is kept like a correction (``pipeline.store.corrections``): in ``statuses``, keyed by
the directive (``directives.key``), the task's text (whitespace collapsed) and occurrence and,
for a recurring task, the period ("2022-09"), so a re-run, ``--force``, a rule change, another
format or a new version of the file never loses it; ``task_statuses`` applies it to the current
task rows of every file of the directive. The states are ``rules/followup.yml``
``statuses``: ``in_progress``; ``done`` with the completion date and an optional note;
``extended`` with the new deadline (the original stays in ``tasks.deadline``, every extension in
the log). Each change is logged in ``statuses_log`` (when, by whom: the OS user or ``by``,
through which tool, old → new state); ``undo`` reverts the last change not yet undone, and
undoing again goes one change further back.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json

import sqlite_utils

from ..store import now, writing
from ..store.corrections import (
    apply_statuses,
    directive_keys,
    key_text,
    occurrence_of,
    readable_documents,
    stored_key,
)
from ..store.schema import STATUS_STATE
from . import followup, parse
from .labels import channel_label, recurrence_label
from .messages import vietnamese_date, vietnamese_time


class StatusError(ValueError):
    """A status change that cannot be made; the message is for the clerk (Vietnamese)."""


def _task(db: sqlite_utils.Database, task_id: int) -> dict:
    """The task with what follow-up needs: what names it for statuses (its file's SHA-256, its
    directive's id and key, the keys its directive's statuses may carry, its occurrence), its
    document's date, its statuses."""
    row = next(db.query(
        "select tasks.id, tasks.document_id, tasks.text, tasks.extracted, tasks.deadline, "
        "tasks.recurrence, tasks.review_status, "
        "documents.sha256, documents.issued_date, documents.directive_id, directives.key as "
        "directive_key from tasks join documents on documents.id = tasks.document_id "
        "left join directives on directives.id = documents.directive_id where tasks.id = ?",
        [task_id]), None)
    if row is None:
        raise StatusError(followup.message("no_task", task_id=task_id))
    row["document"] = {"issued_date": row.pop("issued_date")}
    row["occurrence"] = occurrence_of(db, row["document_id"], task_id)
    row["keys"] = directive_keys(db, row["document_id"])
    row["statuses"] = {s.pop("period"): s for s in db.query(
        "select period, status, done_on, note, deadline from task_statuses where task_id = ?",
        [task_id])}
    return row


def _period(task: dict, period: str | None, day: dt.date) -> str:
    """The period a change is about: "" for a one-off task; for a recurring one the period given
    by its key ("2022-09") or by a day in it ("15/9/2022"), else the one follow-up judges on
    ``day``."""
    recurrence = task["recurrence"]
    if recurrence not in followup.PERIODS:
        if period:
            raise StatusError(followup.message("not_recurring", task_id=task["id"]))
        return ""
    if not period:
        return followup.follow_up(task, day).period
    try:
        return followup.parse_period(recurrence, period).key
    except ValueError as exc:
        example = str(exc)
    try:  # a day of the period as the clerk writes dates: "30/11/2026" (new-clerk trial)
        return followup.period_of(recurrence, parse.date(period)).key
    except parse.ParseError:
        raise StatusError(followup.message("bad_period", period=period, example=example,
                                           recurrence=recurrence_label(recurrence))) from None


def _current_due(task: dict, period: str, state: dict) -> dt.date | None:
    if state.get("deadline"):
        return dt.date.fromisoformat(state["deadline"])
    if period:
        recurrence = task["recurrence"]
        return followup.due_date(recurrence, followup.parse_period(recurrence, period),
                                 followup.anchor_of(task))
    return dt.date.fromisoformat(task["deadline"]) if task["deadline"] else None


def change(db: sqlite_utils.Database, task_id: int, status: str, *, on: dt.date | None = None,
           note: str | None = None, deadline: dt.date | None = None, period: str | None = None,
           by: str | None = None, via: str = "cli") -> dict:
    """Record ``status`` (``done``, ``in_progress`` or ``extended``) for a task, or for one period
    of a recurring task (``period``, by default the one judged on ``on`` or today). ``done``
    takes the completion day ``on`` (default today; a day after today, or before the start of
    the recurring period it completes, is refused), ``extended`` the new ``deadline``, which
    must be later than the current one; ``note`` (e.g. the agency's report number) goes with
    this state only. Returns the new state {status, done_on, note, deadline} and the ``period``
    it is for ("" for a one-off task). Raises StatusError, also for a task the clerk
    rejected (``review reject``) and for another status of a period done (``undo`` takes the
    completion back first)."""
    day = on or dt.date.today()
    task = _task(db, task_id)
    if task["review_status"] == "rejected":  # the clerk said it is no task: nothing to follow
        raise StatusError(followup.message("rejected_task", task_id=task_id))
    period = _period(task, period, day)
    key = stored_key(db, "statuses", task["directive_key"], key_text(task))
    old = _state(db, task, key, period)
    if old and old["status"] == "done" and status != "done":  # a done task reopened by a slip
        raise StatusError(followup.message(  # (new-user trial: an extension undid it silently)
            "already_done", task_id=task_id, day=vietnamese_date(old["done_on"])))
    new = {**dict.fromkeys(STATUS_STATE), **(old or {}), "status": status}
    if status == "done":
        _check_done_on(task, period, day)
        new["done_on"] = day.isoformat()
    elif status == "extended":
        current = _current_due(task, period, old or {})
        if current and deadline <= current:
            raise StatusError(followup.message("not_later", new=vietnamese_date(deadline),
                                               current=vietnamese_date(current)))
        new.update(deadline=deadline.isoformat(), done_on=None)
    else:
        new["done_on"] = None
    new["note"] = (note or "").strip() or None
    _write(db, task, key, period, old, new, by, via)
    return {**new, "period": period}


def _check_done_on(task: dict, period: str, day: dt.date) -> None:
    """Refuse a completion day after today (work is recorded once done) or, for a recurring task,
    before the period it completes begins."""
    if day > dt.date.today():
        raise StatusError(followup.message("done_in_future", day=vietnamese_date(day),
                                           today=vietnamese_date(dt.date.today())))
    start = followup.parse_period(task["recurrence"], period).start if period else None
    if start and day < start:
        raise StatusError(followup.message("done_before_period", day=vietnamese_date(day),
                                           period=followup.period_label(period),
                                           start=vietnamese_date(start)))


def undo(db: sqlite_utils.Database, task_id: int, by: str | None = None,
         via: str = "cli") -> dict | None:
    """Revert the task's last status change not yet undone; returns the state restored (None:
    no status). Raises StatusError when there is nothing to undo."""
    task = _task(db, task_id)
    key = stored_key(db, "statuses", task["directive_key"], key_text(task))
    where, params = _of_task(task, key)
    last = next(db.query(
        f"select * from statuses_log as change where {where} and undoes is null and not exists "
        "(select 1 from statuses_log as undo where undo.undoes = change.id) "
        "order by id desc limit 1", params), None)
    if last is None:
        raise StatusError(followup.message("nothing_to_undo", task_id=task_id))
    restored = json.loads(last["old_value"]) if last["old_value"] else None
    old = _state(db, task, key, last["period"])
    _write(db, task, key, last["period"], old, restored, by, via, undoes=last["id"])
    return restored


def history(db: sqlite_utils.Database, task_id: int) -> list[dict]:
    """The task's status changes, oldest first: statuses_log rows, old/new as descriptions,
    ``at`` in local time ("01/10/2022 10:05"), ``via`` and ``period`` as labels ("dòng lệnh",
    "tháng 10/2022"), as the clerk reads them."""
    task = _task(db, task_id)
    key = stored_key(db, "statuses", task["directive_key"], key_text(task))
    where, params = _of_task(task, key)
    rows = list(db.query(f"select * from statuses_log where {where} order by id", params))
    for row in rows:
        row["at"] = vietnamese_time(row["at"])
        row["via"], row["period"] = channel_label(row["via"]), followup.period_label(row["period"])
        for side in ("old_value", "new_value"):
            row[side] = describe(json.loads(row[side]) if row[side] else None)
    return rows


def describe(state: dict | None) -> str:
    """A state as the clerk reads it: "hoàn thành ngày 20/09/2022 (Báo cáo số 12/BC-STC)"."""
    state = state or {}
    label = followup.status_label(state.get("status"))
    if state.get("status") == "done":
        text = followup.message("describe_done", label=label,
                                date=vietnamese_date(state["done_on"]))
    elif state.get("status") == "extended":
        text = followup.message("describe_extended", label=label,
                                date=vietnamese_date(state["deadline"]))
    else:
        text = label
    return followup.message("describe_note", text=text, note=state["note"]) \
        if state.get("note") else text


def _of_task(task: dict, key: str) -> tuple[str, list]:
    """The SQL condition (and its parameters) on ``statuses``/``statuses_log`` rows of this task
    under any key its directive's statuses may carry."""
    marks = ", ".join("?" * len(task["keys"]))
    return (f"directive_key in ({marks}) and task_key = ? and coalesce(occurrence, 1) = ?",
            [*task["keys"], key, task["occurrence"]])


def _state(db: sqlite_utils.Database, task: dict, key: str, period: str) -> dict | None:
    """The task's stored state for ``period``; of one kept under two keys, the later."""
    where, params = _of_task(task, key)
    row = next(db.query(f"select {', '.join(STATUS_STATE)} from statuses where {where} and "
                        "period = ? order by updated_at desc limit 1", [*params, period]), None)
    return dict(row) if row else None


def _write(db: sqlite_utils.Database, task: dict, key: str, period: str, old: dict | None,
           new: dict | None, by: str | None, via: str, undoes: int | None = None) -> None:
    """Store the new state (None: remove it), log the change, re-apply it to every file of the
    task's directive: one transaction."""
    by = by or getpass.getuser()
    ids = {"directive_key": task["directive_key"], "task_key": key,
           "occurrence": task["occurrence"], "period": period}
    with writing(db):  # one transaction: sqlite-utils would commit each write on its own
        if new is None:
            where, params = _of_task(task, key)
            db.execute(f"delete from statuses where {where} and period = ?", [*params, period])
        else:
            db["statuses"].upsert({**ids, **new, "text": task["text"], "sha256": task["sha256"],
                                   "updated_at": now(), "updated_by": by}, pk=tuple(ids))
        db["statuses_log"].insert({
            "at": now(), "by": by, "via": via, **ids, "sha256": task["sha256"],
            "document_id": task["document_id"], "task_id": task["id"], "undoes": undoes,
            "old_value": json.dumps(old, ensure_ascii=False) if old else None,
            "new_value": json.dumps(new, ensure_ascii=False) if new else None})
        for document_id in readable_documents(db, task["directive_id"]):
            apply_statuses(db, document_id)
