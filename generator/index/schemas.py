"""JSON Schemas (draft 2020-12) of the open-data files, published beside them.

The order of each record's properties is also the column order of the CSV versions.
"""
from __future__ import annotations

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TEXT = {"type": "string"}
DATE = {"type": "string", "format": "date"}
OPTIONAL_DATE = {"type": ["string", "null"], "format": "date"}
COUNT = {"type": "integer", "minimum": 0}
URL = {"type": "string", "description": "site-relative URL, without the site's base path"}
TEXTS = {"type": "array", "items": TEXT}
ORIGINAL = {"type": ["string", "null"], "description": "the original (e.g. the PDF) the record's text came from: an "
                                                       "http(s) address, or the site-relative URL of its copy"}
DIARY_NUMBERS = {"type": "array", "items": {"type": "string", "pattern": r"^\S+ \d{4}:\d+$"}}


def _records(title: str, properties: dict) -> dict:
    record = {"type": "object", "properties": properties, "required": list(properties),
              "additionalProperties": False}
    return {"$schema": DRAFT, "title": title, "type": "array", "items": record}


MEETING = {"committee": TEXT, "committee_id": TEXT, "id": TEXT, "date": DATE, "time": TEXT, "place": TEXT,
           "kind": {"enum": ["kallelse", "protokoll"]}, "url": URL, "item_count": COUNT,
           "original": {**ORIGINAL, "description": "the notice's original, as an item's"},
           "minutes_original": {**ORIGINAL, "description": "the minutes' original, as an item's"}}

ITEM = {"committee": TEXT, "committee_id": TEXT, "meeting": DATE, "meeting_id": TEXT,
        "number": {"type": "integer", "minimum": 1}, "title": TEXT, "diary_numbers": DIARY_NUMBERS, "url": URL,
        "documents": {"type": "array", "items": {
            "type": "object", "required": ["kind", "title", "url"],
            "properties": {"kind": TEXT, "title": TEXT, "url": URL, "id": TEXT}}},
        "id": {**TEXT, "description": "stable: committee/meeting/item number"}, "original": ORIGINAL}

DOCUMENT = {"id": {**TEXT, "description": "stable: the item's id and the file name, or dokument/<name>"},
            "kind": {"enum": ["tjansteskrivelse", "bilaga", "dokument"]}, "title": TEXT, "date": OPTIONAL_DATE,
            "year": {"type": ["integer", "null"]}, "diary_numbers": DIARY_NUMBERS,
            "committee_id": {"type": ["string", "null"]}, "item_id": {"type": ["string", "null"]},
            "organisation": TEXT, "url": URL, "original": ORIGINAL}

REFERENCE = {"type": "object", "required": ["type", "id", "title", "date", "url"], "additionalProperties": False,
             "properties": {"type": {"enum": ["meeting", "item", "paragraph", "document"]}, "id": TEXT, "title": TEXT,
                            "date": OPTIONAL_DATE, "url": URL}}

CASE = {"diary_number": DIARY_NUMBERS["items"], "url": URL,
        "carriers": {"type": "array", "items": REFERENCE, "description": "records filed under the number"},
        "mentions": {"type": "array", "items": REFERENCE, "description": "records whose text mentions it"}}

PARTY = {"type": "string", "description": "party abbreviation as the minutes give it, or empty"}

VOTE = {"id": {**TEXT, "description": "stable: the paragraph's id and the vote's number"},
        "committee_id": TEXT, "meeting_id": TEXT, "date": DATE,
        "paragraph": {"type": "integer", "minimum": 0}, "paragraph_title": TEXT, "url": URL,
        "yes_means": TEXT, "no_means": TEXT, "yes": COUNT, "no": COUNT, "abstain": COUNT, "outcome": TEXT,
        "ballots": {"type": "array", "description": "each member's vote (CSV: 'Name (P): ja' joined by '; ')",
                    "items": {"type": "object", "required": ["name", "party", "vote"], "additionalProperties": False,
                              "properties": {"name": TEXT, "party": PARTY,
                                             "vote": {"enum": ["ja", "nej", "avstår"]}}}}}

ATTENDANCE = {"committee_id": TEXT, "meeting_id": TEXT, "date": DATE, "url": URL,
              "group": {"enum": ["members", "serving_deputies", "deputies", "officials", "others"]},
              "name": TEXT, "party": PARTY, "role": {**TEXT, "description": "role of a member, title of an official"},
              "replaces": {**TEXT, "description": "whom a serving deputy replaces"},
              "paragraphs": {**TEXT, "description": "the paragraphs attended, when not all"},
              "left_after": {"type": ["integer", "null"], "description": "left the meeting after this paragraph"},
              "arrived_at": {"type": ["integer", "null"], "description": "joined the meeting at this paragraph"}}

PARAGRAPH_IDS = {"type": "array", "items": {**TEXT, "description": "a paragraph: committee/meeting/paragraf-N"}}
PERSON = {"id": {**TEXT, "description": "stable while the name is: the slug of the person's page"},
          "name": TEXT, "party": PARTY, "url": URL,
          "committees": {**TEXTS, "description": "ids of the committees whose minutes list the person as present"},
          "roles": {**TEXTS, "description": "roles the attendance gives, e.g. ordförande"},
          "meetings": {**TEXTS, "description": "meetings attended: committee/meeting"},
          "votes": {"type": "array", "items": {
              "type": "object", "required": ["paragraph", "vote", "outcome"], "additionalProperties": False,
              "properties": {"paragraph": TEXT, "vote": {"enum": ["ja", "nej", "avstår"]}, "outcome": TEXT}},
              "description": "each roll-call vote cast (in CSV: their number)"},
          "motions": PARAGRAPH_IDS, "reservations": PARAGRAPH_IDS, "protocol_notes": PARAGRAPH_IDS,
          "conflicts": PARAGRAPH_IDS}

SCHEMAS = {
    "meetings.schema.json": _records("Meetings", MEETING),
    "items.schema.json": _records("Agenda items", ITEM),
    "documents.schema.json": _records("Documents", DOCUMENT),
    "cases.schema.json": _records("Cases by diary number", CASE),
    "votes.schema.json": _records("Roll-call votes of the minutes", VOTE),
    "attendance.schema.json": _records("Attendance of the meetings with minutes", ATTENDANCE),
    "people.schema.json": _records("Elected persons named in the minutes", PERSON),
}
