"""Long plans and programmes (ANNOTATION.md §1, §1b): their numbering, activity blocks, labelled
lines, section intros and appendix tables. One test per class of fault; every document here is
invented, shaped like the web copies of long plans (numbers alone on a line, a sub-number glued
to the end of its heading, a programme after the decision that issues it)."""
from extraction import leads, supports, tasks_of
from extractors import extract_document
from pipeline.normalize import clean


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


def test_item_numbers_alone_on_a_line_or_glued_to_the_heading():
    # Class: numbering broken by a web copy: "1.2." alone with its text on the next line, and
    # the first sub-number glued to the end of its heading, with the text after it or below.
    found = tasks_of("II. NỘI DUNG\n"
                     "1. Tăng cường công tác quản lý nhà nước 1.1.\n"
                     "Rà soát các quy định về đăng ký kinh doanh.\n"
                     "- Cơ quan thực hiện: Sở Tư pháp.\n"
                     "1.2.\n"
                     "Tổ chức tập huấn cho công chức cấp xã.\n"
                     "- Cơ quan thực hiện: Sở Nội vụ.\n"
                     "2. Kiểm tra, giám sát 2.1. Kiểm tra việc chấp hành pháp luật về lao động.\n"
                     "- Cơ quan thực hiện: Thanh tra tỉnh.\n")
    assert [(t.text[:16], leads(t)) for t in found] == [
        ("Rà soát các quy ", ["Sở Tư pháp"]),
        ("Tổ chức tập huấn", ["Sở Nội vụ"]),
        ("Kiểm tra việc ch", ["Thanh tra tỉnh"])]


def test_one_label_block_serves_the_activities_above_it():
    # Class: activity blocks sharing their labels (ANNOTATION.md §1b). 1.1 (with a paragraph
    # continuing it) and 1.2 have one label block below 1.2; 1.3 has its own. A paragraph
    # below an activity's labels describes it and is no task.
    found = tasks_of("1. Giải quyết tranh chấp lao động\n"
                     "1.1. Rà soát các thiết chế hòa giải lao động.\n"
                     "Phát huy vai trò của hòa giải viên lao động.\n"
                     "1.2. Tập huấn nghiệp vụ cho hòa giải viên.\n"
                     "- Cơ quan thực hiện: Sở Nội vụ.\n"
                     "- Thời gian thực hiện: Quý III/2026.\n"
                     "1.3. Tổ chức đối thoại tại doanh nghiệp.\n"
                     "- Cơ quan thực hiện: Sở Công Thương.\n"
                     "Tổ chức đối thoại định kỳ giữa người lao động và người sử dụng lao động.\n")
    assert [(t.text[:16], leads(t), t.deadline) for t in found] == [
        ("Rà soát các thiế", ["Sở Nội vụ"], "2026-09-30"),
        ("Phát huy vai trò", ["Sở Nội vụ"], "2026-09-30"),
        ("Tập huấn nghiệp ", ["Sở Nội vụ"], "2026-09-30"),
        ("Tổ chức đối thoạ", ["Sở Công Thương"], None)]


def test_a_labelled_executor_line_names_leads_and_supports():
    # Class: labelled lines of activity blocks (ANNOTATION.md §1b). "Cơ quan thực hiện: X chủ
    # trì, phối hợp với Y; Z" gives lead X, supports Y and Z (the value runs on across ";"); a
    # label glued to the end of the line before ("... -Thời gian thực hiện: ...") and a "*"
    # bullet under a labelled line still label the activity; every sentence of the activity
    # takes the supports.
    found = tasks_of("1. Các hoạt động\n"
                     "1.1. Rà soát quy chế đối thoại tại doanh nghiệp. Tổ chức tập huấn về đối "
                     "thoại cho doanh nghiệp.\n"
                     "- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với Liên đoàn Lao động "
                     "tỉnh; các sở, ngành liên quan.\n"
                     "- Thời gian thực hiện: Quý III/2026.\n"
                     "1.2. Xây dựng cơ sở dữ liệu về lao động.\n"
                     "- Cơ quan thực hiện: Các sở, ban, ngành; Ủy ban nhân dân các huyện "
                     "-Thời gian thực hiện: Quý IV/2026.\n"
                     "1.3. Kiện toàn tổ chức bộ máy quản lý lao động.\n"
                     "- Cơ quan thực hiện: Sở Tư pháp chủ trì.\n"
                     "* Thời gian thực hiện: Hằng năm.\n")
    assert [(t.text[:14], leads(t), supports(t), t.deadline, t.recurrence) for t in found] == [
        ("Rà soát quy ch", ["Sở Nội vụ"], ["Liên đoàn Lao động tỉnh", "Các sở, ngành liên quan"],
         "2026-09-30", None),
        ("Tổ chức tập hu", ["Sở Nội vụ"], ["Liên đoàn Lao động tỉnh", "Các sở, ngành liên quan"],
         "2026-09-30", None),
        ("Xây dựng cơ sở", ["Các sở, ban, ngành", "Ủy ban nhân dân các huyện"], [],
         "2026-12-31", None),
        ("Kiện toàn tổ c", ["Sở Tư pháp"], [], None, "annual")]


def test_labels_and_names_a_copy_breaks_across_lines():
    # Class: a copy hard-wrapped at its source's line breaks (a legal site's HTML turned into
    # text, plans14): a label's words on two lines still label the item above it, and a
    # heading's agency name on two lines is one name.
    found = tasks_of("**3. Sở\nKhoa học và Công nghệ**\n\n"
                     "-\nHướng dẫn các sở, ngành cập nhật dữ liệu lên nền tảng số của tỉnh.\n\n"
                     "Thời\nhạn hoàn thành: Trước ngày 30/6/2026.\n\n"
                     "-\nTổng hợp kết quả thực hiện gửi Ủy ban nhân dân tỉnh.\n\n"
                     "Thời\ngian hoàn thành: Tháng 11 - 12/2026.\n")
    assert [(t.text[:14], leads(t), t.deadline) for t in found] == [
        ("Hướng dẫn các ", ["Sở Khoa học và Công nghệ"], "2026-06-30"),
        ("Tổng hợp kết q", ["Sở Khoa học và Công nghệ"], "2026-12-31")]


def test_each_bullet_takes_the_labelled_time_line_below_it():
    # Class: bullets each followed by its own unmarked time line (plans14 P14_02), the first
    # bullet's dash alone on its line: each time line dates the bullet right above it only.
    found = tasks_of("1.4. Ủy ban nhân dân các xã, phường\n\n-\nThành lập Tổ công tác kiểm kê "
                     "tài sản cấp xã.\n\nThời gian hoàn thành: Trước ngày 15/11/2025.\n\n"
                     "- Ban hành kế hoạch kiểm kê tài sản của xã.\n\n"
                     "Thời gian hoàn thành: Trước ngày 30/11/2025.\n\n"
                     "- Tổng hợp kết quả kiểm kê gửi Sở Tài chính.\n\n"
                     "Thời gian hoàn thành: Trước ngày 15/4/2026.\n")
    assert [(t.text[:14], leads(t), t.deadline) for t in found] == [
        ("Thành lập Tổ c", ["Ủy ban nhân dân các xã, phường"], "2025-11-15"),
        ("Ban hành kế ho", ["Ủy ban nhân dân các xã, phường"], "2025-11-30"),
        ("Tổng hợp kết q", ["Ủy ban nhân dân các xã, phường"], "2026-04-15")]


def test_a_heading_of_partners_gives_supports_to_the_items_below_it():
    # Class: per-agency sections split by role (plans14 P14_05): "a) Chủ trì, phối hợp với X" /
    # "b) Phối hợp với Y" under "1. <agency>" are no tasks; the section's agency leads the items
    # below them and X or Y supports them.
    found = tasks_of("IV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\n"
                     "a) Chủ trì, phối hợp với Sở Tài chính và các cơ quan, đơn vị có liên quan\n\n"
                     "- Kiểm tra an toàn thực phẩm tại các chợ đầu mối.\n\n"
                     "b) Phối hợp với Ủy ban nhân dân các xã, phường\n\n"
                     "- Tuyên truyền cho người dân về phòng, chống dịch bệnh mùa mưa.\n")
    assert [(t.text[:14], leads(t), supports(t)) for t in found] == [
        ("Kiểm tra an to", ["Sở Y tế"], ["Sở Tài chính", "Các cơ quan, đơn vị có liên quan"]),
        ("Tuyên truyền c", ["Sở Y tế"], ["Ủy ban nhân dân các xã, phường"])]


def test_an_activity_with_a_content_line_is_that_line_whatever_its_title_says():
    # Class: activity blocks (ANNOTATION.md §1b) whose title is itself an action ("1. Tuyên
    # truyền ...", plans14 P14_01): the labelled content line is the task, the title none.
    found = tasks_of("II. NỘI DUNG\n\n1. Tuyên truyền, phổ biến Luật Dữ liệu\n\n"
                     "- Nội dung thực hiện: Tổ chức tuyên truyền Luật Dữ liệu trên các "
                     "phương tiện thông tin đại chúng.\n"
                     "- Cơ quan thực hiện: Sở Khoa học và Công nghệ.\n"
                     "- Thời gian thực hiện: Quý I/2026.\n")
    assert [(t.text[:32], leads(t), t.deadline) for t in found] == [
        ("Nội dung thực hiện: Tổ chức tuyê", ["Sở Khoa học và Công nghệ"], "2026-03-31")]


