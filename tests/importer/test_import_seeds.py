"""The four seed records, imported and built: meetings, items, documents, coverage, warnings."""
from __future__ import annotations

import re

import pytest

from importer_support import ANNEX_004, MEETING_000, MEETING_001, PLAN_003, visible_words

# (number, agenda title, diary numbers) per meeting; the agenda is the authority.
ITEMS_000 = [
    (1, "En tillgänglig socialtjänst – muntlig information", []),
    (2, "Ombyggnad: Nya platser för jourboende på Gröndalsvägen 8", ["SN 2012:195"]),
    (3, "Återrapportering till Länsstyrelsen projektår 3, 2011 års medel, projekt Samordning av kvinnofrid",
     ["SN 2009:78"]),
    (4, "Ansökan till samordningsförbundet forts paraplyprojektet", ["SN 2009:111"]),
    (5, "Sociala insatsgrupper – Slutrapport för perioden september 2011 till och med oktober 2012",
     ["SN 2012:40"]),
    (6, "Ansökan för år 2013 projektet SamBorådet", ["SN 2010:11"]),
    (7, "Tillsynsplan över serveringstillstånden i Botkyrka", ["SN 2012:177"]),
    (8, "Förvaltningschefen informerar", []),
    (9, "Ärenden från samordningsförbundet i Botkyrka", ["SN 2012:17"]),
    (10, "Anmälan av delegationsbeslut", ["SN 2012:17", "SN 2012:16"]),
    (11, "Anmälningsärenden", ["SN 2012:14"]),
]
ITEMS_001 = [
    (1, "Socialförvaltningens anhörigstöd - muntlig information", []),
    (2, "Medarbetarundersökningen - muntlig information", []),
    (3, "Ekonomisk månadsrapport mars 2018", ["SN 2017:1"]),
    (4, "Statsbidrag för att stärka bemanningen inom den sociala barn- och ungdomsvården 2018", ["SN 2018:137"]),
    (5, "Statsbidrag för att stärka insatserna för barn och unga med psykisk ohälsa", ["SN 2018:140"]),
    (6, "Förändrade avgifter inom socialtjänsten –handläggningsrutiner", ["SN 2018:167"]),
    (7, "Beslut om att utse dataskyddsombud samt entledigande av befintligt personuppgiftsombud", ["SN 2018:45"]),
    (8, ("Remissvar av betänkandet Jämställt föräldraskap och goda uppväxtvillkor för barn - en ny modell för "
         "föräldraförsäkringen (SOU 2017:101)"), ["SN 2018:90"]),
    (9, "Beslut om anmälan av delegationsbeslut", ["SN 2017:233"]),
    (10, "Förvaltningschefen informerar – muntlig information", []),
    (11, "Uppföljning av Dialogforum", ["SN 2018:16"]),
    (12, "Samordningsförbundet i Botkyrka, Huddinge och Salem", ["SN 2018:15"]),
    (13, "Anmälan av delegationsbeslut", ["SN 2018:14"]),
    (14, "Anmälningsärenden", ["SN 2018:12"]),
    (15, "Ny ledamot i vuxen- och ungdomsutskottet", ["SN 2014:216"]),
]
# Documents per item: (number, [(kind, title start)]); items not listed have none.
DOCUMENTS_000 = {
    2: [("tjansteskrivelse", "Ombyggnad: Nya platser")],
    3: [("tjansteskrivelse", "Återrapportering till Länsstyrelsen"), ("bilaga", "Återrapportering av projekt")],
    4: [("tjansteskrivelse", "Paraplyprojektet"), ("bilaga", "Ansökan om medel"), ("bilaga", "Bilaga 1"),
        ("bilaga", "Bilaga 2"), ("bilaga", "Bilaga 3")],
    5: [("tjansteskrivelse", "Sociala insatsgrupper"), ("bilaga", "Slutrapport för perioden")],
    6: [("tjansteskrivelse", "Ansökan för år 2013")],
    7: [("tjansteskrivelse", "Tillsynsplan över serveringstillstånden")],
    9: [("bilaga", "Delårsrapport 2012"), ("bilaga", "Bilaga 1"), ("bilaga", "Revisorernas granskningsrapport"),
        ("bilaga", "Revisionsbitrådets rapport")],
}
DOCUMENTS_001 = {
    3: [("tjansteskrivelse", "Ekonomisk månadsrapport"), ("bilaga", "Bilaga 1")],
    4: [("tjansteskrivelse", "Statsbidrag för att stärka bemanningen")],
    5: [("tjansteskrivelse", "Statsbidrag för att stärka insatserna")],
    6: [("tjansteskrivelse", "Förändrade avgifter"), ("bilaga", "Bilaga: Handläggningsrutiner")],
    7: [("tjansteskrivelse", "Beslut om att utse dataskyddsbud"), ("bilaga", "Bilaga 1")],
    8: [("tjansteskrivelse", "Remissvar av betänkandet")],
    9: [("tjansteskrivelse", "Anmälan av delegationsbeslut")],
    11: [("bilaga", "Hur trivs vi i Fittja centrum?")],
    12: [("bilaga", "Förbundsstyrelsen"), ("bilaga", "Årsredovisning för Samordningsförbundet"),
         ("bilaga", "Årsredovisning 2017"), ("bilaga", "REVISIONSBERÄTTELSE"),
         ("bilaga", "Samordningsförbundet Botkyrka Huddinge Salem")],
}
MEETINGS = [("2012-12-11", ITEMS_000, DOCUMENTS_000), ("2018-04-24", ITEMS_001, DOCUMENTS_001)]
STANDALONE = {PLAN_003: ("mal-budget-och-verksamhetsplan-2013", "Mål, budget och verksamhetsplan 2013"),
              ANNEX_004: ("bilaga-2-sammanstallning-av-maluppfyllelse-for-finansierade-insatser-projekt",
                          "Bilaga 2: Sammanställning av måluppfyllelse för finansierade insatser/projekt")}


