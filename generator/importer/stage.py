"""A record's files land as one unit. An import killed half-way must not leave a meeting that
builds with half its items and no word said: every file is first written beside its place as a
hidden ``.import-<pid>-<name>.tmp`` (which nothing reads), and only then are they all renamed into
place. Meanwhile the meeting folder holds INCOMPLETE, which makes ``build`` refuse the meeting,
until the last rename is done. Temporaries of an import that was killed are removed by the next."""
from __future__ import annotations

import os
from pathlib import Path

INCOMPLETE = ".import-incomplete"


def write_together(content: Path, writes: list[tuple[Path, str | bytes]]) -> None:
    """Write each (path, text) of one record under ``content``, all or (on a kill) none visible;
    bytes (the original PDF) are written as they are."""
    meetings = {m for m in (_meeting_folder(content, path) for path, _ in writes) if m}
    for folder in {path.parent for path, _ in writes}:
        for stale in folder.glob(".import-*.tmp") if folder.is_dir() else ():
            stale.unlink(missing_ok=True)
    for folder in meetings:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / INCOMPLETE).write_text("diarium import is writing this meeting; run it again if it was stopped\n",
                                         encoding="utf-8")
    staged = []
    try:
        for path, text in writes:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".import-{os.getpid()}-{path.name}.tmp")
            tmp.write_bytes(text) if isinstance(text, bytes) else tmp.write_text(text, encoding="utf-8")
            staged.append((tmp, path))
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
    for folder in meetings:
        (folder / INCOMPLETE).unlink(missing_ok=True)


def _meeting_folder(content: Path, path: Path) -> Path | None:
    """``content/<committee>/<meeting>`` for a file inside a meeting, else None."""
    try:
        parts = path.relative_to(content).parts
    except ValueError:
        return None
    return content / parts[0] / parts[1] if len(parts) >= 3 else None
