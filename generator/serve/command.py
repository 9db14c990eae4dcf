"""``diarium serve [--content DIR] [--config FILE] [--port N] [--host ADDR] [--drafts/--no-drafts] [--open]
[--no-search]``."""
from __future__ import annotations

import argparse
import signal
import sys
import webbrowser

from generator.console import USAGE_ERROR, add_site_arguments, os_reason
from generator.serve.session import Session


def register(parser: argparse.ArgumentParser) -> None:
    add_site_arguments(parser)
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this computer only)")
    parser.add_argument("--drafts", action=argparse.BooleanOptionalAction, default=True,
                        help="show records marked draft: true, marked 'Utkast' (default: shown)")
    parser.add_argument("--open", action="store_true", help="open the site in the web browser")
    parser.add_argument("--no-search", dest="search", action="store_false", help="do not refresh the search index")


def run(args: argparse.Namespace) -> int:
    # Ctrl-C (even when started with SIGINT ignored, as background jobs are) and `kill` stop cleanly.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    session = Session(args.content, args.config, args.drafts, args.host, args.port, args.search)
    try:
        url = session.start()
    except OSError as exc:
        print(f"diarium: cannot serve on {args.host}:{args.port}: {os_reason(exc)}", file=sys.stderr)
        return USAGE_ERROR
    print(f"Serving the preview at {url} (Ctrl-C stops)", flush=True)
    if args.open:
        webbrowser.open(url)
    try:
        while True:
            session.step()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        session.stop()
    return 0
