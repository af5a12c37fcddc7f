"""STORE: the SQLite database: one transaction per document, full-text search on tasks.

The schema is ``schema.py`` (derived from ``extractors.model``); files of one directive are
grouped by ``directives.py``; the clerk's corrections are re-applied inside each document's
transaction, of its tasks by ``corrections.py``, of its own fields (number, type, issuer, date,
title) by ``document_corrections.py``. A re-extracted task whose text is unchanged keeps its row
and id.
Every write goes through ``writing``; the clerk's read-only commands open the file with
``open_readonly``.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import sqlite_utils

from extractors.model import DocumentMeta, SourceBlock, Task
from extractors.rules import message
from extractors.text import strip_accents

from . import corrections, directives, document_corrections
from .schema import ensure_schema, is_task_database, new_ids

BUSY_SECONDS = 10  # a writer waits this long for another's transaction (one document, one fix)


class StoreError(Exception):
    """A database file the clerk must do something about; the message says what, in Vietnamese."""


class MissingDatabase(StoreError):
    """No database at the path given: nothing has been run into it yet, or it was removed."""

    def __init__(self, path: Path):
        super().__init__(message("no_database", db=path))


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def open_db(path: str | Path, create: bool = True) -> sqlite_utils.Database:
    """Open the task database at ``path`` for writing, in WAL mode, schema ensured.

    ``create=False`` (the clerk's corrections) refuses a missing file (MissingDatabase). Raises
    StoreError for a file that is not SQLite or holds another program's tables: nothing is added
    to those.
    """
    path = Path(path)
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    elif not path.exists():
        raise MissingDatabase(path)
    db = _connect(path, sqlite3.connect(path, timeout=BUSY_SECONDS))
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    with writing(db):  # two first runs at once: one creates, the other waits and finds it
        ensure_schema(db)
        directives.assign_missing(db)
    return db


def open_readonly(path: str | Path) -> sqlite_utils.Database:
    """Open an existing task database read-only (SQLite ``mode=ro``): the query, listing,
    export and web views never create, migrate or change a file. Raises MissingDatabase, or
    StoreError for a file that is not ours."""
    path = Path(path)
    if not path.is_file():
        raise MissingDatabase(path)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return _connect(path, sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS), empty_ok=False)


def _connect(path: Path, conn: sqlite3.Connection, empty_ok: bool = True) -> sqlite_utils.Database:
    """The connection as a sqlite-utils Database, once the file is known to be ours."""
    try:
        ours = is_task_database(conn)
    except sqlite3.DatabaseError:  # not SQLite at all
        conn.close()
        raise StoreError(message("not_sqlite", path=path)) from None
    if not ours and not (empty_ok and ours is None):
        conn.close()
        raise StoreError(message("not_our_database", path=path))
    return sqlite_utils.Database(conn)


@contextmanager
def writing(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction, its write lock taken first (``BEGIN IMMEDIATE``).

    A transaction that read before writing would fail at once ("database is locked") if another
    writer committed in between; one that starts with the lock waits up to BUSY_SECONDS for the
    other writer instead. Nested, it is a savepoint of the outer transaction.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    try:
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


# SQLite's message → the message (rules/messages.yml) the clerk is told; the first fragment
# found in the error wins.
EXPLANATIONS = (("locked", "db_locked"), ("disk is full", "db_disk_full"),
                ("readonly", "db_readonly"), ("not a database", "not_sqlite"),
                ("unable to open", "db_unopenable"), ("no such", "db_outdated"),
                ("i/o error", "db_io_error"))


def explain(error: sqlite3.Error, path: str | Path) -> str:
    """One clear Vietnamese sentence for a SQLite error met on the database at ``path``."""
    said = str(error).lower()
    for fragment, key in EXPLANATIONS:
        if fragment in said:
            return message(key, path=path)
    return message("db_error", path=path, error=error)


def known_documents(db: sqlite_utils.Database) -> dict[str, dict]:
    """Path → {id, sha256, status, content_error, size, mtime} for every document row, for the
    incremental scan."""
    return {row["path"]: row for row in db.query(
        "select id, path, sha256, status, content_error, size, mtime from documents")}


def _document_id(db: sqlite_utils.Database, path: str) -> int | None:
    row = db.execute("select id from documents where path = ?", [path]).fetchone()
    return row[0] if row else None


def _upsert_document(db: sqlite_utils.Database, record: dict) -> int:
    doc_id = _document_id(db, record["path"])
    if doc_id is None:
        return cast(int, db.table("documents").insert(record).last_pk)
    db.table("documents").update(doc_id, record)
    return doc_id


def save_document(db: sqlite_utils.Database, *, path: str, sha256: str, size: int, text: str,
                  meta: DocumentMeta, blocks: list[SourceBlock], tasks: list[Task],
                  read_method: str,
                  encoding: str | None, warnings: list[str], mtime: int | None = None,
                  text_quality: float | None = None, page_methods: list[str] | None = None,
                  review_reasons: Sequence[str] = ()) -> int:
    """Replace this document's row, blocks and tasks in one transaction, grouping it with the
    other files of its directive. Returns the document's id.

    ``text_quality`` (0–1) and ``page_methods`` (a PDF's or an image's reading path per page)
    say how the text was read; ``review_reasons`` (Vietnamese) flag the document itself for review.
    """
    record = {
        "path": path, "sha256": sha256, "size": size, "mtime": mtime, "text": text, "status": "ok",
        "error": None, "content_error": None,
        "doc_number": meta.doc_number, "doc_type": meta.doc_type, "issuer": meta.issuer,
        "issued_date": meta.issued_date, "title": meta.title, "province": meta.province,
        "read_method": read_method, "encoding": encoding,
        "text_quality": None if text_quality is None else round(text_quality, 3),
        "page_methods": json.dumps(page_methods) if page_methods else None,
        "needs_review": int(bool(review_reasons)),
        "review_reason": "; ".join(review_reasons) or None, "extracted": None,
        "warnings": json.dumps(warnings, ensure_ascii=False) if warnings else None,
        "task_count": len(tasks), "processed_at": now(), "removed_at": None,
        **directives.signature(text),
    }
    # one transaction, not ``with db.conn``: sqlite-utils commits its own writes when no
    # transaction is open yet, which left the document row committed without its tasks on a kill -9
    with writing(db):
        previous = db.execute("select directive_id from documents where path = ?",
                              [path]).fetchone()
        record["directive_id"] = (directives.find_directive(db, record)
                                  or directives.found_directive(db, record))
        doc_id = _upsert_document(db, record)
        db.execute("delete from document_blocks where document_id = ?", [doc_id])
        insert_rows(db, "document_blocks", [
            {"document_id": doc_id, "seq": i, "start": b.start, "end": b.end, "source": b.source}
            for i, b in enumerate(blocks)])
        _save_tasks(db, doc_id, text, tasks, blocks)
        document_corrections.apply(db, doc_id)  # before refresh: the directive merges them
        directives.refresh(db, [record["directive_id"], previous[0] if previous else None])
        corrections.apply(db, doc_id)  # the clerk's fixes win over the extractor, every run
    return doc_id


def _save_tasks(db: sqlite_utils.Database, doc_id: int, text: str, tasks: list[Task],
                blocks: list[SourceBlock]) -> None:
    """Write the rows of tasks found again (same text, same occurrence, or reworded by a word or
    two: ``_reworded_ids``) under their old ids, the new ones under new ids, and delete the rest:
    a task keeps its id across re-runs and new versions of its file. A task the clerk added is
    left for ``corrections.apply`` to find again when its text is still where it was."""
    rows = list(db.query("select id, text, start, [end], review_status, extracted from tasks "
                         "where document_id = ? order by seq, id", [doc_id]))
    stored = dict(zip(corrections.occurrence_keys([corrections.key_text(r) for r in rows]), rows,
                      strict=True))
    keys = corrections.occurrence_keys([t.text for t in tasks])
    kept = [stored.pop(key)["id"] if key in stored else None for key in keys]
    _reworded_ids(kept, keys, stored)
    fresh = iter(new_ids(db, "tasks", kept.count(None)))
    ids = [task_id or next(fresh) for task_id in kept]
    gone = [row["id"] for row in stored.values()
            if row["review_status"] != "added" or text[row["start"]:row["end"]] != row["text"]]
    db.execute("delete from task_agencies where task_id in (select id from tasks where "
               "document_id = ?)", [doc_id])
    for chunk in (gone[i:i + 500] for i in range(0, len(gone), 500)):
        db.execute(f"delete from tasks where id in ({', '.join('?' * len(chunk))})", chunk)
    insert_rows(db, "tasks", [{
        "id": task_id, "document_id": doc_id, "seq": task.seq, "text": task.text,
        "start": task.start, "end": task.end, "section": task.section,
        "deadline": task.deadline, "deadline_text": task.deadline_text,
        "recurrence": task.recurrence, "pillar": task.pillar, "deliverable": task.deliverable,
        "confidence": round(task.confidence, 3), "needs_review": int(task.needs_review),
        "review_reason": "; ".join(task.review_reasons) or None,
        "source": source_of(task.start, blocks), "review_status": None,
        "search_text": strip_accents(task.text),
    } for task_id, task in zip(ids, tasks, strict=True)], replace=True)
    insert_rows(db, "task_agencies", [
        {"task_id": task_id, "agency": a.agency, "role": a.role, "mention": a.mention,
         "resolved": a.resolved}
        for task_id, task in zip(ids, tasks, strict=True) for a in task.agencies])


def _reworded_ids(kept: list[int | None], keys: list[tuple[str, int]],
                  stored: dict[tuple[str, int], dict]) -> None:
    """Give each task ``kept`` has no id for the id of the stored task it rewords
    (``corrections.nearly_same``, as its corrections and statuses follow it), the best kept
    share first, and take those rows out of ``stored``: a new version of the file that changed
    a date or a word leaves the clerk's listed ids valid (new-clerk trial). A task the clerk
    added keeps its own row."""
    pairs = sorted(((corrections.kept_share(key[0], old[0]), k, old)
                    for k, key in enumerate(keys) if kept[k] is None
                    for old, row in stored.items() if row["review_status"] != "added"
                    and _may_be_reworded(key[0], old[0])), key=lambda pair: -pair[0])
    for share, k, old in pairs:
        if share < corrections.NEARLY_SAME:
            break
        if kept[k] is None and old in stored:
            kept[k] = stored.pop(old)["id"]


def _may_be_reworded(key: str, other: str) -> bool:
    """Whether the word counts allow ``corrections.nearly_same`` (the shorter holds at least
    ``NEARLY_SAME`` of the longer's words): a cheap bound before comparing the words."""
    shorter, longer = sorted((len(key.split()), len(other.split())))
    return shorter >= corrections.NEARLY_SAME * longer


def insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict],
                replace: bool = False) -> None:
    """Insert rows of plain values (str, int, float, None), all with the same keys, in one
    statement: sqlite-utils' ``insert_all`` inspects and converts every value first, which cost
    as much as SQLite's own work for a document's tasks, blocks and agencies."""
    if not rows:
        return
    columns = ", ".join(f"[{column}]" for column in rows[0])
    verb = "insert or replace" if replace else "insert"
    db.conn.executemany(f"{verb} into [{table}] ({columns}) values "
                        f"({', '.join('?' * len(rows[0]))})", [tuple(r.values()) for r in rows])


