"""Letters and notices of central bodies (a ministry, a general department) to their units or to
the provinces' departments, often scanned and read by OCR: a long basis before the request, an
address block naming a group of bodies, items wrapped line by line. One test per class of fault;
every document here is invented, shaped like such a letter."""
from extraction import leads, tasks_of

BASIS = ("Thực hiện Nghị quyết số 01/NQ-CP ngày 06/01/2023 của Chính phủ, nhằm nâng cao hiệu "
         "quả công tác kiểm tra, góp phần hoàn thành nhiệm vụ chính trị được giao, ")


def test_a_directive_verb_inside_a_passive_addresses_nobody_after_it():
    # Class: "... nhiệm vụ chính trị được giao, Tổng cục X đề nghị các Cục X ...": the "giao" of
    # the passive read as "Giao <addressee>", so the speaker after the comma led every item.
    found = tasks_of(BASIS + "Tổng cục Hải quan đề nghị các Cục Hải quan thực hiện:\n\n"
                     "1. Rà soát hồ sơ hoàn thuế trước ngày 15/4/2023.\n")
    assert [leads(t) for t in found] == [["Các Cục Hải quan"]]


def test_an_intro_wrapped_across_lines_still_only_introduces_its_items():
    # Class: a scan's intro broken inside a word pair ("tổ chức thực" / "hiện một số công việc
    # sau:") was read as work of its own, and was a task, when its basis cites two documents.
    found = tasks_of("Thực hiện Nghị quyết số 01/NQ-CP của Chính phủ; Quyết định số 33/QĐ-BNV "
                     "của Bộ Nội vụ, Bộ Nội vụ đề nghị các Sở Nội vụ tổ chức thực\n"
                     "hiện một số công việc sau:\n\n"
                     "1. Rà soát vị trí việc làm của các cơ quan trước ngày 30/6/2023.\n")
    assert [t.text for t in found] == [
        "Rà soát vị trí việc làm của các cơ quan trước ngày 30/6/2023."]


def test_an_item_of_several_sentences_over_its_bullets_is_a_task():
    # Class: under an intro, a numbered item with bullets below it was taken for the title of
    # its bullets, even when it is a paragraph that assigns work of its own.
    found = tasks_of("Bộ Nội vụ đề nghị các Sở Nội vụ thực hiện một số công việc sau:\n\n"
                     "1. Hoàn thành việc rà soát biên chế năm 2022 trước ngày 29/4/2023. "
                     "Đồng thời, xây dựng kế hoạch tuyển dụng năm 2023.\n\n"
                     "- Công khai kế hoạch tuyển dụng trên trang thông tin điện tử.\n")
    assert [t.deadline for t in found] == ["2023-04-29", None, None]


def test_a_group_addressed_by_the_letter_keeps_its_name_when_called_by_its_head():
    # Class: "Kính gửi: Cục Thuế các tỉnh, thành phố ..." then "đề nghị các Cục Thuế ...", "Cục
    # Thuế chủ động ...": the lead is the group the letter addresses, as it names it.
    found = tasks_of("Kính gửi: Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.\n\n"
                     "Bộ Y tế đề nghị các Sở Y tế thực hiện các nội dung sau:\n\n"
                     "1. Rà soát danh mục thuốc đấu thầu trước ngày 31/3/2024.\n\n"
                     "2. Sở Y tế chủ động báo cáo kết quả đối chiếu số liệu.\n")
    group = "Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"
    assert [leads(t) for t in found] == [[group], [group]]
