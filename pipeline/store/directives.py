"""One directive, one record: the files of the same directive grouped, one of them representing it.

An office receives the same directive several times: as .txt, .docx and .pdf, as a draft and then
the signed scan, again with a "Nơi nhận" block appended. Each file stays a ``documents`` row with
its own tasks; ``documents.directive_id`` groups them, and ``directives.document_id`` names the
one file whose tasks the clerk sees (queries, review, exports, charts). A file joins a directive
when, in this order:

1. its số ký hiệu, issuer and issue date are the directive's (a number with a digit in it: a
   draft's "Số: /KH-UBND" is no number);
2. its text is another file's up to formatting (``text_key``: the words, accents and case folded);
3. its text is nearly another file's (a newer version): sampled word 5-grams (``fingerprint``)
   shared at ``SAME_TEXT`` or more of the shorter file's, the shorter at least ``SAME_LENGTH`` of
   the longer, and no number, issuer or date that differs;
4. else it keeps the directive it had (a file edited in place stays itself), or founds one.

Files gone from the inbox are marked removed after the run's new files are stored
(``batch.run``): a file renamed and edited in one run is compared with its old version under
rule 3 and joins its directive, as an edit in place keeps it.

``directives.key`` names a directive for the clerk's corrections: "số|issuer|date" when the
founding file had all three, else "text:" and the founding file's ``text_key`` (the same in every
format, so another database holding another format of it finds the same key). It never changes,
so corrections keyed by it follow the directive to every file and version. Corrections made
before directives existed are keyed "sha256:" and their file's hash (``corrections.directive_keys``
accepts all three).
"""
from __future__ import annotations

import hashlib
import itertools
import json
import re
import zlib
from typing import cast

import regex
import sqlite_utils

from extractors.text import strip_accents

SHINGLE_WORDS = 5
SAMPLE_EVERY = 4  # the shingles kept: CRC-32 divisible by this, ~1/4, the same in every file
# A newer version shares nearly all its text: a line appended, a few words edited, OCR errors
# (one misread word breaks 5 shingles, so 2% misread words still leave ~90% shared).
SAME_TEXT = 0.8
SAME_LENGTH = 0.5  # a news item quoting one paragraph of a plan is not a version of it
# Representative: a file read exactly before one read by OCR, whose misreadings ("30/1 1/2026",
# "Lưu: VLE") make its text look like a newer version of the Word copy beside it (new-clerk
# trial); then the newest version; then the file read best (exact text before layout or OCR).
READ_QUALITY = ("docx", "text", "doc", "pdf", "ocr")
GUESSED_READ = "ocr"
ALNUM = re.compile(r"[a-z0-9]+")  # the standard library's re: 2× faster here than regex
META_FIELDS = ("doc_number", "issuer", "issued_date")


def words(text: str) -> list[str]:
    """The text's words, accents, case and punctuation folded away ("Đào tạo," → "dao", "tao")."""
    return ALNUM.findall(strip_accents(text))


def signature(text: str) -> dict:
    """``documents.text_key`` (SHA-1 of the folded words: equal for the same text in any format)
    and ``documents.fingerprint`` (its sampled word 5-grams as sorted CRC-32 values, stable across
    runs, as JSON)."""
    tokens = words(text)
    joined = " ".join(tokens).encode()  # the words are ASCII: a shingle is a slice of it
    starts = [0, *itertools.accumulate(len(token) + 1 for token in tokens)]
    hashes = {zlib.crc32(joined[start:end - 1]) for start, end in
              zip(starts, starts[SHINGLE_WORDS:], strict=False)}
    return {"text_key": hashlib.sha1(joined).hexdigest(),
            "fingerprint": json.dumps(sorted(h for h in hashes if h % SAMPLE_EVERY == 0))}


def same_text(one: set[int], other: set[int]) -> bool:
    """Two fingerprints of versions of one text (see SAME_TEXT and SAME_LENGTH)."""
    shorter, longer = sorted((len(one), len(other)))
    if not shorter or shorter < SAME_LENGTH * longer:
        return False
    return len(one & other) >= SAME_TEXT * shorter


def number_of(doc_number: str | None) -> str | None:
    """A số ký hiệu as compared: folded, without spaces; None unless it has a digit."""
    if not doc_number or not regex.search(r"\d", doc_number):
        return None
    return regex.sub(r"\s+", "", strip_accents(doc_number))


def metadata_of(record: dict) -> dict:
    """The identifying metadata of a document record, compared forms, None when unknown."""
    return {"doc_number": number_of(record.get("doc_number")),
            "issuer": strip_accents(record["issuer"]) if record.get("issuer") else None,
            "issued_date": record.get("issued_date")}


