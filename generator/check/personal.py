"""Personal data that must not be published: Swedish personal identity numbers (*personnummer*,
and *samordningsnummer*, whose day is the birth day + 60) and the site's own patterns.

A personnummer is YYMMDD-NNNC or YYYYMMDD-NNNC (``-``, ``+`` for people over 100, or nothing
between), with a real date and a Luhn check digit C. Organisation numbers have the same shape but
a "month" of 20 or more (``212000-2882``), so the date test keeps them out; diary numbers
(``SN 2012:195``) never have the shape.
"""
from __future__ import annotations

import re
from datetime import date

from generator.check.sources import Sources
from generator.config import Config
from generator.problems import Problem

_CANDIDATE = re.compile(r"(?<![\w-])(?P<century>\d{2})?(?P<date>\d{6})(?P<sep>[-+]?)(?P<tail>\d{4})(?!\w)")


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


def find_personal_data(sources: Sources, config: Config) -> list[Problem]:
    """An error for every personnummer and every match of ``personal_data_patterns``. The
    report masks what it found: it is printed in CI logs, which may be public."""
    problems: list[Problem] = []
    patterns = _patterns(config, problems)
    for path, lines in sources.lines.items():
        for number, line in enumerate(lines, 1):
            for match in _CANDIDATE.finditer(line):
                if _valid(match):
                    problems.append(Problem(path, number, "", f"personal identity number (personnummer) "
                                            f"{match['century'] or ''}{match['date']}-****: redact it"))
            for index, pattern in patterns:
                if pattern.search(line):
                    problems.append(Problem(path, number, "", f"text matching personal_data_patterns[{index}] "
                                                              f"({pattern.pattern}): redact it"))
    return problems


def _patterns(config: Config, problems: list[Problem]) -> list[tuple[int, re.Pattern]]:
    compiled = []
    for index, pattern in enumerate(config.personal_data_patterns):
        try:
            compiled.append((index, re.compile(pattern)))
        except (re.error, TypeError) as exc:
            problems.append(config.problem(f"personal_data_patterns[{index}]", f"expected a regular expression: {exc}"))
    return compiled