def source_of(offset: int, blocks: list[SourceBlock]) -> str | None:
    for block in blocks:
        if block.start <= offset <= block.end:
            return block.source
    return None


def save_failure(db: sqlite_utils.Database, *, path: str, sha256: str | None, size: int | None,
                 error: str, mtime: int | None = None, content_error: bool = False) -> int:
    """Record a failed read; ``content_error``: the file's own bytes failed (they are not read
    again while unchanged). Tasks already stored for this path are kept: nothing is lost."""
    record: dict[str, object] = {"path": path, "status": "failed", "error": error,
                                 "content_error": int(content_error), "processed_at": now(),
                                 "removed_at": None}
    if sha256 is not None:
        record.update(sha256=sha256, size=size, mtime=mtime)
    with writing(db):
        return _upsert_document(db, record)


def record_mtimes(db: sqlite_utils.Database, mtimes: dict[str, int]) -> None:
    """Remember new modification times of files whose content proved unchanged."""
    if not mtimes:
        return
    with writing(db):
        db.conn.executemany("update documents set mtime = ? where path = ?",
                            [(mtime, path) for path, mtime in mtimes.items()])


def move_documents(db: sqlite_utils.Database, moves: list[tuple[str, str, int | None]]) -> None:
    """Give documents the new paths of their files, renamed or moved with the same bytes:
    ``moves`` holds (old path, new path, the new file's st_mtime_ns). The rows keep their ids,
    tasks, corrections and statuses."""
    if not moves:
        return
    with writing(db):
        db.conn.executemany("update documents set path = ?, mtime = ? where path = ?",
                            [(new, mtime, old) for old, new, mtime in moves])


