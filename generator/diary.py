"""Diary numbers (*diarienummer*): parsing, finding and normalising them in text.

A diary number is a body prefix, a year and a sequence number. A site names its scheme in
``config.yaml`` (``diary_scheme``, docs/importing.md):

- ``colon`` (default): ``SN 2012:195``. Real records write it in many forms (``SN/2012:195``,
  ``Dnr SN/2012:195``, ``SN Dnr 2018:90``, ``KS//2016:111``, ``SN/2017:233/``, or split over a line
  break). Statute numbers such as ``(2010:1622)`` have the same ``YYYY:N`` shape but no prefix, so
  requiring a known prefix keeps them out.
- ``dash``: ``KS-2024-00544``, a five- or six-digit serial. Written with an en dash, an underscore
  or a space for a hyphen, a doubled prefix (``IF IF-2024-00235``) or wrapped after a hyphen.
- ``slash``: ``KS 2024/123`` (also ``KS-2024/123``, ``KS/2024/123``); the serial as written.
- ``{pattern: REGEX}``: named groups ``year`` and ``seq`` (and ``prefix``); written in dash form.

Other bodies' references (``S2024/01282``, ``SFS 2020:1``, ``SI 2025:5869``) never match: their
prefix is not one of the site's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True, order=True)
class DiaryNumber:
    """A canonical diary number: ``SN 2012:195`` (colon scheme, no leading zeros),
    ``KS-2024-00544`` (dash scheme, ``width`` digits of serial) or ``KS 2024/123`` (slash)."""

    prefix: str
    year: int
    seq: int
    width: int = field(default=0, compare=False)       # digits of the serial as written
    form: str = field(default="colon", compare=False)  # colon | dash | slash

    def __str__(self) -> str:
        serial = f"{self.seq:0{self.width}d}"
        if self.form == "dash":
            return f"{self.prefix}-{self.year}-{serial}"
        if self.form == "slash":
            return f"{self.prefix} {self.year}/{serial}"
        return f"{self.prefix} {self.year}:{self.seq}"

    @property
    def slug(self) -> str:
        """URL slug; stable for ever: ``sn-2012-195``, ``ks-2024-00544``, ``ks-2024-123``."""
        return re.sub(r"[\s:/]", "-", str(self).lower())


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


SCHEMES = ("colon", "dash", "slash")


class DiaryScheme:
    """Finds and parses the diary numbers of the prefixes a site knows (from ``config.yaml``),
    written in the site's scheme (``colon``, ``dash`` or ``{pattern: REGEX}``)."""

    def __init__(self, prefixes: list[str] | tuple[str, ...], scheme: str | dict = "colon"):
        self.canonical = {p.upper(): p for p in prefixes}
        self.scheme = scheme
        bodies = tuple(sorted(self.canonical, key=len, reverse=True))
        if isinstance(scheme, dict):
            self._find, self._malformed = re.compile(scheme["pattern"]), None
            self._anchor = self._find
        elif scheme == "dash":
            self._find, self._malformed, self._anchor = _compile_dash(bodies), None, _YEAR_DASH
        elif scheme == "slash":
            self._find, self._malformed, self._anchor = _compile_slash(bodies), None, _YEAR_SLASH
        else:
            self._find, self._malformed = _compile(bodies)
            self._anchor = _YEAR_COLON

    @property
    def dashed(self) -> bool:
        """Whether numbers carry a serial written as it is (every scheme but colon)."""
        return self.scheme != "colon"

    @property
    def form(self) -> str:
        """How this scheme's numbers are written: colon, dash (also patterns) or slash."""
        return self.scheme if self.scheme in SCHEMES else "dash"

    def with_prefixes(self, more: list[str]) -> DiaryScheme:
        """The same scheme knowing ``more`` prefixes too (a record's own)."""
        return DiaryScheme(list(self.canonical.values()) + [p for p in more if p.upper() not in self.canonical],
                           self.scheme)

    def bare(self, text: str, prefix: str) -> list[DiaryNumber]:
        """Dash-scheme numbers written without their prefix (``2025-00014`` in a notice's
        ``Beteckning`` column, ``Dnr 2025-00005``): completed with the committee's ``prefix``."""
        if not self.dashed:
            return []
        bare = _BARE_SLASH if self.form == "slash" else _BARE
        return [DiaryNumber(prefix, int(m.group(1)), int(m.group(2)), len(m.group(2)), self.form)
                for m in bare.finditer(text)]

    def find(self, text: str) -> list[Mention]:
        """All mentions in ``text``, in order, valid ones and flagged ones."""
        found, end = [], 0
        # Every diary number has 'YYYY:'; the full pattern is tried only in a window around each
        # such anchor, which is far cheaper than trying it at every position of the text.
        for anchor in self._anchor.finditer(text):
            if anchor.start() < end:
                continue
            m = self._find.search(text, max(end, anchor.start() - _REACH), anchor.end() + _REACH)
            if m and m.start() <= anchor.start() and m.end() >= anchor.end():
                found.append(self._mention(m))
                end = m.end()
        if self._malformed and _LONG_YEAR.search(text):
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
        if self.dashed:
            return self._dash_mention(m)
        prefix = self.canonical[m.group("body").upper()]
        text = m.group(0)
        if m.group("suffix"):
            return Mention(m.start(), m.end(), text, None, "foreign")
        if not m.group("seq").isdigit():
            return Mention(m.start(), m.end(), text, None, "placeholder")
        return Mention(m.start(), m.end(), text, DiaryNumber(prefix, int(m.group("year")), int(m.group("seq"))))


    def _dash_mention(self, m: re.Match) -> Mention:
        groups = m.groupdict()
        body = groups.get("body") or groups.get("prefix") or ""
        prefix = self.canonical.get(body.upper(), body.upper())
        seq = m.group("seq")
        number = DiaryNumber(prefix, int(m.group("year")), int(seq), len(seq), self.form)
        return Mention(m.start(), m.end(), m.group(0), number)


