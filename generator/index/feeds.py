"""Atom feeds (RFC 4287) of new meetings, items and paragraphs of minutes: the whole site, each
committee, each case.

Written by hand with ElementTree so the bytes depend on the content alone: every timestamp is a
record's own date (and meeting time), never the clock, and unchanged content gives unchanged feeds.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import NAMESPACE_URL, uuid5

from generator.config import Config
from generator.headmeta import feed_url
from generator.index.files import IndexFiles
from generator.index.localtime import local_time
from generator.model import Filed, Meeting, Site
from generator.strings import load_strings

if TYPE_CHECKING:  # noticeboard imports localtime from this package
    from generator.noticeboard import Notice

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = "1970-01-01T00:00:00+00:00"  # `updated` of a feed with no entries yet
SUMMARY_CHARS = 600
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Entry:
    when: datetime
    title: str
    url: str
    summary: str


def write_feeds(site: Site, config: Config, output: IndexFiles) -> None:
    entries = Entries(config)
    _write(output, config, None, config.title, [e for m in site.meetings for e in entries.meeting(m)])
    for committee in site.committees:
        records = [e for m in committee.meetings for e in entries.meeting(m)]
        _write(output, config, committee, f"{committee.name} – {config.title}", records)
    for case in site.cases.values():
        records = [entries.record(r) for r in case.carriers + case.mentions]
        _write(output, config, case, f"{entries.strings['case']} {case.number} – {config.title}", records)
    if site.board:  # every notice, current or not: the feed does not depend on the build date
        records = [entries.notice(n) for n in site.board.notices]
        _write(output, config, site.board, f"{entries.strings['notice_board']} – {config.title}", records)


class Entries:
    """Feed entries for records, titled in the site's language."""

    def __init__(self, config: Config):
        self.config, self.strings = config, load_strings(config)

    def meeting(self, meeting: Meeting) -> list[Entry]:
        paragraphs = meeting.minutes.paragraphs if meeting.minutes else []
        filed: list[Filed] = [meeting, *meeting.items, *paragraphs]
        return [self.record(r) for r in filed]

    def notice(self, notice: Notice) -> Entry:
        strings = self.strings
        summary = strings["notice_summary"].format(
            adjusted=notice.adjusted.isoformat() if notice.adjusted else "–", posted=notice.posted.isoformat(),
            deadline=notice.deadline.isoformat(), taken_down=notice.taken_down.isoformat(), storage=notice.storage)
        title = f"{strings['kind_anslag']}: {notice.heading(self.config.language)}"
        return Entry(local_time(notice.posted), title, notice.url, summary)

    def record(self, record: Filed) -> Entry:
        label = self.strings.get(f"kind_{record.kind}", "")
        title = record.feed_title(label, self.config.language)
        day = record.sort_date
        when = local_time(day, record.sort_time) if day else datetime.fromisoformat(EPOCH)
        return Entry(when, title, record.url, record.feed_summary())


def _write(output: IndexFiles, config: Config, record, title: str, entries: list[Entry]) -> None:
    entries = sorted(sorted(entries, key=lambda e: e.url), key=lambda e: e.when, reverse=True)
    entries = entries[:config.feed_entries]
    url, page = feed_url(record), record.url if record else "/"
    output.write(url.lstrip("/"), repr([page, title, entries]), lambda: _feed(config, url, page, title, entries))


def _feed(config: Config, url: str, page: str, title: str, entries: list[Entry]) -> bytes:
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": config.language})
    _text(feed, "id", atom_id(config, page))
    _text(feed, "title", title)
    _text(feed, "updated", entries[0].when.isoformat() if entries else EPOCH)
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=config.absolute_url(url))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=config.absolute_url(page))
    _text(ET.SubElement(feed, "author"), "name", config.title)
    _text(feed, "generator", "diarium")
    for entry in entries:
        _entry(feed, entry, config)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(feed: ET.Element, entry: Entry, config: Config) -> None:
    element = ET.SubElement(feed, "entry")
    _text(element, "id", atom_id(config, entry.url))
    _text(element, "title", entry.title)
    _text(element, "updated", entry.when.isoformat())
    ET.SubElement(element, "link", rel="alternate", type="text/html", href=config.absolute_url(entry.url))
    summary = entry.summary.strip()
    if summary:
        cut = summary if len(summary) <= SUMMARY_CHARS else summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
        _text(element, "summary", cut)


def atom_id(config: Config, path: str) -> str:
    """The Atom id of a page: its absolute URL, or without a host in base_url (an id must be an
    absolute IRI) a name-based UUID of the site's title and the path, stable across builds.
    (Links may stay site-relative: Atom resolves them against the feed's own address.)"""
    if config.has_host:
        return config.absolute_url(path)
    return f"urn:uuid:{uuid5(NAMESPACE_URL, f'{config.title}{config.absolute_url(path)}')}"


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = _NOT_XML.sub("", value)
