"""The content model: what a committee's records are, independent of files and pages.

Modelled on how Swedish committees work and on OParl 1.1 (Meeting, AgendaItem, Paper, File).
URLs are site-relative (no base path); templates add the base path.

Every record type satisfies ``Record``, so pages, feeds, data and signatures ask a record what it
is instead of testing its type; a new record type implements the protocol and nothing else changes.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from datetime import date as Day  # for annotations inside classes whose field is named date
from typing import ClassVar, Protocol

from generator.diary import DiaryNumber, DiaryScheme
from generator.text import long_date

# What other pages show of a record that they list or link (agenda, pager, case timeline).
SHOWN = ("url", "number", "title", "kind", "draft", "date", "sort_date", "year", "time", "diary_numbers")


class Record(Protocol):
    """What every published record tells the pages, feeds, data files and page signatures."""

    @property
    def noun(self) -> str: ...  # UI-string key naming it in a list of records (``kind_<noun>`` or ``<noun>``)
    @property
    def url(self) -> str: ...  # site-relative
    @property
    def kind(self) -> str: ...  # the UI string ``kind_<kind>`` names it
    @property
    def sort_date(self) -> Day | None: ...
    @property
    def committee(self) -> Committee | None: ...  # the committee it belongs to (a committee: none)
    @property
    def feed_owner(self) -> Committee | Case | None: ...  # whose Atom feed its page links

    def heading(self, language: str) -> str: ...  # its title in a list of records
    def description_text(self) -> str: ...  # raw text for a link preview (Open Graph)
    def inputs(self) -> list[tuple[str, str]]: ...  # what its page is made from, see generator.deps


class Filed(Record, Protocol):
    """A record a case holds (meeting, item, document): it has a feed entry and an ID in the open data."""

    data_type: ClassVar[str]  # its type in the open data

    @property
    def path_id(self) -> str: ...  # stable, from its content folder and file names
    @property
    def sort_time(self) -> str: ...  # ``HH:MM`` on its sort date, or ""
    @property
    def data_title(self) -> str: ...  # its title in the open data

    def feed_title(self, kind_label: str, language: str) -> str: ...
    def feed_summary(self) -> str: ...


def shown(record: Record) -> tuple[str, str]:
    """What other pages show of ``record``, as a page input: no file, only these values."""
    return "", repr([getattr(record, name, None) for name in SHOWN])


def own_file(record) -> tuple[str, str]:
    """The whole content file of ``record``, as a page input."""
    return record.source.path, ""


@dataclass(frozen=True)
class Source:
    """Where a record came from: its file under content/ and the line its body starts."""

    path: str
    line: int = 1


@dataclass(eq=False)
class Committee:
    """A committee (*nämnd*), e.g. Socialnämnden with diary prefix SN."""

    id: str
    name: str
    prefix: str
    source: Source
    organisation: str = ""
    description: str = ""
    body: str = ""
    draft: bool = False
    meetings: list[Meeting] = field(default_factory=list)

    noun: ClassVar[str] = "committee"
    kind: ClassVar[str] = "committee"
    sort_date: ClassVar[None] = None
    committee: ClassVar[None] = None

    @property
    def url(self) -> str:
        return f"/{self.id}/"

    @property
    def feed_owner(self) -> Committee:
        return self

    def heading(self, language: str) -> str:
        return self.name

    def description_text(self) -> str:
        return self.description or self.body

    def inputs(self) -> list[tuple[str, str]]:
        return [own_file(m) for m in self.meetings]


@dataclass(eq=False)
class Meeting:
    """A meeting (*sammanträde*): a notice with papers (*kallelse*) or adjusted minutes (*protokoll*)."""

    committee: Committee
    id: str
    date: date
    kind: str
    source: Source
    time: str = ""
    end_time: str = ""
    place: str = ""
    chair: str = ""
    secretary: str = ""
    adjustment: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    title: str = ""
    body: str = ""
    draft: bool = False
    warnings: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    noun: ClassVar[str] = "meeting"
    data_type: ClassVar[str] = "meeting"

    @property
    def url(self) -> str:
        return f"{self.committee.url}{self.id}/"

    @property
    def sort_date(self) -> Day:
        return self.date

    @property
    def sort_time(self) -> str:
        return self.time

    @property
    def feed_owner(self) -> Committee:
        return self.committee

    @property
    def path_id(self) -> str:
        return f"{self.committee.id}/{self.id}"

    @property
    def data_title(self) -> str:
        return self.title or f"{self.committee.name} {self.date.isoformat()}"

    def heading(self, language: str) -> str:
        return f"{self.committee.name}, {long_date(self.date, language)}"

    def description_text(self) -> str:
        return " ".join(f"{i.number}. {i.title}." for i in self.items) or self.body

    def inputs(self) -> list[tuple[str, str]]:
        return [own_file(self), *map(shown, self.items)]

    def feed_title(self, kind_label: str, language: str) -> str:
        return f"{self.committee.name}, {long_date(self.date, language)}: {kind_label}"

    def feed_summary(self) -> str:
        return "\n".join([self.place] + [f"{i.number}. {i.title}" for i in self.items])


@dataclass(eq=False)
class Item:
    """An agenda item (*ärende*, *dagordningspunkt*) with its decision (*beslut*)."""

    meeting: Meeting
    number: int
    title: str
    source: Source
    diary_numbers: list[DiaryNumber] = field(default_factory=list)
    decision: str = ""
    summary: str = ""
    body: str = ""
    printed_number: int | None = None
    draft: bool = False
    warnings: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    noun: ClassVar[str] = "item"
    kind: ClassVar[str] = "item"
    data_type: ClassVar[str] = "item"

    @property
    def url(self) -> str:
        return f"{self.meeting.url}{self.number:02d}/"

    @property
    def date(self) -> Day:
        return self.meeting.date

    @property
    def sort_date(self) -> Day:
        return self.meeting.date

    @property
    def sort_time(self) -> str:
        return self.meeting.time

    @property
    def committee(self) -> Committee:
        return self.meeting.committee

    @property
    def feed_owner(self) -> Committee:
        return self.committee

    @property
    def path_id(self) -> str:
        return f"{self.meeting.path_id}/{self.number:02d}"

    @property
    def data_title(self) -> str:
        return self.title

    def heading(self, language: str) -> str:
        return f"{self.number}. {self.title}"

    def description_text(self) -> str:
        return self.summary or self.decision or self.body

    def inputs(self) -> list[tuple[str, str]]:
        return [own_file(self), *map(own_file, self.documents), own_file(self.meeting),
                *map(shown, self.neighbours())]

    def neighbours(self) -> list[Item]:
        """The previous and next items of the agenda (the page links them by title)."""
        items = self.meeting.items
        at = items.index(self)
        return [i for i in items[max(at - 1, 0):at + 2] if i is not self]

    def feed_title(self, kind_label: str, language: str) -> str:
        return f"{self.committee.name} {self.date.isoformat()}: {self.number}. {self.title}"

    def feed_summary(self) -> str:
        return self.decision or self.summary or self.body

    @property
    def report(self) -> Document | None:
        """The officer's report (*tjänsteskrivelse*), if the item has one."""
        return next((d for d in self.documents if d.kind == "tjansteskrivelse"), None)


