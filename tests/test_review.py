"""pipeline review: list what the pipeline is unsure of, and fix it from the terminal."""
import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from clerk import (
    FINANCE_REPORT,
    MISSED_TASK,
    agencies,
    copy_database,
    copy_seeds,
    flagged_task,
    seeded_database,
    task_containing,
)
from conftest import sample_files
from pipeline import batch
from pipeline.clerk.messages import describe_changes
from pipeline.clerk.review import flagged, flagged_count
from pipeline.cli import cli
from web import Client


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return seeded_database(tmp_path_factory.mktemp("review"))


@pytest.fixture
def db_path(seeded, tmp_path):
    return copy_database(seeded, tmp_path)


def review(db_path, *args):
    result = CliRunner().invoke(cli, ["review", *args, "--db", str(db_path)])
    return result


def test_lists_flagged_tasks_with_context_and_reason(db_path):
    db = sqlite_utils.Database(db_path)
    flagged = flagged_task(db)
    text = db["documents"].get(flagged["document_id"])["text"]
    result = review(db_path)
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.replace("│", " ").split())  # the panel's lines, joined
    assert f"#{flagged['id']}" in output
    assert " ".join(flagged["review_reason"].split()) in output
    before = text[max(0, flagged["start"] - 40):flagged["start"]].split()[-2:]  # context
    assert " ".join(before) in output
    needing = db.execute("select count(*) from tasks where needs_review = 1").fetchone()[0]
    assert f"{needing} nhiệm vụ cần rà soát" in output


def test_set_then_accept_and_reject(db_path):
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    result = review(db_path, "set", str(task["id"]), "--deadline", "2022-09-20",
                    "--lead", "so tai chinh", "--lead", "Sở KH&ĐT", "--support", "Sở TT&TT",
                    "--pillar", "the_che_so", "--recurrence", "monthly")
    assert result.exit_code == 0, result.output
    row = db["tasks"].get(task["id"])
    assert (row["deadline"], row["pillar"], row["recurrence"]) == ("2022-09-20", "the_che_so",
                                                                  "monthly")
    assert agencies(db, task["id"], "support") == ["Sở Thông tin và Truyền thông"]
    assert "Sở Kế hoạch và Đầu tư" in agencies(db, task["id"], "lead")

    flagged = flagged_task(db)
    assert review(db_path, "accept", str(flagged["id"])).exit_code == 0
    assert db["tasks"].get(flagged["id"])["needs_review"] == 0
    assert review(db_path, "reject", str(task["id"])).exit_code == 0
    assert db["tasks"].get(task["id"])["review_status"] == "rejected"
    # the pillar it already had is no change: four fields, one accept, one reject are logged
    assert "Hạn hoàn thành: 20/09/2022; Chủ trì: Sở Tài chính; Sở Kế hoạch và Đầu tư; Phối " \
        "hợp: Sở Thông tin và Truyền thông; Định kỳ: Hằng tháng." in " ".join(result.output.split())
    assert db["corrections_log"].count == 6
    again = review(db_path, "set", str(task["id"]), "--deadline", "20/09/2022")
    assert again.exit_code == 0 and "đã ghi đúng như vậy" in again.output
    assert db["corrections_log"].count == 6  # typed again (new-clerk trial, stop 39)


def test_a_card_line_pasted_whole_is_its_agencies_and_spaces_only_are_refused(db_path):
    # new-clerk trial (stop 39): "Chủ trì: A; B" pasted into --lead was stored as one made-up
    # body, and --pillar " " cleared the pillar
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    done = review(db_path, "set", str(task["id"]), "--lead", "Sở Tài chính; Sở Nội vụ")
    assert done.exit_code == 0, done.output
    assert agencies(db, task["id"], "lead") == ["Sở Tài chính", "Sở Nội vụ"]
    pillar = db["tasks"].get(task["id"])["pillar"]
    refused = review(db_path, "set", str(task["id"]), "--pillar", "  ")
    assert refused.exit_code == 1 and "gõ toàn dấu cách" in refused.output
    assert db["tasks"].get(task["id"])["pillar"] == pillar


