"""One source file → a Notice (with items and their documents), Minutes, or a
stand-alone Document. The kind is decided from the labels on the first pages."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from generator.diary import DiaryScheme
from generator.importer import item_parts, notice, seed_notice, segment
from generator.importer import layout as layout_residue
from generator.importer import minutes as minutes_reader
from generator.importer.extracted import Document, Minutes, Notice, Span
from generator.importer.source import blank, plain, read_lines
from generator.importer.standalone import read_document

FIRST_PAGES = 2            # pages whose labels decide the kind (records with page markers)
FIRST_LINES = 120          # non-empty lines that do, in records without them

# Labels that mark minutes and notices (docs/importing.md, "Classification"); presence decides.
MINUTES_LABELS = [r"sammanträdesprotokoll", r"protokoll", r"beslutande", r"(?:protokoll)?justerare",
                  r"justerande", r"paragrafer", r"utses att justera", r"justeringens plats och tid"]
NOTICE_LABELS = [r"kallelse", r"kallelse\s*/\s*underrättelse", r"underrättelse", r"föredragningslista",
                 r"ärendelista", r"ärenden", r"dagordning", r"sammanträde\b.*"]
_MINUTES = [re.compile(rf"^(?:{x})\b", re.IGNORECASE) for x in MINUTES_LABELS]
_NOTICE = [re.compile(rf"^(?:{x})$", re.IGNORECASE) for x in NOTICE_LABELS]

Prefix = Callable[[str], str | None]   # committee name → its diary prefix, when known


def classify(lines: list[str], pages: list[int]) -> str:
    """``protokoll``, ``kallelse`` or ``document`` from the labels of the first pages: a label
    counts where it opens a line or a column of it (``KUNGSBACKA KOMMUN   SAMMANTRÄDESPROTOKOLL``)."""
    end = pages[FIRST_PAGES] if len(pages) > FIRST_PAGES else len(lines)
    first = [x for x in lines[:end] if not blank(x)][:FIRST_LINES]
    cells = [c for x in first for c in re.split(r"\s{2,}", plain(x)) if c]
    minutes = {k for c in cells for k, p in enumerate(_MINUTES) if p.match(c)}
    notices = {k for c in cells for k, p in enumerate(_NOTICE) if p.match(c)}
    headings = sum(1 for x in first if minutes_reader.HEADING.match(x))
    if len(minutes) >= 2 and (headings or len(minutes) > len(notices)):
        return "protokoll"
    if notices:
        return "kallelse"
    return "document"


# A number of the record's own, by scheme form: its prefix is group 1.
_OWN = {"dash": re.compile(r"(?<![\w/-])([A-ZÅÄÖ]{1,5})(?:[ \t]*[-–_][ \t]*|[ \t]+)(?:19|20)\d\d[ \t]*[-–_]"
                           r"[ \t]*\n?[ \t]*\d{5,6}(?!\d)"),
        "slash": re.compile(r"(?<![\w/-])([A-ZÅÄÖ]{1,5})(?:[ \t]*[-–_/][ \t]*|[ \t]+)(?:Dnr[ \t]+)?(?:19|20)\d\d"
                            r"[ \t]*/[ \t]*\n?[ \t]*\d{1,6}(?![\d/])")}


def record_prefixes(lines: list[str], scheme: DiaryScheme) -> list[str]:
    """Diary prefixes the record itself uses, most used first."""
    text = re.sub(r"<br\s*/?>", "\n", "\n".join(lines))
    if scheme.form in _OWN:
        return [p for p, _ in Counter(_OWN[scheme.form].findall(text)).most_common()]
    return seed_notice.agenda_prefixes(lines)


def read_record(path: Path, prefixes: list[str], scheme_name: str | dict = "colon",
                prefix_of: Prefix | None = None) -> Notice | Minutes | Document:
    """Raises source.NotARecord for what is not a record. ``prefix_of`` gives the prefix of a
    committee already on the site, for diary numbers printed without one."""
    lines = read_lines(path)
    base = DiaryScheme(prefixes, scheme_name)
    if seed_notice.is_meeting(lines):
        return _seed_notice(lines, base)
    layout = layout_residue.strip(lines)
    kind = classify(layout.lines, layout.pages)
    if kind == "document":
        return read_document(layout.lines, base)
    own = record_prefixes(layout.lines, base)
    scheme = base.with_prefixes(own)
    reader = minutes_reader.read if kind == "protokoll" else notice.read
    first = reader(layout, scheme, None)
    known = prefix_of(first.committee) if prefix_of and first.committee else None
    prefix = known or (own[0] if own else _guess(first.committee))
    record = reader(layout, scheme, prefix)
    if not own and _has_numbers(record):
        # The same words whether the prefix was guessed now or read from committee.md, so that
        # importing again gives identical files.
        record.warnings.append(f"diary numbers are printed without a prefix: they get {prefix!r}, the "
                               "committee's prefix (from committee.md, or on a first import a guess from "
                               "the committee's initials: check it there and import again)")
    return record


def _guess(name: str) -> str:
    """Initials of the committee's capitalised words (``Nämnden för Miljö & Hälsoskydd`` → NMH)."""
    initials = "".join(w[0] for w in re.findall(r"\b[A-ZÅÄÖ]\w+", name))
    return initials if len(initials) >= 2 else (name[:2].upper() or "XX")


def _has_numbers(record: Notice | Minutes) -> bool:
    entries = record.items if isinstance(record, Notice) else record.paragraphs
    return any(n for e in entries for n in e.diary_numbers)


def _seed_notice(lines: list[str], base: DiaryScheme) -> Notice:
    """The seeds' notice layout: a bullet agenda and a decision page per item."""
    scheme = base.with_prefixes(seed_notice.agenda_prefixes(lines))
    agenda_end = seed_notice.agenda_span(lines)[1]
    blocks = segment.find_blocks(lines, agenda_end)
    header_end = blocks[0].start if blocks else len(lines)
    meeting = seed_notice.read_header(lines, header_end, scheme)
    items, warnings = segment.make_items(lines, blocks, meeting.agenda, scheme)
    by_start = {b.start: b for b in blocks}
    for item in items:
        if item.span.start in by_start:
            item_parts.fill(item, by_start[item.span.start], lines, scheme)
    meeting.items = items
    meeting.warnings += warnings
    meeting.span = Span(0, header_end)
    return meeting
