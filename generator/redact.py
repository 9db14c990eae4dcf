"""Redaction, a step between load and link: text that must not be published (a private person's
name, a client's case) is replaced by the marker real records already use, ``[redacted]``.

It runs on the model before anything is rendered or indexed, so redacted text never reaches a
page, the search index, a feed or a data file. Rules come from ``redact`` in ``config.yaml``:
a plain string is replaced where it occurs exactly; ``{pattern: REGEX}`` is a regular expression.
"""
from __future__ import annotations

import re
from dataclasses import fields, is_dataclass

from generator.config import Config
from generator.model import Site
from generator.problems import ContentError

MARKER = "[redacted]"
# Fields that name or place a record rather than say something: rewriting them would move URLs.
_STRUCTURAL = {"id", "kind", "prefix", "date", "time", "end_time", "source"}


class Redactor:
    """The compiled rules of a site; counts the replacements each rule makes."""

    def __init__(self, config: Config):
        self.rules = [_compile(rule, index, config) for index, rule in enumerate(config.redact)]
        self.counts = {label: 0 for label, _ in self.rules}

    def __call__(self, text: str) -> str:
        for label, pattern in self.rules:
            text, n = pattern.subn(MARKER, text)
            self.counts[label] += n
        return text


def redact_site(site: Site, config: Config) -> dict[str, int]:
    """Redact every text of every record in place; returns replacements per rule."""
    redactor = Redactor(config)
    if redactor.rules:
        for record in site.content_records():
            _redact_record(record, redactor)
            for part in getattr(record, "parts", list)():  # the minutes' people, votes, motions …
                _redact_record(part, redactor)
    return redactor.counts


def _redact_record(record, redactor: Redactor) -> None:
    for f in fields(record):
        if f.name not in _STRUCTURAL:
            value = getattr(record, f.name)
            cleaned = _clean(value, redactor)
            if cleaned is not value:
                setattr(record, f.name, cleaned)


def _clean(value, redactor: Redactor):
    """Texts, and lists and mappings of texts, redacted; records and other values untouched."""
    if isinstance(value, str):
        return redactor(value)
    if isinstance(value, list) and value and not any(is_dataclass(v) for v in value):
        return [_clean(v, redactor) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v, redactor) for k, v in value.items()}
    return value


def _compile(rule, index: int, config: Config) -> tuple[str, re.Pattern]:
    key = f"redact[{index}]"
    if isinstance(rule, str) and rule:
        return rule, re.compile(re.escape(rule))
    if isinstance(rule, dict) and set(rule) == {"pattern"} and isinstance(rule["pattern"], str):
        try:
            return rule["pattern"], re.compile(rule["pattern"])
        except re.error as exc:
            raise ContentError([config.problem(key, f"invalid regular expression: {exc}")]) from None
    raise ContentError([config.problem(key, f"expected a text or {{pattern: regular expression}}, got {rule!r}")])
