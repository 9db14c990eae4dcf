"""People (*ledamöter*): the elected persons the minutes name, one record each across name forms.

Minutes write one person in several ways: ``Lisa Andersson (M), ordförande`` in the attendance,
``Lisa Andersson (M)`` under a reservation, ``LISA ANDERSSON`` on the e-signature page. They are
one person when their identity keys match: the name without party or role, case-folded, with
whitespace collapsed. Only names in the minutes' structured fields become people (attendance
other than officials, ballots, motions, reservations, protocol notes, conflicts of interest);
names in running text never do, nor do officials (*tjänstepersoner*).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from generator.text import slugify, sort_key

if TYPE_CHECKING:
    from generator.model import Ballot, Committee, Minutes, Motion, Paragraph, ProtocolNote, Reservation, Site, Vote

PEOPLE_URL = "/ledamot/"

# "Name (PARTY), role" — party and role both optional; a role may itself contain commas.
_PERSON = re.compile(r"^\s*(?P<name>[^(),]+?)\s*(?:\(\s*(?P<party>[^()]*?)\s*\))?\s*(?:,\s*(?P<role>.*?))?\s*$")
_SPACE = re.compile(r"\s+")


def parse_person(text: str) -> tuple[str, str, str]:
    """``"Lisa Andersson (M), ordförande"`` → ``("Lisa Andersson", "M", "ordförande")``; a text
    that does not follow the pattern is all name."""
    match = _PERSON.match(text)
    if not match:
        return _SPACE.sub(" ", text).strip(), "", ""
    return _SPACE.sub(" ", match["name"]), match["party"] or "", match["role"] or ""


def person_key(name: str) -> str:
    """The identity key of a name in any of its forms: without party or role, case-folded, NFC,
    a hyphen read as a space (minutes write ``Jan-Eric`` and ``Jan Eric`` for one person),
    whitespace collapsed. ``"LISA  ANDERSSON"`` and ``"Lisa Andersson (M)"`` give the same key."""
    bare = parse_person(name.replace("-", " "))[0]
    return unicodedata.normalize("NFC", bare).casefold()


def better_name(current: str, candidate: str) -> str:
    """The form of a name to show: one written in mixed case beats one in capitals (an
    e-signature's ``LISA ANDERSSON``); otherwise the first seen stays."""
    return candidate if current.isupper() and not candidate.isupper() else current


def assign_slugs(keys_and_names: list[tuple[str, str]]) -> dict[str, str]:
    """A URL slug per identity key: the ASCII-folded name (``Åsa Öberg`` → ``asa-oberg``); when
    two people fold to the same slug, the later key in sorted order gets ``-2``, ``-3`` …"""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for key, name in sorted(keys_and_names):
        base = slugify(name) or "person"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[key] = slug
    return slugs


# The attendance groups whose people are elected: officials (tjänstepersoner) never get a page,
# and "others" (övriga) only when the minutes give them a party (a personalföreträdare has none).
ELECTED_GROUPS = ("members", "serving_deputies", "deputies", "others")


@dataclass(frozen=True)
class Presence:
    """One meeting a person attended: in which attendance group, with which role (``ordförande``)."""

    minutes: Minutes
    group: str
    role: str = ""


@dataclass(eq=False)
class Person:
    """An elected person (*förtroendevald*, *ledamot*) and what the minutes publish about them:
    party, the meetings attended, roll-call votes cast, motions, reservations, protocol notes and
    conflicts of interest (*jäv*). Nothing else: no text about a person is ever inferred."""

    key: str  # person_key of every form of the name
    name: str
    party: str = ""
    slug: str = ""
    attended: list[Presence] = field(default_factory=list)
    ballots: list[tuple[Paragraph, Vote, Ballot]] = field(default_factory=list)
    motions: list[tuple[Paragraph, Motion]] = field(default_factory=list)
    reservations: list[tuple[Paragraph, Reservation]] = field(default_factory=list)
    notes: list[tuple[Paragraph, ProtocolNote]] = field(default_factory=list)
    conflicts: list[Paragraph] = field(default_factory=list)

    noun: ClassVar[str] = "ledamot"
    kind: ClassVar[str] = "ledamot"
    committee: ClassVar[None] = None  # a person is not one committee's record
    feed_owner: ClassVar[None] = None

    @property
    def url(self) -> str:
        return f"{PEOPLE_URL}{self.slug}/"

    @property
    def sort_date(self) -> date | None:
        """The latest meeting the person appears in."""
        return max((p.minutes.meeting.date for p in self.attended), default=None)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name

    def committees(self) -> list[tuple[Committee, list[str], list[str]]]:
        """(committee, attendance groups, roles) in the order the person first appears in each."""
        found: dict[Committee, tuple[dict, dict]] = {}
        for presence in self.attended:
            groups, roles = found.setdefault(presence.minutes.meeting.committee, ({}, {}))
            groups[presence.group] = None
            if presence.role:
                roles[presence.role] = None
        return [(c, list(groups), list(roles)) for c, (groups, roles) in found.items()]

    def inputs(self) -> list[tuple[str, str]]:
        return [(path, "") for path in self._sources()] + [("", self.slug)]

    def _sources(self) -> list[str]:
        """The content files everything on the person's page comes from."""
        paragraphs = [*(b[0] for b in self.ballots), *(m[0] for m in self.motions), *(r[0] for r in self.reservations),
                      *(n[0] for n in self.notes), *self.conflicts]
        files = [f for p in self.attended for f in (p.minutes.source.path, p.minutes.meeting.source.path)]
        files += [f for p in paragraphs for f in (p.source.path, p.minutes.source.path, p.meeting.source.path)]
        return sorted(set(files))

    def heading(self, language: str) -> str:
        return self.label

    def description_text(self) -> str:
        committees = ", ".join(c.name for c, _, _ in self.committees())
        return f"{self.label}. {committees}".strip(". ")


class People:
    """Every person of a site by identity key, and who each record names (for search filters).
    Also the record of the person index (``/ledamot/``)."""

    url: ClassVar[str] = PEOPLE_URL
    noun: ClassVar[str] = "people"
    kind: ClassVar[str] = "people"
    sort_date: ClassVar[None] = None
    committee: ClassVar[None] = None
    feed_owner: ClassVar[None] = None

    def __init__(self) -> None:
        self.by_key: dict[str, Person] = {}
        self._named: dict[int, dict[str, Person]] = {}  # id(record) → people it names, in order

    def __iter__(self):
        return iter(self.by_key.values())

    def __len__(self) -> int:
        return len(self.by_key)

    def by_committee(self, committees: list[Committee]) -> list[tuple[Committee, list[tuple[str, list]]]]:
        """The index: each of ``committees`` with people, its parties (alphabetical, no party last)
        and their people (alphabetical), each with their attendance groups and roles there."""
        found: dict[Committee, dict[str, list]] = {}
        for person in sorted(self, key=lambda p: sort_key(p.name)):
            for committee, groups, roles in person.committees():
                found.setdefault(committee, {}).setdefault(person.party, []).append((person, groups, roles))
        return [(c, sorted(found[c].items(), key=lambda kv: (not kv[0], sort_key(kv[0])))) for c in committees
                if c in found]

    def heading(self, language: str) -> str:
        return {"sv": "Ledamöter", "en": "Elected members"}[language]

    def description_text(self) -> str:
        return ", ".join(p.label for p in sorted(self, key=lambda p: sort_key(p.name)))

    def inputs(self) -> list[tuple[str, str]]:
        """The index shows each person's name, party, committees and roles."""
        return [("", repr([(p.slug, p.label, [(c.id, g, r) for c, g, r in p.committees()]) for p in self]))]

    def find(self, written: str) -> Person | None:
        """The person a name in any form refers to, if the minutes make them one."""
        return self.by_key.get(person_key(written))

    def named_in(self, record) -> list[Person]:
        return list(self._named.get(id(record), {}).values())

    def add(self, written: str, party: str, record) -> Person:
        """The person ``written`` (any form of the name), named in ``record``."""
        name, own_party, _ = parse_person(written)
        key = person_key(name)
        person = self.by_key.get(key)
        if person is None:
            person = self.by_key[key] = Person(key, name)
        person.name = better_name(person.name, name)
        person.party = party or own_party or person.party
        self._named.setdefault(id(record), {})[key] = person
        return person

    def name_also(self, record, people: list[Person]) -> None:
        """``record`` (a meeting) names ``people`` too (those of its paragraphs)."""
        named = self._named.setdefault(id(record), {})
        for person in people:
            named[person.key] = person


def collect(site: Site) -> People:
    """The people of every minutes of ``site``, in one pass over them."""
    people = People()
    for meeting in site.meetings:
        if meeting.minutes is not None:
            _collect_minutes(people, meeting.minutes)
    slugs = assign_slugs([(p.key, p.name) for p in people])
    for person in people:
        person.slug = slugs[person.key]
    return people


def _collect_minutes(people: People, minutes: Minutes) -> None:
    attendance = minutes.attendance
    for group in ELECTED_GROUPS:
        for attendee in getattr(attendance, group):
            if group != "others" or attendee.party:
                person = people.add(attendee.name, attendee.party, minutes)
                person.attended.append(Presence(minutes, group, attendee.role))
    for paragraph in minutes.paragraphs:
        for vote in paragraph.votes:
            for ballot in vote.ballots:
                people.add(ballot.name, ballot.party, paragraph).ballots.append((paragraph, vote, ballot))
        for motion in paragraph.motions:
            for name in motion.by:
                people.add(name, "", paragraph).motions.append((paragraph, motion))
        for reservation in paragraph.reservations:
            for name in reservation.by:
                people.add(name, "", paragraph).reservations.append((paragraph, reservation))
        for note in paragraph.protocol_notes:
            for name in note.by:
                people.add(name, "", paragraph).notes.append((paragraph, note))
        for name in paragraph.conflicts:
            people.add(name, "", paragraph).conflicts.append(paragraph)
        people.name_also(minutes.meeting, people.named_in(paragraph))
    people.name_also(minutes.meeting, people.named_in(minutes))
