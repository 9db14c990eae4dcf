"""What a published site offers besides its pages: Atom feeds, iCalendar files, sitemap and
robots.txt, canonical and Open Graph metadata, and open data with JSON Schemas."""
import csv
import io
import json
from datetime import date, datetime, timezone
from pathlib import Path
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import jsonschema
import pytest
from bs4 import BeautifulSoup

from support import FIXTURE, ROOT, build_into

BASE = "https://example.org/namnder/"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    """The hand-made fixture site, published at a sub-path of a real host."""
    return build_into(FIXTURE, tmp_path_factory.mktemp("pub") / "site", "--base-url", BASE)


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    """The repository's content/ (the imported seed records), published the same way."""
    return build_into(ROOT, tmp_path_factory.mktemp("pubseeds") / "site", "--base-url", BASE, "--no-search")


def data(site: Path, name: str):
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def html_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]


def page_url(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return BASE + (rel[:-len("index.html")] if rel.endswith("index.html") else rel)


@pytest.mark.parametrize("which", ["fixture_site", "seed_site"])
def test_site_feed_parses_and_holds_every_meeting_with_absolute_urls(which, request):
    site = request.getfixturevalue(which)
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    links = [e.link for e in feed.entries]
    meetings = data(site, "meetings.json")
    assert meetings, "the site has meetings"
    oldest = min(e.updated[:10] for e in feed.entries)  # the feed holds the newest entries only
    for meeting in meetings:
        if meeting["date"] > oldest:
            assert BASE + meeting["url"].lstrip("/") in links, meeting
    assert sum(link.endswith(m["url"]) for link in links for m in meetings) >= min(len(meetings), 2)
    assert all(link.startswith(BASE) for link in links) and feed.feed.link.startswith(BASE)
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True), "newest first"


def test_committee_and_case_feeds_hold_only_their_own_records(fixture_site):
    committee = feedparser.parse((fixture_site / "socialnamnden/feed.xml").read_bytes())
    assert not committee.bozo and committee.entries
    assert all(e.link.startswith(BASE + "socialnamnden/") for e in committee.entries)
    case = feedparser.parse((fixture_site / "arende/sn-2012-195/feed.xml").read_bytes())
    assert not case.bozo
    assert {e.link for e in case.entries} >= {BASE + "socialnamnden/2012-12-11/02/",
                                             BASE + "vard-och-omsorgsnamnden/2013-01-15/01/"}
    entry = next(e for e in committee.entries if e.link == BASE + "socialnamnden/2012-12-11/")
    assert entry.updated == "2012-12-11T19:30:00+01:00"  # the meeting's own time, never the clock


def test_pages_link_their_feeds(fixture_site):
    def feeds(rel):
        page = BeautifulSoup((fixture_site / rel).read_text(encoding="utf-8"), "html.parser")
        return [link["href"] for link in page.find_all("link", rel="alternate", type="application/atom+xml")]
    assert feeds("index.html") == ["/namnder/feed.xml"]
    assert feeds("socialnamnden/2012-12-11/02/index.html") == ["/namnder/socialnamnden/feed.xml", "/namnder/feed.xml"]
    assert feeds("arende/sn-2012-195/index.html")[0] == "/namnder/arende/sn-2012-195/feed.xml"
    committee = (fixture_site / "socialnamnden/index.html").read_text(encoding="utf-8")
    assert 'href="/namnder/socialnamnden/kalender.ics"' in committee


@pytest.mark.parametrize("which", ["fixture_site", "seed_site"])
def test_calendar_holds_every_meeting_at_its_local_time(which, request):
    site = request.getfixturevalue(which)
    calendar = icalendar.Calendar.from_ical((site / "kalender.ics").read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    meetings = data(site, "meetings.json")
    assert len(events) == len(meetings)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Stockholm"
    for meeting in meetings:
        event = events[f"{meeting['committee_id']}-{meeting['id']}@example.org"]
        start = event.decoded("DTSTART")
        assert str(event["URL"]) == BASE + meeting["url"].lstrip("/")
        if meeting["time"]:
            local = start.astimezone(STOCKHOLM)
            assert (local.date().isoformat(), local.strftime("%H:%M")) == (meeting["date"], meeting["time"])
        else:
            assert start == date.fromisoformat(meeting["date"])


def test_calendar_times_are_swedish_local_time_in_winter_and_summer(fixture_site):
    calendar = icalendar.Calendar.from_ical((fixture_site / "socialnamnden/kalender.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART").astimezone(timezone.utc) == datetime(2012, 12, 11, 18, 30, tzinfo=timezone.utc)
    summer = datetime(2018, 4, 24, 18, 0, tzinfo=STOCKHOLM)
    assert summer.utcoffset().total_seconds() == 7200  # the zone the calendar names observes CEST


def test_sitemap_lists_exactly_the_published_pages(fixture_site):
    sitemap = ElementTree.parse(fixture_site / "sitemap.xml").getroot()
    listed = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(listed) == len(set(listed))
    assert set(listed) == {page_url(fixture_site, p) for p in html_pages(fixture_site)}
    robots = (fixture_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_every_page_has_canonical_url_and_open_graph(fixture_site):
    for page in html_pages(fixture_site):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert doc.find("link", rel="canonical")["href"] == page_url(fixture_site, page)
        for prop in ("og:title", "og:description", "og:url"):
            assert doc.find("meta", property=prop)["content"].strip(), f"{page}: {prop}"


@pytest.mark.parametrize("which", ["fixture_site", "seed_site"])
def test_json_files_validate_against_their_published_schemas(which, request):
    site = request.getfixturevalue(which)
    for name in ("items", "meetings", "cases", "documents"):
        schema = data(site, f"{name}.schema.json")
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(data(site, f"{name}.json"), schema, format_checker=jsonschema.FormatChecker())


def test_cases_and_documents_tie_records_to_diary_numbers(fixture_site):
    cases = {c["diary_number"]: c for c in data(fixture_site, "cases.json")}
    carriers = {r["id"] for r in cases["SN 2012:195"]["carriers"]}
    assert "socialnamnden/2012-12-11/02" in carriers
    assert "socialnamnden/2012-12-11/02/tjansteskrivelse" in carriers
    documents = {d["id"]: d for d in data(fixture_site, "documents.json")}
    assert documents["dokument/budgetplan-2013"]["kind"] == "dokument"
    assert documents["socialnamnden/2012-12-11/02/bilaga-1"]["item_id"] == "socialnamnden/2012-12-11/02"


def test_csv_files_are_rfc_4180_utf8_with_a_row_per_record(fixture_site):
    for name in ("items", "meetings"):
        raw = (fixture_site / f"data/{name}.csv").read_bytes()
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
        records = data(fixture_site, f"{name}.json")
        assert len(rows) == len(records)
        assert rows[0]["url"] == records[0]["url"]
    items = list(csv.DictReader(io.StringIO((fixture_site / "data/items.csv").read_text(encoding="utf-8"))))
    assert any(row["title"].startswith("Ombyggnad: Nya platser") and row["diary_numbers"] == "SN 2012:195"
               for row in items)


def test_data_page_lists_files_schemas_and_licence(fixture_site):
    page = BeautifulSoup((fixture_site / "data/index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    for name in ("items.json", "items.csv", "meetings.json", "meetings.csv", "cases.json", "documents.json",
                 "items.schema.json", "cases.schema.json"):
        assert f"/namnder/data/{name}" in hrefs
    assert page.find("a", rel="license")["href"].startswith("https://creativecommons.org/")
