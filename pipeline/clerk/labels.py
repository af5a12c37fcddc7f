"""Vietnamese labels for the codes stored in the database, shared by every output.

The codes and their labels are ``rules/labels.yml``; the store writes the same pairs as the code
tables Datasette joins (``pipeline.store.schema``). Each mapping is ``{code: label}`` in the
file's order.
"""
from __future__ import annotations

import regex

from extractors import rules

_LABELS = rules.load()["labels"]
PILLARS: dict[str, str] = _LABELS["pillars"]
RECURRENCES: dict[str, str] = _LABELS["recurrences"]
ROLES: dict[str, str] = _LABELS["roles"]
CHANNELS: dict[str, str] = _LABELS["channels"]
LOCATIONS: dict[str, str] = _LABELS["locations"]
_LOCATION_WORDS = regex.compile(r"\b(?:" + "|".join(map(regex.escape, LOCATIONS)) + r")\b")


def pillar_label(code: str | None) -> str:
    """The label of a pillar code; an unknown code as it is, ``None`` as ''."""
    return PILLARS.get(code or "", code or "")


def recurrence_label(code: str | None) -> str:
    """The label of a recurrence code; an unknown code as it is, ``None`` as ''."""
    return RECURRENCES.get(code or "", code or "")


def channel_label(code: str | None) -> str:
    """Where a change was made ("cli" → "dòng lệnh"); an unknown code as it is, ``None`` as ''."""
    return CHANNELS.get(code or "", code or "")


def location_label(source: str | None) -> str:
    """Where a passage was read, in Vietnamese: "table 2 row 3 cell 1" → "bảng 2 hàng 3 ô 1",
    "page 4 (OCR)" → "trang 4 (nhận dạng ảnh)"; ``None`` as ''."""
    return _LOCATION_WORDS.sub(lambda word: LOCATIONS[word[0]], source or "")
