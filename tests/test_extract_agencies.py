"""Agency mentions in whole documents; canonical names and addressee runs are
rules/examples/agencies.yml (tests/test_rule_examples.py)."""
import pytest

from extraction import leads, supports, tasks_of
from extractors import nlp, rules
from extractors.agencies import AddresseeParser
from extractors.names import expand_abbreviations


def test_abbreviations_expand_whole_words_only():
    assert expand_abbreviations("UBND tỉnh, VPUBND") == ("Ủy ban nhân dân tỉnh, "
                                                         "Văn phòng Ủy ban nhân dân")


def test_province_relative_names_are_resolved_with_the_issuing_province():
    doc = nlp()("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nCông an tỉnh chủ trì triển khai Đề án 06.")
    task, = doc._.tasks
    lead, = task.agencies
    assert (lead.agency, lead.mention, lead.resolved) == ("Công an tỉnh", "Công an tỉnh",
                                                          "Công an tỉnh Nghệ An")


@pytest.mark.parametrize(("text", "lead"), [
    ("Chủ tịch UBND huyện Quỳnh Lưu yêu cầu Công an huyện này tăng cường tuần tra.",
     "Công an huyện Quỳnh Lưu"),
    ("UBND tỉnh Hà Tĩnh đã họp. Sau đó, UBND tỉnh Quảng Bình giao Kho bạc Nhà nước tỉnh này "
     "bảo đảm giải ngân vốn đầu tư.", "Kho bạc Nhà nước tỉnh Quảng Bình"),
    ("UBND thành phố Đà Nẵng đề nghị Bảo hiểm xã hội thành phố này rà soát hồ sơ.",
     "Bảo hiểm xã hội thành phố Đà Nẵng"),
    ("Giao Cục Thuế tỉnh này rà soát các khoản thu.", "Cục Thuế tỉnh này")])  # no place before
def test_a_level_and_this_in_a_name_is_the_place_of_that_level_named_last(text, lead):
    """ "tỉnh này", "huyện này" (agency_patterns.yml ``demonstrative``) inside a name refer to
    the place of that level the text names last before it (news8a: a bank's branch)."""
    task, = nlp()(text)._.tasks
    assert [a.agency for a in task.agencies if a.role == "lead"] == [lead]


@pytest.mark.parametrize(("text", "lead"), [
    ("Riêng UBND phường Tân An chỉ đạt 12%. UBND thị xã yêu cầu UBND phường khắc phục ngay.",
     "Ủy ban nhân dân phường Tân An"),
    ("Chủ tịch UBND tỉnh thăm xã Mường Lống. Đồng chí yêu cầu xã khẩn trương di dời các hộ dân.",
     "Xã Mường Lống"),  # the unit as named, its place written out (news38)
    ("Bí thư Đảng ủy thị trấn Yên Lạc yêu cầu lãnh đạo thị trấn giải quyết hồ sơ đúng hạn.",
     "Lãnh đạo thị trấn Yên Lạc"),
    # a body of the unit is written as named (ANNOTATION.md §2 "Công an tỉnh"; news30, news34)
    ("Bí thư Đảng ủy thị trấn Yên Lạc yêu cầu Bộ phận một cửa thị trấn giải quyết hồ sơ đúng hạn.",
     "Bộ phận một cửa thị trấn"),
    ("UBND huyện yêu cầu UBND xã rà soát hộ nghèo.", "Ủy ban nhân dân xã"),  # none named before
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nUBND tỉnh yêu cầu UBND các huyện, thị xã rà soát hộ "
     "nghèo.", "Ủy ban nhân dân các huyện, thị xã"),  # the country's name names no commune
    ("Tại xã Tân Lập, UBND huyện yêu cầu các thôn trong xã rà soát hộ nghèo.",
     "Các thôn trong xã")])  # a group of the commune's units
def test_a_name_ending_in_a_bare_commune_level_is_the_unit_of_that_level_named_last(text, lead):
    """The unit, its committee or its leaders named by "xã", "phường" or "thị trấn" alone
    (agency_patterns.yml ``referring_levels``) refer to the unit of that level the text named
    last (news8a, news8b: a district leader's demands of a commune); a body of the unit keeps
    the name as written."""
    task, = nlp()(text)._.tasks
    assert [a.agency for a in task.agencies if a.role == "lead"] == [lead]


@pytest.mark.parametrize("abbreviation", [a for a in rules.load()["structure"]["abbreviations"]
                                          if a.count(".") == 1])
def test_no_abbreviation_of_the_sentence_splitter_ends_an_addressee(abbreviation):
    """The addressee parser reads past the period of every abbreviation the sentence splitter
    keeps (rules/structure.yml ``abbreviations``): one list for both."""
    doc = nlp()(f"UBND {abbreviation} Bắc Giang chủ trì, phối hợp với Sở Y tế triển khai.")
    found, _ = AddresseeParser(doc).parse(0)
    assert [a.mention for a in found] == [f"UBND {abbreviation} Bắc Giang"]


