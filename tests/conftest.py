"""Shared fixtures: the hand-made fixture site, builds of it, and a real headless browser."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from support import CHROMIUM, FIXTURE, MINUTES, ROOT, build_into


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """A private, editable copy of the fixture site (config.yaml + content/)."""
    target = tmp_path / "site-src"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory) -> Path:
    """The fixture site built once per test session (read-only for tests)."""
    return build_into(FIXTURE, tmp_path_factory.mktemp("built") / "site")


@pytest.fixture(scope="session")
def built_content(tmp_path_factory) -> Path:
    """The bundled site (content/ and config.yaml at the top of the repository) built once per session."""
    return build_into(ROOT, tmp_path_factory.mktemp("built-content") / "site")


@pytest.fixture
def minutes_dir(tmp_path: Path) -> Path:
    """A private, editable copy of the minutes fixture site."""
    target = tmp_path / "minutes-src"
    shutil.copytree(MINUTES, target)
    return target


@pytest.fixture(scope="session")
def built_minutes(tmp_path_factory) -> Path:
    """The minutes fixture site built once per test session (read-only for tests)."""
    return build_into(MINUTES, tmp_path_factory.mktemp("built-minutes") / "site")


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright (never a downloaded browser). One per test
    module: Playwright's thread must be gone when test_build checks that workers fork only from a
    process without other threads.

    Skipped where Chromium is missing, except in CI (DIARIUM_REQUIRE_BROWSER=1), where that fails."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("DIARIUM_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing but browser tests are required here")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def serve_dir():
    """Serve a folder over HTTP on 127.0.0.1 (a free port); yields a function folder → base URL."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(SimpleHTTPRequestHandler, directory=str(folder))
        handler.log_message = lambda *a: None
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


AXE = ROOT / ".tools/node_modules/axe-core/axe.min.js"


@pytest.fixture(scope="session")
def axe() -> Path:
    """axe-core (npm, installed by .ci/run into .tools/): skipped without it, except in CI."""
    if not AXE.is_file():
        if os.environ.get("DIARIUM_REQUIRE_BROWSER"):
            pytest.fail(f"{AXE} is missing but accessibility tests are required here")
        pytest.skip("axe-core is not installed (npm install --ignore-scripts --prefix .tools axe-core)")
    return AXE
