"""pipeline status and the follow-up categories: a task's status survives every re-run, is
audited and undone; categories are derived as of a day, recurring tasks by period."""
import datetime as dt
import getpass
import io
import itertools
import json
import re
from urllib.parse import urlencode

import pytest
import sqlite_utils
from click.testing import CliRunner

from clerk import FINANCE_REPORT, copy_database, make_dry_run, seeded_database, task_containing
from conftest import run_command as invoke
from pipeline import store
from pipeline.clerk import actions, followup, status
from pipeline.clerk.web.app import make_app
from pipeline.cli import cli
from pipeline.store.corrections import apply
from web import form_fields

OVERDUE = ["--status", "quá-hạn", "--as-of", "2022-10-01"]


def ids(db_path, *args) -> set[int]:
    tasks = json.loads(invoke("query", "--db", db_path, "--format", "json", *args).stdout)
    return {t["id"] for t in tasks}


def finance_task(db_path) -> dict:
    """Seed 004's "Báo cáo UBND tỉnh tình hình cân đối ... trước ngày 15/9/2022", .txt copy."""
    db = sqlite_utils.Database(db_path)
    return next(db.query("select tasks.* from tasks join documents on documents.id = "
                         "tasks.document_id where tasks.text like ? and documents.path like "
                         "'%.txt'", [f"%{FINANCE_REPORT}%"]))


def shown_task(db_path) -> int:
    """The id of the same task in the file that represents its directive (queries list that)."""
    db = sqlite_utils.Database(db_path)
    [row] = db.query("select tasks.id from tasks join directives on directives.document_id = "
                     "tasks.document_id where tasks.text like ?", [f"%{FINANCE_REPORT}%"])
    return row["id"]


@pytest.fixture
def inbox_db(inbox_database, tmp_path):
    """(a private copy of the sample inbox's database, the inbox), for a test that writes."""
    db_path, inbox = inbox_database
    return copy_database(db_path, tmp_path), inbox


def test_done_leaves_overdue_survives_force_and_undo_restores(inbox_db):
    """The issue's "done when": on a database made from the sample inbox."""
    db_path, inbox = inbox_db
    task, shown = finance_task(db_path), shown_task(db_path)
    assert shown in ids(db_path, *OVERDUE)

    # set on the .txt copy, it shows on the file that represents the directive
    invoke("status", task["id"], "--done", "--on", "2022-09-20", "--note", "Báo cáo 12/BC-STC",
           "--db", db_path)
    assert shown not in ids(db_path, *OVERDUE)
    assert shown in ids(db_path, "--status", "hoàn thành quá hạn", "--as-of", "2022-10-01")

    invoke("run", "--inbox", inbox, "--db", db_path, "--force")
    again = finance_task(db_path)
    assert again["id"] == task["id"]  # re-extracted, found again: the same id ...
    assert shown not in ids(db_path, *OVERDUE)  # ... and still done
    rows = list(sqlite_utils.Database(db_path).query(
        "select task_statuses.* from task_statuses join tasks on tasks.id = task_id "
        "where tasks.text like ?", [f"%{FINANCE_REPORT}%"]))
    assert len(rows) == 3  # the .txt, .docx and .pdf copies
    assert {(r["status"], r["done_on"], r["note"]) for r in rows} == {
        ("done", "2022-09-20", "Báo cáo 12/BC-STC")}

    result = invoke("status", again["id"], "--undo", "--db", db_path)
    said = " ".join(result.output.split())  # what was undone, then the state now (trial)
    assert "đã hoàn tác “hoàn thành ngày 20/09/2022 (Báo cáo 12/BC-STC)”; nay: chưa thực hiện" \
        in said
    assert shown in ids(db_path, *OVERDUE)


def test_a_done_task_is_not_reopened_by_another_status(inbox_db):
    # Class (new-user trial): "--extend" on a task marked done made it "gia hạn", no longer done,
    # without a word; the clerk takes the completion back first.
    db_path, _ = inbox_db
    task = shown_task(db_path)
    invoke("status", task, "--done", "--on", "2022-09-10", "--db", db_path)
    for other in (["--extend", "30/10/2022"], ["--in-progress"]):
        refused = CliRunner().invoke(cli, ["status", str(task), *other, "--db", str(db_path)])
        assert refused.exit_code != 0 and "--undo" in refused.output, refused.output
    assert task in ids(db_path, "--status", "hoan-thanh-dung-han", "--as-of", "2022-10-01")


