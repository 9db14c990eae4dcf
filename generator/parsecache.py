"""Parsed content files kept between builds, so only files that changed are parsed again.

Parsing YAML front matter is most of the cost of loading a large site; a file whose path,
modification time and size are unchanged gives the same record and the same problems, so both
are kept (in memory for the preview, pickled under ``.diarium-cache/`` for ``diarium build``).
The pickles are split into buckets by path, and a build saves only the buckets whose files
changed: after a one-file edit it writes 1/BUCKETS of the cache, not all of it again.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from dataclasses import dataclass
from pathlib import Path

from generator.files import replacing

BUCKETS = 64


@dataclass
class Entry:
    stamp: tuple  # (mtime_ns, size, kind, diary prefixes): what the parse depended on
    record: object  # load.ContentFile, or None when the file could not be used
    problems: list
    digest: str  # of the file's bytes: pages depending on the file change when it does


class ParseCache:
    def __init__(self, entries: dict[str, Entry] | None = None):
        self.entries = entries or {}
        self.dirty: set[int] = set()  # buckets to save
        self.seen: set[str] = set()

    def read(self, loader, path: Path, kind: str):
        """``loader.read`` through the cache: parse only when the file or its context changed."""
        rel = loader.rel(path)
        stat = os.stat(path)
        stamp = (stat.st_mtime_ns, stat.st_size, kind, tuple(loader.scheme.canonical.values()))
        self.seen.add(rel)
        entry = self.entries.get(rel)
        if entry is None or entry.stamp != stamp:
            before = len(loader.problems)
            record = loader.parse(path, kind)
            digest = hashlib.sha1(path.read_bytes()).hexdigest()
            entry = self.entries[rel] = Entry(stamp, record, loader.problems[before:], digest)
            self.dirty.add(_bucket(rel))
        else:
            loader.problems.extend(entry.problems)
        return entry.record

    def digest(self, rel: str) -> str:
        entry = self.entries.get(rel)
        return entry.digest if entry else ""

    def prune(self) -> None:
        """After loading the whole site: forget the files it no longer has."""
        gone = self.entries.keys() - self.seen
        for rel in gone:
            del self.entries[rel]
            self.dirty.add(_bucket(rel))
        self.seen = set()

    @classmethod
    def open(cls, folder: Path) -> ParseCache:
        """The cache saved in ``folder``; empty, and saved whole next time, if any bucket is
        missing or unreadable."""
        entries: dict[str, Entry] = {}
        try:
            for bucket in range(BUCKETS):
                with open(folder / f"{bucket:02d}.pickle", "rb") as f:
                    entries.update(pickle.load(f))
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            cache = cls()  # no cache, or an unreadable one: parse everything
            cache.dirty = set(range(BUCKETS))
            return cache
        return cls(entries)

    def save(self, folder: Path) -> None:
        """Write the buckets that changed since the cache was opened."""
        buckets: dict[int, dict[str, Entry]] = {bucket: {} for bucket in self.dirty}
        for rel, entry in self.entries.items():
            bucket = buckets.get(_bucket(rel))
            if bucket is not None:
                bucket[rel] = entry
        for number, bucket in buckets.items():
            with replacing(folder / f"{number:02d}.pickle") as tmp, open(tmp, "wb") as f:
                pickle.dump(bucket, f, protocol=pickle.HIGHEST_PROTOCOL)
        self.dirty = set()


def _bucket(rel: str) -> int:
    return zlib.crc32(rel.encode()) % BUCKETS
