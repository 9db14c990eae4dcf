"""Minutes (*protokoll*): the header (docs/importing.md, "Minutes"), the contents list and the
§ paragraphs. The header is read by a table of line rules: each rule names a label and the
field its value fills; a field the record does not give stays None."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.diary import DiaryScheme
from generator.importer import attendance, paragraphs
from generator.importer.extracted import Minutes, Span
from generator.importer.layout import Layout
from generator.importer.source import ISO_DATE, blank, iso_date, organisation_name, plain

# ``§ 12   Dnr KS-2024-00544``, ``§1  Dnr 2025-00005``, ``§ 18`` alone; not ``§ 6 SoL …`` in text.
HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?\**§\s*(\d{1,4})\**"
                     r"(?:\s+(?:Dnr\.?|Diarienummer)\s*:?\s*(.*?)|\s{2,}(\S*\d.*?))?\s*$")
_LEADER = re.compile(r"(?:\s*\.{3,}\s*|\s+)(\d{1,3})\s*$")
_CLOCK = re.compile(r"\b(?:klockan|kl\.?)\s*(\d{1,2})[.:](\d{2})(?:\s*[-–]\s*(\d{1,2})[.:](\d{2}))?", re.IGNORECASE)
_RANGE = re.compile(r"(?:§\s*§?|\bparagrafer\b:?)\s*(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?", re.IGNORECASE)
_ISO = re.compile(r"\b((?:19|20)\d\d-\d\d-\d\d)\b")
_PARTY = re.compile(r"\s*\(\s*[A-ZÅÄÖ]{1,5}\s*\)?")
_ORGANISATION = re.compile(r"^\S.{0,40}\b(?:kommun|region|landsting)$", re.IGNORECASE)
_KIND = re.compile(r"protokoll|protokollsutdrag", re.IGNORECASE)
_CONTENTS = re.compile(r"^\s*(?:innehåll|innehållsförteckning|ärendeförteckning)\s*:?\s*$", re.IGNORECASE)


def _value(text: str, label: str) -> str:
    return re.sub(r"\s+", " ", re.sub(label, "", text, count=1, flags=re.IGNORECASE)).strip(" :")


def _name(text: str) -> str | None:
    """A signer's name without party; a truncated ``(KD`` too."""
    text = _PARTY.sub("", text).strip(" ,")
    return text or None


def _adjusters(text: str) -> list[str]:
    parts = re.split(r"\s*,\s*(?![^()]*\))|\s+och\s+", text)
    return [re.sub(r"\(\s*([A-ZÅÄÖ]{1,5})\s*$", r"(\1)", p.strip()) for p in parts if p.strip()]


@dataclass
class _Reading:
    """The state of reading a minutes header, line by line."""

    minutes: Minutes
    body: list[str] = field(default_factory=list)
    attendance: list[str] = field(default_factory=list)
    in_attendance: bool = False
    expect_date: bool = False       # ``Datum`` alone: the date is on the next line
    pending: str | None = None      # a signer field whose name is on the next line (``Sekreterare ......``)
    at: int = 0                     # the line being read (1-based), for warnings

    @property
    def header(self) -> dict:
        return self.minutes.header


def _place_and_time(r: _Reading, text: str) -> None:
    """``Kungsbackarummet, Storgatan 37 Klockan 17:00-17:45`` → place, time, end time; the rest
    (``, paus 18.50-19.05``) is kept in the body."""
    m = _CLOCK.search(text)
    if not m:
        if text:
            r.header.setdefault("place", text)
        return
    r.header["time"] = f"{int(m.group(1)):02d}:{m.group(2)}"
    if m.group(3):
        r.header["end_time"] = f"{int(m.group(3)):02d}:{m.group(4)}"
    place = text[:m.start()].strip(" ,")
    if place:
        r.header["place"] = place
    rest = text[m.end():].strip(" ,")
    if rest:
        r.minutes.notes.append(rest[:1].upper() + rest[1:])


def _adjustment(r: _Reading, text: str) -> None:
    found = _ISO.search(text)
    adjustment = r.header.setdefault("adjustment", {})
    day = found and iso_date(found.group(1), r.minutes.warnings, r.at)
    if found and day:
        adjustment["date"] = day
        text = (text[:found.start()] + text[found.end():]).strip(" ,")
    if text:
        adjustment["place"] = text


def _signer(key: str) -> Callable[[_Reading, str], None]:
    """``Sekreterare  Kristina Gudmundson   Paragrafer § 1-7``: the name (a paragraph range may
    share the line); a signature line of dots leaves the name to the next line."""
    def read(r: _Reading, text: str) -> None:
        _paragraph_range(r, text)
        text = re.split(r"\s{2,}|\bparagrafer\b|§", text, flags=re.IGNORECASE)[0]
        text = re.sub(r"[._…]{3,}", "", text).strip()
        if not text:
            r.pending = key
        elif key == "adjusters":
            r.header["adjusters"] = _adjusters(text)
        else:
            r.header[key] = _name(text)
    return read


