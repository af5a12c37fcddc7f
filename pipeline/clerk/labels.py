"""Vietnamese labels for the codes stored in the database, shared by every output."""
from __future__ import annotations

PILLARS = {
    "nhan_thuc_so": "Nhận thức số",
    "the_che_so": "Thể chế số",
    "ha_tang_so": "Hạ tầng số",
    "nhan_luc_so": "Nhân lực số",
    "an_toan_thong_tin": "An toàn thông tin mạng",
    "chinh_quyen_so": "Hoạt động chính quyền số",
    "kinh_te_so": "Hoạt động kinh tế số",
    "xa_hoi_so": "Hoạt động xã hội số",
}

RECURRENCES = {
    "daily": "Hằng ngày",
    "weekly": "Hằng tuần",
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "semiannual": "6 tháng",
    "annual": "Hằng năm",
    "periodic": "Định kỳ",
}

ROLES = {"lead": "Chủ trì", "support": "Phối hợp"}


def pillar_label(code: str | None) -> str:
    return PILLARS.get(code, code or "")


def recurrence_label(code: str | None) -> str:
    return RECURRENCES.get(code, code or "")