def compatible(one: dict, other: dict) -> bool:
    """No metadata field known on both sides differs."""
    return all(one[f] is None or other[f] is None or one[f] == other[f] for f in META_FIELDS)


def complete(metadata: dict) -> bool:
    return all(metadata[f] for f in META_FIELDS)


def find_directive(db: sqlite_utils.Database, record: dict) -> int | None:
    """The directive a document record (path, metadata and ``signature``) belongs to (rules 1-3,
    then 4's "the directive it had"), or None when it founds a new one. The file's own row, its
    previous version, counts as a candidate like any other file."""
    path = record["path"]
    metadata = metadata_of(record)
    if complete(metadata):
        for row in db.query("select id, doc_number, issuer, issued_date from directives "
                            "where issued_date = ?", [metadata["issued_date"]]):
            if metadata_of(row) == metadata:
                return row["id"]
    same = db.execute("select directive_id from documents where text_key = ? and status = 'ok' "
                      "and directive_id is not null and path != ? limit 1",
                      [record["text_key"], path]).fetchone()
    if same:
        return same[0]
    own = set(json.loads(record["fingerprint"]))
    for row in db.query(
            "select d.directive_id, d.fingerprint, r.doc_number, r.issuer, r.issued_date "
            "from documents d join directives r on r.id = d.directive_id "
            f"where {' and '.join(_candidates(metadata))}",
            {"path": path, "day": metadata["issued_date"],
             "number": regex.sub(r"\s+", "", record.get("doc_number") or "")}):
        if compatible(metadata, metadata_of(row)) and \
                same_text(own, set(json.loads(row["fingerprint"] or "[]"))):
            return row["directive_id"]
    previous = db.execute("select directive_id from documents where path = ?", [path]).fetchone()
    return previous[0] if previous else None


def _candidates(metadata: dict) -> list[str]:
    """SQL conditions on the files a document may be a version of: readable (or its own previous
    version), of a directive with no number or date that differs. A numbered or dated document
    compares with a handful of files, not with the whole database."""
    conditions = ["(d.status = 'ok' or d.path = :path)"]
    if metadata["doc_number"]:
        conditions.append("(r.doc_number is null or replace(r.doc_number, ' ', '') = :number)")
    if metadata["issued_date"]:
        conditions.append("(r.issued_date is null or r.issued_date = :day)")
    return conditions


def found_directive(db: sqlite_utils.Database, record: dict) -> int:
    """A new directive for a document record (one with its sha256 and metadata)."""
    metadata = metadata_of(record)
    key = ("|".join([record["doc_number"], record["issuer"], record["issued_date"]])
           if complete(metadata) else f"text:{record['text_key']}")
    existing = db.execute("select id from directives where key = ?", [key]).fetchone()
    if existing:  # an emptied directive of the same key (its files changed) is taken back
        return existing[0]
    return cast(int, db.table("directives").insert({"key": key}).last_pk)


def refresh(db: sqlite_utils.Database, directive_ids) -> None:
    """Choose each directive's representative file and merge its metadata from its files (the
    signed file's number fills in the draft's blank). A directive without a readable file keeps
    its row (its corrections stay keyed to it) and represents nothing."""
    quality = " ".join(f"when '{method}' then {rank}" for rank, method in enumerate(READ_QUALITY))
    for directive_id in {d for d in directive_ids if d is not None}:
        files = list(db.query(
            "select d.*, (select max(coalesce(v.mtime, 0)) from documents v where "
            "v.directive_id = d.directive_id and v.text_key = d.text_key and v.status = 'ok') "
            "as version from documents d where d.directive_id = ? and d.status = 'ok' order by "
            "d.read_method = ?, version desc, "
            f"case d.read_method {quality} else {len(READ_QUALITY)} end, d.id",
            [directive_id, GUESSED_READ]))
        merged = {f: next((d[f] for d in files if d[f]), None)
                  for f in (*META_FIELDS, "doc_type", "title")}
        db.table("directives").update(directive_id, {
            **merged, "document_id": files[0]["id"] if files else None})


def assign_missing(db: sqlite_utils.Database) -> None:
    """Group the documents of a database made before directives existed (run once, on opening)."""
    missing = list(db.query("select id, path, sha256, text, doc_number, issuer, issued_date "
                            "from documents where directive_id is null and status = 'ok' "
                            "order by id"))
    if not missing:
        return
    with db.atomic():
        for row in missing:
            signed = signature(row.pop("text") or "")
            row.update(signed)
            directive_id = find_directive(db, row) or found_directive(db, row)
            db.table("documents").update(row["id"], {**signed, "directive_id": directive_id})
            refresh(db, [directive_id])
