"""No untrusted string reaches an interpreter (issue 14): spreadsheet cells that would start a
formula are written as text; make passes variables to the commands without a shell reading
them."""
import csv
import io
import shutil
import subprocess
import sys

import openpyxl
import pytest
import sqlite_utils
from click.testing import CliRunner

from clerk import FINANCE_REPORT, task_containing
from conftest import INBOX, ROOT
from pipeline import batch
from pipeline.cli import cli

FORMULAS = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    """A document named =1+2.txt, and a correction naming the agency =2+3."""
    folder = tmp_path_factory.mktemp("formulas")
    (folder / "inbox").mkdir()
    shutil.copy(INBOX / "004_2a4f31bab8b9abc1.txt", folder / "inbox" / "=1+2.txt")
    db_path = folder / "tasks.db"
    batch.run(folder / "inbox", db_path)
    task = task_containing(sqlite_utils.Database(db_path), FINANCE_REPORT)
    result = CliRunner().invoke(cli, ["review", "set", str(task["id"]), "--lead", "=2+3",
                                      "--support", "@SUM(A1)", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    return db_path


def test_csv_cells_never_start_a_formula(hostile_db):
    result = CliRunner().invoke(cli, ["query", "--db", str(hostile_db), "--format", "csv"])
    cells = [cell for row in csv.reader(io.StringIO(result.output)) for cell in row]
    lowered = {cell.lower() for cell in cells}  # agency names are stored canonical
    assert {"'=1+2.txt", "'=2+3", "'@sum(a1)"} <= lowered
    assert not [cell for cell in cells if cell.startswith(FORMULAS)]


def test_workbook_cells_are_text_never_formulas(hostile_db, tmp_path):
    result = CliRunner().invoke(cli, ["export", "--db", str(hostile_db), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(tmp_path / "tasks.xlsx")
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    assert {"=1+2.txt", "=2+3"} <= values  # shown as typed, as text


ARGV_PRINTER = "import json, sys; print(json.dumps(sys.argv[1:]))"
HOSTILE_VALUES = ["`touch ran-backtick`", 'a"; touch ran-quote; echo "', "it's",
                  'Sở "Tài" chính', "x | touch ran-pipe", "x; touch ran-semicolon"]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_make_passes_a_value_as_typed_and_runs_nothing(value, tmp_path):
    printer = tmp_path / "argv.py"
    printer.write_text(ARGV_PRINTER)
    for variable in ("TEXT", "AGENCY", "DOCUMENT", "AS_OF"):
        result = subprocess.run(
            ["make", "-s", "-f", str(ROOT / "Makefile"), "query", "STAMP=",
             f"PY={sys.executable} {printer}", f"{variable}={value}", "DB=my tasks.db"],
            cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        argv = __import__("json").loads(result.stdout)
        option = "--" + variable.lower().replace("_", "-")
        assert argv[argv.index(option) + 1] == value and "my tasks.db" in argv
    assert not list(tmp_path.glob("ran-*"))


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_make_query_passes_flags_and_the_other_targets_their_values(tmp_path):
    printer = tmp_path / "argv.py"
    printer.write_text(ARGV_PRINTER)

    def argv(*arguments):
        result = subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), *arguments, "STAMP=",
                                 f"PY={sys.executable} {printer}"],
                                cwd=tmp_path, capture_output=True, text=True, check=True)
        return __import__("json").loads(result.stdout)

    assert argv("query", "OVERDUE=1", "NEEDS_REVIEW=1", "FORMAT=json")[-4:] == [
        "--overdue", "--needs-review", "--format", "json"]
    assert argv("run", "INBOX=`touch ran`")[:5] == ["-m", "pipeline", "run", "--inbox",
                                                    "`touch ran`"]
    assert argv("export", "OUT=a b;c")[-2:] == ["--out", "a b;c"]
    assert argv("serve", "PORT=1$(id)")[-2:] == ["--port", "1"]  # make's own $(...): empty
    assert not list(tmp_path.glob("ran*"))
