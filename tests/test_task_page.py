"""The task page of `vntasks serve` (/tasks), in-process through its WSGI app: filters as a clerk
types them, sort, paging, links to each task's place and correction form, the view as Excel."""
import io
import re

import openpyxl
import pytest

from clerk import FINANCE_REPORT, copy_database, seeded_database
from pipeline.clerk.web.tasks import PAGE_SIZE
from web import Client

CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("task-page")
    return Client(copy_database(seeded_database(folder), folder / "site"))


def rows(page: str) -> list[list[str]]:
    body = re.search(r'<table class="tasks">.*?<tbody>(.*?)</tbody>', page, re.S).group(1)
    return [[re.sub(r"<[^>]+>", " ", c).strip() for c in CELL.findall(row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def count(page: str) -> int:
    return int(re.search(r"<p>(\d+) nhiệm vụ", page).group(1))


def test_every_task_on_pages_of_fifty(client):
    status, _, first = client.get("/tasks")
    total = count(first)
    assert status == 200 and total > PAGE_SIZE and len(rows(first)) == PAGE_SIZE
    assert '<a href="/tasks?page=2">2</a>' in first
    _, _, second = client.get("/tasks?page=2")
    assert len(rows(second)) == total - PAGE_SIZE
    ids = {r[0] for r in rows(first)} | {r[0] for r in rows(second)}
    assert len(ids) == total


def test_agency_with_or_without_accents_and_overdue(client):
    _, _, typed = client.get("/tasks?agency=so+tai+chinh&exact=1&overdue=1&as_of=01/01/2023")
    _, _, accented = client.get("/tasks?agency=Sở+Tài+chính&exact=1&overdue=1&as_of=2023-01-01")
    assert rows(typed) == rows(accented)
    [row] = rows(typed)
    assert row[1] == "15/09/2022" and FINANCE_REPORT in row[4]
    assert row[2] == "Sở Tài chính tỉnh Đắk Nông (nay: Sở Tài chính tỉnh Lâm Đồng)"  # successors
    assert 'class="overdue"' in typed


def test_collectives_are_marked(client):
    _, _, page = client.get("/tasks?agency=Sở+Tài+chính")
    assert "Giao chung qua: Các sở, ban, ngành" in page


def test_an_unknown_agency_suggests_instead_of_an_empty_list(client):
    _, _, page = client.get("/tasks?agency=Sở+Tài+chánh")
    assert "Có phải ý bạn là: “Sở Tài chính”" in page
    assert '<a href="/tasks?agency=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh">Sở Tài chính</a>' in page
    assert '<table class="tasks">' not in page


def iso(day: str) -> str:
    return f"{day[-4:]}-{day[3:5]}-{day[:2]}"


def test_due_soon_and_sort(client):
    _, _, soon = client.get("/tasks?due_within=30&as_of=01/09/2022")
    due = [iso(r[1]) for r in rows(soon)]
    assert due and all("2022-09-01" <= d <= "2022-10-01" for d in due)
    _, _, last_page = client.get("/tasks?sort=-deadline&page=2")
    _, _, first_page = client.get("/tasks?sort=-deadline")
    shown = [r[1] for r in rows(first_page) + rows(last_page)]
    dated = [iso(d) for d in shown if re.fullmatch(r"\d\d/\d\d/\d{4}", d)]
    assert dated == sorted(dated, reverse=True)
    assert shown[:len(dated)] == [d for d in shown if re.fullmatch(r"\d\d/\d\d/\d{4}", d)]


def test_each_task_links_to_its_place_and_its_form(client):
    _, _, page = client.get("/tasks?agency=so+tai+chinh&exact=1&overdue=1&as_of=01/01/2023")
    document, task = re.search(r'href="/documents/(\d+)#form-(\d+)"', page).groups()
    assert f'href="/documents/{document}#task-{task}"' in page
    _, _, shown = client.get(f"/documents/{document}")
    assert f'id="form-{task}"' in shown and f'id="task-{task}"' in shown


def test_the_view_as_excel(client):
    query = "agency=so+tai+chinh&exact=1&overdue=1&as_of=01/01/2023"
    _, _, page = client.get(f"/tasks?{query}")
    assert f'href="/tasks.xlsx?{query.replace("/", "%2F").replace("&", "&amp;")}"' in page
    status, headers, data = client.get(f"/tasks.xlsx?{query}")
    assert status == 200 and headers["Content-Disposition"].endswith('filename="nhiem-vu.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]][:3] == ["Mã", "Hạn hoàn thành", "Chủ trì"]
    assert sheet.max_row - 1 == count(page)


def test_a_value_that_is_no_date_is_said(client):
    status, _, page = client.get("/tasks?as_of=hôm+nay")
    assert status == 200 and "“hôm nay” không phải là một ngày" in page


def test_a_database_removed_while_serving_is_said_under_a_heading_that_fits(tmp_path):
    client = Client(tmp_path / "removed.db")  # as if output/tasks.db was deleted after `serve`
    for path in ("/tasks", "/", "/documents/1", "/tasks.xlsx"):
        status, headers, page = client.get(path)
        assert status == 503 and "Retry-After" in headers, path
        assert "<h1>Không mở được trang</h1>" in page and "Chưa có cơ sở dữ liệu" in page
    status, _, page = client.post("/tasks/1", {"action": "accept"})
    assert status == 503 and "<h1>Không lưu được</h1>" in page


def test_a_page_that_does_not_exist_is_not_a_failed_save(client):
    status, _, page = client.get("/nowhere")
    assert status == 404 and "<h1>Không mở được trang</h1>" in page