def test_what_a_body_proposes_for_a_council_to_decide_is_one_task():
    # Class: an intro listing what it asks for (cues.yml part_list; plans14 P14_07): "Tham mưu
    # ... trình Hội đồng nhân dân tỉnh quyết định:" over the matters decided is one task
    # spanning them; the matters are no tasks of their own.
    found = tasks_of("III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\n"
                     "a) Tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh quyết định:\n"
                     "- Nguyên tắc, tiêu chí phân bổ vốn ngân sách thực hiện Chương trình.\n"
                     "- Mức vốn đối ứng từ ngân sách địa phương.\n"
                     "b) Hướng dẫn các xã lập dự toán kinh phí thực hiện Chương trình.\n")
    assert [(t.text[:18], t.text[-12:], leads(t)) for t in found] == [
        ("Tham mưu Ủy ban nh", " địa phương.", ["Sở Tài chính"]),
        ("Hướng dẫn các xã l", "hương trình.", ["Sở Tài chính"])]


def test_items_that_only_name_a_programme_s_projects_are_parts_of_their_intro():
    # Class: "c) Tổ chức triển khai ... các dự án, tiểu dự án do Bộ chủ trì:" over "- Dự án 1:
    # “Phòng ngừa ...”." (plans14 P14_07, a national target programme): the titles hold verbs in
    # their quotes, and each became a task of its own.
    found = tasks_of("III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Dân tộc và Tôn giáo\n\n"
                     "a) Chủ trì triển khai các dự án thành phần của Chương trình:\n"
                     "- Dự án 3: “Phát triển sản xuất nông, lâm nghiệp bền vững”.\n"
                     "- Tiểu dự án 1 (Dự án 5): “Đổi mới hoạt động giáo dục dân tộc”.\n"
                     "b) Tổng hợp kết quả thực hiện Chương trình hằng năm.\n")
    assert [(t.text[:24], leads(t)) for t in found] == [
        ("Chủ trì triển khai các d", ["Sở Dân tộc và Tôn giáo"]),
        ("Tổng hợp kết quả thực hi", ["Sở Dân tộc và Tôn giáo"])]


def test_a_heading_s_bracket_names_its_members_and_a_bracket_of_what_it_holds_names_none():
    # Class: "1.3. Các cơ quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây dựng, ...,
    # Văn hóa, Thể thao và Du lịch)" names each Sở (plans14 P14_02; the bracket opened with
    # "gồm", and the distributed list split "Văn hóa, Thể thao và Du lịch"); "Trách nhiệm của
    # các cơ quan quản lý cấp trên (bao gồm cả ...):" names the group without its bracket.
    found = tasks_of("III. TỔ CHỨC THỰC HIỆN\n\n"
                     "1. Các cơ quan chuyên môn (gồm các Sở: Văn hóa, Thể thao và Du lịch, Y tế)\n"
                     "- Hướng dẫn các xã rà soát di tích.\n"
                     "2. Trách nhiệm của các cơ quan chủ quản (bao gồm cả cơ quan đại diện chủ sở "
                     "hữu vốn nhà nước):\n"
                     "- Tổng hợp kết quả rà soát của đơn vị cấp dưới.\n")
    assert [leads(t) for t in found] == [["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"],
                                         ["Các cơ quan chủ quản"]]


def test_an_excerpt_opening_inside_a_numbered_section_keeps_its_items_under_it():
    # Class: a copy cut at a sub-number ("2.1. Sở Tài chính", no "2." above it; plans14 P14_07)
    # with "a)" items, then "1." later: the sub-number still heads its letters.
    found = tasks_of("2.1. Sở Tài chính\n\na) Hướng dẫn các xã lập dự toán kinh phí.\n\n"
                     "b) Bố trí kinh phí thực hiện Chương trình hằng năm.\n\n"
                     "2.2. Sở Nội vụ\n\na) Hướng dẫn khen thưởng tập thể có thành tích.\n\n"
                     "IV. TỔ CHỨC THỰC HIỆN\n\n1. Công an tỉnh theo dõi, tổng hợp kết quả "
                     "thực hiện Kế hoạch.\n")
    assert [(t.text[:16], leads(t)) for t in found] == [
        ("Hướng dẫn các xã", ["Sở Tài chính"]), ("Bố trí kinh phí ", ["Sở Tài chính"]),
        ("Hướng dẫn khen t", ["Sở Nội vụ"]), ("Công an tỉnh the", ["Công an tỉnh"])]


def test_a_table_of_targets_assigned_to_leads_dated_by_its_title():
    # Class: an appendix assigning targets (ANNOTATION.md §1b task tables; plans14 P14_06): a
    # "Chỉ tiêu" column with a lead column makes each row a task; the table has no time
    # column, so the horizon in its title dates the rows (§1b "a heading's time"); a lead cell
    # that goes on with what the body does names the body alone.
    found = tasks_of("PHỤ LỤC\n\nGIAO CHỈ TIÊU CHUYỂN ĐỔI SỐ CỦA TỈNH ĐẾN NĂM 2028\n\n"
                     "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/3/2026 của UBND tỉnh)\n\n"
                     "| STT | Chỉ tiêu | Cơ quan chủ trì |\n"
                     "| 1 | Tỷ lệ hồ sơ thủ tục hành chính được số hóa đạt 90% | Sở Nội vụ |\n"
                     "| 2 | Tỷ lệ hộ gia đình có cáp quang đạt 95% | Sở Khoa học và Công nghệ "
                     "theo dõi, đôn đốc |\n")
    assert [(t.text[:16], leads(t), t.deadline) for t in found] == [
        ("Tỷ lệ hồ sơ thủ ", ["Sở Nội vụ"], "2028-12-31"),
        ("Tỷ lệ hộ gia đìn", ["Sở Khoa học và Công nghệ"], "2028-12-31")]


def test_an_appendix_task_table_rendered_by_a_web_page():
    # Class: appendix task tables (ANNOTATION.md §1b) as a web page renders them: a group row
    # repeats its title in every merged cell (no task); a time cell holding a year or a range of
    # years is due at the end of the last year, and "Quý II/2027" after a cell naming "Bộ Kế
    # hoạch và Đầu tư" is no date of a cited plan; a cell naming a collective and bodies gives
    # one entry each.
    found = tasks_of(
        "TT | Nhiệm vụ, đề án | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian trình\n"
        "I | Hoàn thiện thể chế | Hoàn thiện thể chế | Hoàn thiện thể chế | Hoàn thiện thể chế\n"
        "1 | Đề án phát triển đô thị thông minh | Bộ Xây dựng | Các bộ, ngành, UBND tỉnh Nam Hà "
        "và các đơn vị liên quan | 2026\n"
        "2 | Quy hoạch vùng đô thị | UBND tỉnh Nam Hà | Bộ Kế hoạch và Đầu tư và các cơ quan "
        "liên quan | Quý II/2027\n"
        "3 | Đầu tư trung tâm dữ liệu vùng | Bộ Khoa học và Công nghệ | Các bộ, ngành | "
        "2026-2030\n")
    assert [(t.text[:12], supports(t), t.deadline) for t in found] == [
        ("Đề án phát t", ["Các bộ, ngành", "Ủy ban nhân dân tỉnh Nam Hà",
                          "Các đơn vị liên quan"], "2026-12-31"),
        ("Quy hoạch vù", ["Bộ Kế hoạch và Đầu tư", "Các cơ quan liên quan"], "2027-06-30"),
        ("Đầu tư trung", ["Các bộ, ngành"], "2030-12-31")]


def test_a_section_intro_names_the_addressees_of_the_items_below_it():
    # Class: section intros (ANNOTATION.md §1, as OF_05's opening "UBND tỉnh yêu cầu ... tập
    # trung thực hiện ..." leads the items that name none). The intro opens with several fronted
    # clauses before its subject and is no task itself; the numbered and lettered items that
    # head bullets are titles; every bullet that names no lead takes the intro's, one that
    # names its own keeps it.
    found = tasks_of("II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
                     "Để đạt được các mục tiêu nêu trên, trong thời gian tới, bên cạnh các nhiệm "
                     "vụ thường xuyên, các sở, ban, ngành, Ủy ban nhân dân các huyện cần tổ chức "
                     "triển khai thực hiện các nhiệm vụ, giải pháp sau đây:\n"
                     "1. Phát triển kinh tế nhanh và bền vững\n"
                     "a) Đẩy mạnh cơ cấu lại nền kinh tế gắn với đổi mới mô hình tăng trưởng.\n"
                     "- Phát triển các mô hình kinh tế tuần hoàn.\n"
                     "- Sở Công Thương chủ động thu hút đầu tư vào cụm công nghiệp.\n"
                     "b) Tập trung đầu tư hạ tầng giao thông kết nối vùng.\n")
    assert [(t.text[:16], leads(t)) for t in found] == [
        ("Phát triển các m", ["Các sở, ban, ngành", "Ủy ban nhân dân các huyện"]),
        ("Sở Công Thương c", ["Sở Công Thương"]),
        ("Tập trung đầu tư", ["Các sở, ban, ngành", "Ủy ban nhân dân các huyện"])]


