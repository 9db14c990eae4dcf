"""Untrusted values that become paths, URLs, HTML or spreadsheet cells: one place that decides
what is allowed, so every module that turns content into output asks the same question."""
from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

# A diary prefix becomes a URL segment (``/arende/sn-2012-195/``) and part of a link: letters,
# with a hyphen or dot between them as some numbering schemes write them (``Ö-KS``, ``K.S``).
_PREFIX = re.compile(r"[^\W\d_]+(?:[-.][^\W\d_]+)*")
# C0 and C1 control characters other than tab, line feed and carriage return: invisible, and they
# break .ics and CSV readers (an XML page with one is not even well-formed).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def prefix(value: str) -> str:
    """``value`` as a diary prefix, or ValueError saying what one may be."""
    if isinstance(value, str) and _PREFIX.fullmatch(value.strip()) and len(value.strip()) <= 20:
        return value.strip()
    raise ValueError(f"expected a diary prefix of letters, like SN (a hyphen or dot may join letters), got {value!r}")


def base_url(value: str) -> str:
    """``value`` as the site's base URL: an http(s) URL or a path starting with ``/``."""
    parts = urlsplit(value)
    if (_web(value) or (not parts.scheme and not parts.netloc and value.startswith("/"))) and _plain(value):
        return value
    raise ValueError(f"expected an http(s) URL like https://example.org/ or a path like /namnder/, got {value!r}")


def web_address(value: str) -> bool:
    """Whether ``value`` is an http(s) address a link may lead to (not ``javascript:``, ``data:`` …)."""
    return _web(value) and _plain(value)


def _web(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _plain(value: str) -> bool:
    """No control characters, spaces, quotes or angle brackets: nothing that ends an attribute or a line."""
    return not _CONTROL.search(value) and not re.search(r"[\s\"'<>\\]", value)


def inside(rel: str) -> str:
    """``rel`` in its normal form, or ValueError when it would lie outside the folder it is
    relative to (``..``, an absolute path). Only for a folder this process makes alone, which
    holds no symbolic links, so the form of the path decides and no file need be looked up."""
    norm = posixpath.normpath(rel)
    if norm.startswith(("/", "../")) or norm == "..":
        raise ValueError(f"refused to write '{rel}': it lies outside the output folder")
    return norm


def strip_controls(text: str) -> tuple[str, int]:
    """``text`` without control characters, and how many there were."""
    return _CONTROL.subn("", text)


def first_control(text: str) -> int:
    """Where the first control character of ``text`` is (-1: none)."""
    found = _CONTROL.search(text)
    return found.start() if found else -1


def csv_cell(value):
    """A CSV cell a spreadsheet shows as text, never runs: a leading ``'`` before a formula start."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# The top-level URLs the site itself publishes (generator.pages, generator.index, Pagefind); a
# committee folder of the same name would replace that page. tests/test_security.py checks this
# list against a real build, so a new top-level page cannot be forgotten here.
RESERVED = frozenset({"404.html", "anslagstavla", "arende", "data", "dokument", "feed.xml", "kalender.ics", "ledamot",
                      "pagefind", "personuppgifter", "robots.txt", "search", "sitemap.xml", "sok", "static",
                      "tillganglighet", "index.html"})
