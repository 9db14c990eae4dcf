"""Issue #13, security: hostile values in content and config never become script, never write
outside the output folder, never stall a build, never shadow a page of the site itself."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from support import run_diarium

HOSTILE_PREFIX = 'Q"onmouseover="window.pwned=1"z'


def set_prefix(site: Path, prefix: str, number: str) -> None:
    """Give Socialnämnden ``prefix`` and its first item a diary number and a mention with it."""
    committee = site / "content/socialnamnden/committee.md"
    committee.write_text(committee.read_text(encoding="utf-8").replace("prefix: SN", f"prefix: '{prefix}'"),
                         encoding="utf-8")
    item = site / "content/socialnamnden/2012-12-11/01/item.md"
    text = item.read_text(encoding="utf-8").replace("number: 1\n", f"number: 1\ndiary_numbers: ['{number}']\n")
    item.write_text(text + f"\nSe {number} om detta.\n", encoding="utf-8")


def build(site: Path, out: Path, check: bool = False):
    return run_diarium("build", "--content", site / "content", "--config", site / "config.yaml", "--out", out,
                       "--quiet", "--no-search", check=check)


def test_hostile_prefix_is_refused_with_its_file_and_line(site_dir, tmp_path):
    set_prefix(site_dir, HOSTILE_PREFIX, f"{HOSTILE_PREFIX} 2012:7")
    result = build(site_dir, tmp_path / "site")
    assert result.returncode == 1
    assert "content/socialnamnden/committee.md:3: error: field 'prefix': expected a diary prefix of letters" \
        in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.browser
def test_a_prefix_past_validation_still_never_runs_in_chromium(site_dir, tmp_path, monkeypatch, serve_dir, browser):
    """Defence in depth: were a prefix to slip through, the link to its case is still escaped."""
    from generator import safety
    monkeypatch.setattr(safety, "prefix", lambda value: value)
    set_prefix(site_dir, HOSTILE_PREFIX, f"{HOSTILE_PREFIX} 2012:7")
    build(site_dir, tmp_path / "site", check=True)
    page = browser.new_page()
    page.goto(serve_dir(tmp_path / "site") + "/socialnamnden/2012-12-11/01/")
    links = page.locator("a.dnr")
    assert links.count() >= 1
    for n in range(links.count()):
        links.nth(n).hover()
        links.nth(n).dispatch_event("mouseover")
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("a[onmouseover]").count() == 0


def test_a_prefix_cannot_lead_a_build_out_of_its_folder(site_dir, tmp_path):
    out = tmp_path / "deep/er/site"
    set_prefix(site_dir, "../../../escaped", "../../../escaped 2012:7")
    result = build(site_dir, out)
    assert result.returncode == 1 and "field 'prefix'" in result.stderr
    assert not [p for p in tmp_path.rglob("*escaped*")]


def test_every_output_path_is_proven_inside_the_output_folder(site_dir, tmp_path, monkeypatch):
    """Were a URL ever to climb out (a value past validation, a bug), the write itself refuses,
    the build fails naming the path, and nothing lands outside."""
    from generator.model import Committee
    monkeypatch.setattr(Committee, "url", property(lambda self: f"/../../../escaped-{self.id}/"))
    out = tmp_path / "deep/er/site"
    result = build(site_dir, out)
    assert result.returncode == 1 and "outside the output folder" in result.stderr, result.stderr
    assert "escaped-socialnamnden/index.html" in result.stderr
    assert not [p for p in tmp_path.rglob("*escaped*")]
    assert not out.exists()


BOMB = "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))


def test_a_yaml_alias_bomb_is_refused_at_once(site_dir, tmp_path):
    item = site_dir / "content/socialnamnden/2012-12-11/01/item.md"
    bomb = "---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n" + BOMB + "import: {warnings: *a9}\n"
    item.write_text(item.read_text(encoding="utf-8").replace("---\n", bomb, 1), encoding="utf-8")
    result = build(site_dir, tmp_path / "site")
    assert result.returncode == 1
    assert re.search(r"content/socialnamnden/2012-12-11/01/item\.md:\d+: error: YAML anchors and aliases",
                     result.stderr)


@pytest.mark.parametrize("name", ["sok", "arende", "data", "static", "dokument", "pagefind", "search"])
def test_a_committee_cannot_take_a_url_of_the_site(site_dir, tmp_path, name):
    (site_dir / "content/vard-och-omsorgsnamnden").rename(site_dir / f"content/{name}")
    result = build(site_dir, tmp_path / "site")
    assert result.returncode == 1
    assert f"content/{name}: error: '{name}' is a URL the site itself uses" in result.stderr


def test_every_top_level_url_of_a_build_is_reserved(built_fixture):
    from generator.safety import RESERVED
    committees = {"socialnamnden", "vard-och-omsorgsnamnden"}
    assert {p.name for p in built_fixture.iterdir()} - committees <= RESERVED


def test_links_out_of_content_and_special_files_are_refused_without_hanging(site_dir, tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "item.md").write_text("---\nnumber: 4\ntitle: Hemlig text\n---\nHemligt.\n", encoding="utf-8")
    meeting = site_dir / "content/socialnamnden/2012-12-11"
    (meeting / "04").symlink_to(secret)
    os.mkfifo(meeting / "03" / "fifo.md")
    (meeting / "02" / "loop.md").symlink_to(meeting / "02" / "loop.md")
    result = build(site_dir, tmp_path / "site")
    assert result.returncode == 1
    assert "2012-12-11/04: error: a symbolic link to outside the content folder" in result.stderr
    assert "03/fifo.md: error: not a regular file or folder" in result.stderr
    assert "02/loop.md: error: a symbolic link that leads nowhere" in result.stderr


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "data:text/html,x", "//evil.example/", "ftp://x.se/",
                                 'https://x.se/"><script>'])
def test_base_url_must_be_http_or_a_path(site_dir, tmp_path, url):
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("base_url: /", f"base_url: '{url}'"),
                      encoding="utf-8")
    result = build(site_dir, tmp_path / "site")
    assert result.returncode == 1
    assert "config.yaml:2: error: field 'base_url': expected an http(s) URL" in result.stderr


def test_control_characters_are_dropped_with_a_warning_and_csv_formulas_neutralised(site_dir, tmp_path):
    meeting = site_dir / "content/socialnamnden/2012-12-11/meeting.md"
    text = meeting.read_text(encoding="utf-8").replace("place: Kommunhuset i Tumba plan 2, rum 2",
                                                       'place: "=HYPERLINK(\\"http://evil.example\\")"')
    meeting.write_text(text.replace("Var vänlig", "Var\x07 vänlig\x1b[31m"), encoding="utf-8")
    item = site_dir / "content/socialnamnden/2012-12-11/01/item.md"
    item.write_text(item.read_text(encoding="utf-8").replace("title: En", "title: \x0bEn\x00"), encoding="utf-8")
    out = tmp_path / "site"
    result = build(site_dir, out, check=True)
    assert "2012-12-11/meeting.md:11: warning: 2 control character(s) removed" in result.stderr
    assert "01/item.md:3: warning: 2 control character(s) removed" in result.stderr
    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    for path in out.rglob("*"):
        if path.suffix in (".html", ".ics", ".csv", ".json", ".xml"):
            assert not control.search(path.read_text(encoding="utf-8")), path
    csv = (out / "data/meetings.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in csv and ",=HYPERLINK" not in csv and '"=HYPERLINK' not in csv
    assert "apostrof" in (out / "data/index.html").read_text(encoding="utf-8")