@pytest.mark.parametrize("day,expected,documents", MEETINGS, ids=["000", "001"])
def test_items_of_each_meeting(imported, day, expected, documents):
    items = [i for i in imported["items"] if i["meeting"] == day]
    assert [(i["number"], i["title"], i["diary_numbers"]) for i in items] == expected
    assert all(i["committee_id"] == "socialnamnden" for i in items)
    for item in items:
        found = [(d["kind"], d["title"]) for d in item["documents"]]
        want = documents.get(item["number"], [])
        assert [k for k, _ in found] == [k for k, _ in want], item["number"]
        for (_, title), (_, start) in zip(found, want, strict=True):
            assert title.startswith(start), (item["number"], title)


@pytest.mark.parametrize("source", [PLAN_003, ANNEX_004], ids=["003", "004"])
def test_standalone_documents(imported, source):
    slug, title = STANDALONE[source]
    page = imported["out"] / "dokument" / slug / "index.html"
    assert title in page.read_text(encoding="utf-8")
    text = (imported["content"] / "documents" / f"{slug}.md").read_text(encoding="utf-8")
    assert ("date: 2012-11-28" in text) if source == PLAN_003 else ("year: 2014" in text)


def _source_words(path) -> set[str]:
    """Words of a source record; markup (HTML tags, link targets) is not text."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<(?!http)[^>\n]+>", " ", text)
    text = re.sub(r"\]\((?:mailto:|https?:)[^)]*\)", "]", text)
    return {w.casefold() for w in re.findall(r"[^\W_]+", text)}


@pytest.mark.parametrize("source,pages", [(MEETING_000, "socialnamnden/2012-12-11"),
                                          (MEETING_001, "socialnamnden/2018-04-24"),
                                          (PLAN_003, "dokument/" + STANDALONE[PLAN_003][0]),
                                          (ANNEX_004, "dokument/" + STANDALONE[ANNEX_004][0])],
                         ids=["000", "001", "003", "004"])
def test_coverage(imported, source, pages):
    """At least 99.5 % of the distinct words of a record occur on the pages built from it."""
    words = _source_words(source)
    missing = words - visible_words(imported["out"] / pages)
    coverage = 1 - len(missing) / len(words)
    print(f"{source.name}: coverage {coverage:.2%}, missing {sorted(missing)}")
    assert coverage >= 0.995, sorted(missing)


@pytest.mark.parametrize("path,warning", [
    ("2012-12-11/09/item.md", "item 9: printed number 8 differs from its agenda position 9"),
    ("2012-12-11/10/item.md", "item 10: agenda has SN 2012:17, heading has SN 2012:16"),
    ("2018-04-24/03/item.md", "item 3: diary number SN 2017:1 only in the agenda, not in the heading"),
    ("2018-04-24/07/item.md", "differs from the agenda title"),
])
def test_known_disagreements_are_warned(imported, path, warning):
    text = (imported["content"] / "socialnamnden" / path).read_text(encoding="utf-8")
    assert warning in text
    assert warning in imported["stdout"]


def test_printed_number_kept(imported):
    text = (imported["content"] / "socialnamnden/2012-12-11/09/item.md").read_text(encoding="utf-8")
    assert "printed_number: 8" in text


def test_report_metadata(imported):
    text = (imported["content"] / "socialnamnden/2018-04-24/04/tjansteskrivelse.md").read_text(encoding="utf-8")
    for expected in ("date: 2018-03-14", "diary_number: SN 2018:137", "- Johanna Forssell",
                     "- Socialnämnden", "name: Marie Lundqvist", "role: Socialchef",
                     "- Chef, Stöd och utvecklingsenheten"):
        assert expected in text


def test_meeting_header(imported):
    text = (imported["content"] / "socialnamnden/2012-12-11/meeting.md").read_text(encoding="utf-8")
    for expected in ("date: 2012-12-11", "time: '19:30'", "place: Kommunhuset i Tumba plan 2, rum 2",
                     "kind: kallelse", "chair: Mats Einarsson", "secretary: Anneli Sjöberg", "*OBS Tiden*"):
        assert expected in text
    committee = (imported["content"] / "socialnamnden/committee.md").read_text(encoding="utf-8")
    assert "name: Socialnämnden" in committee and "prefix: SN" in committee


def test_summary_printed(imported):
    out = imported["stdout"]
    assert "meeting Socialnämnden 2012-12-11: 11 items" in out
    assert "meeting Socialnämnden 2018-04-24: 15 items" in out
