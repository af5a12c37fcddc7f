"""The clerk's actions on tasks: correct fields, accept, reject, add a missed task.

The command line (``pipeline review``) and the review page (``pipeline serve``) both call
``set_fields``, ``accept``, ``reject`` and ``add``: one code path for every correction. Each
action stores the correction (``corrections``), logs it (``corrections_log``: when, which task,
field, old and new value, through which tool) and re-applies the document's corrections
(``pipeline.store.corrections.apply``), all in one transaction that takes the write lock
before it reads the task (``store.writing``): two clerks, or a clerk and the batch, wait for each
other instead of failing.
"""
from __future__ import annotations

import json

import sqlite_utils

from ..store import now, writing
from ..store.corrections import (AGENCY_FIELDS, FIELDS, apply, find_task, locate, nearly_same,
                                 task_key)
from . import parse
from .labels import PILLARS, RECURRENCES


class CorrectionError(ValueError):
    """A correction that cannot be made: unknown task, invalid value, text not in the document."""


# -- validation -----------------------------------------------------------------------------------

def clean_value(field: str, value):
    """The value as stored: agencies a list of names (``parse.agency_names``), dates ISO, codes
    checked; '' clears."""
    try:
        if field in AGENCY_FIELDS:
            return parse.agency_names([value] if isinstance(value, str) else list(value or []))
        value = (value or "").strip() or None
        if value is not None and field == "deadline":
            return parse.iso_date(value).isoformat()
    except parse.ParseError as exc:
        raise CorrectionError(str(exc)) from None
    if value is None:
        return None
    if field == "pillar" and value not in PILLARS:
        raise CorrectionError(f"unknown pillar {value!r}; one of: {', '.join(PILLARS)}")
    if field == "recurrence" and value not in RECURRENCES:
        raise CorrectionError(f"unknown recurrence {value!r}; one of: {', '.join(RECURRENCES)}")
    if field not in FIELDS:
        raise CorrectionError(f"no such field {field!r}; one of: {', '.join(FIELDS)}")
    return value


def display(value) -> str | None:
    """A value as the audit trail shows it."""
    if isinstance(value, list):
        return "; ".join(value) or None
    return value


# -- the clerk's actions --------------------------------------------------------------------------

def task_row(db: sqlite_utils.Database, task_id: int) -> dict:
    row = next(db.query(
        "select tasks.*, documents.sha256 from tasks join documents on documents.id = "
        "tasks.document_id where tasks.id = ?", [task_id]), None)
    if row is None:
        raise CorrectionError(f"no task {task_id}")
    return row


def current_value(db: sqlite_utils.Database, task: dict, field: str):
    if field in AGENCY_FIELDS:
        return [r["agency"] for r in db.query(
            "select agency from task_agencies where task_id = ? and role = ? order by rowid",
            [task["id"], field])]
    if field == "status":
        return task.get("review_status")
    return task[field]


def set_fields(db: sqlite_utils.Database, task_id: int, changes: dict, via: str = "cli") -> None:
    """Correct some of a task's fields: ``{"deadline": "2022-09-30", "lead": ["Sở Tài chính"]}``."""
    cleaned = {field: clean_value(field, value) for field, value in changes.items()}
    if not cleaned:
        raise CorrectionError("nothing to change: give at least one field")
    with writing(db):
        _record(db, task_row(db, task_id), cleaned, via)


def changed_fields(db: sqlite_utils.Database, task_id: int, submitted: dict) -> dict:
    """The submitted fields whose value differs from the task's: a form sends them all."""
    task = task_row(db, task_id)
    cleaned = {field: clean_value(field, value) for field, value in submitted.items()}
    return {f: v for f, v in cleaned.items() if v != current_value(db, task, f)}


def accept(db: sqlite_utils.Database, task_id: int, via: str = "cli") -> None:
    """The extractor got this task right: it no longer needs review."""
    mark(db, [task_id], "accepted", via)


def reject(db: sqlite_utils.Database, task_id: int, via: str = "cli") -> None:
    """Not a task: hidden from every view on this and every later run."""
    mark(db, [task_id], "rejected", via)


def mark(db: sqlite_utils.Database, task_ids: list[int], verdict: str, via: str = "cli") -> None:
    """Accept or reject (``verdict``: "accepted" | "rejected") every task of ``task_ids`` in one
    transaction; CorrectionError naming every unknown id, and nothing changed, if one is unknown."""
    with writing(db):
        tasks, missing = [], []
        for task_id in task_ids:
            try:
                tasks.append(task_row(db, task_id))
            except CorrectionError:
                missing.append(str(task_id))
        if missing:
            raise CorrectionError(f"no task {', '.join(missing)}; nothing was changed")
        for task in tasks:
            _record(db, task, {"status": verdict}, via)


def add(db: sqlite_utils.Database, document_id: int, text: str, via: str = "cli") -> int:
    """A task the extractor missed; ``text`` must be found in the document. Returns its id."""
    try:
        text = parse.free_text(text, what="câu nhiệm vụ")
    except parse.ParseError as exc:
        raise CorrectionError(str(exc)) from None
    with writing(db):
        document = next(db.query("select sha256, text from documents where id = ? and "
                                 "status != 'removed'", [document_id]), None)
        if document is None or not document["text"]:
            raise CorrectionError(f"no document {document_id} with text")
        span = locate(document["text"], text)
        if span is None:
            raise CorrectionError(f"text not found in document {document_id}: {text[:80]!r}")
        exact = document["text"][span[0]:span[1]]
        task = {"id": None, "document_id": document_id, "sha256": document["sha256"],
                "text": exact}
        _record(db, task, {"added": exact}, via)
        return find_task(db, document_id, task_key(exact))["id"]


def _record(db: sqlite_utils.Database, task: dict, changes: dict, via: str) -> None:
    """Store the corrections, log each change, re-apply them to the document: one transaction."""
    key = _key_for(db, task)
    with writing(db):  # one transaction: sqlite-utils would commit each write on its own
        for field, value in changes.items():
            old = current_value(db, task, field) if task["id"] and field != "added" else None
            db["corrections"].upsert(
                {"sha256": task["sha256"], "task_key": key, "field": field,
                 "value": json.dumps(value, ensure_ascii=False), "text": task["text"],
                 "updated_at": now()}, pk=("sha256", "task_key", "field"))
            db["corrections_log"].insert(
                {"at": now(), "via": via, "sha256": task["sha256"], "task_key": key,
                 "document_id": task["document_id"], "task_id": task["id"], "field": field,
                 "old_value": display(old), "new_value": display(value)})
        apply(db, task["document_id"])


def _key_for(db: sqlite_utils.Database, task: dict) -> str:
    """The task's key, or the key its earlier corrections use if its text has since moved."""
    key = task_key(task["text"])
    for row in db.query("select distinct task_key from corrections where sha256 = ?",
                        [task["sha256"]]):
        if row["task_key"] == key or nearly_same(row["task_key"], key):
            return row["task_key"]
    return key
