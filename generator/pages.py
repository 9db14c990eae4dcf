"""The site's pages: which URL shows which record with which template."""
from __future__ import annotations

from dataclasses import dataclass

from generator.config import Config
from generator.model import Meeting, Record, Site
from generator.people import PEOPLE_URL
from generator.strings import load_strings


@dataclass(frozen=True)
class Page:
    """One output page: its site-relative URL, the template, and the record it shows."""

    url: str
    template: str
    record: Record | None = None

    @property
    def output(self) -> str:
        """The file under the output folder: ``/a/b/`` → ``a/b/index.html``."""
        path = self.url.lstrip("/")
        return path + "index.html" if path.endswith("/") or not path else path


def plan(site: Site, config: Config) -> list[Page]:
    """Every page of the site, in a stable order."""
    search = load_strings(config)["search_path"]
    pages = [Page("/", "home.html"), Page("/404.html", "404.html"), Page("/dokument/", "documents.html"),
             Page("/arende/", "cases.html"), Page(f"/{search}/", "search.html"), Page("/data/", "data.html"),
             Page("/tillganglighet/", "accessibility.html"), Page("/personuppgifter/", "privacy.html")]
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
    return pages + derived_pages(site)


def derived_pages(site: Site) -> list[Page]:
    """The pages of what the whole site gives (generator.link.derive): people, the notice board."""
    pages = []
    if site.people:
        pages.append(Page(PEOPLE_URL, "people.html", site.people))
        pages += [Page(p.url, "person.html", p) for p in site.people]
    if site.board:
        pages.append(Page(site.board.url, "noticeboard.html", site.board))
        pages += [Page(n.url, "notice.html", n) for n in site.board.notices]
    return pages


def latest_meetings(site: Site, config: Config) -> list[Meeting]:
    """The home page's latest meetings (the preview recomputes them after an edit)."""
    return sorted(site.meetings, key=lambda m: (m.date, m.time), reverse=True)[:config.latest_meetings]
