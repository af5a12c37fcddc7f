"""The clerk's actions on tasks: correct fields, accept, reject, add a missed task.

The command line (``pipeline review``) and the review page (``pipeline serve``) both call
``set_fields``, ``accept``, ``reject`` and ``add``: one code path for every correction. Each
action stores the correction (``corrections``, keyed by the task's directive and text), logs it
(``corrections_log``: when, by whom (the OS user), which task, field, old and new value, through
which tool) and
re-applies the corrections to every file of the directive (``pipeline.store.corrections.apply``),
all in one transaction that takes the write lock first (``store.writing``): a fix made on the
.txt copy shows on the .docx and .pdf copies too, and a clerk writing during a batch waits for
the other writer instead of failing.

A write names its task by an id that stays stable: a task found again on a re-run keeps its row,
and an id is never given to another task (``store.schema.new_ids``), so an id from an old listing
names its own task or nothing. A form also carries ``task_version`` of what it showed, and is
refused (``StaleTask``) when the task changed since.
"""
from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from pathlib import Path

import sqlite_utils

from ..store import now, writing
from ..store.corrections import (
    AGENCY_FIELDS,
    FIELDS,
    apply,
    comparable,
    extracted_values,
    find_task,
    key_text,
    locate,
    logged_value,
    occurrence_of,
    passage_near,
    readable_documents,
    sentence_span,
    sentence_words,
    stored_key,
    task_key,
    uncut,
    withdraw,
)
from ..store.schema import CORRECTION_KEY
from . import parse, query
from .agencies import agency_known, known_spelling
from .messages import column_name, say

UNDOABLE = (*FIELDS, "text")  # what ``undo`` gives back as the extractor read it


class CorrectionError(ValueError):
    """A correction that cannot be made: unknown task, invalid value, text not in the document.
    Its message is for the clerk, in Vietnamese."""


class StaleTask(CorrectionError):
    """The task changed (another correction, a re-run) since the form was shown; ``page`` is
    where the clerk sees it as it is now."""

    def __init__(self, message: str, page: str):
        super().__init__(message)
        self.page = page


# -- validation -----------------------------------------------------------------------------------

def clean_value(field: str, value):
    """The value as stored: agencies a list of names (``parse.agency_names``), dates ISO (typed
    dd/mm/yyyy or ISO), pillar and recurrence codes (typed as codes or names); '' clears, and a
    value of spaces only is refused as the slip it is (new-clerk trial, stop 39; a blank lead
    has its own refusal, ``set_fields``)."""
    typed = [value] if isinstance(value, str) else list(value or [])
    if field != "lead" and any(v and not v.strip() for v in typed):
        raise CorrectionError(say("blank_value", field=column_name(field)))
    try:
        if field in AGENCY_FIELDS:
            return parse.agency_names(typed)
    except parse.ParseError as exc:
        raise CorrectionError(str(exc)) from None
    value = (value or "").strip() or None
    if value is None:
        return None
    parsers = {"deadline": lambda v: parse.date(v).isoformat(), "pillar": parse.pillar_code,
               "recurrence": parse.recurrence_code}
    if field not in FIELDS:
        raise CorrectionError(say("unknown_field", field=field, choices=", ".join(FIELDS)))
    try:
        return parsers.get(field, str)(value)
    except ValueError as exc:
        raise CorrectionError(str(exc)) from None


# -- the clerk's actions --------------------------------------------------------------------------

def task_row(db: sqlite_utils.Database, task_id: int) -> dict:
    """The task with what names it for corrections: its file's sha256, its directive's key and
    directive id, its occurrence among the file's tasks of the same text."""
    row = next(db.query(
        "select tasks.*, documents.sha256, documents.directive_id, directives.key as "
        "directive_key from tasks join documents on documents.id = tasks.document_id "
        "left join directives on directives.id = documents.directive_id where tasks.id = ?",
        [task_id]), None)
    if row is None:
        raise CorrectionError(say("no_task", task_id=task_id))
    row["occurrence"] = occurrence_of(db, row["document_id"], task_id)
    return row


