"""Incremental ``diarium build``: what the last build into an output folder was made from.

The manifest (``.diarium-cache/<output folder>/`` beside the output folder) keeps the stamps of every
input (content, config, templates, code, options), every page's signature (generator.deps) and
the size and time of every file the build left in the output. A build whose inputs and output
are exactly as recorded writes nothing; otherwise only pages whose signature changed are rendered
and the others are hard-linked from the old output into the new one, which is then swapped in
as a whole as before — the published folder is never half-written.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import cached_property
from pathlib import Path

import jinja2

from generator.deps import code_stamp
from generator.files import cache_dir, file_stamp, tree_stamp, write_atomic
from generator.noticeboard import build_date
from generator.parsecache import ParseCache
from generator.problems import Problem
from generator.write import Output


class BuildCache:
    """The manifest and parse cache of the builds into one output folder."""

    def __init__(self, options, config, folder: Path | None = None):
        self.out = Path(options.out).resolve()
        self.folder = folder or cache_dir(self.out, self.out.name)
        self.inputs = {"options": [str(Path(options.content).resolve()), options.base_url, options.drafts,
                                   getattr(options, "search", None),
                                   build_date(options.today, os.environ).isoformat()],
                       "config": file_stamp(options.config),
                       "code": code_stamp(),
                       "templates": [tree_stamp(d) for d in config.template_dirs()],
                       "content": tree_stamp(options.content)}
        self.manifest = _read_json(self.folder / "manifest.json")
        self.signatures: dict[str, str] = {}  # page output → signature, for the manifest
        last = self.manifest.get("inputs") or {}
        same = bool(last) and _setup(last) == _setup(self.inputs)
        self.templates: dict[str, str] = dict(self.manifest.get("templates", {})) if same else {}
        self.index: dict[str, str] = {}  # index file → digest of its key, for the manifest
        self._last_index: dict[str, str] = self.manifest.get("index", {}) if same else {}

    @cached_property
    def records(self) -> ParseCache:
        """Read only when the content is loaded: an unchanged build does not need it."""
        return ParseCache.open(self._records_file())

    def bytecode(self) -> jinja2.FileSystemBytecodeCache:
        """Compiled templates, kept between builds: a one-page build need not compile them again.
        Jinja keys them by source; the options they are compiled with are diarium's code."""
        folder = self.folder / f"templates-{code_stamp()[:16]}-{jinja2.__version__}"
        folder.mkdir(parents=True, exist_ok=True)
        return jinja2.FileSystemBytecodeCache(str(folder))

    def unchanged(self) -> bool:
        """Nothing to do: same inputs, and the output is exactly what the last build left."""
        return self.manifest.get("inputs") == self.inputs and self.manifest.get("output") == tree_stamp(self.out)

    def warnings(self) -> list[Problem]:
        return [Problem(*p) for p in self.manifest.get("warnings", [])]

    def stale(self, pages, signer) -> list:
        """The pages to render: new ones, changed ones, and ones whose old file is not intact."""
        old, output = self.manifest.get("pages", {}), self.manifest.get("output", {})
        self.signatures = {p.output: signer.sign(p) for p in pages}
        return [p for p in pages if old.get(p.output) != self.signatures[p.output]
                or output.get(p.output) != file_stamp(self.out / p.output)]

    def carry_over(self, previous: BuildCache) -> None:
        """Go on from ``previous``, kept in memory by a long-running preview: its parse cache and
        the signatures of the pages written since, which are newer than any saved manifest."""
        self.__dict__["records"] = previous.records
        self.manifest = {"pages": dict(previous.signatures), "output": tree_stamp(self.out)}

    def changed(self, pages, signer) -> dict[str, str]:
        """The new signatures of those of ``pages`` whose signature changed; record them with
        ``written`` once they are written."""
        signatures = {p.output: signer.sign(p) for p in pages}
        return {rel: s for rel, s in signatures.items() if self.signatures.get(rel) != s}

    def written(self, signatures: dict[str, str]) -> None:
        self.signatures.update(signatures)

    def forget(self, page: str) -> None:
        """A page that no longer exists."""
        self.signatures.pop(page, None)

    def seed(self, output: Output, pages, stale) -> None:
        """Hard-link the unchanged pages of the old output into the new one."""
        old = str(self.out)
        for page in {p.output for p in pages} - {p.output for p in stale}:
            output.link(page, os.path.join(old, page))

    def keeper(self, output: Output):
        """``keep(rel, key)`` for generator.index: links the index file ``rel`` of the old output
        into the new one when it was made from the same key and is intact, and says whether it did."""
        stamps = self.manifest.get("output", {})

        def keep(rel: str, key: str) -> bool:
            digest = self.index[rel] = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()
            if self._last_index.get(rel) != digest or stamps.get(rel) is None \
                    or stamps.get(rel) != file_stamp(self.out / rel):
                return False
            output.link(rel, self.out / rel)
            return True
        return keep

    def save(self, pages: int, warnings: list[Problem], redactions: dict) -> None:
        """After a build that loaded the whole site: the manifest and the parse cache."""
        self.records.prune()
        self.records.save(self._records_file())
        for old in [*self.folder.glob("records-*"), *self.folder.glob("templates-*")]:
            if old not in (self._records_file(), Path(self.bytecode().directory)):
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        self.save_manifest(pages, warnings, redactions)

    def _records_file(self) -> Path:
        """Records parsed by other code may not fit this code: one folder per version of diarium."""
        return self.folder / f"records-{code_stamp()[:16]}"

    def save_manifest(self, pages: int, warnings: list[Problem], redactions: dict) -> None:
        manifest = {"inputs": self.inputs, "pages": self.signatures, "output": tree_stamp(self.out),
                    "templates": self.templates, "index": self.index,
                    "count": pages, "redactions": redactions,
                    "warnings": [[p.path, p.line, p.field, p.message, p.level] for p in warnings]}
        write_atomic(self.folder / "manifest.json", json.dumps(manifest))


def _setup(inputs: dict) -> dict:
    """What pages and index files are made with, content aside: while it is unchanged, the
    templates' digests (deps.Signer) and the index files' keys of the last build hold. Not the
    build date either: an index file's key holds whatever it shows of it."""
    return {**inputs, "content": None, "options": inputs.get("options", [])[:-1]}


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
