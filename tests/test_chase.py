"""pipeline chase: one letter per agency with overdue or soon-due tasks, in the layout of
Nghị định 30/2020/NĐ-CP, rendered by LibreOffice to an A4 PDF."""
import datetime as dt
import shutil
import subprocess

import docx
import pdfplumber
import pytest

from clerk import FINANCE_REPORT, copy_database, make_dry_run
from conftest import run_command as invoke
from pipeline import store
from pipeline.clerk import chase, status

SCIENCE = "Sở Khoa học và Công nghệ tỉnh Lâm Đồng"
FINANCE = "Sở Tài chính tỉnh Lâm Đồng"
A4_POINTS = (595.3, 841.9)


@pytest.fixture(scope="module")
def inbox_db(inbox_database):
    return inbox_database[0]  # letters only read it


@pytest.fixture(scope="module")
def letters(inbox_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("letters")
    result = invoke("chase", "--as-of", "2022-10-01", "--db", inbox_db, "--out", out)
    return out, " ".join(result.output.split())


def texts(document) -> str:
    """Every paragraph of a .docx, in tables too, one line each."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(lines)


def test_one_letter_per_late_agency(letters):
    out, listing = letters
    assert sorted(p.name for p in out.glob("*.docx")) == [
        "Sở Khoa học và Công nghệ tỉnh Lâm Đồng.docx", "Sở Tài chính tỉnh Lâm Đồng.docx"]
    # each directive's task once, though seed 004 is in the inbox as .txt, .docx and .pdf
    assert f"{FINANCE}: 1 chủ trì, 0 phối hợp; 1 quá hạn, 0 sắp đến hạn" in listing
    assert f"{SCIENCE}: 1 chủ trì" in listing and "Đã viết 2 công văn đôn đốc" in listing


def test_letter_has_every_part_of_an_administrative_document(letters):
    out, _ = letters
    document = docx.Document(out / "Sở Tài chính tỉnh Lâm Đồng.docx")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = {side: round(getattr(section, f"{side}_margin").mm)
               for side in ("top", "bottom", "left", "right")}
    assert 20 <= margins["top"] <= 25 and 20 <= margins["bottom"] <= 25
    assert 30 <= margins["left"] <= 35 and 15 <= margins["right"] <= 20
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    text = texts(document)
    for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "VĂN PHÒNG", "Số:", "/VPUBND-TH",
                 "Lâm Đồng, ngày 01 tháng 10 năm 2022",
                 "V/v đôn đốc thực hiện nhiệm vụ được giao", f"Kính gửi: {FINANCE}",
                 "Sở Tài chính tỉnh Đắk Nông", "Nơi nhận:", "- Lưu: VT, TH.",
                 "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"):
        assert part in text, part
    [table] = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nhiệm vụ", "Văn bản giao", "Hạn",
                                                     "Tình trạng"]
    finance = [r for r in table.rows[1:] if FINANCE_REPORT in r.cells[1].text]
    assert len(finance) == 1  # seed 004's .txt, .docx and .pdf copies: one directive
    assert all(r.cells[3].text == "15/09/2022" and r.cells[4].text == "quá hạn 16 ngày"
               for r in finance)
    # the directive by its type and title, never its file's name: the seed has no số ký hiệu
    assert finance[0].cells[2].text.startswith("Thông báo “Kết luận cuộc họp lần thứ nhất")


UNREAD = {"doc_type": None, "doc_number": None, "issued_date": None, "title": None,
          "path": "/inbox/004_2a4f31bab8b9abc1.docx"}


@pytest.mark.parametrize("document, cited", [
    ({"doc_type": "Kế hoạch", "doc_number": "123/KH-UBND", "issued_date": "2023-06-05",
      "title": "Triển khai Đề án 06"}, "Kế hoạch số 123/KH-UBND ngày 05/06/2023"),
    ({"doc_type": None, "doc_number": "45/UBND-KT", "issued_date": None, "title": None},
     "Văn bản số 45/UBND-KT"),
    ({"doc_type": "Thông báo", "doc_number": None, "issued_date": "2022-09-01",
      "title": "Kết luận cuộc họp"}, "Thông báo “Kết luận cuộc họp” ngày 01/09/2022"),
    (UNREAD, "004_2a4f31bab8b9abc1.docx"),  # the file's name only when nothing else is known
])
def test_a_document_is_cited_by_its_number_and_date(document, cited):
    from pipeline.clerk import official

    assert official.source_line({"document": document}, with_title=False) == cited
    with_title = official.source_line({"document": document})
    assert with_title == (f"{cited} — Triển khai Đề án 06" if document["title"] ==
                          "Triển khai Đề án 06" else cited)  # the trích yếu is said once


def test_agency_filter_and_due_soon_window(inbox_db, tmp_path):
    invoke("chase", "--as-of", "2022-10-20", "--within", "10", "--agency", "Sở TT&TT",
           "--db", inbox_db, "--out", tmp_path)
    [letter] = tmp_path.glob("*.docx")
    text = texts(docx.Document(letter))
    assert "còn 1 nhiệm vụ quá hạn và 1 nhiệm vụ sắp đến hạn" in text  # due 28/10/2022
    assert "sắp đến hạn" in text and "28/10/2022" in text


def test_a_letter_for_one_agency_leaves_the_others_alone(inbox_db, tmp_path):
    """The clerk may have filled in the letters of a whole run: asking again for one agency
    replaces that agency's letter only (trial of 2026-12-02: 39 letters had become 1)."""
    invoke("chase", "--as-of", "2022-10-20", "--db", inbox_db, "--out", tmp_path)
    before = {p.name for p in tmp_path.glob("*.docx")}
    invoke("chase", "--as-of", "2022-10-20", "--agency", "Sở TT&TT", "--db", inbox_db,
           "--out", tmp_path)
    assert len(before) > 1 and {p.name for p in tmp_path.glob("*.docx")} == before


def test_done_tasks_are_not_chased_and_statuses_show(inbox_db, tmp_path):
    db = store.open_db(copy_database(inbox_db, tmp_path))
    finance = [r["id"] for r in db.query("select id from tasks where text like ?",
                                          [f"%{FINANCE_REPORT}%"])]
    assert len(finance) == 3  # the .txt, .docx and .pdf copies: one directive's task
    status.change(db, finance[0], "in_progress")
    [letter] = [found for found in chase.late_letters(db, dt.date(2022, 10, 1))
              if found.agency == FINANCE]
    [(task, group)] = letter.lead
    assert group is None  # the task names Sở Tài chính itself
    assert task["id"] in finance and chase.status_cell(task, dt.date(2022, 10, 1)) == \
        "quá hạn 16 ngày; đang thực hiện"
    status.change(db, finance[1], "done", on=dt.date(2022, 9, 30))  # recorded on another copy
    assert FINANCE not in {letter.agency for letter in chase.late_letters(db, dt.date(2022, 10, 1))}


def test_split_duty_letter_goes_to_every_successor(inbox_db, tmp_path):
    """A "A; B; C" duty is three agencies: a letter each, never one named after all three."""
    out = tmp_path / "out"
    invoke("chase", "--as-of", "2026-01-15", "--agency", "Sở Y tế", "--db", inbox_db,
           "--out", out)
    names = {p.stem for p in out.glob("*.docx")}
    successors = {"Sở Nội vụ tỉnh Lâm Đồng", "Sở Y tế tỉnh Lâm Đồng",
                  "Sở Giáo dục và Đào tạo tỉnh Lâm Đồng"}
    assert successors <= names and not [n for n in names if ";" in n]
    for name in successors:
        text = texts(docx.Document(out / f"{name}.docx"))
        assert f"Kính gửi: {name}\n" in text
        assert "Sở Lao động - Thương binh và Xã hội tỉnh Đắk Nông" in text  # as the task wrote it


def test_office_plans_are_chased(office_database, tmp_path):
    result = invoke("chase", "--as-of", "2026-04-20", "--db", office_database,
                    "--out", tmp_path / "out")
    letters = list((tmp_path / "out").glob("*.docx"))
    assert letters and f"Đã viết {len(letters)} công văn đôn đốc" in result.output
    written = [texts(docx.Document(p)) for p in letters]
    assert all("Lâm Đồng, ngày 20 tháng 4 năm 2026" in text for text in written)
    assert any("Sản phẩm: " in text for text in written)  # a task table's deliverable column


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftoppm"),
                    reason="LibreOffice and poppler: make system-deps")
