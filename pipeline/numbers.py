"""Numbers as the clerk reads them: Vietnamese writes "." between thousands and "," before the
decimals (1.234 nhiệm vụ; 85,7%; 2.000.000 ký tự). Every count, share and size the clerk reads
(messages, letters, reports, pages, chart labels) goes through ``number`` or ``percent``; ids
and dates do not (a clerk types them back)."""
from __future__ import annotations

ENGLISH_TO_VIETNAMESE = str.maketrans(",.", ".,")


def number(value: float, decimals: int = 0) -> str:
    """``value`` rounded to ``decimals`` digits after a decimal comma, its thousands grouped by
    dots: 1234 → "1.234", 1234.56 with 1 → "1.234,6", -5 → "-5"."""
    return f"{value:,.{decimals}f}".translate(ENGLISH_TO_VIETNAMESE)


def percent(share: float, decimals: int = 0) -> str:
    """A share (0–1) as a percentage: 0.857 with 1 → "85,7%", 0.97 → "97%"."""
    return number(share * 100, decimals) + "%"


def tick_label(value: float, position: int | None = None) -> str:
    """A chart axis's count as ``number`` writes it (matplotlib's formatter signature)."""
    return number(value)
