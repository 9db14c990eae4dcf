"""The command line: commands load only when chosen, and expected failures end in a message that
names the file and an exit code, never a traceback."""
import subprocess
import sys

import pytest

from generator import cli
from support import FIXTURE, ROOT, run_diarium

HEAVY = ("watchdog", "lunr", "icalendar", "jinja2", "markdown_it", "generator.build")


def test_version_and_help_load_no_command():
    script = ("import sys\nfrom generator.cli import main\n"
              "for argv in (['--version'], ['--help']):\n"
              "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
              "print(' '.join(sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=ROOT).stdout.split()
    assert "generator.cli" in loaded
    assert not [m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY]


def test_help_lists_every_command_and_each_command_has_its_own(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    listing = capsys.readouterr().out
    for name, (_, summary) in cli.COMMANDS.items():
        assert name in listing and summary.split()[0] in listing
    with pytest.raises(SystemExit):
        cli.main(["import", "--help"])
    assert "--committee" in capsys.readouterr().out


def test_invalid_config_is_reported_by_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: diarium\nlanguage: [sv\n", encoding="utf-8")
    status = cli.main(["import", str(tmp_path / "x.txt"), "--content", str(tmp_path / "content"),
                       "--config", str(bad)])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{bad}:3: error: invalid YAML" in err and "Traceback" not in err


def test_config_of_the_wrong_type_is_reported_not_raised(tmp_path, capsys):
    bad = tmp_path / "other.yaml"
    bad.write_text("title: diarium\nfeed_entries: many\n", encoding="utf-8")
    assert cli.main(["import", str(tmp_path / "x.txt"), "--config", str(bad)]) == 1
    assert f"{bad}:2: error: field 'feed_entries': expected a whole number" in capsys.readouterr().err


def test_missing_import_file_is_named_without_errno(tmp_path, capsys):
    missing = tmp_path / "x.txt"
    status = cli.main(["import", str(missing), "--content", str(tmp_path / "content"),
                       "--config", str(ROOT / "config.yaml")])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{missing}: error: cannot read it: No such file or directory; nothing written" in err
    assert "Errno" not in err and not (tmp_path / "content").exists()


def test_missing_content_folder_fails_the_build(tmp_path):
    result = run_diarium("build", "--content", tmp_path / "nope", "--config", FIXTURE / "config.yaml",
                         "--out", tmp_path / "out", "--quiet", check=False)
    assert result.returncode == 1
    assert f"{tmp_path / 'nope'}: error: expected a content folder" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_unreadable_config_is_an_io_error(tmp_path, capsys):
    folder = tmp_path / "config.yaml"
    folder.mkdir()
    assert cli.main(["search", "x", "--content", str(tmp_path), "--config", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"diarium: {folder}: ") and "Errno" not in err


def test_ctrl_c_ends_with_130(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt
    monkeypatch.setattr("generator.search.command.run", interrupted)
    assert cli.main(["search", "x"]) == 130
    assert capsys.readouterr().err == "diarium: interrupted\n"
