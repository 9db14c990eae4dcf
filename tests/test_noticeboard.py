"""The notice board's date rules (kommunallagen 8:12 and 13:5, lag (1930:173)) on known dates."""
from datetime import date

import feedparser
import pytest
from bs4 import BeautifulSoup

from generator import noticeboard as nb
from generator.build import BuildOptions, build
from generator.problems import ContentError
from support import build_into, run_diarium


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


# The board of a built site. The fixture's Vård- och omsorgsnämnden adjusted its minutes of
# 15 January 2013 on Sunday 20 January: three weeks end on Sunday 10 February → Monday 11 February.
NOTICE = "anslagstavla/vard-och-omsorgsnamnden-2013-01-15/index.html"


def _build(site, out, today, **extra):
    return build(BuildOptions(content=site / "content", config=site / "config.yaml", out=out, search=False, jobs=1,
                              today=today, **extra))


def _main(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").main


def _facts(main) -> dict[str, str]:
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in main.find_all("dt")}


def _sections(main) -> dict[str, list[str]]:
    """Board heading → the links listed under it."""
    return {h2.get_text(strip=True): [a["href"] for a in _until_next_h2(h2)] for h2 in main.find_all("h2")}


def _until_next_h2(h2):
    for sibling in h2.find_next_siblings():
        if sibling.name == "h2":
            return
        yield from (a for a in sibling.find_all("a") if "/anslagstavla/" in a["href"] or sibling.name == "ul")


def test_board_and_notice_for_a_fixed_build_date(site_dir, tmp_path):
    out = tmp_path / "out"
    build_into(site_dir, out, "--no-search", "--today", "2013-02-11")  # the last day to appeal
    board = _main(out / "anslagstavla/index.html")
    assert "11 februari 2013" in board.find("p", class_="meta").get_text()
    sections = _sections(board)
    assert sections["Aktuella anslag"] == ["/anslagstavla/vard-och-omsorgsnamnden-2013-01-15/"]
    assert "Nedtagna anslag" not in sections
    facts = _facts(board)
    assert facts == {"Nämnd": "Vård- och omsorgsnämnden", "Sammanträdesdatum": "2013-01-15",
                     "Datum för justering": "2013-01-20", "Anslaget uppsatt": "2013-01-20",
                     "Sista dag att överklaga": "2013-02-11", "Anslaget tas ned": "2013-02-12",
                     "Förvaringsplats för protokollet": "Botkyrka kommun"}
    notice = _main(out / NOTICE)
    assert _facts(notice) == facts
    assert "Anslaget är uppsatt." in notice.get_text() and "senast 11 februari 2013" in notice.get_text()


def test_the_notice_is_taken_down_the_day_after_the_appeal_period(site_dir, tmp_path):
    out = tmp_path / "out"
    _build(site_dir, out, "2013-02-12")
    sections = _sections(_main(out / "anslagstavla/index.html"))
    assert sections["Aktuella anslag"] == []
    assert sections["Nedtagna anslag"] == ["/anslagstavla/vard-och-omsorgsnamnden-2013-01-15/"]
    assert "Anslaget är nedtaget" in _main(out / NOTICE).get_text()


def test_upcoming_meetings_with_their_notices(site_dir, tmp_path):
    out = tmp_path / "out"
    _build(site_dir, out, "2012-12-11")  # the day of Socialnämnden's meeting: still to come
    assert _sections(_main(out / "anslagstavla/index.html"))["Kommande sammanträden"] == ["/socialnamnden/2012-12-11/"]
    _build(site_dir, out, "2012-12-12")
    assert _sections(_main(out / "anslagstavla/index.html"))["Kommande sammanträden"] == []


def test_storage_place_from_config(site_dir, tmp_path):
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "notice_board:\n  storage: Kommunledningskontoret, Tumba\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    _build(site_dir, out, "2013-02-01")
    assert _facts(_main(out / NOTICE))["Förvaringsplats för protokollet"] == "Kommunledningskontoret, Tumba"


def test_board_feed_parses_as_atom(site_dir, tmp_path):
    out = tmp_path / "out"
    _build(site_dir, out, "2013-02-01")
    feed = feedparser.parse((out / "anslagstavla/feed.xml").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.title == "Anslagstavla – Testkommunens nämnder"
    [entry] = feed.entries
    assert entry.link == "/anslagstavla/vard-och-omsorgsnamnden-2013-01-15/"
    assert entry.title == "Anslag: Vård- och omsorgsnämnden, 15 januari 2013"
    assert "Överklagandetid t.o.m. 2013-02-11" in entry.summary and entry.updated.startswith("2013-01-20")
    board = BeautifulSoup((out / "anslagstavla/index.html").read_text(encoding="utf-8"), "html.parser")
    assert board.find("link", rel="alternate", href="/anslagstavla/feed.xml")
    _build(site_dir, out, "2014-01-01")  # the feed does not depend on the build date
    assert feedparser.parse((out / "anslagstavla/feed.xml").read_bytes()).entries == feed.entries


def _stamps(out) -> dict[str, tuple]:
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*.html")}


def _rendered(site, out, today) -> set[str]:
    """Build for ``today``; the pages written anew (unchanged ones are carried over)."""
    before = _stamps(out)
    _build(site, out, today)
    return {page for page, written in _stamps(out).items() if before.get(page) != written}


def test_another_build_date_renders_the_board_again(site_dir, tmp_path):
    out = tmp_path / "out"
    _build(site_dir, out, "2013-02-01")
    assert _rendered(site_dir, out, "2013-02-05") == {"anslagstavla/index.html"}  # still up: a new date only
    assert _rendered(site_dir, out, "2013-02-20") == {"anslagstavla/index.html", NOTICE}  # taken down
    assert _rendered(site_dir, out, "2013-02-20") == set()
    clean = tmp_path / "clean"
    _build(site_dir, clean, "2013-02-20", incremental=False)
    assert {p.relative_to(clean): p.read_bytes() for p in clean.rglob("*") if p.is_file()} == \
           {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_build_date_from_source_date_epoch(site_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1360800000")  # 2013-02-14 01:00 in Sweden
    out = tmp_path / "out"
    _build(site_dir, out, None)
    assert "14 februari 2013" in _main(out / "anslagstavla/index.html").find("p", class_="meta").get_text()
    result = run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                         "--out", tmp_path / "bad", "--today", "14/2", check=False)
    assert result.returncode == 1 and "--today: error: expected a date YYYY-MM-DD" in result.stderr
