"""Agency names as the guide writes them: abbreviations expanded (UBND → Ủy ban nhân dân), the
body an office holder heads ("Giám đốc Sở Tài chính" → "Sở Tài chính"), known names and aliases
from ``rules/agencies.yml``, "tỉnh"-relative names completed with the province. No spaCy here:
the clerk's commands use these too.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from . import rules
from .lexicon import Lexicon, syllables
from .text import fold, fold_tones, strip_accents

SPACES = regex.compile(r"\s+")
SPACED_AMPERSAND = regex.compile(r"(?<=\w)\s+&\s+(?=\w)")
SPACED_COMMA = regex.compile(r"\s*,\s*")
NAME_WORD = regex.compile(r"[\p{L}\p{M}\d]+")  # what a loose_key keeps of a name


@lru_cache(maxsize=2)
def _abbreviations(any_case: bool = False) -> tuple[regex.Pattern, dict[str, str]]:
    table = rules.load()["abbreviations"]["abbreviations"]
    table = {**{key.replace("&", "-"): expansion for key, expansion in table.items()}, **table}
    if any_case:
        table = {key.upper(): expansion for key, expansion in table.items()}
    pattern = regex.compile(r"(?<![\p{L}\d&])(" + rules.alternation(list(table))
                            + r")(?![\p{L}\d&])", regex.I if any_case else 0)
    return pattern, table


def expand_abbreviations(text: str, any_case: bool = False) -> str:
    """``text`` with every abbreviation of ``rules/abbreviations.yml`` written out (whole words,
    longest first) and its whitespace collapsed: "UBND tỉnh" → "Ủy ban nhân dân tỉnh"; a dash
    stands for the "&" of a key ("Sở GD-ĐT"), and an "&" between words is the "và" of the name
    ("Phòng Nông nghiệp & PTNT" → "Phòng Nông nghiệp và Phát triển nông thôn", news41). As
    written in documents they are matched case and all; ``any_case`` also takes "so tt&tt" as a
    clerk types it."""
    pattern, table = _abbreviations(any_case)
    expanded = pattern.sub(
        lambda m: table[rules.phrase(m.group(1).upper() if any_case else m.group(1))], text)
    return SPACES.sub(" ", SPACED_AMPERSAND.sub(" và ", expanded)).strip()


@lru_cache(maxsize=1)
def lexicons() -> dict[str, Lexicon]:
    """The phrase lists agency reading matches on words: heads, named_heads, role_heads, titles,
    collectives, quantifiers, people, persons, group_titles, member_roles, remits, issuers,
    continuations, unit_bodies, unit_leaderships, referring_heads, boards, board_purposes,
    board_topics, work_teams, team_work_ends, group_qualifiers, group_ends, group_levels,
    qualifiers, role_qualifiers, duty_roles, assigned_qualifiers, assigned_ends, assigned_duties,
    joined_collectives, lone_collectives, units, unit_homographs, qualified_verbs,
    acting_qualifiers, duty_ends, duty_breaks, parent_links and qualified_ends
    (``rules/agency_patterns.yml``, the latter with ``cues.yml`` obligation),
    verbs and boundaries (``actions.yml`` and ``verbs_vlsp.yml``), directive, issuer_directive,
    letter_directive, support cues, support_manners, standings and remit_cues (``cues.yml``
    remits)."""
    data = rules.load()
    patterns, cues, actions = data["agency_patterns"], data["cues"], data["actions"]
    heads = Lexicon(patterns["heads"])
    return {
        # and the abbreviations of a head's names: "MTTQ" as "Mặt trận Tổ quốc" (news41)
        "heads": Lexicon(patterns["heads"] + [
            key for key, name in data["abbreviations"]["abbreviations"].items()
            if heads.starts(fold(name)) and " ".join(syllables(key)) not in heads.phrases]),
        "named_heads": Lexicon(patterns["named_heads"]),
        "role_heads": Lexicon(patterns["role_heads"]),
        "titles": Lexicon(patterns["titles"]),
        "collectives": Lexicon(patterns["collectives"]),
        "quantifiers": Lexicon(patterns["quantifiers"]),
        "people": Lexicon(patterns["people"]),
        "persons": Lexicon(patterns["persons"]),
        "group_titles": Lexicon(patterns["group_titles"]),
        "member_roles": Lexicon(patterns["member_roles"]),
        "remits": Lexicon(patterns["remits"]),
        "issuers": Lexicon(patterns["issuers"] + patterns["relaying_offices"]),
        "continuations": Lexicon(patterns["continuations"]),
        "group_qualifiers": Lexicon(patterns["group_qualifiers"]),
        "boards": Lexicon(patterns["boards"]),
        "unit_bodies": Lexicon(patterns["unit_bodies"]),
        "unit_leaderships": Lexicon(patterns["unit_leaderships"]),
        "referring_heads": Lexicon(patterns["referring_heads"]),
        "board_purposes": Lexicon(patterns["board_purposes"]),
        "board_topics": Lexicon(patterns["board_topics"]),
        "work_teams": Lexicon(patterns["work_teams"]),
        "team_work_ends": Lexicon(patterns["team_work_ends"]),
        "group_ends": Lexicon(patterns["group_ends"]),
        "group_levels": Lexicon(patterns["group_levels"]),
        "qualifiers": Lexicon(patterns["qualifiers"]),
        "role_qualifiers": Lexicon(patterns["role_qualifiers"]),
        "duty_roles": Lexicon(patterns["duty_roles"]),
        "assigned_qualifiers": Lexicon(patterns["assigned_qualifiers"]),
        "assigned_ends": Lexicon(patterns["assigned_ends"]),
        "assigned_duties": Lexicon(patterns["assigned_duties"]),
        "joined_collectives": Lexicon(patterns["joined_collectives"]),
        "lone_collectives": Lexicon(patterns["lone_collectives"]),
        "units": Lexicon(patterns["units"]),
        "unit_homographs": Lexicon(patterns["unit_homographs"]),
        "parent_links": Lexicon(patterns["parent_links"]),
        "qualified_ends": Lexicon(patterns["qualified_ends"] + cues["obligation"]),
        "qualified_verbs": Lexicon(patterns["qualified_verbs"]),
        "acting_qualifiers": Lexicon(patterns["acting_qualifiers"]),
        "duty_ends": Lexicon(patterns["duty_ends"]),
        "duty_breaks": Lexicon(patterns["duty_breaks"]),
        "verbs": Lexicon(actions["verbs"] + data["verbs_vlsp"]["verbs"]),
        "boundaries": Lexicon(actions["boundaries"]),
        "directive": Lexicon(cues["directive"]),
        "issuer_directive": Lexicon(cues["issuer_directive"]),
        "letter_directive": Lexicon(cues["letter_directive"]),
        "support": Lexicon(cues["support"]),
        "support_manners": Lexicon(cues["support_manners"]),
        "standings": Lexicon(cues["standings"]),
        "remit_cues": Lexicon(cues["remits"]),
        "sector_domains": Lexicon(sector_domains()),
    }


def sector_domains() -> list[str]:
    """The domains of the known departments and ministries, folded: "thông tin và truyền thông"
    of "Sở Thông tin và Truyền thông" (``rules/agencies.yml``, the names after one of
    ``agency_patterns.yml`` ``sector_heads``), and each one's first field ("nông nghiệp" of
    "nông nghiệp và môi trường"), what "ngành ..." names a sector by."""
    heads = tuple(fold(head) + " " for head in rules.load()["agency_patterns"]["sector_heads"])
    names = (fold(entry["name"]) for entry in rules.load()["agencies"]["agencies"])
    domains = {name.split(" ", 1)[1] for name in names if name.startswith(heads)}
    return sorted(domains | {regex.split(r",| và ", domain)[0] for domain in domains})


@lru_cache(maxsize=1)
def agency_words() -> dict:
    """The single words of ``rules/agency_patterns.yml`` (folded) that shape an addressee run:
    separators, conjunction, plural, deputy, collective_markers, distributed_heads, counts,
    title_bodies, ministries, sector, units, forces, level_bodies; and speaker_adverbs
    (``cues.yml``, each syllable), between a speaker and its directive verb."""
    data = rules.load()["agency_patterns"]
    return {
        "speaker_adverbs": frozenset(w for phrase in rules.load()["cues"]["speaker_adverbs"]
                                     for w in fold(phrase).split()),
        "separators": frozenset(fold(w) for w in data["separators"]),
        "conjunction": fold(data["conjunction"]),
        "plural": fold(data["plural"]),
        "deputy": fold(data["deputy"]),
        "each": frozenset(fold(w) for w in data["each"]),
        "collective_markers": frozenset(fold(w) for w in data["collective_markers"]),
        "distributed_heads": frozenset(fold(w) for w in data["distributed_heads"]),
        "counts": frozenset(fold(w) for w in data["counts"]),
        "title_bodies": tuple(fold(w) for w in data["title_bodies"]),
        "ministries": tuple(fold(w) + " " for w in data["ministries"]),
        "government_issuers": frozenset(fold(w) for w in data["government_issuers"]),
        "sector": fold(data["sector"]),
        "units": frozenset(fold(w) for w in data["units"]),
        "forces": tuple(fold(w) + " " for w in data["forces"]),
        "level_bodies": tuple(fold(w) for w in data["level_bodies"]),
    }


def abbreviated_forms(name: str) -> set[str]:
    """"Sở Kế hoạch và Đầu tư" → {"Sở KH&ĐT", "Sở KHĐT", ...}: the ways documents shorten a
    name, with the name itself."""
    forms = {name}
    for abbreviation, expansion in _abbreviations()[1].items():
        forms |= {form.replace(expansion, abbreviation) for form in forms if expansion in form}
    return forms


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, dict]:
    """Folded name, alias or abbreviated form → its ``rules/agencies.yml`` entry, for every
    known agency; then the ``loose_key`` of each form, where no form is already so written."""
    entries = {}
    for entry in rules.load()["agencies"]["agencies"]:
        for form in [entry["name"], *entry.get("aliases", [])]:
            for variant in abbreviated_forms(expand_abbreviations(form)) | {form}:
                entries[fold(variant)] = entry
    for form, entry in list(entries.items()):
        entries.setdefault(loose_key(form), entry)
    return entries


def loose_key(name: str) -> str:
    """The words of a name, folded, without the ``agency_patterns.yml`` ``conjunction`` ("và")
    or any dash, "&" or comma: "Phòng kinh tế hạ tầng" and "Phòng Kinh tế và Hạ tầng" both give
    "phòng kinh tế hạ tầng" — a district or commune department written loosely (news portals)."""
    conjunction = agency_words()["conjunction"]
    return " ".join(word for word in NAME_WORD.findall(fold(name)) if word != conjunction)


def known_entry(mention: str) -> dict | None:
    """The ``rules/agencies.yml`` entry a mention (abbreviations expanded) names: by its folded
    form, else by its ``loose_key``; None for an unknown name."""
    known = gazetteer()
    return known.get(fold(mention)) or known.get(loose_key(mention))


@lru_cache(maxsize=1)
def name_bigrams() -> frozenset[tuple[str, str]]:
    """Folded pairs of adjacent syllables in the known agencies' names: ("đào", "tạo") of "Sở
    Giáo dục và Đào tạo", ("biên", "phòng") of "Bộ đội Biên phòng" — a name's word that is
    also a verb ("tạo", "phòng") goes on naming it; and those of the nouns of
    ``agency_patterns.yml`` ``name_compounds`` ("Chương trình")."""
    names = [*gazetteer(), *(fold(noun) for noun in
                             rules.load()["agency_patterns"]["name_compounds"])]
    return frozenset(pair for name in names
                     for pair in zip(name.split(), name.split()[1:], strict=False))


def is_provincial_body(name: str) -> bool:
    """Whether ``name`` is a body of a province or centrally-run city written in full: a
    capitalised head of ``rules/agency_patterns.yml`` and the name of a place of
    ``rules/provinces.yml`` after its level — "UBND thành phố Hà Nội", "Công an tỉnh Gia Lai".
    ``agencies.yml`` holds one province's bodies; another's, so written, need no review."""
    expanded = expand_abbreviations(name)
    folded = fold(expanded)
    return expanded[:1].isupper() and bool(_provincial_place().search(folded)) and (
        lexicons()["heads"].starts(folded) or lexicons()["named_heads"].starts(folded))


def is_local_committee(name: str) -> bool:
    """Whether ``name`` is the People's Committee or Council of a district or commune named by
    its place ("UBND xã Vĩnh Khê", "Ủy ban nhân dân quận 1"): every such unit has one, so the
    name needs no catalogue (``agency_patterns.yml`` ``level_bodies``, ``provinces.yml``
    ``local_levels``)."""
    return bool(_local_committee().match(expand_abbreviations(name)))


def is_local_unit(name: str) -> bool:
    """Whether ``name`` is a district or commune addressed by its place ("xã Hòa Chính",
    "huyện Đô Lương"), which acts through its People's Committee (``is_local_committee``)."""
    return is_local_committee(place_body(name))


