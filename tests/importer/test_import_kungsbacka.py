"""The visible Kungsbacka records (../shared/records/kungsbacka): each one imported alone and
compared with its hand-written expected.json (items, header, attendance, words kept), and all of
them imported into one site, built and checked."""
from __future__ import annotations

import importlib.util
import json

import pytest

from support import ROOT
from support import run_diarium as diarium

RECORDS = ROOT.parent / "shared" / "records" / "kungsbacka"
EXPECTED = sorted(RECORDS.glob("*.expected.json")) if RECORDS.is_dir() else []
pytestmark = pytest.mark.skipif(not EXPECTED, reason="../shared/records/kungsbacka is not here")


def _accuracy():
    """benchmarks/import_accuracy.py: the measure these tests assert on."""
    spec = importlib.util.spec_from_file_location("import_accuracy", ROOT / "benchmarks" / "import_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def accuracy():
    return _accuracy()


@pytest.mark.parametrize("expected", EXPECTED, ids=[p.name.split("_")[0] for p in EXPECTED])
def test_record_matches_its_expected_json(accuracy, expected):
    record = expected.with_name(expected.name.replace(".expected.json", ".txt"))
    truth = json.loads(expected.read_text(encoding="utf-8"))
    result = accuracy.measure(record, accuracy.site_config(RECORDS))
    assert "crash" not in result, result.get("crash")
    assert result["kind"] == truth["kind"]
    assert result["items_right"] == result["items"] == len(truth["items"]), result
    for field in ("date_right", "chair_right", "secretary_right", "adjusters_right"):
        assert result[field], (field, result)
    assert result["attendance_found"] == result["attendance_total"]
    assert result["words_kept"] >= 0.995


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Every visible record imported into one site (minutes first, then notices and papers),
    then built."""
    base = tmp_path_factory.mktemp("kungsbacka")
    config = base / "config.yaml"
    config.write_text("title: Kungsbacka\ndiary_scheme: dash\ndiary_prefixes: []\n", encoding="utf-8")
    records = sorted(RECORDS.glob("*.txt"), key=lambda p: ("protokoll" not in p.name, p.name))
    diarium("import", *records, "--content", base / "content", "--config", config)
    built = diarium("build", "--content", base / "content", "--config", config, "--out", base / "site",
                    "--no-search", "--jobs", "1")
    return base, built


def test_imported_site_builds_with_paragraph_and_case_pages(site):
    base, built = site
    assert built.returncode == 0, built.stderr
    out = base / "site"
    # § 3 of the valnämnd minutes, and its case page in the dash scheme's URL form.
    paragraph = out / "valnamnd" / "2025-02-03" / "paragraf-3" / "index.html"
    assert "Årsredovisning 2024" in paragraph.read_text(encoding="utf-8")
    assert (out / "arende" / "vn-2024-00056" / "index.html").exists()


def test_notice_and_minutes_of_one_meeting_share_a_folder(site):
    base, _ = site
    folder = base / "content" / "kommunstyrelsens-arbetsutskott"
    meetings = sorted(p.name for p in folder.iterdir() if p.is_dir())
    assert meetings == ["2024-10-15"]
    meeting = folder / "2024-10-15"
    assert (meeting / "protokoll.md").exists() and (meeting / "paragraf-287" / "paragraph.md").exists()
    assert (meeting / "01" / "item.md").exists() and (meeting / "01" / "tjansteskrivelse.md").exists()


@pytest.mark.parametrize("record", sorted(RECORDS.glob("*.txt")) if EXPECTED else [], ids=lambda p: p.name[:2])
def test_parts_of_a_record_never_crash_the_import(tmp_path, record):
    """Bad input never crashes: the first and last parts of each record, cut anywhere."""
    from generator.config import Config
    from generator.importer.command import import_one
    from generator.importer.source import NotARecord
    lines = record.read_text(encoding="utf-8").split("\n")
    step = max(7, len(lines) // 5)
    for cut in range(5, len(lines), step):
        for part in (lines[:cut], lines[cut:]):
            path = tmp_path / "part.txt"
            path.write_text("\n".join(part), encoding="utf-8")
            try:
                import_one(path, tmp_path / "content", Config(diary_prefixes=[], diary_scheme="dash"))
            except NotARecord:
                pass
