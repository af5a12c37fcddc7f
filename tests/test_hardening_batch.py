"""One document never stops the batch, failures are retried, the lock belongs to the batch
(issue 14): real batches, real worker processes, real signals."""
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
import sqlite_utils

from conftest import INBOX, ROOT, sample_files
from pipeline import batch, readers
from pipeline.lock import BatchLocked, batch_lock


def rows_by_name(db_path):
    return {os.path.basename(r["path"]): r
            for r in sqlite_utils.Database(db_path).query("select * from documents")}


def add_copy(inbox, name, stem="004_2a4f31bab8b9abc1.txt"):
    shutil.copy(INBOX / stem, inbox / name)
    return inbox / name


def test_an_extractor_exception_is_that_documents_failed_row(seed_inbox, tmp_path, monkeypatch):
    from extractors import language

    add_copy(seed_inbox, "bad.txt").write_text("Lỗi ở đây. " * 50, encoding="utf-8")
    extract = language.extract_document

    def failing_on_one(text, ocr=False):
        if text.startswith("Lỗi ở đây"):
            raise KeyError("a bug met on this text only")
        return extract(text, ocr)

    monkeypatch.setattr(language, "extract_document", failing_on_one)
    summary = batch.run(seed_inbox, tmp_path / "tasks.db")
    rows = rows_by_name(tmp_path / "tasks.db")
    assert summary.failed == 1 and summary.processed == 5
    assert rows["bad.txt"]["status"] == "failed"
    assert "KeyError" in rows["bad.txt"]["error"] and "a bug met" in rows["bad.txt"]["error"]


def test_a_text_over_the_limit_is_refused_by_name_and_the_batch_goes_on(seed_inbox, tmp_path,
                                                                        monkeypatch):
    from extractors import language

    monkeypatch.setattr(language, "MAX_TEXT_CHARS", 6000, raising=False)
    monkeypatch.setattr(language.nlp(), "max_length", 6000)  # spaCy's own refusal, made small
    summary = batch.run(seed_inbox, tmp_path / "tasks.db")
    rows = rows_by_name(tmp_path / "tasks.db")
    long = [r for r in rows.values() if r["status"] == "failed"]
    assert long and summary.processed == 5 - len(long)
    assert all("quá dài" in r["error"] and "6.000" in r["error"] for r in long)


@pytest.mark.slow
def test_a_million_character_document_is_read(seed_inbox, tmp_path):
    """spaCy's default max_length (1,000,000) used to abort the whole batch on such a text."""
    text = (INBOX / "004_2a4f31bab8b9abc1.txt").read_text(encoding="utf-8")
    (seed_inbox / "long.txt").write_text("\n".join([text] * (1_050_000 // len(text) + 1)),
                                         encoding="utf-8")
    summary = batch.run(seed_inbox, tmp_path / "tasks.db")
    assert summary.failed == 0 and rows_by_name(tmp_path / "tasks.db")["long.txt"]["status"] == "ok"


# -- the workers' hard stop -----------------------------------------------------------------------

# Readers for made-up suffixes, registered in the worker processes only: "never returns" stands
# for a library stuck in C code, which no cooperative deadline reaches; "dies" for the OOM killer.
STUCK_READERS = """
import os, time
from pipeline import readers

@readers.register(".hang")
def read_forever(path, deadline):
    time.sleep(3600)

@readers.register(".poison")
def die(path, deadline):
    os._exit(137)
"""


@pytest.fixture
def in_workers(tmp_path, monkeypatch):
    """in_workers(code): ``code`` runs at the start of every process this test starts (a
    sitecustomize on their PYTHONPATH), this one untouched."""
    site = tmp_path / "site"
    site.mkdir()

    def install(code):
        (site / "sitecustomize.py").write_text(code)
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), str(ROOT)]))
    return install


