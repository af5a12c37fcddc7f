"""Each class of reading fault (issue #10, #14), on files derived from the seeds.

The cases of ../shared/cases are single examples (tests/test_cases.py); here each class gets
files of its own: a seed scanned and signed, turned, overprinted, without a Unicode map; a
seed's tasks in a text box, in content controls, in tracked changes, in tables with empty and
merged cells, under a header; a seed in decomposed Unicode, with a NUL byte ...
"""
import json
import shutil
import time
import unicodedata

import docx
import pytest
import sqlite_utils

import derive
from derive import STEMS, paragraph, run, seed, seed_text, text_box
from pipeline import batch, normalize, readers
from pipeline.readers import layout, legacy_encodings, ocr, pdf
from pipeline.readers.layout import Piece

ROTATED_SEED = STEMS[4]  # 21 tasks over 7 pages
FINANCE = next(line for line in seed_text(STEMS[4]).split("\n")
               if "Báo cáo UBND tỉnh tình hình cân đối" in line)
TASK = "Giao Sở Tài chính " + FINANCE[2].lower() + FINANCE[3:].replace("**", "")  # seed 004, item 5
SECOND_TASK = ("Giao Sở Tài nguyên và Môi trường tham mưu UBND tỉnh báo cáo tổng thể chi tiết "
               "việc triển khai cơ sở dữ liệu đất đai trên địa bàn tỉnh.")  # seed 004, item 4
def needs(*programs):
    """Skip, with the hint, where a program the derivation or the reader runs is missing."""
    missing = [program for program in programs if shutil.which(program) is None]
    return pytest.mark.skipif(bool(missing),
                              reason=f"{', '.join(missing)} missing: run `make system-deps`")


needs_tesseract = needs("tesseract")
needs_office = needs("soffice", "qpdf", "pdftoppm")  # printing, overlaying, scanning seeds


def words(text):
    return text.split()


def text_of(result):
    return "\n".join(normalize.clean(b.text) for b in result.blocks)


def shared_words(found, expected):
    """Share of ``expected``'s words that ``found`` holds, in order (difflib)."""
    import difflib
    a, b = words(found), words(expected)
    matched = sum(size for *_, size in difflib.SequenceMatcher(None, a, b).get_matching_blocks())
    return matched / len(b)


def processed(path):
    return batch.process_file(path, batch.sha256_of(path), path.stat().st_size)


def task_leads(result):
    return [(t.text, sorted(a.agency for a in t.agencies if a.role == "lead"), t.deadline)
            for t in result.tasks]


# --- PDF: turned pages ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def upright():
    return processed(seed(ROTATED_SEED, ".pdf"))


@pytest.mark.parametrize("degrees", [90, 180])
@needs("qpdf")
def test_rotated_pages_read_in_the_direction_of_their_text(tmp_path, degrees, upright):
    """/Rotate shows a page turned; its text still reads in order (5 tasks of 21 before, 0
    upside down)."""
    turned = processed(derive.rotated_pdf(seed(ROTATED_SEED, ".pdf"), tmp_path / "plan.pdf",
                                          degrees))
    assert turned.text == upright.text
    assert len(turned.tasks) == len(upright.tasks) >= 21


# --- PDF: broken text layers ------------------------------------------------------------------

@needs("qpdf")
def test_glyphs_printed_twice_are_read_once(tmp_path):
    source = seed(STEMS[3], ".pdf")
    doubled = derive.overprinted_pdf(source, tmp_path / "bold.pdf")
    result = readers.read(doubled)
    assert result.page_methods == ["dedupe"] * 3
    assert text_of(result) == text_of(readers.read(source))


@pytest.mark.slow
@needs_tesseract
@needs("qpdf", "fix-qdf")
def test_text_layer_without_unicode_map_is_read_by_ocr(tmp_path):
    source = seed(STEMS[3], ".pdf")
    broken = derive.without_unicode_map(source, tmp_path / "cid.pdf")
    with pdf.pdfplumber.open(str(broken)) as document:
        assert "(cid:" in document.pages[0].extract_text()
    result = readers.read(broken)
    assert set(result.page_methods) == {"ocr"} and result.quality > 0.95
    assert shared_words(text_of(result), text_of(readers.read(source))) > 0.95


