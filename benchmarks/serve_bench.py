"""How fast diarium follows an edit: `diarium serve` from saving one item file to the updated page
on disk (median of several edits), and `diarium build` full, unchanged and after one edit.

    python benchmarks/serve_bench.py --items 10000 [--dir DIR] [--edits 7]

DIR keeps the corpus between runs (default: a temporary folder).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate  # noqa: E402
from generator.build import BuildOptions, build  # noqa: E402
from generator.serve.session import Session  # noqa: E402


def corpus(folder: Path, items: int) -> Path:
    if not (folder / "content").is_dir():
        generate(folder / "content", items)
        (folder / "config.yaml").write_text("title: Benchmark\ndiary_prefixes: [SN, KS, VoN, UN]\n", encoding="utf-8")
    return folder


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def bench_build(folder: Path) -> None:
    options = BuildOptions(content=folder / "content", config=folder / "config.yaml", out=folder / "site", search=False)
    print(f"diarium build, full:           {timed(lambda: build(options)):7.2f} s", flush=True)
    print(f"diarium build, nothing changed: {timed(lambda: build(options)):7.2f} s", flush=True)
    edit(item_files(folder)[0], "bygg")
    print(f"diarium build, one item edited: {timed(lambda: build(options)):7.2f} s", flush=True)


def bench_serve(folder: Path, edits: int) -> None:
    files = item_files(folder)
    session = Session(folder / "content", folder / "config.yaml", search=False, log=lambda *a, **k: None)
    print(f"diarium serve, first build:     {timed(session.start):7.2f} s", flush=True)
    outcomes, stop = [], threading.Event()

    def loop():
        while not stop.is_set():
            outcome = session.step(0.1)
            if outcome:
                outcomes.append(outcome)

    worker = threading.Thread(target=loop)
    worker.start()
    try:
        run = time.strftime("%H%M%S")
        waits = [save_and_wait(session, files[len(files) * k // edits], f"mätning-{run}-{k}") for k in range(edits)]
    finally:
        stop.set()
        worker.join()
        session.stop()
    rebuilds = [o.seconds for o in outcomes]
    print(f"diarium serve, save → page on disk: median {1000 * statistics.median(waits):.0f} ms "
          f"(min {1000 * min(waits):.0f}, max {1000 * max(waits):.0f}, {edits} edits)")
    print(f"  of which rebuild: median {1000 * statistics.median(rebuilds):.0f} ms; "
          f"pages rendered per edit: {sorted(len(o.urls) for o in outcomes)}")


def save_and_wait(session: Session, item: Path, marker: str) -> float:
    """Edit ``item``'s title, return the seconds until its page on disk shows the new title."""
    rel = item.parent.relative_to(session.options.content)
    page = session.options.out / rel / "index.html"
    time.sleep(1.5)  # let whole-site files of the previous edit be written first
    started = time.perf_counter()
    edit(item, marker)
    while marker not in page.read_text(encoding="utf-8"):
        if time.perf_counter() - started > 30:
            raise TimeoutError(f"{page} never showed the edit")
        time.sleep(0.001)
    return time.perf_counter() - started


def edit(item: Path, marker: str) -> None:
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace('title: "', f'title: "{marker} ', 1), encoding="utf-8")


def item_files(folder: Path) -> list[Path]:
    return sorted((folder / "content").glob("*/*/*/item.md"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--dir", type=Path, help="corpus folder, kept between runs")
    parser.add_argument("--skip-build", action="store_true", help="measure only diarium serve")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="diarium-bench-") as tmp:
        folder = corpus(args.dir or Path(tmp), args.items)
        print(f"{args.items} items in {folder}", flush=True)
        if not args.skip_build:
            bench_build(folder)
        bench_serve(folder, args.edits)


if __name__ == "__main__":
    main()