@lru_cache(maxsize=1)
def _local_committee() -> regex.Pattern:
    data = rules.load()
    bodies = rules.alternation(data["agency_patterns"]["level_bodies"])
    levels = rules.alternation(data["provinces"]["local_levels"])
    return regex.compile(rf"(?:{bodies}) (?:{levels}) (?:\p{{Lu}}|\d)[^,;]*$")


def is_unit_of_known_body(name: str) -> bool:
    """Whether ``name`` is a unit of ``agency_patterns.yml`` ``body_units`` inside a body of
    ``rules/agencies.yml``, linked by ``body_unit_links`` or by nothing: "Tổ đảng ở Thường trực
    Ủy ban Kinh tế", "Đảng đoàn Hội đồng nhân dân tỉnh". Known as its body is."""
    match = _body_unit().match(fold(expand_abbreviations(name)))
    return match is not None and match.group("body") in gazetteer()


@lru_cache(maxsize=1)
def _body_unit() -> regex.Pattern:
    data = rules.load()["agency_patterns"]
    units = rules.alternation([fold(unit) for unit in data["body_units"]])
    links = rules.alternation([fold(link) for link in data["body_unit_links"]])
    return regex.compile(rf"(?:{units})(?: (?:{links}))* (?P<body>.+)$")


@lru_cache(maxsize=1)
def _provincial_place() -> regex.Pattern:
    data = rules.load()["provinces"]
    levels = rules.alternation(list({fold(level) for level in data["levels"]}))
    places = rules.alternation([fold(place) for place in data["provinces"] + data["cities"]])
    return regex.compile(rf"(?<!\p{{L}})(?:{levels}) (?:{places})$")


