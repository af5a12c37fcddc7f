"""pipeline query: every filter and output format, on the pipeline's output for the seeds."""
import csv
import io
import json

import pytest
import sqlite_utils
from click.testing import CliRunner

from clerk import FINANCE_REPORT, copy_database, seeded_database
from extractors.text import strip_accents
from pipeline import batch, store
from pipeline.clerk import actions, parse
from pipeline.clerk import query as tq
from pipeline.cli import cli

FINANCE = "Sở Tài chính"
INFORMATION = "Sở Thông tin và Truyền thông"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return seeded_database(tmp_path_factory.mktemp("query"))


def query(db_path, *args) -> list[dict]:
    result = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def leads(task):
    return [a["agency"] for a in task["agencies"] if a["role"] == "lead"]


@pytest.mark.parametrize("spelling", ["so tai chinh", "SỞ TÀI CHÍNH", "Sở Tài chính", "STC"])
def test_agency_accent_case_and_alias_insensitive(db_path, spelling):
    tasks = query(db_path, "--agency", spelling, "--exact")
    assert any(FINANCE_REPORT in t["text"] and t["deadline"] == "2022-09-15" for t in tasks)
    # as written, or by today's name: a Sở Kế hoạch và Đầu tư's task is Sở Tài chính's since 2025
    assert all(any(strip_accents(FINANCE) in strip_accents(
        f"{a['agency']} {a['mention']} {a['current_agency']}") for a in t["agencies"])
        for t in tasks)


def test_a_name_as_the_lists_show_it_finds_its_tasks(db_path):
    # new-clerk trial (stop 39): "Sở Tài chính tỉnh Đắk Nông", as the CSV wrote it, found
    # "0 nhiệm vụ"; the province's name picks that province's documents
    tasks = query(db_path, "--agency", "Sở Tài chính tỉnh Đắk Nông", "--exact")
    assert tasks and all(t["document"]["province"] == "Đắk Nông" for t in tasks)
    assert any(a["written"] == "Sở Tài chính tỉnh Đắk Nông" for t in tasks for a in t["agencies"])
    unaccented = query(db_path, "--agency", "so tai chinh tinh dak nong", "--exact")
    assert {t["id"] for t in unaccented} == {t["id"] for t in tasks}


def test_abbreviation_finds_the_same_tasks_as_the_full_name(db_path):
    full = {t["id"] for t in query(db_path, "--agency", INFORMATION)}
    assert full and {t["id"] for t in query(db_path, "--agency", "Sở TT&TT")} == full


def test_role(db_path):
    as_lead = query(db_path, "--agency", INFORMATION, "--role", "lead", "--exact")
    as_support = query(db_path, "--agency", INFORMATION, "--role", "support", "--exact")
    assert as_lead and as_support
    assert all(INFORMATION in leads(t) for t in as_lead)
    assert all(INFORMATION in t["support"] for t in as_support)


@pytest.mark.parametrize(("typed", "code"), [("chủ trì", "lead"), ("chu-tri", "lead"),
                                             ("Phối hợp", "support")])
def test_role_by_its_vietnamese_name(db_path, typed, code):
    # the clerk's trial typed "chu-tri" and read "... không phải là một trong 'lead', 'support'"
    assert query(db_path, "--agency", INFORMATION, "--role", typed, "--exact") == \
        query(db_path, "--agency", INFORMATION, "--role", code, "--exact")


def test_overdue_as_of(db_path):
    overdue = query(db_path, "--agency", "so tai chinh", "--exact", "--overdue",
                    "--as-of", "2023-01-01")
    assert [t["deadline"] for t in overdue] == ["2022-09-15"]
    assert all(t["deadline"] < "2023-01-01" for t in query(db_path, "--overdue",
                                                            "--as-of", "2023-01-01"))
    today = query(db_path, "--agency", "so tai chinh", "--overdue")  # the seeds are from 2022-23
    assert {t["deadline"] for t in today} >= {"2022-09-15", "2023-12-31"}


def test_due_between(db_path):
    tasks = query(db_path, "--due-after", "2022-09-01", "--due-before", "2022-09-30")
    assert tasks and all("2022-09-01" <= t["deadline"] <= "2022-09-30" for t in tasks)
    assert any(FINANCE_REPORT in t["text"] for t in tasks)


