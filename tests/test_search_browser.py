"""The search page in a real browser (headless Debian Chromium), served over HTTP on 127.0.0.1."""
import re

import pytest
from bs4 import BeautifulSoup

from generator.index import sitesearch
from support import build_into

pytestmark = pytest.mark.browser

DONE = "() => { const s = document.getElementById('sok-status').textContent; return s && !s.startsWith('Söker'); }"


def results(page) -> list[dict]:
    page.wait_for_function(DONE)
    return page.eval_on_selector_all("#sok-results > li", """items => items.map(li => ({
        title: li.querySelector('h2 a').textContent, href: li.querySelector('h2 a').getAttribute('href'),
        meta: li.querySelector('.meta').textContent,
        marks: [...li.querySelectorAll('.excerpt mark')].map(m => m.textContent),
        html: li.querySelector('.excerpt').innerHTML}))""")


def test_search_filter_follow_and_diary_number(built_fixture, serve_dir, browser):
    base = serve_dir(built_fixture)
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{base}/sok/")
    page.locator("main").get_by_label("Sök i handlingarna").fill("jourboende")
    page.keyboard.press("Enter")
    found = results(page)
    assert page.inner_text("#sok-status") == "3 träffar"
    assert "?q=jourboende" in page.url
    grondal = next(r for r in found if "Gröndalsvägen" in r["title"])
    assert grondal["marks"] and all(m.lower().startswith("jourboende") for m in grondal["marks"])
    assert "11 december 2012 · Socialnämnden · SN 2012:195" in grondal["meta"]

    page.locator("main").get_by_label("Nämnd").select_option("vard-och-omsorgsnamnden")
    page.wait_for_url(re.compile(r"committee=vard-och-omsorgsnamnden"))
    page.wait_for_function("() => document.getElementById('sok-status').textContent === '1 träff'")
    only = results(page)
    assert [r["href"] for r in only] == ["/vard-och-omsorgsnamnden/2013-01-15/01/"]
    page.click("#sok-results h2 a")
    page.wait_for_url(f"{base}/vard-och-omsorgsnamnden/2013-01-15/01/")
    assert "Samverkan om jourboende" in page.inner_text("h1")

    page.goto(f"{base}/sok/?q=Dnr+sn%2F2012%3A195")  # a shared link: query from the URL
    found = results(page)
    assert found[0]["href"] == "/arende/sn-2012-195/" and found[0]["title"] == "Ärende SN 2012:195"
    assert found[1]["href"] == "/socialnamnden/2012-12-11/02/"  # the item that carries the number
    assert page.input_value("#sok-q") == "Dnr sn/2012:195"
    assert not errors


def test_more_results_and_record_text_never_becomes_markup(site_dir, tmp_path, serve_dir, browser):
    meeting = site_dir / "content/socialnamnden/2012-12-11"
    for n in range(4, 16):  # twelve more items: more than one page of results
        (meeting / f"{n:02d}").mkdir()
        (meeting / f"{n:02d}/item.md").write_text(f"---\nnumber: {n}\ntitle: Ärende {n} om ondskefull kod\n---\n"
                                                  f"Kod: `<img src=x onerror=\"window.pwned={n}\">` ondskefull.\n",
                                                  encoding="utf-8")
    page = browser.new_page()
    page.goto(f"{serve_dir(build_into(site_dir, tmp_path / 'out'))}/sok/?q=ondskefull")
    found = results(page)
    assert page.inner_text("#sok-status") == "12 träffar" and len(found) == 10
    assert "&lt;img src=x" in found[0]["html"]
    page.click("#sok-more")
    page.wait_for_function("() => document.querySelectorAll('#sok-results > li').length === 12")
    assert page.evaluate("() => document.activeElement === document.querySelectorAll('#sok-results h2 a')[10]")
    assert page.is_hidden("#sok-more")
    assert page.evaluate("() => window.pwned") is None and page.locator("#sok-results img").count() == 0


def test_newest_first_and_year_filter(built_fixture, serve_dir, browser):
    dates = {r["url"]: r["meta"].get("date") for _, r in sitesearch.fragments(built_fixture / "pagefind")}
    base = serve_dir(built_fixture)
    page = browser.new_page()
    page.goto(f"{base}/sok/?q=och")
    relevance = [r["href"] for r in results(page)]
    assert len({dates[h][:4] for h in relevance}) == 2  # hits in both years, not in date order
    assert [dates[h] for h in relevance] != sorted((dates[h] for h in relevance), reverse=True)

    page.locator("main").get_by_label("Sortering").select_option("date")
    page.wait_for_url(re.compile(r"sort=date"))
    newest = [r["href"] for r in results(page)]
    assert sorted(newest) == sorted(relevance)
    assert [dates[h] for h in newest] == sorted((dates[h] for h in relevance), reverse=True)

    page.goto(f"{base}/sok/?q=och&year=2012&sort=date")
    in_2012 = [r["href"] for r in results(page)]
    assert in_2012 == [h for h in newest if dates[h].startswith("2012")]
    assert page.inner_text("#sok-status") == f"{len(in_2012)} träffar"
    assert page.input_value("#sok-year") == "2012"
    page.goto(f"{base}/sok/?q=och&year=2013")  # the year alone: by relevance
    assert [r["href"] for r in results(page)] == [h for h in relevance if dates[h].startswith("2013")]


