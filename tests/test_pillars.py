"""The document around a task: how dense in digital terms it is decides whether weak terms count,
and a short text about one pillar gives that pillar to its tasks that name none
(extractors/pillars.py, figures in README "Evaluation")."""
from extractors import extract_document
from extractors.pillars import SHORT_DOCUMENT_WORDS, classifier
from extractors.text import fold
from pipeline.normalize import clean

BLUEZONE_NEWS = (
    "UBND tỉnh giao Sở Thông tin và Truyền thông tổ chức tuyên truyền cho người dân cài đặt "
    "ứng dụng Bluezone trên điện thoại thông minh.\n"
    "Sở Y tế chỉ đạo các cơ sở y tế hướng dẫn nhân dân cài đặt ứng dụng Bluezone khi đến khám.\n"
    "Sở Y tế yêu cầu các đối tượng thuộc diện cách ly cài đặt Bluezone trên điện thoại.\n"
    "Sở Y tế yêu cầu các đối tượng thuộc diện phải xét nghiệm chấp hành nghiêm quy định.\n")
FLOOD_NEWS = ("UBND tỉnh yêu cầu Sở Nông nghiệp và Phát triển nông thôn kiểm tra hệ thống đê "
              "điều trước mùa mưa bão.\n"
              "Sở Tài chính bố trí kinh phí khắc phục hậu quả thiên tai.\n")
REFORM_SENTENCE = "Các sở, ngành rà soát thủ tục hành chính, bố trí kinh phí cải cách hành chính. "


def pillars_of(text):
    return [task.pillar for task in extract_document(clean(text)).tasks]


def test_a_short_text_about_one_pillar_gives_it_to_tasks_that_name_none():
    assert classifier().document_pillar(fold(BLUEZONE_NEWS)) == "xa_hoi_so"
    assert pillars_of(BLUEZONE_NEWS)[-1] == "xa_hoi_so"  # its own words name no pillar term


def test_a_short_text_about_no_pillar_leaves_its_tasks_without_one():
    assert classifier().document_pillar(fold(FLOOD_NEWS)) is None
    assert pillars_of(FLOOD_NEWS) == [None, None]


