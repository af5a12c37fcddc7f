"""Corrections survive every re-run: plain, --force, and a re-extraction that moves a boundary."""
from pathlib import Path

import pytest
import sqlite_utils

from clerk import (
    FINANCE_REPORT,
    MISSED_TASK,
    agencies,
    copy_seeds,
    flagged_task,
    seeded_database,
    task_containing,
)
from pipeline import batch, store
from pipeline.clerk import actions, status
from pipeline.store.corrections import apply, task_key


@pytest.fixture
def run(tmp_path):
    """(database path, a function that runs the batch again, optionally with --force)."""
    inbox, db_path = copy_seeds(tmp_path / "inbox"), tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    return db_path, lambda force=False: batch.run(inbox, db_path, force=force)


def test_corrected_deadline_survives_rerun_and_force(run):
    db_path, rerun = run
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    assert task["deadline"] == "2022-09-15"
    actions.set_fields(db, task["id"], {"deadline": "2022-09-30"})
    db.close()

    assert rerun().skipped == 5  # unchanged documents: nothing re-extracted
    assert rerun(force=True).processed == 5  # as after a rule change: everything re-extracted
    db = sqlite_utils.Database(db_path)
    again = task_containing(db, FINANCE_REPORT)
    assert again["id"] == task["id"]  # re-extracted unchanged: the same row, the same id ...
    assert again["deadline"] == "2022-09-30"  # ... with the clerk's deadline
    assert again["review_status"] == "corrected" and again["needs_review"] == 0
    [log] = db.query("select * from corrections_log where field = 'deadline'")
    assert (log["old_value"], log["new_value"], log["via"]) == ("2022-09-15", "2022-09-30", "cli")
    assert log["task_key"] == task_key(task["text"]) and log["at"]


def test_agencies_pillar_and_recurrence_survive_force(run):
    db_path, rerun = run
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    actions.set_fields(db, task["id"], {
        "lead": ["STC", "Sở Kế hoạch và Đầu tư"], "support": ["Sở TT&TT"],
        "pillar": "ha_tang_so", "recurrence": "monthly"})
    db.close()
    rerun(force=True)
    db = sqlite_utils.Database(db_path)
    again = task_containing(db, FINANCE_REPORT)
    assert agencies(db, again["id"], "lead") == ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]
    assert agencies(db, again["id"], "support") == ["Sở Thông tin và Truyền thông"]
    assert (again["pillar"], again["recurrence"]) == ("ha_tang_so", "monthly")
    logged = {r["field"] for r in db.query("select field from corrections_log")}
    assert logged == {"lead", "support", "pillar", "recurrence"}


def test_rejected_stays_rejected_and_accepted_stays_accepted(run):
    db_path, rerun = run
    db = store.open_db(db_path)
    flagged = flagged_task(db)
    finance = task_containing(db, FINANCE_REPORT)
    actions.accept(db, flagged["id"])
    actions.reject(db, finance["id"])
    db.close()
    rerun(force=True)
    db = sqlite_utils.Database(db_path)
    [accepted] = db.query("select * from tasks where text = ?", [flagged["text"]])
    [rejected] = db.query("select * from tasks where text = ?", [finance["text"]])
    assert (accepted["needs_review"], accepted["review_status"]) == (0, "accepted")
    assert rejected["review_status"] == "rejected"
    assert [r["new_value"] for r in db.query("select new_value from corrections_log order by id")] \
        == ["accepted", "rejected"]


def test_added_task_comes_back(run):
    db_path, rerun = run
    db = store.open_db(db_path)
    document = next(db.query("select id from documents where path like '%003_%'"))
    task_id, _ = actions.add(db, document["id"], "  ".join(MISSED_TASK.split(" ")))  # spacing
    actions.set_fields(db, task_id, {"lead": ["Các ngành, địa phương"]})
    db.close()
    rerun(force=True)
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, MISSED_TASK[:60])
    text = db["documents"].get(document["id"])["text"]
    assert text[task["start"]:task["end"]] == task["text"]
    assert task["review_status"] == "added" and task["source"]
    assert agencies(db, task["id"], "lead") == ["Các ngành, địa phương"]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A database for tests that are refused before writing anything."""
    return seeded_database(tmp_path_factory.mktemp("seeded"))


def test_correction_follows_a_task_whose_boundary_moved(run):
    """A rule change that trims a task's text a little keeps its correction."""
    db_path, _ = run
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    actions.set_fields(db, task["id"], {"deadline": "2022-10-01"})
    trimmed = task["text"].rstrip(".")[:-len("2022")]  # as if the extractor cut the last word
    with db.conn:
        db["tasks"].update(task["id"], {"text": trimmed, "deadline": "2022-09-15"})
        apply(db, task["document_id"])
    assert db["tasks"].get(task["id"])["deadline"] == "2022-10-01"
    actions.set_fields(db, task["id"], {"deadline": "2022-10-02"})  # a second fix, same key
    assert db["tasks"].get(task["id"])["deadline"] == "2022-10-02"
    assert db["corrections"].count == 1


