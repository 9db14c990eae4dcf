"""Redaction rules in config.yaml remove their text before anything is rendered or indexed."""
import gzip
import json
from pathlib import Path

import pytest

from generator.config import Config
from generator.problems import ContentError
from generator.redact import Redactor
from support import build_into, run_diarium

RULES = """redact:
  - Joachim Heimersson
  - Gröndalsvägen 8
  - pattern: 'Lotta\\s+Persson'
"""


def published_text(site: Path) -> dict[str, str]:
    """Every file of a built site as text: compressed search-index files unpacked, folded lines unfolded."""
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        text = raw.decode("utf-8", errors="replace")
        texts[path.relative_to(site).as_posix()] = text.replace("\r\n ", "")  # unfold iCalendar lines
    return texts


def test_redaction_removes_text_from_pages_search_feeds_and_data(site_dir, tmp_path):
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + RULES, encoding="utf-8")
    texts = published_text(build_into(site_dir, tmp_path / "site", "--base-url", "https://example.org/"))
    for secret in ("Joachim Heimersson", "Lotta Persson", "Gröndalsvägen 8"):
        leaks = [rel for rel, text in texts.items() if secret in text]
        assert not leaks, f"{secret} published in {leaks}"
    for rel in ("socialnamnden/2012-12-11/02/index.html", "data/items.json", "data/items.csv", "data/cases.json",
                "data/documents.json", "feed.xml", "kalender.ics"):
        assert "[redacted]" in texts[rel], rel
    index = [rel for rel in texts if rel.startswith("pagefind/") and "/fragment/" in rel]  # of every shard
    assert index, "the build made no search index"
    assert any("[redacted]" in texts[rel] for rel in index)


def test_check_reports_replacements_per_rule(site_dir):
    config = site_dir / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + RULES + "  - Ingen Alls\n", encoding="utf-8")
    result = run_diarium("check", "--json", "--skip-html", "--content", site_dir / "content", "--config", config,
                         check=False)
    report = json.loads(result.stdout)
    assert report["redactions"]["Joachim Heimersson"] == 1 and report["redactions"]["Lotta\\s+Persson"] == 1
    assert report["redactions"]["Gröndalsvägen 8"] >= 3 and report["redactions"]["Ingen Alls"] == 0
    assert any("'Ingen Alls' made no replacement" in w["message"] for w in report["warnings"])
    assert result.returncode == 0


def test_rules_are_exact_texts_or_patterns_and_bad_ones_are_errors():
    config = Config(redact=["a.b (x)", {"pattern": r"\d{3}"}])
    redact = Redactor(config)
    assert redact("a.b (x) and axb (x), 1234") == "[redacted] and axb (x), [redacted]4"
    assert redact.counts == {"a.b (x)": 1, r"\d{3}": 1}
    for bad in ([{"pattern": "("}], [{"text": "x"}], [""]):
        with pytest.raises(ContentError, match="redact"):
            Redactor(Config(redact=bad))
