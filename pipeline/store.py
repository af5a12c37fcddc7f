"""The SQLite store: public schema, one transaction per document, full-text search on tasks."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlite_utils

from . import corrections
from .model import Block, DocumentMeta, Task

DOCUMENT_COLUMNS = {
    "id": int,
    "path": str,
    "sha256": str,
    "doc_number": str,
    "doc_type": str,
    "issuer": str,
    "issued_date": str,
    "title": str,
    "text": str,
    "status": str,
    "error": str,
    "read_method": str,
    "encoding": str,
    "province": str,
    "size": int,
    "mtime": int,  # st_mtime_ns when read: same size and mtime → unchanged, not hashed again
    "warnings": str,
    "task_count": int,
    "processed_at": str,
    "removed_at": str,
}

TASK_COLUMNS = {
    "id": int,
    "document_id": int,
    "seq": int,
    "text": str,
    "start": int,
    "end": int,
    "section": str,
    "deadline": str,
    "deadline_text": str,
    "recurrence": str,
    "pillar": str,
    "confidence": float,
    "needs_review": int,
    "review_reason": str,
    "source": str,
    "review_status": str,  # the clerk's verdict: accepted, corrected, rejected, added
}

TASK_AGENCY_COLUMNS = {"task_id": int, "agency": str, "role": str, "mention": str, "resolved": str}

BLOCK_COLUMNS = {"document_id": int, "seq": int, "start": int, "end": int, "source": str}


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def open_db(path: str | Path) -> sqlite_utils.Database:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=10000")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    documents = db["documents"]
    if not documents.exists():
        documents.create(DOCUMENT_COLUMNS, pk="id", not_null={"path"})
        documents.create_index(["path"], unique=True)
        documents.create_index(["sha256"])
    else:
        documents.add_missing_columns([DOCUMENT_COLUMNS])
    tasks = db["tasks"]
    if not tasks.exists():
        tasks.create(TASK_COLUMNS, pk="id", foreign_keys=[("document_id", "documents", "id")])
        for columns in (["document_id", "seq"], ["deadline"], ["pillar"], ["needs_review"]):
            tasks.create_index(columns)
        tasks.enable_fts(["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    else:
        tasks.add_missing_columns([TASK_COLUMNS])
    agencies = db["task_agencies"]
    if not agencies.exists():
        agencies.create(TASK_AGENCY_COLUMNS, foreign_keys=[("task_id", "tasks", "id")])
        agencies.create_index(["task_id"])
        agencies.create_index(["agency", "role"])
    blocks = db["document_blocks"]
    if not blocks.exists():
        blocks.create(BLOCK_COLUMNS, pk=("document_id", "seq"),
                      foreign_keys=[("document_id", "documents", "id")])
    corrections.ensure_schema(db)


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
                  meta: DocumentMeta, blocks: list[Block], tasks: list[Task], read_method: str,
                  encoding: str | None, warnings: list[str], mtime: int | None = None) -> int:
    """Replace this document's row, blocks and tasks in one transaction."""
    record = {
        "path": path, "sha256": sha256, "size": size, "mtime": mtime, "text": text, "status": "ok",
        "error": None,
        "doc_number": meta.doc_number, "doc_type": meta.doc_type, "issuer": meta.issuer,
        "issued_date": meta.issued_date, "title": meta.title, "province": meta.province,
        "read_method": read_method, "encoding": encoding,
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


def _insert_task(db: sqlite_utils.Database, doc_id: int, task: Task, blocks: list[Block]) -> int:
    task_id = db["tasks"].insert({
        "document_id": doc_id, "seq": task.seq, "text": task.text, "start": task.start,
        "end": task.end, "section": task.section, "deadline": task.deadline,
        "deadline_text": task.deadline_text, "recurrence": task.recurrence, "pillar": task.pillar,
        "confidence": round(task.confidence, 3), "needs_review": int(task.needs_review),
        "review_reason": "; ".join(task.review_reasons) or None,
        "source": source_of(task.start, blocks),
    }).last_pk
    db["task_agencies"].insert_all(
        {"task_id": task_id, "agency": a.agency, "role": a.role, "mention": a.mention,
         "resolved": a.resolved} for a in task.agencies)
    return task_id


def source_of(offset: int, blocks: list[Block]) -> str | None:
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
