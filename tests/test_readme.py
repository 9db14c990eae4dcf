"""#14 "Getting started": every command of the README's walkthrough runs, in order, in an empty
folder (the record is a bundled seed, so this runs on a clean clone); `diarium serve` is stopped
after it has answered one request."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from support import ROOT

SEED = ROOT / "tests/importer/seeds/000_6c6da5499a67e962.txt"


def walkthrough() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From an empty folder to a published site", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1, blocks
    return [line for line in blocks[0].splitlines() if line.strip()]


def test_the_readme_starts_with_what_diarium_is_and_two_set_up_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# diarium\n\ndiarium publishes")
    setup = readme.split("## Set up", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in setup.splitlines()] == [["make", "site"], ["make", "test"]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_until_it_answers(command: list[str], cwd: Path, env: dict) -> None:
    port = free_port()
    command = [str(port) if part == "8000" else part for part in command]
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stdout.read().decode()  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.status == 200 and b"<html" in response.read()
                    return
            except OSError:
                assert time.monotonic() < deadline, "diarium serve did not answer within 2 minutes"
                time.sleep(0.5)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)


def test_every_command_of_the_walkthrough_runs(tmp_path):
    shutil.copy(SEED, tmp_path / "kallelse.txt")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    cwd = tmp_path
    for line in walkthrough():
        for step in line.split("&&"):
            command = shlex.split(step)
            if command[0] == "cd":
                cwd = cwd / command[1]
            elif command[:2] == ["diarium", "serve"]:
                serve_until_it_answers(command, cwd, env)
            else:
                result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
                assert result.returncode == 0, (step, result.stdout, result.stderr)
    assert (cwd / "site/index.html").is_file()
    assert any((cwd / "content").rglob("meeting.md"))
