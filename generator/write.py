"""Step 4, write: build the new site in a temporary folder and swap it in only on success,
so a failed build never leaves a half-written site and the last good one stays intact."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


class Output:
    """The folder a build writes into. Use as a context manager and call ``commit()`` at the end."""

    def __init__(self, final: str | Path):
        self.final = Path(final).resolve()
        self.tmp = self.final.parent / f".{self.final.name}.tmp-{os.getpid()}"

    def __enter__(self) -> Output:
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)  # after commit() it no longer exists

    def path(self, rel: str) -> Path:
        return self.tmp / rel

    def write(self, rel: str, data: str | bytes) -> None:
        path = self.tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    def copy(self, rel: str, source: Path) -> None:
        path = self.tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)

    def commit(self) -> None:
        """Replace the old site by the new one with two renames; the old one is then removed."""
        old = self.final.parent / f".{self.final.name}.old-{os.getpid()}"
        if self.final.exists():
            os.rename(self.final, old)
        os.rename(self.tmp, self.final)
        shutil.rmtree(old, ignore_errors=True)
