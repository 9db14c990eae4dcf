"""Minutes (protokoll) in the content model: loading, validation and the tie of notice items to
the paragraphs that decided them."""
from pathlib import Path

import pytest

from generator.build import BuildOptions, load_and_link
from generator.config import load_config
from generator.link import link_site
from generator.load import load_site
from generator.people import parse_person, person_key
from generator.problems import ContentError
from support import FIXTURE, MINUTES, run_diarium

MEETING = "content/byggnadsnamnden/2025-02-03"


def _site(source: Path):
    config, _ = load_config(source / "config.yaml")
    site, warnings = load_site(source / "content", config)
    return link_site(site, config), warnings


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_parse_person_splits_name_party_and_role():
    assert parse_person("Lisa Andersson (M), ordförande") == ("Lisa Andersson", "M", "ordförande")
    assert parse_person("Heinrich  Kaufmann (C), 1:e vice ordförande") == \
        ("Heinrich Kaufmann", "C", "1:e vice ordförande")
    assert parse_person("Anna Berg, förvaltningschef") == ("Anna Berg", "", "förvaltningschef")
    assert parse_person("Jan Byvik (S)") == ("Jan Byvik", "S", "")
    assert person_key("LISA  ANDERSSON") == person_key("Lisa Andersson (M)")


def test_minutes_header_attendance_and_paragraphs_are_loaded():
    site, warnings = _site(MINUTES)
    assert warnings == []
    meeting = site.meetings[0]
    minutes = meeting.minutes
    assert meeting.kind == "protokoll" and meeting.items  # notice and minutes of one meeting
    assert (meeting.time, meeting.end_time, meeting.place) == ("13:05", "15:40", "Kommunhuset, sal B")  # actual
    assert minutes.span == (10, 14) and minutes.adjustment_date.isoformat() == "2025-02-07"
    assert minutes.adjustment_place == "Digital justering" and minutes.adjusters == ["Jan Byvik (S)"]
    assert (minutes.signatures[0].signed, minutes.signatures[0].service) == ("2025-02-07 10:15", "Visma Sign")
    assert minutes.signatures[1].signed == "2025-02-06 16:02:11"  # YAML read it as a datetime
    assert minutes.signatures[2].signed == "2025-02-07"  # and this as a date
    members = minutes.attendance.members
    assert [(a.name, a.party, a.role) for a in members[:2]] == [
        ("Lisa Andersson", "M", "ordförande"), ("Jan Byvik", "S", "1:e vice ordförande")]
    assert minutes.attendance.serving_deputies[0].replaces == "Gunnar Riksén (KD)"
    assert [(o.name, o.role, o.paragraphs) for o in minutes.attendance.officials][1] == \
        ("Hanna Ståhl", "förvaltningschef", "10-11")
    change = minutes.attendance.changes[0]
    assert (change.name, change.party, change.event, change.paragraph) == ("Olof Lind", "SD", "leaves", 12)
    assert [p.number for p in minutes.paragraphs] == [10, 11, 12, 13, 14]
    vote = minutes.paragraphs[1].votes[0]
    assert vote.counted == {"yes": 2, "no": 2, "abstain": 1} and vote.yes == "Bifall till arbetsutskottets förslag"
    assert minutes.paragraphs[1].documents[0].url == "/byggnadsnamnden/2025-02-03/paragraf-11/#dokument-reservation"


def test_items_are_tied_by_explicit_key_diary_number_and_title():
    site, _ = _site(MINUTES)
    items = site.meetings[0].items
    assert [i.paragraph.number if i.paragraph else None for i in items] == [10, 11, 13, None]
    assert items[0].paragraph.item is items[0]
    assert items[0].proposal == "Byggnadsnämnden föreslås anta detaljplanen."  # legacy `decision` key
    assert items[3].status == "utgår"
    case = site.cases[items[0].diary_numbers[0]]
    assert [r.url for r in case.carriers] == ["/byggnadsnamnden/2025-02-03/01/",
                                              "/byggnadsnamnden/2025-02-03/paragraf-10/"]


def test_legacy_meeting_of_kind_protokoll_is_its_own_minutes_header():
    site, _ = _site(FIXTURE)
    meeting = next(m for m in site.meetings if m.id == "2013-01-15")
    assert meeting.kind == "protokoll" and meeting.minutes.chair == "Anna Andersson"
    assert meeting.minutes.adjusters == ["Cecilia Carlsson"] and meeting.minutes.paragraphs == []
    assert all(m.kind == "kallelse" for m in site.meetings if m.id != "2013-01-15")


