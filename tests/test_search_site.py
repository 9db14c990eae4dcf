"""The site search: Pagefind's index of the built site, the record markup it reads, the search page."""
import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from generator.index import sitesearch
from support import build_into

ITEMS = ["/socialnamnden/2012-12-11/01/", "/socialnamnden/2012-12-11/02/", "/socialnamnden/2012-12-11/03/",
         "/vard-och-omsorgsnamnden/2013-01-15/01/"]
NAVIGATION = ["Hoppa till innehållet", "Publicerad med diarium", "Du är här", "Nästa ärende", "Föregående ärende",
              "Ord eller diarienummer", "Anmärkningar från importen"]


BLOCKS = ["h1", "h2", "h3", "h4", "p", "li"]


def fragments(site: Path) -> dict[str, dict]:
    """Pagefind's stored page records by URL, each with its page id."""
    return {record["url"]: record | {"id": page_id} for page_id, record in sitesearch.fragments(site / "pagefind")}


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.lstrip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_index_covers_every_record_page_and_nothing_else(built_fixture):
    shards = json.loads((built_fixture / "pagefind/shards.json").read_text(encoding="utf-8"))["shards"]
    assert sorted(shards) == ["_ovrigt", "socialnamnden", "vard-och-omsorgsnamnden"]  # one per committee, and the rest
    entries = [json.loads((built_fixture / f"pagefind/{name}/pagefind-entry.json").read_text(encoding="utf-8"))
               for name in shards]
    assert all(list(entry["languages"]) == ["sv"] for entry in entries)  # lang="sv": Swedish stemming
    pages = fragments(built_fixture)
    records = ITEMS + ["/socialnamnden/2012-12-11/", "/vard-och-omsorgsnamnden/2013-01-15/",
                       "/socialnamnden/2012-12-11/02/bilaga-1/", "/dokument/budgetplan-2013/"]
    assert sorted(pages) == sorted(records)
    assert sum(entry["languages"]["sv"]["page_count"] for entry in entries) == len(records)


def test_filters_and_metadata_of_an_item(built_fixture):
    page = fragments(built_fixture)["/socialnamnden/2012-12-11/02/"]
    assert page["filters"] == {"committee": ["socialnamnden"], "year": ["2012"], "type": ["item", "tjansteskrivelse"],
                               "dnr": ["SN 2012:195"], "kind": ["kallelse"]}
    assert page["meta"] == {"title": "2. Ombyggnad: Nya platser för jourboende på Gröndalsvägen 8 (SN 2012:195)",
                            "date": "2012-12-11", "committee": "Socialnämnden", "dnr": "SN 2012:195", "type": "item"}
    attachment = fragments(built_fixture)["/socialnamnden/2012-12-11/02/bilaga-1/"]
    assert attachment["filters"]["type"] == ["bilaga"]
    document = fragments(built_fixture)["/dokument/budgetplan-2013/"]
    assert document["filters"] == {"type": ["dokument"], "year": ["2012"]}  # neither notice nor minutes
    filter_names = {f for p in fragments(built_fixture).values() for f in p["filters"]}
    assert filter_names == {"committee", "year", "type", "dnr", "kind"}
    assert fragments(built_fixture)["/vard-och-omsorgsnamnden/2013-01-15/"]["filters"]["kind"] == ["protokoll"]


def test_dates_of_the_pages_by_year_replace_pagefinds_sort(built_fixture):
    pages = fragments(built_fixture)
    years = {p.stem: json.loads(p.read_text(encoding="utf-8"))
             for p in (built_fixture / "pagefind/dates").glob("*.json")}
    assert sorted(years) == ["2012", "2013"]
    listed = {page_id: day for dates in years.values() for day, ids in dates.items() for page_id in ids}
    # every indexed page with a date, under its date and year; the document dated by its own date
    assert listed == {p["id"]: p["meta"]["date"] for p in pages.values() if "date" in p["meta"]}
    assert listed[pages["/socialnamnden/2012-12-11/02/"]["id"]] == "2012-12-11"
    assert listed[pages["/dokument/budgetplan-2013/"]["id"]] == "2012-11-28"
    assert all(day.startswith(year) for year, dates in years.items() for day in dates)
    # no Pagefind sort: it would put every page into the meta file each query loads
    assert not soup(built_fixture, "/socialnamnden/2012-12-11/02/").find(attrs={"data-pagefind-sort": True})


