"""Safety: make clean keeps the database; backup and restore; the corrections as a JSON file that
carries them to another database, whatever format of the directive that one holds."""
import datetime as dt
import getpass
import json
import os
import shutil
import subprocess
import sys

import pytest
import sqlite_utils
from click.testing import CliRunner

from clerk import FINANCE_REPORT, copy_database, seeded_database, task_containing
from conftest import ROOT, run_copies
from pipeline import store
from pipeline.clerk import actions, status
from pipeline.cli import cli

SEED = "004_2a4f31bab8b9abc1"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return seeded_database(tmp_path_factory.mktemp("safety"))


@pytest.fixture
def db_path(seeded, tmp_path):
    return copy_database(seeded, tmp_path / "db")


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def deadline_of_finance_report(db_path) -> str:
    return task_containing(sqlite_utils.Database(db_path), FINANCE_REPORT)["deadline"]


def test_make_clean_keeps_the_database_and_says_so(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path)
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "tasks.db").write_bytes(b"corrections")
    made = subprocess.run(["make", "clean"], cwd=tmp_path, capture_output=True, text=True,
                          check=True)
    assert not (tmp_path / ".venv").exists()
    assert (tmp_path / "output" / "tasks.db").read_bytes() == b"corrections"
    assert "Giữ lại cơ sở dữ liệu output/tasks.db" in made.stderr
    assert "chưa sao lưu được" in made.stderr  # no environment to back up with: it says so


