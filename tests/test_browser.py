"""The browser views in a real headless Chromium (Debian's, driven by Playwright): Datasette with
its metadata and saved queries, and the review page (highlights, a correction, escaping)."""
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from clerk import FINANCE_REPORT, MISSED_TASK, copy_seeds, seeded_database, task_containing
from pipeline import batch
from pipeline.clerk.web import app

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE = ('<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
           '<b id="injected">in đậm</b> & "ngoặc"')

pytestmark = [pytest.mark.browser, pytest.mark.needs("chromium")]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS,
            headless=True)
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return seeded_database(tmp_path_factory.mktemp("browser"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listening on port {port}")


def start(command: str, db_path: Path) -> tuple[subprocess.Popen, int]:
    """`python -m pipeline serve|browse` as `make serve|browse` runs it, on a free port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", command, "--db", str(db_path), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_for(port, process)
    return process, port


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def datasette(db_path):
    process, port = start("browse", db_path)
    yield f"http://127.0.0.1:{port}/{db_path.stem}"
    stop(process)


def serve(db_path: Path):
    server = app.make_server_for(db_path, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture
def review_site(db_path, tmp_path):
    private = tmp_path / "tasks.db"
    shutil.copy(db_path, private)
    server, url = serve(private)
    yield private, url
    server.shutdown()
    server.server_close()


def test_datasette_overdue_query(page, datasette):
    page.goto(f"{datasette}/overdue")
    assert page.locator("h1").inner_text() == "Nhiệm vụ quá hạn"
    table = page.locator("table.rows-and-columns")
    assert "Chủ trì" in table.locator("thead").inner_text()
    assert FINANCE_REPORT in table.inner_text() and "15/09/2022" in table.inner_text()


def test_datasette_tasks_table_labels_and_facets(page, datasette):
    page.goto(f"{datasette}/tasks")
    assert "không cần gõ dấu" in page.locator(".metadata-description").inner_text()
    assert page.locator("th.col-deadline").get_attribute("data-column-description") == \
        "Hạn hoàn thành (YYYY-MM-DD)"
    assert "Cơ quan" not in page.locator(".column-descriptions").inner_text()  # tasks' own only
    assert "Cần rà soát (1 = có)" in page.locator(".column-descriptions").inner_text()
    facets = page.locator(".facet-info").all_inner_texts()
    assert any("pillar" in f and "the_che_so" in f for f in facets)
    page.goto(f"{datasette}/tasks?_search=phan+bo+kinh+phi")
    assert FINANCE_REPORT in page.locator("table.rows-and-columns").inner_text()


def test_datasette_works_under_its_content_security_policy(page, datasette):
    """Facets, the column menus and the SQL editor run; the browser reports no refusal."""
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    for path in ("", "/tasks", "/tasks?_facet=pillar", "/overdue", "?sql=select+1"):
        page.goto(f"{datasette}{path}")
    assert page.locator(".CodeMirror").count() == 1  # the editor's script ran
    assert refused == []


def test_datasette_lists_saved_queries(page, datasette):
    page.goto(datasette)
    queries = page.locator("h2#queries + ul").inner_text()
    for title in ("Nhiệm vụ quá hạn", "Đến hạn trong 30 ngày tới",
                  "Số nhiệm vụ theo cơ quan chủ trì", "Số nhiệm vụ theo trụ cột DTI",
                  "Nhiệm vụ cần rà soát"):
        assert title in queries
    page.goto(f"{datasette}/agency_tasks?agency=Tài+chính")
    assert FINANCE_REPORT in page.locator("table.rows-and-columns").inner_text()


def test_review_page_highlights_and_saves_a_correction(page, review_site):
    db_path, url = review_site
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    page.goto(url)
    page.get_by_role("link", name="004_2a4f31bab8b9abc1.txt").click()
    mark = page.locator(f"#task-{task['id']}")
    assert FINANCE_REPORT in mark.inner_text()
    assert page.locator("mark.ent.deadline").filter(has_text="15/9/2022").count() >= 1
    assert page.locator("mark.ent.lead").count() > 0 and page.locator("mark.task").count() > 5

    form = page.locator(f"#form-{task['id']}")
    assert form.locator("textarea[name=lead]").input_value() == "Sở Tài chính"
    form.locator("input[name=deadline]").fill("30/09/2022")
    form.get_by_role("button", name="Lưu sửa đổi").click()
    page.wait_for_url(f"**/documents/{task['document_id']}#task-{task['id']}")
    assert page.locator(f"#form-{task['id']} input[name=deadline]").input_value() == "30/09/2022"
    assert db["tasks"].get(task["id"])["deadline"] == "2022-09-30"
    [log] = db.query("select field, old_value, new_value, via from corrections_log")
    assert log == {"field": "deadline", "old_value": "2022-09-15", "new_value": "2022-09-30",
                   "via": "web"}


def test_review_page_adds_a_missed_task_and_rejects_one(page, review_site):
    db_path, url = review_site
    db = sqlite_utils.Database(db_path)
    document = next(db.query("select id from documents where path like '%003_%'"))
    page.goto(f"{url}/documents/{document['id']}")
    page.locator(".add-form textarea[name=text]").fill(MISSED_TASK)
    page.locator(".add-form button").click()
    page.wait_for_load_state()
    added = task_containing(db, MISSED_TASK[:60])
    assert added["review_status"] == "added"
    assert MISSED_TASK[:60] in page.locator(f"#task-{added['id']}").inner_text()

    page.locator(f"#form-{added['id']}").get_by_role("button", name="Không phải nhiệm vụ").click()
    page.wait_for_load_state()
    assert page.locator(f"#task-{added['id']}").count() == 0
    assert db["tasks"].get(added["id"])["review_status"] == "rejected"
    assert [r["via"] for r in db.query("select via from corrections_log")] == ["web", "web"]


def test_review_page_refuses_a_bad_value(page, review_site):
    db_path, url = review_site
    task = task_containing(sqlite_utils.Database(db_path), FINANCE_REPORT)
    page.goto(f"{url}/documents/{task['document_id']}")
    version = page.locator(f"#form-{task['id']} input[name=version]").input_value()
    response = page.request.post(f"{url}/tasks/{task['id']}",
                                 form={"pillar": "khong_co", "version": version},
                                 headers={"Origin": url})
    assert response.status == 400 and "Không có trụ cột “khong_co”" in response.text()
    foreign = page.request.post(f"{url}/tasks/{task['id']}", form={"action": "reject"},
                                headers={"Origin": "http://evil.example"})
    assert foreign.status == 403
    assert sqlite_utils.Database(db_path)["tasks"].get(task["id"])["review_status"] is None


def test_review_page_escapes_hostile_document_text(page, tmp_path):
    """A seed with markup and script put into a task sentence is shown as text, never run."""
    inbox = copy_seeds(tmp_path / "inbox")
    seed = inbox / "004_2a4f31bab8b9abc1.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace(
        FINANCE_REPORT, f"{FINANCE_REPORT} {HOSTILE}"), encoding="utf-8")
    for other in inbox.glob("00[0-3]_*.txt"):
        other.unlink()
    batch.run(inbox, tmp_path / "tasks.db")
    server, url = serve(tmp_path / "tasks.db")
    try:
        page.goto(f"{url}/documents/1")
        assert page.evaluate("window.pwned") is None
        assert page.locator("#injected").count() == 0 and page.locator("article img").count() == 0
        shown = page.evaluate("""() => {
            const text = document.querySelector("article.doc").cloneNode(true);
            text.querySelectorAll(".tag, .label").forEach(label => label.remove());
            return text.textContent; }""")
        [stored] = sqlite_utils.Database(tmp_path / "tasks.db").query("select text from documents")
        assert HOSTILE in shown and shown == stored["text"]  # every character, as text
    finally:
        server.shutdown()
        server.server_close()



def test_serve_command_listens_on_loopback(db_path):
    process, port = start("serve", db_path)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert "004_2a4f31bab8b9abc1.txt" in response.read().decode("utf-8")
    finally:
        stop(process)


def test_task_page_filter_then_correct_from_the_list(page, review_site):
    """A clerk picks an agency typed without accents, keeps the overdue tasks, opens one's
    correction form from the list, saves a deadline, and sees it in the same view."""
    db_path, url = review_site
    page.goto(f"{url}/tasks")
    filters = page.locator("form.filters")
    filters.locator("input[name=agency]").fill("so tai chinh")
    filters.locator("input[name=exact]").check()
    filters.locator("input[name=overdue]").check()
    filters.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**/tasks?agency=so+tai+chinh&exact=1&overdue=1**")
    row = page.locator("table.tasks tbody tr").filter(has_text=FINANCE_REPORT)
    assert row.count() == 1 and "15/09/2022" in row.inner_text()
    task = task_containing(sqlite_utils.Database(db_path), FINANCE_REPORT)

    row.get_by_role("link", name=f"#{task['id']}").click()
    page.wait_for_url(f"**/documents/{task['document_id']}#form-{task['id']}")
    form = page.locator(f"#form-{task['id']}")
    form.locator("input[name=deadline]").fill("30/09/2022")
    form.get_by_role("button", name="Lưu sửa đổi").click()
    page.wait_for_url(f"**/documents/{task['document_id']}#task-{task['id']}")
    page.go_back()
    page.go_back()
    page.reload()
    row = page.locator("table.tasks tbody tr").filter(has_text=FINANCE_REPORT)
    assert "30/09/2022" in row.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về Excel").click()
    assert download.value.suggested_filename == "nhiem-vu.xlsx"


def test_datasette_task_list_starts_near_the_top(page, datasette):
    """The readable list of tasks: its first row within the first screen, lead and support."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(datasette)
    page.get_by_role("link", name="Danh sách nhiệm vụ").click()
    table = page.locator("table.rows-and-columns")
    assert "Phối hợp" in table.locator("thead").inner_text()
    assert table.locator("tbody tr").first.bounding_box()["y"] < 600
    page.goto(f"{datasette}/tasks")
    first_row = page.locator("table.rows-and-columns tbody tr").first.bounding_box()["y"]
    assert first_row < 1600, first_row


def test_review_page_keeps_what_was_typed_when_it_refuses_a_form(page, review_site):
    """Class: a form refused for one bad value lost every value the clerk had typed (new-clerk
    trial: the error page linked back to a blank form). The document page comes back with each
    refused form as typed (correction, status, added task) and the reason above it; nothing is
    saved, and fixing the one value saves the rest."""
    db_path, url = review_site
    db = sqlite_utils.Database(db_path)
    task = task_containing(db, FINANCE_REPORT)
    page.goto(f"{url}/documents/{task['document_id']}")
    form = page.locator(f"#form-{task['id']}")
    form.locator("textarea[name=lead]").fill("Sở Tài chính\nSở Xây dựng")
    form.locator("textarea[name=support]").fill("Sở Y tế")
    form.locator("select[name=pillar]").select_option("ha_tang_so")
    form.locator("input[name=deadline]").fill("31/02/2023")  # no such day
    form.get_by_role("button", name="Lưu sửa đổi").click()
    page.wait_for_load_state()
    form = page.locator(f"#form-{task['id']}")
    assert "Không lưu được" in form.locator(".error").inner_text()
    assert form.locator("input[name=deadline]").input_value() == "31/02/2023"
    assert form.locator("textarea[name=lead]").input_value() == "Sở Tài chính\nSở Xây dựng"
    assert form.locator("textarea[name=support]").input_value() == "Sở Y tế"
    assert form.locator("select[name=pillar]").input_value() == "ha_tang_so"
    assert db["tasks"].get(task["id"])["pillar"] != "ha_tang_so"  # nothing saved

    form.locator("input[name=deadline]").fill("28/02/2023")
    form.get_by_role("button", name="Lưu sửa đổi").click()
    page.wait_for_url(f"**/documents/{task['document_id']}#task-{task['id']}")
    saved = db["tasks"].get(task["id"])
    assert (saved["deadline"], saved["pillar"]) == ("2023-02-28", "ha_tang_so")

    status = page.locator(f"#form-{task['id']} + form.status-form")
    status.locator("input[name=day]").fill("32/13/2022")
    status.locator("input[name=note]").fill("Báo cáo số 12/BC-STC")
    status.get_by_role("button", name="Hoàn thành").click()
    page.wait_for_load_state()
    status = page.locator(f"#form-{task['id']} + form.status-form")
    assert status.locator(".error").count() == 1
    assert status.locator("input[name=day]").input_value() == "32/13/2022"
    assert status.locator("input[name=note]").input_value() == "Báo cáo số 12/BC-STC"

    typed = "Câu này không có trong văn bản nào cả"
    page.locator(".add-form textarea[name=text]").fill(typed)
    page.locator(".add-form button").click()
    page.wait_for_load_state()
    assert page.locator(".add-form textarea[name=text]").input_value() == typed
    assert page.locator(".add-form .error").count() == 1
