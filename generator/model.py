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
from typing import TYPE_CHECKING, ClassVar, Protocol

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
    """A record a case holds (meeting, item, paragraph, document): it has a feed entry and an ID in the open data."""

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
    """The whole content file of ``record``, as a page input, with its original's link (whose
    size is read from a file of its own)."""
    return record.source.path, repr(record.original) if record.original else ""

if TYPE_CHECKING:
    from generator.noticeboard import NoticeBoard
    from generator.people import People


@dataclass(frozen=True)
class Source:
    """Where a record came from: its file under content/ and the line its body starts."""

    path: str
    line: int = 1


@dataclass(frozen=True)
class Original:
    """The original a record's text came from (*originalhandling*), e.g. the PDF of the minutes:
    an address elsewhere, or a file beside the record's content file that the site publishes
    beside its page (front-matter key ``original``)."""

    url: str = ""  # an http(s) address
    file: str = ""  # or: the file's name in the record's folder
    size: int | None = None  # bytes: read from the file, or as stated for an address
    format: str = ""  # e.g. "PDF": as stated, else the extension of the name
    source: str = ""  # the file's path as in Source.path, set when load found it

    def link(self, page_url: str) -> str:
        """Where it is: its address, or (site-relative) the copy beside the page at ``page_url``."""
        return self.url or page_url.partition("#")[0] + self.file


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
    original: ClassVar[None] = None
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
        return [own_file(m) for m in self.meetings] + [("", m.kind) for m in self.meetings]


@dataclass(eq=False)
class Meeting:
    """A meeting (*sammanträde*): a notice with papers (*kallelse*) or adjusted minutes (*protokoll*)."""

    committee: Committee
    id: str
    date: date
    source: Source
    time: str = ""
    end_time: str = ""
    place: str = ""
    chair: str = ""
    secretary: str = ""
    adjustment: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    title: str = ""
    original: Original | None = None  # of the notice
    body: str = ""
    draft: bool = False
    warnings: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    minutes: Minutes | None = None

    noun: ClassVar[str] = "meeting"
    data_type: ClassVar[str] = "meeting"

    @property
    def url(self) -> str:
        return f"{self.committee.url}{self.id}/"

    @property
    def kind(self) -> str:
        """What the meeting's record is: its minutes once they exist, else its notice."""
        return "protokoll" if self.minutes else "kallelse"

    def records(self) -> list:
        """The records its folder holds: agenda items, the minutes and their paragraphs, with
        their documents."""
        parts: list = [*self.minutes.paragraphs] if self.minutes else []
        found: list = [self.minutes] if self.minutes else []
        for record in [*self.items, *parts]:
            found += [record, *record.documents]
        return found

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
        return " ".join(f"{i.number}. {i.title}." for i in self.items) \
            or (self.minutes.description_text() if self.minutes else self.body)

    def inputs(self) -> list[tuple[str, str]]:
        # The whole minutes are shown: their header, every paragraph and its documents' titles.
        minutes = [own_file(self.minutes), *(f for p in self.minutes.paragraphs for f in p.files())] \
            if self.minutes else []
        return [own_file(self), *map(shown, self.items), *minutes]

    def feed_title(self, kind_label: str, language: str) -> str:
        return f"{self.committee.name}, {long_date(self.date, language)}: {kind_label}"

    def feed_summary(self) -> str:
        paragraphs = [p.heading() for p in self.minutes.paragraphs] if self.minutes else []
        return "\n".join([self.place] + [f"{i.number}. {i.title}" for i in self.items] + paragraphs)


class InMeeting:
    """What a record of a meeting's agenda or minutes (an item, a paragraph) takes from its meeting."""

    if TYPE_CHECKING:  # a field of Item, a property of Paragraph
        @property
        def meeting(self) -> Meeting: ...

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


