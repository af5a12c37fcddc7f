"""Identity by resolved path; the rows of removed documents appear nowhere (issue 14)."""
import datetime as dt
import io
import json
import os

import openpyxl
import sqlite_utils
from click.testing import CliRunner

from clerk import FINANCE_REPORT, copy_seeds
from pipeline import batch
from pipeline.clerk import actions, status
from pipeline.clerk.web import app
from pipeline.cli import cli

FINANCE_SEED = "004_2a4f31bab8b9abc1.txt"


def query(db_path, *args):
    result = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def finance_tasks(db_path):
    return [t for t in query(db_path, "--text", "phan bo kinh phi") if FINANCE_REPORT in t["text"]]


def test_one_inbox_spelled_four_ways_is_one_set_of_documents(tmp_path, monkeypatch):
    inbox = copy_seeds(tmp_path / "inbox")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(inbox)
    db_path = tmp_path / "tasks.db"
    monkeypatch.chdir(tmp_path)
    for spelling in (inbox, tmp_path / "elsewhere" / ".." / "inbox", tmp_path / "link",
                     os.path.relpath(inbox)):
        batch.run(type(inbox)(spelling), db_path)
    documents = list(sqlite_utils.Database(db_path).query("select path, status from documents"))
    assert len(documents) == 5 and {d["status"] for d in documents} == {"ok"}
    assert len(finance_tasks(db_path)) == 1


def renamed_database(tmp_path, edited=False):
    """A batch, a correction, then the finance seed renamed (and ``edited``: a line added, so
    a new file and a removed one) and the batch run again."""
    inbox = copy_seeds(tmp_path / "inbox")
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    db = sqlite_utils.Database(db_path)
    [task] = [t for t in finance_tasks(db_path)]
    actions.accept(db, task["id"])
    (inbox / FINANCE_SEED).rename(inbox / "renamed.txt")
    if edited:
        with (inbox / "renamed.txt").open("a", encoding="utf-8") as renamed:
            renamed.write("\nNơi nhận: Lưu VT.\n")
    batch.run(inbox, db_path)
    return db_path


def test_a_renamed_file_does_not_duplicate_its_tasks(tmp_path):
    db_path = renamed_database(tmp_path)
    [task] = finance_tasks(db_path)
    assert task["document"]["path"].endswith("renamed.txt")
    assert task["review_status"] == "accepted"  # the correction follows the content


def finance_task_fixed_and_done(tmp_path):
    """The seeds run into a database, the finance task's deadline corrected and its status
    done: (inbox, database path, database, the task)."""
    inbox = copy_seeds(tmp_path / "inbox")
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    db = sqlite_utils.Database(db_path)
    [task] = finance_tasks(db_path)
    actions.set_fields(db, task["id"], {"deadline": "30/09/2022"})
    status.change(db, task["id"], "done", on=dt.date(2022, 9, 20))
    return inbox, db_path, db, task


def test_a_renamed_or_moved_file_keeps_its_document_its_task_ids_and_the_clerks_work(tmp_path):
    """Renaming or moving a file in the inbox gave its tasks new ids (new-clerk trial): the same
    bytes at a new path, the old path gone, are the same document."""
    inbox, db_path, db, task = finance_task_fixed_and_done(tmp_path)
    before = {row["id"]: row for row in db.query("select * from tasks order by id")}
    document = db.execute("select id from documents where path like ?",
                          [f"%{FINANCE_SEED}"]).fetchone()[0]
    (inbox / "2022" / "tháng 9").mkdir(parents=True)
    moved = inbox / "2022" / "tháng 9" / "Kế hoạch phân bổ kinh phí.txt"
    (inbox / FINANCE_SEED).rename(moved)

    summary = batch.run(inbox, db_path)
    assert summary.moved == [(str(inbox / FINANCE_SEED), str(moved))]
    assert (summary.processed, summary.removed, summary.skipped) == (0, 0, 4)
    row = db.execute("select id, path, status from documents where id = ?", [document]).fetchone()
    assert row == (document, str(moved), "ok")
    assert {row["id"]: row for row in db.query("select * from tasks order by id")} == before
    [after] = finance_tasks(db_path)
    assert (after["id"], after["deadline"], after["follow_up"]["state"]["status"]) == \
        (task["id"], "2022-09-30", "done")
    assert batch.run(inbox, db_path).skipped == 5  # and known there from now on


