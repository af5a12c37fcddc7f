"""The README's clerk walkthrough, run as written: every `vntasks` command of the code blocks of
its numbered steps, in order, in a folder holding a copy of the sample inbox (the commands'
default paths)."""
import re
import shlex

import pytest
from click.testing import CliRunner

from clerk import FINANCE_REPORT
from conftest import copy_sample
from pipeline.cli import cli
from test_docs import section

STEPS = section("Clerk walkthrough").split("\n### ")[0]
COMMANDS = [line.strip() for block in re.findall(r"```sh\n(.*?)```", STEPS, re.S)
            for line in block.splitlines() if line.strip().startswith("vntasks ")]


def test_the_walkthrough_shows_every_step():
    steps = [shlex.split(command, comments=True)[1] for command in COMMANDS]
    assert steps == ["run", "query", "query", "query", "review", "review", "review", "run",
                     "query", "export"]


@pytest.fixture
def office(tmp_path, monkeypatch):
    copy_sample(tmp_path / "corpus" / "inbox")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


def run(command: str) -> str:
    words = shlex.split(command, comments=True)[1:]
    result = CliRunner().invoke(cli, words, prog_name="vntasks")
    assert result.exit_code == 0, f"{command}\n{result.output}"
    return result.output


@pytest.mark.slow  # two whole batches of the sample inbox and an export
def test_the_walkthrough_runs_as_written(office):
    outputs = [run(command) for command in COMMANDS]
    first_listing, final_listing = outputs[1], outputs[-2]
    fix = next(command for command in COMMANDS if " review set " in command)
    task_id = re.search(r"review set (\d+)", fix).group(1)
    # the lead as written, then today's name: "Sở Tài chính tỉnh Đắk Nông (nay: ...)"
    row = re.search(rf"│ {task_id} +│ (\S+) +│ Sở Tài chính [^│]*│ (.*)", first_listing)
    assert row and FINANCE_REPORT.startswith(row.group(2)[:30]), \
        f"the README fixes task {task_id}, which is not the task of Sở Tài chính it describes"
    assert row.group(1) == "15/09/2022"
    assert re.search(rf"│ {task_id} +│ 30/09/2022 +│ Sở Tài chính", final_listing)
    # a task the README accepts is one review flagged, never an unflagged one (which accepting,
    # or rejecting, would change behind the clerk's back)
    accepted = re.search(r"review accept (\d+)", " ".join(COMMANDS)).group(1)
    assert f"#{accepted} ·" in outputs[COMMANDS.index("vntasks review")]
    by_file = outputs[next(i for i, command in enumerate(COMMANDS) if "--document" in command)]
    assert "004_2a4f31bab8b9abc1" in by_file and "000_" not in by_file
    csv = (office / "so-tai-chinh.csv").read_bytes()
    assert csv.startswith("\ufeffMã,Hạn hoàn thành,Chủ trì".encode())
    assert (office / "output" / "tasks.xlsx").exists()
    assert (office / "output" / "agencies" / "Sở Tài chính tỉnh Lâm Đồng.docx").exists()
