"""The build: load → link → render → write → index, with every problem reported at once."""
from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError, TemplateSyntaxError

from generator.config import Config, load_config
from generator.deps import Signer
from generator.incremental import BuildCache
from generator.index import write_indexes
from generator.index.sitesearch import index_site, shard_pages
from generator.link import derive, link_site
from generator.load import load_site
from generator.model import Site
from generator.noticeboard import build_date
from generator.pages import Page, plan
from generator.problems import ContentError, Problem
from generator.redact import redact_site
from generator.render import Renderer
from generator.write import Destination, Output, remove_stale

PARALLEL_FROM = 400  # pages; below this, starting worker processes costs more than it saves


@dataclass
class BuildOptions:
    content: Path = Path("content")
    out: Path = Path("site")
    config: Path = Path("config.yaml")
    base_url: str | None = None
    drafts: bool = False
    search: bool = True  # run Pagefind over the output (--no-search skips it)
    incremental: bool = True  # render only pages whose inputs changed since the last build (generator.incremental)
    today: str | None = None  # the build date the notice board is for (--today); else SOURCE_DATE_EPOCH or today
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)


@dataclass
class BuildResult:
    pages: int
    seconds: float
    warnings: list[Problem]
    redactions: dict[str, int] = field(default_factory=dict)  # replacements per redaction rule
    site: Site | None = None  # the published model, for `diarium check`
    config: Config | None = None


def build(options: BuildOptions, progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the site; raises ContentError (with every problem) and leaves ``out`` untouched on failure."""
    started = time.perf_counter()
    # first: a site a killed build left aside comes back, even when this build fails
    remove_stale(Path(options.out).resolve())
    config, warnings = load_config(options.config, options.base_url)
    cache = BuildCache(options, config) if options.incremental else None
    if cache and cache.unchanged():  # the output is exactly what these inputs give: write nothing
        return BuildResult(cache.manifest["count"], time.perf_counter() - started, warnings + cache.warnings(),
                           cache.manifest["redactions"], None, config)
    site, content_warnings, redactions = load_and_link(options, config, cache and cache.records)
    renderer = Renderer(site, config)
    if cache:
        renderer.env.bytecode_cache = cache.bytecode()
    pages = plan(site, config)
    signer = cache and Signer(site, renderer, cache.records, f"drafts={options.drafts}", cache.templates)
    stale = cache.stale(pages, signer) if cache else pages
    with Output(options.out, remove_later=True) as output:
        if cache:
            cache.seed(output, pages, stale)
        render_pages(renderer, stale, output, options.jobs, progress)
        for rel, source in renderer.static_files().items():
            output.copy(rel, source)
        copy_originals(site, options.content, output)
        write_indexes(site, config, output, cache.keeper(output) if cache else None)
        if options.search:  # with a cache, only the shards of pages rendered again are indexed again
            index_site(output.tmp, pages, shard_pages(config), {p.output for p in stale} if cache else None,
                       Path(options.out).resolve() / "pagefind" if cache else None)
        output.commit()
    if cache:
        cache.save(len(pages), warnings + content_warnings, redactions)
    return BuildResult(len(pages), time.perf_counter() - started, warnings + content_warnings, redactions,
                       site, config)


def load_and_link(options: BuildOptions, config: Config, records=None) -> tuple[Site, list[Problem], dict]:
    """The linked model of the content: load → redact → link. Returns it, its warnings and redactions."""
    site, warnings = load_site(options.content, config, options.drafts, records)
    redactions = redact_site(site, config)
    link_site(site, config)
    derive(site, config, build_date(options.today, os.environ))
    return site, warnings, redactions


def copy_originals(site: Site, content: Path, output: Destination) -> None:
    """The originals beside the records' pages (``original:``), copied on every build: what is
    published is the file as it is now, even when its record and its size are unchanged."""
    for rel, source in site.originals().items():
        output.copy(rel, Path(content).parent / source)


def render_pages(renderer: Renderer, pages: list[Page], output: Destination, jobs: int, progress) -> None:
    chunks = [range(i, min(i + 50, len(pages))) for i in range(0, len(pages), 50)]
    done = 0
    if jobs > 1 and len(pages) >= PARALLEL_FROM:
        with _workers(renderer, pages, output, jobs) as pool:
            for count in pool.imap_unordered(_render_chunk, chunks):
                done += count
                progress and progress(done, len(pages))
        return
    for chunk in chunks:
        done += _render_range(renderer, pages, output, chunk)
        progress and progress(done, len(pages))


_JOB: tuple[Renderer, list[Page], Destination] | None = None  # (renderer, pages, output) in a worker


def _workers(renderer: Renderer, pages: list[Page], output, jobs: int):
    """Worker processes that render ``pages``. Forking is quickest (the workers inherit the loaded
    site), but a fork of a process running other threads (the preview's server and watcher) may
    copy a lock one of them holds and hang; there the workers start clean (safe_context) and get
    the site, pickled once."""
    global _JOB
    if threading.active_count() == 1:
        renderer.compile_all()  # once, inherited by every worker
        _JOB = (renderer, pages, output)  # inherited by the forked workers, never pickled
        return multiprocessing.get_context("fork").Pool(jobs)
    job = pickle.dumps((renderer.site, renderer.config, pages, output), protocol=pickle.HIGHEST_PROTOCOL)
    return safe_context().Pool(jobs, initializer=_adopt, initargs=(job,))


def safe_context():
    """Processes started from a clean fork server (spawned where there is none): safe in a process
    with threads; the server has diarium imported already, so they start quickly."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["generator.build", "generator.serve.indexer"])
    return context


def _adopt(job: bytes) -> None:
    global _JOB
    site, config, pages, output = pickle.loads(job)
    _JOB = (Renderer(site, config), pages, output)


def _render_chunk(chunk: range) -> int:
    assert _JOB is not None
    return _render_range(*_JOB, chunk)


def _render_range(renderer: Renderer, pages: list[Page], output: Destination, chunk: range) -> int:
    for index in chunk:
        page = pages[index]
        try:
            output.write(page.output, renderer.render(page))
        except TemplateError as exc:
            raise ContentError([_template_problem(exc, page)]) from None
    return len(chunk)


def _template_problem(exc: TemplateError, page: Page) -> Problem:
    if isinstance(exc, TemplateSyntaxError):
        return Problem(exc.filename or exc.name or page.template, exc.lineno, "", f"template error: {exc.message}")
    source = getattr(page.record, "source", None)
    where = f" (rendering {source.path})" if source else ""
    return Problem(f"templates/{page.template}", 0, "", f"template error: {exc}{where}")
