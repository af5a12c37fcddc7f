"""Each spaCy component states its contract, is run alone after the ones before it, and leaves
plain data on the Doc (records with fields, spans), never a live helper object."""
import dataclasses

import pytest
from spacy.tokens import SpanGroup

from extractors import nlp
from extractors.language import COMPONENTS, EXTENSIONS
from extractors.tokenizer import Word

PLAN = "\n".join([
    "ỦY BAN NHÂN DÂN",
    "TỈNH ĐẮK NÔNG",
    "Số: 43/KH-UBND",
    "Đắk Nông, ngày 06 tháng 6 năm 2022",
    "KẾ HOẠCH",
    "Chuyển đổi số năm 2022",
    "I. NHIỆM VỤ",
    "1. Về Hạ tầng số:",
    "- Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Tài chính rà soát vùng "
    "lõm sóng di động, hoàn thành trước ngày 30/9/2022.",
    "2. Sở Y tế:",
    "- Hằng tháng, báo cáo UBND tỉnh kết quả cung cấp dịch vụ công trực tuyến.",
    "3. Xây dựng cơ sở dữ liệu ngành y tế.",
    "- Cơ quan chủ trì: Sở Y tế.",
    "- Thời gian thực hiện: Quý IV/2022.",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT.",
    "",
])


def run_until(name, text=PLAN):
    """The doc after the tokenizer and the components up to and including ``name``."""
    doc = nlp().make_doc(text)
    for component_name, component in nlp().pipeline[:COMPONENTS.index(name) + 1
                                                    if name in COMPONENTS else 0]:
        doc = component(doc)
    return doc


def assert_plain_data(value, where):
    """Records with fields, lists and scalars all the way down: no helper objects, no dicts."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            assert_plain_data(item, f"{where}[{i}]")
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            assert_plain_data(getattr(value, item.name), f"{where}.{item.name}")
    else:
        pytest.fail(f"{where} holds a {type(value).__name__}, not data")


def test_analyze_pipes_reports_no_problem():
    analysis = nlp().analyze_pipes()
    assert analysis["problems"] == {name: [] for name in COMPONENTS}
    for name in COMPONENTS:
        assert nlp().get_pipe_meta(name).assigns, f"{name} declares nothing it assigns"


@pytest.mark.parametrize("name", COMPONENTS)
def test_each_component_sets_what_it_declares_and_only_data(name):
    before, after = run_until(COMPONENTS[COMPONENTS.index(name) - 1] if name != COMPONENTS[0]
                              else "tokenizer"), run_until(name)
    for attribute in nlp().get_pipe_meta(name).assigns:
        if attribute.startswith("doc._."):
            extension = attribute.removeprefix("doc._.")
            assert getattr(after._, extension) is not None
            if name != "vi_pillars":  # vi_pillars completes the tasks vi_tasks assigned
                assert getattr(before._, extension) is None
    for extension in EXTENSIONS:
        assert_plain_data(getattr(after._, extension), f"doc._.{extension}")


def test_tokenizer_sets_text_folded_and_words():
    doc = run_until("tokenizer", "Giám đốccác Sở  Tài chính")
    assert doc._.text == "Giám đốccác Sở  Tài chính" and doc._.folded == "giám đốccác sở  tài chính"
    words = doc._.words
    assert [w.text for w in words] == ["Giám", "đốc", "các", "Sở", "Tài", "chính"]
    assert all(isinstance(w, Word) and doc._.text[w.start_char:w.end_char] == w.text
               and doc[w.token].text == w.text and doc[w.token].norm_ == w.norm for w in words)


def test_metadata_assigns_the_header_fields():
    meta = run_until("vi_metadata")._.meta
    assert (meta.doc_number, meta.doc_type, meta.issued_date, meta.province) == (
        "43/KH-UBND", "Kế hoạch", "2022-06-06", "Đắk Nông")
    assert meta.issuer == "Ủy ban nhân dân tỉnh Đắk Nông"


def test_agencies_are_spans():
    doc = run_until("vi_agencies")
    spans = doc.spans["agencies"]
    assert isinstance(spans, SpanGroup)
    assert {"Sở Thông tin và Truyền thông", "Sở Tài chính", "Sở Y tế"} <= {s.text for s in spans}


def test_structure_assigns_blocks_with_ranks_and_zones():
    doc = run_until("vi_structure")
    blocks = doc._.blocks
    by_text = {doc._.text[b.content_start_char:b.end_char].split("\n")[0]: b for b in blocks}
    heading = by_text["Về Hạ tầng số:"]
    bullet = next(b for b in blocks if b.parent == heading.index)
    assert heading.marker == "arabic" and bullet.marker == "dash" and bullet.rank > heading.rank
    assert by_text["Nơi nhận:"].excluded == "recipients" and not by_text["Nơi nhận:"].sentences


def test_times_assigns_deadlines_and_recurrences():
    doc = run_until("vi_times")
    assert [(t.kind, t.value, t.strength) for t in doc._.times if t.strength] == [
        ("date", "2022-09-30", 3), ("quarter", "2022-12-31", 3)]
    assert [r.value for r in doc._.recurrences] == ["monthly"]


def test_roles_assigns_headings_clauses_and_labelled_items():
    doc = run_until("vi_roles")
    headings = {h.title: h for h in doc._.headings}
    assert headings["Về Hạ tầng số"].pillar == "ha_tang_so"
    assert [a.agency for a in headings["Sở Y tế"].assignment.leads] == ["Sở Y tế"]
    first = next(c for c in doc._.clauses
                 if "vùng lõm" in doc._.text[c.start_char:c.end_char]).reading.assignment
    assert ([a.agency for a in first.leads], [a.agency for a in first.supports],
            first.lead_evidence) == (["Sở Thông tin và Truyền thông"], ["Sở Tài chính"], "subject")
    item, = doc._.attributes
    assert [a.agency for a in item.assignment.leads] == ["Sở Y tế"] and len(item.time_spans) == 1
    assert doc._.table_rows == []


def test_tasks_assigns_tasks():
    tasks = run_until("vi_tasks")._.tasks
    assert [(t.deadline, t.recurrence) for t in tasks] == [
        ("2022-09-30", None), (None, "monthly"), ("2022-12-31", None)]
    assert [[a.agency for a in t.agencies if a.role == "lead"] for t in tasks] == [
        ["Sở Thông tin và Truyền thông"], ["Sở Y tế"], ["Sở Y tế"]]


def test_pillars_completes_the_tasks_pillar():
    assert [t.pillar for t in run_until("vi_pillars")._.tasks] == [
        "ha_tang_so", "chinh_quyen_so", "chinh_quyen_so"]
