"""The search index: SQLite FTS5 over Swedish-analysed text, queried in lunr's syntax.

lunr.py answered a cached query at 10k items in 3.4 s and scales with the pages a term is on
(it scores every match in Python, from vectors parsed per query): no faster file format brings it
near 0.3 s at 100k. FTS5 keeps postings and ranking (bm25) in C, on disk, read by need.

Each field is stored as its analysed terms joined by spaces (``swedish.analyse``: stop words
dropped, stemmed), tokenised by ``unicode61`` with ``_`` as a word character, so a term such as
``sn_2012_195`` or ``gröndalsväg`` is one FTS5 token; queries are analysed the same way.
"""
from __future__ import annotations

import re
import sqlite3
import zlib
from dataclasses import dataclass

from generator.diary import DiaryScheme
from generator.search import numbers, swedish

FIELDS = {"title": 10, "decision": 4, "body": 1, "diary": 20}  # field → weight in bm25
TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '_'"  # å, ä, ö are letters of their own
# One FTS5 table per field, ``<field>_terms``: they decide what matches and rank it, because
# FTS5's bm25 divides by the length of the whole row: in one table of all fields a page's long body
# would bury the word in its title. lunr, too, normalises each field by its own length. They are
# contentless: ``texts`` keeps each row's indexed text, compressed (half the file's size at 10k items,
# 5% of the first run's time), which only an update reads, to delete the old row's terms (SQL
# function ``field``). ``records`` holds what is shown of each record and what the command filters
# on, under the same rowid.
SCHEMA = [*(f"CREATE VIRTUAL TABLE IF NOT EXISTS {name}_terms USING fts5({name}, content='', "
            f"tokenize=\"{TOKENIZER}\")" for name in FIELDS),
          "CREATE TABLE IF NOT EXISTS texts (rowid INTEGER PRIMARY KEY, packed BLOB)",
          "CREATE TABLE IF NOT EXISTS records (rowid INTEGER PRIMARY KEY, key TEXT UNIQUE, digest TEXT, "
          "record_kind TEXT, people TEXT, meta TEXT)"]
TABLES = ("entries", *(f"rank_{name}" for name in FIELDS),  # those of format 6 and before
          *(f"{name}_terms" for name in FIELDS), "texts", "records")

_NOT_WORD = re.compile(r"\W")
_NOT_WORD_OR_SPACE = re.compile(r"[^\w ]")


def packed(texts: list[str]) -> bytes:
    """A row's field texts (in FIELDS' order) for ``texts``; level 1: level 6 saves 5% more in 25% more time."""
    return zlib.compress("\x00".join(texts).encode("utf-8", "surrogateescape"), 1)


def field(packed: bytes, n: int) -> str:
    """Field ``n`` of a ``packed`` row: an SQL function of the cache's connection."""
    return zlib.decompress(packed).decode("utf-8", "surrogateescape").split("\x00")[n]


def token(term: str) -> str:
    """An analysed term as one FTS5 token (``kap.3`` would be two)."""
    return _NOT_WORD.sub("_", term)


def field_texts(entry) -> dict[str, str]:
    """The indexed columns of a search entry (``entries.Entry``)."""
    terms = {"title": swedish.analyse(entry.title), "decision": swedish.analyse(entry.decision),
             "body": swedish.analyse(entry.body) + [numbers.term(n) for n in entry.mentions],
             "diary": [t for n in entry.numbers for t in numbers.terms(n)]}
    # as token() does to each term, in one pass: terms hold no white space
    return {name: _NOT_WORD_OR_SPACE.sub("_", " ".join(found)) for name, found in terms.items()}


@dataclass
class Clause:
    """One term of a lunr query: ``+`` required, ``-`` prohibited, else optional (it only ranks)."""

    term: str  # an FTS5 token
    presence: str = ""
    field: str | None = None
    prefix: bool = False

    def fts(self, filtered: bool = True) -> str:
        phrase = f'"{self.term}"' + (" *" if self.prefix else "")
        return f"{self.field} : {phrase}" if self.field and filtered else phrase


_MODIFIER = re.compile(r"[\^~][^*]*")  # lunr's boost (^2) and edit distance (~1): not kept


def parse(query: str, scheme: DiaryScheme) -> list[Clause]:
    """The clauses of a lunr query whose terms survive analysis (stop words drop out). Diary
    numbers may be written in any form; a colon after an unknown word is a space."""
    clauses = []
    for chunk in plain_colons(numbers.query_terms(query, scheme)).split():
        # lunr's clause: presence, a field and a colon (only known ones are left), the term;
        # a '-' inside the term separates terms
        presence = chunk[0] if chunk[0] in "+-" else ""
        name, colon, term = chunk[len(presence):].partition(":")
        field, rest = (name, term) if colon else (None, name)
        for n, word in enumerate(w for w in rest.split("-") if w):
            clause = _clause(word.lower(), field) if n == 0 else _clause(word.lower(), None)
            if clause:
                clause.presence = presence if n == 0 else ""
                clauses.append(clause)
    return clauses


def _clause(word: str, field: str | None) -> Clause | None:
    word = _MODIFIER.sub("", word)
    if "*" in word:  # lunr does not analyse a wildcard term; FTS5 has trailing wildcards only
        stem = swedish.trim(word.split("*", 1)[0])
        return Clause(token(stem), field=field, prefix=True) if stem else None
    terms = swedish.analyse(word)
    return Clause(token(terms[0]), field=field) if terms else None