def test_make_clean_backs_the_database_up_first_and_says_where(db_path, tmp_path):
    """Never "run vntasks backup" after the target has removed the program that does it."""
    shutil.copy(ROOT / "Makefile", tmp_path)
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    copy_database(db_path, tmp_path / "output")
    made = subprocess.run(["make", "clean"], cwd=tmp_path, capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    [saved] = (tmp_path / "output" / "backups").glob("tasks-*.db")
    assert not (tmp_path / ".venv").exists() and (tmp_path / "output" / "tasks.db").exists()
    assert f"vào output/backups/{saved.name}" in " ".join(made.stderr.split())
    assert "vntasks backup" not in made.stderr


def test_backup_then_restore(db_path, tmp_path):
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    actions.set_fields(db, task["id"], {"deadline": "2022-09-30"})
    copy = tmp_path / "saved" / "tasks.db"
    assert f"vào {copy}" in invoke("backup", "--db", db_path, "--out", copy)
    actions.set_fields(db, task["id"], {"deadline": "2022-12-01"})  # a later change, then regret
    db.close()

    output = invoke("restore", copy, "--db", db_path)
    assert deadline_of_finance_report(db_path) == "2022-09-30"
    [replaced] = (db_path.parent / "backups").glob("tasks-*.db")
    assert str(replaced) in output and deadline_of_finance_report(replaced) == "2022-12-01"


def test_backup_of_a_database_in_use(db_path, tmp_path):
    writer = sqlite_utils.Database(db_path)
    writer.execute("begin immediate")
    writer.execute("update tasks set deadline = '1999-01-01'")  # not committed
    invoke("backup", "--db", db_path, "--out", tmp_path / "copy.db")
    writer.conn.rollback()
    assert deadline_of_finance_report(tmp_path / "copy.db") == "2022-09-15"


def test_default_backup_name_and_a_refused_restore(db_path, tmp_path):
    output = invoke("backup", "--db", db_path)
    [made] = (db_path.parent / "backups").glob("tasks-*.db")
    assert str(made) in output
    junk = tmp_path / "notes.db"
    junk.write_text("không phải cơ sở dữ liệu")
    result = CliRunner().invoke(cli, ["restore", str(junk), "--db", str(db_path)])
    assert result.exit_code == 1 and "không phải bản sao lưu" in result.output
    assert "(không phải tệp cơ sở dữ liệu SQLite)" in result.output  # SQLite's own words were
    assert "file is not a database" not in result.output  # English (new-clerk trial)
    assert deadline_of_finance_report(db_path) == "2022-09-15"


def other_formats_db(tmp_path):
    """The path of another database, run on the seed's .docx and .pdf only."""
    return run_copies(tmp_path / "other", tmp_path / "other.db", SEED, ".docx", ".pdf")


def test_corrections_travel_as_a_file_to_a_database_of_other_formats(db_path, tmp_path):
    """Corrected on the .txt; imported into a database that has the .docx and .pdf only."""
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    actions.set_fields(db, task["id"], {"deadline": "2022-09-30", "pillar": "ha_tang_so"})
    exported = tmp_path / "corrections.json"
    assert "Đã ghi 2 sửa đổi và 0 trạng thái" in invoke("corrections", "export", exported,
                                                         "--db", db_path)
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "vn-directive-tasks clerk tables" and document["version"] == 1
    corrections = document["tables"]["corrections"]
    assert corrections["key"] == ["directive_key", "task_key", "occurrence", "field"]
    assert {row["field"] for row in corrections["rows"]} == {"deadline", "pillar"}

    other = other_formats_db(tmp_path)
    output = invoke("corrections", "import", exported, "--db", other)
    assert "Đã nhập 2 sửa đổi và 0 trạng thái theo dõi (0 mục cũ hơn" in output
    copies = list(sqlite_utils.Database(other).query(
        "select deadline, pillar from tasks where text like ?", [f"%{FINANCE_REPORT}%"]))
    assert copies == [{"deadline": "2022-09-30", "pillar": "ha_tang_so"}] * 2


def test_document_corrections_travel_with_the_corrections(db_path, tmp_path):
    """A document's number and title corrected on the .txt (review document) land on the .docx
    and .pdf of another database, logged there as imported."""
    assert "215/TB-VPUBND" in invoke("review", "document", f"{SEED}.txt", "--number",
                                     "215/TB-VPUBND", "--title", "Kết luận", "--db", db_path)
    exported = tmp_path / "corrections.json"
    assert "Đã ghi 2 sửa đổi và 0 trạng thái" in invoke("corrections", "export", exported,
                                                         "--db", db_path)
    table = json.loads(exported.read_text(encoding="utf-8"))["tables"]["document_corrections"]
    assert table["key"] == ["directive_key", "field"]
    assert {row["field"]: row["value"] for row in table["rows"]} == \
        {"doc_number": '"215/TB-VPUBND"', "title": '"Kết luận"'}

    other = other_formats_db(tmp_path)
    assert "Đã nhập 2 sửa đổi và 0 trạng thái" in invoke("corrections", "import", exported,
                                                         "--db", other)
    db = sqlite_utils.Database(other)
    assert list(db.query("select doc_number, title from documents")) == \
        [{"doc_number": "215/TB-VPUBND", "title": "Kết luận"}] * 2
    assert db.execute("select doc_number from directives").fetchall() == [("215/TB-VPUBND",)]
    assert {(row["field"], row["new_value"]) for row in db.query(
        "select * from corrections_log where via = 'import'")} == \
        {("doc_number", "215/TB-VPUBND"), ("title", "Kết luận")}


def test_statuses_travel_with_the_corrections(db_path, tmp_path):
    """A follow-up status set on the .txt lands on the .docx and .pdf of another database."""
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    status.change(db, task["id"], "done", on=dt.date(2022, 9, 20), note="Báo cáo 12/BC-STC")
    exported = tmp_path / "corrections.json"
    # the clerk is told of both: the file holds statuses besides corrections
    assert "Đã ghi 0 sửa đổi và 1 trạng thái theo dõi" in invoke(
        "corrections", "export", exported, "--db", db_path)
    statuses = json.loads(exported.read_text(encoding="utf-8"))["tables"]["statuses"]
    assert statuses["key"] == ["directive_key", "task_key", "occurrence", "period"]

    other = other_formats_db(tmp_path)
    assert "0 sửa đổi và 1 trạng thái theo dõi" in invoke(
        "corrections", "import", exported, "--db", other)
    applied = list(sqlite_utils.Database(other).query(
        "select status, done_on, note from task_statuses join tasks on tasks.id = task_id "
        "where tasks.text like ?", [f"%{FINANCE_REPORT}%"]))
    assert applied == [{"status": "done", "done_on": "2022-09-20",
                        "note": "Báo cáo 12/BC-STC"}] * 2


def test_what_an_import_changes_is_logged_like_a_change_by_hand(db_path, tmp_path):
    """corrections import wrote nothing to corrections_log nor statuses_log (new-clerk trial):
    each row written is logged, by whom, when, via "import", old → new; an imported status is
    undone like one set by hand."""
    other = copy_database(seeded_database(tmp_path / "other"), tmp_path / "other-db")
    other_db = store.open_db(other)
    copy = task_containing(other_db, FINANCE_REPORT)
    status.change(other_db, copy["id"], "in_progress")  # its own state, older than the file's
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    actions.set_fields(db, task["id"], {"deadline": "2022-09-30", "lead": ["Sở Tài chính",
                                                                           "Sở Nội vụ"]})
    status.change(db, task["id"], "done", on=dt.date(2022, 9, 20))
    assert {(row["by"], row["via"]) for row in db.query("select * from corrections_log")} == \
        {(getpass.getuser(), "cli")}
    exported = tmp_path / "corrections.json"
    invoke("corrections", "export", exported, "--db", db_path)
    invoke("corrections", "import", exported, "--db", other)

    logged = {row["field"]: row for row in other_db.query(
        "select * from corrections_log where via = 'import'")}
    assert logged.keys() == {"deadline", "lead"}
    assert (logged["deadline"]["old_value"], logged["deadline"]["new_value"]) == \
        (None, "2022-09-30")
    assert logged["lead"]["new_value"] == "Sở Tài chính; Sở Nội vụ"
    assert {row["by"] for row in logged.values()} == {getpass.getuser()}
    assert all(row["at"] for row in logged.values())
    [imported] = other_db.query("select * from statuses_log where via = 'import'")
    assert imported["by"] == getpass.getuser()
    assert json.loads(imported["old_value"])["status"] == "in_progress"
    assert json.loads(imported["new_value"])["done_on"] == "2022-09-20"
    assert status.undo(other_db, copy["id"])["status"] == "in_progress"


def test_importing_a_file_again_logs_nothing_and_says_so(db_path, tmp_path):
    """The same corrections file imported twice logged every row twice (new-clerk trial)."""
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    actions.set_fields(db, task["id"], {"deadline": "2022-09-30", "pillar": "ha_tang_so"})
    status.change(db, task["id"], "done", on=dt.date(2022, 9, 20))
    exported = tmp_path / "corrections.json"
    invoke("corrections", "export", exported, "--db", db_path)
    other = copy_database(seeded_database(tmp_path / "other"), tmp_path / "other-db")
    assert "Đã nhập 2 sửa đổi và 1 trạng thái" in invoke("corrections", "import", exported,
                                                        "--db", other)
    logs = [list(sqlite_utils.Database(other).query(f"select * from {log}"))
            for log in ("corrections_log", "statuses_log")]
    again = invoke("corrections", "import", exported, "--db", other)
    assert "không có gì mới: 3 mục đã có sẵn, 0 mục cũ hơn" in " ".join(again.split())
    assert [list(sqlite_utils.Database(other).query(f"select * from {log}"))
            for log in ("corrections_log", "statuses_log")] == logs
    invoke("corrections", "import", exported, "--db", db_path)  # into the database it came from
    assert sqlite_utils.Database(db_path)["corrections_log"].count == 2


def test_an_older_file_does_not_undo_a_newer_correction(db_path, tmp_path):
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    actions.set_fields(db, task["id"], {"deadline": "2022-09-30"})
    exported = tmp_path / "corrections.json"
    invoke("corrections", "export", exported, "--db", db_path)
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["tables"]["corrections"]["rows"][0].update(value='"2022-01-01"',
                                                        updated_at="2020-01-01T00:00:00+00:00")
    exported.write_text(json.dumps(document), encoding="utf-8")
    assert "không có gì mới: 0 mục đã có sẵn, 1 mục cũ hơn" in invoke(
        "corrections", "import", exported, "--db", db_path)
    assert deadline_of_finance_report(db_path) == "2022-09-30"


def test_importing_something_else_is_refused(db_path, tmp_path):
    other = tmp_path / "x.json"
    other.write_text('{"tables": {}}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["corrections", "import", str(other), "--db", str(db_path)])
    assert result.exit_code == 1 and "không phải tệp sửa đổi" in result.output
