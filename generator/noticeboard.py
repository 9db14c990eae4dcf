"""The digital notice board (*anslagstavla*): when minutes are announced and until when they
may be appealed.

Kommunallagen (2017:725) 8 kap. 12 §: that minutes have been adjusted is announced on the
notice board no later than the second day after the adjustment, with where the minutes are kept.
13 kap. 5 §: an appeal must arrive within three weeks from the day the announcement was posted.
Lag (1930:173) om beräkning av lagstadgad tid: a period whose last day falls on a Saturday,
Sunday, public holiday, midsommarafton, julafton or nyårsafton ends on the next weekday.

The date rules are pure functions of dates. The board itself depends on the build date (which
notices are still up), which comes from ``--today`` or ``SOURCE_DATE_EPOCH`` so that a build of the
same content on the same day gives the same bytes.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import ClassVar

from generator.config import Config
from generator.index.localtime import STOCKHOLM
from generator.model import Committee, Meeting, Minutes, Site, Source, own_file, shown
from generator.problems import ContentError, Problem
from generator.text import long_date

APPEAL_PERIOD = timedelta(weeks=3)  # 13 kap. 5 § kommunallagen
POSTING_DAYS = timedelta(days=2)  # 8 kap. 12 § kommunallagen
ONE_DAY = timedelta(days=1)
BOARD_URL = "/anslagstavla/"


def easter_sunday(year: int) -> date:
    """Påskdagen in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * ell) // 433
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_between(first: date) -> date:
    """The Saturday in the seven days starting with ``first``."""
    return first + timedelta(days=(5 - first.weekday()) % 7)


@lru_cache(maxsize=64)
def days_off(year: int) -> frozenset[date]:
    """The public holidays of ``year`` (lag (1989:253) om allmänna helgdagar) and the eves that
    lag (1930:173) treats like them. Saturdays and Sundays are days off anyway."""
    easter = easter_sunday(year)
    midsummer = _saturday_between(date(year, 6, 20))  # midsommardagen
    fixed = [date(year, month, day) for month, day in
             ((1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31))]
    moving = [easter - 2 * ONE_DAY, easter, easter + ONE_DAY,  # långfredagen, påskdagen, annandag påsk
              easter + 39 * ONE_DAY, easter + 49 * ONE_DAY,  # Kristi himmelsfärdsdag, pingstdagen
              midsummer - ONE_DAY, midsummer,  # midsommarafton, midsommardagen
              _saturday_between(date(year, 10, 31))]  # alla helgons dag
    return frozenset(fixed + moving)


def is_weekday(day: date) -> bool:
    """A day on which a period may end: not a weekend, holiday, or eve that counts as one."""
    return day.weekday() < 5 and day not in days_off(day.year)


def next_weekday(day: date) -> date:
    """``day`` itself if a period may end on it, else the first weekday after it."""
    while not is_weekday(day):
        day += ONE_DAY
    return day


def appeal_deadline(posted: date) -> date:
    """The last day to appeal (*sista dag för överklagande*) of minutes announced on ``posted``."""
    return next_weekday(posted + APPEAL_PERIOD)


def take_down(posted: date) -> date:
    """The day the notice is taken down: the day after the appeal period has run out."""
    return appeal_deadline(posted) + ONE_DAY


def latest_posting(adjusted: date) -> date:
    """The last day the adjustment may be announced: the second day after it (moved to the next
    weekday like every statutory period)."""
    return next_weekday(adjusted + POSTING_DAYS)


def posted_date(posted: date | None, adjusted: date | None, meeting: date) -> date:
    """The day the notice went up: as stated, else the adjustment date, else the meeting date."""
    return posted or adjusted or meeting


def is_current(posted: date, today: date) -> bool:
    """Whether the notice is still on the board on ``today`` (until its appeal period has run out;
    a notice dated after ``today`` is shown as soon as it is built)."""
    return today < take_down(posted)


def build_date(today: str | None, environ: Mapping[str, str]) -> date:
    """The date the board is built for: ``--today`` (YYYY-MM-DD), else ``SOURCE_DATE_EPOCH``
    (seconds since 1970, as reproducible builds set it), else today; in Swedish time."""
    if today:
        try:
            return date.fromisoformat(today)
        except ValueError:
            raise ContentError([Problem("--today", 0, "", f"expected a date YYYY-MM-DD, got {today!r}")]) from None
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), STOCKHOLM).date()
        except (ValueError, OverflowError, OSError):
            raise ContentError([Problem("SOURCE_DATE_EPOCH", 0, "",
                                        f"expected a whole number of seconds since 1970, got {epoch!r}")]) from None
    return datetime.now(STOCKHOLM).date()


