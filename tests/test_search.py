"""Search that forgives: đ and accents folded everywhere, misspelt agencies answered with
suggestions (never a silent "0 tasks"), collectives that include an agency, documents by số ký
hiệu."""
import asyncio
import codecs
import json

import pytest
import sqlite_utils
from click.testing import CliRunner

from clerk import FINANCE_REPORT, copy_seeds
from pipeline import batch, store
from pipeline.cli import cli

PLAN = """ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG
Số: 215/KH-UBND
Đắk Nông, ngày 05 tháng 6 năm 2023

KẾ HOẠCH
Triển khai chuyển đổi số năm 2023

1. Sở Y tế chủ trì xây dựng kho dữ liệu y tế dùng chung của tỉnh trong năm 2023.
"""


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search")
    inbox = copy_seeds(folder / "inbox")
    (inbox / "ke-hoach-215.txt").write_text(PLAN, encoding="utf-8")
    batch.run(inbox, folder / "tasks.db")
    return folder / "tasks.db"


def invoke(db_path, *args):
    return CliRunner().invoke(cli, ["query", "--db", str(db_path), "--format", "json", *args])


def query(db_path, *args) -> list[dict]:
    result = invoke(db_path, *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ids(tasks) -> set[int]:
    return {t["id"] for t in tasks}


@pytest.mark.parametrize("typed", ["dao tao", "Dao Tao", "ĐÀO TẠO", "đào tạo"])
def test_text_search_folds_d_and_accents(db_path, typed):
    found = ids(query(db_path, "--text", typed))
    assert found and found == ids(query(db_path, "--text", "đào tạo"))


def test_datasette_search_folds_d_and_accents(db_path):
    from datasette.app import Datasette

    async def search(words):
        response = await Datasette([str(db_path)]).client.get(
            f"/{db_path.stem}/tasks.json", params={"_search": words, "_shape": "array"})
        return {row["id"] for row in response.json()}

    accent_free, accented = asyncio.run(search("dao tao")), asyncio.run(search("đào tạo"))
    assert accent_free and accent_free == accented


@pytest.mark.parametrize("typed, suggested", [
    ("Sở Tài chánh", "“Sở Tài chính”"),
    ("CA tỉnh", "“Công an tỉnh”"),
    ("UBND huyện", "“Ủy ban nhân dân các huyện, thành phố”"),
])
def test_an_unknown_agency_is_an_error_with_suggestions(db_path, typed, suggested):
    result = invoke(db_path, "--agency", typed)
    assert result.exit_code == 1 and not result.stdout.strip()
    message = " ".join(result.output.split())
    assert f"Không có cơ quan nào tên “{typed}”. Có phải ý bạn là:" in message
    assert suggested in message


def test_an_agency_nobody_is_given_a_task_is_no_error(db_path):
    assert query(db_path, "--agency", "Sở Tư pháp", "--exact") == []


def test_abbreviations_in_any_case(db_path):
    assert ids(query(db_path, "--agency", "so tt&tt")) == ids(query(db_path, "--agency",
                                                                     "Sở TT&TT"))


def test_an_agency_includes_the_collectives_that_cover_it_marked(db_path):
    exact = query(db_path, "--agency", "Sở Tài chính", "--exact")
    wide = query(db_path, "--agency", "Sở Tài chính")
    assert ids(exact) < ids(wide)
    assert all(t["collective"] is None for t in exact)
    through = [t for t in wide if t["collective"]]
    assert ids(through) == ids(wide) - ids(exact)
    assert any("Các sở, ban, ngành" in t["collective"] for t in through)
    assert all(t["collective"] in "; ".join(a["current_agency"] for a in t["agencies"])
               for t in through)  # the group by its name today, as the extracts mark it
    assert not any("huyện" in t["collective"] for t in through)  # districts are not departments


def test_document_by_number_path_or_id(db_path):
    by_number = query(db_path, "--document", "215/KH-UBND")
    assert [t["document"]["doc_number"] for t in by_number] == ["215/KH-UBND"]
    assert ids(query(db_path, "--document", "215/kh-ubnd")) == ids(by_number)
    assert ids(query(db_path, "--document", "ke-hoach-215")) == ids(by_number)
    assert ids(query(db_path, "--document", str(by_number[0]["document"]["id"]))) == \
        ids(by_number)
    result = invoke(db_path, "--document", "999/KH-UBND")
    assert result.exit_code == 1 and "Không có văn bản nào" in result.output


def test_a_database_indexed_before_folding_is_reindexed(tmp_path, db_path):
    """An older tasks_fts indexes text only, and tasks has no search_text."""
    old = tmp_path / "old.db"
    old.write_bytes(db_path.read_bytes())
    db = sqlite_utils.Database(old)
    db["tasks"].enable_fts(["text"], create_triggers=True, replace=True,
                           tokenize="unicode61 remove_diacritics 2")
    db.execute("update tasks set search_text = null")
    db.conn.commit()
    unfolded = "select count(*) from tasks_fts where tasks_fts match 'dao tao'"
    assert db.execute(unfolded).fetchone()[0] == 0  # what a clerk got before
    store.open_db(old).close()
    found = query(old, "--text", "phan bo kinh phi")
    assert any(FINANCE_REPORT in t["text"] for t in found)
    assert ids(query(old, "--text", "dao tao")) == ids(query(db_path, "--text", "đào tạo"))


def test_the_search_index_follows_a_changed_document(tmp_path):
    """A re-read document keeps the ids of its unchanged tasks; the full-text index keeps
    nothing of a task that is gone, also one kept over an earlier re-read."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    plan = inbox / "ke-hoach-215.txt"
    for second in ("Sở Tài chính bố trí kinh phí cho kho dữ liệu.",
                   "Sở Nội vụ tuyển dụng chuyên gia cho kho dữ liệu."):
        plan.write_text(PLAN + f"2. {second}\n", encoding="utf-8")
        batch.run(inbox, tmp_path / "tasks.db")
    plan.write_text(PLAN.replace("kho dữ liệu y tế", "trung tâm điều hành"), encoding="utf-8")
    batch.run(inbox, tmp_path / "tasks.db")
    db = sqlite_utils.Database(tmp_path / "tasks.db")
    matches = "select rowid from tasks_fts where tasks_fts match ?"
    assert [r[0] for r in db.execute(matches, ["kho"])] == []
    assert len(list(db.execute(matches, ["dieu hanh"]))) == 1


@pytest.mark.parametrize("args, said", [
    (["chase", "--agency", "Sở Tài chánh", "--as-of", "2022-10-01"],
     "Không có cơ quan nào tên “Sở Tài chánh”"),
    (["query", "--document", "99999"], "99999"),
    (["review", "--document", "99999"], "99999"),
])
def test_every_command_names_what_it_does_not_hold_without_a_traceback(db_path, tmp_path, args,
                                                                       said):
    out = ["--out", str(tmp_path / "letters")] if args[0] == "chase" else []
    result = CliRunner().invoke(cli, [*args, "--db", str(db_path), *out])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert said in result.output and result.exception.__class__ is SystemExit


def test_a_document_named_that_could_not_be_read_says_why_not_just_no_tasks(tmp_path):
    """ "0 nhiệm vụ" for a file that failed, or one its reader doubted, reads as "none asked"
    (new-clerk trial): the command names the failure and the warning."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "rong.txt").write_bytes(b"")
    (inbox / "english.txt").write_text(codecs.decode(__import__("this").s, "rot13"),
                                       encoding="utf-8")
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    failed = CliRunner().invoke(cli, ["query", "--document", "rong", "--db", str(db_path)])
    assert failed.exit_code == 0 and "Chưa đọc được tệp rong.txt: tệp rỗng" in failed.output
    doubted = CliRunner().invoke(cli, ["review", "--document", "english", "--db", str(db_path)])
    assert doubted.exit_code == 0 and "Lưu ý về tệp english.txt:" in doubted.output
