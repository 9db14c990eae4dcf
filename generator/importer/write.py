"""Writing content files: front matter with a checksum, and protection of
files a person has edited since they were imported (docs/content-format.md, ``import``)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

_CHECKSUM = re.compile(r"^  checksum: sha256:([0-9a-f]{64})\n", re.M)


class _Dumper(yaml.SafeDumper):
    """Multi-line text (decisions, summaries) as literal blocks, readable when edited by hand."""


def _text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _dump(meta: dict, body: str) -> str:
    head = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{head}---\n{body}"


def render(meta: dict, body: str) -> str:
    """The file text; ``meta['import']`` (last key) gets ``checksum`` over the file without it."""
    unsigned = _dump(meta, body)
    signed_meta = {**meta, "import": {**meta["import"], "checksum": "sha256:" + _sha(unsigned)}}
    return _dump(signed_meta, body)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pristine(text: str) -> bool:
    """Whether a file is exactly as the importer wrote it (its checksum still matches)."""
    m = _CHECKSUM.search(text)
    return m is not None and _sha(_CHECKSUM.sub("", text, count=1)) == m.group(1)


def status(path: Path, text: str | bytes) -> str:
    """``new``, ``same``, ``update`` (imported, unedited) or ``edited`` (changed by a person).
    A copied file (bytes, the original PDF) carries no checksum: any other file there is a person's."""
    if not path.exists():
        return "new"
    if isinstance(text, bytes):
        return "same" if path.read_bytes() == text else "edited"
    old = path.read_text(encoding="utf-8")
    if old == text:
        return "same"
    return "update" if pristine(old) else "edited"