@pytest.mark.slow
def test_a_stuck_or_dead_worker_fails_its_document_only(in_workers, seed_inbox, tmp_path,
                                                         monkeypatch):
    in_workers(STUCK_READERS)
    for name in ("002_stuck.hang", "003_poison.poison"):
        add_copy(seed_inbox, name)
    monkeypatch.setattr(batch, "DOCUMENT_SECONDS", 2)
    monkeypatch.setattr(batch, "HARD_STOP_SECONDS", 1)
    started = time.monotonic()
    summary = batch.run(seed_inbox, tmp_path / "tasks.db", workers=2)
    rows = rows_by_name(tmp_path / "tasks.db")
    assert time.monotonic() - started < 60 and multiprocessing.active_children() == []
    assert summary.failed == 2 and summary.processed == 5 and len(rows) == 7
    assert rows["002_stuck.hang"]["status"] == "failed"
    assert rows["002_stuck.hang"]["error"].startswith("đọc và trích xuất văn bản này quá 2 giây")
    assert rows["003_poison.poison"]["status"] == "failed"
    assert "dừng đột ngột" in rows["003_poison.poison"]["error"]
    assert all(r["status"] == "ok" for r in rows.values() if r["path"].endswith(".txt"))


def test_a_worker_that_cannot_load_the_extractor_stops_the_batch(in_workers, seed_inbox,
                                                                 tmp_path):
    in_workers("import sys\nsys.modules['extractors.language'] = None\n")
    with pytest.raises(batch.WorkerError, match="không nạp được bộ trích xuất"):
        batch.run(seed_inbox, tmp_path / "tasks.db", workers=2)
    assert multiprocessing.active_children() == []


def test_a_failure_from_outside_the_file_is_retried_next_run(seed_inbox, tmp_path, monkeypatch):
    """Tesseract missing, a copy not finished, a timeout: the same bytes read fine later."""
    read = readers.read

    def tesseract_missing(path):
        if path.name.startswith("004"):
            raise readers.ReadError("this PDF is scanned and needs OCR, but Tesseract is not "
                                    "installed")
        return read(path)

    monkeypatch.setattr(readers, "read", tesseract_missing)
    batch.run(seed_inbox, tmp_path / "tasks.db")
    assert rows_by_name(tmp_path / "tasks.db")["004_2a4f31bab8b9abc1.txt"]["status"] == "failed"
    monkeypatch.setattr(readers, "read", read)  # Tesseract installed; the file is unchanged
    summary = batch.run(seed_inbox, tmp_path / "tasks.db")
    assert summary.processed == 1 and summary.skipped == 4
    assert rows_by_name(tmp_path / "tasks.db")["004_2a4f31bab8b9abc1.txt"]["status"] == "ok"



BAD_CONTENT = {"rỗng.txt": b"", "hỏng.docx": b"PK\x03\x04 not a zip archive",
               "nhị phân.txt": bytes(range(256)) * 8}


def test_a_file_whose_own_bytes_failed_is_not_read_again_while_unchanged(seed_inbox, tmp_path,
                                                                         monkeypatch):
    """An empty, damaged or binary file fails the same way on every run, and a password or a
    damaged PDF cost up to the document's time budget each time (new-clerk trial): it keeps its
    status and error, is counted apart, and is read again when its bytes change or on
    --retry-failed."""
    for name, content in BAD_CONTENT.items():
        (seed_inbox / name).write_bytes(content)
    db_path = tmp_path / "tasks.db"
    assert batch.run(seed_inbox, db_path).failed == 3
    before = rows_by_name(db_path)
    assert all(before[name]["content_error"] == 1 for name in BAD_CONTENT)
    read, reads = readers.read, []
    monkeypatch.setattr(readers, "read", lambda path: reads.append(path.name) or read(path))
    os.utime(seed_inbox / "rỗng.txt", ns=(1, 1))  # touched, same bytes: hashed, still skipped

    again = batch.run(seed_inbox, db_path)
    assert (again.skipped, again.unchanged_failures, again.failed, reads) == (5, 3, 0, [])
    after = rows_by_name(db_path)
    assert all((after[name]["status"], after[name]["error"]) == ("failed", before[name]["error"])
               for name in BAD_CONTENT)

    retried = batch.run(seed_inbox, db_path, retry_failed=True)
    assert (retried.unchanged_failures, retried.failed) == (0, 3)
    assert sorted(reads) == sorted(BAD_CONTENT)
    reads.clear()
    add_copy(seed_inbox, "rỗng.txt")  # now a directive: read, and stored
    fixed = batch.run(seed_inbox, db_path)
    assert (fixed.processed, fixed.unchanged_failures, reads) == (1, 2, ["rỗng.txt"])
    assert rows_by_name(db_path)["rỗng.txt"]["status"] == "ok"