def current_value(db: sqlite_utils.Database, task: dict, field: str):
    if field in AGENCY_FIELDS:
        return [r["agency"] for r in db.query(
            "select agency from task_agencies where task_id = ? and role = ? order by rowid",
            [task["id"], field])]
    if field == "status":
        return task.get("review_status")
    return task[field]


def set_fields(db: sqlite_utils.Database, task_id: int, changes: dict,
               via: str = "cli") -> tuple[list[str], list[str]]:
    """Correct some of a task's fields: ``{"deadline": "2022-09-30", "lead": ["Sở Tài chính"]}``,
    or its passage, ``{"text": ...}`` (``recut_passage``); a value equal to what the task holds
    is left out, so typed again it logs no change from itself to itself (new-clerk trial, stop
    39). Returns the fields changed (none: nothing written) and the agency names given that
    neither the tasks nor rules/agencies.yml know (new bodies, ``new_agencies``); a name close
    to a known one is refused."""
    cleaned = {field: recut_passage(db, task_id, value) if field == "text" else
               clean_value(field, value) for field, value in changes.items()}
    if not cleaned:
        raise CorrectionError(say("nothing_to_change"))
    if "lead" in cleaned and not cleaned["lead"]:  # a task without a lead is no task to chase
        raise CorrectionError(say("empty_lead", task_id=task_id))
    for field in AGENCY_FIELDS:
        if cleaned.get(field):
            cleaned[field] = [known_spelling(db, name) for name in cleaned[field]]
    new = new_agencies(db, [name for field in AGENCY_FIELDS for name in cleaned.get(field) or []])
    with writing(db):
        task = task_row(db, task_id)
        cleaned = {f: v for f, v in cleaned.items() if v != current_value(db, task, f)}
        if cleaned:
            _record(db, task, cleaned, via)
    return list(cleaned), new


def recut_passage(db: sqlite_utils.Database, task_id: int, text: str) -> str:
    """The document's passage the clerk typed (``text``, copied from it) for the task the
    extractor cut short or long: it must overlap the extractor's cut and no other task.
    Returns the passage as the document writes it; CorrectionError otherwise."""
    try:
        text = parse.free_text(text, what=say("what_task_text"))
    except parse.ParseError as exc:
        raise CorrectionError(str(exc)) from None
    task = task_row(db, task_id)
    document = db.execute("select path, text from documents where id = ?",
                          [task["document_id"]]).fetchone()
    cut = json.loads(task["extracted"] or "{}").get("cut", [task["start"], task["end"]])
    span = passage_near(document[1] or "", text, (cut[0], cut[1]))
    if span is None:
        found = locate(document[1] or "", text)
        raise CorrectionError(say("text_elsewhere", task_id=task_id) if found else say(
            "text_not_found", document=Path(document[0]).name, document_id=task["document_id"],
            text=text[:80]))
    _refuse_overlap(db, task, span)
    return document[1][span[0]:span[1]]


def _refuse_overlap(db: sqlite_utils.Database, task: dict, span: tuple[int, int]) -> None:
    """CorrectionError when the passage ``span`` (character offsets) of the task's document
    would run into another task that is not rejected (a re-cut, or its undo, over a task the
    clerk added there; clerk's trial, stop 35)."""
    other = next(db.query(
        "select id from tasks where document_id = ? and id != ? and start < ? and [end] > ? "
        "and coalesce(review_status, '') != 'rejected'",
        [task["document_id"], task["id"], span[1], span[0]]), None)
    if other:
        raise CorrectionError(say("text_overlaps_task", task_id=task["id"], other=other["id"]))


