"""Notices (*kallelse*, *föredragningslista*) in layouts other than the seeds' bullet agenda
(docs/importing.md, "Notices"): the header (committee, ``Sammanträde tisdagen den 22 april 2025
kl. 13.00``, place, the two-column signature block) and the agenda as a table repeated on every
page (``| | Ärende | Beteckning | Förslag | Tid |``, cells broken with ``<br>``), as a numbered row
the converter did not see as a table, as a dotted contents list or as a run-in list."""
from __future__ import annotations

import re
from itertools import pairwise

from generator.diary import DiaryScheme
from generator.importer import minutes as minutes_reader
from generator.importer import seed_notice
from generator.importer.extracted import Item, Notice, Span
from generator.importer.layout import Layout
from generator.importer.markdown_body import to_markdown
from generator.importer.source import ISO_DATE, blank, calendar_date, iso_date, organisation_name, plain
from generator.text import MONTHS

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_NUMBER = re.compile(r"^(\d{1,3})[.)]?$")
_LEADING_NUMBER = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
_LONG_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS["sv"]) + r")\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_CLOCK = re.compile(r"\b(?:kl\.?|klockan)\s*(\d{1,2})(?:[.:](\d{2}))?", re.IGNORECASE)
_SLOT = re.compile(r"^\d{1,2}[.:]\d\d\s*[-–]\s*\d{1,2}[.:]\d\d$")
_PRESENTER = re.compile(r"^(?:föredragande|föredragare|närvarande)\s*:", re.IGNORECASE)
_COLUMNS = [("title", re.compile(r"^(?:ärende|ärenden|rubrik|ärendemening)$", re.IGNORECASE)),
            ("dnr", re.compile(r"^(?:beteckning|dnr|diarienummer|diarienr)$", re.IGNORECASE)),
            ("proposal", re.compile(r"^förslag(?: till beslut)?$", re.IGNORECASE)),
            ("time", re.compile(r"^(?:tid|tidsåtgång)$", re.IGNORECASE)),
            ("number", re.compile(r"^(?:nr|§|punkt|ärende ?nr)$", re.IGNORECASE))]
_ROLE = re.compile(r"^(?:ordförande|sekreterare|kommunsekreterare|nämndsekreterare|vice ordförande)$", re.IGNORECASE)
_ADJUSTER = re.compile(r"justerare", re.IGNORECASE)
_ORDINARY = re.compile(r"^ordinarie\s*:\s*(.+)$", re.IGNORECASE)
_PREPARED = re.compile(r"^(?:upprättad|utskriftsdatum|datum för utskick|skickad)\b", re.IGNORECASE)
_KIND = re.compile(r"kallelse|underrättelse|föredragningslista|ärendelista|dagordning", re.IGNORECASE)
_ORGANISATION = re.compile(r"^\S.{0,40}\b(?:kommun|region|landsting)$", re.IGNORECASE)
_WHEN = re.compile(r"^(?:sammanträde|sammanträdesdatum|datum och tid|tid)\b", re.IGNORECASE)
_RUN_IN = re.compile(r"^\s*(\d{1,3})[.)]?\s+(?:Dnr\.?\s*)?(?P<dnr>[A-ZÅÄÖ]{1,5}[\s-]?(?:19|20)\d\d[/:-]\d+)\s+"
                     r"(?P<title>.+?)"
                     r"(?:\s*\.{3,}\s*|\s+)\d{1,3}\s*$")


# --- the agenda table ----------------------------------------------------------------------------
def _is_row(line: str) -> bool:
    """A pipe-table row or a tab-separated one."""
    return bool(_PIPE_ROW.match(line)) or "\t" in line


def _cells(line: str) -> list[str]:
    if "\t" in line and not line.strip().startswith("|"):
        return [c.strip() for c in line.split("\t")]
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _header(row: list[str]) -> dict[str, int] | None:
    found = {key: i for i, cell in enumerate(row) for key, p in _COLUMNS if p.match(cell)}
    if "title" not in found:
        return None
    found.setdefault("number", 0 if found["title"] else -1)
    return found


def _br(cell: str) -> list[str]:
    return [x.strip() for x in re.split(r"<br\s*/?>", cell, flags=re.IGNORECASE) if x.strip()]


def join_wrapped(parts: list[str]) -> str:
    """Cell lines joined: a word cut at a hyphen or dash (``Släps-`` ``Högås``, ``2024–`` ``2027``)
    joins without a space; a free-standing dash (``25 -`` ``Bestämmelser``) with one."""
    text = ""
    for part in parts:
        if re.search(r"\w[-–]$", text) and part[:1].isalnum():
            text += part
        else:
            text = f"{text} {part}".strip()
    return re.sub(r"\s+", " ", text)


