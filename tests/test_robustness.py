"""Issue #13, point 12: content a careless or hostile hand writes never crashes a build. Each case
is a real build of the fixture site with one file changed; it fails with `file:line: … error`
naming the file (and the field where there is one), and leaves the last good site as it was."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from support import run_diarium

MEETING = "content/socialnamnden/2012-12-11/meeting.md"
ITEM = "content/socialnamnden/2012-12-11/01/item.md"
COMMITTEE = "content/socialnamnden/committee.md"


def replace(old: str, new: str):
    def change(site: Path, rel: str) -> None:
        path = site / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (old, rel)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def add(line: str):
    return replace("---\n", f"---\n{line}\n")


# (file, change, the problem's 'file:line: error: field ...' as a regular expression)
CASES = {
    "month 13": (MEETING, replace("date: 2012-12-11", "date: 2012-13-45"), r":2: error: field 'date': expected"),
    "year 0": (MEETING, replace("date: 2012-12-11", "date: 0000-01-01"), r":2: error: field 'date': expected a date"),
    "year 9999": (MEETING, replace("date: 2012-12-11", "date: 9999-12-31"), r":2: error: field 'date': expected"),
    "february 30": (MEETING, replace("date: 2012-12-11", "date: 2012-02-30"), r":2: error: field 'date'"),
    "datetime": (MEETING, replace("date: 2012-12-11", "date: 2012-12-11T10:00:00"),
                 r":2: error: field 'date': expected a date like 2012-12-11 without a time"),
    "5000 digits": (ITEM, replace("number: 1", "number: " + "9" * 5000), r":2: error: field 'number': expected"),
    "only dashes": (ITEM, lambda site, rel: (site / rel).write_text("---\n---\n", encoding="utf-8"),
                    r":2: error: field 'number': missing: every item needs 'number', expected a whole number"),
    "warnings as text": (ITEM, add("import: {warnings: abc}"), r":2: error: field 'import': expected import.warnings"),
    "warnings as number": (ITEM, add("import: {warnings: 5}"), r":2: error: field 'import': expected import.warnings"),
    "import as list": (ITEM, add("import: [1, 2]"), r":2: error: field 'import': expected a mapping"),
    "adjustment as text": (MEETING, add("adjustment: soon"), r":2: error: field 'adjustment': expected a mapping"),
    "newline in name": (COMMITTEE, replace("name: Socialnämnden", 'name: "Social\\nnämnden"'),
                        r":2: error: field 'name': expected text on one line"),
    "duplicate key": (ITEM, replace("number: 1\n", "number: 1\nnumber: 2\n"),
                      r":3: error: the key 'number' is given twice"),
    "alias": (ITEM, replace("number: 1\n", "number: &n 1\nprinted_number: *n\n"), r":\d: error: YAML anchors"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_content_is_an_error_naming_file_line_and_field(site_dir, built_fixture, tmp_path, case):
    rel, change, expected = CASES[case]
    out = tmp_path / "site"
    run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml", "--out", out,
                "--quiet", "--no-search")
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    change(site_dir, rel)
    result = run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                         "--out", out, "--quiet", "--no-search", check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(re.escape(rel) + expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before


def config_with(site: Path, text: str) -> None:
    config = site / "config.yaml"
    old = config.read_text(encoding="utf-8")
    if text.startswith("diary_prefixes:"):  # in place of the fixture's own
        old = old.replace("diary_prefixes: [SN, KS, VoN]\n", "")
        text = old.replace("language: sv\n", "language: sv\n" + text)
        old = ""
    config.write_text(old + text, encoding="utf-8")


@pytest.mark.parametrize("text, expected", [
    ("latest_meetings: -1\n", r"config.yaml:6: error: field 'latest_meetings': expected a whole number of 0 or more"),
    ("feed_entries: -5\n", r"config.yaml:6: error: field 'feed_entries': expected a whole number of 0 or more"),
    ("diary_prefixes: [SN, 12, {a: b}]\n",
     r"config.yaml:4: error: field 'diary_prefixes\[1\]': expected a diary prefix"),
    ("language: sv\n", r"config.yaml:6: error: the key 'language' is given twice"),
    ("licence: &x CC0\nlicence_url: *x\n", r"config.yaml:\d: error: YAML anchors"),
])
def test_bad_config_is_an_error_at_its_line(site_dir, tmp_path, text, expected):
    config_with(site_dir, text)
    result = run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                         "--out", tmp_path / "site", "--quiet", "--no-search", check=False)
    assert result.returncode == 1 and re.search(expected, result.stderr), result.stderr


def test_folders_named_like_content_files_and_undecodable_names(site_dir, tmp_path):
    meeting = site_dir / "content/socialnamnden/2012-12-11"
    (meeting / "03/item.md").unlink()
    (meeting / "03/item.md").mkdir()
    (meeting / "02/x.md").mkdir()
    os.mkdir(os.fsencode(meeting / "02") + b"/bad-\xff.md")
    (meeting / "02/dangling.md").symlink_to(tmp_path / "nowhere.md")
    result = run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                         "--out", tmp_path / "site", "--quiet", "--no-search", check=False)
    assert result.returncode == 1, result.stderr
    assert "03/item.md: error: expected a item file, found a folder" in result.stderr
    assert "02/x.md: error: expected a document file, found a folder" in result.stderr
    assert "02/bad-\\udcff.md: error: the name is not valid UTF-8" in result.stderr
    assert "02/dangling.md: error: a symbolic link that leads nowhere" in result.stderr


def test_a_site_left_aside_by_a_kill_is_put_back_even_when_the_next_build_fails(site_dir, tmp_path):
    """Point 14: a kill between the two renames of a swap (where renameat2 is missing) leaves the
    old site in .site.old-<pid>; the next build puts it back first, whatever becomes of that build."""
    import subprocess
    import sys
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    aside = tmp_path / f".site.old-{dead}"
    aside.mkdir()
    (aside / "index.html").write_text("the last good site", encoding="utf-8")
    (tmp_path / f".site.tmp-{dead}").mkdir()
    replace("date: 2012-12-11", "date: 2012-13-45")(site_dir, MEETING)
    result = run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                         "--out", tmp_path / "site", "--quiet", "--no-search", check=False)
    assert result.returncode == 1
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == "the last good site"
    assert not list(tmp_path.glob(".site.*"))