def test_a_long_text_has_no_document_pillar():
    long_text = BLUEZONE_NEWS * (SHORT_DOCUMENT_WORDS // len(BLUEZONE_NEWS.split()) + 1)
    assert classifier().document_pillar(fold(long_text)) is None


def test_a_plan_with_one_digital_section_is_not_a_digital_document():
    digital_section = "Phát triển chính quyền số, dịch vụ công trực tuyến, chuyển đổi số. "
    plan = fold(REFORM_SENTENCE * 80 + digital_section * 3)
    assert not classifier().is_digital_document(plan)
    assert classifier().is_digital_document(fold(digital_section * 3))
    assert classifier().classify(REFORM_SENTENCE, classifier().is_digital_document(plan)) is None


EMULATION_NEWS = (
    "UBND huyện giao Phòng Văn hóa và Thông tin đăng tải Đề cương tuyên truyền Đại hội Thi đua "
    "yêu nước lên trang thông tin điện tử của huyện.\n"
    "Trung tâm Văn hóa huyện tăng cường các tin, bài tuyên truyền, mở các chuyên trang, chuyên "
    "mục về phong trào thi đua.\n"
    "Hội đồng Thi đua - Khen thưởng huyện tổ chức các hoạt động tuyên truyền trực quan.\n")


def test_one_digital_word_does_not_make_a_short_text_about_a_pillar():
    """Propaganda for a non-digital campaign, posted on a website, serves no DTI pillar."""
    assert classifier().document_pillar(fold(EMULATION_NEWS)) is None
    assert pillars_of(EMULATION_NEWS) == [None, None, None]


TABLE_HEADER = ("| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp "
                "| Thời gian hoàn thành |\n"
                "|---|---|---|---|---|\n")


def test_a_table_organised_by_pillar_gives_each_group_s_pillar_to_its_rows():
    # Class: an appendix task table whose group rows are pillars ("I. | Nâng cao nhận thức ...
    # chuyển đổi số", "II. | Hoàn thiện thể chế ..."): ANNOTATION.md §2, a heading sets the
    # pillar of every task under it; the rows were judged by their own words (a law on
    # standards named none, a training platform voted another pillar).
    text = (TABLE_HEADER +
            "| I. | Nâng cao nhận thức, đổi mới tư duy về chuyển đổi số |  |  |  |\n"
            "| 1. | Xây dựng nền tảng đào tạo trực tuyến mở cho người dân. "
            "| Bộ Giáo dục và Đào tạo "
            "| Các bộ, ngành | 2025 |\n"
            "| II. | Khẩn trương hoàn thiện thể chế cho chuyển đổi số |  |  |  |\n"
            "| 2. | Sửa đổi Luật Tiêu chuẩn và Quy chuẩn kỹ thuật. | Bộ Khoa học và Công nghệ "
            "|  | 2026 |\n")
    assert pillars_of(text) == ["nhan_thuc_so", "the_che_so"]


def test_a_group_title_names_its_pillar_by_one_term_beside_a_digital_one():
    # Class: a group row of a table organised by pillar names the pillar in a few words, with
    # one weak term beside "chuyển đổi số" ("III. | Tăng cường đầu tư, hoàn thiện hạ tầng cho
    # ... chuyển đổi số", "IV. | Phát triển nhân lực ... chuyển đổi số"): the two-term
    # threshold of a task's words left both groups without a pillar, also in a slice of the
    # table that starts at a group row without the header.
    rows = ("| III. | Đầu tư, hoàn thiện hạ tầng cho đổi mới sáng tạo và chuyển đổi số |  |  |  |\n"
            "| 10. | Xây dựng Đề án phát triển các phòng thí nghiệm trọng điểm. | Bộ Khoa học và "
            "Công nghệ | Các bộ, ngành | 2026 |\n"
            "| 11. | Ban hành danh mục công nghệ chiến lược. | Bộ Khoa học và Công nghệ | Bộ Tài "
            "chính | 2025 |\n"
            "| IV. | Phát triển nhân lực chất lượng cao đáp ứng yêu cầu chuyển đổi số |  |  |  |\n"
            "| 12. | Sửa đổi cơ chế tự chủ của các cơ sở giáo dục đại học. | Bộ Giáo dục và Đào "
            "tạo | Bộ Nội vụ | 2026 |\n")
    expected = ["ha_tang_so", "ha_tang_so", "nhan_luc_so"]
    assert pillars_of(TABLE_HEADER + rows) == expected
    assert pillars_of(rows) == expected


def test_a_digital_area_among_a_plan_s_areas_leaves_its_rows_their_own_words():
    # Class: the same group rows in an administrative-reform plan are areas of the plan; only
    # one of its groups names a pillar (office OF_01): a row there keeps its own words' pillar.
    text = (TABLE_HEADER +
            "| I | Cải cách thể chế |  |  |  |\n"
            "| 1. | Rà soát văn bản quy phạm pháp luật của tỉnh. | Sở Tư pháp |  | 2026 |\n"
            "| II | Cải cách thủ tục hành chính |  |  |  |\n"
            "| 1. | Công bố thủ tục hành chính đúng hạn. | Văn phòng UBND tỉnh |  | 2026 |\n"
            "| III | Xây dựng và phát triển chính quyền số |  |  |  |\n"
            "| 1. | Triển khai hệ thống thông tin trên hạ tầng điện toán đám mây. | Sở Khoa học và "
            "Công nghệ |  | 2026 |\n")
    assert pillars_of(text) == [None, None, "ha_tang_so"]


PLAN_HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH LONG AN\n\nSố: 45/KH-UBND\n\n"
               "Long An, ngày 3 tháng 3 năm 2025\n\n{kind}\n{title}\n\n")
PLAN_BODY = ("1. Sở Công Thương chủ trì tổng hợp, báo cáo kết quả thực hiện về Ủy ban nhân dân "
             "tỉnh.\n2. Sở Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch.\n") * 40


def test_a_plan_devoted_to_a_pillar_gives_it_to_its_tasks_that_name_none():
    """plans11: a plan whose title names one pillar serves it in its follow-up tasks too; a plan
    titled by digital transformation in general, or another kind of document, gives none."""
    sales = PLAN_HEADER.format(kind="KẾ HOẠCH",
                               title="Phát triển thương mại điện tử giai đoạn 2025-2030")
    assert set(pillars_of(sales + PLAN_BODY)) == {"kinh_te_so"}
    general = PLAN_HEADER.format(kind="KẾ HOẠCH", title="Chuyển đổi số năm 2025")
    assert set(pillars_of(general + PLAN_BODY)) == {None}
    notice = PLAN_HEADER.replace("KH-UBND", "TB-UBND").format(
        kind="THÔNG BÁO", title="Kết luận về phát triển thương mại điện tử")
    assert set(pillars_of(notice + PLAN_BODY)) == {None}
