"""Score a run against gold annotations (``../shared/ANNOTATION.md``), set by set.

*Where a gold task is.* Its quote is located in the set's reference text (``pipeline.corpus``) and
the reference is aligned word by word with the text the product read (``documents.text``): a gold
task then has a place in what the product read, or none when reading lost it (``UNREAD``). A
quote is never looked for in what the product read, so a reading error cannot hide itself.

*Matching.* A system task and a gold task match when their places overlap by at least half of the
shorter, in words; each is used once, largest overlaps first, so one long row cannot stand for
the tasks of a whole table. The guide lets a continuation sentence go either way (§1): a gold task
left over that lies inside a matched row, in the same item as that row's partner (the later of the
two does not open a line or follow a list marker) and with the same leads, counts as found
(merged); a row left over inside a matched gold task, with the leads of that task's partner, is
not spurious (split).

*Fields* are judged on the partner; agencies compare as the guide allows (abbreviations expanded,
an office holder equal to the body they head, case and punctuation ignored). A row is *right* when
it matches a gold task with the right leads and deadline (the strict criterion of strict F1); the
review-flag figures count rows: the share of wrong rows flagged, of unflagged rows right, of rows
flagged.
"""
from __future__ import annotations

import difflib
import shutil
import tempfile
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import regex
import sqlite_utils

from extractors.names import canonical
from extractors.text import fold

from . import batch
from .corpus import GoldDocument, GoldSet, split, words

MATCH_SHARE = 0.5
READ_SHARE = 0.5  # a quote with fewer of its words in what the product read is UNREAD
TASK_FIELDS = ("lead", "support", "deadline", "recurrence", "pillar")
DOC_FIELDS = ("number", "date", "type", "issuer")
# what may precede the first word of an item on its line: nothing, or a list marker
ITEM_MARKER = regex.compile(r"[ \t]*(?:[-+•*]|\(?(?:\d{1,3}|[a-zđ]|[IVXL]{1,5})[.)]"
                            r"(?:\d{1,3}[.)]?)*)?[ \t]*")


def starts_item(text: str, offset: int) -> bool:
    """The word at ``offset`` opens a line, after nothing but a list marker ("- ", "a) ",
    "2.1.")."""
    line_start = text.rfind("\n", 0, offset) + 1
    return ITEM_MARKER.fullmatch(text, line_start, offset) is not None


def agency_key(name: str) -> str:
    return " ".join(regex.findall(r"\w+", fold(canonical(name))))


def agency_set(names: list[str]) -> frozenset[str]:
    return frozenset(agency_key(n) for n in names)


def number_key(number: str | None) -> str | None:
    return regex.sub(r"\s+", "", number).upper() if number else None


def compare_field(name: str, gold: dict, system: dict) -> bool:
    if name in ("lead", "support"):
        return agency_set(gold[name]) == agency_set(system[name])
    return gold[name] == system[name]


def strictly_right(gold: dict, system: dict) -> bool:
    """Found with the right leads and the right deadline (strict F1)."""
    return compare_field("lead", gold, system) and compare_field("deadline", gold, system)


Span = tuple[int, int]  # word indices [first, end) into the words of what the product read


def overlap(a: Span, b: Span) -> tuple[int, float]:
    """Shared words and their share of the shorter span."""
    common = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    shorter = min(a[1] - a[0], b[1] - b[0])
    return common, (common / shorter if shorter > 0 else 0.0)


def covered(inner: Span, outer: Span) -> float:
    """Share of ``inner``'s words inside ``outer``."""
    common = max(0, min(inner[1], outer[1]) - max(inner[0], outer[0]))
    return common / (inner[1] - inner[0]) if inner[1] > inner[0] else 0.0


