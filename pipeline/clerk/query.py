"""Finding tasks: the filters behind ``pipeline query``, the exports and the review page.

Agency names match accent- and case-insensitively, as canonical names, aliases, abbreviations or
mentions as written, or by the name the agency has today (``task_agencies.current_agency``, see
``successors``): "so tai chinh", "STC" and "Sở Tài chính" find the same tasks, and "Sở Khoa học
và Công nghệ" also finds those given to a Sở Thông tin và Truyền thông before 2025. Rejected
tasks (``review_status = 'rejected'``) are never returned. Each task carries its follow-up as of
the filters' day (``followup``); ``status`` filters by it ("overdue": past the deadline and not
done).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

import sqlite_utils

from . import followup, successors
from .labels import ROLES, pillar_label, recurrence_label
from extractors.text import strip_accents

DOCUMENT_FIELDS = ("id", "path", "doc_number", "doc_type", "issuer", "issued_date", "title",
                   "province")
TASK_FIELDS = ("id", "document_id", "seq", "text", "start", "end", "section", "deadline",
               "deadline_text", "recurrence", "pillar", "deliverable", "confidence",
               "needs_review", "review_reason", "review_status", "source")
# Flat columns for CSV, tables and spreadsheets: key → Vietnamese header.
COLUMNS = {
    "id": "Mã",
    "deadline": "Hạn hoàn thành",
    "lead": "Chủ trì",
    "support": "Phối hợp",
    "text": "Nhiệm vụ",
    "deliverable": "Sản phẩm",
    "status": "Tình trạng",
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
    overdue: bool = False  # the same as status="overdue"
    status: str | None = None  # a follow-up category code (followup.CATEGORIES)
    as_of: dt.date | None = None  # the day follow-up is judged on; None means the real today
    within: int | None = None  # days ahead that count as due soon; None: followup's default
    pillar: str | None = None
    document: str | None = None  # an id, or part of the path
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
        names = ("ta.agency", "ta.mention", "ta.current_agency")
        matches = " or ".join(f"instr(strip_accents({name}), ?)" for _ in keys for name in names)
        role = " and ta.role = ?" if filters.role else ""
        where.append(f"exists (select 1 from task_agencies ta where ta.task_id = tasks.id{role} "
                     f"and ({matches}))")
        params += ([filters.role] if filters.role else []) + [k for k in keys for _ in names]
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
    if filters.pillar:
        where.append("tasks.pillar = ?")
        params.append(filters.pillar)
    if filters.document:
        if filters.document.isdigit():
            where.append("tasks.document_id = ?")
            params.append(int(filters.document))
        else:
            where.append("documents.path like ?")
            params.append(f"%{filters.document}%")
    if filters.needs_review:
        where.append("tasks.needs_review = 1")
    if filters.text:
        where.append("tasks.rowid in (select rowid from tasks_fts where tasks_fts match ?)")
        params.append(db.quote_fts(filters.text))
    return where, params


def find_tasks(db: sqlite_utils.Database, filters: Filters | None = None) -> list[dict]:
    """Tasks matching the filters, by deadline (undated last), with their document, agencies
    (each with its ``written`` name and today's, ``display`` showing both), the clerk's
    ``statuses`` ({period: state}) and ``follow_up`` as of ``filters.as_of``."""
    filters = filters or Filters()
    where, params = where_clauses(db, filters)
    columns = ", ".join(f"tasks.[{c}]" for c in TASK_FIELDS)
    doc_columns = ", ".join(f"documents.[{c}] as [document_{c}]" for c in DOCUMENT_FIELDS)
    sql = (f"select {columns}, {doc_columns} from tasks join documents on documents.id = "
           f"tasks.document_id where {' and '.join(where)} "
           "order by tasks.deadline is null, tasks.deadline, tasks.document_id, tasks.seq")
    tasks = []
    for row in db.query(sql, params):
        task = {c: row[c] for c in TASK_FIELDS}
        task["document"] = {c: row[f"document_{c}"] for c in DOCUMENT_FIELDS}
        tasks.append(task)
    _attach_agencies(db, tasks)
    _attach_statuses(db, tasks)
    wanted = "overdue" if filters.overdue else filters.status
    for task in tasks:
        task["follow_up"] = followup.follow_up(task, filters.as_of, filters.within)
    return [t for t in tasks if wanted is None or t["follow_up"].category == wanted]


def _by_chunks(db: sqlite_utils.Database, sql: str, ids: list[int]):
    """Rows of ``sql`` (with "{marks}" for the ids) over the ids, 500 at a time."""
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        yield from db.query(sql.format(marks=", ".join("?" * len(chunk))), chunk)


def _attach_agencies(db: sqlite_utils.Database, tasks: list[dict]) -> None:
    by_id = {t["id"]: t for t in tasks}
    for task in tasks:
        task["agencies"] = []
    for row in _by_chunks(db, "select task_id, agency, role, mention, resolved, current_agency "
                              "from task_agencies where task_id in ({marks}) order by rowid",
                          list(by_id)):
        task = by_id[row.pop("task_id")]
        document = task["document"]
        found = successors.successor(row["agency"], document["province"],
                                     document["issued_date"])
        row["current_agency"] = row["current_agency"] or found.current_name
        row["written"] = found.written
        row["display"] = successors.display(found.written, row["current_agency"])
        task["agencies"].append(row)
    for task in tasks:
        for role in ROLES:
            task[role] = [a["agency"] for a in task["agencies"] if a["role"] == role]


def _attach_statuses(db: sqlite_utils.Database, tasks: list[dict]) -> None:
    by_id = {t["id"]: t for t in tasks}
    for task in tasks:
        task["statuses"] = {}
    for row in _by_chunks(db, "select * from task_statuses where task_id in ({marks})",
                          list(by_id)):
        by_id[row.pop("task_id")]["statuses"][row.pop("period")] = row


def is_overdue(task: dict) -> bool:
    """Past its deadline and not done, as of the day the task was found for."""
    return task["follow_up"].category == "overdue"


def agency_names(task: dict, role: str) -> str:
    """The task's agencies of ``role`` as written, with today's name: "Sở ... (nay: Sở ...)"."""
    return "; ".join(a["display"] for a in task["agencies"] if a["role"] == role)


def status_text(task: dict) -> str:
    """The follow-up as a clerk reads it: "quá hạn", "hoàn thành đúng hạn", ..."""
    judged = task["follow_up"]
    label = followup.category_label(judged.category)
    return f"{label} ({judged.period})" if judged.period else label


def document_label(document: dict) -> str:
    """How a clerk names a document: its number, else its file name."""
    return document["doc_number"] or document["path"].rsplit("/", 1)[-1]


def flat(task: dict) -> dict:
    """One task as the flat row of COLUMNS (agencies joined, codes kept)."""
    return {
        "id": task["id"], "deadline": task["deadline"], "lead": agency_names(task, "lead"),
        "support": agency_names(task, "support"), "text": task["text"],
        "deliverable": task["deliverable"], "status": status_text(task),
        "recurrence": task["recurrence"], "pillar": task["pillar"],
        "document": document_label(task["document"]), "needs_review": task["needs_review"],
        "review_status": task["review_status"],
    }


def to_json(tasks: list[dict]) -> str:
    """The tasks as JSON; the follow-up as {category, label, due, period, state}."""
    def plain(task: dict) -> dict:
        judged = task["follow_up"]
        return {**task, "follow_up": {
            "category": judged.category, "label": followup.category_label(judged.category),
            "due": judged.due.isoformat() if judged.due else None, "period": judged.period,
            "state": judged.state}}
    return json.dumps([plain(t) for t in tasks], ensure_ascii=False, indent=2)


def to_csv(tasks: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerows(flat(t) for t in tasks)
    return out.getvalue()


def to_table(tasks: list[dict]):
    """A rich Table for the terminal; overdue deadlines in red."""
    from rich.table import Table
    from rich.text import Text  # plain Text cells: document text is never read as markup

    table = Table(show_lines=True)
    for key in ("id", "deadline", "status", "lead", "support", "pillar", "text", "document"):
        table.add_column(COLUMNS[key], overflow="fold", no_wrap=key in ("id", "deadline"),
                         max_width=60 if key == "text" else 28)
    for task in tasks:
        row = flat(task)
        deadline = Text(row["deadline"] or recurrence_label(row["recurrence"]),
                        style="red" if is_overdue(task) else "")
        text = row["text"] + (f"\n{COLUMNS['deliverable']}: {row['deliverable']}"
                              if row["deliverable"] else "")
        table.add_row(Text(str(row["id"])), deadline, Text(row["status"]), Text(row["lead"]),
                      Text(row["support"]), Text(pillar_label(row["pillar"])), Text(text),
                      Text(row["document"]))
    return table
