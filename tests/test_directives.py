"""One directive, one record: the sample inbox holds each seed as .txt, .docx and .pdf; a draft and
its signed version, or a file with a line appended, are one directive; corrections follow the
directive to every file and version, and what cannot follow is listed, never dropped."""
import datetime as dt
import hashlib
import json
import shutil
import zlib
from collections import Counter

import pytest
import sqlite_utils
from click.testing import CliRunner

from clerk import FINANCE_REPORT, task_containing
from conftest import INBOX, copy_sample
from pipeline import batch, store
from pipeline.clerk import actions, status
from pipeline.cli import cli
from pipeline.store import directives

SEED = "004_2a4f31bab8b9abc1"
RECIPIENTS = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
# A plan whose number, issuer and date the header states; the same sentence under two headings.
PLAN = """ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG
Số: {number}/KH-UBND
Đắk Nông, ngày {day} tháng 6 năm 2023

KẾ HOẠCH
Triển khai chuyển đổi số năm 2023

1. Sở Tài chính:
- Báo cáo UBND tỉnh kết quả thực hiện trước ngày 15/9/2023.
2. Sở Nội vụ:
- Báo cáo UBND tỉnh kết quả thực hiện trước ngày 15/9/2023.
3. Sở Y tế chủ trì xây dựng kho dữ liệu y tế dùng chung của tỉnh trong năm 2023.
"""