def test_accept_undoes_a_rejection(db_path):
    """The README's and the help's undo: a task rejected by mistake comes back in every list."""
    task = task_containing(sqlite_utils.Database(db_path), FINANCE_REPORT)

    def listed():
        result = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--text",
                                          FINANCE_REPORT])
        return f"│ {task['id']} " in result.output

    assert listed()
    assert review(db_path, "reject", str(task["id"])).exit_code == 0 and not listed()
    assert review(db_path, "accept", str(task["id"])).exit_code == 0 and listed()
    assert sqlite_utils.Database(db_path)["tasks"].get(task["id"])["review_status"] == "accepted"


def test_clearing_a_field(db_path):
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    assert review(db_path, "set", str(task["id"]), "--deadline", "").exit_code == 0
    assert db["tasks"].get(task["id"])["deadline"] is None


def test_add_a_missed_task(db_path):
    db = sqlite_utils.Database(db_path)
    document = next(db.query("select id from documents where path like '%003_%'"))
    result = review(db_path, "add", str(document["id"]), "--text", MISSED_TASK)
    assert result.exit_code == 0, result.output
    task = task_containing(db, MISSED_TASK[:60])
    assert f"Đã thêm nhiệm vụ #{task['id']}" in result.output


def test_an_added_task_takes_what_its_sentence_says(tmp_path):
    # the clerk's trial added a sentence naming its lead and deadline and had to type both
    # again with review set (2026-12-02)
    inbox, db_path = tmp_path / "inbox", tmp_path / "tasks.db"
    inbox.mkdir()
    past = "Năm trước, Sở Tài chính đã hoàn thành rà soát kinh phí trước ngày 15/9."
    (inbox / "kh.txt").write_text(
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG\nSố: 12/KH-UBND\nĐắk Nông, ngày 01 tháng 8 năm 2022\n"
        f"KẾ HOẠCH\nRà soát kinh phí\nI. KẾT QUẢ\n{past}\nII. NHIỆM VỤ\n"
        "1. Sở Nội vụ rà soát biên chế trong tháng 10/2022.\n", encoding="utf-8")
    batch.run(inbox, db_path)
    db = sqlite_utils.Database(db_path)
    result = review(db_path, "add", "kh", "--text", past)
    assert result.exit_code == 0, result.output
    task = task_containing(db, past[:40])  # a report of past work: only its dated cue is read,
    assert task["deadline"] == "2022-09-15"  # the year the directive's
    assert "Hạn hoàn thành: 15/09/2022" in result.output and agencies(db, task["id"], "lead") == []
    # read with no lead, it waits in review until the clerk names one (new-clerk trial)
    assert "không nêu cơ quan chủ trì" in " ".join(result.output.split())
    assert (task["needs_review"], task["review_reason"]) == (1, "Chưa đọc được cơ quan chủ trì")
    assert review(db_path, "set", str(task["id"]), "--lead", "Sở Tài chính").exit_code == 0
    assert db["tasks"].get(task["id"])["needs_review"] == 0
    batch.run(inbox, db_path, force=True)
    assert task_containing(db, past[:40])["needs_review"] == 0


def test_a_sentence_read_alone_gives_its_agencies_and_deadline():
    from pipeline.clerk.actions import read_sentence

    assert read_sentence("Sở Xây dựng chủ trì, phối hợp với Sở Nội vụ rà soát quy hoạch, báo "
                         "cáo UBND tỉnh trước ngày 20/10.", "2023-09-01") == {
        "lead": ["Sở Xây dựng"], "support": ["Sở Nội vụ"], "deadline": "2023-10-20"}
    assert read_sentence("Việc rà soát đã xong.", None) == {}


