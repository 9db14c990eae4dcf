"""The public site as citizens and journalists read it (issue 14): cases that name their subject,
meeting pages, publishing settings."""
from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


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
