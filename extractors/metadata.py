"""Document fields: số ký hiệu, type, issuer, issue date, title (trích yếu), province.

Official documents carry them in a header ("Số: 43/KH-UBND", "Vĩnh Long, ngày 06 tháng 6 năm
2022", "KẾ HOẠCH"); news items relaying a directive state them in a sentence ("UBND tỉnh ban
hành Công văn số 846/UBND-TH"). Dates of documents the text only cites are never the issue date.
The patterns and words are ``rules/metadata.yml`` (with ``doc_types.yml`` and ``provinces.yml``).
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

import regex

from . import rules
from .model import DocumentMeta
from .names import expand_abbreviations, known_entry, lexicons, loose_key, place_body
from .rules import alternation, phrase
from .text import fold, strip_accents

HEADER_LINES = 40  # the header and a news item's timestamp sit in the first lines
ISSUER_LINES = 8  # the issuer's lines and the junk an OCR or a web page puts before them
STRAY_LETTERS = regex.compile(r"^(?:\p{L}\s+)+(?=\p{L}{2})")  # a scan's seal read as "Ặ ỦY BAN ..."
NAME_BELOW_ISSUER = 4  # how many written lines above the country's name the issuer may start
LOCAL_PLACE_WORDS = 2  # most district and commune names are two syllables (Núi Thành, Cam Lâm)
TITLE_CHARS = 200  # a headline or a trích yếu's line is shorter; a paragraph may be longer
RELAYED_DATE_CHARS = 40  # how far after "Công văn số 846/UBND-TH" its date is looked for
NUMBER_LABELS = ("", "so", "so hieu", "so ky hieu")  # what a clerk copies before a number
NUMBER_LABEL = regex.compile(r"[\s:.]*(?:" + "|".join(  # ... at a text's start, accents aside
    label.replace(" ", r"\s+") for label in sorted(NUMBER_LABELS, key=len, reverse=True)
    if label) + r")(?!\w)[\s:.]*")
EARLIER_REACH = 300  # characters before a match searched for its sentence's "Trước đó,"
NUMBER_DATE = regex.compile(r"^[\s,]*(?:ngày|ngay)\b.*", regex.IGNORECASE | regex.DOTALL)
NUMERIC_DATE = regex.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
YEAR = regex.compile(r"(?<!\d)(19[6-9]\d|20\d\d)(?!\d)")


@lru_cache(maxsize=1)
def _data() -> dict:
    data = rules.load()
    types, provinces = data["doc_types"], data["provinces"]
    type_names = [t["name"] for t in types["types"]]
    places = provinces["provinces"] + provinces["cities"]
    levels = {fold(level) for level in provinces["levels"]}
    local_levels = alternation([fold(level) for level in provinces["local_levels"]])
    return {
        **data["metadata"],
        "type_by_code": {t["code"]: t["name"] for t in types["types"] if t.get("code")},
        "letter_type": next(t["name"] for t in types["types"] if not t.get("code")),
        "plain_types": {strip_accents(n): n.capitalize() for n in type_names},
        "issuer_codes": types["issuer_codes"],
        "national_codes": set(types["national_codes"]),
        "province": regex.compile(r"(?:" + "|".join(map(regex.escape, provinces["levels"]))
                                  + r")\s+(" + alternation(places) + "|"
                                  + alternation([p.upper() for p in places]) + r")(?!\p{L})"),
        "province_word": provinces["province_word"],
        "bare_province": regex.compile(r"(?<!\p{L})(" + alternation(provinces["provinces"])
                                       + r")(?!\p{L})"),
        "city_word": provinces["city_word"],
        "cities": {fold(c) for c in provinces["cities"]},
        "family_names": set(provinces["family_names"]),
        "middle_names": set(provinces["middle_names"]),
        "places": {loose_key(p): p for p in places},  # "Thừa Thiên - Huế" is Thừa Thiên Huế
        "plain_places": {strip_accents(p): p for p in places},
        "plain_levels": {strip_accents(level): level for level in levels},
        "bare_councils": {fold(c) for c in data["metadata"]["bare_councils"]},
        "body_start": regex.compile(r"(?:" + alternation(data["metadata"]["issuing_body_starts"])
                                    + r")(?!\p{L})"),
        "offices_of_superior": {fold(o) for o in data["metadata"]["offices_of_superior"]},
        "units_of_superior": tuple(fold(u) + " " for u in data["metadata"]["units_of_superior"]),
        "place_of_body": regex.compile(r"(?:^|\s)(?P<place>(?:" + alternation(sorted(levels))
                                       + "|" + local_levels + r")\s+\S.*)$"),
        "local_place": regex.compile(r"(?<=(?:^|\s)(?:" + local_levels
                                     + r")\s)(?P<place>\p{Ll}[\p{Ll}\s-]*)$"),
        "caption": data["structure"]["caption"],
        # a sentence opening so tells of an earlier document ("Trước đó, ngày 10/1/2020, UBND
        # thành phố có Báo cáo số 09/BC-UBND ..."; cues.yml ``earlier``): not the one relayed
        "earlier": regex.compile(r"(?:^|[.\n])\s*(?:" + alternation(
            [fold(cue) for cue in data["cues"]["earlier"]]) + r")\b[^.\n]*$"),
    }


def known_type(name: str) -> str | None:
    """The type of ``rules/doc_types.yml`` a name is, accents and case aside ("cong van" →
    "Công văn"); None for another."""
    return _data()["plain_types"].get(strip_accents(name.strip()))


def type_of_line(line: str) -> str | None:
    """The type a header's line in capitals names ("KẾ HOẠCH" → "Kế hoạch"), also when OCR
    misread its accents ("QUYÉT ĐỊNH"); None for any other line."""
    cleaned = line.strip()
    return known_type(cleaned) if cleaned.isupper() else None


def typed_number(text: str) -> str | None:
    """The số ký hiệu a clerk typed, without the "Số:" label or closing mark copied with it and
    without spaces ("Số: 215 / TB-VPUBND." → "215/TB-VPUBND"), when ``text`` is one number of
    the printed shape (``metadata.yml`` ``number``), in capitals as Nghị định 30/2020/NĐ-CP
    (Phụ lục I) prints every ký hiệu, whatever case it is typed in ("Số: 215/tb-vpubnd." →
    "215/TB-VPUBND": new-clerk trials, a lower-case copy was stored apart from the printed one),
    a document's closing "./." left out too, and the date a line goes on with ("215/TB-VPUBND
    ngày 07/9/2022": new-clerk trial); None for any other text."""
    upper = text.upper()
    found = _data()["number"].search(upper if len(upper) == len(text) else text)
    if not found or NUMBER_DATE.sub("", text[found.end():]).strip(" .;,/") or \
            strip_accents(fold(text[:found.start()])).strip(" :.") not in NUMBER_LABELS:
        return None
    return without_spaces(text[found.start():found.end()]).upper()