def test_pillar_document_and_review_flag(db_path):
    pillar = query(db_path, "--pillar", "the_che_so")
    assert pillar and all(t["pillar"] == "the_che_so" for t in pillar)
    by_path = query(db_path, "--document", "004_")
    assert by_path and all(t["document"]["path"].endswith("004_2a4f31bab8b9abc1.txt")
                           for t in by_path)
    by_id = query(db_path, "--document", str(by_path[0]["document"]["id"]))
    assert [t["id"] for t in by_id] == [t["id"] for t in by_path]
    flagged = query(db_path, "--needs-review")
    assert flagged and all(t["needs_review"] == 1 and t["review_reason"] for t in flagged)


def files(*rows) -> sqlite_utils.Database:
    """A database of documents only: (id, directive_id, file name, số ký hiệu)."""
    db = sqlite_utils.Database(memory=True)
    db["documents"].insert_all([{"id": id_, "directive_id": directive, "path": f"/inbox/{name}",
                                 "doc_number": number} for id_, directive, name, number in rows],
                               pk="id")
    return db


SAMPLE = files((4, 1, "000_759978d42bea8c3b.pdf", None), (13, 5, "004_2a4f31bab8b9abc1.docx", None),
               (14, 5, "004_2a4f31bab8b9abc1.txt", None), (6, 3, "002_dd27b629392228d1.txt",
                                                           "215/KH-UBND"))


@pytest.mark.parametrize("typed, directives", [
    ("4", [1]), ("13", [5]),  # no file name or số ký hiệu starts with them: the id
    ("004_", [5]), ("004_2A4F", [5]), ("215/KH-UBND", [3]), ("215", [3]),  # no id 215
    ("14", [5]),
    ("00", [1, 3, 5]),  # no id 0: every name starting so
    ("004", None),  # id 4 is another directive than the 004_ files
])
def test_digits_are_an_id_only_when_no_file_name_or_number_starts_with_them(typed, directives):
    if directives is None:  # never silently the id: the clerk is shown both and told how
        with pytest.raises(tq.AmbiguousDocument, match="id:4.*004_"):
            tq.document_directives(SAMPLE, typed)
    else:
        assert tq.document_directives(SAMPLE, typed) == directives


def test_an_explicit_id_is_the_id():
    assert tq.document_directives(SAMPLE, parse.document_ref("id:4")) == [1]
    assert parse.document_ref("004") == "004"  # kept as typed, zeros and all


def test_an_ambiguous_document_exits_non_zero(db_path):
    result = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--document", "0"])
    assert result.exit_code == 0  # no id 0: the files whose names start with 0
    listed = {t["document"]["id"] for t in query(db_path)}
    named = {t["document"]["id"] for t in query(db_path, "--document", "004_")}
    other = min(listed - named)
    typed = f"{other:03d}"  # "00N": file N's id, and the start of every file name
    result = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--document", typed])
    assert result.exit_code == 1 and f"id:{other}" in result.output


def test_full_text_search_without_accents(db_path):
    tasks = query(db_path, "--text", "phan bo kinh phi")
    assert any(FINANCE_REPORT in t["text"] for t in tasks)


def test_json_carries_document_and_agencies(db_path):
    [task] = [t for t in query(db_path, "--agency", FINANCE) if FINANCE_REPORT in t["text"]]
    assert task["document"]["path"].endswith("004_2a4f31bab8b9abc1.txt")
    assert {"agency": FINANCE, "role": "lead"}.items() <= task["agencies"][0].items()
    assert task["lead"] == [FINANCE]


def test_csv_opens_in_excel_with_accents_vietnamese_headers_and_labels(db_path):
    args = ["query", "--db", str(db_path), "--agency", "so tai chinh", "--exact",
            "--due-before", "2022-12-31", "--format", "csv"]
    data = CliRunner().invoke(cli, args).stdout_bytes
    assert data.startswith("\ufeff".encode())  # Excel on Windows reads UTF-8 with a BOM only
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0])[:5] == ["Mã", "Hạn hoàn thành", "Chủ trì", "Phối hợp", "Nhiệm vụ"]
    assert rows[0]["Hạn hoàn thành"] == "2022-09-15"
    assert rows[0]["Chủ trì"] == "Sở Tài chính tỉnh Đắk Nông (nay: Sở Tài chính tỉnh Lâm Đồng)"
    pillars = {r["Trụ cột"] for r in csv.DictReader(io.StringIO(CliRunner().invoke(
        cli, ["query", "--db", str(db_path), "--format", "csv"]).stdout.lstrip("\ufeff")))}
    assert "Thể chế số" in pillars and not pillars & {"the_che_so", "ha_tang_so"}


