"""What the clerk reads comes from rules/messages.yml: every key the code asks for is there, and
the review reasons the extractor writes are Vietnamese."""
import re

import pytest

from conftest import ROOT
from extractors import extract_document, rules

# extractors.rules.message, not followup.message (rules/followup.yml)
CALLS = {"say": "messages", r"(?<!\.)message": "messages", "review_reason": "review_reasons",
         "column_name": "columns"}
SOURCES = sorted(p for room in ("pipeline", "extractors") for p in (ROOT / room).rglob("*.py"))


def used_keys() -> set[tuple[str, str, str]]:
    """(section, key, file) of every literal key passed to say, message, review_reason,
    column_name."""
    found = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for call, section in CALLS.items():
            for key in re.findall(rf"\b{call}\(\s*\"(\w+)\"", text):
                found.add((section, key, path.name))
    return found


def test_the_code_asks_for_messages():
    assert {section for section, _, _ in used_keys()} == set(CALLS.values())


@pytest.mark.parametrize("section, key, where", sorted(used_keys()))
def test_every_message_the_code_uses_exists(section, key, where):
    assert key in rules.load()["messages"][section], \
        f"{where} uses {section}.{key}, which rules/messages.yml lacks"


def test_review_reasons_are_vietnamese():
    text = ("Giao Ban Quản lý chợ thị xã Buôn Hồ khảo sát hạ tầng, hoàn thành trước ngày "
            "15/9/2022.")
    [task] = extract_document(text).tasks
    assert task.review_reasons == ["Cơ quan chưa có trong danh mục: "
                                   "Ban Quản lý chợ thị xã Buôn Hồ"]
