"""Regulations (quy chế, quy định) a decision issues: chapters, articles and clauses, the duties of
each body in its own article, and the copies legal sites make of them. One test per class of
fault; every document here is invented, shaped like a legal site's copy of a provincial decision
(bold headings broken across lines, the recipient list in italics)."""
from extraction import leads, tasks_of
from extractors.structure import segment
from pipeline.normalize import clean


def test_an_article_s_word_broken_from_its_number_still_opens_the_article():
    # Class: a legal site's copy breaks a bold heading after its first word ("**Điều" /
    # "14. Trách nhiệm của ...**", "**Chương" / "III**"); read as an item "14.", the articles
    # sank under the decision's Điều 3, whose leads every clause of the regulation took, and its
    # recipient list in italics ("*Nơi nhận:*") was no recipient list.
    found = tasks_of("**Điều 3. **Chánh\n"
                     "Văn phòng Ủy ban nhân dân tỉnh; Thủ trưởng các sở, ban, ngành chịu trách "
                     "nhiệm thi hành Quyết định này./.\n\n"
                     "*Nơi nhận:*\n"
                     "- Như Điều 3;\n"
                     "- Lưu: VT.\n\n"
                     "**QUY CHẾ**\n\n"
                     "QUẢN LÝ VÀ SỬ DỤNG PHẦN MỀM QUẢN LÝ VĂN BẢN TRÊN ĐỊA BÀN TỈNH\n\n"
                     "**Chương\nI**\n\n**QUY ĐỊNH CHUNG**\n\n"
                     "**Điều\n1. Phạm vi điều chỉnh**\n\n"
                     "Quy chế này quy định việc quản lý và sử dụng phần mềm quản lý văn bản.\n\n"
                     "**Chương\nII**\n\n**TRÁCH NHIỆM CỦA CÁC CƠ QUAN**\n\n"
                     "**Điều\n7. Trách nhiệm của Sở Nội vụ**\n\n"
                     "1. Hướng dẫn các cơ quan sử dụng phần mềm.\n\n"
                     "2. Tổ chức tập huấn cho văn thư các cơ quan.\n")
    assert [leads(t) for t in found] == [
        ["Văn phòng Ủy ban nhân dân tỉnh", "Các sở, ban, ngành"], ["Sở Nội vụ"], ["Sở Nội vụ"]]


def test_a_recipient_list_in_italics_or_read_by_ocr_without_its_accents_is_set_aside():
    # Class: the recipient list's label as a copy or a scan gives it ("*Nơi nhận:*", "Noi
    # nhận:" beside the signature): its "- " lines were tasks of the lead above them.
    for label in ("*Nơi nhận:*", "Noi nhận: KT. BỘ TRƯỞNG"):
        text = clean("Sở Tài chính rà soát các khoản chi trước ngày 15/5/2024.\n\n"
                     f"{label}\n- Như trên;\n~ Cục Kế hoạch tài chính (để thực hiện);\n")
        assert [b.excluded for b in segment(text)] == [None, "recipients", "recipients",
                                                      "recipients"]


def test_a_recipient_list_ends_where_the_attached_document_begins():
    # Class: a decision's recipient list, then the plan it issues, whose title is one or two
    # words in capitals ("KẾ HOẠCH") and whose headings are in sentence case: the list ran on to
    # the end of the text and held every task of the plan. A numbered item or heading, or the
    # "(Ban hành kèm theo ...)" line, ends it.
    plan = ("*Nơi nhận:*\n- Như Điều 3;\n- Lưu: VT.\n\n**KT. CHỦ TỊCH**\n**PHÓ CHỦ TỊCH**\n\n"
            "**KẾ HOẠCH**\n**Phát triển dữ liệu số năm 2025**\n{opening}"
            "**I. Tổ chức thực hiện**\n\n"
            "1. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch trước ngày 30/9/2025.\n"
            "2. Công an tỉnh bảo đảm an toàn thông tin cho các hệ thống.\n")
    for opening in ("", "*(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/6/2025)*\n\n"):
        found = tasks_of(plan.format(opening=opening))
        assert [leads(t) for t in found] == [["Sở Tài chính"], ["Công an tỉnh"]]