def search(db: sqlite3.Connection, query: str, scheme: DiaryScheme, limit: int = 10,
           kind: str | None = None, person: str | None = None) -> list[tuple[str, float]]:
    """(record metadata as JSON, score) best first, at most ``limit``; ``kind`` keeps only the
    records of notices or of minutes, ``person`` those that name that person (slug). lunr's
    semantics: every ``+`` term must occur, and at least one other term when there is none; no
    ``-`` term may; every term that is not ``-`` ranks."""
    clauses = parse(query, scheme)
    where, params = [], []
    for clause in (c for c in clauses if c.presence == "+"):
        sql, found = _rowids([clause])
        where.append(f"rowid IN ({sql})")
        params += found
    prohibited = [c for c in clauses if c.presence == "-"]
    if prohibited:  # lunr: a query of '-' terms alone finds every record without them
        sql, found = _rowids(prohibited)
        where.append(f"rowid NOT IN ({sql})")
        params += found
    if kind:
        where.append("rowid IN (SELECT rowid FROM records WHERE record_kind = ?)")
        params.append(kind)
    if person:
        where.append("rowid IN (SELECT rowid FROM records WHERE instr(people, ?))")
        params.append(f" {person} ")
    ranking = [c for c in clauses if c.presence != "-"]
    if not ranking and not prohibited:
        return []
    # Rows that only an unscored field (see _scores) matches rank after every scored one: they
    # are read only when the scored ones do not fill the limit.
    scored, score_params, skipped = _scores(db, ranking, skip_unscored=True)
    if not skipped:
        return _best(db, scored, score_params, where, params, limit)
    hits = _best(db, scored, score_params, where, params, limit) if scored else []
    return hits if len(hits) >= limit else _best(db, *_scores(db, ranking)[:2], where, params, limit)


def _best(db: sqlite3.Connection, scores: str, score_params: list[str], where: list[str], params: list[str],
          limit: int) -> list[tuple[str, float]]:
    # the records any term ranks are those an optional term matches, or a superset of the required
    best = (f"SELECT rowid, {'score' if scores else '0.0 AS score'} FROM {f'({scores})' if scores else 'records'} "
            f"{'WHERE ' if where else ''}{' AND '.join(where)} ORDER BY score DESC, rowid LIMIT ?")
    sql = (f"SELECT r.meta, b.score FROM ({best}) AS b JOIN records AS r ON r.rowid = b.rowid "
           "ORDER BY b.score DESC, b.rowid")  # then the metadata of these alone
    return list(db.execute(sql, (*score_params, *params, max(limit, 0))))


def _rowids(clauses: list[Clause]) -> tuple[str, list[str]]:
    """SQL for the rowids of the records any of ``clauses`` occurs in, each in its field or any."""
    parts, params = [], []
    for name in FIELDS:
        terms = [c.fts(filtered=False) for c in clauses if c.field in (None, name)]
        if terms:
            parts.append(f"SELECT rowid FROM {name}_terms WHERE {name}_terms MATCH ?")
            params.append(" OR ".join(terms))
    return " UNION ".join(parts), params


def _scores(db: sqlite3.Connection, clauses: list[Clause], skip_unscored: bool = False) -> tuple[str, list[str], bool]:
    """SQL for (rowid, score) of the records any of ``clauses`` occurs in: each field's bm25 times
    its weight, summed over the fields, for the terms that may occur in that field; and whether a
    field was left out (``skip_unscored``: one whose score is 0)."""
    parts, params, skipped = [], [], False
    for name, weight in FIELDS.items():
        terms = [c.fts(filtered=False) for c in clauses if c.field in (None, name)]
        if not terms:
            continue
        # bm25 reads every match's positions: 0.35-0.85 s at 100k items for a word on every page.
        # A term on more than half the rows has bm25's floor for its idf (1e-6, no information):
        # when every term is such, the field's score is 0, and ties go by rowid.
        unscored = _all_common(db, name, terms)
        if unscored and skip_unscored:
            skipped = True
            continue
        score = "0.0" if unscored else f"-{weight} * bm25({name}_terms)"
        parts.append(f"{name} AS MATERIALIZED (SELECT rowid, {score} AS score "
                     f"FROM {name}_terms WHERE {name}_terms MATCH ?)")
        params.append(" OR ".join(terms))
    if not parts:
        return "", [], skipped
    # bm25 works only in its table's own query: MATERIALIZED keeps SQLite from merging them
    union = " UNION ALL ".join(f"SELECT * FROM {p.split()[0]}" for p in parts)
    return f"WITH {', '.join(parts)} SELECT rowid, sum(score) AS score FROM ({union}) GROUP BY rowid", params, skipped


def _all_common(db: sqlite3.Connection, name: str, terms: list[str]) -> bool:
    """Whether each term is on more than half of field ``name``'s rows (every record has one;
    cache._update keeps their number: counting them took 10-40 ms per query at 100k items)."""
    rows = int(db.execute("SELECT value FROM state WHERE name = 'rows'").fetchone()[0])
    return all(2 * db.execute(f"SELECT count(*) FROM {name}_terms WHERE {name}_terms MATCH ?", (term,)).fetchone()[0]
               > rows for term in terms)


# A word and a colon: lunr reads it as a field name, and refuses one it does not know.
_COLON = re.compile(r"(\w*):")


def plain_colons(query: str) -> str:
    """``query`` with every colon that does not follow a known field name read as a space: pasted
    text (``Ombyggnad: Nya platser``, ``19:30``, ``SN 2016:xx``) is words, not fields."""
    return _COLON.sub(lambda m: m.group(0) if m.group(1) in FIELDS else m.group(1) + " ", query)


def only_stop_words(query: str) -> bool:
    """Whether ``query`` has words and all of them are stop words (which are not indexed)."""
    words = re.findall(r"\w+", query.lower())
    return bool(words) and all(w in swedish.STOP_WORDS for w in words)