def test_the_run_summary_counts_the_unchanged_failures(seed_inbox, tmp_path):
    from conftest import run_command

    (seed_inbox / "rỗng.txt").write_bytes(b"")
    db_path = tmp_path / "tasks.db"
    batch.run(seed_inbox, db_path)
    said = run_command("run", "--inbox", seed_inbox, "--db", db_path, "--workers", "1").output
    assert "bỏ qua 5 tệp không đổi, bỏ qua 1 tệp lỗi không đổi (đọc lại: vntasks run " \
           "--retry-failed); " in " ".join(said.split())  # counts of 0 are not said
    said = run_command("run", "--inbox", seed_inbox, "--db", db_path, "--workers", "1",
                       "--retry-failed").output
    assert "tệp lỗi không đổi" not in " ".join(said.split()) and "tệp rỗng" in said


def test_the_run_summary_names_the_files_read_but_flagged(tmp_path):
    # A file read but flagged itself (here a task table flattened into lines of words) was
    # counted, "1 tệp đọc được nhưng cần xem lại", and the clerk had to guess which one.
    from conftest import run_command

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "phu_luc_scan.txt").write_text(
        "PHỤ LỤC II\nTT Nhiệm vụ Thời gian Don vị chủ tri Don vi phối hợp\n"
        "Nâng cấp cổng dịch vụ công của tỉnh 2024-2025 Sở Khoa học Các sở, ban,\n",
        encoding="utf-8")
    said = run_command("run", "--inbox", inbox, "--db", tmp_path / "tasks.db").output
    assert "1 tệp đọc được nhưng cần xem lại: phu_luc_scan.txt" in " ".join(said.split())

# -- the lock -------------------------------------------------------------------------------------

def lock_in_another_process(db_path) -> subprocess.CompletedProcess:
    code = ("import sys\nfrom pipeline.lock import batch_lock\n"
            "with batch_lock(sys.argv[1]): pass")
    return subprocess.run([sys.executable, "-c", code, str(db_path)], cwd=ROOT,
                          capture_output=True, text=True)


def test_the_lock_is_named_by_the_resolved_database_path(tmp_path):
    database = tmp_path / "data" / "tasks.db"
    database.parent.mkdir()
    (tmp_path / "link.db").symlink_to(database)
    with batch_lock(database):
        for spelling in (tmp_path / "link.db", tmp_path / "data" / ".." / "data" / "tasks.db"):
            attempt = lock_in_another_process(spelling)
            assert attempt.returncode != 0 and "BatchLocked" in attempt.stderr
    assert lock_in_another_process(tmp_path / "link.db").returncode == 0


def test_the_lock_of_a_dead_holder_is_taken_over(tmp_path):
    database = tmp_path / "tasks.db"
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time\nfrom pipeline.lock import batch_lock\n"
                               "with batch_lock(sys.argv[1]):\n print('held', flush=True)\n"
                               " time.sleep(60)", str(database)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(BatchLocked, match=str(holder.pid)):
        with batch_lock(database):
            pass
    holder.kill()
    holder.wait()
    with batch_lock(database):
        pass


def children(pid):
    listed = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(child) for child in listed.stdout.split()]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pgrep") is None, reason="needs pgrep (procps)")
