"""Document fields: số ký hiệu, type, issuer, issue date, title (trích yếu), province.

Official documents carry them in a header ("Số: 43/KH-UBND", "Vĩnh Long, ngày 06 tháng 6 năm
2022", "KẾ HOẠCH"); news items relaying a directive state them in a sentence ("UBND tỉnh ban
hành Công văn số 846/UBND-TH"). Dates of documents the text only cites are never the issue date.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import lru_cache

import regex

from .model import DocumentMeta
from .text import fold

from . import rules
from .names import expand_abbreviations

HEADER_LINES = 40
NUMBER = r"(\d{1,6}(?:/\d{4})?\s*/\s*[\p{Lu}Đ][\p{L}\d&]*(?:\s*-\s*[\p{Lu}Đ][\p{L}\d&]*)*)"
NATIONAL_MOTTO = regex.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc|[|]|-{3,}",
                               regex.I)
DATE_WORDS = regex.compile(r"ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})\s+năm\s+(\d{4})", regex.I)
NUMERIC_DATE = regex.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
SHORT_DATE = regex.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
YEAR = regex.compile(r"(?<!\d)(19[6-9]\d|20\d\d)(?!\d)")


@lru_cache(maxsize=1)
def _data():
    data = rules.load()
    types = data["doc_types"]
    type_names = sorted((t["name"] for t in types["types"]), key=len, reverse=True)
    places = data["provinces"]["provinces"] + data["provinces"]["cities"]
    place_alt = "|".join(regex.escape(p) for p in sorted(places, key=len, reverse=True))
    return {
        "types": {fold(t["name"]): t for t in types["types"]},
        "type_by_code": {t["code"]: t["name"] for t in types["types"] if t.get("code")},
        "type_line": regex.compile(r"^\s*(" + "|".join(regex.escape(n.upper()) for n in type_names)
                                   + r")\s*$"),
        "type_names": type_names,
        "issuer_codes": types["issuer_codes"],
        "issuing": regex.compile(
            r"(?:" + "|".join(regex.escape(v) for v in types["issuing_verbs"]) + r")\s+("
            + "|".join(regex.escape(n) for n in type_names) + r")\s+số\s*" + NUMBER, regex.I),
        "number_line": regex.compile(r"(?:^|\s)Số\s*(?:hiệu)?\s*[:.]?\s*(" + NUMBER[1:-1]
                                     + r"|/\s*[\p{Lu}Đ][\p{L}\d&-]*)", regex.M),
        "place_date": regex.compile(r"([\p{Lu}][\p{L}. -]{1,30}),\s*ngày\s+(\d{1,2})?\s*tháng\s+"
                                    r"(\d{1,2})\s+năm\s+(\d{4})"),
        "province": regex.compile(r"(?:tỉnh|TỈNH|thành phố|THÀNH PHỐ|Tỉnh)\s+(" + place_alt + r"|"
                                  + place_alt.upper() + r")(?!\p{L})"),
        "places": {fold(p): p for p in places},
    }


def iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def title_case_place(name: str) -> str:
    return _data()["places"].get(fold(name), name.title())


def find_province(text: str) -> str | None:
    """The commonest "tỉnh X"; "thành phố X" only when no province is named (a city may lie
    inside the province that issues the document, as Huế in Thừa Thiên Huế)."""
    by_level: dict[bool, Counter] = {True: Counter(), False: Counter()}
    for match in _data()["province"].finditer(text):
        by_level[fold(match.group(0)).startswith("tỉnh")][title_case_place(match.group(1))] += 1
    counts = by_level[True] or by_level[False]
    return counts.most_common(1)[0][0] if counts else None


def header_issuer(lines: list[str], province: str | None) -> str | None:
    """The issuing body from the left column of the header ("ỦY BAN NHÂN DÂN / TỈNH VĨNH LONG")."""
    parts = []
    for line in lines[:8]:
        cleaned = NATIONAL_MOTTO.sub(" ", line).strip(" -_|")
        if cleaned.startswith(("Số", "V/v")) or regex.search(r"\d", cleaned) or \
                _data()["type_line"].match(cleaned):
            break
        if not cleaned or not parts and not cleaned.isupper():  # blank, or junk before the header
            if parts:
                break
            continue
        if not cleaned.isupper():
            break
        parts.append(cleaned)
    if not parts:
        return None
    issuer = expand_abbreviations(" ".join(parts))
    folded = fold(issuer)
    issuer = issuer[0] + folded[1:]
    if province and fold(province) in folded:
        return issuer[: folded.index(fold(province))] + province
    if province and folded in ("ủy ban nhân dân", "hội đồng nhân dân"):
        return f"{issuer} tỉnh {province}"  # the province came from the place-date line
    return issuer


def issuer_from_code(number: str | None, province: str | None) -> str | None:
    if not number or "-" not in number.split("/")[-1]:
        return None
    code = number.split("/")[-1].split("-")[-1].strip()
    body = _data()["issuer_codes"].get(code)
    if body is None:
        return None
    return f"{body} tỉnh {province}" if province else body


TIMESTAMP = regex.compile(
    r"^\s*(?:(?:Thứ\s+\S+|Chủ\s+nhật)\s*,?\s*)?(?:\d{1,2}:\d{2}\s*(?:\(GMT[^)]*\))?\s*[,-]?\s*)?"
    r"(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*(\d{4})(?:\s*[,-]?\s*\d{1,2}:\d{2}(?:\s*\(GMT[^)]*\))?)?\s*$",
    regex.M | regex.I)


def article_year(text: str) -> int | None:
    """The year of a news item's timestamp line ("10:12, 21/10/2022") near its top."""
    match = TIMESTAMP.search("\n".join(text.split("\n")[:HEADER_LINES]))
    return int(match.group(1)) if match else None