def test_a_number_written_with_a_slash_is_found_in_any_form(site_dir, tmp_path, serve_dir, browser):
    item = site_dir / "content/socialnamnden/2012-12-11/01/item.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nSe även beslutet i KS/2011:7.\n", encoding="utf-8")
    base = serve_dir(build_into(site_dir, tmp_path / "out"))
    page = browser.new_page()
    for query in ["KS+2011%3A7", "ks%2F2011%3A7", "2011%3A7"]:
        page.goto(f"{base}/sok/?q={query}")
        found = [r["href"] for r in results(page)]
        assert found[:2] == ["/arende/ks-2011-7/", "/socialnamnden/2012-12-11/01/"], query


def test_a_word_found_nowhere_finds_nothing(site_dir, tmp_path, serve_dir, browser):
    """Pagefind answers a word no indexed word starts with by the longest indexed word the query
    starts with ("blorf" → "bl.a."): the page shows no such result and names the word;
    a near miss of a real word is shown as approximate."""
    item = site_dir / "content/socialnamnden/2012-12-11/01/item.md"
    extra = "\nUtbildning i metoden X, bl.a. samtal, på Vägen 22 a.\n"
    item.write_text(item.read_text(encoding="utf-8") + extra, encoding="utf-8")
    base = serve_dir(build_into(site_dir, tmp_path / "out"))
    page = browser.new_page()
    for word in ["blorf", "asdfgh"]:
        page.goto(f"{base}/sok/?q={word}")
        assert results(page) == [], word
        assert page.inner_text("#sok-status") == f"Inget i handlingarna innehåller ”{word}”. Inga träffar."
    page.goto(f"{base}/sok/?q=metoden+xyzzy")
    assert results(page) == []
    page.goto(f"{base}/sok/?q=jourboendex")
    found = results(page)
    assert found and page.inner_text("#sok-status").startswith("Inga exakta träffar för ”jourboendex”")
    page.goto(f"{base}/sok/?q=metoden")
    assert len(results(page)) == 1 and page.inner_text("#sok-status") == "1 träff"


def test_labels_agree_with_the_type_filter_and_filters_clear(built_fixture, serve_dir, browser):
    base = serve_dir(built_fixture)
    page = browser.new_page()
    page.goto(f"{base}/sok/?q=jourboende&type=tjansteskrivelse")
    found = results(page)
    assert found and all(r["meta"].startswith("Tjänsteskrivelse") for r in found), [r["meta"] for r in found]
    page.click("#sok-clear")
    page.wait_for_url(re.compile(r"\?q=jourboende$"))
    # The new search runs after the URL changes; wait for its count rather than read "Söker …".
    page.wait_for_function("() => document.getElementById('sok-status').textContent === '3 träffar'")
    assert page.input_value("#sok-type") == "" and page.is_hidden("#sok-clear")
    assert page.evaluate("() => document.activeElement.id") == "sok-q"


def test_a_case_result_shows_the_case_subject(built_fixture, serve_dir, browser):
    page = browser.new_page()
    page.goto(f"{serve_dir(built_fixture)}/sok/?q=SN+2012%3A195")
    case = results(page)[0]
    assert case["href"] == "/arende/sn-2012-195/"
    assert page.inner_text("#sok-results > li:first-child .excerpt") == \
        "Ombyggnad: Nya platser för jourboende på Gröndalsvägen 8"


def test_an_item_hits_excerpt_is_record_text_not_its_facts_box(built_fixture, serve_dir, browser):
    """The facts box is not indexed: no excerpt runs its labels into its values
    ("Diarienummer SN 2012:195 Beslutades i"), yet the item is still found by its number."""
    item = "/socialnamnden/2012-12-11/02/"
    html = (built_fixture / item.strip("/") / "index.html").read_text(encoding="utf-8")
    labels = [dt.get_text() for dt in BeautifulSoup(html, "html.parser").select("dl.facts dt")]
    assert "Diarienummer" in labels
    page = browser.new_page()
    base = serve_dir(built_fixture)
    for query in ["2012%3A195", "Gr%C3%B6ndalsv%C3%A4gen", "jourboende"]:
        page.goto(f"{base}/sok/?q={query}")
        hit = next(r for r in results(page) if r["href"] == item)
        text = BeautifulSoup(hit["html"], "html.parser").get_text()
        assert not [label for label in labels if label in text], (query, text)
