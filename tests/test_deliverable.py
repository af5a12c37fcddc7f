"""tasks.deliverable: the "Sản phẩm" column of a plan's task table, or "sản phẩm là ..."."""
import sqlite_utils

from extraction import tasks_of


def test_deliverable_column_of_a_task_table():
    [task] = tasks_of(
        "STT | Nhiệm vụ | Sản phẩm | Chủ trì | Thời gian hoàn thành\n"
        "1 | Xây dựng kế hoạch chuyển đổi số năm 2024 | Kế hoạch của UBND tỉnh | Sở Tài chính | "
        "Quý I/2024\n")
    assert task.deliverable == "Kế hoạch của UBND tỉnh"
    assert "Kế hoạch của UBND tỉnh" not in task.text


def test_deliverable_stated_in_the_sentence():
    [task] = tasks_of("Giao Sở Nội vụ tham mưu kiện toàn Ban chỉ đạo chuyển đổi số của tỉnh, "
                      "sản phẩm là Quyết định của Chủ tịch UBND tỉnh; hoàn thành trước ngày "
                      "30/6/2024.")
    assert task.deliverable == "Quyết định của Chủ tịch UBND tỉnh"


def test_no_deliverable_named():
    [task] = tasks_of("Sở Tài chính chủ trì, phối hợp Sở Thông tin và Truyền thông hướng dẫn về "
                      "các nhiệm vụ chi cho chuyển đổi số của tỉnh.")
    assert task.deliverable is None


def test_office_plan_deliverables_are_stored(office_database):
    rows = list(sqlite_utils.Database(office_database).query(
        "select text, deliverable from tasks where deliverable is not null"))
    assert len(rows) >= 10
    assert any(r["deliverable"] == "Kết quả rà soát, đánh giá thủ tục hành chính hằng năm"
               for r in rows)
