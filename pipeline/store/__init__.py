"""STORE: the SQLite database: one transaction per document, full-text search on tasks.

The schema is ``schema.py`` (derived from ``extractors.model``); the clerk's corrections are
re-applied by ``corrections.py`` inside each document's transaction.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlite_utils

from extractors.model import DocumentMeta, SourceBlock, Task

from . import corrections
from .schema import ensure_schema

def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if need be) the task database at ``path`` in WAL mode, schema ensured."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=10000")
    ensure_schema(db)
    return db


def known_documents(db: sqlite_utils.Database) -> dict[str, dict]:
    """Path → {id, sha256, status, size, mtime} for every document row, for the incremental scan."""
    return {row["path"]: row
            for row in db.query("select id, path, sha256, status, size, mtime from documents")}


def _document_id(db: sqlite_utils.Database, path: str) -> int | None:
    row = db.execute("select id from documents where path = ?", [path]).fetchone()
    return row[0] if row else None


def _upsert_document(db: sqlite_utils.Database, record: dict) -> int:
    doc_id = _document_id(db, record["path"])
    if doc_id is None:
        return db["documents"].insert(record).last_pk
    db["documents"].update(doc_id, record)
    return doc_id


def _delete_children(db: sqlite_utils.Database, doc_id: int) -> None:
    db.execute("delete from task_agencies where task_id in (select id from tasks where document_id = ?)",
               [doc_id])
    db.execute("delete from tasks where document_id = ?", [doc_id])
    db.execute("delete from document_blocks where document_id = ?", [doc_id])


def save_document(db: sqlite_utils.Database, *, path: str, sha256: str, size: int, text: str,
                  meta: DocumentMeta, blocks: list[SourceBlock], tasks: list[Task], read_method: str,
                  encoding: str | None, warnings: list[str], mtime: int | None = None,
                  text_quality: float | None = None, page_methods: list[str] | None = None,
                  review_reasons: list[str] = ()) -> int:
    """Replace this document's row, blocks and tasks in one transaction.

    ``text_quality`` (0–1) and ``page_methods`` (a PDF's reading path per page) say how the
    text was read; ``review_reasons`` (Vietnamese) flag the document itself for review.
    """
    record = {
        "path": path, "sha256": sha256, "size": size, "mtime": mtime, "text": text, "status": "ok",
        "error": None,
        "doc_number": meta.doc_number, "doc_type": meta.doc_type, "issuer": meta.issuer,
        "issued_date": meta.issued_date, "title": meta.title, "province": meta.province,
        "read_method": read_method, "encoding": encoding,
        "text_quality": None if text_quality is None else round(text_quality, 3),
        "page_methods": json.dumps(page_methods) if page_methods else None,
        "needs_review": int(bool(review_reasons)),
        "review_reason": "; ".join(review_reasons) or None,
        "warnings": json.dumps(warnings, ensure_ascii=False) if warnings else None,
        "task_count": len(tasks), "processed_at": now(), "removed_at": None,
    }
    # atomic(), not ``with db.conn``: sqlite-utils commits its own writes when no transaction
    # is open yet, which left the document row committed without its tasks on a kill -9
    with db.atomic():
        doc_id = _upsert_document(db, record)
        _delete_children(db, doc_id)
        db["document_blocks"].insert_all(
            {"document_id": doc_id, "seq": i, "start": b.start, "end": b.end, "source": b.source}
            for i, b in enumerate(blocks))
        for task in tasks:
            _insert_task(db, doc_id, task, blocks)
        corrections.apply(db, doc_id)  # the clerk's fixes win over the extractor, every run
    return doc_id


def _insert_task(db: sqlite_utils.Database, doc_id: int, task: Task, blocks: list[SourceBlock]) -> int:
    task_id = db["tasks"].insert({
        "document_id": doc_id, "seq": task.seq, "text": task.text, "start": task.start,
        "end": task.end, "section": task.section, "deadline": task.deadline,
        "deadline_text": task.deadline_text, "recurrence": task.recurrence, "pillar": task.pillar,
        "deliverable": task.deliverable, "confidence": round(task.confidence, 3), "needs_review": int(task.needs_review),
        "review_reason": "; ".join(task.review_reasons) or None,
        "source": source_of(task.start, blocks),
    }).last_pk
    db["task_agencies"].insert_all(
        {"task_id": task_id, "agency": a.agency, "role": a.role, "mention": a.mention,
         "resolved": a.resolved} for a in task.agencies)
    return task_id


def source_of(offset: int, blocks: list[SourceBlock]) -> str | None:
    for block in blocks:
        if block.start <= offset <= block.end:
            return block.source
    return None


def save_failure(db: sqlite_utils.Database, *, path: str, sha256: str | None, size: int | None,
                 error: str, mtime: int | None = None) -> int:
    """Record a failed read. Tasks already stored for this path are kept: nothing is lost."""
    record = {"path": path, "status": "failed", "error": error, "processed_at": now(),
              "removed_at": None}
    if sha256 is not None:
        record.update(sha256=sha256, size=size, mtime=mtime)
    with db.conn:
        return _upsert_document(db, record)


def record_mtimes(db: sqlite_utils.Database, mtimes: dict[str, int]) -> None:
    """Remember new modification times of files whose content proved unchanged."""
    if not mtimes:
        return
    with db.conn:
        db.conn.executemany("update documents set mtime = ? where path = ?",
                            [(mtime, path) for path, mtime in mtimes.items()])


def mark_removed(db: sqlite_utils.Database, paths: list[str]) -> None:
    if not paths:
        return
    with db.conn:
        for path in paths:
            db.execute("update documents set status = 'removed', removed_at = ? where path = ?",
                       [now(), path])
