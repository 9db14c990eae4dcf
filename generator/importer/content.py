"""A Meeting or stand-alone Document → the content files that hold it: paths under
``content/`` and each file's front matter and Markdown body (docs/content-format.md)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from generator.importer.records import Document, Item, Meeting
from generator.text import slugify


@dataclass
class File:
    path: Path
    meta: dict
    body: str
    create_only: bool = False   # committee.md: never replaced once it exists


def meeting_files(meeting: Meeting, root: Path, source: str, committee: str | None) -> list[File]:
    cid = committee or slugify(meeting.committee) or "namnd"
    folder = _free(root / cid, meeting.date.isoformat(), "", source)
    files = [_committee(meeting, cid, root / cid / "committee.md", source)]
    files.append(File(folder / "meeting.md", _clean({
        "date": meeting.date, "time": meeting.time, "place": meeting.place, "kind": meeting.kind,
        "chair": meeting.chair, "secretary": meeting.secretary, "adjustment": meeting.adjustment,
        "notes": meeting.notes,
        "import": _import(source, meeting.span.label, meeting.warnings)}), _body(meeting.body)))
    for item in meeting.items:
        files += _item_files(item, folder / f"{item.number:02d}", source)
    return files


def document_file(doc: Document, root: Path, source: str) -> File:
    meta = {"title": doc.title, **doc.meta, "import": _import(source, doc.span.label, doc.warnings)}
    slug = slugify(doc.title)[:80].strip("-") or "dokument"
    return File(_free(root / "documents", slug, ".md", source), _clean(meta), doc.body)


def _free(folder: Path, name: str, suffix: str, source: str) -> Path:
    """``name``, or ``name-2`` … when another imported record holds that name. A hand-made file
    there is taken to be the same record (and, being edited, is not overwritten)."""
    n = 1
    while True:
        path = folder / (name + (f"-{n}" if n > 1 else "") + suffix)
        record = path / "meeting.md" if not suffix else path
        if not record.exists() or _source_of(record) in (source, None):
            return path
        n += 1


def _committee(meeting: Meeting, cid: str, path: Path, source: str) -> File:
    prefixes = Counter(n.split()[0] for item in meeting.items for n in item.diary_numbers)
    warnings = [] if prefixes else ["no diary number in the record: the prefix is a guess from the name"]
    prefix = prefixes.most_common(1)[0][0] if prefixes else (meeting.committee or cid)[:2].upper()
    meta = {"name": meeting.committee or cid, "prefix": prefix, "organisation": meeting.organisation,
            "import": _import(source, meeting.span.label, warnings)}
    return File(path, _clean(meta), "", create_only=True)


def _source_of(path: Path) -> str | None:
    """The ``import.source`` of a content file (None for a hand-made one)."""
    text = path.read_text(encoding="utf-8")
    try:
        meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n")) or {}
    except yaml.YAMLError:
        return None
    return (meta.get("import") or {}).get("source") if isinstance(meta, dict) else None


def _item_files(item: Item, folder: Path, source: str) -> list[File]:
    meta = {"number": item.number, "title": item.title, "diary_numbers": item.diary_numbers,
            "printed_number": item.printed_number, "decision": item.decision, "summary": item.summary,
            "import": _import(source, item.span.label, item.warnings)}
    files = [File(folder / "item.md", _clean(meta), _body(item.body))]
    attachments = 0
    for order, doc in enumerate(item.documents, 1):
        if doc.kind == "tjansteskrivelse":
            name = "tjansteskrivelse"
        else:
            attachments += 1
            name = f"bilaga-{attachments}"
        meta = {"kind": doc.kind, "title": doc.title, "order": order, **_dates(doc.meta),
                "import": _import(source, doc.span.label, doc.warnings)}
        files.append(File(folder / f"{name}.md", _clean(meta), _body(doc.body)))
    return files


def _dates(meta: dict) -> dict:
    return {k: date.fromisoformat(v) if k == "date" and isinstance(v, str) else v for k, v in meta.items()}


def _import(source: str, lines: str, warnings: list[str]) -> dict:
    return _clean({"source": source, "lines": lines, "warnings": list(dict.fromkeys(warnings))})


def _clean(meta: dict) -> dict:
    """Without empty values: an absent key reads better than ``chair: null``."""
    return {k: v for k, v in meta.items() if v not in (None, "", [], {})}


def _body(text: str) -> str:
    return text.strip() + "\n" if text.strip() else ""
