"""Step 3, render: decide the site's pages and render each one independently with Jinja.

A page needs only the linked model, so pages can be rendered in any order and in parallel.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import yaml
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from generator import markdown, pagemeta
from generator.config import Config
from generator.model import Committee, Document, Item, Meeting, Paragraph, Site
from generator.text import long_date


@dataclass(frozen=True)
class Page:
    """One output page: its site-relative URL, the template, and the record it shows."""

    url: str
    template: str
    record: object = None

    @property
    def output(self) -> str:
        """The file under the output folder: ``/a/b/`` → ``a/b/index.html``."""
        path = self.url.lstrip("/")
        return path + "index.html" if path.endswith("/") or not path else path


def plan(site: Site, config: Config) -> list[Page]:
    """Every page of the site, in a stable order."""
    search = load_strings(config)["search_path"]
    pages = [Page("/", "home.html"), Page("/404.html", "404.html"), Page("/dokument/", "documents.html"),
             Page("/arende/", "cases.html"), Page(f"/{search}/", "search.html"), Page("/data/", "data.html")]
    for committee in site.committees:
        pages.append(Page(committee.url, "committee.html", committee))
        for meeting in committee.meetings:
            pages.append(Page(meeting.url, "meeting.html", meeting))
            for item in meeting.items:
                pages.append(Page(item.url, "item.html", item))
                pages += [Page(d.url, "document.html", d) for d in item.documents if d.has_page]
            for paragraph in meeting.minutes.paragraphs if meeting.minutes else []:
                pages.append(Page(paragraph.url, "paragraph.html", paragraph))
                pages += [Page(d.url, "document.html", d) for d in paragraph.documents if d.has_page]
    pages += [Page(d.url, "document.html", d) for d in site.documents]
    pages += [Page(c.url, "case.html", c) for c in site.cases.values()]
    return pages


def load_strings(config: Config) -> dict:
    """The UI strings of the site's language (a site's own template folder may override them)."""
    for folder in config.template_dirs():
        path = folder / "i18n" / f"{config.language}.yaml"
        if path.exists():
            stat = path.stat()
            return dict(_read_strings(path, stat.st_mtime_ns, stat.st_size))
    raise FileNotFoundError(f"no UI strings for language '{config.language}'")


@lru_cache(maxsize=8)
def _read_strings(path: Path, mtime_ns: int, size: int) -> dict:
    """Parsed once per version of the file: plan() and every index module ask for the strings."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class Renderer:
    """Renders pages of one linked site with the configured templates."""

    def __init__(self, site: Site, config: Config):
        self.site, self.config = site, config
        self.env = Environment(loader=ChoiceLoader([FileSystemLoader(str(d)) for d in config.template_dirs()]),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        self.strings = load_strings(config)
        self.env.globals.update(site=site, config=config, t=self.strings, url=self.url, case_url=self.case_url,
                                latest=latest_meetings(site, config), heading_of=self.heading_of, kind_of=self.kind_of,
                                date_of=date_of, committee_of=committee_of)
        self.env.globals.update(pagemeta.template_globals(config))
        self.env.filters["longdate"] = partial(_long_date, language=config.language)

    def url(self, path: str) -> str:
        """A site-relative URL under the site's base path: ``/a/`` → ``/namnder/a/``."""
        return self.config.base_path + path.lstrip("/")

    def case_url(self, number) -> str | None:
        return self.url(self.site.cases[number].url) if number in self.site.cases else None

    def markdown(self, text: str, env: dict, top: int = 2, prefix: str = "") -> str:
        return Markup(markdown.render(text, self.site.scheme, self.case_url, top=top, prefix=prefix, env=env))

    def heading_of(self, record) -> str:
        if isinstance(record, Item):
            return f"{record.number}. {record.title}"
        if isinstance(record, Meeting):
            return f"{record.committee.name}, {_long_date(record.date, self.config.language)}"
        if isinstance(record, Paragraph):
            return record.heading(self.config.language)
        return record.title

    def kind_of(self, record) -> str:
        kind = record.kind if isinstance(record, Document) else type(record).__name__.lower()
        return self.strings.get(f"kind_{kind}", self.strings.get(kind, kind))

    def related(self, item: Item | Paragraph, limit: int = 10) -> list:
        """Other records of the item's cases (backlinks), newest first; the case page has them all."""
        own = {id(item), *(id(d) for d in item.documents)}
        seen, records = set(own), []
        for number in item.diary_numbers:
            case = self.site.cases[number]
            for record in reversed(case.carriers + case.mentions):
                if id(record) not in seen:
                    seen.add(id(record))
                    records.append(record)
        return sorted(records, key=lambda r: (date_of(r) or item.date), reverse=True)[:limit]

    def render(self, page: Page) -> str:
        context = {"page": page, "md": partial(self.markdown, env={})}
        if isinstance(page.record, (Item, Paragraph)):
            items = page.record.siblings
            at = items.index(page.record)
            context.update(previous=items[at - 1] if at else None, next=items[at + 1] if at + 1 < len(items) else None,
                           related=self.related(page.record))
        return self.env.get_template(page.template).render(context)

    def static_files(self) -> dict[str, Path]:
        """Static assets by output path; a site's own files replace bundled ones of the same name."""
        files: dict[str, Path] = {}
        for folder in reversed(self.config.template_dirs()):
            static = folder / "static"
            if static.is_dir():
                files.update({f"static/{p.relative_to(static).as_posix()}": p
                              for p in sorted(static.rglob("*")) if p.is_file()})
        return files


def latest_meetings(site: Site, config: Config) -> list[Meeting]:
    """The home page's latest meetings (the preview recomputes them after an edit)."""
    return sorted(site.meetings, key=lambda m: (m.date, m.time), reverse=True)[:config.latest_meetings]


def date_of(record):
    if isinstance(record, (Item, Meeting)):
        return record.date
    return getattr(record, "sort_date", None)


def committee_of(record) -> Committee | None:
    if isinstance(record, (Item, Meeting)):
        return record.committee
    if isinstance(record, Document):
        return record.item.committee if record.item else record.committee
    return getattr(record, "committee", None)


def _long_date(value, language: str) -> str:
    return long_date(value, language) if value else ""

