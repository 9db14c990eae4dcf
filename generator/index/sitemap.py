"""``sitemap.xml`` of every published page (the render plan, less the 404 page) and a
``robots.txt`` pointing to it. No ``lastmod``: records carry no reliable modification date."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.config import Config
from generator.model import Site
from generator.pages import plan
from generator.write import Destination

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_LISTED = {"/404.html"}


def write_sitemap(site: Site, config: Config, output: Destination) -> None:
    urlset = ET.Element("urlset", xmlns=SITEMAP_NS)
    for page in plan(site, config):
        if page.url not in NOT_LISTED:
            ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = config.absolute_url(page.url)
    ET.indent(urlset)
    output.write("sitemap.xml", ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n")
    # A Sitemap line must be an absolute URL: without a host there is none to give.
    sitemap = f"\nSitemap: {config.absolute_url('/sitemap.xml')}\n" if config.has_host else ""
    output.write("robots.txt", f"User-agent: *\nAllow: /\n{sitemap}")
