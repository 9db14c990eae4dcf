"""Warnings about published records that a person should look at before publishing: diary
numbers that are placeholders (``SN 2016:xx``) or malformed (``SN 201245``), and the doubts
``diarium import`` noted in a record's ``import.warnings``, which the pages show as they are."""
from __future__ import annotations

from generator.check.sources import Sources
from generator.diary import DiaryScheme
from generator.model import Site
from generator.noticeboard import latest_posting
from generator.problems import Problem

DOUBTFUL = {"placeholder": "a placeholder, not a diary number", "malformed": "a malformed diary number"}


def diary_number_warnings(sources: Sources, scheme: DiaryScheme) -> list[Problem]:
    problems = []
    for path, lines in sources.lines.items():
        for number, line in enumerate(lines, 1):
            problems += [Problem(path, number, "", f"'{m.text.strip()}' is {DOUBTFUL[m.problem]}", "warning")
                         for m in scheme.find(line) if m.problem in DOUBTFUL]
    return problems


def late_notice_warnings(site: Site, sources: Sources) -> list[Problem]:
    """Minutes announced on the notice board later than the second day after their adjustment."""
    return [Problem(n.source.path, sources.line_of(n.source.path, "posted:"), "posted",
                    f"posted on the notice board {n.posted}, later than kommunallagen allows (8 kap. 12 §: "
                    f"by the second day after the adjustment {n.adjusted}, i.e. {latest_posting(n.adjusted)})",
                    "warning")
            for n in (site.board.notices if site.board else []) if n.late and n.adjusted]


def import_warnings(site: Site, sources: Sources) -> list[Problem]:
    problems = []
    for record in site.content_records():
        for warning in getattr(record, "warnings", []):
            line = sources.line_of(record.source.path, warning[:40])
            problems.append(Problem(record.source.path, line, "import.warnings", f"published as is: {warning}",
                                    "warning"))
    return problems
