"""``diarium search QUERY``: search the records from the terminal (SQLite FTS5, Swedish analysis).

Query syntax is lunr's: ``+term`` must occur, ``-term`` must not, ``term*`` is a prefix,
``title:``, ``decision:``, ``body:`` and ``diary:`` limit a term to one field. Diary numbers may
be written in any form (``SN 2012:195``, ``sn/2012:195``, ``Dnr SN/2012:195``, ``2012:195``). Any other
text is accepted: a colon after an unknown word is a space, lunr's ``^boost`` and ``~distance`` are ignored.
"""
from __future__ import annotations

import argparse
import json

from generator.console import add_site_arguments
from generator.search.cache import open_index
from generator.search.engine import only_stop_words, search

KINDS = {"item": "item", "paragraph": "paragraph of minutes", "tjansteskrivelse": "officer's report",
         "bilaga": "attachment", "dokument": "document"}


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="+", help="words, diary numbers, +must -mustnot prefix* field:term")
    add_site_arguments(parser)
    parser.add_argument("--limit", type=int, default=10, help="results to show (default: 10)")
    parser.add_argument("--kind", choices=("kallelse", "protokoll"),
                        help="only records of notices (kallelse) or of minutes (protokoll)")
    parser.add_argument("--person", metavar="SLUG",
                        help="only records that name this person (the last part of their page's URL, /ledamot/SLUG/)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")


def run(args: argparse.Namespace) -> int:
    """Content errors are reported by the command line's handler (generator.cli)."""
    searchable = open_index(args.content, args.config)
    hits = search(searchable.db, " ".join(args.query), searchable.scheme, args.limit, args.kind, args.person)
    results = [{**json.loads(meta), "score": round(score, 3)} for meta, score in hits]
    if not results and not args.json and only_stop_words(" ".join(args.query)):
        print("No results: the query has only common words (such as och, att, som), which are not indexed."
              " Add a more specific word.")
        return 0
    print(json.dumps(results, ensure_ascii=False, indent=1) if args.json else _as_text(results))
    return 0


def _as_text(results: list[dict]) -> str:
    if not results:
        return "No results."
    lines = []
    for n, r in enumerate(results, 1):
        facts = [KINDS.get(r["kind"], r["kind"]), r["date"], r["committee"], ", ".join(r["diary_numbers"])]
        lines += [f"{n:2}. {r['title']}", f"    {' · '.join(f for f in facts if f)}", f"    {r['url']}"]
    return "\n".join(lines)
