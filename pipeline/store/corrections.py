"""Re-application of the clerk's corrections, inside the transaction that writes a document.

A correction is keyed by what survives re-extraction, another format and a new version of the
file: the directive's key (``directives.key``, see ``store.directives``), the task's text with its
whitespace collapsed (``task_key``) and, for a sentence the directive repeats, which occurrence.
``apply`` runs inside ``store.save_document``'s transaction, so a re-run, ``--force``, a changed
rule file, the .pdf copy of a corrected .txt or the signed version of a corrected draft never
loses a fix:

- ``lead``/``support``/``deadline``/``recurrence``/``pillar``: the clerk's value replaces the
  extractor's, and the task no longer needs review (``review_status = 'corrected'``);
- ``status = accepted``: the extractor's values stand, ``needs_review = 0``;
- ``status = rejected``: not a task; the row stays but is marked ``review_status = 'rejected'``
  and every view, query and export leaves it out;
- ``added``: a task the extractor missed, found again in the document text on every run;
- ``text``: the task's passage as the clerk cut it, where the extractor cut it short or long (a
  line that ends inside a name): the row shows that passage (``start``/``end`` with it), while
  the extractor's text, kept in ``tasks.extracted``, stays the task's key (``key_text``).

The clerk's follow-up statuses (``statuses``, same keys plus a period) are re-applied the same
way by ``apply_statuses``: ``task_statuses`` is rebuilt for the document's current task rows.

A correction whose task text is gone from the file that represents its directive cannot be
carried; ``unplaced`` lists them for the clerk. The clerk's side that records corrections is
``pipeline.clerk.actions``; statuses, ``pipeline.clerk.status``.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import cast

import regex
import sqlite_utils

from extractors import rules
from extractors.names import canonical, resolve
from extractors.rules import review_reason
from extractors.text import fold, strip_accents

from .schema import STATUS_STATE, new_ids

FIELDS = ("lead", "support", "deadline", "recurrence", "pillar")
AGENCY_FIELDS = ("lead", "support")
RECUT_KEYS = ("text", "cut")  # what tasks.extracted keeps of a passage the clerk re-cut
NEARLY_SAME = 0.8  # share of a task's words that must survive for it to keep its corrections


def task_key(text: str) -> str:
    """What identifies a task across re-extractions: its text, whitespace collapsed."""
    return " ".join(text.split())


def key_text(task: dict) -> str:
    """The text a task row's corrections and statuses are keyed by: the extractor's, which
    ``tasks.extracted`` keeps once the clerk re-cut the row's passage (``text`` correction)."""
    return json.loads(task.get("extracted") or "{}").get("text", task["text"])


