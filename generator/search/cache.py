"""The search cache: one SQLite file, ``.diarium-cache/search-index/index.sqlite`` beside
config.yaml, holding the FTS5 index (engine.py) and the fingerprint of the content it describes.

The fingerprint is the settings (format, version, config.yaml, the content folder) and the stamp
of every file and folder under content/ (modification time and size): checking it costs one stat
per entry (``files.stamp_holds``), not reading every file; a cached search never loads the content. When it
changed, the site is loaded again and only the entries whose text or metadata changed are
written (each row keeps a digest of what it was made from), in one transaction: a cut-off
update leaves the last good index.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.diary import DiaryScheme
from generator.files import cache_dir, packed_stamp, stamp_holds, tree_stamp
from generator.search import engine

FORMAT = 9  # bump when what is indexed, or how, changes


@dataclass
class Searchable:
    db: sqlite3.Connection
    scheme: DiaryScheme


def open_index(content: Path, config_path: Path) -> Searchable:
    """The index of ``content``: from the cache when it is current, else brought up to date."""
    key = settings(content, config_path) if content.is_dir() else ""  # no folder: load reports it
    db = _connect(cache_dir(config_path, "search-index") / "index.sqlite")
    state = dict(db.execute("SELECT name, value FROM state"))
    if key and state.get("settings") == key and stamp_holds(content, state["stamp"]):
        return Searchable(db, DiaryScheme(json.loads(state["prefixes"]), state["scheme"]))
    stamp = tree_stamp(content, folders=True) if key else {}  # before loading: an edit meanwhile shows next time
    from generator.search.entries import entries, published_site  # loads the build: only when indexing
    site, config = published_site(content, config_path)
    with db:
        _update(db, entries(site, config))
        db.executemany("INSERT OR REPLACE INTO state VALUES (?, ?)", [
            ("settings", key), ("stamp", packed_stamp(stamp)),
            ("prefixes", json.dumps(list(site.scheme.canonical.values()))), ("scheme", site.scheme.scheme)])
    return Searchable(db, site.scheme)


def settings(content: Path, config_path: Path) -> str:
    """What the index depends on besides the content's files."""
    digest = hashlib.sha256(f"{FORMAT} {__version__}\n".encode())
    digest.update(config_path.read_bytes() if config_path.exists() else b"")
    digest.update(str(content.resolve()).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _connect(path: Path) -> sqlite3.Connection:
    """The cache's database, started again when the file is damaged; in memory when the folder
    cannot be written or the file is in use (then there is no cache, only a slower search)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return _prepared(sqlite3.connect(path))
        except sqlite3.DatabaseError as exc:
            if type(exc) is not sqlite3.DatabaseError:  # only "file is not a database", not "locked"
                raise
            path.unlink()
            return _prepared(sqlite3.connect(path))
    except (OSError, sqlite3.Error):
        return _prepared(sqlite3.connect(":memory:"))


def _prepared(db: sqlite3.Connection) -> sqlite3.Connection:
    """``db`` with its tables, emptied when it holds another format."""
    db.create_function("field", 2, engine.field, deterministic=True)
    db.execute("CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT)")
    if db.execute("SELECT value FROM state WHERE name = 'format'").fetchone() != (str(FORMAT),):
        with db:
            for table in engine.TABLES:
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute("DELETE FROM state")
            db.execute("INSERT INTO state VALUES ('format', ?)", (str(FORMAT),))
    for statement in engine.SCHEMA:
        db.execute(statement)
    return db


def _update(db: sqlite3.Connection, found: list) -> None:
    """Rows for ``found`` (``entries.Entry``), each keyed by its URL: unchanged rows stay."""
    rows = {}
    for entry in found:
        texts = list(engine.field_texts(entry).values())
        meta = json.dumps(entry.meta, ensure_ascii=False)
        digest = hashlib.sha1("\x00".join([meta, *texts]).encode("utf-8", "surrogateescape")).hexdigest()
        rows[entry.meta["url"]] = (texts, (digest, entry.meta.get("record_kind"), f" {' '.join(entry.meta['people'])} ",
                                           meta))
    stored = {key: (rowid, digest) for rowid, key, digest in db.execute("SELECT rowid, key, digest FROM records")}
    stale = [(rowid,) for key, (rowid, digest) in stored.items() if key not in rows or rows[key][1][0] != digest]
    for n, name in enumerate(engine.FIELDS):  # a contentless index forgets a row by its old text
        db.executemany(f"INSERT INTO {name}_terms({name}_terms, rowid, {name}) "
                       f"SELECT 'delete', rowid, field(packed, {n}) FROM texts WHERE rowid = ?", stale)
    for table in ("texts", "records"):
        db.executemany(f"DELETE FROM {table} WHERE rowid = ?", stale)
    fresh = [(key, *row) for key, row in rows.items() if stored.get(key, (0, None))[1] != row[1][0]]
    first = (db.execute("SELECT max(rowid) FROM records").fetchone()[0] or 0) + 1
    db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?)",
                   ((rowid, key, *facts) for rowid, (key, _, facts) in enumerate(fresh, first)))
    db.executemany("INSERT INTO texts VALUES (?, ?)",
                   ((rowid, engine.packed(texts)) for rowid, (_, texts, _) in enumerate(fresh, first)))
    for n, name in enumerate(engine.FIELDS):
        db.executemany(f"INSERT INTO {name}_terms(rowid, {name}) VALUES (?, ?)",
                       ((rowid, texts[n]) for rowid, (_, texts, _) in enumerate(fresh, first)))
    db.execute("INSERT OR REPLACE INTO state VALUES ('rows', (SELECT count(*) FROM records))")