def _paragraph_range(r: _Reading, text: str) -> None:
    m = _RANGE.search(text)
    if m and "paragraphs" not in r.header:
        r.header["paragraphs"] = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")


def _meeting_date(r: _Reading, text: str) -> None:
    """``Datum 2025-02-03`` or ``Datum`` above the date: the meeting date (the first one)."""
    found = _ISO.search(text)
    if found and r.minutes.date is None:
        r.minutes.date = iso_date(found.group(1), r.minutes.warnings, r.at)
    r.expect_date = not text


def _dated(key: str) -> Callable[[_Reading, str], None]:
    def read(r: _Reading, text: str) -> None:
        found = _ISO.search(text)
        day = found and iso_date(found.group(1), r.minutes.warnings, r.at)
        if day:
            r.header[key] = day
    return read


def _note(label: str) -> Callable[[_Reading, str], None]:
    return lambda r, text: r.minutes.notes.append(f"{label}: {text}") if text else None


def _committee(r: _Reading, text: str) -> None:
    if text and not r.minutes.committee:
        r.minutes.committee = text


# (label at the line start, handler of the rest of the line). Order matters: the first match wins.
RULES: list[tuple[str, Callable[[_Reading, str], None]]] = [
    (r"plats och tid för justering|justeringens plats och tid|justering(?:sdatum)?\b|tid och plats för justering",
     _adjustment),
    (r"plats och tid(?: för(?: sammanträde[t]?)?)?|tid och plats", _place_and_time),
    (r"sammanträdestid|tid\b", lambda r, t: _place_and_time(r, "kl " + t if re.match(r"\d", t) else t)),
    (r"plats\b", lambda r, t: r.header.setdefault("place", t) if t else None),
    (r"sekreterare\b", _signer("secretary")),
    (r"ordförande\b", lambda r, t: _signer("chair")(r, t) if t else None),
    (r"(?:protokoll)?justerare\b|justerande\b|utses att justera\b", _signer("adjusters")),
    (r"paragrafer\b", lambda r, t: _paragraph_range(r, t if "§" in t else "§ " + t)),
    (r"underskrifter\b", lambda r, t: _read_line(r, t) if t else None),   # the signer labels follow
    # The notice of adjustment (*anslag*) printed with the minutes.
    (r"datum då anslaget (?:sätts upp|publicer\w*)|anslaget (?:sätts upp|publicerat)|anslagsdatum",
     _dated("posted")),
    (r"datum då anslaget tas ned|anslaget tas ned", _note("Anslaget tas ned")),
    (r"förvaringsplats(?: för protokollet)?", lambda r, t: r.header.__setitem__("storage", t) if t else None),
    (r"organ\b", _committee),
    (r"sammanträdesdatum|datum\b", _meeting_date),
    (r"sammanträdet?$", lambda r, t: None),     # the end of a wrapped ``Plats och tid för sammanträde``
]
_RULES = [(re.compile(rf"^\s*(?:{label})\s*:?\s*", re.IGNORECASE), handler) for label, handler in RULES]
_SIGNER_NAME = re.compile(rf"^{attendance.NAME}(?:\s*{attendance.PARTY})?$")


def read_header(layout: Layout, end: int) -> Minutes:
    """The minutes header in ``layout.lines[:end]``."""
    r = _Reading(Minutes(committee="", date=None, span=Span(0, end)))
    for at, line in enumerate(layout.lines[:end], 1):
        if not blank(line):
            r.at = at
            _read_line(r, line)
    minutes = r.minutes
    minutes.attendance, unplaced = attendance.read(r.attendance)
    if unplaced:
        minutes.warnings.append(f"{len(unplaced)} attendance line(s) under no group label: kept in the text")
        r.body += unplaced
    minutes.header["signatures"] = layout.signatures
    minutes.body = "\n\n".join(minutes.notes + r.body + [s + "." for s in layout.stamps] + layout.signature_text)
    _check(minutes)
    return minutes


