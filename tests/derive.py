"""Test files derived from the real seed documents: converted, re-encoded, corrupted, rendered.

Nothing here writes a document of its own: every file starts from a seed in corpus/inbox.
"""
from __future__ import annotations

import io
import shutil
import struct
import subprocess
import tempfile
import unicodedata
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pdfplumber
import regex
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Inches, Pt
from PIL import Image

from conftest import INBOX, sample_files
from extractors.text import TONE_MARKS
from pipeline.readers import legacy_encodings

STEMS = [path.stem for path in sample_files(".txt")]


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


def word97(source: Path, outdir: Path) -> Path:
    """A .docx saved as a Word 97 .doc, by way of .odt: LibreOffice 7.4 reads the tables of a
    .doc it wrote straight from a python-docx file as loose text, Word's own .doc files not."""
    return libreoffice_convert(libreoffice_convert(source, "odt", outdir), "doc:MS Word 97", outdir)


def scanned_pages(source: Path, pages: int = 1, dpi: int = 200) -> list[Image.Image]:
    """The first ``pages`` pages of a PDF as greyscale images, as a scanner sees them."""
    with pdfplumber.open(str(source)) as pdf:
        return [page.to_image(resolution=dpi).original.convert("L") for page in pdf.pages[:pages]]


def scanned_pdf(source: Path, target: Path, pages: int = 1, dpi: int = 200) -> Path:
    """The first ``pages`` pages of a PDF as images only (no text layer), like a scanner makes."""
    images = scanned_pages(source, pages, dpi)
    images[0].save(str(target), save_all=True, append_images=images[1:], resolution=dpi)
    return target


def scanned_image(source: Path, target: Path, pages: int = 1, dpi: int = 200,
                  image_format: str | None = None) -> Path:
    """The first ``pages`` pages of a PDF saved as one image file (a multi-page TIFF for more
    than one), in ``image_format`` ("PNG", "JPEG", "TIFF"; else the one ``target``'s suffix
    names), stating ``dpi``: a scan as an e-office system or a scanner saves it."""
    images = scanned_pages(source, pages, dpi)
    images[0].save(str(target), format=image_format, save_all=pages > 1,
                   append_images=images[1:], dpi=(dpi, dpi))
    return target


def image_bomb(source: Path, target: Path, width: int, height: int) -> Path:
    """A seed page as a small PNG whose header says ``width`` × ``height`` pixels: a
    decompression bomb as an image (a few kilobytes that would decode to gigabytes)."""
    page = io.BytesIO()
    scanned_pages(source, dpi=50)[0].save(page, format="PNG")
    data = bytearray(page.getvalue())
    data[16:24] = struct.pack(">II", width, height)  # IHDR's width and height, after its name
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))  # IHDR's checksum
    target.write_bytes(bytes(data))
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


def encrypted_docx(source: Path, target: Path) -> Path:
    """``source`` as Word saves it with a password to open ("matkhau"): an encrypted package in
    a compound file, by msoffcrypto-tool."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as plain, target.open("wb") as locked:
        OOXMLFile(plain).encrypt("matkhau", locked)
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


STAMP = ("Ký bởi: Ủy ban nhân dân tỉnh Đắk Nông", "Email: ubnd@daknong.gov.vn",
         "Cơ quan: Tỉnh Đắk Nông", "Thời gian ký: 15.09.2022 16:41:00 +07:00")


def rasterised_pdf(source: Path, target: Path, dpi: int = 200, pages: int | None = None,
                   turn: int = 0) -> Path:
    """``source`` printed to images by poppler's pdftoppm and rebuilt as an image-only PDF,
    each page turned ``turn`` degrees counter-clockwise (a sheet fed into the scanner sideways)."""
    with tempfile.TemporaryDirectory() as work:
        last = ["-l", str(pages)] if pages else []
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", *last, "--", str(source),
                        f"{work}/page"], check=True, capture_output=True)
        images = [Image.open(p).rotate(turn, expand=True)
                  for p in sorted(Path(work).glob("page-*.png"))]
        images[0].save(str(target), save_all=True, append_images=images[1:], resolution=dpi)
    return target


def text_pdf(lines: list[str], target: Path, size: int = 8) -> Path:
    """A page holding ``lines`` in small print at the top right, in the top margin of a page
    of the seeds (Letter, 1 inch margins), as LibreOffice prints it."""
    document = docx.Document()
    document.sections[0].top_margin = Inches(0.3)
    for line in lines:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.space_after = 0
        paragraph.add_run(line).font.size = Pt(size)
    source = target.with_suffix(".docx")
    document.save(str(source))
    return libreoffice_convert(source, "pdf", target.parent)


def overlay(base: Path, layer: Path, target: Path) -> Path:
    """``layer``'s first page drawn over every page of ``base`` (qpdf --overlay)."""
    subprocess.run(["qpdf", str(base), "--overlay", str(layer), "--from=1", "--repeat=1", "--",
                    str(target)], check=True, capture_output=True)
    return target


