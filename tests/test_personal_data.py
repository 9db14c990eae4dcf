"""Issue #13, personal data: `diarium check` finds a personnummer however it is written and
wherever it is published (text, URLs, data files, config.yaml), and redaction reaches URLs too."""
from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.check.command import check
from generator.check.personal import luhn_ok

COMMITTEE = "---\nname: Socialnämnden\nprefix: SN\n---\n"
MEETING = "---\ndate: 2012-12-11\nkind: kallelse\nplace: Tumba\n---\n"
# How each planted number is written; {d} is YYMMDD, {c} the century, {t} the last four digits.
FORMS = ["{d}-{t}", "{d}+{t}", "{d}{t}", "{c}{d}{t}", "{c}{d}-{t}", "{d} {t}", "{d} - {t}", "{c}{d} {t}",
         "{d}\u2013{t}", "{d}\u2011{t}", "{d}\u2212{t}", "{d}\\-{t}", "{d}&#45;{t}", "{d}-\n{t}", "{d}\n{t}",
         "*{d}*-{t}", "| {d}-{t} |"]
WHERE = ["body", "body", "body", "body", "title", "file name", "place"]
NEGATIVES = ["212000-2882", "556525-3213", "SN 2012:195", "KS 2016:1111", "08-530 610 00", "070-123 45 67",
             "0701234567", "2012-12-11", "811218-9875", "811232-9870", "19991301-1234", "tel. 08 530 610 00"]


def planted(n: int, seed: int = 13) -> list[tuple[str, str, str]]:
    """``n`` valid personnummer with distinct birth dates: (YYMMDD, century, last four)."""
    rng = random.Random(seed)
    days = rng.sample(range(0, 365 * 80), n)
    numbers = []
    for offset in days:
        born = date(1930, 1, 1) + timedelta(days=offset)
        yymmdd, serial = born.strftime("%y%m%d"), f"{rng.randrange(1000):03d}"
        check_digit = next(c for c in "0123456789" if luhn_ok(yymmdd + serial + c))
        numbers.append((yymmdd, born.strftime("%Y")[:2], serial + check_digit))
    return numbers


def plant(root: Path, numbers) -> None:
    """A site with each number in a form and a place of its own, and every negative in a text."""
    content = root / "content/socialnamnden/2012-12-11"
    content.mkdir(parents=True)
    (content.parent / "committee.md").write_text(COMMITTEE, encoding="utf-8")
    (content / "meeting.md").write_text(MEETING + "\n".join(NEGATIVES) + "\n", encoding="utf-8")
    config = "title: Kommunen\nbase_url: /\n"
    for index, (d, c, t) in enumerate(numbers):
        written = FORMS[index % len(FORMS)].format(d=d, c=c, t=t)
        folder = content / f"{index + 1:02d}"
        folder.mkdir()
        where = WHERE[index % len(WHERE)] if index else "config"
        title = written.replace("\n", " ").replace("|", "") if where == "title" else "Ärende"
        place = f"\nplace: '{written}'" if where == "place" else ""
        (folder / "item.md").write_text(f"---\nnumber: {index + 1}\ntitle: '{title}'\n---\n"
                                        + (f"Sökande {written} enligt ansökan.\n" if where == "body" else ""),
                                        encoding="utf-8")
        if where == "file name":
            (folder / f"yttrande-{d}-{t}.md").write_text("---\nkind: bilaga\ntitle: Yttrande\n---\nText.\n",
                                                       encoding="utf-8")
        if where == "place":  # an attribute of the meeting in the data files: a meeting of its own
            meeting = root / f"content/socialnamnden/{date(2013, 1, 1) + timedelta(days=index)}"
            meeting.mkdir()
            (meeting / "meeting.md").write_text(f"---\ndate: {meeting.name}\nkind: kallelse{place}\n---\n",
                                                encoding="utf-8")
        if where == "config":
            config = f"title: 'Kommunen {written.replace(chr(10), chr(32))}'\nbase_url: /\n"
    (root / "config.yaml").write_text(config, encoding="utf-8")


