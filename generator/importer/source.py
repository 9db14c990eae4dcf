"""Reading a record: refuse what is not one, normalise characters and whitespace, and the
line-shape helpers (blank runs, labels, dates) every later step uses."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path


class NotARecord(ValueError):
    """The file is binary, empty or in another format; nothing is written for it."""


# Invisible or layout characters an extractor may leave; NBSP becomes a space.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_INVISIBLE.update({0xA0: " ", 0x202F: " ", 0x0C: "\n"})
_OTHER_FORMAT = re.compile(r"\A\s*(?:[{\[]|<\?xml|<!doctype|<html|%PDF|PK\x03\x04)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")


def read_lines(path: Path) -> list[str]:
    """The record's lines, normalised (NFC, LF, no invisible characters, whitespace-only lines
    empty, trailing whitespace except a Markdown hard break kept). Raises NotARecord."""
    data = path.read_bytes()
    if b"\x00" in data:
        raise NotARecord("binary file, not text extracted from a record")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotARecord(f"not UTF-8 text (byte {exc.start})") from None
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _OTHER_FORMAT.match(text):
        raise NotARecord("another format (JSON, XML, HTML, PDF or ZIP), not extracted record text")
    if len(_WORD.findall(text)) < 20:
        raise NotARecord("empty, or too little text to be a record")
    # Page numbers ("Sida 2 av 5", "2 (5)") are layout: blank lines keep the line numbers.
    return ["" if _PAGE_NUMBER.match(line.strip()) else _tidy(line) for line in text.split("\n")]


_PAGE_NUMBER = re.compile(r"^(?:sida\s+)?\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3})$", re.IGNORECASE)


def _tidy(line: str) -> str:
    if not line.strip():
        return ""
    hard_break = line.endswith("  ") and not line.endswith("\t")
    line = line.rstrip(" ")
    return line + "  " if hard_break else line


def blank(line: str) -> bool:
    return not line.strip()


def is_page_break(lines: list[str], i: int) -> bool:
    """A page break: two or more empty lines starting at ``i``."""
    return i + 1 < len(lines) and blank(lines[i]) and blank(lines[i + 1])


_MARKUP = re.compile(r"^\s*#{0,6}\s*[*_]*\s*|\s*[*_]*\s*$")


@lru_cache(maxsize=1 << 16)
def plain(line: str) -> str:
    """The line without heading marks, surrounding emphasis and outer whitespace."""
    return _MARKUP.sub("", line).strip()


@lru_cache(maxsize=1 << 16)
def label(line: str) -> str:
    """A line normalised for comparison with a label (docs/importing.md, "Labels"): no markup, no trailing
    colon, case-folded."""
    return plain(line).rstrip(":").strip().strip("*").strip().casefold()


ISO_DATE = re.compile(r"^((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def calendar_date(written: str, year, month, day, warnings: list[str], line: int) -> date | None:
    """The date ``written`` at ``line`` (1-based), or None with a warning when the calendar has no
    such day (``2012-02-30``): the text stays as written and the import goes on."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        warnings.append(f"line {line}: {written!r} is not a date in the calendar: kept as text, no date set")
        return None


def iso_date(written: str, warnings: list[str], line: int) -> date | None:
    """``calendar_date`` of an ISO date ``YYYY-MM-DD``."""
    year, month, day = written.split("-")
    return calendar_date(written, year, month, day, warnings, line)


def date_line(line: str) -> str | None:
    """The ISO date a line consists of (page and report headers), else None. A table row
    holding only a date is data."""
    if "\t" in line:
        return None
    text = plain(line)
    return text if ISO_DATE.match(text) else None


def logical_lines(lines: list[str]) -> list[tuple[str, int, int]]:
    """Lines with a bold run left open joined to the next ones (docs/importing.md, "Items and their three layers"), as
    ``(text, first, last)``; used to read titles and markers, never to write text."""
    out, i = [], 0
    while i < len(lines):
        text, last = lines[i], i
        while text.count("**") % 2 and last + 1 < len(lines) and last - i < 3 and lines[last + 1].strip():
            last += 1
            text = text.rstrip() + " " + lines[last].strip()
        out.append((text, i, last))
        i = last + 1
    return out


def find(lines: list[str], start: int, end: int, test) -> int | None:
    """The first line index in ``[start, end)`` whose line passes ``test``."""
    return next((i for i in range(start, end) if test(lines[i])), None)


def paragraph_start(lines: list[str], i: int) -> int:
    """The first line of the paragraph just above line ``i``."""
    i -= 1
    while i > 0 and blank(lines[i]):
        i -= 1
    while i > 0 and not blank(lines[i - 1]):
        i -= 1
    return i


def title_text(title_lines: list[str]) -> str:
    """A title from its lines: markup and hard breaks removed, one line, no trailing colon."""
    return re.sub(r"\s+", " ", " ".join(plain(x).replace("**", "") for x in title_lines)).strip().rstrip(":")


def organisation_name(text: str) -> str:
    """``KUNGSBACKA  KOMMUN`` → ``Kungsbacka kommun``; other spellings as written."""
    text = re.sub(r"\s+", " ", text).strip()
    return text.title().replace(" Kommun", " kommun").replace(" Region", " region") if text.isupper() else text
