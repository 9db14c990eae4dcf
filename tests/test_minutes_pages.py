"""Minutes on the built site: the meeting page with notice and minutes, item and paragraph pages
(proposal vs decision, votes, reservations, jäv, confidentiality), and minutes in the open data,
feeds and calendars, read back with independent parsers."""
import csv
import io
import json
from pathlib import Path

import feedparser
import icalendar
import jsonschema
from bs4 import BeautifulSoup

from support import MINUTES, ROOT, build_into, run_diarium

MEETING = "byggnadsnamnden/2025-02-03"


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(element) -> str:
    return " ".join(element.get_text().split())


def test_meeting_page_has_status_agenda_attendance_and_the_whole_minutes(built_minutes, built_fixture):
    page = soup(built_minutes, MEETING)
    assert text(page.find("p", class_="record-status")) == "Protokoll justerat 2025-02-07"
    agenda = page.find("ol", class_="agenda")
    assert [text(li) for li in agenda.find_all("li")][3] == "Information om tillsyn Utgår"
    assert agenda.find("a", href="#paragraf-11")  # the item links the paragraph that decided it
    attendance = page.find("section", attrs={"aria-labelledby": "narvarande"})
    assert [h.get_text() for h in attendance.find_all("h4")] == [
        "Beslutande ledamöter", "Tjänstgörande ersättare", "Ej tjänstgörande ersättare", "Tjänstepersoner", "Övriga",
        "Ändringar i närvaron"]
    people = [text(li) for li in attendance.find_all("li")]
    for shown in ("Lisa Andersson (M), ordförande", "Jan Byvik (S), 1:e vice ordförande", "Maja Holm (MP)",
                  "Per Nordin (KD), ersätter Gunnar Riksén (KD)", "Hanna Ståhl, förvaltningschef, § 10-11",
                  "Erik Svensson, personalföreträdare",
                  "Olof Lind (SD) lämnar sammanträdet efter § 12 (under ajourneringen)"):
        assert shown in people
    minutes = page.find("section", id="protokoll")
    sections = minutes.find_all("section", class_="paragraph")
    assert [s["id"] for s in sections] == [f"paragraf-{n}" for n in range(10, 15)]
    assert "Byggnadsnämnden antar detaljplanen för Norra hamnen." in text(minutes.find("section", id="paragraf-10"))
    assert "LISA ANDERSSON, Ordförande – signerat 2025-02-07 10:15 (Visma Sign)" in text(minutes)
    facts = text(page.find("dl", class_="facts").find_next("dl"))
    assert "Paragrafer §§ 10-14" in facts
    assert "Justering (godkännande av protokollet) 7 februari 2025, Digital justering" in facts
    assert "Tid 13:05–15:40" in text(page.find("dl", class_="facts"))  # the minutes' actual times
    notice = soup(built_fixture, "socialnamnden/2012-12-11")
    assert text(notice.find("p", class_="record-status")) == "Kallelse" and not notice.find(id="protokoll")


def test_item_shows_the_notices_proposal_and_the_minutes_decision_with_sources(built_minutes):
    page = soup(built_minutes, f"{MEETING}/02")
    proposal, decision = page.find("section", class_="proposal"), page.find("section", class_="decision")
    assert proposal.h2.get_text() == "Förslag till beslut"
    assert text(proposal.find("p", class_="source")) == "Ur kallelsen, punkt 2"
    assert "föreslår kommunfullmäktige att anta taxan." in text(proposal)
    assert decision.h2.get_text() == "Beslut – Förslag till kommunfullmäktige"
    assert decision.find("a")["href"] == f"/{MEETING}/paragraf-11/"
    assert "Ur protokollet, § 11 (Protokoll justerat 2025-02-07)" in text(decision.find("p", class_="source"))
    legacy = soup(built_minutes, f"{MEETING}/01")  # `decision:` on an item is its proposal
    assert legacy.find("section", class_="proposal").h2.get_text() == "Förslag till beslut"
    assert legacy.find("section", class_="decision").h2.get_text() == "Beslut"
    withdrawn = soup(built_minutes, f"{MEETING}/04")
    assert text(withdrawn.find("p", class_="status")) == "Utgår" and not withdrawn.find("section", class_="decision")


