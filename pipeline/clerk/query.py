"""Finding tasks: the filters behind ``pipeline query``, the exports and the review page.

Every text filter forgives accents, đ and case. Agency names match as canonical names, aliases,
abbreviations or mentions as written, or by the name the agency has today
(``task_agencies.current_agency``, see ``successors``): "so tai chinh", "STC" and "Sở Tài chính"
find the same tasks, and "Sở Khoa học và Công nghệ" also finds those given to a Sở Thông tin và
Truyền thông before 2025. A name includes the collectives that cover the agency in the task's
own province (``agencies.reached``) unless ``exact``, and an unknown one is an error with
suggestions (``clerk.agencies``). ``document`` is an id, a số ký hiệu or part of a file's path;
digits that could be an id or a file name's start ("004") are an error listing both unless only
one of them exists. Rejected tasks (``review_status = 'rejected'``) are returned only when asked
for (``rejected``), tasks of removed documents never. A directive received as several files
(formats, versions) gives its tasks once: those of the file representing it
(``directives.document_id``). Each task
carries its follow-up as of the filters' day (``followup``); ``status`` filters by it
("overdue": past the deadline and not done).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import PurePath

import regex
import sqlite_utils

from extractors.metadata import typed_number
from extractors.text import strip_accents

from ..numbers import number
from . import agencies, followup, successors
from .labels import ROLES, pillar_label, recurrence_label
from .messages import column_name, review_status_label, say, vietnamese_date
from .parse import NotFound

DOCUMENT_FIELDS = ("id", "path", "doc_number", "doc_type", "issuer", "issued_date", "title",
                   "province", "directive_id")
TASK_FIELDS = ("id", "document_id", "seq", "text", "start", "end", "section", "deadline",
               "deadline_text", "recurrence", "pillar", "deliverable", "confidence",
               "needs_review", "review_reason", "review_status", "source")
UNREACHED = ""  # _collective's answer for a task found through a group that does not reach
CHUNK = 500  # tasks whose agencies are fetched in one query (SQLite allows 999 parameters)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet cell a formula
# a line break inside a sentence, as a web page or a PDF wraps it: not after a sentence's or a
# label's end, not before a list marker ("- ", "a) ", "2.", "+ ")
WRAPPED_LINE = regex.compile(
    r"(?<![.;:!?])[ \t]*\n[ \t]*(?![-+•*]\s|\(?\d+(?:\.\d+)*[.)]|\p{Ll}\)|\n)")
# The flat columns of CSV, tables and spreadsheets; their headers are column_name(key).
COLUMNS = ("id", "deadline", "lead", "support", "text", "deliverable", "follow_up", "recurrence",
           "pillar", "document", "document_id", "needs_review", "review_status", "collective")


@dataclass
class Filters:
    agency: str | None = None
    exact: bool = False  # the agency itself only, not the collectives that include it
    role: str | None = None  # "lead" | "support": the role the agency must hold
    due_before: str | None = None  # ISO dates, inclusive
    due_after: str | None = None
    overdue: bool = False  # the same as status="overdue"
    status: str | None = None  # a follow-up category code (followup.CATEGORIES)
    as_of: dt.date | None = None  # the day follow-up is judged on; None means the real today
    within: int | None = None  # days ahead that count as due soon; None: followup's default
    pillar: str | None = None
    # an id (int), or digits, a số ký hiệu or part of the path of any file of the directive, as
    # ``document_directives`` reads them
    document: int | str | None = None
    in_file: int | None = None  # this file's own tasks, whether or not it represents its directive
    needs_review: bool = False
    text: str | None = None  # full-text search on the task text
    rejected: bool = False  # the tasks the clerk rejected instead: those the others hide


class UnknownDocument(NotFound):
    """No file has that id, số ký hiệu or path; the message is for the clerk, in Vietnamese."""


class AmbiguousDocument(NotFound):
    """Digits that are one file's id and the start of other files' names or số ký hiệu; the
    message lists both and says how to name one, in Vietnamese."""


def register_functions(db: sqlite_utils.Database) -> None:
    db.conn.create_function("strip_accents", 1, lambda s: strip_accents(s) if s else s,
                            deterministic=True)


def compact(text: str) -> str:
    """A số ký hiệu or path as compared: accent-free, lower case, without spaces."""
    return regex.sub(r"\s+", "", strip_accents(text))


def document_directives(db: sqlite_utils.Database, document: int | str) -> list[int]:
    """The directives a clerk's ``--document`` names (``document_files``)."""
    return sorted({row["directive_id"] for row in document_files(db, document)
                   if row["directive_id"] is not None})  # a file never read has none


