"""A seeded mutation fuzzer for issue #13: hostile and careless content, configuration and
records, run through ``load``, ``build`` and ``import``.

Each input is one mutated copy of a small real site (the test fixture, or the minutes fixture
with protokoll.md and paragraf-N/paragraph.md) or of a real record (the importer's seeds). What
must hold for every input:

- no traceback: a build ends in a site or a ContentError, an import in files or a reported error;
- every error names a file (a path under the site's folder, or the record imported);
- on failure the output folder is untouched; nothing is ever written outside it;
- whatever ``import`` writes, ``build`` accepts;
- no input takes more than HANG seconds of CPU, or WAIT seconds of wall time (a hang).

``python tests/fuzz/fuzzer.py --inputs 20000`` (``make fuzz``) prints the figures; the test suite
runs a bounded number (tests/fuzz/test_fuzz.py). Every failure is printed as it happens with the
seed and input number that make it, and ``--replay SEED:N`` runs that one input again.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "importer")]

from generator.build import BuildOptions, build  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.load import load_site  # noqa: E402
from generator.problems import ContentError  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "site"
MINUTES = ROOT / "tests" / "fixtures" / "minutes"  # protokoll.md and paragraf-N/paragraph.md (the minutes)
SEEDS = ROOT / "tests" / "importer" / "seeds"
HANG = 20.0  # CPU seconds one input may take: CPU time, so a busy machine does not fake a hang
WAIT = 120.0  # wall seconds, for an input that blocks without using the CPU (a FIFO, a lock)
FULL_BUILD_EVERY = 8  # other front-matter inputs stop after load (cheap); every 8th is built whole

# Values a careless or hostile hand writes, as YAML text.
VALUES = ["", "null", "~", "2012-13-45", "0000-01-01", "9999-12-31", "2012-02-30", "2012-12-11T10:00:00",
          "9" * 5000, "-1", "1e400", ".nan", "[1, 2]", "{a: b}", "'x\\ny'", "\"x\\ny\"", "'../../../escaped'",
          "'<script>alert(1)</script>'", "'javascript:alert(1)//'", "&a [1, 2]", "*a", "\"\\x00\\x07\\x1b\"",
          "yes", "'=HYPERLINK(\"http://x\")'", "'811218-9876'", "!!python/object/apply:os.system [ls]",
          "!!binary aGVsbG8=", "'" + "å" * 3000 + "'", "'Q\"onmouseover=\"alert(1)\"z'", "[[[[[[[[[[]]]]]]]]]]",
          "{warnings: abc}", "{warnings: [1, {a: b}]}", "'SN/2012:xx'", "'SN 2012195'", "'kl 24:60'", "24:60",
          "19:30", "1170", "'\u202e\u200b'", "'sok'", "0x1F", "0o17", "'%2e%2e/'", "true"]
KEYS = ["date", "kind", "time", "end_time", "place", "title", "number", "diary_numbers", "diary_number", "prefix",
        "name", "import", "adjustment", "notes", "draft", "order", "year", "committee", "signatures", "officer",
        "decision", "printed_number", "organisation",
        # the minutes (docs: /work/spec/minutes-format.md)
        "attendance", "votes", "motions", "reservations", "protocol_notes", "paragraphs", "status", "adjusted",
        "adjusters", "paragraph"]
CONFIG_KEYS = ["title", "base_url", "language", "diary_prefixes", "templates", "long_document_words",
               "latest_meetings", "redact", "personal_data_patterns", "licence", "licence_url", "feed_entries",
               "diary_scheme"]
BAD_NAMES = ["sok", "arende", "data", "static", "pagefind", "x y", "a#b", "..x", "item.md", "meeting.md"]


@dataclass
class Figures:
    inputs: int = 0
    builds: int = 0
    imports: int = 0
    rejected: int = 0  # inputs refused with a clear error (expected for most)
    tracebacks: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)  # errors that name no file
    touched: list[str] = field(default_factory=list)  # a failed build changed the output
    escapes: list[str] = field(default_factory=list)  # something written outside the output
    unbuildable: list[str] = field(default_factory=list)  # an import that build rejects
    hangs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.inputs} inputs ({self.builds} full builds, {self.imports} imports) in {self.seconds:.0f} s: "
                f"{len(self.tracebacks)} tracebacks, {len(self.hangs)} hangs, {len(self.escapes)} escapes, "
                f"{len(self.unnamed)} errors without a file, {len(self.touched)} failed builds that touched the "
                f"output, {len(self.unbuildable)} imports that do not build; {self.rejected} inputs rejected "
                f"with a clear error")

    def failures(self) -> list[str]:
        return self.tracebacks + self.unnamed + self.touched + self.escapes + self.unbuildable + self.hangs


class Hang(Exception):
    pass


@contextlib.contextmanager
def time_limit(cpu: float, wall: float):
    def alarm(signum, frame):
        raise Hang("CPU" if signum == signal.SIGPROF else "wall")
    timers = [(signal.SIGPROF, signal.ITIMER_PROF, cpu), (signal.SIGALRM, signal.ITIMER_REAL, wall)]
    previous = [signal.signal(sig, alarm) for sig, _, _ in timers]
    for _, timer, seconds in timers:
        signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        for (sig, timer, _), handler in zip(timers, previous, strict=True):
            signal.setitimer(timer, 0)
            signal.signal(sig, handler)


# ---- mutations -------------------------------------------------------------------------------

def mutate_text(text: str, rng: random.Random) -> str:
    """One change to a content or config file's text."""
    lines = text.split("\n")
    head_end = lines.index("---", 1) if lines[:1] == ["---"] and "---" in lines[1:] else min(len(lines), 8)
    at = min(rng.randrange(1, max(head_end, 2)), len(lines) - 1)
    choice = rng.randrange(14)
    if choice < 5:  # a value replaced
        key = lines[at].split(":")[0] if ":" in lines[at] else rng.choice(KEYS)
        lines[at] = f"{key}: {rng.choice(VALUES)}"
    elif choice < 8:  # a key added
        lines.insert(at, f"{rng.choice(KEYS)}: {rng.choice(VALUES)}")
    elif choice == 8:
        del lines[at]
    elif choice == 9:
        lines.insert(at, lines[at])  # a key given twice
    elif choice == 10:
        lines = [line for line in lines if line != "---"][: rng.randrange(len(lines) + 1)]  # broken delimiters
    elif choice == 11:
        cut = rng.randrange(len(text) + 1)
        return text[:cut]  # truncated mid-file
    elif choice == 12:
        lines.insert(at, rng.choice(["  - x", "\tkey: v", "? [a]\n: b", "&a x: 1", "- !!set {a}"]))
    else:
        return rng.choice(["\ufeff", "", "\r\n"]) + text.replace("\n", rng.choice(["\r\n", "\r", "\n\n", "\n"]))
    return "\n".join(lines)