@dataclass(eq=False)
class Notice:
    """A notice (*anslag*) on the board that a meeting's minutes have been adjusted: when it went up,
    until when the decisions may be appealed, and where the minutes are kept (*förvaringsplats*)."""

    minutes: Minutes
    posted: date
    adjusted: date | None
    storage: str
    current: bool = True  # still on the board on the build date

    noun: ClassVar[str] = "anslag"
    kind: ClassVar[str] = "anslag"
    feed_owner: ClassVar[None] = None  # its page links the board's feed itself

    @property
    def meeting(self) -> Meeting:
        return self.minutes.meeting

    @property
    def source(self) -> Source:
        return self.minutes.source

    @property
    def paragraphs(self) -> str:
        """The § range the minutes cover as it is written: ``§§ 287–296``, ``§ 93``."""
        covers = self.minutes.covers
        return f"§§ {covers.replace('-', '–')}" if "-" in covers else f"§ {covers}" if covers else ""

    @property
    def url(self) -> str:
        return f"{BOARD_URL}{self.meeting.committee.id}-{self.meeting.id}/"

    @property
    def committee(self) -> Committee:
        return self.meeting.committee

    @property
    def sort_date(self) -> date:
        return self.posted

    @property
    def deadline(self) -> date:
        """The last day to appeal (*sista dag för överklagande*)."""
        return appeal_deadline(self.posted)

    @property
    def taken_down(self) -> date:
        return take_down(self.posted)

    @property
    def late(self) -> bool:
        """Posted later than kommunallagen allows (8 kap. 12 §)."""
        return self.adjusted is not None and self.posted > latest_posting(self.adjusted)

    def heading(self, language: str) -> str:
        return f"{self.committee.name}, {long_date(self.meeting.date, language)}"

    def description_text(self) -> str:
        paragraphs = f"{self.paragraphs} · " if self.paragraphs else ""
        return f"{paragraphs}{self.posted.isoformat()} – {self.deadline.isoformat()} · {self.storage}"

    def inputs(self) -> list[tuple[str, str]]:
        """Its dates and storage come from the minutes and the meeting; whether it is still up, from
        the build date."""
        return [own_file(self.minutes), own_file(self.meeting), ("", str(self.current))]


@dataclass(eq=False)
class NoticeBoard:
    """The notice board (*anslagstavla*) as of the build date: notices of adjusted minutes, newest
    first, and the meetings still to come with their notices (*kallelse*)."""

    today: date
    notices: list[Notice] = field(default_factory=list)
    upcoming: list[Meeting] = field(default_factory=list)

    url: ClassVar[str] = BOARD_URL
    noun: ClassVar[str] = "anslagstavla"
    kind: ClassVar[str] = "anslagstavla"
    committee: ClassVar[None] = None
    feed_owner: ClassVar[None] = None  # its page links its own feed

    @property
    def sort_date(self) -> date:
        return self.today

    @property
    def current(self) -> list[Notice]:
        return [n for n in self.notices if n.current]

    @property
    def past(self) -> list[Notice]:
        return [n for n in self.notices if not n.current]

    def heading(self, language: str) -> str:
        return {"sv": "Anslagstavla", "en": "Notice board"}[language]

    def description_text(self) -> str:
        return "\n".join(n.description_text() for n in self.current)

    def inputs(self) -> list[tuple[str, str]]:
        """The build date (it is shown), the notices' files and what it shows of upcoming meetings."""
        files = [f for n in self.notices for f in (own_file(n.minutes), own_file(n.meeting))]
        return [("", self.today.isoformat()), *files, *map(shown, self.upcoming)]


def board(site: Site, config: Config, today: date) -> NoticeBoard:
    """The board of ``site`` as of ``today``."""
    notices = [notice for meeting in site.meetings if (notice := notice_of(meeting, config, today))]
    notices.sort(key=lambda n: (n.posted, n.meeting.date, n.url), reverse=True)
    upcoming = sorted((m for m in site.meetings if m.date >= today and m.kind == "kallelse"),
                      key=lambda m: (m.date, m.time, m.url))
    return NoticeBoard(today, notices, upcoming)


def notice_of(meeting: Meeting, config: Config, today: date) -> Notice | None:
    """The notice of a meeting's adjusted minutes; None when the meeting has no minutes."""
    minutes = meeting.minutes
    if minutes is None:
        return None
    posted = posted_date(minutes.posted, minutes.adjustment_date, meeting.date)
    storage = minutes.storage or config.notice_board.get("storage") or meeting.committee.organisation
    return Notice(minutes, posted, minutes.adjustment_date, storage, current=is_current(posted, today))
