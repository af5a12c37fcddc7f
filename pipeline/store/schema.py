"""The database schema, derived from the records of ``extractors.model``.

A record's fields are its table's columns; the columns only the store has (identity, reading,
the clerk's verdict) are listed here. ``ensure_schema`` creates what is missing and adds missing
columns to an older database; it never drops anything. The code tables (``pillars``,
``recurrences``, ``roles``, ``review_statuses``: ``code, label``) mirror ``rules/labels.yml`` so
that SQL (Datasette's saved queries) can join a label to its code.
"""
from __future__ import annotations

import dataclasses
import sqlite3

import sqlite_utils

from extractors import rules
from extractors.model import AgencyRef, DocumentMeta, SourceBlock, Task
from extractors.text import strip_accents

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
    "directive_id": int,  # the directive this file is a copy or version of (store.directives)
    **record_columns(DocumentMeta, exclude=("year_hint",)),
    "text": str,
    "status": str,  # ok | failed | removed
    "error": str,  # why a failed document could not be read, for the clerk
    # 1: the file's own bytes failed (a password, damage, no text): not read again while unchanged
    "content_error": int,
    "read_method": str, "encoding": str,
    "text_quality": float,  # share of words read as well-formed Vietnamese syllables, 0–1
    "page_methods": str,  # JSON list, a PDF's or image's reading path per page: text, ocr, ...
    "needs_review": int,  # 1: the document itself needs a look (text read badly, no tasks)
    "review_reason": str,  # why, in Vietnamese, reasons joined by "; "
    "size": int,
    "mtime": int,  # st_mtime_ns when read: same size and mtime → unchanged, not hashed again
    "warnings": str,  # JSON list of strings
    "task_count": int, "processed_at": str, "removed_at": str,
    "text_key": str,  # SHA-1 of the folded words: the same text in another format
    "fingerprint": str,  # JSON list of sampled word 5-gram hashes: a version of the same text
    # JSON {field: value}: what the extractor read for each field a document correction
    # overrides, reset by each fresh extraction (store.document_corrections.apply)
    "extracted": str,
}

DIRECTIVE_COLUMNS: dict[str, type] = {
    "id": int,
    "key": str,  # what corrections are keyed by: "số|issuer|date", or "text:" + founding text_key
    **record_columns(DocumentMeta, exclude=("year_hint", "province")),
    "document_id": int,  # the file whose tasks represent the directive
}

TASK_COLUMNS: dict[str, type] = {
    "id": int, "document_id": int,
    **record_columns(Task, exclude=("agencies", "review_reasons")),
    "needs_review": int,
    "review_reason": str,  # the review reasons joined by "; "
    "source": str,  # provenance: the document block the task starts in
    "review_status": str,  # the clerk's verdict: accepted, corrected, rejected, added
    "search_text": str,  # the text without accents or đ ("dao tao"), for tasks_fts
    # JSON {field: value}: what the extractor read for each field a correction overrides (an
    # agency field as [{agency, mention, resolved}]), and "review": its needs_review and
    # review_reason; ``review undo`` puts them back (store.corrections.withdraw)
    "extracted": str,
}
# tasks_fts: "đào tạo" finds the text (FTS5 folds à but not đ), "dao tao" the search_text
FTS_COLUMNS = ["text", "search_text"]
FTS_TOKENIZER = "unicode61 remove_diacritics 2"

TASK_AGENCY_COLUMNS: dict[str, type] = {
    "task_id": int, **record_columns(AgencyRef),
    # today's name after the 2025 reorganisation (rules/successors.yml), "; " between the
    # successors of a split duty; filled by pipeline.clerk.successors.refresh
    "current_agency": str,
}

BLOCK_COLUMNS: dict[str, type] = {"document_id": int, "seq": int,
                                  **record_columns(SourceBlock, exclude=("text",))}

# A correction names its task by the directive, the task's text and, for a sentence the
# directive repeats (under two headings), which occurrence; sha256 is the file it was made on.
# extracted: what the extractor read for the field when the clerk corrected or accepted it (JSON,
# agencies as sorted names; NULL: not known, a correction older than the column): a new version
# of the text that reads otherwise flags the task (store.corrections.conflicts)
CORRECTION_COLUMNS: dict[str, type] = {"directive_key": str, "task_key": str, "occurrence": int,
                                       "field": str, "value": str, "text": str, "sha256": str,
                                       "updated_at": str, "extracted": str}
CORRECTION_KEY = ("directive_key", "task_key", "occurrence", "field")
LOG_COLUMNS: dict[str, type] = {"id": int, "at": str, "via": str, "sha256": str, "task_key": str,
                                "document_id": int, "task_id": int, "field": str,
                                "old_value": str, "new_value": str, "directive_key": str,
                                "by": str}