def passage_near(document_text: str, text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """Start and end of ``text`` in the document where it overlaps ``span`` (the task's
    character offsets), as ``locate`` finds it; None when no copy of it does."""
    return next(((start, end) for start, end in _copies(document_text, text)
                 if start < span[1] and span[0] < end), None)


SENTENCE_END = " \t\n.;:,/…"  # what may close a sentence: "./." ends a document's last one


def sentence_words(text: str) -> str:
    """A sentence as a copy of it is compared with a stored task: folded (case, tone placement),
    whitespace collapsed, the marks that close it ("./.", ".", ";") left out."""
    return fold(task_key(text)).rstrip(SENTENCE_END)


def sentence_span(document_text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` (character offsets) without the marks that close it (``SENTENCE_END``)."""
    start, end = span
    while end > start and document_text[end - 1] in SENTENCE_END:
        end -= 1
    return start, end


def logged_value(value) -> str | None:
    """A correction's value (as ``json.loads`` gives it back) as ``corrections_log`` shows it:
    a list of agencies joined by "; ", an empty one None."""
    if isinstance(value, list):
        return "; ".join(value) or None
    return value


def occurrence_keys(texts: list[str]) -> list[tuple[str, int]]:
    """(task_key, occurrence) of each text in order: 1 for a text's first appearance, 2 for the
    second (the same sentence under another heading), ..."""
    seen: dict[str, int] = {}
    keys = []
    for text in texts:
        key = task_key(text)
        seen[key] = seen.get(key, 0) + 1
        keys.append((key, seen[key]))
    return keys


def occurrence_of(db: sqlite_utils.Database, document_id: int, task_id: int) -> int:
    """Which occurrence of its text the task is among its file's tasks (1: the first)."""
    siblings = list(db.query("select id, text, extracted from tasks where document_id = ? "
                             "order by seq, id", [document_id]))
    keys = occurrence_keys([key_text(t) for t in siblings])
    return next(n for t, (_, n) in zip(siblings, keys, strict=True) if t["id"] == task_id)


def readable_documents(db: sqlite_utils.Database, directive_id: int) -> list[int]:
    """The ids of the directive's files that were read (status ``ok``): where its corrections
    and statuses apply."""
    return [row[0] for row in db.execute(
        "select id from documents where directive_id = ? and status = 'ok'", [directive_id])]


def apply(db: sqlite_utils.Database, document_id: int) -> None:
    """Re-apply every correction of this document's directive to it. Call inside the write
    transaction."""
    document = next(db.query("select text, province from documents where id = ?",
                             [document_id]), None)
    if document is None:
        return
    read_then = directive_baselines(db, document_id)
    for (key, occurrence), (text, fields) in directive_corrections(db, document_id).items():
        task = find_task(db, document_id, key, occurrence)
        if task is None:
            if fields.get("status") == "rejected" or not (set(fields) - {"status"}):
                continue  # nothing to bring back
            task = _restore(db, document_id, document["text"] or "", text)
            if task is None:
                continue  # the text is gone from the document: ``unplaced`` lists it
        _apply_to_task(db, task, fields, document["province"],
                       read_then.get((key, occurrence), {}))
        if "text" in fields:
            _recut(db, task["id"], document["text"] or "", fields["text"])
    apply_statuses(db, document_id)


def apply_statuses(db: sqlite_utils.Database, document_id: int) -> None:
    """Rebuild ``task_statuses`` of this document from the clerk's ``statuses`` of its directive
    (``directive_keys``): each status goes to the task ``find_task`` gives for its key and
    occurrence, of one kept under two keys the later; a status whose task is no longer extracted
    stays in ``statuses`` and applies again when it comes back. Call inside the write
    transaction."""
    db.execute("delete from task_statuses where task_id in "
               "(select id from tasks where document_id = ?)", [document_id])
    found: dict[tuple[str, int], dict | None] = {}
    for row in directive_statuses(db, document_id):
        task_of = (row["task_key"], row["occurrence"] or 1)
        if task_of not in found:
            found[task_of] = find_task(db, document_id, *task_of)
        task = found[task_of]
        if task is not None:
            db.table("task_statuses").insert({"task_id": task["id"], "period": row["period"],
                                        **{field: row[field] for field in STATUS_STATE}},
                                       replace=True)


def directive_statuses(db: sqlite_utils.Database, document_id: int) -> list[dict]:
    """The clerk's ``statuses`` rows of this document's directive (``directive_keys``), oldest
    first."""
    keys = directive_keys(db, document_id)
    return list(db.query(f"select * from statuses where directive_key in "
                         f"({', '.join('?' * len(keys))}) order by updated_at", keys))


def directive_keys(db: sqlite_utils.Database, document_id: int) -> list[str]:
    """The keys the corrections of this document's directive may carry: the directive's own;
    "số|issuer|date" of its merged metadata and "text:" + each of its files' ``text_key`` (the
    key another database gave the same directive, founded there by another file); "sha256:" +
    each of its files' hashes (corrections made before directives existed)."""
    directive = "(select directive_id from documents where id = :id)"
    return [row[0] for row in db.execute(
        f"select key from directives where id = {directive} "
        "union select doc_number || '|' || issuer || '|' || issued_date from directives "
        f"where id = {directive} and doc_number is not null and issuer is not null and "
        "issued_date is not null "
        f"union select 'text:' || text_key from documents where directive_id = {directive} "
        "and text_key is not null "
        f"union select 'sha256:' || sha256 from documents where directive_id = {directive} "
        "and sha256 is not null", {"id": document_id})]


def directive_corrections(db: sqlite_utils.Database,
                          document_id: int) -> dict[tuple[str, int], tuple[str, dict]]:
    """(task_key, occurrence) → (the task's text, {field: value}) for this document's directive;
    of a field corrected under two keys, the later value."""
    keys = directive_keys(db, document_id)
    grouped: dict[tuple[str, int], tuple[str, dict]] = {}
    for row in db.query(
            "select task_key, occurrence, field, value, text from corrections where "
            f"directive_key in ({', '.join('?' * len(keys))}) order by updated_at", keys):
        entry = grouped.setdefault((row["task_key"], row["occurrence"] or 1), (row["text"], {}))
        entry[1][row["field"]] = json.loads(row["value"])
    return grouped


def directive_baselines(db: sqlite_utils.Database,
                        document_id: int) -> dict[tuple[str, int], dict]:
    """(task_key, occurrence) → {field: what the extractor read for it when the clerk corrected
    or accepted it (``comparable``)} for this document's directive; a correction older than
    ``corrections.extracted`` has none."""
    keys = directive_keys(db, document_id)
    found: dict[tuple[str, int], dict] = {}
    for row in db.query(
            "select task_key, occurrence, field, extracted from corrections where directive_key "
            f"in ({', '.join('?' * len(keys))}) and extracted is not null order by updated_at",
            keys):
        found.setdefault((row["task_key"], row["occurrence"] or 1), {})[row["field"]] = \
            json.loads(row["extracted"])
    return found


def extracted_values(db: sqlite_utils.Database, task: dict,
                     overridden: set[str] | frozenset[str] = frozenset()) -> dict:
    """What the extractor read for the task (``tasks.extracted``): {field: value} for the
    fields a correction overrides (an agency field as [{agency, mention, resolved}]), "review":
    {needs_review, review_reason}; the row's own values for the rest, not yet overridden. A row
    corrected before ``tasks.extracted`` existed holds the clerk's values for ``overridden``
    (the fields its corrections set): those are left out, not known until the file is read
    again."""
    kept = json.loads(task.get("extracted") or "{}")
    legacy = task.get("review_status") == "corrected" and not task.get("extracted")
    for field in FIELDS:
        if field in kept or (legacy and field in overridden):
            continue
        if field in AGENCY_FIELDS:
            kept[field] = [dict(row) for row in db.query(
                "select agency, mention, resolved from task_agencies where task_id = ? and "
                "role = ? order by rowid", [task["id"], field])]
        else:
            kept[field] = task[field]
    kept.setdefault("review", {"needs_review": task["needs_review"],
                               "review_reason": task["review_reason"]})
    return kept


def withdraw(db: sqlite_utils.Database, task: dict, fields: list[str]) -> list[str]:
    """Give ``task`` back what the extractor read for ``fields`` (``tasks.extracted``) once their
    corrections are deleted; with no corrected field left, its own review flag and reason too,
    and no verdict (``apply`` then restores an accepted one). Returns the fields whose read
    value is not known (corrected before ``tasks.extracted`` existed): they keep the corrected
    value until the file is read again. Call inside the write transaction."""
    extracted = json.loads(task.get("extracted") or "{}")
    unknown = [field for field in fields if field not in extracted]
    updates: dict = {}
    for field in fields:
        if field not in extracted:
            continue
        value = extracted.pop(field)
        if field in AGENCY_FIELDS:
            db.execute("delete from task_agencies where task_id = ? and role = ?",
                       [task["id"], field])
            for agency in value:
                db.table("task_agencies").insert({"task_id": task["id"], "role": field, **agency})
        else:
            updates[field] = value
    recut = {k: extracted[k] for k in RECUT_KEYS if k in extracted}
    if set(extracted) & set(FIELDS):
        updates["extracted"] = json.dumps(extracted, ensure_ascii=False)
    elif not unknown:
        updates.update(extracted=json.dumps(recut, ensure_ascii=False) if recut else None,
                       review_status=None,
                       **extracted.get("review", {"needs_review": 0, "review_reason": None}))
    if updates:
        db.table("tasks").update(task["id"], updates)
    return unknown


def comparable(field: str, value):
    """A field's extracted value as a correction's ``extracted`` keeps it: agencies their sorted
    canonical names, other fields as they are."""
    if field in AGENCY_FIELDS:
        return sorted(a["agency"] for a in value or [])
    return value


def conflicts(task_id: int, fields: dict, extracted: dict, read_then: dict) -> list[str]:
    """Why a corrected task needs the clerk again: for each corrected field whose text now reads
    otherwise than when the correction was made (a new version of the document changed the
    deadline the clerk had corrected), a reason in Vietnamese (rules/messages.yml
    ``review_reasons`` ``text_changed``). The clerk's value still stands."""
    reasons = []
    for field in FIELDS:
        if field not in fields or field not in read_then or field not in extracted:
            continue
        now_read = comparable(field, extracted[field])
        if now_read != read_then[field]:
            reasons.append(review_reason(
                "text_changed", field=rules.load()["messages"]["columns"][field].lower(),
                read=shown_value(field, now_read), then=shown_value(field, read_then[field]),
                value=shown_value(field, fields[field]), task_id=task_id, option=field))
    return reasons


def shown_value(field: str, value) -> str:
    """A field's value as the clerk reads it in a reason or a confirmation: 30/09/2022, "A; B",
    a pillar's or recurrence's label (rules/labels.yml), a task's text in quotes; "—" for
    none."""
    if not value:
        return "—"
    if isinstance(value, list):
        return "; ".join(value)
    if field in ("deadline", "issued_date"):  # issued_date: a document's (review document)
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    if field == "text":  # in quotes, without the marks closing it: "«...».." was seen
        return f"“{value.rstrip(SENTENCE_END)}”"
    section = {"pillar": "pillars", "recurrence": "recurrences"}.get(field)
    return rules.load()["labels"][section].get(value, value) if section else str(value)


def unplaced(db: sqlite_utils.Database, directive_id: int) -> list[dict]:
    """The corrections and follow-up statuses of a directive whose task is not in the file
    representing it (its text is gone), for the clerk to redo: ``[{"text", "fields": {field:
    value}, "document_id"}]`` for a correction, ``[{"text", "state": {STATUS_STATE},
    "period", "document_id"}]`` for a status."""
    row = db.execute("select document_id from directives where id = ?", [directive_id]).fetchone()
    if not row or row[0] is None:
        return []
    document_id = row[0]
    found = [{"text": text, "fields": fields, "document_id": document_id}
             for (key, occurrence), (text, fields) in directive_corrections(db,
                                                                            document_id).items()
             if find_task(db, document_id, key, occurrence) is None]
    latest = {(status["task_key"], status["occurrence"] or 1, status["period"]): status
              for status in directive_statuses(db, document_id)}  # each task and period's last
    return found + [{"text": status["text"], "period": status["period"],
                     "state": {field: status[field] for field in STATUS_STATE},
                     "document_id": document_id}
                    for (key, occurrence, _), status in latest.items()
                    if status["status"] and find_task(db, document_id, key, occurrence) is None]


def find_task(db: sqlite_utils.Database, document_id: int, key: str,
              occurrence: int = 1) -> dict | None:
    """The ``occurrence``-th task with this key; failing that, for a first occurrence, the one
    that keeps most of its words (``nearly_same``: a rule change that moved a task's boundary by a
    few words, or a new version of the file that reworded a few, keeps its correction; a task
    split in two does not inherit it)."""
    tasks = list(db.query("select * from tasks where document_id = ? order by seq, id",
                          [document_id]))
    same = [t for t in tasks if task_key(key_text(t)) == key]
    if len(same) >= occurrence:
        return same[occurrence - 1]
    if occurrence > 1:
        return None
    share, task = max(((kept_share(key, task_key(key_text(t))), t) for t in tasks),
                      key=lambda pair: pair[0], default=(0.0, None))  # the first of the best
    return task if share >= NEARLY_SAME else None


def stored_key(db: sqlite_utils.Database, table: str, directive_key: str, text: str) -> str:
    """The key of a task with this text in ``table`` (corrections, statuses) under its
    directive: the key its earlier rows use if its text has since moved a little, else its own."""
    key = task_key(text)
    for row in db.query(f"select distinct task_key from [{table}] where directive_key = ?",
                        [directive_key]):
        if row["task_key"] == key or nearly_same(row["task_key"], key):
            return row["task_key"]
    return key


def kept_share(key: str, other: str) -> float:
    """The share of the longer text's words the two have in common, in order (0-1, by
    ``difflib.SequenceMatcher`` on words): 0.95 for one word of twenty changed, 0.8 for a text
    that lost a fifth of its words."""
    words, other_words = key.split(), other.split()
    if not words or not other_words:
        return 0.0
    matcher = SequenceMatcher(None, words, other_words, autojunk=False)
    common = sum(block.size for block in matcher.get_matching_blocks())
    return common / max(len(words), len(other_words))


def nearly_same(key: str, other: str) -> bool:
    """At least ``NEARLY_SAME`` of the longer text's words survive in the other (``kept_share``)."""
    return kept_share(key, other) >= NEARLY_SAME


def locate(document_text: str, text: str) -> tuple[int, int] | None:
    """Start and end of ``text`` in the document, ignoring whitespace, case and tone placement
    (and accents, where no copy has them as typed: ``_copies``)."""
    return next(_copies(document_text, text), None)


def _copies(document_text: str, text: str) -> Iterator[tuple[int, int]]:
    """Start and end of each copy of ``text`` in the document (``locate``); with none, of each
    copy that differs in accents only, as OCR reads a scan ("kê hoạch triên khai" for the "kế
    hoạch triển khai" the clerk types from the paper; clerk's trial, stop 35)."""
    found = False
    for span in _word_runs(fold(document_text), fold(text)):
        found = True
        yield span
    bare = strip_accents(document_text)
    if not found and len(bare) == len(document_text):
        yield from _word_runs(bare, strip_accents(text))


def _word_runs(document_text: str, text: str) -> Iterator[tuple[int, int]]:
    """Start and end of each run of ``text``'s words in ``document_text``, any spacing between."""
    words = text.split()
    if words:
        pattern = regex.compile(r"\s+".join(regex.escape(w) for w in words))
        yield from (match.span() for match in pattern.finditer(document_text))


def _restore(db: sqlite_utils.Database, document_id: int, document_text: str,
             text: str) -> dict | None:
    """Insert a task the extractor did not produce, at the place its text is in the document."""
    span = locate(document_text, text)
    if span is None:
        return None
    start, end = span
    block = next(db.query('select source from document_blocks where document_id = ? and start <= ? '
                          'and "end" >= ? order by seq limit 1', [document_id, start, start]), None)
    seq = db.execute("select coalesce(max(seq), -1) + 1 from tasks where document_id = ?",
                     [document_id]).fetchone()[0]
    task_id = cast(int, db.table("tasks").insert({
        "id": new_ids(db, "tasks")[0], "document_id": document_id, "seq": seq,
        "text": document_text[start:end], "search_text": strip_accents(document_text[start:end]),
        "start": start, "end": end, "confidence": 1.0, "needs_review": 0, "review_status": "added",
        "source": block["source"] if block else None}).last_pk)
    return db.table("tasks").get(task_id)


def _apply_to_task(db: sqlite_utils.Database, task: dict, fields: dict,
                   province: str | None, read_then: dict) -> None:
    """Give the task the clerk's ``fields``, keeping what the extractor read of those it
    overrides in ``tasks.extracted``; ``read_then`` ({field: ``comparable`` value}) is what it
    read when the clerk corrected them: a field that now reads otherwise flags the task."""
    updates = {f: v for f, v in fields.items() if f in FIELDS and f not in AGENCY_FIELDS}
    corrected = set(fields) & set(FIELDS)
    if corrected:
        extracted = extracted_values(db, task, corrected)
        kept = {k: v for k, v in extracted.items()
                if k in corrected or k == "review" or k in RECUT_KEYS}
        if set(kept) & corrected:  # none: a row corrected before tasks.extracted, unknown
            updates["extracted"] = json.dumps(kept, ensure_ascii=False)
    for role in AGENCY_FIELDS:
        if role in fields:
            _replace_agencies(db, task["id"], role, fields[role], province)
    status = fields.get("status")
    if status == "rejected":
        updates.update(review_status="rejected", needs_review=0)
    elif "added" in fields:  # a sentence with no lead read waits for the clerk's --lead
        lead = fields.get("lead")
        updates.update(review_status="added", needs_review=int(not lead),
                       review_reason=None if lead else review_reason("no_lead"))
    elif corrected:
        reasons = conflicts(task["id"], fields, extracted, read_then)
        updates.update(review_status="corrected", needs_review=int(bool(reasons)),
                       review_reason="; ".join(reasons) or extracted["review"]["review_reason"])
    elif status == "accepted":
        updates.update(review_status="accepted", needs_review=0)
    if updates:
        db.table("tasks").update(task["id"], updates)


def _recut(db: sqlite_utils.Database, task_id: int, document_text: str, text: str) -> None:
    """Give the task the passage the clerk cut (``text``) where it overlaps the extractor's cut,
    keeping the extractor's text and span (``RECUT_KEYS``) in ``tasks.extracted``; a passage no
    longer there leaves the extractor's cut."""
    task = db.table("tasks").get(task_id)
    extracted = json.loads(task["extracted"] or "{}")
    cut = extracted.get("cut", [task["start"], task["end"]])
    span = passage_near(document_text, text, (cut[0], cut[1]))
    if span is None:
        return
    extracted.update(text=extracted.get("text", task["text"]), cut=cut)
    passage = document_text[span[0]:span[1]]
    status = task["review_status"] if task["review_status"] in ("rejected", "added") \
        else "corrected"  # the review column says "Đã sửa" of a re-cut alone too (trial)
    db.table("tasks").update(task_id, {
        "text": passage, "search_text": strip_accents(passage), "start": span[0], "end": span[1],
        "extracted": json.dumps(extracted, ensure_ascii=False), "review_status": status})


def uncut(db: sqlite_utils.Database, task: dict) -> None:
    """Give the task back the extractor's text and span once its ``text`` correction is
    deleted. Call inside the write transaction."""
    extracted = json.loads(task.get("extracted") or "{}")
    if "cut" not in extracted:
        return
    text, (start, end) = extracted.pop("text"), extracted.pop("cut")
    corrected = bool(set(extracted) & set(FIELDS))
    db.table("tasks").update(task["id"], {
        "text": text, "search_text": strip_accents(text), "start": start, "end": end,
        "extracted": json.dumps(extracted, ensure_ascii=False) if extracted else None,
        "review_status": task["review_status"] if corrected or task["review_status"] in (
            "rejected", "added") else None})


def _replace_agencies(db: sqlite_utils.Database, task_id: int, role: str, names: list[str],
                      province: str | None) -> None:
    db.execute("delete from task_agencies where task_id = ? and role = ?", [task_id, role])
    for name in names:
        agency = canonical(name)
        db.table("task_agencies").insert({"task_id": task_id, "agency": agency, "role": role,
                                    "mention": name, "resolved": resolve(agency, province)})
