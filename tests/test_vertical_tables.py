"""Tables a legal site's text copy writes down the page: a line "|" between cells, two between rows
(pipeline/readers/vertical_tables.py). Invented documents of the layout of long10 R_01, long6
K_01, long8 Q_01."""
from pipeline import batch
from pipeline.readers.vertical_tables import table_blocks

HEADER = """|
**ỦY BAN NHÂN
DÂN **
TỈNH HÒA BÌNH
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số:
215/KH-UBND
|
*Hòa Bình, ngày
14 tháng 3 năm 2026*
|

**KẾ HOẠCH**

Triển khai kho dữ liệu dùng chung của tỉnh năm 2026
"""

APPENDIX = """
**PHỤ LỤC**

NHIỆM VỤ CỦA CÁC SỞ, NGÀNH

|
**STT**
|
**Nhiệm vụ**
|
**Cơ quan chủ trì**
|
**Cơ quan phối hợp**
|
**Thời gian hoàn thành**
|
**Kinh phí**
|
|
**I**
|
**Hoàn
thiện quy định về dữ liệu**
|
|
1
|
Xây dựng quy chế khai thác
kho dữ liệu dùng chung của tỉnh.
|
Sở Tư pháp
|
Sở Nội vụ
|
Quý III/2026
|
Ngân sách tỉnh
|
|
Hướng dẫn các đơn vị cập nhật
danh mục dữ liệu mở.
|
Sở Khoa học và Công nghệ
|
|
2
|
Rà soát, chuẩn hóa dữ liệu
hộ tịch đã số hóa.
|
Sở Y tế
|
|
Năm 2026 - 2027
|
|
|
3
|
Tập huấn kỹ năng khai thác dữ liệu cho công chức.
|
Sở Giáo dục và Đào tạo
|
Sở Nội vụ
|
Năm 2026-2030
|
|
"""


def test_a_table_written_down_the_page_is_read_a_row_a_line():
    """Each row one line between "|": a cell's lines joined, a run of "|" lines read as empty
    cells inside the row (row 2's support) or at its end (row 3), a group row kept apart, and a
    sub-row without a number (a cell the site merged down) given the number, support, time and
    funding of the row above."""
    rows = [block.text for block in table_blocks(APPENDIX.split("\n"))
            if block.source.startswith("lines")]
    assert rows == [
        "| **STT** | **Nhiệm vụ** | **Cơ quan chủ trì** | **Cơ quan phối hợp** | "
        "**Thời gian hoàn thành** | **Kinh phí** |",
        "| **I** | **Hoàn thiện quy định về dữ liệu** |",
        "| 1 | Xây dựng quy chế khai thác kho dữ liệu dùng chung của tỉnh. | Sở Tư pháp | "
        "Sở Nội vụ | Quý III/2026 | Ngân sách tỉnh |",
        "| 1 | Hướng dẫn các đơn vị cập nhật danh mục dữ liệu mở. | Sở Khoa học và Công nghệ | "
        "Sở Nội vụ | Quý III/2026 | Ngân sách tỉnh |",
        "| 2 | Rà soát, chuẩn hóa dữ liệu hộ tịch đã số hóa. | Sở Y tế |  | Năm 2026 - 2027 |  |",
        "| 3 | Tập huấn kỹ năng khai thác dữ liệu cho công chức. | Sở Giáo dục và Đào tạo | "
        "Sở Nội vụ | Năm 2026-2030 |  |"]


def test_the_rows_of_a_table_written_down_the_page_are_tasks(tmp_path):
    """The plan's appendix gives one task a row, leads and supports from their columns, the
    time cell its deadline ("Năm 2026 - 2027": the end of the range); the two-column header
    (issuer | motto, number | place and date) stays as written and gives the document's fields."""
    path = tmp_path / "ke_hoach.txt"
    path.write_text(HEADER + "\nGiao các sở, ngành thực hiện các nhiệm vụ tại Phụ lục kèm theo.\n"
                    + APPENDIX, encoding="utf-8")
    processed = batch.process_file(path, batch.sha256_of(path), path.stat().st_size)
    meta = processed.meta
    assert (meta.doc_number, meta.issued_date, meta.doc_type) == \
        ("215/KH-UBND", "2026-03-14", "Kế hoạch")
    assert meta.issuer == "Ủy ban nhân dân tỉnh Hòa Bình"
    table_tasks = [(task.text.split()[0], task.deadline,
                    [(a.agency, a.role) for a in task.agencies]) for task in processed.tasks
                   if task.text.startswith(("Xây", "Hướng", "Rà", "Tập"))]
    assert table_tasks == [
        ("Xây", "2026-09-30", [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "support")]),
        ("Hướng", "2026-09-30", [("Sở Khoa học và Công nghệ", "lead"), ("Sở Nội vụ", "support")]),
        ("Rà", "2027-12-31", [("Sở Y tế", "lead")]),
        ("Tập", "2030-12-31", [("Sở Giáo dục và Đào tạo", "lead"), ("Sở Nội vụ", "support")])]


