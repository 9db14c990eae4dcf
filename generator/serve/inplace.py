"""The preview's output: the folder being served, updated file by file.

A full build writes a new folder and swaps it in; the preview cannot afford that on every save,
so it replaces single files instead, each atomically (temporary file + rename): a browser always
gets either the old page or the new one, never half of one. Same interface as write.Output.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path


class InPlace:
    def __init__(self, folder: Path):
        self.final = self.tmp = Path(folder).resolve()  # ``tmp`` is where indexers look
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.written: set[str] | None = None  # when a set: records what is written

    def path(self, rel: str) -> Path:
        return self.tmp / rel

    def write(self, rel: str, data: str | bytes) -> None:
        path = self.tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f".{path.name}.part-{os.getpid()}")
        part.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(part, path)
        if self.written is not None:
            self.written.add(rel)

    def copy(self, rel: str, source: Path) -> None:
        self.write(rel, Path(source).read_bytes())

    def remove(self, rel: str) -> None:
        """Delete a page and the folders it leaves empty."""
        path = self.tmp / rel
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == self.tmp or any(folder.iterdir()):
                break
            folder.rmdir()

    def clear(self) -> None:
        for entry in list(self.tmp.iterdir()):
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
