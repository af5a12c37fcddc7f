"""Document fields from the seed with a header and from the dev set's official documents."""
import json

import pytest

from conftest import SEEDS, SHARED
from extractors import extract_document
from extractors.metadata import extract_metadata
from pipeline.normalize import clean

DEV = SHARED / "corpus" / "dev"


def test_blank_number_and_missing_day():
    meta = extract_metadata(clean((SEEDS / "004_2a4f31bab8b9abc1.txt").read_text(encoding="utf-8")))
    assert meta.doc_number is None and meta.issued_date is None
    assert meta.doc_type == "Thông báo"
    assert meta.issuer == "Văn phòng Ủy ban nhân dân tỉnh Đắk Nông"
    assert meta.title.startswith("Kết luận cuộc họp lần thứ nhất")


@pytest.mark.parametrize("name", ["A_13", "B_02", "B_06", "B_10", "B_13", "A_03", "C_04"])
def test_number_and_date_match_the_gold(name):
    if not DEV.exists():
        pytest.skip("../shared/corpus/dev is not beside the clone")
    gold = json.loads((DEV / "gold" / f"{name}.json").read_text(encoding="utf-8"))["doc"]
    meta = extract_metadata(clean((DEV / "docs" / f"{name}.txt").read_text(encoding="utf-8")))
    assert (meta.doc_number, meta.issued_date) == (gold["number"], gold["date"])


def test_a_news_timestamp_gives_the_year_of_deadlines_written_without_one():
    meta = extract_metadata(clean((SEEDS / "003_49c6bc58c0b4855e.txt").read_text(encoding="utf-8")))
    assert meta.year_hint == 2022 and meta.issued_date is None


def test_a_web_pages_date_stamp_gives_the_year_only_when_the_text_cites_none():
    """The "date 2025-10-17" a stored page opens with is when it was stored (rules/metadata.yml
    page_stamp); it stands on its own line, so the sentence after it can be a task."""
    stamped = clean(" date 2025-10-17 Sở Tài chính rà soát hồ sơ, hoàn thành trong tháng 11.")
    assert stamped.startswith(" date 2025-10-17\nSở Tài chính")
    assert extract_metadata(stamped).year_hint == 2025
    assert [t.deadline for t in extract_document(stamped).tasks] == ["2025-11-30"]
    citing = clean(" date 2025-10-17 Ngày 5/3/2024, UBND tỉnh ban hành Công văn số 846/UBND-TH.")
    assert extract_metadata(citing).year_hint == 2024


def test_a_trich_yeu_ends_before_the_body_where_no_blank_line_parts_them():
    # Class (new-clerk trial, stop 38): a PDF's text has no blank lines, and the .pdf copy's
    # trích yếu ran into the body's first paragraph
    text = clean("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 12/KH-UBND\nGia Lai, ngày 3 tháng 4 năm 2024\n"
                 "KẾ HOẠCH\nTriển khai dịch vụ công trực tuyến toàn trình\n"
                 "năm 2024 trên địa bàn tỉnh\n"
                 "Thực hiện Quyết định số 06/QĐ-TTg, UBND tỉnh ban hành kế hoạch như sau.\n")
    assert extract_metadata(text).title == \
        "Triển khai dịch vụ công trực tuyến toàn trình năm 2024 trên địa bàn tỉnh"
    paragraph = text.replace("Thực hiện Quyết định", "Ngày 3/4/2024, tại trụ sở, Quyết định")
    assert extract_metadata(paragraph).title == \
        "Triển khai dịch vụ công trực tuyến toàn trình năm 2024 trên địa bàn tỉnh"


def test_a_news_headline_is_the_line_above_its_timestamp():
    # Class (seed 003): a portal's menu above the headline had been taken for it
    text = clean("Trang chủ Tin tức Video\n\n"
                 "Huyện Đăk Hà ra quân làm đường giao thông nông thôn\n\n"
                 "08:15, 12/03/2024\n\nUBND huyện yêu cầu các xã hoàn thành trước ngày 30/4.\n")
    assert extract_metadata(text).title == "Huyện Đăk Hà ra quân làm đường giao thông nông thôn"
