"""pipeline export: the Excel workbook, the Word extracts per agency and the summary chart."""
import datetime as dt

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from clerk import FINANCE_REPORT, seeded_database
from pipeline.clerk import agencies, followup
from pipeline.clerk.export import (
    FILE_NAME_MAX,
    SHEET_NAME_MAX,
    extracts_by_agency,
    file_names,
    sheet_names,
)
from pipeline.cli import cli


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    db_path = seeded_database(folder)
    result = CliRunner().invoke(cli, ["export", "--db", str(db_path), "--out", str(folder / "out"),
                                      "--as-of", "2023-01-01"])
    assert result.exit_code == 0, result.output
    return folder / "out"


def test_workbook_all_tasks_sheet(out):
    workbook = openpyxl.load_workbook(out / "tasks.xlsx")
    sheet = workbook["Tất cả nhiệm vụ"]
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == ["Mã", "Hạn hoàn thành", "Chủ trì", "Phối hợp", "Nhiệm vụ"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    [row] = [r for r in sheet.iter_rows(min_row=2) if FINANCE_REPORT in r[4].value]
    assert row[1].value == dt.datetime(2022, 9, 15) and row[1].is_date  # a real date cell
    assert row[2].value == "Sở Tài chính tỉnh Đắk Nông (nay: Sở Tài chính tỉnh Lâm Đồng)"
    assert row[-1].value == "Quá hạn"
    assert row[0].fill.fgColor.rgb.endswith("F4CCCC")  # overdue rows highlighted
    not_due = [r for r in sheet.iter_rows(min_row=2) if r[1].value and r[1].value.year >= 2023]
    assert not_due and all(r[-1].value is None and r[0].fill.fill_type is None for r in not_due)


def test_workbook_one_sheet_per_lead_agency(out):
    workbook = openpyxl.load_workbook(out / "tasks.xlsx")
    names = workbook.sheetnames
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(n) <= SHEET_NAME_MAX and not set(n) & set("[]:*?/\\") for n in names)
    finance = workbook["Sở Tài chính tỉnh Lâm Đồng"]  # today's name: Đắk Nông is in Lâm Đồng
    texts = [r[4].value for r in finance.iter_rows(min_row=2)]
    assert any(FINANCE_REPORT in t for t in texts)
    assert all("Sở Tài chính" in r[2].value or "(Giao chung: " in r[4].value
               for r in finance.iter_rows(min_row=2))  # its own, or given to a group of it


def test_workbook_has_no_sheet_for_a_group_or_a_combination(out):
    names = openpyxl.load_workbook(out / "tasks.xlsx").sheetnames[1:]
    assert names and not [n for n in names if n.casefold().startswith(("các ", "ubnd các"))]
    assert not [n for n in names if ";" in n]  # "A; B" (a split duty): a sheet for each


def test_sheet_names_are_excel_safe():
    long = "Sở Nông nghiệp và Phát triển nông thôn"
    names = sheet_names([long, long + " tỉnh", "Ban A/B [tạm]: *", "tất cả nhiệm vụ", "'x'",
                         "history", "Các cơ quan, đơn vị, địa phương tỉnh A",
                         "Các cơ quan, đơn vị, địa phương tỉnh B"], ("Tất cả nhiệm vụ",))
    # abbreviated as little as fits, not cut in the middle of a word
    assert names[0] == "Sở Nông nghiệp và PTNT"
    assert names[1] == "Sở Nông nghiệp và PTNT tỉnh"
    assert names[2] == "Ban A B tạm"
    assert names[3] == "tất cả nhiệm vụ (2)"  # a reserved name is taken, ignoring case
    assert names[4] == "x"
    assert names[5] == "history (2)"  # Excel's own sheet
    assert names[6:] == ["Các cơ quan, đơn vị, địa phương", "Các cơ quan, đơn vị, địa (2)"]
    assert all(len(n) <= SHEET_NAME_MAX for n in names)


def test_written_sheet_names_are_unique_and_readable(tmp_path):
    """The class of the fault: names alike in their first 31 characters collide once cut."""
    from openpyxl import Workbook

    from pipeline.clerk.export import add_styles, fill_sheet

    agencies = [f"Ủy ban nhân dân các xã, phường, thị trấn huyện {n}" for n in range(12)] + \
        ["Sở Thông tin và Truyền thông tỉnh Lâm Đồng", "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng",
         "Trung tâm: Dữ liệu [số] / tỉnh?"]
    workbook = Workbook(write_only=True)
    add_styles(workbook)
    for name in sheet_names(agencies):
        fill_sheet(workbook, name, [])
    workbook.save(tmp_path / "sheets.xlsx")
    names = openpyxl.load_workbook(tmp_path / "sheets.xlsx").sheetnames
    assert len({n.casefold() for n in names}) == len(agencies)
    assert all(len(n) <= SHEET_NAME_MAX and not set(n) & set("[]:*?/\\") for n in names)
    assert "Sở TT&TT tỉnh Lâm Đồng" in names and "Văn phòng UBND tỉnh Lâm Đồng" in names
    assert names[:2] == ["UBND các xã, P., thị trấn huyện", "UBND các xã, P., thị trấn (2)"]


