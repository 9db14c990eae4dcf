"""A lunr index as a file in lunr.js's JSON format, written one entry a line and read lazily.

At 10,000 items the index holds millions of small JSON objects; parsing them all takes seconds,
while a query needs the postings of a few terms and the vectors of the records they match. The
file stays plain lunr.js JSON (``lunr.Index.load(JSON.parse(text))`` reads it), but because every
field vector and every posting sits on a line of its own, ``read`` parses only the keys and
leaves each value as text until a query asks for it.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import lunr
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.token_set_builder import TokenSetBuilder
from lunr.vector import Vector

_VECTORS, _POSTINGS = '"fieldVectors":[', '],"invertedIndex":['


def write(path: Path, index: Index) -> None:
    """``index`` in lunr.js's format. Vector elements are written as they are: the builder has
    rounded them already, as ``Index.serialize`` would."""
    head = {"version": lunr.__TARGET_JS_VERSION__, "fields": index.fields, "pipeline": index.pipeline.serialize()}
    vectors = (_line(ref, vector.elements) for ref, vector in index.field_vectors.items())
    postings = (_line(term, index.inverted_index[term]) for term in sorted(index.inverted_index))
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + "," + _VECTORS + "\n")
        out.write(",\n".join(vectors))
        out.write("\n" + _POSTINGS + "\n")
        out.write(",\n".join(postings))
        out.write("\n]}\n")


def read(path: Path) -> Index:
    """The index in ``path`` (as written by ``write``), its values parsed when first used."""
    lines = path.read_text(encoding="utf-8").split("\n")
    middle = lines.index(_POSTINGS)
    head = json.loads(lines[0][:-len("," + _VECTORS)] + "}")
    postings = _LazyEntries(lines[middle + 1:-2], dict)
    tokens = TokenSetBuilder()  # as Index.load builds it: the terms in sorted order
    for term in postings:
        tokens.insert(term)
    tokens.finish()
    return Index(inverted_index=postings, field_vectors=_LazyEntries(lines[1:middle], Vector),
                 token_set=tokens.root, fields=head["fields"], pipeline=Pipeline.load(head["pipeline"]))


def _line(key: str, value) -> str:
    return json.dumps([key, value], ensure_ascii=False, separators=(",", ":"))


class _LazyEntries(Mapping):
    """``["key",value]`` lines as a mapping; a value is parsed (and made by ``make``) on first use."""

    def __init__(self, lines: list[str], make):
        decode = json.JSONDecoder().raw_decode
        self._make = make
        self._parsed: dict[str, object] = {}
        self._lines: dict[str, tuple[str, int]] = {}
        for line in filter(None, lines):  # an empty index has empty sections
            key, end = decode(line, 1)
            self._lines[key] = (line, end)

    def __getitem__(self, key):
        if key not in self._parsed:
            line, end = self._lines[key]
            self._parsed[key] = self._make(json.loads(line[end + 1:len(line.rstrip(",")) - 1]))
        return self._parsed[key]

    def __iter__(self):
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)
