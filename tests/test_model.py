"""The record protocol (generator.model.Record) on the fixture site: what each record type says
about itself, which pages, feeds, data files and page signatures rely on."""
from pathlib import Path

import pytest

from generator.model import Filed, Record, Site
from generator.search.entries import published_site
from support import FIXTURE


@pytest.fixture(scope="module")
def site() -> Site:
    return published_site(FIXTURE / "content", FIXTURE / "config.yaml")[0]


def _records(site: Site) -> dict[str, Record]:
    committee = site.committees[0]
    meeting = committee.meetings[0]
    item = meeting.items[1]
    return {"committee": committee, "meeting": meeting, "item": item, "report": item.documents[0],
            "standalone": site.documents[0], "case": next(iter(site.cases.values()))}


def test_each_record_type_names_its_kind_url_date_and_committee(site):
    r = _records(site)
    committee, meeting = r["committee"], r["meeting"]
    assert [r[k].kind for k in ("committee", "meeting", "item", "report", "standalone", "case")] == \
        ["committee", meeting.kind, "item", "tjansteskrivelse", "dokument", "case"]
    assert meeting.kind in ("kallelse", "protokoll") and meeting.noun == "meeting"
    assert r["report"].noun == "tjansteskrivelse"
    assert r["item"].url == "/socialnamnden/2012-12-11/02/"
    assert r["standalone"].url == "/dokument/budgetplan-2013/"
    assert r["item"].sort_date == meeting.sort_date == meeting.date
    assert committee.sort_date is None and r["case"].sort_date is None
    assert [r[k].committee for k in ("committee", "meeting", "item", "report", "standalone", "case")] == \
        [None, committee, committee, committee, None, None]


def test_headings_and_feed_owners(site):
    r = _records(site)
    assert r["meeting"].heading("sv") == "Socialnämnden, 11 december 2012"
    assert r["meeting"].heading("en") == "Socialnämnden, 11 December 2012"
    assert r["item"].heading("sv") == f"2. {r['item'].title}"
    assert r["report"].heading("sv") == r["report"].title
    assert r["committee"].feed_owner is r["committee"] and r["case"].feed_owner is r["case"]
    assert r["item"].feed_owner is r["committee"] and r["standalone"].feed_owner is None


def test_filed_records_have_stable_ids_and_feed_texts(site):
    r = _records(site)
    item, report = r["item"], r["report"]
    filed: list[Filed] = [r["meeting"], item, report, r["standalone"]]
    assert [f.path_id for f in filed] == ["socialnamnden/2012-12-11", "socialnamnden/2012-12-11/02",
                                          "socialnamnden/2012-12-11/02/tjansteskrivelse", "dokument/budgetplan-2013"]
    assert item.feed_title("unused", "sv") == f"Socialnämnden 2012-12-11: 2. {item.title}"
    assert report.feed_title("Tjänsteskrivelse", "sv") == f"Tjänsteskrivelse: {report.title}"
    assert r["meeting"].feed_summary().splitlines()[1:] == [f"{i.number}. {i.title}" for i in r["meeting"].items]


def test_an_items_page_depends_on_what_it_shows_of_its_neighbours_not_their_text():
    site = published_site(FIXTURE / "content", FIXTURE / "config.yaml")[0]  # edited below: a copy of its own
    item = site.committees[0].meetings[0].items[1]
    previous = item.meeting.items[0]
    before = item.inputs()
    assert (item.source.path, "") in before and (item.meeting.source.path, "") in before
    previous.body += "\nNew text shown only on its own page."
    assert item.inputs() == before
    previous.title += " (changed)"
    assert item.inputs() != before


def test_content_records_are_every_record_read_from_a_file(site):
    paths = {r.source.path for r in site.content_records()}
    on_disk = {p.relative_to(FIXTURE).as_posix() for p in Path(FIXTURE, "content").rglob("*.md")}
    assert paths == on_disk - {"content/documents/utkast.md"}  # a draft is not published
