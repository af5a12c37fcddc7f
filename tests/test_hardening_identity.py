"""Identity by resolved path; the rows of removed documents appear nowhere (issue 14)."""
import io
import json
import os

import openpyxl
import sqlite_utils
from click.testing import CliRunner

from clerk import FINANCE_REPORT, copy_seeds
from pipeline import batch
from pipeline.clerk import actions
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


def renamed_database(tmp_path):
    """A batch, a correction, then the finance seed renamed and the batch run again."""
    inbox = copy_seeds(tmp_path / "inbox")
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    db = sqlite_utils.Database(db_path)
    [task] = [t for t in finance_tasks(db_path)]
    actions.accept(db, task["id"])
    (inbox / FINANCE_SEED).rename(inbox / "renamed.txt")
    batch.run(inbox, db_path)
    return db_path


def test_a_renamed_file_does_not_duplicate_its_tasks(tmp_path):
    db_path = renamed_database(tmp_path)
    [task] = finance_tasks(db_path)
    assert task["document"]["path"].endswith("renamed.txt")
    assert task["review_status"] == "accepted"  # the correction follows the content


def test_rows_of_removed_documents_appear_in_no_view(tmp_path):
    db_path = renamed_database(tmp_path)
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
