"""The ``diarium`` command line: a table of commands, each loaded only when it is chosen, and one
handler that turns every expected failure into a message and an exit code (see ``console``)."""
from __future__ import annotations

import argparse
import importlib
import sys

from generator import __version__
from generator.console import CONTENT_ERROR, INTERRUPTED, USAGE_ERROR, os_reason, report_problems
from generator.problems import ContentError

# name → (module with ``register(parser)`` and ``run(args) -> exit code``, one-line help). Importing
# only the chosen module keeps ``diarium --version`` from loading watchdog, jinja2 and icalendar.
COMMANDS = {
    "build": ("generator.build_command", "build the site into site/"),
    "import": ("generator.importer.command", "convert text extracted from committee records into content files"),
    "search": ("generator.search.command", "search the records from the terminal"),
    "check": ("generator.check.command", "build into a temporary folder and check what would be published"),
    "serve": ("generator.serve.command", "preview the site while editing: rebuilds on save, reloads the browser"),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = parser(argv).parse_args(argv)
        return args.run(args)
    except ContentError as exc:
        report_problems(exc.problems)
        return CONTENT_ERROR
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"diarium: {where}{os_reason(exc)}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        print("diarium: interrupted", file=sys.stderr)
        return INTERRUPTED


def parser(argv: list[str]) -> argparse.ArgumentParser:
    """Every command listed with its help; only the one named in ``argv`` gets its arguments."""
    top = argparse.ArgumentParser(prog="diarium", description="Publish committee records as a static site.")
    top.add_argument("--version", action="version", version=f"diarium {__version__}")
    commands = top.add_subparsers(dest="command", required=True)
    chosen = next((arg for arg in argv if not arg.startswith("-")), None)  # top-level options take no value
    for name, (module_name, summary) in COMMANDS.items():
        sub = commands.add_parser(name, help=summary)
        if name == chosen:
            module = importlib.import_module(module_name)
            module.register(sub)
            sub.set_defaults(run=module.run)
    return top
