"""Helpers shared by the test modules (fixtures live in conftest.py): where things are, and
running the real command line."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
MINUTES = ROOT / "tests" / "fixtures" / "minutes"  # a notice and the minutes of the same meeting
CHROMIUM = "/usr/bin/chromium"


def run_diarium(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run the real command line (``python -m generator``) and capture its output."""
    result = subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd or ROOT,
                            capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"diarium {' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}")
    return result


def build_into(source: Path, out: Path, *extra: str) -> Path:
    run_diarium("build", "--content", source / "content", "--config", source / "config.yaml",
                "--out", out, "--quiet", *extra)
    return out