def _title_and_rest(lines: list[str]) -> tuple[str, list[str]]:
    """An ``Ärende`` cell: the title, then a presenter (``Föredragande: …``), a time slot
    (``17:35 – 18:00``) and names after the slot, which are not part of the title."""
    for k, line in enumerate(lines):
        if _PRESENTER.match(line) or _SLOT.match(line):
            return join_wrapped(lines[:k]), lines[k:]
    return join_wrapped(lines), []


def _proposal(lines: list[str]) -> str:
    """A ``Förslag`` cell as Markdown: its label bold, sentences re-joined into paragraphs."""
    if not lines or lines == ["-"]:
        return ""
    paragraphs: list[list[str]] = [[]]
    head = []
    if re.match(r"^förslag till beslut|^justerare$", lines[0], re.IGNORECASE):
        head, lines = [f"**{lines[0]}**"], lines[1:]
    for line in lines:
        if paragraphs[-1] and re.search(r"[.:]$", paragraphs[-1][-1]) and line[:1].isupper():
            paragraphs.append([])
        paragraphs[-1].append(line)
    return "\n\n".join(head + [join_wrapped(p) for p in paragraphs if p])


def _rest_text(rest: list[str], time: str) -> str:
    """Presenter, slot and duration of an item, kept in its body."""
    out = []
    for line in rest:
        if _SLOT.match(line):
            out.append(f"Tid: {line}")
        elif out and not _PRESENTER.match(line) and not out[-1].startswith("Tid:"):
            out[-1] = join_wrapped([out[-1], line])
        else:
            out.append(line)
    if time:
        out.append(f"Tidsåtgång: {time}")
    return "\n\n".join(out)


class AgendaReader:
    """Reads the agenda rows of a notice into items, in record order."""

    def __init__(self, scheme: DiaryScheme, prefix: str | None):
        self.scheme, self.prefix = scheme, prefix
        self.items: list[Item] = []
        self.adjusters: list[str] = []
        self.warnings: list[str] = []
        self.unnumbered: list[str] = []        # unnumbered rows that are neither groups nor adjusters
        self.groups: list[tuple[str, int]] = []   # section rows and the item number they open
        self.notes: list[str] = []

    def diary_numbers(self, text: str) -> list[str]:
        text = re.sub(r"([-–/])\s*(?:<br\s*/?>|\n)\s*", r"\1", text)
        return minutes_reader.paragraphs.diary_numbers(text, self.scheme, self.prefix)

    def table(self, lines: list[str], at: int, columns: dict[str, int] | None) -> dict[str, int] | None:
        """One table block (its rows from ``at``); returns the column map for the next block,
        which may lack its header row."""
        for k, line in enumerate(lines):
            if _SEPARATOR.match(line):
                continue
            row = _cells(line)
            head = _header(row)
            if head:
                columns = head
                continue
            if columns is None:
                return None
            self.row(row, columns, at + k)
        return columns

    def row(self, row: list[str], columns: dict[str, int], line: int) -> None:
        def cell(key: str) -> str:
            i = columns.get(key, -1)
            return row[i] if 0 <= i < len(row) else ""
        number = _NUMBER.match(cell("number"))
        title_lines = _br(cell("title"))
        inline = _LEADING_NUMBER.match(title_lines[0]) if title_lines and not number else None
        if inline:      # ``1. Title`` in the Ärende cell, the table having no number column
            number, title_lines = inline, [inline.group(2), *title_lines[1:]]
        proposal = _br(cell("proposal"))
        if number:
            self._item(int(number.group(1)), title_lines, cell("dnr"), proposal,
                       " ".join(_br(cell("time"))), line)
        elif not title_lines and proposal and self.items:
            # The proposal of the previous item runs on into this page's first row.
            item = self.items[-1]
            item.decision = (item.decision + "\n\n" + _proposal(proposal)).strip()
        elif title_lines and _ADJUSTER.search(" ".join(title_lines)):
            self._adjusters(proposal)
            self.notes.append(f"{join_wrapped(title_lines)}: {', '.join(proposal)}")
        elif title_lines and not any(cell(k) for k in ("dnr", "proposal")):
            self.groups.append((join_wrapped(title_lines), len(self.items) + 1))   # a group, not an item
        elif title_lines:
            self.warnings.append(f"line {line + 1}: unnumbered agenda row {join_wrapped(title_lines)!r} "
                                 "kept in the notice text")
            self.unnumbered.append(join_wrapped(title_lines + proposal))

    def _adjusters(self, proposal: list[str]) -> None:
        ordinary = [m.group(1) for x in proposal for m in [_ORDINARY.match(x)] if m]
        named = [x for x in proposal if not re.match(r"^\w+\s*:", x) and not _ADJUSTER.search(x)]
        self.adjusters += ordinary or named[:1]

    def _item(self, number: int, title_lines: list[str], dnr: str, proposal: list[str],
              time: str, line: int) -> None:
        title, rest = _title_and_rest(title_lines)
        item = Item(len(self.items) + 1, title, Span(line, line + 1), self.diary_numbers(dnr))
        item.printed_number = number if number != item.number else None
        if dnr.strip() and not item.diary_numbers:
            rest.insert(0, f"Beteckning: {join_wrapped(_br(dnr))}")
            item.warnings.append(f"item {item.number}: {dnr!r} is not a diary number of this site; kept as text")
        if proposal and _ADJUSTER.search(proposal[0]):
            self._adjusters(proposal)
        item.decision = _proposal(proposal)
        item.body = _rest_text(rest, time)
        self.items.append(item)

    def run_in(self, lines: list[str], i: int, end: int) -> int:
        """A numbered row the converter did not see as a table: ``2.  Title TE-2025- Förslag…``
        with the title and the wrapped diary number continuing on the next lines. The text
        after it up to the next table is the item's, kept as its body."""
        m = re.match(r"^\s*(\d{1,3})\.\s+(.+)$", lines[i])
        if not m:
            return i + 1
        first = m.group(2)
        cut = re.search(r"\s{2,}|\b[A-ZÅÄÖ]{1,5}[-–](?:19|20)\d\d[-–]", first)
        if not cut:
            return i + 1
        title_parts, dnr = [first[:cut.start()].strip()], first[cut.start():].strip().split(" ")[0]
        j = i + 1
        while j < end and not blank(lines[j]):
            gap = re.search(r"\s{2,}|(?<=\s)\d{5,6}(?=\s|$)", lines[j])
            if not gap:
                break
            if gap.group(0).strip():
                dnr += gap.group(0).strip()
            title_parts.append(lines[j][:gap.start()].strip())
            j += 1
        k = j
        while k < end and not _is_row(lines[k]):
            k += 1
        item = Item(len(self.items) + 1, join_wrapped(title_parts), Span(i, k), self.diary_numbers(dnr))
        item.printed_number = int(m.group(1)) if int(m.group(1)) != item.number else None
        item.body = to_markdown(lines[i:k])
        item.warnings.append(f"item {item.number}: agenda row at line {i + 1} is not a table; its columns "
                             "are interleaved, the whole row is kept as the body")
        self.items.append(item)
        return k


