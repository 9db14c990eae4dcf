"""Long records a person can navigate: a contents list built from the headings instead of the
copied one with its page numbers, back-to-top links, stable unique heading anchors; and table
headers marked as such.

The real records with a copied contents list are Botkyrka's, in content/ (the Kungsbacka records of
examples/ have none: the importer already splits minutes at their paragraphs)."""
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from generator.contents import Contents
from generator.diary import DiaryScheme
from generator.markdown import render
from support import ROOT, run_diarium

# Attachments whose text has the PDF's contents list: lines with bold dot leaders and page
# numbers, and a table of numbered rows with leaders and a page-number column.
LONG = ["socialnamnden/2018-04-24/06/bilaga-1/index.html", "socialnamnden/2018-04-24/12/bilaga-5/index.html"]
CONTENTS = Contents(words=10, title="Innehåll", back_to_top="Till toppen", top_id="innehall")
LEADER_LINE = re.compile(r"(\.{3,}|…)\s*\d{1,4}\s*$", re.M)


class Page(HTMLParser):
    """The ids of a page, the links of its contents list, and the text of its <main>."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.contents_links: list[str] = []
        self.to_top: list[str] = []
        self._main: list[str] = []
        self._in_nav = self._in_main = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "nav" and a.get("class") == "contents":
            self._in_nav = True
        if tag == "main":
            self._in_main = True
        if tag == "a" and self._in_nav:
            self.contents_links.append(a["href"])
        if tag == "a" and a.get("class") == "to-top":
            self.to_top.append(a["href"])
        if tag in ("br", "p", "li", "tr", "h2", "h3", "h4", "h5", "h6") and self._in_main:
            self._main.append("\n")

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_nav = False
        if tag == "main":
            self._in_main = False
        if tag in ("td", "th") and self._in_main:
            self._main.append(" ")

    def handle_data(self, data):
        if self._in_main:
            self._main.append(data)

    @property
    def main_lines(self) -> list[str]:
        """The text of <main>, a line per paragraph, list item, table row, heading or line break."""
        return [" ".join(line.split()) for line in "".join(self._main).split("\n")]


def page(site, path: str) -> Page:
    return Page((site / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", LONG)
def test_a_long_record_gets_a_contents_list_whose_links_all_land_on_the_page(built_content, path):
    p = page(built_content, path)
    assert len(p.contents_links) >= 5
    assert all(link.startswith("#") for link in p.contents_links)
    assert {link[1:] for link in p.contents_links} <= set(p.ids)


@pytest.mark.parametrize("path", LONG)
def test_the_copied_contents_list_with_page_numbers_is_gone(built_content, path):
    p = page(built_content, path)
    leftovers = [line for line in p.main_lines if LEADER_LINE.search(line)]
    assert leftovers == []


def test_the_copied_entries_name_what_the_generated_list_links(built_content):
    html = (built_content / LONG[0]).read_text(encoding="utf-8")
    start = html.index('<nav class="contents"')
    nav = html[start:html.index("</nav>", start)]
    # "2.1 Beräkning av inkomst" is a level below the list's own two, but the copied list names it.
    assert '<a href="#bilaga-1-2-1-berakning-av-inkomst">2.1 Beräkning av inkomst</a>' in nav
    assert 'id="bilaga-1-2-1-berakning-av-inkomst"' in html


@pytest.mark.parametrize("path", LONG)
def test_back_to_top_links_lead_to_the_main_content(built_content, path):
    p = page(built_content, path)
    assert p.to_top and set(p.to_top) == {"#innehall"}
    assert "innehall" in p.ids  # <main id="innehall" tabindex="-1">: focus moves there


def test_heading_anchors_are_unique_and_the_same_in_another_build(built_content, tmp_path):
    again = tmp_path / "again"
    run_diarium("build", "--content", ROOT / "content", "--config", ROOT / "config.yaml", "--out", again,
                "--quiet", "--no-search")
    for path in LONG:
        ids = page(built_content, path).ids
        assert [i for i, n in Counter(ids).items() if n > 1] == []
        assert page(again, path).ids == ids


SCHEME = DiaryScheme(["SN"])


def html(text: str, **options) -> str:
    return render(text, SCHEME, lambda number: None, **options)


COPIED = ("**Innehållsförteckning**\\\nInledning ..... 2\\\nBakgrund ..... 3\\\nBedömning      4\n\n"
          "## Inledning\n\nText.\n\n## Bakgrund\n\nMer text.\n\n## Bedömning\n\nSlutsats.\n")


def test_a_short_record_gets_no_contents_list_and_keeps_its_own():
    out = html(COPIED, contents=Contents(400, CONTENTS.title, CONTENTS.back_to_top, CONTENTS.top_id))
    assert '<nav class="contents"' not in out and "to-top" not in out
    assert "Inledning ..... 2" in out  # removed only where a generated list replaces it


def test_a_long_record_gets_the_generated_list_in_place_of_the_copied_one():
    out = html(COPIED, contents=CONTENTS, env={"ids": {"innehall"}})
    assert out.startswith('<nav class="contents" aria-labelledby="innehall-2"><h2 id="innehall-2">Innehåll</h2>')
    assert '<li><a href="#inledning">Inledning</a></li>' in out
    assert "....." not in out and "Innehållsförteckning" not in out
    assert out.count('<a class="to-top" href="#innehall">Till toppen</a>') == 3


def test_heading_ids_never_take_an_id_the_page_already_has():
    out = html("## Sök\n\n## Sök", env={"ids": {"sok", "innehall"}})
    assert 'id="sok-2"' in out and 'id="sok-3"' in out


def test_a_table_header_row_is_marked_and_an_empty_one_dropped():
    out = html("| Post | 2017 |\n|---|---|\n| Hyra | 5 |\n")
    assert "<thead>" in out and '<th scope="col">Post</th>' in out
    empty = html("|  |  |  |\n|---|---|---|\n| Hyra | 5 | 6 |\n| El | 1 | 2 |\n")
    assert "<thead>" not in empty and '<th scope="row">Hyra</th>' in empty
    labels = html("|  | 2016 | 2017 |\n|---|---|---|\n| Hyra | 5 | 6 |\n")
    assert '<th scope="col">2016</th>' in labels and '<th scope="row">Hyra</th>' in labels


def test_a_header_of_two_rows_marks_its_second_row_too():
    """A real Botkyrka table ("Kön" over "Kvinna", "Man"): the second row is empty under the row
    labels and names the columns the first row left empty."""
    two = html("| Anledning | Kön | | Totalt |\n|---|---|---|---|\n| | Kvinna | Man | |\n| Arbete | 34 | 53 | 87 |\n")
    assert '<th scope="col">Kvinna</th>' in two and '<th scope="col">Man</th>' in two
    assert '<th scope="row">Arbete</th>' in two and "<td>53</td>" in two
    later = html("| | 2016 |\n|---|---|\n| Hyra | 5 |\n| | 6 |\n")  # an empty label further down: data
    assert "<td>6</td>" in later


def test_record_headings_never_take_an_id_the_templates_write(site_dir, tmp_path):
    # The item page writes <main id="innehall"> and <h2 id="handlingar">; record text
    # rendered without a prefix has headings of the same names.
    item = site_dir / "content/socialnamnden/2012-12-11/03/item.md"
    item.write_text(item.read_text(encoding="utf-8") + "\n## Innehåll\n\nText.\n\n## Handlingar\n\nText.\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    run_diarium("build", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                "--out", out, "--quiet", "--no-search")
    ids = page(out, "socialnamnden/2012-12-11/03/index.html").ids
    assert "innehall-2" in ids and [i for i, n in Counter(ids).items() if n > 1] == []


def test_in_an_english_interface_the_lists_own_words_are_marked_english():
    english = Contents(CONTENTS.words, "Contents", "Back to top", CONTENTS.top_id, "en")
    out = html(COPIED, contents=english)
    assert '<h2 id="contents" lang="en">Contents</h2>' in out
    assert '<a class="to-top" href="#innehall" lang="en">Back to top</a>' in out
