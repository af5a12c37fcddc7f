"""Agency mentions: known names, abbreviations, collectives, office holders, provinces."""
import pytest

from extractors import nlp
from extractors.agencies import AddresseeParser
from extractors.names import canonical, expand_abbreviations


def addressees(text):
    doc = nlp()(text)
    found, _ = AddresseeParser(doc).parse(0)
    return [a.agency for a in found]


@pytest.mark.parametrize("mention, agency", [
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("Sở NN-PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("Đoàn TNCS HCM tỉnh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"),
    ("Các Ban QLDA chuyên ngành tỉnh", "Các Ban Quản lý dự án chuyên ngành tỉnh"),
    ("Uỷ ban nhân dân các huyện, thành phố", "Ủy ban nhân dân các huyện, thành phố"),
    ("Giám đốc Sở Tài chính", "Sở Tài chính"),
    ("Chánh Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("STTTT", "Sở Thông tin và Truyền thông"),
])
def test_canonical(mention, agency):
    assert canonical(mention) == agency


def test_abbreviations_expand_whole_words_only():
    assert expand_abbreviations("UBND tỉnh, VPUBND") == "Ủy ban nhân dân tỉnh, Văn phòng Ủy ban nhân dân"


@pytest.mark.parametrize("text, expected", [
    ("Cổng thông tin điện tử tỉnh, Đài Phát thanh và Truyền hình tỉnh, Báo Đắk Nông, UBND các huyện, "
     "thành phố Gia Nghĩa tiếp tục duy trì", ["Cổng thông tin điện tử tỉnh", "Đài Phát thanh và Truyền hình tỉnh",
                                              "Báo Đắk Nông", "Ủy ban nhân dân các huyện, thành phố Gia Nghĩa"]),
    ("Bưu điện tỉnh, chi nhánh bưu chính Viettel Đắk Nông có giải pháp",
     ["Bưu điện tỉnh", "Chi nhánh bưu chính Viettel Đắk Nông"]),
    ("Các Sở, ban, ngành và các địa phương đẩy mạnh", ["Các Sở, ban, ngành và các địa phương"]),
    ("các sở, ban, ngành, đoàn thể, UBND cấp huyện, cấp xã ưu tiên",
     ["Các sở, ban, ngành, đoàn thể", "Ủy ban nhân dân cấp huyện, cấp xã"]),
    ("Giám đốc các Sở: Công Thương, Kế hoạch và Đầu tư; Trưởng Ban Quản lý Khu kinh tế chịu trách nhiệm",
     ["Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Ban Quản lý Khu kinh tế"]),
    ("Phó Thủ tướng Vương Đình Huệ và Phó Thủ tướng Vũ Đức Đam trực tiếp chỉ đạo",
     ["Phó Thủ tướng Vương Đình Huệ", "Phó Thủ tướng Vũ Đức Đam"]),
])
def test_addressee_runs(text, expected):
    assert addressees(text) == expected


def test_word_segmentation_cannot_split_a_known_name():
    # underthesea segments "Truyền thông báo cáo" as "Truyền | thông báo | cáo"; syllables keep the name
    assert addressees("Sở Thông tin và Truyền thông báo cáo UBND tỉnh") == ["Sở Thông tin và Truyền thông"]


def test_province_relative_names_are_resolved_with_the_issuing_province():
    doc = nlp()("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nCông an tỉnh chủ trì triển khai Đề án 06.")
    task, = doc._.tasks
    lead, = task.agencies
    assert (lead.agency, lead.mention, lead.resolved) == ("Công an tỉnh", "Công an tỉnh", "Công an tỉnh Nghệ An")
