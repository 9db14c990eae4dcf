"""Step 3, render: render each page of generator.pages independently with Jinja.

A page needs only the linked model, so pages can be rendered in any order and in parallel.
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from functools import partial
from pathlib import Path
from typing import cast

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, TemplateError, select_autoescape
from markupsafe import Markup

from generator import headmeta, markdown
from generator.config import Config
from generator.contents import Contents
from generator.minutes import record_kind
from generator.model import Item, Paragraph, Record, Site
from generator.pages import Page, latest_meetings
from generator.strings import load_strings
from generator.text import file_size, long_date

RECORD_LANGUAGE = "sv"  # the records are Swedish whatever the interface language
MAIN_ID = "innehall"  # base.html's <main>, the skip link's target: where "back to top" leads
_LITERAL_ID = re.compile(r'\bid="([A-Za-z0-9_-]+)"')
# The markdown state of the page being rendered (its headings' ids), which ``md`` reads: a global,
# so the macro templates need no ``with context`` import, which ran them again for every page.
_PAGE_ENV: ContextVar[dict] = ContextVar("page_env")


class Renderer:
    """Renders pages of one linked site with the configured templates."""

    def __init__(self, site: Site, config: Config):
        self.site, self.config = site, config
        self.base_path = config.base_path  # once: url() is called some twenty times a page
        self.env = Environment(loader=ChoiceLoader([FileSystemLoader(str(d)) for d in config.template_dirs()]),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                               # no stat per get_template, and a plain dict for a cache (an LRU cache
                               # locks and reorders on every lookup: six a page); the preview clears it
                               auto_reload=False, cache_size=-1)
        self.strings = load_strings(config)
        self.env.globals.update(site=site, config=config, t=self.strings, url=self.url, case_url=self.case_url,
                                latest=latest_meetings(site, config), heading_of=self.heading_of, kind_of=self.kind_of,
                                record_kind=record_kind, md=self.page_markdown)
        self.env.globals.update(headmeta.template_globals(config))
        self.env.filters["longdate"] = partial(_long_date, language=config.language)
        self.env.filters["filesize"] = partial(file_size, language=config.language)
        self.contents = Contents(config.long_document_words, self.strings["contents"],
                                 self.strings["back_to_top"], MAIN_ID,
                                 "" if config.language == RECORD_LANGUAGE else config.language)
        self.page_ids = self._template_ids()

    def compile_all(self) -> None:
        """Compile every template now, e.g. once in a parent rather than in each of its workers.
        A broken one is left for the page that uses it to report (build._template_problem)."""
        for name in self.env.list_templates(extensions=["html"]):
            try:
                self.env.get_template(name)
            except TemplateError:
                pass

    def _template_ids(self) -> frozenset[str]:
        """The ids the templates write as they are (``main``'s, the search form's…): a heading of
        record text never takes one of them."""
        ids = {MAIN_ID}
        loader = self.env.loader
        assert loader is not None
        for name in loader.list_templates():
            if name.endswith(".html"):
                ids.update(_LITERAL_ID.findall(loader.get_source(self.env, name)[0]))
        return frozenset(ids)

    def url(self, path: str) -> str:
        """A site-relative URL under the site's base path: ``/a/`` → ``/namnder/a/``."""
        return self.base_path + path.lstrip("/")

    def case_url(self, number) -> str | None:
        return self.url(self.site.cases[number].url) if number in self.site.cases else None

    def markdown(self, text: str, env: dict, top: int = 2, prefix: str = "", record: bool = False) -> str:
        """Record text as HTML; ``record``: a record's own text, which, when long, gets a
        contents list and back-to-top links (not its summary, decision or notes)."""
        html = markdown.render(text, self.site.scheme, self.case_url, top=top, prefix=prefix, env=env,
                               contents=self.contents if record else None)
        if html and self.config.language != RECORD_LANGUAGE:  # screen readers switch voice (WCAG 3.1.2)
            html = f'<div lang="{RECORD_LANGUAGE}">{html}</div>'
        return Markup(html)

    def page_markdown(self, text: str, top: int = 2, prefix: str = "", record: bool = False) -> str:
        """``md`` in the templates: ``markdown`` on the page being rendered."""
        return self.markdown(text, _PAGE_ENV.get(), top, prefix, record)

    def heading_of(self, record: Record) -> str:
        return record.heading(self.config.language)

    def kind_of(self, record: Record) -> str:
        noun = record.noun
        return self.strings.get(f"kind_{noun}", self.strings.get(noun, noun))

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
        return sorted(records, key=lambda r: (r.sort_date or item.date), reverse=True)[:limit]

    def render(self, page: Page) -> str:
        _PAGE_ENV.set({"ids": set(self.page_ids)})
        context: dict = {"page": page}
        if page.template in ("item.html", "paragraph.html"):
            item = cast(Item | Paragraph, page.record)
            context.update(self._pager(item), related=self.related(item))
        return self.env.get_template(page.template).render(context)

    @staticmethod
    def _pager(item: Item | Paragraph) -> dict:
        items = item.siblings
        at = items.index(item)
        return {"previous": items[at - 1] if at else None, "next": items[at + 1] if at + 1 < len(items) else None}

    def static_files(self) -> dict[str, Path]:
        """Static assets by output path; a site's own files replace bundled ones of the same name."""
        files: dict[str, Path] = {}
        for folder in reversed(self.config.template_dirs()):
            static = folder / "static"
            if static.is_dir():
                files.update({f"static/{p.relative_to(static).as_posix()}": p
                              for p in sorted(static.rglob("*")) if p.is_file()})
        return files


def _long_date(value, language: str) -> str:
    return long_date(value, language) if value else ""