def _read_line(r: _Reading, line: str) -> None:
    text = plain(line)
    rule = next(((p, h) for p, h in _RULES if p.match(text)), None)
    if attendance.group_labels(text) is not None and rule is None:
        r.in_attendance = True
    if rule and r.in_attendance and not _value(text, rule[0].pattern):
        rule = None     # ``ordförande`` alone: a wrapped role in the attendance list
    if r.in_attendance and rule is None:
        r.attendance.append(line)
        return
    r.in_attendance = False
    if rule:
        r.pending = None
        rule[1](r, _value(text, rule[0].pattern))
    elif r.pending and _SIGNER_NAME.match(text):
        _signer(r.pending)(r, text)
        r.pending = None
    elif ISO_DATE.match(text) and (r.expect_date or r.minutes.date is None):
        r.minutes.date = r.minutes.date or iso_date(text, r.minutes.warnings, r.at)
        r.expect_date = False
        if r.minutes.date is None:
            r.body.append(line)
    elif not r.minutes.committee and _title_line(r.minutes, text):
        pass
    else:
        r.body.append(text)


def _title_line(minutes: Minutes, text: str) -> bool:
    """The first lines name organisation, record kind and committee (in any order)."""
    taken = False
    for part in re.split(r"\s{2,}", text):
        if _ORGANISATION.match(part):
            minutes.header.setdefault("organisation", organisation_name(part))
            taken = True
        elif _KIND.search(part) and len(part.split()) <= 3:
            taken = True
        elif not minutes.committee and not re.search(r"\d", part):
            minutes.committee = part
            taken = True
    return taken


def _check(minutes: Minutes) -> None:
    missing = [k for k in ("place", "time", "chair", "secretary", "adjusters", "paragraphs")
               if not minutes.header.get(k)]
    if minutes.date is None:
        missing.insert(0, "date")
    if not minutes.committee:
        missing.insert(0, "committee")
    if missing:
        minutes.warnings.append("minutes header has no " + ", ".join(missing))


# --- contents and paragraphs -----------------------------------------------------------------------
def header_end(lines: list[str]) -> int:
    """Where the header ends: at the contents list or the first § heading with a diary number
    (a bare ``§ 2`` can be an official's paragraphs wrapped in the attendance list); without
    either, at the first bare heading."""
    bare = None
    for i, line in enumerate(lines):
        m = HEADING.match(line)
        inline = _INLINE_HEADING.match(line) and (i == 0 or blank(lines[i - 1]))
        if _CONTENTS.match(plain(line)) or (m and _dnr(m)) or inline:
            return i
        if m and bare is None:
            bare = i
    return len(lines) if bare is None else bare


def _dnr(m: re.Match) -> str:
    return m.group(2) or m.group(3) or ""


def headings(lines: list[str], start: int) -> tuple[list[Heading], list[tuple[int, str, str]]]:
    """The § headings from ``start``: body headings and contents entries as ``(number, dnr text,
    title)``. A heading whose title ends with a page number (dot leaders or a bare number)
    belongs to the contents list."""
    body: list[Heading] = []
    contents = []
    i = start
    while i < len(lines):
        m = HEADING.match(lines[i])
        inline = _INLINE_HEADING.match(lines[i]) if not m and (i == 0 or blank(lines[i - 1])) else None
        if inline:       # ``§ 45 Val av justerare``: the title on the heading line
            number, dnr, j = int(inline.group(1)), *dnr_line(lines, i + 1)
            body.append(Heading(i, number, dnr, re.sub(r"\s+", " ", inline.group(2)).strip(), j))
            i = j
            continue
        if not m:
            i += 1
            continue
        title_lines, j = _title_block(lines, i + 1)
        title_lines, j = _wrapped_entry(lines, title_lines, j)
        title = _join(title_lines)
        leader = _LEADER.search(title) if title_lines else None
        if title_lines and leader and ("..." in title or _is_contents(lines, i)):
            contents.append((int(m.group(1)), _dnr(m), _LEADER.sub("", title).strip(" .")))
        else:
            dnr, j = (_dnr(m), j) if _dnr(m) else dnr_line(lines, j)
            body.append(Heading(i, int(m.group(1)), dnr, title, j))
        i = max(j, i + 1)
    return body, contents


@dataclass(frozen=True)
class Heading:
    """A § heading in the text: its line, number, diary-number text, title, and the line its
    text starts at."""

    at: int
    number: int
    dnr: str
    title: str
    text_start: int


# ``§ 45 Val av justerare`` after a blank line: a heading with its title (not ``§ 6 SoL …``
# inside a sentence, which follows a non-blank line, nor a law reference with another §).
_INLINE_HEADING = re.compile(r"^\s*§\s*(\d{1,4})\s+([A-ZÅÄÖ][\w,()–-]*(?:\s+[^\s§]+)+)\s*$")
_DNR_LINE = re.compile(r"^\s*(?:dnr|diarienummer|diarienr)\.?\s*:?\s*(\S.*)$", re.IGNORECASE)


