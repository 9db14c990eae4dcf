"""Content Markdown → safe HTML: markdown-it-py with tables and footnotes, raw HTML sanitised
to a whitelist, headings demoted below the page's own, Swedish-aware heading anchors, every
diary number in the text linked to its case page, and long records made navigable
(generator.contents)."""
from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache
from html import escape, unescape
from typing import Callable

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from generator.contents import Contents, contents_list, navigable
from generator.diary import DiaryScheme
from generator.text import slugify, word_count

# Raw HTML a record may contain (docs/content-format.md), plus what Markdown itself produces.
CONTENT_TAGS = {"b", "i", "u", "em", "strong", "sup", "sub", "br", "p", "ul", "ol", "li",
                "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"}
MARKDOWN_TAGS = {"a", "h2", "h3", "h4", "h5", "h6", "blockquote", "code", "pre", "hr", "section", "s"}
ATTRIBUTES = {"a": {"href", "id", "class", "title"}, "li": {"id", "class"}, "sup": {"class"},
              "section": {"class"}, "hr": {"class"}, "ol": {"start", "class"}, "th": {"class", "scope"},
              "td": {"class"}, **{f"h{n}": {"id"} for n in range(2, 7)}}


def _text(text: str) -> str:
    """Text escaped as html5ever (nh3) serialises it: quotes as written, a no-break space as an entity."""
    return text.replace("&", "&amp;").replace("\xa0", "&nbsp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace("\xa0", "&nbsp;").replace('"', "&quot;")


class _Renderer(RendererHTML):
    """Writes what nh3 would give back for it (void tags unclosed via ``xhtmlOut``, html5ever's
    escaping), so that a document with nothing to sanitise needs no nh3 pass (_sanitise)."""

    @staticmethod
    def renderAttrs(token: Token) -> str:
        if not token.attrs:
            return ""
        return "".join(f' {key}="{_attribute(str(value))}"' for key, value in token.attrItems())

    def text(self, tokens, idx, options, env) -> str:
        return _text(tokens[idx].content)

    def code_inline(self, tokens, idx, options, env) -> str:
        return f"<code{self.renderAttrs(tokens[idx])}>{_text(tokens[idx].content)}</code>"

    def code_block(self, tokens, idx, options, env) -> str:
        return f"<pre{self.renderAttrs(tokens[idx])}><code>{_text(tokens[idx].content)}</code></pre>\n"


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": False, "xhtmlOut": False},
                    renderer_cls=_Renderer).enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.core.ruler.push("diarium_headings", _headings)
    # The plugin walks the headings and reads their text; the slug is ours: Swedish letters
    # folded, and unique across the whole page (its own de-duplication is per call, from -1).
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=_page_slug)
    md.core.ruler.push("diarium_contents", navigable)
    md.core.ruler.push("diarium_align", _alignment)
    md.core.ruler.push("diarium_table_headers", _table_headers)
    md.core.ruler.push("diarium_sanitise", _sanitise)
    return md


def _headings(state) -> None:
    """Shift headings so the document's highest becomes ``env['top']``, never more than one level
    below the heading before (records often start at ####)."""
    opens = [t for t in state.tokens if t.type == "heading_open"]
    if not opens:
        return
    env = state.env
    shift = env.get("top", 2) - min(int(t.tag[1]) for t in opens)
    level = env.get("top", 2) - 1
    for token in state.tokens:
        if token.type == "heading_open":
            level = min(6, max(2, int(token.tag[1]) + shift), level + 1)
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{level}"


# The ids of the page being rendered and the prefix of its record (set by render()):
# a heading's id is ``prefix`` + slug, unique among everything on the page.
_PAGE: ContextVar[tuple[set[str], str]] = ContextVar("diarium_page_ids")


def _page_slug(title: str) -> str:
    ids, prefix = _PAGE.get()
    return unique_id(ids, prefix + (slugify(title) or "rubrik"))


