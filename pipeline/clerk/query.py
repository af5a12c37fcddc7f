"""Finding tasks: the filters behind ``pipeline query``, the exports and the review page.

Agency names match accent- and case-insensitively, as canonical names, aliases, abbreviations or
mentions as written: "so tai chinh", "STC" and "Sở Tài chính" find the same tasks. Rejected tasks
(``review_status = 'rejected'``) and tasks of removed documents are never returned.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from itertools import islice
from typing import Iterator

import regex
import sqlite_utils

from .labels import ROLES, pillar_label, recurrence_label
from extractors.text import strip_accents

DOCUMENT_FIELDS = ("id", "path", "doc_number", "doc_type", "issuer", "issued_date", "title")
TASK_FIELDS = ("id", "document_id", "seq", "text", "start", "end", "section", "deadline",
               "deadline_text", "recurrence", "pillar", "confidence", "needs_review",
               "review_reason", "review_status", "source")
LIKE_SPECIAL = regex.compile(r"[%_\\]")
CHUNK = 500  # tasks whose agencies are fetched in one query (SQLite allows 999 parameters)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet cell a formula
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
    document: int | str | None = None  # an id, or part of the path (``parse.document_ref``)
    needs_review: bool = False
    text: str | None = None  # full-text search on the task text
    lead: str | None = None  # exactly this lead agency, as stored (the exports' per-agency lists)


def register_functions(db: sqlite_utils.Database) -> None:
    db.conn.create_function("strip_accents", 1, lambda s: strip_accents(s) if s else s,
                            deterministic=True)


def agency_keys(name: str) -> list[str]:
    """Accent-free forms of an agency name as typed: itself, abbreviations expanded, canonical."""
    from extractors.names import canonical, expand_abbreviations

    forms = {name, expand_abbreviations(name), canonical(name)}
    return sorted({strip_accents(" ".join(f.split())) for f in forms if f.strip()})


def where_clauses(db: sqlite_utils.Database, filters: Filters) -> tuple[list[str], list]:
    where = ["coalesce(tasks.review_status, '') != 'rejected'", "documents.status != 'removed'"]
    params: list = []
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
    if isinstance(filters.document, int):
        where.append("tasks.document_id = ?")
        params.append(filters.document)
    elif filters.document:
        where.append("documents.path like ? escape '\\'")
        escaped = LIKE_SPECIAL.sub(r"\\\g<0>", filters.document)  # % and _ as typed
        params.append(f"%{escaped}%")
    if filters.lead:
        # "in", not a correlated "exists": SQLite would walk the agency's rows for every task
        where.append("tasks.id in (select task_id from task_agencies "
                     "where role = 'lead' and agency = ?)")
        params.append(filters.lead)
    if filters.needs_review:
        where.append("tasks.needs_review = 1")
    if filters.text:
        where.append("tasks.rowid in (select rowid from tasks_fts where tasks_fts match ?)")
        params.append(db.quote_fts(filters.text))
    return where, params


def find_tasks(db: sqlite_utils.Database, filters: Filters | None = None) -> list[dict]:
    """Tasks matching the filters, by deadline (undated last), with their document and agencies."""
    return list(iter_tasks(db, filters))


def iter_tasks(db: sqlite_utils.Database, filters: Filters | None = None) -> Iterator[dict]:
    """``find_tasks`` as a stream, CHUNK tasks in memory at a time (the exports of a large
    database)."""
    where, params = where_clauses(db, filters or Filters())
    columns = ", ".join(f"tasks.[{c}]" for c in TASK_FIELDS)
    doc_columns = ", ".join(f"documents.[{c}] as [document_{c}]" for c in DOCUMENT_FIELDS)
    sql = (f"select {columns}, {doc_columns} from tasks join documents on documents.id = "
           f"tasks.document_id where {' and '.join(where)} "
           "order by tasks.deadline is null, tasks.deadline, tasks.document_id, tasks.seq")
    rows = db.query(sql, params)
    while chunk := list(islice(rows, CHUNK)):
        tasks = []
        for row in chunk:
            task = {c: row[c] for c in TASK_FIELDS}
            task["document"] = {c: row[f"document_{c}"] for c in DOCUMENT_FIELDS}
            tasks.append(task)
        _attach_agencies(db, tasks)
        yield from tasks


def lead_agencies(db: sqlite_utils.Database) -> list[str]:
    """Every lead agency of the tasks ``find_tasks`` lists, most tasks first, then by name."""
    where, params = where_clauses(db, Filters())
    sql = ("select ta.agency from tasks join documents on documents.id = tasks.document_id "
           "join task_agencies ta on ta.task_id = tasks.id and ta.role = 'lead' "
           f"where {' and '.join(where)} group by ta.agency "
           "order by count(distinct tasks.id) desc, ta.agency")
    return [row[0] for row in db.execute(sql, params)]


def _attach_agencies(db: sqlite_utils.Database, tasks: list[dict]) -> None:
    by_id = {t["id"]: t for t in tasks}
    for task in tasks:
        task["agencies"] = []
    marks = ", ".join("?" * len(by_id))
    for row in db.query(f"select task_id, agency, role, mention, resolved from task_agencies "
                        f"where task_id in ({marks}) order by rowid", list(by_id)):
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


def as_text(value):
    """A cell value a spreadsheet will not run: text that would start a formula (``=1+2``, a
    file named ``@SUM(...)``) gets a leading apostrophe, the OWASP rule for CSV."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(tasks: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerows({k: as_text(v) for k, v in flat(t).items()} for t in tasks)
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
