"""The front-matter schema of each record type: which keys, of what type, which are required.

docs/content-format.md documents the same table for people; each checker turns a YAML value
into the model's value or raises ValueError saying what was expected.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from generator import contentfs, safety
from generator.diary import DiaryNumber, DiaryScheme
from generator.model import (
    Attendance,
    AttendanceChange,
    Attendee,
    Ballot,
    Motion,
    Original,
    ProtocolNote,
    Reservation,
    Signature,
    Vote,
)
from generator.people import parse_person


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
    raise ValueError("expected a whole number")  # of at most 9 digits: 5,000 would not even parse


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
        if not isinstance(entry, dict) or set(entry) - {"name", "role", "signed", "service"}:
            raise ValueError("expected each signature as {name: …, role: …, signed: …, service: …}")
        result.append({k: stamp(v) if k == "signed" else text(v) for k, v in entry.items()})
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


def stamp(value) -> str:
    """A date and time "YYYY-MM-DD HH:MM[:SS]" (YAML reads one with seconds as a datetime)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):  # a signature dated without a time
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?", value.strip()):
        return value.strip()
    raise ValueError(f"expected a date and time like \"2025-02-07 10:15\", got {value!r}")


def mapping(value) -> dict:
    if isinstance(value, dict):
        return value
    raise ValueError("expected a mapping of keys to values")


def one_of(*choices: str):
    def check(value) -> str:
        if value in choices:
            return value
        raise ValueError(f"expected {check.expected}, got {value!r}")  # type: ignore[attr-defined]
    check.expected = f"one of {', '.join(choices)}"  # type: ignore[attr-defined]
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


class FieldError(ValueError):
    """A problem inside a nested value, with its path: ``votes`` → ``[0].ballots[2].vote``."""

    def __init__(self, path: str, message: str):
        self.path, self.message = path, message
        super().__init__(f"{path}: {message}")


def _nest(prefix: str, exc: ValueError) -> FieldError:
    if isinstance(exc, FieldError):
        return FieldError(prefix + ("" if exc.path.startswith("[") else ".") + exc.path, exc.message)
    return FieldError(prefix, str(exc))


def _entry(value, keys: dict, what: str) -> dict:
    """A mapping with each key checked by ``keys`` (key → (checker, required))."""
    if not isinstance(value, dict):
        raise ValueError(f"expected {what}")
    # YAML 1.1 reads unquoted yes/no keys as booleans.
    value = {{True: "yes", False: "no"}.get(k, k) if isinstance(k, bool) else k: v for k, v in value.items()}
    unknown = set(value) - set(keys)
    if unknown:
        raise ValueError(f"unknown key {min(map(str, unknown))!r}, expected {', '.join(keys)}")
    checked = {}
    for key, (check, required) in keys.items():
        if value.get(key) in (None, ""):
            if required and key in value:
                raise _nest(key, ValueError(f"is empty, expected {expected(check)}"))
            if required:
                raise ValueError(f"missing '{key}', expected {expected(check)}")
            continue
        try:
            checked[key] = check(value[key])
        except ValueError as exc:
            raise _nest(key, exc) from None
    return checked


def _entries(value, keys: dict, what: str) -> list[dict]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of {what}")
    result = []
    for index, entry in enumerate(value):
        try:
            result.append(_entry(entry, keys, what))
        except ValueError as exc:
            raise _nest(f"[{index}]", exc) from None
    return result


PERSON_KEYS = {"name": (text, True), "party": (text, False), "role": (text, False), "title": (text, False),
               "replaces": (text, False), "paragraphs": (text, False)}
GROUP_KEYS = {"members": ("name", "party", "role"), "serving_deputies": ("name", "party", "replaces"),
              "deputies": ("name", "party"), "officials": ("name", "party", "title", "paragraphs"),
              "others": ("name", "party", "title", "paragraphs")}


def people(group: str):
    """Checker for one attendance group: entries as mappings or as "Name (P), role" texts."""
    keys = {k: PERSON_KEYS[k] for k in GROUP_KEYS[group]}

    def check(value) -> list[Attendee]:
        entries = value if isinstance(value, list) else [value]
        written = [{k: v for k, v in zip(("name", "party", "role"), parse_person(text(e)), strict=True) if v}
                   if isinstance(e, str) else e for e in entries]
        result = []
        for entry in _entries(written, {**keys, "role": (text, False)}, "a person {name: …}"):
            role = entry.pop("role", "") or entry.pop("title", "")
            name, party, _ = parse_person(entry.pop("name"))
            result.append(Attendee(name=name, party=entry.pop("party", party), role=role, **entry))
        return result
    return check


