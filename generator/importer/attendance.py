"""Attendance of minutes (*närvaro*): group labels (``Beslutande Ledamöter``, ``Tjänstgörande
ersättare``, ``Övriga närvarande Ersättare``, ``Tjänstepersoner`` …), one or two columns, and the
person entries under them. A two-column block comes out of the converter interleaved line by line
(``Niclas Nilsson (M), Ordförande Maria Vilhelmsson (M) ersätter Nils``): each line is split
into its left and right fragments by the shape of a left-column entry (a name with its party,
an optional chair role and paragraphs), and wrapped entries are joined again."""
from __future__ import annotations

import re

# Column labels → attendance group (docs/content-format.md, protokoll.md). Longest first.
GROUPS = [
    ("ej tjänstgörande ersättare", "deputies"), ("tjänstgörande ersättare", "serving_deputies"),
    ("beslutande ledamöter", "members"), ("närvarande ersättare", "deputies"),
    ("personalföreträdare", "others"), ("tjänstepersoner", "officials"), ("tjänstemän", "officials"),
    ("tjänsteman", "officials"), ("ledamöter", "members"), ("ersättare", "deputies"),
    ("övriga deltagare", "others"), ("övriga", "others"),
]
_SECTIONS = re.compile(r"^\s*(?:beslutande|övriga\s+närvarande|närvarande)\b\s*", re.IGNORECASE)
_LABEL = re.compile("|".join(re.escape(label) for label, _ in GROUPS), re.IGNORECASE)
_WORD = r"[A-ZÅÄÖÉÜØÆ][\w'’.-]*"
_PARTICLE = r"(?:de|af|av|von|van|der|da|di|du|la|le)"
NAME = rf"{_WORD}(?:\s+(?:{_WORD}|{_PARTICLE}))*"
PARTY = r"\(\s*[A-ZÅÄÖ]{1,5}\s*\)?"
_ROLE = r"(?:\d:[ae]\s+)?(?:vice\s+)?ordförande|\d:[ae]\s+vice|vice"
_PARAGRAPHS = r"§\s*§?\s*\d+(?:\s*[-–]\s*\d+)?"
# A left-column entry: name, party, optional role and paragraphs (``Tina Hald (SD) §§ 1-9``).
_LEFT = re.compile(rf"^\s*{NAME}\s*{PARTY}(?:\s*,?\s*(?:{_ROLE})\b)?(?:\s*,?\s*{_PARAGRAPHS})?", re.IGNORECASE)
_LEFT_NAME = re.compile(rf"^\s*{NAME}\s*{PARTY}")
_NEW_ENTRY = re.compile(rf"^{NAME}\s*(?:,|\(|$)")
_REPLACES = re.compile(r"\b(?:ersätter|tjänstgör\s+för|för)\b", re.IGNORECASE)
_PARTY_GROUP = re.compile(r"\(\s*([A-ZÅÄÖ]{1,5})\s*\)?")


def group_labels(line: str) -> list[str] | None:
    """The attendance groups a column-label line opens (one per column), or None; also for a
    label followed by its first entry (``Ledamöter: Anna Berg (S), ordförande``)."""
    labels, _ = split_label(line)
    return labels


def split_label(line: str) -> tuple[list[str] | None, str]:
    """The groups a line's leading labels open and the entry text after them (``Beslutande
    ledamöter: Anna Berg (S), Bo Ek (M)``)."""
    rest = _SECTIONS.sub("", line.strip())
    found: list[str] = []
    while rest:
        m = _LABEL.match(rest)
        if not m or (m.end() < len(rest) and rest[m.end()].isalnum()):
            break
        found.append(dict(GROUPS)[m.group(0).casefold()])
        rest = rest[m.end():].strip(" :\t")
    if rest and not _NEW_ENTRY.match(rest):
        return None, ""
    if not found:
        if rest or not _SECTIONS.match(line):
            return None, ""
        return [], ""       # "Beslutande" alone: the columns follow on the next line
    return found, rest


def read(lines: list[str]) -> tuple[dict, list[str]]:
    """Attendance groups from the lines of the attendance block, and the lines under no group
    label (kept as text by the caller)."""
    groups: dict[str, list[str]] = {}
    columns: list[str] = []
    unplaced: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        labels, rest = split_label(line)
        if labels is not None:
            columns = labels or columns
            for column in labels:
                groups.setdefault(column, [])
            for entry_text in _listed(rest) if columns else []:
                _add(groups[columns[0]], entry_text)
        elif not columns:
            unplaced.append(line.strip())
        elif len(columns) == 1:
            _add(groups[columns[0]], line.strip())
        else:
            left, right = split_columns(line, groups[columns[0]], columns[0])
            _add(groups[columns[0]], left)
            _add(groups[columns[1]], right)
    return {k: [entry(x, k) for x in v] for k, v in groups.items() if v}, unplaced


def _listed(text: str) -> list[str]:
    """Entries written in one line after their label: ``Anna Berg (S), ordförande, Bo Ek (M)``
    splits before each name with a party that follows a comma."""
    return [x for x in re.split(rf",\s*(?={NAME}\s*{PARTY})", text) if x.strip()] if text else []


def split_columns(line: str, left_entries: list[str], left_group: str) -> tuple[str, str]:
    """The left and right fragments of one interleaved line."""
    gap = re.split(r"\s{2,}", line.strip(), maxsplit=1)
    if len(gap) == 2:
        return gap[0], gap[1]
    text = line.strip()
    m = _LEFT.match(text)
    if m and left_group != "officials":
        return _clean(m.group(0)), _clean(text[m.end():].lstrip(" ,"))
    if left_entries and _open_left(left_entries[-1]) and text[:1].islower():
        return text, ""
    inner = _inner_split(text)
    if inner and left_group not in ("members", "serving_deputies", "deputies"):
        return inner
    return "", text      # the left column has ended: the line belongs to the right one


