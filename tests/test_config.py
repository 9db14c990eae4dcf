"""config.yaml: problems name the file actually given (--config) and the line of the offending key."""
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.check.personal import find_personal_data
from generator.config import Config, load_config
from generator.problems import ContentError
from generator.redact import Redactor

OTHER = """title: Nämnderna
feed_entries: many
redact:
  - Joachim Heimersson
  - pattern: '('
personal_data_patterns:
  - 'Lotta\\s+Persson'
  - '[0-9'
colour: red
"""


def other(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites" / "other.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wrong_type_names_file_line_and_key(tmp_path):
    path = other(tmp_path, OTHER)
    with pytest.raises(ContentError) as failed:
        load_config(path)
    assert [str(p) for p in failed.value.problems] == [
        f"{path}:2: error: field 'feed_entries': expected a whole number, got 'many'"]


def test_unknown_keys_are_warned_about_at_their_line(tmp_path):
    config, warnings = load_config(other(tmp_path, OTHER.replace("feed_entries: many\n", "")))
    assert config.path == tmp_path / "sites/other.yaml" and config.root == tmp_path / "sites"
    assert [(p.line, p.field, p.level) for p in warnings] == [(8, "colour", "warning")]


def test_invalid_yaml_names_its_line(tmp_path):
    path = other(tmp_path, "title: x\nredact: [a\n")
    with pytest.raises(ContentError) as failed:
        load_config(path)
    assert [(p.path, p.line) for p in failed.value.problems] == [(str(path), 3)]
    assert "invalid YAML" in failed.value.problems[0].message


def test_a_bad_redaction_rule_names_the_given_file_and_its_line(tmp_path):
    config, _ = load_config(other(tmp_path, OTHER.replace("feed_entries: many\n", "")))
    with pytest.raises(ContentError) as failed:
        Redactor(config)
    [problem] = failed.value.problems
    assert (problem.path, problem.line, problem.field) == (str(config.path), 4, "redact[1]")
    assert "invalid regular expression" in problem.message


def test_a_bad_personal_data_pattern_names_the_given_file_and_its_line(tmp_path):
    config, _ = load_config(other(tmp_path, OTHER.replace("feed_entries: many\n", "")))
    problems = find_personal_data(SimpleNamespace(lines={}), config)  # no content, only the config
    assert [(p.path, p.line, p.field) for p in problems] == [(str(config.path), 7, "personal_data_patterns[1]")]


def test_a_config_made_in_code_has_no_lines():
    assert Config(redact=[""]).problem("redact[0]", "x").line == 0
