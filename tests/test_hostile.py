"""Messy and hostile input (issue #5): each bad file gets a clear error, the batch goes on."""
import codecs
import os
import random
import shutil
import time
import unicodedata

import pytest
import sqlite_utils

import derive
from derive import STEMS, seed
from pipeline import batch

ZEN_OF_PYTHON = codecs.decode(__import__("this").s, "rot13")  # English text every Python ships


def rows_by_name(db_path):
    db = sqlite_utils.Database(db_path)
    return {os.path.basename(r["path"]): r for r in db.query("select * from documents")}


def junk(length, seed_value):
    return random.Random(seed_value).randbytes(length)


def make_hostile_inbox(inbox, tmp_path):
    """Seeds plus every hostile file; returns {file name: expected error fragment or None}."""
    docx_bytes = seed(STEMS[0], ".docx").read_bytes()
    pdf_bytes = seed(STEMS[0], ".pdf").read_bytes()
    expected = {}

    def put(name, data, error):
        (inbox / name).write_bytes(data)
        expected[name] = error

    put("empty.txt", b"", "tệp rỗng (0 byte)")
    put("blank.txt", "".join(c for c in derive.seed_text(STEMS[1]) if c.isspace()).encode(),
        "văn bản rỗng")
    put("renamed_pdf.docx", pdf_bytes, None)
    put("truncated.docx", docx_bytes[: len(docx_bytes) // 2], "tệp .docx hỏng")
    put("truncated.pdf", pdf_bytes[: len(pdf_bytes) // 2], "PDF hỏng hoặc bị cắt cụt")
    put("junk.txt", junk(5000, 1), "nội dung nhị phân")
    put("junk.pdf", junk(5000, 2), "nội dung nhị phân")
    put("junk.docx", b"PK\x03\x04" + junk(5000, 3), "tệp .docx hỏng")
    put("junk.jpg", junk(5000, 4), "nội dung nhị phân")
    scan = derive.scanned_image(seed(STEMS[0], ".pdf"), tmp_path / "scan.png", dpi=50).read_bytes()
    put("truncated.png", scan[: len(scan) // 2], "ảnh hỏng")
    derive.image_bomb(seed(STEMS[0], ".pdf"), inbox / "bomb.png", 100_000, 100_000)
    expected["bomb.png"] = "bom nén"
    put("english.txt", ZEN_OF_PYTHON.encode(), None)
    derive.encrypted_pdf(seed(STEMS[0], ".pdf"), inbox / "locked.pdf")
    expected["locked.pdf"] = "PDF có mật khẩu"
    derive.encrypted_docx(seed(STEMS[0], ".docx"), inbox / "locked.docx")
    expected["locked.docx"] = "tệp Word có mật khẩu"
    derive.zip_bomb(seed(STEMS[0], ".docx"), inbox / "bomb.docx", 300 * 1024 * 1024)
    expected["bomb.docx"] = "bom nén"
    os.mkfifo(inbox / "pipe.txt")
    expected["pipe.txt"] = "named pipe"
    os.symlink(tmp_path / "nowhere.txt", inbox / "dangling.txt")
    expected["dangling.txt"] = "liên kết hỏng"
    for name in ("Công văn số 12 – Sở Nội vụ.txt", unicodedata.normalize("NFD", "Kế hoạch.docx")):
        shutil.copy(seed(STEMS[2], os.path.splitext(name)[1]), inbox / name)
        expected[name] = None
    legacy_name = os.fsencode(inbox) + b"/c\xf4ng v\xe3n.txt"  # "công văn" in Windows-1258 bytes
    shutil.copy(seed(STEMS[3]), legacy_name)
    expected["c\\xf4ng v\\xe3n.txt"] = None
    return expected


@pytest.mark.slow
@pytest.mark.needs("qpdf")
def test_hostile_batch_records_each_failure_and_finishes(seed_inbox, tmp_path):
    expected = make_hostile_inbox(seed_inbox, tmp_path)
    expected.update({f"{stem}.txt": None for stem in STEMS})
    db_path = tmp_path / "tasks.db"

    summary = batch.run(seed_inbox, db_path)

    rows = rows_by_name(db_path)
    assert set(rows) == set(expected)
    for name, error in expected.items():
        row = rows[name]
        if error is None:
            assert (row["status"], row["error"]) == ("ok", None), name
        else:
            assert row["status"] == "failed" and error in row["error"], (name, row["error"])
    failures = sum(error is not None for error in expected.values())
    assert (summary.failed, summary.processed) == (failures, len(expected) - failures)
    assert "thực chất là tệp PDF" in rows["renamed_pdf.docx"]["warnings"]
    assert "không phải tiếng Việt" in rows["english.txt"]["warnings"]
    assert rows["english.txt"]["task_count"] == 0
    assert sqlite_utils.Database(db_path).execute("pragma integrity_check").fetchone()[0] == "ok"


def test_file_still_being_written_is_not_stored_and_is_read_next_run(seed_inbox, tmp_path):
    db_path = tmp_path / "tasks.db"
    growing = seed_inbox / "growing.txt"
    text = derive.seed_text(STEMS[3]).encode()
    growing.write_bytes(text[:1000])
    db = sqlite_utils.Database(db_path)
    from pipeline import store
    store.ensure_schema(db)
    jobs = batch.plan(db, seed_inbox, force=False).jobs
    job = next(j for j in jobs if j[0] == growing)
    growing.write_bytes(text)  # the copy goes on after the scan hashed it

    result = batch.process_file(*job)
    assert "thay đổi trong lúc đang đọc" in result.error

    batch.write(db, result)
    batch.run(seed_inbox, db_path)
    assert rows_by_name(db_path)["growing.txt"]["status"] == "ok"
    assert rows_by_name(db_path)["growing.txt"]["size"] == len(text)


def test_file_removed_after_the_scan_gets_a_clear_error(seed_inbox, tmp_path):
    db = sqlite_utils.Database(tmp_path / "tasks.db")
    from pipeline import store
    store.ensure_schema(db)
    jobs = batch.plan(db, seed_inbox, force=False).jobs
    jobs[0][0].unlink()
    assert "đã bị chuyển đi hoặc xóa trước khi đọc được" in batch.process_file(*jobs[0]).error


def test_a_later_failure_keeps_what_was_stored(seed_inbox, tmp_path):
    db_path = tmp_path / "tasks.db"
    shutil.copy(seed(STEMS[4], ".docx"), seed_inbox / "plan.docx")
    batch.run(seed_inbox, db_path)
    db = sqlite_utils.Database(db_path)
    before = rows_by_name(db_path)["plan.docx"]
    tasks = list(db.query("select * from tasks where document_id = ?", [before["id"]]))
    blocks = db.execute("select count(*) from document_blocks where document_id = ?",
                        [before["id"]]).fetchone()[0]

    data = (seed_inbox / "plan.docx").read_bytes()
    (seed_inbox / "plan.docx").write_bytes(data[: len(data) // 3])  # damaged by a bad copy
    batch.run(seed_inbox, db_path)

    after = rows_by_name(db_path)["plan.docx"]
    assert after["status"] == "failed" and "tệp .docx hỏng" in after["error"]
    assert after["text"] == before["text"] and blocks > 0
    assert list(db.query("select * from tasks where document_id = ?", [before["id"]])) == tasks
    assert db.execute("select count(*) from document_blocks where document_id = ?",
                      [before["id"]]).fetchone()[0] == blocks


@pytest.mark.slow
@pytest.mark.needs("qpdf")
def test_50_megabyte_pdf_is_read_within_bounds(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    big = derive.big_pdf(inbox / "big.pdf", 50)
    assert big.stat().st_size >= 50 * 1024 * 1024
    clock = time.monotonic()
    summary = batch.run(inbox, tmp_path / "tasks.db")
    row = rows_by_name(tmp_path / "tasks.db")["big.pdf"]
    assert summary.processed == 1 and row["status"] == "ok"
    assert "trang đầu" in row["warnings"]
    assert time.monotonic() - clock < 200