def test_narrow_tables_and_a_lone_pipe_stay_as_written():
    """The two-column header table, a signature block and a "|" line inside a paragraph are no
    table to read a row a line: every line stays a block of its own."""
    text = HEADER + "\nCác sở báo cáo kết quả\n|\ntheo mẫu đính kèm.\n\n|\n*Nơi nhận:*\n" \
        "- Như trên;\n|\n**KT. CHỦ TỊCH**\nPHÓ CHỦ TỊCH\n|\n"
    lines = text.split("\n")
    assert [block.text for block in table_blocks(lines)] == lines


def test_a_copy_without_blank_lines_ends_the_header_table_at_the_title(tmp_path):
    """Class: a copy with no blank line anywhere (tnt305's dataset pages, direct1a D1_04, D1_05)
    runs from the header's last "|" straight into the document's title and body: the header
    table ran on to the signature block and read the body as one cell of a five-cell row, so
    the decision had no task. A "|" line above a type name in capitals ends the table."""
    text = ("|\n**ỦY BAN NHÂN DÂN**\nTỈNH HÒA BÌNH\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
            "|\n|\nSố: 88/QĐ-UBND\n|\n*Hòa Bình, ngày 02 tháng 3 năm 2026*\n|\n"
            "**QUYẾT ĐỊNH**\nVề việc công nhận làng nghề\n**QUYẾT ĐỊNH:**\n"
            "**Điều 1.** Công nhận làng nghề truyền thống.\n"
            "**Điều 2.** Sở Nông nghiệp và Môi trường có trách nhiệm hướng dẫn các xã\n"
            "thực hiện Quyết định này.\n|\n*Nơi nhận:*\n- Như Điều 2;\n|\n"
            "**CHỦ TỊCH**\nNguyễn Văn An\n|")
    blocks = table_blocks(text.split("\n"))
    assert [b.text for b in blocks] == text.split("\n")  # every table narrow: lines as written
    path = tmp_path / "quyet_dinh.txt"
    path.write_text(text, encoding="utf-8")
    processed = batch.process_file(path, batch.sha256_of(path), path.stat().st_size)
    assert [[a.agency for a in t.agencies if a.role == "lead"] for t in processed.tasks] == \
        [["Sở Nông nghiệp và Môi trường"]]



def test_a_letter_without_blank_lines_ends_its_header_table_before_the_body(tmp_path):
    """Class: a letter copied without blank lines (notices11 T11_01, T11_02) has no title after
    its header: the table ran from "Kính gửi" through the body to the signature, one cell of
    3,000 characters, and three letters had no task. A cell too long to be one ends the table."""
    body = ("Thực hiện chỉ đạo của Thủ tướng Chính phủ về cơ sở dữ liệu đất đai, để bảo đảm tiến "
            "độ cập nhật dữ liệu theo kế hoạch đã đề ra trên địa bàn tỉnh,\n") * 12
    text = ("|\n**ỦY BAN NHÂN DÂN**\nTỈNH PHÚ THỌ\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
            "|\n|\nSố: 412/UBND-KT\n|\n*Phú Thọ, ngày 02 tháng 3 năm 2026*\n|\n|\n"
            "**Kính gửi:**\n|\n- Sở Nông nghiệp và Môi trường;\n- UBND các xã, phường.\n|\n"
            f"{body}Chủ tịch UBND tỉnh có ý kiến như sau:\n"
            "1. Giao Sở Nông nghiệp và Môi trường hoàn thành cập nhật dữ liệu trước ngày "
            "30/6/2026.\n|\n*Nơi nhận:*\n- Như trên;\n|\n**KT. CHỦ TỊCH**\nPHÓ CHỦ TỊCH\n|")
    path = tmp_path / "cong_van.txt"
    path.write_text(text, encoding="utf-8")
    processed = batch.process_file(path, batch.sha256_of(path), path.stat().st_size)
    assert [[a.agency for a in t.agencies if a.role == "lead"] for t in processed.tasks] == \
        [["Sở Nông nghiệp và Môi trường"]]


