"""`diarium search`: Swedish analysis, diary numbers in any form, lunr's query syntax, the cache."""
import io
import json
import os
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from generator.cli import main
from generator.search import swedish
from support import FIXTURE as FIXTURE_SITE
from support import ROOT, run_diarium

GRONDAL = "/socialnamnden/2012-12-11/02/"
FORMS = ["SN 2012:195", "sn/2012:195", "Dnr SN/2012:195", "2012:195", "SN/2012:195", "diary:SN 2012:195"]
SEEDS = ROOT / "content"
has_seeds = pytest.mark.skipif(not (SEEDS / "socialnamnden/2012-12-11/02/item.md").exists(),
                               reason="the imported seeds are not in content/ yet")


def search(source: Path, query: str) -> list[dict]:
    """``diarium search QUERY --json`` through the command line's entry point, in this process
    (starting Python for each query would dominate the test time)."""
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(["search", query, "--content", str(source / "content"), "--config", str(source / "config.yaml"),
                       "--json", "--limit", "50"])
    assert status == 0
    return json.loads(out.getvalue())


def urls(results: list[dict]) -> list[str]:
    return [r["url"] for r in results]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    """A copy of the repository's content/ and config.yaml, so the search cache is written there."""
    target = tmp_path_factory.mktemp("seeds")
    shutil.copytree(SEEDS, target / "content")
    shutil.copy(ROOT / "config.yaml", target / "config.yaml")
    return target


@pytest.fixture
def inflected(site_dir: Path) -> Path:
    """The fixture site with one more item whose text has only inflected forms."""
    item = site_dir / "content/socialnamnden/2012-12-11/04/item.md"
    item.parent.mkdir()
    item.write_text("---\nnumber: 4\ntitle: Ansökan om statsbidraget för hemlösa\n---\n"
                    "Statsbidragen fördelas av Socialstyrelsen.\n", encoding="utf-8")
    return site_dir


def test_distinctive_word_ranks_its_item_first(site_dir):
    results = search(site_dir, "jourboende")
    assert results[0]["url"] == GRONDAL
    assert {"title", "kind", "date", "committee", "diary_numbers", "url", "score"} <= set(results[0])
    assert results[0]["date"] == "2012-12-11" and results[0]["committee"] == "Socialnämnden"
    assert results[0]["diary_numbers"] == ["SN 2012:195"]


def test_inflected_forms_find_each_other(inflected):
    item = "/socialnamnden/2012-12-11/04/"
    for query in ["statsbidrag", "statsbidraget", "statsbidragen"]:
        assert urls(search(inflected, query))[:1] == [item], query


@pytest.mark.parametrize("form", FORMS)
def test_every_written_form_of_a_diary_number_finds_its_item_first(site_dir, form):
    assert urls(search(site_dir, form))[0] == GRONDAL


def test_query_syntax_excludes_requires_and_expands(site_dir):
    vard = "/vard-och-omsorgsnamnden/2013-01-15/01/"
    assert GRONDAL in urls(search(site_dir, "jourboende"))
    assert GRONDAL not in urls(search(site_dir, "jourboende -gröndalsvägen"))
    assert urls(search(site_dir, "+samverkan jourboende")) == [vard]
    assert GRONDAL in urls(search(site_dir, "gröndals*"))
    assert urls(search(site_dir, "-KS 2016:111 jourboende")) == [GRONDAL, vard]


def test_a_mentioned_number_finds_the_records_that_mention_it(site_dir):
    found = urls(search(site_dir, "KS 2016:111"))
    assert found == ["/socialnamnden/2012-12-11/02/bilaga-1/"]


@pytest.mark.parametrize("query", ["nosuchfield:jourboende", "jourboende^x", "jourboende~x +", "title: jourboende"])
def test_a_query_lunr_cannot_read_is_searched_as_words(query):
    assert GRONDAL in urls(search(FIXTURE_SITE, query))


def test_text_output_names_title_facts_and_url(site_dir):
    out = run_diarium("search", "jourboende", "--limit", "1", "--content", site_dir / "content",
                      "--config", site_dir / "config.yaml").stdout
    assert "Gröndalsvägen" in out and "item · 2012-12-11 · Socialnämnden · SN 2012:195" in out and GRONDAL in out


