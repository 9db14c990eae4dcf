"""Diary numbers (*diarienummer*): parsing, finding and normalising them in text.

A diary number is a body prefix, a year and a sequence number: ``SN 2012:195``. Real records
write it in many forms (``SN/2012:195``, ``Dnr SN/2012:195``, ``SN Dnr 2018:90``, ``KS//2016:111``,
``SN/2017:233/``, or split over a line break). Statute numbers such as ``(2010:1622)`` have the
same ``YYYY:N`` shape but no prefix, so requiring a known prefix keeps them out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, order=True)
class DiaryNumber:
    """A canonical diary number, e.g. ``SN 2012:195`` (prefix as configured, no leading zeros)."""

    prefix: str
    year: int
    seq: int

    def __str__(self) -> str:
        return f"{self.prefix} {self.year}:{self.seq}"

    @property
    def slug(self) -> str:
        """URL slug; stable for ever: ``sn-2012-195``."""
        return f"{self.prefix.lower()}-{self.year}-{self.seq}"


@dataclass(frozen=True)
class Mention:
    """One occurrence of something shaped like a diary number in a text.

    ``number`` is set when the mention is a valid diary number of this site. Otherwise
    ``problem`` says why it is not linked: ``placeholder`` (``SN 2016:xx``), ``malformed``
    (a lost colon, ``SN 201245``) or ``foreign`` (another municipality's ``KS/2017:79.007``).
    """

    start: int
    end: int
    text: str
    number: DiaryNumber | None
    problem: str | None = None


class DiaryScheme:
    """Finds and parses the diary numbers of the prefixes a site knows (from ``config.yaml``)."""

    def __init__(self, prefixes: list[str] | tuple[str, ...]):
        self.canonical = {p.upper(): p for p in prefixes}
        self._find, self._malformed = _compile(tuple(sorted(self.canonical, key=len, reverse=True)))

    def find(self, text: str) -> list[Mention]:
        """All mentions in ``text``, in order, valid ones and flagged ones."""
        found, end = [], 0
        # Every diary number has 'YYYY:'; the full pattern is tried only in a window around each
        # such anchor, which is far cheaper than trying it at every position of the text.
        for anchor in _YEAR_COLON.finditer(text):
            if anchor.start() < end:
                continue
            m = self._find.search(text, max(end, anchor.start() - _REACH), anchor.end() + _REACH)
            if m and m.start() <= anchor.start() and m.end() >= anchor.end():
                found.append(self._mention(m))
                end = m.end()
        if _LONG_YEAR.search(text):
            taken = [(m.start, m.end) for m in found]
            for m in self._malformed.finditer(text):
                if not any(s <= m.start() < e for s, e in taken):
                    found.append(Mention(m.start(), m.end(), m.group(0), None, "malformed"))
        return sorted(found, key=lambda m: m.start)

    def numbers(self, text: str) -> list[DiaryNumber]:
        """The distinct valid diary numbers of ``text`` in order of first mention."""
        seen: dict[DiaryNumber, None] = {}
        for m in self.find(text):
            if m.number:
                seen.setdefault(m.number)
        return list(seen)

    def parse(self, text: str) -> DiaryNumber | None:
        """The diary number ``text`` consists of (surrounding brackets and spaces allowed)."""
        stripped = text.strip().strip("()[]").strip()
        found = self.find(stripped)
        if len(found) == 1 and found[0].number and found[0].start == 0 and found[0].end == len(stripped):
            return found[0].number
        return None

    def _mention(self, m: re.Match) -> Mention:
        prefix = self.canonical[m.group("body").upper()]
        text = m.group(0)
        if m.group("suffix"):
            return Mention(m.start(), m.end(), text, None, "foreign")
        if not m.group("seq").isdigit():
            return Mention(m.start(), m.end(), text, None, "placeholder")
        return Mention(m.start(), m.end(), text, DiaryNumber(prefix, int(m.group("year")), int(m.group("seq"))))


_YEAR_COLON = re.compile(r"(?:19|20)\d\d[ \t]*:")
_LONG_YEAR = re.compile(r"(?:19|20)\d{3}")  # a year fused with its sequence number (malformed)
_REACH = 40  # characters a written diary number can extend before/after its 'YYYY:'



@lru_cache(maxsize=16)
def _compile(prefixes: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    bodies = "|".join(re.escape(p) for p in prefixes) or r"(?!)"
    find = re.compile(
        rf"""(?<![\w/-])(?:Dnr\.?[ \t]*:?[ \t]*)?
        (?P<body>{bodies})
        (?:[ \t]+Dnr)?               # 'SN Dnr 2018:90'
        [ \t]*\n?[ \t]*/{{0,2}}[ \t]*\n?[ \t]*  # ' ', '/', '//', or a line break
        (?P<year>(?:19|20)\d{{2}})[ \t]*:[ \t]*
        (?P<seq>\d{{1,6}}(?![\w])|[A-Za-z]{{1,4}}(?![\w]))
        (?P<suffix>[.:]\d{{1,4}}(?!\d))?
        (?:/(?![\w]))?
        """,
        re.X | re.I,
    )
    malformed = re.compile(rf"(?<![\w/-])(?:{bodies})[ \t]*/{{0,2}}[ \t]*(?:19|20)\d{{2}}\d{{1,5}}(?![\w:])", re.I)
    return find, malformed
