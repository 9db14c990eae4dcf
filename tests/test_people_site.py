"""Person pages, the person index, people data and the notice board on hand-made minutes."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator.check.command import check
from support import build_into, run_diarium

MEETING = "vard-och-omsorgsnamnden/2013-02-12"

PROTOKOLL = """---
time: "18:00"
end_time: "20:15"
place: Kommunhuset i Tumba
paragraphs: "5-6"
chair: Lisa Andersson
secretary: Maria Ek
adjusters: [Jan Byvik]
adjustment: {date: 2013-02-14, place: Digital justering}
posted: 2013-02-19
storage: Vård- och omsorgsförvaltningen, Tumba
signatures:
  - {name: LISA ANDERSSON, role: Ordförande, signed: "2013-02-14 09:12", service: Visma Sign}
  - {name: JAN BYVIK, role: Justerare, signed: "2013-02-14 10:40", service: Visma Sign}
  - {name: MARIA EK, role: Sekreterare, signed: "2013-02-14 08:01", service: Visma Sign}
attendance:
  members:
    - "Lisa Andersson (M), ordförande"
    - {name: Jan Byvik, party: S, role: 1:e vice ordförande}
    - {name: Anna Berg, party: S}
  serving_deputies:
    - {name: Per Ek, party: V, replaces: "Karin Holm (V)"}
  deputies:
    - {name: Eva Lund, party: L}
  officials:
    - {name: Maria Ek, title: nämndsekreterare}
    - {name: Olle Nord, title: förvaltningschef, paragraphs: "5"}
  others:
    - {name: Kim Ström, title: personalföreträdare}
---
"""

PARAGRAPH_5 = """---
number: 5
title: Hemtjänst i egen regi
diary_numbers: [VoN 2013:4]
decision: Nämnden beslutar enligt arbetsutskottets förslag.
motions:
  - {by: "Anna Berg (S)", text: Avslag på arbetsutskottets förslag.}
votes:
  - proposition: {yes: Bifall till arbetsutskottets förslag, no: "Bifall till Anna Berg (S) yrkande"}
    ballots:
      - {name: Lisa Andersson, party: M, vote: ja}
      - {name: JAN BYVIK, party: S, vote: nej}
      - {name: Anna Berg, party: S, vote: nej}
      - {name: Per Ek, party: V, vote: ja}
    totals: {yes: 2, no: 2, abstain: 0}
    outcome: Ordförandens utslagsröst avgör för arbetsutskottets förslag.
reservations:
  - {by: ["Jan Byvik (S)", "Anna Berg (S)"], written: true}
protocol_notes:
  - {by: ["Per Ek (V)"], text: Vänsterpartiet vill se en utvärdering.}
