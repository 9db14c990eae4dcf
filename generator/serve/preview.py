"""The preview's builder: the site kept loaded in memory and brought up to date after each change.

A change inside a meeting folder reloads just that meeting (patch.py); a template change
re-renders the pages whose templates changed; anything else (config.yaml, a committee, a
stand-alone document, UI strings) loads the whole site again through the parse cache. Each way,
only pages whose signature (generator.deps) changed are rendered, and pages that no longer exist
are deleted. A change with errors changes nothing: the last good pages stay served.
"""
from __future__ import annotations

import os
import pickle
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.build import BuildOptions, copy_originals, load_and_link, render_pages
from generator.config import Config, load_config
from generator.deps import Signer
from generator.files import tree_stamp
from generator.incremental import BuildCache
from generator.index import write_indexes
from generator.link import derive
from generator.load import Loader
from generator.model import Case, Site
from generator.noticeboard import build_date
from generator.pages import Page, derived_pages, latest_meetings, plan
from generator.problems import ContentError, Problem
from generator.render import Renderer
from generator.serve.inplace import InPlace
from generator.serve.patch import apply, cases_of, read_meeting

SEARCH = "pagefind/"  # the search bundle: written by Pagefind, not by write_indexes


@dataclass
class Outcome:
    urls: list[str] = field(default_factory=list)  # pages rewritten or deleted
    everything: bool = False  # stylesheets or the whole site changed: every open tab reloads
    problems: list[Problem] = field(default_factory=list)  # errors (then nothing was changed) and warnings
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return any(p.level == "error" for p in self.problems)


@dataclass
class Changes:
    """Changed paths sorted by what they affect."""

    meetings: set[Path] = field(default_factory=set)
    templates: bool = False
    static: bool = False
    full: bool = False


@dataclass
class Loaded:
    """What the last full rebuild loaded; each edit patches it."""

    config: Config
    cache: BuildCache
    site: Site
    renderer: Renderer
    touched: dict  # generator.serve.patch: the cases each meeting touches