def is_office_holder(agency: str) -> bool:
    """Whether an agency as ``canonical`` writes it is an office holder named by the title they
    hold ("Phó Chủ tịch Thường trực, phụ trách lĩnh vực ...", "Trưởng Ban xây dựng Đảng -
    Trưởng Tiểu ban"): a person, whom no list of agencies holds (ANNOTATION.md §1b, named
    officials); not the heads of a group (``agency_patterns.yml`` ``group_titles``)."""
    words = fold(agency).split()
    start = 1 if words[:1] == [agency_words()["plural"]] else 0
    named = " ".join(words[start:])
    return bool(named) and lexicons()["titles"].starts(named) and \
        not lexicons()["group_titles"].starts(named)


def title_prefix(text: str) -> str | None:
    """The office-holder titles a mention starts with ("Giám đốc" of "Giám đốc Sở Tài chính",
    "Giám đốc, Thủ trưởng" of "Giám đốc, Thủ trưởng các sở, ngành", "Trưởng ban" of "Trưởng ban
    Ban Quản lý ..."), when a body or a group follows them; None otherwise."""
    folded, words = fold(text), agency_words()
    if folded.startswith(words["title_bodies"]):
        return None
    found = _titles_run().match(folded)
    if not found:
        return None
    end = found.end()
    kind = regex.match(r"(\w+) \1 ", folded[end:])  # "trưởng ban ban quản lý ...": the kind
    if kind:                                         # of body the title names, then the body
        end += len(kind.group(1)) + 1
    rest = folded[end:]
    if lexicons()["heads"].starts(rest) or lexicons()["named_heads"].starts(rest) or \
            rest.startswith(words["plural"] + " "):
        return text[: end - 1]
    return None


