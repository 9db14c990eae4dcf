"""Minutes (*protokoll*): the header (docs/importing.md, "Minutes"), the contents list and the
§ paragraphs. The header is read by a table of line rules: each rule names a label and the
field its value fills; a field the record does not give stays None."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from generator.diary import DiaryScheme
from generator.importer import attendance, paragraphs
from generator.importer.extracted import Minutes, Span
from generator.importer.layout import Layout
from generator.importer.source import ISO_DATE, blank, organisation_name, plain

# ``§ 12   Dnr KS-2024-00544``, ``§1  Dnr 2025-00005``, ``§ 18`` alone; not ``§ 6 SoL …`` in text.
HEADING = re.compile(r"^\s*(?:#{1,6}\s*)?\**§\s*(\d{1,4})\**(?:\s+(?:Dnr\.?|Diarienummer)\s*:?\s*(.*?)|\s{2,}(\S*\d.*?))?\s*$")
_LEADER = re.compile(r"(?:\s*\.{3,}\s*|\s+)(\d{1,3})\s*$")
_CLOCK = re.compile(r"\b(?:klockan|kl\.?)\s*(\d{1,2})[.:](\d{2})(?:\s*[-–]\s*(\d{1,2})[.:](\d{2}))?", re.IGNORECASE)
_RANGE = re.compile(r"§\s*§?\s*(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?")
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


def _place_and_time(minutes: Minutes, text: str) -> None:
    """``Kungsbackarummet, Storgatan 37 Klockan 17:00-17:45`` → place, time, end time; the rest
    (``, paus 18.50-19.05``) is kept in the body."""
    m = _CLOCK.search(text)
    if not m:
        minutes.header.setdefault("place", text or None)
        return
    minutes.header["time"] = f"{int(m.group(1)):02d}:{m.group(2)}"
    if m.group(3):
        minutes.header["end_time"] = f"{int(m.group(3)):02d}:{m.group(4)}"
    place = text[:m.start()].strip(" ,")
    if place:
        minutes.header["place"] = place
    rest = text[m.end():].strip(" ,")
    if rest:
        minutes.notes.append(rest[:1].upper() + rest[1:])


def _adjustment(minutes: Minutes, text: str) -> None:
    found = _ISO.search(text)
    adjustment = minutes.header.setdefault("adjustment", {})
    if found:
        adjustment["date"] = date.fromisoformat(found.group(1))
        text = (text[:found.start()] + text[found.end():]).strip(" ,")
    if text:
        adjustment["place"] = text


def _secretary(minutes: Minutes, text: str) -> None:
    """``Kristina Gudmundson   Paragrafer § 1-7``: the paragraph range may share the line."""
    _paragraph_range(minutes, text)
    text = re.split(r"\s{2,}|\bparagrafer\b|§", text, flags=re.IGNORECASE)[0]
    minutes.header["secretary"] = _name(text)


def _paragraph_range(minutes: Minutes, text: str) -> None:
    m = _RANGE.search(text)
    if m and "paragraphs" not in minutes.header:
        minutes.header["paragraphs"] = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")


# (label at the line start, handler of the rest of the line). Order matters: the first match wins.
RULES: list[tuple[str, Callable[[Minutes, str], None]]] = [
    (r"plats och tid för justering|justeringens plats och tid|justering(?:sdatum)?\b|tid och plats för justering",
     _adjustment),
    (r"plats och tid(?: för(?: sammanträde[t]?)?)?|tid och plats", _place_and_time),
    (r"sammanträdestid|tid\b", lambda m, t: _place_and_time(m, "kl " + t if re.match(r"\d", t) else t)),
    (r"plats\b", lambda m, t: m.header.setdefault("place", t or None)),
    (r"sekreterare\b", _secretary),
    (r"ordförande\b", lambda m, t: m.header.__setitem__("chair", _name(re.split(r"\s{2,}", t)[0])) if t else None),
    (r"(?:protokoll)?justerare\b|justerande\b|utses att justera\b",
     lambda m, t: m.header.__setitem__("adjusters", _adjusters(t))),
    (r"paragrafer\b", _paragraph_range),
    (r"underskrifter\b", lambda m, t: None),
]
_RULES = [(re.compile(rf"^\s*(?:{label})\s*:?\s*", re.IGNORECASE), handler) for label, handler in RULES]


def read_header(layout: Layout, end: int) -> Minutes:
    """The minutes header in ``layout.lines[:end]``."""
    lines = layout.lines
    minutes = Minutes(committee="", date=None, span=Span(0, end))
    block: list[str] = []
    in_attendance = False
    body: list[str] = []
    expect_date = False
    for i in range(end):
        line = lines[i]
        if blank(line):
            continue
        text = plain(line)
        rule = next(((p, h) for p, h in _RULES if p.match(text)), None)
        labels = attendance.group_labels(text)
        if labels is not None and rule is None:
            in_attendance = True
        if rule and in_attendance and not _value(text, rule[0].pattern):
            rule = None     # ``ordförande`` alone: a wrapped role in the attendance list
        if in_attendance and rule is None:
            block.append(line)
            continue
        in_attendance = False
        if rule:
            pattern, handler = rule
            handler(minutes, _value(text, pattern.pattern))
        elif re.fullmatch(r"sammanträde[t]?|datum|sammanträdesdatum", text, re.IGNORECASE):
            expect_date = text.casefold() != "sammanträde" and text.casefold() != "sammanträdet"
        elif ISO_DATE.match(text) and (expect_date or minutes.date is None):
            minutes.date = minutes.date or date.fromisoformat(text)
            expect_date = False
        elif not minutes.committee and _title_line(minutes, text):
            pass
        else:
            body.append(text)
    minutes.attendance, unplaced = attendance.read(block)
    if unplaced:
        minutes.warnings.append(f"{len(unplaced)} attendance line(s) under no group label: kept in the text")
        body += unplaced
    minutes.header["signatures"] = layout.signatures
    minutes.body = "\n\n".join(minutes.notes + body + layout.signature_text)
    _check(minutes)
    return minutes


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
    missing = [k for k in ("place", "time", "chair", "secretary", "adjusters", "paragraphs") if not minutes.header.get(k)]
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
        if _CONTENTS.match(plain(line)) or (m and _dnr(m)):
            return i
        if m and bare is None:
            bare = i
    return len(lines) if bare is None else bare


def _dnr(m: re.Match) -> str:
    return m.group(2) or m.group(3) or ""


def headings(lines: list[str], start: int) -> tuple[list[tuple[int, int, str, str]], list[tuple[int, str, str]]]:
    """The § headings from ``start``: body headings as ``(line, number, dnr text, title)`` and
    contents entries as ``(number, dnr text, title)``. A heading whose title ends with a page
    number (dot leaders or a bare number) belongs to the contents list."""
    body, contents = [], []
    i = start
    while i < len(lines):
        m = HEADING.match(lines[i])
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
            body.append((i, int(m.group(1)), _dnr(m), title))
        i = max(j, i + 1)
    return body, contents


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
        if k < len(lines) and not HEADING.match(lines[k]) and _LEADER.search(_block(lines, k)[-1] if _block(lines, k) else ""):
            i = k
        else:
            return [], i
    out = _block(lines, i)
    taken = []
    for line in out:
        if paragraphs.label_of(line) is not None or HEADING.match(line):
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
    starts = [b[0] for b in body] + [len(lines)]
    for (at, number, dnr, title), stop in zip(body, starts[1:]):
        para = paragraphs.read(lines, at, stop, number, title, dnr, scheme, prefix)
        if number in listed:
            _compare(para, *listed[number], scheme, prefix)
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
