"""Re-application of the clerk's corrections, inside the transaction that writes a document.

A correction is keyed by what survives re-extraction: the document's SHA-256 and the task's text
with its whitespace collapsed (``task_key``). ``apply`` runs inside ``store.save_document``'s
transaction, so a re-run, ``--force`` or a changed rule file never loses a fix:

- ``lead``/``support``/``deadline``/``recurrence``/``pillar``: the clerk's value replaces the
  extractor's, and the task no longer needs review (``review_status = 'corrected'``);
- ``status = accepted``: the extractor's values stand, ``needs_review = 0``;
- ``status = rejected``: not a task; the row stays but is marked ``review_status = 'rejected'``
  and every view, query and export leaves it out;
- ``added``: a task the extractor missed, found again in the document text on every run.

The clerk's follow-up statuses (``statuses``, same keys plus a period) are re-applied the same
way by ``apply_statuses``: ``task_statuses`` is rebuilt for the document's current task rows.

The clerk's side that records corrections is ``pipeline.clerk.actions``; statuses,
``pipeline.clerk.status``.
"""
from __future__ import annotations

import json

import regex
import sqlite_utils

from extractors.names import canonical, resolve
from extractors.text import fold

from .schema import STATUS_STATE

FIELDS = ("lead", "support", "deadline", "recurrence", "pillar")
AGENCY_FIELDS = ("lead", "support")
NEARLY_SAME = 0.8  # a re-extracted task keeps its corrections if its text changed this little


def task_key(text: str) -> str:
    """What identifies a task across re-extractions: its text, whitespace collapsed."""
    return " ".join(text.split())



def apply(db: sqlite_utils.Database, document_id: int) -> None:
    """Re-apply every correction of this document's content. Call inside the write transaction."""
    document = next(db.query("select sha256, text, province from documents where id = ?",
                             [document_id]), None)
    if document is None or not document["sha256"]:
        return
    for key, (text, fields) in _corrections_by_task(db, document["sha256"]).items():
        task = find_task(db, document_id, key)
        if task is None:
            if fields.get("status") == "rejected" or not (set(fields) - {"status"}):
                continue  # nothing to bring back
            task = _restore(db, document_id, document["text"], text)
            if task is None:
                continue  # the text is gone from the document
        _apply_to_task(db, task, fields, document["province"])
    apply_statuses(db, document_id, document["sha256"])


def apply_statuses(db: sqlite_utils.Database, document_id: int, sha256: str) -> None:
    """Rebuild ``task_statuses`` of this document from the clerk's ``statuses`` of its content
    (``sha256``): each status goes to the task ``find_task`` gives for its key; a status whose
    task is no longer extracted stays in ``statuses`` and applies again when it comes back.
    Call inside the write transaction."""
    db.execute("delete from task_statuses where task_id in "
               "(select id from tasks where document_id = ?)", [document_id])
    found: dict[str, dict | None] = {}
    for row in db.query("select * from statuses where sha256 = ? order by task_key, period",
                        [sha256]):
        if row["task_key"] not in found:
            found[row["task_key"]] = find_task(db, document_id, row["task_key"])
        task = found[row["task_key"]]
        if task is not None:
            db["task_statuses"].insert({"task_id": task["id"], "period": row["period"],
                                        **{field: row[field] for field in STATUS_STATE}})


def _corrections_by_task(db: sqlite_utils.Database, sha256: str) -> dict[str, tuple[str, dict]]:
    grouped: dict[str, tuple[str, dict]] = {}
    for row in db.query("select task_key, field, value, text from corrections where sha256 = ? "
                        "order by task_key, field", [sha256]):
        grouped.setdefault(row["task_key"], (row["text"], {}))[1][row["field"]] = \
            json.loads(row["value"])
    return grouped


def find_task(db: sqlite_utils.Database, document_id: int, key: str) -> dict | None:
    """The task with this key; failing that, one whose text contains it or is contained in it
    and is nearly as long (a rule change that moved a task's boundary by a few words keeps its
    correction; a task split in two does not inherit it)."""
    tasks = list(db.query("select * from tasks where document_id = ? order by seq", [document_id]))
    for task in tasks:
        if task_key(task["text"]) == key:
            return task
    return next((t for t in tasks if nearly_same(key, task_key(t["text"]))), None)


def stored_key(db: sqlite_utils.Database, table: str, sha256: str, text: str) -> str:
    """The key of a task with this text in ``table`` (corrections, statuses): the key its earlier
    rows use if its text has since moved a little, else its own."""
    key = task_key(text)
    for row in db.query(f"select distinct task_key from [{table}] where sha256 = ?", [sha256]):
        if row["task_key"] == key or nearly_same(row["task_key"], key):
            return row["task_key"]
    return key


def nearly_same(key: str, other: str) -> bool:
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
    db.execute("delete from task_agencies where task_id = ? and role = ?", [task_id, role])
    for name in names:
        agency = canonical(name)
        db["task_agencies"].insert({"task_id": task_id, "agency": agency, "role": role,
                                    "mention": name, "resolved": resolve(agency, province)})