def mutate_site(site: Path, rng: random.Random) -> str:
    """Mutate one file (or the file system) of the site copy at ``site``; returns what was done."""
    files = [p for p in sorted(site.rglob("*.md")) + [site / "config.yaml"] if p.is_file() and not p.is_symlink()]
    target = rng.choice(files)
    kind = rng.randrange(20)
    if kind == 0:  # a folder renamed to a name the site uses or a URL cannot hold
        folders = [p for p in (site / "content").rglob("*") if p.is_dir()]
        folder = rng.choice(folders)
        name = rng.choice(BAD_NAMES)
        if not (folder.parent / name).exists():
            folder.rename(folder.parent / name)
        return f"rename {folder.relative_to(site)} → {name}"
    if kind == 1:  # a link out, a loop, a FIFO, a folder named like a content file, an undecodable name
        parent = target.parent
        what = rng.randrange(5)
        with contextlib.suppress(OSError):
            if what == 0:
                (parent / "link.md").symlink_to("/etc/hostname")
            elif what == 1:
                (parent / "loop.md").symlink_to(parent / "loop.md")
            elif what == 2:
                os.mkfifo(parent / "fifo.md")
            elif what == 3:
                (parent / "folder.md").mkdir()
            else:
                Path(os.fsdecode(os.fsencode(parent) + b"/bad-\xff.md")).write_bytes(b"---\ntitle: x\n---\n")
        return f"special file {what} in {parent.relative_to(site)}"
    if kind == 2:  # bytes that are not UTF-8
        data = bytearray(target.read_bytes())
        data[rng.randrange(len(data) + 1):0] = rng.choice([b"\xff\xfe", b"\xe5", b"\x00", b"\xc3"])
        target.write_bytes(bytes(data))
        return f"bytes in {target.relative_to(site)}"
    text = target.read_text(encoding="utf-8", errors="surrogateescape")
    for _ in range(rng.randrange(1, 4)):
        text = mutate_text(text, rng)
    target.write_text(text, encoding="utf-8", errors="surrogateescape", newline="")
    return f"text of {target.relative_to(site)}"


