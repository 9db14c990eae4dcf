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
    edit(item_files(folder)[0], KINDS["text"], "bygg")
    print(f"diarium build, one item edited: {timed(lambda: build(options)):7.2f} s", flush=True)


def bench_serve(folder: Path, edits: int, pause: float) -> None:
    files = item_files(folder)
    session = Session(folder / "content", folder / "config.yaml", search=False, log=lambda *a, **k: None)
    print(f"diarium serve, first build:     {timed(session.start):7.2f} s", flush=True)
    outcomes, stop = [], threading.Event()
    waits: dict[str, list] = {kind: [] for kind in KINDS}
    rebuilds: dict[str, list] = {kind: [] for kind in KINDS}

    def loop():
        while not stop.is_set():
            outcome = session.step(0.1)
            if outcome:
                outcomes.append(outcome)

    worker = threading.Thread(target=loop)
    worker.start()
    try:
        run = time.strftime("%H%M%S")
        for kind in KINDS:
            for k in range(edits):
                before = len(outcomes)
                marker = f"mätning-{run}-{kind}{k}"
                waits[kind].append(save_and_wait(session, files[len(files) * k // edits], marker, kind, pause))
                rebuilds[kind] += outcomes[before:]
    finally:
        stop.set()
        worker.join()
        session.stop()
    for kind, times in waits.items():
        done = rebuilds[kind]
        print(f"diarium serve, {kind} edited, save → page on disk: median {1000 * statistics.median(times):.0f} ms "
              f"(min {1000 * min(times):.0f}, max {1000 * max(times):.0f}, {edits} edits); rebuild median "
              f"{1000 * statistics.median(o.seconds for o in done):.0f} ms, pages {sorted(len(o.urls) for o in done)}")


def save_and_wait(session: Session, item: Path, marker: str, kind: str, pause: float) -> float:
    """Edit ``item``, return the seconds until its page on disk shows the edit."""
    rel = item.parent.relative_to(session.options.content)
    page = session.options.out / rel / "index.html"
    started = time.perf_counter()
    edit(item, KINDS[kind], marker)
    while marker not in page.read_text(encoding="utf-8"):
        if time.perf_counter() - started > 30:
            raise TimeoutError(f"{page} never showed the edit")
        time.sleep(0.001)
    seconds = time.perf_counter() - started
    time.sleep(pause)  # the rest of the rebuild, then the whole-site files, before the next edit
    return seconds


KINDS = {"title": 'title: "', "text": "## Ärendet\n\n"}  # a title is shown on ~6 pages, the text on one


def edit(item: Path, before: str, marker: str) -> None:
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace(before, f"{before}{marker} ", 1), encoding="utf-8")


def item_files(folder: Path) -> list[Path]:
    return sorted((folder / "content").glob("*/*/*/item.md"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--dir", type=Path, help="corpus folder, kept between runs")
    parser.add_argument("--skip-build", action="store_true", help="measure only diarium serve")
    parser.add_argument("--pause", type=float, default=3, help="seconds between edits (default: 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="diarium-bench-") as tmp:
        folder = corpus(args.dir or Path(tmp), args.items)
        print(f"{args.items} items in {folder}", flush=True)
        if not args.skip_build:
            bench_build(folder)
        bench_serve(folder, args.edits, args.pause)


if __name__ == "__main__":
    main()