def signed_scan(source: Path, target: Path, pages: int | None = None) -> Path:
    """A seed PDF scanned and signed the e-office way: an image-only PDF whose only text
    layer is the digital-signature stamp ("Ký bởi: ...", "Cơ quan: ...", "Thời gian ký: ...")."""
    with tempfile.TemporaryDirectory() as work:
        scan = rasterised_pdf(source, Path(work) / "scan.pdf", pages=pages)
        stamp = text_pdf(list(STAMP), Path(work) / "stamp.pdf")
        return overlay(scan, stamp, target)


def rotated_pdf(source: Path, target: Path, degrees: int) -> Path:
    """Every page of ``source`` given /Rotate ``degrees``: shown turned, its text unchanged."""
    subprocess.run(["qpdf", str(source), f"--rotate=+{degrees}", "--", str(target)],
                   check=True, capture_output=True)
    return target


def overprinted_pdf(source: Path, target: Path) -> Path:
    """Every glyph drawn twice, as PDF printers make bold: each page overlaid with itself."""
    subprocess.run(["qpdf", str(source), "--overlay", str(source), "--", str(target)],
                   check=True, capture_output=True)
    return target


def rewritten_pdf(source: Path, target: Path, pattern: bytes, replacement: bytes) -> Path:
    """``source`` with ``pattern`` replaced in its uncompressed objects (qpdf's QDF form, its
    offsets repaired by fix-qdf after the edit)."""
    with tempfile.TemporaryDirectory() as work:
        expanded = Path(work) / "qdf.pdf"
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(source), str(expanded)],
                       check=True, capture_output=True)
        expanded.write_bytes(regex.sub(pattern, replacement, expanded.read_bytes()))
        subprocess.run(["fix-qdf", str(expanded)], check=True,
                       stdout=target.open("wb"), stderr=subprocess.PIPE)
    return target


def without_unicode_map(source: Path, target: Path) -> Path:
    """``source`` with its fonts' /ToUnicode maps removed: the text layer reads "(cid:N)"."""
    return rewritten_pdf(source, target, rb"/ToUnicode \d+ 0 R", b"")


NAMESPACES = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in (
    ("w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    ("mc", "http://schemas.openxmlformats.org/markup-compatibility/2006"),
    ("wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"),
    ("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    ("a", "http://schemas.openxmlformats.org/drawingml/2006/main"),
    ("v", "urn:schemas-microsoft-com:vml")))


def run(text: str, font: str | None = None) -> str:
    """A w:r holding ``text``, in ``font`` if given."""
    fonts = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return f'<w:r>{fonts}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def text_box(*paragraphs: str) -> str:
    """A run holding a text box as Word writes it: a DrawingML choice and a VML fallback."""
    content = f"<w:txbxContent>{''.join(paragraphs)}</w:txbxContent>"
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            '<a:graphic><a:graphicData><wps:wsp><wps:txbx>' + content +
            '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
            '</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' + content +
            '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def docx_of(elements: list[str], target: Path, header: str | None = None) -> Path:
    """A .docx whose body is ``elements`` (WordprocessingML strings), and a header line."""
    document = docx.Document()
    body = document.element.body
    for element in elements:
        tag_end = element.index(">")  # the namespaces go on the element's own tag
        namespaced = f"{element[:tag_end]} {NAMESPACES}{element[tag_end:]}"
        body.insert(len(body) - 1, parse_xml(namespaced))
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(target))
    return target


def inflating_pdf(source: Path, target: Path, megabytes: int) -> Path:
    """``source`` whose first page's content ends in ``megabytes`` MB of blank lines, Flate
    compressed about 1000 to 1: the PDF form of a zip bomb."""
    with tempfile.TemporaryDirectory() as work:
        expanded = Path(work) / "qdf.pdf"
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(source), str(expanded)],
                       check=True, capture_output=True)
        data = expanded.read_bytes()
        head = regex.search(rb"%% Contents for page 1\n.*?\n>>\nstream\n", data, regex.S)
        end = data.index(b"endstream", head.end())
        content = data[head.end():end] + b"\n" * (megabytes * 1024 * 1024)
        dictionary = head.group().replace(b"\n>>\nstream", b"\n  /Filter /FlateDecode\n>>\nstream")
        expanded.write_bytes(data[:head.start()] + dictionary + zlib.compress(content, 9)
                             + b"\n" + data[end:])
        subprocess.run(["fix-qdf", str(expanded)], check=True,
                       stdout=target.open("wb"), stderr=subprocess.PIPE)
    return target
