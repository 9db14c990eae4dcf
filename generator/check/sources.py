"""The content files a build publishes, read once, so findings can name a file and line."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from generator.model import Site
from generator.redact import Redactor


class Sources:
    """The source file of every published record, as published: after redaction."""

    def __init__(self, site: Site, content: Path, redactor: Redactor):
        self.root = Path(content).parent  # record sources are relative to the content folder's parent
        self.paths = sorted({r.source.path for r in site.content_records()})
        self.redactor = redactor

    @cached_property
    def lines(self) -> dict[str, list[str]]:
        return {p: self.redactor((self.root / p).read_text(encoding="utf-8")).splitlines() for p in self.paths}

    def line_of(self, path: str, needle: str, default: int = 1) -> int:
        """The first line of ``path`` that contains ``needle``; ``default`` when none does."""
        return next((n for n, line in enumerate(self.lines.get(path, []), 1) if needle in line), default)
