"""The clerk's corrections of a document's own fields: its số ký hiệu, type, issuer, issue date
and title (``review document``), which chasing letters, reports and exports cite.

``correct`` stores the clerk's values in ``document_corrections`` under the document's
directive key, logs each change in ``corrections_log`` (``field`` the ``documents`` column,
``task_id`` and ``task_key`` NULL), gives them to every readable file of the directive
(``store.document_corrections.apply``) and merges the directive's metadata again
(``directives.refresh``), all in one transaction that takes the write lock first; ``undo``
deletes them the same way, each file getting back what the extractor read
(``documents.extracted``). ``field_lines`` is what ``review document`` shows. A refusal is an
``actions.CorrectionError``, its message in Vietnamese.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
from pathlib import PurePath

import regex
import sqlite_utils

from extractors.metadata import known_type, typed_number, without_number_label
from extractors.text import fold, strip_accents

from ..normalize import clean
from ..store import directives, now, writing
from ..store.corrections import directive_keys, readable_documents, shown_value
from ..store.document_corrections import FIELDS, apply, directive_values, extracted_values
from ..store.schema import DOCUMENT_CORRECTION_KEY
from . import parse, query
from .actions import CorrectionError, log_change
from .agencies import known_spelling
from .messages import column_name, say, vietnamese_date

# the Democratic Republic of Vietnam's founding (2/9/1945): no directive of the state is older,
# and a year such as 0001 is a slip
FIRST_ISSUE = dt.date(1945, 9, 2)

# review document's options, and the choices of its --undo → the documents columns they correct
OPTIONS = {"number": "doc_number", "type": "doc_type", "issuer": "issuer", "date": "issued_date",
           "title": "title"}


def undo_field(name: str) -> str:
    """The ``FIELDS`` column an ``--undo`` names: by its option ("number") or by its name in
    Vietnamese, accents and case aside ("số ký hiệu", "trich yeu"; new-user trial).
    CorrectionError listing both for any other name."""
    wanted = strip_accents(fold(name.strip()))
    for option, field in OPTIONS.items():
        if wanted in (option, strip_accents(fold(column_name(field)))):
            return field
    raise CorrectionError(say("unknown_undo_field", field=name, choices=", ".join(
        f"{option} ({column_name(field)})" for option, field in OPTIONS.items())))


def corrected_options(db: sqlite_utils.Database, document_id: int) -> list[str]:
    """The ``--undo`` choices of the fields the clerk corrected ("number", "title"), in
    ``OPTIONS`` order: the hint names one that can be undone (new-clerk trial, stop 39)."""
    corrected = directive_values(db, document_id)
    return [option for option, field in OPTIONS.items() if field in corrected]


def clean_value(field: str, value: str) -> str | None:
    """A value typed for ``field`` (a ``FIELDS`` column) as stored: None for a blank one (''
    clears the field: a news item has no number), a date as the clerk types dates elsewhere
    (``parse.date``: 30/09/2022, 2022-09-30) in ISO, a số ký hiệu without spaces ("846 / UBND -
    TH" → "846/UBND-TH", its "Số:" label and closing mark left out), a type of
    ``rules/doc_types.yml`` as it writes it ("cong van" → "Công văn"), other text as
    ``parse.free_text`` cleans it (NFC, spaces collapsed).
    CorrectionError for an unknown field, a value of spaces only, a date that is none, after
    today (a directive is corrected once issued: 2027 for 2026 is a slip) or before
    ``FIRST_ISSUE``, or a text too long."""
    if field not in FIELDS:
        raise CorrectionError(say("unknown_field", field=field, choices=", ".join(FIELDS)))
    if not value:
        return None
    if not clean(value).strip():  # a slip, never a way to clear: '' is (new-clerk trial)
        raise CorrectionError(say("blank_value", field=column_name(field)))
    try:
        if field == "issued_date":
            return _issued(parse.date(value)).isoformat()
        text = parse.free_text(value, what=column_name(field).lower())
    except parse.ParseError as exc:
        raise CorrectionError(str(exc)) from None
    if field == "doc_number":
        return typed_number(text) or _other_number(text)
    return known_type(text) or text if field == "doc_type" else text


def _issuer_spelling(db: sqlite_utils.Database, typed: str) -> str:
    """The issuer as the documents, the tasks or ``rules/agencies.yml`` write it when typed
    with its accents, case or abbreviations otherwise ("uy ban nhan dan tinh nghe an", "UBND
    tỉnh Nghệ An" → "Ủy ban nhân dân tỉnh Nghệ An"), else as typed with a capital: the letters
    cite it (new-clerk trial, stop 39)."""
    issuers = [row[0] for row in db.execute(
        "select distinct issuer from documents where issuer is not null")]
    spelled = known_spelling(db, typed, issuers)
    return spelled[:1].upper() + spelled[1:]


def _other_number(text: str) -> str:
    """A số ký hiệu of another shape ("09-nq/tu" of a Party committee) in capitals, without the
    spaces around its "/" and "-"; CorrectionError for words around it (a line copied whole,
    whose words had been glued to it: new-clerk trial)."""
    bare = without_number_label(text).rstrip(" .;,/")  # "Số: 09-NQ/TU./." as copied
    number = regex.sub(r"\s*([/-])\s*", r"\1", bare)
    if regex.search(r"\s", number):
        raise CorrectionError(say("not_a_document_number", value=text))
    return number.upper()


def _issued(day: dt.date) -> dt.date:
    if day > dt.date.today():
        raise CorrectionError(say("issued_in_future", day=vietnamese_date(day),
                                  today=vietnamese_date(dt.date.today())))
    if day < FIRST_ISSUE:
        raise CorrectionError(say("issued_before_state", day=vietnamese_date(day)))
    return day


def document_row(db: sqlite_utils.Database, document_id: int) -> dict:
    """The readable file ``document_id`` (``id``, ``path``, ``sha256``, ``directive_id``,
    ``extracted`` and ``FIELDS``) with its directive's key (``directive_key``).
    CorrectionError (``no_document``) when no readable file has that id."""
    row = next(db.query(
        f"select d.id, d.path, d.sha256, d.directive_id, d.extracted, "
        f"{', '.join('d.' + field for field in FIELDS)}, r.key as directive_key from documents d "
        "join directives r on r.id = d.directive_id where d.id = ? and d.status = 'ok'",
        [document_id]), None)
    if row is None:
        raise CorrectionError(query.no_document(db, document_id))
    return row


def correct(db: sqlite_utils.Database, document_id: int, changes: dict[str, str],
            via: str = "cli") -> dict[str, str | None]:
    """Correct fields of the document: ``{"doc_number": "215/KH-UBND", "issued_date":
    "30/09/2022", "title": ""}`` as typed, on every file of its directive, on this and every
    later run, an issuer spelt as the documents spell it (``_issuer_spelling``); a value equal
    to what the field holds now is left out: what the extractor read,
    of a field not corrected (stored, it would pin the field against a newer file's reading),
    or the clerk's earlier value (typed again, it had logged a change from a value to itself:
    new-clerk trial, stop 37); the value read, typed over a correction, takes the correction
    back. Returns the values as stored ({field: value}, None for a field
    cleared), {} when every value was already held (nothing is written: a clerk typing a value
    twice did nothing wrong). CorrectionError for a value ``clean_value`` refuses or a document
    not read, nothing changed."""
    cleaned = {field: clean_value(field, value) for field, value in changes.items()}
    if cleaned.get("issuer"):
        cleaned["issuer"] = _issuer_spelling(db, cleaned["issuer"])
    with writing(db):
        document = document_row(db, document_id)
        read = extracted_values(document)
        held = {**read, **directive_values(db, document_id)}
        cleaned = {field: value for field, value in cleaned.items() if value != held[field]}
        if not cleaned:
            return {}
        for field, value in cleaned.items():
            if value == read[field]:  # the value read, typed back: the correction goes, as
                _take_back(db, document, field, via)  # --undo takes it (new-clerk trial)
                continue
            db.table("document_corrections").upsert(
                {"directive_key": document["directive_key"], "field": field,
                 "value": json.dumps(value, ensure_ascii=False), "sha256": document["sha256"],
                 "updated_at": now(), "updated_by": getpass.getuser()},
                pk=DOCUMENT_CORRECTION_KEY)
            _log(db, document, field, value, via)
        _reapply(db, document["directive_id"])
    return cleaned


def undo(db: sqlite_utils.Database, document_id: int, fields: list[str],
         via: str = "cli") -> dict[str, str | None]:
    """Take back the clerk's corrections of ``fields`` (``FIELDS`` columns) of the document's
    directive, under any of its keys: each is deleted and logged, and every file of the
    directive gets back what the extractor read. Returns {field: the document's value now}.
    CorrectionError, nothing changed, when a field was never corrected (the message lists
    those that were)."""
    with writing(db):
        document = document_row(db, document_id)
        corrected = directive_values(db, document_id)
        never = [f for f in FIELDS if f in fields and f not in corrected]
        if not fields or never:  # naming the fields asked for in vain (new-clerk trial)
            raise CorrectionError(say(
                "document_nothing_to_undo", document_id=document_id,
                asked=", ".join(column_name(f) for f in never) or "—",
                fields=", ".join(column_name(f) for f in FIELDS if f in corrected) or
                say("document_no_corrections")))
        for field in fields:
            _take_back(db, document, field, via)
        _reapply(db, document["directive_id"])
        now_read = document_row(db, document_id)
    return {field: now_read[field] for field in fields}


def _take_back(db: sqlite_utils.Database, document: dict, field: str, via: str) -> None:
    """Delete the clerk's correction of ``field`` of the document's directive, under any of its
    keys, and log the change back to what the extractor read."""
    keys = directive_keys(db, document["id"])
    db.execute(f"delete from document_corrections where field = ? and directive_key in "
               f"({', '.join('?' * len(keys))})", [field, *keys])
    _log(db, document, field, extracted_values(document)[field], via)


def sharing_number(db: sqlite_utils.Database, document_id: int) -> list[str]:
    """The other directives whose file shown to the clerk bears the document's số ký hiệu
    (spaces, accents and case aside), as "id:7 (ten-tep.docx)": letters and reports would cite
    both alike. [] when the document has no number."""
    document = document_row(db, document_id)
    if not document["doc_number"]:
        return []
    bearers = query.number_bearers(db).get(query.compact(document["doc_number"]), [])
    return [f"id:{row['id']} ({PurePath(row['path']).name})" for row in bearers
            if row["directive_id"] != document["directive_id"]]


def field_lines(db: sqlite_utils.Database, document_id: int) -> list[str]:
    """The document's fields as stored, one line each in Vietnamese after a heading naming the
    file; a corrected field with what the extractor read ("Số ký hiệu: 215/KH-UBND (đã sửa;
    văn bản ghi: —)"). CorrectionError for a document not read."""
    document = document_row(db, document_id)
    read = json.loads(document["extracted"] or "{}")
    lines = [say("document_heading", document_id=document_id,
                 file=PurePath(document["path"]).name)]
    for field in FIELDS:
        shown = {"field": column_name(field), "value": shown_value(field, document[field])}
        lines.append(say("document_field_corrected", read=shown_value(field, read[field]),
                         **shown) if field in read else say("document_field", **shown))
    return lines


def _log(db: sqlite_utils.Database, document: dict, field: str, new, via: str) -> None:
    """Log the change of the document's ``field`` from its stored value to ``new``."""
    log_change(db, {"id": None, "document_id": document["id"], "sha256": document["sha256"],
                    "directive_key": document["directive_key"]}, None, field, document[field],
               new, via)


def _reapply(db: sqlite_utils.Database, directive_id: int) -> None:
    """Apply the document corrections to every readable file of the directive and merge its
    metadata again."""
    for document_id in readable_documents(db, directive_id):
        apply(db, document_id)
    directives.refresh(db, [directive_id])