def test_the_gate_catches_every_planted_personnummer_and_nothing_else(tmp_path, capsys):
    numbers = planted(100)
    plant(tmp_path, numbers)
    report = check(tmp_path / "content", tmp_path / "config.yaml", validate_html=False)
    assert report.pages, report.errors
    found = [e for e in report.errors if "personnummer" in e.message]
    dates = {re.search(r"(\d{6})-\*{4}", e.message)[1] for e in found}
    caught = {d for d, _, _ in numbers} & dates
    with capsys.disabled():
        print(f"\npersonnummer gate: caught {len(caught)} of {len(numbers)} planted variants; "
              f"{len(dates - caught)} false positive(s)")
    assert len(caught) == len(numbers), sorted({d for d, _, _ in numbers} - dates)
    assert dates <= {d for d, _, _ in numbers}  # organisation, diary and phone numbers are not flagged
    assert not [e for e in report.errors if "personnummer" not in e.message and "redact" in e.message]


@pytest.mark.parametrize("text", ["811218\\-9876", "811218&#45;9876", "811218 - 9876", "19811218 9876",
                                  "811218\u20139876", "811218\u22129876", "811218-\n9876"])
def test_each_written_form_is_found_in_the_source(text):
    from types import SimpleNamespace

    from generator.check.personal import find_personal_data
    from generator.config import Config
    sources = SimpleNamespace(lines={"a.md": ["Första raden.", *f"Sökande: {text}, enligt ansökan.".split("\n")]})
    assert [(p.path, p.line) for p in find_personal_data(sources, Config())] == [("a.md", 2)]


def test_redaction_reaches_urls_sitemap_and_data(tmp_path):
    item = tmp_path / "content/socialnamnden/2012-12-11/01"
    item.mkdir(parents=True)
    (item.parent.parent / "committee.md").write_text(COMMITTEE, encoding="utf-8")
    (item.parent / "meeting.md").write_text(MEETING, encoding="utf-8")
    (item / "item.md").write_text("---\nnumber: 1\ntitle: Yttrande\n---\nText.\n", encoding="utf-8")
    (item / "anna-svensson-yttrande.md").write_text("---\nkind: bilaga\ntitle: Yttrande från Anna Svensson\n---\n"
                                                    + "Lång text. " * 200, encoding="utf-8")
    (tmp_path / "config.yaml").write_text("base_url: https://example.org/\nredact: [Anna Svensson]\n",
                                          encoding="utf-8")
    from support import run_diarium
    out = tmp_path / "site"
    run_diarium("build", "--content", tmp_path / "content", "--config", tmp_path / "config.yaml", "--out", out,
                "--quiet", "--no-search")
    published = [p for p in out.rglob("*") if not p.relative_to(out).as_posix().startswith(("static", "pagefind"))]
    assert not [p for p in published if "svensson" in p.as_posix().lower()]
    for name in ("sitemap.xml", "data/documents.json", "data/items.json", "socialnamnden/2012-12-11/01/index.html"):
        text = (out / name).read_text(encoding="utf-8").lower()
        assert "svensson" not in text, name
    assert "redacted-1" in (out / "data/documents.json").read_text(encoding="utf-8")
    report = check(tmp_path / "content", tmp_path / "config.yaml", validate_html=False)
    assert not [e for e in report.errors if "redact" in e.message], report.errors


def test_check_reports_a_redacted_word_left_in_a_url(tmp_path, monkeypatch):
    from generator import redact
    monkeypatch.setattr(redact, "_neutral_ids", lambda records, redactor: None)
    item = tmp_path / "content/socialnamnden/2012-12-11/01"
    item.mkdir(parents=True)
    (item.parent.parent / "committee.md").write_text(COMMITTEE, encoding="utf-8")
    (item.parent / "meeting.md").write_text(MEETING, encoding="utf-8")
    (item / "item.md").write_text("---\nnumber: 1\ntitle: Yttrande\n---\nText.\n", encoding="utf-8")
    (item / "anna-svensson.md").write_text("---\nkind: bilaga\ntitle: Yttrande\n---\n" + "Text. " * 200,
                                           encoding="utf-8")
    (tmp_path / "config.yaml").write_text("base_url: https://example.org/\nredact: [Anna Svensson]\n",
                                          encoding="utf-8")
    report = check(tmp_path / "content", tmp_path / "config.yaml", validate_html=False)
    assert any("redaction rule 'Anna Svensson' removes is published" in e.message for e in report.errors)
