"""A Notice, Minutes or stand-alone Document → the content files that hold it: paths under
``content/`` and each file's front matter and Markdown body (docs/content-format.md)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from generator.importer.extracted import Document, Item, Minutes, Notice, Paragraph
from generator.text import slugify


@dataclass
class File:
    path: Path
    meta: dict
    body: str
    create_only: bool = False   # committee.md: never replaced once it exists
    data: bytes | None = None   # a file copied as it is (the original PDF), not front matter and body


def record_file(files: list[File]) -> File | None:
    """The file of the imported record itself, not of its committee or parts: the minutes'
    protokoll.md, the notice's meeting.md, a stand-alone document; None when the import writes
    none (papers already imported hold the notice)."""
    for name in ("protokoll.md", "meeting.md"):
        found = [f for f in files if f.path.name == name]
        if found:
            return found[0]
    return next((f for f in files if f.path.parent.name == "documents"), None)


def with_original(file: File, original: str) -> None:
    """``original:`` in ``file``'s front matter, before the import notes (the last key)."""
    notes = file.meta.pop("import")
    file.meta.update(original=original, **{"import": notes})


def original_copy(file: File, pdf: bytes) -> File:
    """The original PDF, copied beside the record ``file``: named by the kind of record in a
    meeting folder (``protokoll.pdf``, ``kallelse.pdf``, ``handlingar.pdf``), by the document's own
    name beside a stand-alone document."""
    kind = file.meta["import"].get("record")
    return File(file.path.with_name(f"{kind}.pdf") if kind else file.path.with_suffix(".pdf"), {}, "", data=pdf)


def committee_id(name: str, committee: str | None) -> str:
    return committee or slugify(name) or "namnd"


def meeting_files(meeting: Notice, root: Path, source: str, committee: str | None) -> list[File]:
    cid = committee_id(meeting.committee, committee)
    record = "handlingar" if meeting.kind == "handlingar" else "kallelse"
    folder = _meeting_folder(root / cid, meeting.date, source, record)
    files = [_committee(meeting.committee, meeting.organisation, _numbers(meeting.items), cid,
                        root / cid / "committee.md", source, meeting.span.label)]
    if folder is None:      # the papers of this meeting are imported: they hold its notice
        return files
    meta = {"date": meeting.date, "time": meeting.time, "place": meeting.place,
            "kind": "protokoll" if meeting.kind == "protokoll" else "kallelse",
            "chair": meeting.chair, "secretary": meeting.secretary, "adjustment": meeting.adjustment,
            "notes": meeting.notes, "import": _import(source, meeting.span.label, meeting.warnings, record)}
    files.append(File(folder / "meeting.md", _clean(meta), _body(meeting.body)))
    for item in meeting.items:
        files += _item_files(item, folder / f"{item.number:02d}", source, meeting.proposals)
    return files


def minutes_files(minutes: Minutes, root: Path, source: str, committee: str | None) -> list[File]:
    """protokoll.md, one paragraf-N/paragraph.md per §, and meeting.md when the meeting has
    none yet (its notice, imported before or after, fills it)."""
    cid = committee_id(minutes.committee, committee)
    folder = _meeting_folder(root / cid, minutes.date, source, "protokoll")
    assert folder is not None
    label = minutes.span.label
    files = [_committee(minutes.committee, minutes.header.get("organisation"), _numbers(minutes.paragraphs), cid,
                        root / cid / "committee.md", source, label)]
    meeting = folder / "meeting.md"
    if not meeting.exists() or _import_of(meeting).get("source") == source:
        meta = {"date": minutes.date, "time": minutes.header.get("time"), "end_time": minutes.header.get("end_time"),
                "place": minutes.header.get("place"), "kind": "protokoll",
                "import": _import(source, label, [], "protokoll")}
        files.append(File(meeting, _clean(meta), ""))
    header = {k: v for k, v in minutes.header.items() if k != "organisation"}
    meta = {**header, "attendance": minutes.attendance,
            "import": _import(source, label, minutes.warnings, "protokoll")}
    files.append(File(folder / "protokoll.md", _clean(meta), _body(minutes.body)))
    for para in minutes.paragraphs:
        files.append(_paragraph_file(para, folder / f"paragraf-{para.number}", source))
    return files


def _paragraph_file(para: Paragraph, folder: Path, source: str) -> File:
    meta = {"number": para.number, "title": para.title, "diary_numbers": para.diary_numbers, **para.fields,
            "import": _import(source, para.span.label, para.warnings)}
    return File(folder / "paragraph.md", _clean(meta), _body(para.body))


