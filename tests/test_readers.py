"""Readers on the real seed documents and files derived from them (issue #2, #5)."""
import shutil
import unicodedata
from pathlib import Path

import docx
import pytest
import regex
import sqlite_utils
from docx.oxml import parse_xml
from PIL import Image

import derive
from derive import STEMS, seed, seed_text
from pipeline import batch, normalize, readers
from pipeline.normalize import assemble
from pipeline.readers import legacy_encodings
from pipeline.readers.text import decode


def read_text_of(path):
    result = readers.read(path)
    for block in result.blocks:
        block.text = normalize.clean(block.text)
    return result, assemble(result.blocks)


def words(text):
    return " ".join(text.split())


@pytest.mark.parametrize("stem", STEMS)
def test_docx_reads_back_the_seed_with_word_list_numbering(stem):
    result, text = read_text_of(seed(stem, ".docx"))
    assert text == normalize.clean(seed_text(stem))
    assert result.method == "docx" and result.blocks[0].source == "paragraph 1"


def test_docx_numbering_is_word_list_numbering_not_text():
    document = docx.Document(str(seed(STEMS[0], ".docx")))
    numbered = [p for p in document.paragraphs
                if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert numbered and not any(p.text.startswith(("1.", "- ", "+ ")) for p in numbered)


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_keeps_the_seed_text_in_reading_order(stem):
    result, text = read_text_of(seed(stem, ".pdf"))
    assert words(text) == words(normalize.clean(seed_text(stem)))
    assert result.method == "pdf" and result.blocks[0].source == "page 1"


def test_docx_letters_roman_levels_and_tables(tmp_path):
    """Formats the seeds do not use: I. II., nested I.1. (Word shows the parent in its own format),
    a) b), restarts under a new parent, and table cells (merged ones once) with their place."""
    lines = [line for line in seed_text(STEMS[4]).split("\n") if line.startswith("- ")][:4]
    document = docx.Document()
    numbering = document.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels_xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate([("upperRoman", "%1."), ("decimal", "%1.%2."),
                                         ("lowerLetter", "%3)")]))
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">{levels_xml}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    levels = [0, 1, 2, 2, 1, 0]
    for level, line in zip(levels, lines + lines[:2], strict=True):
        paragraph = document.add_paragraph(line[2:])
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = lines[0][2:], lines[1][2:]
    table.cell(1, 0).merge(table.cell(1, 1)).text = lines[2][2:]
    path = tmp_path / f"{STEMS[4]}.docx"
    document.save(str(path))

    result = readers.read(path)
    markers = [b.text.split(" ", 1)[0] for b in result.blocks[:6]]
    assert markers == ["I.", "I.1.", "a)", "b)", "I.2.", "II."]
    cells = [(b.source, b.text) for b in result.blocks[6:]]
    assert cells == [("table 1 row 1 cell 1", lines[0][2:]), ("table 1 row 1 cell 2", lines[1][2:]),
                     ("table 1 row 2 cell 1", lines[2][2:])]


