"""The seeds' notice header (*kallelse*) and bullet agenda (*Ärenden*) (docs/importing.md, "Notice
header and agenda"). A record is such a notice when the header's features are present among its
first non-empty lines, wherever they sit."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.diary import DiaryScheme
from generator.importer.extracted import AgendaEntry, Notice, Span
from generator.importer.labels import is_anchor
from generator.importer.source import ISO_DATE, blank, date_line, iso_date, label, plain

_TIME = re.compile(r"\b(?:kl\.?|klockan)\s*(\d{1,2})(?:[:.](\d{2}))?", re.IGNORECASE)
_AGENDA_LINE = re.compile(r"^\s*[-*•]\s*(\d{1,2})[.)]?\s+(.+?)\s*$")
_FIELD = re.compile(r"^(Tid|Plats)\b[\s:]*(.*)$", re.IGNORECASE)
_GROUPS = re.compile(r"\(([^()]*)\)")
_CONTACT = re.compile(r"@|\btfn\b|\btel(?:efon)?\b", re.IGNORECASE)
_ORGANISATION = re.compile(r"^\S.{0,40}\b(?:kommun|region|landsting)$", re.IGNORECASE)   # "Botkyrka kommun"
_ROLES = {"ordförande": "chair", "sekreterare": "secretary"}
_NAME_AND_ROLE = re.compile(r"^([^\d,]{3,40}),\s*(ordförande|sekreterare)$", re.IGNORECASE)
HEADER_WINDOW = 40


def is_meeting(lines: list[str]) -> bool:
    """At least four of: a date line, ``Tid``, ``Plats``, ``Ärenden``, ``Justering``, an agenda
    bullet, among the first non-empty lines; an agenda bullet or both ``Tid`` and ``Plats``."""
    first = [line for line in lines if not blank(line)][:HEADER_WINDOW]
    features = {
        "date": any(date_line(x) for x in first),
        "time": any(_FIELD.match(plain(x)) and plain(x).lower().startswith("tid") for x in first),
        "place": any(plain(x).lower().startswith("plats") for x in first),
        "agenda": any(label(x) == "ärenden" for x in first),
        "adjustment": any(label(x) == "justering" for x in first),
        "bullet": any(_AGENDA_LINE.match(x) for x in first),
    }
    return sum(features.values()) >= 4 and (features["bullet"] or (features["time"] and features["place"]))


def agenda_span(lines: list[str]) -> tuple[int, int]:
    """Line range of the agenda list: bullets in the notice header, blank lines tolerated, up to
    the first other non-blank line; empty when there is none."""
    limit = next((i for i, x in enumerate(lines) if is_anchor(x)), len(lines))   # before any decision
    start = next((i for i, x in enumerate(lines[:limit]) if _AGENDA_LINE.match(x)), 0)
    end = start
    for i in range(start, len(lines)):
        if _AGENDA_LINE.match(lines[i]) or _continues(lines, i):
            end = i + 1
        elif not blank(lines[i]):
            break
    return start, end


def _continues(lines: list[str], i: int) -> bool:
    """A wrapped agenda title: right under a bullet, opening in lowercase or with the dnr
    bracket, or closing a bracket the bullet left open."""
    while i > 0 and not blank(lines[i]) and _wraps(lines[i], lines[i - 1]):
        if _AGENDA_LINE.match(lines[i - 1]):
            return True
        i -= 1  # a loop, not recursion: an agenda entry may run to thousands of lines
    return False


def _wraps(line: str, above: str) -> bool:
    text = line.strip()
    return text[:1].islower() or text.startswith("(") or above.count("(") > above.count(")")


def read_agenda(lines: list[str], scheme: DiaryScheme) -> list[AgendaEntry]:
    start, end = agenda_span(lines)
    entries = []
    raw: list[tuple[int, str, int]] = []
    for i in range(start, end):
        m = _AGENDA_LINE.match(lines[i])
        if m:
            raw.append((int(m.group(1)), m.group(2), i))
        elif raw and not blank(lines[i]):
            raw[-1] = (raw[-1][0], raw[-1][1] + " " + lines[i].strip(), raw[-1][2])
    for number, text, i in raw:
        title, numbers, problems = split_title(text, scheme)
        entries.append(AgendaEntry(number, title, numbers, Span(i, i + 1), problems))
    for position, entry in enumerate(entries, 1):
        if entry.number != position:
            entry.problems.append(f"agenda line {entry.span.start + 1} is numbered {entry.number} "
                                  f"at position {position}")
            entry.number = position
    return entries


def split_title(text: str, scheme: DiaryScheme) -> tuple[str, list[str], list[str]]:
    """Title, diary numbers and their problems of an agenda line or item heading. The item's own
    number is in the last bracket holding one of ours (``(SOU 2017:101) (SN 2018:90)``), even
    with text after it; else bare at the end (``Lex Sarah SN 2018:54``, ``(SN 2012:5``)."""
    groups = [m for m in _GROUPS.finditer(text) if scheme.find(m.group(1))]
    if groups:
        first = last = groups[-1]
        for m in reversed(groups[:-1]):      # "(SN 2012:5) (SN 2012:6)": both are the item's
            if text[m.end():first.start()].strip():
                break
            first = m
        mentions = scheme.find(text[first.start():last.end()])
        title = (text[:first.start()].rstrip() + " " + text[last.end():].strip()).strip()
    else:
        found = scheme.find(text)
        mentions = found[-1:] if found and found[-1].end >= len(text.rstrip(") ")) else []
        title = text[:mentions[0].start].rstrip(" (") if mentions else text
    numbers = [str(x.number) for x in mentions if x.number]
    problems = [f"diary number {x.text!r} is {x.problem}" for x in mentions if x.problem]
    return title.strip(), numbers, problems


@dataclass
class _Header:
    """What the header rules read into, line by line."""

    meeting: Notice
    agenda_start: int
    notes: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    adjusters: list[str] = field(default_factory=list)
    adjusting: bool = False      # the lines under ``Justering`` are names


@dataclass(frozen=True)
class _Line:
    at: int
    raw: str
    text: str          # without markup
    key: str           # compared with labels
    role_below: str    # the label of the next header line (a signer's role)


def _set_date(h: _Header, x: _Line) -> None:
    h.meeting.date = iso_date(date_line(x.raw) or "", h.meeting.warnings, x.at + 1)
    if h.meeting.date is None:
        h.notes.append(x.raw.strip())


def _set_time(h: _Header, x: _Line) -> None:
    _read_time(h.meeting, _value(x), h.notes, x.at + 1)


def _set_place(h: _Header, x: _Line) -> None:
    h.meeting.place = _value(x) or None


def _adjustment(h: _Header, x: _Line) -> None:
    h.adjusters += [v for v in [x.text[len("justering"):].strip(" :")] if v]


def _signer_above_role(h: _Header, x: _Line) -> None:
    setattr(h.meeting, _ROLES[x.role_below], _name(x.text))


def _signer_with_role(h: _Header, x: _Line) -> None:      # "Mats Einarsson, ordförande"
    m = _NAME_AND_ROLE.match(x.text)
    assert m
    setattr(h.meeting, _ROLES[m.group(2).casefold()], _name(m.group(1)))


def _value(x: _Line) -> str:
    m = _FIELD.match(x.raw.strip())
    return m.group(2) if m else ""


def _field_is(name: str) -> Callable[[_Header, _Line], bool]:
    return lambda h, x: bool(_FIELD.match(x.raw.strip())) and x.text.lower().startswith(name)


# (test, action): the first rule whose test passes reads the line; a line no rule reads is a note.
RULES: list[tuple[Callable[[_Header, _Line], bool], Callable[[_Header, _Line], None]]] = [
    (lambda h, x: bool(date_line(x.raw)) and h.meeting.date is None, _set_date),
    (_field_is("tid"), _set_time),
    (_field_is("plats"), _set_place),
    # Labels; a role line was read with the name above it.
    (lambda h, x: x.key == "ärenden" or x.key.startswith("kallelse") or x.key in _ROLES, lambda h, x: None),
    (lambda h, x: x.key.startswith("justering"), _adjustment),
    (lambda h, x: x.role_below in _ROLES and _is_name(x.text), _signer_above_role),
    (lambda h, x: bool(_NAME_AND_ROLE.match(x.text)), _signer_with_role),
    # Names under Justering: minutes, not a notice.
    (lambda h, x: h.adjusting and _is_name(x.text), lambda h, x: h.adjusters.append(x.text)),
    (lambda h, x: x.at < h.agenda_start and bool(_ORGANISATION.search(x.text)) and not h.meeting.organisation,
     lambda h, x: setattr(h.meeting, "organisation", x.text)),
    (lambda h, x: not h.meeting.committee and x.at < h.agenda_start,
     lambda h, x: setattr(h.meeting, "committee", x.text)),
    (lambda h, x: bool(_CONTACT.search(x.text)), lambda h, x: h.body.append(x.raw)),
]


def read_header(lines: list[str], end: int, scheme: DiaryScheme) -> Notice:
    """The meeting fields of the notice header in ``lines[:end]``, read by ``RULES``; a field
    the header does not give stays None and is reported."""
    a_start, a_end = agenda_span(lines)
    if a_start == a_end:        # no agenda: all of the header comes before where it would be
        a_start = a_end = end
    head = [(i, lines[i]) for i in range(end) if not blank(lines[i]) and not a_start <= i < a_end]
    h = _Header(Notice(committee="", date=None, span=Span(0, end)), a_start)
    for k, (i, raw) in enumerate(head):
        x = _Line(i, raw, plain(raw).rstrip(), label(raw), label(head[k + 1][1]) if k + 1 < len(head) else "")
        action = next((act for test, act in RULES if test(h, x)), None)
        if action:
            action(h, x)
        else:
            h.notes.append(raw.strip())
        h.adjusting = x.key.startswith("justering") or (h.adjusting and _is_name(x.text) and x.role_below not in _ROLES)
    meeting = h.meeting
    if h.adjusters:
        meeting.kind, meeting.adjustment = "protokoll", {"by": h.adjusters}
    meeting.notes = h.notes
    meeting.body = "\n".join(h.body)
    meeting.agenda = read_agenda(lines, scheme)
    for entry in meeting.agenda:
        meeting.warnings += [f"agenda item {entry.number}: {p}" for p in entry.problems]
    _check(meeting)
    return meeting


def _read_time(meeting: Notice, value: str, notes: list[str], line: int) -> None:
    """``2012-12-11, kl 19:30 *OBS Tiden*`` at ``line``: the time, and the rest as a note."""
    m = _TIME.search(value)
    if m:
        meeting.time = f"{int(m.group(1)):02d}:{m.group(2) or '00'}"
    iso = re.search(r"(?:19|20)\d\d-\d\d-\d\d", value)
    if iso and meeting.date is None and ISO_DATE.match(iso.group(0)):
        meeting.date = iso_date(iso.group(0), meeting.warnings, line)
        if meeting.date is None:
            notes.append(iso.group(0))
    rest = value[m.end():] if m else ""
    rest = rest.strip(" ,.")
    if rest:
        notes.append(rest)


def _check(meeting: Notice) -> None:
    missing = [name for name, value in (("committee", meeting.committee), ("time", meeting.time),
                                        ("place", meeting.place), ("chair", meeting.chair),
                                        ("secretary", meeting.secretary)) if not value]
    if meeting.date is None:
        missing.insert(0, "date")
    if missing:
        meeting.warnings.append("notice header has no " + ", ".join(missing))
    if not meeting.agenda:
        meeting.warnings.append("no agenda (Ärenden) found: items are numbered in the order found")


def _is_name(text: str) -> bool:
    """A name line of the signature block under the agenda: 2–4 words, no digits."""
    words = text.split()
    return 2 <= len(words) <= 4 and not re.search(r"\d|[.:;,]$", text) and all(w[:1].isupper() for w in words)


def _name(text: str) -> str:
    """``MATS EINARSSON`` → ``Mats Einarsson``; mixed-case names as written."""
    return text.title() if text.isupper() else text


_PREFIXED = re.compile(r"(?<![\w/])([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{1,4})\s*(?:Dnr\s*)?/{0,2}\s*(?:19|20)\d\d\s*:\s*\w")


def agenda_prefixes(lines: list[str]) -> list[str]:
    """Diary prefixes the record itself uses: in the last bracket of agenda lines and on
    ``Dnr`` lines. A committee unknown to ``config.yaml`` still gets its numbers read."""
    found: dict[str, None] = {}
    start, end = agenda_span(lines)
    for line in lines[start:end]:
        groups = _GROUPS.findall(line)
        for m in _PREFIXED.finditer(groups[-1] if groups else ""):
            found.setdefault(m.group(1))
    for line in lines:
        if re.match(r"^\W*dnr\b", line, re.IGNORECASE):
            for m in _PREFIXED.finditer(line):
                found.setdefault(m.group(1))
    return list(found)