def mark_removed(db: sqlite_utils.Database, paths: list[str]) -> None:
    """Mark files gone from the inbox as removed (the row stays) and drop the tasks and blocks of
    every removed document: no view shows them. Their directives are represented by another file,
    or by none; the corrections, keyed by directive, stay for a file that comes back."""
    if not paths:
        return
    with writing(db):
        db.conn.executemany("update documents set status = 'removed', removed_at = ? "
                            "where path = ?", [(now(), path) for path in paths])
        directives.refresh(db, [db.execute("select directive_id from documents where path = ?",
                                           [path]).fetchone()[0] for path in paths])
        removed = "select id from documents where status = 'removed'"
        db.execute(f"delete from task_agencies where task_id in "
                   f"(select id from tasks where document_id in ({removed}))")
        db.execute(f"delete from tasks where document_id in ({removed})")
        db.execute(f"delete from document_blocks where document_id in ({removed})")
        db.execute("update documents set task_count = 0 where status = 'removed'")


def reapply_corrections(db: sqlite_utils.Database) -> list[dict]:
    """Apply the corrections, of tasks and of documents' own fields, to every readable document
    (after importing them), its directive's metadata merged again; returns those that found no
    task (``unplaced_corrections``)."""
    rows = db.execute("select id, directive_id from documents where status = 'ok'").fetchall()
    with writing(db):
        for document_id, _ in rows:
            document_corrections.apply(db, document_id)
            corrections.apply(db, document_id)
        directives.refresh(db, [directive_id for _, directive_id in rows])
    return unplaced_corrections(db, [document_id for document_id, _ in rows])


def unplaced_corrections(db: sqlite_utils.Database, document_ids: list[int]) -> list[dict]:
    """The corrections of these documents' directives that no longer find their task in the file
    representing the directive (``corrections.unplaced``), each with that file's ``path``."""
    directive_ids = {row[0] for i in document_ids for row in db.execute(
        "select directive_id from documents where id = ? and directive_id is not null", [i])}
    found = []
    for directive_id in sorted(directive_ids):
        for item in corrections.unplaced(db, directive_id):
            item["path"] = db.table("documents").get(item["document_id"])["path"]
            found.append(item)
    return found