def test_an_article_naming_whose_duties_follow_leads_its_clauses_by_the_whole_name():
    # Class: "Điều 15. Trách nhiệm của cơ quan, tổ chức quản lý trực tiếp": the qualifier of the
    # actor holds verbs ("quản lý", "sử dụng"), which ended the name, so the title named nobody
    # and its clauses, written without a subject, were no tasks; a name no head starts
    # ("Văn thư cơ quan") read as a place; duties of individuals stay rules of conduct.
    found = tasks_of("Điều 10. Trách nhiệm của các cơ quan, đơn vị sử dụng phần mềm quản lý "
                     "văn bản\n"
                     "1. Chỉ đạo văn thư cập nhật văn bản đến trong ngày.\n"
                     "2. Báo cáo Sở Nội vụ khi phần mềm gặp sự cố.\n"
                     "Điều 11. Trách nhiệm của Văn thư cơ quan\n"
                     "1. Tiếp nhận, đăng ký văn bản đến trên phần mềm.\n"
                     "Điều 12. Trách nhiệm của cá nhân sử dụng phần mềm\n"
                     "1. Bảo mật tài khoản được cấp.\n"
                     "Điều 13. Trách nhiệm của Sở Nội vụ trong việc vận hành phần mềm\n"
                     "1. Theo dõi, đôn đốc việc sử dụng phần mềm.\n")
    owner = "Các cơ quan, đơn vị sử dụng phần mềm quản lý văn bản"
    assert [leads(t) for t in found] == [[owner], [owner], ["Văn thư cơ quan"], ["Sở Nội vụ"]]


def _regulation(title: str) -> str:
    return ("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\n\nSố: 12/2025/QĐ-UBND\n\nQUYẾT ĐỊNH\n\n"
            f"{title}\n\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế.\n\n"
            "Điều 7. Trách nhiệm của Văn thư cơ quan\n\n"
            "1. Tiếp nhận, đăng ký văn bản đến trong ngày làm việc.\n\n"
            "2. Tổ chức tập huấn về chuyển đổi số cho công chức của cơ quan.\n")


def test_every_duty_of_a_regulation_on_a_digital_tool_serves_the_tool_s_pillar():
    # Class: a regulation on a digital-government tool rarely names the tool again in its
    # articles ("Tiếp nhận, đăng ký văn bản đến ..."), so its duties had no pillar; they serve
    # the pillar of the tool the title names, unless their own words name another.
    found = tasks_of(_regulation("BAN HÀNH QUY CHẾ QUẢN LÝ, SỬ DỤNG HỆ THỐNG QUẢN LÝ VĂN BẢN "
                                 "VÀ ĐIỀU HÀNH TRÊN ĐỊA BÀN TỈNH"))
    assert [t.pillar for t in found] == ["chinh_quyen_so", "nhan_luc_so"]
    seal = _regulation("BAN HÀNH QUY CHẾ QUẢN LÝ, SỬ DỤNG CON DẤU TRÊN ĐỊA BÀN TỈNH")
    assert [t.pillar for t in tasks_of(seal)] == [None, "nhan_luc_so"]
    # a plan devoted to the tool serves it too (tests/test_pillars.py, plans11)
    plan = _regulation("BAN HÀNH KẾ HOẠCH TRIỂN KHAI HỆ THỐNG QUẢN LÝ VĂN BẢN VÀ ĐIỀU HÀNH")
    assert [t.pillar for t in tasks_of(plan)] == ["chinh_quyen_so", "nhan_luc_so"]


def test_a_regulation_s_title_wrapped_over_two_lines_still_names_its_tool():
    # Class: a legal site's copy breaks the title in a term ("MẠNG TIN HỌC DIỆN" / "RỘNG",
    # direct1a D1_09), so the tool named no pillar and its duties had none.
    found = tasks_of(_regulation("BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ VÀ SỬ DỤNG MẠNG MÁY\n"
                                 "TÍNH NỘI BỘ CỦA CÁC CƠ QUAN NHÀ NƯỚC TỈNH"))
    assert [t.pillar for t in found] == ["ha_tang_so", "nhan_luc_so"]


def test_a_preamble_in_italics_wrapped_over_lines_is_no_task():
    # Class: a markdown copy sets a decision's preamble in italics, one "*" at each end of a
    # citation wrapped over lines ("*Căn cứ Luật ... ngày" / "16/6/2025; *", direct1a D1_04,
    # D1_05): its opening "*" read as a list marker, so each citation was a task of the issuer.
    text = ("QUYẾT ĐỊNH\n*Căn cứ Luật Tổ chức chính quyền địa phương\nngày 16/6/2025; *\n"
            "*Căn cứ Nghị định số 42/2024/NĐ-CP ngày 10/4/2024 của\nChính phủ;*\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Giao Sở Nội vụ hướng dẫn các xã thực hiện Quyết định này.\n")
    assert [clean(line) for line in text.split("\n")[1:3]] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương", "ngày 16/6/2025;"]
    assert [leads(t) for t in tasks_of("\n".join(clean(line) for line in text.split("\n")))] \
        == [["Sở Nội vụ"]]
    assert clean("ký tự đặc biệt (!, @, *, &) và chú thích (*)") == \
        "ký tự đặc biệt (!, @, *, &) và chú thích (*)"