def document_files(db: sqlite_utils.Database, document: int | str) -> list[dict]:
    """The rows of ``documents`` a clerk's ``--document`` names. An int is a file's id. Digits
    ("004") are an id only when no file name or số ký hiệu starts with them, and a file name or
    số ký hiệu only when no file has that id; when both name different directives,
    AmbiguousDocument lists them. Other text is part of a số ký hiệu or path (accents, case and
    spaces aside); the files it names whole (``names_whole``: "1.txt" is 1.txt, not also 11.txt
    or bao-cao-1.txt, whose notices it showed: new-clerk trial), when there are any, and only
    those when it ends in a suffix of the stored files ("1.txt" named 002_...d1.txt: clerk's
    trial, 2026-12-02). Raises UnknownDocument when nothing matches."""
    rows = list(db.query("select id, directive_id, path, doc_number from documents"))
    if isinstance(document, int):
        found = [row for row in rows if row["id"] == document]
    elif document.strip().isascii() and document.strip().isdigit():
        found = _by_id_or_name(rows, document.strip())
    else:  # a number as "review document --number" takes it: "Số: 215/TB-VPUBND."
        document = typed_number(document) or document
        wanted = compact(document)
        found = [row for row in rows if wanted and (wanted in compact(row["path"]) or
                                                    wanted in compact(row["doc_number"] or ""))]
        whole = [row for row in found if names_whole(row, wanted)]
        # a name ending as the stored files do is a whole file name: "1.txt" never ...d1.txt
        suffixes = {PurePath(row["path"]).suffix.lower() for row in rows} - {""}
        found = whole if whole or PurePath(document.strip()).suffix.lower() in suffixes \
            else found
    if not found:  # an id as typed: "id:99", never "99", a file name's start
        named = f"id:{document}" if isinstance(document, int) else document
        raise UnknownDocument(say("unknown_document", document=named))
    return found


def document_id(db: sqlite_utils.Database, document: int | str) -> int:
    """The file a clerk's document names for a change made to it (``review add P17_01``,
    ``review document 78/2025/QĐ-UBND``), named as ``--document`` names it
    (``document_files``): the first readable file named, else the file representing the one
    directive it names (a copy gone from the inbox names the copy still there, as queries show
    it), else the first file named; an int (``id:4``) is a file's id. Raises UnknownDocument,
    or AmbiguousDocument when it names several directives."""
    if isinstance(document, int):
        return document
    rows = document_files(db, document)
    if len({row["directive_id"] for row in rows}) > 1:
        raise AmbiguousDocument(say("several_documents", document=document, **_choices(rows)))
    ids = [row["id"] for row in rows]
    readable = [row[0] for row in db.execute(
        f"select id from documents where id in ({', '.join('?' * len(ids))}) and status = 'ok'",
        ids)]
    representative = db.execute("select document_id from directives where id = ?",
                                [rows[0]["directive_id"]]).fetchone()
    return min(readable) if readable else representative[0] if representative and \
        representative[0] is not None else min(row["id"] for row in rows)


def _choices(rows: list[dict]) -> dict[str, str | int]:
    """The directives a clerk's document names, each by its first file and the id to type
    instead ("files": a .docx and its .pdf copy are one directive, new-clerk trial), and the
    first id ("id"), for a message that asks to name one."""
    first_files = {}
    for row in sorted(rows, key=lambda row: row["id"]):
        first_files.setdefault(row["directive_id"], row)
    choices = sorted((row["id"], PurePath(row["path"]).name) for row in first_files.values())
    return {"files": ", ".join(say("document_choice", id=i, file=name) for i, name in choices),
            "id": choices[0][0]}


