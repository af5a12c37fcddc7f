import re
import shutil
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
INBOX = ROOT / "corpus" / "inbox"
# The user's seed texts ship in the sample inbox (the same bytes as ../shared/corpus/seeds), so
# the tests that read them run in a clone with nothing beside it (new-clerk trial).
SEEDS = INBOX
# The sample inbox as committed (scripts/make_sample_inbox.py): each seed as .txt, .docx and .pdf.
# A clerk following the README drops documents of their own beside them; no test reads those.
SAMPLE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.(?:txt|docx|pdf)")


def sample_files(*suffixes: str) -> list[Path]:
    """The sample inbox's files, sorted, only those ending in ``suffixes`` when given."""
    return sorted(path for path in INBOX.iterdir() if SAMPLE_NAME.fullmatch(path.name)
                  and (not suffixes or path.suffix in suffixes))


def copy_sample(inbox: Path, *suffixes: str) -> Path:
    """``inbox`` (made if missing) holding a copy of ``sample_files(*suffixes)``."""
    inbox.mkdir(parents=True, exist_ok=True)
    for path in sample_files(*suffixes):
        shutil.copy(path, inbox / path.name)
    return inbox


def run_copies(inbox: Path, db_path: Path, stem: str, *suffixes: str) -> Path:
    """``db_path`` after the real pipeline ran on ``inbox`` (made) holding the sample ``stem``
    in each of ``suffixes``: one directive in several formats."""
    inbox.mkdir(parents=True, exist_ok=True)
    for suffix in suffixes:
        shutil.copy(INBOX / f"{stem}{suffix}", inbox)
    from pipeline import batch
    batch.run(inbox, db_path)
    return db_path


def tesseract_reads_vietnamese() -> bool:
    from pipeline.readers import ReadError, ocr

    try:
        ocr.check_tesseract()
    except ReadError:
        return False
    return True


# The external programs tests run: tool → (Debian package of the Makefile's system-deps, check).
TOOLS = {
    "tesseract": ("tesseract-ocr", lambda: shutil.which("tesseract")),
    "tesseract-vie": ("tesseract-ocr-vie", tesseract_reads_vietnamese),
    "soffice": ("libreoffice-writer-nogui", lambda: shutil.which("soffice")),
    "antiword": ("antiword", lambda: shutil.which("antiword")),
    "chromium": ("chromium", lambda: shutil.which("chromium")),
    "qpdf": ("qpdf", lambda: shutil.which("qpdf")),
    "pdftoppm": ("poppler-utils", lambda: shutil.which("pdftoppm")),
}


@cache
def missing_tool(tool: str) -> str | None:
    """Why a test needing ``tool`` cannot run here (None when it can)."""
    if tool not in TOOLS:
        raise pytest.UsageError(f"@pytest.mark.needs({tool!r}): known tools are {', '.join(TOOLS)}")
    package, available = TOOLS[tool]
    if available():
        return None
    return f"{tool} is not installed (Debian package {package}): run `make system-deps`"


def pytest_runtest_setup(item):
    """Skip a test marked ``@pytest.mark.needs("tool", ...)`` when one of its tools is missing."""
    for marker in item.iter_markers("needs"):
        for tool in marker.args:
            reason = missing_tool(tool)
            if reason:
                pytest.skip(reason)


@pytest.fixture
def seed_inbox(tmp_path):
    """A fresh copy of the sample inbox's text documents."""
    return copy_sample(tmp_path / "inbox", ".txt")


def run_command(*args):
    """Run the real command line in process; fails the test on a non-zero exit."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="session")
def inbox_database(tmp_path_factory):
    """(database, inbox): the whole sample inbox (the seeds as .txt, .docx, .pdf) through
    `pipeline run`. Copy the database (clerk.copy_database) before writing to it."""
    folder = tmp_path_factory.mktemp("sample_inbox")
    inbox = copy_sample(folder / "inbox")
    run_command("run", "--inbox", inbox, "--db", folder / "tasks.db")
    return folder / "tasks.db", inbox


OFFICE_PLANS = ("OF_01.docx", "OF_02.docx")  # two 2025 plans of Lâm Đồng, with task tables


@pytest.fixture(scope="session")
def office_database(tmp_path_factory):
    """The office corpus' two Word plans through `pipeline run` (skipped without ../shared)."""
    docs = SHARED / "corpus" / "office" / "docs"
    if not docs.exists():
        pytest.skip("the office corpus is in ../shared")
    folder = tmp_path_factory.mktemp("office")
    inbox = folder / "inbox"
    inbox.mkdir()
    for name in OFFICE_PLANS:
        shutil.copy(docs / name, inbox)
    run_command("run", "--inbox", inbox, "--db", folder / "tasks.db")
    return folder / "tasks.db"


@pytest.fixture
def edited_rules(tmp_path, monkeypatch):
    """edit(name, change): a copy of rules/ where ``change(data)`` edited rules/<name>, read by
    the clerk's rules loaders (``extractors.rules.load_file`` through the modules' caches) for
    this test only."""
    import yaml

    from extractors import rules
    from pipeline.clerk import followup, official, successors

    folder = tmp_path / "rules"
    shutil.copytree(rules.RULES_DIR, folder)
    monkeypatch.setattr(rules, "RULES_DIR", folder)
    caches = (successors.load, successors.successor, official.texts, followup._rules)

    def edit(name, change):
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        change(data)
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        for loaded in caches:
            loaded.cache_clear()

    yield edit
    for loaded in caches:
        loaded.cache_clear()
