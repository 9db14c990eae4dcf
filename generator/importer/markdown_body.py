"""Lines of a record → clean Markdown for markdown-it (docs/importing.md, "Extraction noise"): tables, paragraphs
re-joined where a page break or a line end cut them, footnotes moved after the paragraph they
interrupted, glued bold split, HTML and list-like lines made safe, headings demoted."""
from __future__ import annotations

import re

from generator.importer import clean, tables
from generator.importer.labels import SECTIONS
from generator.importer.source import blank, label, plain

_HEADING = re.compile(r"^(#{1,6})\s+")
_FOOTNOTE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|<sup>\s*\d+\s*</sup>|\\\*\))")
_ENDS_SENTENCE = re.compile(r"[.!?:;…)\]”\"»*]\s*$|<br>$")


def to_markdown(lines: list[str], *, top: int = 2) -> str:
    """Markdown for ``lines``; headings start at level ``top`` or lower."""
    blocks = _subheadings(_merge(_blocks(lines)), top)
    out: list[str] = []
    for kind, block in blocks:
        text = "\n".join(block) if kind != "text" else "\n".join(_breaks(_text(block, top)))
        if text.strip():
            out.append(text)
    return "\n\n".join(out).strip() + "\n" if out else ""


def _blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """The blocks of ``lines``: ``text`` (a paragraph, or a heading, rule or label alone) and
    ``table`` (finished pipe-table lines); ``_subheadings`` adds finished ``heading`` lines."""
    blocks: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if blank(line):
            i += 1
        elif tables.is_row(line):
            j = i
            while j < len(lines) and tables.is_row(lines[j]):
                j += 1
            previous = next((b for k, b in reversed(blocks) if k == "text"), [""])
            blocks.append(_table([tables.cells(x) for x in lines[i:j]], bool(tables.CONTENTS.search(previous[-1]))))
            i = j
        else:
            j = i
            while j < len(lines) and not blank(lines[j]) and not tables.is_row(lines[j]):
                j += 1
            blocks.extend(_split_standalone(lines[i:j]))
            i = j
    return [b for b in blocks if b[1]]      # a table of separator rows only leaves nothing


def _split_standalone(paragraph: list[str]) -> list[tuple[str, list[str]]]:
    """Headings, rules and section labels stand alone, never glued to the next text line."""
    out: list[tuple[str, list[str]]] = []
    for line in paragraph:
        if _alone(line) or not out or _alone(out[-1][1][-1]):
            out.append(("text", [line]))
        else:
            out[-1][1].append(line)
    return out


def _alone(line: str) -> bool:
    return bool(_HEADING.match(line)) or clean.is_rule(line) or label(line) in SECTIONS


def _table(rows: list[list[str]], after_contents_label: bool) -> tuple[str, list[str]]:
    if tables.is_contents(rows, after_contents_label):
        return "text", [entry + "  " for entry in tables.contents_lines(rows)]   # one entry a line
    if all(sum(1 for c in row if c) <= 1 for row in rows):
        return "text", [" ".join(c for c in row if c) for row in rows]
    # Cells keep their hyphen residue (``Samverkans- team``): a table is data, not prose.
    return "table", tables.pipe_table(rows, lambda c: clean.html_inline(c, in_cell=True))


