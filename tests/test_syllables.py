"""Glued syllables from web copies are split for matching; real words never are."""
import pytest

from extractors import nlp
from extractors.syllables import split_glued


def pieces(word):
    out, i = [], 0
    for n in split_glued(word):
        out.append(word[i:i + n])
        i += n
    return out


@pytest.mark.parametrize("glued, expected", [
    ("đốccác", ["đốc", "các"]), ("từngày", ["từ", "ngày"]), ("CHƯƠNGTRÌNH", ["CHƯƠNG", "TRÌNH"]),
    ("tạiCông", ["tại", "Công"]), ("kinhtế", ["kinh", "tế"]), ("TỈNHQUẢNG", ["TỈNH", "QUẢNG"]),
])
def test_glued_syllables_split(glued, expected):
    assert pieces(glued) == expected


@pytest.mark.parametrize("word", ["nghiêng", "Khuyến", "người", "thuyết", "Nguyễn", "Viettel",
                                  "Postmart", "SMEdx", "Đắk", "Đakrông", "ĐẮKMIL"])
def test_real_words_stay_whole(word):
    assert split_glued(word) == ()


def test_glued_agency_names_are_found_and_the_text_kept():
    text = ("Chánh Văn phòng UBND tỉnh, Giám đốccác Sở: Công Thương, Tài chính; "
            "Trưởng Ban Quản lý Khu kinhtế chịu trách nhiệm thi hành Quyết định này.")
    doc = nlp()(text)
    task, = doc._.tasks
    assert doc._.text == text and task.text == text
    assert [a.agency for a in task.agencies] == ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Công Thương",
                                                 "Sở Tài chính", "Ban Quản lý Khu kinh tế"]
