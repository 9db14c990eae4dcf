"""People named in the minutes (*ledamöter*): how a name is written there."""
from __future__ import annotations

import re

# "Lisa Andersson (M), ordförande": a name, an optional (PARTY), an optional ", role or title".
_PERSON = re.compile(r"\s*(?P<name>[^(),]+?)\s*(?:\((?P<party>[^()]*)\))?\s*(?:,\s*(?P<role>.*?))?\s*")


def parse_person(text: str) -> tuple[str, str, str]:
    """(name, party, role) of a person as the minutes write them; party and role may be ""."""
    match = _PERSON.fullmatch(text)
    if match is None:  # e.g. a stray parenthesis: keep the whole text as the name
        return " ".join(text.split()), "", ""
    return " ".join(match["name"].split()), (match["party"] or "").strip(), (match["role"] or "").strip()


def person_key(text: str) -> str:
    """Who a written name is, whatever its case, spacing or party: "LISA  ANDERSSON" and
    "Lisa Andersson (M)" are one person."""
    return " ".join(parse_person(text)[0].casefold().split())