def unique_id(ids: set[str], base: str) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is not yet taken on the page; taken now."""
    anchor, n = base, 2
    while anchor in ids:
        anchor, n = f"{base}-{n}", n + 1
    ids.add(anchor)
    return anchor


def _alignment(state) -> None:
    """Table alignment as a class: style attributes are never published."""
    for token in state.tokens:
        style = token.attrGet("style")
        if style and token.type in ("th_open", "td_open"):
            token.attrs.pop("style")
            token.attrSet("class", "align-" + style.split(":")[1])


def _table_headers(state) -> None:
    """Every data cell gets a header (Lighthouse's td-has-header). A header row is marked as
    one (``scope="col"``); tables converted from PDFs often have an empty header row instead,
    which is dropped, or a header row whose first cell is empty over a column of row labels,
    which become row headers (``scope="row"``). In such a table a first body row that is empty
    in that column continues the header (a header of two rows, like "Kön" over "Kvinna", "Man").
    One pass over the tokens."""
    tokens, drop, cells = state.tokens, set[int](), list[str]()
    head_start, row_labels, first_cell, body_rows, header_row = 0, False, False, 0, False
    for index, token in enumerate(tokens):
        if token.type == "thead_open":
            head_start, cells, body_rows = index, [], -1
        elif token.type == "th_open":
            token.attrSet("scope", "col")
            cells.append(tokens[index + 1].content.strip())
        elif token.type == "thead_close":
            if not any(cells):
                drop.update(range(head_start, index + 1))
            row_labels = not all(cells)
        elif token.type == "tr_open":
            first_cell, body_rows, header_row = True, body_rows + 1, False
        elif token.type == "td_open":
            text = tokens[index + 1].content.strip()
            if first_cell and row_labels:
                header_row = not text and body_rows == 1
            if text and row_labels and (first_cell or header_row):
                token.tag = tokens[index + 2].tag = "th"
                token.attrSet("scope", "col" if header_row else "row")
            first_cell = False
    if drop:
        state.tokens = [t for i, t in enumerate(tokens) if i not in drop]


_ALLOWED_TAGS = CONTENT_TAGS | MARKDOWN_TAGS | {""}  # "": tokens without a tag of their own
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # a URL with one is absolute (WHATWG URL)


def _sanitise(state) -> None:
    """Core rule: whether the document needs nh3 (``env['sanitise']``): ``raw`` where it holds
    raw HTML, ``markdown`` where Markdown itself makes what nh3 removes (an image, a fence's
    class, a link not relative); None where the rendering is already
    what nh3 would return. Outside raw HTML, diary numbers are linked here (_link_numbers)."""
    need = None
    for token in state.tokens:
        if token.type == "html_block" and token.map is None:  # contents' back-to-top link
            token.content = _clean_constant(token.content)
        elif token.type in ("html_block", "html_inline"):
            need = "raw"
            break
        elif token.type not in _PLAIN and need is None and _unsafe(token):
            need = "markdown"
        elif token.children:
            need = _inline_need(token.children) or need
            if need == "raw":
                break
    state.env["sanitise"] = need
    if need != "raw":
        scheme, case_url = state.env["diary"]
        for token in state.tokens:
            if token.children:
                token.children = _link_numbers(token.children, scheme, case_url)


def _inline_need(children: list[Token]) -> str | None:
    need = None
    for child in children:
        if child.type in _PLAIN:
            continue
        if child.type == "html_inline":
            return "raw"
        if _unsafe(child):
            need = "markdown"
    return need


# The commonest tokens, which never carry anything nh3 would change.
_PLAIN = {"text", "softbreak", "inline", "paragraph_open", "paragraph_close"}


def _unsafe(token: Token) -> bool:
    return (token.tag not in _ALLOWED_TAGS or token.type in ("fence", "image")
            or bool(token.attrs) and not token.attrs.keys() <= ATTRIBUTES.get(token.tag, set())
            or token.type == "link_open" and bool(_SCHEME.match(str(token.attrs["href"]))))


@lru_cache(maxsize=8)
def _clean_constant(html: str) -> str:
    """The generated back-to-top link, cleaned once: a closed paragraph of its own between
    top-level blocks, it comes out of nh3 alone as it would out of the whole document."""
    return _clean(html)


def _clean(html: str) -> str:
    return nh3.clean(html, tags=CONTENT_TAGS | MARKDOWN_TAGS, attributes=ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel=None)


def _link_numbers(children: list[Token], scheme: DiaryScheme, case_url: Callable) -> list[Token]:
    """Each run of text (text and soft line breaks, outside links) becomes one token of its HTML,
    escaped once, with the diary numbers linked: found in the escaped text, as link_numbers finds
    them in the HTML of a document with raw HTML."""
    out: list[Token] = []
    run: list[Token] = []
    inside = 0
    for child in children:
        if not inside and child.type in ("text", "softbreak"):
            run.append(child)
            continue
        if run:
            out.append(_linked_run(run, scheme, case_url))
            run = []
        inside += (child.type == "link_open") - (child.type == "link_close")
        out.append(child)
    if run:
        out.append(_linked_run(run, scheme, case_url))
    return out


def _linked_run(run: list[Token], scheme: DiaryScheme, case_url: Callable) -> Token:
    text = run[0].content if len(run) == 1 else "".join(t.content if t.type == "text" else "\n" for t in run)
    run[0].type, run[0].content = "html_inline", _link_text(_text(text), scheme, case_url)
    return run[0]


_PARSER = _parser()
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_KEEP_OPEN = re.compile(r"<(a|code|pre)[\s>]")
_KEEP_CLOSE = re.compile(r"</(a|code|pre)>")


def render(text: str, scheme: DiaryScheme, case_url: Callable, *, top: int = 2, prefix: str = "",
           env: dict | None = None, contents: Contents | None = None) -> str:
    """Render untrusted Markdown to safe HTML. ``case_url(number)`` gives a case page's URL, or
    None where no case page exists; ``env`` shared between calls keeps heading ids unique (its
    ``ids`` may hold the page's own ids beforehand). With ``contents``, a record longer than
    ``contents.words`` words gets a contents list and back-to-top links."""
    if not text or not text.strip():
        return ""
    env = env if env is not None else {}
    long = contents is not None and word_count(text) > contents.words
    # docId keeps footnote ids unique when several documents share a page.
    env.update(top=top, prefix=prefix, docId=prefix.rstrip("-") or None, contents=contents if long else None,
               diary=(scheme, case_url))
    ids = env.setdefault("ids", set())
    reset = _PAGE.set((ids, prefix))
    try:
        html = _PARSER.render(text, env)
    finally:
        _PAGE.reset(reset)
    sanitise = env.pop("sanitise")
    clean = _clean(html) if sanitise else html
    entries = env.pop("entries", None)
    if entries and contents:
        anchor = unique_id(ids, prefix + slugify(contents.title))
        clean = contents_list(entries, anchor, top, contents) + clean
    # Raw HTML is not in the token stream: its diary numbers are found in the cleaned HTML.
    return scroll_regions(link_numbers(clean, scheme, case_url) if sanitise == "raw" else clean)


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def scroll_regions(html: str) -> str:
    """Wrap each table in a region that scrolls sideways and that the keyboard can reach
    (focusable, named by its first row; WCAG 2.1.1, axe's scrollable-region-focusable)."""
    def wrap(match: re.Match) -> str:
        row = match.group(1).split("</tr>", 1)[0]
        cells = [" ".join(unescape(_TAGS.sub(" ", c)).split()) for c in _CELL.findall(row)]
        name = ", ".join(c for c in cells if c)[:120] or "Tabell"  # record text is Swedish
        return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(name)}">'
                f"{match.group(0)}</div>")
    return _TABLE.sub(wrap, html)


def link_numbers(html: str, scheme: DiaryScheme, case_url: Callable) -> str:
    """Wrap every valid diary number in the text of ``html`` in a link, except inside links
    and code, whose text must stay as written."""
    out, inside = [], 0
    for part in _TAG_OR_TEXT.split(html):
        if part.startswith("<"):
            inside += bool(_KEEP_OPEN.match(part)) - bool(_KEEP_CLOSE.match(part))
            out.append(part)
        elif inside or not part:
            out.append(part)
        else:
            out.append(_link_text(part, scheme, case_url))
    return "".join(out)


def _link_text(text: str, scheme: DiaryScheme, case_url: Callable) -> str:
    pieces, last = [], 0
    for mention in scheme.find(text):
        url = case_url(mention.number) if mention.number else None
        if url:
            pieces += [text[last:mention.start], f'<a class="dnr" href="{escape(url)}">{mention.text}</a>']
            last = mention.end
    return "".join(pieces) + text[last:] if pieces else text
