"""The clerk's corrections: kept apart from what the extractor writes, re-applied after every write.

A correction is keyed by what survives re-extraction: the document's SHA-256 and the task's text
with its whitespace collapsed (``task_key``). ``corrections`` holds the current value of each
corrected field; ``corrections_log`` keeps every change (when, which task, field, old and new
value, through which tool). ``apply`` runs inside ``store.save_document``'s transaction, so a
re-run, ``--force`` or a changed rule file never loses a fix:

- ``lead``/``support``/``deadline``/``recurrence``/``pillar``: the clerk's value replaces the
  extractor's, and the task no longer needs review (``review_status = 'corrected'``);
- ``status = accepted``: the extractor's values stand, ``needs_review = 0``;
- ``status = rejected``: not a task; the row stays but is marked ``review_status = 'rejected'``
  and every view, query and export leaves it out;
- ``added``: a task the extractor missed, found again in the document text on every run.

The command line (``pipeline review``) and the review page (``pipeline serve``) both call
``set_fields``, ``accept``, ``reject`` and ``add``: one code path for every correction.
"""
from __future__ import annotations

import datetime as dt
import json

import regex
import sqlite_utils

from .labels import PILLARS, RECURRENCES
from .normalize import fold

FIELDS = ("lead", "support", "deadline", "recurrence", "pillar")
AGENCY_FIELDS = ("lead", "support")
NEARLY_SAME = 0.8  # a re-extracted task keeps its corrections if its text changed this little

CORRECTION_COLUMNS = {"sha256": str, "task_key": str, "field": str, "value": str, "text": str,
                      "updated_at": str}
LOG_COLUMNS = {"id": int, "at": str, "via": str, "sha256": str, "task_key": str,
               "document_id": int, "task_id": int, "field": str, "old_value": str,
               "new_value": str}


class CorrectionError(ValueError):
    """A correction that cannot be made: unknown task, invalid value, text not in the document."""


def ensure_schema(db: sqlite_utils.Database) -> None:
    if not db["corrections"].exists():
        db["corrections"].create(CORRECTION_COLUMNS, pk=("sha256", "task_key", "field"))
    if not db["corrections_log"].exists():
        db["corrections_log"].create(LOG_COLUMNS, pk="id")
        db["corrections_log"].create_index(["sha256", "task_key"])


def task_key(text: str) -> str:
    """What identifies a task across re-extractions: its text, whitespace collapsed."""
    return " ".join(text.split())


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# -- validation -----------------------------------------------------------------------------------

def clean_value(field: str, value):
    """The value as stored: agencies a list of names, dates ISO, codes checked; '' clears."""
    if field in AGENCY_FIELDS:
        names = [value] if isinstance(value, str) else list(value or [])
        return [" ".join(n.split()) for n in names if n and n.strip()]
    value = (value or "").strip() or None
    if value is None:
        return None
    if field == "deadline":
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise CorrectionError(f"deadline must be a date YYYY-MM-DD, not {value!r}") from None
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
    _record(db, task_row(db, task_id), cleaned, via)


def changed_fields(db: sqlite_utils.Database, task_id: int, submitted: dict) -> dict:
    """The submitted fields whose value differs from the task's: a form sends them all."""
    task = task_row(db, task_id)
    cleaned = {field: clean_value(field, value) for field, value in submitted.items()}
    return {f: v for f, v in cleaned.items() if v != current_value(db, task, f)}


def accept(db: sqlite_utils.Database, task_id: int, via: str = "cli") -> None:
    """The extractor got this task right: it no longer needs review."""
    _record(db, task_row(db, task_id), {"status": "accepted"}, via)


def reject(db: sqlite_utils.Database, task_id: int, via: str = "cli") -> None:
    """Not a task: hidden from every view on this and every later run."""
    _record(db, task_row(db, task_id), {"status": "rejected"}, via)


def add(db: sqlite_utils.Database, document_id: int, text: str, via: str = "cli") -> int:
    """A task the extractor missed; ``text`` must be found in the document. Returns its id."""
    document = next(db.query("select sha256, text from documents where id = ?", [document_id]),
                    None)
    if document is None or not document["text"]:
        raise CorrectionError(f"no document {document_id} with text")
    span = locate(document["text"], text)
    if span is None:
        raise CorrectionError(f"text not found in document {document_id}: {text[:80]!r}")
    exact = document["text"][span[0]:span[1]]
    task = {"id": None, "document_id": document_id, "sha256": document["sha256"], "text": exact}
    _record(db, task, {"added": exact}, via)
    return _find_task(db, document_id, task_key(exact))["id"]


