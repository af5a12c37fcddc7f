"""Validation at the edges (issue 14): one parse layer for what a clerk types at the command line
and on the review page; invisible Unicode removed by category; the review page's and Datasette's
answers to hostile requests."""
import asyncio
import datetime as dt
import io
import socket
import sys
import unicodedata

import pytest
import regex
import sqlite_utils
from click.testing import CliRunner

from clerk import FINANCE_REPORT, copy_database, copy_seeds, seeded_database, task_containing
from pipeline import batch, normalize
from pipeline.clerk import parse
from pipeline.clerk.web import app
from pipeline.cli import cli

RLM, NFD_FINANCE = "\u200f", unicodedata.normalize("NFD", "Sở Tài chính")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return seeded_database(tmp_path_factory.mktemp("edges"))


@pytest.fixture
def db_path(seeded, tmp_path):
    return copy_database(seeded, tmp_path)


# -- the parse layer ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["١٢", "１２", "²", "12.0", "-3", "0", " ", "", "1e3",
                                   str(2**63), "99999999999999999999"])
def test_ids_are_ascii_digits_within_sqlite_integers(typed):
    with pytest.raises(parse.ParseError):
        parse.record_id(typed)


def test_ids_and_dates_as_typed():
    assert parse.record_id(" 42 ") == 42 and parse.record_id(str(2**63 - 1)) == 2**63 - 1
    assert parse.date("2022-09-30") == parse.date("30/9/2022") == dt.date(2022, 9, 30)
    for typed in ("２０２２-09-30", "３０/9/2022", "2022-13-01", ""):
        with pytest.raises(parse.ParseError, match="30/09/2022"):
            parse.date(typed)


def test_agency_names_are_nfc_without_invisibles():
    assert parse.agency_name(f"  {NFD_FINANCE[:4]}{RLM}{NFD_FINANCE[4:]}\u00a0 ") == "Sở Tài chính"
    with pytest.raises(parse.ParseError):
        parse.agency_name(f" {RLM}\u200b ")


@pytest.mark.parametrize("option", ["--agency", "--text", "--document", "--pillar"])
@pytest.mark.parametrize("blank", ["", "   ", "\u200b"])
def test_blank_filters_are_refused_not_ignored(db_path, option, blank):
    result = CliRunner().invoke(cli, ["query", "--db", str(db_path), option, blank])
    assert result.exit_code == 2 and "để trống" in result.output


@pytest.mark.parametrize("typed", ["١٢", "99999999999999999999", "1.0"])
def test_bad_ids_at_the_command_line_are_clear_errors(db_path, typed):
    for command in (["review", "accept", typed], ["review", "set", typed, "--deadline", ""]):
        result = CliRunner().invoke(cli, [*command, "--db", str(db_path)])
        assert result.exit_code == 2 and "Traceback" not in result.output, command
        assert "0-9" in result.output or "không có mã" in result.output, command
    # a document is named as queries name it: digits past any id may still start a file name,
    # looked up as such, an error if none does
    for command in (["query", "--document", typed], ["query", "--document", str(2**64)],
                    ["review", "add", typed, "--text", "x"], ["review", "document", typed]):
        result = CliRunner().invoke(cli, [*command, "--db", str(db_path)])
        assert result.exit_code == 1 and "Không có văn bản nào có mã" in result.output, command
        assert "Traceback" not in result.output


def test_accepting_several_tasks_is_all_or_none(db_path):
    db = sqlite_utils.Database(db_path)
    first, last = [r["id"] for r in db.query("select id from tasks order by id limit 2")]
    result = CliRunner().invoke(cli, ["review", "accept", str(first), "99999", str(last),
                                      "--db", str(db_path)])
    assert result.exit_code == 1 and "99999" in result.output
    assert db.execute("select count(*) from corrections_log").fetchone()[0] == 0
    result = CliRunner().invoke(cli, ["review", "accept", str(first), str(last), "--db",
                                      str(db_path)])
    assert result.exit_code == 0 and {db["tasks"].get(i)["review_status"]
                                      for i in (first, last)} == {"accepted"}


def test_a_clerks_agency_name_is_stored_nfc(db_path):
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    typed = NFD_FINANCE.replace(" ", f" {RLM}", 1)
    assert CliRunner().invoke(cli, ["review", "set", str(task["id"]), "--support", typed,
                                    "--db", str(db_path)]).exit_code == 0
    [row] = db.query("select agency, mention from task_agencies where task_id = ? and "
                     "role = 'support'", [task["id"]])
    assert row == {"agency": "Sở Tài chính", "mention": "Sở Tài chính"}


# -- invisible characters -------------------------------------------------------------------------

INVISIBLE_BY_PROPERTY = regex.compile(r"[\p{Cf}\p{Default_Ignorable_Code_Point}]")
EVERY_INVISIBLE = [chr(c) for c in range(sys.maxunicode + 1)
                   if INVISIBLE_BY_PROPERTY.match(chr(c)) and not 0xD800 <= c <= 0xDFFF]


