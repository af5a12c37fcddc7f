"""What a clerk types, checked once for the command line and the review page alike.

Ids, dates, agency names, pillars, recurrences and free text arrive as strings from click
options, URL paths and form fields; each parser returns the value as stored or raises ParseError
(a ValueError) with a Vietnamese message the clerk can act on. A date is dd/mm/yyyy or ISO; a
pillar or a recurrence is its code or its Vietnamese name, accents and case optional, or the
unique start of one ("the che so", "the che", "Thể chế số", "hằng tháng", "monthly"). Nothing
unparsed reaches SQLite (an id past 2^63 - 1 overflows it), FTS5 (a blank query is a syntax
error) or a read loop (a negative Content-Length reads until the client hangs up).
"""
from __future__ import annotations

import datetime as dt

import regex

from extractors.text import strip_accents

from ..normalize import clean
from ..numbers import number
from .messages import say

MAX_ID = 2**63 - 1  # SQLite's largest INTEGER
MAX_TEXT_CHARS = 10_000  # a task sentence, an agency name, a search: a few hundred at most
# "id:4", "ma 4", "ma van ban: 4" (accents aside); "ma tran.docx" stays a file's name
DOCUMENT_ID = regex.compile(
    r"\s*(?:id\s*:\s*(?P<id>\S+)|ma(?:\s+van\s+ban)?(?:\s*:\s*|\s+)(?P<id>\d\S*))\s*",
    regex.IGNORECASE)
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
# the date line of a document's header: "Đắk Nông, ngày 07 tháng 9 năm 2022"
PRINTED_DATE = regex.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*$",
                             regex.IGNORECASE)


class ParseError(ValueError):
    """A value the clerk typed that cannot be used; the message says why, in Vietnamese."""


class NotFound(LookupError):
    """A name or reference the clerk typed that the database does not hold (an agency, a
    document); the message says so, in Vietnamese, with what it may have meant."""


def record_id(value: str, what: str | None = None) -> int:
    """A task or document id: ASCII digits, 1 to 2^63 - 1 ("١٢" and "12.0" are refused).
    ``what`` names it in the message (default: the message ``what_id``)."""
    value, what = value.strip(), what or say("what_id")
    value = value.removeprefix("#")  # "#175", as the messages write a task (new-clerk trial)
    if not (value.isascii() and value.isdigit()):
        raise ParseError(say("not_a_number", what=what, value=value))
    number = int(value)
    if not 1 <= number <= MAX_ID:
        raise ParseError(say("no_such_id", what=what, value=value))
    return number


def date(value: str) -> dt.date:
    """"30/9/2022", "30/09/2022", "30-09-2022", "30.09.2022" or "2022-09-30", in ASCII digits
    (strptime would take "２０２２" too), → the date; so too a date copied as a document prints
    it ("Đắk Nông, ngày 07 tháng 9 năm 2022", "07/09/2022.": new-clerk trial, stop 39)."""
    typed = value.strip()
    printed = PRINTED_DATE.search(typed)
    value = "{}/{}/{}".format(*printed.groups()) if printed else typed.rstrip(".")
    for form in DATE_FORMATS if value.isascii() else ():
        try:
            return dt.datetime.strptime(value, form).date()
        except ValueError:
            continue
    raise ParseError(say("bad_date", value=typed))


def _key(text: str) -> str:
    return " ".join(regex.split(r"[\s_-]+", strip_accents(text).strip()))


def codes_of(choices: dict[str, str], typed: str) -> list[str]:
    """The codes of ``choices`` (code → label) the clerk may mean: the one whose code or label
    was typed (accents, case, spaces, dashes and underscores aside), else every one whose code
    or label starts with it ("the che" → the_che_so; "hoat dong" → the three Hoạt động ...)."""
    wanted = _key(typed)
    names = {code: (_key(code), _key(label)) for code, label in choices.items()}
    exact = [code for code, keys in names.items() if wanted in keys]
    return exact or [code for code, keys in names.items()
                     if wanted and any(key.startswith(wanted) for key in keys)]


def choice_code(choices: dict[str, str], typed: str, message: str) -> str:
    """The one code of ``choices`` that ``typed`` names (``codes_of``). Raises ParseError:
    ``message`` listing every label when it names none, "ambiguous_choice" listing those it
    could mean when it starts several."""
    codes = codes_of(choices, typed)
    if len(codes) == 1:
        return codes[0]
    labels = ", ".join(choices[code] for code in codes or choices)
    raise ParseError(say(message if not codes else "ambiguous_choice", value=typed,
                         choices=labels))


def pillar_code(typed: str) -> str:
    """A DTI pillar's code from its code or name, or a unique start of one. Raises ParseError
    listing the names."""
    from .labels import PILLARS  # when called: the command line imports this module before the
    # run has checked rules/ and can report a mistake there in one line

    return choice_code(PILLARS, free_text(typed, what=say("what_pillar")), "unknown_pillar")


def role_code(typed: str) -> str:
    """A role's code from its code or name ("lead", "chủ trì", "chu-tri"; "support", "phối
    hợp"). Raises ParseError listing the names."""
    from .labels import ROLES  # when called, as in pillar_code

    return choice_code(ROLES, typed, "unknown_role")


def recurrence_code(typed: str) -> str:
    """A recurrence's code from its code or name, or a unique start of one. Raises ParseError
    listing the names."""
    from .labels import RECURRENCES  # when called, as in pillar_code

    return choice_code(RECURRENCES, typed, "unknown_recurrence")


def free_text(value: str, what: str | None = None) -> str:
    """Typed text as documents are stored (``normalize.clean``: NFC, no invisible or format
    characters), whitespace collapsed; blank or longer than MAX_TEXT_CHARS is refused, the
    message naming it ``what`` (default: the message ``what_text``)."""
    text, what = " ".join(clean(value).split()), what or say("what_text")
    if not text:
        raise ParseError(say("blank_text", what=what))
    if len(text) > MAX_TEXT_CHARS:
        raise ParseError(say("text_too_long", what=what, length=number(len(text)),
                              limit=number(MAX_TEXT_CHARS)))
    return text


def document_ref(value: str) -> int | str:
    """A document as the clerk names it: "id:4" → the id 4, and so "mã 4", "mã:4" (the lists
    write "mã văn bản": new-clerk trial, stop 38), typed with or without accents ("ma 4");
    anything else (digits included, "004" being
    both an id and a file name's start) → the text, which ``query.document_directives``
    resolves."""
    text = free_text(value, what=say("what_document"))
    named = DOCUMENT_ID.fullmatch(strip_accents(text))
    if named:
        return record_id(named.group("id"), what=say("what_document_id"))
    return text


def agency_name(value: str) -> str:
    """An agency name as typed, ready to store or match: ``free_text`` of it."""
    return free_text(value, what=say("what_agency"))


def agency_names(values: list[str]) -> list[str]:
    """Agency names as typed, each ``agency_name``, a value holding several split at its ";"
    (the "Chủ trì:" line of a review card pasted whole: new-clerk trial, stop 39; no name holds
    one); blank entries are dropped (none clears)."""
    return [agency_name(name) for value in values for name in value.split(";")
            if clean(name).strip()]


def content_length(value: str | None) -> int:
    """The byte count of a request body from its Content-Length header (absent: 0)."""
    value = (value or "0").strip()
    if not (value.isascii() and value.isdigit()):
        raise ParseError(say("bad_content_length", value=value))
    return int(value)
