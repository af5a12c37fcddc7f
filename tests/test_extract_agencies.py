"""Agency mentions in whole documents; canonical names and addressee runs are
rules/examples/agencies.yml (tests/test_rule_examples.py)."""
from extractors import nlp
from extractors.names import expand_abbreviations


def test_abbreviations_expand_whole_words_only():
    assert expand_abbreviations("UBND tỉnh, VPUBND") == "Ủy ban nhân dân tỉnh, Văn phòng Ủy ban nhân dân"


def test_province_relative_names_are_resolved_with_the_issuing_province():
    doc = nlp()("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nCông an tỉnh chủ trì triển khai Đề án 06.")
    task, = doc._.tasks
    lead, = task.agencies
    assert (lead.agency, lead.mention, lead.resolved) == ("Công an tỉnh", "Công an tỉnh", "Công an tỉnh Nghệ An")
