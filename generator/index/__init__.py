"""Step 5, index: files built from the linked model and the rendered site — open data,
search indexes, feeds. Each module writes one kind; ``write_indexes`` runs them all."""
from __future__ import annotations

from generator.config import Config
from generator.index import calendar, data, feeds, sitemap
from generator.model import Site
from generator.write import Destination


def write_indexes(site: Site, config: Config, output: Destination) -> None:
    data.write_data(site, config, output)
    feeds.write_feeds(site, config, output)
    calendar.write_calendars(site, config, output)
    sitemap.write_sitemap(site, config, output)