def test_text_quality_separates_good_from_garbled_text():
    from pipeline.readers.quality import LOW_QUALITY, text_quality
    good = seed_text(STEMS[0])
    doubled = "".join(c * 2 if c.isalpha() else c for c in good[:2000])  # "CCôônngg"
    legacy_ocr = "uY BAN NgAN nAN ceNG HoA xA ugr cHU NgHiA ViET NaM TiNH DaK NoNG"
    cid = " ".join(f"(cid:{n})" for n in range(40))
    assert text_quality(good) > 0.95
    assert all(text_quality(t) < LOW_QUALITY for t in (doubled, legacy_ocr, cid))


# --- PDF: signed scans and OCR ----------------------------------------------------------------

@pytest.fixture(scope="module")
def signed_scan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signed")
    return derive.signed_scan(seed(STEMS[0], ".pdf"), folder / f"{STEMS[0]}.pdf", pages=1)


@pytest.mark.slow
@needs_office
def test_a_signature_stamp_over_a_scan_does_not_make_it_a_text_page(signed_scan):
    with pdf.pdfplumber.open(str(signed_scan)) as document:
        page = document.pages[0]
        reading = pdf.text_layer(page)
        assert "Ký bởi" in " ".join(p.text for p in reading.stamps)  # set apart, never tasks
        assert pdf.looks_scanned(page, reading)
    with pdf.pdfplumber.open(str(seed(STEMS[0], ".pdf"))) as document:
        page = document.pages[0]
        assert not pdf.looks_scanned(page, pdf.text_layer(page))


@pytest.mark.slow
@needs_tesseract
@needs_office
def test_signed_scan_is_read_by_ocr(signed_scan):
    result = readers.read(signed_scan)
    assert result.page_methods == ["ocr"]
    with pdf.pdfplumber.open(str(seed(STEMS[0], ".pdf"))) as document:
        page_one = " ".join(p.text for p in pdf.text_layer(document.pages[0]).pieces)
    assert shared_words(text_of(result), page_one) > 0.95


@pytest.mark.slow
@needs_tesseract
@needs_office
def test_signed_scan_of_a_seed_gives_the_tasks_of_its_text(tmp_path):
    """Seed 002 (4 pages, 32 tasks in its .txt) printed, scanned and signed: was 0 tasks."""
    from collections import Counter

    from pipeline.evaluate import agency_set

    def word_list(text):
        return Counter(text.lower().split())

    def overlap(a, b):  # shared words, as a share of the shorter text
        return sum((a & b).values()) / max(1, min(sum(a.values()), sum(b.values())))
    scan = processed(derive.signed_scan(seed(STEMS[2], ".pdf"), tmp_path / "signed.pdf"))
    typed = processed(seed(STEMS[2]))
    same = 0
    for task in typed.tasks:
        found = max(scan.tasks, key=lambda t: overlap(word_list(task.text), word_list(t.text)))
        leads = [agency_set([a.agency for a in t.agencies if a.role == "lead"])
                 for t in (task, found)]
        same += (overlap(word_list(task.text), word_list(found.text)) >= 0.5
                 and leads[0] == leads[1] and task.deadline == found.deadline)
    assert scan.page_methods == ["ocr"] * 4
    assert same >= 0.9 * len(typed.tasks) >= 0.9 * 32


@pytest.mark.slow
@needs_tesseract
@needs("pdftoppm")
def test_scan_fed_sideways_is_turned_by_osd(tmp_path):
    scan = derive.rasterised_pdf(seed(STEMS[0], ".pdf"), tmp_path / "scan.pdf", pages=1)
    turned = derive.rasterised_pdf(seed(STEMS[0], ".pdf"), tmp_path / "sideways.pdf", pages=1,
                                   turn=90)
    upright, sideways = readers.read(scan), readers.read(turned)
    assert sideways.page_methods == ["ocr-rotated"]
    assert shared_words(text_of(sideways), text_of(upright)) > 0.95


@needs_tesseract
def test_ocr_out_of_time_keeps_what_was_read_and_says_so(tmp_path):
    scan = derive.scanned_pdf(seed(STEMS[0], ".pdf"), tmp_path / "scan.pdf", dpi=50)
    result = readers.read(scan, deadline=time.monotonic() + 0.5)
    assert result.page_methods == ["none"] and result.blocks == []
    assert any("hết thời gian" in warning for warning in result.warnings)