CHANGE_KEYS = {"name": (text, True), "event": (one_of("leaves", "arrives"), True),
               "paragraph": (integer, True), "note": (text, False)}


def attendance(value) -> Attendance:
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping of groups: {', '.join([*GROUP_KEYS, 'changes'])}")
    found = Attendance()
    for group, entries in value.items():
        try:
            if group == "changes":
                found.changes = [AttendanceChange(name=name, party=party, **{k: v for k, v in e.items() if k != "name"})
                                 for e in _entries(entries, CHANGE_KEYS, "{name, event, paragraph}")
                                 for name, party, _ in [parse_person(e["name"])]]
            elif group in GROUP_KEYS:
                setattr(found, group, people(group)(entries or []))
            else:
                raise ValueError(f"unknown group, expected one of {', '.join([*GROUP_KEYS, 'changes'])}")
        except ValueError as exc:
            raise _nest(group, exc) from None
    return found


def paragraph_range(value) -> str:
    """The § range of minutes, "287-296" or "93" (a "§§" and an en dash are allowed)."""
    match = re.fullmatch(r"(?:§§?\s*)?(\d+)(?:\s*[-–]\s*(\d+))?", str(value).strip())
    if not match or (match[2] and int(match[2]) < int(match[1])):
        raise ValueError(f"expected a paragraph range like \"287-296\" or \"93\", got {value!r}")
    return f"{match[1]}-{match[2]}" if match[2] else match[1]


def adjustment(value) -> dict:
    """*Justering*: its date and place (the legacy meeting.md form also names the adjusters)."""
    keys = {"date": (iso_date, False), "place": (text, False), "by": (texts, False)}
    return _entry(value, keys, "a mapping {date: …, place: …}")


VOTE_CHOICES = {"ja": "ja", "nej": "nej", "avstår": "avstår", "yes": "ja", "no": "nej", "abstain": "avstår"}