@dataclass(eq=False)
class Document:
    """A document: an officer's report (*tjänsteskrivelse*) or attachment (*bilaga*) of an item,
    or a stand-alone document (*fristående dokument*) that belongs to no meeting."""

    id: str
    kind: str  # tjansteskrivelse | bilaga | dokument
    title: str
    source: Source
    item: Item | None = None
    order: int = 0
    date: date | None = None
    year: int | None = None
    diary_numbers: list[DiaryNumber] = field(default_factory=list)
    officer: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signatures: list[dict] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    organisation: str = ""
    publisher: Committee | None = None  # a stand-alone document's committee (an item's is the item's)
    body: str = ""
    draft: bool = False
    warnings: list[str] = field(default_factory=list)
    has_page: bool = True  # set by link: short attachments are shown only on their item's page

    data_type: ClassVar[str] = "document"
    sort_time: ClassVar[str] = ""

    @property
    def noun(self) -> str:
        return self.kind

    @property
    def committee(self) -> Committee | None:
        return self.item.committee if self.item else self.publisher

    @property
    def feed_owner(self) -> Committee | None:
        return self.committee

    @property
    def path_id(self) -> str:
        return f"{self.item.path_id}/{self.id}" if self.item else f"dokument/{self.id}"

    @property
    def data_title(self) -> str:
        return self.title

    def heading(self, language: str) -> str:
        return self.title

    def description_text(self) -> str:
        return self.body

    def inputs(self) -> list[tuple[str, str]]:
        return [own_file(self), *([shown(self.item), own_file(self.item.meeting)] if self.item else [])]

    def feed_title(self, kind_label: str, language: str) -> str:
        return f"{kind_label}: {self.title}"

    def feed_summary(self) -> str:
        return self.body

    @property
    def url(self) -> str:
        if self.item is None:
            return f"/dokument/{self.id}/"
        return f"{self.item.url}{self.id}/" if self.has_page else f"{self.item.url}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"dokument-{self.id}"

    @property
    def sort_date(self) -> Day | None:
        if self.date:
            return self.date
        if self.item:
            return self.item.date
        return date(self.year, 1, 1) if self.year else None


@dataclass(eq=False)
class Case:
    """A case (*ärende*) identified by a diary number: everything filed under or mentioning it."""

    number: DiaryNumber
    carriers: list[Filed] = field(default_factory=list)  # items and documents that carry the number
    mentions: list[Filed] = field(default_factory=list)  # records whose text only mentions it

    noun: ClassVar[str] = "case"
    kind: ClassVar[str] = "case"
    sort_date: ClassVar[None] = None
    committee: ClassVar[None] = None

    @property
    def url(self) -> str:
        return f"/arende/{self.number.slug}/"

    @property
    def feed_owner(self) -> Case:
        return self

    def heading(self, language: str) -> str:
        return str(self.number)

    def description_text(self) -> str:
        return ""

    def inputs(self) -> list[tuple[str, str]]:
        return [shown(r) for r in (*self.carriers, *self.mentions)]


@dataclass
class Site:
    """Everything a build publishes, after load and link."""

    committees: list[Committee] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)  # stand-alone only
    cases: dict[DiaryNumber, Case] = field(default_factory=dict)
    scheme: DiaryScheme = field(default_factory=lambda: DiaryScheme([]))  # the site's diary prefixes

    @property
    def meetings(self) -> list[Meeting]:
        return [m for c in self.committees for m in c.meetings]

    @property
    def items(self) -> list[Item]:
        return [i for m in self.meetings for i in m.items]

    def content_records(self) -> Iterator[Committee | Meeting | Item | Document]:
        """Every record read from a content file: committees, meetings, items, their documents,
        stand-alone documents (cases are derived, not read)."""
        for committee in self.committees:
            yield committee
            for meeting in committee.meetings:
                yield meeting
                for item in meeting.items:
                    yield item
                    yield from item.documents
        yield from self.documents
