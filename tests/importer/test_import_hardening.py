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


KUNGSBACKA = ROOT.parent / "shared" / "records" / "kungsbacka"
MINUTES_01 = KUNGSBACKA / "01_valnamnd-protokoll-2025-02-03.txt"
NOTICE_03 = KUNGSBACKA / "03_kommunstyrelsen-kallelse-2025-04-22.txt"


def with_lines(tmp_path: Path, record: Path, changes: dict[int, tuple[str, str]]) -> Path:
    """``record`` with line N's ``old`` replaced by ``new``, for each N."""
    lines = record.read_text(encoding="utf-8").split("\n")
    for number, (old, new) in changes.items():
        assert old in lines[number - 1], (number, lines[number - 1])
        lines[number - 1] = lines[number - 1].replace(old, new)
    path = tmp_path / record.name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def calendar_warning(line: int, written: str) -> str:
    return f"line {line}: {written!r} is not a date in the calendar: kept as text, no date set"


def test_an_impossible_date_in_a_report_header_is_a_warning_naming_its_line(tmp_path):
    """#13 point 10: the date is checked where it is read; the import goes on and what it writes builds."""
    record = with_lines(tmp_path, MEETING_000, {70: ("2012-11-26", "2012-11-31"), 161: ("2012-11-20", "2011-02-29")})
    content = tmp_path / "content"
    result = import_into(content, record)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert f"warning: item 2: {calendar_warning(70, '2012-11-31')}" in result.stdout
    assert f"warning: item 3: {calendar_warning(161, '2011-02-29')}" in result.stdout
    builds(content, tmp_path / "site")


def test_an_impossible_meeting_date_is_a_warning_and_another_date_of_the_header_serves(tmp_path):
    record = with_lines(tmp_path, MEETING_000, {5: ("2012-12-11", "2012-02-30")})
    content = tmp_path / "content"
    result = import_into(content, record)
    assert result.returncode == 0, result.stderr
    assert f"warning: {calendar_warning(5, '2012-02-30')}" in result.stdout
    meeting = content / "socialnamnden/2012-12-11/meeting.md"  # the date of the Tid line, 9
    assert "'2012-02-30'" in meeting.read_text(encoding="utf-8").split("---")[1]  # kept among the notes
    builds(content, tmp_path / "site")


def test_a_meeting_with_only_impossible_dates_is_refused_naming_the_line(tmp_path):
    record = with_lines(tmp_path, MEETING_000, {5: ("2012-12-11", "2012-02-30"), 9: ("2012-12-11", "2012-04-31")})
    result = import_into(tmp_path / "content", record, MEETING_001)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"{record}: error: cannot be imported (no date found for meeting.md, which every meeting needs; "
            f"{calendar_warning(5, '2012-02-30')}; {calendar_warning(9, '2012-04-31')}") in result.stderr
    assert f"{MEETING_001}: meeting Socialnämnden" in result.stdout  # the next file is imported


@pytest.mark.skipif(not KUNGSBACKA.is_dir(), reason="../shared/records/kungsbacka is not here")
@pytest.mark.parametrize("record, line, old, new", [
    (MINUTES_01, 31, "Digital justering", "2025-02-30 Digital justering"),        # the adjustment's date
    (NOTICE_03, 11, "22 april 2025", "31 april 2025"),                           # the meeting's long date
])
def test_an_impossible_date_in_a_kungsbacka_header_is_a_warning_naming_its_line(tmp_path, record, line, old, new):
    damaged_record = with_lines(tmp_path, record, {line: (old, new)})
    content = tmp_path / "content"
    result = import_into(content, damaged_record)
    assert "Traceback" not in result.stderr
    written = new.split(" Digital")[0]
    assert calendar_warning(line, written) in result.stdout + result.stderr
    if result.returncode == 0:
        builds(content, tmp_path / "site")


def test_the_cost_of_a_long_single_line_is_linear(tmp_path):
    """#13 point 10: a 20 MB single line took 73 s. Four times the text costs about four times the
    CPU time (process time, not wall time, so a busy machine does not fail it; a quadratic step
    would make it 16 times)."""
    from time import process_time

    from generator.config import load_config
    from generator.importer.command import import_one
    config, _ = load_config(ROOT / "config.yaml")
    text = MEETING_000.read_text(encoding="utf-8")
    line = text.replace("\n", " ")
    costs = []
    for size in (500_000, 2_000_000):
        record = tmp_path / f"line-{size}.txt"
        record.write_text(text + "\n" + (line * (size // len(line) + 1))[:size] + "\n", encoding="utf-8")
        start = process_time()
        import_one(record, tmp_path / "content", config)
        costs.append(process_time() - start)
    assert costs[1] < 8 * costs[0], costs
