import sqlite_utils

from pipeline import batch
from pipeline.store import backups


def test_run_twice_changes_nothing(seed_inbox, tmp_path):
    db_path = tmp_path / "tasks.db"
    first = batch.run(seed_inbox, db_path)
    rows = list(sqlite_utils.Database(db_path).query("select * from tasks order by id"))
    second = batch.run(seed_inbox, db_path)
    assert first.processed == 5 and first.failed == 0
    assert second.processed == 0 and second.skipped == 5
    assert list(sqlite_utils.Database(db_path).query("select * from tasks order by id")) == rows


def test_failing_file_among_good_ones(seed_inbox, tmp_path):
    (seed_inbox / "empty.txt").write_bytes(b"")
    (seed_inbox / "notes.xyz").write_text("khong ho tro")
    summary = batch.run(seed_inbox, tmp_path / "tasks.db")
    db = sqlite_utils.Database(tmp_path / "tasks.db")
    errors = {r["path"].rsplit("/", 1)[-1]: r["error"]
              for r in db.query("select path, error from documents where status = 'failed'")}
    assert summary.processed == 5 and summary.failed == 2
    assert "tệp rỗng" in errors["empty.txt"]
    assert "không hỗ trợ loại tệp .xyz" in errors["notes.xyz"]


def test_a_database_kept_in_the_inbox_is_no_document(seed_inbox, monkeypatch):
    """The README's own `--inbox D:\\VanBan --db D:\\VanBan\\tasks.db` reported the database,
    its -wal, -shm, .lock and backups as failed documents on every run (new-clerk trial): the
    run's own files are left out, and rows an older run stored for them go silently."""
    db_path = seed_inbox / "tasks.db"
    monkeypatch.setattr(batch, "own_files", lambda db_path: lambda path: False)  # as before
    older = batch.run(seed_inbox, db_path)
    assert older.failed > 0
    monkeypatch.undo()
    backups.backup(db_path, backups.default_backup(db_path))
    (seed_inbox / "backups" / "tasks-20240131-142500.db-journal").write_bytes(b"")
    for _ in range(2):
        summary = batch.run(seed_inbox, db_path)
        assert (summary.failed, summary.failures, summary.removed) == (0, [], 0)
    db = sqlite_utils.Database(db_path)
    assert {r["status"] for r in db.query("select status from documents where path like ? or "
                                          "path like '%backups%'", [f"{db_path}%"])} == {"removed"}
    assert db.execute("select count(*) from documents where status = 'ok'").fetchone()[0] == 5
    (seed_inbox / "backups" / "tasks-notes.db").write_text("Kính gửi")  # not a backup's name
    assert batch.run(seed_inbox, db_path).failed == 1


def test_removed_file_is_marked_not_deleted(seed_inbox, tmp_path):
    db_path = tmp_path / "tasks.db"
    batch.run(seed_inbox, db_path)
    victim = sorted(seed_inbox.iterdir())[0]
    victim.unlink()
    summary = batch.run(seed_inbox, db_path)
    row = next(sqlite_utils.Database(db_path).query(
        "select status, removed_at from documents where path like ?", [f"%{victim.name}"]))
    assert summary.removed == 1
    assert row["status"] == "removed" and row["removed_at"]


def test_changed_file_replaces_its_own_tasks_only(seed_inbox, tmp_path):
    db_path = tmp_path / "tasks.db"
    batch.run(seed_inbox, db_path)
    db = sqlite_utils.Database(db_path)
    changed = seed_inbox / "004_2a4f31bab8b9abc1.txt"
    others = "select * from tasks where document_id != (select id from documents where path = ?)"
    before_others = list(db.query(others, [str(changed)]))
    before = next(db.query("select id, sha256, task_count from documents where path = ?",
                           [str(changed)]))

    text = changed.read_text(encoding="utf-8")
    bullet = "- Giao Trường Cao đẳng cộng đồng Đắk Nông nghiên cứu mở rộng chuyên ngành đào tạo"
    assert bullet in text
    changed.write_text(text.replace(bullet, "- Ghi chú: đã bỏ một nhiệm vụ"), encoding="utf-8")
    summary = batch.run(seed_inbox, db_path)

    after = next(db.query("select id, sha256, task_count from documents where path = ?",
                          [str(changed)]))
    assert summary.processed == 1 and summary.skipped == 4
    assert after["id"] == before["id"] and after["sha256"] != before["sha256"]
    assert after["task_count"] == before["task_count"] - 1
    assert list(db.query(others, [str(changed)])) == before_others


def test_documents_are_stored_in_the_inbox_order_whichever_worker_finishes_first(tmp_path):
    """Ids follow the sorted paths, so a README's "task 185" is the same task on every run."""
    jobs = [(tmp_path / f"{n:03d}.txt", "", 0, None) for n in range(5)]
    finished = [batch.Processed(path=batch.path_text(jobs[n][0]), sha256="", size=0, mtime=None)
                for n in (3, 1, 0, 4)]  # the job 2 gave no result (a worker lost with it)
    ordered = [result.path for result in batch.in_job_order(iter(finished), jobs)]
    assert ordered == [batch.path_text(jobs[n][0]) for n in (0, 1, 3, 4)]


def test_results_held_back_for_a_slow_document_stay_bounded(tmp_path):
    """While one scan is read for minutes the other workers read on: past ``most_early`` held
    results, the earliest goes on rather than the batch's memory growing with the inbox."""
    jobs = [(tmp_path / f"{n:03d}.txt", "", 0, None) for n in range(8)]
    finished = [batch.Processed(path=batch.path_text(jobs[n][0]), sha256="", size=0, mtime=None)
                for n in (1, 2, 3, 4, 5, 6, 7, 0)]  # job 0 is the slow scan
    ordered = [r.path for r in batch.in_job_order(iter(finished), jobs, most_early=2)]
    assert sorted(ordered) == sorted(r.path for r in finished)
    assert ordered[:2] == [batch.path_text(jobs[n][0]) for n in (1, 2)]  # before job 0 came
