"""The content model: what a committee's records are, independent of files and pages.

Modelled on how Swedish committees work and on OParl 1.1 (Meeting, AgendaItem, Paper, File).
URLs are site-relative (no base path); templates add the base path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.diary import DiaryNumber, DiaryScheme
from generator.text import long_date


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
    minutes: Minutes | None = None

    @property
    def url(self) -> str:
        return f"{self.committee.url}{self.id}/"

    @property
    def kind(self) -> str:
        """What the meeting's record is: its minutes once they exist, else its notice."""
        return "protokoll" if self.minutes else "kallelse"

    @property
    def heading(self) -> str:
        return self.title or f"{self.committee.name} {self.date.isoformat()}"


@dataclass(eq=False)
class Item:
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
    def siblings(self) -> list[Item]:
        """The agenda it is on, for the pager."""
        return self.meeting.items

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
    carriers: list = field(default_factory=list)  # items, paragraphs and documents that carry the number
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

    @property
    def meetings(self) -> list[Meeting]:
        return [m for c in self.committees for m in c.meetings]

    @property
    def items(self) -> list[Item]:
        return [i for m in self.meetings for i in m.items]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for m in self.meetings if m.minutes for p in m.minutes.paragraphs]


@dataclass
class Attendee:
    """A person in the minutes' attendance list (*närvarande*): party and role where the record
    gives them (role of a member, title of an official)."""

    name: str
    party: str = ""
    role: str = ""
    replaces: str = ""  # a serving deputy (*tjänstgörande ersättare*): whom, as "Name (P)"
    paragraphs: str = ""  # the §§ an official or other attended, e.g. "292-293"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name


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

    GROUPS = ("members", "serving_deputies", "deputies", "officials", "others")

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

    @property
    def label(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name


@dataclass
class Vote:
    """A roll-call vote (*omröstning*): what yes and no stand for, each ballot, the totals."""

    yes: str
    no: str
    ballots: list[Ballot] = field(default_factory=list)
    totals: dict | None = None  # as the minutes state them: {yes, no, abstain}
    outcome: str = ""

    CHOICES = {"ja": "yes", "nej": "no", "avstår": "abstain"}

    @property
    def counted(self) -> dict[str, int]:
        """The totals the ballots give."""
        counts = {key: 0 for key in self.CHOICES.values()}
        for ballot in self.ballots:
            counts[self.CHOICES[ballot.vote]] += 1
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
    adjustment_date: date | None = None
    adjustment_place: str = ""
    signatures: list[Signature] = field(default_factory=list)
    attendance: Attendance = field(default_factory=Attendance)
    posted: date | None = None
    storage: str = ""
    body: str = ""
    draft: bool = False
    warnings: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)

    kind = "protokoll"

    @property
    def url(self) -> str:
        return f"{self.meeting.url}#protokoll"

    @property
    def committee(self) -> Committee:
        return self.meeting.committee

    @property
    def date(self) -> date:
        return self.meeting.date

    @property
    def sort_date(self) -> date:
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

    def parts(self) -> list:
        """Its nested records (people, signatures), for steps that visit every text."""
        attendance = self.attendance
        return [*attendance.everyone(), *attendance.changes, *self.signatures]


@dataclass(eq=False)
class Paragraph:
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
    body: str = ""
    draft: bool = False
    warnings: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    item: Item | None = None  # the notice's agenda item it decided, set by link

    kind = "paragraph"

    @property
    def meeting(self) -> Meeting:
        return self.minutes.meeting

    @property
    def committee(self) -> Committee:
        return self.meeting.committee

    @property
    def date(self) -> date:
        return self.meeting.date

    @property
    def sort_date(self) -> date:
        return self.meeting.date

    @property
    def url(self) -> str:
        return f"{self.meeting.url}paragraf-{self.number}/"

    @property
    def siblings(self) -> list[Paragraph]:
        """The minutes' paragraphs, for the pager."""
        return self.minutes.paragraphs

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