def year_hint(text: str) -> int | None:
    """The year the text is written in: the commonest year of its full dates, else of any year.

    Programme horizons ("đến năm 2030") are years too, but rarely full dates."""
    full = Counter(int(y) for _, _, y in NUMERIC_DATE.findall(text))
    full.update(int(y) for _, _, y in DATE_WORDS.findall(text))
    years = full or Counter(int(y) for y in YEAR.findall(text))
    return max(years, key=lambda y: (years[y], y)) if years else None


NEWS_SUBJECT = (r"((?:Phó\s+)?(?:Chủ tịch\s+)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Thủ tướng|Bộ|Sở|"
                r"Ban|Văn phòng)[^,.;:\n]{0,70}?)")


def _news_lead(text: str, verbs: str) -> regex.Match | None:
    """ "[Ngày 7/1,] Chủ tịch UBND tỉnh X [vừa] [ký] ban hành ...": a news item's relayed act,
    not a report of what was done ("Sở ... đã ban hành")."""
    pattern = (r"(?:^|\n|\.\s)\s*(?:(?:Ngày|Sáng|Chiều|Hôm)\s+(?:ngày\s+)?(\d{1,2})\s*[/-]\s*"
               r"(\d{1,2})(?:\s*[/-]\s*(\d{4}))?\s*,\s*)?(?:(?:Theo đó|Cụ thể|Đồng thời|Trước đó),\s*)?"
               + NEWS_SUBJECT
               + r"\s+(?:cũng\s+)?(?:vừa\s+)?(?:ký\s+)?(?:" + verbs + r")\b")
    return next((m for m in regex.finditer(pattern, text)
                 if not regex.search(r"\s(?:đã|từng)$", m.group(4))), None)


def _subject_issuer(subject: str, province: str | None, number: str | None) -> str:
    """The issuing body named by a news subject, without the office holder's personal name."""
    issuer = expand_abbreviations(subject.strip())
    level = regex.search(r"\b(tỉnh|thành phố)(?:\s+(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*)*))?", issuer)
    if level:
        place = level.group(2)
        known = place and fold(place) in _data()["places"]
        issuer = issuer[:level.end(1)] + (f" {title_case_place(place)}" if known else "")
        if not known and province and level.group(1) == "tỉnh":
            issuer += f" {province}"
    body = issuer_from_code(number, None)
    if body and level and not issuer.startswith(body):  # "Chỉ thị số 04/CT-UBND": the UBND issues it
        issuer = body + issuer[level.start() - 1:]
    return issuer