def test_add_names_the_document_by_its_file_name_or_number(db_path, tmp_path):
    # the clerk's trial typed "review add P17_01" and read that the id must be a number, which
    # the task table never shows (2026-12-02)
    db = sqlite_utils.Database(db_path)
    document = next(db.query("select id, path, doc_number from documents where path like "
                             "'%003_%' order by id"))
    name = Path(document["path"]).stem
    result = review(db_path, "add", name, "--text", MISSED_TASK)
    assert result.exit_code == 0, result.output
    assert task_containing(db, MISSED_TASK[:60])["document_id"] == document["id"]
    several = review(db_path, "add", "_", "--text", MISSED_TASK)
    assert several.exit_code != 0 and "là tên của nhiều văn bản" in several.output
    # each file with the id to type instead (new-clerk trial, stop 37: the ids went unsaid)
    assert f"(id:{document['id']})" in several.output


def test_a_task_already_stored_is_not_added_again(db_path):
    """review add took a task identical to one stored, the same sentence of the same document
    (new-clerk trial): refused, naming the task, whether extracted, added or rejected."""
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    typed = "  " + task["text"].upper()  # another case and spacing: the same span
    refused = review(db_path, "add", str(task["document_id"]), "--text", typed)
    assert refused.exit_code == 1, refused.output
    assert f"đã có nhiệm vụ này: #{task['id']}" in refused.output

    document = next(db.query("select id from documents where path like '%003_%'"))["id"]
    assert review(db_path, "add", str(document), "--text", MISSED_TASK).exit_code == 0
    added = task_containing(db, MISSED_TASK[:60])
    again = review(db_path, "add", str(document), "--text", MISSED_TASK)
    assert again.exit_code == 1 and f"#{added['id']}" in again.output

    assert review(db_path, "reject", str(task["id"])).exit_code == 0
    rejected = review(db_path, "add", str(task["document_id"]), "--text", typed)
    assert rejected.exit_code == 1 and f"vntasks review accept {task['id']}" in rejected.output
    assert db.execute("select count(*) from corrections where field = 'added'").fetchone()[0] == 1


def test_two_stored_tasks_copied_as_one_are_not_added_again(db_path):
    # the clerk's trial added a sentence the extractor had split into two tasks and got a third
    # repeating both (2026-12-02)
    db = sqlite_utils.Database(db_path)
    text, first, second = next(
        (document["text"], one, two) for document in db.query("select id, text from documents")
        for one, two in pairwise(db.query("select id, start, [end] from tasks where "
                                          "document_id = ? order by start", [document["id"]]))
        if one["end"] < two["start"] and not document["text"][one["end"]:two["start"]].strip())
    document = db["tasks"].get(first["id"])["document_id"]
    refused = review(db_path, "add", str(document), "--text", text[first["start"]:second["end"]])
    assert refused.exit_code == 1 and f"#{first['id']}" in refused.output, refused.output


def test_a_copy_with_other_closing_marks_or_a_part_of_a_task_is_not_added(tmp_path):
    """review add of a rejected task's sentence typed with the document's closing "./." said
    "Đã thêm nhiệm vụ #34" while #34 stayed rejected (new-clerk trial): the copy is compared with
    the stored tasks closing marks and spacing aside, and a part of a task's sentence is that
    task too."""
    inbox = copy_seeds(tmp_path / "inbox")
    seed = next(inbox.glob("004_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8").replace(
        "hạ tầng **trước ngày 15/9/2022**.", "hạ tầng **trước ngày 15/9/2022**./."),
        encoding="utf-8")
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    sentence = task["text"].rstrip("./") + "./."
    assert review(db_path, "reject", str(task["id"])).exit_code == 0
    for typed in (sentence, " ".join(sentence.split()[2:12]), sentence.replace(" ", "  ")):
        refused = review(db_path, "add", str(task["document_id"]), "--text", typed)
        assert refused.exit_code == 1, (typed, refused.output)
        assert f"#{task['id']}" in refused.output and "review accept" in refused.output
    assert review(db_path, "accept", str(task["id"])).exit_code == 0
    refused = review(db_path, "add", str(task["document_id"]), "--text", sentence)
    assert refused.exit_code == 1 and f"đã có nhiệm vụ này: #{task['id']}" in refused.output
    assert db.execute("select count(*) from corrections where field = 'added'").fetchone()[0] == 0
    assert db["tasks"].get(task["id"])["review_status"] == "accepted"