@lru_cache(maxsize=1)
def _titles_run() -> regex.Pattern:
    """Titles joined by "," or the conjunction, or one in brackets after another, then a space:
    "giám đốc, thủ trưởng ", "giám đốc (thủ trưởng) ", the holders of a group's bodies after
    its plural: "các chủ tịch "."""
    titles = rules.alternation(list(lexicons()["titles"].phrases))
    words = agency_words()
    joint = f"(?:, | {words['conjunction']} )"
    title = f"(?>{titles})"  # the longest: "phó chủ tịch thường trực," is no "phó chủ tịch"
    return regex.compile(
        rf"(?:{words['plural']} )?{title}(?:{joint}{title}| \({title}\))* ")


DEFINED_ABBREVIATION = regex.compile(r"\(([A-ZĐ][A-ZĐ&\-]{1,11})\)")
ABBREVIATION_REACH = 12  # words before the bracket an expansion may take
ABBREVIATION_JOINS = frozenset({"và", "&", "-"})  # words an abbreviation skips: "GD&ĐT"


def defined_abbreviations(text: str) -> dict[str, str]:
    """The abbreviations a text defines in brackets after what they stand for, each → its
    expansion: "Sở Giáo dục và Đào tạo (GĐ&ĐT)" → {"GĐ&ĐT": "Giáo dục và Đào tạo"}, "Trung tâm
    Phục vụ hành chính công (TTPVHCC)" → {"TTPVHCC": "Trung tâm Phục vụ hành chính công"}. The
    expansion is the shortest run of words before the bracket, on its line and after any mark,
    whose initials spell the abbreviation, accents aside ("và", "&" skipped); a bracket spelling
    no such run defines nothing."""
    defined: dict[str, str] = {}
    for match in DEFINED_ABBREVIATION.finditer(text):
        before = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
        words = regex.split(r"[,.;:()\[\]\"“”]", before)[-1].split()[-ABBREVIATION_REACH:]
        abbreviation = match.group(1)
        letters = strip_accents(regex.sub(r"[&\-]", "", abbreviation))
        for start in range(len(words) - 1, -1, -1):
            run = words[start:]
            initials = "".join(w[0] for w in run if w.lower() not in ABBREVIATION_JOINS)
            if strip_accents(initials) == letters:
                defined.setdefault(abbreviation, " ".join(run))
                break
    return defined


