"""The file system, done once: atomic writes, tree stamps, and where diarium keeps its state.

Every file diarium writes outside a build's new output folder (preview pages, caches, imported
content) is read by someone else meanwhile — a web server, a browser, another run — so it is
written to a temporary file in the same folder and renamed over the old one: a reader gets the
old file or the new one, never half of one.
"""
from __future__ import annotations

import os
import threading
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


def tree_stamp(folder: Path) -> dict[str, list]:
    """Every file under ``folder`` (relative path) with its modification time and size, folders as
    ``[]``: a signature of the tree that costs a folder walk, not reading every file."""
    found: dict[str, list] = {}
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
                found[rel + "/"] = []
                stack.append((entry.path, rel + "/"))
            else:
                try:
                    stat = entry.stat()
                except OSError:  # a dangling link or a loop: the build reports it (generator.contentfs)
                    stat = entry.stat(follow_symlinks=False)
                found[rel] = [stat.st_mtime_ns, stat.st_size]
    return found


def file_stamp(path: str | Path) -> list | None:
    """One file's modification time and size, as in ``tree_stamp``; None when it is missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_mtime_ns, stat.st_size]
