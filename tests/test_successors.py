"""rules/successors.yml: agencies and provinces after the 2025 reorganisation, by the document's
date and province; query by today's name, the name as written kept beside it."""
import json

import pytest
import sqlite_utils

from clerk import copy_database, seeded_database
from conftest import run_command as invoke
from extractors import rules as extraction_rules
from extractors.rules import RulesError
from pipeline import store
from pipeline.clerk import successors
from pipeline.clerk.successors import successor

SCIENCE = "Sở Khoa học và Công nghệ"
INFORMATION_DAK_NONG = "Sở Thông tin và Truyền thông tỉnh Đắk Nông"


def test_every_entry_has_a_source_and_an_effective_date():
    data = extraction_rules.load_file("successors.yml", schema=successors.SCHEMA)
    entries = [e for section in ("ministries", "departments", "local_government", "provinces")
               for e in data[section]]
    assert all(e["source"].strip() and e["effective"].year == 2025 for e in entries)
    assert successors.load().names  # compiled without error


def test_63_provinces_become_34():
    names = extraction_rules.load()["provinces"]
    before = set(names["provinces"]) | set(names["cities"])  # Thừa Thiên Huế and Huế: 64 names
    entries = extraction_rules.load_file("successors.yml", schema=successors.SCHEMA)["provinces"]
    merged = {old for entry in entries for old in entry["from"]}
    after = before - merged
    assert len(after) == 34
    assert {e["to"] for e in entries} <= after


@pytest.mark.parametrize("agency, province, issued, written, current", [
    ("Sở Thông tin và Truyền thông", "Đắk Nông", "2022-09-07", INFORMATION_DAK_NONG,
     "Sở Khoa học và Công nghệ tỉnh Lâm Đồng"),
    ("Sở Thông tin và Truyền thông", "Đắk Nông", None, INFORMATION_DAK_NONG,  # undated: applies
     "Sở Khoa học và Công nghệ tỉnh Lâm Đồng"),
    ("Sở Thông tin và Truyền thông", "Nghệ An", "2023-08-01",
     "Sở Thông tin và Truyền thông tỉnh Nghệ An", "Sở Khoa học và Công nghệ tỉnh Nghệ An"),
    # between the department mergers (1/3) and the province mergers (1/7/2025)
    ("Sở Kế hoạch và Đầu tư", "Phú Yên", "2025-04-10", "Sở Kế hoạch và Đầu tư tỉnh Phú Yên",
     "Sở Kế hoạch và Đầu tư tỉnh Đắk Lắk"),
    ("Sở Tài chính", "Kon Tum", "2024-05-02", "Sở Tài chính tỉnh Kon Tum",
     "Sở Tài chính tỉnh Quảng Ngãi"),
    ("Sở Giao thông vận tải", "Yên Bái", "2024-01-02", "Sở Giao thông vận tải tỉnh Yên Bái",
     "Sở Xây dựng tỉnh Lào Cai"),
    ("Sở Tài nguyên và Môi trường", "Bình Thuận", "2023-06-30",
     "Sở Tài nguyên và Môi trường tỉnh Bình Thuận", "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng"),
    ("Ban Dân tộc tỉnh", "Kon Tum", "2024-01-02", "Ban Dân tộc tỉnh Kon Tum",
     "Sở Dân tộc và Tôn giáo tỉnh Quảng Ngãi"),
    ("Công an tỉnh", "Hải Dương", "2024-01-02", "Công an tỉnh Hải Dương",
     "Công an thành phố Hải Phòng"),
    ("Sở Y tế", "Thừa Thiên Huế", "2024-01-02", "Sở Y tế tỉnh Thừa Thiên Huế",
     "Sở Y tế thành phố Huế"),
    ("Ủy ban nhân dân các huyện, thành phố Gia Nghĩa", "Đắk Nông", "2022-09-07",
     "Ủy ban nhân dân các huyện, thành phố Gia Nghĩa tỉnh Đắk Nông",
     "Ủy ban nhân dân các xã, phường, đặc khu tỉnh Lâm Đồng"),
    ("Bộ Thông tin và Truyền thông", "Đắk Nông", "2022-09-07", "Bộ Thông tin và Truyền thông",
     "Bộ Khoa học và Công nghệ"),
    ("Báo Đắk Nông", "Đắk Nông", "2022-09-07", "Báo Đắk Nông", "Báo Đắk Nông"),  # not listed
    ("Sở Khoa học và Công nghệ", "Lâm Đồng", "2025-10-01", "Sở Khoa học và Công nghệ tỉnh Lâm Đồng",
     "Sở Khoa học và Công nghệ tỉnh Lâm Đồng"),  # written after the reorganisation
    # a name that states its own place keeps it, once, and moves with that place
    ("Sở Y tế thành phố Hà Nội", "Hà Nội", "2024-01-02", "Sở Y tế thành phố Hà Nội",
     "Sở Y tế thành phố Hà Nội"),
    ("Sở Y tế Hà Nội", "Hà Nội", "2024-01-02", "Sở Y tế thành phố Hà Nội",
     "Sở Y tế thành phố Hà Nội"),
    ("Sở Thông tin và Truyền thông tỉnh Đắk Nông", "Hà Nội", "2022-09-07", INFORMATION_DAK_NONG,
     "Sở Khoa học và Công nghệ tỉnh Lâm Đồng"),
    ("Ủy ban nhân dân tỉnh Đắk Nông", "Hà Nội", "2024-01-02", "Ủy ban nhân dân tỉnh Đắk Nông",
     "Ủy ban nhân dân tỉnh Lâm Đồng"),
    # a merged department named relative to its province ("Sở KH-ĐT tỉnh" of a Bình Định news
    # item) merges too, not only moves with its province (clerk's trial, stop 35)
    ("Sở Kế hoạch và Đầu tư tỉnh", "Bình Định", "2023-11-08",
     "Sở Kế hoạch và Đầu tư tỉnh Bình Định", "Sở Tài chính tỉnh Gia Lai"),
])
def test_successor_by_date_and_province(agency, province, issued, written, current):
    found = successor(agency, province, issued)
    assert (found.written, found.current_name) == (written, current)
    assert not found.split