def undo(db: sqlite_utils.Database, task_id: int, fields: list[str] | None = None,
         via: str = "cli") -> tuple[dict, list[str]]:
    """Take back the clerk's corrections of ``fields`` (default: every corrected field) of a
    task: each is deleted and logged, and every file of the directive gets back what the
    extractor read. Returns ({field: the value now}, the fields whose read value is not known
    yet: ``corrections.withdraw``). CorrectionError when a field was never corrected."""
    with writing(db):
        task = task_row(db, task_id)
        key = stored_key(db, "corrections", task["directive_key"], key_text(task))
        corrected = [field for field in UNDOABLE if field in corrected_fields(db, task, key)]
        fields = [f for f in UNDOABLE if f in (fields or corrected)]
        if not corrected or set(fields) - set(corrected):  # naming the fields asked for in vain
            raise CorrectionError(say(
                "nothing_to_undo", task_id=task_id,
                asked=", ".join(column_name(f) for f in fields if f not in corrected) or
                say("every_field"),
                fields=", ".join(column_name(f) for f in corrected) or
                say("document_no_corrections")))
        cut = json.loads(task["extracted"] or "{}").get("cut")
        if "text" in fields and cut:
            _refuse_overlap(db, task, cut)
        read = {**extracted_values(db, task, set(corrected)), "text": key_text(task)}
        for field in fields:
            db.execute("delete from corrections where directive_key = ? and task_key = ? and "
                       "occurrence = ? and field = ?",
                       [task["directive_key"], key, task["occurrence"], field])
            log_change(db, task, key, field, current_value(db, task, field),
                       _names(read.get(field, [])) if field in AGENCY_FIELDS else read.get(field),
                       via)
        unknown: list[str] = []
        read_fields = [f for f in fields if f in FIELDS]
        for document_id in readable_documents(db, task["directive_id"]):
            copy = find_task(db, document_id, key, task["occurrence"])
            if copy is None:
                continue
            if "text" in fields:
                uncut(db, copy)
                copy = db.table("tasks").get(copy["id"])
            missing = withdraw(db, copy, read_fields) if read_fields else []
            if copy["id"] == task_id:
                unknown = missing
        reapply(db, task["directive_id"])
        now_task = task_row(db, task_id)
        return {f: current_value(db, now_task, f) for f in fields}, unknown


def corrected_fields(db: sqlite_utils.Database, task: dict, key: str) -> set[str]:
    """The fields of ``task`` (``task_row``) the clerk's corrections set, under ``key``."""
    return {row[0] for row in db.execute(
        "select field from corrections where directive_key = ? and task_key = ? and "
        "occurrence = ?", [task["directive_key"], key, task["occurrence"]]) if row[0] in UNDOABLE}


def _names(agencies: list[dict]) -> list[str]:
    return [agency["agency"] for agency in agencies]


def new_agencies(db: sqlite_utils.Database, names: list[str]) -> list[str]:
    """The names among ``names`` no task and no rule knows and close to no known one
    (``agencies.agency_known``); CorrectionError with the close names for one that is a typo."""
    try:
        return [name for name in dict.fromkeys(names) if not agency_known(db, name)]
    except parse.NotFound as exc:
        raise CorrectionError(str(exc)) from None


