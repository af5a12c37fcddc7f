"""Safety copies of the clerk's work: the whole database, and the clerk's own tables as a file.

- ``backup``/``restore``: SQLite's online backup (``sqlite3.Connection.backup``), consistent even
  while another connection reads or writes; ``restore`` first backs up the database it replaces.
- ``export_clerk_tables``/``import_clerk_tables``: every table in ``schema.CLERK_TABLES`` (the
  clerk's corrections of tasks and of documents' own fields, and follow-up statuses; any table
  registered there later) as JSON, to carry the clerk's work to another database or to keep it
  apart from the extracted data:

  {"format": "vn-directive-tasks clerk tables", "version": 1, "exported_at": "...",
   "tables": {"corrections": {"key": [...], "rows": [{column: value, ...}, ...]}, ...}}

  Importing upserts each row by its table's key; of a row present on both sides, the later
  ``updated_at`` wins. Each row written is logged like a change made by hand (``LOGS``), by the
  OS user, via "import": a status imported is undone by ``pipeline status --undo`` like any.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import sqlite_utils

from . import now, writing
from .corrections import logged_value
from .schema import CLERK_TABLES, STATUS_STATE

FORMAT = "vn-directive-tasks clerk tables"
VERSION = 1


class BackupError(Exception):
    """A file that is not what it should be (not SQLite, not our database, not our JSON).
    ``reason`` names the fault ("not_sqlite", "no_tables", "unreadable", "not_export",
    "unknown_tables"), the key of its Vietnamese wording ``backup_<reason>`` in
    rules/messages.yml; ``details`` fill that wording in."""

    def __init__(self, reason: str, **details):
        super().__init__(reason, details)
        self.reason, self.details = reason, details


BACKUP_STAMP = "%Y%m%d-%H%M%S"
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")  # the files SQLite keeps beside a database


def default_backup(db_path: Path) -> Path:
    """``output/backups/tasks-20240131-142500.db`` beside ``output/tasks.db``."""
    stamp = dt.datetime.now().strftime(BACKUP_STAMP)
    return db_path.parent / "backups" / f"{db_path.stem}-{stamp}{db_path.suffix}"


def is_backup(path: Path, db_path: Path) -> bool:
    """Whether ``path`` is one of ``default_backup``'s copies of ``db_path`` (or a file SQLite
    keeps beside one). Both paths resolved."""
    name = path.name
    for companion in SQLITE_COMPANIONS:
        name = name.removesuffix(companion)
    prefix = f"{db_path.stem}-"
    if path.parent != db_path.parent / "backups" or not name.startswith(prefix) or \
            not name.endswith(db_path.suffix):
        return False
    try:
        dt.datetime.strptime(name[len(prefix):len(name) - len(db_path.suffix)], BACKUP_STAMP)
    except ValueError:
        return False
    return True


def backup(db_path: Path, target: Path) -> Path:
    """Copy the database at ``db_path`` to ``target`` (replaced if present); returns it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    with closing(sqlite3.connect(db_path)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


def check_database(path: Path) -> None:
    """Raise BackupError unless ``path`` is an SQLite database with our documents and tasks."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            tables = {row[0] for row in connection.execute(
                "select name from sqlite_master where type = 'table'")}
    except sqlite3.DatabaseError:
        raise BackupError("not_sqlite") from None
    if not {"documents", "tasks"} <= tables:
        raise BackupError("no_tables")


def restore(source: Path, db_path: Path) -> Path | None:
    """Replace the database at ``db_path`` by the backup ``source``, after backing up the
    database it replaces; returns that backup (None when there was no database)."""
    check_database(source)
    saved = backup(db_path, default_backup(db_path)) if db_path.exists() else None
    with closing(sqlite3.connect(source)) as copy, closing(sqlite3.connect(db_path)) as live:
        copy.backup(live)
    return saved


def export_clerk_tables(db: sqlite_utils.Database, path: Path) -> dict[str, int]:
    """Write every clerk table of ``db`` to ``path`` as JSON; returns {table: rows}."""
    tables: dict[str, dict[str, list]] = {
        name: {"key": list(key), "rows": list(db.table(name).rows)}
        for name, key in CLERK_TABLES.items() if db.table(name).exists()}
    document = {"format": FORMAT, "version": VERSION,
                "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "tables": tables}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return {name: len(table["rows"]) for name, table in tables.items()}


def import_clerk_tables(db: sqlite_utils.Database, path: Path,
                        by: str | None = None) -> dict[str, tuple[int, int, int]]:
    """Upsert the rows of an exported file into ``db``'s clerk tables, the later ``updated_at``
    winning, each row written logged as ``by`` (default: the OS user) did it via "import"; a
    row the database already holds as it is is neither written nor logged (importing a file
    twice changes nothing the second time). Returns {table: (rows written, rows older than the
    database's and skipped, rows already held)}.
    Raises BackupError for a file that is not such an export or names a table this database has
    no place for. The caller re-applies the corrections."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise BackupError("unreadable") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError("not_export")
    unknown = set(document["tables"]) - {n for n in CLERK_TABLES if db.table(n).exists()}
    if unknown:
        raise BackupError("unknown_tables", tables=", ".join(sorted(unknown)))
    counts = {}
    by = by or getpass.getuser()
    with writing(db):
        for name, table in document["tables"].items():
            pairs = [(_stored(db, name, row), row) for row in table["rows"]]
            fresh = [(old, row) for old, row in pairs if not _held(old, row)]
            newer = [(old, row) for old, row in fresh if _newer(old, row)]
            db.table(name).upsert_all([row for _, row in newer], pk=CLERK_TABLES[name])
            if name in LOGS:
                db.table(LOGS[name][0]).insert_all(
                    [{"at": now(), "by": by, "via": "import", **LOGS[name][1](old, row)}
                     for old, row in newer])
            counts[name] = (len(newer), len(fresh) - len(newer), len(pairs) - len(fresh))
    return counts


def _stored(db: sqlite_utils.Database, name: str, row: dict) -> dict | None:
    """The database's row of ``name`` with ``row``'s key, if any."""
    key = CLERK_TABLES[name]
    where = " and ".join(f"[{column}] is ?" for column in key)
    return next(db.query(f"select * from [{name}] where {where}",
                         [row.get(column) for column in key]), None)


def _held(stored: dict | None, row: dict) -> bool:
    """Whether the database's row already has every value of the imported ``row``."""
    return stored is not None and all(stored.get(column) == value for column, value in row.items())


def _newer(stored: dict | None, row: dict) -> bool:
    """Whether ``row`` is not older than the ``stored`` row of the same key (a row without
    ``updated_at`` wins)."""
    return not stored or not stored.get("updated_at") or \
        (row.get("updated_at") or "") >= stored["updated_at"]


def _correction_change(old: dict | None, new: dict) -> dict:
    """A ``corrections_log`` row for an imported correction of a task or of a document's own
    field (no task id: the correction names its task by directive and text, and finds it when
    it is applied; no task key either for a document's field)."""
    def shown(row):
        return logged_value(json.loads(row["value"])) if row and row["value"] else None

    return {"sha256": new.get("sha256"), "task_key": new.get("task_key"),
            "directive_key": new["directive_key"], "field": new["field"],
            "old_value": shown(old), "new_value": shown(new)}


def _status_change(old: dict | None, new: dict) -> dict:
    """A ``statuses_log`` row for an imported status, the states as JSON like those the clerk's
    own changes log (``clerk.status``), so an undo restores the state before the import."""
    def state(row):
        return json.dumps({k: row.get(k) for k in STATUS_STATE}, ensure_ascii=False) \
            if row else None

    return {"sha256": new.get("sha256"), "task_key": new["task_key"],
            "directive_key": new["directive_key"], "occurrence": new.get("occurrence"),
            "period": new["period"], "old_value": state(old), "new_value": state(new)}


# a clerk table → its audit trail and how an imported row is logged there
LOGS = {"corrections": ("corrections_log", _correction_change),
        "document_corrections": ("corrections_log", _correction_change),
        "statuses": ("statuses_log", _status_change)}
