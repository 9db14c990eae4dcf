"""Shared fixtures of the importer tests: the four seed records imported once, with the real
command line, into a temporary content folder and built once into a site."""
from __future__ import annotations

import json

import pytest

from importer_support import ANNEX_004, MEETING_000, MEETING_001, PLAN_003
from support import run_diarium as diarium


@pytest.fixture(scope="session")
def imported(tmp_path_factory) -> dict:
    """The seeds imported with the real command, its output, and a build of the result."""
    base = tmp_path_factory.mktemp("seeds")
    content, out = base / "content", base / "site"
    result = diarium("import", MEETING_000, MEETING_001, PLAN_003, ANNEX_004, "--content", content)
    diarium("build", "--content", content, "--out", out, "--quiet", "--no-search")
    items = json.loads((out / "data" / "items.json").read_text(encoding="utf-8"))
    return {"content": content, "out": out, "stdout": result.stdout, "items": items}
