"""Step 4, write: build the new site in a temporary folder and swap it in only on success,
so a failed build never leaves a half-written site and the last good one stays intact."""
from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Protocol

from generator import safety
from generator.problems import ContentError, Problem

_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # from <fcntl.h> and <linux/fs.h>


class Destination(Protocol):
    """Where pages and index files go: a build's new folder (Output) or the served one (serve.InPlace)."""

    def write(self, rel: str, data: str | bytes) -> None: ...
    def copy(self, rel: str, source: Path) -> None: ...


class Output:
    """The folder a build writes into. Use as a context manager and call ``commit()`` at the end."""

    def __init__(self, final: str | Path, remove_later: bool = False):
        self.final = Path(final).resolve()
        self.remove_later = remove_later  # the old site is removed by a background process
        self.tmp = self.final.parent / f".{self.final.name}.tmp-{os.getpid()}"
        self.root = str(self.tmp)
        self.made = {""}  # folders (relative) known to exist: each is created once, not per file

    def __enter__(self) -> Output:
        remove_stale(self.final)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)  # after commit() it no longer exists

    def file(self, rel: str) -> Path:
        """The path of ``rel`` in the new site, its folder created; a ContentError when that is
        not inside it (a folder once proven inside stays so)."""
        return Path(self._place(rel))

    def _place(self, rel: str) -> str:
        """``file`` as a string: a Path per file was most of linking ten thousand pages."""
        folder = rel.rpartition("/")[0]
        if folder not in self.made:
            try:
                safety.inside(rel)
            except ValueError as exc:
                raise ContentError([Problem(rel, 0, "", str(exc))]) from None
            self._mkdir(folder)
        return os.path.join(self.root, rel)

    def _mkdir(self, folder: str) -> None:
        """One mkdir when its parent is known to exist (most pages are a folder of their own)."""
        parent = folder.rpartition("/")[0]
        if parent not in self.made:
            self._mkdir(parent)
        try:
            os.mkdir(os.path.join(self.root, folder))
        except FileExistsError:
            pass
        self.made.add(folder)

    def write(self, rel: str, data: str | bytes) -> None:
        with open(self._place(rel), "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)

    def copy(self, rel: str, source: Path) -> None:
        shutil.copyfile(source, self.file(rel))

    def link(self, rel: str, source: str | Path) -> None:
        """``rel`` as ``source``, a file of the old site: hard-linked (it is never written to
        again, and the new site's written files are new files), or copied on a file system
        without hard links."""
        target = self._place(rel)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    def commit(self) -> None:
        """Put the new site in place of the old one, which is then removed.

        On Linux the two folders trade places in one atomic rename (renameat2 RENAME_EXCHANGE):
        ``final`` exists at every moment and holds either the whole old site or the whole new one.
        Elsewhere (or on a file system without it) it takes two renames, and between them —
        microseconds — ``final`` does not exist. A kill right there leaves the old site complete in
        ``.<name>.old-<pid>``, and the next build puts it back (remove_stale; docs/publishing.md).
        """
        old = self.final.parent / f".{self.final.name}.old-{os.getpid()}"
        if self.final.exists() and exchange(self.tmp, self.final):
            old = self.tmp  # which now holds the old site
        else:
            if self.final.exists():
                os.rename(self.final, old)
            os.rename(self.tmp, self.final)
        if self.remove_later and old.exists():
            trash = f".{self.final.name}.trash-{os.getpid()}-{time.monotonic_ns()}"
            remove_in_background(old, self.final.parent / trash)
        else:
            shutil.rmtree(old, ignore_errors=True)


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically; False where the system cannot (then nothing changed)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without renameat2 (glibc before 2.28)
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


_removers: list[subprocess.Popen] = []


def remove_in_background(folder: Path, trash: Path) -> None:
    """Delete ``folder`` in a process of its own: the build need not wait for tens of thousands of
    unlinks. It is first renamed ``trash`` (``.<name>.trash-<pid>-<n>``), so that a next build in
    this process can reuse its name at once, and remove_stale finishes the job if the remover dies."""
    os.rename(folder, trash)
    _remove(trash)


def _remove(trash: Path) -> None:
    """Start a remover of ``trash`` unless one of this process is at it."""
    _removers[:] = [p for p in _removers if p.poll() is None]
    if any(p.args[-1] == str(trash) for p in _removers):  # type: ignore[index]
        return
    _removers.append(subprocess.Popen(
        [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(trash)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))


def remove_stale(final: Path) -> None:
    """Tidy up after builds killed before they finished: remove their temporary folders
    (``.<name>.tmp-<pid>``, ``.<name>.old-<pid>``; those of running builds are kept), except that
    an old site is put back when a kill between the two renames of a swap left no ``final``."""
    pattern = re.compile(rf"\.{re.escape(final.name)}\.(tmp|old|trash)-(\d+)(-\d+)?")
    for entry in sorted(final.parent.glob(f".{final.name}.*-*")):
        match = pattern.fullmatch(entry.name)
        if not (match and entry.is_dir()) or _alive(int(match.group(2))):
            continue
        if match.group(1) == "old" and not final.exists():
            os.rename(entry, final)
        elif match.group(1) == "trash":  # maybe still being removed by the last build's remover
            _remove(entry)
        else:
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own: left by an earlier build in this process, or about to be replaced
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