# The clerk's values for a document's own fields (doc_number, doc_type, issuer, issued_date,
# title), keyed by its directive like the task corrections: value is JSON (null: the field
# cleared), sha256 the file it was made on, updated_by the OS user (store.document_corrections)
DOCUMENT_CORRECTION_COLUMNS: dict[str, type] = {"directive_key": str, "field": str, "value": str,
                                                "sha256": str, "updated_at": str,
                                                "updated_by": str}
DOCUMENT_CORRECTION_KEY = ("directive_key", "field")
# The last id given out per table: a deleted task's id is never given to another, so an id from
# an old listing names its own task or nothing, never a different one.
SEQUENCE_COLUMNS: dict[str, type] = {"name": str, "last_id": int}

CODE_COLUMNS: dict[str, type] = {"code": str, "label": str}
CODE_TABLES = ("pillars", "recurrences", "roles", "review_statuses")  # sections of labels.yml
# The clerk's follow-up statuses, keyed like corrections by the directive, the task's text and
# occurrence, and the period ("" for a one-off task, else the period of a recurring one:
# "2022-09", "2022-Q3", ...); ``deadline`` is the extended one; sha256: the file it was set on.
STATUS_STATE: dict[str, type] = {"status": str, "done_on": str, "note": str, "deadline": str}
STATUS_COLUMNS: dict[str, type] = {"directive_key": str, "task_key": str, "occurrence": int,
                                   "period": str, **STATUS_STATE, "text": str, "sha256": str,
                                   "updated_at": str, "updated_by": str}
STATUS_KEY = ("directive_key", "task_key", "occurrence", "period")
# old_value/new_value: the state as JSON (null: no status), so an undo restores it exactly;
# undoes: the id of the change an undo reverted
STATUS_LOG_COLUMNS: dict[str, type] = {"id": int, "at": str, "by": str, "via": str, "sha256": str,
                                       "task_key": str, "period": str, "document_id": int,
                                       "task_id": int, "old_value": str, "new_value": str,
                                       "undoes": int, "directive_key": str, "occurrence": int}
# The clerk's own work, carried as a file by `corrections export|import` (store.backups): table →
# its key. A table the clerk writes is registered here to travel with it.
CLERK_TABLES: dict[str, tuple[str, ...]] = {"corrections": CORRECTION_KEY, "statuses": STATUS_KEY,
                                             "document_corrections": DOCUMENT_CORRECTION_KEY}
# The statuses as they apply to the current task rows, rebuilt in each document's transaction
TASK_STATUS_COLUMNS: dict[str, type] = {"task_id": int, "period": str, **STATUS_STATE}
SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "FLOAT"}

TABLES: dict[str, dict[str, type]] = {
    "documents": DOCUMENT_COLUMNS, "directives": DIRECTIVE_COLUMNS, "tasks": TASK_COLUMNS,
    "task_agencies": TASK_AGENCY_COLUMNS, "document_blocks": BLOCK_COLUMNS,
    "corrections": CORRECTION_COLUMNS, "corrections_log": LOG_COLUMNS,
    "document_corrections": DOCUMENT_CORRECTION_COLUMNS,
    "sequences": SEQUENCE_COLUMNS, "statuses": STATUS_COLUMNS, "statuses_log": STATUS_LOG_COLUMNS,
    "task_statuses": TASK_STATUS_COLUMNS, **dict.fromkeys(CODE_TABLES, CODE_COLUMNS),
}


