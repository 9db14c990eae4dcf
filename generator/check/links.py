"""Internal links and asset references of a built site: each must name a file of the site, and a
``#fragment`` an element id on the page it points to. Links to other hosts are not followed."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator.config import Config

LINK_ATTRIBUTES = {"href", "src", "action", "poster", "data"}


@dataclass
class Broken:
    page: str  # the output file the link is on, relative to the site folder
    target: str  # the link as written
    why: str


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self, page: ParsedPage):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.page.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.page.links.append(value)
            elif name == "srcset":
                self.page.links += [part.split()[0] for part in value.split(",") if part.strip()]


def parse(path: Path) -> ParsedPage:
    page = ParsedPage()
    collector = _Collector(page)
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return page


def check_links(site_dir: Path, config: Config) -> tuple[list[Broken], int]:
    """Every broken internal link of every HTML page, and how many links were checked."""
    pages = {p.relative_to(site_dir).as_posix(): parse(p) for p in sorted(site_dir.rglob("*.html"))}
    host = urlsplit(config.base_url).netloc
    broken, checked = [], 0
    for rel, page in pages.items():
        here = config.base_path + rel
        for link in page.links:
            target = _internal(urljoin(here, link), host)
            if target is None:
                continue
            checked += 1
            why = _resolve(target, site_dir, pages, config.base_path)
            if why:
                broken.append(Broken(rel, link, why))
    return broken, checked


def _internal(url: str, host: str):
    parts = urlsplit(url)
    if parts.scheme in ("", "http", "https") and parts.netloc in ("", host):
        return parts
    return None


def _resolve(target, site_dir: Path, pages: dict[str, ParsedPage], base_path: str) -> str | None:
    """Why ``target`` (an absolute path and fragment) does not resolve, or None when it does."""
    path = unquote(target.path)
    if not path.startswith(base_path):
        return f"points outside the site's base path {base_path}"
    rel = path[len(base_path):]
    if ".." in rel.split("/"):
        return "points outside the site"
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    elif not (site_dir / rel).is_file() and (site_dir / rel / "index.html").is_file():
        rel += "/index.html"
    if not (site_dir / rel).is_file():
        return "no such page or file"
    fragment = unquote(target.fragment)
    if fragment and rel in pages and fragment not in pages[rel].ids:
        return f"no element with id '{fragment}' on that page"
    return None
