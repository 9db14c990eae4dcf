"""The build: load → link → render → write → index, with every problem reported at once."""
from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from jinja2 import TemplateError, TemplateSyntaxError

from generator.config import load_config
from generator.index import write_indexes
from generator.link import link_site
from generator.load import load_site
from generator.problems import ContentError, Problem
from generator.render import Page, Renderer, plan
from generator.write import Output

PARALLEL_FROM = 400  # pages; below this, starting worker processes costs more than it saves


@dataclass
class BuildOptions:
    content: Path = Path("content")
    out: Path = Path("site")
    config: Path = Path("config.yaml")
    base_url: str | None = None
    drafts: bool = False
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)


@dataclass
class BuildResult:
    pages: int
    seconds: float
    warnings: list[Problem]


def build(options: BuildOptions, progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the site; raises ContentError (with every problem) and leaves ``out`` untouched on failure."""
    started = time.perf_counter()
    config, warnings = load_config(options.config, options.base_url)
    site, content_warnings = load_site(options.content, config, options.drafts)
    link_site(site, config)
    renderer = Renderer(site, config)
    pages = plan(site, config)
    with Output(options.out) as output:
        _render_pages(renderer, pages, output, options.jobs, progress)
        for rel, source in renderer.static_files().items():
            output.copy(rel, source)
        write_indexes(site, config, output)
        output.commit()
    return BuildResult(len(pages), time.perf_counter() - started, warnings + content_warnings)


def _render_pages(renderer: Renderer, pages: list[Page], output: Output, jobs: int, progress) -> None:
    chunks = [range(i, min(i + 50, len(pages))) for i in range(0, len(pages), 50)]
    done = 0
    if jobs > 1 and len(pages) >= PARALLEL_FROM:
        global _JOB
        _JOB = (renderer, pages, output)  # inherited by the forked workers, never pickled
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for count in pool.imap_unordered(_render_chunk, chunks):
                done += count
                progress and progress(done, len(pages))
        return
    for chunk in chunks:
        done += _render_range(renderer, pages, output, chunk)
        progress and progress(done, len(pages))


_JOB: tuple | None = None


def _render_chunk(chunk: range) -> int:
    return _render_range(*_JOB, chunk)


def _render_range(renderer: Renderer, pages: list[Page], output: Output, chunk: range) -> int:
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
