"""Search benchmark, for the seeds (content/) and a synthetic corpus of N items:

- Pagefind: index time, peak memory and bundle size over the built site (median of runs);
- one query in headless Chromium: bytes of every response, as sent and as a gzip-serving host
  would send them (Pagefind's own files are already compressed);
- ``diarium search`` (SQLite FTS5): the first run (loading the content and indexing it), the
  index file's size, and cached queries of every kind of lunr syntax (median, peak memory).

    python benchmarks/search_bench.py --items 10000 --runs 3
    python benchmarks/search_bench.py --items 100000 --only synthetic --terminal   # diarium search alone
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from build_bench import OUT, corpus, measure  # noqa: E402

from generator.files import stamp_holds  # noqa: E402
from generator.search.cache import Searchable, open_index  # noqa: E402
from generator.search.engine import search  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
TEXT_TYPES = ("text/", "application/javascript", "application/json")
PARTS = {".pf_meta": "meta", "/wasm.": "engine", "/pagefind.js": "engine", "/index/": "index", "/filter/": "filters",
         "/dates/": "dates", "/fragment/": "results"}  # URL part → what a query's bytes go to


def diarium(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args, "--content", str(root / "content"),
            "--config", str(root / "config.yaml")]


# Pagefind alone over a built site, in shards one after the other (generator/index/sitesearch.py)
INDEX = """import sys; from pathlib import Path
from generator.build import BuildOptions, load_and_link; from generator.config import load_config
from generator.pages import plan; from generator.index.sitesearch import index_site, shard_pages
root, site = Path(sys.argv[1]), Path(sys.argv[2]); config = load_config(root / "config.yaml")[0]
model = load_and_link(BuildOptions(content=root / "content", config=root / "config.yaml"), config)[0]
index_site(site, plan(model, config), shard_pages(config))"""


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench_pagefind(root: Path, runs: int) -> tuple[Path, dict]:
    site = root / "search-site"
    subprocess.run(diarium(root, "build", "--out", str(site), "--no-search", "--quiet"), check=True)
    index = [sys.executable, "-c", INDEX, str(root), str(site)]
    times, peak = [], 0
    for _ in range(runs):
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        seconds, rss, _ = measure(index)
        times.append(seconds)
        peak = max(peak, rss)
    shards = json.loads((site / "pagefind/shards.json").read_text())["shards"]
    pages = [json.loads((site / f"pagefind/{name}/pagefind-entry.json").read_text())["languages"] for name in shards]
    return site, {"shards": len(shards), "pages": sum(v["page_count"] for p in pages for v in p.values()),
                  "median_s": round(statistics.median(times), 2),
                  "runs_s": [round(t, 2) for t in times], "peak_rss_mib": peak,
                  "bundle_mib": round(folder_bytes(site / "pagefind") / 2**20, 1)}


def bench_queries(site: Path, queries: list[str]) -> list[dict]:
    from playwright.sync_api import sync_playwright
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.func.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for query in queries:
                out.append(_query_bytes(browser, base, query))
            browser.close()
    finally:
        server.shutdown()
    return out


def _query_bytes(browser, base: str, query: str) -> dict:
    page = browser.new_context().new_page()  # a fresh cache: the first query's full cost
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(f"{base}/sok/?{query}")
    page.wait_for_function("() => { const s = document.getElementById('sok-status').textContent;"
                           " return s && !/^(Söker|Searching)/.test(s); }", timeout=120_000)
    page.wait_for_load_state("networkidle")
    raw = gzipped = search_only = 0
    parts = dict.fromkeys(PARTS.values(), 0) | {"page": 0}
    for response in responses:
        body = response.body() if response.ok and response.request.method != "HEAD" else b""
        text = response.headers.get("content-type", "").startswith(TEXT_TYPES)
        sent = len(gzip.compress(body)) if text else len(body)
        raw += len(body)
        gzipped += sent
        search_only += len(body) if "/pagefind/" in response.url else 0
        parts[next((part for key, part in PARTS.items() if key in response.url), "page")] += sent
    result = {"query": query, "status": page.inner_text("#sok-status"), "requests": len(responses),
              "bytes": raw, "bytes_gzip_host": gzipped, "pagefind_bytes": search_only, "gzip_host_by_part": parts}
    page.context.close()
    return result


# One query of each kind: words, inflections, required, excluded, prefix, field, diary numbers,
# a pasted colon, stop words only, and a word on no page.
TERMINAL_QUERIES = ["jourboende", "beslutet förvaltningens", "+budget yttrande", "riktlinjer -skola",
                    "förvalt*", "title:ekonomi", "SN 2012:5", "Dnr KS/2011:17", "diary:UN 2012:166",
                    "Ombyggnad: nya platser", "och att som", "xyzzy"]


def bench_terminal(root: Path) -> dict:
    """``diarium search``: its first run with no cache, then every query of TERMINAL_QUERIES
    twice against the cache, interleaved (each run a new process, as a user runs it)."""
    cache = root / ".diarium-cache/search-index"
    shutil.rmtree(cache, ignore_errors=True)
    first, rss, _ = measure(diarium(root, "search", TERMINAL_QUERIES[0], "--json"))
    cached, peak = {q: [] for q in TERMINAL_QUERIES}, 0
    for _ in range(2):
        for query in TERMINAL_QUERIES:
            seconds, query_rss, _ = measure(diarium(root, "search", query, "--json"))
            cached[query].append(seconds)
            peak = max(peak, query_rss)
    index = cache / "index.sqlite"
    searchable = open_index(root / "content", root / "config.yaml")
    state = dict(searchable.db.execute("SELECT name, value FROM state"))
    started = time.perf_counter()  # the freshness check every cached query pays: a stat of each entry of content/
    assert stamp_holds(root / "content", state["stamp"])
    return {"freshness_check_s": round(time.perf_counter() - started, 2),
            "query_alone_ms": {q: query_ms(searchable, q) for q in TERMINAL_QUERIES},
            "first_search_s": round(first, 2), "first_search_peak_rss_mib": rss,
            "index_mib": round(index.stat().st_size / 2**20, 1),
            "cached_search_median_s": round(statistics.median(t for ts in cached.values() for t in ts), 3),
            "cached_peak_rss_mib": peak,
            "cached_by_query_s": {q: round(statistics.median(ts), 3) for q, ts in cached.items()},
            "load_average": os.getloadavg()}


def query_ms(searchable: Searchable, query: str) -> float:
    """The query alone, in this process, on the cached index: the best of three."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        search(searchable.db, query, searchable.scheme)
        times.append(time.perf_counter() - started)
    return round(min(times) * 1000, 1)