@lru_cache(maxsize=1 << 14)  # a batch names the same few hundred bodies again and again
def canonical(mention: str) -> str:
    """The agency as the guide writes it: abbreviations expanded, the body an office holder
    heads, the known name for an alias; else the mention with one capital."""
    text = _address_dropped(_plural_moved(_each_as_group(
        expand_abbreviations(mention).strip(" ,;:.-"))))
    title = title_prefix(text)
    if title and not _board_member(text):
        text = _holders_dropped(text, title)
    text = _force_dropped(text)
    entry = known_entry(text)
    if entry:
        return entry["name"]
    text = fold_tones(text)
    if mention.isupper():  # a heading in capitals: "UBND CÁC HUYỆN, THỊ XÃ"; the expansions
        text = " ".join(w.lower() if w.isupper() else w for w in text.split(" "))  # keep theirs
    return text[:1].upper() + text[1:]


def _holders_dropped(text: str, title: str) -> str:
    """The bodies ``title`` names the holders of: "Giám đốc Sở Y tế" → "Sở Y tế"; a group's
    plural stays unless they name a group already or are one body's deputies: "các Thủ trưởng
    sở, ban, ngành" → "các sở, ban, ngành", "các Chủ tịch UBND các xã" → "UBND các xã", "các
    Phó Chủ tịch UBND tỉnh" → "UBND tỉnh"."""
    words = agency_words()
    rest, plural = text[len(title):].strip(), words["plural"] + " "
    if fold(title).startswith(plural) and not fold(title).startswith(plural + words["deputy"]) \
            and not is_collective(fold(rest).split()):
        return f"{title[:len(plural) - 1]} {rest}"
    return rest


