"""``diarium import FILE... [--content DIR] [--committee ID] [--prefix PREFIX] [--source-url URL | --source-pdf PDF]
[--force] [--dry-run]``."""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from generator import schema
from generator.config import Config, load_config
from generator.console import CONTENT_ERROR, USAGE_ERROR, add_site_arguments, os_reason
from generator.diary import DiaryScheme
from generator.importer import write
from generator.importer.buildable import committee_prefixes, keep_buildable
from generator.importer.content import (
    File,
    document_file,
    meeting_files,
    minutes_files,
    original_copy,
    prefix_of,
    record_file,
    with_original,
)
from generator.importer.convert import read_record
from generator.importer.extracted import Document, Minutes, Notice
from generator.importer.source import NotARecord
from generator.importer.stage import write_together


def register(parser: argparse.ArgumentParser) -> None:
    parser.description = "Convert each FILE (text extracted from a PDF record) into content files."
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path)
    add_site_arguments(parser)
    parser.add_argument("--committee", help="committee id (folder) to import meetings into")
    parser.add_argument("--prefix", help="the committee's diary prefix, for numbers printed without one")
    original = parser.add_mutually_exclusive_group()
    original.add_argument("--source-url", type=_address, metavar="URL",
                          help="the address of the original (the PDF) FILE was extracted from, written as the "
                               "record's `original` (never fetched)")
    original.add_argument("--source-pdf", type=Path, metavar="PDF",
                          help="the original PDF FILE was extracted from: copied beside the record, which names "
                               "it as its `original`")
    parser.add_argument("--force", action="store_true", help="overwrite files edited since their import")
    parser.add_argument("--dry-run", action="store_true", help="report what would be written, write nothing")


def run(args: argparse.Namespace) -> int:
    """Errors in the config stop the command (generator.cli reports them); a file that cannot be
    imported is reported and skipped."""
    config, _ = load_config(args.config)
    if (args.source_url or args.source_pdf) and len(args.files) > 1:
        print("error: --source-url and --source-pdf name the original of one FILE: import one at a time",
              file=sys.stderr)
        return USAGE_ERROR
    try:
        pdf = _pdf(args.source_pdf) if args.source_pdf else None
    except OSError as exc:
        print(f"{args.source_pdf}: error: cannot read it: {os_reason(exc)}; nothing written", file=sys.stderr)
        return USAGE_ERROR
    except ValueError as exc:
        print(f"{args.source_pdf}: error: {exc}; nothing written", file=sys.stderr)
        return USAGE_ERROR
    failed = 0
    for path in args.files:
        try:
            record, files, warnings = import_one(path, args.content, config, args.committee, args.prefix,
                                                 args.source_url, pdf)
        except NotARecord as exc:
            print(f"{path}: error: {exc}; nothing written", file=sys.stderr)
            failed += 1
            continue
        except OSError as exc:
            print(f"{path}: error: cannot read it: {os_reason(exc)}; nothing written", file=sys.stderr)
            failed += 1
            continue
        except (ValueError, IndexError, RecursionError) as exc:  # a record no rule foresaw: say so, go on
            print(f"{path}: error: cannot be imported ({exc}); nothing written", file=sys.stderr)
            failed += 1
            continue
        print(f"{path}: {summary(record)}, {len(warnings)} warnings")
        for warning in warnings:
            print(f"  warning: {warning}")
        _write(files, args)
    return CONTENT_ERROR if failed else 0


Record = Notice | Minutes | Document


def _address(value: str) -> str:
    try:
        return schema.address(value)
    except ValueError as exc:  # argparse would say only "invalid value"
        raise argparse.ArgumentTypeError(str(exc)) from None


def _pdf(path: Path) -> bytes:
    """The bytes of the original PDF; ValueError when the file is not a PDF."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise ValueError("not a PDF (it does not start with %PDF-)")
    return data


def import_one(path: Path, content: Path, config: Config, committee: str | None = None,
               prefix: str | None = None, source_url: str | None = None,
               source_pdf: bytes | None = None) -> tuple[Record, list[File], list[str]]:
    """One record read and turned into its content files (nothing written), with its warnings.
    ``source_url`` or ``source_pdf`` is the original it was extracted from (front-matter key
    ``original``): its address, or the PDF to copy beside the record."""
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
    if source_url or source_pdf is not None:
        nested += _original(files, source_url, source_pdf)
    scheme = DiaryScheme([*config.diary_prefixes, *committee_prefixes(files)], config.diary_scheme)
    for file in files:
        if file.data is None:
            file.meta = keep_buildable(file.path, file.meta, scheme)
    return record, files, list(dict.fromkeys(record.warnings + nested))


def _original(files: list[File], source_url: str | None, source_pdf: bytes | None) -> list[str]:
    """Name the original in the record's file, and add the PDF's copy to ``files``; the warnings."""
    main = record_file(files)
    if main is None:
        return ["the record's papers were imported before and hold its notice: its original is not recorded"]
    if source_pdf is not None:
        copy = original_copy(main, source_pdf)
        files.append(copy)
        with_original(main, copy.path.name)
    else:
        with_original(main, str(source_url))
    return []


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
    writes: list[tuple[Path, str | bytes]] = []
    for file in files:
        text = file.data if file.data is not None else write.render(file.meta, file.body)
        try:
            state = write.status(file.path, text)
        except (UnicodeDecodeError, IsADirectoryError):  # not a file an import wrote: a person's
            print(f"  skipped {file.path}: not a UTF-8 text file diarium wrote; left as it is")
            counts["edited"] += 1
            continue
        if file.create_only and state != "new":
            state = "kept"      # a committee is created once; then it belongs to its editors
        elif state == "edited" and args.force:
            state = "forced"
        elif state == "edited":
            why = "another file of that name is there" if file.data is not None else "edited since its import"
            print(f"  skipped {file.path}: {why} (--force overwrites it)")
        if state in ("new", "update", "forced") and not args.dry_run:
            writes.append((file.path, text))
        counts[state] += 1
    write_together(Path(args.content), writes)
    written = counts["new"] + counts["update"] + counts["forced"]
    verb = "would write" if args.dry_run else "wrote"
    print(f"  {verb} {written} file{'' if written == 1 else 's'}, {counts['same']} unchanged, "
          f"{counts['edited']} edited by hand kept" + (", existing committee kept" if counts["kept"] else ""))