@dataclass(eq=False)
class Item(InMeeting):
    """An agenda item of a notice (*ärende*, *dagordningspunkt*) with its proposed decision
    (*förslag till beslut*); the paragraph of the minutes that decided it, once linked."""

    meeting: Meeting
    number: int
    title: str
    source: Source
    diary_numbers: list[DiaryNumber] = field(default_factory=list)
    proposal: str = ""
    status: str = ""  # utgår | bordlagd | återremitterad
    paragraph_number: int | None = None  # explicit tie to the deciding § (front-matter key `paragraph`)
    paragraph: Paragraph | None = None  # set by link
    summary: str = ""
    body: str = ""
    printed_number: int | None = None
    original: Original | None = None
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
    def path_id(self) -> str:
        return f"{self.meeting.path_id}/{self.number:02d}"

    @property
    def data_title(self) -> str:
        return self.title

    def heading(self, language: str) -> str:
        return f"{self.number}. {self.title}"

    def description_text(self) -> str:
        return self.summary or self.proposal or self.body

    def inputs(self) -> list[tuple[str, str]]:
        decided = [own_file(self.paragraph), own_file(self.meeting.minutes)] \
            if self.paragraph and self.meeting.minutes else []
        return [*self.files(), own_file(self.meeting), *map(shown, self.neighbours()), *decided]

    def files(self) -> list[tuple[str, str]]:
        return [own_file(self), *map(own_file, self.documents)]

    @property
    def siblings(self) -> list:
        """The agenda it is on, for the pager."""
        return self.meeting.items

    def neighbours(self) -> list[Item]:
        """The previous and next items of the agenda (the page links them by title)."""
        return _neighbours(self, self.siblings)

    def feed_title(self, kind_label: str, language: str) -> str:
        return f"{self.committee.name} {self.date.isoformat()}: {self.number}. {self.title}"

    def feed_summary(self) -> str:
        return self.proposal or self.summary or self.body

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
    item: Item | Paragraph | None = None  # the agenda item or § it belongs to
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
    original: Original | None = None
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
    carriers: list[Filed] = field(default_factory=list)  # items, paragraphs and documents that carry the number
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

    @property
    def subject(self) -> str:
        """What the case is about (*ärendemening*): the title it was last handled under."""
        title = next((t for r in reversed(self.carriers) if (t := getattr(r, "title", ""))), "")
        return title.removesuffix(f" ({self.number})")  # a title may end with the number itself

    @property
    def last_handled(self) -> Filed | None:
        """The latest dated record filed under the number: its date and committee head the case index."""
        return next((r for r in reversed(self.carriers) if r.sort_date), None)

    def description_text(self) -> str:
        return self.subject

    def inputs(self) -> list[tuple[str, str]]:
        return [shown(r) for r in (*self.carriers, *self.mentions)]


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

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for m in self.meetings if m.minutes for p in m.minutes.paragraphs]

    def originals(self) -> dict[str, str]:
        """The files the site publishes beside records' pages: output path → path as in Source.path."""
        return {o.link(r.url).lstrip("/"): o.source for r in self.content_records()
                if (o := r.original) and o.file}

    def content_records(self) -> Iterator[Committee | Meeting | Item | Minutes | Paragraph | Document]:
        """Every record read from a content file: committees, meetings, items, minutes, paragraphs,
        their documents, stand-alone documents (cases are derived, not read)."""
        for committee in self.committees:
            yield committee
            for meeting in committee.meetings:
                yield meeting
                yield from meeting.records()
        yield from self.documents


def _neighbours(record, siblings: list) -> list:
    at = siblings.index(record)
    return [s for s in siblings[max(at - 1, 0):at + 2] if s is not record]


@dataclass
class Attendee:
    """A person in the minutes' attendance list (*närvarande*): party and role where the record
    gives them (role of a member, title of an official)."""

    name: str
    party: str = ""
    role: str = ""
    replaces: str = ""  # a serving deputy (*tjänstgörande ersättare*): whom, as "Name (P)"
    paragraphs: str = ""  # the §§ an official or other attended, e.g. "292-293"


