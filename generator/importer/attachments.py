"""Attachments (*bilagor*) of an item: where each one starts (docs/importing.md, "Items and their
three layers"), its title, optional header and date, and its text without running headers."""
from __future__ import annotations

import re

from generator.diary import DiaryScheme
from generator.importer import labels, report
from generator.importer.extracted import Document, Item, Span
from generator.importer.markdown_body import to_markdown
from generator.importer.source import blank, date_line, label, plain, title_text

SHORT_SEGMENT = 3     # an attachment cue this close to the previous one opens no new part
DATE_WINDOW = 12      # lines at the top of an attachment where a date line is its own date


def cues(lines: list[str], start: int, end: int) -> list[int]:
    """Lines that open an attachment: a ``Bilaga``/``Till`` label (not a level 1–2 heading,
    which is a section of the current document), a level-1 heading, a glued bold header after
    a page break, or a header with ``Referens`` but no proposal."""
    found = []
    for i in range(start, end):
        line = lines[i]
        if blank(line) or not blank(lines[i - 1]):
            continue
        heading = re.match(r"^(#{1,6})\s", line)
        # "Bilagor" (plural) lists a document's attachments; it opens none.
        bilaga = labels.is_attachment_label(line) and not (heading and len(heading.group(1)) <= 2) \
            and not label(line).startswith("bilagor")
        after_break = i >= 2 and blank(lines[i - 2])
        glued = line.startswith("**") and "****" in line and after_break
        h1 = heading is not None and len(heading.group(1)) == 1 and not plain(line)[:1].isdigit()
        header = date_line(line) and report.officer_below(lines, i, end)
        officer = label(line) == labels.OFFICER and after_break
        if bilaga or glued or h1 or header or officer:
            found.append(_title_above(lines, i) if label(line) == "till" else i)
    return found


def _title_above(lines: list[str], i: int) -> int:
    """An address label (``Till``) may sit under its document's title: one short line."""
    j = i - 2
    if j >= 0 and not blank(lines[j]) and (j == 0 or blank(lines[j - 1])):
        text = plain(lines[j])
        if len(text.split()) <= 8 and not re.search(r"[.,:;)]$", text) and "\t" not in lines[j] \
                and not text.startswith("("):
            return j
    return i


def spans(lines: list[str], start: int, end: int) -> list[Span]:
    """The attachments in ``lines[start:end]``, split at their cues."""
    while start < end and blank(lines[start]):
        start += 1
    if start >= end:
        return []
    bounds = [start]
    for cue in cues(lines, start + 1, end):
        filled = sum(1 for x in lines[bounds[-1]:cue] if not blank(x))
        if cue > bounds[-1] and filled >= SHORT_SEGMENT:
            bounds.append(cue)
    return [Span(a, b) for a, b in zip(bounds, bounds[1:] + [end], strict=True)]


def read_attachment(item: Item, lines: list[str], span: Span, scheme: DiaryScheme, order: int) -> Document:
    first = span.start
    header = report.Header()
    if report.is_header_cue(lines[first]):
        stop = report.header_end(lines, first, span.end)
        header = report.read_header(lines, first, stop, scheme)
        if not header.officer and any(label(lines[i]) == labels.OFFICER for i in range(first, stop)):
            header.warnings.append("attachment header has an empty Referens")
    skip = set(header.lines)
    for a, b, day, _ in report.running_headers(lines, first, span.end):
        if not header.date and a - first < DATE_WINDOW:
            header.date = day      # a date line at the top dates the attachment
        skip.update(range(a, b + 1))
    doc = Document("bilaga", "", span, "")
    doc.title, used = _title(lines, [i for i in range(first, span.end) if i not in skip], order)
    skip.update(used)
    doc.body = to_markdown([lines[i] if i not in skip else "" for i in range(first, span.end)])
    doc.meta = header.meta()
    doc.warnings += header.warnings
    item.warnings += [f"item {item.number}: attachment {doc.title!r}: {w}" for w in doc.warnings]
    return doc


def _title(lines: list[str], indices: list[int], order: int) -> tuple[str, list[int]]:
    """The first text line (and the lines a bold run left open carries on to), with the lines
    it takes from the body; ``Bilaga N`` when there is no usable one."""
    text_lines = [i for i in indices if not blank(lines[i]) and "\t" not in lines[i]][:DATE_WINDOW]
    if not text_lines:
        return f"Bilaga {order}", []
    first = text_lines[0]
    if "****" in lines[first]:      # a glued header: its first field names the document
        return title_text([lines[first].split("****")[0]]), []
    if labels.is_attachment_label(lines[first]):
        return _labelled_title(lines, text_lines)
    taken = _balanced(lines, text_lines)
    title = title_text([lines[i] for i in taken])
    if label(lines[first]) in labels.SECTIONS or len(title.split()) > 25:
        return f"Bilaga {order}", []
    return title, taken


def _labelled_title(lines: list[str], text_lines: list[int]) -> tuple[str, list[int]]:
    """``Bilaga: Title`` → Title; ``Bilaga 1:`` above a line → ``Bilaga 1: line``; an address
    label (``Till``) → the first heading below the address."""
    first = text_lines[0]
    own = re.sub(r"^(bilag\w*\s*\d*|till)\s*:?\s*", "", plain(lines[first]), flags=re.IGNORECASE).strip()
    if own:
        return own, [first]
    name = title_text([lines[first]])
    if label(lines[first]) == "till":
        below = [i for i in text_lines[1:] if lines[i].lstrip().startswith(("#", "**"))]
        return (title_text([lines[below[0]]]) if below else name), []
    return (f"{name}: {title_text([lines[text_lines[1]]])}" if len(text_lines) > 1 else name), []


def _balanced(lines: list[str], text_lines: list[int]) -> list[int]:
    """The first line and, while a bold run is left open, the adjacent lines that close it."""
    taken = [text_lines[0]]
    for i in text_lines[1:4]:
        if sum(lines[j].count("**") for j in taken) % 2 == 0 or i != taken[-1] + 1:
            break
        taken.append(i)
    return taken
