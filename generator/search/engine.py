"""The lunr index of the search entries: build and query (serialised by ``cache`` in lunr.js's format).

Terms are analysed a whole field at a time (``swedish.analyse``) and counted per field, instead
of lunr's per-token pipeline calls: the same index, built several times faster. The index's
search pipeline is the registered Swedish one, so queries are analysed exactly like the text.
"""
from __future__ import annotations

import re
from collections import Counter

from lunr.builder import Builder
from lunr.exceptions import BaseLunrException
from lunr.idf import idf
from lunr.index import Index
from lunr.vector import Vector

from generator.diary import DiaryScheme
from generator.search import numbers, swedish
from generator.search.entries import Entry

FIELDS = {"title": 10, "decision": 4, "body": 1, "diary": 20}  # field → boost


class QueryError(ValueError):
    """A query lunr cannot parse, e.g. an unknown field in ``field:term``."""


def build_index(entries: list[Entry]) -> Index:
    """A lunr index of ``entries``; an entry's ref is its position in the list."""
    builder = TermBuilder()
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost)
    builder.search_pipeline.add(*swedish.PIPELINE)
    for ref, entry in enumerate(entries):
        builder.add_terms(str(ref), _field_terms(entry))
    return builder.build()


def _field_terms(entry: Entry) -> dict[str, list[str]]:
    return {"title": swedish.analyse(entry.title), "decision": swedish.analyse(entry.decision),
            "body": swedish.analyse(entry.body) + [numbers.term(n) for n in entry.mentions],
            "diary": [t for n in entry.numbers for t in numbers.terms(n)]}


class TermBuilder(Builder):
    """lunr's Builder fed with analysed terms, and with field vectors made in one sort instead of
    one sorted insert per term (the same scores, as lunr rounds them)."""

    def add_terms(self, ref: str, field_terms: dict[str, list[str]]) -> None:
        """What ``Builder.add`` records for a document."""
        self._documents[ref] = {}
        self.document_count += 1
        for name, terms in field_terms.items():
            field_ref = f"{name}/{ref}"  # lunr's FieldRef string
            counts = Counter(terms)
            self.field_term_frequencies[field_ref] = counts
            self.field_lengths[field_ref] = len(terms)
            for term in counts:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = self.inverted_index[term] = {f: {} for f in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                posting[name][ref] = {}

    def _create_field_vectors(self) -> None:
        idfs: dict[str, float] = {}
        k1, b = self._k1, self._b
        self.field_vectors = {}
        for field_ref, frequencies in self.field_term_frequencies.items():
            name = field_ref.split("/", 1)[0]
            boost = self._fields[name].boost
            norm = k1 * (1 - b + b * (self.field_lengths[field_ref] / self.average_field_length[name]))
            elements = []
            for term, tf in frequencies.items():
                posting = self.inverted_index[term]
                if term not in idfs:
                    idfs[term] = idf(posting, self.document_count)
                elements.append((posting["_index"], round(idfs[term] * ((k1 + 1) * tf) / (norm + tf) * boost, 3)))
            elements.sort()
            self.field_vectors[field_ref] = Vector([x for pair in elements for x in pair])


# A word and a colon: lunr reads it as a field name, and refuses one it does not know.
_COLON = re.compile(r"(\w*):")
_SYNTAX = re.compile(r"[:^~+*-]")


def plain_colons(query: str) -> str:
    """``query`` with every colon that does not follow a known field name read as a space: pasted
    text (``Ombyggnad: Nya platser``, ``19:30``, ``SN 2016:xx``) is words, not fields."""
    return _COLON.sub(lambda m: m.group(0) if m.group(1) in FIELDS else m.group(1) + " ", query)


def only_stop_words(query: str) -> bool:
    """Whether ``query`` has words and all of them are stop words (which are not indexed)."""
    words = re.findall(r"\w+", query.lower())
    return bool(words) and all(w in swedish.STOP_WORDS for w in words)


def search(index: Index, query: str, scheme: DiaryScheme) -> list[tuple[int, float]]:
    """(record position, score) best first; diary numbers may be written in any form."""
    terms = plain_colons(numbers.query_terms(query, scheme))
    try:
        return [(int(m["ref"]), m["score"]) for m in index.search(terms)]
    except BaseLunrException:  # pasted text that is not lunr syntax ("jour^x", "+"): its words
        pass
    try:
        return [(int(m["ref"]), m["score"]) for m in index.search(_SYNTAX.sub(" ", terms))]
    except BaseLunrException as exc:
        raise QueryError(str(exc)) from None

