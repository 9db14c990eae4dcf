"""Open data under ``data/``: meetings, items, cases and documents as JSON (with a JSON Schema
beside each), and meetings and items as CSV (UTF-8, RFC 4180),
formula-like cells neutralised (generator.safety.csv_cell). The shape of items.json and
meetings.json is relied on by others: extend it, never change it. IDs are built from the
content's folder and file names, so they are stable across builds."""
from __future__ import annotations

import csv
import io
import json

from generator import safety
from generator.config import Config
from generator.index.schemas import ITEM, MEETING, SCHEMAS
from generator.model import Case, Document, Filed, Item, Meeting, Site
from generator.write import Output


def item_record(item: Item) -> dict:
    return {"committee": item.committee.name, "committee_id": item.committee.id,
            "meeting": item.date.isoformat(), "meeting_id": item.meeting.id, "number": item.number,
            "title": item.title, "diary_numbers": [str(n) for n in item.diary_numbers], "url": item.url,
            "documents": [{"kind": d.kind, "title": d.title, "url": d.url, "id": d.path_id}
                          for d in item.documents],
            "id": item.path_id}


def meeting_record(meeting: Meeting) -> dict:
    return {"committee": meeting.committee.name, "committee_id": meeting.committee.id, "id": meeting.id,
            "date": meeting.date.isoformat(), "time": meeting.time, "place": meeting.place, "kind": meeting.kind,
            "url": meeting.url, "item_count": len(meeting.items)}


def document_record(document: Document) -> dict:
    committee = document.committee
    return {"id": document.path_id, "kind": document.kind, "title": document.title,
            "date": document.date.isoformat() if document.date else None, "year": document.year,
            "diary_numbers": [str(n) for n in document.diary_numbers],
            "committee_id": committee.id if committee else None,
            "item_id": document.item.path_id if document.item else None,
            "organisation": document.organisation, "url": document.url}


def case_record(case: Case) -> dict:
    return {"diary_number": str(case.number), "url": case.url,
            "carriers": [_reference(r) for r in case.carriers], "mentions": [_reference(r) for r in case.mentions]}


def _reference(record: Filed) -> dict:
    when = record.sort_date
    return {"type": record.data_type, "id": record.path_id, "title": record.data_title,
            "date": when.isoformat() if when else None, "url": record.url}


def write_data(site: Site, config: Config, output: Output) -> None:
    """The data files and their schemas; URLs are site-relative (no base path)."""
    items = [item_record(i) for i in site.items]
    meetings = [meeting_record(m) for m in site.meetings]
    documents = [d for i in site.items for d in i.documents] + site.documents
    output.write("data/items.json", _json(items))
    output.write("data/meetings.json", _json(meetings))
    output.write("data/cases.json", _json([case_record(c) for c in site.cases.values()]))
    output.write("data/documents.json", _json([document_record(d) for d in documents]))
    output.write("data/items.csv", _csv(items, list(ITEM)))
    output.write("data/meetings.csv", _csv(meetings, list(MEETING)))
    for name, schema in SCHEMAS.items():
        output.write(f"data/{name}", _json(schema))


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
