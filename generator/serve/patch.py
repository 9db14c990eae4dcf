"""The preview's fast path: reload one meeting folder into the loaded, linked site in place.

Loading and linking a whole large site costs seconds; an edit inside a meeting folder changes
only that meeting, its items and documents, and the cases their diary numbers belong to. So the
folder is loaded again on its own (through the parse cache), redacted and linked as a one-meeting
site by the same code a build uses, and swapped in; its old records leave the cases they were in.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from generator.config import Config
from generator.link import chronological, link_site
from generator.load import Loader, load_meeting, meeting_order
from generator.model import Case, Committee, Meeting, Site
from generator.redact import redact_site


@dataclass
class Reload:
    """One meeting folder read again; nothing in the site has changed yet."""

    committee: Committee
    old: Meeting | None
    new: Meeting | None
    linked: Site | None  # ``new`` linked on its own: its cases hold only its records


def read_meeting(site: Site, config: Config, loader: Loader, folder: Path) -> Reload:
    """Load ``folder`` (a meeting folder, or where one was) without touching ``site``."""
    committee = next(c for c in site.committees if c.id == folder.parent.name)
    old = next((m for m in committee.meetings if m.id == folder.name), None)
    new = load_meeting(loader, committee, folder) if folder.is_dir() else None
    linked = None
    if new:
        alone = Site(committees=[replace(committee, meetings=[new])], scheme=site.scheme)
        redact_site(alone, config)
        linked = link_site(alone, config)
    return Reload(committee, old, new, linked)


def apply(site: Site, reload: Reload, touched: dict) -> set:
    """Swap the reloaded meeting into ``site``; returns the diary numbers whose cases changed.
    ``touched`` maps each meeting to the numbers of the cases its records are in."""
    numbers = touched.pop(reload.old, set())
    if reload.old:
        gone = set(_records_of(reload.old))
        for number in numbers:
            case = site.cases[number]
            case.carriers = [r for r in case.carriers if r not in gone]
            case.mentions = [r for r in case.mentions if r not in gone]
    created = False
    new, linked = reload.new, reload.linked
    if new and linked:
        for number, case in linked.cases.items():
            created |= number not in site.cases
            into = site.cases.setdefault(number, Case(number))
            into.carriers += case.carriers
            into.mentions += case.mentions
        touched[new] = set(linked.cases)
        numbers |= touched[new]
    _tidy(site, numbers, created)
    meetings = [m for m in reload.committee.meetings if m is not reload.old]
    reload.committee.meetings = sorted(meetings + ([new] if new else []), key=meeting_order)
    return numbers


def _tidy(site: Site, numbers: set, created: bool) -> None:
    """Keep the invariants link_site gives: no empty case, records in order, cases sorted."""
    emptied = set()
    for number in numbers:
        case = site.cases[number]
        if not case.carriers and not case.mentions:
            emptied.add(number)
        else:
            case.carriers.sort(key=chronological)
            case.mentions.sort(key=chronological)
    if created or emptied:
        site.cases = {n: c for n, c in sorted(site.cases.items()) if n not in emptied}


def cases_of(site: Site) -> dict:
    """Meeting → numbers of the cases its records are in (``touched`` for ``apply``)."""
    meeting_of = {id(r): m for m in site.meetings for r in _records_of(m)}
    touched: dict = {}
    for number, case in site.cases.items():
        for record in (*case.carriers, *case.mentions):
            meeting = meeting_of.get(id(record))
            if meeting is not None:
                touched.setdefault(meeting, set()).add(number)
    return touched


def _records_of(meeting: Meeting) -> list:
    """The meeting with its items, minutes, paragraphs and their documents: what reloading its
    folder replaces."""
    return [meeting, *meeting.records()]
