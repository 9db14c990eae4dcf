"""Whatever ``diarium import`` writes must build. Each front-matter value of an imported file is
checked with the schema the build uses (generator.schema); a value that fails (``SN/2012:xx``
as a diary number, ``kl 24:60`` as a time) is not written as that key: it stays in the record's
text, and the file's import notes say why."""
from __future__ import annotations

import contextlib

from generator import frontmatter, schema
from generator.diary import DiaryScheme

# The record type of each content file name (generator.load reads them by the same names).
KINDS = {"committee.md": "committee", "meeting.md": "meeting", "item.md": "item", "protokoll.md": "minutes",
         "paragraph.md": "paragraph"}


def kind_of(path) -> str:
    if path.parent.name == "documents":
        return "standalone"
    return KINDS.get(path.name, "document")


def committee_prefixes(files) -> list[str]:
    """The diary prefixes of the committees the files go into: a committee's own prefix is known to
    the build whether config.yaml lists it or not (generator.load). The committee.md on disk wins,
    as the build reads that one."""
    found = []
    for file in files:
        if file.path.name == "committee.md":
            meta = file.meta
            with contextlib.suppress(OSError, ValueError):
                meta = frontmatter.parse(file.path.read_text(encoding="utf-8")).data
            found += [str(meta["prefix"])] if isinstance(meta, dict) and meta.get("prefix") else []
    return found


def keep_buildable(path, meta: dict, scheme: DiaryScheme) -> dict:
    """``meta`` without the values the build would refuse, each noted in ``import.warnings``;
    ValueError when a required one is refused (the record cannot be imported)."""
    fields = {**schema.COMMON, **schema.FIELDS[kind_of(path)]}
    kept, dropped = {}, []
    for key, value in meta.items():
        check = fields.get(key, (None,))[0]
        check = schema.diary_numbers(scheme) if check == "diary" else check
        try:
            if check is not None and value is not None:
                check(value)
        except ValueError as exc:
            if fields[key][1]:  # required: without it the file cannot build at all
                raise ValueError(f"its {key} {value!r} is not valid for {path.name}: {exc}") from None
            dropped.append(f"{key}: {value!r} left in the text only ({exc})")
            continue
        kept[key] = value
    missing = [key for key, (_, required) in fields.items() if required and kept.get(key) in (None, "")]
    if missing:  # with what the reading noted about it: "line 5: '2012-02-30' is not a date …"
        why = [w for w in (meta.get("import") or {}).get("warnings", []) if missing[0] in w]
        raise ValueError(f"no {missing[0]} found for {path.name}, which every {kind_of(path)} needs"
                         + "".join(f"; {w}" for w in why))
    if dropped:
        notes = dict(kept.get("import") or {})
        notes["warnings"] = [*notes.get("warnings", []), *dropped]
        kept["import"] = notes
    return kept
