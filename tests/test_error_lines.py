"""Issue #14 ("command output tells the truth") and #13 point 12: an error points at the line to
edit. An empty required field is reported at its own line as empty; a missing one at the closing
'---' of the front matter, where it would be added; a problem inside a nested mapping or list at
that mapping's or entry's line, not at line 1 or at the top-level key."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.load import load_site
from generator.problems import ContentError

ITEM = "content/socialnamnden/2012-12-11/01/item.md"
COMMITTEE = "content/socialnamnden/committee.md"
PARAGRAPH = "content/byggnadsnamnden/2025-02-03/paragraf-11/paragraph.md"
MINUTES = "content/byggnadsnamnden/2025-02-03/protokoll.md"


def errors(site: Path) -> list[str]:
    config, _ = load_config(site / "config.yaml")
    with pytest.raises(ContentError) as caught:
        load_site(site / "content", config)
    return [str(p) for p in caught.value.problems if p.level == "error"]


def edit(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, rel)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("empty", ["title:", 'title: ""', "title: ''", "title:   "])
def test_an_empty_required_field_is_reported_at_its_line_as_empty(site_dir, empty):
    edit(site_dir, ITEM, "title: En tillgänglig socialtjänst – muntlig information", empty)
    assert errors(site_dir) == [f"{ITEM}:3: error: field 'title': is empty, expected a non-empty text"]


def test_a_missing_required_field_is_reported_at_the_closing_dashes(site_dir):
    edit(site_dir, ITEM, "title: En tillgänglig socialtjänst – muntlig information\n", "")
    assert errors(site_dir) == [f"{ITEM}:4: error: field 'title': missing: every item needs 'title', "
                                "expected a non-empty text"]


def test_each_missing_field_names_what_it_expects(site_dir):
    (site_dir / ITEM).write_text("---\n---\n", encoding="utf-8")
    edit(site_dir, COMMITTEE, "prefix:", "prefix: \nx_prefix:")
    found = errors(site_dir)
    assert f"{ITEM}:2: error: field 'number': missing: every item needs 'number', expected a whole number" in found
    assert f"{ITEM}:2: error: field 'title': missing: every item needs 'title', expected a non-empty text" in found
    assert any(e.startswith(f"{COMMITTEE}:") and "field 'prefix': is empty, expected a diary-number prefix" in e
               and not e.startswith(f"{COMMITTEE}:1:") for e in found), found


def test_a_missing_key_in_a_nested_entry_is_reported_at_that_entry(minutes_dir):
    edit(minutes_dir, PARAGRAPH, "      - {name: Jan Byvik, party: S, vote: nej}", "      - {party: S, vote: nej}")
    assert errors(minutes_dir) == [f"{PARAGRAPH}:15: error: field 'votes': [0].ballots[1]: missing 'name', "
                                   "expected a non-empty text"]


def test_an_empty_key_in_a_nested_entry_is_reported_at_its_line(minutes_dir):
    edit(minutes_dir, PARAGRAPH, "      - {name: Karin Ek, party: C, vote: nej}",
         "      - name: Karin Ek\n        party: C\n        vote:")
    assert errors(minutes_dir) == [f"{PARAGRAPH}:18: error: field 'votes': [0].ballots[2].vote: is empty, "
                                   "expected ja, nej or avstår"]


def test_a_wrong_value_in_a_minutes_block_is_reported_at_its_line(minutes_dir):
    edit(minutes_dir, MINUTES, "    - Karin Ek (C)", "    - {name: Karin Ek, colour: C}")
    assert errors(minutes_dir) == [f"{MINUTES}:19: error: field 'attendance': members[2]: unknown key 'colour', "
                                   "expected name, party, role"]


def test_a_missing_key_of_a_config_mapping_is_reported_at_the_mapping(site_dir):
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "diary_scheme:\n  patern: x\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_config(config)
    assert [str(p) for p in caught.value.problems] == [
        f"{config}:6: error: field 'diary_scheme': expected a mapping {{pattern: REGEX}} with named groups year "
        "and seq (and prefix)"]
