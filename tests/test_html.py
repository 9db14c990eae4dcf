"""Every page is valid HTML5 and accessible: lang, landmarks, skip link, headings in order,
unique ids, sufficient contrast, usable on a phone, visible focus."""
import re
from itertools import pairwise
from pathlib import Path

import html5lib
import pytest
from bs4 import BeautifulSoup

from support import ROOT


@pytest.fixture(params=["built_fixture", "built_minutes"])
def built(request) -> Path:
    """Each built test site: the notices fixture, and the minutes fixture (every element of minutes)."""
    return request.getfixturevalue(request.param)


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_every_page_parses_as_html5_without_errors(built):
    for page in pages(built):
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parser.parse(page.read_bytes())
        except html5lib.html5parser.ParseError as exc:
            pytest.fail(f"{page.relative_to(built)}: {exc}")


def test_landmarks_language_and_skip_link(built):
    for page in pages(built):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert doc.html["lang"] == "sv"
        assert len(doc.find_all("main")) == 1 and doc.header and doc.footer
        assert doc.find("nav", attrs={"aria-label": True})
        skip = doc.find("a", class_="skip-link")
        assert skip and doc.find(id=skip["href"][1:]).name == "main", page
        assert doc.title and doc.title.get_text().strip()


def test_one_h1_and_headings_never_skip_a_level(built):
    for page in pages(built):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        levels = [int(h.name[1]) for h in doc.find_all(re.compile(r"^h[1-6]$"))]
        assert levels[0] == 1 and levels.count(1) == 1, page
        for before, after in pairwise(levels):
            assert after <= before + 1, f"{page}: h{before} followed by h{after}"


def test_ids_are_unique_on_every_page(built):
    for page in pages(built):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8"))
        assert len(ids) == len(set(ids)), f"{page}: {sorted(i for i in ids if ids.count(i) > 1)}"


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_meet_wcag_aa_contrast():
    css = (ROOT / "templates/static/style.css").read_text(encoding="utf-8")
    var = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    for fg, bg in [("text", "bg"), ("muted", "bg"), ("link", "bg"), ("muted", "soft"), ("link", "soft"),
                   ("warn", "warn-bg"), ("bg", "accent")]:
        assert _contrast(var[fg], var[bg]) >= 4.5, (fg, bg)


@pytest.mark.browser
def test_phone_width_focus_and_no_javascript(browser, built_fixture, serve_dir):
    base = serve_dir(built_fixture)
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/socialnamnden/2012-12-11/02/")
    assert page.locator("h1").inner_text().startswith("2. Ombyggnad")
    # Nothing but wide tables (which scroll by themselves) may widen the page on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0  # visible when focused
    context.close()
