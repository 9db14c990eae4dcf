"""The content model: what a committee's records are, independent of files and pages.

Modelled on how Swedish committees work and on OParl 1.1 (Meeting, AgendaItem, Paper, File).
URLs are site-relative (no base path); templates add the base path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from generator.diary import DiaryNumber, DiaryScheme

if TYPE_CHECKING:
    from generator.noticeboard import NoticeBoard
    from generator.people import People


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

    @property
    def url(self) -> str:
        return f"/{self.id}/"


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

    @property
    def url(self) -> str:
        return f"{self.committee.url}{self.id}/"

    @property
    def heading(self) -> str:
        return self.title or f"{self.committee.name} {self.date.isoformat()}"


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

    @property
    def url(self) -> str:
        return f"{self.meeting.url}{self.number:02d}/"

    @property
    def date(self) -> date:
        return self.meeting.date

    @property
    def committee(self) -> Committee:
        return self.meeting.committee

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
    committee: Committee | None = None
    body: str = ""
    draft: bool = False
    warnings: list[str] = field(default_factory=list)
    has_page: bool = True  # set by link: short attachments are shown only on their item's page

    @property
    def url(self) -> str:
        if self.item is None:
            return f"/dokument/{self.id}/"
        return f"{self.item.url}{self.id}/" if self.has_page else f"{self.item.url}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"dokument-{self.id}"

    @property
    def sort_date(self) -> date | None:
        if self.date:
            return self.date
        if self.item:
            return self.item.date
        return date(self.year, 1, 1) if self.year else None


@dataclass(eq=False)
class Case:
    """A case (*ärende*) identified by a diary number: everything filed under or mentioning it."""

    number: DiaryNumber
    carriers: list = field(default_factory=list)  # items and documents that carry the number
    mentions: list = field(default_factory=list)  # records whose text only mentions it

    @property
    def url(self) -> str:
        return f"/arende/{self.number.slug}/"


@dataclass
class Site:
    """Everything a build publishes, after load and link."""

    committees: list[Committee] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)  # stand-alone only
    cases: dict[DiaryNumber, Case] = field(default_factory=dict)
    scheme: DiaryScheme = field(default_factory=lambda: DiaryScheme([]))  # the site's diary prefixes
    board: NoticeBoard | None = None  # the notice board as of the build date (generator.noticeboard)
    people: People | None = None  # the elected persons the minutes name, set by link (generator.people)

    @property
    def meetings(self) -> list[Meeting]:
        return [m for c in self.committees for m in c.meetings]

    @property
    def items(self) -> list[Item]:
        return [i for m in self.meetings for i in m.items]
