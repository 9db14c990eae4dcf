"""The built site: pages, cross-links by diary number, determinism, base URL, safety, drafts."""
import json
import re
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import BuildOptions, load_and_link
from generator.config import load_config
from generator.pages import plan
from generator.problems import ContentError
from generator.render import Renderer
from support import FIXTURE, build_into, count_safe_starts, run_diarium

ITEM2 = "socialnamnden/2012-12-11/02/index.html"


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def links(page: BeautifulSoup) -> list[str]:
    return [a["href"] for a in page.find_all("a", href=True)]


def test_every_kind_of_page_is_built(built_fixture):
    for rel in ["index.html", "404.html", "socialnamnden/index.html", "socialnamnden/2012-12-11/index.html",
                "socialnamnden/2012-12-11/01/index.html", ITEM2, "socialnamnden/2012-12-11/02/bilaga-1/index.html",
                "arende/index.html", "arende/sn-2012-195/index.html", "dokument/index.html",
                "dokument/budgetplan-2013/index.html", "sok/index.html", "data/items.json", "data/meetings.json"]:
        assert (built_fixture / rel).is_file(), rel


def test_meeting_page_lists_agenda_with_links_to_every_item(built_fixture):
    page = soup(built_fixture, "socialnamnden/2012-12-11/index.html")
    agenda = page.find("ol", class_="agenda")
    assert [a["href"] for a in agenda.select("li > a")] == [f"/socialnamnden/2012-12-11/0{n}/" for n in (1, 2, 3)]
    text = page.get_text(" ")
    for fact in ("19:30", "Kommunhuset i Tumba plan 2, rum 2", "Mats Einarsson", "Anneli Sjöberg", "Kallelse"):
        assert fact in text


def test_item_page_has_decision_report_attachments_and_neighbours(built_fixture):
    page = soup(built_fixture, ITEM2)
    assert page.find("h1").get_text(" ", strip=True).startswith("2. Ombyggnad")
    assert "bygga om lokalen till ett jourboende" in page.find("section", class_="proposal").get_text()
    assert page.find("section", class_="proposal").h2.get_text() == "Förslag till beslut"
    assert page.find("section", class_="decision") is None  # a notice proposes; it decides nothing
    report = page.find("section", id="dokument-tjansteskrivelse")
    assert "Joachim Heimersson" in report.get_text() and "Lotta Persson" in report.get_text()
    assert "/socialnamnden/2012-12-11/02/bilaga-1/" in links(page)  # long attachment: own page
    assert page.find("a", rel="prev")["href"] == "/socialnamnden/2012-12-11/01/"
    assert page.find("a", rel="next")["href"] == "/socialnamnden/2012-12-11/03/"
    crumbs = [a.get_text() for a in page.find("nav", class_="breadcrumbs").find_all("a")]
    assert crumbs == ["Start", "Socialnämnden", "2012-12-11"]


def test_diary_numbers_link_to_case_pages_in_every_written_form(built_fixture):
    page = soup(built_fixture, ITEM2)
    dnr_links = {a.get_text(): a["href"] for a in page.find_all("a", class_="dnr")}
    assert dnr_links["SN/2011:118"] == "/arende/sn-2011-118/"
    assert dnr_links["SN 2012:195"] == "/arende/sn-2012-195/"
    text = page.get_text()
    assert "(2010:1622)" in text and "SN 2016:xx" in text
    assert "/arende/sn-2016-xx/" not in links(page) and not any("2010-1622" in h for h in links(page))
    split = soup(built_fixture, "vard-och-omsorgsnamnden/2013-01-15/01/index.html")
    assert "/arende/sn-2012-195/" in links(split)  # '(SN\n2012:195)' split over a line break


def test_case_page_ties_together_carriers_and_mentions_across_committees(built_fixture):
    page = soup(built_fixture, "arende/sn-2012-195/index.html")
    carriers, mentions = page.find_all("ol", class_="timeline")
    assert [a["href"] for a in carriers.find_all("a")] == [
        "/socialnamnden/2012-12-11/02/#dokument-tjansteskrivelse", "/socialnamnden/2012-12-11/02/"]
    assert [a["href"] for a in mentions.find_all("a")] == [
        "/dokument/budgetplan-2013/", "/socialnamnden/2012-12-11/02/bilaga-1/",
        "/vard-och-omsorgsnamnden/2013-01-15/01/"]