def query(db_path, *args) -> list[dict]:
    result = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The whole sample inbox (five seeds, three formats each) through the real batch."""
    folder = tmp_path_factory.mktemp("sample")
    inbox = copy_sample(folder / "inbox")
    batch.run(inbox, folder / "tasks.db")
    return folder / "tasks.db"


def test_each_seed_is_one_directive_of_three_files(sample):
    db = sqlite_utils.Database(sample)
    files = Counter(row["directive_id"] for row in db.query("select directive_id from documents"))
    assert len(files) == 5 and set(files.values()) == {3}
    for row in db.query("select id, document_id from directives"):
        names = {r["path"].rsplit("/", 1)[-1].split(".")[0] for r in db.query(
            "select path from documents where directive_id = ?", [row["id"]])}
        assert len(names) == 1  # the three files of one seed
        # the representative: the exact text of Word rather than the PDF's layout
        assert db["documents"].get(row["document_id"])["read_method"] == "docx"


def test_every_seeds_tasks_appear_once(sample):
    tasks = query(sample)
    db = sqlite_utils.Database(sample)
    per_seed = db.execute("select count(*) from tasks t join directives r on "
                          "r.document_id = t.document_id").fetchone()[0]
    assert len(tasks) == per_seed == db["tasks"].count // 3
    assert len({(t["document"]["directive_id"], t["text"]) for t in tasks}) == len(tasks)
    [finance] = [t for t in query(sample, "--agency", "Sở Tài chính", "--document", SEED)
                 if FINANCE_REPORT in t["text"]]
    assert sorted(p.rsplit(".", 1)[-1] for p in finance["document"]["files"]) == \
        ["docx", "pdf", "txt"]  # the clerk sees every file of the directive


def test_document_by_any_of_its_files(sample):
    db = sqlite_utils.Database(sample)
    ids = [r["id"] for r in db.query("select id from documents where path like ?", [f"%{SEED}%"])]
    listed = [{t["id"] for t in query(sample, "--document", str(i))} for i in ids]
    assert listed[0] and all(ids_ == listed[0] for ids_ in listed)


def only(inbox_files: list[str], folder):
    inbox = folder / "inbox"
    inbox.mkdir()
    for name in inbox_files:
        shutil.copy(INBOX / name, inbox / name)
    return inbox


def test_correction_on_the_txt_shows_on_every_copy_and_survives_a_changed_line(tmp_path):
    inbox = only([f"{SEED}.txt", f"{SEED}.docx", f"{SEED}.pdf"], tmp_path)
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    db = store.open_db(db_path)
    txt = next(db.query("select id from documents where path like '%.txt'"))["id"]
    [task] = db.query("select * from tasks where document_id = ? and text like ?",
                      [txt, f"%{FINANCE_REPORT}%"])
    actions.set_fields(db, task["id"], {"deadline": "2022-09-30", "lead": ["Sở Nội vụ"]})
    copies = list(db.query("select t.deadline, d.path from tasks t join documents d on "
                           "d.id = t.document_id where t.text like ?", [f"%{FINANCE_REPORT}%"]))
    assert len(copies) == 3 and {c["deadline"] for c in copies} == {"2022-09-30"}
    [shown] = [t for t in query(db_path) if FINANCE_REPORT in t["text"]]
    assert shown["deadline"] == "2022-09-30" and shown["lead"] == ["Sở Nội vụ"]

    changed = inbox / f"{SEED}.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + RECIPIENTS, encoding="utf-8")
    summary = batch.run(inbox, db_path)
    assert summary.processed == 1 and summary.unplaced == []
    db = sqlite_utils.Database(db_path)
    assert db.execute("select count(distinct directive_id) from documents").fetchone()[0] == 1
    [shown] = [t for t in query(db_path) if FINANCE_REPORT in t["text"]]
    assert shown["document"]["path"].endswith(".txt")  # the newest version represents it
    assert shown["deadline"] == "2022-09-30" and shown["lead"] == ["Sở Nội vụ"]


def test_draft_then_signed_version_is_one_directive(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "du-thao.txt").write_text(PLAN.format(number="", day="   "), encoding="utf-8")
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    db = store.open_db(db_path)
    health = task_containing(db, "kho dữ liệu y tế")
    actions.set_fields(db, health["id"], {"deadline": "2023-11-30"})

    signed = PLAN.format(number="215", day="05").replace("Triển khai", "Về việc triển khai")
    (inbox / "ban-ky.txt").write_text(signed + RECIPIENTS, encoding="utf-8")
    summary = batch.run(inbox, db_path)
    assert summary.unplaced == []
    [directive] = db.query("select * from directives")
    assert directive["doc_number"] == "215/KH-UBND" and directive["issued_date"] == "2023-06-05"
    tasks = query(db_path)
    assert [t["document"]["path"].rsplit("/", 1)[-1] for t in tasks] == ["ban-ky.txt"] * 3
    # the README's example: a directive found by its số ký hiệu, the draft's file name too
    assert query(db_path, "--document", "215/KH-UBND") == query(db_path, "--document", "du-thao")
    assert query(db_path, "--document", "215/kh-ubnd") == tasks
    [health] = [t for t in tasks if "kho dữ liệu y tế" in t["text"]]
    assert health["deadline"] == "2023-11-30"


def test_same_number_issuer_and_date_is_one_directive_different_number_is_not(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(PLAN.format(number="215", day="05"), encoding="utf-8")
    (inbox / "b.txt").write_text(PLAN.format(number="215", day="05").replace(
        "3. Sở Y tế chủ trì", "3. Sở Y tế khẩn trương chủ trì"), encoding="utf-8")
    (inbox / "c.txt").write_text(PLAN.format(number="216", day="05"), encoding="utf-8")
    batch.run(inbox, tmp_path / "tasks.db")
    db = sqlite_utils.Database(tmp_path / "tasks.db")
    by_file = {r["path"].rsplit("/", 1)[-1]: r["directive_id"]
               for r in db.query("select path, directive_id from documents")}
    assert by_file["a.txt"] == by_file["b.txt"] != by_file["c.txt"]


def stored_plan(tmp_path):
    """plan.txt (PLAN as số 215, dated the 5th) alone in an inbox, run into a database:
    (its path, the database's path, the database)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    plan = inbox / "plan.txt"
    plan.write_text(PLAN.format(number="215", day="05"), encoding="utf-8")
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    return plan, db_path, store.open_db(db_path)


def test_a_repeated_sentence_is_corrected_where_the_clerk_corrected_it(tmp_path):
    plan, db_path, db = stored_plan(tmp_path)
    first, second = db.query("select * from tasks where text like 'Báo cáo UBND tỉnh%' "
                             "order by seq")
    actions.set_fields(db, second["id"], {"deadline": "2023-10-01"})
    batch.run(plan.parent, db_path, force=True)
    deadlines = [r["deadline"] for r in db.query(
        "select deadline from tasks where text like 'Báo cáo UBND tỉnh%' order by seq")]
    assert deadlines == ["2023-09-15", "2023-10-01"]


def test_a_correction_whose_text_is_gone_is_listed_after_the_run(tmp_path):
    plan, db_path, db = stored_plan(tmp_path)
    health = task_containing(db, "kho dữ liệu y tế")
    actions.set_fields(db, health["id"], {"deadline": "2023-11-30"})
    plan.write_text(PLAN.format(number="215", day="05").replace(
        "3. Sở Y tế chủ trì xây dựng kho dữ liệu y tế dùng chung của tỉnh trong năm 2023.",
        "3. Sở Y tế chủ trì đào tạo kỹ năng số cho cán bộ ngành y tế."), encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--inbox", str(plan.parent), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "1 sửa đổi hoặc tình trạng không áp dụng lại được" in output
    assert "plan.txt: “Sở Y tế chủ trì xây dựng kho dữ liệu y tế" in output
    assert "Hạn hoàn thành: 30/11/2023" in output
    assert db["corrections"].count == 1  # kept: the clerk may still need it


@pytest.mark.parametrize("reworded", [
    "3. Sở Y tế chủ trì xây dựng kho dữ liệu y tế dùng chung cho toàn tỉnh trong năm 2023.",
    "3. Sở Y tế chủ trì, xây dựng kho dữ liệu ngành y tế dùng chung của tỉnh trong năm 2023.",
])
def test_a_reworded_task_keeps_its_correction_and_status(tmp_path, reworded):
    """A new version of the file that changes a word or two of a sentence (at least
    NEARLY_SAME of its words kept) is the same task: its id, its fix and its follow-up stay."""
    plan, db_path, db = stored_plan(tmp_path)
    health = task_containing(db, "kho dữ liệu y tế")
    actions.set_fields(db, health["id"], {"deadline": "2023-11-30"})
    status.change(db, health["id"], "done", on=dt.date(2023, 11, 20))
    plan.write_text(PLAN.format(number="215", day="05").replace(
        "3. Sở Y tế chủ trì xây dựng kho dữ liệu y tế dùng chung của tỉnh trong năm 2023.",
        reworded), encoding="utf-8")
    summary = batch.run(plan.parent, db_path)
    task = task_containing(db, "dùng chung")
    assert task["id"] == health["id"] and task["deadline"] == "2023-11-30"  # its id kept too
    assert db.execute("select status from task_statuses where task_id = ?",
                      [task["id"]]).fetchone() == ("done",)
    assert summary.unplaced == []


def test_a_status_whose_text_is_gone_is_listed_after_the_run(tmp_path):
    plan, db_path, db = stored_plan(tmp_path)
    status.change(db, task_containing(db, "kho dữ liệu y tế")["id"], "done",
                  on=dt.date(2023, 11, 20))
    plan.write_text(PLAN.format(number="215", day="05").replace(
        "3. Sở Y tế chủ trì xây dựng kho dữ liệu y tế dùng chung của tỉnh trong năm 2023.",
        "3. Sở Y tế chủ trì đào tạo kỹ năng số cho cán bộ ngành y tế."), encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--inbox", str(plan.parent), "--db", str(db_path)])
    output = " ".join(result.output.split())
    assert "1 sửa đổi hoặc tình trạng không áp dụng lại được" in output
    assert "kho dữ liệu y tế dùng chung của tỉnh trong năm 2023.” (hoàn thành ngày 20/11/2023)" \
        in output
    assert db["statuses"].count == 1  # kept: it applies again if the sentence comes back


def test_corrections_of_a_database_before_directives_still_apply(tmp_path):
    """An older database: corrections keyed by (sha256, task_key, field), no directives."""
    inbox = only([f"{SEED}.txt"], tmp_path)
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    sha256 = db["documents"].get(task["document_id"])["sha256"]
    db["corrections"].drop()
    db["directives"].drop()
    db.execute("update documents set directive_id = null")
    db["corrections"].create({"sha256": str, "task_key": str, "field": str, "value": str,
                              "text": str, "updated_at": str}, pk=("sha256", "task_key", "field"))
    db["corrections"].insert({"sha256": sha256, "task_key": " ".join(task["text"].split()),
                              "field": "deadline", "value": '"2022-11-11"', "text": task["text"],
                              "updated_at": "2024-01-01T00:00:00+00:00"})
    db.conn.commit()

    refused = CliRunner().invoke(cli, ["query", "--db", str(db_path)])  # read-only: no migration
    assert refused.exit_code == 1 and "vntasks run" in refused.output
    batch.run(inbox, db_path, force=True)  # the run migrates
    assert db["corrections"].pks == ["directive_key", "task_key", "occurrence", "field"]
    [shown] = [t for t in query(db_path) if FINANCE_REPORT in t["text"]]
    assert shown["deadline"] == "2022-11-11"


def fingerprint(text: str) -> set[int]:
    return set(json.loads(directives.signature(text)["fingerprint"]))


def test_fingerprints_tell_versions_from_other_texts():
    seed = (INBOX / f"{SEED}.txt").read_text(encoding="utf-8")
    other = (INBOX / "000_759978d42bea8c3b.txt").read_text(encoding="utf-8")
    own = fingerprint(seed)
    assert directives.same_text(own, fingerprint(seed + RECIPIENTS))
    assert directives.same_text(own, fingerprint(seed.upper().replace("\n", " ")))
    assert not directives.same_text(own, fingerprint(other))
    paragraph = seed[:len(seed) // 3]  # a third of it, quoted elsewhere, is not a version of it
    assert not directives.same_text(own, fingerprint(paragraph))
    reformatted = directives.signature("Giao  Sở Tài chính,\nbáo cáo.")["text_key"]
    assert reformatted == directives.signature("giao so tai chinh bao cao")["text_key"]


def test_a_signature_is_the_same_in_every_release():
    """Stored fingerprints are compared with new files' ones: the hashing must never drift."""
    words = "giao so tai chinh chu tri bao cao ubnd tinh".split()
    shingles = {zlib.crc32(" ".join(words[i:i + 5]).encode()) for i in range(len(words) - 4)}
    signed = directives.signature("Giao Sở Tài chính chủ trì, báo cáo UBND tỉnh.")
    assert signed["text_key"] == hashlib.sha1(" ".join(words).encode()).hexdigest()
    assert json.loads(signed["fingerprint"]) == sorted(h for h in shingles if h % 4 == 0)


def test_review_lists_the_corrections_still_waiting_for_their_task(tmp_path):
    plan, db_path, db = stored_plan(tmp_path)
    actions.accept(db, task_containing(db, "kho dữ liệu y tế")["id"])
    plan.write_text(PLAN.format(number="215", day="05").replace("kho dữ liệu y tế", "hồ sơ"),
                    encoding="utf-8")
    batch.run(plan.parent, db_path)
    result = CliRunner().invoke(cli, ["review", "--db", str(db_path)])
    output = " ".join(result.output.split())
    assert result.exit_code == 0 and "1 sửa đổi hoặc tình trạng không áp dụng lại được" in output
    assert "Rà soát: Đã xác nhận" in output


def test_a_newer_scan_does_not_represent_a_directive_read_exactly(tmp_path):
    """Class: a signed scan dropped after the Word file misreads a few characters ("30/1 1/2026",
    "Lưu: VLE"), so its text looked like a newer version and it represented the directive; its
    misread deadline then decided the chasing letters (new-clerk trial). A file read exactly
    represents the directive before any file read by OCR; among exact reads the newest version
    still wins."""
    db = store.open_db(tmp_path / "tasks.db")
    directive_id = db.table("directives").insert({"key": "cv-1234"}).last_pk
    rows = [("cv1234.docx", "docx", 100, "a"), ("scan.jpg", "ocr", 200, "b"),
            ("cv1234-ban-sua.docx", "docx", 150, "c")]
    for path, method, mtime, key in rows:
        db.table("documents").insert({"path": path, "sha256": path, "status": "ok",
                                      "read_method": method, "mtime": mtime, "text_key": key,
                                      "directive_id": directive_id})
    directives.refresh(db, [directive_id])
    represented = db.execute("select d.path from directives r join documents d on d.id = "
                             "r.document_id").fetchone()[0]
    assert represented == "cv1234-ban-sua.docx"
    db.execute("update documents set status = 'error' where read_method = 'docx'")
    directives.refresh(db, [directive_id])
    assert db.execute("select d.path from directives r join documents d on d.id = "
                      "r.document_id").fetchone()[0] == "scan.jpg"