def test_indexed_text_is_the_record_without_navigation(built_fixture):
    pages = fragments(built_fixture)
    for url, page in pages.items():
        for text in NAVIGATION:
            assert text not in page["content"], (url, text)
    item = pages["/socialnamnden/2012-12-11/02/"]["content"]
    assert "bygga om lokalen till ett jourboende" in item  # decision
    assert "Lotta Persson" in item  # the report shown on the item's page (its signature)
    assert "Tjänsteskrivelse: Ombyggnad" in item and item.count("Tjänsteskrivelse: Ombyggnad") == 1  # not the list


def test_indexed_words_of_adjacent_elements_stay_apart(built_fixture):
    """Pagefind joins the text of elements with no whitespace between them ("TypKallelse")."""
    checked = 0
    for url, page in fragments(built_fixture).items():
        content = " ".join(page["content"].split())
        for body in soup(built_fixture, url).find_all(attrs={"data-pagefind-body": True}):
            for block in body.find_all(BLOCKS):
                following = block.find_next_sibling()
                ignored = block.find_parent(attrs={"data-pagefind-ignore": True})
                if (following and following.name in BLOCKS and block.get_text(strip=True)
                        and following.get_text(strip=True) and not ignored
                        and not {"data-pagefind-ignore", "hidden"} & {*block.attrs, *following.attrs}):
                    last, first = block.get_text(" ").split()[-1], following.get_text(" ").split()[0]
                    assert re.search(rf"{re.escape(last)}\.? {re.escape(first)}", content), (url, last, first)
                    checked += 1
    assert checked > 10


def test_facts_boxes_are_not_indexed_yet_diary_numbers_are_searchable_metadata(built_fixture):
    """A facts box would run its labels into its values in a result's excerpt ("Diarienummer SN
    2012:195 Beslutades i"); the numbers reach Pagefind as metadata, which it searches."""
    pages = fragments(built_fixture)
    boxes = 0
    for url in pages:
        for box in soup(built_fixture, url).select("[data-pagefind-body] dl.facts"):
            assert box.has_attr("data-pagefind-ignore"), url
            for label in box.find_all("dt"):
                assert f"{label.get_text()} " not in pages[url]["content"], (url, label.get_text())
            boxes += 1
    assert boxes >= 8
    assert pages["/socialnamnden/2012-12-11/02/"]["meta"]["dnr"] == "SN 2012:195"


def test_record_markup_marks_body_weights_and_ignored_parts(built_fixture):
    for url in ITEMS:
        page = soup(built_fixture, url)
        bodies = page.find_all(attrs={"data-pagefind-body": True})
        assert len(bodies) == 1 and bodies[0].name == "article"
        landmarks = ["nav", "header", "footer"]
        assert not bodies[0].find_parent(landmarks) and not bodies[0].find(landmarks)
        assert bodies[0].find("h1").get("data-pagefind-weight") == "10"
        assert page.find("html")["lang"] == "sv"
    item = soup(built_fixture, "/socialnamnden/2012-12-11/02/")
    assert item.find("section", class_="proposal")["data-pagefind-weight"]
    assert item.find("ul", class_="papers").has_attr("data-pagefind-ignore")
    for url in ["/", "/sok/", "/arende/sn-2012-195/", "/socialnamnden/"]:
        assert not soup(built_fixture, url).find(attrs={"data-pagefind-body": True}), url


def test_search_page_is_accessible_and_self_contained(built_fixture):
    page = soup(built_fixture, "/sok/")
    form = page.find("form", id="sok")
    for control in form.find_all(["input", "select"]):
        assert page.find("label", attrs={"for": control["id"]}), control["id"]
    assert {s["name"] for s in form.find_all("select")} == {"committee", "year", "type", "kind", "sort"}
    assert form.find("input", attrs={"name": "q"})
    status = page.find(id="sok-status")
    assert status["aria-live"] == "polite" and status["role"] == "status"
    assert "kräver JavaScript" in page.find("noscript").get_text()
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert scripts == ["/static/search.js"] and (built_fixture / "static/search.js").is_file()
    config = json.loads(page.find("script", id="sok-config").string)
    assert config["base"] == "/" and config["prefixes"] == ["SN", "KS", "VoN"]
    # every page's header form leads here with ?q=
    header = soup(built_fixture, "/").find("header").find("form")
    assert header["action"] == "/sok/" and header.find("input")["name"] == "q"


def test_no_search_skips_the_index_and_english_sites_search_at_search(site_dir, tmp_path):
    quick = build_into(site_dir, tmp_path / "quick", "--no-search")
    assert not (quick / "pagefind").exists() and (quick / "sok/index.html").exists()
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: sv", "language: en"), encoding="utf-8")
    english = build_into(site_dir, tmp_path / "en")
    assert (english / "search/index.html").exists() and not (english / "sok").exists()
    entry = json.loads((english / "pagefind/socialnamnden/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]