def test_mentioned_only_numbers_get_case_pages(built_fixture):
    page = soup(built_fixture, "arende/sn-2011-118/index.html")
    assert page.find("h1").get_text(" ", strip=True) == "Ärende SN 2011:118"
    assert "/socialnamnden/2012-12-11/02/" in links(page)
    assert (built_fixture / "arende/ks-2016-111/index.html").exists()  # from 'KS//2016:111'


def test_every_internal_link_resolves(built_fixture):
    for html in built_fixture.rglob("*.html"):
        for href in links(BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")):
            if href.startswith("/"):
                path, _, anchor = href.partition("#")
                target = built_fixture / path.lstrip("/")
                target = target / "index.html" if path.endswith("/") else target
                assert target.exists(), f"{html}: {href}"
                if anchor:
                    assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), f"{html}: {href}"


def test_raw_html_is_sanitised(built_fixture):
    html = (built_fixture / "socialnamnden/2012-12-11/03/index.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower().replace('<script type="application/ld+json"', "")
    assert "alert(" not in html and "onerror" not in html and "style=" not in html
    assert "<b>fet</b>" in html  # whitelisted markup survives


def test_data_files_have_the_agreed_shape(built_fixture):
    items = json.loads((built_fixture / "data/items.json").read_text(encoding="utf-8"))
    keys = ("committee", "committee_id", "meeting", "number", "title", "diary_numbers", "url")
    assert {k: items[1][k] for k in keys} == {
        "committee": "Socialnämnden", "committee_id": "socialnamnden", "meeting": "2012-12-11", "number": 2,
        "title": "Ombyggnad: Nya platser för jourboende på Gröndalsvägen 8 (SN 2012:195)",
        "diary_numbers": ["SN 2012:195"], "url": "/socialnamnden/2012-12-11/02/"}
    meetings = json.loads((built_fixture / "data/meetings.json").read_text(encoding="utf-8"))
    keys = ("committee", "committee_id", "date", "time", "place", "kind", "url", "item_count")
    assert {k: meetings[0][k] for k in keys} == {
        "committee": "Socialnämnden", "committee_id": "socialnamnden", "date": "2012-12-11", "time": "19:30",
        "place": "Kommunhuset i Tumba plan 2, rum 2", "kind": "kallelse", "url": "/socialnamnden/2012-12-11/",
        "item_count": 3}


def _tree(folder: Path) -> dict:
    """Every file's bytes, except Pagefind's index: its filter and metadata files are not stable
    between runs upstream (Pagefind issue #638; only its fragments are since 1.3)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")}


def test_builds_are_byte_for_byte_deterministic(site_dir, tmp_path, built_fixture):
    assert _tree(build_into(site_dir, tmp_path / "again")) == _tree(built_fixture)


@contextmanager
def _threads(threaded: bool):
    """With ``threaded``, another thread runs meanwhile (as the preview's server does), so render
    workers must not be forked."""
    if not threaded:
        assert threading.active_count() == 1
        yield
        return
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("threaded", [False, True], ids=["forked", "fork-server"])
def test_parallel_rendering_gives_the_same_site(tmp_path, built_fixture, monkeypatch, threaded):
    from generator import build as build_module
    from support import FIXTURE
    monkeypatch.setattr(build_module, "PARALLEL_FROM", 1)
    started = count_safe_starts(monkeypatch)
    with _threads(threaded):
        build_module.build(build_module.BuildOptions(content=FIXTURE / "content", out=tmp_path / "par",
                                                     config=FIXTURE / "config.yaml", jobs=2))
    assert bool(started) == threaded
    assert _tree(tmp_path / "par") == _tree(built_fixture)


@pytest.mark.parametrize("threaded", [False, True], ids=["forked", "fork-server"])
def test_template_error_in_a_worker_is_a_problem_and_the_site_stays(site_dir, tmp_path, monkeypatch, threaded):
    from generator import build as build_module
    monkeypatch.setattr(build_module, "PARALLEL_FROM", 1)
    own = site_dir / "own"
    own.mkdir()
    (own / "item.html").write_text('{% extends "base.html" %}{% block main %}{{ page.record.title.nope() }}'
                                   "{% endblock %}", encoding="utf-8")
    out = build_into(site_dir, tmp_path / "site")
    before = _tree(out)
    config = site_dir / "config.yaml"
    config.write_text("templates: own\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    options = build_module.BuildOptions(content=site_dir / "content", out=out, config=config, jobs=2)
    with _threads(threaded), pytest.raises(ContentError) as raised:
        build_module.build(options)
    [problem] = raised.value.problems
    assert problem.path == "templates/item.html" and problem.level == "error"
    assert "template error" in problem.message and "item.md" in problem.message
    assert _tree(out) == before
    assert not list(tmp_path.glob(".site.*"))  # no temporary folder left


def test_sub_path_base_url_keeps_every_link_inside_it(site_dir, tmp_path):
    out = build_into(site_dir, tmp_path / "sub", "--base-url", "https://example.org/namnder/")
    for html in out.rglob("*.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        urls = links(page) + [t["href"] for t in page.find_all("link", href=True)] + \
            [t["action"] for t in page.find_all("form")] + [t["src"] for t in page.find_all(src=True)]
        for url in urls:
            if url.startswith("/"):
                assert url.startswith("/namnder/"), f"{html}: {url}"
            elif re.match(r"https?://", url):
                assert url.startswith("https://example.org/namnder/") or "example.org" not in url, f"{html}: {url}"


def test_drafts_are_excluded_unless_asked_for(site_dir, tmp_path, built_fixture):
    assert not (built_fixture / "dokument/utkast").exists()
    assert "Hemligt utkast" not in (built_fixture / "dokument/index.html").read_text(encoding="utf-8")
    item = site_dir / "content/socialnamnden/2012-12-11/03/item.md"
    item.write_text(item.read_text(encoding="utf-8").replace("number: 3\n", "number: 3\ndraft: true\n"),
                    encoding="utf-8")
    out = build_into(site_dir, tmp_path / "published")
    assert not (out / "socialnamnden/2012-12-11/03").exists()
    assert "/03/" not in (out / "socialnamnden/2012-12-11/index.html").read_text(encoding="utf-8")
    preview = build_into(site_dir, tmp_path / "preview", "--drafts")
    badge = soup(preview, "socialnamnden/2012-12-11/03/index.html").find(class_="badge-draft")
    assert badge and badge.get_text() == "Utkast"
    assert (preview / "dokument/utkast/index.html").exists()


def test_english_ui(site_dir, tmp_path):
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: sv", "language: en"), encoding="utf-8")
    out = build_into(site_dir, tmp_path / "en")
    page = soup(out, ITEM2)
    assert page.find("html")["lang"] == "en"
    assert page.find("h2", id="forslag").get_text() == "Proposed decision"
    assert "26 November 2012" in page.get_text()
    assert (out / "search/index.html").exists()


def test_a_site_can_override_any_template(site_dir, tmp_path):
    own = site_dir / "own"
    (own / "static").mkdir(parents=True)
    (own / "404.html").write_text("{% extends 'base.html' %}{% block main %}<h1>Borta!</h1>{% endblock %}")
    (own / "static/style.css").write_text("body { color: black; }")
    with open(site_dir / "config.yaml", "a", encoding="utf-8") as f:
        f.write("templates: own\n")
    out = build_into(site_dir, tmp_path / "own")
    assert "<h1>Borta!</h1>" in (out / "404.html").read_text(encoding="utf-8")
    assert (out / "static/style.css").read_text() == "body { color: black; }"
    assert "Ombyggnad" in (out / ITEM2).read_text(encoding="utf-8")  # other templates still bundled


def test_summary_line_and_exit_code(site_dir, tmp_path):
    result = run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                         "--out", tmp_path / "o")
    assert re.search(r"Built \d+ pages into .* in [\d.]+ s", result.stdout)


def test_item_pages_link_back_to_other_records_of_their_cases(built_fixture):
    page = soup(built_fixture, ITEM2)
    section = page.find("h2", id="samma-arende").find_next("ul")
    hrefs = [a["href"] for a in section.find_all("a")]
    assert hrefs == ["/vard-och-omsorgsnamnden/2013-01-15/01/", "/dokument/budgetplan-2013/"]
    assert "/arende/sn-2012-195/" in links(page)


def test_a_page_renders_the_same_whatever_was_rendered_before():
    """``md`` keeps the heading ids of the page being rendered (a global, so that the macro templates
    are imported without context): each page starts afresh, in any order, with one Renderer."""
    config, _ = load_config(FIXTURE / "config.yaml")
    site, _, _ = load_and_link(BuildOptions(content=FIXTURE / "content", config=FIXTURE / "config.yaml"), config)
    renderer = Renderer(site, config)
    pages = plan(site, config)
    first = [renderer.render(page) for page in pages]
    assert any('<h3 id="tjansteskrivelse-sammanfattning">' in html for html in first)  # by a macro
    assert [renderer.render(page) for page in reversed(pages)] == first[::-1]