def test_table_keeps_the_task_readable_at_80_columns(db_path):
    from rich.console import Console

    from pipeline.clerk.query import Filters, find_tasks, to_table

    db = store.open_db(db_path)
    tasks = [t for t in find_tasks(db, Filters(agency=FINANCE)) if FINANCE_REPORT in t["text"]]
    console = Console(width=80, record=True)
    console.print(to_table(tasks))
    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= 80
    text_column = max(len(cell.strip()) for line in lines for cell in line.split("│")[4:5])
    assert text_column >= 38, "\n".join(lines)
    shown = " ".join(" ".join(line.split("│")[4:5]).strip() for line in lines)
    assert "15/09/2022" in " ".join(lines) and "Báo cáo UBND tỉnh tình hình cân đối" in shown


@pytest.mark.parametrize("typed", [["--due-after", "01/09/2022", "--due-before", "30/9/2022"],
                                   ["--due-after", "2022-09-01", "--due-before", "2022-09-30"]])
def test_dates_as_a_clerk_types_them(db_path, typed):
    tasks = query(db_path, *typed)
    assert tasks and all("2022-09-01" <= t["deadline"] <= "2022-09-30" for t in tasks)


@pytest.mark.parametrize("typed", ["the_che_so", "Thể chế số", "the che so", "THỂ CHẾ SỐ"])
def test_pillar_by_name_or_code(db_path, typed):
    tasks = query(db_path, "--pillar", typed)
    assert tasks and {t["pillar"] for t in tasks} == {"the_che_so"}


def test_rejected_tasks_are_not_listed(db_path, tmp_path):
    private = copy_database(db_path, tmp_path)
    db = store.open_db(private)
    [task] = [t for t in query(private, "--text", "phan bo") if FINANCE_REPORT in t["text"]]
    actions.reject(db, task["id"])
    assert task["id"] not in {t["id"] for t in query(private, "--agency", FINANCE)}
    # the listing says what it hides: never a bare "0 nhiệm vụ" after a rejection
    result = CliRunner().invoke(cli, ["query", "--db", str(private), "--text", "phan bo"])
    assert f"mà văn thư đã đánh dấu không phải nhiệm vụ (#{task['id']})" in result.output
    assert "review accept MÃ" in result.output


def test_unknown_pillar_is_refused(db_path):
    result = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--pillar", "tai_chinh"])
    assert result.exit_code == 2 and "Không có trụ cột “tai_chinh”" in result.output
    assert "Thể chế số" in result.output


def test_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["query", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "hãy chạy `vntasks run` trước" in result.output


def test_make_query_writes_nothing_but_the_csv(db_path):
    """`make query FORMAT=csv > file`: the file holds the CSV only, not make's command line."""
    import os
    import subprocess
    import sys

    from clerk import ROOT

    # as a clerk's shell runs it: not as a sub-make of `make test`, which prints its directory
    shell = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    made = subprocess.run(
        ["make", "query", f"DB={db_path}", "AGENCY=Sở Tài chính", "PILLAR=Thể chế số",
         "FORMAT=csv", f"PY={sys.executable}", "STAMP="],  # this environment, not a new .venv
        cwd=ROOT, capture_output=True, check=True, env=shell)
    assert made.stdout.startswith("\ufeffMã,".encode())
    rows = list(csv.reader(io.StringIO(made.stdout.decode("utf-8-sig"))))
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)


def test_out_dash_is_standard_output(db_path, tmp_path, monkeypatch):
    """`--out -` is standard output (the Unix convention), never a file named "-"; the commands
    whose --out is a folder of files or a database refuse it in words."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--format", "json",
                                      "--out", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) and not (tmp_path / "-").exists()
    for command in (["chase"], ["report"], ["export"], ["backup"]):
        refused = CliRunner().invoke(cli, [*command, "--db", str(db_path), "--out", "-"])
        assert refused.exit_code == 2 and "không ghi ra màn hình" in refused.output, command
        assert not (tmp_path / "-").exists()


def test_a_file_flagged_for_review_says_why_beside_its_tasks(tmp_path):
    """Class: a file read but flagged for review (a letter with signs of tasks but none found,
    a file with nothing Vietnamese in it) showed "0 nhiệm vụ" alone under `query --document`
    (new-clerk trial): the file's reason now stands beside the list."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "cv.txt").write_text("ỦY BAN NHÂN DÂN TỈNH AN GIANG\n\nKính gửi: Các sở, ngành.\n\n"
                                  "UBND tỉnh đề nghị các đơn vị quan tâm.\n", encoding="utf-8")
    (inbox / "x.txt").write_text("x", encoding="utf-8")
    batch.run(inbox, tmp_path / "tasks.db")
    for name, reason in (("cv", "không tìm được nhiệm vụ nào"), ("x", "chất lượng thấp")):
        result = CliRunner().invoke(cli, ["query", "--document", name, "--db",
                                          str(tmp_path / "tasks.db")])
        assert result.exit_code == 0, result.output
        assert "0 nhiệm vụ" in result.output and reason in " ".join(result.output.split())