def is_task_database(conn: sqlite3.Connection) -> bool | None:
    """True if the file has this program's documents and tasks tables, None if it has no table
    at all (a new file), False if it belongs to another program. sqlite3.DatabaseError if the
    file is not SQLite."""
    listed = conn.execute("select name from sqlite_master where type = 'table'")
    tables = {name for (name,) in listed}
    if not tables:
        return None
    if not {"documents", "tasks"} <= tables:
        return False
    columns = {row[1] for row in conn.execute("pragma table_info(documents)")}
    return {"path", "sha256", "status", "text"} <= columns


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create every table and index that is missing; add columns an older database lacks."""
    documents = db.table("documents")
    if not documents.exists():
        documents.create(DOCUMENT_COLUMNS, pk="id", not_null={"path"})
        documents.create_index(["path"], unique=True)
        documents.create_index(["sha256"])
    tasks = db.table("tasks")
    if not tasks.exists():
        tasks.create(TASK_COLUMNS, pk="id", foreign_keys=[("document_id", "documents", "id")])
        for columns in (["document_id", "seq"], ["deadline"], ["pillar"], ["needs_review"]):
            tasks.create_index(columns)
        tasks.enable_fts(FTS_COLUMNS, create_triggers=True, tokenize=FTS_TOKENIZER)
    agencies = db.table("task_agencies")
    if not agencies.exists():
        agencies.create(TASK_AGENCY_COLUMNS, foreign_keys=[("task_id", "tasks", "id")])
        agencies.create_index(["task_id"])
        agencies.create_index(["agency", "role"])
    blocks = db.table("document_blocks")
    if not blocks.exists():
        blocks.create(BLOCK_COLUMNS, pk=("document_id", "seq"),
                      foreign_keys=[("document_id", "documents", "id")])
    directives = db.table("directives")
    if not directives.exists():
        directives.create(DIRECTIVE_COLUMNS, pk="id", not_null={"key"})
        directives.create_index(["key"], unique=True)
        directives.create_index(["issued_date"])
    if not db.table("corrections").exists():
        db.table("corrections").create(CORRECTION_COLUMNS, pk=CORRECTION_KEY)
    if not db.table("corrections_log").exists():
        db.table("corrections_log").create(LOG_COLUMNS, pk="id")
        db.table("corrections_log").create_index(["sha256", "task_key"])
    if not db.table("document_corrections").exists():
        db.table("document_corrections").create(DOCUMENT_CORRECTION_COLUMNS,
                                                pk=DOCUMENT_CORRECTION_KEY)
    if not db.table("sequences").exists():
        db.table("sequences").create(SEQUENCE_COLUMNS, pk="name")
    if not db.table("statuses").exists():
        db.table("statuses").create(STATUS_COLUMNS, pk=STATUS_KEY)
    if not db.table("statuses_log").exists():
        db.table("statuses_log").create(STATUS_LOG_COLUMNS, pk="id")
        db.table("statuses_log").create_index(["directive_key", "task_key"])
    if not db.table("task_statuses").exists():
        _create_task_statuses(db)
    for name in CODE_TABLES:
        if not db.table(name).exists():
            db.table(name).create(CODE_COLUMNS, pk="code")
    for name, table_columns in TABLES.items():
        db.table(name).add_missing_columns([table_columns])
    for indexed in (["directive_id"], ["text_key"]):
        documents.create_index(indexed, if_not_exists=True)
    _key_by_directive(db, "corrections", CORRECTION_KEY, list(CORRECTION_COLUMNS))
    _key_by_directive(db, "statuses", STATUS_KEY, list(STATUS_COLUMNS))
    _index_search_text(db)
    write_code_tables(db)


def _index_search_text(db: sqlite_utils.Database) -> None:
    """A database from before search_text: fill it and index it beside the text."""
    if "search_text" in db.table("tasks_fts").columns_dict:
        return
    db.conn.create_function("strip_accents", 1, strip_accents, deterministic=True)
    with db.atomic():
        db.execute("update tasks set search_text = strip_accents(text)")
        db.table("tasks").enable_fts(FTS_COLUMNS, create_triggers=True, tokenize=FTS_TOKENIZER,
                                     replace=True)


def _key_by_directive(db: sqlite_utils.Database, name: str, key: tuple[str, ...],
                      columns: list[str]) -> None:
    """Corrections and statuses made before directives existed were keyed by their file's
    SHA-256: they become keyed by "sha256:" + that hash, a key the directive holding that file
    accepts (``corrections.directive_keys``); the statuses' log rows get the same key."""
    table = db.table(name)
    if tuple(table.pks) == key:
        return
    with db.atomic():
        db.execute(f"update [{name}] set directive_key = 'sha256:' || sha256, occurrence = 1")
        if name == "statuses":
            db.execute("update statuses_log set directive_key = 'sha256:' || sha256, "
                       "occurrence = 1 where directive_key is null")
        table.transform(pk=key, column_order=columns)


def new_ids(db: sqlite_utils.Database, table: str, count: int = 1) -> list[int]:
    """``count`` new ids for ``table`` that no row of it has ever had (``sequences``), recorded
    as given."""
    given = db.execute("select last_id from sequences where name = ?", [table]).fetchone()
    highest = db.execute(f"select coalesce(max(id), 0) from [{table}]").fetchone()[0]
    first = max(given[0] if given else 0, highest) + 1
    db.execute("insert into sequences (name, last_id) values (?, ?) on conflict (name) "
               "do update set last_id = excluded.last_id", [table, first + count - 1])
    return list(range(first, first + count))


def write_code_tables(db: sqlite_utils.Database) -> None:
    """Make each code table equal its section of ``rules/labels.yml``; written only on a change,
    so opening a database that is up to date writes nothing."""
    labels = rules.load()["labels"]
    for name in CODE_TABLES:
        wanted = [{"code": code, "label": label} for code, label in labels[name].items()]
        table = db.table(name)
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
