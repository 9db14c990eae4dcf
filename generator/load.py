"""Step 1, load: read content/ into a validated model, reporting every problem at once.

The folder layout says what each file is (docs/content-format.md): ``<committee>/committee.md``,
``<committee>/<meeting>/meeting.md``, ``<committee>/<meeting>/<NN>/item.md`` and the item's other
``*.md`` documents, the minutes ``<committee>/<meeting>/protokoll.md`` with their paragraphs
``<committee>/<meeting>/paragraf-<N>/paragraph.md`` (and documents), and ``documents/*.md`` for
stand-alone documents.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TypeGuard

from generator import contentfs, frontmatter, safety, schema
from generator.config import Config
from generator.diary import DiaryScheme
from generator.importer.stage import INCOMPLETE
from generator.minutes import paragraph_warnings
from generator.model import Committee, Document, Item, Meeting, Minutes, Paragraph, Site, Source
from generator.problems import ContentError, Problem
from generator.text import sort_key

STANDALONE_DIR = "documents"
MINUTES_FILE = "protokoll.md"
PARAGRAPH_DIR = "paragraf-"  # + the § number


@dataclass
class ContentFile:
    """A content file read and checked against the schema of its record type."""

    path: Path
    rel: str
    values: dict
    lines: dict
    body: str
    body_line: int

    def source(self) -> Source:
        return Source(self.rel, self.body_line)

    @property
    def draft(self) -> bool:
        return self.values.get("draft", False)

    @property
    def warnings(self) -> list[str]:
        imported = self.values.get("import") or {}
        return [str(w) for w in imported.get("warnings") or []]


class Loader:
    def __init__(self, content: Path, config: Config, drafts: bool, cache=None):
        self.content, self.config, self.drafts = content, config, drafts
        self.cache = cache  # a generator.parsecache.ParseCache: unchanged files are not parsed again
        self.problems: list[Problem] = []
        self.readable = contentfs.Readable(content)
        self.scheme = DiaryScheme(config.diary_prefixes, config.diary_scheme)

    def problem(self, path: Path, line: int, field: str, message: str, level: str = "error"):
        self.problems.append(Problem(self.rel(path), line, field, message, level))

    def rel(self, path: Path) -> str:
        """A path as problems and sources show it: relative to the content folder's parent."""
        try:
            return contentfs.printable(path.relative_to(self.content.parent).as_posix())
        except ValueError:
            return contentfs.printable(path.as_posix())

    def read(self, path: Path, kind: str) -> ContentFile | None:
        if not self.readable.regular_file(path):
            if path.is_dir():
                self.problem(path, 0, "", f"expected a {kind} file, found a folder of that name")
            return None  # anything else check_tree has reported
        record = self.cache.read(self, path, kind) if self.cache is not None else self.parse(path, kind)
        return self._found_original(record) if record and "original" in record.values else record

    def _found_original(self, record: ContentFile) -> ContentFile | None:
        """The record with its original's file found and measured; None when it is not there.
        Done on every load, not cached with the parse: the file may change while its record does not."""
        original = record.values["original"]
        if not original.file:
            return record
        path = record.path.parent / original.file
        if not self.readable.regular_file(path):
            self.problem(record.path, record.lines.get("original", 1), "original",
                         f"expected a file {original.file!r} in the record's folder ({self.rel(path.parent)}), "
                         "found none")
            return None
        found = replace(original, size=path.stat().st_size, source=self.rel(path))
        return replace(record, values={**record.values, "original": found})

    def parse(self, path: Path, kind: str) -> ContentFile | None:
        """Parse a file's front matter and check every key; None when it cannot be used."""
        try:
            parsed = frontmatter.parse(self._without_controls(path, path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            self.problem(path, 0, "", "expected a UTF-8 text file")
            return None
        except frontmatter.FrontMatterError as exc:
            self.problem(path, exc.line, "", str(exc))
            return None
        fields = {**schema.COMMON, **schema.FIELDS[kind]}
        values, failed = {}, set()
        for key, raw in parsed.data.items():
            line = parsed.lines.get(key, 1)
            if key not in fields:
                self.problem(path, line, key, f"unknown key for a {kind}, ignored", "warning")
                continue
            check = fields[key][0]
            check = schema.diary_numbers(self.scheme) if check == "diary" else check
            try:
                values[key] = check(raw) if raw is not None else None
            except schema.FieldError as exc:  # inside a mapping or list: at the line of the part that is wrong
                nested = frontmatter.nested_lines(parsed.head, first_line=2)
                self.problem(path, frontmatter.line_of(nested, f"{key}.{exc.path}".replace(".[", "["), line),
                             key, str(exc))
                failed.add(key)
            except ValueError as exc:
                self.problem(path, line, key, str(exc))
                failed.add(key)
        for key, (check, required) in fields.items():
            if required and key not in failed and values.get(key) in (None, ""):
                expected = schema.expected(check)
                if key in parsed.lines:
                    self.problem(path, parsed.lines[key], key, f"is empty, expected {expected}")
                else:  # at the closing '---', where the key would be added
                    message = f"missing: every {kind} needs '{key}', expected {expected}"
                    self.problem(path, parsed.end_line, key, message)
                failed.add(key)
        values = {k: v for k, v in values.items() if v is not None}
        if failed:
            return None
        return ContentFile(path, self.rel(path), values, parsed.lines, parsed.body, parsed.body_line)

    def _without_controls(self, path: Path, text: str) -> str:
        """Control characters are invisible, and break calendars and CSV readers: dropped, with a warning."""
        cleaned, count = safety.strip_controls(text)
        if count:
            line = text.count("\n", 0, safety.first_control(text)) + 1
            self.problem(path, line, "", f"{count} control character(s) removed", "warning")
        return cleaned

    def keep(self, record: ContentFile | None) -> TypeGuard[ContentFile]:
        return record is not None and (self.drafts or not record.draft)


def load_site(content: str | Path, config: Config, drafts: bool = False, cache=None) -> tuple[Site, list[Problem]]:
    """Read every file under ``content``. Returns the site and its warnings; raises
    ContentError listing every error when any file is wrong."""
    content = Path(content)
    loader = Loader(content, config, drafts, cache)
    if not content.is_dir():
        raise ContentError([Problem(str(content), 0, "", "expected a content folder")])
    contentfs.check_tree(content, lambda path, message: loader.problem(path, 0, "", message))
    committee_dirs = sorted(p for p in content.iterdir() if p.is_dir() and p.name != STANDALONE_DIR
                            and not p.name.startswith((".", "_")))
    committees = []
    for committee_dir in committee_dirs:
        committee, publish = _committee(loader, committee_dir)
        if committee:
            committee.meetings = _meetings(loader, committee, committee_dir)
            committees += [committee] if publish else []
    site = Site(committees=sorted(committees, key=lambda c: sort_key(c.name)))
    site.documents = _standalone(loader, content / STANDALONE_DIR, {c.id: c for c in committees})
    _stray_files(loader, content)
    site.scheme = loader.scheme
    if any(p.level == "error" for p in loader.problems):
        raise ContentError(sorted(loader.problems))
    return site, sorted(loader.problems)


def _committee(loader: Loader, folder: Path) -> tuple[Committee | None, bool]:
    """The committee and whether to publish it. An invalid one is returned as a stand-in so
    that its meetings are still checked: a build reports every error at once."""
    path = folder / "committee.md"
    if folder.name.lower() in safety.RESERVED:
        loader.problem(folder, 0, "", f"'{folder.name}' is a URL the site itself uses: rename the committee folder")
        return None, False
    record = loader.read(path, "committee") if path.exists() else None
    if not path.exists():
        loader.problem(folder, 0, "", "expected a committee.md in every committee folder")
    if record is None:
        return Committee(id=folder.name, name=folder.name, prefix="", source=Source(loader.rel(path))), False
    if record.draft and not loader.drafts:
        return None, False
    v = record.values
    if v["prefix"].upper() not in loader.scheme.canonical:
        # A committee's own prefix is always a known prefix of the site.
        loader.scheme = loader.scheme.with_prefixes([v["prefix"]])
    return Committee(id=folder.name, name=v["name"], prefix=v["prefix"], source=record.source(),
                     organisation=v.get("organisation", ""), description=v.get("description", ""),
                     body=record.body, draft=record.draft), True


def _meetings(loader: Loader, committee: Committee, folder: Path) -> list[Meeting]:
    folders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    meetings = [m for m in (load_meeting(loader, committee, d) for d in folders) if m]
    return sorted(meetings, key=meeting_order)


def meeting_order(meeting: Meeting) -> tuple:
    return meeting.date, meeting.time, meeting.id


def load_meeting(loader: Loader, committee: Committee, meeting_dir: Path) -> Meeting | None:
    """One meeting folder with its items and documents (the preview reloads just the one edited)."""
    path = meeting_dir / "meeting.md"
    if (meeting_dir / INCOMPLETE).exists():
        loader.problem(meeting_dir, 0, "", "an import into this meeting did not finish (it was stopped): "
                                           "run diarium import again")
    if not path.exists():
        loader.problem(meeting_dir, 0, "", "expected a meeting.md in every meeting folder")
        return None
    record = loader.read(path, "meeting")
    if record is None:  # still check its items, to report every error at once
        stand_in = Meeting(committee, meeting_dir.name, date.min, Source(loader.rel(path)))
        _items(loader, stand_in, meeting_dir)
        _minutes(loader, stand_in, meeting_dir)
    if not loader.keep(record):
        return None
    v = record.values
    meeting = Meeting(committee=committee, id=meeting_dir.name, source=record.source(), body=record.body,
                      draft=record.draft or committee.draft, warnings=record.warnings,
                      **{k: v[k] for k in schema.FIELDS["meeting"] if k in v and k != "kind"})
    meeting.items = _items(loader, meeting, meeting_dir)
    meeting.minutes = _minutes(loader, meeting, meeting_dir)
    if meeting.minutes is None and v.get("kind") == "protokoll":
        meeting.minutes = _legacy_minutes(meeting)
    return meeting


def _minutes(loader: Loader, meeting: Meeting, folder: Path) -> Minutes | None:
    """The minutes' header (protokoll.md) with its paragraphs; times and place it states are the
    meeting's actual ones."""
    path = folder / MINUTES_FILE
    record = loader.read(path, "minutes") if path.exists() else None
    if record is None and path.exists():  # still check its paragraphs, to report every error at once
        _paragraphs(loader, Minutes(meeting, Source(loader.rel(path))), folder)
    if not loader.keep(record):
        return None
    v = dict(record.values)
    adjustment = v.pop("adjustment", {})
    minutes = Minutes(meeting=meeting, source=record.source(), body=record.body, warnings=record.warnings,
                      draft=record.draft or meeting.draft, covers=v.pop("paragraphs", ""),
                      adjustment_date=adjustment.get("date"), adjustment_place=adjustment.get("place", ""),
                      **{k: v[k] for k in v if k not in schema.COMMON})
    for key in ("time", "end_time", "place"):
        setattr(meeting, key, getattr(minutes, key) or getattr(meeting, key))
    minutes.paragraphs = _paragraphs(loader, minutes, folder)
    return minutes


def _legacy_minutes(meeting: Meeting) -> Minutes:
    """A meeting.md of ``kind: protokoll`` without a protokoll.md is itself the minutes' header."""
    adjustment = meeting.adjustment
    return Minutes(meeting=meeting, source=meeting.source, chair=meeting.chair, secretary=meeting.secretary,
                   adjusters=[str(a) for a in adjustment.get("by") or []],
                   adjustment_date=schema.iso_date(adjustment["date"]) if adjustment.get("date") else None,
                   draft=meeting.draft)


def _paragraphs(loader: Loader, minutes: Minutes, folder: Path) -> list[Paragraph]:
    paragraphs: dict[int, Paragraph] = {}
    span = minutes.span
    for paragraph_dir in sorted(folder.glob(PARAGRAPH_DIR + "*")):
        record = _folder_record(loader, paragraph_dir, "paragraph")
        if record is None:
            continue
        path = record.path
        v = dict(record.values)
        number, line = v["number"], record.lines["number"]
        suffix = paragraph_dir.name[len(PARAGRAPH_DIR):]
        if not suffix.isdigit() or int(suffix) != number:
            loader.problem(path, line, "number", f"expected the paragraph's folder to be named by its number "
                                                 f"({PARAGRAPH_DIR}{number}), found '{paragraph_dir.name}'")
            continue
        if number in paragraphs:
            loader.problem(path, line, "number", f"§ {number} is used twice; this one is left out", "warning")
            continue
        if span and not span[0] <= number <= span[1]:
            loader.problem(path, line, "number", f"§ {number} is outside the minutes' paragraphs "
                                                 f"{minutes.covers} (protokoll.md)", "warning")
        paragraph = Paragraph(minutes=minutes, source=record.source(), body=record.body, warnings=record.warnings,
                              draft=record.draft or minutes.draft, item_number=v.pop("item", None),
                              **{k: v[k] for k in v if k not in schema.COMMON})
        for field, message in paragraph_warnings(paragraph):
            loader.problem(path, record.lines.get(field, 1), field, message, "warning")
        paragraph.documents = _documents(loader, paragraph, paragraph_dir)
        paragraphs[number] = paragraph
    return [paragraphs[n] for n in sorted(paragraphs)]


def _items(loader: Loader, meeting: Meeting, folder: Path) -> list[Item]:
    items: dict[int, Item] = {}
    hidden = (".", "_", PARAGRAPH_DIR)  # paragraph folders are the minutes'
    for item_dir in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(hidden)):
        record = _folder_record(loader, item_dir, "item")
        if record is None:
            continue
        path = record.path
        v = record.values
        if not item_dir.name.isdigit() or int(item_dir.name) != v["number"]:
            loader.problem(path, record.lines["number"], "number",
                           f"expected the item's folder to be named by its number ({v['number']:02d}), "
                           f"found '{item_dir.name}'")
            continue
        if v["number"] in items:
            loader.problem(path, record.lines["number"], "number", f"item number {v['number']} is used twice")
            continue
        v = dict(v)
        v["proposal"] = v.pop("proposal", None) or v.pop("decision", "")  # `decision`: the legacy name
        v.pop("decision", None)
        item = Item(meeting=meeting, source=record.source(), body=record.body, warnings=record.warnings,
                    draft=record.draft or meeting.draft, paragraph_number=v.pop("paragraph", None),
                    **{k: v[k] for k in schema.FIELDS["item"] if k in v})
        item.documents = _documents(loader, item, item_dir)
        items[item.number] = item
    return [items[n] for n in sorted(items)]


def _documents(loader: Loader, item: Item | Paragraph, folder: Path) -> list[Document]:
    documents = []
    for path in sorted(folder.glob("*.md")):
        if path.name in ("item.md", "paragraph.md") or path.name.startswith((".", "_")):
            continue
        record = loader.read(path, "document")
        if not loader.keep(record):
            continue
        v = dict(record.values)
        if "diary_number" in v:
            v["diary_numbers"] = v.pop("diary_number")
        documents.append(Document(id=path.stem, item=item, source=record.source(), body=record.body,
                                  warnings=record.warnings, draft=record.draft or item.draft,
                                  **{k: v[k] for k in v if k not in schema.COMMON}))
    return sorted(documents, key=lambda d: (d.order or 0, d.kind != "tjansteskrivelse", sort_key(d.id)))


def _standalone(loader: Loader, folder: Path, committees: dict) -> list[Document]:
    if not folder.is_dir():
        return []
    documents = []
    for path in sorted(folder.glob("*.md")):
        if path.name.startswith((".", "_")):
            continue
        record = loader.read(path, "standalone")
        if not loader.keep(record):
            continue
        v = dict(record.values)
        committee = None
        if "committee" in v:
            committee = committees.get(v.pop("committee"))
            if committee is None:
                loader.problem(path, record.lines["committee"], "committee",
                               f"expected the id of a committee folder ({', '.join(sorted(committees))})")
                continue
        documents.append(Document(id=path.stem, kind="dokument", publisher=committee, source=record.source(),
                                  body=record.body, warnings=record.warnings, draft=record.draft,
                                  **{k: v[k] for k in v if k not in schema.COMMON}))
    return sorted(documents, key=lambda d: (d.sort_date is None, d.sort_date or 0, sort_key(d.title)))


def _stray_files(loader: Loader, content: Path) -> None:
    """Markdown files outside the layout would silently not be published: say so."""
    for path in sorted(content.rglob("*.md")):
        parts = path.relative_to(content).parts
        if any(p.startswith((".", "_")) for p in parts):
            continue
        known = (len(parts) == 2 and parts[0] == STANDALONE_DIR) or (len(parts) == 2 and parts[1] == "committee.md") \
            or (len(parts) == 3 and parts[2] in ("meeting.md", MINUTES_FILE)) or len(parts) == 4
        if not known:
            loader.problem(path, 0, "", "not where a record can be (see docs/content-format.md); ignored", "warning")


def _folder_record(loader: Loader, folder: Path, kind: str) -> ContentFile | None:
    """The ``<kind>.md`` of an item or paragraph folder, if it exists and is published."""
    path = folder / f"{kind}.md"
    if not path.exists():
        article = "an" if kind[0] in "aeiou" else "a"
        loader.problem(folder, 0, "", f"expected {article} {kind}.md in every {kind} folder")
        return None
    record = loader.read(path, kind)
    return record if loader.keep(record) else None