def mutate_record(text: str, rng: random.Random) -> str:
    """One change to a record's extracted text, as converters and people produce them."""
    lines = text.split("\n")
    choice = rng.randrange(12)
    at = rng.randrange(len(lines))
    if choice == 0:
        return "\n\n".join(lines)  # blank lines between all lines
    if choice == 1:
        return text.replace("\n", "\n\r")
    if choice == 2:
        return "\n".join(lines[:at] + lines[at + 1:])
    if choice == 3:
        return "\n".join(lines[:at] + [lines[at]] * rng.randrange(2, 50) + lines[at:])
    if choice == 4:  # an impossible date wherever there is a date
        import re
        return re.sub(r"\b(19|20)\d\d-\d\d-\d\d\b", rng.choice(["2012-02-30", "2012-13-45", "0000-00-00"]), text,
                      count=rng.randrange(1, 3))
    if choice == 5:
        return text.replace("SN 20", rng.choice(["SN/20", "Dnr SN/", "SN 1899:", "SN ", "SN 2012195 "]), 3)
    if choice == 6:
        return text.replace(":", rng.choice(["24:60", "::", ""]), rng.randrange(1, 4))
    if choice == 7:
        return text[: rng.randrange(len(text) + 1)]
    if choice == 8:
        return "\n".join(lines[:at] + ["x " * rng.randrange(100, 5000)] + lines[at:])
    if choice == 9:
        return "\n".join(lines[:at] + [rng.choice(VALUES)] + lines[at:])
    if choice == 10:
        return "\n".join(rng.sample(lines, len(lines)))
    return text.replace("\n", "\n" + " " * rng.randrange(1, 9), rng.randrange(1, 50))


# ---- checks ----------------------------------------------------------------------------------

def tree(folder: Path) -> dict[str, tuple]:
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(root, name)
            with contextlib.suppress(OSError):
                stat = os.lstat(path)
                found[os.path.relpath(path, folder)] = (stat.st_mtime_ns, stat.st_size)
    return found


def names_a_file(problem, base: Path) -> bool:
    path = problem.path
    if not path or path in ("diarium", "templates"):
        return False
    return (base / path).exists() or (base / path).is_symlink() or os.path.lexists(path) \
        or Path(path).parent.exists() or (base / path).parent.exists()