def test_a_year_opening_a_sentence_of_a_bullet_is_its_deadline():
    # Class: deadlines of long plans' body bullets (ANNOTATION.md §2: "năm 2023" of the task
    # itself → its last day). "Năm 2026, hoàn thành ..." continues the bullet's lead with its
    # year; "... vào năm 2027" after an action is the task's year too.
    found = tasks_of("Số: 12/KH-UBND Nam Hà, ngày 05 tháng 3 năm 2026\n"
                     "Sở Y tế:\n"
                     "- Phát triển mạng lưới y tế cơ sở. Năm 2026, hoàn thành hồ sơ sức khỏe điện "
                     "tử cho người dân.\n"
                     "- Hoàn thành cơ sở dữ liệu ngành y tế vào năm 2027.\n")
    assert [(t.text[:16], leads(t), t.deadline) for t in found] == [
        ("Phát triển mạng ", ["Sở Y tế"], None),
        ("Năm 2026, hoàn t", ["Sở Y tế"], "2026-12-31"),
        ("Hoàn thành cơ sở", ["Sở Y tế"], "2027-12-31")]


def test_an_intro_that_assigns_work_of_its_own_is_a_task():
    # Class: section intros. Invented: the intro first assigns the plan itself, then announces
    # the items; it is a task (as seed 000's "... tiếp tục triển khai Kế hoạch số 561/KH-UBND
    # ...; tập trung vào một số nhiệm vụ trọng tâm sau:").
    found = tasks_of("Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành tiếp tục triển khai Kế "
                     "hoạch cải cách hành chính; tập trung vào một số nhiệm vụ trọng tâm sau:\n"
                     "1. Rà soát thủ tục hành chính thuộc thẩm quyền.\n")
    assert [(t.text[:16], leads(t)) for t in found] == [
        ("Ủy ban nhân dân ", ["Các sở, ban, ngành"]), ("Rà soát thủ tục ", ["Các sở, ban, ngành"])]


def test_the_day_of_a_recurring_report_is_no_deadline():
    # Class: recurring duties of a plan's closing section (ANNOTATION.md §2: "trước ngày 20 hằng
    # tháng" is monthly with deadline null), the day before or after its recurrence.
    found = tasks_of("Giao Sở Nội vụ:\n"
                     "- Tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 30 tháng 11 hằng năm.\n"
                     "- Định kỳ hằng năm (trước ngày 15/11) báo cáo kết quả về Bộ Nội vụ.\n")
    assert [(t.deadline, t.recurrence) for t in found] == [(None, "annual"), (None, "annual")]


def test_a_request_inside_a_labelled_activity_names_no_lead():
    # Class: activity blocks (ANNOTATION.md §1b: leads are the chủ trì and thực hiện units). The
    # executor asks the enterprises; they are not the task's lead.
    found = tasks_of("1. Các hoạt động\n"
                     "1.1. Hướng dẫn Luật Doanh nghiệp cho các doanh nghiệp; kiểm tra, đề nghị "
                     "các doanh nghiệp thực hiện nghiêm chế độ báo cáo.\n"
                     "- Cơ quan thực hiện: Sở Tài chính.\n")
    assert [leads(t) for t in found] == [["Sở Tài chính"]]


def test_bullets_belong_to_the_item_they_follow_whatever_level_they_first_appeared_at():
    # Class: marker kinds nest in the order they first appear, and "*" first came under a "2.1."
    # item, ranking above the later "a)" sub-headings: the bullets under "a) Sở Tài chính"
    # became siblings of it, and every one took the section intro's leads (long4, a Party plan:
    # lead accuracy 0.17). A bullet belongs to the numbered item just before it.
    found = tasks_of("2. Hoàn thiện thể chế\n"
                     "2.1. Ủy ban nhân dân tỉnh xác định các nhiệm vụ trọng tâm sau:\n"
                     "*   Rà soát các quy định về chuyển đổi số.\n"
                     "2.2. Các sở, ngành theo chức năng, nhiệm vụ thực hiện các nhiệm vụ sau:\n"
                     "a) Sở Tài chính\n"
                     "*   Bố trí kinh phí thực hiện kế hoạch.\n"
                     "*   Hướng dẫn thanh quyết toán kinh phí.\n"
                     "b) Sở Nội vụ\n"
                     "*   Tham mưu kiện toàn tổ chức bộ máy.\n")
    assert [leads(t) for t in found][-3:] == [["Sở Tài chính"], ["Sở Tài chính"], ["Sở Nội vụ"]]


def test_a_heading_naming_one_body_keeps_the_commas_of_its_name():
    # Class: a sub-heading naming one body whose name holds a comma ("Ủy ban Tài chính, Ngân
    # sách", "Ủy ban KH,CN&MT") read as a body and a remainder, so it headed nothing.
    found = tasks_of("a) Thường trực Ủy ban Tài chính, Ngân sách\n"
                     "- Thẩm tra các dự án luật về ngân sách.\n"
                     "b) Thường trực Ủy ban KH,CN&MT\n"
                     "- Giám sát việc thực hiện chính sách về khoa học, công nghệ.\n"
                     "c) Sở Tài chính, Sở Nội vụ\n"
                     "- Hướng dẫn các địa phương thực hiện.\n")
    assert [leads(t) for t in found] == [["Thường trực Ủy ban Tài chính, Ngân sách"],
                                         ["Thường trực Ủy ban Khoa học, Công nghệ và Môi trường"],
                                         ["Sở Tài chính", "Sở Nội vụ"]]


def test_a_head_distributed_over_a_list_names_every_body():
    # Class: "các Bộ: A, B" (ANNOTATION.md §1b, lists after a colon) in a table cell and in a
    # sentence. The last item ends at the cell's "|", not in the next cell; an item that is a
    # head alone ("Công an") is the distributed body's ("Bộ Công an", a known name).
    found = tasks_of("TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian\n"
                     "1 | Nghiên cứu vị trí cảng hàng không | Bộ Giao thông vận tải | Các Bộ: "
                     "Quốc phòng, Xây dựng và các đơn vị liên quan | 2026-2030\n"
                     "Bộ Tài chính chủ trì, phối hợp với các Bộ: Quốc phòng, Công an rà soát "
                     "quy hoạch.\n")
    assert [supports(t) for t in found] == [
        ["Bộ Quốc phòng", "Bộ Xây dựng", "Các đơn vị liên quan"], ["Bộ Quốc phòng", "Bộ Công an"]]


def test_a_heading_addressing_a_place_names_its_peoples_committee():
    # Class: "Tổ chức thực hiện" sections split by addressee ("Đối với ..."). A place that no
    # agency head starts ("Thủ đô Hà Nội", "thành phố Đà Nẵng") leads the items below it through
    # its People's Committee; "Đối với Sở Y tế" names the department itself.
    found = tasks_of("III. TỔ CHỨC THỰC HIỆN\n"
                     "1. Đối với Thủ đô Hà Nội\n"
                     "- Chỉ đạo các sở, ban, ngành rà soát kế hoạch phát triển.\n"
                     "2. Đối với thành phố Đà Nẵng:\n"
                     "- Xây dựng đề án phát triển đô thị thông minh.\n"
                     "3. Đối với Sở Y tế:\n"
                     "- Rà soát mạng lưới cơ sở y tế.\n")
    assert [leads(t) for t in found] == [["Ủy ban nhân dân thành phố Hà Nội"],
                                         ["Ủy ban nhân dân thành phố Đà Nẵng"], ["Sở Y tế"]]


def test_supports_after_a_manner_or_named_in_lower_case():
    # Class: support runs of plans' closing sections. Words saying how the help is given come
    # between the cue and the agencies ("phối hợp chặt chẽ, quyết liệt với"); a collective named
    # without "các" is in lower case ("cơ quan, tổ chức liên quan": "tổ chức" is also a verb).
    found = tasks_of("1. Sở Nội vụ chủ trì, phối hợp chặt chẽ, quyết liệt với Ban Dân tộc tỉnh, "
                     "các cơ quan báo chí tổ chức tuyên truyền Kế hoạch.\n"
                     "2. Sở Y tế chủ trì, phối hợp với cơ quan, tổ chức liên quan rà soát mạng "
                     "lưới y tế cơ sở.\n"
                     "3. Sở Tư pháp chủ trì, phối hợp với đơn vị, địa phương có liên quan tham "
                     "mưu thực hiện.\n")
    assert [supports(t) for t in found] == [
        ["Ban Dân tộc tỉnh", "Các cơ quan báo chí"], ["Cơ quan, tổ chức liên quan"],
        ["Đơn vị, địa phương có liên quan"]]


def test_a_support_run_names_a_level_or_a_lone_locality():
    # Class: the end of a support run. "cùng cấp" goes on naming ("cùng" also joins two names);
    # a lone "địa phương" after another agency is one more support; "tổ chức" between two
    # collectives goes on naming the group, though it is also a verb.
    found = tasks_of("1. Ủy ban nhân dân các huyện chủ trì, phối hợp với Liên đoàn Lao động cùng "
                     "cấp và các đơn vị có liên quan rà soát thiết chế công đoàn.\n"
                     "2. Sở Xây dựng chủ trì, phối hợp với các sở, ngành, Liên đoàn Lao động "
                     "tỉnh, địa phương rà soát quy hoạch nhà ở.\n"
                     "3. Sở Công Thương chủ trì, phối hợp với các doanh nghiệp, tổ chức, cá nhân "
                     "có liên quan tổ chức hội chợ.\n")
    assert [supports(t) for t in found] == [
        ["Liên đoàn Lao động cùng cấp", "Các đơn vị có liên quan"],
        ["Các sở, ngành", "Liên đoàn Lao động tỉnh", "Địa phương"],
        ["Các doanh nghiệp, tổ chức, cá nhân có liên quan"]]


