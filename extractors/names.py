"""Agency names as the guide writes them: abbreviations expanded (UBND → Ủy ban nhân dân), the
body an office holder heads ("Giám đốc Sở Tài chính" → "Sở Tài chính"), known names and aliases
from ``rules/agencies.yml``, "tỉnh"-relative names completed with the province. No spaCy here:
the clerk's commands use these too.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .text import fold, fold_tones

from . import rules
from .lexicon import Lexicon


@lru_cache(maxsize=2)
def _abbreviations(any_case: bool = False) -> tuple[regex.Pattern, dict[str, str]]:
    table = rules.load()["abbreviations"]["abbreviations"]
    if any_case:
        table = {key.upper(): expansion for key, expansion in table.items()}
    keys = sorted(table, key=len, reverse=True)
    pattern = regex.compile(r"(?<![\p{L}\d&])(" + "|".join(regex.escape(k) for k in keys)
                            + r")(?![\p{L}\d&])", regex.I if any_case else 0)
    return pattern, table


def expand_abbreviations(text: str, any_case: bool = False) -> str:
    """``text`` with the abbreviations of rules/abbreviations.yml written out ("Sở TT&TT" → "Sở
    Thông tin và Truyền thông"). As written in documents they are matched case and all;
    ``any_case`` also takes "so tt&tt" as a clerk types it."""
    pattern, table = _abbreviations(any_case)
    expanded = pattern.sub(lambda m: table[m.group(1).upper() if any_case else m.group(1)], text)
    return regex.sub(r"\s+", " ", expanded).strip()


@lru_cache(maxsize=1)
def lexicons() -> dict[str, Lexicon]:
    data = rules.load()
    patterns, cues, actions = data["agency_patterns"], data["cues"], data["actions"]
    return {
        "heads": Lexicon(patterns["heads"]),
        "titles": Lexicon(patterns["titles"]),
        "collectives": Lexicon(patterns["collectives"]),
        "issuers": Lexicon(patterns["issuers"]),
        "continuations": Lexicon(patterns["continuations"]),
        "verbs": Lexicon(actions["verbs"] + data["verbs_vlsp"]["verbs"]),
        "boundaries": Lexicon(actions["boundaries"]),
        "directive": Lexicon(cues["directive"]),
        "issuer_directive": Lexicon(cues["issuer_directive"]),
        "support": Lexicon(cues["support"]),
    }


def abbreviated_forms(name: str) -> set[str]:
    """"Sở Kế hoạch và Đầu tư" → {"Sở KH&ĐT", "Sở KHĐT"}: the ways documents shorten a name."""
    forms = {name}
    for abbreviation, expansion in _abbreviations()[1].items():
        forms |= {form.replace(expansion, abbreviation) for form in forms if expansion in form}
    return forms


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, dict]:
    """Folded name, alias or abbreviated form → agency entry, for every known agency."""
    entries = {}
    for entry in rules.load()["agencies"]["agencies"]:
        for form in [entry["name"], *entry.get("aliases", [])]:
            for variant in abbreviated_forms(expand_abbreviations(form)) | {form}:
                entries[fold(variant)] = entry
    return entries


def title_prefix(text: str) -> str | None:
    """The office-holder title a mention starts with, when a body follows it."""
    folded = fold(text)
    for title in sorted(lexicons()["titles"].phrases, key=len, reverse=True):
        if folded.startswith(title + " ") and not folded.startswith(("thủ tướng chính phủ",)):
            rest = folded[len(title) + 1:]
            if lexicons()["heads"].starts(rest) or rest.startswith("các "):
                return text[: len(title)]
    return None


def canonical(mention: str) -> str:
    """The agency as the guide writes it: abbreviations expanded, the body an office holder heads."""
    text = expand_abbreviations(mention).strip(" ,;:.-")
    title = title_prefix(text)
    if title:
        text = text[len(title):].strip()
    entry = gazetteer().get(fold(text))
    if entry:
        return entry["name"]
    text = fold_tones(text)
    if mention.isupper():  # a heading in capitals: "UBND CÁC HUYỆN, THỊ XÃ"
        text = text.lower()
    return text[:1].upper() + text[1:]


COLLECTIVE_MARKERS = frozenset({"các", "cấp"})


def is_collective(syllables) -> bool:
    """ "các sở, ban, ngành", "UBND cấp huyện": folded syllables naming a group, not one body."""
    return not COLLECTIVE_MARKERS.isdisjoint(syllables)


COLLECTIVE_SCOPE = regex.compile(r"(?<!\p{L})(?:các|cấp)\s+(.+)")


@lru_cache(maxsize=1)
def _collective_members() -> dict[regex.Pattern, tuple[str, ...]]:
    members = rules.load()["agency_patterns"]["collective_members"]
    return {regex.compile(rf"(?<!\p{{L}}){regex.escape(fold(word))}(?!\p{{L}})"):
            tuple(fold(head) for head in heads) for word, heads in members.items()}


def covers(collective: str, agency: str) -> bool:
    """Whether a collective addressee includes an agency: "Các sở, ban, ngành" and "Các cơ quan,
    đơn vị" cover "Sở Tài chính"; "UBND các huyện" does not (rules/agency_patterns.yml
    ``collective_members``, read for the words after "các" or "cấp")."""
    scope = COLLECTIVE_SCOPE.search(fold(collective))
    if not scope:
        return False
    name = fold(agency)
    return any(word.search(scope.group(1)) and any(name.startswith(head + " ") for head in heads)
               for word, heads in _collective_members().items())


def resolve(agency: str, province: str | None) -> str | None:
    """Complete a "tỉnh"-relative name with the province: "Công an tỉnh" → "Công an tỉnh Nghệ An"."""
    if province and regex.search(r"\btỉnh$", agency):
        return f"{agency} {province}"
    return None
