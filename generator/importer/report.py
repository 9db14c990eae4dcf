"""The officer's report (*tjänsteskrivelse*) and attachment headers: date, ``Dnr``,
``Referens``, ``Mottagare``; signatures and ``Expedieras till`` (docs/importing.md, "Items and their three layers"); and
running page headers, which are removed wherever they cut the text ("Extraction noise")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.diary import DiaryScheme
from generator.importer import labels
from generator.importer.source import blank, date_line, iso_date, label, plain

_NAME_WORD = re.compile(r"^[A-ZÅÄÖÉÜØÆ][\w'’-]*$")
_DNR_LINE = re.compile(r"^(?:dnr|diarienummer)\b", re.IGNORECASE)


@dataclass
class Header:
    """Fields of a report or attachment header and the lines they came from."""

    date: str | None = None
    diary_number: str | None = None
    officer: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    def meta(self, **extra) -> dict:
        """Front-matter fields of the header (and ``extra``), without the empty ones."""
        meta = {"date": self.date, "diary_number": self.diary_number, "officer": self.officer,
                "recipients": self.recipients, **extra}
        return {k: v for k, v in meta.items() if v not in (None, [])}


def _calendar_day(part: str, header: Header, line: int) -> bool:
    """Whether the date line ``part`` is a day of the calendar (else it is a warning)."""
    return iso_date(date_line(part) or "", header.warnings, line) is not None


def officer_below(lines: list[str], i: int, end: int) -> bool:
    """A ``Referens`` label among the next few lines: ``lines[i]`` opens a document header."""
    following = [x for x in lines[i + 1:min(end, i + 8)] if not blank(x)][:3]
    return any(label(x) == labels.OFFICER for x in following)


def is_dnr_line(line: str) -> bool:
    return bool(_DNR_LINE.match(plain(line)))


def is_header_cue(line: str) -> bool:
    """A line that opens a report header: a date alone, ``Dnr …`` or ``Referens``."""
    return bool(date_line(line)) or is_dnr_line(line) or label(line).startswith(labels.OFFICER)


def read_header(lines: list[str], start: int, end: int, scheme: DiaryScheme) -> Header:
    """Header fields in ``lines[start:end]``; values follow their label on the next lines,
    after a blank line, or glued to a name (``Helena WiklundMottagare``)."""
    header = Header()
    target: list[str] | None = None
    for i in range(start, end):
        for part in labels.split_glued_labels(lines[i]):
            key, text = label(part), _value(part)
            if not text or (date_line(part) and not header.date and not _calendar_day(part, header, i + 1)):
                continue  # an impossible date stays in the text
            header.lines.add(i)
            if date_line(part) and not header.date:
                header.date, target = date_line(part), None
            elif is_dnr_line(part) and not header.diary_number:
                header.diary_number, target = _dnr(part, scheme, header), None
            elif key == labels.OFFICER:
                target = header.officer
            elif key == labels.RECIPIENTS:
                target = header.recipients
            elif target is not None:
                target.append(text)
            else:
                header.lines.discard(i)
    return header


def header_end(lines: list[str], start: int, limit: int) -> int:
    """Where a header without a proposal ends: after its label values. Values written right
    under a label end at the next blank line; values after a blank are single short lines."""
    i, seen_label = start, False
    while i < limit:
        line = lines[i]
        if blank(line):
            i += 1
            continue
        key = label(labels.split_glued_labels(line)[-1])
        if date_line(line) or is_dnr_line(line) or key in (labels.OFFICER, labels.RECIPIENTS):
            seen_label = True
            i += 1
            continue
        contiguous = not blank(lines[i - 1])
        if not seen_label or line.lstrip().startswith(("#", "**", "|")) or "\t" in line or \
                (not contiguous and len(plain(line).split()) > 10):
            return i
        i += 1
    return i


def _value(line: str) -> str:
    return re.sub(r"\s+", " ", plain(line)).strip()


def _dnr(line: str, scheme: DiaryScheme, header: Header) -> str:
    mentions = scheme.find(line)
    if mentions and mentions[0].number:
        return str(mentions[0].number)
    text = re.sub(r"^(?:dnr|diarienummer)\s*:?\s*", "", _value(line), flags=re.IGNORECASE)
    why = mentions[0].problem if mentions else "not a diary number of a known body"
    header.warnings.append(f"Dnr {text!r} is {why}; kept as text")
    return text


# --- signatures and distribution ---------------------------------------------------------------
def is_name(text: str) -> bool:
    """A person's name: 2–4 capitalised words, no digits or punctuation."""
    words = text.split()
    return 2 <= len(words) <= 4 and len(text) <= 40 and all(_NAME_WORD.match(w) for w in words)


def _is_role(text: str) -> bool:
    return 1 <= len(text.split()) <= 6 and len(text) <= 60 and not re.search(r"\d|[.:;]$", text) \
        and label(text) not in labels.SECTIONS and not text.startswith(("#", "-", "|"))


def signature_at(lines: list[str], i: int) -> dict | None:
    """A signature block at ``i``: exactly two short lines, a name and a role in either order,
    with blank lines (or the ends) around."""
    if i + 1 >= len(lines) or blank(lines[i]) or blank(lines[i + 1]):
        return None
    if (i > 0 and not blank(lines[i - 1])) or (i + 2 < len(lines) and not blank(lines[i + 2])):
        return None
    first, second = _value(lines[i]), _value(lines[i + 1])
    if is_name(first) and _is_role(second) and not is_name(second):
        return {"name": first, "role": second}
    if is_name(second) and _is_role(first) and not is_name(first):
        return {"name": second, "role": first}
    return None


def distribution_at(lines: list[str], i: int, limit: int) -> tuple[list[str], int] | None:
    """``Expedieras till`` at ``i``: its recipients and the line after them. Values are the
    lines right under the label (after at most one blank) or a comma list on the label line."""
    text = plain(lines[i])
    if not label(text).startswith(labels.DISTRIBUTION):
        return None
    rest = text[len(labels.DISTRIBUTION):].strip(" :")
    if rest:
        return [v.strip() for v in rest.split(",") if v.strip()], i + 1
    j = i + 1
    if j < limit and blank(lines[j]) and j + 1 < limit and not blank(lines[j + 1]):
        j += 1
    values = []
    while j < limit and not blank(lines[j]) and "\t" not in lines[j]:
        values.append(_value(lines[j]))
        j += 1
    return values, j


# --- running page headers ------------------------------------------------------------------------
def running_headers(lines: list[str], start: int, end: int) -> list[tuple[int, int, str, str | None]]:
    """Running headers in ``lines[start:end]`` as ``(first, last, date, dnr line)``: a line that is
    only a date, after a blank line, with an optional ``Dnr`` line below it."""
    found = []
    i = start
    while i < end:
        when = date_line(lines[i])
        if when and (i == 0 or blank(lines[i - 1])):
            j = i + 1
            while j < end and blank(lines[j]) and j - i <= 2:
                j += 1
            dnr = j < end and is_dnr_line(lines[j])
            last = j if dnr else i
            found.append((i, last, when, _value(lines[j]) if dnr else None))
            i = last + 1
        else:
            i += 1
    return found
