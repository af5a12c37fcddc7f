"""Who a task is for, decided once (``agencies.reached``) for query --agency, chase and the
workbook: the real agencies it names, each of a "A; B" value on its own, and through a group the
real agencies of the same province the group includes; never a group, never an agency of
another province through a group."""
import datetime as dt

import docx
import openpyxl
import pytest

from clerk import copy_database
from conftest import run_command as invoke
from extractors.names import canonical
from pipeline import store
from pipeline.clerk import agencies, chase
from pipeline.clerk.query import Filters, find_tasks

FINANCE = "Sở Tài chính tỉnh Lâm Đồng"
HERE_GROUP = "Các sở, ban, ngành"  # a group of a Lâm Đồng document
AWAY_GROUP = "Các sở, ban, ngành tỉnh Lào Cai"  # a group of a Lào Cai document
HERE_TASK = "Rà soát thủ tục hành chính nội bộ của các sở"
AWAY_TASK = "Hoàn thành số hóa hồ sơ đất đai của tỉnh Lào Cai"
AS_OF = dt.date(2022, 10, 1)


def task(province, *named, document=1):
    return {"agencies": [{"role": role, "agency": name, "current_agency": name}
                         for role, name in named],
            "document": {"id": document, "province": province, "issued_date": "2022-09-01"}}


def test_a_group_reaches_the_agencies_of_its_province_only():
    local = {"Lâm Đồng": {FINANCE, "Công an tỉnh Lâm Đồng"},
             "Lào Cai": {"Sở Tài chính tỉnh Lào Cai"}}
    assert agencies.reached(task("Lâm Đồng", ("lead", HERE_GROUP)), local) == [
        ("lead", FINANCE, HERE_GROUP)]  # the police is no "sở"
    assert agencies.reached(task("Lào Cai", ("lead", HERE_GROUP)), local) == [
        ("lead", "Sở Tài chính tỉnh Lào Cai", HERE_GROUP)]
    assert agencies.reached(task("Nghệ An", ("lead", HERE_GROUP)), local) == []


def test_a_group_of_the_central_level_reaches_central_branches_only():
    """A new clerk's trial (2026-12): "Các cơ quan Trung ương" reached Sở Tài chính."""
    treasury = "Kho bạc Nhà nước tỉnh Lâm Đồng"
    local = {"Lâm Đồng": {FINANCE, treasury}}
    group = ("support", "Các cơ quan Trung ương")
    assert agencies.reached(task("Lâm Đồng", group), local) == [("support", treasury, group[1])]


def test_without_a_province_a_group_reaches_its_own_documents_agencies_only():
    """Two communes' plans with no province read (trial of 2026-12-02: a commune's "các ngành,
    đoàn thể xã" had reached another commune's board members)."""
    local = {agencies.locality(None, 1): {"Hội Nông dân xã An Phú"},
             agencies.locality(None, 2): {"Hội Nông dân xã Bình Minh"}}
    group = ("lead", "Các ngành, đoàn thể xã")
    assert agencies.reached(task(None, group, document=1), local) == [
        ("lead", "Hội Nông dân xã An Phú", group[1])]
    assert agencies.reached(task(None, group, document=3), local) == []


def test_a_multi_lead_value_is_each_agency_and_a_group_is_never_reached():
    split = task("Lâm Đồng", ("lead", "Sở Nội vụ tỉnh Lâm Đồng; Sở Y tế tỉnh Lâm Đồng"),
                 ("support", "Các đơn vị có liên quan"), ("support", FINANCE))
    assert agencies.reached(split, {"Lâm Đồng": {FINANCE}}) == [
        ("lead", "Sở Nội vụ tỉnh Lâm Đồng", None), ("lead", "Sở Y tế tỉnh Lâm Đồng", None),
        ("support", FINANCE, None)]  # named: not again through the group