def test_kill_9_of_a_parallel_batch_leaves_no_worker_and_no_lock(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for copy in range(6):
        for path in sample_files():
            shutil.copy(path, inbox / f"{copy}_{path.name}")
    db_path = tmp_path / "tasks.db"
    run = subprocess.Popen([sys.executable, "-m", "pipeline", "run", "--inbox", str(inbox),
                            "--db", str(db_path), "--workers", "2"], cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not (db_path.exists() and _stored(db_path) >= 5):
        assert time.monotonic() < deadline and run.poll() is None
        time.sleep(0.1)
    workers = children(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{w}") for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [w for w in workers if os.path.exists(f"/proc/{w}")]
    for orphan in alive:
        os.kill(orphan, signal.SIGKILL)
    assert workers and alive == []
    again = subprocess.run([sys.executable, "-m", "pipeline", "run", "--inbox", str(inbox),
                            "--db", str(db_path)], cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr


def _stored(db_path):
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
            return db.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.Error:
        return 0


# -- no POSIX-only imports ------------------------------------------------------------------------

EVERY_COMMAND_HELP = """
import importlib, pkgutil
from click.testing import CliRunner
import pipeline
from pipeline.cli import cli

for module in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
    if module.name != "pipeline.__main__":  # that one runs the command line
        importlib.import_module(module.name)
commands = [[name, *sub] for name, command in cli.commands.items()
            for sub in [[]] + [[s] for s in getattr(command, "commands", {})]]
for command in commands:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0 and "Cách dùng:" in result.output, (command, result.output)
print(len(commands), "commands")
"""


# What Windows lacks, taken away before anything is imported, in every process started.
WITHOUT_POSIX_ONLY_CALLS = """
import signal, sys
sys.modules["fcntl"] = None
for name in ("SIGALRM", "setitimer", "ITIMER_REAL"):
    delattr(signal, name)
"""


@pytest.fixture
def without_posix_only_calls(tmp_path):
    """The environment of processes that lack fcntl, SIGALRM and setitimer, as on Windows."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(WITHOUT_POSIX_ONLY_CALLS)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]))
    probe = subprocess.run([sys.executable, "-c", "import signal\nsignal.SIGALRM\nimport fcntl"],
                           env=env, capture_output=True, text=True)
    assert probe.returncode != 0 and "SIGALRM" in probe.stderr  # the stand-in works
    return env


def test_every_command_imports_without_posix_only_calls(without_posix_only_calls):
    top = subprocess.run([sys.executable, "-m", "pipeline", "--help"], cwd=ROOT,
                         env=without_posix_only_calls, capture_output=True, text=True)
    assert top.returncode == 0 and "Cách dùng:" in top.stdout, top.stderr
    every = subprocess.run([sys.executable, "-c", EVERY_COMMAND_HELP], cwd=ROOT,
                           env=without_posix_only_calls, capture_output=True, text=True)
    assert every.returncode == 0 and "commands" in every.stdout, every.stderr


@pytest.mark.slow
def test_run_and_query_without_posix_only_calls(without_posix_only_calls, tmp_path):
    """A whole batch in worker processes, then a query, with nothing Windows lacks."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    add_copy(inbox, "plan.txt")
    add_copy(inbox, "other.txt", stem="000_759978d42bea8c3b.txt")
    db_path = str(tmp_path / "tasks.db")
    run = subprocess.run([sys.executable, "-m", "pipeline", "run", "--inbox", str(inbox),
                          "--db", db_path], cwd=ROOT, env=without_posix_only_calls,
                         capture_output=True, text=True)
    assert run.returncode == 0 and "Đã xử lý 2 tệp" in run.stderr, run.stderr
    query = subprocess.run([sys.executable, "-m", "pipeline", "query", "--agency", "Sở Tài chính",
                            "--format", "csv", "--db", db_path], cwd=ROOT,
                           env=without_posix_only_calls, capture_output=True, text=True)
    assert query.returncode == 0 and "Sở Tài chính" in query.stdout, query.stderr