def test_overdue_means_past_the_deadline_and_not_done(inbox_db):
    db_path, _ = inbox_db
    task = shown_task(db_path)
    overdue = ids(db_path, "--overdue", "--as-of", "2022-10-01")
    assert overdue == ids(db_path, *OVERDUE) and task in overdue
    invoke("status", task, "--done", "--on", "2022-09-10", "--db", db_path)
    assert task not in ids(db_path, "--overdue", "--as-of", "2022-10-01")
    on_time = ids(db_path, "--status", "hoan-thanh-dung-han", "--as-of", "2022-10-01")
    assert task in on_time
    # a status counts from its day: on 2022-09-09 the task was not done yet
    assert task in ids(db_path, "--status", "sap-den-han", "--as-of", "2022-09-09")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return seeded_database(tmp_path_factory.mktemp("status"))


@pytest.fixture
def db(seeded, tmp_path):
    return store.open_db(copy_database(seeded, tmp_path))


def test_extensions_keep_the_original_and_each_step_is_logged(db):
    task = task_containing(db, FINANCE_REPORT)
    status.change(db, task["id"], "extended", deadline=dt.date(2022, 10, 15), by="chuyên viên A")
    status.change(db, task["id"], "extended", deadline=dt.date(2022, 10, 31))
    assert db["tasks"].get(task["id"])["deadline"] == "2022-09-15"  # the original stays
    with pytest.raises(status.StatusError, match="Hạn mới 20/10/2022 phải sau hạn hiện tại "
                                                 "31/10/2022"):
        status.change(db, task["id"], "extended", deadline=dt.date(2022, 10, 20))
    log = list(db.query("select * from statuses_log order by id"))
    assert [json.loads(r["new_value"])["deadline"] for r in log] == ["2022-10-15", "2022-10-31"]
    assert [r["by"] for r in log] == ["chuyên viên A", getpass.getuser()]
    assert log[0]["old_value"] is None and log[0]["via"] == "cli"
    judged = followup.follow_up({**task_row(db, task["id"])}, dt.date(2022, 10, 20))
    assert (judged.category, judged.due) == ("in_time", dt.date(2022, 10, 31))


def test_a_rejected_task_takes_no_status_and_says_how_to_take_the_rejection_back(db):
    # A task the clerk marked as no task took "done" silently, and its status then sat in
    # reports that do not list it.
    task = task_containing(db, FINANCE_REPORT)
    actions.reject(db, task["id"])
    with pytest.raises(status.StatusError, match=f"review accept {task['id']}"):
        status.change(db, task["id"], "done", on=dt.date(2022, 9, 10))
    assert not list(db.query("select * from statuses_log"))
    actions.mark(db, [task["id"]], "accepted", "cli")  # what `review accept` does
    assert status.change(db, task["id"], "done", on=dt.date(2022, 9, 10))["status"] == "done"


def task_row(db, task_id):
    from pipeline.clerk.query import Filters, find_tasks

    return next(t for t in find_tasks(db, Filters(document=str(
        db["tasks"].get(task_id)["document_id"]))) if t["id"] == task_id)


def test_undo_goes_back_one_change_at_a_time(db):
    task = task_containing(db, FINANCE_REPORT)
    status.change(db, task["id"], "in_progress")
    status.change(db, task["id"], "done", on=dt.date(2022, 9, 14), note="Công văn 45/STC")
    assert status.undo(db, task["id"])["status"] == "in_progress"
    assert status.undo(db, task["id"]) is None
    with pytest.raises(status.StatusError, match="chưa có thay đổi tình trạng nào"):
        status.undo(db, task["id"])
    history = [(r["old_value"], r["new_value"]) for r in status.history(db, task["id"])]
    assert history == [
        ("chưa thực hiện", "đang thực hiện"),
        ("đang thực hiện", "hoàn thành ngày 14/09/2022 (Công văn 45/STC)"),
        ("hoàn thành ngày 14/09/2022 (Công văn 45/STC)", "đang thực hiện"),
        ("đang thực hiện", "chưa thực hiện")]
    assert db["statuses"].count == 0 and db["task_statuses"].count == 0


