"""The notice board's date rules (kommunallagen 8:12 and 13:5, lag (1930:173)) on known dates."""
from datetime import date

import pytest

from generator import noticeboard as nb
from generator.problems import ContentError


@pytest.mark.parametrize("year, easter", [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)),
                                          (2026, date(2026, 4, 5)), (2019, date(2019, 4, 21)),
                                          (2038, date(2038, 4, 25)), (2008, date(2008, 3, 23))])
def test_easter(year, easter):
    assert nb.easter_sunday(year) == easter


def test_swedish_days_off_2025():
    off = nb.days_off(2025)
    for day in [date(2025, 1, 1), date(2025, 1, 6), date(2025, 4, 18), date(2025, 4, 21), date(2025, 5, 1),
                date(2025, 5, 29), date(2025, 6, 6), date(2025, 6, 20), date(2025, 6, 21), date(2025, 11, 1),
                date(2025, 12, 24), date(2025, 12, 25), date(2025, 12, 26), date(2025, 12, 31)]:
        assert day in off, day
    assert date(2025, 6, 19) not in off and date(2025, 4, 17) not in off and date(2025, 4, 22) not in off
    assert not nb.is_weekday(date(2025, 6, 20))  # midsommarafton, a Friday
    assert nb.is_weekday(date(2025, 6, 23))


def test_three_weeks_on_an_ordinary_weekday():
    assert nb.appeal_deadline(date(2025, 2, 7)) == date(2025, 2, 28)  # Friday → Friday, month end
    assert nb.take_down(date(2025, 2, 7)) == date(2025, 3, 1)


def test_three_weeks_ending_on_a_weekend_move_to_monday_across_a_month_end():
    # Posted Saturday 2025-03-08: three weeks later is Saturday 29 March, the deadline Monday 31 March.
    assert nb.appeal_deadline(date(2025, 3, 8)) == date(2025, 3, 31)
    # Posted Sunday 2025-08-10 → Sunday 31 August → Monday 1 September (a new month).
    assert nb.appeal_deadline(date(2025, 8, 10)) == date(2025, 9, 1)
    assert nb.take_down(date(2025, 8, 10)) == date(2025, 9, 2)


def test_holidays_move_the_deadline():
    # Easter 2025: three weeks after 28 March is långfredagen 18 April → over Easter to Tuesday 22 April.
    assert nb.appeal_deadline(date(2025, 3, 28)) == date(2025, 4, 22)
    # Midsommarafton 2025 is Friday 20 June → Monday 23 June.
    assert nb.appeal_deadline(date(2025, 5, 30)) == date(2025, 6, 23)
    # Christmas 2025: julafton Wednesday 24 → Saturday 27 was never a weekday → Monday 29 December.
    assert nb.appeal_deadline(date(2025, 12, 3)) == date(2025, 12, 29)
    # Nyårsafton Wednesday 31 December, nyårsdagen Thursday → Friday 2 January 2026, a new year.
    assert nb.appeal_deadline(date(2025, 12, 10)) == date(2026, 1, 2)
    # Kristi himmelsfärdsdag 2026 is Thursday 14 May.
    assert nb.appeal_deadline(date(2026, 4, 23)) == date(2026, 5, 15)


def test_two_day_rule_for_posting():
    assert nb.latest_posting(date(2025, 2, 3)) == date(2025, 2, 5)  # Monday → Wednesday
    # Adjusted Thursday: the second day is a Saturday, so Monday is still in time.
    assert nb.latest_posting(date(2025, 2, 6)) == date(2025, 2, 10)
    # Adjusted Friday 30 May 2025: Sunday 1 June → Monday 2 June, across a month end.
    assert nb.latest_posting(date(2025, 5, 30)) == date(2025, 6, 2)


def test_posted_date_defaults():
    assert nb.posted_date(None, date(2025, 2, 7), date(2025, 2, 3)) == date(2025, 2, 7)
    assert nb.posted_date(None, None, date(2025, 2, 3)) == date(2025, 2, 3)
    assert nb.posted_date(date(2025, 2, 8), date(2025, 2, 7), date(2025, 2, 3)) == date(2025, 2, 8)


def test_current_until_the_appeal_period_has_run_out():
    posted = date(2025, 3, 8)  # deadline Monday 31 March
    assert nb.is_current(posted, date(2025, 3, 8))
    assert nb.is_current(posted, date(2025, 3, 31))
    assert not nb.is_current(posted, date(2025, 4, 1))
    assert nb.is_current(date(2025, 5, 1), date(2025, 3, 1))  # not yet posted: shown with the current ones


def test_build_date_from_option_environment_or_clock():
    assert nb.build_date("2025-03-31", {"SOURCE_DATE_EPOCH": "0"}) == date(2025, 3, 31)
    # 2025-03-31 22:30 UTC is already 1 April in Sweden (summer time, UTC+2).
    assert nb.build_date(None, {"SOURCE_DATE_EPOCH": "1743460200"}) == date(2025, 4, 1)
    assert nb.build_date(None, {}) >= date(2025, 1, 1)
    with pytest.raises(ContentError, match="--today.*YYYY-MM-DD"):
        nb.build_date("31/3", {})
    with pytest.raises(ContentError, match="SOURCE_DATE_EPOCH"):
        nb.build_date(None, {"SOURCE_DATE_EPOCH": "igår"})
