"""The ``diarium`` command line: parses arguments and hands over to the pipeline."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import __version__
from generator.build import BuildOptions, build
from generator.check import command as check_command
from generator.importer import command as import_command
from generator.problems import ContentError
from generator.search import command as search_command
from generator.serve import command as serve_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="diarium", description="Publish committee records as a static site.")
    parser.add_argument("--version", action="version", version=f"diarium {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    _register_build(commands)
    import_command.register(commands)
    search_command.register(commands)
    check_command.register(commands)
    serve_command.register(commands)
    args = parser.parse_args(argv)
    return args.func(args)


def add_site_arguments(parser: argparse.ArgumentParser) -> None:
    """--content and --config, shared by every command that reads a site."""
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content/)")
    parser.add_argument("--config", type=Path, default=Path("config.yaml"), help="config file (default: config.yaml)")


def _register_build(commands) -> None:
    p = commands.add_parser("build", help="build the site into site/")
    add_site_arguments(p)
    p.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site/)")
    p.add_argument("--base-url", help="URL the site is published at, e.g. https://example.org/namnder/")
    p.add_argument("--drafts", action="store_true", help="include records marked draft: true")
    p.add_argument("--no-search", dest="search", action="store_false", help="skip the search index (quicker)")
    p.add_argument("--quiet", action="store_true", help="print only problems")
    p.add_argument("--jobs", type=int, help="worker processes for rendering (default: all cores)")
    p.add_argument("--today", metavar="YYYY-MM-DD",
                   help="the date the notice board is built for (default: $SOURCE_DATE_EPOCH, else today)")
    p.set_defaults(func=_build)


def _build(args) -> int:
    options = BuildOptions(content=args.content, out=args.out, config=args.config, base_url=args.base_url,
                           drafts=args.drafts, search=args.search, today=args.today)
    if args.jobs:
        options.jobs = args.jobs
    progress = _progress_bar if sys.stderr.isatty() and not args.quiet else None
    try:
        result = build(options, progress)
    except ContentError as exc:
        report_problems(exc.problems)
        errors = sum(p.level == "error" for p in exc.problems)
        print(f"diarium: build failed with {errors} error(s); {args.out}/ was left as it was.", file=sys.stderr)
        return 1
    report_problems(result.warnings)
    if not args.quiet:
        print(f"Built {result.pages} pages into {args.out}/ in {result.seconds:.2f} s "
              f"({1000 * result.seconds / max(result.pages, 1):.1f} ms per page).")
    return 0


def report_problems(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _progress_bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    end = "\n" if done >= total else ""
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} pages", end=end, file=sys.stderr, flush=True)
