"""Content Markdown → safe HTML."""
from generator.diary import DiaryScheme
from generator.markdown import render

SCHEME = DiaryScheme(["SN", "KS"])


def case_url(number):
    return f"/arende/{number.slug}/"


def html(text, **options):
    return render(text, SCHEME, case_url, **options)


def test_headings_are_demoted_below_the_page_and_get_swedish_anchors():
    out = html("# Förslag till beslut\n\n## Bakgrund och åtgärder\n\n# Förslag till beslut", top=3, prefix="ts-")
    assert '<h3 id="ts-forslag-till-beslut">Förslag till beslut</h3>' in out
    assert '<h4 id="ts-bakgrund-och-atgarder">' in out
    assert '<h3 id="ts-forslag-till-beslut-2">' in out  # unique within the page


def test_ids_stay_unique_across_documents_of_one_page():
    env = {}
    first = html("## Sammanfattning", env=env)
    second = html("## Sammanfattning", env=env)
    assert 'id="sammanfattning"' in first and 'id="sammanfattning-2"' in second


def test_footnotes_stay_attached_and_get_document_specific_ids():
    out = html("Text med fotnot[^1].\n\n[^1]: Källa: SCB.", prefix="bilaga-1-")
    assert 'href="#fn-bilaga-1-1"' in out and 'id="fn-bilaga-1-1"' in out
    assert "Källa: SCB." in out


def test_tables_keep_alignment_as_a_class_not_a_style():
    out = html("| Post | Belopp |\n|---|---:|\n| Hyra | 1 400 |")
    assert '<td class="align-right">1 400</td>' in out and "style=" not in out


def test_dangerous_markup_never_survives():
    out = html('<a href="javascript:alert(1)" onclick="x()">länk</a> <img src=x onerror=alert(1)>'
               '<script>alert(2)</script><iframe src="//evil"></iframe><p style="color:red">röd</p>'
               '\n\n[klick](javascript:alert(3))')
    for bad in ('href="javascript:', "onclick", "onerror", "<script", "<iframe", "style=", "<img"):
        assert bad not in out, bad
    assert "röd" in out and "länk" in out


def test_whitelisted_inline_html_survives():
    out = html("Vikt<sup>2</sup> och <b>fet</b>, <i>kursiv</i>, <u>understruken</u>.<br>Ny rad")
    for good in ("<sup>2</sup>", "<b>fet</b>", "<i>kursiv</i>", "<u>understruken</u>", "<br>"):
        assert good in out


def test_diary_numbers_are_linked_but_not_inside_existing_links_or_code():
    out = html("Se SN/2012:195, [SN 2012:17](https://example.org/x) och `SN 2012:18`.")
    assert '<a class="dnr" href="/arende/sn-2012-195/">SN/2012:195</a>' in out
    assert out.count('class="dnr"') == 1  # the linked one and the code span are left alone


def test_a_table_scrolls_in_a_named_region_the_keyboard_reaches():
    out = html('| År | Kostnad "netto" & brutto |\n|---|---:|\n| 2012 | 5 |\n\n'
               '|  |  |\n|---|---|\n|  |  |\n| a | b |\n')
    assert out.count('<div class="table-scroll" role="region" tabindex="0" aria-label=') == 2
    assert 'aria-label="År, Kostnad &quot;netto&quot; &amp; brutto"><table>' in out
    assert 'aria-label="Tabell"><table>' in out  # a first row without text
    assert out.count("</table></div>") == 2
