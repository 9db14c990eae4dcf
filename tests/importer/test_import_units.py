"""Small hand-made records for rules the seeds do not show (field guide: "records of this kind
can also …"), and the text-level rules one by one."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.diary import DiaryScheme
from generator.importer import clean, tables
from generator.importer.convert import read_record
from generator.importer.extracted import Notice
from generator.importer.markdown_body import to_markdown
from generator.importer.seed_notice import split_title
from generator.importer.source import NotARecord
from importer_support import MEETING_000

RECORD = """


2019-03-05

Exempelby kommun

Kultur- och fritidsnämnden

Tid 2019-03-05, kl 18.00

Plats Stadshuset, sal 3

Ärenden

Justering

Eva Ek

- 1 Information om sommarlovet
- 2 Bidrag till föreningar för året som kommer (KFN 2019:12)
- 3 Taxor för lokaler (KFN 2019:xx)
- 4 Yttrande över motion om bibliotek och
längre öppettider (KFN 2019:40)

ANNA ANDERSSON
ordförande

BERTIL BERG
sekreterare



Information om sommarlovet

Beslut

Nämnden har tagit del av informationen.

**2****Bidrag till föreningar för året
som kommer (KFN 2019:12)****Beslut**

Nämnden fördelar bidrag enligt förslaget.

Ärendet

Föreningarna har ansökt om bidrag.



## 3

### Taxor för lokaler

#### Beslut

Nämnden antar taxorna.



4

Yttrande över motion om bibliotek (KFN 2019:41)

Beslut

Nämnden lämnar yttrandet.

Referens
Cecilia Carlsson

Mottagare
Kultur- och fritidsnämnden

Yttrande över motion om bibliotek

Förslag till beslut

Nämnden lämnar yttrandet enligt förvaltningens förslag.

Bakgrund

En motion om längre öppettider har lämnats.

David Dahl
Förvaltningschef