def test_status_follows_a_task_whose_boundary_moved(db):
    task = task_containing(db, FINANCE_REPORT)
    status.change(db, task["id"], "done", on=dt.date(2022, 9, 14))
    trimmed = task["text"].rstrip(".")[:-len("2022")]  # as if a rule change cut the last word
    with db.conn:
        db["tasks"].update(task["id"], {"text": trimmed})
        apply(db, task["document_id"])
    [row] = db.query("select * from task_statuses where task_id = ?", [task["id"]])
    assert row["status"] == "done"
    status.change(db, task["id"], "done", on=dt.date(2022, 9, 15))  # same key, not a new one
    assert db["statuses"].count == 1


def test_refusals_are_in_vietnamese(db):
    task = task_containing(db, FINANCE_REPORT)
    with pytest.raises(status.StatusError, match="Không có nhiệm vụ số 99999"):
        status.change(db, 99999, "done")
    with pytest.raises(status.StatusError, match="không phải nhiệm vụ định kỳ"):
        status.change(db, task["id"], "done", period="2022-09")
    result = CliRunner().invoke(cli, ["status", str(task["id"]), "--done", "--extend",
                                      "2022-12-01", "--db", str(db.conn.execute(
                                          "pragma database_list").fetchone()[2])])
    assert result.exit_code != 0 and "chỉ cho một trong" in result.output


STATUS_FLAGS = {"--done": [], "--in-progress": [], "--extend": ["2022-12-01"], "--undo": []}


@pytest.mark.parametrize("first, second", list(itertools.combinations(STATUS_FLAGS, 2)))
def test_two_status_actions_are_refused(seeded, tmp_path, first, second):
    """`status 185 --done --in-progress` was accepted, the last flag winning and the note going
    with it (new-clerk trial): any two actions are refused, in either order."""
    db_path = copy_database(seeded, tmp_path)
    task = task_containing(store.open_db(db_path), FINANCE_REPORT)
    for one, other in ((first, second), (second, first)):
        result = CliRunner().invoke(cli, ["status", str(task["id"]), one, *STATUS_FLAGS[one],
                                          other, *STATUS_FLAGS[other], "--note", "Báo cáo 1",
                                          "--db", str(db_path)])
        assert result.exit_code == 2 and "chỉ cho một trong" in result.output, result.output
    assert sqlite_utils.Database(db_path)["statuses_log"].count == 0


@pytest.mark.parametrize("action", [[], ["--in-progress"], ["--extend", "2022-12-01"], ["--undo"]])
def test_a_completion_day_without_done_is_refused(seeded, tmp_path, action):
    db_path = copy_database(seeded, tmp_path)
    task = task_containing(store.open_db(db_path), FINANCE_REPORT)
    result = CliRunner().invoke(cli, ["status", str(task["id"]), *action, "--on", "2022-09-20",
                                      "--db", str(db_path)])
    assert result.exit_code == 2 and "chỉ dùng cùng --done" in result.output, result.output
    assert sqlite_utils.Database(db_path)["statuses_log"].count == 0


def test_a_completion_day_after_today_is_refused(seeded, tmp_path):
    db_path = copy_database(seeded, tmp_path)
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    result = CliRunner().invoke(cli, ["status", str(task["id"]), "--done", "--on",
                                      tomorrow.isoformat(), "--db", str(db_path)])
    assert result.exit_code == 1 and "còn chưa đến" in result.output
    shown = {"version": actions.task_version(db, task["id"])}
    code, html = call(make_app(db_path), "POST", f"/tasks/{task['id']}",
                      {**shown, "action": "done", "day": tomorrow.isoformat()})
    assert code == "400 Bad Request" and "còn chưa đến" in html
    assert db["statuses"].count == 0 and db["statuses_log"].count == 0
    status.change(db, task["id"], "done", on=dt.date.today())  # today is the last day allowed
    assert db["statuses"].count == 1


# -- recurring tasks ------------------------------------------------------------------------------

MONTHLY = {"id": 1, "text": "Sở Tài chính báo cáo tình hình giải ngân trước ngày 20 hằng tháng.",
           "deadline": None, "recurrence": "monthly", "document": {"issued_date": "2022-03-05"}}


