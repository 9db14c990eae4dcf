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

from generator.files import tree_stamp
from generator.model import Case, Committee, Document, Item, Meeting, Site
from generator.parsecache import ParseCache
from generator.render import Page, Renderer

CODE = Path(__file__).resolve().parent
# Record-less pages that show no content at all, only configuration.
CONTENT_FREE = {"404.html", "search.html", "data.html"}


def inputs(page: Page, site: Site, latest: list[Meeting]) -> list[tuple[str, str]]:
    """What page ``page`` is made from: pairs of a content file (path as in ``Source.path``, or
    ``""``) and a value shown that is not the whole file; ``("*", "")`` means every file."""
    record = page.record
    if isinstance(record, Item):
        related = (r for n in record.diary_numbers for r in (*site.cases[n].carriers, *site.cases[n].mentions))
        return [*_files(record), _file(record.meeting), *map(summary, _neighbours(record)), *map(summary, related)]
    if isinstance(record, Document):
        return [_file(record), *([summary(record.item), _file(record.item.meeting)] if record.item else [])]
    if isinstance(record, Meeting):
        return [_file(record), *map(summary, record.items)]
    if isinstance(record, Committee):
        return [_file(m) for m in record.meetings]
    if isinstance(record, Case):
        return [summary(r) for r in (*record.carriers, *record.mentions)]
    if page.template == "home.html":
        return [(m.source.path, str(len(m.items))) for m in latest]
    if page.template == "cases.html":
        return [("", _case_index(site.cases))]
    if page.template == "documents.html":
        return [_file(d) for d in site.documents]
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


def _files(item: Item) -> list[tuple[str, str]]:
    return [_file(item), *map(_file, item.documents)]


def _neighbours(item: Item) -> list[Item]:
    """The previous and next items of the agenda (the page links them by title)."""
    items = item.meeting.items
    at = items.index(item)
    return [i for i in items[max(at - 1, 0):at + 2] if i is not item]


class Signer:
    """Signatures of pages for one build: same signature, same bytes."""

    def __init__(self, site: Site, renderer: Renderer, cache: ParseCache, options: str, templates: dict | None = None):
        self.site, self.renderer, self.cache = site, renderer, cache
        self.latest = renderer.env.globals.get("latest", [])
        self.common = _digest([options, repr(renderer.config), repr(renderer.strings), code_stamp(),
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
    stamp = tree_stamp(CODE)
    return _digest(repr(kv) for kv in sorted(stamp.items()) if kv[0].endswith(".py") and not kv[0].startswith("serve/"))


def _digest(parts) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()