def test_a_fronted_time_or_condition_clause_listing_bodies_leaves_the_subject_after_it():
    # Class: a procedure's step opens with its time limit, which names the bodies a request
    # comes from ("Trong thời hạn 05 ngày ... đề nghị của các cơ quan, đơn vị, Sở X thực hiện
    # ...", "Sau 02 ngày ..."): the subject was read at the first comma, inside the list
    # ("đơn vị"), or not looked for after "Sau".
    found = tasks_of("Điều 5. Quy trình cấp tài khoản\n"
                     "1. Cơ quan, đơn vị gửi văn bản đề nghị cấp tài khoản tới Sở Nội vụ.\n"
                     "2. Trong thời hạn 05 ngày làm việc kể từ khi nhận được văn bản đề nghị "
                     "của các cơ quan, đơn vị, Sở Nội vụ thực hiện cấp tài khoản.\n"
                     "3. Sau 02 ngày làm việc kể từ khi nhận được hồ sơ của các cơ quan, Sở Tư "
                     "pháp kiểm tra hồ sơ.\n"
                     "4. Trong thời hạn 03 ngày, cơ quan, đơn vị gửi lại hồ sơ.\n")
    assert [leads(t) for t in found] == [["Cơ quan, đơn vị"], ["Sở Nội vụ"], ["Sở Tư pháp"],
                                         ["Cơ quan, đơn vị"]]


def test_a_unit_named_with_the_body_it_belongs_to_leads_by_its_own_name():
    # Class: "Trung tâm X thuộc Sở Y" as an article's numbered heading or a subject: the gold
    # names the unit as it is named, without the body it belongs to; a group so qualified ("Các
    # đơn vị thuộc Sở Y") keeps the qualifier, which says which units.
    found = tasks_of("Điều 10. Trách nhiệm của các cơ quan\n"
                     "1. Sở Nội vụ\n"
                     "a) Hướng dẫn các cơ quan sử dụng phần mềm.\n"
                     "2. Trung tâm Tin học và Công báo thuộc Sở Nội vụ\n"
                     "a) Quản trị, vận hành phần mềm.\n"
                     "3. Các đơn vị thuộc Sở Nội vụ phối hợp triển khai.\n"
                     "4. Văn phòng Đăng ký đất đai trực thuộc Sở Tài nguyên và Môi trường cập "
                     "nhật dữ liệu đất đai.\n")
    assert [leads(t) for t in found] == [["Sở Nội vụ"], ["Trung tâm Tin học và Công báo"],
                                         ["Các đơn vị thuộc Sở Nội vụ"],
                                         ["Văn phòng Đăng ký đất đai"]]


def test_bodies_a_regulation_lists_in_its_scope_or_principles_have_no_duty_there():
    # Class: the articles on scope, subjects, terms and principles (rules/cues.yml
    # ``scope_headings``) list bodies by name ("1. Cơ quan quản lý nhà nước về nhà ở;"): read
    # as items naming a lead, each was a task (notices13: the subjects of every decision).
    found = tasks_of("Điều 1. Phạm vi điều chỉnh\n"
                     "Quy định này quy định việc quản lý chợ trên địa bàn tỉnh.\n"
                     "Điều 2. Đối tượng áp dụng\n"
                     "1. Sở Công Thương, Ủy ban nhân dân cấp huyện;\n"
                     "2. Ban quản lý chợ, tổ chức, cá nhân kinh doanh tại chợ.\n"
                     "Điều 3. Nguyên tắc quản lý\n"
                     "1. Các cơ quan phối hợp chặt chẽ, kịp thời.\n"
                     "Điều 4. Trách nhiệm của Sở Công Thương\n"
                     "1. Hướng dẫn Ban quản lý chợ lập phương án sắp xếp.\n")
    assert [leads(t) for t in found] == [["Sở Công Thương"]]


