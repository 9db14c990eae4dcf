"""Whole-site files of the preview (data files, feeds, calendars, search index), written in a
child process: on a large site they take seconds, and edits must not wait for them.

The child gets a pickled snapshot of the loaded site, so the preview can go on patching its own
copy meanwhile; files are replaced atomically, so the server never serves half of one. It is
started from a clean fork server, not forked from the preview, whose server and watcher threads
may hold locks a forked copy would wait on for ever (build.safe_context). One child at a time;
it reports back which files it wrote, so the next one can delete those that are no longer
written (the feed of a case that is gone).
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from generator.build import safe_context
from generator.index.sitesearch import index_site, shard_pages
from generator.pages import plan
from generator.problems import ContentError
from generator.serve.preview import write_whole_site


class Indexer:
    def __init__(self, preview, search: bool):
        self.preview, self.search = preview, search
        self.child: BaseProcess | None = None
        self.results: Connection | None = None

    def busy(self) -> bool:
        self.collect()
        return self.child is not None

    def start(self) -> None:
        context = safe_context()
        self.results, sender = context.Pipe(duplex=False)
        child = context.Process(target=_run, args=(self.preview.index_job(), self.search, sender), daemon=True)
        child.start()
        self.child = child
        sender.close()

    def collect(self) -> None:
        """Take the child's report once it is done."""
        results = self.results
        if self.child is None or self.child.is_alive() or results is None:
            return
        try:
            written = results.recv() if results.poll() else None
        except (EOFError, OSError):  # the child ended without a report: the next one writes everything
            written = None
        if written is not None:
            self.preview.index_files = written
        results.close()
        self.child.join()
        self.child = None

    def stop(self) -> None:
        if self.child is None:
            return
        assert self.child.pid is not None  # set by start()
        try:
            os.killpg(self.child.pid, signal.SIGTERM)  # with Pagefind, if it is running
        except ProcessLookupError:  # not yet in a group of its own, or already gone
            self.child.terminate()
        self.child.join(timeout=5)
        if self.child.is_alive():
            self.child.kill()
            self.child.join()
        self.child = None


def _run(job: bytes, search: bool, sender) -> None:
    os.setpgrp()  # its own process group: stop() ends Pagefind along with it
    site, config, folder, previous = pickle.loads(job)
    try:
        sender.send(write_whole_site(site, config, folder, previous or set()))
        if search:
            index_site(folder, plan(site, config), shard_pages(config))
    except ContentError as exc:
        sender.send(None)
        print("\n".join(map(str, exc.problems)), file=sys.stderr, flush=True)
    except Exception as exc:  # noqa: BLE001 - a background refresh must not take the preview down
        sender.send(None)
        print(f"diarium: refreshing data files, feeds and search failed: {exc!r}", file=sys.stderr, flush=True)