def names_whole(row: dict, wanted: str) -> bool:
    """Whether ``wanted`` (``compact``) is a file's whole name, its name without the suffix, its
    path or the path's end after a folder, or its whole số ký hiệu."""
    path = compact(row["path"])
    name = PurePath(row["path"]).name
    return wanted in {compact(name), compact(PurePath(name).stem), path,
                      compact(row["doc_number"] or "")} or \
        path.endswith(("/" + wanted, "\\" + wanted))


def document_notices(db: sqlite_utils.Database, document: int | str) -> list[str]:
    """What a list of tasks cannot show of the files ``--document`` names, in Vietnamese: a
    file that could not be read (its error, so "0 nhiệm vụ" is never taken for "none asked"),
    why a file read is flagged for review (little of it read as Vietnamese, signs of tasks but
    none found: new-clerk trial) and what its reader warned of (a suffix that lies); first,
    when it names several directives (two sharing one số ký hiệu), that their tasks are mixed
    and the id that shows one (new-clerk trial, stop 37)."""
    rows = document_files(db, document)
    ids = [row["id"] for row in rows]
    notices = []
    if len({row["directive_id"] for row in rows}) > 1:
        notices.append(say("several_documents_listed", document=document, **_choices(rows)))
    for row in db.query("select path, status, error, warnings, needs_review, review_reason from "
                        f"documents where id in ({', '.join('?' * len(ids))}) order by id", ids):
        name = PurePath(row["path"]).name
        if row["status"] == "failed":
            notices.append(say("document_failed", file=name, error=row["error"]))
        elif row["needs_review"] and row["review_reason"]:  # "văn bản có dấu hiệu giao việc ..."
            notices.append(say("document_warning", file=name, warning=row["review_reason"]))
        notices += [say("document_warning", file=name, warning=warning)
                    for warning in json.loads(row["warnings"] or "[]")]
    return list(dict.fromkeys(notices))


def no_document(db: sqlite_utils.Database, document_id: int) -> str:
    """Why a change cannot be made to file ``document_id``, in Vietnamese: it could not be read
    (its error), it left the inbox, or there is no such file."""
    row = db.execute("select path, status, error from documents where id = ?",
                     [document_id]).fetchone()
    if row is None or row[1] == "ok":
        return say("no_document", document_id=document_id)
    name = PurePath(row[0]).name
    return say("document_failed", file=name, error=row[2]) if row[1] == "failed" else \
        say("document_removed", file=name, document_id=document_id)


def files_to_review(db: sqlite_utils.Database) -> list[str]:
    """The files ``review`` names besides its tasks, in Vietnamese: those that could not be
    read, and those read but flagged (signs of tasks but none found, little read as Vietnamese),
    each with how to see why (clerk's trial, stop 35: the failed files went unmentioned)."""
    notices = []
    for key, where in (("review_failed_files", "status = 'failed'"),
                       ("review_flagged_files", "status = 'ok' and needs_review = 1")):
        names = [PurePath(row[0]).name for row in db.execute(
            f"select path from documents where {where} order by id")]
        if names:
            notices.append(say(key, count=number(len(names)), files=", ".join(names)))
    return notices


def _by_id_or_name(rows: list[dict], digits: str) -> list[dict]:
    """The files ``digits`` names, as an id or as the start of a file name or số ký hiệu."""
    by_id = [row for row in rows if row["id"] == int(digits)]
    by_name = [row for row in rows if PurePath(row["path"]).name.startswith(digits) or
               compact(row["doc_number"] or "").startswith(digits)]
    if by_id and by_name and {r["directive_id"] for r in by_id} != \
            {r["directive_id"] for r in by_name}:
        names = sorted({PurePath(row["path"]).name for row in by_name})
        raise AmbiguousDocument(say("ambiguous_document", document=digits, id=by_id[0]["id"],
                                    file=PurePath(by_id[0]["path"]).name,
                                    files=", ".join(names), example=PurePath(names[0]).stem))
    return by_id or by_name


