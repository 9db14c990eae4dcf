"""Layout residue of a converted PDF, removed before any text is read (docs/importing.md,
"Layout residue"): page markers and other HTML comments, converter links to table copies,
running page headers and footers, and the e-signature pages at the end, which become the
signatures of the minutes. Removed lines are blanked, so line numbers stay those of the source
and the paragraphs a page break cut are joined again by the Markdown step."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.importer.source import blank

_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
PAGE_MARKER = re.compile(r"^\s*<!--\s*(?:sida|page|p\.?)\s*\d+\s*-->\s*$", re.IGNORECASE)
# ``[Tabell 1-1](kallelse.tabeller/1-1.csv)``: the converter's link to its CSV copy of the table
# below it; the table itself is kept, the link would be broken on the site.
_TABLE_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\.(?:csv|tsv|xlsx?|ods)\)", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"\s*(?:\b(?:sida\s+)?\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3}))\s*$", re.IGNORECASE)
_SIGNED_AT = re.compile(r"^\s*datum\s*:\s*((?:19|20)\d\d-\d\d-\d\d)(?:[ T]+(\d\d:\d\d(?::\d\d)?))?\s*$", re.IGNORECASE)
_SERVICE = re.compile(r"^\s*(?:underskriftstjänst|signeringstjänst|e-signeringstjänst)\s*:\s*(.+?)\s*$", re.IGNORECASE)
_TRANSACTION = re.compile(r"^\s*transaktionsidentitet\s*:", re.IGNORECASE)
# The footer an e-signature service stamps on every page; removed wherever it stands.
_STAMP = re.compile(r"^\s*(?:det\s+här\s+dokumentet\s+är\s+(?:digitalt|elektroniskt)\s+signerat|"
                    r"transaktionsidentitet\s*:\s*[0-9A-F-]{8,})\s*$", re.IGNORECASE)
_SIGNED_BY = re.compile(r"\b(?:signerat|undertecknat)\s+av\b", re.IGNORECASE)
HEADER_LINES = 6       # non-empty lines at the top of a page where a running header can sit
FOOTER_LINES = 4       # and at the bottom, for a running footer


@dataclass
class Layout:
    """The record's lines without residue, and what the residue said."""

    lines: list[str]
    pages: list[int] = field(default_factory=list)          # first line of each page
    signatures: list[dict] = field(default_factory=list)   # from the e-signature pages
    signature_text: list[str] = field(default_factory=list)  # their other lines, kept
    stamps: list[str] = field(default_factory=list)   # e-signature stamp sentences, once each
    removed: int = 0


def strip(lines: list[str]) -> Layout:
    """Residue removed from ``lines`` (a copy). Running headers and footers are found only in
    records with page markers: lines that repeat at the top (or bottom) of many pages."""
    out = [_unlink(x) for x in lines]
    pages = [i for i, x in enumerate(out) if PAGE_MARKER.match(x)]
    layout = Layout(out, pages)
    for i, line in enumerate(out):
        if _COMMENT.match(line):
            out[i] = ""
        elif _STAMP.match(line) and len(pages) >= 2:
            if not _TRANSACTION.match(line) and line.strip() not in layout.stamps:
                layout.stamps.append(line.strip())     # "… är digitalt signerat": said once, kept
            out[i] = ""
            layout.removed += 1
    if len(pages) >= 2:
        bounds = list(zip(pages, pages[1:] + [len(out)], strict=True))
        _signature_pages(layout, bounds)
        for keys, at_top in ((_repeated(out, bounds, True), True), (_repeated(out, bounds, False), False)):
            for number, (a, b) in enumerate(bounds):
                if at_top and number == 0:
                    continue      # the first page's header names the record: it is read, not cut
                layout.removed += _cut(out, a, b, keys, at_top)
    layout.lines = out
    return layout


def _unlink(line: str) -> str:
    stripped = _TABLE_LINK.sub("", line)
    return "" if line.strip() and not stripped.strip() else stripped


def key(line: str) -> str:
    """A line compared across pages: page numbers, spacing and case do not count."""
    return re.sub(r"\s+", " ", _PAGE_NUMBER.sub("", line)).strip().casefold()


def _edge(lines: list[str], a: int, b: int, at_top: bool, size: int) -> list[int]:
    filled = [i for i in range(a, b) if not blank(lines[i])]
    return filled[:size] if at_top else filled[-size:]


def _repeated(lines: list[str], bounds: list[tuple[int, int]], at_top: bool) -> set[str]:
    """Lines found at the same edge of most pages (of both when there are two or three)."""
    counts: dict[str, int] = {}
    bounds = [(a, b) for a, b in bounds if any(not blank(lines[i]) for i in range(a, b))]
    for a, b in bounds:
        for k in {key(lines[i]) for i in _edge(lines, a, b, at_top, HEADER_LINES if at_top else FOOTER_LINES)}:
            counts[k] = counts.get(k, 0) + 1
    least = len(bounds) // 2 + 1 if len(bounds) > 3 else 2
    # Table rows repeat on every page of a long table; they are data, not a page header.
    return {k for k, n in counts.items() if n >= least and k and not k.startswith("|")}


def _cut(lines: list[str], a: int, b: int, keys: set[str], at_top: bool) -> int:
    """Blank the run of repeated lines at one edge of the page ``lines[a:b]``."""
    order = range(a, b) if at_top else range(b - 1, a - 1, -1)
    cut = 0
    for i in order:
        if blank(lines[i]):
            continue
        if key(lines[i]) not in keys and not (_PAGE_NUMBER.fullmatch(lines[i].strip()) and cut):
            break
        lines[i] = ""
        cut += 1
    return cut


def _signature_pages(layout: Layout, bounds: list[tuple[int, int]]) -> None:
    """Trailing pages of an e-signature service: a name above ``Datum: date time`` and a
    transaction id, for each signer. They become ``signatures``; their other lines are kept."""
    lines = layout.lines
    service = None
    for a, b in reversed(bounds):
        text = [i for i in range(a + 1, b) if not blank(lines[i])]
        signers = [i for i in text if _SIGNED_AT.match(lines[i])]
        marks = signers or any(_SIGNED_BY.search(lines[i]) or _SERVICE.match(lines[i]) for i in text)
        if not marks or any(_SIGNED_AT.match(lines[i]) is None and _prose(lines[i]) for i in text):
            break
        found, kept = [], []
        for i in signers:
            above = max((j for j in text if j < i), default=None)
            m = _SIGNED_AT.match(lines[i])
            if m and above is not None and not _TRANSACTION.match(lines[above]):
                found.append({"name": re.sub(r"\s+", " ", lines[above]).strip(),
                              "signed": " ".join(x for x in m.groups() if x)})
                lines[above] = ""
            lines[i] = ""
        for i in text:
            m = _SERVICE.match(lines[i])
            if m:
                service, lines[i] = m.group(1), ""
            elif _TRANSACTION.match(lines[i]):
                lines[i] = ""
            elif lines[i]:
                kept.append(re.sub(r"\s+", " ", lines[i]).strip())
                lines[i] = ""
        layout.signatures[:0] = found
        layout.signature_text[:0] = kept
    for signature in layout.signatures:
        if service:
            signature["service"] = service


def _prose(line: str) -> bool:
    """A line of running text: a signature page has none (its lines are short fields)."""
    return len(line.split()) > 8
