"""Site configuration (``config.yaml``): defaults, validation and derived values."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from generator import safety
from generator.diary import SCHEMES
from generator.frontmatter import FrontMatterError, parse_mapping
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
    notice_board: dict = field(default_factory=dict)  # {storage: where minutes are kept} (förvaringsplats)
    people: bool = True  # a page for each elected person the minutes name (/ledamot/)
    # The accessibility statement (tillgänglighetsredogörelse, DOS-lagen) at /tillganglighet/; see README.
    accessibility: dict = field(default_factory=dict)
    show_import_warnings: bool = False  # the importer's QA notes on published pages (always in serve)
    # The site search (generator/index/sitesearch.py): {shard_pages: record pages a committee may
    # have before its index is split by year, merge: [base URLs of other diarium sites to search too]}
    search: dict = field(default_factory=dict)
    # Not keys: the file it was read from, which problems name, and the line of each key in it
    # (not compared or shown: moving a key is no change of configuration).
    path: Path = Path("config.yaml")
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def root(self) -> Path:
        """The config file's folder: relative paths in it resolve against it."""
        return self.path.parent

    def problem(self, key: str, message: str, level: str = "error") -> Problem:
        """A problem with the value of ``key`` (``redact[2]`` is an entry of ``redact``), at its line."""
        line = self.lines.get(key) or self.lines.get(key.split("[")[0], 0)
        return Problem(str(self.path), line, key, message, level)

    @property
    def base_path(self) -> str:
        """The path part of ``base_url``, always ending in ``/``: ``/namnder/``."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def site_url(self) -> str:
        """``base_url`` with a trailing slash (absolute when the config gives a host)."""
        return self.base_url if self.base_url.endswith("/") else self.base_url + "/"

    @property
    def has_host(self) -> bool:
        """Whether ``base_url`` names the host the site is published at (needed for absolute URLs)."""
        return bool(urlsplit(self.base_url).netloc)

    def host_warning(self) -> list[Problem]:
        """The warning that publishing needs a host in ``base_url``, when it has none."""
        if self.has_host:
            return []
        return [self.problem("base_url", "has no host, which publishing needs: without one, there is no sitemap.xml "
                             "and no Sitemap line in robots.txt, pages no canonical or Open Graph URL, calendar "
                             "events no URL, feeds get ids that change once a host is set, and feed links are not "
                             "absolute. "
                             "Set base_url in config.yaml (e.g. https://www.kommun.se/namnder/) or pass --base-url",
                             "warning")]

    def absolute_url(self, path: str) -> str:
        """A site-relative URL made absolute with ``base_url`` (host-less when base_url has no host)."""
        return self.site_url + path.lstrip("/")

    def template_dirs(self) -> list[Path]:
        """The site's own template folder first (when set), then the bundled templates."""
        own = [self.root / self.templates] if self.templates else []
        return own + [BUNDLED_TEMPLATES]


# The type each key must have.
KEYS: dict[str, type | tuple[type, ...]] = {"title": str, "base_url": str, "language": str, "diary_prefixes": list,
        "diary_scheme": (str, dict),
        "templates": (str, type(None)), "long_document_words": int, "latest_meetings": int,
        "redact": list, "personal_data_patterns": list, "licence": str, "licence_url": str, "feed_entries": int,
        "notice_board": dict, "people": bool, "show_import_warnings": bool, "accessibility": dict, "search": dict}
# Keys of the mappings among them, with their types.
SUBKEYS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "notice_board": {"storage": str},
    "search": {"shard_pages": int, "merge": list},
    "accessibility": {"publisher": str, "contact": str, "status": str, "exceptions": list,
                      "reviewed": (str, date), "supervisor": str, "supervisor_url": str}}


def load_config(path: str | Path, base_url: str | None = None) -> tuple[Config, list[Problem]]:
    """Read and check ``config.yaml``. A missing file means all defaults.

    Returns the config and its warnings; raises ContentError on errors.
    """
    path = Path(path)
    data, lines = _read(path)
    config = Config(path=path, lines=lines)
    problems: list[Problem] = []
    for key, value in data.items():
        if key not in KEYS:
            problems.append(config.problem(key, "unknown key, ignored", "warning"))
        elif not isinstance(value, KEYS[key]) or isinstance(value, bool) != (KEYS[key] is bool):
            problems.append(config.problem(key, f"expected {_describe(KEYS[key])}, got {value!r}"))
        else:
            problems += _subkey_problems(config, key, value) + _check_value(config, key, value)
    problems += _check_scheme(config, config.diary_scheme) + _check_search(config, config.search)
    if config.accessibility.get("status", "partially") not in ("fully", "partially", "not"):
        problems.append(config.problem("accessibility.status", "expected fully, partially or not"))
    if config.language not in LANGUAGES:
        problems.append(config.problem("language", f"expected one of {', '.join(LANGUAGES)}"))
    if base_url is not None:
        problems += _check_value(config, "base_url", base_url)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise ContentError(errors)
    return config, problems


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value or safety.first_control(value) >= 0:
        raise ValueError("expected one line of text without control characters (it becomes a title in pages, "
                         "feeds and calendars)")
    return value