@pytest.mark.parametrize("as_of, statuses, expected", [
    ("2022-10-01", {}, ("overdue", "2022-09", "2022-09-20")),  # September's report is missing
    ("2022-10-01", {"2022-09": {"status": "done", "done_on": "2022-09-19"}},
     ("in_time", "2022-10", "2022-10-20")),
    ("2022-10-15", {"2022-09": {"status": "done", "done_on": "2022-09-19"}},
     ("due_soon", "2022-10", "2022-10-20")),
    ("2022-10-25", {"2022-09": {"status": "done", "done_on": "2022-09-19"}},
     ("overdue", "2022-10", "2022-10-20")),
    ("2022-10-25", {"2022-10": {"status": "done", "done_on": "2022-10-21"}},
     ("in_time", "2022-11", "2022-11-20")),
    ("2022-03-15", {}, ("due_soon", "2022-03", "2022-03-20")),  # February predates the document
])
def test_monthly_task_is_judged_by_period(as_of, statuses, expected):
    judged = followup.follow_up({**MONTHLY, "statuses": statuses}, dt.date.fromisoformat(as_of))
    assert (judged.category, judged.period, judged.due.isoformat()) == expected


def test_a_recurring_task_s_period_reads_as_the_clerk_writes_it_in_every_view():
    # the query table, the letters' deadline cell and the report wrote the stored key "2022-09"
    from pipeline.clerk import official, query
    judged = followup.follow_up(MONTHLY, dt.date(2022, 10, 1))
    task = {**MONTHLY, "follow_up": judged}
    assert query.status_text(task) == "quá hạn (tháng 9/2022)"
    assert official.deadline_text(task) == "20/09/2022 (kỳ tháng 9/2022)"


def test_an_extended_task_shows_the_deadline_it_is_judged_by_marked():
    # query and /tasks showed the original deadline of an extended task, unmarked (trial)
    from pipeline.clerk import query
    extended = {**MONTHLY, "recurrence": None, "deadline": "2022-09-15",
                "statuses": {"": {"status": "extended", "deadline": "2022-10-30"}}}
    task = {**extended, "follow_up": followup.follow_up(extended, dt.date(2022, 10, 1))}
    assert query.shown_deadline(task) == "30/10/2022 (gia hạn)"
    plain = {**extended, "statuses": {}}
    assert query.shown_deadline({**plain, "follow_up": followup.follow_up(
        plain, dt.date(2022, 10, 1))}) == "15/09/2022"


def test_periods_of_every_recurrence():
    day = dt.date(2022, 10, 1)
    keys = {r: followup.period_of(r, day).key for r in followup.PERIODS}
    assert keys == {"daily": "2022-10-01", "weekly": "2022-W39", "monthly": "2022-10",
                    "quarterly": "2022-Q4", "semiannual": "2022-H2", "annual": "2022"}
    for recurrence, key in keys.items():
        assert followup.parse_period(recurrence, key) == followup.period_of(recurrence, day)
    with pytest.raises(ValueError, match="2022-Q3"):
        followup.parse_period("quarterly", "2022-Q5")
    annual = {"text": "Báo cáo kết quả cải cách hành chính hằng năm.", "deadline": "2024-12-15"}
    period = followup.period_of("annual", day)
    assert followup.due_date("annual", period, followup.anchor_of(annual)) == dt.date(2022, 12, 15)


@pytest.mark.parametrize("text", ["Các xã báo cáo UBND huyện trước ngày 25 hằng tháng.",
                                  "Các xã báo cáo UBND huyện hằng tháng trước ngày 25."])
def test_a_period_falls_due_on_the_day_its_text_names_before_or_after_the_recurrence(text):
    period = followup.period_of("monthly", dt.date(2022, 10, 1))
    anchor = followup.anchor_of({"text": text, "deadline": None})
    assert followup.due_date("monthly", period, anchor) == dt.date(2022, 10, 25)


@pytest.mark.parametrize("text", ["Trước ngày 15/12 hàng năm tổng hợp, báo cáo Sở Tài chính.",
                                  "Báo cáo Sở Tài chính hằng năm trước ngày 15 tháng 12."])
def test_an_annual_task_falls_due_on_the_day_and_month_its_text_names(text):
    # New-clerk trial: "Trước ngày 15/12 hàng năm" fell due on 31/12 (its deadline was read as
    # the period's end), so on 20/12 it was not yet overdue.
    period = followup.period_of("annual", dt.date(2025, 12, 20))
    anchor = followup.anchor_of({"text": text, "deadline": "2025-12-31"})
    assert followup.due_date("annual", period, anchor) == dt.date(2025, 12, 15)


def test_undated_document_judges_no_earlier_period():
    undated = {**MONTHLY, "document": {"issued_date": None}, "statuses": {}}
    assert followup.follow_up(undated, dt.date(2022, 10, 1)).period == "2022-10"
    tracked = {**undated, "statuses": {"2022-08": {"status": "done", "done_on": "2022-08-19"}}}
    assert followup.follow_up(tracked, dt.date(2022, 10, 1)).category == "overdue"  # September