def test_extract_per_agency_leads_then_supports(out):
    extracts = {p.name for p in (out / "agencies").glob("*.docx")}
    assert {"Sở Tài chính tỉnh Lâm Đồng.docx", "Sở Khoa học và Công nghệ tỉnh Lâm Đồng.docx",
            "Sở Tài chính tỉnh Nghệ An.docx"} <= extracts  # by today's name and province
    document = docx.Document(out / "agencies" / "Sở Tài chính tỉnh Lâm Đồng.docx")
    paragraphs = [p.text for p in document.paragraphs]
    assert "Sở Tài chính tỉnh Lâm Đồng" in paragraphs[0]
    # supports given to "các cơ quan, đơn vị liên quan" name no one: not in its file (stop 35)
    assert paragraphs.index("I. Nhiệm vụ chủ trì (17)") < paragraphs.index(
        "II. Nhiệm vụ phối hợp (2)")
    lead, support = document.tables
    assert [c.text for c in lead.rows[0].cells] == ["STT", "Nội dung nhiệm vụ", "Cơ quan phối hợp",
                                                    "Thời hạn", "Văn bản giao"]
    assert [c.text for c in support.rows[0].cells][2] == "Cơ quan chủ trì"
    [row] = [r for r in lead.rows[1:] if FINANCE_REPORT in r.cells[1].text]
    assert row.cells[3].text == "15/09/2022 (quá hạn)"
    assert row.cells[4].text.startswith("Thông báo “Kết luận cuộc họp lần thứ nhất")  # its
    # title, never its file's name: the seed has no số ký hiệu
    assert any("Sở Thông tin và Truyền thông tỉnh Đắk Nông" in r.cells[2].text
               for r in support.rows[1:])  # the lead a supported task names
    science = docx.Document(out / "agencies" / "Sở Khoa học và Công nghệ tỉnh Lâm Đồng.docx")
    assert any("Sở Thông tin và Truyền thông tỉnh Đắk Nông" in p.text for p in science.paragraphs)


def test_extract_lists_the_tasks_of_a_collective_under_each_member(out):
    finance = docx.Document(out / "agencies" / "Sở Tài chính tỉnh Lâm Đồng.docx")
    marked = [r.cells[1].text for r in finance.tables[0].rows[1:] if "(Giao chung: " in
              r.cells[1].text]
    assert any(text.startswith("Các Sở, ban, ngành, địa phương chủ động") and
               text.endswith("(Giao chung: Các Sở, ban, ngành, địa phương)") for text in marked)
    police = docx.Document(out / "agencies" / "Công an tỉnh Nghệ An.docx")
    assert not any("Giao chung: Các Sở" in c.text for t in police.tables for r in t.rows
                   for c in r.cells)  # "các sở" does not include the police


def test_only_real_agencies_get_an_extract(out):
    names = [p.stem for p in (out / "agencies").glob("*.docx")]
    groups = [n for n in names if n.casefold().startswith(("các ", "ủy ban nhân dân các"))]
    assert names and not groups
    assert not [n for n in names if "; " in n]  # a split duty: one file per successor
    assert {"Sở Y tế tỉnh Lâm Đồng", "Sở Nội vụ tỉnh Lâm Đồng"} <= set(names)


def test_collective_task_goes_to_members_of_its_province_only():
    def task(number, province, *named):
        agencies = [{"role": role, "agency": name, "current_agency": name, "written": name,
                     "display": name} for role, name in named]
        task = {"id": number, "deadline": None, "recurrence": None, "document_id": 1,
                "seq": number, "text": f"Nhiệm vụ {number}", "deliverable": None,
                "statuses": {}, "agencies": agencies,
                "document": {"id": 1, "province": province, "issued_date": "2022-09-01",
                             "path": "a.txt", "doc_number": None, "doc_type": None,
                             "title": None}}
        return {**task, "follow_up": followup.follow_up(task, dt.date(2023, 1, 1))}

    extracts = {e.agency: e for e in extracts_by_agency([
        task(1, "Nghệ An", ("lead", "Sở Tài chính")),
        task(2, "Lào Cai", ("lead", "Sở Tài chính")),
        task(3, "Nghệ An", ("lead", "Công an tỉnh")),
        task(4, "Nghệ An", ("lead", "Các sở, ban, ngành"), ("support", "Sở Tài chính")),
        task(5, "Nghệ An", ("support", "Các sở, ban, ngành")),
        task(6, "Nghệ An", ("lead", "Các đơn vị"))],
        {"Nghệ An": {"Sở Tài chính", "Công an tỉnh"}, "Lào Cai": {"Sở Tài chính"}})}
    assert set(extracts) == {"Sở Tài chính", "Công an tỉnh"}
    finance = extracts["Sở Tài chính"]
    # task 2's province gives it Sở Tài chính, but Lào Cai's collectives are not Nghệ An's
    assert [(line.task_id, c) for line, c in finance.lead] == [(1, None), (2, None),
                                                             (6, "Các đơn vị")]
    assert [(line.task_id, c) for line, c in finance.support] == [(4, None),
                                                                (5, "Các sở, ban, ngành")]
    assert [(line.task_id, c) for line, c in extracts["Công an tỉnh"].lead] == [
        (3, None), (6, "Các đơn vị")]


