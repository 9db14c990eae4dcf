"""Nothing clobbered: idempotent imports, hand edits kept unless --force, dry runs, non-records."""
from __future__ import annotations

from importer_support import (
    ANNEX_004,
    MEETING_000,
    MEETING_001,
    PLAN_003,
    import_into,
    snapshot,
)


def test_import_is_idempotent(imported):
    """Importing the seeds again changes nothing and writes nothing."""
    content = imported["content"]
    once = snapshot(content)
    again = import_into(content, MEETING_000, MEETING_001, PLAN_003, ANNEX_004)
    assert snapshot(content) == once
    assert again.stdout.count("wrote 0 files") == 4


def test_import_is_deterministic(tmp_path):
    import_into(tmp_path / "a", ANNEX_004, PLAN_003)
    import_into(tmp_path / "b", PLAN_003, ANNEX_004)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_hand_edit_is_kept_unless_forced(tmp_path):
    content = tmp_path / "content"
    import_into(content, ANNEX_004)
    doc = next((content / "documents").glob("*.md"))
    edited = doc.read_text(encoding="utf-8").replace("Bilaga 2", "Bilaga två", 1)
    doc.write_text(edited, encoding="utf-8")
    result = import_into(content, ANNEX_004)
    assert "edited since its import" in result.stdout
    assert doc.read_text(encoding="utf-8") == edited
    import_into(content, ANNEX_004, force=True)
    assert "Bilaga två" not in doc.read_text(encoding="utf-8")


def test_dry_run_writes_nothing(tmp_path):
    result = import_into(tmp_path / "content", ANNEX_004, dry_run=True)
    assert "would write" in result.stdout
    assert not (tmp_path / "content").exists()


def test_not_a_record_is_refused(tmp_path):
    binary, empty, data = tmp_path / "x.pdf", tmp_path / "empty.txt", tmp_path / "data.json"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02")
    empty.write_text("\n\n  \n", encoding="utf-8")
    data.write_text('{"items": [1, 2, 3], "text": "' + "ord " * 50 + '"}', encoding="utf-8")
    for path in (binary, empty, data):
        result = import_into(tmp_path / "content", path)
        assert result.returncode != 0
        assert "error" in result.stderr and "nothing written" in result.stderr
    assert not (tmp_path / "content").exists()


def test_same_title_from_another_record_gets_its_own_file(tmp_path):
    content = tmp_path / "content"
    twin = tmp_path / "twin.txt"
    twin.write_text(ANNEX_004.read_text(encoding="utf-8"), encoding="utf-8")
    import_into(content, ANNEX_004, twin)
    names = sorted(p.name for p in (content / "documents").glob("*.md"))
    assert len(names) == 2 and names[0].endswith("-2.md")