def test_statuses_of_another_recurrence_are_not_periods():
    corrected = {**MONTHLY, "recurrence": "quarterly", "document": {"issued_date": None},
                 "statuses": {"2022-09": {"status": "done", "done_on": "2022-09-19"},
                              "": {"status": "in_progress"}}}
    assert followup.follow_up(corrected, dt.date(2022, 10, 1)).period == "2022-Q4"


def test_recurring_status_is_kept_per_period(db):
    task = task_containing(db, FINANCE_REPORT)
    with db.conn:
        db["tasks"].update(task["id"], {"recurrence": "monthly", "deadline": None})
    status.change(db, task["id"], "done", on=dt.date(2022, 10, 5))  # the period then due
    status.change(db, task["id"], "done", on=dt.date(2022, 10, 5), period="2022-09")
    periods = {r["period"] for r in db.query("select period from statuses")}
    assert periods == {"2022-10", "2022-09"}
    history = [(r["via"], r["period"]) for r in status.history(db, task["id"])]
    assert history == [("dòng lệnh", "tháng 10/2022"), ("dòng lệnh", "tháng 9/2022")]
    with pytest.raises(status.StatusError, match="không đúng dạng 2022-09"):
        status.change(db, task["id"], "done", period="tháng 9")
    # a day of the period, as the clerk writes dates (new-clerk trial: "30/11/2026" refused)
    assert status.change(db, task["id"], "in_progress", period="15/8/2022")["period"] == "2022-08"


def test_periods_read_as_the_clerk_writes_them():
    labels = [followup.period_label(key) for key in
              ("2026-10", "2026-Q4", "2026-H1", "2026-H2", "2026", "2026-W38", "2026-09-15", "")]
    assert labels == ["tháng 10/2026", "quý IV/2026", "6 tháng đầu năm 2026",
                      "6 tháng cuối năm 2026", "năm 2026", "tuần 38/2026", "ngày 15/09/2026", ""]


def test_marking_a_recurring_task_names_the_period_it_went_to(seeded, tmp_path):
    """`status --done --on 18/11` said only "hoàn thành ngày 18/11/..." and stored it under
    October, the period due then (new-clerk trial): the command and the page name the period."""
    db_path = copy_database(seeded, tmp_path)
    db = store.open_db(db_path)
    monthly = next(db.query("select * from tasks where recurrence = 'monthly'"))
    result = invoke("status", monthly["id"], "--done", "--on", "18/11/2022", "--db", db_path)
    [key] = [r["period"] for r in db.query("select period from statuses")]
    line = f"kỳ {followup.period_label(key)}: hoàn thành ngày 18/11/2022"
    assert line in " ".join(result.output.split())
    page = call(make_app(db_path), "GET", f"/documents/{monthly['document_id']}")[1]
    assert f"Đã ghi: {line}" in status_form_of(page, monthly)
    assert f">{followup.period_label(key)}</option>" in status_form_of(page, monthly)


def test_category_names_a_clerk_types():
    assert followup.category_code("quá-hạn") == followup.category_code("QUA HAN") == "overdue"
    assert followup.category_code("hoàn_thành_đúng_hạn") == "done_on_time"
    assert followup.category_code("sắp đến hạn") == "due_soon"
    assert followup.category_code("không có") is None


def test_unknown_status_filter_is_refused(seeded):
    result = CliRunner().invoke(cli, ["query", "--db", str(seeded), "--status", "trễ"])
    assert result.exit_code == 2 and "quá hạn" in result.output


# -- the review page's status actions (in process, no browser) ------------------------------------

def call(app, method: str, path: str, form: dict | None = None) -> tuple[str, str]:
    body = urlencode(form or {}).encode()
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": "127.0.0.1:8002",
               "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body)}
    answer = {}
    payload = b"".join(app(environ, lambda code, headers: answer.update(code=code)))
    return answer["code"], payload.decode("utf-8")