@dataclass
class AttendanceChange:
    """An arrival or departure during the meeting: leaves after § ``paragraph``, arrives before it."""

    name: str
    event: str  # leaves | arrives
    paragraph: int
    party: str = ""
    note: str = ""


@dataclass
class Attendance:
    """Who was present (*närvarande*), in the groups the minutes list them."""

    members: list[Attendee] = field(default_factory=list)  # beslutande ledamöter
    serving_deputies: list[Attendee] = field(default_factory=list)  # tjänstgörande ersättare
    deputies: list[Attendee] = field(default_factory=list)  # ej tjänstgörande ersättare
    officials: list[Attendee] = field(default_factory=list)  # tjänstepersoner
    others: list[Attendee] = field(default_factory=list)  # övriga, personalföreträdare
    changes: list[AttendanceChange] = field(default_factory=list)

    GROUPS: ClassVar[tuple[str, ...]] = ("members", "serving_deputies", "deputies", "officials", "others")

    def groups(self) -> list[tuple[str, list[Attendee]]]:
        """(group, people) of the groups with anyone in them, in the minutes' order."""
        return [(g, getattr(self, g)) for g in self.GROUPS if getattr(self, g)]

    def everyone(self) -> list[Attendee]:
        return [a for _, people in self.groups() for a in people]


@dataclass
class Signature:
    """A signature of the minutes, from the e-signature page where there is one."""

    name: str
    role: str = ""
    signed: str = ""  # "YYYY-MM-DD HH:MM[:SS]"
    service: str = ""  # e.g. "Visma Sign"


@dataclass
class Motion:
    """A motion made at the meeting (*yrkande*) and who made it."""

    by: list[str]
    text: str


@dataclass
class Ballot:
    """One member's vote in a roll-call vote: ja, nej or avstår."""

    name: str
    vote: str
    party: str = ""


BALLOT_TOTALS = {"ja": "yes", "nej": "no", "avstår": "abstain"}  # a ballot's vote → its key in the totals


@dataclass
class Vote:
    """A roll-call vote (*omröstning*): what yes and no stand for, each ballot, the totals."""

    yes: str
    no: str
    ballots: list[Ballot] = field(default_factory=list)
    totals: dict | None = None  # as the minutes state them: {yes, no, abstain}
    outcome: str = ""

    @property
    def counted(self) -> dict[str, int]:
        """The totals the ballots give."""
        counts = {key: 0 for key in BALLOT_TOTALS.values()}
        for ballot in self.ballots:
            counts[BALLOT_TOTALS[ballot.vote]] += 1
        return counts

    @property
    def result(self) -> dict[str, int]:
        """The totals to show: the stated ones, else those the ballots give."""
        return {**self.counted, **self.totals} if self.totals else self.counted


@dataclass
class Reservation:
    """A reservation against the decision (*reservation*), written or oral."""

    by: list[str]
    written: bool = False
    text: str = ""


@dataclass
class ProtocolNote:
    """A protocol note (*protokollsanteckning*)."""

    by: list[str]
    text: str = ""


@dataclass(eq=False)
class Minutes:
    """The adjusted minutes (*justerat protokoll*) of a meeting: header, attendance, paragraphs."""

    meeting: Meeting
    source: Source
    time: str = ""
    end_time: str = ""
    place: str = ""
    covers: str = ""  # the § range, "287-296" or "93" (front-matter key `paragraphs`)
    chair: str = ""
    secretary: str = ""
    adjusters: list[str] = field(default_factory=list)
    adjustment_date: Day | None = None
    adjustment_place: str = ""
    signatures: list[Signature] = field(default_factory=list)
    attendance: Attendance = field(default_factory=Attendance)
    posted: Day | None = None
    storage: str = ""
    original: Original | None = None
    body: str = ""
    draft: bool = False
    warnings: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)

    noun: ClassVar[str] = "protokoll"
    kind: ClassVar[str] = "protokoll"

    @property
    def url(self) -> str:
        return f"{self.meeting.url}#protokoll"

    @property
    def committee(self) -> Committee:
        return self.meeting.committee

    @property
    def feed_owner(self) -> Committee:
        return self.committee

    @property
    def date(self) -> Day:
        return self.meeting.date

    @property
    def sort_date(self) -> Day:
        return self.meeting.date

    @property
    def span(self) -> tuple[int, int] | None:
        """The first and last § the header says the minutes cover."""
        if not self.covers:
            return None
        first, _, last = self.covers.partition("-")
        return int(first), int(last or first)

    def heading(self, language: str) -> str:
        return f"{self.committee.name}, {long_date(self.date, language)}"

    def description_text(self) -> str:
        return " ".join(f"§ {p.number} {p.title}." for p in self.paragraphs) or self.body

    def inputs(self) -> list[tuple[str, str]]:
        return self.meeting.inputs()  # shown on the meeting's page

    def parts(self) -> list:
        """Its nested records (people, signatures), for steps that visit every text."""
        attendance = self.attendance
        return [*attendance.everyone(), *attendance.changes, *self.signatures]


