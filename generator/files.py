"""The file system, done once: atomic writes, tree stamps, and where diarium keeps its state.

Every file diarium writes outside a build's new output folder (preview pages, caches, imported
content) is read by someone else meanwhile — a web server, a browser, another run — so it is
written to a temporary file in the same folder and renamed over the old one: a reader gets the
old file or the new one, never half of one.
"""
from __future__ import annotations

import marshal
import os
import threading
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CACHE = ".diarium-cache"


def cache_dir(beside: str | Path, name: str) -> Path:
    """``.diarium-cache/<name>/`` in the folder that holds ``beside``: the one place for state kept
    between runs. A build's state sits beside its output folder (it describes that folder, and a
    build can always write there); the preview's and the search index's beside config.yaml."""
    return Path(beside).resolve().parent / CACHE / name


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path to write ``path``'s new content to; renamed over ``path`` when the block
    ends without an exception, removed otherwise."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # unique per process and thread; not mkstemp, whose files only their owner may read
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.part")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8, newlines as given) so that a reader never sees half of it."""
    with replacing(path) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def tree_stamp(folder: Path, folders: bool = False) -> dict[str, list]:
    """Every file under ``folder`` (relative path) with its modification time and size, folders as
    ``[]``: a signature of the tree that costs a folder walk, not reading every file. With
    ``folders``, a folder's modification time and size too (``stamp_holds`` needs them)."""
    found: dict[str, list] = {"": _stamp(os.stat(folder))} if folders else {}  # files added at the top
    stack = [(str(folder), "")]
    while stack:
        path, prefix = stack.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                found[rel + "/"] = _stamp(entry.stat(follow_symlinks=False)) if folders else []
                stack.append((entry.path, rel + "/"))
            else:
                try:
                    stat = entry.stat()
                except OSError:  # a dangling link or a loop: the build reports it (generator.contentfs)
                    stat = entry.stat(follow_symlinks=False)
                found[rel] = _stamp(stat)
    return found


def _stamp(stat: os.stat_result) -> list:
    return [stat.st_mtime_ns, stat.st_size]


def packed_stamp(stamp: dict[str, list]) -> bytes:
    """``tree_stamp(folder, folders=True)`` as bytes that load in milliseconds (a dict of 350k
    lists takes 1.5 s to unpickle or unmarshal): the paths as one string, the numbers as an array."""
    return marshal.dumps(("\n".join(stamp), array("q", (n for stamped in stamp.values() for n in stamped)).tobytes()))


def stamp_holds(folder: Path, packed: bytes) -> bool:
    """Whether ``folder`` still matches its ``packed_stamp``, by one stat per entry and no listing:
    a file created, removed or renamed changes its folder's modification time, a file written in
    place its own. (A walk lists every folder too: 7× slower at 100k items.)"""
    paths, numbers = marshal.loads(packed)
    stamps = array("q")
    stamps.frombytes(numbers)
    base = f"{folder}{os.sep}"
    for n, rel in enumerate(paths.split("\n")):
        try:
            stat = os.stat(base + rel)
        except OSError:
            return False
        if stat.st_mtime_ns != stamps[2 * n] or stat.st_size != stamps[2 * n + 1]:
            return False
    return True


def file_stamp(path: str | Path) -> list | None:
    """One file's modification time and size, as in ``tree_stamp``; None when it is missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_mtime_ns, stat.st_size]
