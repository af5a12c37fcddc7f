"""Helpers for the clerk-workflow tests: a database built by the real pipeline from the seeds."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import sqlite_utils

from conftest import ROOT, copy_sample
from pipeline import batch

# Seed 004: "5. Giao Sở Tài chính - Báo cáo UBND tỉnh tình hình cân đối ... trước ngày 15/9/2022."
FINANCE_REPORT = "Báo cáo UBND tỉnh tình hình cân đối, phân bổ kinh phí"
# Seed 003: a task of the gold annotations the extractor may miss; the clerk adds it.
MISSED_TASK = ("UBND tỉnh chỉ đạo, tiếp tục nâng cao trách nhiệm và hiệu quả chỉ đạo điều hành "
               "của ngành, địa phương đối với việc xác định Chỉ số Chuyển đổi số cấp tỉnh.")


def copy_seeds(inbox: Path) -> Path:
    return copy_sample(inbox, ".txt")


def seeded_database(folder: Path) -> Path:
    """Run the real pipeline over a copy of the sample inbox's text documents."""
    db_path = folder / "tasks.db"
    batch.run(copy_seeds(folder / "inbox"), db_path)
    return db_path


def copy_database(db_path: Path, folder: Path) -> Path:
    """A private copy for a test that writes corrections."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / db_path.name
    shutil.copy(db_path, target)
    return target


def task_containing(db: sqlite_utils.Database, text: str) -> dict:
    rows = list(db.query("select * from tasks where text like ? and "
                         "coalesce(review_status, '') != 'rejected'", [f"%{text}%"]))
    assert len(rows) == 1, f"expected one task containing {text!r}, found {len(rows)}"
    return rows[0]


def agencies(db: sqlite_utils.Database, task_id: int, role: str) -> list[str]:
    return [r["agency"] for r in db.query(
        "select agency from task_agencies where task_id = ? and role = ? order by rowid",
        [task_id, role])]


def flagged_task(db: sqlite_utils.Database) -> dict:
    return next(db.query("select * from tasks where needs_review = 1 order by id"))


def make_dry_run(*args: str) -> str:
    """The arguments `make TARGET VAR=...` (DB=some.db) gives Python, joined by spaces, those with
    a space in double quotes. Make runs the recipe for real, with PY a program printing them: the
    values reach the recipes through the environment, so `make -n` would show only "$$VAR"."""
    printer = "import json, sys; print(json.dumps(sys.argv[1:]))"
    made = subprocess.run(["make", "-s", *args, "DB=some.db", "STAMP=",
                           f"PY={sys.executable} -c '{printer}'"], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return " ".join(f'"{arg}"' if " " in arg else arg for arg in json.loads(made.stdout))