def test_letter_renders_as_an_a4_pdf(letters, tmp_path):
    out, _ = letters
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(out / "Sở Tài chính tỉnh Lâm Đồng.docx")], check=True,
                   capture_output=True, timeout=180)
    pdf_path = tmp_path / "Sở Tài chính tỉnh Lâm Đồng.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        assert all((round(p.width, 1), round(p.height, 1)) == A4_POINTS for p in pdf.pages)
        text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    for part in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Lâm Đồng, ngày 01 tháng 10 năm 2022", "Kính gửi: Sở Tài chính tỉnh Lâm Đồng",
                 "STT Nhiệm vụ Văn bản giao Hạn Tình trạng", "Nơi nhận:",
                 "KT. CHÁNH VĂN PHÒNG"):
        assert part in text, part
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(pdf_path),
                    str(tmp_path / "page")], check=True, timeout=60)
    [image] = tmp_path.glob("page*.png")
    assert image.read_bytes().startswith(b"\x89PNG") and image.stat().st_size > 5_000


def test_make_chase_passes_the_options():
    assert ("-m pipeline chase --db some.db --out output/chase --as-of 2022-10-01 --within 10 "
            '--agency "Sở Tài chính"') in make_dry_run("chase", "AS_OF=2022-10-01", "WITHIN=10",
                                                     "AGENCY=Sở Tài chính")


