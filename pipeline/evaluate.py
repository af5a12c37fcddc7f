"""Score a run against gold annotations (``../shared/ANNOTATION.md``).

A system task and a gold task match when their overlap, compared on words, covers at least half
of the shorter of the two; each takes its best partner, so splitting or merging units differently
from the annotator is not punished by itself, but fields are judged on the best partner.
Agencies compare as the guide allows: abbreviations expanded, an office holder equal to the body
they head, case and punctuation ignored.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex
import sqlite_utils

from extractors.names import canonical
from extractors.text import fold

from . import batch

MATCH_SHARE = 0.5
TASK_FIELDS = ("lead", "support", "deadline", "recurrence", "pillar")
DOC_FIELDS = ("number", "date", "type", "issuer")


def words(text: str) -> list[str]:
    return regex.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


def overlap(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return common / min(len(a), len(b))


def agency_key(name: str) -> str:
    return " ".join(regex.findall(r"\w+", fold(canonical(name))))


def agency_set(names: list[str]) -> frozenset[str]:
    return frozenset(agency_key(n) for n in names)


def number_key(number: str | None) -> str | None:
    return regex.sub(r"\s+", "", number).upper() if number else None


@dataclass
class Score:
    gold_tasks: int = 0
    system_tasks: int = 0
    found: int = 0  # gold tasks with a partner
    correct_system: int = 0  # system tasks with a partner
    strict_found: int = 0
    strict_system: int = 0
    fields: Counter = field(default_factory=Counter)  # field → correct on matched gold tasks
    documents: int = 0
    doc_fields: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def report(self) -> dict:
        precision = self.correct_system / self.system_tasks if self.system_tasks else 1.0
        recall = self.found / self.gold_tasks if self.gold_tasks else 1.0
        strict_p = self.strict_system / self.system_tasks if self.system_tasks else 1.0
        strict_r = self.strict_found / self.gold_tasks if self.gold_tasks else 1.0
        figures = {"documents": self.documents, "gold_tasks": self.gold_tasks,
                   "system_tasks": self.system_tasks, "task_precision": precision,
                   "task_recall": recall, "task_f1": self.f1(precision, recall),
                   "strict_f1": self.f1(strict_p, strict_r)}
        for name in TASK_FIELDS:
            figures[f"{name}_accuracy"] = self.fields[name] / self.found if self.found else 1.0
        for name in DOC_FIELDS:
            figures[f"doc_{name}_accuracy"] = (self.doc_fields[name] / self.documents
                                               if self.documents else 1.0)
        return figures


def system_tasks(db: sqlite_utils.Database, path: str) -> list[dict]:
    rows = list(db.query("""
        select t.id, t.text, t.deadline, t.recurrence, t.pillar from tasks t
        join documents d on d.id = t.document_id where d.path = ? order by t.seq""", [path]))
    for row in rows:
        agencies = list(db.query("select agency, role from task_agencies where task_id = ?",
                                 [row["id"]]))
        row["lead"] = [a["agency"] for a in agencies if a["role"] == "lead"]
        row["support"] = [a["agency"] for a in agencies if a["role"] == "support"]
        row["words"] = words(row["text"])
    return rows


def compare_field(name: str, gold: dict, system: dict) -> bool:
    if name in ("lead", "support"):
        return agency_set(gold[name]) == agency_set(system[name])
    return gold[name] == system[name]


def strictly_right(gold: dict, system: dict) -> bool:
    """Found with the right leads and the right deadline (strict F1)."""
    return compare_field("lead", gold, system) and compare_field("deadline", gold, system)


def best_partner(target: list[str], candidates: list[dict]) -> dict | None:
    scored = [(overlap(target, c["words"]), c) for c in candidates]
    scored = [(s, c) for s, c in scored if s >= MATCH_SHARE]
    return max(scored, key=lambda sc: (sc[0], len(sc[1]["words"])))[1] if scored else None


def score_document(score: Score, name: str, gold: dict, system: list[dict], doc: dict) -> None:
    score.documents += 1
    score_metadata(score, name, gold.get("doc", {}), doc)
    gold_tasks = gold.get("tasks", [])
    for task in gold_tasks:
        task["words"] = words(task["quote"])
    score.gold_tasks += len(gold_tasks)
    score.system_tasks += len(system)
    for task in gold_tasks:
        partner = best_partner(task["words"], system)
        if partner is None:
            score.errors.append(f"{name} MISSED: {task['quote'][:160]}")
            continue
        score.found += 1
        right = {f: compare_field(f, task, partner) for f in TASK_FIELDS}
        score.fields.update(f for f, ok in right.items() if ok)
        score.strict_found += strictly_right(task, partner)
        for f, ok in right.items():
            if not ok:
                score.errors.append(f"{name} {f.upper()}: gold {task[f]!r} system {partner[f]!r}"
                                    f" | {task['quote'][:110]}")
    for task in system:
        partner = best_partner(task["words"], gold_tasks)
        if partner is None:
            score.errors.append(f"{name} SPURIOUS: {task['text'][:160]}")
            continue
        score.correct_system += 1
        score.strict_system += strictly_right(partner, task)


def score_metadata(score: Score, name: str, gold: dict, doc: dict) -> None:
    system = {"number": number_key(doc.get("doc_number")), "date": doc.get("issued_date"),
              "type": fold(doc["doc_type"]) if doc.get("doc_type") else None,
              "issuer": agency_key(doc["issuer"]) if doc.get("issuer") else None}
    expected = {"number": number_key(gold.get("number")), "date": gold.get("date"),
                "type": fold(gold["type"]) if gold.get("type") else None,
                "issuer": agency_key(gold["issuer"]) if gold.get("issuer") else None}
    for key in DOC_FIELDS:
        if system[key] == expected[key]:
            score.doc_fields[key] += 1
        else:
            score.errors.append(f"{name} DOC {key}: gold {expected[key]!r} system {system[key]!r}")


def evaluate(pairs: list[tuple[Path, Path]], db_path: Path | None = None) -> Score:
    """Run the pipeline on every documents folder and score it against its gold folder."""
    score = Score()
    with tempfile.TemporaryDirectory() as scratch:
        db_path = db_path or Path(scratch) / "eval.db"
        for n, (gold_dir, docs_dir) in enumerate(pairs):
            inbox = Path(scratch) / f"inbox{n}"
            inbox.mkdir()
            for gold_file in sorted(gold_dir.glob("*.json")):
                for doc_file in docs_dir.glob(gold_file.stem + ".*"):
                    shutil.copy(doc_file, inbox / doc_file.name)
            batch.run(inbox, db_path, force=True)
            db = sqlite_utils.Database(db_path)
            for gold_file in sorted(gold_dir.glob("*.json")):
                docs = list(db.query("select * from documents where path like ? order by path",
                                     [f"{inbox}/{gold_file.stem}.%"]))
                if not docs:
                    score.errors.append(f"{gold_file.stem} NO DOCUMENT in {docs_dir}")
                for doc in docs:  # every format of the document: .txt, .docx, .pdf ...
                    gold = json.loads(gold_file.read_text(encoding="utf-8"))
                    name = Path(doc["path"]).name
                    if doc["status"] != "ok":
                        score.errors.append(f"{name} FAILED: {doc['error']}")
                    score_document(score, name, gold, system_tasks(db, doc["path"]), doc)
    return score