Expedieras till: Kommunstyrelsen, Biblioteket
"""


@pytest.fixture
def meeting(tmp_path: Path) -> Notice:
    path = tmp_path / "record.txt"
    path.write_text(RECORD, encoding="utf-8")
    record = read_record(path, ["SN", "KS"])
    assert isinstance(record, Notice)
    return record


def test_header_and_agenda(meeting):
    assert (str(meeting.date), meeting.time, meeting.place) == ("2019-03-05", "18:00", "Stadshuset, sal 3")
    assert (meeting.committee, meeting.chair, meeting.secretary, meeting.organisation) == \
        ("Kultur- och fritidsnämnden", "Anna Andersson", "Bertil Berg", "Exempelby kommun")
    assert [i.number for i in meeting.items] == [1, 2, 3, 4]
    assert meeting.items[0].title == "Information om sommarlovet"


def test_adjustment_makes_minutes(meeting):
    assert meeting.kind == "protokoll" and meeting.adjustment == {"by": ["Eva Ek"]}


def test_wrapped_agenda_line(meeting):
    assert meeting.items[3].title == "Yttrande över motion om bibliotek och längre öppettider"


def test_item_without_number_marker(meeting):
    assert meeting.items[0].decision == "Nämnden har tagit del av informationen."


def test_two_line_glued_marker_and_unknown_prefix(meeting):
    item = meeting.items[1]
    assert item.diary_numbers == ["KFN 2019:12"]
    assert item.decision == "Nämnden fördelar bidrag enligt förslaget."
    assert "Föreningarna har ansökt om bidrag." in item.body
    assert not [w for w in item.warnings if "title" in w]


def test_placeholder_diary_number_is_warned_not_linked(meeting):
    item = meeting.items[2]
    assert item.diary_numbers == []
    assert any("placeholder" in w for w in meeting.warnings)
    assert item.decision == "Nämnden antar taxorna."


def test_heading_dnr_disagreement_and_report_without_page_break(meeting):
    item = meeting.items[3]
    assert item.diary_numbers == ["KFN 2019:40", "KFN 2019:41"]
    assert any("agenda has KFN 2019:40, heading has KFN 2019:41" in w for w in item.warnings)
    assert item.decision == "Nämnden lämnar yttrandet."
    [report] = item.documents
    assert report.kind == "tjansteskrivelse" and report.title == "Yttrande över motion om bibliotek"
    assert report.meta["officer"] == ["Cecilia Carlsson"]
    assert report.meta["recipients"] == ["Kultur- och fritidsnämnden"]
    assert report.meta["signatures"] == [{"name": "David Dahl", "role": "Förvaltningschef"}]
    assert report.meta["distribution"] == ["Kommunstyrelsen", "Biblioteket"]
    assert "En motion om längre öppettider" in report.body and "David Dahl" not in report.body


@pytest.mark.parametrize("text,expected", [
    ("Remissvar (SOU 2017:101) (SN 2018:90)", ("Remissvar (SOU 2017:101)", ["SN 2018:90"], [])),
    ("Avgifter (SN 2012:5) – bordlagt", ("Avgifter – bordlagt", ["SN 2012:5"], [])),
    ("Två ärenden (SN 2012:5) (SN/2012:6)", ("Två ärenden", ["SN 2012:5", "SN 2012:6"], [])),
    ("Utredning Lex Sarah SN 2018:54", ("Utredning Lex Sarah", ["SN 2018:54"], [])),
    ("Ofullständig (SN 2012:5", ("Ofullständig", ["SN 2012:5"], [])),
    ("Taxor (SN 2016:xx)", ("Taxor", [], ["diary number 'SN 2016:xx' is placeholder"])),
    ("Alkohollagen (2010:1622)", ("Alkohollagen (2010:1622)", [], [])),
])
def test_split_title(text, expected):
    assert split_title(text, DiaryScheme(["SN", "KS"])) == expected


def test_not_a_record(tmp_path: Path):
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)))
    with pytest.raises(NotARecord):
        read_record(path, ["SN"])


# --- text rules -------------------------------------------------------------------------------------
def test_glued_bold_runs_are_split():
    assert clean.unglue("**2****Titel (SN 2012:195)****Beslut**") == ["**2**", "**Titel (SN 2012:195)**", "**Beslut**"]
    assert clean.unglue("Nej**Sammanträdesdag** 23 mars") == ["Nej **Sammanträdesdag** 23 mars"]


@pytest.mark.parametrize("text,expected", [
    ("kriminali- tet", "kriminalitet"),
    ("barn- och ungdomsvården", "barn- och ungdomsvården"),
    ("trygghets- alternativt larmsystem", "trygghets- alternativt larmsystem"),
    ("IPS- team", "IPS-team"),
])
def test_inline_dehyphenation(text, expected):
    assert clean.dehyphenate(text) == expected


def test_cut_word_across_running_header_is_joined():
    lines = ["arbetet med vuxenut-", "", "", "", "bildningsförvaltningen fortsätter."]
    assert to_markdown(lines).strip() == "arbetet med vuxenutbildningsförvaltningen fortsätter."


def test_hanging_hyphen_across_lines_is_kept():
    assert "hälso- och sjukvård" in to_markdown(["inom hälso-", "och sjukvård."])


def test_tab_table_never_becomes_code():
    md = to_markdown(["Text före.", "", "\t2011 (budget)\t2011 (utfall)", "Kostnad\t10\t12", "---\t--\t--",
                      "a|b\t1"])
    assert md.splitlines()[2:] == ["|  | 2011 (budget) | 2011 (utfall) |", "|---|---|---|",
                                   "| Kostnad | 10 | 12 |", "| a\\|b | 1 |  |"]


def test_first_row_with_numbers_is_not_a_header():
    rows = [["Intäkter", "18297"], ["Kostnader", "-158218"]]
    assert tables.pipe_table(rows, str)[0] == "|  |  |"


def test_bold_group_row_kept_and_contents_loses_page_numbers():
    md = to_markdown(["<b>Total</b>\t\t", "Intäkter\t1\t2"])
    assert "| **Total** |  |  |" in md
    contents = to_markdown(["Innehållsförteckning", "", "1. Inledning\t5", "Bakgrund.....\t7"])
    assert "1\\. Inledning\\" in contents and "Bakgrund" in contents and "7" not in contents


def test_numbered_title_is_not_a_list_and_html_loses_style():
    md = to_markdown(["1. Projektets namn", "", '<ul style="list-style-type: none"><li>- Ett</li></ul>'])
    assert md.startswith("1\\. Projektets namn")
    assert "style" not in md and "- Ett" in md


def test_headings_are_demoted():
    assert to_markdown(["# STYRDOKUMENT", "", "Text."]).startswith("## STYRDOKUMENT")


def test_footnote_moves_after_the_paragraph_it_cut():
    md = to_markdown(["En förbätt-", "", "¹ Fotnotens text.", "", "ring av arbetet."])
    assert md.split("\n\n") == ["En förbättring av arbetet.", "¹ Fotnotens text.\n"]


VARIANTS = """
2020-01-10

Socialnämnden

Tid 2020-01-10, kl 18:00

Plats Rum 1

Ärenden

Justering

- 1 Rapport om hemlöshet (SN 2020:5)
- 2 Information om budget

ANNA ALM
ordförande