def read_agenda(layout: Layout, scheme: DiaryScheme, prefix: str | None) -> tuple[AgendaReader, set[int]]:
    """Items of a notice from its agenda tables (and rows outside them); the lines read."""
    lines = layout.lines
    reader = AgendaReader(scheme, prefix)
    used: set[int] = set()
    columns = None
    i = 0
    while i < len(lines):
        if _is_row(lines[i]):
            j = i
            while j < len(lines) and _is_row(lines[j]):
                j += 1
            found = reader.table(lines[i:j], i, columns)
            if found:
                columns = found
                used.update(range(i, j))
            i = j
        elif columns and re.match(r"^\s*\d{1,3}\.\s+\S", lines[i]):
            j = reader.run_in(lines, i, len(lines))
            used.update(range(i, j))
            i = j
        else:
            i += 1
    if not reader.items:
        _contents(reader, lines, used)
    return reader, used


def _contents(reader: AgendaReader, lines: list[str], used: set[int]) -> None:
    """Without an agenda table: a dotted contents list (``§ 8 Dnr VN-2025-00004`` ⏎ ``Title ….. 3``)
    or a run-in list (``26 Dnr KS 2018/14 Title ... 3``)."""
    _, contents = minutes_reader.headings(lines, 0)
    for _, dnr, title in contents:
        reader.items.append(Item(len(reader.items) + 1, title, Span(0, 0), reader.diary_numbers(dnr)))
    for i, line in enumerate(lines):
        m = _RUN_IN.match(line)
        if m and not contents:
            item = Item(len(reader.items) + 1, m.group("title").strip(), Span(i, i + 1),
                        reader.diary_numbers(m.group("dnr")))
            if not item.diary_numbers:
                item.body = f"Dnr {m.group('dnr')}"
                item.warnings.append(f"item {item.number}: {m.group('dnr')!r} is not a diary number of this site")
            reader.items.append(item)
            used.add(i)
    if not reader.items:
        _numbered(reader, lines, used)