class Fuzzer:
    def __init__(self, seed: int, work: Path, report=None):
        self.seed = seed
        self.work = work
        self.figures = Figures()
        self.report = report  # called with each failure as it is found
        self.label = ""  # what the current input is, as far as it has been made

    def run(self, inputs: int, imports: float = 0.25, only: int | None = None) -> Figures:
        """``inputs`` inputs, each made by a generator seeded with (seed, n) so that any one of them
        can be made again alone (``only``)."""
        started = time.monotonic()
        for n in range(inputs) if only is None else [only]:
            self.rng = random.Random(f"{self.seed}:{n}")
            self.label = f"seed {self.seed} input {n}"
            before = len(self.figures.failures())
            try:
                with time_limit(HANG, WAIT):
                    if self.rng.random() < imports and SEEDS.is_dir():
                        self.one_import(n)
                    else:
                        self.one_site(n, full=n % FULL_BUILD_EVERY == 0)
            except Hang as exc:
                self.figures.hangs.append(f"{self.label}: over the {exc} time limit")
            self.figures.inputs += 1
            if self.report:
                for failure in self.figures.failures()[before:]:
                    self.report(failure)
        self.figures.seconds = time.monotonic() - started
        return self.figures

    def _fresh(self, n: int) -> tuple[Path, Path]:
        """A copy of the fixture deep in a folder of its own (a ``..`` has somewhere to go)."""
        box = self.work / f"case-{n}"
        shutil.rmtree(self.work, ignore_errors=True)
        site = box / "a" / "b" / "c"
        shutil.copytree(MINUTES if MINUTES.is_dir() and self.rng.random() < 0.4 else FIXTURE, site)
        return box, site

    def one_site(self, n: int, full: bool) -> str:
        box, site = self._fresh(n)
        out = site / "site"
        out.mkdir()
        (out / "index.html").write_text("the last good site", encoding="utf-8")
        done = [mutate_site(site, self.rng) for _ in range(self.rng.randrange(1, 4))]
        label = self.label = f"{self.label}: " + "; ".join(done)
        before_box = set(tree(box)) - {p for p in tree(box) if p.startswith("a/b/c/site")}
        before_out = tree(out)
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                if full:
                    self.figures.builds += 1
                    build(BuildOptions(content=site / "content", out=out, config=site / "config.yaml",
                                       search=False, incremental=False, jobs=1))
                else:
                    config, _ = load_config(site / "config.yaml")
                    load_site(site / "content", config)
        except ContentError as exc:
            self.figures.rejected += 1
            unnamed = [p for p in exc.problems if not names_a_file(p, site)]
            if unnamed:
                self.figures.unnamed.append(f"{label}: {unnamed[0]}")
            if tree(out) != before_out:
                self.figures.touched.append(label)
        except Hang:
            raise
        except BaseException:  # noqa: BLE001 - exactly what must never happen
            self.figures.tracebacks.append(f"{label}\n{traceback.format_exc()}")
        after = {p for p in tree(box) if not p.startswith(("a/b/c/site", "a/b/c/.site", "a/b/c/.diarium-cache"))}
        if after - before_box:
            self.figures.escapes.append(f"{label}: {sorted(after - before_box)[:3]}")
        return label

    def one_import(self, n: int) -> str:
        """One mutated record through ``diarium import`` (as a user runs it), then ``build``."""
        from generator.importer.command import run
        box, site = self._fresh(n)
        seed = self.rng.choice(sorted(SEEDS.glob("*.txt")))
        text = seed.read_text(encoding="utf-8")
        for _ in range(self.rng.randrange(1, 4)):
            text = mutate_record(text, self.rng)
        record_path = box / seed.name
        record_path.write_text(text, encoding="utf-8", newline="")
        label = self.label = f"{self.label}: import of mutated {seed.name}"
        content = box / "imported" / "content"
        content.mkdir(parents=True)
        self.figures.imports += 1
        args = argparse.Namespace(files=[record_path], content=content, config=ROOT / "config.yaml", committee=None,
                                  prefix=None, force=False, dry_run=False, source_url=None, source_pdf=None)
        err = io.StringIO()
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                code = run(args)
        except Hang:
            raise
        except BaseException:  # noqa: BLE001
            self.figures.tracebacks.append(f"{label}\n{traceback.format_exc()}")
            return label
        if code:
            self.figures.rejected += 1
            if str(record_path) not in err.getvalue():
                self.figures.unnamed.append(f"{label}: {err.getvalue()[:300]}")
        if n % 2 == 0 and any(content.rglob("*.md")):  # building is the costly half: every other import
            self.figures.builds += 1
            try:
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    build(BuildOptions(content=content, out=box / "imported" / "site", config=ROOT / "config.yaml",
                                       search=False, incremental=False, jobs=1))
            except ContentError as exc:
                self.figures.unbuildable.append(f"{label}: {exc.problems[:2]}")
            except Hang:
                raise
            except BaseException:  # noqa: BLE001
                self.figures.tracebacks.append(f"{label} (build)\n{traceback.format_exc()}")
        return label


def scratch() -> str | None:
    """A folder in memory where there is one: thousands of small sites are copied and removed."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def _job(args: tuple[int, int, float, int | None]) -> Figures:
    seed, inputs, imports, only = args
    with tempfile.TemporaryDirectory(prefix="diarium-fuzz-", dir=scratch()) as tmp:
        figures = Fuzzer(seed, Path(tmp) / "work", report=lambda failure: print(f"!!! {failure}", flush=True)) \
            .run(inputs, imports, only)
    print(f"seed {seed}: {figures.summary()}", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--jobs", type=int, default=1, help="processes, each with a seed of its own")
    parser.add_argument("--imports", type=float, default=0.1, help="share of inputs that are records to import")
    parser.add_argument("--show", type=int, default=3, help="failures to print of each kind")
    parser.add_argument("--replay", metavar="SEED:N", help="run input N of seed SEED alone, as a failure names it")
    args = parser.parse_args()
    chunk = 250  # inputs per task: progress is printed as each finishes
    tasks = [(args.seed * 100_000 + n, min(chunk, args.inputs - n), args.imports, None)
             for n in range(0, args.inputs, chunk)]
    if args.replay:
        seed, n = map(int, args.replay.split(":"))
        tasks = [(seed, n + 1, args.imports, n)]
    started = time.monotonic()
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        parts = pool.map(_job, tasks, chunksize=1)
    total = Figures()
    for part in parts:
        for name, value in vars(part).items():
            setattr(total, name, getattr(total, name) + value)
    total.seconds = time.monotonic() - started
    print(total.summary())
    for kind in ("tracebacks", "hangs", "escapes", "unnamed", "touched", "unbuildable"):
        for failure in getattr(total, kind)[: args.show]:
            print(f"--- {kind}: {failure}")
    return 1 if total.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
