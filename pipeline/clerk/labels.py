"""Vietnamese labels for the codes stored in the database, shared by every output.

The codes and their labels are ``rules/labels.yml``; the store writes the same pairs as the code
tables Datasette joins (``pipeline.store.schema``). Each mapping is ``{code: label}`` in the
file's order.
"""
from __future__ import annotations

from extractors import rules

_LABELS = rules.load()["labels"]
PILLARS: dict[str, str] = _LABELS["pillars"]
RECURRENCES: dict[str, str] = _LABELS["recurrences"]
ROLES: dict[str, str] = _LABELS["roles"]
CHANNELS: dict[str, str] = _LABELS["channels"]


def pillar_label(code: str | None) -> str:
    """The label of a pillar code; an unknown code as it is, ``None`` as ''."""
    return PILLARS.get(code or "", code or "")


def recurrence_label(code: str | None) -> str:
    """The label of a recurrence code; an unknown code as it is, ``None`` as ''."""
    return RECURRENCES.get(code or "", code or "")


def channel_label(code: str | None) -> str:
    """Where a change was made ("cli" → "dòng lệnh"); an unknown code as it is, ``None`` as ''."""
    return CHANNELS.get(code or "", code or "")