def dnr_line(lines: list[str], i: int) -> tuple[str, int]:
    """A ``Dnr …`` line right under a heading's title (one blank line allowed): its text, and
    the line after it; else no text and ``i``."""
    k = i
    while k < len(lines) and k - i < 2 and blank(lines[k]):
        k += 1
    m = _DNR_LINE.match(plain(lines[k])) if k < len(lines) else None
    return (m.group(1), k + 1) if m else ("", i)


def _wrapped_entry(lines: list[str], title_lines: list[str], j: int) -> tuple[list[str], int]:
    """A contents entry whose title a blank line cut (``… LSS,`` ⏎⏎ ``kvartal 4 2024 …. 19``)."""
    if not title_lines or "..." in title_lines[-1]:
        return title_lines, j
    k = j
    while k < len(lines) and k - j < 3 and blank(lines[k]):
        k += 1
    more = _block(lines, k) if k < len(lines) and not HEADING.match(lines[k]) else []
    if more and "..." in more[-1] and len(more) <= 3 and label_of_any(more) is False:
        return title_lines + more, k + len(more)
    return title_lines, j


def label_of_any(block: list[str]) -> bool:
    return any(paragraphs.label_of(x) is not None for x in block)


def _is_contents(lines: list[str], i: int) -> bool:
    above = [plain(x) for x in lines[max(0, i - 60):i] if not blank(x)]
    return any(_CONTENTS.match(x) for x in above)


def _title_block(lines: list[str], i: int) -> tuple[list[str], int]:
    """The title lines under a heading: up to a blank line or a label; one blank line is
    allowed right under the heading (a page break cut the entry)."""
    if i < len(lines) and blank(lines[i]):
        k = i
        while k < len(lines) and blank(lines[k]):
            k += 1
        block = _block(lines, k) if k < len(lines) else []
        if block and not HEADING.match(lines[k]) and _LEADER.search(block[-1]):
            i = k
        else:
            return [], i
    out = _block(lines, i)
    taken = []
    for line in out:
        if paragraphs.label_of(line) is not None or HEADING.match(line) or _DNR_LINE.match(plain(line)):
            break
        taken.append(line)
    return taken, i + len(taken)


def _block(lines: list[str], i: int) -> list[str]:
    out = []
    while i < len(lines) and not blank(lines[i]) and "|" not in lines[i][:1]:
        out.append(lines[i])
        i += 1
    return out


def _join(title_lines: list[str]) -> str:
    """Title lines joined: a hyphen before a digit (a wrapped diary number) joins without space."""
    text = ""
    for line in title_lines:
        line = plain(line)
        if text.endswith("-") and line[:1].isdigit():
            text += line
        else:
            text = f"{text} {line}".strip()
    return re.sub(r"\s+", " ", text)


def read(layout: Layout, scheme: DiaryScheme, prefix: str | None) -> Minutes:
    lines = layout.lines
    end = header_end(lines)
    minutes = read_header(layout, end)
    body, contents = headings(lines, end)
    listed = {number: (dnr, title) for number, dnr, title in contents}
    starts = [b.at for b in body] + [len(lines)]
    for heading, stop in zip(body, starts[1:], strict=True):
        para = paragraphs.read(lines, heading, stop, scheme, prefix)
        if heading.number in listed:
            _compare(para, *listed[heading.number], scheme, prefix)
        minutes.paragraphs.append(para)
    numbers = [p.number for p in minutes.paragraphs] or list(listed)
    printed = minutes.header.get("paragraphs", "").split("-")
    first = int(printed[0]) if printed[0] else min(numbers, default=None)
    last = int(printed[-1]) if printed[0] else max(numbers, default=None)
    attendance.paragraph_changes(minutes.attendance, first, max(last, *numbers) if last and numbers else last)
    for number in sorted(set(listed) - {p.number for p in minutes.paragraphs}):
        minutes.warnings.append(f"§ {number} is in the contents list but has no heading in the text")
    if contents and not body:
        minutes.warnings.append("only a contents list, no § paragraphs found")
    return minutes


def _compare(para, dnr: str, title: str, scheme: DiaryScheme, prefix: str | None) -> None:
    """The contents list is a witness: differences become warnings."""
    listed = paragraphs.diary_numbers(dnr, scheme, prefix)
    if listed and para.diary_numbers and listed != para.diary_numbers:
        para.warnings.append(f"§ {para.number}: contents list has {', '.join(listed)}")
    if not para.title and title:
        para.title = title
        para.warnings.append(f"§ {para.number}: title taken from the contents list")
    elif _norm(title) != _norm(para.title):
        para.warnings.append(f"§ {para.number}: contents list title {title!r} differs")


def _norm(text: str) -> str:
    return re.sub(r"[\s\-–—]+", " ", text).strip().casefold()
