"""The site search in shards (generator/index/sitesearch.py): one Pagefind bundle per committee,
split by year over ``search.shard_pages``, merged in the browser with Pagefind's mergeIndex; a
one-item edit indexes its shard again and links the others; a site's search page also searches
the sites its ``search.merge`` names."""
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.index import sitesearch
from support import ROOT, build_into, run_diarium
from test_search_browser import results


def shard_files(site: Path, shard: str) -> dict[str, int]:
    """The files of one shard, with their inodes (the same inode: linked from the build before)."""
    folder = site / "pagefind" / shard
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def words_of(site: Path, shard: str) -> str:
    return " ".join(record["content"] for _, record in sitesearch.fragments(site / "pagefind" / shard))


def split_site(site_dir: Path) -> Path:
    """The fixture with a second year of Socialnämnden, and shards of at most 3 pages (Vård och
    omsorg has its committee, meeting and item pages)."""
    meetings = site_dir / "content/socialnamnden"
    shutil.copytree(meetings / "2012-12-11", meetings / "2013-02-05")
    meeting = meetings / "2013-02-05/meeting.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("2012-12-11", "2013-02-05"), encoding="utf-8")
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "search:\n  shard_pages: 3\n", encoding="utf-8")
    return site_dir


def test_a_big_committee_is_split_by_year(site_dir, tmp_path):
    site = build_into(split_site(site_dir), tmp_path / "out")
    shards = json.loads((site / "pagefind/shards.json").read_text(encoding="utf-8"))["shards"]
    assert sorted(shards) == ["_ovrigt", "socialnamnden.2012", "socialnamnden.2013", "vard-och-omsorgsnamnden"]
    assert "Gröndalsvägen" in words_of(site, "socialnamnden.2013")
    assert "Samverkan" in words_of(site, "vard-och-omsorgsnamnden")
    assert {r["meta"]["date"][:4] for _, r in sitesearch.fragments(site / "pagefind/socialnamnden.2012")} == {"2012"}


def test_one_edited_item_indexes_its_shard_again_and_links_the_others(site_dir, tmp_path):
    out = build_into(site_dir, tmp_path / "out")
    before = {name: shard_files(out, name) for name in ("socialnamnden", "vard-och-omsorgsnamnden", "_ovrigt")}
    item = site_dir / "content/socialnamnden/2012-12-11/01/item.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nOm blåbärssoppa.\n", encoding="utf-8")
    build_into(site_dir, out)
    assert "blåbärssoppa" in words_of(out, "socialnamnden")
    assert shard_files(out, "socialnamnden") != before["socialnamnden"]  # indexed again: new files
    assert shard_files(out, "vard-och-omsorgsnamnden") == before["vard-och-omsorgsnamnden"]  # the same files
    assert shard_files(out, "_ovrigt") == before["_ovrigt"]
    dates = json.loads((out / "pagefind/dates/2012.json").read_text(encoding="utf-8"))
    new_id = next(i for i, r in sitesearch.fragments(out / "pagefind") if r["url"] == "/socialnamnden/2012-12-11/01/")
    assert new_id in dates["2012-12-11"]  # the dates of every shard, the new page's among them


@pytest.mark.browser
def test_hits_and_filters_across_shards(site_dir, tmp_path, serve_dir, browser):
    base = serve_dir(build_into(split_site(site_dir), tmp_path / "out"))
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{base}/sok/?q=jourboende&sort=date")
    found = [r["href"] for r in results(page)]
    assert page.inner_text("#sok-status") == "5 träffar"  # 2 in each year of Socialnämnden, 1 in Vård och omsorg
    assert found[0] == "/socialnamnden/2013-02-05/02/"  # newest first, whatever shard
    assert {h.split("/")[1] + h.split("/")[2][:4] for h in found} == \
        {"socialnamnden2012", "socialnamnden2013", "vard-och-omsorgsnamnden2013"}
    page.goto(f"{base}/sok/?q=jourboende&committee=socialnamnden&year=2013")
    assert sorted(r["href"] for r in results(page)) == \
        sorted(h.replace("2012-12-11", "2013-02-05") for h in found if "/2012-12-11/" in h)
    page.goto(f"{base}/sok/?q=jourboende&type=tjansteskrivelse")
    assert sorted(r["href"] for r in results(page)) == \
        ["/socialnamnden/2012-12-11/02/", "/socialnamnden/2013-02-05/02/"]
    page.goto(f"{base}/sok/?q=bakom")  # one shard has the word; the others' fallbacks do not count
    assert [r["href"] for r in results(page)] == ["/vard-och-omsorgsnamnden/2013-01-15/01/"]
    assert not errors


@pytest.mark.browser
def test_one_site_searches_another_it_names(tmp_path, serve_dir, browser):
    """The two bundled sites in one served folder, at /a/ (content/) and /b/ (examples/kungsbacka):
    /a/ names /b/ in search.merge, so its search page finds a word only /b/ has, linked into /b/."""
    served = tmp_path / "served"
    config = tmp_path / "a.yaml"
    own = (ROOT / "config.yaml").read_text(encoding="utf-8")
    config.write_text(own + "search:\n  merge: [/b/]\n", encoding="utf-8")
    run_diarium("build", "--content", ROOT / "content", "--config", config, "--out", served / "a",
                "--base-url", "/a/", "--quiet")
    build_into(ROOT / "examples/kungsbacka", served / "b", "--base-url", "/b/")
    assert "Särö" not in " ".join(r["content"] for _, r in sitesearch.fragments(served / "a/pagefind"))
    base = serve_dir(served)
    page = browser.new_page()
    page.goto(f"{base}/a/sok/?q=S%C3%A4r%C3%B6")
    found = results(page)
    assert found and all(r["href"].startswith("/b/kommunstyrelsen/") for r in found), found
    assert any(m.startswith("Särö") for r in found for m in r["marks"])
    page.click("#sok-results h2 a")
    page.wait_for_url(re.compile(re.escape(f"{base}{found[0]['href']}")))
    assert "Särö" in page.inner_text("main")
    page.goto(f"{base}/a/sok/?q=jourboende")  # its own records still found, linked into /a/
    assert [r["href"] for r in results(page)] and all(r["href"].startswith("/a/") for r in results(page))