def _board_member(text: str) -> bool:
    """Whether ``text`` names a person by their place on a board after a dash ("Phó Trưởng
    phòng Văn hóa - Xã hội - Phó Trưởng tiểu ban Thường trực", ``agency_patterns.yml``
    ``member_roles``): the holder, not the body they head, is the member."""
    parts = fold(text).rsplit(" - ", 1)
    return len(parts) == 2 and _member_role().fullmatch(parts[1]) is not None


@lru_cache(maxsize=1)
def _member_role() -> regex.Pattern:
    return regex.compile(rules.alternation(
        [fold(role) for role in rules.load()["agency_patterns"]["member_roles"]]))


def _each_as_group(text: str) -> str:
    """ "Mỗi xã, phường" → "các xã, phường", "mỗi cán bộ, công chức" → "cán bộ, công chức":
    each member of a group is the group (``agency_patterns.yml`` ``each``), people without
    "các" as the guide's annotators write them (news24)."""
    words = agency_words()
    first, _, rest = text.partition(" ")
    if fold(first) not in words["each"] or not rest:
        return text
    rest = rest.lstrip()
    return rest if lexicons()["people"].starts(fold(rest)) else f"{words['plural']} {rest}"


def _address_dropped(text: str) -> str:
    """ "Đồng chí Phó Chủ tịch Thường trực" → "Phó Chủ tịch Thường trực", "các đồng chí Phó
    Chủ tịch" → "các Phó Chủ tịch": the form of address (``agency_patterns.yml`` ``persons``)
    before an office holder's title; before a full name it stays ("Ông Nguyễn Văn An")."""
    plural = agency_words()["plural"]
    folded = fold(text)
    lead = len(plural) + 1 if folded.startswith(plural + " ") else 0
    for person in _level_words()["persons"]:
        rest = text[lead + len(person):]
        if folded.startswith(person + " ", lead) and lexicons()["titles"].starts(fold(rest)):
            return text[:lead] + rest.lstrip()
    return text


def _force_dropped(text: str) -> str:
    """ "Lực lượng Công an phường", "lực lượng công an quận" (news20) → "Công an phường",
    "Công an quận": a ``forces`` word before a body's head, in either case; any other name as
    it is ("Lực lượng chức năng")."""
    folded = fold(text)
    for force in agency_words()["forces"]:
        rest = text[len(force):].lstrip()  # ``canonical`` gives it its capital
        if folded.startswith(force) and lexicons()["heads"].starts(fold(rest)):
            return rest
    return text


def addressed_group(lead: str, addressees: list[str]) -> str | None:
    """The addressee of a letter's "Kính gửi:" block that ``lead`` names by its head alone: a
    group of bodies of one kind, its head before the plural ("Cục Thuế các tỉnh, thành phố trực
    thuộc Trung ương"), which the letter then calls "các Cục Thuế" or "Cục Thuế". None when no
    addressee, or more than one, is so named."""
    plural = agency_words()["plural"]
    head = fold(lead).removeprefix(plural + " ")
    found = [a for a in addressees if fold(a).startswith(f"{head} {plural} ")]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def _plural_body() -> regex.Pattern:
    data = rules.load()["agency_patterns"]
    bodies = rules.alternation([fold(body) for body in data["level_bodies"]])
    levels = rules.alternation(sorted({fold(unit) for unit in data["units"]}))
    grades = rules.alternation([m for m in data["collective_markers"] if m != data["plural"]])
    return regex.compile(rf"{data['plural']} (?P<body>{bodies}) "
                         rf"(?P<level>(?:(?P<grade>{grades}) )?(?:{levels}))(?!\p{{L}})")


def _plural_moved(text: str) -> str:
    """ "các Ủy ban nhân dân huyện, thị xã" → "Ủy ban nhân dân các huyện, thị xã", "các Ủy ban
    nhân dân cấp xã" → "Ủy ban nhân dân cấp xã": the group is of the level's units, as the
    guide names it (rules/agency_patterns.yml ``level_bodies``)."""
    found = _plural_body().match(fold(text))
    if not found:
        return text
    plural = "" if found.group("grade") else rules.load()["agency_patterns"]["plural"] + " "
    return f"{text[found.start('body'):found.end('body')]} {plural}{text[found.start('level'):]}"


