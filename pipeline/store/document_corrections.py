"""The clerk's values for a document's own fields, re-applied inside the transaction that writes it.

A document's số ký hiệu, type, issuer, issue date and title (``FIELDS``, columns of
``documents``) are what the extractor read in its header; chasing letters, reports and exports
cite them. A clerk corrects them (``review document``: a news item read with no number, a scan
whose number OCR misread, a title read wrong) in ``document_corrections``, one row per
(directive_key, field), its value JSON (null: the field cleared). Keyed like the task corrections
by the directive (``directives.key``, or any key ``corrections.directive_keys`` accepts), a
correction reaches every file of the directive, in every format and version, and survives every
re-run, ``--force`` included.

``apply`` gives one file the clerk's values and keeps what the extractor read for those fields
in ``documents.extracted`` (JSON {field: value}, reset by each fresh extraction); a field whose
correction is gone (undone) gets the extractor's value back from there. ``store.save_document``
calls it before ``directives.refresh``, so the ``directives`` row merges the corrected values
too. The clerk's side is ``pipeline.clerk.document_review``.
"""
from __future__ import annotations

import json

import sqlite_utils

from extractors.metadata import find_province
from extractors.names import resolve

from .corrections import directive_keys

FIELDS = ("doc_number", "doc_type", "issuer", "issued_date", "title")
KEPT = (*FIELDS, "province")  # the province follows a corrected issuer that names one


def directive_values(db: sqlite_utils.Database, document_id: int) -> dict[str, str | None]:
    """{field: the clerk's value, None for a field cleared} of the document's directive, under
    any of its keys (``directive_keys``); of a field corrected under two keys, the later."""
    keys = directive_keys(db, document_id)
    return {row["field"]: json.loads(row["value"]) for row in db.query(
        f"select field, value from document_corrections where directive_key in "
        f"({', '.join('?' * len(keys))}) order by updated_at", keys)}


def extracted_values(document: dict) -> dict[str, str | None]:
    """{field: what the extractor read} of a ``documents`` row: ``documents.extracted`` for the
    fields a correction overrides, the row's own value for the others."""
    return {**{field: document.get(field) for field in KEPT},
            **json.loads(document["extracted"] or "{}")}


def apply(db: sqlite_utils.Database, document_id: int) -> None:
    """Give the document the clerk's values of its directive (``directive_values``) and keep the
    extractor's for those fields in ``documents.extracted``; a field no longer corrected gets the
    extractor's value back. A corrected issuer that names a province ("Ủy ban nhân dân tỉnh Bình
    Định") is the document's province too, and the "tỉnh"-relative names of its tasks are
    completed with it (``task_agencies.resolved``: "Công an tỉnh Bình Định"; new-user trial).
    Call inside the write transaction."""
    document = next(db.query(f"select extracted, {', '.join(KEPT)} from documents "
                             "where id = ?", [document_id]), None)
    if document is None:
        return
    read, values = extracted_values(document), directive_values(db, document_id)
    issuer = values.get("issuer")
    province = find_province(issuer) if issuer else None
    if province:
        values["province"] = province
    kept = {field: read[field] for field in KEPT if field in values}
    db.table("documents").update(document_id, {
        **{field: values.get(field, read[field]) for field in KEPT},
        "extracted": json.dumps(kept, ensure_ascii=False) if kept else None})
    if values.get("province", read["province"]) != document["province"]:
        _resolve_agencies(db, document_id, values.get("province", read["province"]))


def _resolve_agencies(db: sqlite_utils.Database, document_id: int, province: str | None) -> None:
    """The document's task agencies completed with ``province`` (``names.resolve``)."""
    for rowid, agency in db.execute(
            "select task_agencies.rowid, agency from task_agencies join tasks on tasks.id = "
            "task_agencies.task_id where tasks.document_id = ?", [document_id]).fetchall():
        db.execute("update task_agencies set resolved = ? where rowid = ?",
                   [resolve(agency, province), rowid])
