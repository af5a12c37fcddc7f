"""Deadlines and recurrences of whole tasks, on real seed sentences; the phrase-level cases are
rules/examples/time.yml (tests/test_rule_examples.py)."""
import pytest

from extractors import extract_document
from pipeline.normalize import clean


@pytest.mark.parametrize("sentence, recurrence", [
    ("Chủ trì, phối hợp với Sở Thông tin và Truyền thông tổng hợp báo cáo hàng năm gồm tổng kinh phí chi.",
     "annual"),
    ("Theo dõi, đơn đốc Sở Thông tin và Truyền thông hàng tháng đưa chuyên đề báo cáo về chuyển đổi số.",
     "monthly"),
    ("Định kỳ báo cáo kết quả thực hiện về UBND tỉnh (qua Sở Thông tin và Truyền thông).", "periodic"),
    # after the body reported to, at the end of the clause
    ("Tổng hợp, báo cáo tình hình thực hiện về UBND tỉnh hằng quý.", "quarterly"),
    ("Gửi kết quả rà soát cho Sở Thông tin và Truyền thông hằng tháng; đề xuất giải pháp.", "monthly"),
])
def test_recurrences(sentence, recurrence):
    task, = extract_document(clean("Sở Tài chính:\n- " + sentence)).tasks
    assert task.recurrence == recurrence and task.deadline is None


def test_recurrence_of_a_noun_is_not_the_task_s():
    task, = extract_document(clean(
        "Sở Tài chính: Nghiên cứu, kịp thời tham mưu xây dựng chính sách tỷ lệ chi Ngân sách nhà nước "
        "tối thiểu hàng năm cho chuyển đổi số.")).tasks
    assert task.recurrence is None


def test_a_deadline_cue_ending_a_hard_wrapped_line_dates_the_time_on_the_next():
    # Class: a scan's or a letter's text is wrapped at the page width, which may split a cue from
    # its date ("(báo cáo trước" / "15/10/2024)"); the line break ended the cue's clause, and the
    # date, without a cue, was no deadline. A time cell on its own line is still no deadline of
    # the line before it.
    found = extract_document(clean(
        "Vụ Tuyên truyền:\n"
        "- Rà soát các thủ tục có số đông người nộp thuế quan tâm (báo cáo Tổng cục trước\n"
        "15/10/2024).\n"
        "- Xây dựng kế hoạch tuyên truyền chính sách thuế mới, hoàn thành trước\n"
        "ngày 30/11/2024.\n")).tasks
    assert [t.deadline for t in found] == ["2024-10-15", "2024-11-30"]
