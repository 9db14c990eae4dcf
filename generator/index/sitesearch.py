"""The site search: Pagefind bundles of the finished output folder, one per shard, plus the dates of
their pages.

Pagefind indexes only what the record templates mark with ``data-pagefind-body`` (see
templates/search-data.html for the filters and metadata). One index over a whole large site does
not fit in memory (6.2 GB at 30,000 items, issue #15), so the pages are indexed in shards, one
after the other (peak memory is that of the largest shard): one shard per committee, split by year
when a committee has more than ``search.shard_pages`` record pages, and one for the records of no
committee. Each shard is a complete Pagefind bundle in ``pagefind/<shard>/``, written by Pagefind's
Python API (``pagefind[bin]``, nothing is downloaded); ``pagefind/shards.json`` lists them, and the
search page merges them with Pagefind's multisite API (``mergeIndex``). A shard whose pages are
those of the last build and none of them changed is linked from the last build, not indexed again.

Sorting by date does not use Pagefind's own sort: that puts a permutation of every page into the
meta file each query loads (31 kB of 130 kB at 10,000 items). Instead ``pagefind/dates/YYYY.json``
lists each year's pages by date (merged from the shards' own ``dates/``); the search page loads a
year only when a search sorts by date (newest years first, until a page of results is full) or
filters by that year.
"""
from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import os
import shutil
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

from pagefind.index import PagefindIndex
from pagefind.service import get_executable

from generator.config import Config
from generator.pages import Page
from generator.problems import ContentError, Problem
from generator.write import Output

SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the JSON of a decompressed fragment
MANIFEST = "shards.json"
NO_COMMITTEE = "_ovrigt"  # the shard of records of no committee (committee ids are slugs: no clash)
SHARD_PAGES = 5000  # default of search.shard_pages: about 0.6 GB of Pagefind's memory
BATCH = 64  # pages sent to Pagefind at once: its service answers them in any order


def index_site(folder: Path, pages: list[Page], shard_pages: int, changed: set[str] | None = None,
               previous: Path | None = None) -> None:
    """Write the shards of ``pages`` (rendered in ``folder``) to ``folder/pagefind/``, replacing an
    earlier bundle whole. With ``previous`` (the last build's ``pagefind/``) and ``changed`` (the
    outputs of the pages rendered again), a shard of the same pages, none changed, is linked from
    it. Raises ContentError when Pagefind fails."""
    if get_executable() is None:
        raise ContentError([Problem("pagefind", 0, "", "the Pagefind binary is missing (pip install 'pagefind[bin]')")])
    old = _read_manifest(previous) if previous is not None and changed is not None else {}
    with Output(folder / "pagefind") as bundle:
        manifest: dict[str, str] = {}
        empty: dict[str, str] = {}  # shards of pages none of which is indexed (person pages): no bundle
        for name, members in shards(pages, shard_pages).items():
            digest = _digest(members)
            if changed is not None and digest in (old.get("shards", {}).get(name), old.get("empty", {}).get(name)) \
                    and not any(p.output in changed for p in members):
                if name in old.get("shards", {}):
                    assert previous is not None
                    shutil.copytree(previous / name, bundle.tmp / name, copy_function=_link)
            else:
                _index_shard(folder, members, bundle.tmp / name)
            (manifest if (bundle.tmp / name).is_dir() else empty)[name] = digest
        write_dates(bundle, list(manifest))
        bundle.write(MANIFEST, json.dumps({"pagefind": version("pagefind"), "shards": manifest, "empty": empty},
                                          indent=0))
        bundle.commit()


def shard_pages(config: Config) -> int:
    return config.search.get("shard_pages", SHARD_PAGES)