@pytest.fixture(scope="module")
def grouped_db(inbox_database, tmp_path_factory):
    """The sample inbox, plus an overdue task given to a group by a Lâm Đồng directive and one
    given to a group by a Lào Cai directive (a province with no agency in the database)."""
    path = copy_database(inbox_database[0], tmp_path_factory.mktemp("reach"))
    db = store.open_db(path)
    for n, (province, group, text) in enumerate([("Lâm Đồng", HERE_GROUP, HERE_TASK),
                                                 ("Lào Cai", AWAY_GROUP, AWAY_TASK)]):
        document = db["documents"].insert(
            {"path": f"/inbox/group-{n}.txt", "province": province, "issued_date": "2022-09-01",
             "status": "ok"}).last_pk
        directive = db["directives"].insert({"key": f"group-{n}", "document_id": document}).last_pk
        db["documents"].update(document, {"directive_id": directive})
        task_id = db["tasks"].insert({"document_id": document, "seq": 1, "text": text,
                                      "deadline": "2022-09-20", "search_text": text}).last_pk
        db["task_agencies"].insert({"task_id": task_id, "agency": group, "role": "lead"})
    return path


def texts_of(tasks):
    return [t["text"] for t in tasks]


def test_query_takes_in_a_group_of_the_same_province_only(grouped_db):
    db = store.open_db(grouped_db)
    for name in (FINANCE, "Sở Tài chính"):
        found = find_tasks(db, Filters(agency=name))
        assert HERE_TASK in texts_of(found) and AWAY_TASK not in texts_of(found), name
        [here] = [t for t in found if t["text"] == HERE_TASK]
        assert here["collective"] == HERE_GROUP
    assert HERE_TASK not in texts_of(find_tasks(db, Filters(agency=FINANCE, exact=True)))


def test_chase_writes_to_real_agencies_only(grouped_db, tmp_path):
    invoke("chase", "--as-of", AS_OF.isoformat(), "--db", grouped_db, "--out", tmp_path)
    names = {p.stem for p in tmp_path.glob("*.docx")}
    assert FINANCE in names
    assert not [n for n in names if agencies.is_group(n) or ";" in n]
    [letter] = [found for found in chase.late_letters(store.open_db(grouped_db), AS_OF)
                if found.agency == FINANCE]
    assert [group for t, group in letter.lead if t["text"] == HERE_TASK] == [HERE_GROUP]
    table_text = "\n".join(c.text for t in docx.Document(tmp_path / f"{FINANCE}.docx").tables
                           for r in t.rows for c in r.cells)
    assert f"{HERE_TASK}\n(Giao chung: {HERE_GROUP})" in table_text
    assert AWAY_TASK not in table_text


@pytest.fixture(scope="module")
def exported(grouped_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("reach_export")
    invoke("export", "--as-of", AS_OF.isoformat(), "--db", grouped_db, "--out", out)
    return out


def test_workbook_sheets_are_real_agencies(exported):
    workbook = openpyxl.load_workbook(exported / "tasks.xlsx")
    names = workbook.sheetnames[1:]
    assert not [n for n in names if agencies.is_group(n) or ";" in n]
    finance = [r[4].value for r in workbook[FINANCE].iter_rows(min_row=2)]
    assert f"{HERE_TASK}\n(Giao chung: {HERE_GROUP})" in finance
    assert not any(AWAY_TASK in text for sheet in names
                   for text in (r[4].value for r in workbook[sheet].iter_rows(min_row=2)))


def test_one_body_under_two_names_is_one_extract(exported):
    """Seed 004 writes "Tỉnh đoàn" and "Đoàn TNCS HCM tỉnh"; rules/agencies.yml knows them as
    one body, so they are one agency: one extract, one sheet."""
    assert canonical("Tỉnh đoàn") == canonical("Đoàn TNCS HCM tỉnh")
    names = {p.stem for p in (exported / "agencies").glob("*.docx")}
    youth = [n for n in names if "đoàn" in n.casefold()]
    assert youth == ["Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Lâm Đồng"]
