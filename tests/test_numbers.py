"""Counts, shares and sizes reach the clerk as Vietnamese writes them ("1.234", "85,7%"), through
pipeline.numbers, and no clerk-facing format of the code or the rules groups digits the English
way."""
import re

import pytest

from conftest import ROOT
from pipeline import numbers
from pipeline.clerk import parse, report
from pipeline.readers import quality


@pytest.mark.parametrize(("value", "decimals", "written"), [
    (0, 0, "0"), (999, 0, "999"), (1234, 0, "1.234"), (2_000_000, 0, "2.000.000"),
    (1234.56, 1, "1.234,6"), (-1234, 0, "-1.234"), (0.5, 2, "0,50")])
def test_number(value, decimals, written):
    assert numbers.number(value, decimals) == written


def test_percent():
    assert (numbers.percent(0.857, 1), numbers.percent(0.97), numbers.percent(1)) == \
        ("85,7%", "97%", "100%")


def test_what_the_clerk_reads_goes_through_it():
    with pytest.raises(parse.ParseError, match=r"10\.001 ký tự, quá giới hạn 10\.000"):
        parse.free_text("x" * 10_001)
    assert report.rate_text(0.857) == "85,7%"
    low = quality.review_reasons("abc", 0.255, task_count=1, page_methods=None)
    assert any("(26% số từ" in reason for reason in low), low


# A format field that groups digits (",") or makes a percentage ("%") is English: 1,234 and 85.7%
ENGLISH_FIELD = re.compile(r"\{[^{}:\n]*:[<>=^]?[-+ ]?#?0?\d*(?:,(?:\.\d+)?[a-z%]?|(?:\.\d+)?%)\}")
# the maintainers' tools, whose figures are for the developers (make eval, make train)
MAINTAINERS = {"pipeline/evaluate.py", "pipeline/training.py", "pipeline/corpus.py"}
CLERK_FACING = [p for p in [*(ROOT / "pipeline").rglob("*.py"), *(ROOT / "rules").glob("*.yml")]
                if p.relative_to(ROOT).as_posix() not in MAINTAINERS]


@pytest.mark.parametrize("path", CLERK_FACING, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_english_number_format_reaches_the_clerk(path):
    found = ENGLISH_FIELD.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{found}: use pipeline.numbers.number or percent"