def test_an_item_issuing_a_plan_is_a_task_of_its_agency():
    # Class: "<agency> ban hành kế hoạch ..." as a numbered item of a plan copied without its
    # header. The item's number ended a "sentence", so the item read as a news lead: its agency
    # became the document's issuer, and every task of that agency its own act (none).
    found = tasks_of("KẾ HOẠCH\n"
                     "III. TỔ CHỨC THỰC HIỆN\n"
                     "1. Sở Y tế ban hành kế hoạch triển khai trước ngày 30/6/2026.\n"
                     "2. Sở Tài chính bố trí kinh phí thực hiện.\n"
                     "3. Sở Y tế tổng hợp kết quả thực hiện.\n")
    assert [leads(t) for t in found] == [["Sở Y tế"], ["Sở Tài chính"], ["Sở Y tế"]]


def test_a_recurring_duty_below_an_item_belongs_to_its_agency():
    # Class: subject-less continuation paragraphs (ANNOTATION.md §1: a sentence continuing the
    # previous lead belongs to it). A web copy puts an item's recurring report on a line of its
    # own under an item that named its agency inline; it was dropped (no heading above it).
    found = tasks_of("III. TỔ CHỨC THỰC HIỆN\n"
                     "1. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.\n"
                     "Định kỳ hằng năm tổng hợp báo cáo kết quả về Sở Nội vụ.\n"
                     "2. Sở Y tế rà soát mạng lưới y tế cơ sở.\n")
    assert [(t.text[:16], leads(t), t.recurrence) for t in found] == [
        ("Sở Tài chính bố ", ["Sở Tài chính"], None),
        ("Định kỳ hằng năm", ["Sở Tài chính"], "annual"),
        ("Sở Y tế rà soát ", ["Sở Y tế"], None)]


def test_a_subject_singling_out_members_or_qualified_by_its_scope():
    # Class: subjects of a programme's closing section. An apposition "nhất là <members>" between
    # the subject and its action is passed over (the lead is the whole group); "trong cả nước",
    # "trong vùng <name>" go on naming the group.
    found = tasks_of("III. TỔ CHỨC THỰC HIỆN\n"
                     "1. Các tỉnh, thành phố trong cả nước, nhất là các tỉnh, thành phố trong "
                     "vùng Tây Nguyên, vùng duyên hải miền Trung, vùng Đông Nam Bộ chủ động hợp "
                     "tác với tỉnh Đắk Nông.\n"
                     "2. Sở Nội vụ chủ trì, phối hợp với các địa phương trong vùng Tây Nguyên "
                     "xây dựng quy chế phối hợp.\n")
    assert [(leads(t), supports(t)) for t in found] == [
        (["Các tỉnh, thành phố trong cả nước"], []),
        (["Sở Nội vụ"], ["Các địa phương trong vùng Tây Nguyên"])]


def test_a_group_joined_by_va_to_levels_named_in_lower_case():
    # Class: two groups as one subject, the second in lower case without "các" ("các bộ, cơ
    # quan liên quan và tỉnh, thành phố trong cả nước"): two leads. The run stopped at "và", so
    # the item took its heading's leads or, with no heading, was dropped. "và (các) địa
    # phương" still joins the group (agency_patterns.yml joined_collectives).
    found = tasks_of("III. TỔ CHỨC THỰC HIỆN\n"
                     "1. Các sở, ngành và huyện, thị xã chủ động rà soát thủ tục.\n"
                     "2. Các bộ, cơ quan liên quan và tỉnh, thành phố trong cả nước phối hợp "
                     "tuyên truyền Nghị quyết.\n"
                     "3. Các sở, ban, ngành và địa phương chủ động rà soát thủ tục.\n")
    assert [leads(t) for t in found] == [
        ["Các sở, ngành", "Huyện, thị xã"],
        ["Các bộ, cơ quan liên quan", "Tỉnh, thành phố trong cả nước"],
        ["Các sở, ban, ngành và địa phương"]]


def test_a_fronted_addressee_whose_holders_act():
    # Class: "Đối với <group>, thủ trưởng cơ quan, đơn vị <action>": the holders of the group's
    # bodies act, in lower case after the comma; the group leads (an office holder and the body
    # they head are one lead, ANNOTATION.md §2). The holders ran into the group's name.
    found = tasks_of("III. TỔ CHỨC THỰC HIỆN\n"
                     "1. Đối với các cơ quan Trung ương đóng trên địa bàn tỉnh, thủ trưởng cơ "
                     "quan, đơn vị bám sát kế hoạch của bộ, ngành chủ quản để triển khai.\n")
    assert [leads(t) for t in found] == [["Các cơ quan Trung ương đóng trên địa bàn tỉnh"]]


def test_a_roman_section_ranks_above_the_arabic_items_of_an_earlier_part():
    # Class: a plan whose "A." part numbers its items "1.", "2." before the "B." part's "I."
    # sections, each numbered "1.", "2." again (long4, a national plan). Ranked by first
    # appearance, "I." sat under the "1." before it, and every section's items under the
    # first part: no section bounded its own, and one section's labels served all.
    found = tasks_of("A. MỤC ĐÍCH, YÊU CẦU\n"
                     "1. Mục đích\n"
                     "Nâng cao hiệu quả công tác tìm kiếm.\n"
                     "B. NỘI DUNG, BIỆN PHÁP\n"
                     "I. TUYÊN TRUYỀN\n"
                     "1. Nội dung, biện pháp\n"
                     "a) Tổ chức tuyên truyền trên các phương tiện thông tin đại chúng.\n"
                     "2. Cơ quan chủ trì\n"
                     "- Sở Thông tin và Truyền thông.\n"
                     "II. KIỂM TRA\n"
                     "1. Nội dung, biện pháp\n"
                     "a) Kiểm tra định kỳ việc thực hiện kế hoạch.\n"
                     "2. Cơ quan chủ trì\n"
                     "- Thanh tra tỉnh.\n")
    assert [(t.text[:16], leads(t)) for t in found] == [
        ("Tổ chức tuyên tr", ["Sở Thông tin và Truyền thông"]),
        ("Kiểm tra định kỳ", ["Thanh tra tỉnh"])]


def test_headings_of_labels_take_their_values_from_the_items_below_them():
    # Class: a section's activity block whose labels are headings with the values as items
    # below them, after the content items (ANNOTATION.md §1b; long4, a national plan: its
    # content items had no lead, the label lines were read as tasks). The content heading is
    # a title; the label headings and their values are no tasks; the closing time label dates
    # every item of the section.
    found = tasks_of("I. CÔNG TÁC QUÁN TRIỆT\n"
                     "1. Nội dung, biện pháp\n"
                     "a) Tổ chức Hội nghị quán triệt Chỉ thị của Bộ Chính trị;\n"
                     "b) Tổ chức triển khai các văn bản hướng dẫn đến cơ sở.\n"
                     "2. Cơ quan chủ trì, phối hợp\n"
                     "a) Cơ quan chủ trì\n"
                     "- Ban Chỉ đạo quốc gia.\n"
                     "- Bộ Quốc phòng; Bộ Nội vụ.\n"
                     "(Văn phòng Ban Chỉ đạo là cơ quan thường trực giúp Ban Chỉ đạo).\n"
                     "b) Cơ quan phối hợp\n"
                     "- Hội Cựu chiến binh các cấp.\n"
                     "3. Thời gian thực hiện: Tháng 12/2026 và thường xuyên.\n"
                     "II. BAN HÀNH VĂN BẢN\n"
                     "1. Nội dung, biện pháp\n"
                     "Ban hành Thông tư hướng dẫn về công tác tìm kiếm.\n"
                     "2. Cơ quan chủ trì, phối hợp\n"
                     "a) Cơ quan chủ trì: Bộ Quốc phòng; Bộ Tài chính.\n"
                     "b) Cơ quan phối hợp\n"
                     "Ủy ban nhân dân các tỉnh.\n")
    assert [(t.text[:16], leads(t), supports(t), t.deadline) for t in found] == [
        ("Tổ chức Hội nghị", ["Ban Chỉ đạo quốc gia", "Bộ Quốc phòng", "Bộ Nội vụ"],
         ["Hội Cựu chiến binh các cấp"], "2026-12-31"),
        ("Tổ chức triển kh", ["Ban Chỉ đạo quốc gia", "Bộ Quốc phòng", "Bộ Nội vụ"],
         ["Hội Cựu chiến binh các cấp"], "2026-12-31"),
        ("Ban hành Thông t", ["Bộ Quốc phòng", "Bộ Tài chính"], ["Ủy ban nhân dân các tỉnh"],
         None)]


def test_a_lead_heading_alone_serves_the_items_of_its_section():
    # Class: a label heading without a support heading ("2. Cơ quan chủ trì" and its dash
    # items) under a content heading that holds a verb ("Nội dung thực hiện" is a title, no
    # task); the time label on its own line closes the block.
    found = tasks_of("II. XÂY DỰNG VĂN BẢN\n"
                     "1. Nội dung thực hiện\n"
                     "a) Xây dựng Quy chế hoạt động của Ban Chỉ đạo;\n"
                     "b) Rà soát các văn bản hướng dẫn hiện hành.\n"
                     "2. Cơ quan chủ trì\n"
                     "- Sở Tư pháp.\n"
                     "3. Thời gian thực hiện: Quý IV/2026.\n")
    assert [(t.text[:16], leads(t), t.deadline) for t in found] == [
        ("Xây dựng Quy chế", ["Sở Tư pháp"], "2026-12-31"),
        ("Rà soát các văn ", ["Sở Tư pháp"], "2026-12-31")]