def _merge(blocks: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Re-join paragraphs a page break or footnote cut: the first lacks final punctuation and the
    next starts in lowercase. Footnotes in between move after the joined paragraph."""
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(blocks):
        kind, block = blocks[i]
        j = i + 1
        notes: list[tuple[str, list[str]]] = []
        while kind == "text" and _prose(block) and not _ENDS_SENTENCE.search(block[-1]):
            k = j
            while k < len(blocks) and blocks[k][0] == "text" and _footnote(blocks[k][1]):
                k += 1
            if k < len(blocks) and blocks[k][0] == "text" and _prose(blocks[k][1]) \
                    and blocks[k][1][0].lstrip()[:1].islower():
                notes += blocks[j:k]
                block = block + blocks[k][1]
                j = k + 1
            else:
                break
        out.append((kind, block))
        out.extend(notes)
        i = j
    return out


_SUBHEADING = re.compile(r"^[A-ZÅÄÖÉÜ][^\d@*<>\[\]()|\\/]{1,58}[^\W\d_]$")


def _subheadings(blocks: list[tuple[str, list[str]]], top: int) -> list[tuple[str, list[str]]]:
    """A free heading of a report (``Lokalen``, ``Tidsplan och kostnad``): one short line alone
    between a finished paragraph and more text. Names stay text (signatures, lists of people)."""
    out = list(blocks)
    for k in range(1, len(blocks) - 1):
        kind, block = blocks[k]
        before, after = blocks[k - 1], blocks[k + 1]
        line = block[0].strip()
        if kind == "text" and len(block) == 1 and _SUBHEADING.match(line) and len(line.split()) <= 6 \
                and not _alone(line) and not _is_name(line) and before[0] == "text" and _prose(before[1]) \
                and _ENDS_SENTENCE.search(before[1][-1]) and after[0] == "text" and _prose(after[1]) \
                and not after[1][0][:1].isdigit():       # a lead-in to a numbered list is text
            out[k] = ("heading", ["#" * (top + 1) + " " + line])
    return out


def _is_name(line: str) -> bool:
    """A person's name, alone or before a comma and a role: ``Elin Asplund, förbundschef``."""
    words = line.split(",")[0].split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _prose(block: list[str]) -> bool:
    first = block[0].lstrip()
    return not _alone(block[0]) and not first.startswith(("- ", "* ", "|", ">")) and not _footnote(block)


def _footnote(block: list[str]) -> bool:
    return bool(_FOOTNOTE.match(block[0].lstrip()))


def _text(block: list[str], top: int) -> list[str]:
    """One paragraph's lines, cleaned; cut words re-joined across line ends."""
    joined: list[str] = []
    for line in block:
        if joined and re.search(r"[^\W\d_]-$", joined[-1]):
            # A cut word is joined; a hanging compound part (``hälso-`` ⏎ ``och``) keeps a space.
            keep = "-" if joined[-1][-2].isupper() else ""
            glue = keep if clean.joins(joined[-1], line.lstrip()) else "- "
            joined[-1] = joined[-1][:-1] + glue + line.lstrip()
        else:
            joined.append(line.rstrip() if not line.endswith("  ") else line)
    out: list[str] = []
    for line in joined:
        for part in clean.unglue(clean.html_inline(clean.dehyphenate(line))):
            out.append(_line(part, top))
    if len(out) == 1 and label(out[0]) in SECTIONS:
        # Section labels get one level whatever their markup: the seeds write them plain,
        # bold, or as H3/H4 headings.
        return ["#" * (top + 1) + " " + plain(out[0]).replace("**", "")]
    # Ungluing split one line into fields: keep them on separate lines.
    return [o + "  " if len(out) > len(joined) and k < len(out) - 1 and not o.endswith("  ") else o
            for k, o in enumerate(out)]


_NUMBERED = re.compile(r"^\d{1,9}\\[.)]")


def _breaks(block: list[str]) -> list[str]:
    """Hard breaks as a trailing backslash (visible, and safe in YAML blocks); a numbered line
    starts a new line of its own; no break at the end of a paragraph."""
    out = []
    for k, line in enumerate(block):
        last = k == len(block) - 1
        broken = line.endswith("  ") or (not last and _NUMBERED.match(block[k + 1]))
        line = line.rstrip()
        out.append(line + "\\" if broken and not last and not _HEADING.match(line) else line)
    return out


def _line(line: str, top: int) -> str:
    heading = _HEADING.match(line)
    if heading:
        level = min(6, max(top, len(heading.group(1)) + top - 1))
        return "#" * level + " " + line[heading.end():].strip()
    if clean.is_rule(line):
        return "---"
    return clean.protect(line)
