"""Watching the site's files with watchdog, turning an editor's burst of events into one change.

Saving a file is often several events (write a temporary file, rename it over the old one,
close it); they are collected until the files have been quiet for ``QUIET`` seconds.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

QUIET = 0.015  # seconds without events that end a burst
LONGEST = 0.5  # a burst is cut here even if events keep coming
# Only changes: reading a large content folder (diarium itself, git, grep) would otherwise flood the
# kernel's event queue with "opened" and "closed without writing" until it overflows.
EVENTS = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
          DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class Watcher(FileSystemEventHandler):
    """Collects changed paths under ``folders`` (recursively) and the single ``files``."""

    def __init__(self, folders: list[Path], files: list[Path]):
        self.folders = {Path(f).resolve() for f in folders if Path(f).is_dir()}
        self.files = {Path(f).resolve() for f in files}
        self.changed: set[Path] = set()
        self.events = 0
        self.ready = threading.Condition()
        self.observer = Observer()
        for folder in self.folders:
            self.observer.schedule(self, str(folder), recursive=True, event_filter=EVENTS)
        for folder in {f.parent for f in self.files} - self.folders:
            self.observer.schedule(self, str(folder), recursive=False, event_filter=EVENTS)

    def on_any_event(self, event) -> None:
        if event.is_directory and event.event_type == "modified":
            return  # a folder's own "modified" only repeats what its entries' events say
        paths = {Path(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p}
        paths = {p for p in paths if p in self.files or any(p.is_relative_to(f) for f in self.folders)}
        if paths:
            with self.ready:
                self.changed |= paths
                self.events += 1
                self.ready.notify_all()

    def start(self) -> None:
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)

    def next_change(self, timeout: float) -> set[Path]:
        """Wait up to ``timeout`` seconds for a burst of changes and return its paths."""
        with self.ready:
            if not self.ready.wait_for(lambda: self.changed, timeout):
                return set()
            deadline = time.monotonic() + LONGEST
            while time.monotonic() < deadline:
                seen = self.events
                self.ready.wait(QUIET)
                if self.events == seen:
                    break
            changed, self.changed = self.changed, set()
        return changed
