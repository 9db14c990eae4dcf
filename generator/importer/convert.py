"""One source file → a Meeting (with items and their documents) or a stand-alone Document."""
from __future__ import annotations

from pathlib import Path

from generator.diary import DiaryScheme
from generator.importer import meeting as notice
from generator.importer import parts, segment
from generator.importer.records import Document, Meeting, Span
from generator.importer.source import read_lines
from generator.importer.standalone import read_document


def read_record(path: Path, prefixes: list[str]) -> Meeting | Document:
    """Raises source.NotARecord for what is not a record."""
    lines = read_lines(path)
    if not notice.is_meeting(lines):
        return read_document(lines, DiaryScheme(prefixes))
    scheme = DiaryScheme(list(prefixes) + notice.agenda_prefixes(lines))
    agenda_end = notice.agenda_span(lines)[1]
    blocks = segment.find_blocks(lines, agenda_end)
    header_end = blocks[0].start if blocks else len(lines)
    meeting = notice.read_header(lines, header_end, scheme)
    items, warnings = segment.make_items(lines, blocks, meeting.agenda, scheme)
    by_start = {b.start: b for b in blocks}
    for item in items:
        if item.span.start in by_start:
            parts.fill(item, by_start[item.span.start], lines, scheme)
    meeting.items = items
    meeting.warnings += warnings
    meeting.span = Span(0, header_end)
    return meeting