def where_clauses(db: sqlite_utils.Database, filters: Filters,
                  agency: agencies.AgencyMatch | None = None) -> tuple[list[str], list]:
    """SQL conditions and their parameters for ``filters``; ``agency`` is the match of
    ``filters.agency``."""
    hidden = "=" if filters.rejected else "!="
    where = [f"coalesce(tasks.review_status, '') {hidden} 'rejected'",
             "documents.status != 'removed'"]
    params: list = []
    if agency:
        register_functions(db)
        successors.register_current_name(db)
        names = ("ta.agency", "ta.mention", successors.CURRENT_NAME_SQL,
                 successors.WRITTEN_NAME_SQL)  # as the lists show it: new-clerk trial, stop 39
        matches = " or ".join(f"instr(strip_accents({name}), ?)"
                              for _ in agency.keys for name in names)
        if agency.collectives:
            matches += f" or ta.agency in ({', '.join('?' * len(agency.collectives))})"
        role = " and ta.role = ?" if filters.role else ""
        where.append(f"exists (select 1 from task_agencies ta where ta.task_id = tasks.id{role} "
                     f"and ({matches}))")
        params += ([filters.role] if filters.role else []) + \
            [key for key in agency.keys for _ in names] + agency.collectives
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
    if filters.document is not None:  # any file of the directive names it
        directive_ids = document_directives(db, filters.document)
        where.append(f"documents.directive_id in ({', '.join('?' * len(directive_ids))})")
        params += directive_ids
    if filters.in_file is not None:
        where.append("tasks.document_id = ?")
        params.append(filters.in_file)
    if filters.needs_review:
        where.append("tasks.needs_review = 1")
    if filters.text:
        # tasks_fts indexes tasks.search_text, the text without accents or đ
        where.append("tasks.rowid in (select rowid from tasks_fts where tasks_fts match ?)")
        params.append(db.quote_fts(strip_accents(filters.text)))
    return where, params


def find_tasks(db: sqlite_utils.Database, filters: Filters | None = None) -> list[dict]:
    """``iter_tasks`` as a list."""
    return list(iter_tasks(db, filters))


def iter_tasks(db: sqlite_utils.Database, filters: Filters | None = None) -> Iterator[dict]:
    """Tasks matching the filters, by deadline (undated last), with their document (and every
    file of its directive), agencies (each with its ``written`` name and today's, ``display``
    showing both), the clerk's ``statuses`` ({period: state}), ``follow_up`` as of
    ``filters.as_of`` and, when found through a collective that includes the agency asked for,
    that collective (``task["collective"]``). Raises agencies.UnknownAgency and UnknownDocument
    for names the database does not know. A stream: CHUNK tasks in memory at a time (the exports
    of a large database)."""
    filters = filters or Filters()
    agency = agencies.match(db, filters.agency, filters.exact) if filters.agency else None
    local = agencies.known_agencies(db) if agency and agency.collectives else {}
    matching, params = _matching(db, filters, agency)
    columns = ", ".join(f"tasks.[{c}]" for c in TASK_FIELDS)
    doc_columns = ", ".join(f"documents.[{c}] as [document_{c}]" for c in DOCUMENT_FIELDS)
    sql = (f"select {columns}, {doc_columns} {matching} "
           "order by tasks.deadline is null, tasks.deadline, tasks.document_id, tasks.seq")
    wanted = "overdue" if filters.overdue else filters.status
    rows = db.query(sql, params)
    shared = shared_numbers(db)
    while chunk := list(islice(rows, CHUNK)):
        tasks = []
        for row in chunk:
            task = {c: row[c] for c in TASK_FIELDS}
            task["document"] = {c: row[f"document_{c}"] for c in DOCUMENT_FIELDS}
            task["document"]["shared_number"] = \
                compact(task["document"]["doc_number"] or "") in shared
            tasks.append(task)
        _attach_agencies(db, tasks)
        _attach_files(db, tasks)
        _attach_statuses(db, tasks)
        for task in tasks:
            task["collective"] = _collective(task, agency, filters.role, local)
            task["follow_up"] = followup.follow_up(task, filters.as_of, filters.within)
        yield from (t for t in tasks if (wanted is None or t["follow_up"].category == wanted)
                    and t["collective"] != UNREACHED)


