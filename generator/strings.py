"""The UI strings (*gränssnittstexter*) of the site's language, from ``templates/i18n/<language>.yaml``."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from generator.config import Config


class Strings(dict):
    """The strings, read as ``t.key`` in templates. Jinja looks up an attribute before an item: on a
    plain dict each of a page's dozens of ``t.key`` raised and caught an AttributeError first."""

    def __getattr__(self, name: str):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def load_strings(config: Config) -> Strings:
    """The UI strings of the site's language (a site's own template folder may override them)."""
    for folder in config.template_dirs():
        path = folder / "i18n" / f"{config.language}.yaml"
        if path.exists():
            stat = path.stat()
            return Strings(_read_strings(path, stat.st_mtime_ns, stat.st_size))
    raise FileNotFoundError(f"no UI strings for language '{config.language}'")


@lru_cache(maxsize=8)
def _read_strings(path: Path, mtime_ns: int, size: int) -> dict:
    """Parsed once per version of the file: plan() and every index module ask for the strings."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))