def shards(pages: list[Page], limit: int) -> dict[str, list[Page]]:
    """The record pages by shard, in a stable order: ``<committee id>``, or ``<committee id>.<year>``
    for each year of a committee of more than ``limit`` pages, and NO_COMMITTEE."""
    by_committee: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        if page.record is not None and page.template != "case.html":  # cases are not indexed (search-data.html)
            committee = getattr(page.record, "committee", None)
            by_committee[committee.id if committee else NO_COMMITTEE].append(page)
    found: dict[str, list[Page]] = {}
    for name, members in sorted(by_committee.items()):
        if len(members) <= limit or name == NO_COMMITTEE:
            found[name] = members
            continue
        for page in members:
            when = getattr(page.record, "sort_date", None)
            found.setdefault(f"{name}.{when.year if when else 'odaterat'}", []).append(page)
    return found


def _index_shard(folder: Path, members: list[Page], out: Path) -> None:
    """Index the pages of ``members`` that Pagefind would; none: nothing is written."""
    pages = {p.url: html for p in members if (folder / p.output).is_file()
             and "data-pagefind-body" in (html := (folder / p.output).read_text(encoding="utf-8"))}
    if not pages:  # a bundle of no page makes the search page fail ("No language indexes found")
        return
    try:
        with ThreadPoolExecutor(1) as thread:  # asyncio.run in a thread of its own: the caller may run an event loop
            thread.submit(asyncio.run, _pagefind(pages, out)).result()
    except Exception as exc:  # noqa: BLE001 - the service reports its failures as any exception
        raise ContentError([Problem("pagefind", 0, "", f"search indexing failed: {exc}")]) from None


async def _pagefind(pages: dict[str, str], out: Path) -> None:
    """One Pagefind service per shard: its memory is returned when the shard is written. Only
    pages with ``data-pagefind-body`` are sent: a shard of pages none of which has it would be
    indexed whole."""
    # written on leaving the block, to output_path (write_files as well would write twice, once to ./pagefind)
    async with PagefindIndex({"output_path": str(out)}) as index:
        urls = list(pages)
        for start in range(0, len(urls), BATCH):
            batch = urls[start:start + BATCH]
            await asyncio.gather(*(index.add_html_file(content=pages[url], url=url) for url in batch))


def _digest(members: list[Page]) -> str:
    return hashlib.sha1("\0".join(sorted(p.output for p in members)).encode("utf-8", "surrogatepass")).hexdigest()


def _read_manifest(bundle: Path) -> dict[str, dict[str, str]]:
    """The shards of an earlier bundle made by this Pagefind; {} when there is none to reuse."""
    try:
        manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if manifest.get("pagefind") == version("pagefind") else {}


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


def fragments(bundle: Path):
    """(page id, record) for every page Pagefind indexed in ``bundle`` (one shard's, or all of
    ``pagefind/``): its fragments are gzip'd JSON after a signature."""
    for path in sorted(bundle.glob("**/fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(SIGNATURE):
            raise ContentError([Problem(str(path), 0, "", "not a Pagefind fragment: unknown Pagefind version?")])
        yield path.stem, json.loads(data[len(SIGNATURE):])


def write_dates(bundle: Output, names: list[str]) -> None:
    """``dates/YYYY.json``: {date: [page ids]} for the pages with a ``date`` meta (ISO date), in
    each shard (read from its fragments when it was indexed) and over all of them."""
    years: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name in names:
        shard = bundle.tmp / name
        if not (shard / "dates").is_dir():
            _shard_dates(bundle, name)
        for path in (shard / "dates").glob("*.json"):
            for when, ids in json.loads(path.read_text(encoding="utf-8")).items():
                years[path.stem][when] += ids
    for year, dates in years.items():
        bundle.write(f"dates/{year}.json", json.dumps(dict(sorted(dates.items())), separators=(",", ":")))


def _shard_dates(bundle: Output, name: str) -> None:
    years: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for page_id, record in fragments(bundle.tmp / name):
        when = record.get("meta", {}).get("date", "")
        if len(when) == 10:
            years[when[:4]][when].append(page_id)
    (bundle.tmp / name / "dates").mkdir(exist_ok=True)  # also when none is dated: read once
    for year, dates in years.items():
        bundle.write(f"{name}/dates/{year}.json", json.dumps(dict(sorted(dates.items())), separators=(",", ":")))
