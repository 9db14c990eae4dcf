"""Build benchmark on a synthetic corpus of N items: clean build (time, ms per page, peak memory),
rebuild with nothing changed and `diarium build` after one edited item; with --hugo, Hugo building
the same records as the same page set (``hugo-eq`` of ../shared/bench/hugo_equivalent.py), the two
tools interleaved run by run (diarium, Hugo, diarium, Hugo …) and medians compared.

    python benchmarks/build_bench.py --items 10000 --runs 3 [--hugo] [--search] [--edits 3]

With --search diarium's build includes its Pagefind index and the Hugo side runs the Pagefind CLI
after Hugo. Peak memory is the largest resident set of one process of the run (a build's
workers are forked, so they share most of the parent's pages).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
HUGO_EQUIVALENT = ROOT.parent / "shared" / "bench" / "hugo_equivalent.py"
BASE_URL = "https://example.org/"  # hugo-eq's baseURL: both write a sitemap and absolute feed links


def corpus(items: int) -> Path:
    """The corpus for ``items``, generated once and reused by later runs."""
    root = OUT / f"corpus-{items}"
    if not (root / "config.yaml").exists():
        shutil.rmtree(root, ignore_errors=True)
        generate(root / "content", items)
        (root / "config.yaml").write_text("title: Benchmark\ndiary_prefixes: [SN, KS, VoN, UN]\n", encoding="utf-8")
    return root


def measure(command: list[str]) -> tuple[float, int, str]:
    """Wall time, peak RSS (MiB) of the command and its children alone, and its stdout."""
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if status:
            raise SystemExit(f"failed: {' '.join(command)}")
        out.seek(0)
        return seconds, usage.ru_maxrss // 1024, out.read()


def diarium_command(root: Path, search: bool) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--content", str(root / "content"),
            "--config", str(root / "config.yaml"), "--out", str(root / "site"),
            "--base-url", BASE_URL] + ([] if search else ["--no-search"])


def diarium_clean(root: Path, search: bool) -> tuple[float, int, int]:
    """One clean build (no output, no build cache): seconds, peak MiB, pages."""
    for folder in ("site", ".diarium-cache"):
        shutil.rmtree(root / folder, ignore_errors=True)
    seconds, peak, out = measure(diarium_command(root, search))
    return seconds, peak, int(re.search(r"Built (\d+) pages", out).group(1))


def diarium_edits(root: Path, search: bool, edits: int) -> dict:
    """After a clean build: a rebuild with nothing changed, then ``edits`` builds after one edited
    item each (a different item every time, restored afterwards)."""
    command = diarium_command(root, search)
    unchanged = measure(command)[0]
    items = sorted((root / "content").glob("*/*/01/item.md"))
    step = max(1, len(items) // max(1, edits))
    times = []
    for item in items[::step][:edits]:
        text = item.read_text(encoding="utf-8")
        item.write_text(text + "\nEn ändring.\n", encoding="utf-8")
        try:
            times.append(measure(command)[0])
        finally:
            item.write_text(text, encoding="utf-8")
    measure(command)  # leave the output matching the restored content
    return {"rebuild_unchanged_s": round(unchanged, 2), "one_item_edited_s": [round(t, 2) for t in times],
            "one_item_edited_median_s": round(statistics.median(times), 2) if times else None}


def hugo_site(root: Path, script: Path) -> Path:
    """``hugo-eq`` for the corpus, made once by hugo_equivalent.py (with diarium's stylesheet)."""
    site = root / "hugo-eq"
    if not (site / "hugo.toml").exists():
        subprocess.run([sys.executable, str(script), str(root), str(ROOT / "templates/static/style.css")],
                       check=True, stdout=sys.stderr)  # stdout is the JSON report
    return site


def hugo_clean(site: Path, search: bool) -> tuple[float, int, int]:
    """Hugo (and with ``search`` the Pagefind CLI) from scratch: seconds, peak MiB, HTML pages."""
    shutil.rmtree(site / "public", ignore_errors=True)
    seconds, peak, _ = measure(["hugo", "--source", str(site), "--quiet"])
    if search:
        from pagefind.service import get_executable  # the binary of the pagefind[bin] wheel diarium uses

        more, pagefind_peak, _ = measure([str(get_executable()), "--site", str(site / "public"), "--silent"])
        seconds, peak = seconds + more, max(peak, pagefind_peak)
    return seconds, peak, sum(1 for _ in (site / "public").rglob("*.html"))


def summary(tool: str, runs: list[tuple[float, int, int]]) -> dict:
    times = [r[0] for r in runs]
    median, pages = statistics.median(times), runs[-1][2]
    return {"tool": tool, "pages": pages, "median_s": round(median, 2), "runs_s": [round(t, 2) for t in times],
            "ms_per_page": round(1000 * median / pages, 2), "peak_rss_mib": max(r[1] for r in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hugo", action="store_true", help="interleave Hugo building the equivalent site (hugo-eq)")
    parser.add_argument("--hugo-equivalent", type=Path, default=HUGO_EQUIVALENT, help="path of hugo_equivalent.py")
    parser.add_argument("--search", action="store_true", help="with the search index (Hugo: then the Pagefind CLI)")
    parser.add_argument("--edits", type=int, default=3, help="one-item edits to time after the clean builds")
    args = parser.parse_args()
    if args.hugo and not (shutil.which("hugo") and args.hugo_equivalent.exists()):
        raise SystemExit(f"--hugo needs hugo on PATH (apt-get install hugo) and {args.hugo_equivalent}")
    root = corpus(args.items)
    hugo = hugo_site(root, args.hugo_equivalent) if args.hugo else None
    load = [os.getloadavg()[0]]
    ours, theirs = [], []
    for _ in range(args.runs):
        ours.append(diarium_clean(root, args.search))
        if hugo:
            theirs.append(hugo_clean(hugo, args.search))
        load.append(os.getloadavg()[0])
    results = [summary("diarium", ours) | diarium_edits(root, args.search, args.edits)]
    if hugo:
        results.append(summary("hugo-eq" + (" + pagefind" if args.search else ""), theirs))
        results.append({"ratio_diarium_to_hugo": round(results[0]["median_s"] / results[1]["median_s"], 2)})
    print(json.dumps({"items": args.items, "search": args.search, "load_average": [round(x, 1) for x in load],
                      "results": results}, indent=1))


if __name__ == "__main__":
    main()
