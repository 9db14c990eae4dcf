"""Helpers shared by the test modules (fixtures live in conftest.py): where things are, and
running the command line."""
from __future__ import annotations

import io
import os
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
MINUTES = ROOT / "tests" / "fixtures" / "minutes"  # a notice and the minutes of the same meeting
CHROMIUM = "/usr/bin/chromium"


def run_diarium(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run the command line (``diarium ARGS``, in ``cwd``) and capture its output. In this process:
    the same code as the console script (tests/test_serve.py runs that one) without paying for a
    new interpreter and its imports on every call."""
    stdout, stderr, here = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(cwd or ROOT)
    try:
        with redirect_stdout(stdout), redirect_stderr(stderr):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse: --help, --version, a usage error
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(here)
    result = subprocess.CompletedProcess(["diarium", *map(str, args)], code, stdout.getvalue(), stderr.getvalue())
    if check and result.returncode != 0:
        raise AssertionError(f"diarium {' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}")
    return result


def build_into(source: Path, out: Path, *extra: str) -> Path:
    run_diarium("build", "--content", source / "content", "--config", source / "config.yaml",
                "--out", out, "--quiet", *extra)
    return out


def count_safe_starts(monkeypatch) -> list:
    """A list that gets an entry each time worker processes are started the thread-safe way
    (generator.build.safe_context) rather than forked."""
    from generator import build
    started: list = []
    real = build.safe_context
    monkeypatch.setattr(build, "safe_context", lambda: started.append(1) or real())
    return started