def test_clean_removes_every_format_character_variation_selector_and_filler():
    assert len(EVERY_INVISIBLE) > 4000  # Cf, variation selectors, fillers, reserved ones
    for char in EVERY_INVISIBLE:
        assert normalize.clean(f"Sở Tài{char} chính") == "Sở Tài chính", hex(ord(char))


def lead_tasks(db_path):
    return sqlite_utils.Database(db_path).execute(
        "select count(*) from task_agencies where agency = 'Sở Tài chính' and role = 'lead'"
    ).fetchone()[0]


def test_invisible_characters_inside_an_agency_name_lose_no_task(seeded, tmp_path):
    """RLM, RLO, U+180E, a tag character, VS16, a Hangul filler and LRI inside every mention."""
    marked = "S\u200fở T\u202eài\u180e \U000e0041ch\ufe0fín\u3164h\u2066"
    inbox = copy_seeds(tmp_path / "inbox")
    for path in inbox.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Sở Tài chính", marked), encoding="utf-8")
    batch.run(inbox, tmp_path / "marked.db")
    assert lead_tasks(tmp_path / "marked.db") == lead_tasks(seeded) > 0


# -- the review page ------------------------------------------------------------------------------

def request(application, method, path, body=b"", host="127.0.0.1:8002", local="127.0.0.1",
            **headers):
    captured = {}
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": host,
               "HTTP_ORIGIN": f"http://{host}", "CONTENT_LENGTH": str(len(body)),
               "wsgi.input": io.BytesIO(body), "SERVER_ADDR": local, **headers}
    payload = b"".join(application(environ, lambda status, headers: captured.update(
        status=status, headers=dict(headers))))
    return captured["status"], captured["headers"], payload.decode("utf-8")


@pytest.mark.parametrize("method, path", [
    ("GET", "/documents/99999999999999999999"), ("POST", "/tasks/99999999999999999999"),
    ("GET", "/documents/²"), ("POST", "/tasks/١"),
    ("POST", "/documents/99999999999999999999/tasks"),
])
def test_impossible_ids_in_the_url_are_not_found(db_path, method, path):
    status, _headers, page = request(app.make_app(db_path), method, path, b"action=accept")
    assert status.startswith("404") and "Traceback" not in page


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", "１"])
def test_a_bad_content_length_is_a_bad_request(db_path, length):
    status, _headers, _page = request(app.make_app(db_path), "POST", "/tasks/1", b"action=accept",
                                      CONTENT_LENGTH=length)
    assert status.startswith("400")


def test_a_negative_content_length_does_not_hang_the_server(db_path):
    server = app.make_server_for(db_path, "127.0.0.1", 0)
    __import__("threading").Thread(target=server.serve_forever, daemon=True).start()
    try:
        with socket.create_connection(("127.0.0.1", server.server_port), timeout=5) as client:
            client.sendall(b"POST /tasks/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           b"Content-Length: -1\r\n\r\naction=accept")
            assert client.recv(100).startswith(b"HTTP/1.0 400")
    finally:
        server.shutdown()
        server.server_close()


def test_an_unexpected_error_is_a_page_not_a_traceback(db_path, monkeypatch):
    def broken(db):
        raise RuntimeError("a bug")

    monkeypatch.setattr(app, "index_page", broken)
    status, headers, page = request(app.make_app(db_path), "GET", "/")
    assert status.startswith("500") and "Content-Security-Policy" in headers
    assert "lỗi không mong đợi" in page and "a bug" not in page


def test_a_server_on_every_address_accepts_its_own_origin(db_path):
    from pipeline.clerk import actions

    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    form = f"action=accept&version={actions.task_version(db, task['id'])}".encode()
    served = app.make_app(db_path, "0.0.0.0")
    status, headers, _page = request(served, "POST", f"/tasks/{task['id']}", form,
                                     host="192.0.2.7:8002", local="192.0.2.7")
    assert status.startswith("303") and headers["Location"].startswith("/documents/")
    status, _headers, _page = request(served, "POST", f"/tasks/{task['id']}", b"action=reject",
                                      host="192.0.2.7:8002", local="192.0.2.7",
                                      HTTP_ORIGIN="http://evil.example")
    assert status.startswith("403")


def test_a_page_asked_for_under_another_name_is_refused(db_path):
    """DNS rebinding: evil.example now points at this machine; the Host header still says so."""
    status, _headers, page = request(app.make_app(db_path), "GET", "/", host="evil.example:8002")
    assert status.startswith("421") and "004_2a4f31bab8b9abc1" not in page


# -- Datasette ------------------------------------------------------------------------------------

def test_datasette_sends_a_content_security_policy_and_refuses_framing(seeded):
    from datasette.app import Datasette

    from pipeline.clerk.web import browse

    browse.register()
    datasette = Datasette([str(seeded)], metadata=browse.metadata_for(seeded))

    async def headers(path):
        return (await datasette.client.get(path)).headers

    for path in ("/", f"/{seeded.stem}/tasks", f"/{seeded.stem}/overdue"):
        sent = asyncio.run(headers(path))
        assert "frame-ancestors 'none'" in sent["content-security-policy"], path
        assert sent["x-frame-options"] == "DENY"