def test_consistency_problems_are_warnings_with_file_line_and_field(minutes_dir):
    folder = minutes_dir / MEETING
    _replace(folder / "paragraf-11/paragraph.md", "totals: {yes: 2,", "totals: {yes: 3,")
    _replace(folder / "paragraf-11/paragraph.md", '["Jan Byvik (S)", "Karin Ek (C)"], written',
             '["Jan Byvik (S)", "Eva Okänd (V)"], written')
    _replace(folder / "paragraf-14/paragraph.md", "status: bordlagd", "votes:\n"
             "  - proposition: {yes: Bifall, no: Avslag}\n"
             "    ballots: [{name: Olof Lind, party: SD, vote: ja}]\nstatus: bordlagd")
    (folder / "paragraf-20").mkdir()
    (folder / "paragraf-20/paragraph.md").write_text("---\nnumber: 20\ntitle: Sent\n---\n", encoding="utf-8")
    (folder / "paragraf-010").mkdir()
    (folder / "paragraf-010/paragraph.md").write_text("---\nnumber: 10\ntitle: Igen\n---\n", encoding="utf-8")
    _, warnings = _site(minutes_dir)
    shown = [str(w) for w in warnings]
    assert any(w.startswith(f"{MEETING}/paragraf-11/paragraph.md:") and "field 'votes': [0].totals: the minutes "
               "state yes 3, no 2, abstain 1, the ballots give yes 2, no 2, abstain 1" in w for w in shown), shown
    assert f"{MEETING}/paragraf-11/paragraph.md:21: warning: field 'reservations': Eva Okänd (V) is not among " \
           "the members present at § 11" in shown
    assert any("paragraf-14/paragraph.md" in w and "Olof Lind is not among the members present at § 14" in w
               for w in shown)  # he left after § 12
    assert f"{MEETING}/paragraf-20/paragraph.md:2: warning: field 'number': § 20 is outside the minutes' " \
           "paragraphs 10-14 (protokoll.md)" in shown
    assert any("paragraf-10/paragraph.md:2: warning: field 'number': § 10 is used twice" in w for w in shown)
    assert all(w.level == "warning" for w in warnings)


def test_type_errors_in_minutes_are_errors_with_file_line_and_field(minutes_dir):
    folder = minutes_dir / MEETING
    _replace(folder / "paragraf-12/paragraph.md", "number: 12", "number: tolv")
    _replace(folder / "paragraf-11/paragraph.md", "party: S, vote: nej}", "party: S, vote: kanske}")
    _replace(folder / "protokoll.md", "event: leaves", "event: goes")
    _replace(folder / "paragraf-10/paragraph.md", "number: 10", "number: 10\ndecision_type: yttrande")
    with pytest.raises(ContentError) as caught:
        _site(minutes_dir)
    shown = [str(p) for p in caught.value.problems]
    assert f"{MEETING}/paragraf-12/paragraph.md:2: error: field 'number': expected a whole number" in shown
    assert f"{MEETING}/paragraf-11/paragraph.md:15: error: field 'votes': [0].ballots[1].vote: expected ja, " \
           "nej or avstår, got 'kanske'" in shown
    assert any(s.startswith(f"{MEETING}/protokoll.md:") and "field 'attendance': changes[0].event: expected one "
               "of leaves, arrives, got 'goes'" in s for s in shown), shown
    assert any("paragraf-10/paragraph.md:3: error: field 'decision_type'" in s for s in shown)


def test_check_passes_on_the_minutes_fixture():
    result = run_diarium("check", "--content", MINUTES / "content", "--config", MINUTES / "config.yaml",
                         "--base-url", "https://example.org/", "--skip-html", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 0 warning(s)" in result.stdout + result.stderr


def test_redaction_reaches_names_inside_the_minutes(minutes_dir):
    config = minutes_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "redact: [Karin Ek]\n", encoding="utf-8")
    options = BuildOptions(content=minutes_dir / "content", config=config)
    site, _, counts = load_and_link(options, load_config(config)[0])
    paragraph = site.paragraphs[1]
    assert paragraph.votes[0].ballots[2].name == "[redacted]" and "[redacted] (C)" in paragraph.reservations[0].by
    assert site.meetings[0].minutes.attendance.members[2].name == "[redacted]" and counts["Karin Ek"] >= 5


def test_minutes_and_paragraphs_keep_the_record_protocol():
    site, _ = _site(MINUTES)
    meeting = site.meetings[0]
    minutes, paragraph = meeting.minutes, meeting.minutes.paragraphs[1]
    assert (minutes.kind, minutes.noun, minutes.url) == ("protokoll", "protokoll", f"/{MEETING[8:]}/#protokoll")
    assert (paragraph.kind, paragraph.noun, paragraph.data_type) == ("paragraph", "paragraph", "paragraph")
    assert paragraph.url == f"/{MEETING[8:]}/paragraf-11/" and paragraph.path_id == f"{MEETING[8:]}/paragraf-11"
    assert paragraph.heading("sv") == paragraph.data_title == "§ 11 Taxa för bygglov 2025!"
    assert paragraph.feed_title("Paragraf", "sv") == "Byggnadsnämnden 2025-02-03: § 11 Taxa för bygglov 2025!"
    assert paragraph.feed_summary() == paragraph.decision and paragraph.sort_time == "13:05"
    assert paragraph.feed_owner is paragraph.committee is minutes.feed_owner is meeting.committee
    assert paragraph.documents[0].path_id == f"{MEETING[8:]}/paragraf-11/reservation"
    assert [p.number for p in paragraph.neighbours()] == [10, 12]
    assert meeting.feed_summary().splitlines()[-1] == "§ 14 Ny arbetsordning"
    assert (minutes.source.path, "") in meeting.inputs() and (paragraph.source.path, "") in meeting.inputs()
    paths = {r.source.path for r in site.content_records()}
    assert paths == {p.relative_to(MINUTES).as_posix() for p in (MINUTES / "content").rglob("*.md")}
