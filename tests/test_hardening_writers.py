"""Writers that wait, not crash (issue 14): every write transaction takes the write lock first
(BEGIN IMMEDIATE) and waits on the busy timeout; a database error at the command line or on the
review page is one clear Vietnamese message."""
import errno
import io
import shutil
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
import sqlite_utils
from click.testing import CliRunner

from clerk import FINANCE_REPORT, copy_database, seeded_database, task_containing
from conftest import INBOX, ROOT
from pipeline import store
from pipeline.clerk import actions
from pipeline.clerk.web import app
from pipeline.cli import cli


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return seeded_database(tmp_path_factory.mktemp("writers"))


@pytest.fixture
def db_path(seeded, tmp_path):
    return copy_database(seeded, tmp_path)


def other_writer_commits(db_path, pause=0.3):
    """Another process's write (a batch storing a document) starting now; returns its thread."""
    def write():
        with sqlite3.connect(db_path, timeout=10) as other:
            other.execute("update documents set processed_at = 'now' where id = 1")

    thread = threading.Thread(target=write)
    thread.start()
    time.sleep(pause)  # time enough to commit, unless the lock makes it wait
    return thread


def test_a_correction_waits_for_a_writer_that_commits_in_between(db_path, monkeypatch):
    """The clerk's action reads the task, another writer commits, the action writes: a deferred
    transaction fails there at once with "database is locked"; one started IMMEDIATE waits."""
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    threads, read_value = [], actions.current_value

    def value_then_another_commit(*args):
        value = read_value(*args)
        if not threads:
            threads.append(other_writer_commits(db_path))
        return value

    monkeypatch.setattr(actions, "current_value", value_then_another_commit)
    actions.set_fields(db, task["id"], {"support": ["Sở Tư pháp"]})  # its old value is read
    threads[0].join()
    assert [a["agency"] for a in db.query("select agency from task_agencies where task_id = ? "
                                          "and role = 'support'", [task["id"]])] == ["Sở Tư pháp"]
    assert db.execute("select processed_at from documents where id = 1").fetchone()[0] == "now"


def hold_write_lock(db_path):
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_locked_database_is_one_clear_message_at_the_command_line(db_path, monkeypatch):
    monkeypatch.setattr(store, "BUSY_SECONDS", 0.2, raising=False)
    task = task_containing(sqlite_utils.Database(db_path), FINANCE_REPORT)
    holder = hold_write_lock(db_path)
    try:
        result = CliRunner().invoke(cli, ["review", "accept", str(task["id"]), "--db",
                                          str(db_path)])
    finally:
        holder.rollback()
    assert result.exit_code == 1 and "đang bận" in result.output and "thử lại" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def wsgi_post(application, path, body: bytes, host="127.0.0.1:8002"):
    captured = {}
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": path, "HTTP_HOST": host,
               "HTTP_ORIGIN": f"http://{host}", "CONTENT_LENGTH": str(len(body)),
               "wsgi.input": io.BytesIO(body), "SERVER_ADDR": "127.0.0.1"}
    payload = b"".join(application(environ, lambda status, headers: captured.update(
        status=status, headers=dict(headers))))
    return captured["status"], captured["headers"], payload.decode("utf-8")


def test_a_locked_database_on_the_review_page_asks_to_retry(db_path, monkeypatch):
    monkeypatch.setattr(store, "BUSY_SECONDS", 0.2, raising=False)
    task = task_containing(sqlite_utils.Database(db_path), FINANCE_REPORT)
    holder = hold_write_lock(db_path)
    try:
        status, headers, page = wsgi_post(app.make_app(db_path), f"/tasks/{task['id']}",
                                          b"action=accept")
    finally:
        holder.rollback()
    assert status.startswith("503") and headers["Retry-After"]
    assert "đang bận" in page and "Traceback" not in page


def test_sqlite_errors_are_explained_in_vietnamese(tmp_path):
    db = sqlite3.connect(tmp_path / "small.db")
    db.execute("create table t (x)")
    db.execute("pragma max_page_count = 2")  # a full disk, as SQLite reports it
    with pytest.raises(sqlite3.OperationalError) as full:
        db.executemany("insert into t values (?)", [("x" * 1000,)] * 100)
    assert "hết chỗ trên ổ đĩa" in store.explain(full.value, "tasks.db")
    db.commit()
    db.close()
    readonly = sqlite3.connect(f"{(tmp_path / 'small.db').as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as refused:
        readonly.execute("insert into t values (1)")
    assert "chỉ cho phép đọc" in store.explain(refused.value, "tasks.db")


def test_a_full_disk_is_one_clear_message(db_path, tmp_path, monkeypatch):
    from pipeline.clerk import export

    def no_space(db, path, as_of=None):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(export, "write_workbook", no_space)
    result = CliRunner().invoke(cli, ["export", "--db", str(db_path), "--out",
                                      str(tmp_path / "out")])
    assert result.exit_code == 1 and "hết chỗ trên ổ đĩa" in result.output
    assert "tasks.xlsx" in result.output and "Traceback" not in result.output


def test_an_export_on_a_full_disk_leaves_the_earlier_file_whole(tmp_path, monkeypatch):
    from pipeline.clerk import export

    earlier = tmp_path / "tasks.xlsx"
    earlier.write_bytes(b"the earlier workbook")
    write_bytes = type(earlier).write_bytes

    def full_disk(path, data):
        write_bytes(path, data[:10])  # a part of it fits
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(type(earlier), "write_bytes", full_disk)
    with pytest.raises(OSError):
        export.save_whole(earlier, lambda file: file.write(b"the new workbook, longer"))
    assert earlier.read_bytes() == b"the earlier workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["tasks.xlsx"]


# -- real processes -------------------------------------------------------------------------------

def pipeline_command(*args):
    return subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_a_clerks_corrections_during_a_batch_crash_neither(db_path, tmp_path):
    inbox = tmp_path / "big"
    inbox.mkdir()
    for copy in range(8):
        for path in sorted(INBOX.glob("*.*")):
            shutil.copy(path, inbox / f"{copy}_{path.name}")
    ids = [r[0] for r in sqlite3.connect(db_path).execute("select id from tasks limit 20")]
    batch = pipeline_command("run", "--inbox", str(inbox), "--db", str(db_path))
    corrections = []
    while batch.poll() is None:
        clerk = pipeline_command("review", "accept", str(ids[len(corrections) % len(ids)]),
                                 "--db", str(db_path))
        corrections.append((clerk.wait(), clerk.stderr.read()))
    assert batch.returncode == 0, batch.stderr.read()
    assert corrections and all(code == 0 for code, _ in corrections), corrections


@pytest.mark.slow
def test_two_clerks_correcting_one_task_at_once_both_succeed(seeded, tmp_path):
    failures = []
    for attempt in range(8):
        db_path = copy_database(seeded, tmp_path / str(attempt))
        task = task_containing(sqlite_utils.Database(db_path), FINANCE_REPORT)
        clerks = [pipeline_command("review", "set", str(task["id"]), option, value,
                                   "--db", str(db_path))
                  for option, value in (("--deadline", "2022-09-30"), ("--pillar", "the_che_so"))]
        failures += [c.stderr.read() for c in clerks if c.wait() != 0]
        row = sqlite_utils.Database(db_path)["tasks"].get(task["id"])
        assert (row["deadline"], row["pillar"]) == ("2022-09-30", "the_che_so")
    assert failures == []
