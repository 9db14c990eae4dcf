"""Long records a person can navigate: a linked contents list (*innehållsförteckning*) built from
the record's headings, replacing the one copied in from the PDF with its page numbers, and a
"back to top" link after each top-level section.

A copied contents list is recognised by its structure alone: top-level paragraphs, lists or tables
whose lines or rows end in a dot leader (or a run of spaces) and a page number. Works on the
markdown-it token stream of one record, in one pass, as a core rule of generator.markdown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from generator.text import slugify

# "Inledning ..... 3", "1. Allmänt…… 4", "Bilagor . . . . 12", "Budget          7"
_LEADER = re.compile(r"^(?P<name>.*?)\s*(?:\.{2,}|…+|(?:\.\s){2,}\.?|\s{3,}|\t+)\s*\d{1,4}\s*$")
_DOTS = re.compile(r"\s*(?:\.{2,}|…+|(?:\.\s){2,}\.?)\s*$")
_PAGE = re.compile(r"^\d{1,4}$")
_NUMBERING = re.compile(r"^[\d-]+")
MIN_ENTRIES = 3  # copied lines in a row; fewer is a sentence that happens to end in a number
MIN_HEADINGS = 2  # a list of one heading helps nobody


@dataclass(frozen=True)
class Contents:
    """What a long record's navigation needs from the page: when a record counts as long, and
    the interface strings (the record text itself stays Swedish)."""
    words: int
    title: str
    back_to_top: str
    top_id: str
    language: str = ""  # the interface's, where it is not the record text's (WCAG 3.1.2)

    @property
    def lang(self) -> str:
        return f' lang="{escape(self.language)}"' if self.language else ""


@dataclass(frozen=True)
class Entry:
    level: int
    anchor: str
    text: str


def navigable(state: StateCore) -> None:
    """Core rule: in a record flagged long (``env['contents']``), drop the copied contents list,
    add back-to-top links and leave the generated list's entries in ``env['entries']``."""
    env = state.env
    contents: Contents | None = env.get("contents")
    if contents is None:
        return
    blocks = _top_level_blocks(state.tokens)
    copied, named = _copied(state.tokens, blocks)
    top = env.get("top", 2)
    kept = [t for i, t in enumerate(state.tokens) if i not in copied]
    entries = [e for e in _headings(kept) if e.level <= top + 1 or _key(e.text) in named]
    if len(entries) < MIN_HEADINGS:
        return
    state.tokens = _with_links_to_top(kept, top, contents)
    env["entries"] = entries


def _top_level_blocks(tokens: list[Token]) -> list[tuple[int, int]]:
    """(start, end) token ranges of the blocks at the top of the record, end exclusive."""
    blocks, start = [], 0
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting <= 0:
            blocks.append((start, index + 1))
            start = index + 1
    return blocks


def _copied(tokens: list[Token], blocks: list[tuple[int, int]]) -> tuple[set[int], set[str]]:
    """Indexes of the tokens of every copied contents list (and of a heading right above one),
    and the keys of the headings their lines name."""
    drop: set[int] = set()
    named: set[str] = set()
    run: list[tuple[int, int]] = []
    found = 0
    for block in [*blocks, (len(tokens), len(tokens))]:
        lines = _lines(tokens, block)
        pages = sum(1 for line in lines if _LEADER.match(line))
        if pages and pages * 4 >= len(lines):
            run.append(block)
            found += pages
            named.update(_key(_LEADER.sub(r"\g<name>", line)) for line in lines)
            continue
        if found >= MIN_ENTRIES:
            first = run[0][0]
            if first >= 3 and tokens[first - 1].type == "heading_close":
                first -= 3
            drop.update(range(first, run[-1][1]))
        run, found = [], 0
    named.discard("")
    return drop, named


def _lines(tokens: list[Token], block: tuple[int, int]) -> list[str]:
    """The text lines of a paragraph, the items of a list, the rows of a table (a row's cells
    joined, its page-number cell after a run of spaces so that it reads as a line does)."""
    start, end = block
    if start >= end:
        return []
    kind = tokens[start].type
    if kind == "paragraph_open":
        return _split_lines(tokens[start + 1])
    if kind in ("bullet_list_open", "ordered_list_open"):
        return [" ".join(_split_lines(t)) for t in tokens[start:end] if t.type == "inline"]
    if kind == "table_open":
        rows, row = [], []
        for token in tokens[start:end]:
            if token.type == "inline":
                row.append(_plain(token.children or []))
            elif token.type == "tr_close":
                rows.append(_row_line(row))
                row = []
        return [r for r in rows if r]
    return []


def _row_line(cells: list[str]) -> str:
    cells = [c.strip() for c in cells]
    if len(cells) > 1 and _PAGE.match(cells[-1]) and _DOTS.search(cells[-2]):
        return " ".join(c for c in cells[:-1] if c) + "     " + cells[-1]
    return " ".join(c for c in cells if c)


def _split_lines(inline: Token) -> list[str]:
    lines: list[list[Token]] = [[]]
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    return [text for text in (_plain(line) for line in lines) if text.strip()]


def _plain(children: list[Token]) -> str:
    """The text of inline tokens, markup left out (like the anchors plugin reads a title)."""
    return "".join(c.content for c in children if c.type in ("text", "code_inline"))


def _key(text: str) -> str:
    """A heading's text as a copied entry would name it: section numbers and punctuation aside."""
    return _NUMBERING.sub("", slugify(_DOTS.sub("", text))).strip("-")


def _headings(tokens: list[Token]) -> list[Entry]:
    return [Entry(int(t.tag[1]), str(t.attrGet("id")), _plain(tokens[i + 1].children or []))
            for i, t in enumerate(tokens) if t.type == "heading_open" and t.attrGet("id")]


def _with_links_to_top(tokens: list[Token], top: int, contents: Contents) -> list[Token]:
    """A back-to-top link where each top-level section ends: before the next one, and before
    the footnotes or the end of the record."""
    link = (f'<p><a class="to-top" href="#{escape(contents.top_id)}"{contents.lang}>'
            f"{escape(contents.back_to_top)}</a></p>\n")
    out: list[Token] = []
    sections = 0
    for token in tokens:
        starts = token.type == "heading_open" and token.tag == f"h{top}"
        if (starts or token.type == "footnote_block_open") and sections:
            out.append(Token("html_block", "", 0, content=link))
            sections = 0 if token.type == "footnote_block_open" else sections
        sections += starts
        out.append(token)
    if sections:
        out.append(Token("html_block", "", 0, content=link))
    return out


def contents_list(entries: list[Entry], anchor: str, level: int, contents: Contents) -> str:
    """The generated contents list: a named navigation landmark with nested lists by level."""
    parts = [f'<nav class="contents" aria-labelledby="{anchor}">'
             f'<h{level} id="{anchor}"{contents.lang}>{escape(contents.title)}</h{level}>']
    depth: list[int] = []
    for entry in entries:
        while depth and entry.level < depth[-1]:
            parts.append("</li></ul>")
            depth.pop()
        if depth and entry.level == depth[-1]:
            parts.append("</li>")
        else:
            parts.append("<ul>")
            depth.append(entry.level)
        parts.append(f'<li><a href="#{escape(entry.anchor)}">{escape(entry.text) or escape(entry.anchor)}</a>')
    parts.append("</li></ul>" * len(depth) + "</nav>")
    return "".join(parts)