def is_collective(syllables: Iterable[str]) -> bool:
    """ "các sở, ban, ngành", "UBND cấp huyện", "UBND xã, phường": folded syllables naming a
    group, not one body (a marker, or a name ending in levels listed together, plans14)."""
    syllables = list(syllables)
    if not agency_words()["collective_markers"].isdisjoint(syllables):
        return True
    return _level_list().search(SPACED_COMMA.sub(", ", " ".join(syllables))) is not None


@lru_cache(maxsize=1)
def _level_list() -> regex.Pattern:
    """Two levels or more listed at a folded name's end: "xã, phường", "phường, xã và đặc khu"."""
    units = rules.alternation([fold(u) for u in rules.load()["agency_patterns"]["units"]])
    return regex.compile(rf"(?<!\p{{L}})(?:{units})(?:\s*(?:,|và)\s*(?:{units}))+$")


@lru_cache(maxsize=1)
def _province_relative() -> regex.Pattern:
    return regex.compile(r"\b" + regex.escape(rules.load()["provinces"]["province_word"]) + r"$")


@lru_cache(maxsize=1)
def _collective_scope() -> regex.Pattern:
    """What follows a collective marker ("các", "cấp": ``collective_markers``) in a folded name."""
    markers = rules.alternation(sorted(agency_words()["collective_markers"]))
    return regex.compile(rf"(?<!\p{{L}})(?:{markers})\s+(.+)")


@lru_cache(maxsize=1)
def _collective_members() -> dict[regex.Pattern, tuple[str, ...]]:
    members = rules.load()["agency_patterns"]["collective_members"]
    return {regex.compile(rf"(?<!\p{{L}}){regex.escape(fold(word))}(?!\p{{L}})"):
            tuple(fold(head) for head in heads) for word, heads in members.items()}


def covers(collective: str, agency: str) -> bool:
    """Whether a collective addressee includes an agency: "Các sở, ban, ngành" and "Các cơ quan,
    đơn vị" cover "Sở Tài chính"; "UBND các huyện" and "Các cơ quan Trung ương" do not
    (rules/agency_patterns.yml ``collective_members``, read for the words after "các" or "cấp";
    ``central_scopes``); "Các cơ quan, đơn vị liên quan" covers none (``concerned``)."""
    scope = _collective_scope().search(fold(collective))
    if not scope or _concerned().search(fold(collective)):
        return False
    name = fold(agency)
    central, central_heads = _central_scope()
    if central.search(scope.group(1)) and not name.startswith(central_heads):
        return False
    return any(word.search(scope.group(1)) and any(name.startswith(head + " ") for head in heads)
               for word, heads in _collective_members().items())


@lru_cache(maxsize=1)
def _concerned() -> regex.Pattern:
    """A collective ending in "liên quan" (rules/agency_patterns.yml ``concerned``)."""
    words = rules.alternation(sorted(fold(w) for w in rules.load()["agency_patterns"]["concerned"]))
    return regex.compile(rf"(?<!\p{{L}})(?:{words})\W*$")


@lru_cache(maxsize=1)
def _central_scope() -> tuple[regex.Pattern, tuple[str, ...]]:
    """A collective's scope of the central level, and the heads of the only bodies it covers
    (rules/agency_patterns.yml ``central_scopes``, ``central_members``)."""
    data = rules.load()["agency_patterns"]
    words = rules.alternation(sorted(fold(w) for w in data["central_scopes"]))
    return (regex.compile(rf"(?<!\p{{L}})(?:{words})(?!\p{{L}})"),
            tuple(fold(head) + " " for head in data["central_members"]))


@lru_cache(maxsize=1)
def _place_levels() -> dict[str, str]:
    """A place's folded title or level → the level ``place_body`` names its body with ("thủ
    đô" → "thành phố"; rules/agency_patterns.yml ``place_titles``, then ``units``)."""
    data = rules.load()["agency_patterns"]
    levels = {fold(title): level for title, level in data["place_titles"].items()}
    levels.update((fold(unit), unit) for unit in data["units"])
    return levels


