"""The public site as citizens and journalists read it (issue 14): cases that name their subject,
meeting pages, publishing settings."""
from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import pytest
from bs4 import BeautifulSoup

from support import build_into, run_diarium


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_a_case_page_names_its_subject_and_links_its_feed(built_fixture):
    page = soup(built_fixture, "/arende/sn-2012-195/")
    assert page.select_one(".case-subject").get_text() == "Ombyggnad: Nya platser för jourboende på Gröndalsvägen 8"
    follow = page.find("a", string="Följ ärendet (nyhetsflöde)")
    assert follow["href"] == "/arende/sn-2012-195/feed.xml"
    assert (built_fixture / "arende/sn-2012-195/feed.xml").is_file()


def test_the_case_index_lists_subject_committee_and_last_date(built_fixture):
    page = soup(built_fixture, "/arende/")
    row = page.find("a", string="SN 2012:195").find_parent("tr")
    assert [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])] == [
        "SN 2012:195", "Ombyggnad: Nya platser för jourboende på Gröndalsvägen 8", "Socialnämnden", "11 december 2012"]
    assert "förkortningen" in page.select_one("main > p").get_text()


def test_without_a_host_robots_has_no_sitemap_line_and_build_says_a_host_is_needed(site_dir, tmp_path):
    result = run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                         "--out", tmp_path / "out", "--base-url", "/")
    out = tmp_path / "out"
    assert (out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    assert not (out / "sitemap.xml").exists()  # the protocol requires absolute URLs
    assert "has no host, which publishing needs" in result.stderr
    # nothing relative where an absolute URL is required
    page = soup(out, "/socialnamnden/2012-12-11/02/")
    assert not page.find("link", rel="canonical") and not page.find("meta", property="og:url")
    assert page.find("meta", property="og:title")
    calendar = icalendar.Calendar.from_ical((out / "kalender.ics").read_bytes())
    assert calendar.walk("VEVENT") and not [e for e in calendar.walk("VEVENT") if "URL" in e]
    ids = _feed_ids(out / "feed.xml") + _feed_ids(out / "arende/sn-2012-195/feed.xml")
    assert len(ids) > 2 and all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in ids), ids
    assert len(set(_feed_ids(out / "feed.xml"))) == len(_feed_ids(out / "feed.xml"))  # one per page
    again = tmp_path / "again"
    run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                "--out", again, "--base-url", "/")
    assert _feed_ids(again / "feed.xml") == _feed_ids(out / "feed.xml")  # stable from build to build
    check = run_diarium("check", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                        "--base-url", "/", "--skip-html", check=False)
    assert "has no host, which publishing needs" in check.stdout + check.stderr


def test_with_a_host_robots_canonical_and_calendar_are_absolute(site_dir, tmp_path):
    out = tmp_path / "out"
    result = run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                         "--out", out, "--base-url", "https://example.org/namnder/")
    assert "has no host" not in result.stderr
    assert (out / "robots.txt").read_text(encoding="utf-8").endswith(
        "\nSitemap: https://example.org/namnder/sitemap.xml\n")
    canonical = soup(out, "/arende/sn-2012-195/").find("link", rel="canonical")["href"]
    assert canonical == "https://example.org/namnder/arende/sn-2012-195/"
    calendar = (out / "kalender.ics").read_text(encoding="utf-8")
    assert "URL:https://example.org/namnder/socialnamnden/2012-12-11/" in calendar
    og = soup(out, "/socialnamnden/2012-12-11/02/").find("meta", property="og:url")["content"]
    assert og == "https://example.org/namnder/socialnamnden/2012-12-11/02/"
    ids = _feed_ids(out / "feed.xml")
    assert "https://example.org/namnder/" in ids and "https://example.org/namnder/socialnamnden/2012-12-11/" in ids


def _feed_ids(feed: Path) -> list[str]:
    """The feed's own id, then its entries'."""
    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.parse(feed).getroot()
    return [root.findtext(f"{atom}id"), *(e.findtext(f"{atom}id") for e in root.iter(f"{atom}entry"))]


def test_a_build_with_nothing_changed_says_so(site_dir, tmp_path):
    args = ["build", "--content", site_dir / "content", "--config", site_dir / "config.yaml", "--out", tmp_path / "o"]
    assert run_diarium(*args).stdout.startswith("Built ")
    assert run_diarium(*args).stdout.startswith("Nothing changed since the last build")