def _not_negative(value: int) -> int:
    if value < 0:
        raise ValueError(f"expected a whole number of 0 or more, got {value}")
    return value


# What a value of the right type must also be: these become URLs, titles and counts.
VALUES: dict[str, Callable] = {"base_url": safety.base_url, "title": _one_line, "latest_meetings": _not_negative,
          "feed_entries": _not_negative, "long_document_words": _not_negative}


def _check_value(config: Config, key: str, value) -> list[Problem]:
    """Set ``key`` to ``value`` when it passes VALUES (and, for a list of prefixes, each entry does)."""
    try:
        if key == "diary_prefixes":
            problems = [config.problem(f"{key}[{n}]", str(exc)) for n, exc in _each(safety.prefix, value)]
            if problems:
                return problems
        if key in VALUES:
            value = VALUES[key](value)
    except ValueError as exc:
        return [config.problem(key, str(exc))]
    setattr(config, key, value)
    return []


def _each(check, values: list) -> list[tuple[int, ValueError]]:
    failures = []
    for n, value in enumerate(values):
        try:
            check(value)
        except ValueError as exc:
            failures.append((n, exc))
    return failures


def _check_scheme(config: Config, scheme: str | dict) -> list[Problem]:
    """``diary_scheme``: a named scheme, or a regex with ``year`` and ``seq`` groups."""
    if isinstance(scheme, str):
        ok = scheme in SCHEMES
        return [] if ok else [config.problem("diary_scheme", f"expected one of {', '.join(SCHEMES)} "
                                             "or {pattern: REGEX}")]
    try:
        groups = re.compile(str(scheme.get("pattern", ""))).groupindex
    except re.error as exc:
        return [config.problem("diary_scheme", f"expected a regular expression in pattern: {exc}")]
    if set(scheme) != {"pattern"} or not {"year", "seq"} <= set(groups):
        return [config.problem("diary_scheme",
                               "expected a mapping {pattern: REGEX} with named groups year and seq (and prefix)")]
    return []


def _check_search(config: Config, search: dict) -> list[Problem]:
    """``search.merge`` lists site base URLs (they become URLs the search page fetches)."""
    merge = search.get("merge", [])
    problems = [config.problem(f"search.merge[{n}]", str(exc))
                for n, exc in _each(safety.base_url, merge if isinstance(merge, list) else [])]
    if isinstance(search.get("shard_pages"), int) and search["shard_pages"] < 1:
        problems.append(config.problem("search.shard_pages", "expected a whole number of 1 or more"))
    return problems


def _read(path: Path) -> tuple[dict, dict[str, int]]:
    """The keys of the file and their lines; raises ContentError when it is not a YAML mapping."""
    if not path.exists():
        return {}, {}
    try:
        return parse_mapping(path.read_text(encoding="utf-8"), items=True)
    except UnicodeDecodeError:
        raise ContentError([Problem(str(path), 0, "", "expected a UTF-8 text file")]) from None
    except FrontMatterError as exc:
        raise ContentError([Problem(str(path), exc.line, "", str(exc))]) from None


def _subkey_problems(config: Config, key: str, value) -> list[Problem]:
    problems = []
    for sub, sub_value in value.items() if key in SUBKEYS else ():
        kind = SUBKEYS[key].get(sub)
        if kind is None:
            problems.append(config.problem(f"{key}.{sub}", "unknown key, ignored", "warning"))
        elif not isinstance(sub_value, kind):
            problems.append(config.problem(f"{key}.{sub}", f"expected {_describe(kind)}, got {sub_value!r}"))
    return problems


def _describe(kind) -> str:
    names = {str: "a string", int: "a whole number", list: "a list", dict: "a mapping", bool: "true or false",
             type(None): "nothing", date: "a date"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names[k] for k in kinds)
