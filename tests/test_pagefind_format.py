"""What the site relies on in Pagefind's bundle. generator/index/sitesearch.py reads the fragment
files (gzip'd JSON after a signature) to write the date files that sort and filter search results
by date; the format is Pagefind's internal one, so pyproject.toml bounds the version and this test
says clearly when a new Pagefind changes it."""
import json
from importlib.metadata import version

import pytest

from generator.index import sitesearch
from generator.problems import ContentError

ITEM = "/socialnamnden/2012-12-11/02/"
CHANGED = (f"Pagefind {version('pagefind')} changed the format of its fragment files, which "
           "generator/index/sitesearch.py reads: adapt it, then raise the bound on pagefind in pyproject.toml")


def read_fragments(bundle) -> dict[str, dict]:
    """The fragments by URL, read as production reads them."""
    try:
        found = list(sitesearch.fragments(bundle))
    except (ContentError, OSError, ValueError) as exc:  # no signature, not gzip, not JSON
        pytest.fail(f"{CHANGED} ({exc})")
    assert found, f"{CHANGED} (no fragment/*.pf_fragment files in {bundle})"
    assert all(isinstance(r, dict) and isinstance(r.get("url"), str) for _, r in found), f"{CHANGED} (no 'url')"
    return {record["url"]: record | {"id": page_id} for page_id, record in found}


def test_fragments_carry_the_url_and_the_date_meta_of_each_page(built_fixture):
    pages = read_fragments(built_fixture / "pagefind")
    assert all(isinstance(r.get("meta"), dict) for r in pages.values()), f"{CHANGED} (no 'meta' mapping)"
    assert pages[ITEM]["meta"].get("date") == "2012-12-11", f"{CHANGED} (the date meta is not where it was)"


def test_date_files_list_the_page_ids_of_the_fragments(built_fixture):
    pages = read_fragments(built_fixture / "pagefind")
    dates = json.loads((built_fixture / "pagefind/dates/2012.json").read_text(encoding="utf-8"))
    assert pages[ITEM]["id"] in dates["2012-12-11"]
    dated = {r["id"] for r in pages.values() if r["meta"].get("date", "").startswith("2012")}
    assert dated == {page_id for ids in dates.values() for page_id in ids}