def test_a_failed_first_build_does_not_claim_a_site_was_kept(site_dir, tmp_path):
    item = site_dir / "content/socialnamnden/2012-12-11/02/item.md"
    item.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    result = run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                         "--out", tmp_path / "never", check=False)
    assert result.returncode != 0 and "was left as it was" not in result.stderr
    assert "nothing was written" in result.stderr


def test_every_calendar_event_has_an_end(built_fixture):
    events = icalendar.Calendar.from_ical((built_fixture / "kalender.ics").read_bytes()).walk("VEVENT")
    assert events
    for event in events:
        start = event.decoded("dtstart")
        end = event.decoded("dtend") if "DTEND" in event else start + event.decoded("duration")
        assert end > start, event["uid"]


def test_meeting_page_agenda_first_notes_as_markdown_and_add_to_calendar(site_dir, tmp_path):
    meeting = site_dir / "content/socialnamnden/2012-12-11/meeting.md"
    text = meeting.read_text(encoding="utf-8")
    note = "  - \"*OBS Tiden* är ändrad\"\n  - Gruppmöten"
    meeting.write_text(text.replace("  - Gruppmöten", note), encoding="utf-8")
    out = run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                      "--out", tmp_path / "o", "--quiet") and tmp_path / "o"
    page = soup(out, "/socialnamnden/2012-12-11/")
    html = str(page.main)
    assert "*OBS" not in html and page.select_one(".notes em").get_text() == "OBS Tiden"
    assert html.index('class="agenda"') < html.index('class="notes"')
    link = page.find("a", string="Lägg till i kalendern")
    assert link["href"] == "/socialnamnden/2012-12-11/kalender.ics"
    events = icalendar.Calendar.from_ical((out / "socialnamnden/2012-12-11/kalender.ics").read_bytes()).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["socialnamnden-2012-12-11@diarium"]


def test_importer_notes_are_not_on_public_pages_unless_config_asks(site_dir, tmp_path):
    item = next(p for p in (site_dir / "content").rglob("*.md") if "warnings:" in p.read_text(encoding="utf-8"))
    url = "/" + item.parent.relative_to(site_dir / "content").as_posix() + "/"
    out = tmp_path / "o"
    build_into(site_dir, out)
    assert soup(out, url).select(".import-warnings") == []
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "show_import_warnings: true\n", encoding="utf-8")
    run_diarium("build", "--content", site_dir / "content", "--config", config, "--out", out, "--quiet")
    assert soup(out, url).select(".import-warnings")


def test_a_document_titled_by_its_kind_is_not_labelled_twice(site_dir, tmp_path):
    doc = next((site_dir / "content").rglob("bilaga-*.md"))
    text = doc.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    doc.write_text(text.replace(title, "title: Bilaga 1 Ritning"), encoding="utf-8")
    out = tmp_path / "o"
    build_into(site_dir, out)
    pages = [p.read_text(encoding="utf-8") for p in out.rglob("index.html")]
    assert any("Bilaga 1 Ritning" in p for p in pages)
    assert not any("Bilaga:</span> Bilaga 1" in p or "Bilaga: Bilaga 1" in p for p in pages)
    assert not any("Tryckt nummer" in p for p in pages)


def test_with_the_english_interface_record_text_is_marked_swedish(site_dir, tmp_path):
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: sv", "language: en"), encoding="utf-8")
    out = tmp_path / "o"
    run_diarium("build", "--content", site_dir / "content", "--config", config, "--out", out, "--quiet")
    page = soup(out, "/socialnamnden/2012-12-11/02/")
    assert page.html["lang"] == "en"
    marked = page.select('main [lang="sv"]')
    assert marked and "Gröndalsvägen" in " ".join(m.get_text() for m in marked)
    swedish = soup(built_site := build_sv(site_dir, tmp_path), "/socialnamnden/2012-12-11/02/")
    assert swedish.select('main [lang="sv"]') == [] and built_site


def build_sv(site_dir: Path, tmp_path: Path) -> Path:
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: sv"), encoding="utf-8")
    run_diarium("build", "--content", site_dir / "content", "--config", config, "--out", tmp_path / "sv", "--quiet")
    return tmp_path / "sv"


