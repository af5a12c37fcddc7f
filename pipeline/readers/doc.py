"""Legacy Word 97-2003 .doc (and RTF): LibreOffice headless, or antiword when that fails.

LibreOffice comes first because it writes Word's automatic list numbers ("1.", "a)") into the
text and antiword drops them; antiword is the fast fallback without LibreOffice. Both are Debian
packages (``make system-deps``); without them a .doc gets a clear error.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from extractors.model import SourceBlock

from . import ReadResult
from . import ReadError, register
from .limits import SUBPROCESS_SECONDS

MISSING = ("legacy Word/RTF files need antiword or LibreOffice, and neither is installed: "
           "run `make system-deps`, or save the file as .docx")


def antiword_text(path: Path) -> str | None:
    if not shutil.which("antiword"):
        return None
    done = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)],
                          capture_output=True, timeout=SUBPROCESS_SECONDS)
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def libreoffice_text(path: Path) -> tuple[str | None, str]:
    """(text, LibreOffice's complaint) from converting ``path`` to UTF-8 text."""
    if not shutil.which("soffice"):
        return None, ""
    with tempfile.TemporaryDirectory() as work:  # own profile: runs alongside a user's office
        work_dir = Path(work)
        done = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{work_dir / 'profile'}", "--headless",
             "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(work_dir), str(path)],
            capture_output=True, timeout=SUBPROCESS_SECONDS)
        converted = work_dir / f"{path.stem}.txt"
        if not converted.exists():
            return None, done.stderr.decode("utf-8", errors="replace").strip()
        return converted.read_text(encoding="utf-8-sig", errors="replace"), ""


def paragraphs(text: str) -> list[SourceBlock]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [SourceBlock(line.strip(), f"paragraph {i}") for i, line in enumerate(lines, start=1)]


@register(".doc", ".rtf")
def read_doc(path: Path) -> ReadResult:
    try:
        text, complaint = libreoffice_text(path)
        if text is None and path.suffix.lower() == ".doc":
            text = antiword_text(path)
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"converting this file took longer than {exc.timeout:.0f} s; stopped"
                        ) from None
    if text is None:
        if not (shutil.which("antiword") or shutil.which("soffice")):
            raise ReadError(MISSING)
        raise ReadError(f"damaged or unsupported legacy Word file: neither antiword nor "
                        f"LibreOffice could read it{f' ({complaint})' if complaint else ''}")
    return ReadResult(paragraphs(text), method="doc")
