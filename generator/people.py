"""People (*ledamöter*): the elected persons the minutes name, one record each across name forms.

Minutes write one person in several ways: ``Lisa Andersson (M), ordförande`` in the attendance,
``Lisa Andersson (M)`` under a reservation, ``LISA ANDERSSON`` on the e-signature page. They are
one person when their identity keys match: the name without party or role, case-folded, with
whitespace collapsed. Only names in the minutes' structured fields become people (attendance
other than officials, ballots, motions, reservations, protocol notes, conflicts of interest);
names in running text never do, nor do officials (*tjänstepersoner*).
"""
from __future__ import annotations

import re
import unicodedata

from generator.text import slugify

# "Name (PARTY), role" — party and role both optional; a role may itself contain commas.
_PERSON = re.compile(r"^\s*(?P<name>[^(),]+?)\s*(?:\(\s*(?P<party>[^()]*?)\s*\))?\s*(?:,\s*(?P<role>.*?))?\s*$")
_SPACE = re.compile(r"\s+")


def parse_person(text: str) -> tuple[str, str, str]:
    """``"Lisa Andersson (M), ordförande"`` → ``("Lisa Andersson", "M", "ordförande")``; a text
    that does not follow the pattern is all name."""
    match = _PERSON.match(text)
    if not match:
        return _SPACE.sub(" ", text).strip(), "", ""
    return _SPACE.sub(" ", match["name"]), match["party"] or "", match["role"] or ""


def identity(name: str) -> str:
    """The identity key of a name in any of its forms: without party or role, case-folded, NFC,
    whitespace collapsed. ``"LISA  ANDERSSON"`` and ``"Lisa Andersson (M)"`` give the same key."""
    bare = parse_person(name)[0]
    return unicodedata.normalize("NFC", bare).casefold()


def better_name(current: str, candidate: str) -> str:
    """The form of a name to show: one written in mixed case beats one in capitals (an
    e-signature's ``LISA ANDERSSON``); otherwise the first seen stays."""
    return candidate if current.isupper() and not candidate.isupper() else current


def assign_slugs(keys_and_names: list[tuple[str, str]]) -> dict[str, str]:
    """A URL slug per identity key: the ASCII-folded name (``Åsa Öberg`` → ``asa-oberg``); when
    two people fold to the same slug, the later key in sorted order gets ``-2``, ``-3`` …"""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for key, name in sorted(keys_and_names):
        base = slugify(name) or "person"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[key] = slug
    return slugs
