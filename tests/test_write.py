"""The swap of a new site for the old one (generator.write): site/ is never missing or half-written,
and what killed builds leave behind is tidied by the next one."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import write
from generator.write import Output, exchange, remove_stale

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux only")


def _site(folder: Path, text: str) -> Path:
    (folder / "sub").mkdir(parents=True)
    (folder / "index.html").write_text(text)
    (folder / "sub" / "page.html").write_text(text)
    return folder


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@linux
def test_exchange_swaps_two_folders(tmp_path):
    a, b = _site(tmp_path / "a", "A"), _site(tmp_path / "b", "B")
    assert exchange(a, b)
    assert (a / "index.html").read_text() == "B" and (b / "sub" / "page.html").read_text() == "A"


@linux
def test_commit_swaps_in_one_rename_on_linux(tmp_path, monkeypatch):
    """site/ is never renamed away: the only change to it is the exchange."""
    final = _site(tmp_path / "site", "old")
    renamed = []
    real_rename = os.rename
    monkeypatch.setattr(write.os, "rename", lambda a, b: (renamed.append(Path(a)), real_rename(a, b)))
    with Output(final) as output:
        output.write("index.html", "new")
        output.commit()
    assert final not in renamed
    assert (final / "index.html").read_text() == "new" and not (final / "sub").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # the old site is gone


@pytest.mark.parametrize("killed_at", ["before", "after"])
def test_kill_around_the_swap_leaves_a_whole_site(tmp_path, monkeypatch, killed_at):
    """A kill just before or just after the exchange: site/ holds the old or the new site, whole."""
    final = _site(tmp_path / "site", "old")

    def kill(*args, **kwargs):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), Output(final) as output:
        output.write("index.html", "new")
        monkeypatch.setattr(write, "exchange", kill if killed_at == "before" else write.exchange)
        monkeypatch.setattr(write.shutil, "rmtree", kill)  # the clean-up after the swap, and __exit__'s
        output.commit()
    expected = "old" if killed_at == "before" or not sys.platform.startswith("linux") else "new"
    assert (final / "index.html").read_text() == expected


def test_without_exchange_a_kill_between_the_renames_is_repaired(tmp_path, monkeypatch):
    """Where the swap takes two renames, a kill between them leaves no site/; the next build puts
    the old one back before it starts, so a failed next build still leaves the last good site."""
    final = _site(tmp_path / "site", "old")
    monkeypatch.setattr(write, "exchange", lambda a, b: False)
    real_rename, calls = os.rename, []

    def rename(a, b):
        calls.append(a)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_rename(a, b)

    monkeypatch.setattr(write.os, "rename", rename)
    with pytest.raises(KeyboardInterrupt), Output(final) as output:
        output.write("index.html", "new")
        output.commit()
    monkeypatch.setattr(write.os, "rename", real_rename)
    assert not final.exists()
    dead = _dead_pid()
    (tmp_path / f".site.old-{os.getpid()}").rename(tmp_path / f".site.old-{dead}")  # as if killed
    with pytest.raises(RuntimeError), Output(final):
        raise RuntimeError("the next build fails")
    assert (final / "index.html").read_text() == "old"


def test_stale_temporaries_of_dead_builds_are_removed(tmp_path):
    final = _site(tmp_path / "site", "current")
    dead = _dead_pid()
    stale = [_site(tmp_path / f".site.tmp-{dead}", "half"), _site(tmp_path / f".site.old-{dead}", "older")]
    running = _site(tmp_path / f".site.tmp-{os.getppid()}", "another build, still running")
    unrelated = _site(tmp_path / f".other.tmp-{dead}", "not ours")
    remove_stale(final)
    assert not any(p.exists() for p in stale)
    assert running.exists() and unrelated.exists() and (final / "index.html").read_text() == "current"


def test_the_old_site_can_be_removed_in_the_background(tmp_path):
    final = _site(tmp_path / "site", "old")
    with Output(final, remove_later=True) as output:
        output.write("index.html", "new")
        output.commit()
    assert (final / "index.html").read_text() == "new" and not (final / "sub").exists()
    assert all(p.name.startswith(".site.trash-") for p in tmp_path.iterdir() if p.name != "site")
    write._removers[-1].wait(timeout=60)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_trash_of_a_dead_build_is_removed(tmp_path):
    final = _site(tmp_path / "site", "current")
    trash = _site(tmp_path / f".site.trash-{_dead_pid()}-123", "old")
    remove_stale(final)  # in the background: it may be the last build's remover at work
    write._removers[-1].wait(timeout=60)
    assert not trash.exists() and (final / "index.html").read_text() == "current"
