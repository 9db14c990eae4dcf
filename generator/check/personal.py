"""Personal data that must not be published: Swedish personal identity numbers (*personnummer*,
and *samordningsnummer*, whose day is the birth day + 60) and the site's own patterns.

A personnummer is YYMMDD-NNNC or YYYYMMDD-NNNC (``-``, ``+`` for people over 100, or nothing
between), with a real date and a Luhn check digit C. Organisation numbers have the same shape but
a "month" of 20 or more (``212000-2882``), so the date test keeps them out; diary numbers
(``SN 2012:195``) never have the shape.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from generator.check.sources import Sources
from generator.config import KEYS, Config
from generator.problems import Problem

# Between the date and the last four digits: nothing, or spaces and a line break around a hyphen
# of any kind (en dash, non-breaking U+2011, minus U+2212), Markdown-escaped (``\-``) or an entity,
# and Markdown emphasis marks (``*811218*-9876``).
_SEPARATOR = (r"[ \t]*\n?[ \t]*(?:(?:\\?[-+\u2010-\u2014\u2212]|&#0*45;|&#x0*2d;|&minus;|&ndash;|&hyphen;)"
              r"[ \t]*\n?[ \t]*)?")
_CANDIDATE = re.compile(rf"(?<!\d)(?P<century>\d{{2}})?(?P<date>\d{{6}})"
                        rf"(?P<sep>[*_]{{0,2}}{_SEPARATOR}[*_]{{0,2}})(?P<tail>\d{{4}})(?!\d)", re.I)


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        n = int(char) * (2 if index % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _valid(match: re.Match) -> bool:
    yymmdd = match["date"]
    if not luhn_ok(yymmdd + match["tail"]):
        return False
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    day = day - 60 if day > 60 else day  # samordningsnummer
    centuries = [match["century"]] if match["century"] else ["19", "20"]
    return any(_real_date(int(c + yymmdd[:2]), month, day) for c in centuries)


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def personnummer(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, digits, masked number) of every personnummer in ``text``."""
    for match in _CANDIDATE.finditer(text):
        if _valid(match):
            yield match.start(), match["date"] + match["tail"], f"{match['century'] or ''}{match['date']}-****"


def find_personal_data(sources: Sources, config: Config, published=()) -> list[Problem]:
    """An error for every personnummer and every match of ``personal_data_patterns`` in the
    content files and ``config.yaml``, and for every personnummer in ``published`` ((place, text)
    of what a build published: generator.check.published) that the sources did not show already.
    The report masks what it found: it is printed in CI logs, which may be public."""
    problems: list[Problem] = []
    patterns = _patterns(config, problems)
    texts = {path: "\n".join(lines) for path, lines in sources.lines.items()}
    texts |= _config_values(config)
    seen: set[str] = set()
    for source, (path, text) in [(True, t) for t in texts.items()] + [(False, t) for t in published]:
        for offset, digits, masked in personnummer(text):
            if source or digits not in seen:
                seen.add(digits)
                problems.append(Problem(path, _line(text, offset) if source else 0, "",
                                        f"personal identity number (personnummer) {masked}: redact it"))
    for path, text in texts.items():
        for index, pattern in patterns:
            for line in sorted({_line(text, m.start()) for m in pattern.finditer(text)}):
                problems.append(Problem(path, line, "", f"text matching personal_data_patterns[{index}] "
                                                        f"({pattern.pattern}): redact it"))
    return problems


def _config_values(config: Config) -> dict[str, str]:
    """The published values of ``config.yaml`` (not the rules naming what must not be published),
    each on its key's line, so a finding points at it."""
    keys = [k for k in KEYS if k not in ("redact", "personal_data_patterns") and config.lines.get(k)]
    if not keys:
        return {}
    lines = [""] * max(config.lines[k] for k in keys)
    for key in keys:
        lines[config.lines[key] - 1] += f" {getattr(config, key)}".replace("\n", " ")
    return {str(config.path): "\n".join(lines)}


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _patterns(config: Config, problems: list[Problem]) -> list[tuple[int, re.Pattern]]:
    compiled = []
    for index, pattern in enumerate(config.personal_data_patterns):
        try:
            compiled.append((index, re.compile(pattern)))
        except (re.error, TypeError) as exc:
            problems.append(config.problem(f"personal_data_patterns[{index}]", f"expected a regular expression: {exc}"))
    return compiled
