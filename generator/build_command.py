"""``diarium build``: build the site into an output folder, printing problems and a summary."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.build import BuildOptions, build
from generator.console import CONTENT_ERROR, add_site_arguments, report_problems
from generator.problems import ContentError


def register(parser: argparse.ArgumentParser) -> None:
    add_site_arguments(parser)
    parser.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site/)")
    parser.add_argument("--base-url", help="URL the site is published at, e.g. https://example.org/namnder/")
    parser.add_argument("--drafts", action="store_true", help="include records marked draft: true")
    parser.add_argument("--no-search", dest="search", action="store_false", help="skip the search index (quicker)")
    parser.add_argument("--quiet", action="store_true", help="print only problems")
    parser.add_argument("--jobs", type=int, help="worker processes for rendering (default: all cores)")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help="the date the notice board is built for (default: $SOURCE_DATE_EPOCH, else today)")


def run(args: argparse.Namespace) -> int:
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
        kept = f"{args.out}/ was left as it was" if Path(args.out).is_dir() else f"nothing was written to {args.out}/"
        print(f"diarium: build failed with {errors} error(s); {kept}.", file=sys.stderr)
        return CONTENT_ERROR
    report_problems(result.warnings + (result.config.host_warning() if result.config else []))
    if args.quiet:
        return 0
    if result.site is None:  # the incremental build found nothing to do
        print(f"Nothing changed since the last build: {args.out}/ is up to date ({result.pages} pages).")
    else:
        print(f"Built {result.pages} pages into {args.out}/ in {result.seconds:.2f} s "
              f"({1000 * result.seconds / max(result.pages, 1):.1f} ms per page).")
    return 0


def _progress_bar(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    end = "\n" if done >= total else ""
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} pages", end=end, file=sys.stderr, flush=True)
