"""What every ``diarium`` command shares: the ``--content``/``--config`` arguments, how problems and
failures are printed, and the exit codes."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from generator.problems import Problem

# 1: the content or config has errors. 2: the command cannot run as asked (argparse uses 2 for bad
# usage too). 130: interrupted by Ctrl-C, the code shells give a process ended by SIGINT.
CONTENT_ERROR, USAGE_ERROR, INTERRUPTED = 1, 2, 130


def add_site_arguments(parser: argparse.ArgumentParser) -> None:
    """--content and --config, shared by every command that reads a site."""
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content/)")
    parser.add_argument("--config", type=Path, default=Path("config.yaml"), help="config file (default: config.yaml)")


def report_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def os_reason(exc: OSError) -> str:
    """Why a file could not be used, without Python's ``[Errno 2]``: ``No such file or directory``."""
    return exc.strerror or str(exc)