def test_a_markdown_heading_over_an_article_ranks_as_the_article():
    # Class: a markdown copy marks some articles as headings ("#### Điều 3. ...") and leaves
    # others plain, or drops the period after the number ("Điều 5 Điều khoản thi hành"): ranked
    # as a heading below the numbered clauses, the article fell under the clause before it and
    # a clause of the article before took its leads (notices13).
    found = tasks_of("Điều 2. Trách nhiệm của Sở Y tế\n"
                     "1. Hướng dẫn các bệnh viện triển khai bệnh án điện tử.\n"
                     "#### Điều 3. Trách nhiệm của Sở Tài chính\n"
                     "1. Bố trí kinh phí thực hiện.\n"
                     "Điều 4 Điều khoản thi hành\n"
                     "Quyết định có hiệu lực kể từ ngày ký.\n")
    assert [leads(t) for t in found] == [["Sở Y tế"], ["Sở Tài chính"]]


def test_a_body_a_regulation_names_by_its_function_keeps_the_function():
    # Class: laws name the body by what it governs ("Bộ quản lý ngành, lĩnh vực"), and a
    # provincial regulation follows ("Sở quản lý ngành, lĩnh vực có trách nhiệm ..."); cut at the
    # verb "quản lý", the lead was a bare "Sở" (notices13), and a budget unit's grade ("đơn vị
    # dự toán cấp II") was cut at the verb "cấp".
    found = tasks_of("1. Sở quản lý chuyên ngành có trách nhiệm hướng dẫn doanh nghiệp kê khai.\n"
                     "2. Các sở, cơ quan quản lý ngành, lĩnh vực chủ trì kiểm tra việc niêm yết.\n"
                     "3. Thủ trưởng đơn vị dự toán cấp II phê duyệt dự toán sửa chữa.\n")
    assert [leads(t) for t in found] == [["Sở quản lý chuyên ngành"],
                                         ["Các sở, cơ quan quản lý ngành, lĩnh vực"],
                                         ["Đơn vị dự toán cấp II"]]


def test_a_list_of_bodies_goes_on_past_a_bracket_and_a_distribution():
    # Class: an execution clause or a duty names its bodies in a run that a bracket ("... thị xã
    # (chính quyền cấp cơ sở); Chủ đầu tư; ...") or a distribution ("Các Sở: A, B; Thuế thành
    # phố ...") interrupts; the run stopped there (notices13), and "các Chủ tịch UBND các
    # huyện" kept its holders' title.
    found = tasks_of("Điều 4. Chánh Văn phòng UBND tỉnh; Chủ tịch UBND các huyện (cấp cơ sở); Chủ "
                     "đầu tư; Ban quản lý khu công nghiệp chịu trách nhiệm thi hành Quyết định "
                     "này./.\n"
                     "1. Các Sở: Tài chính, Xây dựng; Thuế tỉnh Nghệ An và UBND các xã chịu trách "
                     "nhiệm tổ chức thực hiện.\n"
                     "2. Sở Tư pháp, Thuế cơ sở 3: Có trách nhiệm cung cấp thông tin.\n"
                     "3. Giám đốc Sở Nội vụ và các Chủ tịch UBND các xã chịu trách nhiệm báo "
                     "cáo.\n")
    assert [leads(t) for t in found] == [
        ["Văn phòng Ủy ban nhân dân tỉnh", "Ủy ban nhân dân các huyện (cấp cơ sở)", "Chủ đầu tư",
         "Ban quản lý khu công nghiệp"],
        ["Sở Tài chính", "Sở Xây dựng", "Thuế tỉnh Nghệ An", "Ủy ban nhân dân các xã"],
        ["Sở Tư pháp", "Thuế cơ sở 3"],
        ["Sở Nội vụ", "Ủy ban nhân dân các xã"]]


def test_an_article_naming_the_work_a_body_leads_tasks_that_body_with_its_clauses():
    # Class: a regulation on coordination titles each article by the work one body leads
    # ("Điều 5. Nội dung Sở Dân tộc và Tôn giáo có trách nhiệm chủ trì"), not by its duties
    # ("Trách nhiệm của ..."): its clauses, written without a subject, were no tasks.
    found = tasks_of("Điều 6. Nội dung Sở Y tế có trách nhiệm chủ trì\n"
                     "1. Hướng dẫn chuyên môn về phòng, chống dịch bệnh trên địa bàn tỉnh.\n"
                     "2. Kiểm tra việc thực hiện các biện pháp phòng, chống dịch.\n"
                     "Điều 7. Các nhiệm vụ do Công an tỉnh chủ trì thực hiện\n"
                     "1. Bảo đảm an ninh, trật tự tại các khu cách ly.\n"
                     "Điều 8. Nội dung phối hợp\n"
                     "1. Trao đổi thông tin giữa các cơ quan theo định kỳ.\n")
    assert [leads(t) for t in found[:3]] == [["Sở Y tế"], ["Sở Y tế"], ["Công an tỉnh"]]