@dataclass(eq=False)
class Paragraph(InMeeting):
    """A paragraph of the minutes (*§ paragraf*): one matter and its decision (*beslut*)."""

    minutes: Minutes
    number: int
    title: str
    source: Source
    diary_numbers: list[DiaryNumber] = field(default_factory=list)
    item_number: int | None = None  # explicit tie to the notice's agenda item (front-matter key `item`)
    decision: str = ""
    decision_type: str = "beslut"  # beslut | forslag (a proposal to another body)
    proposal_to: str = ""
    summary: str = ""
    basis: list[str] = field(default_factory=list)
    motions: list[Motion] = field(default_factory=list)
    process: str = ""
    votes: list[Vote] = field(default_factory=list)
    reservations: list[Reservation] = field(default_factory=list)
    protocol_notes: list[ProtocolNote] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    sent_to: list[str] = field(default_factory=list)
    confidential: bool = False
    status: str = ""
    original: Original | None = None
    body: str = ""
    draft: bool = False
    warnings: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    item: Item | None = None  # the notice's agenda item it decided, set by link

    noun: ClassVar[str] = "paragraph"
    kind: ClassVar[str] = "paragraph"
    data_type: ClassVar[str] = "paragraph"

    @property
    def meeting(self) -> Meeting:
        return self.minutes.meeting

    @property
    def url(self) -> str:
        return f"{self.meeting.url}paragraf-{self.number}/"

    @property
    def path_id(self) -> str:
        return f"{self.meeting.path_id}/paragraf-{self.number}"

    @property
    def data_title(self) -> str:
        return self.heading()

    @property
    def siblings(self) -> list:
        """The minutes' paragraphs, for the pager."""
        return self.minutes.paragraphs

    def neighbours(self) -> list[Paragraph]:
        """The previous and next paragraphs (the page links them by title)."""
        return _neighbours(self, self.siblings)

    def files(self) -> list[tuple[str, str]]:
        return [own_file(self), *map(own_file, self.documents)]

    def inputs(self) -> list[tuple[str, str]]:
        tied = [shown(self.item)] if self.item else []
        return [*self.files(), own_file(self.meeting), own_file(self.minutes), *map(shown, self.neighbours()), *tied]

    def feed_title(self, kind_label: str, language: str) -> str:
        return f"{self.committee.name} {self.date.isoformat()}: {self.heading(language)}"

    def feed_summary(self) -> str:
        return self.description_text()

    @property
    def anchor(self) -> str:
        """Its id on the meeting page, where the whole minutes are shown."""
        return f"paragraf-{self.number}"

    def heading(self, language: str = "sv") -> str:
        return f"§ {self.number} {self.title}"

    def description_text(self) -> str:
        return self.decision or self.summary or self.body

    def parts(self) -> list:
        """Its nested records (motions, votes, ballots …), for steps that visit every text."""
        ballots = [b for v in self.votes for b in v.ballots]
        return [*self.motions, *self.votes, *ballots, *self.reservations, *self.protocol_notes]
