"""``diarium check``: validate the content, build it into a temporary folder and check the result.

Exits 1 on any error, with one line per finding (file, line, what is wrong), or a JSON report with
``--json``. Findings in a built page name the content file that caused them when its text is found
there, otherwise the page and its template.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generator.build import BuildOptions, BuildResult, build
from generator.check import html, links
from generator.check.personal import find_personal_data
from generator.check.published import find_redacted, published_texts
from generator.check.review import diary_number_warnings, import_warnings, late_notice_warnings
from generator.check.sources import Sources
from generator.config import Config
from generator.console import CONTENT_ERROR, add_site_arguments
from generator.model import Site
from generator.pages import Page, plan
from generator.problems import ContentError, Problem
from generator.redact import Redactor


@dataclass
class Report:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    redactions: dict[str, int] = field(default_factory=dict)
    html_validation: str = "not run"
    pages: int = 0
    links: int = 0

    def add(self, problems: list[Problem]) -> None:
        self.errors += [p for p in problems if p.level == "error"]
        self.warnings += [p for p in problems if p.level != "error"]

    def as_text(self) -> str:
        lines = [str(p) for p in self.errors + self.warnings]
        lines += [f"redaction rule {rule!r}: {n} replacement(s)" for rule, n in self.redactions.items()]
        lines.append(f"HTML validation: {self.html_validation}")
        lines.append(f"diarium check: {self.pages} page(s), {self.links} internal link(s) checked; "
                     f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)")
        return "\n".join(lines)

    def as_json(self) -> str:
        report = asdict(self)
        report["ok"] = not self.errors
        return json.dumps(report, ensure_ascii=False, indent=1)


def register(parser: argparse.ArgumentParser) -> None:
    add_site_arguments(parser)
    parser.add_argument("--base-url", help="URL the site will be published at (as for diarium build)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--skip-html", action="store_true", help="skip HTML validation with the Nu Html Checker")


def run(args: argparse.Namespace) -> int:
    report = check(args.content, args.config, args.base_url, validate_html=not args.skip_html)
    print(report.as_json() if args.json else report.as_text())
    return CONTENT_ERROR if report.errors else 0


def check(content: Path, config: Path, base_url: str | None = None, validate_html: bool = True) -> Report:
    report = Report()
    with tempfile.TemporaryDirectory(prefix="diarium-check-") as tmp:
        out = Path(tmp) / "site"
        try:
            result = build(BuildOptions(content=Path(content), out=out, config=Path(config), base_url=base_url,
                                        incremental=False))  # a gate checks a whole fresh build
        except ContentError as exc:
            report.add(exc.problems)
            report.html_validation = "not run: the build failed"
            return report
        assert result.site and result.config, "a build that is not incremental returns its model"
        places = _inspect(report, result, result.site, result.config, out, Path(content))
        report.add(_config_warnings(result.config, result.redactions))
        if validate_html:
            _validate_html(report, out, places)
        else:
            report.html_validation = "skipped (--skip-html)"
    return report


def _inspect(report: Report, result: BuildResult, site: Site, config: Config, out: Path, content: Path) -> Places:
    sources = Sources(site, content, Redactor(config))
    places = Places({page.output: page for page in plan(site, config)}, sources)
    report.pages, report.redactions = result.pages, result.redactions
    report.add(result.warnings)
    broken, report.links = links.check_links(out, config)
    report.add(places.problems((b.page, b.target, f"broken link to '{b.target}': {b.why}", 0) for b in broken))
    published = [(places.origin(rel), text) for rel, text in published_texts(out)]
    report.add(find_personal_data(sources, config, published) + find_redacted(config, published))
    report.add(diary_number_warnings(sources, site.scheme) + import_warnings(site, sources))
    report.add(late_notice_warnings(site, sources))
    return places


def _config_warnings(config: Config, redactions: dict[str, int]) -> list[Problem]:
    problems = [config.problem("redact", f"rule {rule!r} made no replacement", "warning")
                for rule, n in redactions.items() if n == 0]
    return problems + config.host_warning()


def _validate_html(report: Report, out: Path, places: Places) -> None:
    command, report.html_validation = html.find_checker()
    if command:
        pages = sum(1 for _ in out.rglob("*.html"))
        with Progress(pages) as progress:
            invalid = html.validate(out, command, progress)
        report.add(places.problems((i.page, "", f"invalid HTML: {i.message}", i.line) for i in invalid))


class Progress:
    """The HTML check takes half a minute: on a terminal a line counting the pages checked,
    rewritten in place; in a log (CI) one line when it starts and one when it ends."""

    def __init__(self, pages: int, stream=None):
        self.pages, self.stream = pages, stream or sys.stderr
        self.live = self.stream.isatty()
        self.shown = 0

    def __enter__(self) -> Progress:
        if not self.live:
            print(f"Checking HTML of {self.pages} pages…", file=self.stream, flush=True)
        return self

    def __call__(self, checked: int) -> None:
        if self.live and (checked == self.pages or checked - self.shown >= max(1, self.pages // 100)):
            self.shown = checked
            print(f"\rChecking HTML: {min(checked, self.pages)}/{self.pages} pages", end="", file=self.stream,
                  flush=True)

    def __exit__(self, *exc) -> None:
        end = "\r\033[K" if self.live else ""
        print(f"{end}Checked HTML of {self.pages} pages", file=self.stream, flush=True)


class Places:
    """Names the place a finding in a built page comes from: the content file whose text contains
    ``needle``, else the page's template, where the same finding on many pages is reported once."""

    def __init__(self, pages: dict[str, Page], sources: Sources):
        self.pages, self.sources = pages, sources
        self.seen: set[tuple[str, str]] = set()

    def problems(self, findings) -> list[Problem]:
        """``findings``: (output file, needle, message, line in the output)."""
        return [p for p in (self._problem(*f) for f in findings) if p]

    def origin(self, output: str) -> str:
        """The content file behind a published file, else the file as published (``""``: its URLs)."""
        page = self.pages.get(output)
        source = getattr(page.record, "source", None) if page else None
        return source.path if source else f"published {output or 'URLs'}"

    def _problem(self, output: str, needle: str, message: str, line: int) -> Problem | None:
        page = self.pages.get(output)
        shown = [page.record, *getattr(page.record, "documents", [])] if page else []  # an item shows its papers
        for path in [r.source.path for r in shown if hasattr(r, "source")] if needle else []:
            found = self.sources.line_of(path, needle, 0)
            if found:
                return Problem(path, found, "", message)
        where = f"templates/{page.template}" if page else output
        if (where, message) in self.seen:
            return None
        self.seen.add((where, message))
        at = f" (first on page {page.url}" + (f", line {line})" if line else ")") if page else ""
        return Problem(where, 0 if page else line, "", message + at)
