"""Read-only means read-only (issue 14): the clerk's reading commands open the database with
SQLite's mode=ro and never create or migrate a schema; a file that is not SQLite, another
program's SQLite file or a read-only file gets one clear Vietnamese message."""
import hashlib
import io
import os
import sqlite3

import pytest
from click.testing import CliRunner

from clerk import copy_database, seeded_database
from pipeline.clerk.web import app, browse
from pipeline.cli import cli


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return seeded_database(tmp_path_factory.mktemp("readonly"))


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def foreign_database(tmp_path):
    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as db:
        db.execute("create table notes (id integer primary key, body text)")
        db.execute("insert into notes (body) values ('another program')")
    return path


def reading_commands(db_path, out):
    return [["query", "--db", str(db_path)], ["review", "--db", str(db_path)],
            ["export", "--db", str(db_path), "--out", str(out)],
            ["browse", "--db", str(db_path)], ["serve", "--db", str(db_path)]]


@pytest.fixture
def no_servers(monkeypatch):
    """serve and browse check the database, then would listen: they return instead."""
    monkeypatch.setattr(app, "serve", lambda *args: None)
    monkeypatch.setattr(browse, "serve", lambda *args: None)


@pytest.mark.parametrize("kind", ["foreign", "not sqlite"])
def test_reading_commands_refuse_what_is_not_a_task_database(kind, tmp_path, no_servers):
    path = foreign_database(tmp_path) if kind == "foreign" else tmp_path / "photo.db"
    if kind == "not sqlite":
        path.write_bytes(os.urandom(5000))
    before = digest(path)
    for command in reading_commands(path, tmp_path / "out"):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1, (command, result.output)
        assert "không phải là cơ sở dữ liệu" in result.output and "Traceback" not in result.output
    assert digest(path) == before
    assert not (tmp_path / "out").exists()


def test_reading_commands_leave_the_database_as_it_was(seeded, tmp_path, no_servers):
    db_path = copy_database(seeded, tmp_path)
    with sqlite3.connect(db_path) as db:
        db.execute("pragma journal_mode=delete")  # no -wal file: a write would show at once
    before = digest(db_path)
    for command in reading_commands(db_path, tmp_path / "out"):
        assert CliRunner().invoke(cli, command).exit_code == 0, command
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/documents/1", "HTTP_HOST": "127.0.0.1",
               "wsgi.input": io.BytesIO(), "SERVER_ADDR": "127.0.0.1"}
    statuses = []
    app.make_app(db_path)(environ, lambda status, headers: statuses.append(status))
    assert statuses == ["200 OK"]
    assert digest(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_a_read_only_file_is_one_clear_message_for_a_correction(seeded, tmp_path):
    db_path = copy_database(seeded, tmp_path)
    db_path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        if os.access(db_path, os.W_OK):
            pytest.skip("this user may write a read-only file (root)")
        result = CliRunner().invoke(cli, ["review", "accept", "1", "--db", str(db_path)])
    finally:
        tmp_path.chmod(0o755)
    assert result.exit_code == 1 and "chỉ cho phép đọc" in result.output
