"""What the terminal search finds: one entry per published record page, like the site search.

An item includes the report and short attachments shown on its page; long attachments and
stand-alone documents are entries of their own. Meetings and cases are left to the site.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.build import BuildOptions, load_and_link
from generator.config import Config, load_config
from generator.diary import DiaryNumber
from generator.model import Document, Item, Site


@dataclass
class Entry:
    """A search entry: what is shown of it (``meta``) and the texts of its fields."""

    meta: dict
    title: str
    decision: str = ""
    body: str = ""
    numbers: list[DiaryNumber] = field(default_factory=list)  # its own
    mentions: list[DiaryNumber] = field(default_factory=list)  # others its text mentions


def published_site(content: Path, config_path: Path) -> tuple[Site, Config]:
    """The site as a build publishes it: loaded, redacted and linked (drafts left out)."""
    config, _ = load_config(config_path)
    site, _, _ = load_and_link(BuildOptions(content=content, config=config_path), config)
    return site, config


def entries(site: Site, config: Config) -> list[Entry]:
    mentions = defaultdict(list)  # id(record) → numbers, from the cases link found
    for case in site.cases.values():
        for record in case.mentions:
            mentions[id(record)].append(case.number)
    found = []
    for item in site.items:
        found.append(_item(item, config, mentions))
        found += [_document(d, config, mentions) for d in item.documents if d.has_page]
    found += [_document(d, config, mentions) for d in site.documents]
    return found


def _item(item: Item, config: Config, mentions: dict) -> Entry:
    shown = [item] + [d for d in item.documents if not d.has_page]
    texts = [item.summary, item.body] + [t for d in shown[1:] for t in (d.title, d.body)]
    meta = _meta("item", item.title, item.url, item.date, item.committee, item.diary_numbers, config)
    own = _unique(n for r in shown for n in r.diary_numbers)
    mentioned = _unique(n for r in shown for n in mentions[id(r)])
    return Entry(meta, item.title, item.decision, "\n\n".join(t for t in texts if t), own, mentioned)


def _document(document: Document, config: Config, mentions: dict) -> Entry:
    meta = _meta(document.kind, document.title, document.url, document.sort_date, document.committee,
                 document.diary_numbers, config)
    return Entry(meta, document.title, body=document.body, numbers=list(document.diary_numbers),
                  mentions=mentions[id(document)])


def _unique(numbers) -> list[DiaryNumber]:
    return list(dict.fromkeys(numbers))


def _meta(kind, title, url, when, committee, numbers, config: Config) -> dict:
    return {"title": title, "kind": kind, "date": when.isoformat() if when else None,
            "committee": committee.name if committee else None, "diary_numbers": [str(n) for n in numbers],
            "url": config.site_url.rstrip("/") + url}
