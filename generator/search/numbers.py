"""Diary numbers as single search terms, the same in the index and in queries.

lunr splits ``SN 2012:195`` into pieces and reads ``2012:195`` in a query as field ``2012``, so
every diary number is one term: ``sn_2012_195``; a year and sequence number without a prefix
(``2012:195``, also the shape of statute numbers) is ``2012_195``. The index gets a record's own
numbers in its diary field and the numbers it mentions (found by link) in its body.
"""
from __future__ import annotations

import re

from generator.diary import DiaryNumber, DiaryScheme

_BARE = re.compile(r"(?<![\w/])((?:19|20)\d{2})[ \t]*:[ \t]*(\d{1,6})(?![\w:])")
_NEGATION = re.compile(r"(^|\s)-(?=\S)")  # lunr's '-term'; the diary pattern refuses a '-' before a prefix
_HIDDEN_NEGATION = "\x00"


def term(number: DiaryNumber) -> str:
    return f"{number.prefix.lower()}_{number.year}_{number.seq}"


def terms(number: DiaryNumber) -> list[str]:
    """The diary-field terms of a number: with and without its prefix."""
    return [term(number), f"{number.year}_{number.seq}"]


def query_terms(query: str, scheme: DiaryScheme) -> str:
    """A lunr query with its diary numbers, in any written form, as search terms."""
    text = _NEGATION.sub(lambda m: m.group(1) + _HIDDEN_NEGATION, query)
    out, at = [], 0
    for mention in scheme.find(text):
        if mention.number:
            out += [text[at:mention.start], term(mention.number)]
            at = mention.end
    out.append(text[at:])
    bare = _BARE.sub(lambda m: f"{m.group(1)}_{int(m.group(2))}", "".join(out))
    return bare.replace(_HIDDEN_NEGATION, "-")