def test_drafts_and_redacted_text_are_not_searchable(site_dir, tmp_path):
    published = shutil.copytree(site_dir, tmp_path / "published")  # the same site without draft and rule
    draft = published / "content/documents/utkast.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    assert urls(search(published, "utkast")) == ["/dokument/utkast/"]
    assert GRONDAL in urls(search(published, "gröndalsvägen"))
    assert search(site_dir, "utkast") == []  # documents/utkast.md is a draft
    with (site_dir / "config.yaml").open("a", encoding="utf-8") as config:
        config.write("redact: [Gröndalsvägen]\n")
    assert search(site_dir, "gröndalsvägen") == []


def test_index_is_cached_and_rebuilt_when_content_changes(site_dir):
    search(site_dir, "jourboende")
    cache = site_dir / ".diarium-cache/search-index"
    written = (cache / "index.sqlite").stat().st_mtime_ns
    search(site_dir, "kostnadskalkyl")
    assert (cache / "index.sqlite").stat().st_mtime_ns == written  # reused
    item = site_dir / "content/socialnamnden/2012-12-11/01/item.md"
    item.write_text(item.read_text(encoding="utf-8").replace("muntlig information", "muntlig rapport om äldreboende"),
                    encoding="utf-8")
    os.utime(item, ns=(written + 10**9, written + 10**9))
    assert urls(search(site_dir, "äldreboende")) == ["/socialnamnden/2012-12-11/01/"]


def test_files_added_or_removed_with_old_times_are_seen(site_dir):
    """The cache is checked by one stat per file and folder, without listing folders: an item
    copied in with its old time (cp -p, tar) shows through its folder's time, a removal too."""
    search(site_dir, "jourboende")
    meeting = site_dir / "content/socialnamnden/2012-12-11"
    old = (meeting / "01/item.md").stat().st_mtime_ns
    shutil.copytree(meeting / "01", meeting / "05")  # copy2: the files keep their times
    item = meeting / "05/item.md"
    text = item.read_text(encoding="utf-8").replace("number: 1\n", "number: 5\n")
    item.write_text(text.replace("muntlig information", "om cykelbanor"), encoding="utf-8")
    os.utime(item, ns=(old, old))
    os.utime(meeting / "05", ns=(old, old))  # only its parent's time says it is new
    assert urls(search(site_dir, "cykelbanor")) == ["/socialnamnden/2012-12-11/05/"]
    shutil.rmtree(meeting / "05")
    assert search(site_dir, "cykelbanor") == []


def test_a_damaged_cache_is_built_again(site_dir):
    cache = site_dir / ".diarium-cache/search-index/index.sqlite"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(b"not a database" * 100)
    assert urls(search(site_dir, "jourboende"))[0] == GRONDAL
    assert cache.read_bytes().startswith(b"SQLite format 3")


def test_swedish_analysis_drops_stop_words_and_stems():
    assert swedish.analyse("Nämnden och förvaltningen: statsbidraget (2010:1622).") == \
        ["nämnd", "förvaltning", "statsbidrag", "2010_1622"]


@has_seeds
def test_seeds_distinctive_word_and_inflections(seeds):
    assert search(seeds, "jourboende")[0]["url"] == GRONDAL
    for a, b in [("statsbidraget", "statsbidrag"), ("statsbidrag", "statsbidraget")]:
        assert urls(search(seeds, a))[:3] == urls(search(seeds, b))[:3] != []


@has_seeds
@pytest.mark.parametrize("form", FORMS[:4])
def test_seeds_every_form_of_a_diary_number(seeds, form):
    assert search(seeds, form)[0]["url"] == GRONDAL


@has_seeds
def test_seeds_minus_term_excludes(seeds):
    assert GRONDAL in urls(search(seeds, "lokalen"))
    assert GRONDAL not in urls(search(seeds, "lokalen -jourboende"))


@pytest.mark.parametrize("pasted", ["Ombyggnad: Nya platser", "jourboende 19:30", "SN 2016:xx jourboende",
                                    "jourboende :", "Gröndalsvägen: 8"])
def test_pasted_text_with_colons_is_words(pasted):
    """A colon that does not follow a field name is not lunr's field syntax ("Unrecognized field")."""
    found = urls(search(FIXTURE_SITE, pasted))
    assert GRONDAL in found, pasted


def test_a_query_of_only_stop_words_says_so():
    result = run_diarium("search", "och att som", "--content", FIXTURE_SITE / "content",
                         "--config", FIXTURE_SITE / "config.yaml")
    assert "only common words" in result.stdout and result.returncode == 0
    assert "only common words" not in run_diarium("search", "xyzzy", "--content", FIXTURE_SITE / "content",
                                                   "--config", FIXTURE_SITE / "config.yaml").stdout
