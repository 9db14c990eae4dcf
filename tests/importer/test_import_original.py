"""``diarium import --source-url`` / ``--source-pdf``: the record names its original, a given PDF
is copied beside it (staged with its files, another file of that name kept unless --force), the
result builds, and nothing is ever downloaded."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from importer_support import ANNEX_004, MEETING_000, PLAN_003, import_into
from support import run_diarium
from test_import_layouts import minutes_text

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"0" * 1_500_000
ADDRESS = "https://www.botkyrka.se/download/kallelse-2012-12-11.pdf"


def _meta(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n"))


def _original_links(page: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [(a.get_text(), a["href"]) for a in soup.select("p.original a")]


def _build(content: Path, out: Path) -> None:
    run_diarium("build", "--content", content, "--out", out, "--quiet", "--no-search")


@pytest.fixture
def offline(monkeypatch):
    """No connection can be opened: an import that tried to fetch its source would fail."""
    def refuse(*args, **kwargs):
        raise AssertionError("diarium import opened a network connection")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_source_url_is_written_as_the_notice_s_original_and_linked(tmp_path: Path, offline):
    content = tmp_path / "content"
    result = run_diarium("import", MEETING_000, "--content", content, "--source-url", ADDRESS)
    assert "wrote" in result.stdout
    (meeting,) = content.glob("*/*/meeting.md")
    meta = _meta(meeting)
    assert meta["original"] == ADDRESS
    assert list(meta)[-1] == "import"  # the import notes stay last, their checksum over the rest
    assert [f for f in content.rglob("*") if f.is_file() and f.suffix != ".md"] == []
    assert sum("original" in _meta(p) for p in content.rglob("*.md")) == 1  # the notice, not its parts
    _build(content, tmp_path / "site")
    page = tmp_path / "site" / meeting.parent.relative_to(content) / "index.html"
    assert _original_links(page) == [("Originalhandling (PDF)", ADDRESS)]


def test_source_url_of_a_stand_alone_document(tmp_path: Path):
    content = tmp_path / "content"
    run_diarium("import", PLAN_003, "--content", content, "--source-url", "https://example.org/plan.pdf")
    (document,) = (content / "documents").glob("*.md")
    assert _meta(document)["original"] == "https://example.org/plan.pdf"


def test_source_pdf_is_copied_beside_the_notice_and_builds(tmp_path: Path, offline):
    content, pdf = tmp_path / "content", tmp_path / "Kallelse SN 2012-12-11.pdf"
    pdf.write_bytes(PDF)
    run_diarium("import", MEETING_000, "--content", content, "--source-pdf", pdf)
    (meeting,) = content.glob("*/*/meeting.md")
    assert _meta(meeting)["original"] == "kallelse.pdf"
    assert (meeting.parent / "kallelse.pdf").read_bytes() == PDF
    assert not list(content.rglob(".import-*"))  # staged files all renamed into place
    out = tmp_path / "site"
    _build(content, out)
    folder = meeting.parent.relative_to(content).as_posix()
    assert _original_links(out / folder / "index.html") == [("Originalhandling (PDF, 1,5\u00a0MB)",
                                                              f"/{folder}/kallelse.pdf")]
    assert (out / folder / "kallelse.pdf").read_bytes() == PDF


def test_source_pdf_of_a_stand_alone_document_is_named_after_it(tmp_path: Path):
    content, pdf = tmp_path / "content", tmp_path / "annex.pdf"
    pdf.write_bytes(PDF)
    assert import_into(content, ANNEX_004, source_pdf=pdf).returncode == 0
    (document,) = (content / "documents").glob("*.md")
    assert _meta(document)["original"] == document.with_suffix(".pdf").name
    assert document.with_suffix(".pdf").read_bytes() == PDF


def test_source_pdf_of_minutes_lands_beside_protokoll_md(tmp_path: Path):
    content, text, pdf = tmp_path / "content", tmp_path / "minutes.txt", tmp_path / "minutes.pdf"
    text.write_text(minutes_text(), encoding="utf-8")
    pdf.write_bytes(PDF)
    config = tmp_path / "config.yaml"
    config.write_text("diary_scheme: dash\ndiary_prefixes: []\n", encoding="utf-8")
    run_diarium("import", text, "--content", content, "--config", config, "--prefix", "TN", "--source-pdf", pdf)
    (minutes,) = content.glob("*/*/protokoll.md")
    assert _meta(minutes)["original"] == "protokoll.pdf"
    assert (minutes.parent / "protokoll.pdf").read_bytes() == PDF
    assert "original" not in _meta(minutes.parent / "meeting.md")
    run_diarium("build", "--content", content, "--config", config, "--out", tmp_path / "site", "--quiet", "--no-search")
    page = tmp_path / "site" / minutes.parent.relative_to(content) / "index.html"
    assert [text for text, _ in _original_links(page)] == ["Originalhandling (PDF, 1,5\u00a0MB)"]


def test_another_file_of_that_name_is_kept_unless_forced(tmp_path: Path):
    content, pdf = tmp_path / "content", tmp_path / "x.pdf"
    pdf.write_bytes(PDF)
    import_into(content, MEETING_000, source_pdf=pdf)
    (copy,) = content.glob("*/*/kallelse.pdf")
    assert "wrote 0 files" in import_into(content, MEETING_000, source_pdf=pdf).stdout  # the same file: nothing to do
    newer = PDF.replace(b"%PDF-1.7", b"%PDF-1.6")
    pdf.write_bytes(newer)
    result = import_into(content, MEETING_000, source_pdf=pdf)
    assert f"skipped {copy}: another file of that name is there (--force overwrites it)" in result.stdout
    assert copy.read_bytes() == PDF
    import_into(content, MEETING_000, source_pdf=pdf, force=True)
    assert copy.read_bytes() == newer


def test_a_dry_run_copies_nothing(tmp_path: Path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(PDF)
    result = import_into(tmp_path / "content", MEETING_000, source_pdf=pdf, dry_run=True)
    assert "would write" in result.stdout
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize("argument", [["--source-url", "javascript:alert(1)"], ["--source-url", "ftp://example.org/a.pdf"],
                                      ["--source-url", "kallelse.pdf"]])
def test_a_source_url_must_be_an_http_address(tmp_path: Path, argument):
    result = run_diarium("import", MEETING_000, "--content", tmp_path / "content", *argument, check=False)
    assert result.returncode == 2
    assert "expected an http(s) address" in result.stderr
    assert not (tmp_path / "content").exists()


def test_a_source_pdf_must_be_a_pdf_of_one_record(tmp_path: Path):
    text, pdf = tmp_path / "not.pdf", tmp_path / "x.pdf"
    text.write_text("Socialnämnden\n", encoding="utf-8")
    pdf.write_bytes(PDF)
    content = tmp_path / "content"
    result = run_diarium("import", MEETING_000, "--content", content, "--source-pdf", text, check=False)
    assert (result.returncode, "not a PDF (it does not start with %PDF-); nothing written") == \
        (2, result.stderr.strip().split(": error: ")[-1])
    gone = tmp_path / "gone.pdf"
    result = run_diarium("import", MEETING_000, "--content", content, "--source-pdf", gone, check=False)
    assert result.returncode == 2 and "cannot read it" in result.stderr
    result = run_diarium("import", MEETING_000, PLAN_003, "--content", content, "--source-pdf", pdf, check=False)
    assert result.returncode == 2 and "import one at a time" in result.stderr
    result = run_diarium("import", MEETING_000, "--content", content, "--source-pdf", pdf, "--source-url", ADDRESS,
                         check=False)
    assert result.returncode == 2 and "not allowed with argument" in result.stderr
    assert not content.exists()