@pytest.mark.slow
@pytest.mark.needs("soffice")
def test_pdf_table_cells_keep_their_place(tmp_path):
    lines = [line for line in seed_text(STEMS[4]).split("\n") if line.startswith("- ")][:4]
    document = docx.Document()
    document.add_paragraph(lines[0])
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for cell, line in zip(table._cells, lines, strict=True):
        cell.text = line[2:]
    source = tmp_path / "table.docx"
    document.save(str(source))
    result = readers.read(derive.libreoffice_convert(source, "pdf", tmp_path))
    cells = [(b.source, b.text) for b in result.blocks if "table" in b.source]
    assert cells == [(f"page 1 table 1 row {r} cell {c}", lines[2 * (r - 1) + c - 1][2:])
                     for r in (1, 2) for c in (1, 2)]
    assert result.blocks[0].text == lines[0]


ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-sig": lambda text: text.encode("utf-8-sig"),
    "utf-16": lambda text: text.encode("utf-16"),
    "utf-16-le": lambda text: text.encode("utf-16-le"),
    "utf-16-be": lambda text: text.encode("utf-16-be"),
    "cp1258": derive.encode_cp1258,
    "vni": lambda text: derive.encode_legacy(text, "vni"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("stem", STEMS)
def test_text_encodings_detected(tmp_path, stem, encoding):
    path = tmp_path / f"{stem}.txt"
    path.write_bytes(ENCODINGS[encoding](seed_text(stem)))
    result, text = read_text_of(path)
    assert text == normalize.clean(seed_text(stem))
    assert result.encoding == encoding


@pytest.mark.parametrize("stem", STEMS)
def test_tcvn3_round_trip(tmp_path, stem):
    """Exact but for toned capitals: TCVN3 cannot tell them from lower case outside CAPITALS."""
    path = tmp_path / f"{stem}.txt"
    path.write_bytes(derive.encode_legacy(seed_text(stem), "tcvn3"))
    result, text = read_text_of(path)
    expected = normalize.clean(seed_text(stem))
    assert result.encoding == "tcvn3" and len(text) == len(expected)
    differences = {(a, b) for a, b in zip(expected, text, strict=True) if a != b}
    assert all(a.isupper() and b == a.lower() for a, b in differences), differences


def test_tcvn3_capital_words_restored():
    encoded = derive.encode_legacy("ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "tcvn3").decode("cp1252")
    assert legacy_encodings.to_unicode(encoded, "tcvn3") == "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG"


def test_well_known_legacy_spellings():
    """Anchors independent of our table: how these strings look in the old fonts."""
    assert legacy_encodings.to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3") == \
        "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert legacy_encodings.to_unicode("§éc lËp - Tù do - H¹nh phóc", "tcvn3") == \
        "Độc lập - Tự do - Hạnh phúc"
    assert legacy_encodings.to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni") == \
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert legacy_encodings.to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc", "vni") == \
        "Độc lập - Tự do - Hạnh phúc"


@pytest.mark.parametrize("stem", STEMS)
def test_unicode_seeds_are_not_taken_for_legacy_encodings(stem):
    assert legacy_encodings.detect(seed_text(stem)) is None


def test_mixed_nfc_nfd_lines(tmp_path):
    lines = seed_text(STEMS[0]).split("\n")
    mixed = [unicodedata.normalize("NFD" if i % 2 else "NFC", line) for i, line in enumerate(lines)]
    path = tmp_path / "mixed.txt"
    path.write_text("\n".join(mixed), encoding="utf-8")
    assert read_text_of(path)[1] == normalize.clean(seed_text(STEMS[0]))


def test_font_encoded_docx_is_converted(tmp_path):
    """A .docx typed in .VnTime: Word stores the TCVN3 bytes as Latin-1 characters."""
    document = docx.Document()
    for line in seed_text(STEMS[2]).split("\n"):
        run = document.add_paragraph().add_run(derive.encode_legacy(line, "tcvn3").decode("cp1252"))
        run.font.name = ".VnTime"
    path = tmp_path / "vntime.docx"
    document.save(str(path))
    result, text = read_text_of(path)
    assert result.encoding == "tcvn3" and "TCVN3" in result.warnings[0]
    assert text.lower() == normalize.clean(seed_text(STEMS[2])).lower()


def test_random_bytes_never_crash_decoding():
    for data in (bytes(range(256)), b"\x80" * 10, b"\xff\xfe\x00", b"\xfe\xff\xd8"):
        text, encoding = decode(data)
        assert isinstance(text, str) and encoding


@pytest.mark.slow
@pytest.mark.needs("soffice")
def test_legacy_doc_through_libreoffice(tmp_path):
    stem = STEMS[0]
    result, text = read_text_of(derive.libreoffice_convert(seed(stem, ".docx"), "doc", tmp_path))
    assert result.method == "doc"
    assert "1. Về Nhận thức số: Cổng thông tin điện tử tỉnh" in text
    def bullets(text):  # LibreOffice may write a "-", "+" or "–" list's bullet as •
        return regex.sub(r"(?m)^[-+–•] ", "• ", text)
    assert words(bullets(text)) == words(bullets(normalize.clean(seed_text(stem))))


@pytest.mark.slow
@pytest.mark.needs("tesseract-vie")
def test_scanned_pdf_goes_through_ocr(tmp_path):
    stem = STEMS[0]
    scan = derive.scanned_pdf(seed(stem, ".pdf"), tmp_path / f"{stem}.pdf")
    result, text = read_text_of(scan)
    assert result.method == "ocr" and result.blocks[0].source == "page 1 (OCR)"
    for phrase in ("Chủ tịch UBND tỉnh yêu cầu các cơ quan", "Kế hoạch số 561/KH-UBND",
                   "Sở Thông tin và Truyền thông", "Sở Tài chính chủ trì"):
        assert phrase in text


@pytest.mark.slow
@pytest.mark.needs("tesseract-vie")
def test_a_blank_back_side_in_a_scanned_pdf_does_not_stop_the_reading(tmp_path):
    """Class: a duplex scan's blank page. Tesseract cannot tell how a blank page lies, and that
    failure was taken for the time budget running out: the pages after it were left unread."""
    page, = derive.scanned_pages(seed(STEMS[1], ".pdf"))
    path = tmp_path / "scan.pdf"
    Image.new("L", page.size, 255).save(path, save_all=True, append_images=[page],
                                        resolution=200)
    result, text = read_text_of(path)
    assert result.page_methods == ["ocr", "ocr"] and text.strip()
    assert not any("hết thời gian" in warning for warning in result.warnings)


def test_scanned_pdf_without_tesseract_says_what_to_install(tmp_path, monkeypatch):
    scan = derive.scanned_pdf(seed(STEMS[0], ".pdf"), tmp_path / "scan.pdf", dpi=50)
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without the tesseract program
    with pytest.raises(readers.ReadError, match="chưa cài Tesseract.*make system-deps"):
        readers.read(scan)


@pytest.mark.needs("tesseract")
def test_scanned_pdf_without_vietnamese_data_says_so(tmp_path, monkeypatch):
    scan = derive.scanned_pdf(seed(STEMS[0], ".pdf"), tmp_path / "scan.pdf", dpi=50)
    (tmp_path / "tessdata").mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path / "tessdata"))  # no language data there
    with pytest.raises(readers.ReadError, match="chưa có dữ liệu tiếng Việt.*tesseract-ocr-vie"):
        readers.read(scan)