def reference_to_read(reference: list[str], read: list[str]) -> list[int | None]:
    """For each reference word, the index of the same word in what the product read, or None."""
    if reference == read:
        return list(range(len(read)))
    mapping: list[int | None] = [None] * len(reference)
    matcher = difflib.SequenceMatcher(None, reference, read, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    return mapping


def gold_places(document: GoldDocument, read_words: list[str]) -> list[list[Span]]:
    """Per gold task, the spans of what the product read where its quote's occurrences in the
    reference text landed; ``[]`` when the product did not read it (or the quote is not in the
    reference). Without a reference text, what the product read serves as one."""
    reference = [w for w, _, _ in words(document.reference)] if document.reference else read_words
    mapping = reference_to_read(reference, read_words)
    places = []
    for occurrences in (document.quote_spans if document.reference else
                        _occurrences(document, read_words)):
        spans = []
        for first, end in occurrences:
            landed = [mapping[i] for i in range(first, end) if mapping[i] is not None]
            if len(landed) >= READ_SHARE * (end - first):
                spans.append((min(landed), max(landed) + 1))
        places.append(spans)
    return places


def _occurrences(document: GoldDocument, read_words: list[str]) -> list[list[Span]]:
    quotes = [[w for w, _, _ in words(t["quote"])] for t in document.tasks]
    return [[(i, i + len(q)) for i in range(len(read_words) - len(q) + 1)
             if q and read_words[i:i + len(q)] == q] for q in quotes]


@dataclass
class DocumentResult:
    """One read document scored: ``partners[i]`` is the row gold task i matched (None: missed);
    every row carries ``partner`` (its gold task or None) and ``right``."""

    document: GoldDocument
    name: str  # the file as read: "OF_01.docx"
    partners: list[dict | None]
    rows: list[dict]
    doc_fields: dict[str, bool]
    errors: list[str]
    ocr: bool = False  # the product read the document by OCR
    doc_type: str | None = None  # the type the product found in the document's header


def system_rows(db: sqlite_utils.Database, path: str) -> list[dict]:
    rows = list(db.query("""
        select t.id, t.text, t.start, t."end", t.deadline, t.deadline_text, t.recurrence,
               t.pillar, t.confidence, t.needs_review, t.review_reason, t.source
        from tasks t join documents d on d.id = t.document_id where d.path = ? order by t.seq""",
                         [path]))
    for row in rows:
        agencies = list(db.query("select agency, role from task_agencies where task_id = ?",
                                 [row["id"]]))
        row["lead"] = [a["agency"] for a in agencies if a["role"] == "lead"]
        row["support"] = [a["agency"] for a in agencies if a["role"] == "support"]
    return rows


def score_document(document: GoldDocument, name: str, doc: dict,
                   rows: list[dict]) -> DocumentResult:
    """Match ``rows`` (``system_rows``) of the read document ``doc`` to the gold tasks."""
    text = doc.get("text") or ""
    read = words(text)
    read_words = [w for w, _, _ in read]
    starts, ends = [s for _, s, _ in read], [e for _, _, e in read]
    for row in rows:
        row["span"] = (bisect_left(starts, row["start"]), bisect_right(ends, row["end"]))
        row["partner"], row["right"] = None, False
    gold = document.tasks
    places = gold_places(document, read_words)
    partners: list[dict | None] = [None] * len(gold)
    place_of: dict[int, Span] = {}
    pairs = sorted(((common, share, g, r) for g, spans in enumerate(places) for span in spans
                    for r, row in enumerate(rows)
                    for common, share in [overlap(span, row["span"])] if share >= MATCH_SHARE),
                   reverse=True)
    for _, _, g, r in pairs:
        if partners[g] is None and rows[r]["partner"] is None:
            partners[g], rows[r]["partner"] = rows[r], gold[g]
            place_of[g] = next(s for s in places[g]
                               if overlap(s, rows[r]["span"])[1] >= MATCH_SHARE)
    _merged_continuations(gold, places, partners, place_of, text, starts)
    _split_rows(gold, rows, partners, place_of)
    for row in rows:
        row["right"] = row["partner"] is not None and strictly_right(row["partner"], row)
    errors = []
    for task, partner, spans in zip(gold, partners, places, strict=True):
        if partner is None:
            errors.append(f"{name} {'MISSED' if spans else 'UNREAD'}: {task['quote'][:160]}")
            continue
        for f in TASK_FIELDS:
            if not compare_field(f, task, partner):
                errors.append(f"{name} {f.upper()}: gold {task[f]!r} system {partner[f]!r}"
                              f" | {task['quote'][:110]}")
    errors += [f"{name} SPURIOUS: {row['text'][:160]}" for row in rows if row["partner"] is None]
    doc_fields = metadata_fields(document.gold.get("doc") or {}, doc)
    errors += [f"{name} DOC {key}: gold {gold_value!r} system {system_value!r}"
               for key, (ok, gold_value, system_value) in doc_fields.items() if not ok]
    return DocumentResult(document, name, partners, rows,
                          {key: ok for key, (ok, _, _) in doc_fields.items()}, errors,
                          ocr=doc.get("read_method") == "ocr", doc_type=doc.get("doc_type"))


def _merged_continuations(gold, places, partners, place_of, text, starts) -> None:
    """A gold continuation sentence the system kept inside its previous task counts as found."""
    for g, spans in enumerate(places):
        if partners[g] is not None:
            continue
        for span in spans:
            host = next((o for o, place in place_of.items()
                         if covered(span, partners[o]["span"]) >= MATCH_SHARE
                         and not starts_item(text, starts[max(span[0], place[0])])
                         and agency_set(gold[o]["lead"]) == agency_set(gold[g]["lead"])), None)
            if host is not None:
                partners[g] = partners[host]
                break


def _split_rows(gold, rows, partners, place_of) -> None:
    """A row the system split off a gold task, with that task's leads, is not spurious."""
    for row in rows:
        if row["partner"] is not None:
            continue
        host = next((g for g, span in place_of.items()
                     if covered(row["span"], span) >= MATCH_SHARE
                     and agency_set(row["lead"]) == agency_set(partners[g]["lead"])), None)
        if host is not None:
            row["partner"] = gold[host]


def metadata_fields(gold: dict, doc: dict) -> dict[str, tuple[bool, object, object]]:
    """Per document field: (right, gold value, system value), compared as keys."""
    system = {"number": number_key(doc.get("doc_number")), "date": doc.get("issued_date"),
              "type": fold(doc["doc_type"]) if doc.get("doc_type") else None,
              "issuer": agency_key(doc["issuer"]) if doc.get("issuer") else None}
    expected = {"number": number_key(gold.get("number")), "date": gold.get("date"),
                "type": fold(gold["type"]) if gold.get("type") else None,
                "issuer": agency_key(gold["issuer"]) if gold.get("issuer") else None}
    return {key: (system[key] == expected[key], expected[key], system[key]) for key in DOC_FIELDS}


def is_flagged(row: dict) -> bool:
    """The product's own review flag."""
    return bool(row["needs_review"])


@dataclass
class Score:
    gold_tasks: int = 0
    system_tasks: int = 0
    found: int = 0  # gold tasks with a partner
    unread: int = 0  # gold tasks the product did not read
    correct_system: int = 0  # system tasks with a partner
    strict_found: int = 0
    strict_system: int = 0
    fields: Counter = field(default_factory=Counter)  # field → correct on matched gold tasks
    documents: int = 0
    doc_fields: Counter = field(default_factory=Counter)
    rows: list[dict] = field(default_factory=list)

    @classmethod
    def of(cls, results: Iterable[DocumentResult]) -> Score:
        score = cls()
        for result in results:
            score.add(result)
        return score

    def add(self, result: DocumentResult) -> None:
        self.documents += 1
        self.doc_fields.update(k for k, ok in result.doc_fields.items() if ok)
        gold = result.document.tasks
        self.gold_tasks += len(gold)
        self.system_tasks += len(result.rows)
        for task, partner in zip(gold, result.partners, strict=True):
            if partner is None:
                continue
            self.found += 1
            self.fields.update(f for f in TASK_FIELDS if compare_field(f, task, partner))
            self.strict_found += strictly_right(task, partner)
        self.unread += sum(1 for e in result.errors if " UNREAD: " in e)
        self.correct_system += sum(row["partner"] is not None for row in result.rows)
        self.strict_system += sum(row["right"] for row in result.rows)
        self.rows += result.rows

    @staticmethod
    def f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def report(self, flagged: Callable[[dict], bool] = is_flagged) -> dict:
        """Figures as shares 0–1 (counts where named so); ``flagged`` decides a row's flag."""
        precision = self.correct_system / self.system_tasks if self.system_tasks else 1.0
        recall = self.found / self.gold_tasks if self.gold_tasks else 1.0
        strict_p = self.strict_system / self.system_tasks if self.system_tasks else 1.0
        strict_r = self.strict_found / self.gold_tasks if self.gold_tasks else 1.0
        figures = {"documents": self.documents, "gold_tasks": self.gold_tasks,
                   "system_tasks": self.system_tasks, "unread_tasks": self.unread,
                   "task_precision": precision, "task_recall": recall,
                   "task_f1": self.f1(precision, recall), "strict_f1": self.f1(strict_p, strict_r)}
        for name in TASK_FIELDS:
            figures[f"{name}_accuracy"] = self.fields[name] / self.found if self.found else 1.0
        for name in DOC_FIELDS:
            figures[f"doc_{name}_accuracy"] = (self.doc_fields[name] / self.documents
                                               if self.documents else 1.0)
        figures.update(flag_figures(self.rows, flagged))
        return figures


def flag_figures(rows: list[dict], flagged: Callable[[dict], bool] = is_flagged) -> dict:
    """``wrong_flagged``: share of wrong rows flagged; ``unflagged_right``: share of unflagged rows
    that are right; ``flagged_share``: share of rows flagged (1.0 / 0.0 when there is no row)."""
    flags = [flagged(row) for row in rows]
    wrong = [f for f, row in zip(flags, rows, strict=True) if not row["right"]]
    unflagged = [row["right"] for f, row in zip(flags, rows, strict=True) if not f]
    return {"wrong_flagged": sum(wrong) / len(wrong) if wrong else 1.0,
            "unflagged_right": sum(unflagged) / len(unflagged) if unflagged else 1.0,
            "flagged_share": sum(flags) / len(flags) if flags else 0.0}


def run_sets(sets: list[GoldSet], db_path: Path | None = None) -> list[DocumentResult]:
    """Run the real batch on every set's documents and score each read document; the gold
    documents are split by source (``corpus.split``) first. A gold file whose document is
    missing or failed is scored as read empty."""
    documents = {gold_set: gold_set.documents() for gold_set in sets}
    split([d for members in documents.values() for d in members])
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        db_path = db_path or Path(scratch) / "eval.db"
        for n, gold_set in enumerate(sets):
            inbox = Path(scratch) / f"inbox{n}"
            inbox.mkdir()
            for document in documents[gold_set]:
                for doc_file in gold_set.docs_dir.glob(document.name + ".*"):
                    shutil.copy(doc_file, inbox / doc_file.name)
            batch.run(inbox, db_path, force=True)
            db = sqlite_utils.Database(db_path)
            for document in documents[gold_set]:
                results += _score_read(db, inbox, document)
    return results


def _score_read(db: sqlite_utils.Database, inbox: Path, document: GoldDocument):
    docs = list(db.query("select * from documents where path like ? order by path",
                         [f"{inbox}/{document.name}.%"]))
    if not docs:
        docs = [{"path": f"{document.name} (no document)", "status": "missing", "error": None}]
    for doc in docs:  # every format of the document: .txt, .docx, .pdf ...
        name = Path(doc["path"]).name
        rows = system_rows(db, doc["path"]) if doc["status"] == "ok" else []
        result = score_document(document, name, doc, rows)
        if doc["status"] != "ok":
            result.errors.insert(0, f"{name} FAILED: {doc['error'] or 'not found'}")
        yield result


def groups(results: list[DocumentResult]) -> dict[str, list[DocumentResult]]:
    """Per set, then ``overall`` (each gold file once: copies sets left out) and, when any is
    scored, ``locked`` (the blind estimate of the rules: locked documents only)."""
    names = list(dict.fromkeys(r.document.gold_set.name for r in results))
    grouped = {name: [r for r in results if r.document.gold_set.name == name] for name in names}
    grouped["overall"] = [r for r in results if not r.document.gold_set.copies]
    locked = [r for r in grouped["overall"] if r.document.locked]
    if locked:
        grouped["locked"] = locked
    return grouped


def figures_by_set(results: list[DocumentResult], flagged: Callable[[dict], bool] = is_flagged
                   ) -> dict[str, dict]:
    """``Score.report`` of every group of ``groups``."""
    return {name: Score.of(members).report(flagged) for name, members in groups(results).items()}


def printable_errors(results: list[DocumentResult]) -> list[str]:
    """Every error of the documents that are not locked: a locked document's errors are never
    shown, so nobody tunes a rule to them."""
    return [e for r in results if not r.document.locked for e in r.errors]
