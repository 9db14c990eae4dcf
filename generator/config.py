"""Site configuration (``config.yaml``): defaults, validation and derived values."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.diary import SCHEMES
from generator.problems import ContentError, Problem

BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LANGUAGES = ("sv", "en")


@dataclass
class Config:
    """Every key of ``config.yaml`` with its default; README.md documents them."""

    title: str = "diarium"
    base_url: str = "/"
    language: str = "sv"
    diary_prefixes: list = field(default_factory=lambda: ["SN", "KS", "KF"])
    diary_scheme: str | dict = "colon"   # colon (SN 2012:195), dash (KS-2024-00544) or {pattern: regex}
    templates: str | None = None
    long_document_words: int = 400
    latest_meetings: int = 10
    redact: list = field(default_factory=list)  # texts or {pattern: regex} replaced by [redacted]
    personal_data_patterns: list = field(default_factory=list)  # regexes `diarium check` refuses
    licence: str = "CC0 1.0"
    licence_url: str = "https://creativecommons.org/publicdomain/zero/1.0/"
    feed_entries: int = 50
    # Not keys: where the file was, so relative paths resolve against it.
    root: Path = Path(".")

    @property
    def base_path(self) -> str:
        """The path part of ``base_url``, always ending in ``/``: ``/namnder/``."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def site_url(self) -> str:
        """``base_url`` with a trailing slash (absolute when the config gives a host)."""
        return self.base_url if self.base_url.endswith("/") else self.base_url + "/"

    def absolute_url(self, path: str) -> str:
        """A site-relative URL made absolute with ``base_url`` (host-less when base_url has no host)."""
        return self.site_url + path.lstrip("/")

    def template_dirs(self) -> list[Path]:
        """The site's own template folder first (when set), then the bundled templates."""
        own = [self.root / self.templates] if self.templates else []
        return own + [BUNDLED_TEMPLATES]


# The type each key must have; later issues add their keys here and to Config.
KEYS = {"title": str, "base_url": str, "language": str, "diary_prefixes": list,
        "diary_scheme": (str, dict),
        "templates": (str, type(None)), "long_document_words": int, "latest_meetings": int,
        "redact": list, "personal_data_patterns": list, "licence": str, "licence_url": str, "feed_entries": int}


def load_config(path: str | Path, base_url: str | None = None) -> tuple[Config, list[Problem]]:
    """Read and check ``config.yaml``. A missing file means all defaults.

    Returns the config and its warnings; raises ContentError on errors.
    """
    path = Path(path)
    config = Config(root=path.parent)
    problems: list[Problem] = []
    data = _read(path, problems)
    for key, value in data.items():
        if key not in KEYS:
            problems.append(Problem(str(path), 0, key, "unknown key, ignored", "warning"))
        elif not isinstance(value, KEYS[key]) or isinstance(value, bool):
            problems.append(Problem(str(path), 0, key, f"expected {_describe(KEYS[key])}, got {value!r}"))
        else:
            setattr(config, key, value)
    problems += _check_scheme(path, config.diary_scheme)
    if config.language not in LANGUAGES:
        problems.append(Problem(str(path), 0, "language", f"expected one of {', '.join(LANGUAGES)}"))
    if base_url is not None:
        config.base_url = base_url
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise ContentError(errors)
    return config, problems


def _check_scheme(path: Path, scheme: str | dict) -> list[Problem]:
    """``diary_scheme``: a named scheme, or a regex with ``year`` and ``seq`` groups."""
    if isinstance(scheme, str):
        ok = scheme in SCHEMES
        return [] if ok else [Problem(str(path), 0, "diary_scheme", f"expected one of {', '.join(SCHEMES)} "
                                      "or {pattern: REGEX}")]
    try:
        groups = re.compile(str(scheme.get("pattern", ""))).groupindex
    except re.error as exc:
        return [Problem(str(path), 0, "diary_scheme.pattern", f"expected a regular expression: {exc}")]
    if set(scheme) != {"pattern"} or not {"year", "seq"} <= set(groups):
        return [Problem(str(path), 0, "diary_scheme.pattern",
                        "expected a mapping {pattern: REGEX} with named groups year and seq (and prefix)")]
    return []


def _read(path: Path, problems: list[Problem]) -> dict:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError([Problem(str(path), mark.line + 1 if mark else 0, "", f"invalid YAML: {exc}")])
    if not isinstance(data, dict):
        raise ContentError([Problem(str(path), 1, "", "expected a mapping of keys to values")])
    return data


def _describe(kind) -> str:
    names = {str: "a string", int: "a whole number", list: "a list", dict: "a mapping", type(None): "nothing"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names[k] for k in kinds)