def news_metadata(text: str, meta: DocumentMeta) -> None:
    """Fields of the directive a news item relays, when the text states them."""
    data = _data()
    relayed = data["issuing"].search(text)
    if relayed:
        meta.doc_type = relayed.group(1).capitalize()
        meta.doc_number = regex.sub(r"\s+", "", relayed.group(2))
        after = text[relayed.end(): relayed.end() + 40].lstrip(" ,").removeprefix("ngày").strip()
        dated = NUMERIC_DATE.match(after) or DATE_WORDS.match(after)
        if dated and dated.group(1):
            meta.issued_date = iso(int(dated.group(3)), int(dated.group(2)), int(dated.group(1)))
    lead = _news_lead(text, "ban hành|banh|có|gửi|phát hành|yêu cầu|giao|đề nghị|chỉ đạo|phân công")
    if not lead:
        return
    meta.issuer = _subject_issuer(lead.group(4), meta.province, meta.doc_number)
    if meta.issued_date is None and lead.group(1) and (relayed or _news_lead(
            text, "ban hành|banh|ký|gửi|phát hành")):
        day, month = int(lead.group(1)), int(lead.group(2))
        year = int(lead.group(3)) if lead.group(3) else _year_before(text, day, month)
        meta.issued_date = iso(year, month, day) if year else None


def _year_before(text: str, day: int, month: int) -> int | None:
    """The year of "Ngày 21/5" in a news item: the latest cited date's year, else the text's year."""
    cited = [dt.date(int(y), int(m), int(d)) for d, m, y in NUMERIC_DATE.findall(text)
             if iso(int(y), int(m), int(d))]
    return max(cited).year if cited else year_hint(text)


def extract_metadata(text: str) -> DocumentMeta:
    data = _data()
    lines = [line.strip() for line in text.split("\n")]
    header = "\n".join(lines[:HEADER_LINES])
    meta = DocumentMeta(province=find_province(text), year_hint=article_year(text) or year_hint(text))

    number = data["number_line"].search(header)
    printed_number = regex.sub(r"\s+", "", number.group(1)) if number else None
    if printed_number:
        meta.doc_number = None if printed_number.startswith("/") else printed_number
        code = printed_number.split("/")[-1].split("-")[0]
        meta.doc_type = data["type_by_code"].get(code)
    place_date = data["place_date"].search(regex.sub(r"\s+", " ", header))
    if place_date and fold(place_date.group(1).strip()) in data["places"]:
        meta.province = title_case_place(place_date.group(1).strip())
    if place_date:
        day, month, year = place_date.group(2), int(place_date.group(3)), int(place_date.group(4))
        meta.issued_date = iso(year, month, int(day)) if day else None
        meta.year_hint = year
    type_line = next(((i, match) for i, line in enumerate(lines[:HEADER_LINES])
                      if (match := data["type_line"].match(line))), None)
    if type_line:
        meta.doc_type = type_line[1].group(1).capitalize()
        meta.title = _title_after(lines, type_line[0])
    elif meta.doc_number and "/UBND-" in meta.doc_number.upper():
        meta.doc_type = "Công văn"
    vv = regex.search(r"^V/v\s+(.+)$", header, regex.M)
    if vv and not meta.title:
        meta.title = vv.group(1).strip()
    if meta.doc_number or place_date:
        meta.issuer = header_issuer(lines, meta.province) or issuer_from_code(printed_number,
                                                                              meta.province)
        return meta

    news_metadata(text, meta)
    first = next((line for line in lines if line), "")
    if len(first) < 200 and not first.endswith("."):
        meta.title = first
    return meta


def _title_after(lines: list[str], type_index: int) -> str | None:
    title = []
    for line in lines[type_index + 1: type_index + 6]:
        if not line:
            if title:
                break
            continue
        if line.startswith(("Căn cứ", "Kính gửi", "Thực hiện")) or line.isupper() and title and \
                not title[-1].isupper():
            break
        title.append(line)
    return " ".join(title) or None
