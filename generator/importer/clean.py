"""Noise of PDF extraction in one line of text (docs/importing.md, "Extraction noise"): glued bold runs, raw HTML,
line shapes Markdown would misread, and the Swedish rule for undoing hyphenation."""
from __future__ import annotations

import re

# --- raw HTML: Markdown where it is plain emphasis, attributes never kept ------------
_ATTRIBUTES = re.compile(r"<(\w+)\s[^>]*?(/?)>")
_EMPHASIS = [(re.compile(r"<b>([^<>*]*?\S)</b>", re.IGNORECASE), r"**\1**"),
             (re.compile(r"<i>([^<>*]*?\S)</i>", re.IGNORECASE), r"*\1*")]
_BLOCK_TAGS = re.compile(r"</?(?:p|ul|ol|div|span)>|<hr\s*/?>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li>\s*(?:[-•]\s*)?(.*?)\s*</li>", re.IGNORECASE | re.DOTALL)


def html_inline(text: str, *, in_cell: bool = False) -> str:
    """Raw HTML of a line turned into Markdown or whitelisted tags without attributes. Block
    tags are dropped (at a line start they would open an HTML block that swallows Markdown);
    in a table cell list items become lines separated by ``<br>``."""
    text = _ATTRIBUTES.sub(r"<\1\2>", text)
    for pattern, repl in _EMPHASIS:
        text = pattern.sub(repl, text)
    if in_cell:
        text = _LIST_ITEM.sub(lambda m: "• " + m.group(1) + "<br>", text)
    else:
        text = _LIST_ITEM.sub(lambda m: "- " + m.group(1), text)
    text = _BLOCK_TAGS.sub(" ", re.sub(r"</?li>", " ", text, flags=re.IGNORECASE))
    return re.sub(r"(?:<br>\s*)+$", "", re.sub(r"[ \t]{2,}(?!$)", " ", text)).strip() if in_cell else text


# --- glued bold runs ------------------------------------------------------------------
_GLUE = re.compile(r"\*\*\*\*")


def unglue(line: str) -> list[str]:
    """``**2****Title****Beslut**`` → ``**2**``, ``**Title**``, ``**Beslut**`` (one per line);
    a bold field glued to a word gets a space. Lines with ``***`` runs are left alone."""
    if line.count("**") % 2 or re.search(r"\*{3}(?!\*)|(?<!\*)\*{5,}", line.replace("****", "")):
        return [line]
    parts = _GLUE.split(line)
    out = []
    for index, part in enumerate(parts):
        if index:
            part = "**" + part
        if index < len(parts) - 1:
            part = part + "**"
        out.append(_space_bold(part))
    return out


def _space_bold(text: str) -> str:
    pieces = text.split("**")
    for index in range(1, len(pieces), 2):
        if index > 0 and pieces[index - 1] and pieces[index - 1][-1].isalnum():
            pieces[index - 1] += " "
        if index + 1 < len(pieces) and pieces[index + 1] and pieces[index + 1][0].isalnum():
            pieces[index + 1] = " " + pieces[index + 1]
    return "**".join(pieces)


# --- line shapes Markdown would misread -------------------------------------------------
_ORDERED = re.compile(r"^(\s*(?:[-*+•]\s+)?)(\d{1,9})([.)])(?=\s|$)")
_BULLET_GLYPH = re.compile(r"^[•▪·]\s*")
_SETEXT = re.compile(r"^(?:=+|-+)\s*$")


def protect(line: str) -> str:
    """Escape what would become an ordered list (``1. Projektets namn`` → ``<ol start>``) and
    turn bullet glyphs into list items. Leading spaces (checkbox residue) are dropped."""
    line = line.lstrip(" ")
    line = _BULLET_GLYPH.sub("- ", line)
    return _ORDERED.sub(lambda m: m.group(1) + m.group(2) + "\\" + m.group(3), line)


def is_rule(line: str) -> bool:
    """A ``---`` or ``===`` line: under text it would turn the text into a heading."""
    return bool(_SETEXT.match(line)) and len(line.strip()) >= 3


# --- Swedish de-hyphenation ---------------------------------------------------------------
# A hanging hyphen before these words shares a compound part (``barn- och ungdomsvården``).
_KEEP_AFTER = {"och", "eller", "samt", "respektive", "resp", "resp.", "till", "alternativt", "som"}
_INLINE_CUT = re.compile(r"(?<=[^\W\d_]{2})- (?=([a-zåäöéü][\w.]*))")


def joins(before: str, after: str) -> bool:
    """Whether ``before-`` + ``after`` is one word cut by a line end or page break."""
    word = re.match(r"[\w.]+", after)
    return word is not None and after[:1].islower() and word.group(0).rstrip(".") not in _KEEP_AFTER \
        and word.group(0) not in _KEEP_AFTER and bool(re.search(r"[^\W\d_]-$", before))


def dehyphenate(line: str) -> str:
    """``kriminali- tet`` → ``kriminalitet``, ``barn- och`` kept."""
    def repl(m: re.Match) -> str:
        word = m.group(1)
        if word.rstrip(".") in _KEEP_AFTER or word in _KEEP_AFTER:
            return "- "
        return "-" if line[m.start() - 1].isupper() else ""   # ``IPS- team`` → ``IPS-team``
    return _INLINE_CUT.sub(repl, line)