@pytest.mark.parametrize("name", [
    "Chi nhánh Văn phòng Đăng ký đất đai huyện",  # a head and a verb written with a capital
    "Liên hiệp hợp tác xã tỉnh",  # a head of five words, its middle a verb ("hợp tác")
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"])  # a pair of a known name's syllables ("Biên phòng")
def test_a_name_goes_on_through_a_verb_inside_a_phrase_a_capital_opens(name):
    """One rule (AddresseeParser._in_capitalised_phrase): a lower-case syllable that is also a
    verb ("phòng", "ký", "hợp tác") goes on naming when a capitalised word opens a phrase that
    holds it."""
    doc = nlp()(f"{name} chủ trì, phối hợp với Sở Y tế triển khai.")
    found, _ = AddresseeParser(doc).parse(0)
    assert [a.mention for a in found] == [name]


def test_a_sector_named_by_a_department_s_domain_keeps_its_va():
    # Class: "ngành thông tin và truyền thông" (news6): "và" ended the name at "Ngành thông
    # tin"; a sector named by the domain of a known Sở or Bộ goes on through it, its verbs too
    # ("đào tạo"), and a "và" after the domain still starts the next addressee.
    found = tasks_of("Phó Chủ tịch UBND tỉnh đề nghị ngành thông tin và truyền thông và các địa "
                     "phương rà soát các chỉ tiêu chuyển đổi số.\n"
                     "UBND tỉnh giao ngành giáo dục và đào tạo chuẩn bị tốt cho kỳ thi.\n")
    assert [leads(t) for t in found] == [
        ["Ngành thông tin và truyền thông", "Các địa phương"], ["Ngành giáo dục và đào tạo"]]


def test_a_known_name_broken_over_two_lines_of_a_wrapped_copy_is_found_whole():
    doc = nlp()("Giao Sở Lao động - Thương binh\nvà Xã hội chủ trì.\n\nSở Y tế\nSở Tài chính")
    found = {span.text for span in doc.spans["agencies"]}
    assert {"Sở Lao động - Thương binh\nvà Xã hội", "Sở Y tế", "Sở Tài chính"} <= found
    assert not any("\n\n" in name for name in found)
    found = tasks_of("Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Giáo dục\nvà Đào tạo, Giám "
                     "đốc Sở Tài nguyên và\nMôi trường; Chủ tịch UBND các huyện căn cứ Quyết định "
                     "thi hành./.")
    assert leads(found[0]) == ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Giáo dục và Đào tạo",
                               "Sở Tài nguyên và Môi trường", "Ủy ban nhân dân các huyện"]


def test_lower_case_holders_listed_after_semicolons_are_each_a_lead():
    # Class (news20 N20_18): "giao giám đốc các sở; thủ trưởng cơ quan, ...; chủ tịch UBND
    # quận, huyện và đề nghị Giám đốc ..." split at the ";" before a lower-case title over a
    # body without "các", and the body asked by a second directive after "và" was lost
    found = tasks_of("UBND tỉnh yêu cầu giám đốc các sở, ngành; thủ trưởng đơn vị sự nghiệp "
                     "thuộc tỉnh; chủ tịch UBND các huyện và đề nghị Kho bạc Nhà nước tỉnh rà "
                     "soát hồ sơ, báo cáo trước ngày 20/5/2024.")
    assert [leads(t) for t in found] == [["Các sở, ngành", "Đơn vị sự nghiệp thuộc tỉnh",
                                          "Ủy ban nhân dân các huyện", "Kho bạc Nhà nước tỉnh"]]


def test_a_board_named_by_what_it_fights_keeps_its_purpose():
    # Class (news20 N20_17): "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh, huyện" ended at
    # "Ban Chỉ đạo": "phòng" and "chống" are actions; the number glued to "Covid" by its dash
    # cut it again
    found = tasks_of("Giao Tổ công tác phòng, chống dịch tả lợn châu Phi huyện và Ban Chỉ đạo "
                     "phòng chống dịch Covid-19 xã tăng cường kiểm tra các chốt.")
    assert leads(found[0]) == ["Tổ công tác phòng, chống dịch tả lợn châu Phi huyện",
                               "Ban Chỉ đạo phòng chống dịch Covid-19 xã"]


def test_a_relayed_document_s_reporting_frame_before_a_comma_gives_its_subject():
    # Class (news20 N20_23): "Chỉ thị nêu rõ, Ban chỉ đạo cấp huyện ... tăng cường ..." was no
    # task: the reported clause was read after a frame ending in ":" only
    found = tasks_of("Công điện số 12/CĐ-UBND nhấn mạnh, UBND các xã ven biển khẩn trương "
                     "kiểm tra tàu thuyền.")
    assert [leads(t) for t in found] == [["Ủy ban nhân dân các xã ven biển"]]


def test_an_abbreviation_the_text_defines_is_written_out_in_later_leads():
    # Class: a text defines its own abbreviation in brackets ("Sở Giáo dục và Đào tạo (GĐ&ĐT)",
    # news20, a spelling no list holds) and uses it after: the lead stayed "Sở GĐ&ĐT", and the
    # first mention kept the bracket in its name. A bracket that abbreviates nothing stays.
    found = tasks_of("Trung tâm Phục vụ hành chính công (TTPVHCC) tiếp nhận hồ sơ trực tuyến. "
                     "UBND tỉnh giao Văn phòng Đăng ký đất đai (VPĐKĐĐ) phối hợp với TTPVHCC "
                     "trả kết quả.\n\nSở Nội vụ (Ban Tôn giáo) rà soát các cơ sở tín ngưỡng.")
    assert [leads(t) for t in found] == [
        ["Trung tâm Phục vụ hành chính công"], ["Văn phòng Đăng ký đất đai"],
        ["Sở Nội vụ (Ban Tôn giáo)"]]
    assert supports(found[1]) == ["Trung tâm Phục vụ hành chính công"]


def test_a_force_named_before_a_body_in_lower_case_is_that_body():
    # Class: "lực lượng công an quận" (news20, lower case) stayed the lead "Lực lượng công an
    # quận", which no query for the Công an finds; "Lực lượng chức năng" names no body.
    found = tasks_of("Yêu cầu lực lượng công an huyện tăng cường tuần tra trên địa bàn. "
                     "Lực lượng chức năng xử lý nghiêm các vi phạm.")
    assert [leads(t) for t in found][:1] == [["Công an huyện"]]
    assert all(lead != "Lực lượng công an huyện" for t in found for lead in leads(t))
