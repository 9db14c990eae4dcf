"""Open data: `data/items.json` and `data/meetings.json` (their shape is relied on by others)."""
from __future__ import annotations

import json

from generator.config import Config
from generator.model import Site
from generator.write import Output


def item_record(item) -> dict:
    return {"committee": item.committee.name, "committee_id": item.committee.id,
            "meeting": item.date.isoformat(), "meeting_id": item.meeting.id, "number": item.number,
            "title": item.title, "diary_numbers": [str(n) for n in item.diary_numbers], "url": item.url,
            "documents": [{"kind": d.kind, "title": d.title, "url": d.url} for d in item.documents]}


def meeting_record(meeting) -> dict:
    return {"committee": meeting.committee.name, "committee_id": meeting.committee.id, "id": meeting.id,
            "date": meeting.date.isoformat(), "time": meeting.time, "place": meeting.place, "kind": meeting.kind,
            "url": meeting.url, "item_count": len(meeting.items)}


def write_data(site: Site, config: Config, output: Output) -> None:
    """``data/items.json`` and ``data/meetings.json``; URLs are site-relative (no base path)."""
    output.write("data/items.json", _json([item_record(i) for i in site.items]))
    output.write("data/meetings.json", _json([meeting_record(m) for m in site.meetings]))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"
