"""pipeline query: every filter and output format, on the pipeline's output for the seeds."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from clerk import FINANCE_REPORT, copy_database, seeded_database
from pipeline import store
from pipeline.clerk import actions
from pipeline.cli import cli
from extractors.text import strip_accents

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
    tasks = query(db_path, "--agency", spelling)
    assert any(FINANCE_REPORT in t["text"] and t["deadline"] == "2022-09-15" for t in tasks)
    assert all(any(strip_accents(FINANCE) in strip_accents(a["agency"] + " " + a["mention"])
                   for a in t["agencies"]) for t in tasks)


def test_abbreviation_finds_the_same_tasks_as_the_full_name(db_path):
    full = {t["id"] for t in query(db_path, "--agency", INFORMATION)}
    assert full and {t["id"] for t in query(db_path, "--agency", "Sở TT&TT")} == full


def test_role(db_path):
    as_lead = query(db_path, "--agency", INFORMATION, "--role", "lead")
    as_support = query(db_path, "--agency", INFORMATION, "--role", "support")
    assert as_lead and as_support
    assert all(INFORMATION in leads(t) for t in as_lead)
    assert all(INFORMATION in t["support"] for t in as_support)


def test_overdue_as_of(db_path):
    overdue = query(db_path, "--agency", "so tai chinh", "--overdue", "--as-of", "2023-01-01")
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


def test_full_text_search_without_accents(db_path):
    tasks = query(db_path, "--text", "phan bo kinh phi")
    assert any(FINANCE_REPORT in t["text"] for t in tasks)


def test_json_carries_document_and_agencies(db_path):
    [task] = [t for t in query(db_path, "--agency", FINANCE) if FINANCE_REPORT in t["text"]]
    assert task["document"]["path"].endswith("004_2a4f31bab8b9abc1.txt")
    assert {"agency": FINANCE, "role": "lead"}.items() <= task["agencies"][0].items()
    assert task["lead"] == [FINANCE]


def test_csv_and_table(db_path):
    runner = CliRunner()
    args = ["query", "--db", str(db_path), "--agency", "so tai chinh", "--due-before", "2022-12-31"]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(cli, [*args, "--format", "csv"]).stdout)))
    assert rows and rows[0]["lead"] == FINANCE and rows[0]["deadline"] == "2022-09-15"
    table = runner.invoke(cli, args).stdout
    assert "Chủ trì" in table and "2022-09-15" in table and "Tài" in table


def test_rejected_tasks_are_not_listed(db_path, tmp_path):
    private = copy_database(db_path, tmp_path)
    db = store.open_db(private)
    [task] = [t for t in query(private, "--text", "phan bo") if FINANCE_REPORT in t["text"]]
    actions.reject(db, task["id"])
    assert task["id"] not in {t["id"] for t in query(private, "--agency", FINANCE)}


def test_unknown_pillar_is_refused(db_path):
    result = CliRunner().invoke(cli, ["query", "--db", str(db_path), "--pillar", "tai_chinh"])
    assert result.exit_code == 2 and "the_che_so" in result.output


def test_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["query", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "hãy chạy `python -m pipeline run` trước" in result.output
