"""Step 5, index: files built from the linked model and the rendered site — open data,
search indexes, feeds. Each module writes one kind; ``write_indexes`` runs them all."""
from __future__ import annotations

from generator.config import Config
from generator.index import calendar, data, feeds, sitemap
from generator.model import Site
from generator.write import Output


def write_indexes(site: Site, config: Config, output: Output) -> None:
    data.write_data(site, config, output)
    feeds.write_feeds(site, config, output)
    calendar.write_calendars(site, config, output)
    sitemap.write_sitemap(site, config, output)
