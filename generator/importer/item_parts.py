"""The three layers of an item (docs/importing.md, "Items and their three layers"): the decision page (*Beslut*,
*Sammanfattning*, *Ärendet*), the officer's report (*tjänsteskrivelse*) and the attachments."""
from __future__ import annotations

import re

from generator.diary import DiaryScheme
from generator.importer import attachments, clean, labels, report
from generator.importer.extracted import Document, Item, Span
from generator.importer.markdown_body import to_markdown
from generator.importer.segment import Block, normal_title
from generator.importer.source import blank, date_line, find, is_page_break, label, paragraph_start, plain, title_text

_ENDS_SENTENCE = re.compile(r"[.!?:;)]\s*$")
REPORT_HEADER_LINES = 14     # non-empty lines from a report's first line to its proposal


def fill(item: Item, block: Block, lines: list[str], scheme: DiaryScheme) -> None:
    """Decision page, report and attachments of ``item`` from its span."""
    start, end = block.anchor + 1, item.span.end
    proposal = find(lines, start, end, lambda x: label(x) == labels.PROPOSAL)
    first = _report_start(lines, start, proposal) if proposal is not None else None
    page_end = first if first is not None else _decision_end(lines, start, end)
    _decision_page(item, lines, list(range(start, page_end)))
    if block.extra:     # text between a page break and the title: kept, in the body
        item.body = to_markdown([lines[i] for i in block.extra]) + "\n" + item.body
        item.warnings.append(f"item {item.number}: text above the title (line {block.extra[0] + 1}) kept in the body")
    rest = page_end
    if first is not None and proposal is not None:  # a report starts only below a proposal
        rest = _report_end(lines, proposal, end)
        item.documents.append(_report(item, lines, first, proposal, rest, scheme))
    for order, span in enumerate(attachments.spans(lines, rest, end), 1):
        item.documents.append(attachments.read_attachment(item, lines, span, scheme, order))
    item.span = Span(item.span.start, page_end)
    _doubts(item, lines, start, end, scheme)


def _doubts(item: Item, lines: list[str], start: int, end: int, scheme: DiaryScheme) -> None:
    """Placeholders kept as text but reported: unusable diary numbers, unfilled template
    headings (docs/importing.md, "Extraction noise")."""
    text = "\n".join(lines[start:end])
    for mention in scheme.find(text):
        if mention.problem in ("placeholder", "malformed"):
            line = start + text.count("\n", 0, mention.start) + 1
            item.warnings.append(f"item {item.number}: diary number {mention.text!r} at line {line} is "
                                 f"{mention.problem}; kept as text, not linked")
    for i in range(start, end):
        if label(lines[i]) in labels.PLACEHOLDER_HEADINGS:
            item.warnings.append(f"item {item.number}: unfilled template heading {plain(lines[i])!r} at line {i + 1}")


def _decision_page(item: Item, lines: list[str], indices: list[int]) -> None:
    """``Beslut`` text up to the next label; ``Sammanfattning`` → summary; the rest → body."""
    parts: dict[str, list[str]] = {"decision": [], "summary": [], "body": []}
    target = "decision"
    for i in indices:
        key = label(lines[i])
        if key == labels.SUMMARY and not parts["summary"] and target != "body":
            target = "summary"
            continue
        if key in labels.SECTIONS:
            target = "body"
        parts[target].append(lines[i])
    item.decision = to_markdown(parts["decision"]).strip()
    item.summary = to_markdown(parts["summary"]).strip()
    item.body = to_markdown(parts["body"])
    if not item.decision:
        item.warnings.append(f"item {item.number}: the decision (Beslut) is empty")


def _report_start(lines: list[str], start: int, proposal: int) -> int | None:
    """First line of the report whose proposal is at ``proposal``: after the last page break
    before it, or at its first header line, or at its title when the report starts mid-page."""
    first = None
    for i in range(proposal - 1, start - 1, -1):
        if is_page_break(lines, i):
            first = i + 2
            break
    if first is None:
        cue = find(lines, start, proposal, report.is_header_cue)
        first = cue if cue is not None else paragraph_start(lines, proposal)
    while first < proposal and blank(lines[first]):
        first += 1
    filled = sum(1 for i in range(first, proposal) if not blank(lines[i]))
    return first if filled <= REPORT_HEADER_LINES else None


def _decision_end(lines: list[str], start: int, end: int) -> int:
    """Without a report the decision page ends at the first page break the text does not run
    across (the next page starts a new paragraph)."""
    last_text = ""
    for i in range(start, end):
        if not blank(lines[i]):
            last_text = lines[i]
        elif is_page_break(lines, i) and last_text:
            nxt = find(lines, i, end, lambda x: not blank(x))
            if nxt is None:
                return end
            if _ENDS_SENTENCE.search(last_text) or not lines[nxt].lstrip()[:1].islower():
                return nxt
    return end


