"""``sitemap.xml`` of every published page (the render plan, less the 404 page) and a
``robots.txt`` pointing to it. No ``lastmod``: records carry no reliable modification date.
Both need a host: the sitemap protocol requires absolute URLs, so without one neither is made
(robots.txt is, without its Sitemap line)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.config import Config
from generator.index.files import IndexFiles
from generator.model import Site
from generator.pages import plan

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_LISTED = {"/404.html"}


def write_sitemap(site: Site, config: Config, output: IndexFiles) -> None:
    if config.has_host:
        urls = [config.absolute_url(p.url) for p in plan(site, config) if p.url not in NOT_LISTED]
        output.write("sitemap.xml", repr(urls), lambda: _sitemap(urls))
    # A Sitemap line must be an absolute URL: without a host there is none to give.
    sitemap = f"\nSitemap: {config.absolute_url('/sitemap.xml')}\n" if config.has_host else ""
    robots = f"User-agent: *\nAllow: /\n{sitemap}"
    output.write("robots.txt", robots, lambda: robots)


def _sitemap(urls: list[str]) -> bytes:
    urlset = ET.Element("urlset", xmlns=SITEMAP_NS)
    for url in urls:
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = url
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"
