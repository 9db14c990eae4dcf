"""Step 5, index: files built from the linked model and the rendered site — open data,
search indexes, feeds. Each module writes one kind; ``write_indexes`` runs them all."""
from __future__ import annotations

from typing import Callable

from generator.config import Config
from generator.index import calendar, data, feeds, sitemap
from generator.index.files import IndexFiles
from generator.model import Site
from generator.write import Destination


def write_indexes(site: Site, config: Config, output: Destination,
                  keep: Callable[[str, str], bool] | None = None) -> None:
    """``keep(rel, key)``: whether the file ``rel``, made from ``key``, is kept from the last build."""
    files = IndexFiles(output, keep)
    data.write_data(site, config, files)
    feeds.write_feeds(site, config, files)
    calendar.write_calendars(site, config, files)
    sitemap.write_sitemap(site, config, files)