_NUMBERED_LINE = re.compile(r"^\s*(\d{1,3})[.)]\s+(\S.*?)\s*$")


def _numbered(reader: AgendaReader, lines: list[str], used: set[int]) -> None:
    """A plain numbered agenda, numbered from 1 (``1. Val av justerare``), a title wrapping onto
    lines that open in lowercase, its diary number in brackets at the end or on a ``Dnr …`` line
    below. One numbered line alone is no agenda."""
    found: list[tuple[Item, range]] = []
    for i, line in enumerate(lines):
        m = _NUMBERED_LINE.match(line)
        if not m or int(m.group(1)) != len(found) + 1 or i in used:
            continue
        j, parts = i + 1, [m.group(2)]
        while j < len(lines) and lines[j].strip()[:1].islower():
            parts.append(lines[j].strip())
            j += 1
        dnr, k = minutes_reader.dnr_line(lines, j)
        title, numbers, _ = seed_notice.split_title(join_wrapped(parts), reader.scheme)
        item = Item(len(found) + 1, title, Span(i, k), numbers or (reader.diary_numbers(dnr) if dnr else []))
        if dnr and not item.diary_numbers:
            item.body = f"Dnr {dnr}"
            item.warnings.append(f"item {item.number}: {dnr!r} is not a diary number of this site; kept as text")
        found.append((item, range(i, k)))
    if len(found) >= 2:
        for item, lines_read in found:
            reader.items.append(item)
            used.update(lines_read)


# --- the header ----------------------------------------------------------------------------------
def read(layout: Layout, scheme: DiaryScheme, prefix: str | None) -> Notice:
    reader, used = read_agenda(layout, scheme, prefix)
    start = papers_start(layout, used)
    lines = layout.lines[:start]
    meeting = Notice(committee="", date=None, span=Span(0, len(lines)))
    notes: list[str] = []
    body: list[str] = []
    pending_roles = None
    i = 0
    text_lines = [i for i in range(len(lines)) if i not in used and not blank(lines[i])]
    for k, i in enumerate(text_lines):
        text = plain(lines[i])
        parts = [p for p in re.split(r"\s{4,}", text) if p]     # a column gap, not a doubled space
        if all(_ROLE.match(p) for p in parts) and k and pending_roles is None:
            names = [p for p in re.split(r"\s{4,}", plain(lines[text_lines[k - 1]])) if p]
            if len(names) == len(parts):
                for name, role in zip(names, parts, strict=True):
                    field = "chair" if role.casefold().endswith("ordförande") and "vice" not in role.casefold() \
                        else "secretary"
                    setattr(meeting, field, name)
                body.append(lines[i].strip())     # the roles stay under the names, as signed
                continue
        if _KIND.search(text) and len(text.split()) <= 3:
            continue
        if _PREPARED.match(text):
            nxt = plain(lines[text_lines[k + 1]]) if k + 1 < len(text_lines) else ""
            notes.append(f"{text} {nxt}".strip() if ISO_DATE.match(nxt) else text)
            if ISO_DATE.match(nxt):
                used.add(text_lines[k + 1])
            continue
        if i in used:
            continue
        if _WHEN.match(text) and meeting.date is None:
            _when(meeting, text, i + 1)
            notes.append(text)
            place = plain(lines[text_lines[k + 1]]) if k + 1 < len(text_lines) else ""
            if place and not re.search(r"\s{2,}", place) and not meeting.place:
                meeting.place = place
                used.add(text_lines[k + 1])
            continue
        if re.match(r"^plats\b", text, re.IGNORECASE):
            meeting.place = re.sub(r"^plats\s*:?\s*", "", text, flags=re.IGNORECASE) or None
            continue
        if not meeting.committee and len(parts) == 1 and not re.search(r"\d|@", text) \
                and not _ORGANISATION.match(text):
            meeting.committee = re.sub(r"\s+", " ", text)
            continue
        if _ORGANISATION.match(parts[-1]) and not meeting.organisation:
            meeting.organisation = organisation_name(parts[-1])
        body.append(lines[i].strip())
    meeting.items = reader.items
    meeting.proposals = True
    if start < len(layout.lines):
        meeting.kind = "handlingar"
        _papers(meeting, layout, start, scheme, prefix)
    meeting.notes = notes + reader.notes + _groups(reader)
    meeting.body = to_markdown([re.sub(r"\s{4,}", "  \n", x) for x in body] + [""] + reader.unnumbered)
    if reader.adjusters:
        meeting.adjustment = {"by": reader.adjusters}
    meeting.warnings += reader.warnings
    missing = [k for k in ("committee", "date", "time", "place", "chair", "secretary") if not getattr(meeting, k)]
    if missing:
        meeting.warnings.append("notice header has no " + ", ".join(missing))
    if not meeting.items:
        meeting.warnings.append("no agenda found: no items")
    return meeting