@pytest.mark.parametrize("field, value, message", [
    ("deadline", "31/9/2022", "không phải là một ngày"),
    ("deadline", "tomorrow", "không phải là một ngày"),
    ("pillar", "tai_chinh", "Không có trụ cột “tai_chinh”"),
    ("recurrence", "sometimes", "Không có kiểu định kỳ"),
    ("colour", "red", "Không có trường “colour”"),
])
def test_invalid_values_are_refused(seeded, field, value, message):
    db = store.open_db(seeded)
    task = task_containing(db, FINANCE_REPORT)
    with pytest.raises(actions.CorrectionError, match=message):
        actions.set_fields(db, task["id"], {field: value})
    assert db["corrections_log"].count == 0


def test_added_text_must_be_in_the_document(seeded):
    db = store.open_db(seeded)
    name = Path(db["documents"].get(1)["path"]).name  # as the clerk knows it, not only its id
    with pytest.raises(actions.CorrectionError,
                       match=f"Không tìm thấy đoạn này trong văn bản {name} \\(mã 1\\)"):
        actions.add(db, 1, "Giao Sở Tài chính làm một việc không có trong văn bản")
    with pytest.raises(actions.CorrectionError, match="Không có nhiệm vụ mã 10000"):
        actions.accept(db, 10_000)


def test_a_sentence_typed_from_the_paper_is_found_in_a_scan_read_with_wrong_accents(tmp_path):
    # Clerk's trial (stop 35): OCR read "kế hoạch triển khai" as "kê hoạch triên khai", and the
    # clerk had to type the wrong accents for review add to find the sentence.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "kh.txt").write_text(
        "ỦY BAN NHÂN DÂN PHƯỜNG PHÚC LA\nSố: 15/KH-UBND\nHà Nội, ngày 02 tháng 4 năm 2025\n"
        "KẾ HOẠCH\nVề trật tự đô thị\n"
        "Lực lượng TTĐT cùng tổ dân phô lâp kê hoạch ra quân dọn vỉa hè hằng tuần.\n",
        encoding="utf-8")
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    db = store.open_db(db_path)
    task_id, _ = actions.add(db, 1, "Lực lượng TTĐT cùng tổ dân phố lập kế hoạch ra quân dọn "
                                    "vỉa hè hằng tuần.")
    assert db["tasks"].get(task_id)["text"] == ("Lực lượng TTĐT cùng tổ dân phô lâp kê hoạch ra "
                                                "quân dọn vỉa hè hằng tuần.")


# Seed 004: "- Làm việc với VNPT Đắk Nông, Viettel Đắk Nông về các đề xuất ... báo cáo UBND tỉnh
# trước ngày 15/9/2022." — a task whose deadline a new version of the file may change.
PROPOSALS = "Làm việc với VNPT Đắk Nông, Viettel Đắk Nông"