def _numbers(entries: list) -> list[str]:
    return [n for e in entries for n in e.diary_numbers]


def _meeting_folder(folder: Path, day: date | None, source: str, record: str) -> Path | None:
    """The folder of this meeting: ``<date>``, or ``<date>-2`` … when another meeting of the
    same day is there. Notice, papers and minutes of one meeting share a folder: minutes go
    where no other minutes are; a notice goes where no other notice is (papers replace the
    notice they contain: None when the papers are already there)."""
    name = day.isoformat() if day else "utan-datum"
    n = 1
    while True:
        path = folder / (name + (f"-{n}" if n > 1 else ""))
        meeting = _import_of(path / "meeting.md") if (path / "meeting.md").exists() else None
        minutes = _import_of(path / "protokoll.md") if (path / "protokoll.md").exists() else None
        if meeting is None or meeting.get("source") == source:
            return path
        if record == "protokoll" and (minutes is None or minutes.get("source") == source) \
                and meeting.get("record") != "protokoll":
            return path
        if record != "protokoll" and meeting.get("record") == "protokoll":
            return path
        if record == "handlingar" and meeting.get("record") == "kallelse":
            return path
        if record == "kallelse" and meeting.get("record") == "handlingar":
            return None
        n += 1


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


def _committee(name: str, organisation: str | None, numbers: list[str], cid: str, path: Path, source: str,
               lines: str) -> File:
    prefixes = Counter(re.split(r"[\s-]", n)[0] for n in numbers)
    warnings = [] if prefixes else ["no diary number in the record: the prefix is a guess from the name"]
    prefix = prefixes.most_common(1)[0][0] if prefixes else (name or cid)[:2].upper()
    meta = {"name": name or cid, "prefix": prefix, "organisation": organisation,
            "import": _import(source, lines, warnings)}
    return File(path, _clean(meta), "", create_only=True)


def prefix_of(root: Path, committee: str | None):
    """The diary prefix of a committee already on the site (its committee.md), by name."""
    def find(name: str) -> str | None:
        path = root / committee_id(name, committee) / "committee.md"
        if not path.exists():
            return None
        return _front_matter(path).get("prefix")
    return find


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    try:
        meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n")) or {}
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _import_of(path: Path) -> dict:
    """The ``import`` block of a content file (empty for a hand-made one)."""
    found = _front_matter(path).get("import")
    return found if isinstance(found, dict) else {}


def _source_of(path: Path) -> str | None:
    """The ``import.source`` of a content file (None for a hand-made one)."""
    return _import_of(path).get("source")


def _item_files(item: Item, folder: Path, source: str, proposal: bool) -> list[File]:
    """``proposal``: the notice's proposed decision is written as ``proposal`` (the seeds'
    decision pages keep the legacy key ``decision``, shown as a proposal too)."""
    meta = {"number": item.number, "title": item.title, "diary_numbers": item.diary_numbers,
            "printed_number": item.printed_number, ("proposal" if proposal else "decision"): item.decision,
            "summary": item.summary, "import": _import(source, item.span.label, item.warnings)}
    files = [File(folder / "item.md", _clean(meta), _body(item.body))]
    counts: Counter[str] = Counter()
    for order, doc in enumerate(item.documents, 1):
        counts[doc.kind] += 1
        if doc.kind == "tjansteskrivelse":
            name = "tjansteskrivelse" + (f"-{counts[doc.kind]}" if counts[doc.kind] > 1 else "")
        else:
            name = f"bilaga-{counts[doc.kind]}"
        meta = {"kind": doc.kind, "title": doc.title, "order": order, **_dates(doc.meta),
                "import": _import(source, doc.span.label, doc.warnings)}
        files.append(File(folder / f"{name}.md", _clean(meta), _body(doc.body)))
    return files


def _dates(meta: dict) -> dict:
    return {k: date.fromisoformat(v) if k == "date" and isinstance(v, str) else v for k, v in meta.items()}


def _import(source: str, lines: str, warnings: list[str], record: str | None = None) -> dict:
    """The ``import`` block; ``record`` (on meeting.md and protokoll.md) says which kind of
    record wrote it, so notice and minutes of one meeting find their shared folder."""
    return _clean({"source": source, "lines": lines, "record": record, "warnings": list(dict.fromkeys(warnings))})


def _clean(meta: dict) -> dict:
    """Without empty values: an absent key reads better than ``chair: null``."""
    return {k: v for k, v in meta.items() if v not in (None, "", [], {})}


def _body(text: str) -> str:
    return text.strip() + "\n" if text.strip() else ""
