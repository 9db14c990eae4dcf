"""Small hand-made records, one per layout rule of docs/importing.md: classification, layout
residue, minutes headers, attendance columns, § paragraphs, votes, notice tables and lists."""
from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

import pytest

from generator.diary import DiaryScheme
from generator.importer.command import run
from generator.importer.convert import read_record
from generator.importer.extracted import Document, Minutes, Notice

FILLER = "Nämnden behandlar ärendet enligt förvaltningens förslag och beslutar i enlighet med detta. " * 3


def record(tmp_path: Path, text: str, scheme: str = "dash", prefix: str | None = None):
    path = tmp_path / "record.txt"
    path.write_text(text, encoding="utf-8")
    return read_record(path, [], scheme, (lambda name: prefix) if prefix else None)


def page(n: int, body: str, header: str = "ACME KOMMUN          PROTOKOLL          {n} (3)\nTekniska nämnden") -> str:
    return f"<!-- sida {n} -->\n\n{header.format(n=n)}\n\n{body}\n"


MINUTES_HEAD = """ACME KOMMUN          PROTOKOLL
Tekniska nämnden
Datum
2025-05-06

Plats och tid för Rådhuset Klockan 17:00-17:25
sammanträde
Beslutande    Ledamöter                     Tjänstgörande ersättare
Anna Berg (S), Ordförande Bo Ek (M) ersätter Cay
Dan Fors (M), 1:e vice ordförande Lind (M)
Eva Gran (C)
Övriga närvarande Tjänstepersoner
Fia Holm, nämndsekreterare

Plats och tid för justering Kontoret 2025-05-09

Sekreterare   Fia Holm                     §§ 12-13
Paragrafer
Ordförande    Anna Berg (S)

Protokolljusterare Eva Gran (C)
"""
PARAGRAPHS = """§ 12                      Dnr TN-2025-00042
Ny taxa för
parkering

Beslut – Förslag till kommunfullmäktige
Kommunfullmäktige antar taxan.

Förslag till beslut på sammanträdet
Anna Berg (S) yrkar bifall.
Dan Fors (M) yrkar avslag.

Reservation
Eva Gran (C) och Bo Ek (M) reserverar sig mot beslutet.

Beslutet skickas till
Kommunfullmäktige
"""
PARAGRAPH_13 = """§ 13                      Dnr TN 2025–00043
Omröstning om bussar

Beslut
Nämnden bifaller förslaget.

Beslutsgång
Omröstning begärs. Ja-röst innebär bifall till förslaget
Nej-röst innebär avslag.

Omröstningsresultat
Med 2 ja-röster mot 1 nej-röst bifaller nämnden.

| Ledamot | Ja | Nej | Avstår |
| --- | --- | --- | --- |
| Anna Berg (S) | X |  |  |
"""
VOTE_CONTINUED = """| Dan Fors (M) | X |  |  |
| --- | --- | --- | --- |
| Eva Gran (C) |  | X |  |
"""
SIGNED = "Det här dokumentet är digitalt signerat\nTransaktionsidentitet: ABCDEF0123456789"


def minutes_text() -> str:
    return (page(1, MINUTES_HEAD, "ACME KOMMUN          PROTOKOLL")
            + page(2, PARAGRAPHS + "\n" + SIGNED)
            + page(3, PARAGRAPH_13 + "\n" + SIGNED + "\n\n" + VOTE_CONTINUED)
            + "<!-- sida 4 -->\n\nUndertecknat av följande personer\n\nANNA BERG\nDatum:    2025-05-09 10:11:12\n"
              "Transaktionsidentitet: ABCDEF0123456789\n\nUnderskriftstjänst:   Visma Underskriftstjänst\n")


# --- classification -------------------------------------------------------------------------------
def test_minutes_are_classified_by_their_labels(tmp_path):
    assert isinstance(record(tmp_path, minutes_text()), Minutes)


