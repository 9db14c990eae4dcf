"""Open data under ``data/``: meetings, items, cases, documents, and the minutes' votes and
attendance as JSON (with a JSON Schema beside each), and meetings, items, votes and attendance as
CSV (UTF-8, RFC 4180),
formula-like cells neutralised (generator.safety.csv_cell). The shape of items.json and
meetings.json is relied on by others: extend it, never change it. IDs are built from the
content's folder and file names, so they are stable across builds."""
from __future__ import annotations

import csv
import io
import json
from functools import partial
from typing import Callable

from generator import safety
from generator.config import Config
from generator.index.files import IndexFiles
from generator.index.schemas import ATTENDANCE, ITEM, MEETING, PERSON, SCHEMAS, VOTE
from generator.model import Case, Document, Filed, Item, Meeting, Minutes, Paragraph, Site
from generator.people import Person, person_key


def item_record(item: Item) -> dict:
    return {"committee": item.committee.name, "committee_id": item.committee.id,
            "meeting": item.date.isoformat(), "meeting_id": item.meeting.id, "number": item.number,
            "title": item.title, "diary_numbers": [str(n) for n in item.diary_numbers], "url": item.url,
            "documents": [{"kind": d.kind, "title": d.title, "url": d.url, "id": d.path_id}
                          for d in item.documents],
            "id": item.path_id, "original": original_url(item)}


def original_url(record: Meeting | Item | Minutes | Document) -> str | None:
    return record.original.link(record.url) if record.original else None


def meeting_record(meeting: Meeting) -> dict:
    return {"committee": meeting.committee.name, "committee_id": meeting.committee.id, "id": meeting.id,
            "date": meeting.date.isoformat(), "time": meeting.time, "place": meeting.place, "kind": meeting.kind,
            "url": meeting.url, "item_count": len(meeting.items), "original": original_url(meeting),
            "minutes_original": original_url(meeting.minutes) if meeting.minutes else None}


def document_record(document: Document) -> dict:
    committee = document.committee
    return {"id": document.path_id, "kind": document.kind, "title": document.title,
            "date": document.date.isoformat() if document.date else None, "year": document.year,
            "diary_numbers": [str(n) for n in document.diary_numbers],
            "committee_id": committee.id if committee else None,
            "item_id": document.item.path_id if document.item else None,
            "organisation": document.organisation, "url": document.url, "original": original_url(document)}


def case_record(case: Case) -> dict:
    return {"diary_number": str(case.number), "url": case.url,
            "carriers": [_reference(r) for r in case.carriers], "mentions": [_reference(r) for r in case.mentions]}


def _reference(record: Filed) -> dict:
    when = record.sort_date
    return {"type": record.data_type, "id": record.path_id, "title": record.data_title,
            "date": when.isoformat() if when else None, "url": record.url}


def vote_records(paragraph: Paragraph) -> list[dict]:
    meeting = paragraph.meeting
    return [{"id": f"{paragraph.path_id}/{n}", "committee_id": meeting.committee.id, "meeting_id": meeting.id,
             "date": meeting.date.isoformat(), "paragraph": paragraph.number, "paragraph_title": paragraph.title,
             "url": paragraph.url, "yes_means": vote.yes, "no_means": vote.no, **vote.result, "outcome": vote.outcome,
             "ballots": [{"name": b.name, "party": b.party, "vote": b.vote} for b in vote.ballots]}
            for n, vote in enumerate(paragraph.votes, 1)]


def attendance_records(minutes: Minutes) -> list[dict]:
    meeting = minutes.meeting
    changes = {(person_key(c.name), c.event): c.paragraph for c in minutes.attendance.changes}
    return [{"committee_id": meeting.committee.id, "meeting_id": meeting.id, "date": meeting.date.isoformat(),
             "url": meeting.url, "group": group, "name": a.name, "party": a.party, "role": a.role,
             "replaces": a.replaces, "paragraphs": a.paragraphs,
             "left_after": changes.get((person_key(a.name), "leaves")),
             "arrived_at": changes.get((person_key(a.name), "arrives"))}
            for group, people in minutes.attendance.groups() for a in people]


def _ballots_as_text(vote: dict) -> dict:
    return {**vote, "ballots": [f"{b['name']} ({b['party']}): {b['vote']}" if b["party"] else
                                f"{b['name']}: {b['vote']}" for b in vote["ballots"]]}


def person_record(person: Person) -> dict:
    return {"id": person.slug, "name": person.name, "party": person.party, "url": person.url,
            "committees": [c.id for c, _, _ in person.committees()],
            "roles": list(dict.fromkeys(r for _, _, roles in person.committees() for r in roles)),
            "meetings": [f"{p.minutes.meeting.committee.id}/{p.minutes.meeting.id}" for p in person.attended],
            "votes": [{"paragraph": p.path_id, "vote": b.vote, "outcome": v.outcome} for p, v, b in person.ballots],
            "motions": [p.path_id for p, _ in person.motions],
            "reservations": [p.path_id for p, _ in person.reservations],
            "protocol_notes": [p.path_id for p, _ in person.notes],
            "conflicts": [p.path_id for p in person.conflicts]}


def write_data(site: Site, config: Config, output: IndexFiles) -> None:
    """The data files and their schemas; URLs are site-relative (no base path). Each file is made
    again only when its records changed (their compact JSON is the key)."""
    items = [item_record(i) for i in site.items]
    meetings = [meeting_record(m) for m in site.meetings]
    carriers: list[Item | Paragraph] = [*site.items, *site.paragraphs]
    documents = [d for r in carriers for d in r.documents] + site.documents
    votes = [v for p in site.paragraphs for v in vote_records(p)]
    attendance = [a for m in site.meetings if m.minutes for a in attendance_records(m.minutes)]
    people = [person_record(p) for p in site.people or ()]  # empty with `people: false`
    _write(output, "items", items, ITEM)
    _write(output, "meetings", meetings, MEETING)
    _write(output, "cases", [case_record(c) for c in site.cases.values()])
    _write(output, "documents", [document_record(d) for d in documents])
    _write(output, "votes", votes, VOTE, _ballots_as_text)
    _write(output, "attendance", attendance, ATTENDANCE)
    _write(output, "people", people, PERSON)
    for name, schema in SCHEMAS.items():  # part of diarium's code, which the key need not hold
        output.write(f"data/{name}", "", partial(_json, schema))


def _write(output: IndexFiles, name: str, records: list[dict], columns: dict | None = None,
           row: Callable[[dict], dict] | None = None) -> None:
    """``data/<name>.json``, and with ``columns`` ``data/<name>.csv`` (each record as ``row`` makes it)."""
    key = json.dumps(records, ensure_ascii=False)  # compact: the quick C encoder
    output.write(f"data/{name}.json", key, lambda: _json(records))
    if columns is not None:
        rows = [row(r) for r in records] if row else records
        output.write(f"data/{name}.csv", key, lambda: _csv(rows, list(columns)))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def _csv(records: list[dict], columns: list[str]) -> str:
    """RFC 4180: CRLF line ends, fields quoted when needed; a list becomes its texts joined by
    "; " (diary numbers) or its length (an item's documents)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record[c]) for c in columns])
    return out.getvalue()


def _cell(value):
    if isinstance(value, list):
        value = "; ".join(value) if all(isinstance(v, str) for v in value) else len(value)
    return safety.csv_cell(value)
