"""Validation: every problem names file, line and field, and a build reports them all at once."""
from pathlib import Path

from support import build_into, run_diarium


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _build(site: Path, tmp_path: Path):
    return run_diarium("build", "--content", site / "content", "--config", site / "config.yaml",
                       "--out", tmp_path / "out", "--quiet", check=False)


def test_all_errors_of_a_build_are_reported_with_file_line_and_field(site_dir, tmp_path):
    meeting = site_dir / "content/socialnamnden/2012-12-11/meeting.md"
    _replace(meeting, "date: 2012-12-11", "date: 11 december")
    item = site_dir / "content/socialnamnden/2012-12-11/01/item.md"
    _replace(item, "number: 1\n", "number: 1\ncolour: red\n")
    _replace(item, "title: En tillgänglig", "titel: En tillgänglig")
    ts = site_dir / "content/socialnamnden/2012-12-11/02/tjansteskrivelse.md"
    _replace(ts, "officer: [Joachim Heimersson]", "officer: {name: x}")
    result = _build(site_dir, tmp_path)
    assert result.returncode == 1
    err = result.stderr
    assert "content/socialnamnden/2012-12-11/meeting.md:2: error: field 'date': expected a date like 2012-12-11" in err
    assert ("content/socialnamnden/2012-12-11/01/item.md:6: error: field 'title': missing: every item needs 'title'"
            in err)
    assert "content/socialnamnden/2012-12-11/02/tjansteskrivelse.md:6: error: field 'officer': expected a list" in err
    assert "item.md:3: warning: field 'colour': unknown key" in err
    assert "build failed with 3 error(s)" in err
    assert not (tmp_path / "out").exists()


def test_bad_yaml_names_the_line(site_dir, tmp_path):
    item = site_dir / "content/socialnamnden/2012-12-11/02/item.md"
    _replace(item, "diary_numbers: [SN 2012:195]", "diary_numbers: [SN 2012:195")
    result = _build(site_dir, tmp_path)
    assert result.returncode == 1
    assert "content/socialnamnden/2012-12-11/02/item.md:" in result.stderr
    assert "invalid YAML" in result.stderr


def test_missing_front_matter_and_wrong_types(site_dir, tmp_path):
    (site_dir / "content/socialnamnden/2012-12-11/01/item.md").write_text("Bara text.\n", encoding="utf-8")
    item = site_dir / "content/socialnamnden/2012-12-11/03/item.md"
    _replace(item, "number: 3", "number: tre")
    result = _build(site_dir, tmp_path)
    assert "01/item.md:1: error: expected front matter" in result.stderr
    assert "03/item.md:2: error: field 'number': expected a whole number" in result.stderr


def test_unknown_committee_and_invalid_diary_number(site_dir, tmp_path):
    doc = site_dir / "content/documents/budgetplan-2013.md"
    _replace(doc, "organisation:", "committee: kulturnamnden\norganisation:")
    item = site_dir / "content/socialnamnden/2012-12-11/02/item.md"
    _replace(item, "diary_numbers: [SN 2012:195]", "diary_numbers: [SN 2016:xx]")
    result = _build(site_dir, tmp_path)
    assert "budgetplan-2013.md:4: error: field 'committee': expected the id of a committee folder" in result.stderr
    assert "02/item.md:4: error: field 'diary_numbers': expected a diary number like SN 2012:195" in result.stderr


def test_item_folder_must_match_its_number(site_dir, tmp_path):
    (site_dir / "content/socialnamnden/2012-12-11/03").rename(site_dir / "content/socialnamnden/2012-12-11/04")
    result = _build(site_dir, tmp_path)
    assert ("04/item.md:2: error: field 'number': expected the item's folder to be named by its number (03)"
            in result.stderr)


def test_failed_build_leaves_the_previous_site_untouched(site_dir, tmp_path):
    out = build_into(site_dir, tmp_path / "out")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    _replace(site_dir / "content/socialnamnden/2012-12-11/02/item.md", "title: \"Ombyggnad", "title: [\"Ombyggnad")
    assert _build(site_dir, tmp_path).returncode == 1
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name or ".old-" in p.name] == []


def test_template_error_fails_the_build_naming_the_template(site_dir, tmp_path):
    own = site_dir / "own-templates"
    own.mkdir()
    (own / "item.html").write_text(
        "{% extends 'base.html' %}{% block main %}{{ page.record.title|nosuchfilter }}{% endblock %}")
    with open(site_dir / "config.yaml", "a", encoding="utf-8") as f:
        f.write("templates: own-templates\n")
    result = _build(site_dir, tmp_path)
    assert result.returncode == 1
    assert "item.html:1: error: template error: No filter named 'nosuchfilter'" in result.stderr


def test_config_errors_are_reported(site_dir, tmp_path):
    config = site_dir / "config.yaml"  # language: replaced, as a key given twice is an error of its own
    config.write_text(config.read_text(encoding="utf-8").replace("language: sv\n", "")
                      + "language: fi\nlatest_meetings: many\nfavourite: blue\n", encoding="utf-8")
    result = _build(site_dir, tmp_path)
    assert result.returncode == 1
    assert "field 'language': expected one of sv, en" in result.stderr
    assert "field 'latest_meetings': expected a whole number" in result.stderr
