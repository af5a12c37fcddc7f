"""Long plans and programmes (ANNOTATION.md §1, §1b): their numbering, activity blocks, labelled
lines, section intros and appendix tables. One test per class of fault; every document here is
invented, shaped like the web copies of long plans (numbers alone on a line, a sub-number glued
to the end of its heading, a programme after the decision that issues it)."""
from extractors import extract_document
from pipeline.normalize import clean


def tasks_of(text):
    return extract_document(clean(text)).tasks


def leads(task):
    return [a.agency for a in task.agencies if a.role == "lead"]


def supports(task):
    return [a.agency for a in task.agencies if a.role == "support"]


def test_a_programme_after_the_decision_is_no_part_of_its_articles():
    # Class: a decision with its programme attached. The "- " bullets of the recipient list came
    # first, so they ranked above the programme's "1." and "I."; and the programme sat under
    # "Điều 2.", whose execution clause then led every item that names no lead of its own.
    found = tasks_of("QUYẾT ĐỊNH:\n"
                     "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính.\n"
                     "Điều 2. Giám đốc Sở Nội vụ; Chủ tịch Ủy ban nhân dân các huyện chịu trách "
                     "nhiệm thi hành Quyết định này./.\n"
                     "Nơi nhận:\n"
                     "- Như Điều 2;\n"
                     "- Lưu: VT.\n"
                     "KT. CHỦ TỊCH\n"
                     "PHÓ CHỦ TỊCH\n"
                     "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH\n"
                     "I. NHIỆM VỤ\n"
                     "1. Sở Tài chính:\n"
                     "- Bố trí kinh phí thực hiện Kế hoạch.\n"
                     "2. Sở Y tế:\n"
                     "- Rà soát thủ tục hành chính của ngành.\n")
    assert [leads(t) for t in found] == [
        ["Sở Nội vụ", "Ủy ban nhân dân các huyện"], ["Sở Tài chính"], ["Sở Y tế"]]

