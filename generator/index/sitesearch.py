"""The site search: Pagefind run over the finished output folder, plus the dates of its pages.

Pagefind indexes only what the record templates mark with ``data-pagefind-body`` (see
templates/search-data.html for the filters and metadata) and writes its bundle to ``pagefind/``.
The binary comes from the ``pagefind[bin]`` wheel; nothing is downloaded.

Sorting by date does not use Pagefind's own sort: that puts a permutation of every page into the
meta file each query loads (31 kB of 130 kB at 10,000 items). Instead ``pagefind/dates/YYYY.json``
lists each year's pages by date; the search page loads a year only when a search sorts by date
(newest years first, until a page of results is full) or filters by that year.
"""
from __future__ import annotations

import gzip
import json
import subprocess
from collections import defaultdict
from pathlib import Path

from pagefind.service import get_executable

from generator.problems import ContentError, Problem
from generator.write import Output

SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the JSON of a decompressed fragment


def index_site(folder: Path) -> None:
    """Write the Pagefind bundle to ``folder/pagefind/``, replacing an earlier one whole (Pagefind
    itself would leave the old chunks beside the new when the preview is indexed again).
    Raises ContentError when Pagefind fails."""
    binary = get_executable()
    if binary is None:
        raise ContentError([Problem("pagefind", 0, "", "the Pagefind binary is missing (pip install 'pagefind[bin]')")])
    with Output(folder / "pagefind") as bundle:
        result = subprocess.run([str(binary), "--site", str(folder), "--output-path", str(bundle.tmp), "--silent"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines() or [f"exit status {result.returncode}"]
            raise ContentError([Problem("pagefind", 0, "", f"search indexing failed: {detail[-1]}")])
        write_dates(bundle)
        bundle.commit()


def fragments(bundle: Path):
    """(page id, record) for every page Pagefind indexed: its fragments are gzip'd JSON after a signature."""
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(SIGNATURE):
            raise ContentError([Problem(str(path), 0, "", "not a Pagefind fragment: unknown Pagefind version?")])
        yield path.stem, json.loads(data[len(SIGNATURE):])


def write_dates(bundle: Output) -> None:
    """``dates/YYYY.json``: {date: [page ids]} for the pages with a ``date`` meta (ISO date)."""
    years: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for page_id, record in fragments(bundle.tmp):
        when = record.get("meta", {}).get("date", "")
        if len(when) == 10:
            years[when[:4]][when].append(page_id)
    for year, dates in years.items():
        bundle.write(f"dates/{year}.json", json.dumps(dict(sorted(dates.items())), separators=(",", ":")))
