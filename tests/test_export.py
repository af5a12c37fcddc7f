"""pipeline export: the Excel workbook, the Word extracts per lead agency and the summary chart."""
import datetime as dt

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from clerk import FINANCE_REPORT, seeded_database
from pipeline.clerk.export import SHEET_NAME_MAX, file_slug, sheet_names
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
    assert all("Sở Tài chính" in r[2].value for r in finance.iter_rows(min_row=2))


def test_sheet_names_are_excel_safe():
    long = "Sở Nông nghiệp và Phát triển nông thôn"
    names = sheet_names([long, long + " tỉnh", "Ban A/B [tạm]: *", "tất cả nhiệm vụ", "'x'"])
    assert names[0] == long[:SHEET_NAME_MAX]
    assert names[1] != names[0] and names[1].endswith("(2)") and len(names[1]) <= SHEET_NAME_MAX
    assert names[2] == "Ban A B tạm"
    assert names[3] == "tất cả nhiệm vụ (2)"  # the all-tasks sheet is taken, ignoring case
    assert names[4] == "x"


def test_word_extract_per_lead_agency(out):
    extracts = sorted(p.name for p in (out / "agencies").glob("*.docx"))
    assert {"so-tai-chinh-tinh-lam-dong.docx", "so-khoa-hoc-va-cong-nghe-tinh-lam-dong.docx",
            "so-tai-chinh-tinh-nghe-an.docx"} <= set(extracts)  # by today's name and province
    document = docx.Document(out / "agencies" / "so-tai-chinh-tinh-lam-dong.docx")
    assert "Sở Tài chính tỉnh Lâm Đồng" in document.paragraphs[0].text
    science = docx.Document(out / "agencies" / "so-khoa-hoc-va-cong-nghe-tinh-lam-dong.docx")
    assert any("Sở Thông tin và Truyền thông tỉnh Đắk Nông" in p.text for p in science.paragraphs)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nội dung nhiệm vụ",
                                                     "Cơ quan phối hợp", "Thời hạn",
                                                     "Văn bản giao"]
    [row] = [r for r in table.rows[1:] if FINANCE_REPORT in r.cells[1].text]
    assert row.cells[3].text == "15/09/2022 (quá hạn)"
    assert "004_2a4f31bab8b9abc1.txt" in row.cells[4].text


def test_file_slug():
    assert file_slug("Sở Lao động - Thương binh và Xã hội") == "so-lao-dong-thuong-binh-va-xa-hoi"
    assert file_slug("Đài PT&TH") == "dai-pt-th"


def test_summary_chart(out):
    image = (out / "summary.png").read_bytes()
    assert image.startswith(b"\x89PNG") and len(image) > 20_000
