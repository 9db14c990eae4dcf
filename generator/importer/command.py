"""``diarium import FILE... [--content DIR] [--committee ID] [--prefix PREFIX] [--force] [--dry-run]``."""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from generator.config import Config, load_config
from generator.console import CONTENT_ERROR, add_site_arguments, os_reason
from generator.files import write_atomic
from generator.importer import write
from generator.importer.content import File, document_file, meeting_files, minutes_files, prefix_of
from generator.importer.convert import read_record
from generator.importer.extracted import Document, Minutes, Notice
from generator.importer.source import NotARecord


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = "Convert each FILE (text extracted from a PDF record) into content files."
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path)
    add_site_arguments(parser)
    parser.add_argument("--committee", help="committee id (folder) to import meetings into")
    parser.add_argument("--prefix", help="the committee's diary prefix, for numbers printed without one")
    parser.add_argument("--force", action="store_true", help="overwrite files edited since their import")
    parser.add_argument("--dry-run", action="store_true", help="report what would be written, write nothing")


def run(args: argparse.Namespace) -> int:
    """Errors in the config stop the command (generator.cli reports them); a file that cannot be
    imported is reported and skipped."""
    config, _ = load_config(args.config)
    failed = 0
    for path in args.files:
        try:
            record, files, warnings = import_one(path, args.content, config, args.committee, args.prefix)
        except NotARecord as exc:
            print(f"{path}: error: {exc}; nothing written", file=sys.stderr)
            failed += 1
            continue
        except OSError as exc:
            print(f"{path}: error: cannot read it: {os_reason(exc)}; nothing written", file=sys.stderr)
            failed += 1
            continue
        print(f"{path}: {summary(record)}, {len(warnings)} warnings")
        for warning in warnings:
            print(f"  warning: {warning}")
        _write(files, args)
    return CONTENT_ERROR if failed else 0


Record = Notice | Minutes | Document


def import_one(path: Path, content: Path, config: Config, committee: str | None = None,
               prefix: str | None = None) -> tuple[Record, list[File], list[str]]:
    """One record read and turned into its content files (nothing written), with its warnings."""
    known = prefix_of(content, committee)
    record = read_record(path, list(config.diary_prefixes), config.diary_scheme,
                         lambda name: prefix or known(name))
    source = path.name
    if isinstance(record, Minutes):
        files = minutes_files(record, content, source, committee)
        nested = [w for p in record.paragraphs for w in p.warnings]
    elif isinstance(record, Notice):
        files = meeting_files(record, content, source, committee)
        nested = [w for item in record.items for w in item.warnings]
    else:
        files, nested = [document_file(record, content, source)], []
    return record, files, list(dict.fromkeys(record.warnings + nested))


def summary(record: Record) -> str:
    if isinstance(record, Minutes):
        return (f"minutes {record.committee} {record.date}: {len(record.paragraphs)} paragraphs, "
                f"{sum(len(v) for v in record.attendance.values())} attending")
    if isinstance(record, Notice):
        documents = sum(len(item.documents) for item in record.items)
        return f"meeting {record.committee} {record.date}: {len(record.items)} items, {documents} documents"
    return f"document {record.title!r}: 0 items, 1 document"


def _write(files: list[File], args: argparse.Namespace) -> None:
    counts: Counter[str] = Counter()
    for file in files:
        text = write.render(file.meta, file.body)
        state = write.status(file.path, text)
        if file.create_only and state != "new":
            state = "kept"      # a committee is created once; then it belongs to its editors
        elif state == "edited" and args.force:
            state = "forced"
        elif state == "edited":
            print(f"  skipped {file.path}: edited since its import (--force overwrites it)")
        if state in ("new", "update", "forced") and not args.dry_run:
            write_atomic(file.path, text)
        counts[state] += 1
    written = counts["new"] + counts["update"] + counts["forced"]
    verb = "would write" if args.dry_run else "wrote"
    print(f"  {verb} {written} file{'' if written == 1 else 's'}, {counts['same']} unchanged, "
          f"{counts['edited']} edited by hand kept" + (", existing committee kept" if counts["kept"] else ""))