def ballot_vote(value) -> str:
    # YAML 1.1 reads unquoted yes/no as booleans.
    word = {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else str(value).strip().lower()
    if word not in VOTE_CHOICES:
        raise ValueError(f"expected ja, nej or avstår, got {value!r}")
    return VOTE_CHOICES[word]


def _totals(value) -> dict:
    return _entry(value, {k: (integer, False) for k in ("yes", "no", "abstain")}, "a mapping {yes, no, abstain}")


def _proposition(value) -> dict:
    return _entry(value, {"yes": (text, True), "no": (text, True)}, "a mapping {yes: …, no: …}")


def _ballots(value) -> list[Ballot]:
    keys = {"name": (text, True), "party": (text, False), "vote": (ballot_vote, True)}
    return [Ballot(**e) for e in _entries(value, keys, "{name, party, vote}")]


def votes(value) -> list[Vote]:
    keys = {"proposition": (_proposition, True), "ballots": (_ballots, False), "totals": (_totals, False),
            "outcome": (text, False)}
    return [Vote(**e.pop("proposition"), **e) for e in _entries(value, keys, "a vote {proposition, ballots, totals}")]


def motions(value) -> list[Motion]:
    return [Motion(**e) for e in _entries(value, {"by": (texts, True), "text": (text, True)}, "{by, text}")]


def reservations(value) -> list[Reservation]:
    keys = {"by": (texts, True), "written": (boolean, False), "text": (text, False)}
    return [Reservation(**e) for e in _entries(value, keys, "{by, written, text}")]


def protocol_notes(value) -> list[ProtocolNote]:
    return [ProtocolNote(**e) for e in _entries(value, {"by": (texts, True), "text": (text, False)}, "{by, text}")]


def signature_records(value) -> list[Signature]:
    return [Signature(**entry) for entry in signatures(value)]


def address(value) -> str:
    if isinstance(value, str) and safety.web_address(value.strip()):
        return value.strip()
    raise ValueError(f"expected an http(s) address like https://example.org/protokoll.pdf, got {value!r}")


def _format(name: str) -> str:
    """The format an address or file name shows: its extension, as people name it (PDF, DOCX)."""
    suffix = PurePosixPath(urlsplit(name).path).suffix[1:]
    return suffix.upper() if suffix.isalnum() and len(suffix) <= 5 else ""


def original(value) -> Original:
    """The original the record's text came from: the name of a file beside the record (its size
    is read from it, generator.load), an http(s) address, or ``{url, size, format}`` for an
    address whose size (bytes) or format is known."""
    if isinstance(value, dict):
        entry = _entry(value, {"url": (address, True), "size": (integer, False), "format": (one_line, False)},
                       "a mapping {url: …, size: …, format: …}")
        return Original(url=entry["url"], size=entry.get("size"), format=entry.get("format") or _format(entry["url"]))
    written = text(value)
    if ":" in written or written.startswith("//"):  # an address, or a scheme that is not one
        return Original(url=address(written), format=_format(written))
    if contentfs.original_name(written):
        return Original(file=written, format=_format(written))
    raise ValueError("expected an http(s) address like https://example.org/protokoll.pdf, or the name of a file in "
                     f"the record's folder like protokoll.pdf (of a document type: "
                     f"{', '.join(contentfs.ORIGINAL_TYPES)}), got {written!r}")


# What a required key's checker expects, for the error when the key is empty or missing.
EXPECTED = {text: "a non-empty text", one_line: "a non-empty text on one line", integer: "a whole number",
            iso_date: "a date like 2012-12-11", diary_prefix: "a diary-number prefix like SN",
            texts: "a text or a list of texts", ballot_vote: "ja, nej or avstår",
            _proposition: "a mapping {yes: …, no: …}",
            address: "an http(s) address"}


def expected(check) -> str:
    return str(EXPECTED.get(check) or getattr(check, "expected", "a value"))


STATUS = one_of("utgår", "bordlagd", "återremitterad")

COMMON = {"draft": (boolean, False), "import": (import_notes, False)}
ORIGINAL = {"original": (original, False)}  # of every record read from a document (not a committee)

# record type → key → (checker, required); "diary" marks checkers that need the site's scheme.
FIELDS = {
    "committee": {"name": (one_line, True), "prefix": (diary_prefix, True), "organisation": (text, False),
                  "description": (text, False)},
    "meeting": {"date": (iso_date, True), "kind": (one_of("kallelse", "protokoll"), False),
                "time": (clock, False), "end_time": (clock, False), "place": (text, False),
                "chair": (text, False), "secretary": (text, False), "adjustment": (mapping, False),
                "notes": (texts, False), "title": (text, False), **ORIGINAL},
    "item": {"number": (integer, True), "title": (text, True), "diary_numbers": ("diary", False),
             "proposal": (text, False), "decision": (text, False), "summary": (text, False),
             "printed_number": (integer, False), "status": (STATUS, False), "paragraph": (integer, False),
             **ORIGINAL},
    "minutes": {"time": (clock, False), "end_time": (clock, False), "place": (text, False),
                "paragraphs": (paragraph_range, False), "chair": (text, False), "secretary": (text, False),
                "adjusters": (texts, False), "adjustment": (adjustment, False),
                "signatures": (signature_records, False), "attendance": (attendance, False),
                "posted": (iso_date, False), "storage": (text, False), **ORIGINAL},
    "paragraph": {"number": (integer, True), "title": (text, True), "diary_numbers": ("diary", False),
                  "item": (integer, False), "decision": (text, False),
                  "decision_type": (one_of("beslut", "forslag"), False), "proposal_to": (text, False),
                  "summary": (text, False), "basis": (texts, False), "motions": (motions, False),
                  "process": (text, False), "votes": (votes, False), "reservations": (reservations, False),
                  "protocol_notes": (protocol_notes, False), "conflicts": (texts, False),
                  "sent_to": (texts, False), "confidential": (boolean, False), "status": (STATUS, False),
                  **ORIGINAL},
    "document": {"kind": (one_of("tjansteskrivelse", "bilaga"), True), "title": (text, True),
                 "order": (integer, False), "date": (iso_date, False), "diary_number": ("diary", False),
                 "officer": (texts, False), "recipients": (texts, False),
                 "signatures": (signatures, False), "distribution": (texts, False), **ORIGINAL},
    "standalone": {"title": (text, True), "date": (iso_date, False), "year": (integer, False),
                   "organisation": (text, False), "committee": (text, False),
                   "diary_numbers": ("diary", False), **ORIGINAL},
}
