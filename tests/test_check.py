"""`diarium check`: passes on the bundled site, fails naming the place on what must not be published."""
import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.check import html
from generator.check.command import Progress
from generator.check.personal import find_personal_data
from generator.config import Config
from support import run_diarium

ITEM1 = "content/socialnamnden/2012-12-11/01/item.md"
REPORT = "content/socialnamnden/2012-12-11/02/tjansteskrivelse.md"


def check(site: Path, *extra: str):
    result = run_diarium("check", "--content", site / "content", "--config", site / "config.yaml", *extra,
                         cwd=site, check=False)
    return result.returncode, result.stdout


def append(path: Path, text: str) -> int:
    """Append ``text`` to a content file; returns the line it starts on."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")
    return before.rstrip("\n").count("\n") + 3


def test_check_passes_on_the_bundled_site():
    result = run_diarium("check", "--json", "--skip-html", check=False)  # CI runs it with HTML validation
    assert result.stdout.startswith("{"), result.stderr
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["ok"], report["errors"]
    assert report["pages"] > 0 and report["links"] > 0


def test_check_fails_naming_each_planted_problem(site_dir):
    link = append(site_dir / ITEM1, "Se [sidan](/finns-inte/) och [punkt 2](/socialnamnden/2012-12-11/02/#saknas).")
    number = append(site_dir / REPORT, "Sökande: 19811218-9876. Samordningsförbundet, org.nr 212000-2882.")
    code, out = check(site_dir, "--skip-html")
    assert code == 1
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert any(e.startswith(f"{ITEM1}:{link}: ") and "'/finns-inte/'" in e and "no such page" in e for e in errors)
    assert any(e.startswith(f"{ITEM1}:{link}: ") and "no element with id 'saknas'" in e for e in errors)
    assert any(e.startswith(f"{REPORT}:{number}: ") and "personnummer" in e for e in errors)
    assert "9876" not in out, "the report masks the number it found"
    assert len(errors) == 3, errors  # the organisation number is not a personnummer


def test_json_report_and_site_patterns(site_dir):
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "personal_data_patterns: ['Lotta\\s+Persson']\n",
                      encoding="utf-8")
    code, out = check(site_dir, "--skip-html", "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"]
    assert [(e["path"], "personal_data_patterns[0]" in e["message"]) for e in report["errors"]] == [(REPORT, True)]
    assert any("placeholder" in w["message"] for w in report["warnings"])  # 'SN 2016:xx'
    assert any(w["field"] == "import.warnings" for w in report["warnings"])


def test_invalid_content_is_reported_as_errors(site_dir):
    (site_dir / ITEM1).write_text("---\nnumber: 1\n---\n", encoding="utf-8")
    code, out = check(site_dir, "--skip-html")
    # reported where the key would go: the front matter's closing line
    assert code == 1 and f"{ITEM1}:3: error: field 'title': missing" in out


@pytest.mark.parametrize("text, expected", [
    ("811218-9876", True), ("19811218-9876", True), ("8112189876", True), ("811218+9876", True),
    ("811278-9873", True),  # samordningsnummer: day + 60
    ("811218-9875", False),  # wrong check digit
    ("212000-2882", False), ("556525-3213", False),  # organisation numbers
    ("811232-9870", False),  # no such day
    ("SN 2012:195", False), ("2012-12-11", False),
])
def test_personnummer_detection(text, expected):
    sources = SimpleNamespace(lines={"a.md": ["Första raden.", f"Sökande: {text}, enligt ansökan."]})
    found = find_personal_data(sources, Config())
    assert [(p.path, p.line, "personnummer" in p.message) for p in found] == ([("a.md", 2, True)] if expected else [])


def test_html_validation_reports_invalid_markup_in_a_template(site_dir):
    command, why = html.find_checker()
    if command is None:
        pytest.skip(why)
    own = site_dir / "own"
    own.mkdir()
    (own / "404.html").write_text('{% extends "base.html" %}{% block main %}<p><div>x</p>{% endblock %}',
                                  encoding="utf-8")
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "templates: own\n", encoding="utf-8")
    code, out = check(site_dir)
    assert code == 1
    assert any(line.startswith("templates/404.html: error: invalid HTML") for line in out.splitlines()), out


def test_check_says_when_html_validation_cannot_run(site_dir, monkeypatch):
    monkeypatch.setenv("DIARIUM_VNU_JAR", str(site_dir / "missing.jar"))
    monkeypatch.setattr(html, "HOME", site_dir)
    monkeypatch.chdir(site_dir)
    command, why = html.find_checker()
    assert command is None and why.startswith("skipped: the Nu Html Checker is not installed")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_html_check_progress_counts_pages_on_a_terminal_and_is_two_lines_in_a_log():
    """#14: the half-minute HTML check shows it is working."""
    terminal, log = Terminal(), io.StringIO()
    for stream in (terminal, log):
        with Progress(400, stream) as progress:
            for checked in range(1, 401):
                progress(checked)
    assert "\rChecking HTML: 120/400 pages" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\033[KChecked HTML of 400 pages\n")
    assert log.getvalue() == "Checking HTML of 400 pages…\nChecked HTML of 400 pages\n"


def test_check_reports_the_html_checks_start_and_end_in_a_log(site_dir):
    command, why = html.find_checker()
    if command is None:
        pytest.skip(why)
    result = run_diarium("check", "--content", site_dir / "content", "--config", site_dir / "config.yaml",
                         cwd=site_dir, check=False)
    pages = sum(1 for line in result.stderr.splitlines() if line.startswith("Checking HTML of "))
    assert pages == 1, result.stderr
    started = next(line for line in result.stderr.splitlines() if line.startswith("Checking HTML of "))
    assert started.split()[3].isdigit() and int(started.split()[3]) > 10
    assert f"Checked HTML of {started.split()[3]} pages" in result.stderr
    assert result.returncode == 0, result.stdout