def test_an_article_naming_a_body_over_a_line_naming_it_again_names_it_once():
    # Class: "Điều 21. Trách nhiệm của Sở Khoa học và Công nghệ" / "Sở Khoa học và Công nghệ là
    # cơ quan quản lý ..., có trách nhiệm:": the title's name ran on into the next line's, and
    # every clause below had the lead "Sở Khoa học và Công nghệ Sở Khoa học và Công nghệ".
    for gap in ("\n", "\n\n"):
        found = tasks_of(f"Điều 9. Trách nhiệm của Sở Tư pháp{gap}"
                         "Sở Tư pháp là cơ quan quản lý, vận hành Cơ sở dữ liệu quốc gia về "
                         f"pháp luật của tỉnh, có trách nhiệm:{gap}"
                         f"1. Hướng dẫn các cơ quan rà soát văn bản quy phạm pháp luật.{gap}"
                         "2. Tổng hợp kết quả theo dõi thi hành pháp luật.\n")
        assert [leads(t) for t in found] == [["Sở Tư pháp"], ["Sở Tư pháp"]], gap


def test_a_clause_putting_staff_on_the_work_is_its_section_s_agency_s_task():
    # Class: "đ) Phân công cán bộ chuyên trách ... quản lý Phần mềm" under "1. Thủ trưởng các cơ
    # quan, đơn vị": the body assigns its own staff, so the body leads; the staff ("Cán bộ") led.
    found = tasks_of("Điều 12. Trách nhiệm của các cơ quan, đơn vị\n"
                     "1. Ủy ban nhân dân cấp xã\n"
                     "a) Cử công chức địa chính tham gia đoàn kiểm tra liên ngành.\n"
                     "b) Phân công viên chức theo dõi việc cập nhật dữ liệu đất đai.\n")
    assert [leads(t) for t in found] == [["Ủy ban nhân dân cấp xã"]] * 2


def test_the_matters_a_body_answers_for_sit_between_it_and_its_duty():
    # Class: "Sở quản lý ngành, lĩnh vực đối với hàng hóa, dịch vụ (quy định tại Phụ lục I) có
    # trách nhiệm ...": "đối" ran into the name and the duty had no subject, so no task.
    found = tasks_of("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\n\nSố: 07/2025/QĐ-UBND\n\nQUYẾT ĐỊNH\n\n"
                     "Ban hành Quy định\n\nĐiều 4. Kiểm tra giá\n"
                     "1. Trường hợp có biến động giá: Sở quản lý chuyên ngành đối với "
                     "dịch vụ thuộc Phụ lục II (quy định tại khoản 2 Điều này) chịu trách nhiệm "
                     "báo cáo Ủy ban nhân dân tỉnh.\n"
                     "2. Sở Giáo dục và Đào tạo đối với các cơ sở giáo dục ngoài công lập, tăng "
                     "cường kiểm tra việc thu học phí.\n")
    assert [leads(t) for t in found] == [["Sở quản lý chuyên ngành"],
                                         ["Sở Giáo dục và Đào tạo"]]


def test_a_condition_listing_things_and_ending_in_a_colon_leaves_the_subject_after_it():
    # Class: "Trường hợp hàng hóa, dịch vụ do một cấp định giá: Sở quản lý ngành ... có trách
    # nhiệm trình ...": the subject was looked for after the condition's own comma ("dịch vụ").
    found = tasks_of("QUYẾT ĐỊNH\n\nĐiều 6. Hồ sơ\n\n"
                     "Trường hợp nhà, đất do hai cấp quản lý: Sở Tài chính có trách nhiệm báo "
                     "cáo Ủy ban nhân dân tỉnh.\n")
    assert [leads(t) for t in found] == [["Sở Tài chính"]]


def test_a_subject_named_inside_the_first_item_is_not_the_list_s():
    # Class: "Điều 3. Phương thức phối hợp" / "1. Tổ chức các cuộc họp ... Cơ quan phát hiện vấn
    # đề phát sinh có trách nhiệm ..." / "2. Thành lập tổ công tác liên ngành ..." (notices16
    # N16_05, a new clerk's trial): item 2 took the subject item 1 names in its second sentence.
    found = tasks_of("QUYẾT ĐỊNH\n\nĐiều 4. Cách thức phối hợp\n"
                     "1. Trao đổi thông tin bằng văn bản. Sở Nội vụ có trách nhiệm tổng hợp ý "
                     "kiến của các cơ quan phối hợp.\n"
                     "2. Tổ chức hội nghị liên ngành định kỳ.\n")
    assert [leads(t) for t in found] == [["Sở Nội vụ"]]


