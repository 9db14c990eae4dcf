"""Tab-separated tables (docs/importing.md, "Tables") → GFM pipe tables, which markdown-it renders as
``<table>``. A line that starts with a tab must never reach Markdown as such: after a blank
line it would become an indented code block."""
from __future__ import annotations

import re

_DASHES = re.compile(r"^-{2,}$")
_RULE = re.compile(r"^<hr\s*/?>$", re.IGNORECASE)
# A quantity: a number, perhaps with a unit word ("300 deltagare", "28,1 Mkr"); a year alone
# ("2011 (budget)") is a typical column heading, not a quantity.
_NUMBER = re.compile(r"^[-−–+]?\s*(?!(?:19|20)\d\d\b)\d[\d\s.,]*\s*(?:%|[^\W\d_]+\.?)?$", re.IGNORECASE)
_BOLD_CELL = re.compile(r"^<b>(.*?)</b>$", re.IGNORECASE | re.DOTALL)
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_LEADER = re.compile(r"\s*(?:\.\s?){3,}\s*$")
CONTENTS = re.compile(r"innehåll", re.IGNORECASE)   # Innehållsförteckning, Innehåll: a contents heading


def is_row(line: str) -> bool:
    return "\t" in line


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def is_contents(rows: list[list[str]], after_contents_label: bool) -> bool:
    """A table of contents: entries with a page number (or nothing) in the last cell, under a
    contents heading or with dot leaders."""
    entries = [[c for c in row if c] for row in rows]
    shaped = all(len(e) <= 2 and (len(e) < 2 or _PAGE_NUMBER.match(e[-1]) or e[-1].startswith("<b>"))
                 for e in entries if e)
    leaders = any(_LEADER.search(e[0]) for e in entries if e)
    numbered = sum(1 for e in entries if len(e) == 2 and _PAGE_NUMBER.match(e[-1]))
    labelled = after_contents_label or bool(rows and CONTENTS.search(" ".join(rows[0])))
    return shaped and numbered >= 2 and (labelled or leaders)


def contents_lines(rows: list[list[str]]) -> list[str]:
    """Contents entries without page numbers or dot leaders, one per line (hard breaks)."""
    out = []
    for row in rows:
        entry = [c for c in row if c]
        if entry and len(entry) == 2 and (_PAGE_NUMBER.match(entry[1]) or entry[1].startswith("<b>")):
            entry = entry[:1] if _PAGE_NUMBER.match(entry[1]) else entry
        text = _LEADER.sub("", " ".join(entry)).strip()
        if text:
            out.append(text)
    return out


def is_separator(row: list[str]) -> bool:
    """A dash row (``---\\t--``) or an ``<hr/>`` row: layout, not data."""
    filled = [c for c in row if c]
    return bool(filled) and all(_DASHES.match(c) or _RULE.match(c) for c in filled)


def is_header(row: list[str]) -> bool:
    """The first row heads the table when no cell is a number, or every cell is bold or empty."""
    filled = [c for c in row if c]
    if filled and all(_BOLD_CELL.match(c) for c in filled):
        return True
    return bool(filled) and not any(_NUMBER.match(_strip_tags(c)) for c in filled)


def pipe_table(rows: list[list[str]], cell_text) -> list[str]:
    """GFM table lines for ``rows`` (separator rows dropped, ragged rows padded). When the first
    row is not a header an empty header row is used, so no data row is promoted."""
    rows = [row for row in rows if not is_separator(row)]
    while rows and all(not any(row[-1:]) for row in rows) and max(map(len, rows)) > 1:
        rows = [row[:-1] for row in rows]   # trailing empty column on every row
    if not rows:
        return []
    width = max(len(row) for row in rows)
    head, body = (rows[0], rows[1:]) if is_header(rows[0]) else ([""] * width, rows)
    lines = [_line(head, width, cell_text), "|" + "---|" * width]
    lines += [_line(row, width, cell_text) for row in body]
    return lines


def _line(row: list[str], width: int, cell_text) -> str:
    padded = row + [""] * (width - len(row))
    return "| " + " | ".join(cell_text(c).replace("|", "\\|") for c in padded) + " |"


def _strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).strip()
