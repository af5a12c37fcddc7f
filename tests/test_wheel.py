"""The wheel is the product: it ships every module, the rules and the data files, and a batch runs
from it outside the repository, with nothing of the working tree on the path."""
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import INBOX, ROOT

pytestmark = pytest.mark.slow

# What a checkout has beside the sources; the wheel is built from a copy without it.
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "output", "build", "*.egg-info",
                                     "__pycache__", ".pytest_cache", ".hypothesis")


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
                   check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built offline with the environment's setuptools, from a copy (the build writes build/ and
    an .egg-info into its source folder)."""
    source = tmp_path_factory.mktemp("wheel") / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    dist = source.parent / "dist"
    pip("wheel", str(source), "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist))
    built, = dist.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel) -> Path:
    target = wheel.parent.parent / "installed"
    pip("install", str(wheel), "--no-deps", "--no-index", "--target", str(target))
    return target


def run_installed(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -S``: no site hooks, so the repository's editable install cannot answer; the
    dependencies come from this environment's site-packages."""
    paths = [str(installed), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIPELINE_RULES")}
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    return subprocess.run([sys.executable, "-S", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_wheel_holds_every_module_the_rules_and_the_data_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix()
               for package in ("pipeline", "extractors") for p in (ROOT / package).rglob("*.py")}
    rules = {f"extractors/rules_data/{p.relative_to(ROOT / 'rules').as_posix()}"
             for p in (ROOT / "rules").rglob("*.yml")}
    data = {"pipeline/clerk/web/datasette.yml", "pipeline/readers/legacy_encodings.tsv",
            "pipeline/locale/vi/LC_MESSAGES/vntasks.mo"}
    assert not (modules | rules | data) - names


def test_installed_wheel_runs_a_batch_outside_the_repository(installed, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    seed = sorted(INBOX.glob("*.txt"))[0]
    shutil.copy(seed, inbox / seed.name)
    db_path = tmp_path / "tasks.db"

    where = run_installed(installed, tmp_path, "-c", "import pipeline, extractors.rules as r; "
                          "print(pipeline.__file__); print(r.RULES_DIR)")
    assert where.returncode == 0, where.stderr
    assert all(Path(line).is_relative_to(installed) for line in where.stdout.split())

    done = run_installed(installed, tmp_path, "-m", "pipeline", "run",
                         "--inbox", str(inbox), "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db_path) as db:
        status, task_count = db.execute("select status, task_count from documents").fetchone()
        tasks = db.execute("select count(*) from tasks").fetchone()[0]
    assert status == "ok" and task_count == tasks > 0
