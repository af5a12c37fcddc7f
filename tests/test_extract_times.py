"""Deadlines and recurrences, on the guide's own examples and real seed sentences."""
import pytest

from extractors import extract_document
from extractors.model import DocumentMeta
from extractors.text import fold
from extractors.times import find_times
from pipeline.normalize import clean

META = DocumentMeta(issued_date="2022-09-20", year_hint=2022)


def deadline_of(phrase, meta=META):
    best = [t for t in find_times(fold(phrase), meta) if t.strength]
    return best[-1].value if best else None


@pytest.mark.parametrize("phrase, expected", [
    ("hoàn thành trước ngày 15/9/2022", "2022-09-15"),
    ("chậm nhất ngày 30/8/2023", "2023-08-30"),
    ("trước ngày 15/12", "2022-12-15"),
    ("trước ngày 15/9", "2023-09-15"),  # before the document's date: next year
    ("trong tháng 10/2022", "2022-10-31"),
    ("quý IV/2022", "2022-12-31"),
    ("trong quý III năm 2023", "2023-09-30"),
    ("trước tháng 12/2019", "2019-11-30"),
    ("6 tháng đầu năm 2023", "2023-06-30"),
    ("trong năm 2023", "2023-12-31"),
    ("cuối năm 2023", "2023-12-31"),
    ("đảm bảo năm 2023 tỷ lệ hồ sơ xử lý trực tuyến trên 80%", "2023-12-31"),
    ("đảm bảo tỷ lệ theo chương trình chuyển đổi số của tỉnh đến năm 2025", "2025-12-31"),
    ("trong 15 ngày kể từ ngày ký", "2022-10-05"),
    ("từ ngày 28/8/2017 đến ngày 05/9/2017", "2017-09-05"),
    ("báo cáo UBND tỉnh trước 17h00 ngày 15/9/2022", "2022-09-15"),
])
def test_deadlines(phrase, expected):
    assert deadline_of(phrase) == expected


def test_relative_deadline_needs_the_document_date():
    assert deadline_of("trong 15 ngày kể từ ngày ký", DocumentMeta(year_hint=2022)) is None


@pytest.mark.parametrize("phrase", [
    "tiếp tục triển khai Kế hoạch số 561/KH-UBND ngày 29/9/2022 của Chủ tịch UBND tỉnh",
    "Chương trình chuyển đổi số trong giáo dục nghề nghiệp giai đoạn 2021 - 2025, định hướng đến năm 2030",
    "Ngày 07 tháng 9 năm 2022, tại Hội trường Văn phòng UBND tỉnh",
    "triển khai ngay phương án xử lý các vùng lõm sóng",
    "kế hoạch đầu tư công năm 2019",
])
def test_not_deadlines(phrase):
    assert deadline_of(phrase) is None


@pytest.mark.parametrize("sentence, recurrence", [
    ("Chủ trì, phối hợp với Sở Thông tin và Truyền thông tổng hợp báo cáo hàng năm gồm tổng kinh phí chi.",
     "annual"),
    ("Theo dõi, đơn đốc Sở Thông tin và Truyền thông hàng tháng đưa chuyên đề báo cáo về chuyển đổi số.",
     "monthly"),
    ("Định kỳ báo cáo kết quả thực hiện về UBND tỉnh (qua Sở Thông tin và Truyền thông).", "periodic"),
])
def test_recurrences(sentence, recurrence):
    task, = extract_document(clean("Sở Tài chính:\n- " + sentence)).tasks
    assert task.recurrence == recurrence and task.deadline is None


def test_recurrence_of_a_noun_is_not_the_task_s():
    task, = extract_document(clean(
        "Sở Tài chính: Nghiên cứu, kịp thời tham mưu xây dựng chính sách tỷ lệ chi Ngân sách nhà nước "
        "tối thiểu hàng năm cho chuyển đổi số.")).tasks
    assert task.recurrence is None