def test_review_page_records_and_undoes_a_status(seeded, tmp_path):
    db_path = copy_database(seeded, tmp_path)
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    app = make_app(db_path)
    page = f"/documents/{task['document_id']}"
    code, html = call(app, "GET", page)
    assert code == "200 OK" and "Tình trạng: <strong>quá hạn</strong>" in html
    shown = {"version": actions.task_version(db, task["id"])}  # the form's stale-post guard
    code, _ = call(app, "POST", f"/tasks/{task['id']}",
                   {**shown, "action": "done", "day": "2022-09-14", "note": "Báo cáo 7/BC-STC"})
    assert code == "303 See Other"
    [log] = db.query("select * from statuses_log")
    assert log["via"] == "web"
    code, html = call(app, "GET", page)
    assert "hoàn thành đúng hạn" in html and "hoàn thành ngày 14/09/2022 (Báo cáo 7/BC-STC)" in html
    code, html = call(app, "POST", f"/tasks/{task['id']}",
                      {**shown, "action": "extended", "day": ""})
    assert code == "400 Bad Request" and "Gia hạn cần hạn mới" in html
    assert call(app, "POST", f"/tasks/{task['id']}", {**shown, "action": "undo"})[0] == \
        "303 See Other"
    assert db["statuses"].count == 0


def test_every_date_box_of_the_pages_is_typed_day_first(seeded, tmp_path):
    """The browser's <input type="date"> shows mm/dd/yyyy in some locales: "05/10/2022" typed
    for 5 October was stored as 10 May (new-clerk trial). Every date box is text, dd/mm/yyyy,
    read by parse.date as on the command line."""
    db_path = copy_database(seeded, tmp_path)
    db = store.open_db(db_path)
    task = task_containing(db, FINANCE_REPORT)
    app = make_app(db_path)
    pages = [call(app, "GET", path)[1] for path in
             ("/", "/tasks", f"/documents/{task['document_id']}")]
    assert not [page for page in pages if 'type="date"' in page]
    boxes = re.findall(r'<input name="(deadline|day)"[^>]*>', pages[2], re.S)
    assert boxes and len(re.findall(r'<input name="(?:deadline|day)" value="[^"]*" '
                                    r'inputmode="numeric" placeholder="30/09/2022">',
                                    pages[2])) == len(boxes)
    assert form_fields(pages[2], f"form-{task['id']}")["deadline"] == "15/09/2022"

    shown = {"version": actions.task_version(db, task["id"])}
    code, _ = call(app, "POST", f"/tasks/{task['id']}", {**shown, "action": "done",
                                                         "day": "05/09/2022"})
    assert code == "303 See Other"
    assert [r["done_on"] for r in db.query("select done_on from statuses")] == ["2022-09-05"]
    shown = {"version": actions.task_version(db, task["id"])}
    code, _ = call(app, "POST", f"/tasks/{task['id']}", {**shown, "action": "set",
                                                         "deadline": "05/10/2022"})
    assert code == "303 See Other" and db["tasks"].get(task["id"])["deadline"] == "2022-10-05"
    code, html = call(app, "POST", f"/tasks/{task['id']}", {
        "version": actions.task_version(db, task["id"]), "action": "extended", "day": "31/02/2022"})
    assert code == "400 Bad Request" and "“31/02/2022” không phải là một ngày" in html


def test_a_completion_day_before_its_period_is_refused(seeded, tmp_path):
    """A completion day months before the period it is recorded for was accepted."""
    db_path = copy_database(seeded, tmp_path)
    db = store.open_db(db_path)
    monthly = next(db.query("select * from tasks where recurrence = 'monthly'"))
    result = CliRunner().invoke(cli, ["status", str(monthly["id"]), "--done", "--on", "10/05/2022",
                                      "--period", "2022-10", "--db", str(db_path)])
    assert result.exit_code == 1 and "10/05/2022 trước khi kỳ" in result.output
    code, html = call(make_app(db_path), "POST", f"/tasks/{monthly['id']}", {
        "version": actions.task_version(db, monthly["id"]), "action": "done",
        "day": "10/05/2022", "period": "2022-10"})
    assert code == "400 Bad Request" and "trước khi kỳ" in html
    assert db["statuses"].count == 0
    status.change(db, monthly["id"], "done", on=dt.date(2022, 10, 1), period="2022-10")
    assert db["statuses"].count == 1  # the period's first day is allowed


def status_form_of(page: str, task: dict) -> str:
    start = page.index(f'<form class="status-form" method="post" action="/tasks/{task["id"]}">')
    return page[start:page.index("</form>", start)]


