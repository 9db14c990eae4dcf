"""lunr's query syntax translated to SQLite FTS5 (generator.search.engine), on hand-made entries."""
import json
import sqlite3

import pytest

from generator.diary import DiaryNumber, DiaryScheme
from generator.search import cache, engine
from generator.search.entries import Entry

SCHEME = DiaryScheme(["SN", "KS"])


def entry(url: str, title: str, decision: str = "", body: str = "", numbers=(), mentions=(), kind="protokoll",
          people=()) -> Entry:
    meta = {"title": title, "url": url, "record_kind": kind, "people": list(people)}
    return Entry(meta, title, decision, body, list(numbers), list(mentions))


ENTRIES = [
    entry("/budget/", "Budget för skolan", body="Skolans budget och lokaler."),
    entry("/lokaler/", "Nya lokaler", decision="Nämnden beslutar om ombyggnad av lokalerna.",
          body="Ombyggnaden gäller skolan.", numbers=[DiaryNumber("SN", 2012, 195)], people=["lisa-andersson"]),
    entry("/yttrande/", "Yttrande om bygglov", body="Ärendet SN 2012:195 nämns här. Bygglovet gäller lokaler.",
          mentions=[DiaryNumber("SN", 2012, 195)], kind="kallelse"),
]


@pytest.fixture
def db() -> sqlite3.Connection:
    connection = cache._prepared(sqlite3.connect(":memory:"))
    with connection:
        cache._update(connection, ENTRIES)
    return connection


def found(db: sqlite3.Connection, query: str, **filters) -> list[str]:
    return [json.loads(meta)["url"] for meta, _ in engine.search(db, query, SCHEME, limit=50, **filters)]


def test_plain_terms_are_optional_and_each_one_finds(db):
    assert set(found(db, "budget bygglov")) == {"/budget/", "/yttrande/"}
    assert found(db, "xyzzy") == []


def test_inflected_forms_find_each_other(db):
    assert found(db, "ombyggnaden") == found(db, "ombyggnad") == ["/lokaler/"]


def test_plus_requires_and_the_other_terms_only_rank(db):
    assert set(found(db, "lokaler")) == {"/budget/", "/lokaler/", "/yttrande/"}
    assert found(db, "+bygglov lokaler") == ["/yttrande/"]
    assert found(db, "+bygglov +budget") == []


def test_minus_excludes_and_alone_finds_every_other_record(db):
    assert set(found(db, "lokaler -budget")) == {"/lokaler/", "/yttrande/"}
    assert set(found(db, "-budget")) == {"/lokaler/", "/yttrande/"}


def test_star_is_a_prefix_of_the_unstemmed_word(db):
    assert found(db, "bygglo*") == ["/yttrande/"]
    assert set(found(db, "ombygg*")) == {"/lokaler/"}


def test_field_limits_a_term_to_its_field(db):
    assert set(found(db, "skolan")) == {"/budget/", "/lokaler/"}
    assert found(db, "title:skolan") == ["/budget/"]
    assert found(db, "decision:ombyggnad") == ["/lokaler/"]
    assert found(db, "title:ombyggnad") == []


def test_title_weighs_more_than_body(db):
    assert found(db, "budget")[0] == "/budget/"
    assert found(db, "lokaler")[0] == "/lokaler/"


@pytest.mark.parametrize("form", ["SN 2012:195", "sn/2012:195", "Dnr SN/2012:195", "2012:195", "diary:SN 2012:195"])
def test_a_diary_number_in_any_form_finds_its_record_first_then_mentions(db, form):
    assert found(db, form)[0] == "/lokaler/"
    if not form.startswith(("diary:", "2012")):  # the prefix-less term is a record's own number only
        assert found(db, form) == ["/lokaler/", "/yttrande/"]


def test_a_colon_after_an_unknown_word_is_a_space(db):
    assert found(db, "bygglov: lokaler") == found(db, "bygglov lokaler")
    assert set(found(db, "nosuchfield:budget")) == {"/budget/"}


def test_a_query_of_only_stop_words_finds_nothing_and_says_so(db):
    assert found(db, "och att som") == []
    assert engine.only_stop_words("och att som") and not engine.only_stop_words("och budget")


def test_boost_and_edit_distance_are_read_as_the_word(db):
    assert found(db, "budget^2") == found(db, "budget~1") == found(db, "budget")


def test_kind_and_person_filter_before_the_limit(db):
    assert found(db, "lokaler", kind="kallelse") == ["/yttrande/"]
    assert found(db, "lokaler", person="lisa-andersson") == ["/lokaler/"]
    assert [json.loads(m)["url"] for m, _ in engine.search(db, "lokaler", SCHEME, limit=1)] == ["/lokaler/"]


def test_an_update_rewrites_only_the_changed_entries(db):
    rowids = dict(db.execute("SELECT key, rowid FROM records"))
    changed = [ENTRIES[0], entry("/lokaler/", "Nya lokaler för fritids"), ENTRIES[2]]
    with db:
        cache._update(db, changed)
    after = dict(db.execute("SELECT key, rowid FROM records"))
    assert after["/budget/"] == rowids["/budget/"] and after["/yttrande/"] == rowids["/yttrande/"]
    assert after["/lokaler/"] != rowids["/lokaler/"]
    assert found(db, "fritids") == ["/lokaler/"] and found(db, "ombyggnad") == []
    with db:
        cache._update(db, changed[:1])
    assert found(db, "lokaler") == ["/budget/"]


def test_rows_an_unscored_field_alone_matches_come_after_the_scored_ones(db):
    """'lokaler' is in two of three bodies, so the body does not score it (bm25's idf floor):
    the title's match comes first, then the body's matches fill the limit, by rowid."""
    assert found(db, "lokaler") == ["/lokaler/", "/budget/", "/yttrande/"]
    assert [json.loads(m)["url"] for m, _ in engine.search(db, "lokaler", SCHEME, limit=2)] == ["/lokaler/", "/budget/"]
    assert [score for _, score in engine.search(db, "lokaler", SCHEME)][1:] == [0.0, 0.0]