def test_a_reversed_due_range_is_refused_not_answered_with_none(db_path):
    """Class: `--due-after` later than `--due-before` matches no day; it printed "0 nhiệm vụ"
    where `report` refuses a reversed window (new-clerk trial)."""
    result = CliRunner().invoke(cli, ["query", "--due-before", "01/01/2022", "--due-after",
                                      "01/01/2023", "--db", str(db_path)])
    assert result.exit_code == 2 and "hãy đổi chỗ" in result.output


def test_document_names_its_own_file_not_others_whose_names_contain_it(tmp_path):
    """Class: `--document` typed as a whole file name that is also part of other files' names
    ("kh-2.txt" in "kh-12.txt" and "bao-cao-kh-2.txt"; new-clerk trial: another file's notice
    was shown, and a file never read among them made the command fail). The file named whole is
    the one meant, by name, by name without its suffix or by path; part of a name still finds
    every file it is part of."""
    from conftest import copy_sample

    inbox = tmp_path / "inbox"
    seed = next(p for p in copy_sample(tmp_path / "seeds", ".txt").iterdir()
                if p.name.startswith("004_"))
    inbox.mkdir()
    (inbox / "kh-2.txt").write_bytes(seed.read_bytes())
    (inbox / "kh-12.txt").write_text("  \n", encoding="utf-8")  # failed: văn bản rỗng
    (inbox / "bao-cao-kh-2.txt").write_bytes(b"\x00\x01\x02" * 50)  # failed: binary
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)

    for typed in ("kh-2.txt", "kh-2", "KH-2.TXT", str(inbox / "kh-2.txt")):
        result = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--document", typed])
        assert result.exit_code == 0, (typed, result.output)
        assert "21 nhiệm vụ" in result.output and "Chưa đọc được" not in result.output, typed
    part = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--document", "kh-1"])
    assert part.exit_code == 0, part.output
    assert "Chưa đọc được tệp kh-12.txt" in part.output and "bao-cao" not in part.output
    both = CliRunner().invoke(cli, ["review", "--db", str(db_path), "--document", "-kh-2"])
    assert both.exit_code == 0, both.output
    assert "bao-cao-kh-2.txt" in both.output and "kh-12.txt" not in both.output


@pytest.mark.parametrize("stored, shown", [
    ("Phối\nhợp với Sở Tài chính tham mưu\nỦy ban nhân dân tỉnh.",
     "Phối hợp với Sở Tài chính tham mưu Ủy ban nhân dân tỉnh."),
    ("Tham mưu trình quyết định:\n- Phương án A;\n- Phương án B.",
     "Tham mưu trình quyết định:\n- Phương án A;\n- Phương án B."),
    ("a) Rà soát hồ sơ\nb) Báo cáo kết quả", "a) Rà soát hồ sơ\nb) Báo cáo kết quả"),
])
def test_a_task_reads_without_the_line_breaks_its_file_wrapped_it_with(stored, shown):
    # A new clerk's trial (2026-12): a legal site's copy keeps its page's line breaks ("Phối" /
    # "hợp ..."), and the sheet and CSV showed them; a list's own lines stay.
    assert tq.flowing(stored) == shown


def test_a_file_name_with_its_suffix_names_that_file_or_none():
    # the clerk's trial typed "--document 1.txt" and got the tasks of 002_dd27b629392228d1.txt
    # and 004_...c1.txt, whose names hold it (2026-12-02)
    for typed in ("1.txt", "d1.txt"):
        with pytest.raises(tq.UnknownDocument):
            tq.document_directives(SAMPLE, typed)
    assert tq.document_directives(SAMPLE, "002_dd27b629392228d1.txt") == [3]
    assert tq.document_directives(SAMPLE, "2a4f31") == [5]  # no suffix: the files holding it
