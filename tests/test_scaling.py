"""Incremental scan by size and mtime, the workers, the Dask engine."""
import json
import multiprocessing
import os
import subprocess
import sys

import pytest
import sqlite_utils

from conftest import ROOT
from pipeline import batch

# what a re-run of an unchanged inbox prints: every module of the extractor it loaded
LOADED_EXTRACTOR = """
import json, runpy, sys
sys.argv = ["pipeline", "run", "--inbox", sys.argv[1], "--db", sys.argv[2]]
try:
    runpy.run_module("pipeline", run_name="__main__")
except SystemExit as exit:
    assert not exit.code, exit.code
extractor = ("extractors.language", "extractors.roles", "extractors.tokenizer")
print(json.dumps(sorted(m for m in sys.modules if m in extractor
                        or m.partition(".")[0] in ("spacy", "underthesea", "thinc"))))
"""

# what a first run of a text-only inbox in one process prints: the readers' libraries it loaded
LOADED_READER_LIBRARIES = """
import json, sys
from pathlib import Path
from pipeline import batch
batch.run(Path(sys.argv[1]), Path(sys.argv[2]), workers=0)
libraries = ("pdfplumber", "pdfminer", "pypdfium2", "docx", "pytesseract")
print(json.dumps(sorted(m for m in sys.modules if m.partition(".")[0] in libraries)))
"""


def later(path, seconds=10):
    """Move a file's mtime forward, as an edit would (filesystem timestamps may be coarse)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def test_same_size_change_is_detected(seed_inbox, tmp_path):
    db_path = tmp_path / "tasks.db"
    batch.run(seed_inbox, db_path)
    victim = sorted(seed_inbox.glob("*.txt"))[0]
    data = victim.read_bytes()
    victim.write_bytes(data.upper())  # ASCII letters only: same size, different content
    assert victim.stat().st_size == len(data)
    later(victim)
    summary = batch.run(seed_inbox, db_path)
    assert summary.processed == 1 and summary.skipped == 4


def test_touched_file_is_hashed_once_then_skipped_by_mtime(seed_inbox, tmp_path, monkeypatch):
    db_path = tmp_path / "tasks.db"
    batch.run(seed_inbox, db_path)
    victim = sorted(seed_inbox.glob("*.txt"))[0]
    later(victim)
    hashed, sha256_of = [], batch.sha256_of

    def counting_sha256_of(path):
        hashed.append(path)
        return sha256_of(path)

    monkeypatch.setattr(batch, "sha256_of", counting_sha256_of)
    touched = batch.run(seed_inbox, db_path)
    again = batch.run(seed_inbox, db_path)
    stored = next(sqlite_utils.Database(db_path).query(
        "select mtime from documents where path = ?", [str(victim)]))
    assert touched.processed == 0 and touched.skipped == 5 and hashed == [victim]
    assert again.skipped == 5 and hashed == [victim]
    assert stored["mtime"] == victim.stat().st_mtime_ns


def test_store_stage_is_timed_in_the_writer(seed_inbox, tmp_path):
    summary = batch.run(seed_inbox, tmp_path / "tasks.db")
    assert {"read", "normalise", "extract", "store"} <= set(summary.timings)


def test_two_workers_store_the_same_as_one_and_end_with_the_batch(seed_inbox, tmp_path):
    one, two, alive = tmp_path / "one.db", tmp_path / "two.db", []

    def watch(results, total):
        for result in results:
            alive.append(len(multiprocessing.active_children()))
            yield result

    batch.run(seed_inbox, one)
    batch.run(seed_inbox, two, workers=2, progress=watch)
    query = "select path, sha256, doc_number, issued_date, task_count from documents order by path"
    assert list(sqlite_utils.Database(two).query(query)) == list(
        sqlite_utils.Database(one).query(query))
    assert len(alive) == 5 and max(alive) <= 2 and multiprocessing.active_children() == []


@pytest.mark.slow
def test_dask_engine_writes_every_document(seed_inbox, tmp_path):
    pytest.importorskip("distributed")
    from pipeline import cluster

    summary = batch.run(seed_inbox, tmp_path / "tasks.db", workers=1, engine=cluster.dask_results)
    rows = list(sqlite_utils.Database(tmp_path / "tasks.db").query(
        "select status from documents"))
    assert summary.processed == 5 and [r["status"] for r in rows] == ["ok"] * 5


def test_unchanged_rerun_never_loads_the_extractor(seed_inbox, tmp_path):
    """The re-run of an unchanged inbox decides from sizes and mtimes alone: spaCy, underthesea
    and the extraction components (seconds of start-up) are never imported."""
    db_path = tmp_path / "tasks.db"
    batch.run(seed_inbox, db_path)
    done = subprocess.run([sys.executable, "-c", LOADED_EXTRACTOR, str(seed_inbox), str(db_path)],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_text_documents_load_no_pdf_word_or_ocr_library(seed_inbox, tmp_path):
    """A reader's module is imported with the first file that needs it: the PDF, Word and OCR
    libraries cost each worker ~0.4 s of CPU that a batch of .txt files has no use for."""
    done = subprocess.run([sys.executable, "-c", LOADED_READER_LIBRARIES, str(seed_inbox),
                           str(tmp_path / "tasks.db")], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_extractor_loads_underthesea_s_sentence_splitter_alone():
    """Its package ``__init__`` loads models this pipeline never uses (~0.25 s of CPU a worker)."""
    from underthesea import sent_tokenize

    from extractors.sentences import sent_tokenize as splitter
    text = (ROOT / "corpus" / "inbox" / "000_759978d42bea8c3b.txt").read_text(encoding="utf-8")
    assert splitter(text) == sent_tokenize(text) and len(splitter(text)) > 20


def test_the_text_reader_loads_no_spacy():
    """Reading a text file needs no extractor: when its reader imported spaCy (through
    extractors.structure), a batch's peak PSS rose from 226 to 264 MB (`make bench`)."""
    done = subprocess.run([sys.executable, "-c", "import sys, pipeline.readers.text\n"
                           "print(sorted(m for m in sys.modules if m.partition('.')[0] in "
                           "('spacy', 'underthesea', 'thinc')))"],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