def test_a_notice_with_a_table_agenda_is_a_meeting_and_a_page_marker_is_never_a_title(tmp_path):
    notice = record(tmp_path, NOTICE)
    assert isinstance(notice, Notice) and notice.committee == "Tekniska nämnden"
    other = record(tmp_path, "<!-- sida 1 -->\n\n# Rapport om vägar\n\n" + FILLER)
    assert isinstance(other, Document) and other.title == "Rapport om vägar"


# --- layout residue ---------------------------------------------------------------------------------
def test_running_headers_page_numbers_and_footers_are_removed_and_the_cut_text_joined(tmp_path):
    minutes = record(tmp_path, minutes_text())
    texts = [str(p.fields) + p.body for p in minutes.paragraphs]
    assert not any("ACME KOMMUN" in t or "(3)" in t or "Transaktionsidentitet" in t for t in texts)
    assert minutes.paragraphs[0].title == "Ny taxa för parkering"


def test_the_signature_page_becomes_the_signatures(tmp_path):
    minutes = record(tmp_path, minutes_text())
    assert minutes.header["signatures"] == [{"name": "ANNA BERG", "signed": "2025-05-09 10:11:12",
                                             "service": "Visma Underskriftstjänst"}]


@pytest.mark.parametrize("number", ["2(10)", "2 (15)", "Sida 3 av 9"])
def test_page_numbers_are_layout(tmp_path, number):
    text = page(1, "Kallelse\n\nTekniska nämnden\n\n" + FILLER, "") + page(2, f"{number}\n\nMer text. " + FILLER, "")
    doc = record(tmp_path, text)
    assert number not in str(doc.__dict__)


def test_a_link_to_a_table_copy_is_dropped_and_the_table_kept(tmp_path):
    notice = record(tmp_path, NOTICE)
    assert "tabeller" not in notice.body and all("csv" not in i.body for i in notice.items)
    assert [i.title for i in notice.items] == ["Budget för år 2026", "Taxa för Släps-Högås avfall"]


# --- minutes header and attendance --------------------------------------------------------------------
def test_minutes_header_fields(tmp_path):
    minutes = record(tmp_path, minutes_text())
    h = minutes.header
    assert str(minutes.date) == "2025-05-06"          # the meeting, not the adjustment date
    assert (h["time"], h["end_time"], h["place"]) == ("17:00", "17:25", "Rådhuset")
    assert h["paragraphs"] == "12-13"                  # label printed after its value
    assert (h["chair"], h["secretary"], h["adjusters"]) == ("Anna Berg", "Fia Holm", ["Eva Gran (C)"])
    assert str(h["adjustment"]["date"]) == "2025-05-09" and h["adjustment"]["place"] == "Kontoret"


def test_two_interleaved_attendance_columns(tmp_path):
    a = record(tmp_path, minutes_text()).attendance
    assert [m["name"] for m in a["members"]] == ["Anna Berg", "Dan Fors", "Eva Gran"]
    assert a["members"][1]["role"] == "1:e vice ordförande"
    assert a["serving_deputies"] == [{"name": "Bo Ek", "party": "M", "replaces": "Cay Lind (M)"}]
    assert a["officials"] == [{"name": "Fia Holm", "title": "nämndsekreterare"}]


# --- paragraphs ---------------------------------------------------------------------------------------
def test_paragraph_labels_become_keys(tmp_path):
    first = record(tmp_path, minutes_text()).paragraphs[0]
    f = first.fields
    assert first.number == 12 and first.diary_numbers == ["TN-2025-00042"]
    assert (f["decision_type"], f["proposal_to"], f["decision"]) == ("forslag", "kommunfullmäktige",
                                                                    "Kommunfullmäktige antar taxan.")
    assert [m["by"] for m in f["motions"]] == [["Anna Berg (S)"], ["Dan Fors (M)"]]
    assert f["reservations"][0]["by"] == ["Eva Gran (C)", "Bo Ek (M)"]
    assert f["sent_to"] == ["Kommunfullmäktige"]


def test_a_vote_table_continues_over_a_page_without_its_header(tmp_path):
    second = record(tmp_path, minutes_text()).paragraphs[1]
    assert second.diary_numbers == ["TN-2025-00043"]    # en dash and a space for hyphens
    vote = second.fields["votes"][0]
    assert [(b["name"], b["vote"]) for b in vote["ballots"]] == [("Anna Berg", "ja"), ("Dan Fors", "ja"),
                                                                  ("Eva Gran", "nej")]
    assert vote["totals"] == {"yes": 2, "no": 1, "abstain": 0}
    assert vote["proposition"]["yes"].startswith("bifall")