def test_a_time_label_closing_a_section_dates_the_tasks_above_it():
    # Class: the block has only its time label, numbered as the items are: the items name their
    # own leads and take the label's deadline.
    found = tasks_of("I. NHIỆM VỤ\n"
                     "1. Sở Y tế tổ chức tập huấn cho cán bộ y tế cơ sở.\n"
                     "2. Sở Tài chính bố trí kinh phí thực hiện.\n"
                     "3. Thời gian thực hiện: Quý III/2026.\n")
    assert [(leads(t), t.deadline) for t in found] == [
        (["Sở Y tế"], "2026-09-30"), (["Sở Tài chính"], "2026-09-30")]


def test_labels_on_the_lines_of_their_values_keep_describing_their_activity():
    # Class: the same plan shape with each label on the line of its value ("- Cơ quan chủ trì:
    # X" under the activity): each activity keeps its own labels, and a bullet describing an
    # activity above its labels does not take them as a task of its own.
    found = tasks_of("1. Các hoạt động\n"
                     "1.1. Tổ chức Hội thi tin học trẻ cấp tỉnh.\n"
                     "- Cơ quan chủ trì: Sở Giáo dục và Đào tạo.\n"
                     "- Cơ quan phối hợp: Sở Nội vụ.\n"
                     "- Thời gian thực hiện: Quý II/2026.\n"
                     "1.2. Xây dựng chuyên mục về chuyển đổi số.\n"
                     "- Cơ quan chủ trì: Sở Thông tin và Truyền thông.\n"
                     "- Thời gian thực hiện: Quý IV/2026.\n")
    assert [(t.text[:16], leads(t), supports(t), t.deadline) for t in found] == [
        ("Tổ chức Hội thi ", ["Sở Giáo dục và Đào tạo"], ["Sở Nội vụ"], "2026-06-30"),
        ("Xây dựng chuyên ", ["Sở Thông tin và Truyền thông"], [], "2026-12-31")]


def test_a_labelled_list_of_months_ends_in_its_last():
    # Class: the time label of an activity block naming several months of one year ("Tháng 11,
    # 12/2013 và bổ sung hằng năm", long4): the deadline is the end of the last, not of the
    # first read as a month of the document's year.
    found = tasks_of("1. Xây dựng Quy chế hoạt động của Ban Chỉ đạo.\n"
                     "- Cơ quan chủ trì: Sở Nội vụ.\n"
                     "- Thời gian thực hiện: Tháng 11, 12/2026.\n")
    assert [t.deadline for t in found] == ["2026-12-31"]


def test_a_labelled_time_without_a_deadline_is_kept_over_the_part_title_s():
    # Class: a section's time label naming no deadline ("Từ tháng 11/2026 trở đi") under a part
    # titled with its horizon ("B. NHIỆM VỤ TỪ NAY ĐẾN NĂM 2030"): the task states its time in
    # its label, so the title gives it none (ANNOTATION.md §1b, a heading's time serves the
    # tasks that state no time of their own).
    found = tasks_of("B. NHIỆM VỤ TỪ NAY ĐẾN NĂM 2030\n"
                     "I. TUYÊN TRUYỀN\n"
                     "1. Nội dung, biện pháp\n"
                     "a) Lập các chuyên mục về công tác tìm kiếm.\n"
                     "2. Cơ quan chủ trì\n"
                     "- Sở Thông tin và Truyền thông.\n"
                     "3. Thời gian thực hiện: Từ tháng 11/2026 trở đi.\n"
                     "II. KIỂM TRA\n"
                     "1. Sở Nội vụ tổ chức kiểm tra việc thực hiện.\n")
    assert [(leads(t), t.deadline) for t in found] == [
        (["Sở Thông tin và Truyền thông"], None), (["Sở Nội vụ"], "2030-12-31")]


def test_a_plan_s_lettered_parts_bound_their_items():
    # Class: a plan's parts lettered in capitals ("C. ...", "D. TỔ CHỨC THỰC HIỆN", long4): "C."
    # was read as a roman hundred and "D." as a paragraph, so the items of "D." sat under "C."
    # and took its title's deadline.
    found = tasks_of("C. NHIỆM VỤ TRỌNG TÂM ĐẾN NĂM 2027\n"
                     "1. Sở Y tế hoàn thành việc rà soát cơ sở dữ liệu.\n"
                     "D. TỔ CHỨC THỰC HIỆN\n"
                     "1. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.\n")
    assert [(leads(t), t.deadline) for t in found] == [
        (["Sở Y tế"], "2027-12-31"), (["Sở Tài chính"], None)]


def test_a_value_item_below_a_label_heading_holds_names_only():
    # Class: the values of a heading of labels, one item each (long4): a part after ";" or
    # after a comma before a capital or "các" is a unit of its own, and a name the parser cut before
    # lower-case words ("Ban Công tác đặc biệt", "... và cơ quan thường trực") runs on.
    found = tasks_of("I. TÌM KIẾM\n"
                     "1. Nội dung, biện pháp\n"
                     "a) Đẩy nhanh tiến độ tìm kiếm, quy tập ở nước ngoài.\n"
                     "2. Cơ quan chủ trì\n"
                     "- Các quân khu, các tỉnh.\n"
                     "- Ban Công tác đặc biệt, Ban Chuyên trách các cấp.\n"
                     "- Văn phòng Ban Chỉ đạo và cơ quan thường trực các cấp.\n")
    assert [leads(t) for t in found] == [[
        "Các quân khu", "Các tỉnh", "Ban Công tác đặc biệt", "Ban Chuyên trách các cấp",
        "Văn phòng Ban Chỉ đạo và cơ quan thường trực các cấp"]]


def test_a_section_titled_by_a_label_still_holds_its_tasks():
    # Class: only the labels of ``cues.yml`` ``attribute_headings`` head their values as items:
    # a section titled "Tiến độ thực hiện" or "Trách nhiệm thực hiện" holds tasks, not values.
    found = tasks_of("I. Tiến độ thực hiện\n"
                     "1. Năm 2026: Sở Tài chính bố trí kinh phí thực hiện.\n"
                     "II. Trách nhiệm thực hiện\n"
                     "- Sở Nội vụ tổng kết việc thực hiện Kế hoạch.\n")
    assert [leads(t) for t in found] == [["Sở Tài chính"], ["Sở Nội vụ"]]


def test_a_party_body_is_a_subject_and_heads_the_items_of_its_intro():
    # Class: a Party plan's own bodies ("Đảng đoàn", "Ban cán sự đảng", "Tổ đảng", "Chi bộ")
    # started no name, so a sentence they open named no lead, nor did the intro they state
    # their tasks in ("..., Đảng đoàn HĐND tỉnh xác định các nhiệm vụ trọng tâm sau:").
    found = tasks_of("II. PHÂN CÔNG NHIỆM VỤ\n"
                     "1. Hoàn thiện thể chế\n"
                     "1.1. Để thực hiện có hiệu quả Nghị quyết, Đảng đoàn Hội đồng nhân dân tỉnh "
                     "xác định các nhiệm vụ trọng tâm sau:\n"
                     "- Khẩn trương rà soát các quy định đang cản trở sự phát triển.\n"
                     "- Chủ động xây dựng kế hoạch giám sát theo quy định.\n"
                     "1.2. Ban cán sự đảng Ủy ban nhân dân tỉnh phối hợp với Chi bộ Văn phòng "
                     "Tỉnh ủy tổ chức quán triệt Nghị quyết.\n")
    assert [(leads(t), supports(t)) for t in found] == [
        (["Đảng đoàn Hội đồng nhân dân tỉnh"], []),
        (["Đảng đoàn Hội đồng nhân dân tỉnh"], []),
        (["Ban cán sự đảng Ủy ban nhân dân tỉnh"], ["Chi bộ Văn phòng Tỉnh ủy"])]


def test_a_support_label_s_value_names_every_part_it_lists():
    # Class: an activity's "Đơn vị phối hợp:" line lists names only, but the parser stopped at a
    # lower-case part it read as an action ("tổ chức quốc tế": "tổ chức" is also a verb), and
    # every part after it was lost. The qualified part shares the run's "các" (blind3 gold:
    # "các địa phương, tổ chức thủy lợi" → "Các tổ chức thủy lợi").
    found = tasks_of("II. CÁC HOẠT ĐỘNG\n"
                     "1. Chương trình nghệ thuật khai mạc Lễ hội\n"
                     "- Đơn vị chủ trì: Sở Văn hóa và Thể thao.\n"
                     "- Đơn vị phối hợp: Các Đại sứ quán, tổ chức quốc tế, các tỉnh, thành phố "
                     "và các sở, ngành thuộc thành phố.\n")
    assert [supports(t) for t in found] == [
        ["Các Đại sứ quán", "Các tổ chức quốc tế", "Các tỉnh, thành phố",
         "Các sở, ngành thuộc thành phố"]]


