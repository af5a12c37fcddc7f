"""Crash safety with real processes: SIGKILL mid-batch, two runs at once (issue #5)."""
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import ROOT, sample_files
from pipeline import batch

COPIES = 6  # of the 15 sample documents: a batch of some ten seconds


@pytest.fixture
def big_inbox(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for copy in range(COPIES):
        for path in sample_files():
            shutil.copy(path, inbox / f"{copy:02d}_{path.name}")
    return inbox


def start_run(inbox, db_path, *extra):
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", "--inbox", str(inbox),
                             "--db", str(db_path), *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def count(db_path, sql):
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10) as db:
        return db.execute(sql).fetchone()[0]


def wait_for(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def documents_stored(db_path):
    try:
        return count(db_path, "select count(*) from documents where status = 'ok'")
    except sqlite3.OperationalError:  # the database or its tables are not there yet
        return 0


def kill_after(process, db_path, stored):
    wait_for(lambda: documents_stored(db_path) >= stored)
    process.send_signal(signal.SIGKILL)
    process.wait()


def snapshot(db_path):
    """Per document: (status, blocks, tasks) and every task's text checked against its slice."""
    with sqlite3.connect(db_path) as db:
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        for text, start, end, document in db.execute(
                "select t.text, t.start, t.end, d.text from tasks t join documents d "
                "on d.id = t.document_id"):
            assert document[start:end] == text
        rows = db.execute(
            "select path, status, task_count,"
            " (select count(*) from document_blocks b where b.document_id = d.id),"
            " (select count(*) from tasks t where t.document_id = d.id) from documents d")
        snapshot = {}
        for path, status, task_count, blocks, tasks in rows:
            assert task_count == tasks, path  # the row and its tasks come from one transaction
            snapshot[path] = (status, blocks, tasks)
        return snapshot


@pytest.mark.slow
def test_sigkill_mid_batch_then_rerun_completes(big_inbox, tmp_path):
    db_path = tmp_path / "tasks.db"
    total = len(list(big_inbox.iterdir()))
    kill_after(start_run(big_inbox, db_path), db_path, stored=5)

    partial = snapshot(db_path)
    assert 5 <= len(partial) < total  # killed in the middle, and what was written is whole
    assert all(status == "ok" and blocks > 0 for status, blocks, _ in partial.values())

    rerun = start_run(big_inbox, db_path)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read()
    final = snapshot(db_path)
    assert len(final) == total
    assert all(status == "ok" and blocks > 0 for status, blocks, _ in final.values())
    assert {path: final[path] for path in partial} == partial


@pytest.mark.slow
def test_sigkill_during_forced_rerun_loses_no_stored_task(big_inbox, tmp_path):
    db_path = tmp_path / "tasks.db"
    first = start_run(big_inbox, db_path)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    before = snapshot(db_path)
    assert sum(tasks for _, _, tasks in before.values()) > 0

    last_write = count(db_path, "select max(processed_at) from documents")
    time.sleep(1.1)  # processed_at has whole seconds: rewritten rows will be later
    rewritten = f"select count(*) from documents where processed_at > '{last_write}'"

    forced = start_run(big_inbox, db_path, "--force")
    wait_for(lambda: count(db_path, rewritten) >= 3)
    forced.send_signal(signal.SIGKILL)
    forced.wait()

    assert count(db_path, rewritten) < len(before)  # killed in the middle of the rewrite
    # every document whole: its old version or its new one, which are the same extraction
    assert snapshot(db_path) == before


@pytest.mark.slow
def test_second_run_at_once_is_refused_with_a_clear_message(big_inbox, tmp_path):
    db_path = tmp_path / "tasks.db"
    first = start_run(big_inbox, db_path)
    wait_for(lambda: documents_stored(db_path) >= 1)

    second = start_run(big_inbox, db_path)
    second_code = second.wait(timeout=60)
    assert second_code != 0 and first.poll() is None
    message = second.stderr.read()
    assert "một lượt chạy khác" in message and f"tiến trình {first.pid}" in message

    assert first.wait(timeout=300) == 0, first.stderr.read()
    final = snapshot(db_path)
    assert len(final) == len(list(big_inbox.iterdir()))
    assert all(status == "ok" for status, _, _ in final.values())


def test_a_document_write_is_one_transaction(seed_inbox, tmp_path):
    """Nothing commits between a document's first write and its last (a kill in between would
    leave the row without its tasks)."""
    from pipeline import store

    result = batch.process_file(*batch.plan(store.open_db(tmp_path / "t.db"), seed_inbox,
                                            force=False).jobs[0])
    db = store.open_db(tmp_path / "tasks.db")
    batch.write(db, result)  # a first version, so the second write replaces rows
    statements = []
    db.conn.set_trace_callback(statements.append)
    batch.write(db, result)
    db.conn.set_trace_callback(None)
    commits = [i for i, sql in enumerate(statements) if sql.strip().upper().startswith("COMMIT")]
    writes = [i for i, sql in enumerate(statements)
              if sql.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes and commits == [max(commits)] and commits[0] > writes[-1]