# --- notices ------------------------------------------------------------------------------------------
NOTICE = page(1, """KALLELSE

Upprättad
2025-04-01

Tekniska nämnden

Sammanträde tisdagen den 22 april 2025 kl. 13.00
Rådhuset

[Tabell 1-1](kallelse.tabeller/1-1.csv)

|  | Ärende | Beteckning | Förslag |
| --- | --- | --- | --- |
|  | Val av justerare |  | Ordinarie: Eva Gran (C)<br>Ersättare: Bo Ek (M) |
|  | Beslutsärenden |  |  |
| 1. | Budget för år<br>2026<br>Föredragande: Fia Holm | TN-2025-<br>00014 | \
Förslag till beslut<br>Nämnden antar budgeten. |""", "") + page(2, """[Tabell 2-1](kallelse.tabeller/2-1.csv)

|  | Ärende | Beteckning | Förslag |
| --- | --- | --- | --- |
| 2. | Taxa för Släps-<br>Högås avfall<br>10:00-10:30 | 2025-00015 | - |

Anna Berg                    Fia Holm
ordförande                   sekreterare""", "ACME  KOMMUN\n\n2(2)")


def test_notice_table_rows_cells_and_header(tmp_path):
    notice = record(tmp_path, NOTICE, prefix="TN")
    assert (str(notice.date), notice.time, notice.place) == ("2025-04-22", "13:00", "Rådhuset")
    assert (notice.chair, notice.secretary, notice.adjustment) == ("Anna Berg", "Fia Holm", {"by": ["Eva Gran (C)"]})
    first, second = notice.items
    assert first.diary_numbers == ["TN-2025-00014"]          # wrapped over two cell lines
    assert second.diary_numbers == ["TN-2025-00015"]         # bare: the committee's prefix
    assert "Föredragande: Fia Holm" in first.body and "Tid: 10:00-10:30" in second.body
    assert "Beslutsärenden: punkt 1–2" in notice.notes       # a section row is a group


def test_a_dotted_contents_list_and_a_run_in_list(tmp_path):
    dotted = "Föredragningslista\n\nTekniska nämnden\n\n§ 8 Dnr TN-2025-00004\nBudget ......... 3\n\n" \
             "§ 9 Dnr TN-2025-00005\nTaxa för\nvatten ........ 4\n\n" + FILLER
    notice = record(tmp_path, dotted)
    assert [(i.title, i.diary_numbers) for i in notice.items] == [("Budget", ["TN-2025-00004"]),
                                                                   ("Taxa för vatten", ["TN-2025-00005"])]
    run_in = "Föredragningslista\n\nTekniska nämnden\n\n26 Dnr KS 2018/14 Val av ombud ... 3\n" \
             "27 Dnr KS 2018/15 Motion om skolor ... 5\n\n" + FILLER
    notice = record(tmp_path, run_in)
    assert [i.title for i in notice.items] == ["Val av ombud", "Motion om skolor"]


# --- diary numbers ------------------------------------------------------------------------------------
@pytest.mark.parametrize("written", ["KS-2024-00544", "KS–2024–00544", "KS_2024_00544", "KS 2024-00544",
                                     "KS KS-2024-00544", "Dnr KS-2024-\n00544", "KS-2024-00544."])
def test_dash_scheme_forms(written):
    assert [str(n) for n in DiaryScheme(["KS"], "dash").numbers(written)] == ["KS-2024-00544"]


@pytest.mark.parametrize("other", ["S2024/01282", "SFS 2020:1", "SI 2025:5869", "mål nr 1234-24", "KS 2012:195"])
def test_other_bodies_references_are_not_diary_numbers(other):
    assert DiaryScheme(["KS", "S", "SFS", "SI"], "dash").numbers(other) == []