def test_the_agent_of_a_passive_clause_leads_it():
    # Class: "... do <agency> hướng dẫn / chủ trì": a clause that opens with what is done names
    # its doer after "do"; it took the section's labelled leads instead. A clause that opens
    # with an action ("Triển khai các nội dung do Bộ Y tế hướng dẫn") is its heading's task.
    found = tasks_of("I. NỘI DUNG\n"
                     "1. Kiện toàn Ban Chỉ đạo\n"
                     "Cơ cấu thành phần Ban Chỉ đạo các cấp do Sở Nội vụ hướng dẫn thực hiện.\n"
                     "2. Sở Y tế:\n"
                     "- Triển khai các nội dung do Bộ Y tế hướng dẫn.\n"
                     "- Việc thẩm định hồ sơ do Sở Tư pháp chủ trì, phối hợp với Sở Tài chính "
                     "thực hiện.\n")
    assert [(leads(t), supports(t)) for t in found] == [
        (["Sở Nội vụ"], []), (["Sở Y tế"], []), (["Sở Tư pháp"], ["Sở Tài chính"])]


def test_a_remit_before_the_obligation_keeps_the_subject():
    # Class: a resolution's responsibilities, "<bodies> trong phạm vi nhiệm vụ, quyền hạn của
    # mình có trách nhiệm ...": the remit ran to the obligation with no comma an action follows,
    # so the bodies were never read as the subject and the clause was no task.
    found = tasks_of("Điều 3. Trách nhiệm thi hành\n"
                     "1. Ủy ban nhân dân tỉnh, các sở, ban, ngành trong phạm vi nhiệm vụ, quyền "
                     "hạn của mình có trách nhiệm thực hiện Nghị quyết này.\n"
                     "2. Thường trực Hội đồng nhân dân tỉnh theo chức năng, nhiệm vụ được giao "
                     "chịu trách nhiệm giám sát việc thực hiện Nghị quyết.\n")
    assert [leads(t) for t in found] == [
        ["Ủy ban nhân dân tỉnh", "Các sở, ban, ngành"], ["Thường trực Hội đồng nhân dân tỉnh"]]


def test_a_time_cell_of_month_and_year_is_that_month():
    # Class: an appendix table's time cell "6/2025", "01/2025" (month/year, no "tháng") gave
    # no deadline; ANNOTATION.md §1b: the time cell gives the deadline.
    found = tasks_of("| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp "
                     "| Thời gian hoàn thành |\n"
                     "|---|---|---|---|---|\n"
                     "| 1. | Xây dựng kế hoạch triển khai Chương trình. | Sở Nội vụ | Sở Tài chính "
                     "| 6/2025 |\n"
                     "| 2. | Ban hành quy chế phối hợp. | Sở Tư pháp |  | 01/2026 |\n")
    assert [str(t.deadline) for t in found] == ["2025-06-30", "2026-01-31"]


def test_a_header_whose_labels_a_pdf_glued_still_names_its_columns():
    # Class: a PDF's table header with syllables glued ("Đơn vịphốihợp", "Thờigian thựchiện"):
    # the support and time columns were not found, so no row had supports or a deadline.
    found = tasks_of("TT | Nhiệm vụ thựchiện | Đơn vịchủ trì | Đơn vịphốihợp | Thờigian thựchiện\n"
                     "1 | Xây dựng Quy hoạch hạ tầng viễn thông thụ động | Sở Tài chính "
                     "| Sở Xây dựng | 2025\n")
    assert [(leads(t), supports(t), str(t.deadline)) for t in found] == [
        (["Sở Tài chính"], ["Sở Xây dựng"], "2025-12-31")]


def test_a_markdown_copy_s_headings_and_escapes_structure_the_plan():
    # Class: a plan copied as markdown: "#"/"##" headings were plain paragraphs (the agency
    # heading "## Đề nghị UBND các huyện" was a task, its "* " bullets had no lead), and the
    # escaped "\- " bullets and "4\." numbers were no bullets or numbers at all.
    found = tasks_of("# TỔ CHỨC THỰC HIỆN\n"
                     "## Đề nghị Ủy ban nhân dân các huyện\n"
                     "* Hỗ trợ doanh nghiệp viễn thông triển khai kế hoạch.\n"
                     "* Định kỳ hàng tháng báo cáo tốc độ truy nhập Internet.\n"
                     "## Sở Tài chính\n"
                     "* Bố trí kinh phí thực hiện kế hoạch.\n")
    assert [(t.text, leads(t)) for t in found] == [
        ("Hỗ trợ doanh nghiệp viễn thông triển khai kế hoạch.", ["Ủy ban nhân dân các huyện"]),
        ("Định kỳ hàng tháng báo cáo tốc độ truy nhập Internet.", ["Ủy ban nhân dân các huyện"]),
        ("Bố trí kinh phí thực hiện kế hoạch.", ["Sở Tài chính"])]
    escaped = tasks_of("**3\\. Nâng cao tiềm lực khoa học**\n"
                       "Các bộ, ngành tăng cường đầu tư cho nghiên cứu.\n"
                       "**4\\. Tổ chức thực hiện**\n"
                       "\\- Sở Y tế chủ trì, phối hợp với Sở Nội vụ hướng dẫn thực hiện.\n"
                       "\\- Sở Tài chính bố trí kinh phí.\n")
    assert [leads(t) for t in escaped] == [["Các bộ, ngành"], ["Sở Y tế"], ["Sở Tài chính"]]


def test_a_body_of_another_kind_after_a_collective_is_an_addressee_of_its_own():
    # Class: "các cấp ủy, tổ chức đảng, chính quyền, Mặt trận ...": a lower-case head that is
    # not one more member of the group ("chính quyền" after the Party's committees) was read
    # into the collective; a member word ("đoàn thể", "tổ chức") still is one.
    found = tasks_of("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng, chính quyền, Mặt "
                     "trận Tổ quốc tỉnh tăng cường lãnh đạo công tác chuyển đổi số.\n"
                     "Các sở, ban, ngành, đoàn thể tỉnh tập trung triển khai kế hoạch.\n"
                     "Các huyện ủy, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Tỉnh ủy quán "
                     "triệt nghị quyết.\n")
    assert [leads(t) for t in found] == [
        ["Các cấp ủy, tổ chức đảng", "Chính quyền", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],
        ["Các sở, ban, ngành, đoàn thể tỉnh"],
        ["Các huyện ủy, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Tỉnh ủy"]]


COUNCIL_RESOLUTION = (
    "NGHỊ QUYẾT\n"
    "VỀ CHẤT VẤN VÀ TRẢ LỜI CHẤT VẤN TẠI KỲ HỌP THỨ NĂM\n"
    "HỘI ĐỒNG NHÂN DÂN TỈNH BÌNH ĐỊNH\n"
    "KHÓA XII, KỲ HỌP THỨ NĂM\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "QUYẾT NGHỊ:\n"
    "Điều 1. Hội đồng nhân dân tỉnh thống nhất với nội dung chất vấn, cụ thể như sau:\n"
    "1. Về quản lý đất rừng:\n"
    "- Ủy ban nhân dân tỉnh tập trung chỉ đạo quyết liệt việc bảo vệ và phát triển rừng.\n"
    "- Đề nghị Thường trực Hội đồng nhân dân tỉnh, các Ban Hội đồng nhân dân tỉnh và đại biểu "
    "Hội đồng nhân dân tỉnh tăng cường giám sát nội dung này.\n")


def test_a_council_s_resolution_addresses_the_people_s_committee():
    # Class: a Hội đồng nhân dân's resolution (no header, its authority line above "Căn cứ"):
    # the People's Committee it addresses was read as the document's own voice ("Ủy ban nhân
    # dân tỉnh tập trung chỉ đạo ..." took the council as lead), the council's members ("đại
    # biểu Hội đồng nhân dân tỉnh") were no addressee, and the issuer was unknown.
    document = extract_document(clean(COUNCIL_RESOLUTION))
    assert document.meta.issuer == "Hội đồng nhân dân tỉnh Bình Định"
    assert [leads(t) for t in document.tasks] == [
        ["Ủy ban nhân dân tỉnh"],
        ["Thường trực Hội đồng nhân dân tỉnh", "Các Ban Hội đồng nhân dân tỉnh",
         "Đại biểu Hội đồng nhân dân tỉnh"]]


def test_a_long_numbered_title_over_paragraphs_is_no_task():
    # Class: a conclusion's numbered titles under its intro ("... yêu cầu các cấp ủy ... thực
    # hiện tốt một số nhiệm vụ trọng tâm sau:" / "2. Đổi mới tư duy, hoàn thiện ..." / its
    # paragraphs): a title over 80 characters was taken for a task of the intro's leads.
    found = tasks_of("Ban Thường vụ Tỉnh ủy yêu cầu các sở, ban, ngành tập trung thực hiện tốt "
                     "một số nhiệm vụ trọng tâm sau:\n"
                     "1. Đổi mới tư duy, hoàn thiện chính sách, pháp luật, nâng cao vai trò quản "
                     "lý "
                     "nhà nước về khoa học, công nghệ và đổi mới sáng tạo\n"
                     "Rà soát, sửa đổi các quy định về quản lý nhiệm vụ khoa học và công nghệ.\n"
                     "2. Nâng cao tiềm lực khoa học và công nghệ\n"
                     "Đầu tư nâng cấp các tổ chức khoa học và công nghệ công lập.\n")
    assert [t.text for t in found] == [
        "Rà soát, sửa đổi các quy định về quản lý nhiệm vụ khoa học và công nghệ.",
        "Đầu tư nâng cấp các tổ chức khoa học và công nghệ công lập."]


