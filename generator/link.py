"""Step 2, link: tie records together by diary number (cases), in one pass over all text, and
each agenda item of a notice to the paragraph of the minutes that decided it.

Every item, paragraph and document that carries a diary number, and every record whose text
mentions one, is entered in that number's Case. Building this index is linear in the size of the content;
pages then look cases up instead of scanning other records.
"""
from __future__ import annotations

from datetime import date

from generator import noticeboard, people
from generator.config import Config
from generator.diary import DiaryScheme
from generator.minutes import tie_items
from generator.model import Case, Document, Filed, Item, Paragraph, Site
from generator.text import word_count


def link_site(site: Site, config: Config) -> Site:
    scheme = site.scheme
    for item in site.items:
        _enter(site, item, item.diary_numbers, [item.title, item.proposal, item.summary, item.body], scheme)
    for paragraph in site.paragraphs:
        texts = [paragraph.title, paragraph.decision, paragraph.summary, paragraph.process, paragraph.body]
        _enter(site, paragraph, paragraph.diary_numbers, texts, scheme)
    carriers: list[Item | Paragraph] = [*site.items, *site.paragraphs]
    for record in carriers:
        for document in record.documents:
            document.has_page = _needs_page(document, config)
            _enter(site, document, document.diary_numbers, [document.title, document.body], scheme)
    for meeting in site.meetings:
        _enter(site, meeting, [], [meeting.body, *meeting.notes], scheme)
        tie_items(meeting)
    for document in site.documents:
        _enter(site, document, document.diary_numbers, [document.title, document.body], scheme)
    for case in site.cases.values():
        case.carriers.sort(key=chronological)
        case.mentions.sort(key=chronological)
    site.cases = dict(sorted(site.cases.items()))
    return site


def derive(site: Site, config: Config, today: date) -> None:
    """What the whole linked site gives: its people and its notice board as of ``today``.
    (Linear in the minutes; the preview derives them again after every edit.)"""
    site.people = people.collect(site) if config.people else people.People()
    site.board = noticeboard.board(site, config, today)


def _enter(site: Site, record, carried, texts: list[str], scheme: DiaryScheme) -> None:
    for number in carried:
        _case(site, number).carriers.append(record)
    mentioned = scheme.numbers("\n".join(t for t in texts if t))
    for number in mentioned:
        if number not in carried:
            _case(site, number).mentions.append(record)


def _case(site: Site, number) -> Case:
    case = site.cases.get(number)
    if case is None:
        case = site.cases[number] = Case(number)
    return case


def _needs_page(document: Document, config: Config) -> bool:
    """Reports are shown on their item's page; long attachments get a page of their own."""
    return document.kind == "bilaga" and word_count(document.body) > config.long_document_words


def chronological(record: Filed):
    when = record.sort_date
    return (when is None, when.toordinal() if when else 0, record.url)
