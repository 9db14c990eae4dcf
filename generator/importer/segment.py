"""Items of a meeting record (docs/importing.md, "Items and their three layers"): find the
decision anchors (*Beslut*), read the number-and-title block above each, align the blocks with
the agenda, and cut the record into item spans. The agenda is the authority for numbers and
titles; printed numbers and headings are witnesses whose disagreements become warnings."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from generator.diary import DiaryScheme
from generator.importer.extracted import AgendaEntry, Item, Span
from generator.importer.labels import is_anchor
from generator.importer.seed_notice import split_title
from generator.importer.source import blank, logical_lines, plain

_MARKER = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*)?\s*(\d{1,2})\s*(?:\*\*)?\s*$")
_GLUED = re.compile(r"^\*\*(?:(\d{1,2})\*\*\s*\*\*)?(.+?)\*\*\s*\*\*beslut:?\*\*\s*$", re.IGNORECASE | re.DOTALL)
_NUMBERED_TITLE = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*)?(\d{1,2})(?:\*\*)?[.)]?\s+(?=\D)")
_ENDS_SENTENCE = re.compile(r"[.!?]\s*$")
_DNR_GROUP = re.compile(r"\([^()]*\d{4}\s*:\s*\w+[^()]*\)")
MAX_TITLE_LINES = 6


@dataclass
class Block:
    """The number-and-title block of one decision page."""

    start: int                 # first line of the block (marker, or first title line)
    anchor: int                # last line of the decision label
    heading: str               # title as printed, markup removed, dnr included
    printed_number: int | None
    extra: list[int] = field(default_factory=list)   # lines before the title kept as body text


def find_blocks(lines: list[str], begin: int) -> list[Block]:
    logical = [x for x in logical_lines(lines) if x[1] >= begin]
    blocks: list[Block] = []
    floor = 0
    for k, (text, first, last) in enumerate(logical):
        if not is_anchor(text):
            continue
        glued = _GLUED.match(text.strip())
        if glued:
            number = int(glued.group(1)) if glued.group(1) else None
            blocks.append(Block(first, last, _clean(glued.group(2)), number))
        else:
            blocks.append(_walk_back(logical, k, floor))
        floor = k + 1
    return blocks


def _walk_back(logical: list[tuple[str, int, int]], k: int, floor: int) -> Block:
    """From a plain anchor back to a number marker, a page break, or the previous item's text."""
    collected: list[tuple[str, int, int]] = []
    marker = None
    blanks = 0
    j = k - 1
    while j >= floor:
        text = logical[j][0]
        if blank(text):
            blanks += 1
            if blanks >= 2:
                break
        elif _MARKER.match(text):
            marker = logical[j]
            break
        elif (collected and blanks and _ENDS_SENTENCE.search(text)) or len(collected) >= MAX_TITLE_LINES \
                or is_anchor(text):
            break
        else:
            collected.insert(0, logical[j])
            blanks = 0
        j -= 1
    paragraphs = _paragraphs(collected)
    title = paragraphs[-1] if paragraphs else []
    extra = [i for p in paragraphs[:-1] for (_, a, b) in p for i in range(a, b + 1)] if not marker else []
    if marker:
        title = collected
    start = marker[1] if marker else (collected[0][1] if collected else logical[k][1])
    numbered = _MARKER.match(marker[0]) if marker else None
    number = int(numbered.group(1)) if numbered else None
    heading = " ".join(t for t, _, _ in title)
    inline = _NUMBERED_TITLE.match(heading)
    if number is None and inline:      # "2 Title (SN 2012:195)": number and title on one line
        number, heading = int(inline.group(1)), heading[inline.end():]
    return Block(start, logical[k][2], _clean(heading), number, extra)


def _paragraphs(collected: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    out: list[list[tuple[str, int, int]]] = []
    for entry in collected:
        if out and out[-1][-1][2] + 1 == entry[1]:
            out[-1].append(entry)
        else:
            out.append([entry])
    return out


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text.replace("**", " ").replace("#", " "))).strip()


def normal_title(text: str) -> str:
    """A title reduced for comparison: NFC, case-folded, dashes unified, dnr groups dropped."""
    text = unicodedata.normalize("NFC", _DNR_GROUP.sub(" ", text)).casefold()
    text = re.sub(r"\s*[-–—]\s*", "-", text)
    return re.sub(r"[\s*_:.,]+", " ", text).strip()


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, normal_title(a), normal_title(b)).ratio()