---
Sven Svensson, som har hemtjänst, har skrivit till nämnden.
"""

PARAGRAPH_6 = """---
number: 6
title: Bygglov för äldreboende
conflicts: ["Per Ek (V)"]
decision: Nämnden tillstyrker.
---
"""


def add_minutes(site: Path) -> None:
    folder = site / "content" / MEETING
    (folder / "paragraf-5").mkdir(parents=True)
    (folder / "paragraf-6").mkdir()
    (folder / "meeting.md").write_text("---\ndate: 2013-02-12\n---\n", encoding="utf-8")
    (folder / "protokoll.md").write_text(PROTOKOLL, encoding="utf-8")
    (folder / "paragraf-5/paragraph.md").write_text(PARAGRAPH_5, encoding="utf-8")
    (folder / "paragraf-6/paragraph.md").write_text(PARAGRAPH_6, encoding="utf-8")


@pytest.fixture
def built(site_dir, tmp_path) -> Path:
    add_minutes(site_dir)
    return build_into(site_dir, tmp_path / "out", "--no-search", "--today", "2013-03-01")


def _main(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").main


def test_one_page_per_elected_person_and_none_for_officials_or_private_persons(built):
    pages = sorted(p.parent.name for p in (built / "ledamot").glob("*/index.html"))
    assert pages == ["anna-berg", "eva-lund", "jan-byvik", "lisa-andersson", "per-ek"]


def test_one_person_across_name_forms(built):
    page = _main(built / "ledamot/jan-byvik/index.html")
    assert page.h1.get_text() == "Jan Byvik (S)"  # not the capitals of the ballot or the e-signature
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in page.dl.find_all("dt")}
    assert facts == {"Parti": "S", "Vård- och omsorgsnämnden": "Ledamot (1:e vice ordförande)"}
    [row] = page.find("table").tbody.find_all("tr")
    assert row.th.a["href"] == f"/{MEETING}/paragraf-5/"
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[1] == "Nej" and "utslagsröst" in cells[2] and "Ja 2, Nej 2, Avstår 0" in cells[2]
    reservations = page.find(id="reservationer").find_next("ul")
    assert [a["href"] for a in reservations.find_all("a")] == [f"/{MEETING}/paragraf-5/"]


def test_deputy_notes_and_conflict_of_interest(built):
    page = _main(built / "ledamot/per-ek/index.html")
    text = page.get_text(" ", strip=True)
    assert "Tjänstgörande ersättare" in text and "Vänsterpartiet vill se en utvärdering." in text
    assert [a["href"] for a in page.find(id="jav").find_next("ul").find_all("a")] == [f"/{MEETING}/paragraf-6/"]
    assert "Närvarande vid sammanträden" in text


def test_index_by_committee_and_party(built):
    page = _main(built / "ledamot/index.html")
    [committee] = page.find_all("h2")
    assert committee.get_text() == "Vård- och omsorgsnämnden"
    parties = {h3.get_text(): [a.get_text() for a in h3.find_next("ul").find_all("a")] for h3 in page.find_all("h3")}
    assert parties == {"L": ["Eva Lund"], "M": ["Lisa Andersson"], "S": ["Anna Berg", "Jan Byvik"], "V": ["Per Ek"]}
    assert list(parties) == ["L", "M", "S", "V"]


def test_people_data_matches_its_schema(built):
    people = json.loads((built / "data/people.json").read_text(encoding="utf-8"))
    jsonschema.validate(people, json.loads((built / "data/people.schema.json").read_text(encoding="utf-8")))
    jan = next(p for p in people if p["id"] == "jan-byvik")
    assert jan["votes"] == [{"paragraph": f"{MEETING}/paragraf-5", "vote": "nej",
                             "outcome": "Ordförandens utslagsröst avgör för arbetsutskottets förslag."}]
    assert jan["reservations"] == [f"{MEETING}/paragraf-5"] and jan["meetings"] == [MEETING]
    rows = list(csv.DictReader(io.StringIO((built / "data/people.csv").read_text(encoding="utf-8"), newline="")))
    assert [r["id"] for r in rows] == [p["id"] for p in people]
    assert next(r for r in rows if r["id"] == "jan-byvik")["votes"] == "1"


def test_pages_name_their_people_for_the_search_filter(built):
    page = BeautifulSoup((built / MEETING / "paragraf-5/index.html").read_text(encoding="utf-8"), "html.parser")
    named = [s.get_text() for s in page.find_all(attrs={"data-pagefind-filter": "person"})]
    assert sorted(named) == ["anna-berg", "jan-byvik", "lisa-andersson", "per-ek"]
    search = BeautifulSoup((built / "sok/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [o["value"] for o in search.find(id="sok-person").find_all("option")][1:] == \
           ["anna-berg", "eva-lund", "jan-byvik", "lisa-andersson", "per-ek"]


def test_people_false_turns_person_pages_off(site_dir, tmp_path):
    add_minutes(site_dir)
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "people: false\n", encoding="utf-8")
    out = build_into(site_dir, tmp_path / "out", "--no-search")
    assert not (out / "ledamot").exists()
    assert json.loads((out / "data/people.json").read_text(encoding="utf-8")) == []
    assert not BeautifulSoup((out / "sok/index.html").read_text(encoding="utf-8"), "html.parser").find(id="sok-person")
    assert 'data-pagefind-filter="person"' not in (out / MEETING / "paragraf-5/index.html").read_text(encoding="utf-8")


def test_notice_of_minutes_with_posted_date_and_storage(built):
    notice = _main(built / "anslagstavla/vard-och-omsorgsnamnden-2013-02-12/index.html")
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in notice.dl.find_all("dt")}
    # Posted Tuesday 19 February: three weeks end Tuesday 12 March.
    assert facts == {"Nämnd": "Vård- och omsorgsnämnden", "Sammanträdesdatum": "2013-02-12",
                     "Paragrafer": "§§ 5–6", "Datum för justering": "2013-02-14", "Anslaget uppsatt": "2013-02-19",
                     "Sista dag att överklaga": "2013-03-12", "Anslaget tas ned": "2013-03-13",
                     "Förvaringsplats för protokollet": "Vård- och omsorgsförvaltningen, Tumba"}


def test_check_warns_about_a_notice_posted_too_late(site_dir):
    add_minutes(site_dir)  # adjusted Thursday 14 February: to be posted by Monday 18 February
    report = check(site_dir / "content", site_dir / "config.yaml", validate_html=False)
    [late] = [p for p in report.warnings if p.field == "posted"]
    assert late.path.endswith(f"{MEETING}/protokoll.md") and late.line == 10
    assert "2013-02-19" in late.message and "2013-02-18" in late.message
    protokoll = site_dir / "content" / MEETING / "protokoll.md"
    protokoll.write_text(PROTOKOLL.replace("posted: 2013-02-19", "posted: 2013-02-18"), encoding="utf-8")
    report = check(site_dir / "content", site_dir / "config.yaml", validate_html=False)
    assert not [p for p in report.warnings if p.field == "posted"]


def test_terminal_search_narrows_to_a_person(site_dir):
    add_minutes(site_dir)
    paths = ["--content", site_dir / "content", "--config", site_dir / "config.yaml", "--json"]
    everyone = json.loads(run_diarium("search", "nämnden", *paths).stdout)
    assert f"/{MEETING}/paragraf-6/" in {hit["url"] for hit in everyone}
    voted = json.loads(run_diarium("search", "nämnden", "--person", "jan-byvik", *paths).stdout)
    assert [hit["url"] for hit in voted] == [f"/{MEETING}/paragraf-5/"]
    assert voted[0]["people"] == ["lisa-andersson", "jan-byvik", "anna-berg", "per-ek"]
    assert json.loads(run_diarium("search", "nämnden", "--person", "maria-ek", *paths).stdout) == []


def test_names_link_to_person_pages_but_officials_do_not(built):
    page = _main(built / MEETING / "index.html")
    links = {a.get_text(): a["href"] for a in page.find_all("a", href=lambda h: h and h.startswith("/ledamot/"))}
    assert links["Lisa Andersson"] == links["LISA ANDERSSON"] == "/ledamot/lisa-andersson/"  # attendance, signature
    assert links["Jan Byvik (S)"] == "/ledamot/jan-byvik/"  # a reservation
    assert "Maria Ek" not in links and "Olle Nord" not in links and "Kim Ström" not in links
    nav = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser").header
    assert nav.find("a", href="/ledamot/") and nav.find("a", href="/anslagstavla/")