def test_a_bracket_that_assigns_the_work_is_no_part_of_the_heading_s_name():
    # Class: an agency heading with a bracket saying which unit carries the work out ("Sở Thông
    # tin và Truyền thông (Giao Phòng Bưu chính Viễn thông)"): the bracket became part of the
    # lead's name. A bracket that names the body it acts through stays (the lead as named).
    found = tasks_of("II. TỔ CHỨC THỰC HIỆN\n"
                     "1. Sở Thông tin và Truyền thông (Giao Phòng Bưu chính Viễn thông)\n"
                     "- Chủ trì thực hiện kế hoạch này.\n"
                     "2. Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh)\n"
                     "- Rà soát thành tích của các tập thể.\n")
    assert [leads(t) for t in found] == [
        ["Sở Thông tin và Truyền thông"], ["Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh)"]]


def test_giao_nhiem_vu_names_its_addressee():
    # Class: "Giao nhiệm vụ <body> yêu cầu <others> ...": "nhiệm vụ" hid the addressee, so the
    # others the body is to ask became the lead. A subject that gives a task "cho" its own
    # helpers still acts itself ("Các địa phương giao nhiệm vụ cho Tổ công nghệ số ...").
    found = tasks_of("- Giao nhiệm vụ Ban Quản lý các khu công nghiệp tỉnh yêu cầu các doanh "
                     "nghiệp trong khu công nghiệp trồng cây xanh.\n"
                     "- Các địa phương giao nhiệm vụ cho Tổ công nghệ số cộng đồng hướng dẫn "
                     "người dân cài đặt ứng dụng.\n")
    assert [leads(t) for t in found] == [
        ["Ban Quản lý các khu công nghiệp tỉnh"], ["Các địa phương"]]


def test_lanh_dao_with_no_body_after_it_is_an_action():
    # Class: "lãnh đạo" is a title before a body ("Lãnh đạo các sở") and an action otherwise:
    # "Lãnh đạo việc tổ chức ..." under a Party body's heading became a lead "Lãnh đạo việc",
    # and "Ban cán sự đảng Chính phủ lãnh đạo, chỉ đạo ..." ran the name into it (no task).
    found = tasks_of("1. Đảng ủy cơ quan Văn phòng Quốc hội:\n"
                     "- Lãnh đạo việc tổ chức thực hiện Đề án chuyển đổi số.\n"
                     "2. Tổ chức thực hiện\n"
                     "- Ban cán sự đảng Chính phủ lãnh đạo, chỉ đạo tổ chức thực hiện tốt Chiến "
                     "lược.\n"
                     "- Lãnh đạo các sở, ngành chủ động triển khai kế hoạch.\n")
    assert [leads(t) for t in found] == [
        ["Đảng ủy cơ quan Văn phòng Quốc hội"], ["Ban cán sự đảng Chính phủ"], ["Các sở, ngành"]]


def test_a_task_table_without_its_header_is_read_from_what_its_cells_hold():
    # Class: a task table whose header is not in the text (a slice that starts mid-table, a
    # later page copied alone): no row was a task. Its columns are read as a clerk reads them:
    # the long cells are the tasks, the first column after them whose cells open with an agency
    # the leads, the next one the supports, short cells that say when the times; a result cell
    # that names a body after its first word ("Quyết định của Thủ tướng") is no lead.
    found = tasks_of(
        "| **V.** | Phát triển hạ tầng dữ liệu của tỉnh |  |  |  |  |\n"
        "| 12. | Xây dựng kho dữ liệu dùng chung của các cơ quan nhà nước trên địa bàn tỉnh "
        "| Sở Khoa học và Công nghệ | Các sở, ban, ngành | Quyết định của Chủ tịch UBND tỉnh "
        "| Quý III/2026 |\n"
        "| 13. | Rà soát, chuẩn hóa danh mục dữ liệu mở của tỉnh | Sở Tài chính, Sở Nội vụ "
        "| Sở Khoa học và Công nghệ | Danh mục dữ liệu mở | 2026 - 2027 |\n"
        "| 14. | Tổ chức đánh giá mức độ sẵn sàng chuyển đổi số của các địa phương "
        "| UBND các huyện |  | Báo cáo đánh giá | Hằng năm |\n"
        "| 15. | Duy trì vận hành ổn định trung tâm điều hành thông minh | Công an tỉnh "
        "| Sở Khoa học và Công nghệ | Báo cáo vận hành | Thường xuyên |\n"
        "| 16. | Bố trí kinh phí vận hành nền tảng số của tỉnh | Sở Tài chính "
        "| Các sở, ban, ngành | Dự toán ngân sách | 2026 và những năm tiếp theo |\n")
    assert [(t.text[:12], leads(t), supports(t), t.deadline and str(t.deadline), t.recurrence)
            for t in found] == [
        ("Xây dựng kho", ["Sở Khoa học và Công nghệ"], ["Các sở, ban, ngành"], "2026-09-30",
         None),
        ("Rà soát, chu", ["Sở Tài chính", "Sở Nội vụ"], ["Sở Khoa học và Công nghệ"],
         "2027-12-31", None),
        ("Tổ chức đánh", ["Ủy ban nhân dân các huyện"], [], None, "annual"),
        ("Duy trì vận ", ["Công an tỉnh"], ["Sở Khoa học và Công nghệ"], None, None),
        ("Bố trí kinh ", ["Sở Tài chính"], ["Các sở, ban, ngành"], None, "annual")]


def test_rows_continued_after_a_break_keep_the_header_of_their_table():
    # Class: a task table continued after a page break or a note ("(tiếp theo)") without its
    # header: the rows take the columns of the last task table of their width.
    found = tasks_of(
        "TT | Nội dung | Đơn vị phối hợp | Đơn vị chủ trì | Thời gian\n"
        "1 | Cập nhật cổng thông tin điện tử của tỉnh | Sở Nội vụ | Văn phòng UBND tỉnh | 2026\n"
        "(tiếp theo)\n"
        "2 | Số hóa hồ sơ lưu trữ của các sở | Sở Khoa học và Công nghệ | Sở Nội vụ | 6/2026\n")
    assert [(leads(t), supports(t), str(t.deadline)) for t in found] == [
        (["Văn phòng Ủy ban nhân dân tỉnh"], ["Sở Nội vụ"], "2026-12-31"),
        (["Sở Nội vụ"], ["Sở Khoa học và Công nghệ"], "2026-06-30")]


def test_a_headerless_table_that_assigns_no_work_gives_no_task():
    # Class: the other tables a plan holds (contacts, figures) have cells of agencies too, but
    # no column of task texts and no times: no row is a task; nor is a single stray row.
    assert tasks_of("| 1 | Sở Y tế | 0236 3822 111 | Ông Nguyễn Văn Anh |\n"
                    "| 2 | Sở Tài chính | 0236 3822 222 | Bà Trần Thị Bình |\n"
                    "| 3 | Công an tỉnh | 0236 3822 333 | Ông Lê Văn Cường |\n") == []
    assert tasks_of("| 7. | Lắp đặt camera giám sát giao thông | Công an tỉnh | 2026 |\n") == []


def test_an_activity_numbered_only_has_its_content_line_as_the_task():
    # Class: an activity whose title only numbers it ("a) Hoạt động 1", plans11 P11_09) states
    # its work on a "- Nội dung:" line, or as "+" items under it, above its executor line: the
    # content is the task (one per "+" item), the bare title none.
    found = tasks_of("III. CÁC HOẠT ĐỘNG\n"
                     "1. Nâng cao nhận thức về an toàn thực phẩm\n"
                     "a) Hoạt động 1\n"
                     "- Nội dung thực hiện: Tổ chức Diễn đàn an toàn thực phẩm cho người tiêu "
                     "dùng.\n"
                     "- Cơ quan thực hiện: Sở Công Thương chủ trì, phối hợp với Sở Y tế.\n"
                     "b) Hoạt động 2\n"
                     "- Nội dung:\n"
                     "+ Kiểm tra các bếp ăn tập thể tại khu công nghiệp.\n"
                     "+ Xây dựng bản đồ các cơ sở giết mổ gia súc.\n"
                     "- Cơ quan thực hiện: Sở Nông nghiệp và Môi trường.\n")
    assert [(t.text[:12], leads(t), supports(t)) for t in found] == [
        ("Nội dung thự", ["Sở Công Thương"], ["Sở Y tế"]),
        ("Kiểm tra các", ["Sở Nông nghiệp và Môi trường"], []),
        ("Xây dựng bản", ["Sở Nông nghiệp và Môi trường"], [])]


def test_an_unnumbered_intro_leads_the_bullets_ranked_beside_it():
    # Class: a plain paragraph ending in ":" that names who acts, under a lettered item, with
    # "- " bullets after it (plans11 P11_09): as "- " first served a numbered item higher up,
    # the structure ranks the bullets beside the paragraph, under the item; they are the
    # intro's tasks.
    found = tasks_of("I. MỤC TIÊU\n"
                     "1. Mục tiêu chung\n"
                     "- Không để xảy ra cháy trong trường học.\n"
                     "II. NỘI DUNG\n"
                     "1. Phòng cháy\n"
                     "c) Các việc cần làm ngay\n"
                     "Căn cứ điều kiện thực tế, các trường học, cơ sở giáo dục tổ chức các "
                     "hoạt động sau:\n"
                     "- Rà soát hệ thống phòng cháy trong ký túc xá.\n"
                     "- Tổ chức diễn tập thoát nạn cho học sinh nội trú.\n")
    assert [(t.text[:12], leads(t)) for t in found] == [
        ("Rà soát hệ t", ["Các trường học, cơ sở giáo dục"]),
        ("Tổ chức diễn", ["Các trường học, cơ sở giáo dục"])]


