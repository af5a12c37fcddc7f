"""No correction on the wrong task: ids stay with their task across re-runs and are never given to
another task; a form that showed an older version of a task is refused."""
import pytest
import sqlite_utils
from click.testing import CliRunner

from clerk import FINANCE_REPORT, copy_database, copy_seeds, seeded_database, task_containing
from pipeline import batch, store
from pipeline.clerk import actions
from pipeline.cli import cli
from web import Client, form_fields

SEED = "004_2a4f31bab8b9abc1.txt"
# The last task of seed 004 (its highest id), and the one a new version puts in its place.
LAST_TASK = "Giao Trường Cao đẳng cộng đồng Đắk Nông nghiên cứu mở rộng chuyên ngành đào tạo"
NEW_TASK = "Giao Sở Y tế xây dựng kho dữ liệu y tế dùng chung của tỉnh trong năm 2023."


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return seeded_database(tmp_path_factory.mktemp("stable"))


def ids_by_text(db_path) -> dict[str, int]:
    db = sqlite_utils.Database(db_path)
    return {r["text"]: r["id"] for r in db.query("select id, text from tasks")}


def test_ids_survive_force_and_a_change_elsewhere_in_the_file(tmp_path):
    inbox, db_path = copy_seeds(tmp_path / "inbox"), tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    before = ids_by_text(db_path)
    batch.run(inbox, db_path, force=True)
    assert ids_by_text(db_path) == before
    seed = inbox / SEED
    seed.write_text(seed.read_text(encoding="utf-8").replace(LAST_TASK, NEW_TASK),
                    encoding="utf-8")
    batch.run(inbox, db_path)
    after = ids_by_text(db_path)
    kept = {text: i for text, i in before.items() if LAST_TASK not in text}
    assert {text: after[text] for text in kept} == kept


def test_a_task_a_new_version_rewords_by_a_word_keeps_its_id(tmp_path):
    inbox, db_path = copy_seeds(tmp_path / "inbox"), tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    before = ids_by_text(db_path)
    old_id = next(i for text, i in before.items() if LAST_TASK in text)
    seed = inbox / SEED
    reworded = LAST_TASK.replace("nghiên cứu mở rộng", "khẩn trương nghiên cứu mở rộng")
    seed.write_text(seed.read_text(encoding="utf-8").replace(LAST_TASK, reworded),
                    encoding="utf-8")
    batch.run(inbox, db_path)
    after = ids_by_text(db_path)
    assert next(i for text, i in after.items() if reworded in text) == old_id
    assert set(after.values()) == set(before.values())


def test_a_deleted_tasks_id_names_nothing_ever_after(tmp_path):
    inbox, db_path = copy_seeds(tmp_path / "inbox"), tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    db = sqlite_utils.Database(db_path)
    last = next(db.query("select tasks.*, path from tasks join documents on documents.id = "
                         "document_id order by tasks.id desc limit 1"))
    seed = inbox / last["path"].rsplit("/", 1)[-1]
    text = seed.read_text(encoding="utf-8")
    assert last["text"] in text
    seed.write_text(text.replace(last["text"], NEW_TASK), encoding="utf-8")
    batch.run(inbox, db_path)
    assert task_containing(db, "kho dữ liệu y tế")["id"] > last["id"]
    result = CliRunner().invoke(cli, ["review", "set", str(last["id"]), "--deadline",
                                      "2022-12-31", "--db", str(db_path)])
    assert result.exit_code == 1
    assert f"Không có nhiệm vụ mã {last['id']}" in " ".join(result.output.split())
    assert db["corrections"].count == 0


@pytest.fixture
def site(seeded, tmp_path):
    db_path = copy_database(seeded, tmp_path)
    return db_path, Client(db_path)


def test_a_form_saves_when_the_task_is_as_shown(site):
    db_path, client = site
    task = task_containing(sqlite_utils.Database(db_path), FINANCE_REPORT)
    status, _, page = client.get(f"/documents/{task['document_id']}")
    form = form_fields(page, f"form-{task['id']}")
    status, headers, _ = client.post(f"/tasks/{task['id']}", {**form, "deadline": "2022-09-30"})
    assert status == 303 and headers["Location"].endswith(f"#task-{task['id']}")
    assert sqlite_utils.Database(db_path)["tasks"].get(task["id"])["deadline"] == "2022-09-30"


@pytest.mark.parametrize("action", ["set", "accept", "reject"])
def test_a_stale_form_is_refused(site, action):
    """Another clerk changed the deadline after this page was opened: saving the old page would
    put the old deadline back, accepting it would accept what the clerk never saw."""
    db_path, client = site
    task = task_containing(sqlite_utils.Database(db_path), FINANCE_REPORT)
    _, _, page = client.get(f"/documents/{task['document_id']}")
    form = form_fields(page, f"form-{task['id']}")
    actions.set_fields(store.open_db(db_path), task["id"], {"deadline": "2022-10-15"})

    status, _, body = client.post(f"/tasks/{task['id']}", {**form, "action": action,
                                                          "pillar": "ha_tang_so"})
    assert status == 409
    assert "đã thay đổi từ lúc trang này được mở" in body
    assert f'href="/documents/{task["document_id"]}#form-{task["id"]}"' in body
    row = sqlite_utils.Database(db_path)["tasks"].get(task["id"])
    assert (row["deadline"], row["pillar"], row["review_status"]) == \
        ("2022-10-15", task["pillar"], "corrected")


def test_a_post_that_names_no_version_is_refused(site):
    db_path, client = site
    task = task_containing(sqlite_utils.Database(db_path), FINANCE_REPORT)
    status, _, _ = client.post(f"/tasks/{task['id']}", {"action": "reject"})
    assert status == 409
    assert sqlite_utils.Database(db_path)["tasks"].get(task["id"])["review_status"] is None