def _report_end(lines: list[str], proposal: int, end: int) -> int:
    """After the last signature (and its ``Expedieras till``) that no running header follows;
    without one, at the first attachment cue."""
    i, last = proposal, proposal + 1
    while i < end:
        if report.signature_at(lines, i) or report.distribution_at(lines, i, end):
            after = _after_signature(lines, i, end)
            listed = any(report.distribution_at(lines, k, end) for k in range(i, after))
            nxt = find(lines, after, end, lambda x: not blank(x))
            if nxt is None or listed or not _continues(lines, nxt, end):
                return after
            i = last = after
        else:
            i += 1
    cue = attachments.cues(lines, last, end)
    return cue[0] if cue else end


def _continues(lines: list[str], i: int, end: int) -> bool:
    """The report goes on after a signature: a running header (a date line that is not an
    attachment's own header) or another section of the report (signed right after its proposal)."""
    if date_line(lines[i]):
        return not report.officer_below(lines, i, end)
    key = label(lines[i])
    return key in labels.SECTIONS and not key.startswith(("bilag", labels.DISTRIBUTION))


def _after_signature(lines: list[str], i: int, end: int) -> int:
    """The line after a run of signatures and rules, or after the ``Expedieras till`` list
    that closes it."""
    while True:
        nxt = find(lines, i, end, lambda x: not blank(x))
        if nxt is None:
            return i
        if report.signature_at(lines, nxt):
            i = nxt + 2
        elif clean.is_rule(lines[nxt]):
            i = nxt + 1
        else:
            listed = report.distribution_at(lines, nxt, end)
            return listed[1] if listed else i


def _report(item: Item, lines: list[str], first: int, proposal: int, end: int, scheme: DiaryScheme) -> Document:
    title_at = paragraph_start(lines, proposal)
    header = report.read_header(lines, first, title_at, scheme)
    title_lines = [lines[i] for i in range(title_at, proposal) if not blank(lines[i])]
    title = title_text(title_lines)
    if not title or any(label(x) in (labels.OFFICER, labels.RECIPIENTS) for x in title_lines):
        title, title_at = item.title, proposal
        item.warnings.append(f"item {item.number}: the report has no title of its own")
    doc = Document("tjansteskrivelse", title, Span(first, end), "")
    skip = set(header.lines) | set(range(title_at, proposal))
    doc.body, signatures, distribution = _report_body(lines, proposal, end, skip, header, doc, scheme)
    doc.meta = header.meta(signatures=signatures, distribution=distribution)
    _check_report(item, doc, header, title)
    return doc


def _report_body(lines, proposal, end, skip, header, doc, scheme):
    """The report text without header, title, signatures, distribution and running headers."""
    signatures, distribution = [], None
    i = proposal
    while i < end:
        sig = report.signature_at(lines, i)
        dist = report.distribution_at(lines, i, end)
        if sig:
            signatures.append(sig)
            skip.update((i, i + 1))
            i += 2
        elif dist:
            distribution = dist[0]
            if not distribution:
                doc.warnings.append(f"empty distribution list (Expedieras till) at line {i + 1}")
            skip.update(range(i, dist[1]))
            i = dist[1]
        else:
            i += 1
    _skip_headers(lines, proposal, end, skip, header, doc, scheme)
    body = to_markdown([lines[i] if i not in skip else "" for i in range(proposal, end)])
    return body, signatures, distribution


def _skip_headers(lines, start, end, skip, header, doc, scheme) -> None:
    """Drop running headers; one with another date or Dnr than the report's is reported."""
    for first, last, day, dnr in report.running_headers(lines, start, end):
        skip.update(range(first, last + 1))
        if header.date and day != header.date:
            doc.warnings.append(f"running header at line {first + 1} has date {day}, not {header.date}")
        if dnr and header.diary_number and header.diary_number not in map(str, scheme.numbers(dnr)):
            doc.warnings.append(f"running header at line {first + 1} has {dnr!r}, not {header.diary_number}")


def _check_report(item: Item, doc: Document, header: report.Header, title: str) -> None:
    n = item.number
    doc.warnings += header.warnings
    missing = [k for k, v in (("date", header.date), ("Dnr", header.diary_number),
                              ("Referens", header.officer)) if not v]
    if missing:
        doc.warnings.append(f"report has no {', '.join(missing)}")
    if header.diary_number and item.diary_numbers and header.diary_number not in item.diary_numbers:
        doc.warnings.append(f"item {n}: report Dnr {header.diary_number} is not the item's "
                            f"{', '.join(item.diary_numbers)}")
    if header.diary_number and not item.diary_numbers and not header.warnings:
        item.diary_numbers.append(header.diary_number)   # the report's Dnr, for want of another
    a, b = normal_title(title), normal_title(item.title)
    if a not in b and b not in a:
        doc.warnings.append(f"item {n}: report title {title!r} differs from the agenda title")
    for w in doc.warnings:
        item.warnings.append(w if w.startswith("item ") else f"item {n}: {w}")