def test_review_page_offers_the_periods_of_a_recurring_task(seeded, tmp_path):
    """The status form had no period for a recurring task, while `status --period` has one
    (new-clerk trial): a choice of its periods, the one due selected."""
    db_path = copy_database(seeded, tmp_path)
    db = store.open_db(db_path)
    monthly = next(db.query("select * from tasks where recurrence = 'monthly'"))
    one_off = task_containing(db, FINANCE_REPORT)
    app = make_app(db_path)
    form = status_form_of(call(app, "GET", f"/documents/{monthly['document_id']}")[1], monthly)
    due = followup.period_of("monthly", dt.date.today())
    judged = followup.follow_up(task_row(db, monthly["id"])).period
    assert f'<option value="{judged}" selected>' in form and f'value="{due.key}"' in form
    assert len(re.findall("<option", form)) == 12
    page = call(app, "GET", f"/documents/{one_off['document_id']}")[1]
    assert 'name="period"' not in status_form_of(page, one_off)

    earlier = re.findall(r'<option value="([^"]+)"', form)[-1]
    shown = {"version": actions.task_version(db, monthly["id"])}
    code, _ = call(app, "POST", f"/tasks/{monthly['id']}",
                   {**shown, "action": "in_progress", "period": earlier})
    assert code == "303 See Other"
    [row] = db.query("select period, status from statuses")
    assert row == {"period": earlier, "status": "in_progress"}


def test_make_status_passes_the_action():
    assert ('-m pipeline status 227 228 --db some.db --done --on 2022-09-20 --note "Báo cáo 1" '
            '--by Lan') in make_dry_run("status", "TASK=227 228", "DONE=1", "ON=2022-09-20",
                                          "NOTE=Báo cáo 1", "BY=Lan")
    assert "-m pipeline status 5 --db some.db --extend 2022-10-31 --period 2022-09" in \
        make_dry_run("status", "TASK=5", "EXTEND=2022-10-31", "PERIOD=2022-09")
    assert '--status quá-hạn --within 10' in make_dry_run("query", "STATUS=quá-hạn",
                                                          "WITHIN=10")


@pytest.mark.parametrize("name", ["query", "status", "chase", "report"])
def test_followup_commands_are_in_the_readme_synopsis(name):
    from clerk import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    synopsis = readme[readme.index("## Command line"):readme.index("## Clerk walkthrough")]
    command = cli.commands[name]
    assert f"python -m pipeline {name}" in synopsis
    shown = CliRunner().invoke(cli, [name, "--help"], prog_name="python -m pipeline").output
    assert f"Ví dụ: python -m pipeline {name}" in " ".join(shown.split())
    options = [p.opts[0] for p in command.params if p.opts[0].startswith("--")]
    assert [o for o in options if o not in synopsis] == []


def test_followup_labels_must_match_the_codes(edited_rules):
    from extractors.rules import RulesError

    edited_rules("followup.yml", lambda data: data["categories"].pop("due_soon"))
    with pytest.raises(RulesError, match=r"rules/followup.yml: categories.due_soon: missing"):
        followup.category_label("overdue")


def test_the_readme_follow_up_holds_after_the_walkthrough(inbox_db):
    """A clerk follows the walkthrough (step 3 moves the deadline to 30/09/2022), then "A month
    of follow-up": the category the README gives task 185 done on 20/09 is the one it gets
    (class: a README statement made on a fresh database, false after the earlier section)."""
    from test_docs import section

    follow_up = " ".join(section("A month of follow-up (theo dõi, đôn đốc)").split())
    said = re.search(r"Task 185 leaves `quá-hạn` and counts as `([^`]+)`", follow_up).group(1)
    fix = re.search(r"review set 185 --deadline (\S+)", section("Clerk walkthrough")).group(1)
    db_path, _ = inbox_db
    shown = shown_task(db_path)
    invoke("review", "set", shown, "--deadline", fix, "--db", db_path)
    invoke("status", shown, "--done", "--on", "2022-09-20", "--db", db_path)
    assert shown in ids(db_path, "--status", said, "--as-of", "2022-10-31")


def test_a_task_without_history_says_so_in_a_sentence(inbox_db):
    """`status N` for a task nobody has given a status: a sentence, not a table of headers."""
    db_path, _ = inbox_db
    task = finance_task(db_path)
    result = CliRunner().invoke(cli, ["status", str(task["id"]), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert f"Nhiệm vụ {task['id']} chưa có lịch sử theo dõi" in said
    assert "Thời điểm" not in said and "┃" not in said
