"""`diarium serve`: a real server on a free port over a temporary copy of the fixture site,
edited while it runs."""
from __future__ import annotations

import http.client
import json
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import ROOT, count_safe_starts, run_diarium

MEETING = "socialnamnden/2012-12-11"
WAIT = 20  # seconds any change may take to show (generous: CI machines are slow)


class Preview:
    """A running ``diarium serve`` and what it printed."""

    def __init__(self, site: Path, *extra: str):
        self.site = site
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", site / "content", "--config",
             site / "config.yaml", "--port", "0", "--no-search", *extra],
            cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue = queue.Queue()
        self.output: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.url = self._wait_for_url()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.output.append(line)
            self.lines.put(line)

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.proc.poll() is None, "".join(self.output)
                continue
            if match := re.search(r"(http://127\.0\.0\.1:\d+/)", line):
                return match.group(1)
        raise AssertionError("no URL printed:\n" + "".join(self.output))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def raw(self, target: str) -> int:
        """The status of a request sent exactly as written (no normalising of ``..``)."""
        host, port = self.url.split("//")[1].rstrip("/").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        try:
            connection.putrequest("GET", target, skip_host=False, skip_accept_encoding=True)
            connection.endheaders()
            return connection.getresponse().status
        finally:
            connection.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(timeout=5)


class Events:
    """The server-sent event stream, read in the background."""

    def __init__(self, url: str):
        self.response = urllib.request.urlopen(url + "__diarium/events", timeout=WAIT + 5)
        self.events: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        event = None
        try:
            for raw in self.response:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    self.events.put((event, json.loads(line[6:])))
        except (OSError, ValueError):
            pass

    def next(self, name: str):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                event, data = self.events.get(timeout=0.5)
            except queue.Empty:
                continue
            if event == name:
                return data
        raise AssertionError(f"no '{name}' event")