def test_a_heading_that_lists_its_members_in_a_bracket_leads_by_member():
    # Class: a heading names a group by its role and lists the bodies it means in a bracket
    # ("1. Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý ...):", plans11 P11_03): one
    # lead per member, as a list after a colon gives (ANNOTATION.md §1b).
    found = tasks_of("II. TRÁCH NHIỆM\n"
                     "1. Các cơ quan cấp phép xây dựng (Sở Xây dựng, Ban Quản lý Khu kinh tế):\n"
                     "a) Niêm yết công khai thủ tục cấp phép tại nơi tiếp nhận hồ sơ.\n"
                     "b) Tổ chức kiểm tra sau cấp phép theo quy định.\n")
    assert [leads(t) for t in found] == [["Sở Xây dựng", "Ban Quản lý Khu kinh tế"]] * 2


def test_a_purpose_listing_its_aims_names_its_subject_after_a_later_comma():
    # Class: an item opening with a purpose of several aims, each after a comma ("5. Để nâng
    # cao hiệu lực, hiệu quả ..., tăng cường ..., các Sở, ngành ... triển khai những nội dung
    # sau:", plans11 P11_03): its subject is the group after the last aim, and leads the items.
    found = tasks_of("II. GIẢI PHÁP\n"
                     "3. Để giảm ùn tắc, tai nạn giao thông, nâng cao ý thức của người tham gia "
                     "giao thông, các sở, ngành, Ủy ban nhân dân cấp xã thực hiện những nội dung "
                     "sau:\n"
                     "a) Rà soát các điểm đen tai nạn trên địa bàn.\n"
                     "b) Kiểm tra việc lắp đặt biển báo tại các trường học.\n")
    assert [leads(t) for t in found] == [["Các sở, ngành", "Ủy ban nhân dân cấp xã"]] * 2


def test_a_bracket_stating_a_leads_standing_is_no_part_of_its_name():
    # Class: an agency heading with a bracket saying what the body is in the plan ("1. Sở Nội vụ
    # (Cơ quan thường trực Ban Vì sự tiến bộ phụ nữ ...):", plans11 P11_09): the lead is the body.
    found = tasks_of("IV. TỔ CHỨC THỰC HIỆN\n"
                     "1. Sở Y tế (cơ quan đầu mối của Ban Chỉ đạo an toàn thực phẩm):\n"
                     "- Theo dõi, tổng hợp kết quả thực hiện Kế hoạch.\n")
    assert [leads(t) for t in found] == [["Sở Y tế"]]


def test_an_emulation_plans_ranking_rules_are_no_tasks():
    # Class: a plan of an emulation movement (kế hoạch thi đua) says how it ranks the units it
    # judges and breaks ties (plans11 P11_04): criteria, not work anyone is given.
    found = tasks_of("V. KHEN THƯỞNG\n"
                     "1. Sở Nội vụ:\n"
                     "- Tổng hợp kết quả chấm điểm của các đơn vị.\n"
                     "- Căn cứ tổng điểm đạt được để xếp hạng các đơn vị.\n"
                     "- Trường hợp tổng điểm bằng nhau thì ưu tiên đơn vị có tỷ lệ hồ sơ trực "
                     "tuyến cao hơn.\n"
                     "- Đơn vị nào hoàn thành sớm hơn thì được xếp loại cao hơn.\n")
    assert [t.text[:19] for t in found] == ["Tổng hợp kết quả ch"]


def test_a_heading_group_scoped_by_what_its_members_are_leads_its_bullets():
    # Class: a heading names a group with what its members are and a bracket of examples
    # ("5. Các chủ rừng là tổ chức (các Ban quản lý rừng ..., các Công ty ...)", plans11 P11_05):
    # the group with its scope leads the bullets; the examples are no part of its name.
    found = tasks_of("II. NHIỆM VỤ\n"
                     "3. Các cơ sở là doanh nghiệp (các nhà máy chế biến, các hợp tác xã…)\n"
                     "- Lắp đặt hệ thống xử lý nước thải đạt chuẩn.\n"
                     "- Báo cáo lượng chất thải phát sinh hằng quý.\n")
    assert [leads(t) for t in found] == [["Các cơ sở là doanh nghiệp"]] * 2


def test_a_paragraph_going_on_from_an_item_gives_the_item_s_lead_to_its_bullets():
    # Class: "9. Ủy ban nhân dân các phường, xã ... được trích lại;" / "đồng thời huy động ...,
    # tập trung một số nhiệm vụ cụ thể sau:" / "- Tổ chức ..." (plans12 P12_05, a new clerk's
    # trial): the paragraph after the ";" named nobody, so its five bullets had no lead and were
    # no tasks.
    found = tasks_of("IV. TỔ CHỨC THỰC HIỆN\n"
                     "3. Ủy ban nhân dân các xã bố trí nguồn lực từ ngân sách địa phương;\n"
                     "đồng thời vận động các nguồn hợp pháp khác, thực hiện các nhiệm vụ sau:\n"
                     "- Rà soát danh sách hộ nghèo trên địa bàn.\n"
                     "- Báo cáo kết quả về Sở Y tế.\n")
    assert [(t.text[:14], leads(t)) for t in found][1:] == [
        ("Rà soát danh s", ["Ủy ban nhân dân các xã"]),
        ("Báo cáo kết qu", ["Ủy ban nhân dân các xã"])]


def test_a_completion_time_line_closing_a_step_dates_its_tasks():
    # Class: a plan's step ("2.1. Bước 1:") closes with "Thời gian hoàn tất: ..." (plans10
    # P10_05): "hoàn tất" is "hoàn thành", and the line dates every task of its step.
    found = tasks_of("2. Trình tự thực hiện\n"
                     "2.1. Bước 1:\n"
                     "a) Thành lập Tổ công tác:\n"
                     "Ủy ban nhân dân cấp xã thành lập Tổ công tác rà soát hộ nghèo.\n"
                     "b) Tiếp nhận hồ sơ:\n"
                     "Các thôn, tổ dân phố phổ biến chính sách đến từng hộ gia đình.\n"
                     "Thời gian hoàn tất: trước ngày 20 tháng 7 năm 2026.\n"
                     "2.2. Bước 2: Phê duyệt danh sách.\n"
                     "Ủy ban nhân dân cấp huyện phê duyệt danh sách hộ được hỗ trợ.\n"
                     "Thời hạn hoàn tất: trước ngày 15 tháng 8 năm 2026.\n")
    assert [t.deadline for t in found] == ["2026-07-20", "2026-07-20", "2026-08-15"]


def test_a_plans_funding_source_is_no_task():
    # Class: "Kinh phí thực hiện ...: Do ngân sách ... đảm bảo" states where the money comes
    # from (plans10 P10_01, dev E_17): among the numbered items of an execution section, it
    # continues no agency's work; the item that names who budgets it stays a task.
    found = tasks_of("IV. TỔ CHỨC THỰC HIỆN\n"
                     "1. Các sở, ban, ngành xây dựng kế hoạch thực hiện trước ngày 28/02/2026.\n"
                     "2. Kinh phí thực hiện Kế hoạch này: Do ngân sách nhà nước bảo đảm theo "
                     "phân cấp hiện hành.\n"
                     "3. Nguồn kinh phí triển khai được bố trí từ dự toán chi thường xuyên của "
                     "các đơn vị.\n"
                     "4. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.\n")
    assert [leads(t) for t in found] == [["Các sở, ban, ngành"], ["Sở Tài chính"]]


def test_group_rows_name_who_carries_out_the_rows_under_them():
    # Class: a table whose header cell reads "<items>/ Cơ quan, đơn vị, địa phương thực hiện"
    # has no lead column: each group row (a roman number) names the body, or the place whose
    # People's Committee carries out the numbered rows under it (plans10 P10_07), in other words
    found = tasks_of("PHỤ LỤC\n\n"
                     "| TT | Danh mục công trình/ Đơn vị, địa phương thực hiện | Vốn | Ghi chú |\n"
                     "|---|---|---|---|\n"
                     "|  | TỔNG CỘNG | 9.000 |  |\n"
                     "| I | SỞ Y TẾ | 4.000 |  |\n"
                     "| 1 | Bệnh viện Đa khoa tỉnh; HM: Khoa Nhi | 4.000 |  |\n"
                     "| II | HUYỆN ĐỨC PHỔ | 5.000 |  |\n"
                     "| 1 | Trạm y tế xã Phổ An: Nhà 02 tầng | 2.000 |  |\n"
                     "| 2 | Trạm y tế xã Phổ Châu: Nhà 02 tầng | 3.000 |  |\n")
    assert [(t.text, leads(t)) for t in found] == [
        ("Bệnh viện Đa khoa tỉnh; HM: Khoa Nhi", ["Sở Y tế"]),
        ("Trạm y tế xã Phổ An: Nhà 02 tầng", ["Ủy ban nhân dân huyện Đức Phổ"]),
        ("Trạm y tế xã Phổ Châu: Nhà 02 tầng", ["Ủy ban nhân dân huyện Đức Phổ"])]
