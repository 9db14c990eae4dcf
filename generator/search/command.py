"""``diarium search QUERY``: search the records from the terminal (lunr, Swedish analysis).

Query syntax is lunr's: ``+term`` must occur, ``-term`` must not, ``term*`` is a prefix,
``title:``, ``decision:``, ``body:`` and ``diary:`` limit a term to one field. Diary numbers may
be written in any form (``SN 2012:195``, ``sn/2012:195``, ``Dnr SN/2012:195``, ``2012:195``).
"""
from __future__ import annotations

import json
import sys

from generator.problems import ContentError
from generator.search.cache import open_index
from generator.search.engine import QueryError, search

KINDS = {"item": "item", "paragraph": "paragraph of minutes", "tjansteskrivelse": "officer's report",
         "bilaga": "attachment", "dokument": "document"}


def register(commands) -> None:
    from generator.cli import add_site_arguments  # cli imports this module first
    p = commands.add_parser("search", help="search the records from the terminal")
    p.add_argument("query", nargs="+", help="words, diary numbers, +must -mustnot prefix* field:term")
    add_site_arguments(p)
    p.add_argument("--limit", type=int, default=10, help="results to show (default: 10)")
    p.add_argument("--kind", choices=("kallelse", "protokoll"),
                   help="only records of notices (kallelse) or of minutes (protokoll)")
    p.add_argument("--person", metavar="SLUG",
                   help="only records that name this person (the last part of their page's URL, /ledamot/SLUG/)")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from generator.cli import report_problems
    try:
        searchable = open_index(args.content, args.config)
        hits = search(searchable.index, " ".join(args.query), searchable.scheme)
        if args.kind:
            hits = [(ref, score) for ref, score in hits if searchable.records[ref].get("record_kind") == args.kind]
        if args.person:
            hits = [(ref, score) for ref, score in hits if args.person in searchable.records[ref]["people"]]
        hits = hits[:max(args.limit, 0)]
    except ContentError as exc:
        report_problems(exc.problems)
        return 1
    except QueryError as exc:
        print(f"diarium search: cannot read the query: {exc}", file=sys.stderr)
        return 2
    results = [{**searchable.records[ref], "score": round(score, 3)} for ref, score in hits]
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
