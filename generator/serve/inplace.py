"""The preview's output: the folder being served, updated file by file.

A full build writes a new folder and swaps it in; the preview cannot afford that on every save,
so it replaces single files instead, each atomically (generator.files.write_atomic): a browser
always gets either the old page or the new one, never half of one. Same interface as write.Output,
except that there is no temporary folder: ``final`` is written to directly.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from generator.files import write_atomic


class InPlace:
    def __init__(self, folder: Path):
        self.final = Path(folder).resolve()
        self.final.mkdir(parents=True, exist_ok=True)
        self.written: set[str] | None = None  # when a set: records what is written

    def write(self, rel: str, data: str | bytes) -> None:
        write_atomic(self.final / rel, data)
        if self.written is not None:
            self.written.add(rel)

    def copy(self, rel: str, source: Path) -> None:
        self.write(rel, Path(source).read_bytes())

    def remove(self, rel: str) -> None:
        """Delete a page and the folders it leaves empty."""
        path = self.final / rel
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == self.final or any(folder.iterdir()):
                break
            folder.rmdir()

    def clear(self) -> None:
        for entry in list(self.final.iterdir()):
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
