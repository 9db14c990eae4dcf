"""One ``diarium serve`` run: the preview builder, the watcher and the server, tied together."""
from __future__ import annotations

import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import cast

from generator.build import BuildOptions
from generator.config import BUNDLED_TEMPLATES, load_config
from generator.files import cache_dir
from generator.problems import ContentError
from generator.serve.indexer import Indexer
from generator.serve.preview import Outcome, Preview
from generator.serve.server import Hub, PreviewServer
from generator.serve.watch import Watcher

IDLE = 0.3  # seconds after the last rebuild before whole-site files (data, feeds, search) are refreshed


class Session:
    def __init__(self, content: Path, config: Path, drafts: bool = True, host: str = "127.0.0.1", port: int = 8000,
                 search: bool = True, log=None):
        state = cache_dir(config, "preview")
        self.options = BuildOptions(content=Path(content), out=state / "site", config=Path(config), base_url="/",
                                    drafts=drafts, search=search)
        self.preview = Preview(self.options, state)
        self.hub, self.log = Hub(), log or _say
        self.address = (host, port)
        self.indexer = Indexer(self.preview, search)
        self.indexes_due = False

    def start(self) -> str:
        """Build, start serving and watching; returns the site's URL."""
        self._publish(self.preview.rebuild())
        self.server = PreviewServer(self.address, self.options.out, self.hub)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.watcher = Watcher([self.options.content, *self._template_dirs()], [self.options.config])
        self.watcher.start()
        host, port = cast(tuple[str, int], self.server.server_address[:2])  # an IP socket's: never bytes
        return f"http://{host}:{port}/" if ":" not in host else f"http://[{host}]:{port}/"

    def step(self, timeout: float = IDLE) -> Outcome | None:
        """Wait for one change and apply it; when the files have been quiet, refresh whole-site files."""
        changed = self.watcher.next_change(timeout)
        if changed:
            outcome = self.preview.rebuild(changed)
            self._publish(outcome)
            return outcome
        if self.indexes_due and self.preview.site is not None and not self.indexer.busy():
            self.indexes_due = False
            self.indexer.start()
        return None

    def stop(self) -> None:
        self.watcher.stop()
        self.hub.close()
        self.server.shutdown()
        self.server.server_close()
        self.indexer.stop()
        if self.preview.site:
            self.preview.save()

    def _publish(self, outcome: Outcome) -> None:
        errors = [p for p in outcome.problems if p.level == "error"]
        for problem in outcome.problems:
            self.log(str(problem), file=sys.stderr)
        if errors:
            self.log(f"diarium: {len(errors)} error(s); the preview keeps showing the last good pages.",
                     file=sys.stderr)
        elif outcome.urls or outcome.everything:
            self.log(f"Rebuilt {len(outcome.urls)} page(s) in {1000 * outcome.seconds:.0f} ms.")
            self.indexes_due = True
        self.hub.send("problems", [asdict(p) for p in errors])
        if outcome.urls or outcome.everything:
            self.hub.send("reload", {"urls": outcome.urls, "everything": outcome.everything})

    def _template_dirs(self) -> list[Path]:
        try:
            return load_config(self.options.config)[0].template_dirs()
        except ContentError:
            return [BUNDLED_TEMPLATES]


def _say(*args, **kwargs) -> None:
    print(*args, **kwargs, flush=True)  # a terminal or a pipe sees each line as it happens