def test_an_execution_clause_wrapped_where_its_semicolons_fall_mid_line_is_one_clause():
    # Class: a legal site wraps the closing article at its width, so a line may end on one of
    # the clause's ";" while others fall mid-line (notices16 N16_06): the lines were read as
    # items, and only the last, with the verb, was a task, with two of seven leads.
    text = ("QUYẾT ĐỊNH\n\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý hoạt động vận tải\n"
            "hành khách bằng xe ô tô trên địa bàn tỉnh, áp dụng đối với các tổ chức, cá nhân\n"
            "kinh doanh vận tải và các cơ quan quản lý nhà nước có liên quan trên địa bàn.\n\n"
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 12 năm 2025 và\n"
            "thay thế các quy định trước đây của Ủy ban nhân dân tỉnh về nội dung này.\n\n"
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Xây dựng; Giám đốc\n"
            "Công an tỉnh; Thủ trưởng các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã;\n"
            "Giám đốc Bệnh viện Đa khoa tỉnh; Giám đốc Công ty Cổ phần Vận tải Sông Lam và các\n"
            "tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.\n")
    task, = tasks_of(text)
    assert leads(task) == ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Xây dựng", "Công an tỉnh",
                           "Các sở, ban, ngành", "Ủy ban nhân dân các xã", "Bệnh viện Đa khoa tỉnh",
                           "Công ty Cổ phần Vận tải Sông Lam", "Các tổ chức, cá nhân có liên quan"]


def test_a_letter_marker_alone_on_its_line_opens_its_item():
    # Class: a legal site's copy sets each marker on a line of its own, its text on the next
    # ("1." / "Sở ..." / "a)" / "Chủ trì ..."; plans17 P17_01): "a)" was no marker, so the
    # agency's line ran into it and its duties were read as paragraphs that named no one.
    text = ("QUYẾT ĐỊNH\n\nĐiều 9. Tổ chức thực hiện\n\n1.\nSở Văn hóa, Thể thao và Du lịch\n\n"
            "a)\nChủ trì hướng dẫn các xã tổ chức lễ hội theo quy định.\n\n"
            "b)\nKiểm tra việc thực hiện nếp sống văn minh tại các lễ hội.\n")
    found = tasks_of(text)
    assert [(t.text[:9], leads(t)) for t in found] == [
        ("Chủ trì h", ["Sở Văn hóa, Thể thao và Du lịch"]),
        ("Kiểm tra ", ["Sở Văn hóa, Thể thao và Du lịch"])]


def test_a_letter_marker_a_wrapped_copy_left_at_a_line_s_end_opens_the_next_item():
    # Class: a wrapped copy may leave an item's marker at the end of the line before it ("...
    # đã được phê duyệt. g)" / "Thống kê, định kỳ báo cáo ...", plans17 P17_01): the item ran
    # into the one above and was lost.
    text = ("QUYẾT ĐỊNH\n\nĐiều 9. Tổ chức thực hiện\n\n1.\nSở Y tế\n\n"
            "a)\nChủ trì hướng dẫn các cơ sở khám chữa bệnh thực hiện Quy chế. b)\n"
            "Định kỳ hằng quý báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện.\n")
    found = tasks_of(text)
    assert [(t.text[:8], leads(t), t.recurrence) for t in found] == [
        ("Chủ trì ", ["Sở Y tế"], None), ("Định kỳ ", ["Sở Y tế"], "quarterly")]


def test_a_decision_s_legal_boilerplate_under_its_closing_article_is_no_task():
    # Class: the closing article of a regulation says which text applies when a cited one
    # changes, what it replaces and what breaking it costs (plans17 P17_01, P17_02, P17_04):
    # under the article of the body that carries it out, each was read as that body's task.
    found = tasks_of("QUYẾT ĐỊNH\n\nĐiều 12. Tổ chức thực hiện\n\n"
                     "1. Sở Tư pháp chủ trì theo dõi việc thi hành Quy chế này.\n\n"
                     "2. Trường hợp các văn bản dẫn chiếu tại Quy chế này được sửa đổi, bổ sung "
                     "thì thực hiện theo văn bản mới.\n\n"
                     "3. Quy chế này thay thế Quyết định số 12/2019/QĐ-UBND ngày 05 tháng 3 năm "
                     "2019 của Ủy ban nhân dân tỉnh.\n\n"
                     "4. Cơ quan, tổ chức, cá nhân vi phạm Quy chế này thì tùy theo mức độ vi phạm "
                     "sẽ bị xử lý theo quy định.\n")
    assert [leads(t) for t in found] == [["Sở Tư pháp"]]


