"""Helpers of the importer tests: the seed records, running the import and the build, reading
what they wrote. (A module of its own: every package-less conftest.py is named "conftest".)"""
from __future__ import annotations

import argparse
import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from generator.importer.command import run
from support import ROOT

SEEDS = Path(__file__).resolve().parent / "seeds"
MEETING_000 = SEEDS / "000_6c6da5499a67e962.txt"
MEETING_001 = SEEDS / "001_03a0d131ac678cce.txt"
PLAN_003 = SEEDS / "003_1286315e793c91a8.txt"
ANNEX_004 = SEEDS / "004_5fac9c6dda7a0cfa.txt"
WORD = re.compile(r"[^\W_]+")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def import_into(content: Path, *files: Path, force: bool = False, dry_run: bool = False,
                source_url: str | None = None, source_pdf: Path | None = None) -> Run:
    """The import command's ``run`` in this process (fast); the seed fixture below goes
    through the real command line."""
    args = argparse.Namespace(files=list(files), content=content, config=ROOT / "config.yaml",
                              committee=None, prefix=None, force=force, dry_run=dry_run,
                              source_url=source_url, source_pdf=source_pdf)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(args)
    return Run(code, out.getvalue(), err.getvalue())


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, for comparing two imports."""
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def visible_words(folder: Path) -> set[str]:
    """Case-folded words of the visible text of every HTML page under ``folder``."""
    words: set[str] = set()
    for page in folder.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for hidden in soup(["script", "style", "template"]):
            hidden.decompose()
        words |= {w.casefold() for w in WORD.findall(soup.get_text(" "))}
    return words
