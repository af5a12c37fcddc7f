"""Test files derived from the real seed documents: converted, re-encoded, corrupted, rendered.

Nothing here writes a document of its own: every file starts from a seed in corpus/inbox.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pdfplumber

from extractors.text import TONE_MARKS
from pipeline.readers import legacy_encodings

INBOX = Path(__file__).resolve().parent.parent / "corpus" / "inbox"
STEMS = sorted(p.stem for p in INBOX.glob("[0-9][0-9][0-9]_*.txt"))


def seed(stem: str, suffix: str = ".txt") -> Path:
    return INBOX / f"{stem}{suffix}"


def seed_text(stem: str) -> str:
    return seed(stem).read_text(encoding="utf-8")


def encode_legacy(text: str, encoding: str) -> bytes:
    """``text`` in TCVN3 or VNI bytes, through the inverse of the reader's table.

    TCVN3 has no toned capitals: they are written with the lower-case byte, as .VnTimeH users did.
    Punctuation outside Latin-1 (“ ” – …) is Windows-1252, as on the machines that typed them.
    """
    inverse = {letter: code for code, letter in legacy_encodings.tables()[encoding].items()}
    chars = (inverse.get(c) or inverse.get(c.lower()) or c for c in text)
    return "".join(chars).encode("cp1252")


def encode_cp1258(text: str) -> bytes:
    """Windows-1258: base letters (ă, ơ, ê ...) precomposed, tone marks as combining bytes."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in decomposed if c in TONE_MARKS)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tone))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def libreoffice_convert(source: Path, target_format: str, outdir: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", target_format, "--outdir", str(outdir), str(source)],
                       check=True, capture_output=True, timeout=180)
    extension = target_format.split(":")[0]
    return outdir / f"{source.stem}.{extension}"


def scanned_pdf(source: Path, target: Path, pages: int = 1, dpi: int = 200) -> Path:
    """The first ``pages`` pages of a PDF as images only (no text layer), like a scanner makes."""
    with pdfplumber.open(str(source)) as pdf:
        images = [page.to_image(resolution=dpi).original.convert("L") for page in pdf.pages[:pages]]
    images[0].save(str(target), save_all=True, append_images=images[1:], resolution=dpi)
    return target


def zip_bomb(source_docx: Path, target: Path, unpacked_bytes: int) -> Path:
    """The seed .docx plus one part of zeros that deflates ~1000 to 1."""
    shutil.copy(source_docx, target)
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(target, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as part:
            for _ in range(unpacked_bytes // len(chunk)):
                part.write(chunk)
    return target


def encrypted_pdf(source: Path, target: Path) -> Path:
    subprocess.run(["qpdf", "--encrypt", "user", "owner", "256", "--", str(source), str(target)],
                   check=True, capture_output=True)
    return target


def big_pdf(target: Path, megabytes: int) -> Path:
    """The seed PDFs' pages copied over and over, streams uncompressed, to ``megabytes``.

    qpdf shares the pages of a file named twice, so each copy is a file of its own.
    """
    with tempfile.TemporaryDirectory() as work:
        block = Path(work) / "block.pdf"
        subprocess.run(["qpdf", "--empty", "--stream-data=uncompress", "--pages",
                        *[str(seed(stem, ".pdf")) for stem in STEMS], "--", str(block)],
                       check=True, capture_output=True)
        copies = []
        for i in range(megabytes * 1024 * 1024 // block.stat().st_size + 1):
            copies.append(Path(work) / f"{i}.pdf")
            shutil.copy(block, copies[-1])
        subprocess.run(["qpdf", "--empty", "--stream-data=uncompress", "--pages",
                        *map(str, copies), "--", str(target)], check=True, capture_output=True)
    return target
