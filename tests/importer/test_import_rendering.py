"""The nasty cases of the seeds, checked on the built pages (field guide §7, §10)."""
from __future__ import annotations

from bs4 import BeautifulSoup


def _page(imported, path: str) -> BeautifulSoup:
    return BeautifulSoup((imported["out"] / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_glued_heading_renders_without_asterisks(imported):
    page = _page(imported, "socialnamnden/2012-12-11/02")
    assert "**" not in page.get_text()
    headings = " ".join(h.get_text(" ") for h in page.find_all(["h1", "h2"]))
    assert "Ombyggnad: Nya platser för jourboende på Gröndalsvägen 8" in headings


def test_glued_minutes_header_is_split(imported):
    page = _page(imported, "socialnamnden/2018-04-24/12/bilaga-1")
    text = page.get_text(" ")
    assert "**" not in text
    assert "Offentligt sammanträde" in text and "Sammanträdesdag" in text


def test_no_literal_asterisks_or_code_blocks_anywhere(imported):
    for page in (imported["out"] / "socialnamnden").rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        main = soup.find("main") or soup
        assert not main.find("pre"), page
        assert "**" not in main.get_text(), page


def test_tab_table_with_leading_tab_is_a_table(imported):
    page = _page(imported, "socialnamnden/2012-12-11/03/bilaga-1")
    cells = [c.get_text(" ", strip=True) for c in page.find_all(["td", "th"])]
    assert "2011 (utfall)" in cells
    assert not page.find("pre")


def test_cut_word_is_whole_again(imported):
    page = _page(imported, "socialnamnden/2012-12-11/04")
    text = page.get_text(" ")
    assert "vuxenutbildningsförvaltningen" in text
    assert "vuxenut-" not in text


def test_numbered_titles_are_not_lists(imported):
    page = _page(imported, "socialnamnden/2012-12-11/03/bilaga-1")
    main = page.find("main") or page
    assert not main.find("ol")
    assert "1. Projektets namn" in main.get_text(" ")


def test_html_fragments_lose_style_and_keep_redaction(imported):
    content = imported["content"]
    texts = [p.read_text(encoding="utf-8") for p in content.rglob("*.md")]
    assert not any("style=" in t for t in texts)
    assert any("[redacted]" in t for t in texts)


def test_running_headers_removed_from_report(imported):
    text = (imported["content"] / "socialnamnden/2012-12-11/02/tjansteskrivelse.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    assert "Dnr SN/2012:195" not in body and "2012-11-26" not in body