@pytest.mark.parametrize("args, message", [
    (["set", "1", "--deadline", "31/9/2022"], "không phải là một ngày"),
    (["set", "1"], "Chưa có gì để sửa"),
    (["accept", "999999"], "Không có nhiệm vụ mã 999999"),
    (["add", "1", "--text", "câu này không có trong văn bản"], "Không tìm thấy đoạn này"),
])
def test_refusals_are_clean_errors(db_path, args, message):
    result = review(db_path, *args)
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output


def test_group_db_option_reaches_subcommands(db_path):
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    result = CliRunner().invoke(cli, ["review", "--db", str(db_path), "accept", str(task["id"])])
    assert result.exit_code == 0, result.output
    assert db["tasks"].get(task["id"])["review_status"] == "accepted"


def test_a_run_counts_what_review_lists(seed_inbox, tmp_path):
    """The run's "cần rà soát" is the count `review` lists: a task the clerk has accepted is
    not counted again by the next run (new-clerk trial: 9 said, 2 listed)."""
    db_path = tmp_path / "tasks.db"

    def said_by_run():
        result = CliRunner().invoke(cli, ["run", "--inbox", str(seed_inbox), "--db", str(db_path),
                                          "--workers", "1"])
        return " ".join(result.output.split())

    first = said_by_run()
    listed = sqlite_utils.Database(db_path).execute(
        "select count(*) from tasks where needs_review = 1").fetchone()[0]
    assert flagged_count(sqlite_utils.Database(db_path)) == \
        len(flagged(sqlite_utils.Database(db_path))) == listed
    assert f"{listed} nhiệm vụ đang chờ rà soát" in first
    accepted = flagged_task(sqlite_utils.Database(db_path))["id"]
    assert review(db_path, "accept", str(accepted)).exit_code == 0
    assert f"{listed - 1} nhiệm vụ đang chờ rà soát" in said_by_run()


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_every_date_the_clerk_reads_is_day_month_year(db_path):
    """The database keeps ISO dates; the review cards, the review page's marks, the history of a
    status and the corrections that could not be carried show them as 31/12/2025."""
    db = sqlite_utils.Database(db_path)
    task = flagged_task(db)
    db["tasks"].update(task["id"], {"deadline": "2025-12-31"})  # as read: still flagged
    cards = " ".join(review(db_path).output.replace("│", " ").split())
    assert "Hạn: 31/12/2025" in cards and not ISO_DATE.search(cards)
    status, _, page = Client(db_path).get(f"/documents/{task['document_id']}")
    shown = re.sub(r'value="[^"]*"', "", page)  # a date input's value is ISO by HTML's rule
    assert status == 200 and not ISO_DATE.search(shown)
    CliRunner().invoke(cli, ["status", str(task["id"]), "--in-progress", "--db", str(db_path)])
    history = CliRunner().invoke(cli, ["status", str(task["id"]), "--db", str(db_path)]).output
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", history) and not ISO_DATE.search(history)
    assert describe_changes({"deadline": "2025-12-31"}) == "Hạn hoàn thành: 31/12/2025"


