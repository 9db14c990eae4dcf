"""A record without a meeting header (a plan, a report, an appendix) → one stand-alone document
(*fristående dokument*) with its title and, where the text gives one, its date or year."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from generator.diary import DiaryScheme
from generator.importer.extracted import Document, Span
from generator.importer.labels import is_attachment_label
from generator.importer.markdown_body import to_markdown
from generator.importer.source import blank, calendar_date, iso_date, title_text
from generator.text import MONTHS

_HEADING = re.compile(r"^#{1,6}\s+\S")
_LONG_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS["sv"]) + r")\s+(?:år\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_YEAR = re.compile(r"(?<![\d:/-])((?:19|20)\d\d)(?![\d:/-])")
DATE_WINDOW = 12       # non-empty lines at the top where the document's own date sits


def read_document(lines: list[str], scheme: DiaryScheme) -> Document:
    filled = [i for i, x in enumerate(lines) if not blank(x)]
    title_at = next((i for i in filled[:DATE_WINDOW] if _HEADING.match(lines[i])), filled[0])
    title, used = _title(lines, title_at, filled)
    doc = Document("document", title, Span(filled[0], filled[-1] + 1), "")
    doc.body = to_markdown(["" if i in used else x for i, x in enumerate(lines)])
    when = _date(lines, filled, doc.warnings)
    if isinstance(when, date):
        doc.meta["date"] = when
    elif when:
        doc.meta["year"] = when
    else:
        doc.warnings.append("no date or year found in the text")
    numbers = [str(n) for n in scheme.numbers("\n".join(lines))]
    if numbers:
        doc.meta["diary_numbers"] = numbers
    if not _HEADING.match(lines[title_at]):
        doc.warnings.append("no heading: the first line is taken as the title")
    return doc


def _title(lines: list[str], at: int, filled: list[int]) -> tuple[str, set[int]]:
    """The first heading; a bare ``Bilaga N`` takes the next heading as its subtitle."""
    title = title_text([lines[at]])
    used = {at}
    if is_attachment_label(lines[at]):
        nxt = next((i for i in filled if i > at and _HEADING.match(lines[i])), None)
        if nxt is not None and nxt - at <= 4:
            title = f"{title}: {title_text([lines[nxt]])}"
            used.add(nxt)
    return title, used


def _date(lines: list[str], filled: list[int], warnings: list[str]) -> date | int | None:
    """A full date at the top (``den 28 november 2012``, ISO), else the year the text is about:
    the most frequent year when it is at least twice as frequent as any other."""
    top = " ".join(lines[i] for i in filled[:DATE_WINDOW])
    m = _LONG_DATE.search(top)
    if m:
        month = MONTHS["sv"].index(m.group(2).lower()) + 1
        day = calendar_date(m.group(0), m.group(3), month, m.group(1), warnings, _line_at(lines, filled, m.start()))
        if day:
            return day
    m = _ISO.search(top)
    if m:
        day = iso_date(m.group(0), warnings, _line_at(lines, filled, m.start()))
        if day:
            return day
    years = Counter(_YEAR.findall("\n".join(lines))).most_common(2)
    if years and (len(years) == 1 or years[0][1] >= 2 * years[1][1]):
        return int(years[0][0])
    return None


def _line_at(lines: list[str], filled: list[int], offset: int) -> int:
    """The line (1-based) of ``offset`` in the top lines ``filled`` joined by spaces."""
    for i in filled[:DATE_WINDOW]:
        offset -= len(lines[i]) + 1
        if offset < 0:
            return i + 1
    return filled[0] + 1