def test_bare_numbers_take_the_committees_prefix_and_the_url_follows_the_scheme():
    scheme = DiaryScheme(["KS"], "dash")
    assert [str(n) for n in scheme.bare("2025-00014", "KS")] == ["KS-2025-00014"]
    assert scheme.parse("KS-2024-00544").slug == "ks-2024-00544"
    assert DiaryScheme(["SN"]).parse("SN 2012:195").slug == "sn-2012-195"     # the seeds' URLs


def test_a_pattern_scheme():
    scheme = DiaryScheme([], {"pattern": r"(?P<prefix>BN)\.(?P<year>\d{4})\.(?P<seq>\d+)"})
    assert [str(n) for n in scheme.numbers("se BN.2024.123")] == ["BN-2024-123"]


# --- notice and minutes of one meeting ----------------------------------------------------------------
MEETING_NOTICE = NOTICE.replace("tisdagen den 22 april 2025", "tisdagen den 6 maj 2025")


def import_all(content: Path, tmp_path: Path, *texts: str) -> dict[str, str]:
    """The import command's ``run`` on each text in turn, with a dash-scheme site."""
    config = tmp_path / "config.yaml"
    config.write_text("diary_scheme: dash\ndiary_prefixes: []\n", encoding="utf-8")
    for text in texts:
        path = tmp_path / ("minutes.txt" if text.startswith(minutes_text()[:40]) else "notice.txt")
        path.write_text(text, encoding="utf-8")
        args = argparse.Namespace(files=[path], content=content, config=config, committee=None, prefix="TN",
                                  force=False, dry_run=False, source_url=None, source_pdf=None)
        with contextlib.redirect_stdout(io.StringIO()):
            assert run(args) == 0
    return {str(p.relative_to(content)): p.read_text(encoding="utf-8") for p in sorted(content.rglob("*.md"))}


@pytest.mark.parametrize("order", ["notice first", "minutes first"])
def test_notice_and_minutes_fill_one_meeting_in_either_order(tmp_path, order):
    texts = [MEETING_NOTICE, minutes_text()] if order == "notice first" else [minutes_text(), MEETING_NOTICE]
    files = import_all(tmp_path / "content", tmp_path, *texts)
    folders = {name.split("/")[1] for name in files if name.count("/") >= 2}
    assert folders == {"2025-05-06"}
    assert {"tekniska-namnden/2025-05-06/protokoll.md", "tekniska-namnden/2025-05-06/01/item.md",
            "tekniska-namnden/2025-05-06/paragraf-12/paragraph.md"} <= set(files)
    assert "kind: kallelse" in files["tekniska-namnden/2025-05-06/meeting.md"]   # the notice's header


def test_reimporting_is_idempotent_and_keeps_hand_edits(tmp_path):
    content = tmp_path / "content"
    first = import_all(content, tmp_path, minutes_text(), MEETING_NOTICE)
    assert import_all(content, tmp_path, MEETING_NOTICE, minutes_text()) == first
    edited = content / "tekniska-namnden" / "2025-05-06" / "paragraf-12" / "paragraph.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("antar taxan", "antar den nya taxan"),
                      encoding="utf-8")
    again = import_all(content, tmp_path, minutes_text())
    assert "antar den nya taxan" in again["tekniska-namnden/2025-05-06/paragraf-12/paragraph.md"]


# --- another template: signature lines, same-line labels, notice of adjustment, slash numbers ------
OTHER_MINUTES = """SAMMANTRÄDESPROTOKOLL
Sammanträdesdatum 2024-11-05

Kommunstyrelsen

Plats och tid: Kommunhuset, kl. 18.30–20.00

Beslutande
Ledamöter
Anna Berg (S), ordförande
Bo Ek (M)

Utses att justera: Bo Ek (M)
Justeringens plats och tid: Kommunhuset 2024-11-08

Underskrifter   Sekreterare   .............................   Paragrafer 101-102
Cia Holm
Ordförande   .............................
Anna Berg

ANSLAG/BEVIS
Organ Kommunstyrelsen
Datum då anslaget sätts upp 2024-11-08
Förvaringsplats för protokollet Kommunkontoret

§ 101 Val av ombud
Dnr KS 2024/17

Beslut
Kommunstyrelsen väljer Bo Ek (M).

§ 102 Budget för år 2025
Dnr KS 2024/0203

Beslut
Kommunstyrelsen antar budgeten.
"""