def test_a_file_renamed_and_edited_in_one_run_keeps_its_directive_and_the_clerks_work(tmp_path):
    """Renamed and edited at once (new-clerk trial): the old file gone, the new text a newer
    version of it, so it joins the old file's directive (as an edit in place keeps it) and the
    corrections and statuses carry; before, the old directive lost its only file and the new
    text founded another, without them."""
    inbox, db_path, db, task = finance_task_fixed_and_done(tmp_path)
    directive = db.execute("select directive_id from documents where path like ?",
                           [f"%{FINANCE_SEED}"]).fetchone()[0]
    text = (inbox / FINANCE_SEED).read_text(encoding="utf-8")
    (inbox / FINANCE_SEED).unlink()
    edited = text.replace("đầu tư thiết bị, hệ thống", "đầu tư mới thiết bị, hệ thống") + \
        "\nNơi nhận: Lưu VT.\n"  # a word in the task, a line at the end
    (inbox / "ban-sua.txt").write_text(edited, encoding="utf-8")

    summary = batch.run(inbox, db_path)
    assert (summary.processed, summary.removed, summary.unplaced) == (1, 1, [])
    [after] = finance_tasks(db_path)
    assert after["document"]["path"].endswith("ban-sua.txt") and "đầu tư mới" in after["text"]
    assert (after["deadline"], after["follow_up"]["state"]["status"]) == ("2022-09-30", "done")
    assert db.execute("select directive_id from documents where path like '%ban-sua.txt'"
                      ).fetchone()[0] == directive
    assert db["directives"].count == 5  # no directive left without its file


def test_the_run_summary_says_a_file_was_moved(tmp_path):
    from conftest import run_command

    inbox = copy_seeds(tmp_path / "inbox")
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    (inbox / FINANCE_SEED).rename(inbox / "moi.txt")
    said = " ".join(run_command("run", "--inbox", inbox, "--db", db_path, "--workers", "1"
                                ).output.split())
    assert f"Tệp {inbox / FINANCE_SEED} nay là {inbox / 'moi.txt'} (cùng nội dung)" in said
    assert "1 tệp đổi tên hoặc chuyển chỗ" in said and "tệp đã bị xóa" not in said


def test_rows_of_removed_documents_appear_in_no_view(tmp_path):
    db_path = renamed_database(tmp_path, edited=True)
    db = sqlite_utils.Database(db_path)
    [removed] = db.query("select id, task_count from documents where status = 'removed'")
    # Datasette's views and any SQL: the removed document keeps its row, not its tasks
    assert db.execute("select count(*) from tasks where document_id = ?",
                      [removed["id"]]).fetchone()[0] == 0 and removed["task_count"] == 0
    assert db.execute("select count(*) from document_blocks where document_id = ?",
                      [removed["id"]]).fetchone()[0] == 0
    # the review listing
    listing = CliRunner().invoke(cli, ["review", "--db", str(db_path)])
    assert FINANCE_SEED not in listing.output
    # the export
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["export", "--db", str(db_path), "--out", str(out)]
                              ).exit_code == 0
    sheet = openpyxl.load_workbook(out / "tasks.xlsx").active
    assert sum(FINANCE_REPORT in (row[4] or "") for row in sheet.iter_rows(values_only=True)) == 1
    # the review page
    page = get(app.make_app(db_path), "/")
    assert FINANCE_SEED not in page[1] and "renamed.txt" in page[1]
    assert get(app.make_app(db_path), f"/documents/{removed['id']}")[0].startswith("404")


def get(application, path):
    captured = {}
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_HOST": "127.0.0.1:8002",
               "wsgi.input": io.BytesIO(), "SERVER_ADDR": "127.0.0.1"}
    body = b"".join(application(environ, lambda status, headers: captured.update(status=status)))
    return captured["status"], body.decode("utf-8")


def test_query_hides_removed_rows_of_an_older_database(tmp_path):
    """A database written before removed rows were dropped: the read-only query filters them."""
    inbox = copy_seeds(tmp_path / "inbox")
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    db = sqlite_utils.Database(db_path)
    db.execute("update documents set status = 'removed' where path like ?", [f"%{FINANCE_SEED}"])
    db.conn.commit()
    assert finance_tasks(db_path) == []
