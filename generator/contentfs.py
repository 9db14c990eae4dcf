"""What under content/ may be read: regular files and folders inside it, with names that can be
part of a URL. A symbolic link out of content/ would publish whatever it points at, a FIFO would
hang the read, a device would be read for ever; these are refused before anything is read."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

# Folder and file names become URL segments: letters (any script), digits, '-', '_', '.'.
_NAME = re.compile(r"[\w.-]+")
# An original published beside a record's page (``original:``): a document, never a type the
# browser would run on the site's own origin (.html, .svg, .js).
ORIGINAL_TYPES = ("pdf", "doc", "docx", "odt", "rtf", "txt", "csv", "xls", "xlsx", "ods", "ppt", "pptx", "odp")


def check_tree(content: Path, problem) -> None:
    """Report (``problem(path, message)``) every entry of ``content`` that must not be read."""
    root = content.resolve()
    for folder, dirs, files in os.walk(content):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for name in sorted(dirs + [f for f in files if not f.startswith((".", "_"))]):
            path = Path(folder) / name
            why = _refusal(path, root, is_dir=name in dirs)
            if why:
                problem(path, why)


def _refusal(path: Path, root: Path, is_dir: bool) -> str | None:
    if path.is_symlink():
        target = Path(os.path.realpath(path))  # unlike Path.resolve, never raises on a loop
        if not os.path.exists(path):
            return "a symbolic link that leads nowhere (missing target or a loop): refused"
        if target != root and root not in target.parents:
            return "a symbolic link to outside the content folder: refused, it would publish what it points at"
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror}): refused"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a regular file or folder (a FIFO, socket or device): refused"
    if (is_dir or path.suffix == ".md") and not _printable(path.name):
        return "the name is not valid UTF-8: rename it"
    if (is_dir or path.suffix == ".md") and not url_name(path.name):
        return "the name becomes part of a URL: use only letters, digits, '-', '_' and '.'"
    return None


def url_name(name: str) -> bool:
    """Whether ``name`` can be a URL segment as it is."""
    return bool(_NAME.fullmatch(name))


def original_name(name: str) -> bool:
    """Whether ``name`` may name an original beside its record: a file in the record's own folder
    (no folder, no ``..``, not hidden), of a document type."""
    stem, dot, suffix = name.rpartition(".")
    return url_name(name) and bool(dot and stem) and not name.startswith(".") and suffix.lower() in ORIGINAL_TYPES


class Readable:
    """Which files under one content folder may be read: regular files inside it. The real path of
    each folder is found once per build (a walk of the path for every file was most of loading)."""

    def __init__(self, content: Path):
        self.top = os.path.abspath(content)
        self.real = {self.top: os.path.realpath(content)}  # folder → its real path
        self.inside = os.path.join(self.real[self.top], "")

    def regular_file(self, path: Path) -> bool:
        """Whether ``path`` may be read (check_tree reports the rest)."""
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return False
        except OSError:
            return False
        return self._real(os.path.abspath(path)).startswith(self.inside)

    def _real(self, path: str) -> str:
        """``os.path.realpath`` of a path under the content folder, from that of its folder."""
        found = self.real.get(path)
        if found is not None:
            return found
        folder, name = os.path.split(path)
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            mode = 0
        if stat.S_ISLNK(mode) or len(folder) < len(self.top):  # a link, or not under content
            return os.path.realpath(path)
        found = os.path.join(self._real(folder), name)
        if stat.S_ISDIR(mode):
            self.real[path] = found
        return found


def _printable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
        return False
    return True


def printable(path: str) -> str:
    """A path as a report can print it: undecodable bytes shown as escapes, not a crash."""
    return path.encode("utf-8", "backslashreplace").decode("utf-8")
