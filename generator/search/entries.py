"""What the terminal search finds: one entry per published record page, like the site search.

An item or paragraph of minutes includes the report and short attachments shown on its page;
long attachments and stand-alone documents are entries of their own. Meetings and cases are left
to the site. Each entry says whether it belongs to a notice or to minutes (``record_kind``).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.build import BuildOptions, load_and_link
from generator.config import Config, load_config
from generator.diary import DiaryNumber
from generator.minutes import record_kind
from generator.model import Document, Item, Paragraph, Site


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
    carriers: list[Item | Paragraph] = [*site.items, *site.paragraphs]
    for item in carriers:
        found.append(_item(item, config, mentions))
        found[-1].meta["people"] = [p.slug for p in site.people.named_in(item)] if site.people else []
        found += [_document(d, config, mentions) for d in item.documents if d.has_page]
    found += [_document(d, config, mentions) for d in site.documents]
    return found


def _item(item: Item | Paragraph, config: Config, mentions: dict) -> Entry:
    """An agenda item with its proposal, or a paragraph of minutes with its decision."""
    shown = [item] + [d for d in item.documents if not d.has_page]
    texts = [item.summary, item.body] + [t for d in shown[1:] for t in (d.title, d.body)]
    if isinstance(item, Paragraph):
        decision = item.decision
        texts += [item.process, *(m.text for m in item.motions)]
    else:
        decision = item.proposal
    meta = _meta(item.kind, item.data_title, item.url, item.date, item.committee, item.diary_numbers, config,
                 record_kind(item))
    own = _unique(n for r in shown for n in r.diary_numbers)
    mentioned = _unique(n for r in shown for n in mentions[id(r)])
    return Entry(meta, item.data_title, decision, "\n\n".join(t for t in texts if t), own, mentioned)


def _document(document: Document, config: Config, mentions: dict) -> Entry:
    meta = _meta(document.kind, document.title, document.url, document.sort_date, document.committee,
                 document.diary_numbers, config, record_kind(document))
    return Entry(meta, document.title, body=document.body, numbers=list(document.diary_numbers),
                  mentions=mentions[id(document)])


def _unique(numbers) -> list[DiaryNumber]:
    return list(dict.fromkeys(numbers))


def _meta(kind, title, url, when, committee, numbers, config: Config, series: str | None) -> dict:
    return {"title": title, "kind": kind, "record_kind": series, "people": [],
            "date": when.isoformat() if when else None,
            "committee": committee.name if committee else None, "diary_numbers": [str(n) for n in numbers],
            "url": config.site_url.rstrip("/") + url}
