"""axe-core (WCAG 2.1 A and AA rules) in headless Chromium on one page of every page kind.

axe-core is the npm package, installed like the HTML checker (``npm install --ignore-scripts
--prefix .tools axe-core``; .ci/run does it). Locally the test skips without it; in CI
(DIARIUM_REQUIRE_BROWSER=1) a missing axe-core fails, like a missing browser.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import BuildOptions, load_and_link
from generator.config import load_config
from generator.pages import plan
from support import FIXTURE, MINUTES, ROOT, build_into
from test_people_site import add_minutes

pytestmark = pytest.mark.browser

TODAY = "2013-03-01"  # the hand-made minutes' notice is still up then
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = """async tags => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                        nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
}"""


def one_page_per_kind(source: Path) -> dict[tuple[str, str], str]:
    """(template, record kind) → the URL of the first page the site plans with them: a meeting
    with minutes is another kind of page than one with a notice only."""
    config, _ = load_config(source / "config.yaml")
    options = BuildOptions(content=source / "content", config=source / "config.yaml", today=TODAY)
    site, _, _ = load_and_link(options, config)
    kinds: dict[tuple[str, str], str] = {}
    for page in plan(site, config):
        kinds.setdefault((page.template, getattr(page.record, "kind", "")), page.url)
    return kinds


@pytest.fixture(scope="session")
def built_people(tmp_path_factory) -> tuple[Path, Path]:
    """(source, built) of the fixture site with the hand-made minutes of test_people_site."""
    source = tmp_path_factory.mktemp("people") / "site-src"
    shutil.copytree(FIXTURE, source)
    add_minutes(source)
    return source, build_into(source, source.parent / "site", "--no-search", "--today", TODAY)


BUNDLED = {"content": ROOT, "kungsbacka": ROOT / "examples" / "kungsbacka"}  # the two bundled sites


@pytest.fixture(params=["fixture", "minutes", "people", *BUNDLED])
def site(request, tmp_path_factory) -> tuple[str, Path, Path]:
    """(name, source, built) of each site the test runs on."""
    name = request.param
    if name == "people":
        return name, *request.getfixturevalue("built_people")
    if name in BUNDLED:
        return name, BUNDLED[name], build_into(BUNDLED[name], tmp_path_factory.mktemp(name) / "site", "--no-search")
    source = {"fixture": FIXTURE, "minutes": MINUTES}[name]
    return name, source, request.getfixturevalue(f"built_{name}")


def violations(page, url: str, axe: Path) -> list[dict]:
    page.goto(url)
    page.add_script_tag(path=str(axe))
    return page.evaluate(RUN, WCAG_21_AA)


def report(found: dict[str, list[dict]]) -> str:
    return "\n".join(f"{url}: {v['id']} ({v['impact']}) {v['help']}\n    " + "\n    ".join(v["nodes"][:5])
                     for url, vs in found.items() for v in vs)


# Page kinds a site must have, so that the test covers them.
MINUTES_KINDS = {("meeting.html", "protokoll"), ("paragraph.html", "paragraph"), ("person.html", "ledamot"),
                 ("people.html", "people"), ("noticeboard.html", "anslagstavla"), ("notice.html", "anslag")}
KINDS = {"minutes": MINUTES_KINDS, "people": MINUTES_KINDS, "kungsbacka": MINUTES_KINDS}


def test_every_page_kind_has_no_axe_violations(axe, browser, site, serve_dir):
    name, source, built = site
    base = serve_dir(built)
    kinds = one_page_per_kind(source)
    assert {"home.html", "committee.html", "meeting.html", "item.html", "case.html"} <= {t for t, _ in kinds}
    assert KINDS.get(name, set()) <= kinds.keys()
    page = browser.new_page()
    found = {url: v for url in sorted(kinds.values()) if (v := violations(page, base + url, axe))}
    assert not found, report(found)


def test_search_results_have_no_axe_violations(built_fixture, browser, serve_dir, axe):
    page = browser.new_page()
    page.goto(f"{serve_dir(built_fixture)}/sok/?q=och")
    page.wait_for_function("() => document.querySelectorAll('#sok-results > li').length > 0")
    page.add_script_tag(path=str(axe))
    found = page.evaluate(RUN, WCAG_21_AA)
    assert not found, report({"/sok/?q=och": found})


def test_axe_finds_what_it_should(browser, axe):
    """The harness itself: a page with known violations is not reported clean."""
    page = browser.new_page()
    page.set_content('<html><body><img src="data:,"><a href="#"></a>'
                     '<p style="color:#777;background:#888">grått</p></body></html>')
    page.add_script_tag(path=str(axe))
    assert {"image-alt", "link-name", "html-has-lang", "color-contrast"} <= {v["id"] for v in page.evaluate(
        RUN, WCAG_21_AA)}
