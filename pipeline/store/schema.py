"""The database schema, derived from the records of ``extractors.model``.

A record's fields are its table's columns; the columns only the store has (identity, reading,
the clerk's verdict) are listed here. ``ensure_schema`` creates what is missing and adds missing
columns to an older database; it never drops anything.
"""
from __future__ import annotations

import dataclasses
import sqlite3

import sqlite_utils

from extractors.model import AgencyRef, DocumentMeta, SourceBlock, Task

PYTHON_TYPES = {"str": str, "int": int, "float": float}


def record_columns(record: type, exclude: tuple[str, ...] = ()) -> dict[str, type]:
    """``{field: python type}`` of a dataclass, optional types unwrapped, ``exclude`` left out."""
    columns = {}
    for item in dataclasses.fields(record):
        if item.name in exclude:
            continue
        names = str(item.type).replace(" ", "").split("|")
        columns[item.name] = PYTHON_TYPES[next(n for n in names if n != "None")]
    return columns


DOCUMENT_COLUMNS: dict[str, type] = {
    "id": int, "path": str, "sha256": str,
    **record_columns(DocumentMeta, exclude=("year_hint",)),
    "text": str,
    "status": str,  # ok | failed | removed
    "error": str,  # why a failed document could not be read, for the clerk
    "read_method": str, "encoding": str,
    "size": int,
    "mtime": int,  # st_mtime_ns when read: same size and mtime → unchanged, not hashed again
    "warnings": str,  # JSON list of strings
    "task_count": int, "processed_at": str, "removed_at": str,
}

TASK_COLUMNS: dict[str, type] = {
    "id": int, "document_id": int,
    **record_columns(Task, exclude=("agencies", "review_reasons")),
    "needs_review": int,
    "review_reason": str,  # the review reasons joined by "; "
    "source": str,  # provenance: the document block the task starts in
    "review_status": str,  # the clerk's verdict: accepted, corrected, rejected, added
}

TASK_AGENCY_COLUMNS: dict[str, type] = {"task_id": int, **record_columns(AgencyRef)}

BLOCK_COLUMNS: dict[str, type] = {"document_id": int, "seq": int,
                                  **record_columns(SourceBlock, exclude=("text",))}

CORRECTION_COLUMNS: dict[str, type] = {"sha256": str, "task_key": str, "field": str,
                                       "value": str, "text": str, "updated_at": str}
LOG_COLUMNS: dict[str, type] = {"id": int, "at": str, "via": str, "sha256": str, "task_key": str,
                                "document_id": int, "task_id": int, "field": str,
                                "old_value": str, "new_value": str}

TABLES: dict[str, dict[str, type]] = {
    "documents": DOCUMENT_COLUMNS, "tasks": TASK_COLUMNS, "task_agencies": TASK_AGENCY_COLUMNS,
    "document_blocks": BLOCK_COLUMNS, "corrections": CORRECTION_COLUMNS,
    "corrections_log": LOG_COLUMNS,
}


def is_task_database(conn: sqlite3.Connection) -> bool | None:
    """True if the file has this program's documents and tasks tables, None if it has no table
    at all (a new file), False if it belongs to another program. sqlite3.DatabaseError if the
    file is not SQLite."""
    tables = {name for (name,) in conn.execute("select name from sqlite_master where type = 'table'")}
    if not tables:
        return None
    if not {"documents", "tasks"} <= tables:
        return False
    columns = {row[1] for row in conn.execute("pragma table_info(documents)")}
    return {"path", "sha256", "status", "text"} <= columns


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create every table and index that is missing; add columns an older database lacks."""
    documents = db["documents"]
    if not documents.exists():
        documents.create(DOCUMENT_COLUMNS, pk="id", not_null={"path"})
        documents.create_index(["path"], unique=True)
        documents.create_index(["sha256"])
    tasks = db["tasks"]
    if not tasks.exists():
        tasks.create(TASK_COLUMNS, pk="id", foreign_keys=[("document_id", "documents", "id")])
        for columns in (["document_id", "seq"], ["deadline"], ["pillar"], ["needs_review"]):
            tasks.create_index(columns)
        tasks.enable_fts(["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    agencies = db["task_agencies"]
    if not agencies.exists():
        agencies.create(TASK_AGENCY_COLUMNS, foreign_keys=[("task_id", "tasks", "id")])
        agencies.create_index(["task_id"])
        agencies.create_index(["agency", "role"])
    blocks = db["document_blocks"]
    if not blocks.exists():
        blocks.create(BLOCK_COLUMNS, pk=("document_id", "seq"),
                      foreign_keys=[("document_id", "documents", "id")])
    if not db["corrections"].exists():
        db["corrections"].create(CORRECTION_COLUMNS, pk=("sha256", "task_key", "field"))
    if not db["corrections_log"].exists():
        db["corrections_log"].create(LOG_COLUMNS, pk="id")
        db["corrections_log"].create_index(["sha256", "task_key"])
    for name, columns in TABLES.items():
        db[name].add_missing_columns([columns])