def natural_corpus(items: int) -> Path:
    """The benchmark corpus written with the seeds' running text as its word source, so words
    occur as often as in real records. (The default 80-word vocabulary puts every word on nearly
    every page: the worst case for an index, whose postings then hold every page.) Every word is
    spread evenly over the records, so a rare word is on more pages than in real ones."""
    from corpus import generate
    root = OUT / f"corpus-{items}-seedwords"
    if not (root / "config.yaml").exists():
        text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "content").rglob("*.md")))
        words = tuple(w.lower() for w in re.findall(r"[^\W\d_]{2,}", text))
        generate(root / "content", items, vocabulary=lambda serial: words)
        shutil.copy(corpus(items) / "config.yaml", root / "config.yaml")
    return root


def seeds() -> Path:
    """A copy of content/ and config.yaml, so nothing is written into the repository."""
    root = OUT / "seeds"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "config.yaml", root / "config.yaml")
    return root


def bench(name: str, root: Path, runs: int, queries: list[str], terminal_only: bool) -> dict:
    if terminal_only:
        return {"corpus": name, "terminal": bench_terminal(root)}
    site, pagefind = bench_pagefind(root, runs)
    return {"corpus": name, "pagefind": pagefind, "queries": bench_queries(site, queries),
            "terminal": bench_terminal(root)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["seeds", "synthetic", "natural"], action="append",
                        help="run only these corpora (default: all three)")
    parser.add_argument("--terminal", action="store_true", help="only `diarium search`, not Pagefind")
    args = parser.parse_args()
    queries = ["q=jourboende", "q=SN+2012%3A5", "q=statsbidrag&committee=socialnamnden&year=2012",
               "q=serveringstillst%C3%A5nd+alkohollagen", "q=jourboende&sort=date", "q=beslut&sort=date"]
    corpora = {"seeds": lambda: (seeds(), ["q=jourboende", "q=SN+2012%3A195", "q=statsbidrag&year=2018"]),
               "synthetic": lambda: (corpus(args.items), queries),
               "natural": lambda: (natural_corpus(args.items), queries)}
    results = []
    for name in args.only or list(corpora):
        root, asked = corpora[name]()
        name = f"{name}-{args.items}" if name != "seeds" else name
        results.append(bench(name, root, args.runs, asked, args.terminal))
        print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr)  # progress on long runs
    print(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
