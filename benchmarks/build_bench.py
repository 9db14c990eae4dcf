"""Clean-build benchmark: time, ms per page and peak memory of `diarium build` for N items,
median of several runs; optionally Hugo on the same Markdown files in the same run.

    python benchmarks/build_bench.py --items 10000 --runs 3 [--hugo] [--search]
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def corpus(items: int) -> Path:
    """The corpus for ``items``, generated once and reused by later runs."""
    root = OUT / f"corpus-{items}"
    if not (root / "config.yaml").exists():
        shutil.rmtree(root, ignore_errors=True)
        generate(root / "content", items)
        (root / "config.yaml").write_text("title: Benchmark\ndiary_prefixes: [SN, KS, VoN, UN]\n", encoding="utf-8")
    return root


def run(command: list[str]) -> tuple[float, int, str]:
    """Wall time, peak RSS of the child in MiB, and stdout of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024, result.stdout


def bench_diarium(root: Path, runs: int, search: bool) -> dict:
    command = [sys.executable, "-m", "generator", "build", "--content", str(root / "content"),
               "--config", str(root / "config.yaml"), "--out", str(root / "site")]
    command += [] if search else ["--no-search"]
    times, peak, pages = [], 0, 0
    for _ in range(runs):
        for folder in ("site", ".diarium-cache"):  # a clean build: no output, no build cache
            shutil.rmtree(root / folder, ignore_errors=True)
        seconds, rss, out = run(command)
        times.append(seconds)
        peak = max(peak, rss)
        pages = int(re.search(r"Built (\d+) pages", out).group(1))
    median = statistics.median(times)
    unchanged = run(command)[0]
    item = next((root / "content").glob("*/*/01/item.md"))
    item.write_text(item.read_text(encoding="utf-8") + "\nEn ändring.\n", encoding="utf-8")
    one_edit = run(command)[0]
    item.write_text(item.read_text(encoding="utf-8").replace("\nEn ändring.\n", ""), encoding="utf-8")
    return {"tool": "diarium", "pages": pages, "median_s": round(median, 2), "runs_s": [round(t, 2) for t in times],
            "ms_per_page": round(1000 * median / pages, 2), "peak_rss_mib": peak,
            "rebuild_unchanged_s": round(unchanged, 2), "rebuild_one_item_edited_s": round(one_edit, 2)}


def bench_hugo(root: Path, runs: int) -> dict | None:
    """Hugo over the same Markdown (front matter and bodies) with minimal layouts."""
    hugo = shutil.which("hugo")
    if not hugo:
        return None
    site = root / "hugo"
    if not site.exists():
        shutil.copytree(root / "content", site / "content")
        (site / "layouts/_default").mkdir(parents=True)
        (site / "layouts/_default/single.html").write_text(
            "<!DOCTYPE html><html lang=sv><title>{{ .Title }}</title><main><h1>{{ .Title }}</h1>{{ .Content }}</main></html>")
        (site / "layouts/_default/list.html").write_text(
            "<!DOCTYPE html><html lang=sv><title>{{ .Title }}</title><ul>{{ range .Pages }}<li><a href='{{ .RelPermalink }}'>{{ .Title }}</a>{{ end }}</ul></html>")
        (site / "hugo.toml").write_text("baseURL = '/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n"
                                        "[markup.goldmark.renderer]\nunsafe = false\n")
    times = []
    for _ in range(runs):
        shutil.rmtree(site / "public", ignore_errors=True)
        seconds, _, out = run([hugo, "--source", str(site), "--quiet"])
        times.append(seconds)
    pages = sum(1 for _ in (site / "public").rglob("*.html"))
    return {"tool": "hugo", "pages": pages, "median_s": round(statistics.median(times), 2),
            "runs_s": [round(t, 2) for t in times]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hugo", action="store_true", help="also time Hugo on the same corpus")
    parser.add_argument("--search", action="store_true", help="include the Pagefind index in the build")
    args = parser.parse_args()
    root = corpus(args.items)
    results = [bench_diarium(root, args.runs, args.search)]
    if args.hugo:
        results.append(bench_hugo(root, args.runs) or {"tool": "hugo", "error": "not installed (apt-get install hugo)"})
    if len(results) == 2 and "median_s" in results[1]:
        results.append({"ratio_diarium_to_hugo": round(results[0]["median_s"] / results[1]["median_s"], 1)})
    print(json.dumps({"items": args.items, "results": results}, indent=1))


if __name__ == "__main__":
    main()