def _record(db: sqlite_utils.Database, task: dict, changes: dict, via: str) -> None:
    """Store the corrections, log each change, re-apply them to the document: one transaction."""
    key = _key_for(db, task)
    with db.atomic():  # one transaction: sqlite-utils would commit each write on its own
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
        if row["task_key"] == key or _nearly_same(row["task_key"], key):
            return row["task_key"]
    return key


# -- re-application -------------------------------------------------------------------------------

def apply(db: sqlite_utils.Database, document_id: int) -> None:
    """Re-apply every correction of this document's content. Call inside the write transaction."""
    document = next(db.query("select sha256, text, province from documents where id = ?",
                             [document_id]), None)
    if document is None or not document["sha256"]:
        return
    for key, (text, fields) in _corrections_by_task(db, document["sha256"]).items():
        task = _find_task(db, document_id, key)
        if task is None:
            if fields.get("status") == "rejected" or not (set(fields) - {"status"}):
                continue  # nothing to bring back
            task = _restore(db, document_id, document["text"], text)
            if task is None:
                continue  # the text is gone from the document
        _apply_to_task(db, task, fields, document["province"])


def _corrections_by_task(db: sqlite_utils.Database, sha256: str) -> dict[str, tuple[str, dict]]:
    grouped: dict[str, tuple[str, dict]] = {}
    for row in db.query("select task_key, field, value, text from corrections where sha256 = ? "
                        "order by task_key, field", [sha256]):
        grouped.setdefault(row["task_key"], (row["text"], {}))[1][row["field"]] = \
            json.loads(row["value"])
    return grouped


def _find_task(db: sqlite_utils.Database, document_id: int, key: str) -> dict | None:
    """The task with this key; failing that, one whose text contains it or is contained in it
    and is nearly as long (a rule change that moved a task's boundary by a few words keeps its
    correction; a task split in two does not inherit it)."""
    tasks = list(db.query("select * from tasks where document_id = ? order by seq", [document_id]))
    for task in tasks:
        if task_key(task["text"]) == key:
            return task
    return next((t for t in tasks if _nearly_same(key, task_key(t["text"]))), None)


def _nearly_same(key: str, other: str) -> bool:
    shorter, longer = sorted((key, other), key=len)
    return shorter in longer and len(shorter) >= NEARLY_SAME * len(longer)


def locate(document_text: str, text: str) -> tuple[int, int] | None:
    """Start and end of ``text`` in the document, ignoring whitespace, case and tone placement."""
    words = fold(text).split()
    if not words:
        return None
    match = regex.search(r"\s+".join(regex.escape(w) for w in words), fold(document_text))
    return match.span() if match else None


def _restore(db: sqlite_utils.Database, document_id: int, document_text: str,
             text: str) -> dict | None:
    """Insert a task the extractor did not produce, at the place its text is in the document."""
    span = locate(document_text, text)
    if span is None:
        return None
    start, end = span
    block = next(db.query('select source from document_blocks where document_id = ? and start <= ? '
                          'and "end" >= ? order by seq limit 1', [document_id, start, start]), None)
    seq = db.execute("select coalesce(max(seq), -1) + 1 from tasks where document_id = ?",
                     [document_id]).fetchone()[0]
    task_id = db["tasks"].insert({
        "document_id": document_id, "seq": seq, "text": document_text[start:end], "start": start,
        "end": end, "confidence": 1.0, "needs_review": 0, "review_status": "added",
        "source": block["source"] if block else None}).last_pk
    return db["tasks"].get(task_id)


def _apply_to_task(db: sqlite_utils.Database, task: dict, fields: dict,
                   province: str | None) -> None:
    updates = {f: v for f, v in fields.items() if f in FIELDS and f not in AGENCY_FIELDS}
    for role in AGENCY_FIELDS:
        if role in fields:
            _replace_agencies(db, task["id"], role, fields[role], province)
    status = fields.get("status")
    if status == "rejected":
        updates.update(review_status="rejected", needs_review=0)
    elif "added" in fields:
        updates.update(review_status="added", needs_review=0)
    elif set(fields) & set(FIELDS):
        updates.update(review_status="corrected", needs_review=0)
    elif status == "accepted":
        updates.update(review_status="accepted", needs_review=0)
    if updates:
        db["tasks"].update(task["id"], updates)


def _replace_agencies(db: sqlite_utils.Database, task_id: int, role: str, names: list[str],
                      province: str | None) -> None:
    from extractors.names import canonical, resolve

    db.execute("delete from task_agencies where task_id = ? and role = ?", [task_id, role])
    for name in names:
        agency = canonical(name)
        db["task_agencies"].insert({"task_id": task_id, "agency": agency, "role": role,
                                    "mention": name, "resolved": resolve(agency, province)})
