"""The open-data files a site publishes under ``data/``, for the data page and the data step."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataFile:
    name: str  # under data/
    schema: str  # the JSON Schema describing it (the JSON file's own for a CSV file)
    about: str  # key of its description in the UI strings


DATA_FILES = (
    DataFile("meetings.json", "meetings.schema.json", "data_meetings"),
    DataFile("meetings.csv", "meetings.schema.json", "data_meetings"),
    DataFile("items.json", "items.schema.json", "data_items"),
    DataFile("items.csv", "items.schema.json", "data_items"),
    DataFile("cases.json", "cases.schema.json", "data_cases"),
    DataFile("documents.json", "documents.schema.json", "data_documents"),
    DataFile("votes.json", "votes.schema.json", "data_votes"),
    DataFile("votes.csv", "votes.schema.json", "data_votes"),
    DataFile("attendance.json", "attendance.schema.json", "data_attendance"),
    DataFile("attendance.csv", "attendance.schema.json", "data_attendance"),
    DataFile("people.json", "people.schema.json", "data_people"),
    DataFile("people.csv", "people.schema.json", "data_people"),
)
