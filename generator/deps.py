"""The dependency map: which inputs each page is made from, and a signature of them.

A page's signature changes when anything it shows may have changed: the content files of the
records it shows, what it shows of the records it lists or links (``model.SHOWN``: title,
number, date…, so editing an item's text does not re-render its agenda), the templates it uses
(with everything they extend, include or import), and what every page depends on — config.yaml,
UI strings, committee files (names in every breadcrumb, prefixes in every diary-number link), the
build options and diarium's own code. A page whose signature is unchanged is not rendered again.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import cast

from jinja2 import TemplateSyntaxError, meta

from generator.files import tree_stamp
from generator.model import Meeting, Site, own_file, shown
from generator.pages import Page
from generator.parsecache import ParseCache
from generator.render import Renderer

CODE = Path(__file__).resolve().parent
# Record-less pages that show no content at all, only configuration.
CONTENT_FREE = {"404.html", "data.html", "accessibility.html", "privacy.html"}


def inputs(page: Page, site: Site, latest: list[Meeting], case_index: str) -> list[tuple[str, str]]:
    """What page ``page`` is made from: pairs of a content file (path as in ``Source.path``, or
    ``""``) and a value shown that is not the whole file; ``("*", "")`` means every file.
    ``case_index`` is every case number, for the case index. A page that names people links their
    pages (whose URLs depend on every name of the site)."""
    named = site.people.named_in(page.record) if site.people else []
    people = [("", " ".join(p.url for p in named))] if named else []
    if page.record is not None:
        return page.record.inputs() + _backlinks(page, site) + people
    if page.template == "home.html":
        return [(m.source.path, f"{len(m.items)} {m.kind}") for m in latest]
    if page.template == "cases.html":
        return [("", case_index)]
    if page.template == "documents.html":
        return [own_file(d) for d in site.documents]
    if page.template == "search.html":  # its filters list the years and the people
        years = {m.date.year for m in site.meetings} | {d.sort_date.year for d in site.documents if d.sort_date}
        return [("", repr([sorted(years), [(p.slug, p.label) for p in site.people or ()]]))]
    if page.template in CONTENT_FREE:
        return []
    return [("*", "")]  # a listing this module does not know: it depends on everything


def _backlinks(page: Page, site: Site) -> list[tuple[str, str]]:
    """An item or paragraph page also lists the other records of its cases ("I samma ärende",
    Renderer.related)."""
    if page.template not in ("item.html", "paragraph.html"):
        return []
    cases = (site.cases[n] for n in getattr(page.record, "diary_numbers", ()))
    return [shown(r) for case in cases for r in (*case.carriers, *case.mentions)]


def _committee_and_date(record) -> tuple[str, str]:
    if record is None:
        return "", ""
    return (record.committee.name if record.committee else ""), str(record.sort_date)


class Signer:
    """Signatures of pages for one build: same signature, same bytes."""

    def __init__(self, site: Site, renderer: Renderer, cache: ParseCache, options: str, templates: dict | None = None):
        self.site, self.renderer, self.cache = site, renderer, cache
        self.latest = cast(list[Meeting], renderer.env.globals.get("latest", []))
        self.common = _digest([options, repr(renderer.config), repr(renderer.strings), code_stamp(),
                               f"people={bool(site.people)}",  # the navigation links the person index
                               *(cache.digest(c.source.path) for c in site.committees)])
        self._templates = {} if templates is None else templates  # name → digest, kept while templates are unchanged
        self._everything: str | None = None
        self._case_numbers: str | None = None

    def sign(self, page: Page) -> str:
        parts = [self.common, page.url, self._template(page.template)]
        for path, value in inputs(page, self.site, self.latest, self._case_index()):
            parts += [self.everything() if path == "*" else self.cache.digest(path) if path else "", value]
        return _digest(parts)

    def everything(self) -> str:
        if self._everything is None:
            self._everything = _digest(sorted(f"{k}={e.digest}" for k, e in self.cache.entries.items()))
        return self._everything

    def _case_index(self) -> str:
        """Every case with what the index shows of it (number, subject, last committee and date),
        joined once per signer (the site does not change while it signs)."""
        if self._case_numbers is None:
            self._case_numbers = repr([(c.number.slug, c.subject, _committee_and_date(c.last_handled))
                                       for c in self.site.cases.values()])
        return self._case_numbers

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
        assert env.loader is not None  # the Renderer always sets its template folders
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
