"""Legacy Word 97-2003 .doc (and RTF): LibreOffice headless to .docx, or antiword when that fails.

LibreOffice comes first: converted to .docx, the file is read by the .docx reader, so its
tables keep their rows and columns, its list numbers ("1.", "a)") their place and its .VnTime
runs their font; antiword (plain text, no list numbers, tables cell by cell) is the fast
fallback without LibreOffice. Both are Debian packages (``make system-deps``); without them a .doc
gets a clear error. The programs never see the file's own name: it is copied to a fixed name in
a private folder first, so a name such as ``--version.doc`` cannot pass as an option. A file a
password protects (a .doc, or a .docx, which Word then wraps in the same compound file) is told
by msoffcrypto-tool before either program tries it.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import msoffcrypto

from extractors.model import SourceBlock

from . import ContentError, ReadError, ReadResult, library_failure, register
from .docx import CORRUPT, read_document
from .limits import SUBPROCESS_SECONDS

PASSWORD = ("tệp Word có mật khẩu: không mở được nếu không có mật khẩu; đề nghị nơi gửi cung cấp "
            "bản không khóa")
MISSING = ("tệp Word .doc/RTF cũ cần antiword hoặc LibreOffice nhưng máy chưa cài: chạy "
           "`make system-deps`, hoặc lưu tệp dưới dạng .docx")


def is_encrypted(path: Path) -> bool:
    """Whether a Word compound file is encrypted (a password to open it); False for a file
    msoffcrypto-tool cannot read, whose reading then fails on its own terms."""
    try:
        with path.open("rb") as handle:
            return msoffcrypto.OfficeFile(handle).is_encrypted()
    except Exception:  # noqa: BLE001 - any file the tool cannot parse: not known to be encrypted
        return False


def antiword_text(source: Path, timeout: float) -> str | None:
    """antiword's UTF-8 text of ``source``, or None without antiword or when it fails."""
    if not shutil.which("antiword"):
        return None
    done = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(source)],
                          capture_output=True, timeout=timeout)
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def libreoffice_docx(source: Path, work: Path, timeout: float) -> tuple[Path | None, str]:
    """(the .docx LibreOffice made of ``source`` in ``work``, or None; its complaint)."""
    if not shutil.which("soffice"):
        return None, ""
    done = subprocess.run(  # own profile: runs alongside a user's office
        ["soffice", f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source)],
        capture_output=True, timeout=timeout)
    converted = work / "out" / f"{source.stem}.docx"
    if not converted.exists():
        return None, done.stderr.decode("utf-8", errors="replace").strip()
    return converted, ""


def paragraphs(text: str) -> list[SourceBlock]:
    """A plain text's lines as blocks ("paragraph N")."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [SourceBlock(line.strip(), f"paragraph {i}") for i, line in enumerate(lines, start=1)]


def _read_converted(converted: Path) -> ReadResult:
    try:
        return read_document(converted, method="doc")
    except CORRUPT as exc:
        raise library_failure("LibreOffice không chuyển được tệp này sang dạng đọc được", exc,
                              ReadError) from None


@register(".doc", ".rtf")
def read_doc(path: Path, deadline: float) -> ReadResult:
    """A .doc or .rtf: by LibreOffice as a .docx, else antiword's text; ReadError if neither."""
    suffix = path.suffix.lower() if path.suffix.lower() in (".doc", ".rtf") else ".doc"
    if suffix == ".doc" and is_encrypted(path):
        raise ContentError(PASSWORD)
    timeout = max(min(SUBPROCESS_SECONDS, deadline - time.monotonic()), 1)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / f"document{suffix}"
        shutil.copyfile(path, source)
        try:
            converted, complaint = libreoffice_docx(source, work, timeout)
            if converted is not None:
                return _read_converted(converted)
            text = antiword_text(source, timeout) if suffix == ".doc" else None
        except subprocess.TimeoutExpired as exc:
            raise ReadError(f"chuyển đổi tệp mất hơn {exc.timeout:.0f} giây; đã dừng") from None
    if text is None:
        if not (shutil.which("antiword") or shutil.which("soffice")):
            raise ReadError(MISSING)
        # the file's fault only when every converter it may go to was there to try it
        tried_all = shutil.which("soffice") and (suffix == ".rtf" or shutil.which("antiword"))
        raise (ContentError if tried_all else ReadError)(
            f"tệp Word cũ bị hỏng hoặc không được hỗ trợ: cả antiword lẫn LibreOffice đều không "
            f"đọc được{f' ({complaint})' if complaint else ''}")
    return ReadResult(paragraphs(text), method="doc")