@pytest.fixture
def preview(site_dir: Path):
    (site_dir / "own-templates").mkdir()
    config = site_dir / "config.yaml"
    config.write_text("templates: own-templates\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    server = Preview(site_dir)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def shared_preview(tmp_path_factory):
    site = tmp_path_factory.mktemp("served") / "site-src"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", site)
    server = Preview(site)
    try:
        yield server
    finally:
        server.stop()


def eventually(check, what: str):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edits_templates_additions_deletions_and_ctrl_c(preview: Preview):
    content = preview.site / "content" / MEETING
    status, html = preview.get(f"/{MEETING}/02/")
    assert status == 200 and "/__diarium/live.js" in html
    edit(content / "02" / "item.md", 'title: "Ombyggnad:', 'title: "Förnyad ombyggnad:')
    eventually(lambda: "Förnyad ombyggnad" in preview.get(f"/{MEETING}/02/")[1], "the edited title")
    assert "Förnyad ombyggnad" in preview.get(f"/{MEETING}/")[1]  # the agenda lists it

    override = preview.site / "own-templates" / "document.html"
    override.write_text((ROOT / "templates" / "document.html").read_text(encoding="utf-8")
                        .replace("{% block main %}", "{% block main %}<p>Egen mall</p>"), encoding="utf-8")
    eventually(lambda: "Egen mall" in preview.get("/dokument/budgetplan-2013/")[1], "the new template")

    shutil.copytree(content / "03", content / "04")
    edit(content / "04" / "item.md", "number: 3", "number: 4")
    eventually(lambda: preview.get(f"/{MEETING}/04/")[0] == 200, "the added item")
    shutil.rmtree(content / "02")
    eventually(lambda: preview.get(f"/{MEETING}/02/")[0] == 404, "the deleted item to disappear")
    # the page is deleted before the agenda is rewritten, in the same rebuild: wait for both
    eventually(lambda: f"/{MEETING}/02/" not in preview.get(f"/{MEETING}/")[1], "the agenda to drop it")

    preview.stop()  # Ctrl-C
    assert preview.proc.returncode == 0 and "Stopped." in "".join(preview.output)


def test_errors_show_in_an_overlay_and_the_last_good_page_stays(shared_preview: Preview):
    preview = shared_preview
    item = preview.site / "content" / MEETING / "01" / "item.md"
    events = Events(preview.url)  # ends when the server stops
    assert events.next("problems") == []
    edit(item, "number: 1", "number: [1")
    problems = events.next("problems")
    assert problems and problems[0]["path"].endswith(f"{MEETING}/01/item.md") and problems[0]["line"] > 0
    status, html = preview.get(f"/{MEETING}/01/")
    assert status == 200 and "<h1" in html  # the last good page
    eventually(lambda: any("01/item.md:" in line and "error" in line for line in preview.output),
               "the error in the terminal")
    item.write_text(item.read_text(encoding="utf-8").replace("number: [1", "number: 1")
                    .replace("title: ", "title: Rättad "), encoding="utf-8")
    assert events.next("problems") == []
    assert f"/{MEETING}/01/" in events.next("reload")["urls"]
    assert "Rättad" in preview.get(f"/{MEETING}/01/")[1]


@pytest.mark.parametrize("target", ["/../manifest.json", "/%2e%2e/manifest.json", "/%2E%2E%2Fmanifest.json",
                                    "/..%2f..%2f..%2fconfig.yaml", "/../../../config.yaml", "//etc/passwd",
                                    "/%252e%252e/manifest.json", "/socialnamnden/..%5c..%5c..%5cmanifest.json",
                                    "/.%2e/manifest.json", "/static/../../manifest.json"])
def test_nothing_outside_the_output_is_served(target: str, shared_preview: Preview):
    assert (shared_preview.site / ".diarium-cache" / "preview" / "manifest.json").exists()  # one level up
    assert shared_preview.raw(target) == 404


def test_absolute_paths_are_not_served(shared_preview: Preview):
    config = (shared_preview.site / "config.yaml").resolve()
    assert shared_preview.raw(str(config)) == 404
    assert shared_preview.raw("/" + str(config)) == 404
    assert shared_preview.raw("/static/style.css") == 200


def test_drafts_are_previewed_but_never_built(shared_preview: Preview, tmp_path: Path):
    status, html = shared_preview.get("/dokument/utkast/")
    assert status == 200 and "badge-draft" in html and "Utkast" in html
    out = tmp_path / "site"
    run_diarium("build", "--content", shared_preview.site / "content", "--config",
                shared_preview.site / "config.yaml", "--out", out, "--quiet", "--no-search")
    assert not (out / "dokument" / "utkast").exists()
    assert "Hemligt utkast" not in (out / "dokument" / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_an_open_tab_reloads_by_itself_and_shows_errors(browser, shared_preview: Preview):
    item = shared_preview.site / "content" / MEETING / "02" / "item.md"
    page = browser.new_page(viewport={"width": 360, "height": 300})
    try:
        page.goto(shared_preview.url + f"{MEETING}/02/")
        page.evaluate("window.scrollTo(0, 150); window.notReloaded = true")
        edit(item, 'title: "', 'title: "Omladdad ')
        page.wait_for_function("!window.notReloaded && document.querySelector('h1').textContent.includes('Omladdad')",
                               timeout=WAIT * 1000)
        page.wait_for_function("window.scrollY === 150", timeout=WAIT * 1000)  # kept its place
        edit(item, "number: 2", "number: [2")
        overlay = page.wait_for_selector("#diarium-overlay", timeout=WAIT * 1000)
        assert f"{MEETING}/02/item.md:" in overlay.text_content()
        edit(item, "number: [2", "number: 2")
        page.wait_for_selector("#diarium-overlay", state="detached", timeout=WAIT * 1000)
    finally:
        page.close()


def test_preview_of_a_site_large_enough_for_worker_processes(tmp_path: Path, monkeypatch):
    """400+ pages: after a config edit the preview renders them all again with worker processes
    while its server and watcher threads run (so started from the fork server, not forked), patches
    an item edit, and writes the whole-site files in a child; all end up as a clean build makes them."""
    from generator.build import PARALLEL_FROM, BuildOptions, build
    from generator.serve.session import Session
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import generate
    content, config = generate(tmp_path / "content", 150), tmp_path / "config.yaml"
    config.write_text("title: Stor kommun\ndiary_prefixes: [SN, KS, VoN, UN]\n", encoding="utf-8")
    started = count_safe_starts(monkeypatch)
    session = Session(content, config, port=0, search=False, log=lambda *args, **kwargs: None)
    url = session.start()
    try:
        served, deadline = session.options.out, time.monotonic() + 6 * WAIT  # three steps, on a loaded machine
        config.write_text(config.read_text(encoding="utf-8").replace("Stor kommun", "Större kommun"), encoding="utf-8")
        while not ((outcome := session.step(0.1)) and outcome.everything):
            assert time.monotonic() < deadline, "the config edit was never applied"
        assert not outcome.failed and len(outcome.urls) >= PARALLEL_FROM and started
        item = min(content.glob("*/*/01/item.md"))
        text = item.read_text(encoding="utf-8")
        item.write_text(text.replace('\ntitle: "', '\ntitle: "Ändrad ', 1), encoding="utf-8")
        data = served / "data" / "items.json"
        while not (data.exists() and "Ändrad " in data.read_text(encoding="utf-8")):
            assert time.monotonic() < deadline, "the edit never reached the data files"
            session.step(0.1)
        while session.indexer.busy():  # the rest of the whole-site files
            assert time.monotonic() < deadline, "the whole-site files were never finished"
            time.sleep(0.1)
        page = item.parent.relative_to(content).as_posix()
        with urllib.request.urlopen(f"{url}{page}/", timeout=WAIT) as response:
            assert "Ändrad " in response.read().decode("utf-8")
    finally:
        session.stop()
    clean = tmp_path / "clean"
    build(BuildOptions(content=content, out=clean, config=config, base_url="/", drafts=True, search=False,
                       incremental=False))
    files = sorted(p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_file())
    assert sorted(p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_file()) == files
    assert [f for f in files if (served / f).read_bytes() != (clean / f).read_bytes()] == []