def test_set_checks_an_agency_as_query_does(db_path):
    """A misspelt agency (class: a typo of a known name, seen as "Sở Tài chánh") is refused by
    `review set` with the name it is close to, as `query --agency` refuses it; a body close to
    no known name is written, and the confirmation says it is new."""
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    before = agencies(db, task["id"], "lead")
    typo = review(db_path, "set", str(task["id"]), "--lead", "Sở Giáo dục và Đào tại")
    assert typo.exit_code == 1
    assert "Sở Giáo dục và Đào tạo" in typo.output and "Có phải ý bạn là" in typo.output
    assert agencies(db, task["id"], "lead") == before
    with_place = review(db_path, "set", str(task["id"]), "--support", "Sở Tài chánh tỉnh Gia Lai")
    assert with_place.exit_code == 1 and "Sở Tài chính" in with_place.output
    queried = CliRunner().invoke(cli, ["query", "--agency", "Sở Giáo dục và Đào tại",
                                       "--db", str(db_path)])
    assert queried.exit_code == 1 and "Sở Giáo dục và Đào tạo" in queried.output

    other_province = review(db_path, "set", str(task["id"]), "--support",
                            "Sở Y tế tỉnh Quảng Trị")
    assert other_province.exit_code == 0, other_province.output
    assert "cơ quan mới" not in other_province.output

    new = review(db_path, "set", str(task["id"]), "--lead", "Ban Quản lý dự án Hồ Xuân Hương")
    assert new.exit_code == 0, new.output
    assert "cơ quan mới" in " ".join(new.output.split())
    assert agencies(db, task["id"], "lead") == ["Ban Quản lý dự án Hồ Xuân Hương"]


def test_a_name_typed_without_accents_is_stored_as_the_known_name(db_path):
    """Class: a known agency typed without its accents ("so khoa hoc va cong nghe") was stored as
    typed and went into the chasing letters (new-clerk trial); it is stored as the tasks or the
    catalogue spell it, as an abbreviation already was. An unaccented name spelling no known one
    stays as typed."""
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    typed = review(db_path, "set", str(task["id"]), "--lead", "so giao duc va dao tao",
                   "--support", "so noi vu")
    assert typed.exit_code == 0, typed.output
    assert agencies(db, task["id"], "lead") == ["Sở Giáo dục và Đào tạo"]
    assert agencies(db, task["id"], "support") == ["Sở Nội vụ"]
    # ... and so is one with some accents left out or another case (new-clerk trial: "Sở Nội
    # vu" went into the letters as typed)
    partly = review(db_path, "set", str(task["id"]), "--lead", "Sở Giáo duc và Đào tạo",
                    "--support", "sở nội vu")
    assert partly.exit_code == 0, partly.output
    assert agencies(db, task["id"], "lead") == ["Sở Giáo dục và Đào tạo"]
    assert agencies(db, task["id"], "support") == ["Sở Nội vụ"]
    # ... and one followed by its province (clerk's trial, 2026-12-02: "so noi vu tinh lao cai"
    # became the agency "So noi vu tinh lao cai" of every later letter)
    provinced = review(db_path, "set", str(task["id"]), "--lead", "so xay dung tinh quang tri",
                       "--support", "cong an tinh ha giang")
    assert provinced.exit_code == 0, provinced.output
    assert agencies(db, task["id"], "lead") == ["Sở Xây dựng tỉnh Quảng Trị"]
    assert agencies(db, task["id"], "support") == ["Công an tỉnh Hà Giang"]
    # ... and a query naming one with its province but not its level finds its tasks, as a
    # clerk writes it (new-clerk trial: "Sở Tài chính Quảng Trị" gave "0 nhiệm vụ")
    for typed in ("Sở Xây dựng Quảng Trị", "so xay dung quang tri"):
        found = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--agency", typed,
                                         "--exact", "--format", "json"])
        assert [t["id"] for t in json.loads(found.stdout)] == [task["id"]], found.output
    # ... but a name typed with its accents is never replaced by a stored spelling whose accents
    # differ (clerk's trial, stop 35: OCR's "đoản thê" replaced the typed "đoàn thể")
    db["task_agencies"].insert({"task_id": task["id"], "role": "support",
                                "agency": "Các sở, ban, ngành, đoản thê của tỉnh"})
    accented = review(db_path, "set", str(task["id"]), "--lead",
                      "Các sở, ban, ngành, đoàn thể của tỉnh")
    assert accented.exit_code == 0, accented.output
    assert agencies(db, task["id"], "lead") == ["Các sở, ban, ngành, đoàn thể của tỉnh"]


