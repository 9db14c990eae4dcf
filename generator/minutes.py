"""Behaviour of the minutes (*protokoll*) that spans records: who was present at a paragraph,
the consistency checks of a paragraph, and which agenda item of the notice each paragraph decided."""
from __future__ import annotations

import re

from generator.model import Document, Item, Meeting, Minutes, Paragraph
from generator.people import person_key

# Decision-makers: only they vote and reserve (*reservation*) against a decision.
DECIDING = ("members", "serving_deputies")


def present_at(minutes: Minutes, number: int) -> set[str]:
    """The person keys of the decision-makers present at § ``number``, after arrivals and
    departures ("lämnar sammanträdet efter § 45": absent from § 46 on)."""
    present = {person_key(a.name) for group in DECIDING for a in getattr(minutes.attendance, group)}
    for change in minutes.attendance.changes:
        gone = number > change.paragraph if change.event == "leaves" else number < change.paragraph
        (present.discard if gone else present.add)(person_key(change.name))
    return present


def paragraph_warnings(paragraph: Paragraph) -> list[tuple[str, str]]:
    """(field, message) for what in a paragraph disagrees with itself or with the attendance:
    warnings, so that a real record with a mistake still builds."""
    found = []
    for index, vote in enumerate(paragraph.votes):
        if vote.totals and vote.ballots and vote.result != vote.counted:
            found.append(("votes", (f"[{index}].totals: the minutes state {_counts(vote.result)}, "
                                    f"the ballots give {_counts(vote.counted)}")))
    if paragraph.minutes.attendance.members:
        present = present_at(paragraph.minutes, paragraph.number)
        named = [("reservations", n) for r in paragraph.reservations for n in r.by]
        named += [("votes", b.name) for v in paragraph.votes for b in v.ballots]
        found += [(field, f"{name} is not among the members present at § {paragraph.number}")
                  for field, name in named if person_key(name) not in present]
    return found


def _counts(totals: dict) -> str:
    return ", ".join(f"{key} {totals.get(key, 0)}" for key in ("yes", "no", "abstain"))


def tie_items(meeting: Meeting) -> None:
    """Tie each agenda item of the notice to the paragraph that decided it: explicitly (item's
    ``paragraph`` or paragraph's ``item``), else by a shared diary number, else by title."""
    if not meeting.minutes:
        return
    paragraphs = {p.number: p for p in meeting.minutes.paragraphs}
    free = dict(paragraphs)
    for item in meeting.items:  # the preview links a meeting again after an edit
        item.paragraph = None
    for paragraph in paragraphs.values():
        paragraph.item = None
    explicit = [(i, paragraphs.get(i.paragraph_number)) for i in meeting.items if i.paragraph_number is not None]
    explicit += [(i, p) for p in paragraphs.values() for i in meeting.items if p.item_number == i.number]
    by_number = {n: p for p in reversed(list(paragraphs.values())) for n in p.diary_numbers}
    by_title = {normalised(p.title): p for p in reversed(list(paragraphs.values()))}
    for item, found in explicit:
        if found is not None and item.paragraph is None and found.number in free:
            _tie(item, free.pop(found.number))
    for match in (lambda i: next((by_number[n] for n in i.diary_numbers if n in by_number), None),
                  lambda i: by_title.get(normalised(i.title))):
        for item in meeting.items:
            found = match(item) if item.paragraph is None else None
            if found is not None and found.number in free:
                _tie(item, free.pop(found.number))


def _tie(item, paragraph: Paragraph) -> None:
    item.paragraph, paragraph.item = paragraph, item


_NOT_WORD = re.compile(r"[\W_]+")


def normalised(title: str) -> str:
    """A title as compared between notice and minutes: case, punctuation and spacing ignored."""
    return _NOT_WORD.sub(" ", title.casefold()).strip()


def record_kind(record) -> str | None:
    """Whether a record belongs to a notice (kallelse) or to minutes (protokoll), for search
    filters; None for a stand-alone document."""
    if isinstance(record, Document):
        record = record.item
    if isinstance(record, (Meeting, Minutes)):
        return record.kind
    return "protokoll" if isinstance(record, Paragraph) else "kallelse" if isinstance(record, Item) else None
