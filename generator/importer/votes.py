"""Roll-call votes (*omröstning*) of a § paragraph: the ballot table (which may continue on the
next page with its column header repeated, or without it), the proposition order (what yes and
no mean) and the totals written in the text."""
from __future__ import annotations

import re

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_MARK = re.compile(r"^(?:x|✓|✔|1)$", re.IGNORECASE)
_COLUMNS = {"ja": re.compile(r"^ja\b", re.IGNORECASE), "nej": re.compile(r"^nej\b", re.IGNORECASE),
            "avstår": re.compile(r"^avst", re.IGNORECASE)}
_DEPUTY = re.compile(r"ersättare", re.IGNORECASE)
_PERSON = re.compile(r"^(?P<name>.+?)\s*\(\s*(?P<party>[A-ZÅÄÖ]{1,5})\s*\)\s*$")
_TOTALS = {key: re.compile(rf"(\d+)\s*[-–]?\s*{word}[\s-]*röst", re.IGNORECASE)
           for key, word in (("yes", "ja"), ("no", "nej"))}
_ABSTAIN = re.compile(r"(\d+)\s+(?:ledamöter\s+|ledamot\s+)?(?:avstår|avstod|avstående)", re.IGNORECASE)
_MEANS = {key: re.compile(rf"{word}[\s-]*röst\s+innebär\s+(?:att\s+)?(.+?)(?:\n\s*\n|\n\s*[-−•]|$)",
                          re.IGNORECASE | re.DOTALL)
          for key, word in (("yes", "ja"), ("no", "nej"))}
_APPOINTS = re.compile(r"utser\s+(.+?)\s+till\s+ja\s+och\s+(.+?)\s+till\s+nej", re.IGNORECASE | re.DOTALL)


def take_tables(part: list[str]) -> tuple[list[str], list[str]]:
    """``part`` without its ballot tables, and those tables' lines. A table is a ballot table when
    its rows carry vote marks (``X``) or a header names yes/no columns."""
    kept: list[str] = []
    tables: list[str] = []
    i = 0
    while i < len(part):
        if not _ROW.match(part[i]):
            kept.append(part[i])
            i += 1
            continue
        j = i
        while j < len(part) and _ROW.match(part[j]):
            j += 1
        block = part[i:j]
        if _is_ballots(block):
            tables.extend(block)
            kept.append("")
        else:
            kept.extend(block)
        i = j
    return kept, tables


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _is_ballots(block: list[str]) -> bool:
    rows = [_cells(x) for x in block if not _SEPARATOR.match(x)]
    marked = sum(1 for row in rows if any(_MARK.match(c) for c in row[1:]) and _PERSON.match(row[0]))
    return marked >= max(1, len(rows) // 2)


def read(table_lines: list[str], text: str) -> list[dict]:
    """One vote from the ballot rows of a paragraph (all its tables), with totals and the
    proposition order from ``text``; none without ballots."""
    columns: dict[str, int] = {}
    deputy: int | None = None
    ballots = []
    for line in table_lines:
        if _SEPARATOR.match(line):
            continue
        row = _cells(line)
        found = {k: i for i, c in enumerate(row) for k, p in _COLUMNS.items() if p.match(c)}
        if len(found) >= 2:
            columns = found
            deputy = next((i for i, c in enumerate(row) if i and _DEPUTY.search(c)), None)
            continue
        if not columns and len(row) >= 4:
            columns = {"ja": len(row) - 3, "nej": len(row) - 2, "avstår": len(row) - 1}
        ballot = _ballot(row, columns, deputy)
        if ballot:
            ballots.append(ballot)
    if not ballots:
        return []
    vote: dict = {}
    proposition = _proposition(text)
    if proposition:
        vote["proposition"] = proposition
    vote["ballots"] = ballots
    totals = {k: int(m.group(1)) for k, p in _TOTALS.items() for m in [p.search(text)] if m}
    abstain = _ABSTAIN.search(text)
    if totals:
        vote["totals"] = {**totals, "abstain": int(abstain.group(1)) if abstain else 0}
    return [vote]


def _ballot(row: list[str], columns: dict[str, int], deputy: int | None) -> dict | None:
    voter = row[deputy] if deputy is not None and deputy < len(row) and row[deputy] else row[0]
    person = _PERSON.match(voter)
    marked = [k for k, i in columns.items() if i < len(row) and _MARK.match(row[i])]
    if not person or len(marked) != 1:
        return None
    return {"name": person.group("name"), "party": person.group("party"), "vote": marked[0]}


def _proposition(text: str) -> dict | None:
    means = {k: re.sub(r"\s+", " ", m.group(1)).strip(" .") for k, p in _MEANS.items() for m in [p.search(text)] if m}
    if len(means) == 2:
        return means
    m = _APPOINTS.search(text)
    if m:
        return {"yes": re.sub(r"\s+", " ", m.group(1)), "no": re.sub(r"\s+", " ", m.group(2))}
    return None
