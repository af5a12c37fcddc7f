"""What a clerk types for a value: a date as dd/mm/yyyy or ISO, a pillar or a recurrence by its
code or its Vietnamese name, accents and case optional ("the che so", "Thể chế số", "hằng tháng",
"monthly"). Each parser raises ValueError with a message for the clerk, in Vietnamese."""
from __future__ import annotations

import datetime as dt

import regex

from extractors.text import strip_accents

from .messages import say

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def parse_date(text: str) -> dt.date:
    """"30/9/2022", "30/09/2022", "30-09-2022", "30.09.2022" or "2022-09-30" → the date."""
    for form in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    raise ValueError(say("bad_date", value=text))


def _key(text: str) -> str:
    return " ".join(regex.split(r"[\s_-]+", strip_accents(text).strip()))


def code_of(choices: dict[str, str], typed: str) -> str | None:
    """The code of ``choices`` (code → label) whose code or label the clerk typed, or None."""
    wanted = _key(typed)
    return next((code for code, label in choices.items()
                 if wanted in (_key(code), _key(label))), None)


def pillar_code(typed: str) -> str:
    """A DTI pillar's code from its code or name. Raises ValueError listing the names."""
    from .labels import PILLARS  # when called: the command line imports this module before the
    # run has checked rules/ and can report a mistake there in one line

    code = code_of(PILLARS, typed)
    if code is None:
        raise ValueError(say("unknown_pillar", value=typed, choices=", ".join(PILLARS.values())))
    return code


def recurrence_code(typed: str) -> str:
    """A recurrence's code from its code or name. Raises ValueError listing the names."""
    from .labels import RECURRENCES  # when called, as in pillar_code

    code = code_of(RECURRENCES, typed)
    if code is None:
        raise ValueError(say("unknown_recurrence", value=typed,
                             choices=", ".join(RECURRENCES.values())))
    return code