def test_paragraph_page_has_vote_table_totals_reservations_and_notes(built_minutes):
    page = soup(built_minutes, f"{MEETING}/paragraf-11")
    assert text(page.h1) == "§ 11 Taxa för bygglov 2025!"
    table = page.find("table", class_="vote")
    assert text(table.caption) == ("Omröstning: ja för Bifall till arbetsutskottets förslag, "
                                   "nej för Bifall till Jan Byviks (S) yrkande")
    assert [(th.get_text(), th["scope"]) for th in table.thead.find_all("th")] == [
        ("Ledamot", "col"), ("Parti", "col"), ("Röst", "col")]
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")]
    assert rows == [["Lisa Andersson", "M", "Ja"], ["Jan Byvik", "S", "Nej"], ["Karin Ek", "C", "Nej"],
                    ["Olof Lind", "SD", "Ja"], ["Per Nordin", "KD", "Avstår"]]
    assert all(tr.th["scope"] == "row" for tr in table.tbody.find_all("tr"))
    assert text(page.find("p", class_="vote-totals")) == "Röstsiffror: Ja 2, Nej 2, Avstår 1"
    assert text(page.find("ul", class_="reservations")) == "Jan Byvik (S), Karin Ek (C) (skriftlig reservation bifogas)"
    assert text(page.find("ul", class_="protocol-notes")) == "Olof Lind (SD): Vi vill se en lägre taxa för småhus."
    assert "Jan Byvik (S), Karin Ek (C): Avslag på förslaget." in text(page.find("ul", class_="motions"))
    assert page.find("h2", id="beslutsgang") and "Vi reserverar oss" in text(page.find(id="dokument-reservation"))
    assert page.find("a", rel="prev")["href"] == f"/{MEETING}/paragraf-10/"
    assert page.select_one("dl.facts[data-pagefind-ignore]").find("a", href=f"/{MEETING}/02/")


def test_conflict_confidentiality_status_and_case(built_minutes):
    conflict = soup(built_minutes, f"{MEETING}/paragraf-12")
    assert "Deltar inte i handläggningen på grund av jäv: Karin Ek (C)" in text(conflict.find("section", attrs={
        "aria-labelledby": "jav"}))
    confidential = soup(built_minutes, f"{MEETING}/paragraf-13")
    marker = text(confidential.find("p", class_="confidential"))
    assert marker.startswith("Sekretess: Paragrafen omfattas av sekretess.")
    assert confidential.find("a", href=f"/{MEETING}/03/")  # tied explicitly by the item's `paragraph`
    item = soup(built_minutes, f"{MEETING}/03").find("section", class_="decision")
    assert text(item.find("p", class_="confidential")) == marker  # the item shows the decision with its marker
    assert text(soup(built_minutes, f"{MEETING}/paragraf-14").find("p", class_="status")) == "Bordlagd"
    case = soup(built_minutes, "arende/bn-2025-1")
    assert [a["href"] for a in case.find("ol", class_="timeline").find_all("a")] == [
        f"/{MEETING}/01/", f"/{MEETING}/paragraf-10/"]
    assert "§ 10 Detaljplan för Norra hamnen" in text(case)


def test_votes_and_attendance_data_validate_against_their_schemas(built_minutes):
    folder = built_minutes / "data"
    for name in ("votes", "attendance"):
        records = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        schema = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(records, schema)
        rows = list(csv.DictReader(io.StringIO((folder / f"{name}.csv").read_text(encoding="utf-8"), newline="")))
        assert len(rows) == len(records) and list(rows[0]) == list(schema["items"]["properties"])
    votes = json.loads((folder / "votes.json").read_text(encoding="utf-8"))
    assert [(v["paragraph"], v["yes"], v["no"], v["abstain"], len(v["ballots"])) for v in votes] == [(11, 2, 2, 1, 5)]
    attendance = json.loads((folder / "attendance.json").read_text(encoding="utf-8"))
    olof = next(a for a in attendance if a["name"] == "Olof Lind")
    assert (olof["group"], olof["party"], olof["left_after"]) == ("members", "SD", 12)
    assert [a["group"] for a in attendance].count("officials") == 2
    cases = json.loads((folder / "cases.json").read_text(encoding="utf-8"))
    jsonschema.validate(cases, json.loads((folder / "cases.schema.json").read_text(encoding="utf-8")))
    data_page = (built_minutes / "data/index.html").read_text(encoding="utf-8")
    assert 'href="/data/votes.json"' in data_page and 'href="/data/attendance.csv"' in data_page


