"""The original document (``original:``): a file beside the record, copied beside its page, or an
http(s) address; the page links it as "Originalhandling (PDF, 1,2 MB)"; bad values are errors
that name file, line and field."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import BuildOptions, build
from generator.problems import ContentError
from generator.text import file_size
from test_incremental import _same_as_clean_build

MEETING = "socialnamnden/2012-12-11"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"  # the magic bytes a PDF starts with


def _options(site: Path, out: Path, **extra) -> BuildOptions:
    return BuildOptions(content=site / "content", config=site / "config.yaml", out=out, search=False, jobs=1, **extra)


def _pdf(path: Path, size: int) -> Path:
    path.write_bytes(PDF + b"0" * (size - len(PDF)))
    return path


def _front(path: Path, line: str) -> int:
    """Add ``line`` as the last front-matter key of ``path``; the line number it is on."""
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---", 3)
    path.write_text(text[:end] + "\n" + line + text[end:], encoding="utf-8")
    return text[:end].count("\n") + 2


def _links(page: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [(a.get_text(), a["href"]) for a in soup.select("p.original a")]


def test_a_pdf_beside_the_meeting_is_linked_with_its_size_and_published(site_dir: Path, tmp_path: Path):
    folder = site_dir / "content" / MEETING
    _pdf(folder / "kallelse.pdf", 1_234_567)
    _front(folder / "meeting.md", "original: kallelse.pdf")
    out = tmp_path / "site"
    build(_options(site_dir, out))
    assert _links(out / MEETING / "index.html") == [("Originalhandling (PDF, 1,2\u00a0MB)", f"/{MEETING}/kallelse.pdf")]
    assert (out / MEETING / "kallelse.pdf").read_bytes() == (folder / "kallelse.pdf").read_bytes()
    meetings = json.loads((out / "data/meetings.json").read_text(encoding="utf-8"))
    assert [m["original"] for m in meetings if m["id"] == "2012-12-11"] == [f"/{MEETING}/kallelse.pdf"]


def test_addresses_are_linked_as_given_with_the_size_stated(site_dir: Path, tmp_path: Path):
    folder = site_dir / "content" / MEETING / "02"
    _front(folder / "item.md", "original: https://example.org/arenden/2012-195.pdf")
    _front(site_dir / "content/documents/budgetplan-2013.md",
           "original: {url: 'https://example.org/budget?id=7', size: 2500000, format: PDF}")
    out = tmp_path / "site"
    build(_options(site_dir, out))
    assert _links(out / MEETING / "02/index.html") == [("Originalhandling (PDF)",
                                                         "https://example.org/arenden/2012-195.pdf")]
    assert _links(out / "dokument/budgetplan-2013/index.html") == [("Originalhandling (PDF, 2,5\u00a0MB)",
                                                                    "https://example.org/budget?id=7")]
    items = json.loads((out / "data/items.json").read_text(encoding="utf-8"))
    assert [i["original"] for i in items if i["number"] == 2] == ["https://example.org/arenden/2012-195.pdf"]


def test_the_english_interface_says_original_document_with_a_decimal_point(site_dir: Path, tmp_path: Path):
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: sv", "language: en"), encoding="utf-8")
    folder = site_dir / "content" / MEETING / "02"
    _pdf(folder / "underlag.pdf", 1_250_000)
    _front(folder / "tjansteskrivelse.md", "original: underlag.pdf")
    out = tmp_path / "site"
    build(_options(site_dir, out))
    # a short report is shown on its item's page, and its copy lies beside that page
    assert _links(out / MEETING / "02/index.html") == [("Original document (PDF, 1.3\u00a0MB)",
                                                         f"/{MEETING}/02/underlag.pdf")]
    assert (out / MEETING / "02/underlag.pdf").is_file()


def test_the_minutes_and_a_paragraph_link_their_originals(minutes_dir: Path, tmp_path: Path):
    folder = next((minutes_dir / "content/byggnadsnamnden").glob("2025-*"))
    _pdf(folder / "protokoll.pdf", 310_000)
    _front(folder / "protokoll.md", "original: protokoll.pdf")
    _pdf(folder / "paragraf-10/utdrag.pdf", 2_000)
    _front(folder / "paragraf-10/paragraph.md", "original: utdrag.pdf")
    out = tmp_path / "site"
    build(_options(minutes_dir, out))
    meeting = out / "byggnadsnamnden" / folder.name
    assert ("Originalhandling (PDF, 310\u00a0kB)", f"/byggnadsnamnden/{folder.name}/protokoll.pdf") \
        in _links(meeting / "index.html")
    assert _links(meeting / "paragraf-10/index.html") == [
        ("Originalhandling (PDF, 2\u00a0kB)", f"/byggnadsnamnden/{folder.name}/paragraf-10/utdrag.pdf")]
    assert (meeting / "protokoll.pdf").is_file() and (meeting / "paragraf-10/utdrag.pdf").is_file()


@pytest.mark.parametrize("value, expected", [
    ("javascript:alert(1)", "expected an http(s) address"),
    ("'data:application/pdf;base64,JVBERi0='", "expected an http(s) address"),
    ("../../documents/budget.pdf", "expected an http(s) address like https://example.org/protokoll.pdf, or the name"),
    ("/etc/passwd", "or the name of a file in the record's folder"),
    ("index.html", "of a document type"),
    ("saknas.pdf", "expected a file 'saknas.pdf' in the record's folder"),
    ("{url: 'ftp://example.org/a.pdf'}", "url: expected an http(s) address"),
])
def test_an_invalid_original_is_an_error_naming_file_line_and_field(site_dir: Path, tmp_path: Path, value, expected):
    (site_dir / "content/documents/budget.pdf").write_bytes(PDF)
    line = _front(site_dir / "content" / MEETING / "meeting.md", f"original: {value}")
    with pytest.raises(ContentError) as raised:
        build(_options(site_dir, tmp_path / "site"))
    found = [(p.path, p.line, p.field, p.message) for p in raised.value.problems]
    assert len(found) == 1, found
    assert found[0][:3] == (f"content/{MEETING}/meeting.md", line, "original")
    assert found[0][3].removeprefix("url: ").startswith("expected") and expected in found[0][3]
    assert not (tmp_path / "site").exists()


def test_an_original_that_links_out_of_the_content_folder_is_refused(site_dir: Path, tmp_path: Path):
    secret = _pdf(tmp_path / "secret.pdf", 100)
    os.symlink(secret, site_dir / "content" / MEETING / "kallelse.pdf")
    _front(site_dir / "content" / MEETING / "meeting.md", "original: kallelse.pdf")
    with pytest.raises(ContentError) as raised:
        build(_options(site_dir, tmp_path / "site"))
    assert {p.field for p in raised.value.problems if p.path.endswith("meeting.md")} == {"original"}
    assert not (tmp_path / "site").exists()


def test_an_incremental_build_publishes_the_changed_pdf(site_dir: Path, tmp_path: Path):
    folder = site_dir / "content" / MEETING
    _pdf(folder / "kallelse.pdf", 1_000)
    _front(folder / "meeting.md", "original: kallelse.pdf")
    out = tmp_path / "site"
    build(_options(site_dir, out))
    _pdf(folder / "kallelse.pdf", 2_400_000)  # the record itself is unchanged
    build(_options(site_dir, out))
    assert (out / MEETING / "kallelse.pdf").read_bytes() == (folder / "kallelse.pdf").read_bytes()
    assert _links(out / MEETING / "index.html")[0][0] == "Originalhandling (PDF, 2,4\u00a0MB)"
    _same_as_clean_build(site_dir, out, tmp_path)
    same_size = PDF + b"1" * (2_400_000 - len(PDF))  # new bytes, same size: the page stays, the copy is new
    (folder / "kallelse.pdf").write_bytes(same_size)
    build(_options(site_dir, out))
    assert (out / MEETING / "kallelse.pdf").read_bytes() == same_size
    _same_as_clean_build(site_dir, out, tmp_path)


@pytest.mark.parametrize("size, sv, en", [(850, "850\u00a0B", "850\u00a0B"), (310_000, "310\u00a0kB", "310\u00a0kB"),
                                          (1_234_567, "1,2\u00a0MB", "1.2\u00a0MB"),
                                          (3_050_000_000, "3,1\u00a0GB", "3.1\u00a0GB")])
def test_file_sizes_use_each_language_s_decimal_sign(size, sv, en):
    assert (file_size(size, "sv"), file_size(size, "en")) == (sv, en)


def test_the_preview_publishes_a_changed_pdf(site_dir: Path, tmp_path: Path):
    from generator.serve.preview import Preview
    folder = site_dir / "content" / MEETING
    _pdf(folder / "kallelse.pdf", 1_000)
    _front(folder / "meeting.md", "original: kallelse.pdf")
    out = tmp_path / "preview"
    preview = Preview(_options(site_dir, out), tmp_path / "state")
    assert not preview.rebuild().failed
    assert (out / MEETING / "kallelse.pdf").read_bytes() == (folder / "kallelse.pdf").read_bytes()
    _pdf(folder / "kallelse.pdf", 3_000_000)
    outcome = preview.rebuild({(folder / "kallelse.pdf").resolve()})
    assert not outcome.failed, outcome.problems
    assert (out / MEETING / "kallelse.pdf").read_bytes() == (folder / "kallelse.pdf").read_bytes()
    assert _links(out / MEETING / "index.html")[0][0] == "Originalhandling (PDF, 3,0\u00a0MB)"
