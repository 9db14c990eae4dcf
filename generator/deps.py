"""The dependency map: which inputs each page is made from, and a signature of them.

A page's signature changes when anything it shows may have changed: the content files of the
records it shows, what it shows of the records it lists or links (their ``summary``: title,
number, date…, so editing an item's text does not re-render its agenda), the templates it uses
(with everything they extend, include or import), and what every page depends on — config.yaml,
UI strings, committee files (names in every breadcrumb, prefixes in every diary-number link), the
build options and diarium's own code. A page whose signature is unchanged is not rendered again.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from jinja2 import TemplateSyntaxError, meta

from generator.model import Case, Committee, Document, Item, Meeting, Paragraph, Site
from generator.noticeboard import Notice, NoticeBoard
from generator.parsecache import ParseCache
from generator.people import People, Person
from generator.render import Page, Renderer

CODE = Path(__file__).resolve().parent
# Record-less pages that show no content at all, only configuration.
CONTENT_FREE = {"404.html", "data.html"}


def inputs(page: Page, site: Site, latest: list[Meeting]) -> list[tuple[str, str]]:
    """What page ``page`` is made from: pairs of a content file (path as in ``Source.path``, or
    ``""``) and a value shown that is not the whole file; ``("*", "")`` means every file. A page
    that names people links their pages (whose URLs depend on every name of the site)."""
    named = site.people.named_in(page.record) if site.people else []
    return _inputs(page, site, latest) + ([("", " ".join(p.url for p in named))] if named else [])


def _inputs(page: Page, site: Site, latest: list[Meeting]) -> list[tuple[str, str]]:
    record = page.record
    if isinstance(record, Item):
        decided = [_file(record.paragraph), _file(record.meeting.minutes)] if record.paragraph else []
        return [*_files(record), _file(record.meeting), *map(summary, _neighbours(record)), *decided]
    if isinstance(record, Paragraph):
        tied = [summary(record.item)] if record.item else []
        return [*_files(record), _file(record.meeting), _file(record.minutes), *map(summary, _neighbours(record)),
                *tied]
    if isinstance(record, Document):
        return [_file(record), *([summary(record.item), _file(record.item.meeting)] if record.item else [])]
    if isinstance(record, Meeting):
        minutes = record.minutes.paragraphs if record.minutes else []  # shown whole, with their documents
        return [_file(record), *map(summary, record.items), *([_file(record.minutes)] if record.minutes else []),
                *(f for p in minutes for f in _files(p))]
    if isinstance(record, Committee):
        return [_file(m) for m in record.meetings] + [("", m.kind) for m in record.meetings]
    if isinstance(record, Case):
        return [summary(r) for r in (*record.carriers, *record.mentions)]
    if isinstance(record, Notice):  # its dates and whether it is still up on the build date
        return [_file(record.minutes), _file(record.meeting), ("", str(record.current))]
    if isinstance(record, Person):
        return [(path, "") for path in record.sources()] + [("", record.slug)]
    if isinstance(record, People):  # the index: names, parties, committees and roles
        return [("", repr([(p.slug, p.label, [(c.id, g, r) for c, g, r in p.committees()]) for p in record]))]
    if isinstance(record, NoticeBoard):
        files = [f for n in record.notices for f in (_file(n.minutes), _file(n.meeting))]
        return [("", record.today.isoformat()), *files, *map(summary, record.upcoming)]
    if page.template == "home.html":
        return [(m.source.path, f"{len(m.items)} {m.kind}") for m in latest]
    if page.template == "cases.html":
        return [("", _case_index(site.cases))]
    if page.template == "documents.html":
        return [_file(d) for d in site.documents]
    if page.template == "search.html":  # its filters list the years and the people
        years = {m.date.year for m in site.meetings} | {d.sort_date.year for d in site.documents if d.sort_date}
        return [("", repr([sorted(years), [(p.slug, p.label) for p in site.people or ()]]))]
    if page.template in CONTENT_FREE:
        return []
    return [("*", "")]  # a listing this module does not know: it depends on everything


# What other pages show of a record that they list or link (agenda, pager, case timeline).
SHOWN = ("url", "number", "title", "kind", "draft", "date", "sort_date", "year", "time", "diary_numbers")


def summary(record) -> tuple[str, str]:
    return "", repr([getattr(record, name, None) for name in SHOWN])


_LAST_CASES: list = [None, ""]  # the cases dict last seen and its index (held: no id is reused)


def _case_index(cases: dict) -> str:
    """Every case number, for the case index. Computed once per dict: the preview signs the index
    after every edit, and replaces the dict whenever the set of cases changes."""
    if _LAST_CASES[0] is not cases:
        _LAST_CASES[:] = [cases, ",".join(c.number.slug for c in cases.values())]
    return _LAST_CASES[1]


def _file(record) -> tuple[str, str]:
    return record.source.path, ""


def _files(item: Item | Paragraph) -> list[tuple[str, str]]:
    return [_file(item), *map(_file, item.documents)]


def _neighbours(item: Item | Paragraph) -> list:
    """The previous and next items of the agenda or paragraphs of the minutes (the page links them by title)."""
    items = item.siblings
    at = items.index(item)
    return [i for i in items[max(at - 1, 0):at + 2] if i is not item]


class Signer:
    """Signatures of pages for one build: same signature, same bytes."""

    def __init__(self, site: Site, renderer: Renderer, cache: ParseCache, options: str, templates: dict | None = None):
        self.site, self.renderer, self.cache = site, renderer, cache
        self.latest = renderer.env.globals.get("latest", [])
        self.common = _digest([options, repr(renderer.config), repr(renderer.strings), code_stamp(),
                               f"people={bool(site.people)}",  # the navigation links the person index
                               *(cache.digest(c.source.path) for c in site.committees)])
        self._templates = {} if templates is None else templates  # name → digest, kept while templates are unchanged
        self._everything: str | None = None

    def sign(self, page: Page) -> str:
        parts = [self.common, page.url, self._template(page.template)]
        for path, value in inputs(page, self.site, self.latest):
            parts += [self.everything() if path == "*" else self.cache.digest(path) if path else "", value]
        return _digest(parts)

    def everything(self) -> str:
        if self._everything is None:
            self._everything = _digest(sorted(f"{k}={e.digest}" for k, e in self.cache.entries.items()))
        return self._everything

    def _template(self, name: str) -> str:
        """A template's source with that of every template it reaches."""
        if name not in self._templates:
            self._templates[name] = _digest(self._sources(name, set()))
        return self._templates[name]

    def _sources(self, name: str, seen: set) -> list[str]:
        if name in seen:
            return []
        seen.add(name)
        env = self.renderer.env
        source = env.loader.get_source(env, name)[0]
        try:
            children = sorted(n for n in meta.find_referenced_templates(env.parse(source)) if n)
        except TemplateSyntaxError:
            children = []  # rendering reports it, with file and line
        found = [source]
        for child in children:
            found += self._sources(child, seen)
        return found


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """diarium's own code as this process loaded it: a new version may render anything differently.
    (The preview's code decides when pages are rendered, not what they say.)"""
    stats = sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in CODE.rglob("*.py")
                   if "serve" not in p.relative_to(CODE).parts)
    return _digest(map(repr, stats))


def _digest(parts) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()
