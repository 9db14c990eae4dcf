"""iCalendar files (RFC 5545) of meetings to subscribe to: all committees, and each committee.

Times are Swedish local time with a VTIMEZONE for Europe/Stockholm covering the years the
meetings span. UIDs are made of the committee and meeting ids, so an event keeps its UID across
builds and a calendar client updates it instead of adding a copy; DTSTAMP is the meeting's date,
not the clock, so unchanged content gives unchanged files. Every event has an end: the meeting's
end time, else ``DEFAULT_DURATION`` after its start; a meeting without a time lasts its day.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from generator.config import Config
from generator.headmeta import calendar_url
from generator.index.files import IndexFiles
from generator.index.localtime import local_time
from generator.model import Meeting, Site
from generator.strings import load_strings

DEFAULT_DURATION = timedelta(hours=2)  # a committee meeting without a stated end


def write_calendars(site: Site, config: Config, output: IndexFiles) -> None:
    word = load_strings(config)["meeting"].lower()  # "sammanträde"
    shown = {id(m): repr(_shown(m)) for m in site.meetings}

    def write(owner, name: str, meetings: list[Meeting]) -> None:
        key = repr([name, word, *(shown[id(m)] for m in meetings)])
        output.write(calendar_url(owner).lstrip("/"), key, lambda: _calendar(name, meetings, config, word))

    write(None, config.title, site.meetings)
    for committee in site.committees:
        write(committee, committee.name, committee.meetings)
    for meeting in site.meetings:  # "add to calendar" on the meeting page
        write(meeting, meeting.title or f"{meeting.committee.name}, {word}", [meeting])


def _shown(meeting: Meeting) -> tuple:
    """What its event shows of ``meeting`` (_event): the file is made again when this changes."""
    paragraphs = [p.heading() for p in meeting.minutes.paragraphs] if meeting.minutes else []
    return (meeting.committee.id, meeting.committee.name, meeting.id, meeting.date, meeting.time,
            meeting.end_time, meeting.title, meeting.place, meeting.url,
            [(i.number, i.title) for i in meeting.items], paragraphs)


def meeting_uid(meeting: Meeting, config: Config) -> str:
    host = urlsplit(config.base_url).hostname or "diarium"
    return f"{meeting.committee.id}-{meeting.id}@{host}"


def _calendar(name: str, meetings: list[Meeting], config: Config, word: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//diarium//diarium//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    for meeting in sorted(meetings, key=lambda m: (m.date, m.time, m.committee.id, m.id)):
        calendar.add_component(_event(meeting, config, word))
    timed = [m.date for m in meetings if m.time]
    if timed:
        calendar.add_missing_timezones(first_date=date(min(timed).year, 1, 1), last_date=date(max(timed).year, 12, 31))
    return calendar.to_ical()


def _event(meeting: Meeting, config: Config, word: str) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting, config))
    event.add("dtstamp", datetime(meeting.date.year, meeting.date.month, meeting.date.day, tzinfo=timezone.utc))
    event.add("dtstart", local_time(meeting.date, meeting.time) if meeting.time else meeting.date)
    if meeting.time and meeting.end_time:
        event.add("dtend", local_time(meeting.date, meeting.end_time))
    elif meeting.time:  # no stated end: a calendar would show a zero-length event
        event.add("duration", DEFAULT_DURATION)
    else:
        event.add("dtend", meeting.date + timedelta(days=1))
    event.add("summary", meeting.title or f"{meeting.committee.name}, {word}")
    if meeting.place:
        event.add("location", meeting.place)
    if config.has_host:  # a URL property must be absolute (RFC 5545 3.3.13)
        event.add("url", config.absolute_url(meeting.url))
    paragraphs = [p.heading() for p in meeting.minutes.paragraphs] if meeting.minutes else []
    event.add("description", "\n".join([f"{i.number}. {i.title}" for i in meeting.items] + paragraphs))
    return event