def test_feeds_and_calendar_include_the_minutes(built_minutes):
    feed = feedparser.parse((built_minutes / "feed.xml").read_bytes())
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    assert "Byggnadsnämnden, 3 februari 2025: Protokoll" in titles
    assert "Byggnadsnämnden 2025-02-03: § 11 Taxa för bygglov 2025!" in titles
    committee = feedparser.parse((built_minutes / "byggnadsnamnden/feed.xml").read_bytes())
    assert len(committee.entries) == 1 + 4 + 5  # the meeting, its items and its paragraphs
    calendar = icalendar.Calendar.from_ical((built_minutes / "kalender.ics").read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert "§ 12 Strandskyddsdispens, Lövön 1:3" in str(event["description"])
    assert event.decoded("dtstart").strftime("%H:%M") == "13:05"


def test_english_minutes(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "content").symlink_to(MINUTES / "content")
    config = (MINUTES / "config.yaml").read_text(encoding="utf-8").replace("language: sv", "language: en")
    (source / "config.yaml").write_text(config, encoding="utf-8")
    out = build_into(source, tmp_path / "site", "--no-search")
    item = soup(out, f"{MEETING}/02")
    assert item.find("section", class_="proposal").h2.get_text() == "Proposed decision"
    assert item.find("section", class_="decision").h2.get_text() == "Decision – Proposal to kommunfullmäktige"
    paragraph = soup(out, f"{MEETING}/paragraf-11")
    assert text(paragraph.find("p", class_="vote-totals")) == "Result: Yes 2, No 2, Abstains 1"
    assert text(soup(out, MEETING).find("p", class_="record-status")) == "Minutes adjusted 2025-02-07"


def test_real_kungsbacka_minutes_build(tmp_path):
    """Real minutes (Kungsbacka, Valnämnd 2025-02-03) in the second bundled site, imported from
    ../shared/records/kungsbacka by `make kungsbacka`."""
    out = build_into(ROOT / "examples" / "kungsbacka", tmp_path / "site", "--no-search")
    page = soup(out, "valnamnd/2025-02-03")
    assert text(page.find("p", class_="record-status")) == "Protokoll"  # adjusted digitally, no date given
    assert not page.find("ol", class_="agenda")  # minutes only: no notice
    attendance = page.find("section", attrs={"aria-labelledby": "narvarande"})
    people = [text(li) for li in attendance.find_all("li")]
    assert people[:2] == ["Jan Byvik (S), Ordförande", "Christian Johansson (M), vice ordförande"]
    assert "Lotta Gradén, specialist kvalitet & intern kontroll, § 1" in people and len(people) == 9 + 6 + 3
    paragraph = soup(out, "valnamnd/2025-02-03/paragraf-2")
    assert paragraph.find("section", class_="decision").h2.get_text() == "Beslut"
    assert [li.get_text() for li in paragraph.find("section", attrs={"aria-labelledby": "beslutsunderlag"})
            .find_all("li")][0] == "Kommunledningskontorets tjänsteskrivelse, 2025-01-16."
    assert text(paragraph.find("p", class_="sent-to")) == "Beslutet skickas till: Budgetberedningen"
    attendance_data = json.loads((out / "data/attendance.json").read_text(encoding="utf-8"))
    valnamnd = [a["group"] for a in attendance_data if a["url"] == "/valnamnd/2025-02-03/"]
    assert valnamnd.count("members") == 9
    case = paragraph.find("a", class_="dnr")["href"]  # the paragraph carries its case
    assert "§ 2 Underlag till kommunbudget 2026" in text(soup(out, case.strip("/")))


def test_terminal_search_narrows_to_notices_or_minutes(minutes_dir):
    def urls(*kind: str) -> list[str]:
        result = run_diarium("search", "detaljplan", "--content", minutes_dir / "content",
                             "--config", minutes_dir / "config.yaml", "--json", *kind)
        return [r["url"].removeprefix("/") for r in json.loads(result.stdout)]
    assert sorted(urls()) == [f"{MEETING}/01/", f"{MEETING}/paragraf-10/"]
    assert urls("--kind", "protokoll") == [f"{MEETING}/paragraf-10/"]
    assert urls("--kind", "kallelse") == [f"{MEETING}/01/"]
