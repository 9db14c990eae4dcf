"""What a build publishes, as text a reader (or a crawler) gets: the text of every page, its
markup with entities decoded, every data file, and every URL. A check of content that looks only
at the Markdown source misses what only rendering makes: ``811218\\-9876`` becomes
``811218-9876``, a file name becomes a URL."""
from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from generator.config import Config
from generator.problems import Problem
from generator.redact import Redactor

TEXT_FILES = (".html", ".json", ".csv", ".xml", ".ics", ".txt")
_URL_SEGMENT = re.compile(r"(?<=/)[^/\s\"'<>?#]+")  # a path segment of a URL or of an output path
_TAG = re.compile(r"<[^>]*>")
NOT_CONTENT = ("pagefind/", "static/")  # made from the pages, and the templates' own files


def published_texts(out: Path) -> Iterator[tuple[str, str]]:
    """(output path, text) for every text file of the build in ``out``, and once for all URLs."""
    urls = []
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if rel.startswith(NOT_CONTENT) or not path.is_file():
            continue
        urls.append("/" + rel)
        if path.suffix not in TEXT_FILES:
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        yield rel, html.unescape(raw)
        if path.suffix == ".html":  # text split by inline markup (<em>811218</em>-9876) joined again
            yield rel, html.unescape(_TAG.sub("", raw))
    yield "", "\n".join(urls)


def find_redacted(config: Config, published) -> list[Problem]:
    """An error for each place a text that ``redact`` removes is still published: in a text, or
    in a URL, also as a slug (``anna-svensson`` for the rule ``Anna Svensson``)."""
    redactor = Redactor(config)
    problems: set[Problem] = set()
    for where, text in published:
        labels = {label for label, pattern in redactor.rules if pattern.search(text)}
        labels |= {label for label in map(redactor.caught, set(_URL_SEGMENT.findall(text))) if label}
        problems |= {Problem(where, 0, "", f"text that redaction rule {label!r} removes is published")
                     for label in labels}
    return sorted(problems)