def _groups(reader: AgendaReader) -> list[str]:
    """Section rows (``Information``, ``Beslutsärenden``) as notes: the items each one heads."""
    out = []
    bounds = reader.groups + [("", len(reader.items) + 1)]
    for (name, first), (_, nxt) in pairwise(bounds):
        if nxt > first:
            out.append(f"{name}: punkt {first}" + (f"–{nxt - 1}" if nxt - 1 > first else ""))
        else:
            out.append(name)
    return out


def _when(meeting: Notice, text: str, line: int) -> None:
    """``Sammanträde tisdagen den 22 april 2025 kl. 13.00`` or an ISO date at ``line``: the meeting
    date and time (the date the notice was drawn up is another). The line is kept as a note."""
    m = _LONG_DATE.search(text)
    iso = re.search(r"\b((?:19|20)\d\d-\d\d-\d\d)\b", text)
    if m:
        month = MONTHS["sv"].index(m.group(2).lower()) + 1
        meeting.date = calendar_date(m.group(0), m.group(3), month, m.group(1), meeting.warnings, line)
    elif iso and ISO_DATE.match(iso.group(1)):
        meeting.date = iso_date(iso.group(1), meeting.warnings, line)
    clock = _CLOCK.search(text)
    if clock:
        meeting.time = f"{int(clock.group(1)):02d}:{clock.group(2) or '00'}"


# --- papers (*handlingar*): the notice followed by the items' documents ---------------------------
_DOCUMENT_LABEL = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖ\s-]{3,80}$")
_PAGE_OF = re.compile(r"\s+(\d{1,3})\s*\(\d{1,3}\)\s*$")
_KINDS = {"tjänsteskrivelse": "tjansteskrivelse"}


def _opens_document(line: str) -> bool:
    """A page that starts with an all-capitals label (``TJÄNSTESKRIVELSE``, ``YTTRANDE``,
    ``… SAMMANTRÄDESPROTOKOLL 1 (2)``) starts a document of the papers."""
    page = _PAGE_OF.search(plain(line))
    text = _PAGE_OF.sub("", plain(line))
    return bool(_DOCUMENT_LABEL.match(text)) and len(text.split()) <= 6 and (not page or page.group(1) == "1")


def papers_start(layout: Layout, used: set[int]) -> int:
    """The first line of the papers after the notice: the first page after the agenda that
    opens a document; the end of the record when there is none."""
    last = max(used, default=0)
    for a in layout.pages:
        first = next((i for i in range(a, len(layout.lines)) if not blank(layout.lines[i])), None)
        if a > last and first is not None and _opens_document(layout.lines[first]):
            return a
    return len(layout.lines)


def _papers(meeting: Notice, layout: Layout, start: int, scheme: DiaryScheme, prefix: str | None) -> None:
    """Split the papers into documents at their opening pages and give each to the item whose
    diary number it names first; one naming none follows the document before it."""
    from generator.importer.extracted import Document
    lines = layout.lines
    starts = [a for a in layout.pages if a >= start and _opens_document(
        next((x for x in lines[a:] if not blank(x)), ""))]
    by_number = {n: item for item in meeting.items for n in item.diary_numbers}
    owner = meeting.items[0] if meeting.items else None
    for a, b in zip(starts, starts[1:] + [len(lines)], strict=True):
        text = "\n".join(lines[a:b])
        numbers = [str(n) for n in scheme.numbers(text)] + [str(n) for n in scheme.bare(text, prefix or "")]
        owner = next((by_number[n] for n in numbers if n in by_number), owner)
        if owner is None:
            meeting.warnings.append(f"document at line {a + 1} belongs to no item: kept in the notice text")
            meeting.body += "\n\n" + to_markdown(lines[a:b])
            continue
        filled = [plain(x) for x in lines[a:b] if not blank(x)]
        label = re.sub(r"\s+", " ", _PAGE_OF.sub("", filled[0]))
        title = next((x for x in filled[1:12] if len(x.split()) > 3 and not ISO_DATE.match(x)), label)
        kind = _KINDS.get(label.strip().casefold(), "bilaga")
        doc = Document(kind, title, Span(a, b), to_markdown(lines[a:b]))
        owner.documents.append(doc)