BO BERG
sekreterare



1

Rapport om hemlöshet (SN 2020:5)

Beslut

Nämnden godkänner rapporten.



2020-01-02

Dnr SN/2020:5

Referens
Eva Ek

Mottagare
Socialnämnden

Rapport om hemlöshet

Förslag till beslut

Nämnden godkänner rapporten.

Eva Ek
Socialchef

Sammanfattning

Rapporten beskriver läget.

Bilaga 1: Statistik över hemlöshet

Statistiken visar läget i kommunen.

Styrelsens protokoll

Beslut

Styrelsen beslutade att lämna rapporten.



2

Information om budget

Beslut

Nämnden har tagit del av informationen.
"""


def test_report_signed_after_proposal_and_a_stray_decision_label(tmp_path: Path):
    path = tmp_path / "variants.txt"
    path.write_text(VARIANTS, encoding="utf-8")
    meeting = read_record(path, ["SN"])
    assert [(i.number, i.title) for i in meeting.items] == [(1, "Rapport om hemlöshet"), (2, "Information om budget")]
    report, attachment = meeting.items[0].documents
    assert "Rapporten beskriver läget." in report.body
    assert report.meta["signatures"] == [{"name": "Eva Ek", "role": "Socialchef"}]
    assert attachment.title == "Statistik över hemlöshet"
    assert "Styrelsen beslutade att lämna rapporten." in attachment.body
    assert any("matches no agenda item" in w for w in meeting.warnings)
    assert meeting.items[1].decision == "Nämnden har tagit del av informationen."


OTHER_LAYOUT = """
Kallelse

Exempelby kommun

Äldrenämnden

Tid: 2021-09-14, kl. 17.30

Plats: Rådhuset

Ärenden

Justering

- 1. Delårsrapport (ÄN 2021:33)
- 2. Val av ombud (ÄN 2021:40)

Stina Sten, ordförande

Sida 1 av 3



1 Delårsrapport (ÄN 2021:33)

Beslut

Nämnden godkänner delårsrapporten.

**2** **Val av ombud (ÄN 2021:40)** **Beslut**

Nämnden väljer Olle Ek.

2 (3)
"""


def test_other_layout(tmp_path: Path):
    """Marker and title on one line, spaced bold fields, page numbers, a name and role on one line."""
    path = tmp_path / "other.txt"
    path.write_text(OTHER_LAYOUT, encoding="utf-8")
    meeting = read_record(path, ["SN"])
    assert (meeting.committee, meeting.organisation, meeting.chair, str(meeting.date), meeting.time) == \
        ("Äldrenämnden", "Exempelby kommun", "Stina Sten", "2021-09-14", "17:30")
    assert [(i.number, i.title, i.diary_numbers) for i in meeting.items] == \
        [(1, "Delårsrapport", ["ÄN 2021:33"]), (2, "Val av ombud", ["ÄN 2021:40"])]
    assert not [w for i in meeting.items for w in i.warnings]
    assert meeting.items[1].decision == "Nämnden väljer Olle Ek."
    assert "3" not in meeting.items[1].body


@pytest.mark.parametrize("change,count", [
    (lambda text: re.sub(r"(?m)^- \d+ .*\n", "", text), 11),          # no agenda: headings decide
    (lambda text: re.sub(r"(?m)^\d{1,2}\n", "\n", text), 11),         # no number markers at all
    (lambda text: text.replace("\n", "\r\n").replace(" ", "\u00a0", 80), 11),   # CR LF, NBSP
], ids=["no-agenda", "no-markers", "crlf-nbsp"])
def test_seed_variations(tmp_path: Path, change, count):
    """A meeting record with its agenda, markers or line ends changed still yields its items."""
    path = tmp_path / "variation.txt"
    path.write_text(change(MEETING_000.read_text(encoding="utf-8")), encoding="utf-8")
    meeting = read_record(path, ["SN", "KS"])
    assert len(meeting.items) == count
    assert meeting.items[1].title.startswith("Ombyggnad: Nya platser för jourboende")
    assert meeting.items[9].diary_numbers[-1] == "SN 2012:16"
    assert (meeting.chair, meeting.secretary) == ("Mats Einarsson", "Anneli Sjöberg")


def test_free_heading_between_paragraphs():
    md = to_markdown(["Första stycket slutar här.", "", "Tidsplan och kostnad", "", "Arbetet börjar i maj.",
                      "", "Lotta Persson", "", "Sista stycket."])
    assert md.split("\n\n") == ["Första stycket slutar här.", "### Tidsplan och kostnad", "Arbetet börjar i maj.",
                                "Lotta Persson", "Sista stycket.\n"]