_YEAR_COLON = re.compile(r"(?:19|20)\d\d[ \t]*:")
_YEAR_DASH = re.compile(r"(?:19|20)\d\d[ \t]*[-–_][ \t]*\n?[ \t]*\d{5,6}(?!\d)")
_BARE = re.compile(r"(?<![\w/–-])((?:19|20)\d\d)[-–](\d{5,6})(?![\d–-])")
_YEAR_SLASH = re.compile(r"(?:19|20)\d\d[ \t]*/[ \t]*\n?[ \t]*\d{1,6}(?![\d/])")
_BARE_SLASH = re.compile(r"(?<![\w/.:-])((?:19|20)\d\d)/(\d{1,6})(?![\d/])")
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
        re.VERBOSE | re.IGNORECASE,
    )
    malformed = re.compile(rf"(?<![\w/-])(?:{bodies})[ \t]*/{{0,2}}[ \t]*(?:19|20)\d{{2}}\d{{1,5}}(?![\w:])",
                           re.IGNORECASE)
    return find, malformed


@lru_cache(maxsize=16)
def _compile_dash(prefixes: tuple[str, ...]) -> re.Pattern:
    bodies = "|".join(re.escape(p) for p in prefixes) or r"(?!)"
    return re.compile(
        rf"""(?<![\w/-])(?:Dnr\.?[ \t]*:?[ \t]*)?
        (?:(?:{bodies})[ \t]+(?=(?:{bodies})[-–_]))?  # a doubled prefix: 'IF IF-2024-00235'
        (?P<body>{bodies})
        (?:[ \t]*[-–_][ \t]*|[ \t]+)               # '-', '–', '_' or a space
        (?P<year>(?:19|20)\d{{2}})
        [ \t]*[-–_][ \t]*\n?[ \t]*                  # wrapped after the hyphen
        (?P<seq>\d{{5,6}})(?!\d)
        """,
        re.VERBOSE,
    )


@lru_cache(maxsize=16)
def _compile_slash(prefixes: tuple[str, ...]) -> re.Pattern:
    """``KS 2024/123``; a separator between prefix and year is required, so a government office's
    ``S2024/01282`` or ``Ju2024/00970`` is not a number of this site."""
    bodies = "|".join(re.escape(p) for p in prefixes) or r"(?!)"
    return re.compile(
        rf"""(?<![\w/-])(?:Dnr\.?[ \t]*:?[ \t]*)?
        (?P<body>{bodies})
        (?:[ \t]*[-–_/][ \t]*|[ \t]+)(?:Dnr[ \t]+)?
        (?P<year>(?:19|20)\d{{2}})
        [ \t]*/[ \t]*\n?[ \t]*
        (?P<seq>\d{{1,6}})(?![\d/])
        """,
        re.VERBOSE,
    )