def test_set_refuses_a_blank_lead(db_path):
    """Class: a required field typed empty or blank (`--lead ""`, `--lead "   "`, a blank line
    in the page's box) would leave a task with no one to chase (new-clerk trial): refused with
    how to give a name or take the correction back; a blank support still clears."""
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    for blank in ("", "   ", "\u200b"):
        result = review(db_path, "set", str(task["id"]), "--lead", blank)
        assert result.exit_code == 1
        assert "Cơ quan chủ trì không được để trống" in result.output
        assert f"review undo {task['id']} --lead" in result.output
    assert agencies(db, task["id"], "lead") == ["Sở Tài chính"]
    assert db.execute("select count(*) from corrections").fetchone()[0] == 0
    assert review(db_path, "set", str(task["id"]), "--support", "").exit_code == 0


def test_undo_takes_a_correction_back_on_every_file_and_run(tmp_path):
    """Class: a correction the clerk regrets (new-clerk trial: no undo). `review undo TASK
    --FIELD` deletes the correction, logs it, and gives every file of the directive (.txt and
    .docx here) the values read from the document, which a re-run keeps; the other corrected
    fields stay; a field never corrected is refused with the corrected ones."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in copy_seeds(tmp_path / "seeds").glob("004_*"):
        seed.rename(inbox / seed.name)
    docx = next(p for p in sample_files(".docx") if p.name.startswith("004_"))
    (inbox / docx.name).write_bytes(docx.read_bytes())
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    db = sqlite_utils.Database(db_path)

    def copies() -> list[dict]:
        return list(db.query("select * from tasks where text like ? order by id",
                             [f"%{FINANCE_REPORT}%"]))

    mã = str(copies()[0]["id"])
    assert review(db_path, "set", mã, "--deadline", "5/12/2022", "--pillar", "ha tang so",
                  "--lead", "Sở Xây dựng").exit_code == 0
    assert {r["deadline"] for r in copies()} == {"2022-12-05"}

    refused = review(db_path, "undo", mã, "--recurrence")
    assert refused.exit_code == 1
    assert "chưa có sửa đổi nào ở Định kỳ để hoàn tác; các trường đã sửa: Chủ trì, Hạn hoàn " \
        "thành, Trụ cột; chưa có gì thay đổi." in " ".join(refused.output.split())
    done = review(db_path, "undo", mã, "--deadline", "--lead")
    assert done.exit_code == 0, done.output
    assert "nay theo văn bản: Chủ trì: Sở Tài chính; Hạn hoàn thành: 15/09/2022." in done.output
    batch.run(inbox, db_path, force=True)
    rows = copies()
    assert len(rows) == 2  # the .txt and the .docx
    assert {(r["deadline"], r["pillar"], r["review_status"]) for r in rows} == \
        {("2022-09-15", "ha_tang_so", "corrected")}
    assert all(agencies(db, r["id"], "lead") == ["Sở Tài chính"] for r in rows)
    logged = [(r["field"], r["old_value"], r["new_value"]) for r in db.query(
        "select * from corrections_log where new_value is not null or old_value is not null "
        "order by id")][-2:]
    assert logged == [("lead", "Sở Xây dựng", "Sở Tài chính"),
                      ("deadline", "2022-12-05", "2022-09-15")]

    assert review(db_path, "undo", mã).exit_code == 0  # every field left: the pillar
    assert {(r["pillar"], r["review_status"]) for r in copies()} == {("the_che_so", None)}
    again = review(db_path, "undo", mã)  # nothing left (new-clerk trial, stop 39: "—")
    assert again.exit_code == 1 and "các trường đã sửa: chưa có trường nào" in \
        " ".join(again.output.split())

    # a correction made before the values read were kept: undone, and said to come back on the
    # next reading of the file, never shown as the document's value
    assert review(db_path, "set", mã, "--deadline", "1/12/2022").exit_code == 0
    db.execute("update tasks set extracted = null")
    db.execute("update corrections set extracted = null")
    db.conn.commit()
    legacy = review(db_path, "undo", mã)
    assert legacy.exit_code == 0 and "nay theo văn bản" not in legacy.output
    assert "vntasks run --force" in " ".join(legacy.output.split())
    batch.run(inbox, db_path, force=True)
    assert {r["deadline"] for r in copies()} == {"2022-09-15"}

def test_set_warns_of_a_body_reorganised_in_2025(db_path):
    """Class: a correction naming a body merged, split or abolished in 2025 (new-clerk trial:
    "Sở Kế hoạch và Đầu tư", merged into Sở Tài chính) was taken silently. It is written as typed
    (an old document may name it so) with a warning naming today's body from
    rules/successors.yml and the command that writes it; a body that still exists gets none."""
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    result = review(db_path, "set", str(task["id"]), "--lead", "Sở GTVT",
                    "--support", "Sở TN&MT", "--support", "Sở Y tế")
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "“Sở Giao thông vận tải” đã được sắp xếp lại" in said and "nay là Sở Xây dựng" in said
    assert "nay là Sở Nông nghiệp và Môi trường" in said
    assert f'review set {task["id"]} --support "Sở Nông nghiệp và Môi trường" --support ' \
           '"Sở Y tế"' in said
    assert "“Sở Y tế” đã" not in said
    assert agencies(db, task["id"], "lead") == ["Sở Giao thông vận tải"]
    quiet = review(db_path, "set", str(task["id"]), "--lead", "Sở Tài chính")
    assert "sắp xếp lại" not in quiet.output


def test_review_names_the_files_it_could_not_read(tmp_path):
    # Clerk's trial (stop 35): "15 nhiệm vụ cần rà soát" and not a word of the 3 files that
    # failed; a file that failed has no task to list, so review names it.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "kh.txt").write_text("UBND tỉnh giao Sở Y tế tổ chức tiêm chủng trước ngày "
                                  "15/9/2022.\n", encoding="utf-8")
    (inbox / "hong.docx").write_bytes(b"\x00\x13not a zip at all")
    batch.run(inbox, tmp_path / "tasks.db")
    said = " ".join(review(tmp_path / "tasks.db").output.split())
    assert "1 tệp chưa đọc được: hong.docx" in said


def test_a_verdict_given_again_logs_nothing_and_ids_and_dates_are_taken_as_copied(db_path):
    # new-clerk trial (stop 39): a second accept logged accepted → accepted; "#175" as the
    # messages write a task, and a date as a header prints it, were refused
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    assert review(db_path, "accept", f"#{task['id']}").exit_code == 0
    logged = db["corrections_log"].count
    assert review(db_path, "accept", str(task["id"])).exit_code == 0
    assert db["corrections_log"].count == logged
    done = review(db_path, "set", str(task["id"]), "--deadline",
                  "Đắk Nông, ngày 30 tháng 9 năm 2022")
    assert done.exit_code == 0 and db["tasks"].get(task["id"])["deadline"] == "2022-09-30"
    # ... and a deadline before the document's date is stored with a word of warning
    db["documents"].update(task["document_id"], {"issued_date": "2022-09-20"})
    early = review(db_path, "set", str(task["id"]), "--deadline", "30/09/2021")
    assert early.exit_code == 0 and "sớm hơn ngày ban hành văn bản (20/09/2022)" in \
        " ".join(early.output.split())
