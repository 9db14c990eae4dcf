"""The fuzz suite in CI: a bounded, seeded run of tests/fuzz/fuzzer.py (``make fuzz`` runs 20,000
inputs). Fails with the first failures of each kind, each with the input that caused it."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import fuzzer

INPUTS = int(os.environ.get("DIARIUM_FUZZ_INPUTS", "120"))  # about a minute on a CI machine


def test_no_input_gives_a_traceback_an_escape_a_hang_or_an_unbuildable_import():
    with tempfile.TemporaryDirectory(prefix="diarium-fuzz-", dir=fuzzer.scratch()) as tmp:
        figures = fuzzer.Fuzzer(seed=13, work=Path(tmp) / "work").run(INPUTS)
    print(figures.summary())
    assert figures.inputs == INPUTS and figures.builds and figures.imports
    assert not figures.failures(), "\n\n".join(figures.failures()[:5])