def task_version(db: sqlite_utils.Database, task_id: int) -> str:
    """A short hash of what a form shows of the task (text, fields, verdict): it changes when
    anything the clerk saw changes."""
    task = task_row(db, task_id)
    shown = [task["text"], *(current_value(db, task, f) for f in (*FIELDS, "status"))]
    return hashlib.sha1(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()[:16]


def check_version(db: sqlite_utils.Database, task_id: int, version: str | None) -> None:
    """Refuse (``StaleTask``) a form that showed another version of the task than the stored."""
    if version != task_version(db, task_id):
        document_id = task_row(db, task_id)["document_id"]
        raise StaleTask(say("stale_task", task_id=task_id),
                        page=f"/documents/{document_id}#form-{task_id}")


def changed_fields(db: sqlite_utils.Database, task_id: int, submitted: dict) -> dict:
    """The submitted fields whose value differs from the task's: a form sends them all."""
    task = task_row(db, task_id)
    cleaned = {field: clean_value(field, value) for field, value in submitted.items()}
    return {f: v for f, v in cleaned.items() if v != current_value(db, task, f)}


def accept(db: sqlite_utils.Database, task_id: int, via: str = "cli") -> None:
    """The extractor got this task right: it no longer needs review."""
    mark(db, [task_id], "accepted", via)


def reject(db: sqlite_utils.Database, task_id: int, via: str = "cli") -> None:
    """Not a task: hidden from every view on this and every later run."""
    mark(db, [task_id], "rejected", via)


def mark(db: sqlite_utils.Database, task_ids: list[int], verdict: str, via: str = "cli") -> None:
    """Accept or reject (``verdict``: "accepted" | "rejected") every task of ``task_ids`` in one
    transaction, a task given the verdict it has left as it is (logged again, it read as a
    change: new-clerk trial, stop 39); CorrectionError naming every unknown id, and nothing
    changed, if one is unknown."""
    with writing(db):
        tasks, missing = [], []
        for task_id in task_ids:
            try:
                tasks.append(task_row(db, task_id))
            except CorrectionError:
                missing.append(str(task_id))
        if missing:
            raise CorrectionError(say("no_tasks", task_ids=", ".join(missing)))
        for task in tasks:
            if task["review_status"] != verdict:
                _record(db, task, {"status": verdict}, via)


def add(db: sqlite_utils.Database, document_id: int, text: str,
        via: str = "cli") -> tuple[int, dict]:
    """A task the extractor missed; ``text`` must be found in the document. Returns its id and
    the fields ``read_sentence`` found in it, stored as the clerk's (``review set`` changes them).
    Raises CorrectionError when the text is not there, or is already a task of the document
    (``_task_holding``: the same sentence, whatever spacing or closing marks, or a part of one;
    or nearly the text of one, where its correction would go): its id is named, a rejected one
    with how to restore it."""
    try:
        text = parse.free_text(text, what=say("what_task_text"))
    except parse.ParseError as exc:
        raise CorrectionError(str(exc)) from None
    with writing(db):
        document = next(db.query(
            "select documents.path, documents.sha256, documents.text, documents.directive_id, "
            "documents.issued_date, directives.key as "
            "directive_key from documents left join directives on directives.id = "
            "documents.directive_id where documents.id = ? and documents.status != 'removed'",
            [document_id]), None)
        if document is None or not document["text"]:
            raise CorrectionError(query.no_document(db, document_id))
        span = locate(document["text"], text)
        if span is None:
            raise CorrectionError(say("text_not_found", document=Path(document["path"]).name,
                                      document_id=document_id, text=text[:80]))
        exact = document["text"][span[0]:span[1]]
        stored = _task_holding(db, document_id, sentence_span(document["text"], span), exact)
        if stored:
            _refuse_duplicate(stored, document_id)
        known = {row[0] for row in db.execute("select id from tasks where document_id = ?",
                                              [document_id])}
        task = {"id": None, "document_id": document_id, "text": exact, "occurrence": 1,
                **{k: document[k] for k in ("sha256", "directive_id", "directive_key")}}
        read = read_sentence(exact, document["issued_date"])
        _record(db, task, {"added": exact, **read}, via)
        added = find_task(db, document_id, task_key(exact))
        if added["id"] in known:  # its text nearly a stored task's, the correction went there
            _refuse_duplicate(added, document_id)
        return added["id"], read


def read_sentence(text: str, issued_date: str | None) -> dict:
    """The fields the extractor reads in the sentence a clerk adds, from the sentence alone:
    ``lead`` and ``support`` (lists of names), ``deadline`` (ISO), ``recurrence``, ``pillar``;
    a field it does not find is left out. The document's issue date (ISO) gives the year of a
    day written without one ("trước ngày 15/9"). A sentence the extractor still reads as no
    task gives only the deadline a cue marks ("trước ngày", "hoàn thành trong")."""
    from extractors import extract_document
    from extractors.model import DocumentMeta
    from extractors.text import fold
    from extractors.times import DEADLINE, find_times
    from pipeline.normalize import clean

    day = dt.date.fromisoformat(issued_date) if issued_date else None
    dated = f"ngày {day.day} tháng {day.month} năm {day.year}\n" if day else ""
    tasks = extract_document(clean(dated + text)).tasks
    if not tasks:
        meta = DocumentMeta(issued_date=issued_date, year_hint=day.year if day else None)
        due = next((time.value for time in find_times(fold(clean(text)), meta)
                    if time.strength == DEADLINE and time.value), None)
        return {"deadline": due} if due else {}
    fields: dict = {}
    for role in AGENCY_FIELDS:
        names = [a.agency for t in tasks for a in t.agencies if a.role == role]
        if names:
            fields[role] = list(dict.fromkeys(names))
    for field in ("deadline", "recurrence", "pillar"):
        value = next((getattr(t, field) for t in tasks if getattr(t, field)), None)
        if value:
            fields[field] = value
    return fields


def _task_holding(db: sqlite_utils.Database, document_id: int, span: tuple[int, int],
                  text: str) -> dict | None:
    """The document's task that already is ``text`` (found at ``span``, character offsets, the
    marks closing it left out): the narrowest whose span holds it (the same sentence, or a part
    of it), else one with the same words (``sentence_words``) elsewhere, else the first that
    ``text`` holds whole (two tasks copied as one: clerk's trial, 2026-12-02)."""
    tasks = list(db.query("select id, start, [end], text, review_status from tasks where "
                          "document_id = ? order by [end] - start", [document_id]))
    words = sentence_words(text)
    return next((t for t in tasks if t["start"] <= span[0] and span[1] <= t["end"]), None) or \
        next((t for t in tasks if sentence_words(t["text"]) == words), None) or \
        next((t for t in sorted(tasks, key=lambda t: t["start"])
              if span[0] <= t["start"] and t["end"] <= span[1]), None)


def _refuse_duplicate(task: dict, document_id: int) -> None:
    """Raise CorrectionError naming the stored task; for a rejected one, how to restore it."""
    raise CorrectionError(say("task_exists_rejected" if task["review_status"] == "rejected" else
                              "task_exists", task_id=task["id"], document_id=document_id))


def _record(db: sqlite_utils.Database, task: dict, changes: dict, via: str) -> None:
    """Store the corrections, log each change, re-apply them to every file of the task's
    directive: one transaction."""
    key = stored_key(db, "corrections", task["directive_key"], key_text(task))
    read = extracted_values(db, task, corrected_fields(db, task, key)) if task["id"] else {}
    with writing(db):  # one transaction: sqlite-utils would commit each write on its own
        for field, value in changes.items():
            old = current_value(db, task, field) if task["id"] and field != "added" else None
            db["corrections"].upsert(
                {"directive_key": task["directive_key"], "task_key": key,
                 "occurrence": task["occurrence"], "field": field,
                 "value": json.dumps(value, ensure_ascii=False), "text": task["text"],
                 "sha256": task["sha256"], "updated_at": now(),
                 "extracted": _read_then(read, field)}, pk=CORRECTION_KEY)
            log_change(db, task, key, field, old, value, via)
        if changes.get("status") == "accepted":  # the corrections stand against today's text
            for field in FIELDS:
                db.execute("update corrections set extracted = ? where directive_key = ? and "
                           "task_key = ? and occurrence = ? and field = ?",
                           [_read_then(read, field), task["directive_key"], key,
                            task["occurrence"], field])
        reapply(db, task["directive_id"])


def log_change(db: sqlite_utils.Database, task: dict, key: str | None, field: str, old, new,
               via: str) -> None:
    """One line of ``corrections_log``: the clerk changed ``field`` of ``task`` (a ``task_row``,
    its correction stored under ``key``) from ``old`` to ``new``; for a document's own field,
    ``task`` holds its file's ``document_id``, ``sha256`` and ``directive_key``, ``id`` and
    ``key`` None."""
    db["corrections_log"].insert(
        {"at": now(), "via": via, "sha256": task["sha256"], "task_key": key,
         "directive_key": task["directive_key"], "document_id": task["document_id"],
         "task_id": task["id"], "field": field, "old_value": logged_value(old),
         "new_value": logged_value(new), "by": getpass.getuser()})


def reapply(db: sqlite_utils.Database, directive_id: int) -> None:
    """Apply the corrections to every readable file of the directive."""
    for document_id in readable_documents(db, directive_id):
        apply(db, document_id)


def _read_then(read: dict, field: str) -> str | None:
    """What ``corrections.extracted`` keeps for ``field``: the extractor's value as JSON
    (``comparable``), None for a field that is not one the extractor reads."""
    return json.dumps(comparable(field, read[field]), ensure_ascii=False) \
        if field in FIELDS and field in read else None