def test_a_split_duty_keeps_every_successor():
    found = successor("Sở Lao động - Thương binh và Xã hội", "Đắk Nông", "2022-09-07")
    assert found.current == ("Sở Nội vụ tỉnh Lâm Đồng", "Sở Y tế tỉnh Lâm Đồng",
                             "Sở Giáo dục và Đào tạo tỉnh Lâm Đồng")
    assert found.split and any("45/2025/NĐ-CP" in s for s in found.sources)
    assert successors.display(found.written, found.current_name) == (
        "Sở Lao động - Thương binh và Xã hội tỉnh Đắk Nông (nay: Sở Nội vụ tỉnh Lâm Đồng; "
        "Sở Y tế tỉnh Lâm Đồng; Sở Giáo dục và Đào tạo tỉnh Lâm Đồng)")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return seeded_database(tmp_path_factory.mktemp("successors"))


def test_refresh_fills_current_names_and_flags_split_duties(seeded, tmp_path):
    db = store.open_db(copy_database(seeded, tmp_path))
    assert successors.refresh(db) > 0
    assert db.execute("select count(*) from task_agencies where current_agency is null"
                      ).fetchone()[0] == 0
    rows = list(db.query("select tasks.* from tasks join task_agencies ta on ta.task_id = "
                         "tasks.id where ta.agency = 'Sở Lao động - Thương binh và Xã hội'"))
    assert rows and all(row["needs_review"] == 1 for row in rows)
    assert all("cần chọn cơ quan thực hiện" in row["review_reason"] and
               "(nay: Sở Nội vụ tỉnh" not in row["review_reason"] and
               "chia cho Sở Nội vụ tỉnh" in row["review_reason"]
               for row in rows)
    assert successors.refresh(db) == 0  # nothing new: a re-run's refresh costs one query


def test_the_clerk_picks_a_successor(seeded, tmp_path):
    db_path = copy_database(seeded, tmp_path)
    db = sqlite_utils.Database(db_path)
    task = next(db.query("select task_id from task_agencies "
                         "where agency = 'Sở Lao động - Thương binh và Xã hội'"))
    invoke("review", "set", task["task_id"], "--lead", "Sở Nội vụ", "--db", db_path)
    [lead] = db.query("select * from task_agencies where task_id = ? and role = 'lead'",
                      [task["task_id"]])
    assert lead["current_agency"] == "Sở Nội vụ tỉnh Lâm Đồng"
    assert db["tasks"].get(task["task_id"])["needs_review"] == 0


def test_query_by_todays_name_shows_the_name_as_written(inbox_database):
    """The issue's "done when", on a database made from the sample inbox."""
    db_path, _ = inbox_database
    tasks = json.loads(invoke("query", "--db", db_path, "--agency", SCIENCE, "--format", "json",
                              "--document", "004_").stdout)
    written = [a for t in tasks for a in t["agencies"] if a["written"] == INFORMATION_DAK_NONG]
    assert len({t["document"]["path"] for t in tasks}) == 1  # the directive, once
    assert len(tasks[0]["document"]["files"]) == 3  # of its .txt, .docx and .pdf copies
    assert written and all(a["display"] == f"{INFORMATION_DAK_NONG} (nay: {SCIENCE} tỉnh Lâm Đồng)"
                           for a in written)
    table = invoke("query", "--db", db_path, "--agency", SCIENCE, "--format", "csv").stdout
    assert f"{INFORMATION_DAK_NONG} (nay: {SCIENCE} tỉnh Lâm Đồng)" in table
    as_written = json.loads(invoke("query", "--db", db_path, "--agency", "Sở TT&TT",
                                   "--format", "json").stdout)
    assert {t["id"] for t in as_written} <= {t["id"] for t in json.loads(invoke(
        "query", "--db", db_path, "--agency", SCIENCE, "--format", "json").stdout)}


def test_a_plan_written_after_the_reorganisation_keeps_its_names(office_database):
    tasks = json.loads(invoke("query", "--db", office_database, "--agency", "Sở Nội vụ",
                              "--format", "json").stdout)
    agencies = [a for t in tasks for a in t["agencies"]]
    assert any(a["display"] == "Sở Nội vụ tỉnh Lâm Đồng" for a in agencies)
    # bodies that still exist keep their names; only an old name the plan itself uses (its table
    # still says "Sở Tài nguyên và Môi trường") gets a "nay:"
    current = {"Sở Nội vụ", "Sở Tài chính", "Sở Khoa học và Công nghệ", "Sở Y tế"}
    assert not any("(nay:" in a["display"] for a in agencies if a["agency"] in current)


def test_a_bad_entry_names_file_and_key(edited_rules):
    edited_rules("successors.yml", lambda data: data["departments"][1].pop("effective"))
    with pytest.raises(RulesError,
                       match=r"rules/successors.yml: departments\[1\]\.effective: missing"):
        successors.load()
