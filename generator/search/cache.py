"""The search cache: the lunr index (lunr.js's JSON format) and the records it refers to,
kept in ``.diarium-cache/search-index/`` beside config.yaml and rebuilt only when the content
or the configuration changed.

The fingerprint is taken from file names, sizes and modification times, so checking it costs a
folder walk, not reading every file; a cached search never loads the content at all.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import lunr
from lunr.index import Index

from generator import __version__
from generator.diary import DiaryScheme
from generator.files import cache_dir, replacing, tree_stamp, write_atomic
from generator.search import engine, indexfile
from generator.search.entries import entries, published_site

FORMAT = 3  # bump when what is indexed, or how, changes


@dataclass
class Searchable:
    index: Index
    records: list[dict]  # each record's meta, by its ref
    scheme: DiaryScheme


def open_index(content: Path, config_path: Path) -> Searchable:
    """The index of ``content``: from the cache when it is current, else built and cached."""
    folder = cache_dir(config_path, "search-index")
    key = fingerprint(content, config_path) if content.is_dir() else ""  # no folder: load reports it
    cached = key and _read(folder, key)
    if cached:
        return cached
    site, config = published_site(content, config_path)
    found = entries(site, config)
    searchable = Searchable(engine.build_index(found), [r.meta for r in found], site.scheme)
    _write(folder, key, searchable)
    return searchable


def fingerprint(content: Path, config_path: Path) -> str:
    digest = hashlib.sha256(f"{FORMAT} {__version__} {lunr.__VERSION__}\n".encode())
    digest.update(config_path.read_bytes() if config_path.exists() else b"")
    digest.update(str(content.resolve()).encode("utf-8", "surrogateescape"))
    digest.update(json.dumps(tree_stamp(content), sort_keys=True).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _read(folder: Path, key: str) -> Searchable | None:
    try:
        meta = json.loads((folder / "records.json").read_text(encoding="utf-8"))
        if meta["fingerprint"] != key:
            return None
        index = indexfile.read(folder / "index.json")
    except (OSError, ValueError, KeyError):
        return None
    return Searchable(index, meta["records"], DiaryScheme(meta["prefixes"], meta.get("scheme", "colon")))


def _write(folder: Path, key: str, searchable: Searchable) -> None:
    """Index first, then the records file that names the fingerprint: a cut-off write is never
    mistaken for a current cache. A folder that cannot be written just means no cache."""
    meta = {"fingerprint": key, "prefixes": list(searchable.scheme.canonical.values()),
            "scheme": searchable.scheme.scheme, "records": searchable.records}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "records.json").unlink(missing_ok=True)
        with replacing(folder / "index.json") as tmp:
            indexfile.write(tmp, searchable.index)
        write_atomic(folder / "records.json", json.dumps(meta, ensure_ascii=False))
    except OSError:
        pass