def count_tasks(db: sqlite_utils.Database, filters: Filters) -> int:
    """How many tasks ``iter_tasks`` yields for ``filters`` that SQL alone decides (no agency,
    status or overdue filter), counted without reading them: `run`'s count of what `review`
    lists."""
    if filters.agency or filters.status or filters.overdue:
        raise ValueError("count_tasks: agency, status and overdue are decided after SQL")
    matching, params = _matching(db, filters, None)
    return db.execute(f"select count(*) {matching}", params).fetchone()[0]


def _matching(db: sqlite_utils.Database, filters: Filters,
              agency: agencies.AgencyMatch | None) -> tuple[str, list]:
    """The "from ... where ..." of the tasks ``filters`` match, one file a directive unless
    ``filters.in_file`` names one, and its parameters."""
    where, params = where_clauses(db, filters, agency)
    represented = ("" if filters.in_file is not None else
                   "join directives on directives.document_id = documents.id ")
    return (f"from tasks join documents on documents.id = tasks.document_id {represented}"
            f"where {' and '.join(where)}", params)


def _by_chunks(db: sqlite_utils.Database, sql: str, ids: list[int]):
    """Rows of ``sql`` (with "{marks}" for the ids) over the ids, 500 at a time."""
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        yield from db.query(sql.format(marks=", ".join("?" * len(chunk))), chunk)


def _collective(task: dict, agency: agencies.AgencyMatch | None, role: str | None,
                local: dict[str, set[str]]) -> str | None:
    """The groups through which the task reaches the agency asked for (``agencies.reached``),
    None when it names the agency (or nothing was asked), UNREACHED when the SQL took it in
    through a group that does not include any agency of that name in the task's province."""
    if agency is None or any(agency.names(a) for a in task["agencies"]
                             if role in (None, a["role"])):
        return None
    groups = {reach.group for reach in agencies.reached(task, local)
              if reach.group and role in (None, reach.role)
              and agency.names({"agency": reach.agency})}
    return "; ".join(sorted(groups)) or UNREACHED


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
    return f"{label} ({followup.period_label(judged.period)})" if judged.period else label


def document_label(document: dict) -> str:
    """How a clerk names a document: its number, else its file name; a number another
    directive bears too (``document["shared_number"]``, ``shared_numbers``) with its file name
    after it, so the two directives' tasks are told apart (new-clerk trial, stop 38)."""
    name = document["path"].rsplit("/", 1)[-1]
    if document["doc_number"] and document.get("shared_number"):
        return f"{document['doc_number']} ({name})"
    return document["doc_number"] or name


def number_bearers(db: sqlite_utils.Database) -> dict[str, list[dict]]:
    """The file shown for each directive ({id, path, directive_id}, by id) under the số ký
    hiệu it bears (``compact``: spaces, accents and case aside)."""
    bearers: dict[str, list[dict]] = defaultdict(list)
    for row in db.query("select d.id, d.path, d.doc_number, r.id as directive_id from directives "
                        "r join documents d on d.id = r.document_id where d.status = 'ok' and "
                        "coalesce(d.doc_number, '') != '' order by d.id"):
        bearers[compact(row.pop("doc_number"))].append(row)
    return bearers


def shared_numbers(db: sqlite_utils.Database) -> frozenset[str]:
    """The số ký hiệu (``compact``) that the files shown for more than one directive bear."""
    return frozenset(number for number, rows in number_bearers(db).items() if len(rows) > 1)


