"""A document with nothing to sanitise skips nh3 and gets its diary numbers linked in the token
stream: its HTML must be exactly what the full path (nh3 over the rendering, then link_numbers
over the cleaned HTML) gives, for every record text there is and for the tricky cases."""
import re

import pytest
import yaml

from generator import markdown
from generator.contents import Contents
from generator.diary import DiaryScheme
from support import ROOT

COLON = DiaryScheme(["SN", "KS", "KF", "VoN", "UN"])
DASH = DiaryScheme(["BY", "GA", "IF", "KS", "TE", "VN"], "dash")
CONTENTS = Contents(words=40, title="Innehåll", back_to_top="Till början", top_id="main", language="en")
CORPORA = {"content": COLON, "examples/kungsbacka/content": DASH, "benchmarks/out/corpus-1000/content": COLON}
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)

TRICKY = [
    'Citat "så här", \'så\' & så: a < b > c.',
    "A\u00a0B &nbsp; &copy; &amp; &#160; &#x22; &quot; &lt;x&gt; &#0; &#xD800; &#39; \0 \x0c slut",
    '![bild](x.png "t") SN 2012:2 efter bilden',
    "[ftp](ftp://x.org/a) SN 2012:4", "[js](javascript:alert(1)) och [data](data:text/html,x)",
    '[rel](../a?b=1&c=2 "ti\\"tel <b> & \u00a0") [tom](/x) [http](https://ex.org/a) SN 2012:6',
    "<https://ex.org/?a=1&b=2> <mailto:a@b.se> <a@b.se> <ftp://x.org>", "[x](/a&amp;b) [y](/%22q%22) [z](a:b)",
    "[SN 2012:8](#x) SN 2012:10 `SN 2012:12` *SN 2012:14* **SN\n2012:16** ~~SN 2012:18~~",
    "Text[^1] och [länk med fotnot[^2]](/x).\n\n[^1]: Fotnot SN 2012:20.\n[^2]: Andra.",
    '| "Kol" & \u00a0 | SN 2012:22 |\n|:---|---:|\n| <x> | `a<b` |\n| | |',
    '`a < b && "c"`', '```python\nx < 1 "q"\n```', '```\nx < "1"\n```', '    kod <x> "q" SN 2012:24',
    '# Rubrik "citat" & SN 2012:26\n\n## Två\n\ntext', "3. tre\n4. fyra SN 2012:28", "- SN\n  - 2012:30\n- b",
    "***\n\n> SN 2012:32\n\na  \nb\\\nc SN 2012:34", "SN&nbsp;2012:36, Dnr&nbsp;SN 2012:38, SN 2012:40&amp;",
    '<p style="x">SN 2012:42</p>', "Text <sup>2</sup> SN 2012:44 <!-- kommentar -->", "<div>\nSN 2012:46\n</div>",
    "KS-2024-00544 och KS 2024-00545, [KS-2024-00546](/x), `IF-2024-00547`, IF\u00a0IF-2024-00548",
    "# Ett\n\n" + "Många ord här. " * 20 + "\n\n# Två\n\nSN 2012:50 " + "fler ord. " * 20 + "\n\n[^a]: fot\n\nx[^a]",
]


def case_url(number):
    return f"/namnder/arende/{number.slug}/" if number.seq % 4 else None


def documents(folder: str) -> list[str]:
    """Every text a record renders as Markdown: its body and its front matter's strings."""
    texts = []
    for path in sorted((ROOT / folder).rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = _FRONT.match(text)
        texts.append(text[front.end():] if front else text)
        if front:
            texts += [v for v in _strings(yaml.safe_load(front.group(1)))]
    return texts


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for v in value for s in _strings(v)] if isinstance(value, list) else []


def both_ways(texts: list[str], scheme: DiaryScheme, monkeypatch) -> int:
    """Renders every text, short and as a long record, the fast way and the full way (every
    document sanitised as if it held raw HTML); asserts the same HTML. The fast renderings."""
    cleaned = []

    def counting_clean(html):
        cleaned.append(html)
        return clean(html)
    clean = markdown._clean
    options = [{"prefix": "d-"}, {"top": 3, "contents": CONTENTS}]
    with monkeypatch.context() as patch:
        patch.setattr(markdown, "_clean", counting_clean)
        fast = [markdown.render(t, scheme, case_url, **o) for t in texts for o in options]
    fast_count = len(fast) - len(cleaned)
    with monkeypatch.context() as patch:
        patch.setattr(markdown, "_unsafe", lambda token: True)
        patch.setattr(markdown, "_inline_need", lambda children: "raw")
        full = [markdown.render(t, scheme, case_url, **o) for t in texts for o in options]
    for text, one, other in zip([t for t in texts for _ in options], fast, full, strict=True):
        assert one == other, text
    return fast_count


@pytest.mark.parametrize("folder", CORPORA)
def test_every_record_text_renders_the_same_without_nh3(folder, monkeypatch):
    if not (ROOT / folder).is_dir():
        pytest.skip(f"{folder} is not generated (benchmarks/README.md)")
    texts = documents(folder)
    assert both_ways(texts, CORPORA[folder], monkeypatch) > len(texts)  # most take the fast path


def test_tricky_markdown_renders_the_same_without_nh3(monkeypatch):
    assert both_ways(TRICKY, COLON, monkeypatch) >= 20
    assert both_ways(TRICKY, DASH, monkeypatch) >= 20


@pytest.mark.parametrize("text", ['![x](y.png)', "[a](ftp://x)", "<b>fet</b>", "```py\nx\n```"])
def test_what_nh3_would_change_still_goes_through_it(text, monkeypatch):
    cleaned = []
    monkeypatch.setattr(markdown, "nh3", type("Spy", (), {"clean": lambda html, **kw: cleaned.append(html) or html}))
    markdown.render(text, COLON, case_url)
    assert cleaned