def test_another_minutes_template(tmp_path):
    minutes = record(tmp_path, OTHER_MINUTES + FILLER, scheme="slash")
    h = minutes.header
    assert (minutes.committee, str(minutes.date)) == ("Kommunstyrelsen", "2024-11-05")
    assert (h["place"], h["time"], h["end_time"]) == ("Kommunhuset", "18:30", "20:00")
    assert (h["secretary"], h["chair"], h["adjusters"]) == ("Cia Holm", "Anna Berg", ["Bo Ek (M)"])
    assert (str(h["posted"]), h["storage"], h["paragraphs"]) == ("2024-11-08", "Kommunkontoret", "101-102")
    assert [(p.number, p.title, p.diary_numbers) for p in minutes.paragraphs] == [
        (101, "Val av ombud", ["KS 2024/17"]), (102, "Budget för år 2025", ["KS 2024/0203"])]
    assert minutes.paragraphs[0].fields["decision"] == "Kommunstyrelsen väljer Bo Ek (M)."


def test_slash_scheme_and_its_urls():
    scheme = DiaryScheme(["KS"], "slash")
    assert [str(n) for n in scheme.numbers("Dnr KS 2024/123, KS-2024/5; S2024/01282")] == ["KS 2024/123", "KS 2024/5"]
    assert scheme.parse("KS 2024/123").slug == "ks-2024-123"


def test_a_tab_table_agenda_with_numbers_in_the_title_cell(tmp_path):
    text = ("KALLELSE\n\nTekniska nämnden\n\nSammanträde 2025-03-04 kl 18.00\nRådhuset\n\n"
            "Ärende\tBeteckning\tFörslag\n1. Budget för 2026\tKS 2025/12\tNämnden antar budgeten.\n"
            "2. Taxa\tKS 2025/13\t-\n\n" + FILLER)
    notice = record(tmp_path, text, scheme="slash")
    assert [(i.number, i.title, i.diary_numbers) for i in notice.items] == [
        (1, "Budget för 2026", ["KS 2025/12"]), (2, "Taxa", ["KS 2025/13"])]
    assert str(notice.date) == "2025-03-04"


def test_a_table_of_rules_only_leaves_no_empty_block():
    from generator.importer.markdown_body import to_markdown
    assert to_markdown(["Text före.", "", "---\t--", "", "Text efter."]) == "Text före.\n\nText efter.\n"


def test_a_plain_numbered_agenda(tmp_path):
    text = ("Föredragningslista\n\nKultur- och fritidsnämnden\n\nSammanträde 2025-03-04 kl 18.00\n\n"
            "1. Val av justerare\n2. Bidrag till föreningar\nför år 2025\nDnr KFN 2025/7\n"
            "3. Ny bibliotekstaxa (KFN 2024/88)\n\n" + FILLER)
    notice = record(tmp_path, text, scheme="slash")
    assert [(i.number, i.title, i.diary_numbers) for i in notice.items] == [
        (1, "Val av justerare", []), (2, "Bidrag till föreningar för år 2025", ["KFN 2025/7"]),
        (3, "Ny bibliotekstaxa", ["KFN 2024/88"])]


def test_attendance_entries_on_the_label_line(tmp_path):
    text = OTHER_MINUTES.replace("Beslutande\nLedamöter\nAnna Berg (S), ordförande\nBo Ek (M)\n",
                                 "Beslutande ledamöter: Anna Berg (S), ordförande, Bo Ek (M)\n"
                                 "Tjänstepersoner\tCia Holm, sekreterare\n")
    a = record(tmp_path, text + FILLER, scheme="slash").attendance
    assert a["members"] == [{"name": "Anna Berg", "party": "S", "role": "ordförande"}, {"name": "Bo Ek", "party": "M"}]
    assert a["officials"] == [{"name": "Cia Holm", "title": "sekreterare"}]