def test_a_missing_letter_text_names_file_and_key(edited_rules):
    from extractors.rules import RulesError
    from pipeline.clerk import official

    edited_rules("letters.yml", lambda data: data["chase"].pop("subject"))
    with pytest.raises(RulesError, match=r"rules/letters.yml: chase.subject: missing"):
        official.texts()


def test_the_office_names_its_own_province(monkeypatch):
    """rules/letters.yml ``issuer.province``: the letters' issuer whatever the documents' mix;
    left null, the province most tasks come from (new-clerk trial: a Hồ Chí Minh letterhead)."""
    from pipeline.clerk import official

    mix = ["Hồ Chí Minh", "Hồ Chí Minh", "Lâm Đồng"]
    assert official.office_province(mix) == "Hồ Chí Minh"
    assert official.office_issuer(mix).guessed_among == 2
    words = official.texts()
    monkeypatch.setattr(official, "texts",
                        lambda: {**words, "issuer": {**words["issuer"], "province": "Lâm Đồng"}})
    assert official.office_province(mix) == "Lâm Đồng"
    assert official.issuer_for(official.office_province(mix)).short == \
        "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng"
    assert official.office_issuer(mix).guessed_among == 0


def test_letters_of_an_office_guessed_among_provinces_say_so(inbox_db, tmp_path):
    """New-clerk trial: the late tasks of documents from several provinces were all chased in
    the name of one province's office, and nothing said; the clerk is told whose office signs
    and where to set their own."""
    result = invoke("chase", "--as-of", "2026-12-02", "--db", inbox_db, "--out", tmp_path)
    said = " ".join(result.output.split())
    assert "công văn, báo cáo ghi cơ quan ban hành là Văn phòng Ủy ban nhân dân" in said
    assert "issuer.province trong rules/letters.yml" in said


def test_opening_counts_only_what_there_is_and_points_at_the_tables(letters):
    """A count of zero is left out of the opening ("còn 1 nhiệm vụ quá hạn và 0 nhiệm vụ sắp
    đến hạn" was seen), and the note on a renamed agency, standing before the tables, points
    down at them ("dưới đây"), never "trên"."""
    out, _ = letters
    document = docx.Document(out / "Sở Tài chính tỉnh Lâm Đồng.docx")
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert "còn 1 nhiệm vụ quá hạn chưa hoàn thành" in text and "0 nhiệm vụ" not in text
    [note] = [p for p in paragraphs if "Sở Tài chính tỉnh Đắk Nông" in p and "được giao" in p]
    assert "dưới đây" in note and "nhiệm vụ trên" not in note
    body = document.element.body
    note_at = next(i for i, e in enumerate(body) if e.tag.endswith("p") and "dưới đây" in
                   "".join(e.itertext()))
    table_at = next(i for i, e in enumerate(body) if e.tag.endswith("tbl") and
                    "".join(e.itertext()).startswith("STT"))
    assert note_at < table_at


def test_nothing_to_chase_says_so_and_writes_no_folder(inbox_db, tmp_path):
    # a clerk read "Đã viết 0 công văn đôn đốc vào output/chase" and found no such folder
    # (clerk's trial of 2026-12-02)
    out = tmp_path / "out"
    result = invoke("chase", "--as-of", "2020-01-01", "--db", inbox_db, "--out", out)
    assert "không cần viết công văn đôn đốc" in result.output and not list(out.glob("*.docx"))


def test_no_letter_to_the_office_itself_nor_to_a_group_s_concerned_bodies(tmp_path):
    """Clerk's trial (stop 35): the office chased itself, every department got a letter for a
    task "các cơ quan, đơn vị liên quan" support, and the late tasks of a group naming no agency
    were left out in silence. The office's own and the nameless group's are counted instead."""
    from pipeline import batch

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "kh.txt").write_text(
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nSố: 12/KH-UBND\nLâm Đồng, ngày 01 tháng 3 năm 2024\n"
        "KẾ HOẠCH\nTriển khai công tác cải cách hành chính năm 2024\n"
        "1. Văn phòng Ủy ban nhân dân tỉnh chủ trì, phối hợp với các cơ quan, đơn vị liên quan "
        "tổng hợp báo cáo trước ngày 15/3/2024.\n"
        "2. Sở Tài chính bố trí kinh phí thực hiện trước ngày 20/3/2024.\n"
        "3. Sở Nội vụ rà soát thủ tục hành chính trong năm 2024.\n"
        "4. Các trường học trực thuộc nộp báo cáo trước ngày 25/3/2024.\n", encoding="utf-8")
    db_path = tmp_path / "tasks.db"
    batch.run(inbox, db_path)
    result = invoke("chase", "--as-of", "2024-04-01", "--db", db_path, "--out", tmp_path / "out")
    said = " ".join(result.output.split())
    assert sorted(p.stem for p in (tmp_path / "out").glob("*.docx")) == [
        "Sở Tài chính tỉnh Lâm Đồng"], said
    assert "1 nhiệm vụ quá hạn hay sắp đến hạn là việc của chính Văn phòng" in said
    assert "1 nhiệm vụ quá hạn hay sắp đến hạn giao cho một nhóm không nêu tên" in said
