"""The database schema, derived from the records of ``extractors.model``.

A record's fields are its table's columns; the columns only the store has (identity, reading,
the clerk's verdict) are listed here. ``ensure_schema`` creates what is missing and adds missing
columns to an older database; it never drops anything. The code tables (``pillars``,
``recurrences``, ``roles``, ``review_statuses``: ``code, label``) mirror ``rules/labels.yml`` so
that SQL (Datasette's saved queries) can join a label to its code.
"""
from __future__ import annotations

import dataclasses

import sqlite_utils

from extractors import rules
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
    "text_quality": float,  # share of words read as well-formed Vietnamese syllables, 0–1
    "page_methods": str,  # JSON list, a PDF's reading path per page: text, dedupe, ocr, ...
    "needs_review": int,  # 1: the document itself needs a look (text read badly, no tasks)
    "review_reason": str,  # why, in Vietnamese, reasons joined by "; "
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

TASK_AGENCY_COLUMNS: dict[str, type] = {
    "task_id": int, **record_columns(AgencyRef),
    # today's name after the 2025 reorganisation (rules/successors.yml), "; " between the
    # successors of a split duty; filled by pipeline.clerk.successors.refresh
    "current_agency": str,
}

BLOCK_COLUMNS: dict[str, type] = {"document_id": int, "seq": int,
                                  **record_columns(SourceBlock, exclude=("text",))}

CORRECTION_COLUMNS: dict[str, type] = {"sha256": str, "task_key": str, "field": str,
                                       "value": str, "text": str, "updated_at": str}
LOG_COLUMNS: dict[str, type] = {"id": int, "at": str, "via": str, "sha256": str, "task_key": str,
                                "document_id": int, "task_id": int, "field": str,
                                "old_value": str, "new_value": str}

CODE_COLUMNS: dict[str, type] = {"code": str, "label": str}
CODE_TABLES = ("pillars", "recurrences", "roles", "review_statuses")  # sections of labels.yml
# The clerk's follow-up statuses, keyed like corrections (period "" for a one-off task, else the
# period of a recurring one: "2022-09", "2022-Q3", ...); ``deadline`` is the extended one.
STATUS_STATE: dict[str, type] = {"status": str, "done_on": str, "note": str, "deadline": str}
STATUS_COLUMNS: dict[str, type] = {"sha256": str, "task_key": str, "period": str, **STATUS_STATE,
                                   "text": str, "updated_at": str, "updated_by": str}
# old_value/new_value: the state as JSON (null: no status), so an undo restores it exactly;
# undoes: the id of the change an undo reverted
STATUS_LOG_COLUMNS: dict[str, type] = {"id": int, "at": str, "by": str, "via": str, "sha256": str,
                                       "task_key": str, "period": str, "document_id": int,
                                       "task_id": int, "old_value": str, "new_value": str,
                                       "undoes": int}
# The statuses as they apply to the current task rows, rebuilt in each document's transaction
TASK_STATUS_COLUMNS: dict[str, type] = {"task_id": int, "period": str, **STATUS_STATE}
SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "FLOAT"}

TABLES: dict[str, dict[str, type]] = {
    "documents": DOCUMENT_COLUMNS, "tasks": TASK_COLUMNS, "task_agencies": TASK_AGENCY_COLUMNS,
    "document_blocks": BLOCK_COLUMNS, "corrections": CORRECTION_COLUMNS,
    "corrections_log": LOG_COLUMNS, "statuses": STATUS_COLUMNS, "statuses_log": STATUS_LOG_COLUMNS,
    "task_statuses": TASK_STATUS_COLUMNS, **dict.fromkeys(CODE_TABLES, CODE_COLUMNS),
}


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
    if not db["statuses"].exists():
        db["statuses"].create(STATUS_COLUMNS, pk=("sha256", "task_key", "period"))
    if not db["statuses_log"].exists():
        db["statuses_log"].create(STATUS_LOG_COLUMNS, pk="id")
        db["statuses_log"].create_index(["sha256", "task_key"])
    if not db["task_statuses"].exists():
        _create_task_statuses(db)
    for name in CODE_TABLES:
        if not db[name].exists():
            db[name].create(CODE_COLUMNS, pk="code")
    for name, columns in TABLES.items():
        db[name].add_missing_columns([columns])
    write_code_tables(db)


def write_code_tables(db: sqlite_utils.Database) -> None:
    """Make each code table equal its section of ``rules/labels.yml``; written only on a change,
    so opening a database that is up to date writes nothing."""
    labels = rules.load()["labels"]
    for name in CODE_TABLES:
        wanted = [{"code": code, "label": label} for code, label in labels[name].items()]
        table = db[name]
        if list(table.rows_where(order_by="rowid")) == wanted:
            continue
        with db.atomic():
            table.delete_where()
            table.insert_all(wanted)


def _create_task_statuses(db: sqlite_utils.Database) -> None:
    # ON DELETE CASCADE (sqlite-utils cannot declare it): re-extracting a document deletes its
    # task rows, and their applied statuses go with them
    columns = ", ".join(f"[{name}] {SQL_TYPES[kind]}" for name, kind in TASK_STATUS_COLUMNS.items()
                        if name != "task_id")
    db.execute(f"create table task_statuses ([task_id] INTEGER NOT NULL REFERENCES tasks(id) "
               f"ON DELETE CASCADE, {columns}, PRIMARY KEY (task_id, period))")