def without_spaces(number: str) -> str:
    """A số ký hiệu as printed, without the spaces a copy or a draft's blank left in it
    ("33   /2025/QĐ-UBND" → "33/2025/QĐ-UBND")."""
    return regex.sub(r"\s+", "", number)


def without_number_label(text: str) -> str:
    """``text`` without the label a clerk copies before a number ("Số:", "Số ký hiệu",
    ``NUMBER_LABELS``, accents and case aside): "Số 09 - NQ/TU" → "09 - NQ/TU"."""
    key = strip_accents(fold(text))
    found = NUMBER_LABEL.match(key)
    return text[found.end():] if found and len(key) == len(text) else text


def type_of_number(number: str) -> str | None:
    """The type a số ký hiệu's code names ("561/KH-UBND" → "Kế hoạch"); for a number of issuer
    and drafting unit with no type code ("1669/UBND-VX", "2844/VPCP-KSTT"), as a công văn's is
    (Nghị định 30/2020/NĐ-CP, Phụ lục I), the type whose rules/doc_types.yml code is null
    ("Công văn"); None for another."""
    codes = number.split("/")[-1].split("-")
    data = _data()
    if codes[0] in data["type_by_code"]:
        return data["type_by_code"][codes[0]]
    return data["letter_type"] if len(codes) > 1 else None