def test_docx_task_table_rows_become_tasks(tmp_path):
    """A plan's task table (five columns) is read a row a line, and each row is a task."""
    document = docx.Document()
    header = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
              "Thời gian hoàn thành"]
    row = ["1", "Báo cáo UBND tỉnh tình hình cân đối, phân bổ kinh phí thực hiện đầu tư thiết bị",
           "Sở Tài chính", "Sở Thông tin và Truyền thông",
           "trước ngày 15/9/2022"]  # seed 004's task
    table = document.add_table(rows=2, cols=5)
    for r, values in enumerate((header, row)):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "plan.docx"
    document.save(str(path))

    result = readers.read(path)
    assert [(b.source, b.text) for b in result.blocks[-2:]] == [
        ("table 1 row 1", " | ".join(header)), ("table 1 row 2", " | ".join(row))]
    processed = batch.process_file(path, batch.sha256_of(path), path.stat().st_size)
    task, = processed.tasks
    assert task.text == row[1] and task.deadline == "2022-09-15"
    assert [(a.agency, a.role) for a in task.agencies] == [
        ("Sở Tài chính", "lead"), ("Sở Thông tin và Truyền thông", "support")]


def test_docx_task_table_continued_in_a_second_table_keeps_its_columns(tmp_path):
    """A task table split in two by a line between ("(tiếp theo)"), the second part without a
    header: its rows take the first part's columns, as a clerk reads them."""
    document = docx.Document()
    parts = [[["TT", "Nội dung", "Đơn vị phối hợp", "Đơn vị chủ trì", "Thời hạn"],
              ["1", "Cập nhật danh mục thủ tục hành chính của tỉnh", "Sở Tư pháp",
               "Văn phòng UBND tỉnh", "Quý I/2026"]],
             [["2", "Rà soát quy trình nội bộ giải quyết thủ tục hành chính", "Sở Nội vụ",
               "Sở Tư pháp", "6/2026"]]]
    for number, rows in enumerate(parts):
        if number:
            document.add_paragraph("(tiếp theo)")
        table = document.add_table(rows=len(rows), cols=5)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.cell(r, c).text = value
    path = tmp_path / "plan.docx"
    document.save(str(path))

    processed = batch.process_file(path, batch.sha256_of(path), path.stat().st_size)
    assert [(t.deadline, [(a.agency, a.role) for a in t.agencies]) for t in processed.tasks] == [
        ("2026-03-31", [("Văn phòng Ủy ban nhân dân tỉnh", "lead"), ("Sở Tư pháp", "support")]),
        ("2026-06-30", [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support")])]


def test_a_word_file_with_a_password_says_so(tmp_path):
    """Word wraps a .docx it locks in a compound file, the bytes of a .doc: neither LibreOffice
    nor antiword can open it, and the clerk needs to know why (new-clerk trial, 2026-12-01)."""
    locked = derive.encrypted_docx(seed(STEMS[0], ".docx"), tmp_path / "khóa.docx")
    with pytest.raises(readers.ReadError, match="tệp Word có mật khẩu"):
        readers.read(locked)


ENGLISH_OF_LIBRARIES = regex.compile(r"Error\b|Exception\b|[Ii]s this really|not a zip|\bfile\b")


@pytest.mark.parametrize("name, content", [
    ("hong.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"),
    ("cat-cut.pdf", b"%PDF-1.4\n" + b"\x00\xff" * 40),
    ("hong.docx", b"PK\x03\x04" + b"\x00" * 60),
])
def test_a_damaged_file_is_told_in_vietnamese_only(tmp_path, name, content):
    """What the reading library says of a damaged file is English ("PDFSyntaxError: No /Root
    object! - Is this really a PDF?"): the clerk reads Vietnamese only."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(readers.ReadError) as raised:
        readers.read(path)
    message = str(raised.value)
    assert "hỏng" in message and not ENGLISH_OF_LIBRARIES.search(message), message


def test_an_image_format_no_reader_takes_is_told_what_to_convert_to(tmp_path):
    """Class: an image in a format the readers do not take (a phone's .heic, a web page's .webp
    or .gif, Paint's .bmp; new-clerk trial). Each file fails with a Vietnamese error against it
    naming its format and what to save it as, found by its bytes whatever its suffix (a WebP
    named .jpg is said to be renamed), and the batch reads the other files."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(seed(STEMS[0], ".txt"), inbox)
    page = Image.new("L", (400, 200), 255)
    page.save(inbox / "trang-1.bmp")
    page.save(inbox / "trang-2.gif")
    page.save(inbox / "trang-3.webp")
    page.save(inbox / "anh-chup.jpg", format="WEBP")  # a web picture saved under another name
    (inbox / "IMG_0042.HEIC").write_bytes(b"\x00\x00\x00\x1cftypheic\x00\x00\x00\x00mif1heic"
                                         + bytes(64))
    (inbox / "avatar.avif").write_bytes(b"\x00\x00\x00\x1cftypavif" + bytes(64))
    summary = batch.run(inbox, tmp_path / "tasks.db")
    rows = {Path(r["path"]).name: r for r in sqlite_utils.Database(tmp_path / "tasks.db").query(
        "select path, status, error, content_error from documents")}
    told = {"trang-1.bmp": "ảnh BMP", "trang-2.gif": "ảnh GIF", "trang-3.webp": "ảnh WebP",
            "anh-chup.jpg": "ảnh WebP (tệp có đuôi .jpg, bị đổi đuôi)",
            "IMG_0042.HEIC": "ảnh HEIC/HEIF", "avatar.avif": "ảnh HEIC/HEIF"}
    for name, kind in told.items():
        row = rows[name]
        assert (row["status"], row["content_error"]) == ("failed", 1), name
        assert row["error"].startswith(f"tệp là {kind}"), row["error"]
        assert "lưu lại thành .png hoặc .jpg" in row["error"], row["error"]
    assert "Tương thích nhất" in rows["IMG_0042.HEIC"]["error"]
    assert rows[f"{STEMS[0]}.txt"]["status"] == "ok" and summary.tasks > 0


@pytest.mark.parametrize("name, part, told", [
    ("bao-cao.odt", "content.xml", "OpenDocument"),
    ("so-lieu.xlsx", "xl/workbook.xml", "Excel"),
    ("ke-hoach.docx", "xl/workbook.xml", "Excel"),  # renamed: said so
])
def test_another_office_format_is_told_to_be_saved_as_docx_or_pdf(tmp_path, name, part, told):
    """A real .odt or .xlsx is a format not supported, to be saved as .docx or PDF, never "may
    be a renamed file"; one renamed .docx is told what it really is."""
    import zipfile

    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(part, "<x/>")
    with pytest.raises(readers.ContentError) as raised:
        readers.read(path)
    message = str(raised.value)
    assert told in message and "chưa được hỗ trợ" in message and ".docx hoặc PDF" in message
    assert ("đổi đuôi" in message) == name.endswith(".docx"), message


def test_a_bold_or_italic_run_broken_over_lines_is_one_line(tmp_path):
    """A legal site's copy keeps its HTML's line breaks inside emphasis (plans14): "*2.1. Sở" /
    "Tài chính*" is one heading; a signature's lines in capitals stay apart, and a run that
    never closes joins nothing."""
    path = tmp_path / "copy.txt"
    path.write_text("*2.1. Sở\nTài chính*\n\n- Lập dự toán kinh phí.\n\n**KT. CHỦ TỊCH\n"
                    "PHÓ CHỦ TỊCH**\n\n*Ghi chú chưa đóng\ndòng sau\n", encoding="utf-8")
    _, text = read_text_of(path)
    assert text.split("\n") == ["2.1. Sở Tài chính", "", "- Lập dự toán kinh phí.", "",
                                "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Ghi chú chưa đóng",
                                "dòng sau", ""]


def test_an_italic_label_broken_over_lines_closes_on_its_value(tmp_path):
    """A legal site's activity labels are in italics up to their colon, the value after the
    closing mark ("*Đơn vị chủ trì: *Sở Tư pháp.", plans22): the marks go, a space stays, so
    the label reads as a label and not as a list item; so does a bracket's run ("*(hoặc đột
    xuất) *báo cáo", whose marks reached the clerk's letters)."""
    path = tmp_path / "copy.txt"
    path.write_text("- Tổ chức hội nghị tập huấn.\n\n*Đơn vị chủ trì tham mưu thực\nhiện: *Sở "
                    "Nội vụ.\n\n*Thời gian thực hiện:*Quý III/2026.\n\nđịnh kỳ **hằng năm "
                    "***(hoặc đột xuất) *báo cáo.\n", encoding="utf-8")
    _, text = read_text_of(path)
    assert text.split("\n") == ["- Tổ chức hội nghị tập huấn.", "",
                                "Đơn vị chủ trì tham mưu thực hiện: Sở Nội vụ.", "",
                                "Thời gian thực hiện: Quý III/2026.", "",
                                "định kỳ hằng năm (hoặc đột xuất) báo cáo.", ""]