def test_an_execution_clause_with_one_office_holder_per_line_is_one_clause():
    # Class: a typed decision may put each holder of its execution clause on a line of its own,
    # each ending in ";" (plans17 P17_02, its first line so): only the last line, with the verb,
    # was a task, with its one holder.
    found = tasks_of("QUYẾT ĐỊNH\n\nĐiều 1. Phê duyệt Đề án phát triển du lịch năm 2026.\n\n"
                     "Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh;\n"
                     "Giám đốc Sở Văn hóa, Thể thao và Du lịch;\n"
                     "Thủ trưởng các sở, ngành liên quan;\n"
                     "Chủ tịch Ủy ban nhân dân các xã, phường chịu trách nhiệm thi hành Quyết định "
                     "này./.\n")
    assert [leads(t) for t in found] == [[
        "Văn phòng Ủy ban nhân dân tỉnh", "Sở Văn hóa, Thể thao và Du lịch",
        "Các sở, ngành liên quan", "Ủy ban nhân dân các xã, phường"]]


def test_a_duty_summed_up_over_lettered_actions_is_a_heading_of_its_items():
    # Class: "X có trách nhiệm quản lý về ..., bao gồm:" over lettered items that each open with
    # an action (regs20): read as an intro listing the parts of one request, the items were one
    # task. Items that only name parts ("Hồ sơ gồm:" / "a) Tờ trình ...") stay in their intro.
    found = tasks_of("Điều 9. Quản lý hệ thống\n\n"
                     "1. Sở Nội vụ có trách nhiệm quản lý về chuyên môn, gồm:\n\n"
                     "a) Hướng dẫn các cơ quan cập nhật hồ sơ cán bộ trên hệ thống.\n\n"
                     "b) Theo dõi, đôn đốc việc cập nhật của các cơ quan.\n\n"
                     "2. Sở Tài chính lập hồ sơ đề nghị cấp kinh phí, bao gồm:\n\n"
                     "a) Tờ trình đề nghị cấp kinh phí;\n\n"
                     "b) Dự toán chi tiết.\n")
    assert [(leads(t), t.text[:20]) for t in found] == [
        (["Sở Nội vụ"], "Hướng dẫn các cơ qua"), (["Sở Nội vụ"], "Theo dõi, đôn đốc vi"),
        (["Sở Tài chính"], "Sở Tài chính lập hồ ")]


def test_a_body_named_by_what_it_does_runs_to_its_duty_over_verbs_and_commas():
    # Class: a regulation names a body by its function up to "có trách nhiệm" or "phải" (regs20):
    # the lead stopped at the collective word ("Đơn vị", "Cơ quan, đơn vị"), which every other
    # body of the article shares. A list of actions after a plan's group stays its task.
    for text, lead in (
            ("Đơn vị khai thác, bảo trì công trình thủy lợi có trách nhiệm kiểm tra đập trước mùa "
             "mưa.", "Đơn vị khai thác, bảo trì công trình thủy lợi"),
            ("Cơ quan, tổ chức trực tiếp sử dụng, lưu trữ hồ sơ điện tử có trách nhiệm sao lưu "
             "dữ liệu.", "Cơ quan, tổ chức trực tiếp sử dụng, lưu trữ hồ sơ điện tử"),
            ("Cơ quan, đơn vị được giao phải báo cáo kết quả trước ngày 15/12/2025.",
             "Cơ quan, đơn vị được giao"),
            ("Các cơ quan, đơn vị tiếp nhận hồ sơ trực tuyến phải trả lời tổ chức, cá nhân.",
             "Các cơ quan, đơn vị tiếp nhận hồ sơ trực tuyến"),
            ("Các sở, ngành rà soát các thủ tục phải thực hiện trong năm 2026.", "Các sở, ngành")):
        assert [leads(t) for t in tasks_of(text)] == [[lead]], text