def test_ocr_slips_are_cleaned():
    slips = [Piece(0, "Số:214UBNDVP -"), Piece(1, "_ | ~"), Piece(2, "Số 7KHUBND ngày 2/3/2024"),
             Piece(3, "1, Sở Tài chính chủ trì. ~"), Piece(4, "báo cáo trước ngày 15/12/2024.- :"),
             Piece(5, "Số: 729/QĐ-TTg"), Piece(6, "Hà Nội, ngày23 tháng 4 năm 2026")]
    assert [p.text for p in ocr.clean(slips)] == [
        "Số: 214/UBND-VP", "Số 7/KH-UBND ngày 2/3/2024", "1. Sở Tài chính chủ trì.",
        "báo cáo trước ngày 15/12/2024.", "Số: 729/QĐ-TTg", "Hà Nội, ngày 23 tháng 4 năm 2026"]


# --- PDF: layout ------------------------------------------------------------------------------

def _words_at(text, x, top, size=12.0):
    """``text``'s words set in a line at (x, top), a character 0.5 em wide, spaces 0.25 em."""
    found, left = [], x
    for word in text.split():
        found.append({"text": word, "x0": left, "x1": left + 0.5 * size * len(word),
                      "top": top, "bottom": top + size})
        left = found[-1]["x1"] + 0.25 * size
    return found


def _page(*placed):
    return layout.lines_of([w for text, x, top in placed for w in _words_at(text, x, top)])


def test_two_column_header_is_read_column_by_column():
    """Issuer | motto, number | place and date, V/v | —: the left column, then the right."""
    lines = _page(("ỦY BAN NHÂN DÂN", 80, 50), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 50),
                  ("TỈNH ĐẮK NÔNG", 95, 66), ("Độc lập - Tự do - Hạnh phúc", 320, 66),
                  ("Số: 561/KH-UBND", 90, 90), ("Đắk Nông, ngày 15 tháng 9 năm 2022", 310, 92),
                  ("V/v triển khai chuyển đổi số", 70, 108),
                  ("Kính gửi: Các sở, ban, ngành tỉnh Đắk Nông và các đơn vị", 120, 140))
    assert [p.text for p in layout.read_lines(lines)] == [
        "ỦY BAN NHÂN DÂN", "TỈNH ĐẮK NÔNG", "Số: 561/KH-UBND", "V/v triển khai chuyển đổi số",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Đắk Nông, ngày 15 tháng 9 năm 2022",
        "Kính gửi: Các sở, ban, ngành tỉnh Đắk Nông và các đơn vị"]


def test_borderless_table_is_read_by_columns_with_wrapped_cells():
    lines = _page(("STT", 40, 100), ("Nội dung nhiệm vụ", 80, 100), ("Chủ trì", 330, 100),
                  ("Thời hạn", 450, 100),
                  ("1", 40, 120), ("Báo cáo tình hình cân đối,", 80, 120),
                  ("Sở Tài chính", 330, 120),
                  ("15/9/2022", 450, 120),
                  ("phân bổ kinh phí", 80, 134),
                  ("2", 40, 154), ("Triển khai cơ sở dữ liệu", 80, 154),
                  ("Sở Tài nguyên và", 330, 154), ("Quý IV/2022", 450, 154),
                  ("đất đai", 80, 168), ("Môi trường", 330, 168))
    assert [(p.place, p.text) for p in layout.read_lines(lines)] == [
        ("table 1 row 1", "STT | Nội dung nhiệm vụ | Chủ trì | Thời hạn"),
        ("table 1 row 2", "1 | Báo cáo tình hình cân đối, phân bổ kinh phí | Sở Tài chính | "
                          "15/9/2022"),
        ("table 1 row 3", "2 | Triển khai cơ sở dữ liệu đất đai | Sở Tài nguyên và Môi trường | "
                          "Quý IV/2022")]


def test_agency_heading_is_never_glued_to_the_paragraph_before():
    full = "Các sở, ban, ngành triển khai thực hiện nghiêm túc các nội dung đã nêu trên."
    lines = _page((full, 70, 100), ("Sở Tài chính:", 70, 114),
                  ("- Báo cáo UBND tỉnh tình hình cân đối kinh phí.", 70, 128))
    assert [p.text for p in layout.read_lines(lines)] == [
        full, "Sở Tài chính:", "- Báo cáo UBND tỉnh tình hình cân đối kinh phí."]