class Preview:
    def __init__(self, options: BuildOptions, state: Path):
        self.options, self.state = options, state
        self.output = InPlace(options.out)
        self.loaded: Loaded | None = None  # None until the first full rebuild, and after an internal error
        self.pages: dict[str, Page] = {}  # output path → page
        self.listings: list[Page] = []  # pages of no one record (home, indexes): candidates after every edit
        self.index_files: set[str] | None = None  # written by write_indexes
        self.pending: set[Path] = set()  # changes not applied yet because they had errors
        self.templates: dict[str, str] = {}  # template name → digest, shared by the signers

    @property
    def site(self) -> Site | None:
        return self.loaded.site if self.loaded else None

    @property
    def now(self) -> Loaded:
        """The loaded site; every change but a full one is applied to it."""
        if self.loaded is None:
            raise RuntimeError("the preview has not loaded a site yet")
        return self.loaded

    def rebuild(self, changed=()) -> Outcome:
        """Apply ``changed`` (absolute paths; empty: build everything)."""
        started = time.perf_counter()
        paths = self.pending | set(changed)
        changes = self.classify(paths)
        try:
            outcome = self._apply(changes)
        except ContentError as exc:
            self.pending = paths
            return Outcome(problems=exc.problems, seconds=time.perf_counter() - started)
        except Exception as exc:  # a bug must not end the preview: report it, rebuild everything next time
            traceback.print_exc()
            self.pending, self.loaded = paths, None
            return Outcome(problems=[Problem("diarium", 0, "", f"internal error: {exc!r}")])
        self.pending = set()
        outcome.seconds = time.perf_counter() - started
        return outcome

    def _apply(self, changes: Changes) -> Outcome:
        if changes.full:
            return self._full()
        outcome = Outcome()
        if changes.meetings:
            outcome = self._patch(changes.meetings)
        if changes.templates:
            compiled = self.now.renderer.env.cache
            if compiled is not None:  # a new override may hide a template already compiled
                compiled.clear()
            self.templates.clear()
            outcome.urls += self._render(list(self.pages.values()))
        if changes.static:
            self._copy_static(self.now.renderer)
            outcome.everything = True
        return outcome

    def classify(self, paths) -> Changes:
        changes = Changes(full=self.loaded is None)
        content = Path(self.options.content).resolve()
        template_dirs = [d.resolve() for d in self.loaded.config.template_dirs()] if self.loaded else []
        for path in paths:
            if _scratch(path.name):
                continue
            if path.is_relative_to(content):
                self._classify_content(content, path.relative_to(content).parts, changes)
            elif folder := next((d for d in template_dirs if path.is_relative_to(d)), None):
                parts = path.relative_to(folder).parts
                area = parts[0] if len(parts) > 1 else ""
                changes.static |= area == "static"
                changes.templates |= area not in ("static", "i18n")
                changes.full |= area == "i18n"
            elif path == Path(self.options.config).resolve():
                changes.full = True
        return changes

    def _classify_content(self, content: Path, parts: tuple, changes: Changes) -> None:
        if any(p.startswith((".", "_")) for p in parts):
            return  # not content (docs/content-format.md)
        committees = {c.id for c in self.loaded.site.committees} if self.loaded else set()
        if len(parts) >= 2 and parts[0] in committees and parts[1] != "committee.md":
            changes.meetings.add(content / parts[0] / parts[1])
        elif len(parts) < 3 or parts[-1].endswith(".md"):
            changes.full = True  # a committee, a stand-alone document, or a new committee folder

    def _full(self) -> Outcome:
        """Load everything again (unchanged files come from the parse cache)."""
        config, warnings = load_config(self.options.config, self.options.base_url)
        config.show_import_warnings = True  # staff preview: the importer's QA notes are for them
        cache = BuildCache(self.options, config, self.state)
        if self.loaded is not None:  # what is in memory is newer than what was saved
            cache.carry_over(self.loaded.cache)
        elif not cache.manifest:
            self.output.clear()  # left by a run whose state is lost: nothing in it can be trusted
        site, more, _ = load_and_link(self.options, config, cache.records)
        renderer = Renderer(site, config)
        pages = plan(site, config)
        self.templates.clear()
        stale = cache.stale(pages, Signer(site, renderer, cache.records, self._key(), self.templates))
        render_pages(renderer, stale, self.output, self.options.jobs, None)
        kept = {p.output for p in pages}
        for rel in set(self.pages or cache.manifest.get("pages", {})) - kept:
            self.output.remove(rel)
        self.loaded = Loaded(config, cache, site, renderer, cases_of(site))
        self.pages = {p.output: p for p in pages}
        self.listings = [p for p in pages if p.record is None]
        renderer.compile_all()  # workers rendered: compile here too
        self._copy_static(renderer)
        copy_originals(site, self.options.content, self.output)
        if self.index_files is None:  # what an earlier run left besides pages: its whole-site files
            files = {rel for rel in tree_stamp(self.output.final) if not rel.endswith("/")}
            files -= kept | set(renderer.static_files()) | set(site.originals())
            self.index_files = {f for f in files if not f.startswith(SEARCH)}
        cache.save(len(pages), [], {})
        return Outcome([p.url for p in stale], everything=True, problems=warnings + more)

    def _patch(self, folders: set[Path]) -> Outcome:
        """Reload the meeting folders ``folders``; render what they affect."""
        now = self.now
        site, config = now.site, now.config
        loader = Loader(Path(self.options.content), config, self.options.drafts, now.cache.records)
        loader.scheme = site.scheme
        reloads = [read_meeting(site, config, loader, f) for f in sorted(folders)]
        if any(p.level == "error" for p in loader.problems):
            raise ContentError(sorted(loader.problems))
        old = {_output(x) for r in reloads if r.old for x in _subtree(r.old)} & self.pages.keys()
        old |= {p.output for p in derived_pages(site)}
        numbers = set().union(*(apply(site, r, now.touched) for r in reloads))
        derive(site, config, build_date(self.options.today, os.environ))  # people, notice board
        now.renderer.env.globals["latest"] = latest_meetings(site, config)
        fragment = Site(committees=[replace(r.committee, meetings=[r.new]) for r in reloads if r.new],
                        cases={n: site.cases[n] for n in numbers if n in site.cases})
        copy_originals(fragment, self.options.content, self.output)  # a changed PDF changes its meeting folder
        shown = {*fragment.cases.values(), *(x for r in reloads if r.new for x in _subtree(r.new))}
        new = [p for p in plan(fragment, config) if p.record in shown] + derived_pages(site)
        gone = ({*old, *(_output(Case(n)) for n in numbers)} - {p.output for p in new}) & self.pages.keys()
        for rel in gone:
            self.output.remove(rel)
            now.cache.forget(rel)
        removed = [self.pages.pop(rel).url for rel in gone]
        self.pages.update({p.output: p for p in new})
        around = [self.pages[_output(r.committee)] for r in reloads] + self.listings
        return Outcome(self._render(new + around) + removed, problems=sorted(loader.problems))

    def _render(self, candidates: list[Page]) -> list[str]:
        """Render the pages among ``candidates`` whose signature changed; returns their URLs."""
        now = self.now
        signer = Signer(now.site, now.renderer, now.cache.records, self._key(), self.templates)
        signatures = now.cache.changed(candidates, signer)
        stale = [p for p in candidates if p.output in signatures]
        render_pages(now.renderer, stale, self.output, self.options.jobs, None)
        now.cache.written(signatures)  # only once written: a failed render is tried again
        return [p.url for p in stale]

    def _copy_static(self, renderer: Renderer) -> None:
        for rel, source in renderer.static_files().items():
            self.output.copy(rel, source)

    def _key(self) -> str:
        return f"drafts={self.options.drafts}"

    def write_indexes(self) -> set[str]:
        """The whole-site files, written here and now (the Indexer writes them in a child process)."""
        now = self.now
        self.index_files = write_whole_site(now.site, now.config, self.output.final, self.index_files or set())
        return self.index_files

    def index_job(self) -> bytes:
        """What ``write_whole_site`` needs, pickled: a snapshot that later edits do not change."""
        return pickle.dumps((self.now.site, self.now.config, self.output.final, self.index_files),
                            protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Remember the pages' signatures, so the next ``diarium serve`` starts quickly."""
        self.now.cache.save_manifest(len(self.pages), [], {})


def write_whole_site(site: Site, config: Config, folder: Path, previous: set[str]) -> set[str]:
    """Data files, feeds, calendars (whole-site files, written when the editing pauses) into the
    served ``folder``; those of ``previous`` no longer written (the feed of a case that is gone)
    are deleted. Returns the files written."""
    output = InPlace(folder)
    output.written = set()
    write_indexes(site, config, output)
    for rel in previous - output.written:
        output.remove(rel)
    return output.written


def _subtree(meeting) -> list:
    return [meeting, *meeting.records()]


def _output(record) -> str:
    return Page(record.url, "").output


def _scratch(name: str) -> bool:
    """Editors' temporary, swap and backup files: they come and go around every save."""
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))