def test_file_names_are_readable_and_safe_on_windows():
    names = file_names(["Sở Tài chính", "SỞ TÀI CHÍNH", "Ban A/B: <tạm>?", "CON", "Đài PT&TH.",
                        "x" * 300, "Sở Nông nghiệp và Phát triển nông thôn tỉnh " + "A" * 80,
                        "\u0053\u01a1\u0309 Y tế"])  # the last: decomposed, as macOS writes it
    assert names[:5] == ["Sở Tài chính", "SỞ TÀI CHÍNH (2)", "Ban A B tạm", "CON (2)", "Đài PT&TH"]
    assert len(names[5]) == FILE_NAME_MAX
    assert names[6].startswith("Sở NN") and "PTNT tỉnh " in names[6]  # an abbreviated form
    assert names[7] == "Sở Y tế"
    forbidden = set('<>:"/\\|?*')
    assert all(len(n) <= FILE_NAME_MAX and not set(n) & forbidden and n == n.rstrip(". ")
               for n in names)


def test_extracts_of_agencies_differing_only_in_capitals_are_all_kept(tmp_path):
    """Windows and macOS compare file names ignoring case (macOS accents' composition too): two
    extracts whose names differed only in capitals were one file there (new-clerk trial)."""
    import unicodedata

    from pipeline.clerk.export import caseless, fresh_paths

    names = ["Sở Tài chính", "SỞ TÀI CHÍNH", "sở tài chính", "Sở tài chính",
             unicodedata.normalize("NFD", "SỞ Tài Chính"), "Com³", "ban dân tộc", "Ban Dân tộc"]
    paths = fresh_paths(tmp_path, names)
    for name, path in zip(names, paths, strict=True):
        path.write_text(name, encoding="utf-8")
    assert len({caseless(path.name) for path in tmp_path.iterdir()}) == len(names)
    assert [path.read_text(encoding="utf-8") for path in paths] == names
    assert paths[5].name == "Com³ (2).docx"  # a device name on Windows


def test_summary_chart(out):
    image = (out / "summary.png").read_bytes()
    assert image.startswith(b"\x89PNG") and len(image) > 20_000


def test_table_rows_are_copies_of_one_prepared_row(tmp_path):
    """The Word tables of extracts, letters and reports: each row its own texts, a line break
    kept, the header repeated on every page, widths on every cell (LibreOffice and Word)."""
    from docx.shared import Cm

    from pipeline.clerk import official

    document = official.new_document()
    rows = ([str(n), f"Nhiệm vụ {n}\nSản phẩm: báo cáo", "", "15/09/2022"] for n in range(1, 501))
    official.add_table(document, ["STT", "Nhiệm vụ", "Phối hợp", "Hạn"], rows,
                       [Cm(1), Cm(9), Cm(4), Cm(2.5)])
    document.save(tmp_path / "table.docx")
    [table] = docx.Document(tmp_path / "table.docx").tables
    assert len(table.rows) == 501 and table.rows[0].cells[0].text == "STT"
    assert [c.text for c in table.rows[500].cells] == [
        "500", "Nhiệm vụ 500\nSản phẩm: báo cáo", "", "15/09/2022"]
    assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert {round(c.width.cm, 1) for c in table.rows[250].cells} == {1.0, 9.0, 4.0, 2.5}


@pytest.mark.parametrize("name, group", [
    ("Sở, ban, ngành", True),   # kinds of body listed without "các": no extract of their own
    ("Cơ quan, địa phương có liên quan", True),
    ("Cơ quan, đơn vị được giao nhiệm vụ theo dõi, kiểm tra tại Phụ lục", True),
    ("Các sở, ban, ngành", True),
    ("Sở Văn hóa, Thể thao và Du lịch", False),   # one body with a comma in its name
    ("Ủy ban Tài chính, Ngân sách", False),
    ("Sở Tài chính", False),
])
def test_a_group_gets_no_extract_of_its_own(name, group):
    assert agencies.is_group(name) is group