def iso(year: int, month: int, day: int) -> str | None:
    """The ISO date, or None when there is no such day."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def known_place(name: str) -> str | None:
    """A province or city as rules/provinces.yml writes it ("ĐẮK NÔNG" → "Đắk Nông"), matched
    without accents when OCR misread them ("LAM ĐÓNG" → "Lâm Đồng"); None for another place."""
    data = _data()
    return data["places"].get(loose_key(name)) or data["plain_places"].get(strip_accents(name))


def _place_before_date(text: str) -> str | None:
    """The known place that ends the words before ", ngày" (a line joined to the one before it
    may lead them: "CT-UBND Thủ Dầu Một")."""
    words = text.split()
    return next((place for i in range(len(words))
                 if (place := known_place(" ".join(words[i:])))), None)


def is_city(province: str) -> bool:
    """Whether a province of rules/provinces.yml is a centrally-run city ("Đà Nẵng")."""
    return fold(province) in _data()["cities"]


def province_name(province: str) -> str:
    """ "tỉnh Nghệ An", or "thành phố Đà Nẵng" for a centrally-run city (rules/provinces.yml)."""
    data = _data()
    return f"{data['city_word'] if is_city(province) else data['province_word']} {province}"


def title_case_place(name: str) -> str:
    """A province or city as rules/provinces.yml writes it, another place with capitals."""
    return known_place(name) or name.title()


def find_province(text: str) -> str | None:
    """The commonest "tỉnh X"; "thành phố X" only when no province is named (a city may lie
    inside the province that issues the document, as Huế in Thừa Thiên Huế); else the commonest
    province named bare, as a provincial paper writes its own ("trên địa bàn Thanh Hóa"). A city
    named bare is not taken: every text may name the capital."""
    data = _data()
    by_level: dict[bool, Counter] = {True: Counter(), False: Counter()}
    for match in data["province"].finditer(text):
        is_province = fold(match.group(0)).startswith(data["province_word"])
        by_level[is_province][title_case_place(match.group(1))] += 1
    counts = by_level[True] or by_level[False] or Counter(data["bare_province"].findall(text))
    return counts.most_common(1)[0][0] if counts else None


def header_issuer(lines: list[str], province: str | None) -> str | None:
    """The issuing body from the left column of the header ("ỦY BAN NHÂN DÂN / TỈNH VĨNH LONG"),
    completed with the province; under a superior body ("UBND TỈNH QUẢNG NAM / SỞ THÔNG TIN VÀ
    TRUYỀN THÔNG") the lower one, named with its superior's place. None when the header names
    none."""
    parts = _issuer_lines(lines)
    if not parts:
        return None
    superior, body = _superior_and_body(parts)
    issuer = _body_name(" ".join(body))
    if superior and not _data()["place_of_body"].search(fold(issuer)):
        issuer = _under_superior(issuer, _body_name(" ".join(superior)))
    return _completed_with_province(_repaired_place(issuer, province), province)


def authority_issuer(lines: list[str], province: str | None) -> str | None:
    """The body a resolution or decision names in its authority line, in capitals right above
    its first "Căn cứ ..." line ("HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG" / "KHÓA XVII - KỲ HỌP THỨ
    NĂM"; ``metadata.yml`` ``authority_start``), completed with the province; None when the
    first lines hold none."""
    data = _data()
    stops = tuple(data["title_stops"])
    basis = next((i for i, line in enumerate(lines[:HEADER_LINES]) if line.startswith(stops)), 0)
    for line in reversed(lines[max(0, basis - ISSUER_LINES):basis]):
        if not line.isupper():
            return None
        if data["authority_start"].match(line):
            return _completed_with_province(_body_name(line), province)
    return None


def _issuer_lines(lines: list[str]) -> list[str]:
    """The capitalised lines of the header's left column, motto and junk removed. They start
    a few written lines above the country's name at most (blank lines and rules between them
    do not count, nor break the name: a web page puts a blank line between "ỦY BAN NHÂN DÂN"
    and "XÃ LIÊN SƠN"): a legal site's summary may come first."""
    data, parts = _data(), list[str]()
    name = next((i for i, line in enumerate(lines[:HEADER_LINES])
                 if data["national_name"].search(line)), 0)
    written = [i for i in range(name) if regex.search(r"\p{L}", lines[i])]
    start = written[-NAME_BELOW_ISSUER] if len(written) >= NAME_BELOW_ISSUER else 0
    written_lines = [line for line in lines[start:HEADER_LINES] if line.strip()]
    for line in written_lines[:ISSUER_LINES]:
        cleaned = STRAY_LETTERS.sub("", data["national_motto"].sub(" ", line).strip(" -_|"))
        header_line = cleaned.startswith(tuple(data["header_stops"])) or \
            data["number_line"].match(cleaned) or type_of_line(cleaned)
        if header_line:
            break
        if cleaned.isupper() and not regex.search(r"\d", cleaned):
            parts.append(cleaned)
        elif parts:  # else junk before the header: a page's title, an OCR'd stamp
            break
    # a page's title in capitals right above the header ("TẠM DỪNG TIẾP CÔNG DÂN ..." over "ỦY
    # BAN NHÂN DÂN / XÃ ĐỨC HỢP", news34) names no body: the issuer opens with an agency head
    heads = lexicons()["heads"]
    first_body = next((i for i in range(len(parts))  # a head may be broken: "ỦY / BAN NHÂN DÂN"
                       if heads.starts(expand_abbreviations(" ".join(parts[i:])))), 0)
    return parts[first_body:]


def _superior_and_body(parts: list[str]) -> tuple[list[str], list[str]]:
    """The header's lines split before the last line that starts an issuing body. A superior of
    one word is a name broken across lines ("ỦY / BAN NHÂN DÂN"), not a superior."""
    starts = [i for i, line in enumerate(parts)
              if len(" ".join(parts[:i]).split()) > 1 and _data()["body_start"].match(line)]
    cut = starts[-1] if starts else 0
    return parts[:cut], parts[cut:]


def _body_name(text: str) -> str:
    """A body named in capitals as rules/agencies.yml writes it, else with one capital."""
    expanded = expand_abbreviations(text)
    entry = known_entry(expanded)
    folded = fold(expanded)  # its tone may move to the first letter ("UỶ" → "ủy")
    return entry["name"] if entry else folded[0].upper() + folded[1:]


def _under_superior(body: str, superior: str) -> str:
    """ "Sở Thông tin và Truyền thông" under "Ủy ban nhân dân tỉnh Quảng Nam" → "... tỉnh Quảng
    Nam"; an office or a unit of its superior takes the superior's whole name ("Ban thường trực
    Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh")."""
    if fold(body) in _data()["offices_of_superior"] or \
            (fold(body) + " ").startswith(_data()["units_of_superior"]):
        return f"{body} {superior}"
    place = _data()["place_of_body"].search(fold(superior))
    return f"{body} {superior[place.start('place'):]}" if place else body


def _repaired_place(issuer: str, province: str | None) -> str:
    """``issuer`` with its "tỉnh <province>" written right when OCR misread its accents
    ("tĩnh lam đóng" → "tỉnh Lâm Đồng")."""
    plain = strip_accents(issuer)
    if not province or len(plain) != len(issuer):
        return issuer
    levels = _data()["plain_levels"]
    misread = regex.search(r"(?<!\p{L})(?P<level>" + alternation(list(levels)) + r")\s+"
                           + regex.escape(strip_accents(province)) + r"(?!\p{L})", plain)
    if not misread:
        return issuer
    return (issuer[:misread.start()] + f"{levels[phrase(misread.group('level'))]} {province}"
            + issuer[misread.end():])


def _completed_with_province(issuer: str, province: str | None) -> str:
    data, folded = _data(), fold(issuer)
    if province and fold(province) in folded:
        return issuer[: folded.index(fold(province))] + province
    if province and folded in data["bare_councils"]:
        return f"{issuer} {province_name(province)}"  # the province of the place-date
    local = data["local_place"].search(issuer)
    return issuer[:local.start()] + title_case_place(local.group("place")) if local else issuer


def issuer_from_code(number: str | None, province: str | None) -> str | None:
    """The issuer named by the code after the type in số ký hiệu ("43/KH-UBND" → Ủy ban nhân
    dân, rules/doc_types.yml ``issuer_codes``), completed with the province unless a central
    body's (``national_codes``); None if unknown."""
    if not number or "-" not in number.split("/")[-1]:
        return None
    data, code = _data(), number.split("/")[-1].split("-")[-1].strip()
    body = data["issuer_codes"].get(code)
    if body is None or not province or code in data["national_codes"]:
        return body
    return f"{body} {province_name(province)}"


def article_year(text: str) -> int | None:
    """The year of a news item's timestamp line ("10:12, 21/10/2022") near its top."""
    match = _data()["timestamp"].search("\n".join(text.split("\n")[:HEADER_LINES]))
    return int(match.group("year")) if match else None


def page_stamp(text: str) -> regex.Match | None:
    """The date stamp a stored web page's excerpt opens with ("date 2025-10-17"), if any."""
    return _data()["page_stamp"].match(text)


def page_year(text: str) -> int | None:
    """The year of the text's ``page_stamp``."""
    match = page_stamp(text)
    return int(match.group("year")) if match else None


def year_hint(text: str) -> int | None:
    """The year the text is written in: the commonest year of its full dates, else of any year.

    Programme horizons ("đến năm 2030") are years too, but rarely full dates."""
    full = Counter(int(y) for _, _, y in NUMERIC_DATE.findall(text))
    full.update(int(m.group("year")) for m in _data()["date_in_words"].finditer(text))
    years = full or Counter(int(y) for y in YEAR.findall(text))
    return max(years, key=lambda y: (years[y], y)) if years else None


def _news_lead(text: str, pattern: regex.Pattern,
               relayed: regex.Match | None = None) -> regex.Match | None:
    """ "[Ngày 7/1,] Chủ tịch UBND tỉnh X [vừa] [ký] ban hành ...": a news item's relayed act,
    not a report of what was done or will be ("Sở ... đã ban hành", "Sở sẽ có thông báo"),
    unless what was done is the ``relayed`` numbered directive ("UBND tỉnh X đã ban hành văn
    bản số 3119/UBND-KTNS")."""
    untold = _data()["untold_subject"]
    return next((m for m in _not_earlier(text, pattern.finditer(text))
                 if not untold.search(m.group("subject"))
                 or relayed and m.start("subject") < relayed.start() < m.end()), None)


def _not_earlier(text: str, matches: Iterable[regex.Match]) -> Iterator[regex.Match]:
    """The matches whose sentence does not open with a cue of an earlier event ("Trước đó,"):
    read up to a news lead's subject, as its match opens with the period that ends the sentence
    before ("Căn cứ Thông báo số 866/TB-UBND ... . UBND xã Mỹ Thạnh thông báo ...")."""
    earlier = _data()["earlier"]
    for m in matches:
        end = m.start("subject") if "subject" in m.re.groupindex else m.start()
        if not earlier.search(fold(text[max(0, end - EARLIER_REACH):end])):
            yield m


def _subject_issuer(subject: str, province: str | None, number: str | None) -> str:
    """The issuing body named by a news subject, without the office holder's personal name or a
    place in brackets ("UBND huyện Khánh Vĩnh (Khánh Hòa)")."""
    data = _data()
    issuer = _without_person(expand_abbreviations(regex.sub(r"\s*\([^)]*\)", "", subject).strip()))
    level = data["subject_level"].search(issuer)
    if level:
        place = _subject_place(level)
        issuer = issuer[:level.end("level")] + (f" {place}" if place else "")
        if not place and province and _is_level_of(level.group("level"), province):
            issuer = issuer[:level.start("level")] + province_name(province)
    body = issuer_from_code(number, None)
    if body and level and not issuer.startswith(body):  # "Chỉ thị số 04/CT-UBND": UBND issues it
        issuer = body + issuer[level.start() - 1:]
    return issuer


def _is_level_of(level: str, province: str) -> bool:
    """Whether "UBND <level>" without a name can be the province's: "tỉnh" always (a news item
    may say "tỉnh" of a city), "thành phố" only of a centrally-run city, not of a provincial
    one such as Vinh."""
    data, level = _data(), fold(level)
    return level == data["province_word"] or level == data["city_word"] and is_city(province)


def _subject_place(level: regex.Match) -> str | None:
    """The place after a subject's level: the longest known province or city its capitalised
    words start with; below a province their first LOCAL_PLACE_WORDS ("huyện Núi Thành Nguyễn
    Văn A": the office holder's name follows). None when no place is written."""
    data, written = _data(), level.group("place") or ""
    words = written.split()
    known = next((place for n in range(len(words), 0, -1)
                  if (place := known_place(" ".join(words[:n])))), None)
    if known or fold(level.group("level")) in (data["province_word"], data["city_word"]):
        return known
    local = regex.split(r"\s*[-–]\s*", written)[0].split()  # "huyện X - Nguyễn Văn A"
    return None if _person_name(local) else " ".join(local[:LOCAL_PLACE_WORDS]) or None


def _without_person(subject: str) -> str:
    """A news subject without the office holder's name after the body ("Sở Y tế Nguyễn Văn
    An" → "Sở Y tế", ``_person_name``)."""
    words = subject.split()
    return next((" ".join(words[:k]) for k in range(1, len(words))
                 if _person_name(words[k:])), subject)


def _person_name(words: list[str]) -> bool:
    """Whether capitalised words after a level name a person (a family name, then a middle name
    of ``provinces.yml``, then a given name: "Phạm Văn Thịnh"), not the place."""
    data = _data()
    return len(words) > LOCAL_PLACE_WORDS and words[0] in data["family_names"] and \
        words[1] in data["middle_names"]


class NamedPlace(NamedTuple):
    """A level the text writes ("UBND TP Cần Thơ", "xã Liêm Thuận", "UBND huyện yêu cầu")."""

    level: str  # folded: "huyện"
    place: str | None  # as ``_subject_place`` reads it; None when none is written
    committee: bool  # the People's Committee's name comes right before the level
    speaks: bool  # and a ``metadata.yml`` ``speaking`` verb right after its place


def named_places(text: str) -> list[NamedPlace]:
    """Every level ``text`` writes, in order, abbreviations expanded (lines kept)."""
    data, expanded = _data(), "\n".join(map(expand_abbreviations, text.split("\n")))
    committee = fold(rules.load()["agency_patterns"]["place_body"]) + " "
    found = []
    for match in data["subject_level"].finditer(expanded):
        named = fold(expanded[max(0, match.start() - len(committee)):match.start()]) == committee
        found.append(NamedPlace(fold(match.group("level")), _subject_place(match), named,
                                named and bool(data["speaking"].match(expanded, match.end()))))
    return found


def place_named_last(text: str, level: str) -> str | None:
    """The place of ``level`` ("tỉnh") that ``text`` names last ("UBND tỉnh Nghệ An giao ..." →
    "Nghệ An"), for a name that refers back to it ("tỉnh này"); None when it names none."""
    level = fold(level)
    return next((named.place for named in reversed(named_places(text))
                 if named.level == level and named.place), None)


def committee_named_first(text: str, level: str) -> str | None:
    """The place of ``level`` ("huyện") whose People's Committee ``text`` names first ("UBND
    huyện Phước Sơn họp thường kỳ ..." → "Phước Sơn"); None when it names none."""
    level = fold(level)
    return next((named.place for named in named_places(text)
                 if named.level == level and named.place and named.committee), None)


def speaking_committee(issuer: str | None, text: str) -> str | None:
    """A news item's issuer with its place: "Ủy ban nhân dân huyện" (or none, when the text
    has a committee speak without its place: "Chủ tịch UBND xã yêu cầu ...") completed with
    the place of that level the text gives its committee first ("Chủ tịch UBND huyện Phù
    Cừ"), else with the one place of that level it names ("xã Liêm Thuận"); ``issuer`` when it
    has its place or no place is found. A committee that only acted ("UBND tỉnh X đã ban hành
    nhiều chính sách") is no issuer: the item reports, it relays no directive."""
    level = _data()["subject_level"].search(issuer) if issuer else None
    if level and level.group("place") or issuer and not level:
        return issuer
    places = named_places(text)
    wanted = fold(level.group("level")) if level else \
        next((named.level for named in places if named.speaks), None)
    named = [found for found in places if found.level == wanted and found.place]
    place = next((found.place for found in named if found.committee), None) or \
        (named[0].place if len({found.place for found in named}) == 1 else None)
    if not place or not wanted:
        return issuer
    return f"{issuer} {place}" if level else place_body(f"{wanted} {place}")


def news_metadata(text: str, meta: DocumentMeta) -> None:
    """Fill ``meta`` with the fields of the directive a news item relays, when the text states
    them: type, number and date of "ban hành Công văn số ..." or of the source it cites in
    brackets, the type of "vừa có công văn ...", issuer and date of its lead."""
    data = _data()
    relayed = next(_not_earlier(text, data["relayed"].finditer(text)), None) or \
        next(_not_earlier(text, data["cited_source"].finditer(text)), None)
    typed = None if relayed else _news_lead(text, data["news_typed"])
    if typed:
        meta.doc_type = typed.group("doc_type").capitalize()
    if relayed:
        meta.doc_number = without_spaces(relayed.group("number"))
        meta.doc_type = known_type(relayed.group("doc_type") or "") or \
            type_of_number(meta.doc_number)
        meta.issued_date = _date_after(text, relayed.end(), yearless=True)
    lead = _news_lead(text, data["news_lead"], relayed) or _news_lead(text, data["news_notice"])
    if not lead:
        meta.issuer = speaking_committee(None, text)
        return
    subject = data["untold_subject"].sub("", lead.group("subject"))
    meta.issuer = speaking_committee(_subject_issuer(subject, meta.province, meta.doc_number), text)
    if meta.issued_date is None and lead.group("day") and (
            relayed or _news_lead(text, data["news_issue"])):
        day, month = int(lead.group("day")), int(lead.group("month"))
        year = int(lead.group("year")) if lead.group("year") else _year_before(text)
        meta.issued_date = iso(year, month, day) if year else None


def _year_before(text: str) -> int | None:
    """The year of "Ngày 21/5" in a news item: the latest cited date's year, else the text's."""
    cited = [dt.date(int(y), int(m), int(d)) for d, m, y in NUMERIC_DATE.findall(text)
             if iso(int(y), int(m), int(d))]
    return max(cited).year if cited else year_hint(text)


def extract_metadata(text: str) -> DocumentMeta:
    """The fields a document states about itself, from its header or, for a news item, from
    the sentence that relays the directive. Dates are ISO; fields the text lacks are None."""
    data = _data()
    lines = [line.strip() for line in text.split("\n")]
    header = "\n".join(lines[:HEADER_LINES])
    meta = DocumentMeta(province=find_province(text),
                        year_hint=article_year(text) or year_hint(text) or page_year(text))

    number = data["number_line"].search(header)
    printed_number = without_spaces(number.group("number")) if number else None
    if printed_number:
        meta.doc_number = None if printed_number.startswith("/") else printed_number
        meta.doc_type = type_of_number(printed_number)
    place_date = data["place_date"].search(regex.sub(r"\s+", " ", header))
    place = place_date and _place_before_date(place_date.group("place"))
    if place:
        meta.province = place
    if place_date:
        day, year = place_date.group("day"), int(place_date.group("year"))
        meta.issued_date = iso(year, int(place_date.group("month")), int(day)) if day else None
        meta.year_hint = year
    type_line = next(((i, doc_type) for i, line in enumerate(lines[:HEADER_LINES])
                      if (doc_type := type_of_line(line))), None)
    if type_line:
        meta.doc_type = type_line[1]
        meta.title = _title_after(lines, type_line[0])
    subject_line = data["subject_line"].search(header)
    if subject_line and not meta.title:
        meta.title = subject_line.group("title").strip()
    if printed_number or place_date:  # a header's number line, even left blank: "Số: /TB-UBND"
        meta.issuer = header_issuer(lines, meta.province) or issuer_from_code(printed_number,
                                                                              meta.province)
    elif type_line:
        meta.issuer = authority_issuer(lines, meta.province)
    if not (printed_number or place_date or meta.issuer):
        news_metadata(text, meta)
        meta.title = _headline(lines)
    typed = _typed_headline(lines) if not (meta.doc_type and meta.issuer) else None
    if typed:
        _headline_metadata(typed, meta)
    return meta


def _typed_headline(lines: list[str]) -> regex.Match | None:
    """The match of ``metadata.yml`` ``headline_typed`` on the first line above the body that
    names the document ("Thông báo Khẩn ngày 18/10/2020" under a portal's menu); None if none."""
    heads = itertools.takewhile(lambda line: len(line) < TITLE_CHARS and not line.endswith("."),
                                (line for line in lines[:HEADER_LINES] if line))
    return next(filter(None, map(_data()["headline_typed"].match, heads)), None)


def _headline_metadata(typed: regex.Match, meta: DocumentMeta) -> None:
    """Fill ``meta``'s empty fields from the headline that names the document: its type, the
    number and date written right after it, the body after "của" ("Công điện khẩn số 13 ngày
    01/9/2018 của Chủ tịch UBND huyện Thọ Xuân")."""
    data = _data()
    if not meta.issuer:
        issuing = data["headline_issuer"].search(typed.string, typed.end())
        meta.issuer = issuing and _subject_issuer(issuing.group("subject"), meta.province,
                                                  meta.doc_number)
    if meta.doc_type:
        return
    meta.doc_type = known_type(typed.group("doc_type"))
    if typed.group("number") and not meta.doc_number:
        meta.doc_number = without_spaces(typed.group("number"))
    meta.issued_date = meta.issued_date or _date_after(typed.string, typed.end())


def _date_after(text: str, end: int, yearless: bool = False) -> str | None:
    """The ISO date written right after a directive's number or type (``relayed_date``: "...,
    ngày 14/11/2023"); one without its year ("ngày 13/3") only when ``yearless``, in the year
    of the latest date the text cites (``_year_before``). None when none is written."""
    dated = _data()["relayed_date"].match(text, end, end + RELAYED_DATE_CHARS)
    if not dated or not dated.group("day"):
        return None
    year = int(dated.group("year")) if dated.group("year") else \
        _year_before(text) if yearless else None
    return iso(year, int(dated.group("month")), int(dated.group("day"))) if year else None


def _headline(lines: list[str]) -> str | None:
    """A news item's headline: the line right above its timestamp ("10:12, 21/10/2022"), the
    portal's menu above it left out ("Multimedia Đọc Báo in"), else its first line but a photo's
    caption (structure.yml) — when that is short and no sentence."""
    caption, timestamp = _data()["caption"], _data()["timestamp"]
    written = [line for line in lines[:HEADER_LINES] if line and not caption.search(line)]
    stamped = next((i for i, line in enumerate(written) if timestamp.fullmatch(line)), None)
    first = written[stamped - 1] if stamped else written[0] if written else ""
    return first if len(first) < TITLE_CHARS and not first.endswith(".") else None


def _title_after(lines: list[str], type_index: int) -> str | None:
    """The trích yếu under the type line: its lines up to a blank one, a line of
    ``title_stops``, a heading in capitals, or the body's first paragraph — a sentence, which a
    trích yếu never is (a PDF's text has no blank line to stop at: stop 38's trial)."""
    title: list[str] = []
    stops = tuple(_data()["title_stops"])
    for line in lines[type_index + 1: type_index + 6]:
        if not line:
            if title:
                break
            continue
        if line.startswith(stops) or line.isupper() and title and not title[-1].isupper() or \
                title and (line.endswith(".") or len(line) >= TITLE_CHARS):
            break
        title.append(line)
    return " ".join(title) or None
