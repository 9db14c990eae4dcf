"""axe-core (WCAG 2.1 A and AA) on the pages of the bundled sites (content/ and
examples/kungsbacka) at a desktop width (1280 px) and a phone width (390 px): 0 violations.
Every page of content/; of examples/kungsbacka every page too, except that of its hundreds of
paragraph, person and case pages (one template each) every fourth is checked, to keep CI short.

axe-core is the npm package (``npm install --ignore-scripts --prefix .tools axe-core``); the test
skips without it, except in CI (DIARIUM_REQUIRE_BROWSER=1), where a missing axe-core fails.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from support import ROOT, build_into

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = """async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))
    .violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""
BUNDLED = {"content": ROOT, "kungsbacka": ROOT / "examples/kungsbacka"}
REPEATED = ("/paragraf-", "/ledamot/", "/arende/")  # page kinds with many pages of one template
EVERY = {"content": 1, "kungsbacka": 4}


@pytest.fixture(scope="session", params=sorted(BUNDLED))
def bundled(request, tmp_path_factory) -> tuple[Path, int]:
    source = BUNDLED[request.param]
    if not (source / "content").is_dir():
        pytest.skip(f"{source}/content is not there")
    return build_into(source, tmp_path_factory.mktemp(request.param) / "site", "--no-search"), EVERY[request.param]


def pages(site: Path, every: int) -> list[str]:
    urls = sorted("/" + p.parent.relative_to(site).as_posix().removeprefix(".") + "/" for p in site.rglob("index.html")
                  if "pagefind" not in p.parts)
    repeated = [u for u in urls if any(k in u for k in REPEATED)]
    return [u for u in urls if u not in set(repeated)] + repeated[::every]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_pages_of_the_bundled_sites_have_no_axe_violations(axe, browser, bundled, serve_dir, width):
    site, every = bundled
    base = serve_dir(site)
    page = browser.new_page(viewport={"width": width, "height": 900})
    found = {}
    for url in pages(site, every):
        page.goto(base + url.replace("//", "/"))
        page.add_script_tag(path=str(axe))
        if violations := page.evaluate(RUN, WCAG_21_AA):
            found[url] = violations
    page.close()
    assert not found, "\n".join(f"{url}: {v}" for url, vs in found.items() for v in vs)