def place_body(place: str) -> str:
    """The body that acts for a place addressed as a whole: "thành phố Đà Nẵng" → "Ủy ban nhân
    dân thành phố Đà Nẵng", "Thủ đô Hà Nội" → "Ủy ban nhân dân thành phố Hà Nội", canonical
    (rules/agency_patterns.yml ``place_body``, ``place_titles``, ``units``)."""
    data = rules.load()["agency_patterns"]
    folded = fold(place)
    for opening, level in _place_levels().items():
        if folded.startswith(opening + " "):
            place = level + place[len(opening):]
            break
    return canonical(f"{data['place_body']} {place}")


@lru_cache(maxsize=1)
def _referring_level() -> regex.Pattern:
    data = rules.load()["agency_patterns"]
    levels = rules.alternation(sorted({fold(unit) for unit in data["units"]}))
    this = regex.escape(fold(data["demonstrative"]))
    return regex.compile(rf"(?<!\p{{L}})(?P<level>{levels}) {this}(?!\p{{L}})")


def referring_level(name: str) -> regex.Match | None:
    """Where ``name`` refers to a place by its level and ``agency_patterns.yml`` ``demonstrative``
    ("tỉnh này", "huyện này" of "Ngân hàng Nhà nước Chi nhánh tỉnh này"), on its folded form
    (same offsets; group ``level``); None when it does not."""
    return _referring_level().search(fold(name))


@lru_cache(maxsize=1)
def _level_words() -> dict:
    """The folded words ``bare_level`` and ``committee_level`` compare names with."""
    data = rules.load()["agency_patterns"]
    return {"persons": frozenset(fold(w) for w in data["persons"]),
            "levels": [fold(w).split() for w in data["referring_levels"]],
            "body": fold(data["place_body"]).split(),
            "unit_itself": _unit_itself_phrases(),
            "committee_levels": frozenset(fold(w) for w in data["referring_committee_levels"])}


def bare_level(name: str) -> str | None:
    """The level ``name`` ends with alone when it names that unit itself, its People's
    Committee or its leaders, referring to one unit the text named before ("Ủy ban nhân dân
    xã", "Xã", "lãnh đạo phường" → "xã", "phường"; ``agency_patterns.yml``
    ``referring_levels``), folded; None for a group ("Các thôn trong xã", "UBND xã, phường"), a
    person ("Đồng chí Tiến - PCT UBND phường") and a body of the unit, written as named
    ("Công an xã", "Đài truyền thanh xã", as the guide keeps "Công an tỉnh": news30, news34)."""
    known, words = _level_words(), fold(expand_abbreviations(name)).split()
    if words and words[0] in known["persons"]:
        return None
    for level in known["levels"]:
        if words[-len(level):] != level:
            continue
        before = " ".join(syllables(" ".join(words[:-len(level)])))
        return " ".join(level) if before in known["unit_itself"] else None
    return None


def _unit_itself_phrases() -> frozenset[str]:
    """What the words before a level say when they name the unit itself (``syllables``,
    joined): none, its People's Committee, a title or group title of its leaders with or
    without it ("lãnh đạo", "chủ tịch ủy ban nhân dân"), or its leadership
    (``unit_leaderships``: "cấp ủy, chính quyền")."""
    data = rules.load()["agency_patterns"]
    body = " ".join(syllables(data["place_body"]))
    heads = {"", *lexicons()["titles"].phrases, *lexicons()["group_titles"].phrases}
    return frozenset({f"{head} {body}".strip() for head in heads} | heads |
                     Lexicon(data["unit_leaderships"]).phrases)


def committee_level(name: str) -> str | None:
    """The level of ``agency_patterns.yml`` ``referring_committee_levels`` that ``name`` is the
    People's Committee of, alone ("UBND huyện" → "huyện"), folded; None for any other name."""
    known, words = _level_words(), fold(canonical(name)).split()
    level = " ".join(words[len(known["body"]):])
    return level if words[:len(known["body"])] == known["body"] and \
        level in known["committee_levels"] else None


def resolve(agency: str, province: str | None) -> str | None:
    """A "tỉnh"-relative name completed with the province: "Công an tỉnh" → "Công an tỉnh
    Nghệ An"; None for any other name or without a province."""
    if province and _province_relative().search(agency):
        return f"{agency} {province}"
    return None