def flowing(text: str) -> str:
    """A task's text as a clerk reads it: the lines its file wrapped inside a sentence joined
    ("Phối" / "hợp với ..." → "Phối hợp với ..."), its own lines and list items kept."""
    return WRAPPED_LINE.sub(" ", text)


def flat(task: dict) -> dict:
    """One task as a row of ``COLUMNS`` for a clerk: agencies joined, codes as their Vietnamese
    labels, the deadline ISO (CSV) for the caller to turn into a date cell or dd/mm/yyyy."""
    return {
        "id": task["id"], "deadline": task["deadline"], "lead": agency_names(task, "lead"),
        "support": agency_names(task, "support"), "text": flowing(task["text"]),
        "deliverable": task["deliverable"] or "", "follow_up": status_text(task),
        "recurrence": recurrence_label(task["recurrence"]),
        "pillar": pillar_label(task["pillar"]), "document": document_label(task["document"]),
        "document_id": task["document"]["id"],
        "needs_review": say("yes_mark") if task["needs_review"] else "",
        "review_status": review_status_label(task["review_status"]),
        "collective": task.get("collective") or "",
    }


def shown_deadline(task: dict) -> str:
    """The deadline a clerk's list shows: the one the follow-up judges by, an extended one
    marked ("30/10/2022 (gia hạn)"), else dd/mm/yyyy or the recurrence's label."""
    judged = task.get("follow_up")
    if judged is not None and judged.state.get("deadline"):
        return f"{vietnamese_date(judged.due)} ({say('extended_mark')})"
    return vietnamese_date(task["deadline"]) or recurrence_label(task["recurrence"])


def to_json(tasks: list[dict]) -> str:
    """The tasks as JSON; the follow-up as {category, label, due, period, state}."""
    def plain(task: dict) -> dict:
        judged = task["follow_up"]
        return {**task, "follow_up": {
            "category": judged.category, "label": followup.category_label(judged.category),
            "due": judged.due.isoformat() if judged.due else None, "period": judged.period,
            "state": judged.state}}
    return json.dumps([plain(t) for t in tasks], ensure_ascii=False, indent=2)


def as_text(value):
    """A cell value a spreadsheet will not run: text that would start a formula (``=1+2``, a
    file named ``@SUM(...)``) gets a leading apostrophe, the OWASP rule for CSV."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(tasks: list[dict]) -> str:
    """CSV for Excel: a byte-order mark first (Excel on Windows reads UTF-8 only with it),
    Vietnamese headers and labels; the "Giao chung qua" column when tasks came through a
    collective."""
    keys = [k for k in COLUMNS if k != "collective" or any(t.get("collective") for t in tasks)]
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(column_name(k) for k in keys)
    writer.writerows([as_text(flat(t)[k]) for k in keys] for t in tasks)
    return out.getvalue()


def to_table(tasks: list[dict]):
    """A rich Table for the terminal: id, deadline (overdue in red), lead, and the task's text
    with its deliverable, follow-up, supports, pillar and document on a dim line below, so that
    at 80 columns the text keeps most of the width."""
    from rich.table import Table
    from rich.text import Text  # plain Text cells: document text is never read as markup

    table = Table(show_lines=True, expand=True)
    table.add_column(column_name("id"), no_wrap=True)
    table.add_column(column_name("due"), no_wrap=True)
    table.add_column(column_name("lead"), overflow="fold", ratio=1, max_width=30)
    table.add_column(column_name("text"), overflow="fold", ratio=3)
    for task in tasks:
        row = flat(task)
        deadline = Text(shown_deadline(task), style="red" if is_overdue(task) else "")
        details = "; ".join(f"{column_name(k)}: {row[k]}" for k in
                            ("deliverable", "follow_up", "support", "collective", "pillar",
                             "document") if row[k])
        text = Text(row["text"])
        text.append(f"\n{details}", style="dim")
        table.add_row(Text(str(row["id"])), deadline, Text(row["lead"]), text)
    return table
