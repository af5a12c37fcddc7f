"""Finding tasks: the filters behind ``pipeline query``, the exports and the review page.

Agency names match accent- and case-insensitively, as canonical names, aliases, abbreviations or
mentions as written: "so tai chinh", "STC" and "Sở Tài chính" find the same tasks. Rejected tasks
(``review_status = 'rejected'``) are never returned. A directive received as several files (formats,
versions) gives its tasks once: those of the file representing it (``directives.document_id``).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

import sqlite_utils

from .labels import ROLES, pillar_label, recurrence_label
from extractors.text import strip_accents

DOCUMENT_FIELDS = ("id", "path", "doc_number", "doc_type", "issuer", "issued_date", "title",
                   "directive_id")
TASK_FIELDS = ("id", "document_id", "seq", "text", "start", "end", "section", "deadline",
               "deadline_text", "recurrence", "pillar", "confidence", "needs_review",
               "review_reason", "review_status", "source")
# Flat columns for CSV, tables and spreadsheets: key → Vietnamese header.
COLUMNS = {
    "id": "Mã",
    "deadline": "Hạn hoàn thành",
    "lead": "Chủ trì",
    "support": "Phối hợp",
    "text": "Nhiệm vụ",
    "recurrence": "Định kỳ",
    "pillar": "Trụ cột",
    "document": "Văn bản",
    "needs_review": "Cần rà soát",
    "review_status": "Rà soát",
}


@dataclass
class Filters:
    agency: str | None = None
    role: str | None = None  # "lead" | "support": the role the agency must hold
    due_before: str | None = None  # ISO dates, inclusive
    due_after: str | None = None
    overdue: bool = False
    as_of: dt.date | None = None  # "today" for --overdue; None means the real today
    pillar: str | None = None
    document: str | None = None  # an id, or part of the path, of any file of the directive
    in_file: int | None = None  # this file's own tasks, whether or not it represents its directive
    needs_review: bool = False
    text: str | None = None  # full-text search on the task text


def register_functions(db: sqlite_utils.Database) -> None:
    db.conn.create_function("strip_accents", 1, lambda s: strip_accents(s) if s else s,
                            deterministic=True)


def agency_keys(name: str) -> list[str]:
    """Accent-free forms of an agency name as typed: itself, abbreviations expanded, canonical."""
    from extractors.names import canonical, expand_abbreviations

    forms = {name, expand_abbreviations(name), canonical(name)}
    return sorted({strip_accents(" ".join(f.split())) for f in forms if f.strip()})


def where_clauses(db: sqlite_utils.Database, filters: Filters) -> tuple[list[str], list]:
    where, params = ["coalesce(tasks.review_status, '') != 'rejected'"], []
    if filters.agency:
        register_functions(db)
        keys = agency_keys(filters.agency)
        matches = " or ".join("instr(strip_accents(ta.agency), ?) or "
                              "instr(strip_accents(ta.mention), ?)" for _ in keys)
        role = " and ta.role = ?" if filters.role else ""
        where.append(f"exists (select 1 from task_agencies ta where ta.task_id = tasks.id{role} "
                     f"and ({matches}))")
        params += ([filters.role] if filters.role else []) + [k for key in keys for k in (key, key)]
    elif filters.role:
        where.append("exists (select 1 from task_agencies ta where ta.task_id = tasks.id "
                     "and ta.role = ?)")
        params.append(filters.role)
    if filters.due_before:
        where.append("tasks.deadline <= ?")
        params.append(filters.due_before)
    if filters.due_after:
        where.append("tasks.deadline >= ?")
        params.append(filters.due_after)
    if filters.overdue:
        where.append("tasks.deadline < ?")
        params.append((filters.as_of or dt.date.today()).isoformat())
    if filters.pillar:
        where.append("tasks.pillar = ?")
        params.append(filters.pillar)
    if filters.document:  # any file of the directive names it
        if filters.document.isdigit():
            where.append("documents.directive_id in (select directive_id from documents "
                         "where id = ?)")
            params.append(int(filters.document))
        else:
            where.append("documents.directive_id in (select directive_id from documents "
                         "where path like ?)")
            params.append(f"%{filters.document}%")
    if filters.in_file is not None:
        where.append("tasks.document_id = ?")
        params.append(filters.in_file)
    if filters.needs_review:
        where.append("tasks.needs_review = 1")
    if filters.text:
        where.append("tasks.rowid in (select rowid from tasks_fts where tasks_fts match ?)")
        params.append(db.quote_fts(filters.text))
    return where, params


def find_tasks(db: sqlite_utils.Database, filters: Filters | None = None) -> list[dict]:
    """Tasks matching the filters, by deadline (undated last), with their document and agencies."""
    filters = filters or Filters()
    where, params = where_clauses(db, filters)
    columns = ", ".join(f"tasks.[{c}]" for c in TASK_FIELDS)
    doc_columns = ", ".join(f"documents.[{c}] as [document_{c}]" for c in DOCUMENT_FIELDS)
    represented = ("" if filters.in_file is not None else
                   "join directives on directives.document_id = documents.id ")
    sql = (f"select {columns}, {doc_columns} from tasks join documents on documents.id = "
           f"tasks.document_id {represented}where {' and '.join(where)} "
           "order by tasks.deadline is null, tasks.deadline, tasks.document_id, tasks.seq")
    tasks = []
    for row in db.query(sql, params):
        task = {c: row[c] for c in TASK_FIELDS}
        task["document"] = {c: row[f"document_{c}"] for c in DOCUMENT_FIELDS}
        tasks.append(task)
    _attach_agencies(db, tasks)
    _attach_files(db, tasks)
    return tasks


def _attach_files(db: sqlite_utils.Database, tasks: list[dict]) -> None:
    """Every readable file of each task's directive, its representative first, as
    ``task["document"]["files"]``."""
    files: dict[int, list[str]] = {}
    for directive_id in {t["document"]["directive_id"] for t in tasks}:
        files[directive_id] = [row[0] for row in db.execute(
            "select path from documents where directive_id = ? and status = 'ok' order by "
            "id != (select document_id from directives where id = ?), path",
            [directive_id, directive_id])]
    for task in tasks:
        task["document"]["files"] = files[task["document"]["directive_id"]]


def _attach_agencies(db: sqlite_utils.Database, tasks: list[dict]) -> None:
    by_id = {t["id"]: t for t in tasks}
    for task in tasks:
        task["agencies"] = []
    for chunk in (list(by_id)[i:i + 500] for i in range(0, len(by_id), 500)):
        marks = ", ".join("?" * len(chunk))
        for row in db.query(f"select task_id, agency, role, mention, resolved from task_agencies "
                            f"where task_id in ({marks}) order by rowid", chunk):
            by_id[row.pop("task_id")]["agencies"].append(row)
    for task in tasks:
        for role in ROLES:
            task[role] = [a["agency"] for a in task["agencies"] if a["role"] == role]


def is_overdue(task: dict, as_of: dt.date | None = None) -> bool:
    return bool(task["deadline"]) and task["deadline"] < (as_of or dt.date.today()).isoformat()


def document_label(document: dict) -> str:
    """How a clerk names a document: its number, else its file name."""
    return document["doc_number"] or document["path"].rsplit("/", 1)[-1]


def flat(task: dict) -> dict:
    """One task as the flat row of COLUMNS (agencies joined, codes kept)."""
    return {
        "id": task["id"], "deadline": task["deadline"], "lead": "; ".join(task["lead"]),
        "support": "; ".join(task["support"]), "text": task["text"],
        "recurrence": task["recurrence"], "pillar": task["pillar"],
        "document": document_label(task["document"]), "needs_review": task["needs_review"],
        "review_status": task["review_status"],
    }


def to_json(tasks: list[dict]) -> str:
    return json.dumps(tasks, ensure_ascii=False, indent=2)


def to_csv(tasks: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerows(flat(t) for t in tasks)
    return out.getvalue()


def to_table(tasks: list[dict], as_of: dt.date | None = None):
    """A rich Table for the terminal; overdue deadlines in red."""
    from rich.table import Table
    from rich.text import Text  # plain Text cells: document text is never read as markup

    table = Table(show_lines=True)
    for key in ("id", "deadline", "lead", "support", "pillar", "text", "document"):
        table.add_column(COLUMNS[key], overflow="fold", no_wrap=key in ("id", "deadline"),
                         max_width=60 if key == "text" else 28)
    for task in tasks:
        row = flat(task)
        deadline = Text(row["deadline"] or recurrence_label(row["recurrence"]),
                        style="red" if is_overdue(task, as_of) else "")
        table.add_row(Text(str(row["id"])), deadline, Text(row["lead"]), Text(row["support"]),
                      Text(pillar_label(row["pillar"])), Text(row["text"]),
                      Text(row["document"]))
    return table