def test_accessibility_statement_and_privacy_page_are_linked_from_every_footer(site_dir, tmp_path):
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "accessibility:\n  publisher: Testkommunen\n"
                      "  contact: tillganglighet@example.org\n  status: fully\n  reviewed: 2026-01-15\n"
                      "  exceptions: [Äldre protokoll är inskannade bilder.]\n", encoding="utf-8")
    out = tmp_path / "o"
    run_diarium("build", "--content", site_dir / "content", "--config", config, "--out", out, "--quiet")
    statement = soup(out, "/tillganglighet/")
    text = statement.main.get_text(" ", strip=True)
    assert "Testkommunen står bakom" in text and "helt förenlig" in text and "inskannade bilder" in text
    assert statement.find("a", href="mailto:tillganglighet@example.org")
    assert statement.find("a", href="https://www.digg.se/tdosanmalan")
    assert statement.find("time", datetime="2026-01-15")
    assert "sätter inga kakor" in soup(out, "/personuppgifter/").main.get_text()
    for page in out.rglob("index.html"):
        footer = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").footer
        assert footer.find("a", href="/tillganglighet/") and footer.find("a", href="/personuppgifter/"), page


def test_the_accessibility_statement_has_defaults(built_fixture):
    text = soup(built_fixture, "/tillganglighet/").main.get_text(" ", strip=True)
    assert "delvis förenlig" in text and "Testkommunens nämnder" in text and "Digg" in text


def test_an_unknown_compliance_status_is_an_error(site_dir, tmp_path):
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "accessibility:\n  status: mostly\n", encoding="utf-8")
    result = run_diarium("build", "--content", site_dir / "content", "--config", config, "--out", tmp_path / "o",
                         check=False)
    assert result.returncode != 0 and "accessibility.status" in result.stderr
    assert "fully, partially or not" in result.stderr


def test_home_page_meetings_first_with_counts_that_name_what_they_count(built_fixture):
    page = soup(built_fixture, "/")
    headings = [h.get_text() for h in page.main.find_all("h2")]
    assert headings.index("Senaste sammanträdena") < headings.index("Nämnder"), headings
    metas = [m.get_text(" ", strip=True) for m in page.select(".listing .meta")]
    assert metas and all(re.search(r"\d+ ärenden?$", m) for m in metas), metas


@pytest.mark.browser
def test_a_phone_shows_one_search_box_on_the_home_page(built_fixture, serve_dir, browser):
    base = serve_dir(built_fixture)
    for width, boxes in [(390, 1), (1280, 2)]:
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(base + "/")
        assert page.locator("input[type=search]:visible").count() == boxes, width
        page.close()


def test_no_empty_facts_box(tmp_path):
    """A facts box with nothing to say is left out: minutes with no header facts, an attachment
    with no date or sender."""
    meeting = tmp_path / "src/content/namnden/2024-03-05"
    (meeting / "01").mkdir(parents=True)
    (tmp_path / "src/config.yaml").write_text("title: Kommunen\nbase_url: /\n", encoding="utf-8")
    (meeting.parent / "committee.md").write_text("---\nname: Nämnden\nprefix: N\n---\n", encoding="utf-8")
    (meeting / "meeting.md").write_text("---\ndate: 2024-03-05\n---\n", encoding="utf-8")
    (meeting / "protokoll.md").write_text("---\n---\n", encoding="utf-8")
    (meeting / "01/item.md").write_text("---\nnumber: 1\ntitle: Ett ärende\n---\nText.\n", encoding="utf-8")
    (meeting / "01/bilaga.md").write_text("---\nkind: bilaga\ntitle: En bilaga\n---\nKort bilaga.\n", encoding="utf-8")
    out = build_into(tmp_path / "src", tmp_path / "out")
    for url in ["/namnden/2024-03-05/", "/namnden/2024-03-05/01/"]:
        page = soup(out, url)
        boxes = page.select("main dl.facts")
        assert boxes, url  # the meeting's and the item's own facts remain
        assert all(box.find("dt") for box in boxes), url
        assert not [e for e in page.select("main dl.facts > *") if not e.get_text(strip=True)], url
    assert len(soup(out, "/namnden/2024-03-05/").select("main dl.facts")) == 1  # not the minutes' empty one
    assert soup(out, "/namnden/2024-03-05/01/").select_one("main .document h2").get_text() == "Bilaga: En bilaga"
    assert len(soup(out, "/namnden/2024-03-05/01/").select("main dl.facts")) == 1  # not the attachment's


def test_facts_labels_say_what_they_mean(built_fixture):
    """Labels a citizen can read: the officer's report's "Referens" is the case officer, and no
    "Tryckt nummer" or bare "Organ"."""
    item = soup(built_fixture, "/socialnamnden/2012-12-11/02/")
    labels = {dt.get_text() for dt in item.select("main dl.facts dt")}
    assert {"Sammanträde", "Diarienummer", "Handläggare", "Mottagare"} <= labels
    assert not labels & {"Referens", "Tryckt nummer", "Organ", "Organisation"}
