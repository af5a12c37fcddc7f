"""Document fields from the seed with a header and from the dev set's official documents."""
import json

import pytest

from conftest import SEEDS, SHARED
from extractors.metadata import extract_metadata
from pipeline.normalize import clean

DEV = SHARED / "corpus" / "dev"


def test_blank_number_and_missing_day():
    meta = extract_metadata(clean((SEEDS / "004_2a4f31bab8b9abc1.txt").read_text(encoding="utf-8")))
    assert meta.doc_number is None and meta.issued_date is None
    assert meta.doc_type == "Thông báo"
    assert meta.issuer == "Văn phòng Ủy ban nhân dân tỉnh Đắk Nông"
    assert meta.title.startswith("Kết luận cuộc họp lần thứ nhất")


@pytest.mark.parametrize("name", ["A_13", "B_02", "B_06", "B_10", "B_13", "A_03", "C_04"])
def test_number_and_date_match_the_gold(name):
    if not DEV.exists():
        pytest.skip("../shared/corpus/dev is not beside the clone")
    gold = json.loads((DEV / "gold" / f"{name}.json").read_text(encoding="utf-8"))["doc"]
    meta = extract_metadata(clean((DEV / "docs" / f"{name}.txt").read_text(encoding="utf-8")))
    assert (meta.doc_number, meta.issued_date) == (gold["number"], gold["date"])


def test_a_news_timestamp_gives_the_year_of_deadlines_written_without_one():
    meta = extract_metadata(clean((SEEDS / "003_49c6bc58c0b4855e.txt").read_text(encoding="utf-8")))
    assert meta.year_hint == 2022 and meta.issued_date is None
