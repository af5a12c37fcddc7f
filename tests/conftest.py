import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
INBOX = ROOT / "corpus" / "inbox"


@pytest.fixture
def seed_inbox(tmp_path):
    """A fresh copy of the sample inbox's text documents."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in sorted(INBOX.glob("*.txt")):
        shutil.copy(path, inbox / path.name)
    return inbox