def test_an_appendix_run_on_from_the_signer_table_opens_a_table_of_its_own(tmp_path):
    """Class: a copy without a blank line between the recipients | signer table and the
    appendix (plans12 P12_06) read "Nơi nhận | signer | PHỤ LỤC ... | TT | Nội dung | ..." as the
    task table's first row: its header went unread, and the tasks took the time cells as their
    text. A "|" line above an appendix's title ends the table, as above a document's title."""
    rows = ("|\n|\n1\n|\nRà soát, cập nhật quy chế phối hợp\n|\nSở Nội vụ\n|\n"
            "Các sở, ngành liên quan\n|\nTrước ngày\n30/6/2026\n|\n|\n2\n|\nTổ chức diễn tập "
            "phòng thủ dân sự\n|\nBộ Chỉ huy Quân sự tỉnh\n|\nCác địa phương\n|\nQuý III/2026\n|")
    text = ("Các sở, ngành triển khai Kế hoạch này.\n|\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n|\n"
            "**TM. ỦY BAN NHÂN DÂN**\nCHỦ TỊCH\nLê Văn B\n|\n** **\n**PHỤ LỤC**\n"
            "DANH MỤC NHIỆM VỤ\n*(Kèm theo Kế hoạch số 12/KH-UBND)*\n|\n**TT**\n|\n"
            "**Nội dung thực hiện**\n|\n**Cơ quan chủ trì**\n|\n**Cơ quan phối hợp**\n|\n"
            "**Thời gian hoàn thành**\n" + rows)
    path = tmp_path / "ke_hoach.txt"
    path.write_text(text, encoding="utf-8")
    processed = batch.process_file(path, batch.sha256_of(path), path.stat().st_size)
    assert [(t.text[:20], [a.agency for a in t.agencies if a.role == "lead"], t.deadline)
            for t in processed.tasks][-2:] == [
        ("Rà soát, cập nhật qu", ["Sở Nội vụ"], "2026-06-30"),
        ("Tổ chức diễn tập phò", ["Bộ Chỉ huy Quân sự tỉnh"], "2026-09-30")]


def test_a_row_of_dots_for_rows_left_out_ends_a_row(tmp_path):
    """Class: a copy that marks rows it left out with a cell of dots set off by single "|" lines
    (plans12 P12_06, a new clerk's trial) ran the next row on into the row above and every row
    merged down from it: one task was lost, its cells tacked onto five others. A support cell
    "Sở X và cơ quan, địa phương liên quan" names the department and the group."""
    text = ("Các sở, ngành triển khai Kế hoạch này.\n\n|\n**TT**\n|\n**Nội dung thực hiện**\n|\n"
            "**Cơ quan chủ trì**\n|\n**Cơ quan phối hợp**\n|\n**Thời gian hoàn thành**\n|\n|\n"
            "1\n|\nRà soát quy chế phối hợp\n|\nSở Nội vụ\n|\nSở Tư pháp và cơ quan, địa "
            "phương liên quan\n|\nQuý II/2026\n|\n…...............\n|\n4\n|\nLập quỹ dự "
            "phòng\n|\nSở Tài chính\n|\nCác sở, ngành\n|\nNăm 2026\n|")
    path = tmp_path / "ke_hoach.txt"
    path.write_text(text, encoding="utf-8")
    processed = batch.process_file(path, batch.sha256_of(path), path.stat().st_size)
    assert [(t.text, [a.agency for a in t.agencies if a.role == "lead"],
             [a.agency for a in t.agencies if a.role == "support"], t.deadline)
            for t in processed.tasks][-2:] == [
        ("Rà soát quy chế phối hợp", ["Sở Nội vụ"],
         ["Sở Tư pháp", "Cơ quan, địa phương liên quan"], "2026-06-30"),
        ("Lập quỹ dự phòng", ["Sở Tài chính"], ["Các sở, ngành"], "2026-12-31")]


def test_a_group_title_with_its_number_glued_on_is_no_sub_row():
    """Class: a group row whose one cell holds its number and title in capitals ("**II. HOÀN
    THIỆN ...**", plans11 P11_01) heads the rows below; it takes no cells of the row above, as a
    sub-row without a number would, and so gives no task."""
    table = ("|\nTT\n|\nNhiệm vụ\n|\nCơ quan chủ trì\n|\nCơ quan phối hợp\n|\nThời gian\n|\n|\n"
             "1\n|\nLắp camera tại các nút giao thông chính.\n|\nCông an tỉnh\n|\nSở Xây dựng\n|\n"
             "Năm 2026\n|\n|\n"
             "**III. ĐẢM BẢO AN\nTOÀN GIAO THÔNG ĐƯỜNG THỦY**\n|\n|\n"
             "2\n|\nKiểm tra các bến đò ngang.\n|\nSở Xây dựng\n|\nCông an tỉnh\n|\n"
             "Quý II/2026\n|\n")
    rows = [block.text for block in table_blocks(table.split("\n"))
            if block.source.startswith("lines")]
    assert rows[2] == "| **III. ĐẢM BẢO AN TOÀN GIAO THÔNG ĐƯỜNG THỦY** |"
