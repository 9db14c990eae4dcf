"""Where the index files go, and which of them an incremental build need not make again."""
from __future__ import annotations

from typing import Callable

from generator.write import Destination


class IndexFiles:
    """Where the index files go. Each file is made from a key, the data it shows (a string): in
    an incremental build (``keep``), a file whose key is as at the last build is kept from the old
    site instead of being made again — after a one-item edit most feeds and calendars are."""

    def __init__(self, output: Destination, keep: Callable[[str, str], bool] | None = None):
        self.output, self.keep = output, keep

    def write(self, rel: str, key: str, make: Callable[[], str | bytes]) -> None:
        if self.keep is None or not self.keep(rel, key):
            self.output.write(rel, make())