def test_new_version_reading_a_corrected_field_otherwise_flags_the_task(tmp_path):
    """Class: the clerk corrected a field, then a newer version of the document (here renamed and
    edited) reads that field otherwise. The correction stays, but the task is flagged with both
    readings (new-clerk trial: a corrected deadline silently hid the new text's deadline)."""
    inbox, db_path = tmp_path / "inbox", tmp_path / "tasks.db"
    inbox.mkdir()
    seed = next(p for p in copy_seeds(tmp_path / "seeds").iterdir() if p.name.startswith("004"))
    (inbox / "cong-van-v1.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    batch.run(inbox, db_path)
    db = store.open_db(db_path)
    task = task_containing(db, PROPOSALS)
    actions.set_fields(db, task["id"], {"deadline": "2022-10-05", "pillar": "ha_tang_so"})
    db.close()
    batch.run(inbox, db_path, force=True)  # the same text again: nothing to flag
    db = sqlite_utils.Database(db_path)
    assert task_containing(db, PROPOSALS)["needs_review"] == 0
    db.close()

    text = (inbox / "cong-van-v1.txt").read_text(encoding="utf-8")
    line = next(li for li in text.splitlines() if PROPOSALS in li)
    (inbox / "cong-van-v1.txt").unlink()
    (inbox / "cong-van-v2.txt").write_text(
        text.replace(line, line.replace("15/9/2022", "30/11/2022")), encoding="utf-8")
    batch.run(inbox, db_path)
    db = store.open_db(db_path)
    again = task_containing(db, PROPOSALS)
    assert again["deadline"] == "2022-10-05" and again["review_status"] == "corrected"
    assert again["needs_review"] == 1
    reason = again["review_reason"]
    assert "Văn bản mới ghi hạn hoàn thành là 30/11/2022" in reason and "15/09/2022" in reason
    assert "05/10/2022" in reason and "Trụ cột" not in reason  # the pillar read the same

    actions.accept(db, again["id"])  # the clerk keeps the correction against the new text
    db.close()
    batch.run(inbox, db_path, force=True)
    db = sqlite_utils.Database(db_path)
    kept = task_containing(db, PROPOSALS)
    assert (kept["deadline"], kept["needs_review"]) == ("2022-10-05", 0)


FINANCE_ITEM = ("Giao Sở Tài chính - Báo cáo UBND tỉnh tình hình cân đối, phân bổ kinh phí thực "
                "hiện đầu tư thiết bị, hệ thống hạ tầng **trước ngày 15/9/2022**.")


def test_a_passage_the_clerk_recut_survives_reruns_and_keeps_the_tasks_key(run):
    # Clerk's trial (stop 34): a task cut short could not be lengthened. The clerk copies the
    # right passage over the extractor's cut; fields and statuses stay keyed by the extractor's
    # text, so they follow the row however the clerk cut it.
    db_path, rerun = run
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    actions.set_fields(db, task["id"], {"text": FINANCE_ITEM.replace("  ", " ")})
    assert db["tasks"].get(task["id"])["review_status"] == "corrected"  # "Đã sửa", re-cut alone
    actions.set_fields(db, task["id"], {"deadline": "2022-09-30"})
    status.change(db, task["id"], "in_progress")
    db.close()
    rerun(force=True)
    db = sqlite_utils.Database(db_path)
    again = task_containing(db, FINANCE_REPORT)
    document = db["documents"].get(again["document_id"])
    assert again["id"] == task["id"] and again["text"].startswith("Giao Sở Tài chính\n")
    assert again["text"] == document["text"][again["start"]:again["end"]]
    assert again["deadline"] == "2022-09-30"
    assert {row["task_key"] for row in db.query("select task_key from corrections")} == \
        {task_key(task["text"])}
    assert [s["status"] for s in db.query("select status from task_statuses where task_id = ?",
                                          [task["id"]])] == ["in_progress"]
    # an undo that would run the task into one the clerk added there is refused (stop 35)
    actions.set_fields(store.open_db(db_path), task["id"], {
        "text": "Báo cáo UBND tỉnh tình hình cân đối, phân bổ kinh phí"})
    shorter = db["tasks"].get(task["id"])
    added, _ = actions.add(store.open_db(db_path), again["document_id"],
                           "thực hiện đầu tư thiết bị, hệ thống hạ tầng")
    with pytest.raises(actions.CorrectionError, match=f"trùm lên nhiệm vụ #{added}"):
        actions.undo(store.open_db(db_path), task["id"], ["text"])
    assert db["tasks"].get(task["id"])["text"] == shorter["text"]
    actions.reject(store.open_db(db_path), added)
    values, _ = actions.undo(store.open_db(db_path), task["id"], ["text"])
    assert values == {"text": task["text"]}
    back = task_containing(db, FINANCE_REPORT)
    assert (back["text"], back["start"]) == (task["text"], task["start"])
    assert back["deadline"] == "2022-09-30"


def test_a_recut_passage_must_overlap_the_task_and_no_other(seeded):
    db = store.open_db(seeded)
    task = task_containing(db, FINANCE_REPORT)
    with pytest.raises(actions.CorrectionError, match="Không tìm thấy"):
        actions.set_fields(db, task["id"], {"text": "Báo cáo Thủ tướng Chính phủ về kinh phí"})
    following = "- Xem xét, cân đối bố trí kinh phí thực hiện theo Nghị quyết số 09-NQ/TU"
    with pytest.raises(actions.CorrectionError, match="không trùng với nhiệm vụ"):
        actions.set_fields(db, task["id"], {"text": following})
    with pytest.raises(actions.CorrectionError, match="trùm lên nhiệm vụ"):
        actions.set_fields(db, task["id"], {"text": FINANCE_ITEM + " " + following})
