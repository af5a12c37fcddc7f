import shutil
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
INBOX = ROOT / "corpus" / "inbox"


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
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in sorted(INBOX.glob("*.txt")):
        shutil.copy(path, inbox / path.name)
    return inbox