def test_page_numbers_are_dropped_and_a_paragraph_joins_over_the_page_break():
    reading = pdf.PdfReading(pdf=None, deadline=0, signatures={})
    first = layout.read_lines(_page(("2", 300, 30), ("a " * 40 + "phối hợp với", 70, 100)))
    second = layout.read_lines(_page(("Sở Tài chính thực hiện.", 70, 60), ("3", 300, 800)))
    reading._add(pdf.PageReading(first, "text"), 1)
    reading._add(pdf.PageReading(second, "text"), 2)
    assert [b.text for b in reading.blocks] == ["a " * 40 + "phối hợp với Sở Tài chính thực hiện."]


@pytest.mark.slow
@needs("soffice")
def test_pdf_table_merged_and_empty_cells_keep_their_columns(tmp_path):
    """Vertically merged cells apply to every row they span; an empty cell stays empty."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    table.style = "Table Grid"
    rows = [["Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
            [FINANCE[2:60], "Sở Tài chính", "", "Quý IV/2022"],
            [SECOND_TASK[9:70], "", "Sở Tài chính", ""]]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(1, 3).merge(table.cell(2, 3))
    source = tmp_path / "plan.docx"
    document.save(str(source))
    for path in (source, derive.libreoffice_convert(source, "pdf", tmp_path)):
        lines = [b.text for b in readers.read(path).blocks if " | " in b.text]
        assert lines[1:] == [f"{FINANCE[2:60]} | Sở Tài chính |  | Quý IV/2022",
                             f"{SECOND_TASK[9:70]} | Sở Tài chính | Sở Tài chính "
                             "| Quý IV/2022"], path


@pytest.mark.slow
@needs("soffice")
@pytest.mark.parametrize("repeated_header", [False, True])
def test_pdf_table_row_cut_by_a_page_break_is_one_row(tmp_path, repeated_header):
    """A task table over several pages, its rows allowed to break across pages (Word's and
    LibreOffice's default), its header repeated on each page or not: the rest of a cut row,
    read apart, was a row with no number and no lead (a "group row" titling the rows after
    it), and the cut row lost its time ("6" of "6/2026")."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    if repeated_header:
        table.rows[0]._tr.get_or_add_trPr().append(docx.oxml.OxmlElement("w:tblHeader"))
    header = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    for c, value in enumerate(header):
        table.cell(0, c).text = value
    leads = ["Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "Công an tỉnh"]
    for n in range(1, 31):
        row = [str(n), f"Nâng cấp hệ thống thông tin số {n} dùng chung của tỉnh, bảo đảm kết "
               "nối, chia sẻ dữ liệu phục vụ người dân và doanh nghiệp", leads[n % 4],
               "Các sở, ban, ngành", "6/2026"]
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = value
    source = tmp_path / "plan.docx"
    document.save(str(source))
    path = derive.libreoffice_convert(source, "pdf", tmp_path)
    rows = [b.text.split(" | ") for b in readers.read(path).blocks if " | " in b.text]
    assert [row[0] for row in rows if row[0] != "TT"] == [str(n) for n in range(1, 31)]
    processed = batch.process_file(path, batch.sha256_of(path), path.stat().st_size)
    numbers = [t.text.split()[7] for t in processed.tasks]  # "... thông tin số 7 dùng ..."
    assert numbers == [str(n) for n in range(1, 31)]
    assert [(t.deadline, [a.agency for a in t.agencies if a.role == "lead"])
            for t in processed.tasks] == [("2026-06-30", [leads[n % 4]]) for n in range(1, 31)]


# --- PDF: hostile -----------------------------------------------------------------------------

@needs("qpdf", "fix-qdf")
def test_pdf_whose_streams_inflate_past_the_limit_is_refused(tmp_path, monkeypatch):
    from pipeline.readers import inflation
    source = seed(STEMS[3], ".pdf")
    bomb = derive.inflating_pdf(source, tmp_path / "bomb.pdf", megabytes=24)
    assert bomb.stat().st_size < source.stat().st_size + 64 * 1024
    monkeypatch.setattr(inflation, "MAX_PDF_CONTENT_BYTES", 16 * 1024 * 1024)  # 128 MB real
    with pytest.raises(readers.ReadError, match="bom nén"):
        readers.read(bomb)
    monkeypatch.setattr(inflation, "MAX_PDF_CONTENT_BYTES", 32 * 1024 * 1024)
    assert text_of(readers.read(bomb)) == text_of(readers.read(source))


# --- Word -------------------------------------------------------------------------------------

def test_text_box_is_read_once_in_its_place(tmp_path):
    path = derive.docx_of([paragraph(run("UBND tỉnh giao nhiệm vụ như sau:")),
                           paragraph(text_box(paragraph(run(TASK)), paragraph(run(SECOND_TASK)))),
                           paragraph(run("Nơi nhận:"))], tmp_path / "box.docx")
    texts = [b.text for b in readers.read(path).blocks if b.text]
    assert texts == ["UBND tỉnh giao nhiệm vụ như sau:", TASK, SECOND_TASK, "Nơi nhận:"]
    assert len(processed(path).tasks) == 2


def test_content_controls_smart_tags_fields_and_hyperlinks_are_read(tmp_path):
    half = len(TASK) // 2
    sdt = ('<w:sdt><w:sdtPr><w:alias w:val="NoiDung"/></w:sdtPr>'
           '<w:sdtContent>{}</w:sdtContent></w:sdt>')
    elements = [
        paragraph(run("Số: "), sdt.format(run("561/KH-UBND"))),
        sdt.format(paragraph(run(TASK[:half]), f"<w:smartTag>{run(TASK[half:])}</w:smartTag>")),
        paragraph(f'<w:fldSimple w:instr=" DOCPROPERTY Han ">{run(SECOND_TASK[:30])}</w:fldSimple>',
                  '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                  '<w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', run(SECOND_TASK[30:60]),
                  '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
                  f"<w:hyperlink>{run(SECOND_TASK[60:])}</w:hyperlink>"),
        f"<w:customXml>{paragraph(run('Nơi nhận:'))}</w:customXml>"]
    path = derive.docx_of(elements, tmp_path / "controls.docx")
    assert [b.text for b in readers.read(path).blocks if b.text] == [
        "Số: 561/KH-UBND", TASK, SECOND_TASK, "Nơi nhận:"]


def test_tracked_changes_read_as_accepted(tmp_path):
    inserted = f'<w:ins w:id="1" w:author="a">{run(TASK[40:])}</w:ins>'
    deleted = ('<w:del w:id="2" w:author="a"><w:r><w:delText>trong năm 2021 </w:delText></w:r>'
               '</w:del>')
    path = derive.docx_of([paragraph(run(TASK[:40]), deleted, inserted)], tmp_path / "tracked.docx")
    assert [b.text for b in readers.read(path).blocks if b.text] == [TASK]


def test_headers_and_footers_are_apart_and_never_tasks(tmp_path):
    path = derive.docx_of([paragraph(run("UBND tỉnh giao nhiệm vụ như sau:")),
                           paragraph(run(SECOND_TASK))], tmp_path / "header.docx", header=TASK)
    result = readers.read(path)
    assert [(b.source, b.text) for b in result.apart] == [("header 1 paragraph 1", TASK)]
    found = processed(path)
    assert TASK in found.text and [t.text for t in found.tasks] == [SECOND_TASK]


def test_header_set_with_tab_stops_is_read_column_by_column(tmp_path):
    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "TỈNH ĐẮK NÔNG\tĐộc lập - Tự do - Hạnh phúc", "\t",
                 "Số: 561/KH-UBND\tĐắk Nông, ngày 15 tháng 9 năm 2022", TASK):
        document.add_paragraph(line)
    document.save(str(tmp_path / "tabs.docx"))
    assert [b.text for b in readers.read(tmp_path / "tabs.docx").blocks] == [
        "ỦY BAN NHÂN DÂN", "TỈNH ĐẮK NÔNG", "Số: 561/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Đắk Nông, ngày 15 tháng 9 năm 2022", TASK]


def test_docx_table_cells_keep_their_column_and_merged_cells_apply_to_their_rows(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    rows = [["Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
            [FINANCE[2:60], "Sở Tài chính", "", "Quý IV/2022"],
            [SECOND_TASK[9:70], "", "Sở Tài chính", ""],
            ["Theo phân công tại Quyết định số 1441/QĐ-UBND", "", "", "Hằng năm"]]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 1).merge(table.cell(2, 1))  # vertical
    table.cell(1, 3).merge(table.cell(2, 3))
    table.cell(3, 0).merge(table.cell(3, 2))  # horizontal: read once
    document.save(str(tmp_path / "plan.docx"))
    assert [b.text for b in readers.read(tmp_path / "plan.docx").blocks] == [
        " | ".join(rows[0]),
        f"{FINANCE[2:60]} | Sở Tài chính |  | Quý IV/2022",
        f"{SECOND_TASK[9:70]} | Sở Tài chính | Sở Tài chính | Quý IV/2022",
        "Theo phân công tại Quyết định số 1441/QĐ-UBND |  |  | Hằng năm"]


def test_legacy_font_decided_run_by_run(tmp_path):
    """A Unicode header beside a .VnTime body: only the .VnTime runs are converted."""
    header = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    body = derive.encode_legacy(TASK, "tcvn3").decode("cp1252")
    path = derive.docx_of([paragraph(run(header, "Times New Roman")),
                           paragraph(run(body, ".VnTime"))], tmp_path / "mixed.docx")
    result = readers.read(path)
    assert [normalize.clean(b.text) for b in result.blocks if b.text] == [header, TASK]
    assert result.encoding == "tcvn3" and "TCVN3" in result.warnings[0]


def test_plain_text_legacy_encoding_decided_block_by_block(tmp_path):
    legacy = derive.encode_legacy(SECOND_TASK, "tcvn3").decode("cp1252")
    path = tmp_path / "mixed.txt"
    path.write_text(f"Kính gửi: Các sở, ban, ngành tỉnh.\n{legacy}\n{TASK}\n", encoding="utf-8")
    assert text_of(readers.read(path)).split("\n")[:3] == [
        "Kính gửi: Các sở, ban, ngành tỉnh.", SECOND_TASK, TASK]


def test_a_utf8_file_cut_mid_character_stays_utf8_with_a_warning(tmp_path):
    # Class: a UTF-8 file with a few broken bytes (cut inside its last character, new-clerk
    # trial) failed strict UTF-8 and was read whole as VNI: every accented letter garbled, no
    # task, and a warning blaming old fonts. Text in an 8-bit encoding stays that encoding's.
    path = tmp_path / "cut.txt"
    path.write_bytes(f"{TASK}\n{SECOND_TASK}\n".encode() + "Sở".encode()[:2])
    read = readers.read(path)
    assert text_of(read).split("\n")[:2] == [TASK, SECOND_TASK]
    assert read.encoding == "utf-8" and any("chỗ hỏng" in w for w in read.warnings)
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(derive.encode_legacy(f"{TASK}\n{SECOND_TASK}", "tcvn3"))
    assert text_of(readers.read(legacy)).split("\n")[:2] == [TASK, SECOND_TASK]


@pytest.mark.slow
@needs("soffice")
def test_legacy_doc_tables_keep_their_columns(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, value in enumerate(["Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian"]):
        table.cell(0, c).text = value
    for c, value in enumerate([FINANCE[2:60], "Sở Tài chính", ""]):
        table.cell(1, c).text = value
    document.save(str(tmp_path / "plan.docx"))
    legacy = derive.word97(tmp_path / "plan.docx", tmp_path)
    named = legacy.rename(tmp_path / "--version.doc")  # not an option to LibreOffice or antiword
    assert [b.text for b in readers.read(named).blocks if b.text] == [
        "Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian", f"{FINANCE[2:60]} | Sở Tài chính | "]


# --- Text -------------------------------------------------------------------------------------

def test_decomposed_unicode_is_vietnamese(tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", seed_text(STEMS[0])), encoding="utf-8")
    result = readers.read(path)
    assert not any("không phải tiếng Việt" in w for w in result.warnings)
    assert result.quality > 0.95


def test_nul_byte_in_text_is_a_warning(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(seed(STEMS[0]).read_bytes().replace(b"\n", b"\n\x00", 1))
    result = readers.read(path)
    assert "NUL" in result.warnings[0]
    assert text_of(result) == normalize.clean(seed_text(STEMS[0]))


# --- Every document ---------------------------------------------------------------------------

def test_how_a_document_was_read_is_stored_and_a_silent_empty_directive_is_flagged(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(seed(STEMS[3], ".pdf"), inbox / "plan.pdf")
    opening = next(line for line in seed_text(STEMS[4]).split("\n") if line.startswith("Ngày 07"))
    (inbox / "empty.txt").write_text(  # its items were in a text box an old reader dropped
        f"Kính gửi: Các sở, ban, ngành tỉnh.\n{opening}\nUBND tỉnh giao nhiệm vụ như sau:\n",
        encoding="utf-8")
    batch.run(inbox, tmp_path / "tasks.db")
    rows = {r["path"].rsplit("/", 1)[-1]: r
            for r in sqlite_utils.Database(tmp_path / "tasks.db").query("select * from documents")}
    assert json.loads(rows["plan.pdf"]["page_methods"]) == ["text"] * 3
    assert rows["plan.pdf"]["text_quality"] > 0.95
    assert rows["empty.txt"]["needs_review"] == 1
    assert "không tìm được nhiệm vụ" in rows["empty.txt"]["review_reason"]


def test_low_quality_text_is_flagged():
    from pipeline.readers.quality import review_reasons
    garbled = "uY BAN NgAN nAN ceNG HoA xA ugr cHU NgHiA ViET NaM"
    assert "chất lượng thấp" in review_reasons(garbled, 0.25, task_count=1)[0]
    assert review_reasons(seed_text(STEMS[0]), 0.98, task_count=12) == []


def test_an_ocr_reading_of_syllables_no_directive_uses_is_flagged():
    """Class: OCR of a page with no text on it (noise, a photo taken by mistake, a page too
    faint) gives short well-formed syllables, so the share of well-formed words is high (0.96
    in the new-clerk trial) and the document was stored as ok. A reading whose syllables are
    mostly outside the rules' vocabulary is flagged, whatever its text_quality; real texts read
    by OCR, and typed texts of any vocabulary, are not."""
    import random

    from pipeline.readers.quality import known_share, review_reasons
    syllables = "ky vu sên hon ánh gi ma ra ke tu ba ôn ất xo lê ni bo đe u ý ơ ta la mi ốc".split()
    picker = random.Random(11)
    noise = "\n".join(" ".join(picker.choice(syllables) for _ in range(9)) for _ in range(30))
    reasons = review_reasons(noise, 0.96, task_count=0, page_methods=["ocr", "ocr-rotated"])
    assert len(reasons) == 1 and "không đáng tin" in reasons[0] and "%" in reasons[0]
    assert review_reasons(noise, 0.96, task_count=0, page_methods=["text"]) == []
    for stem in STEMS:  # a directive read by OCR keeps its word
        assert known_share(seed_text(stem)) > 0.9
        assert review_reasons(seed_text(stem), 0.98, task_count=3, page_methods=["ocr"]) == []
    assert known_share("Kính gửi Sở Tài chính") is None  # too few syllables to judge


def test_a_task_table_flattened_into_lines_of_words_is_flagged():
    # Class: a scanned task table as another program's OCR gives it, each printed line running
    # across every column: its header is a line of words, its rows cannot be told apart, and no
    # row became a task while the document looked read. It is flagged, the header quoted; a
    # table's header between "|" and a line naming "TT&TT chủ trì" are not.
    from pipeline.readers.quality import review_reasons
    flattened = ("PHỤ LỤC II\nTT Nhiệm vụ Thời gian Don vị chủ tri Don vi phối hợp\n"
                 "Nâng cấp cổng dịch vụ công của tỉnh 2024-2025 Sở Khoa học Các sở, ban,\n"
                 "1.1 | và tích hợp với Cổng dịch vụ công quốc gia. và Công nghệ ngành\n")
    reasons = review_reasons(flattened, 0.98, task_count=0)
    assert reasons and "TT Nhiệm vụ Thời gian Don vị chủ tri Don vi phối hợp" in reasons[0]
    assert review_reasons("TT | Nhiệm vụ | Đơn vị chủ trì | Thời gian\n"
                          "1 | Nâng cấp cổng dịch vụ công | Sở Nội vụ | 2025\n", 0.98, 1) == []
    assert review_reasons("Sở TT&TT chủ trì tổ chức hội nghị.\n", 0.98, 1) == []


def test_font_names_say_the_legacy_encoding():
    assert legacy_encodings.font_encoding("ABCDEF+.VnTimeH") == "tcvn3"
    assert legacy_encodings.font_encoding("VNI-Times") == "vni"
    assert legacy_encodings.font_encoding("TimesNewRomanPSMT") is None