def align(blocks: list[Block], agenda: list[AgendaEntry]) -> list[tuple[AgendaEntry | None, Block | None]]:
    """Pairs of agenda entry and block in agenda order. Each block goes to the later entry it
    matches best by title, printed number and order; a block that matches nothing, or whose
    entry the next block matches clearly better, stays unpaired (its text is kept, with a
    warning)."""
    if not agenda:
        return [(None, b) for b in blocks]
    pairs: dict[int, Block] = {}
    stray: list[Block] = []
    next_free = 0
    for k, block in enumerate(blocks):
        scores = [(_score(block, e, i == next_free), i) for i, e in enumerate(agenda) if i >= next_free]
        best, index = max(scores, default=(0.0, -1))
        following = blocks[k + 1] if k + 1 < len(blocks) else None
        if best < MIN_MATCH or (following and _score(following, agenda[index], False) > best + 0.1):
            stray.append(block)
            continue
        pairs[index] = block
        next_free = index + 1
    return [(e, pairs.get(i)) for i, e in enumerate(agenda)] + [(None, b) for b in stray]


MIN_MATCH = 0.5


def _score(block: Block, entry: AgendaEntry, in_order: bool) -> float:
    """Title similarity, plus weight for a matching printed number and for the expected order."""
    number = 0.3 if block.printed_number == entry.number else 0.0
    return similarity(entry.title, block.heading) + number + (0.3 if in_order else 0.0)


def make_items(lines: list[str], blocks: list[Block], agenda: list[AgendaEntry],
               scheme: DiaryScheme) -> tuple[list[Item], list[str]]:
    """Items in agenda order with their spans; warnings for what did not line up."""
    warnings: list[str] = []
    pairs = align(blocks, agenda)
    paired = sorted(b.start for e, b in pairs if b and (e or not agenda))
    items: list[Item] = []
    position = 0
    for entry, block in pairs:  # align gives each pair an entry, a block, or both
        if entry is None and agenda:
            assert block is not None
            warnings.append(f"a decision page at line {block.anchor + 1} ({block.heading!r}) matches no agenda "
                            "item; its text is kept with the item before it")
            continue
        position += 1
        if block is None:
            assert entry is not None
            items.append(Item(entry.number, entry.title, entry.span, list(entry.diary_numbers),
                              warnings=[f"item {entry.number}: no decision page found in the record"]))
            continue
        end = next((s for s in paired if s > block.start), len(lines))
        item = _item(entry, block, position, Span(block.start, end), scheme)
        items.append(item)
    return items, warnings


def _item(entry: AgendaEntry | None, block: Block, position: int, span: Span, scheme: DiaryScheme) -> Item:
    heading_title, heading_numbers, problems = split_title(block.heading, scheme)
    number = entry.number if entry else position
    item = Item(number, entry.title if entry else heading_title, span)
    item.warnings += [f"item {number}: heading {p}" for p in problems]
    if block.printed_number is not None and block.printed_number != number:
        item.printed_number = block.printed_number
        item.warnings.append(f"item {number}: printed number {block.printed_number} differs from its agenda "
                             f"position {number}")
    agenda_numbers = entry.diary_numbers if entry else []
    item.diary_numbers = list(dict.fromkeys(agenda_numbers + heading_numbers))
    if entry:
        _compare(item, entry, heading_title, heading_numbers, bool(problems))
    if not block.heading:
        item.warnings.append(f"item {number}: no title above the decision label")
    return item


def _compare(item: Item, entry: AgendaEntry, title: str, numbers: list[str], flagged: bool) -> None:
    n = item.number
    if numbers and entry.diary_numbers and numbers != entry.diary_numbers:
        item.warnings.append(f"item {n}: agenda has {', '.join(entry.diary_numbers)}, heading has "
                             f"{', '.join(numbers)}")
    elif entry.diary_numbers and not numbers and not flagged:
        item.warnings.append(f"item {n}: diary number {', '.join(entry.diary_numbers)} only in the agenda, "
                             "not in the heading")
    elif numbers and not entry.diary_numbers:
        item.warnings.append(f"item {n}: diary number {', '.join(numbers)} only in the heading, not in the agenda")
    if title and normal_title(title) != normal_title(entry.title):
        item.warnings.append(f"item {n}: heading title {title!r} differs from the agenda title {entry.title!r}")
