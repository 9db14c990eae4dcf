"""The front-matter schema of each record type: which keys, of what type, which are required.

docs/content-format.md documents the same table for people; each checker turns a YAML value
into the model's value or raises ValueError saying what was expected.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from generator import safety
from generator.diary import DiaryNumber, DiaryScheme


def text(value) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    raise ValueError("expected text")


def diary_prefix(value) -> str:
    return safety.prefix(text(value))


def integer(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**9:
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 10:
        return int(value)
    raise ValueError("expected a whole number (of at most 9 digits)")


def boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("expected true or false")


YEARS = range(1500, 2500)  # beyond these a date is a typing error, and date arithmetic overflows


def iso_date(value) -> date:
    if isinstance(value, datetime):
        raise ValueError(f"expected a date like 2012-12-11 without a time, got {value.isoformat(' ')!r}")
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"expected a date like 2012-12-11, got {value!r}") from None
    if day.year not in YEARS:
        raise ValueError(f"expected a date between {YEARS.start} and {YEARS.stop - 1}, got {day.isoformat()}")
    return day


def clock(value) -> str:
    # YAML 1.1 reads an unquoted 19:30 as the sexagesimal number 1170.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", str(value).strip())
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return f"{int(match[1]):02d}:{match[2]}"
    raise ValueError(f"expected a time like \"19:30\", got {value!r}")


def texts(value) -> list[str]:
    if isinstance(value, (str, int)):
        return [text(value)]
    if isinstance(value, list):
        return [text(v) for v in value]
    raise ValueError("expected a list of texts")


def signatures(value) -> list[dict]:
    if not isinstance(value, list):
        raise ValueError("expected a list of {name: …, role: …}")
    result = []
    for entry in value:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or set(entry) - {"name", "role"}:
            raise ValueError("expected each signature as {name: …, role: …}")
        result.append({k: text(v) for k, v in entry.items()})
    return result


def one_line(value) -> str:
    """Text on one line: a name that becomes a calendar's or a feed's title."""
    value = text(value)
    if "\n" in value or "\r" in value:
        raise ValueError("expected text on one line")
    return value


def import_notes(value) -> dict:
    """What ``diarium import`` noted: a mapping whose ``warnings`` is a list of texts."""
    notes = mapping(value)
    warnings = notes.get("warnings")
    if warnings is not None and not (isinstance(warnings, list) and all(isinstance(w, str) for w in warnings)):
        raise ValueError(f"expected import.warnings to be a list of texts, got {warnings!r}")
    return notes


def mapping(value) -> dict:
    if isinstance(value, dict):
        return value
    raise ValueError("expected a mapping of keys to values")


def one_of(*choices: str):
    def check(value) -> str:
        if value in choices:
            return value
        raise ValueError(f"expected one of {', '.join(choices)}, got {value!r}")
    return check


def diary_numbers(scheme: DiaryScheme):
    """Checker for a list of diary numbers written in any real form."""
    def check(value) -> list[DiaryNumber]:
        result = []
        for raw in texts(value):
            number = scheme.parse(raw)
            if number is None:
                known = ", ".join(scheme.canonical.values())
                raise ValueError(f"expected a diary number like SN 2012:195 with a prefix of "
                                 f"config.yaml's diary_prefixes ({known}), got {raw!r}")
            result.append(number)
        return result
    return check


COMMON = {"draft": (boolean, False), "import": (import_notes, False)}

# record type → key → (checker, required); "diary" marks checkers that need the site's scheme.
FIELDS = {
    "committee": {"name": (one_line, True), "prefix": (diary_prefix, True), "organisation": (text, False),
                  "description": (text, False)},
    "meeting": {"date": (iso_date, True), "kind": (one_of("kallelse", "protokoll"), True),
                "time": (clock, False), "end_time": (clock, False), "place": (text, False),
                "chair": (text, False), "secretary": (text, False), "adjustment": (mapping, False),
                "notes": (texts, False), "title": (text, False)},
    "item": {"number": (integer, True), "title": (text, True), "diary_numbers": ("diary", False),
             "decision": (text, False), "summary": (text, False), "printed_number": (integer, False)},
    "document": {"kind": (one_of("tjansteskrivelse", "bilaga"), True), "title": (text, True),
                 "order": (integer, False), "date": (iso_date, False), "diary_number": ("diary", False),
                 "officer": (texts, False), "recipients": (texts, False),
                 "signatures": (signatures, False), "distribution": (texts, False)},
    "standalone": {"title": (text, True), "date": (iso_date, False), "year": (integer, False),
                   "organisation": (text, False), "committee": (text, False),
                   "diary_numbers": ("diary", False)},
}
