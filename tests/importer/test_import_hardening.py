"""Issue #13, points 10 and 11: a damaged record never crashes `diarium import` (the other files
are still imported), and whatever the import writes, `build` accepts."""
from __future__ import annotations

from pathlib import Path

import pytest

from importer_support import MEETING_000, MEETING_001, import_into
from support import ROOT, run_diarium


def damaged(tmp_path: Path, name: str, change) -> Path:
    path = tmp_path / name
    path.write_text(change(MEETING_000.read_text(encoding="utf-8")), encoding="utf-8", newline="")
    return path


def builds(content: Path, out: Path) -> None:
    result = run_diarium("build", "--content", content, "--config", ROOT / "config.yaml", "--out", out, "--quiet",
                         "--no-search", check=False)
    assert result.returncode == 0, result.stderr


MUTANTS = {
    "blank lines between all lines": lambda t: t.replace("\n", "\n\n"),
    "\\n\\r line ends": lambda t: t.replace("\n", "\n\r"),
    "impossible header date": lambda t: t.replace("2012-12-11", "2012-02-30", 2),
    "1,200-line agenda entry": lambda t: t.replace("\n2.", "\n" + "(fortsättning\n" * 1200 + "2.", 1),
    "a 2 MB line": lambda t: t + "\n" + "ord " * 500_000 + "\n",
}


@pytest.mark.parametrize("mutant", MUTANTS)
def test_a_damaged_record_is_reported_or_imported_never_a_traceback(tmp_path, mutant):
    record = damaged(tmp_path, "000_damaged.txt", MUTANTS[mutant])
    content = tmp_path / "content"
    result = import_into(content, record, MEETING_001)  # the second file is imported whatever the first does
    assert "Traceback" not in result.stderr
    assert result.returncode == 0 or f"{record}: error:" in result.stderr
    assert any(content.rglob("meeting.md")), result.stdout + result.stderr
    builds(content, tmp_path / "site")


@pytest.mark.parametrize("written, expected", [("Dnr SN/2012:xx", "SN/2012:xx"), ("Dnr SN 2012195", "SN 2012195"),
                                                ("Dnr SN 1899:1", "SN 1899:1")])
def test_what_the_import_writes_builds_and_a_bad_value_stays_text(tmp_path, written, expected):
    record = damaged(tmp_path, "000_numbers.txt", lambda t: t.replace("Dnr SN/2012:195", written))
    content = tmp_path / "content"
    result = import_into(content, record)
    assert result.returncode == 0, result.stderr
    assert any(expected in p.read_text(encoding="utf-8") for p in content.rglob("*.md"))  # still in the text
    builds(content, tmp_path / "site")


def test_reimporting_over_a_latin1_file_or_a_folder_skips_it(tmp_path):
    content = tmp_path / "content"
    assert import_into(content, MEETING_000).returncode == 0
    items = sorted(content.rglob("item.md"))
    items[0].write_bytes("---\ntitle: Gr\xf6ndal\n---\n".encode("latin-1"))
    items[1].unlink()
    items[1].mkdir()
    result = import_into(content, MEETING_000)
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
    assert f"skipped {items[0]}: not a UTF-8 text file" in result.stdout
    assert f"skipped {items[1]}: not a UTF-8 text file" in result.stdout


def test_a_killed_import_leaves_a_meeting_build_refuses_and_the_next_import_completes(tmp_path, monkeypatch):
    """Point 15: the files of a record land together; killed half-way, the meeting is marked."""
    import os

    from generator.importer import stage
    content = tmp_path / "content"
    renamed = []

    def killed_after_three(tmp, path):
        if len(renamed) == 3:
            raise KeyboardInterrupt  # as a kill would stop it: nothing after this line runs
        renamed.append(path)
        os.rename(tmp, path)

    monkeypatch.setattr(stage.os, "replace", killed_after_three)
    with pytest.raises(KeyboardInterrupt):
        import_into(content, MEETING_000)
    monkeypatch.undo()
    result = run_diarium("build", "--content", content, "--config", ROOT / "config.yaml", "--out", tmp_path / "site",
                         "--quiet", "--no-search", check=False)
    assert result.returncode == 1 and "an import into this meeting did not finish" in result.stderr
    assert import_into(content, MEETING_000).returncode == 0
    assert not list(content.rglob(".import-*"))
    builds(content, tmp_path / "site")
