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
from datetime import date, datetime, timedelta
from functools import lru_cache

from generator.index.clock import STOCKHOLM
from generator.problems import ContentError, Problem

APPEAL_PERIOD = timedelta(weeks=3)  # 13 kap. 5 § kommunallagen
POSTING_DAYS = timedelta(days=2)  # 8 kap. 12 § kommunallagen
ONE_DAY = timedelta(days=1)


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
