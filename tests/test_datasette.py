"""Datasette's views of the task database, in-process (Datasette's own test client), with the
metadata and the plugin `vntasks browse` runs it with."""
import asyncio
import re

import pytest
import sqlite_utils

from clerk import FINANCE_REPORT, copy_database, seeded_database, task_containing
from pipeline import store
from pipeline.clerk import actions
from pipeline.clerk.web import browse


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("datasette")
    db_path = copy_database(seeded_database(folder), folder / "site")
    db = store.open_db(db_path)
    actions.reject(db, task_containing(db, "Giao Trường Cao đẳng cộng đồng")["id"])
    db.close()
    return db_path


def get(db_path, path: str, **params):
    from datasette.app import Datasette

    browse.register()

    async def fetch():
        datasette = Datasette([str(db_path)], metadata=browse.metadata_for(db_path))
        return await datasette.client.get(f"/{db_path.stem}{path}", params=params)
    return asyncio.run(fetch())


def task_list(db_path, agency: str = "", text: str = "") -> list[dict]:
    response = get(db_path, "/task_list.json", _shape="array", cơ_quan=agency, nội_dung=text)
    assert response.status_code == 200, response.text
    return response.json()


def test_task_list_shows_lead_support_labels_in_vietnamese(db_path):
    rows = task_list(db_path)
    assert list(rows[0]) == ["Mã", "Hạn", "Chủ trì", "Phối hợp", "Nhiệm vụ", "Định kỳ",
                             "Trụ cột", "Văn bản", "Rà soát"]
    [finance] = [r for r in rows if FINANCE_REPORT in r["Nhiệm vụ"]]
    assert (finance["Hạn"], finance["Chủ trì"], finance["Trụ cột"]) == \
        ("15/09/2022", "Sở Tài chính", "Thể chế số")
    assert any(r["Phối hợp"] for r in rows)


def test_task_list_hides_rejected_tasks_and_puts_undated_ones_last(db_path):
    rows = task_list(db_path)
    db = sqlite_utils.Database(db_path)
    visible = db.execute("select count(*) from tasks where coalesce(review_status, '') != "
                         "'rejected'").fetchone()[0]
    assert len(rows) == visible and not any("Cao đẳng cộng đồng" in r["Nhiệm vụ"] for r in rows)
    dated = [bool(r["Hạn"]) for r in rows]
    assert dated == sorted(dated, reverse=True) and not all(dated)


def test_task_list_filters_forgive_accents(db_path):
    by_agency = task_list(db_path, agency="so tai chinh")
    assert by_agency and by_agency == task_list(db_path, agency="Sở Tài chính")
    by_text = task_list(db_path, text="dao tao")
    assert by_text and by_text == task_list(db_path, text="đào tạo")
    response = get(db_path, "/agency_tasks.json", _shape="array", agency="tai chinh")
    assert any(FINANCE_REPORT in r["Nhiệm vụ"] for r in response.json())


def test_the_tasks_table_shows_labels_not_codes(db_path):
    page = get(db_path, "/tasks", _size="max").text
    cells = re.findall(r'<td class="col-pillar[^"]*"[^>]*>([^<]*)</td>', page)
    assert "Thể chế số" in cells and "the_che_so" not in cells
    assert "Kết quả rà soát" in page and "Không phải nhiệm vụ" in page