def test_what_a_body_may_do_or_receives_is_no_task_unless_an_obligation_follows():
    # Class: a regulation states a body's rights and what it is granted ("được quyền", "được
    # phép", "được cấp ..."; regs20): each was read as a task of that body. A grant followed by
    # a duty, a competent level's assignment ("được cấp có thẩm quyền giao") and a thing's
    # passive under its heading's agency stay tasks.
    found = tasks_of("Điều 6. Khai thác dữ liệu\n\n"
                     "1. Sở Y tế được phép truy cập dữ liệu tiêm chủng của các cơ sở y tế.\n\n"
                     "2. Trung tâm Kiểm soát bệnh tật tỉnh được cấp một tài khoản quản trị.\n\n"
                     "3. Các trung tâm y tế được cấp tài khoản có trách nhiệm cập nhật dữ "
                     "liệu hằng ngày.\n\n"
                     "4. Ủy ban nhân dân cấp xã được cấp có thẩm quyền giao rà soát danh sách "
                     "người cao tuổi.\n\n"
                     "Điều 7. Trách nhiệm của Sở Tài chính\n\n"
                     "1. Kinh phí được cung cấp đầy đủ cho việc vận hành hệ thống.\n")
    assert [leads(t) for t in found] == [
        ["Các trung tâm y tế được cấp tài khoản"], ["Ủy ban nhân dân cấp xã"], ["Sở Tài chính"]]


def test_an_article_of_duties_and_powers_leads_its_items():
    # Class: "Điều 16. Trách nhiệm, quyền hạn của Sở X" / "Nhiệm vụ và quyền hạn của ..." (a
    # comma or "và" between the two words; regs20): the title named no owner, so its items,
    # which have no subject of their own, were no tasks at all.
    for title in ("Trách nhiệm, quyền hạn của Sở Nội vụ", "Nhiệm vụ và quyền hạn của Sở Nội vụ"):
        found = tasks_of(f"Điều 11. {title}\n\n"
                         "1. Hướng dẫn các cơ quan lập hồ sơ.\n\n"
                         "2. Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh.\n")
        assert [leads(t) for t in found] == [["Sở Nội vụ"], ["Sở Nội vụ"]], title


def test_a_duty_tied_to_an_event_names_its_subject_after_the_fronted_event():
    # Class: a regulation ties steps to events ("Trước khi khóa sổ, ...", "Khi có sự cố, ...",
    # "Quá thời hạn quy định, ..."; regs20): the subject after the comma was not looked for.
    for text, lead in (("Trước khi quyết toán, các đơn vị dự toán có trách nhiệm đối chiếu số "
                        "liệu với Kho bạc.", "Các đơn vị dự toán"),
                       ("Khi mất tín hiệu, Trung tâm Điều hành thông minh phải thông báo ngay cho "
                        "các xã.", "Trung tâm Điều hành thông minh"),
                       ("Quá thời hạn quy định, Sở Xây dựng báo cáo Ủy ban nhân dân tỉnh.",
                        "Sở Xây dựng")):
        assert [leads(t) for t in tasks_of(text)] == [[lead]], text


def test_a_bracket_naming_the_body_for_the_rest_of_the_text_is_no_part_of_its_name():
    # Class: "(sau đây gọi là ...)", "(gọi tắt là ...)" after a body (regs20): kept in the
    # lead as a bracket naming the unit that acts, the name matched no other mention of it.
    for text, lead in (("Ủy ban nhân dân các huyện, thị xã (sau đây gọi là cấp huyện) có trách "
                        "nhiệm rà soát danh mục.", "Ủy ban nhân dân các huyện, thị xã"),
                       ("Sở Khoa học và Công nghệ (gọi tắt là Sở) chủ trì thẩm định hồ sơ.",
                        "Sở Khoa học và Công nghệ")):
        assert [leads(t) for t in tasks_of(text)] == [[lead]], text


def test_a_condition_between_the_subject_and_its_action_is_passed_over():
    # Class: "X khi ... thì <action>" (regs20): the condition ran into the name ("Các cơ quan
    # liên quan khi nhận được yêu cầu phối hợp thì"), or, closed, left the clause no action.
    for text, lead in (("Các đơn vị liên quan khi được đề nghị cung cấp thông tin thì phải trả "
                        "lời trong 05 ngày làm việc.", "Các đơn vị liên quan"),
                       ("Công an tỉnh khi phát hiện vi phạm thì xử lý theo thẩm quyền.",
                        "Công an tỉnh")):
        assert [leads(t) for t in tasks_of(text)] == [[lead]], text


def test_a_body_named_by_its_level_above_keeps_it():
    # Class: "cấp trên" (the level above) after a body, "cấp" also a verb (regs20): the name
    # stopped before it, and the group of every body of that kind led.
    for text, lead in (("Cơ quan, đơn vị cấp trên và Ủy ban nhân dân cấp xã có trách nhiệm "
                        "kiểm tra hồ sơ.", ["Cơ quan, đơn vị cấp trên", "Ủy ban nhân dân cấp xã"]),
                       ("Các cơ quan quản lý cấp trên phê duyệt báo cáo tài sản.",
                        ["Các cơ quan quản lý cấp trên"])):
        assert [leads(t) for t in tasks_of(text)] == [lead], text
