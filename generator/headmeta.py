"""What a page says about itself in its ``<head>``: canonical URL, Open Graph description and the
feeds it belongs to; and where those feeds and calendars are published."""
from __future__ import annotations

import re
from functools import partial

from generator.config import Config
from generator.datafiles import DATA_FILES
from generator.model import Case, Committee, Meeting, Record

DESCRIPTION_CHARS = 200
_MARKUP = re.compile(r"[#*_>`|\[\]]+|\s+")


def feed_url(record: Committee | Case | None = None) -> str:
    """Site-relative URL of the Atom feed of a committee, a case, or (None) the whole site."""
    return f"{record.url if record else '/'}feed.xml"


def calendar_url(owner: Committee | Meeting | None = None) -> str:
    """Site-relative URL of the iCalendar file of a committee, of one meeting ("add to calendar"),
    or (None) of all committees."""
    return f"{owner.url if owner else '/'}kalender.ics"


def feeds_of(record: Record | None) -> list[tuple[str, object]]:
    """(URL, owner) of each feed a page links: its case's or committee's, then the site's."""
    own = record.feed_owner if record else None
    return ([(feed_url(own), own)] if own else []) + [(feed_url(), None)]


def description_of(record: Record | None, config: Config) -> str:
    """A plain-text line or two about the record for link previews (Open Graph)."""
    text = _MARKUP.sub(" ", record.description_text() if record else "").strip() or config.title
    return text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS].rsplit(" ", 1)[0] + " …"


def template_globals(config: Config) -> dict:
    """What base.html and the data page need from here."""
    return {"feeds_of": feeds_of, "feed_url": feed_url, "calendar_url": calendar_url, "data_files": DATA_FILES,
            "description_of": partial(description_of, config=config)}
