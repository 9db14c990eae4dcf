"""What the importer finds in a record, before it becomes content files.

Spans are 0-based, end-exclusive line ranges of the normalised source; ``Span.label`` gives the
1-based ``56-139`` form stored in front matter (``import.lines``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    @property
    def label(self) -> str:
        return f"{self.start + 1}-{max(self.start + 1, self.end)}"


@dataclass
class AgendaEntry:
    """One line of the agenda (*Ärenden*): ``- 2 Title (SN 2012:195)``."""

    number: int
    title: str
    diary_numbers: list[str]
    span: Span
    problems: list[str] = field(default_factory=list)


@dataclass
class Document:
    """A document of an item: the officer's report (*tjänsteskrivelse*) or an attachment
    (*bilaga*); or a stand-alone document (*fristående dokument*) with ``meta`` date/year."""

    kind: str
    title: str
    span: Span
    body: str
    meta: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Item:
    """An agenda item (*ärende*): position in the agenda, title, diary numbers, decision page."""

    number: int
    title: str
    span: Span
    diary_numbers: list[str] = field(default_factory=list)
    printed_number: int | None = None
    decision: str = ""
    summary: str = ""
    body: str = ""
    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Notice:
    """A meeting notice (*kallelse*) with its header fields and items in agenda order."""

    committee: str
    date: date | None        # None when the record gives no meeting date
    span: Span
    kind: str = "kallelse"
    time: str | None = None
    place: str | None = None
    chair: str | None = None
    secretary: str | None = None
    organisation: str | None = None
    adjustment: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    body: str = ""
    agenda: list[AgendaEntry] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    proposals: bool = False    # items hold the notice's proposals (written as ``proposal``)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    """A § paragraph of minutes (*paragraf*): number, title, diary numbers and the labelled parts
    (``fields``, keys of docs/content-format.md's paragraph.md), the rest as ``body``."""

    number: int
    title: str
    span: Span
    diary_numbers: list[str] = field(default_factory=list)
    fields: dict = field(default_factory=dict)
    body: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class Minutes:
    """Adjusted minutes (*justerat protokoll*): the header fields of protokoll.md and the
    paragraphs. ``date`` is None when the record gives no meeting date."""

    committee: str
    date: date | None
    span: Span
    header: dict = field(default_factory=dict)       # protokoll.md keys: time, place, chair, …
    attendance: dict = field(default_factory=dict)   # members, serving_deputies, deputies, …
    body: str = ""
    notes: list[str] = field(default_factory=list)        # header text no rule read, kept
    paragraphs: list[Paragraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