def _inner_split(text: str) -> tuple[str, str] | None:
    """``Ingela Lindroth Nord, Kommunal Magdalena Sundqvist (S),``: a right-hand entry with a
    party that starts inside the line; its name is taken as two words."""
    for m in re.finditer(rf"(?<=\s)({_WORD}\s+{_WORD})\s*{PARTY}", text):
        if m.start() > 0:
            return _clean(text[:m.start()]), _clean(text[m.start():])
    return None


def _open_left(entry: str) -> bool:
    """A left entry whose role wrapped (``Maj-Britt Rane-Andersson (S), 2:e vice``)."""
    return bool(re.search(r"(?:\bvice|,)\s*$", entry))


def _waiting(entry: str) -> bool:
    """An entry that names whom it replaces without that person's party yet."""
    replaces = _REPLACES.search(entry)
    return replaces is not None and not _PARTY_GROUP.search(entry[replaces.end():])


def _open(entry: str) -> bool:
    """An entry that goes on on the next line: ends with a comma, ``&``, ``och``, a hyphen, or
    waits for whom it replaces."""
    return bool(re.search(r"(?:[,&]|\boch|\bvice|-)\s*$", entry)) or _waiting(entry)


def _add(entries: list[str], fragment: str) -> None:
    """A fragment: the start of a new entry, or the continuation of the last one."""
    fragment = _clean(fragment)
    if not fragment:
        return
    if entries and (_open(entries[-1]) and not _starts_new(fragment, entries[-1])
                    or not _NEW_ENTRY.match(fragment) and not _LEFT_NAME.match(fragment)):
        entries[-1] = _clean(entries[-1] + " " + fragment)
    else:
        entries.append(fragment)


def _starts_new(fragment: str, previous: str) -> bool:
    """After a comma, a fragment shaped ``Name, title`` or ``Name (P)`` opens a new entry,
    unless the previous entry still waits for whom it replaces."""
    if _waiting(previous):
        return False
    if re.search(r"(?:&|\boch|\bvice|-)\s*$", previous):
        return False
    return bool(_NEW_ENTRY.match(fragment)) and bool(re.match(rf"^{NAME}\s*[,(]", fragment))


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+,", ",", text)
    return re.sub(r"§\s*§", "§§", text)


# --- one entry → a person mapping ---------------------------------------------------------------
_ENTRY = re.compile(r"^(?P<name>[^(,§]+?)\s*(?:\(\s*(?P<party>[A-ZÅÄÖ]{1,5})\s*\)?)?\s*"
                    r"(?P<rest>[,§].*|ersätter.*|tjänstgör.*)?$")
_TRAILING_PARAGRAPHS = re.compile(r",?\s*§§?\s*(\d+(?:\s*[-–]\s*\d+)?)\s*,?\s*$")


def entry(text: str, group: str) -> dict:
    """``Tina Hald (SD) §§ 1-9`` → ``{name, party, paragraphs}``; ``Mats Dahl (SD) tjänstgör
    för Tina Hald (SD) §§ 10-17`` → ``{name, party, replaces, paragraphs}``; ``Lotta Gradén,
    specialist § 1`` → ``{name, title, paragraphs}``."""
    person: dict = {}
    m = _TRAILING_PARAGRAPHS.search(text)
    if m:
        person["paragraphs"] = re.sub(r"\s*[-–]\s*", "-", m.group(1))
        text = text[:m.start()].strip()
    replaces = _REPLACES.search(text) if group in ("serving_deputies", "members") else None
    if replaces and _PARTY_GROUP.search(text[:replaces.start()]):
        person["replaces"] = text[replaces.end():].strip(" ,")
        text = text[:replaces.start()].strip(" ,")
    m = _ENTRY.match(text)
    if not m:
        return {"name": text.strip(" ,"), **person}
    out = {"name": m.group("name").strip()}
    if m.group("party"):
        out["party"] = m.group("party")
    rest = (m.group("rest") or "").strip(" ,")
    if rest:
        key = "role" if group in ("members", "serving_deputies", "deputies") else "title"
        out[key] = rest
    return {**out, **person}


_GROUP_NAMES = {"members": "ledamot", "serving_deputies": "tjänstgörande ersättare", "deputies": "ersättare"}


def paragraph_changes(groups: dict, first: int | None, last: int | None) -> None:
    """Members and deputies present for part of the meeting (``Tina Hald (SD) §§ 1-9``) →
    ``changes``: arrives at the range's first § when that is not the meeting's first, leaves
    after its last when that is not the meeting's last; the printed range is the note."""
    changes = groups.get("changes", [])
    for group, label in _GROUP_NAMES.items():
        for person in groups.get(group, []):
            printed = person.pop("paragraphs", None)
            if not printed:
                continue
            a, _, b = printed.partition("-")
            start, end = int(a), int(b or a)
            note = f"{label} §§ {printed}" if b else f"{label} § {printed}"
            if first is not None and start > first:
                changes.append({"name": person["name"], "event": "arrives", "paragraph": start, "note": note})
            if last is not None and end < last:
                changes.append({"name": person["name"], "event": "leaves", "paragraph": end, "note": note})
    if changes:
        groups["changes"] = changes
