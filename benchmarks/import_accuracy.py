"""Import accuracy: imports every record (``*.txt``) of each FOLDER into a temporary content
folder, one record at a time, and compares what was written with the ``*.expected.json`` beside
the record (docs/importing.md, "Measuring accuracy").

    python benchmarks/import_accuracy.py ../shared/records/kungsbacka ../shared/seeds [--json]

Per record and in total: the kind chosen; items right (number, title and diary numbers all equal
after normalising whitespace and hyphens; a diary number printed without its prefix matches the
same year and serial with any prefix); date, chair, secretary and adjusters right; attendance
recall (names found in the right group); the share of the record's distinct words that are in
the written content files. Records without an expected.json report their counts only.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.config import Config  # noqa: E402
from generator.files import write_atomic  # noqa: E402
from generator.importer import attendance, convert, layout, minutes, notice, paragraphs, votes, write  # noqa: E402
from generator.importer.command import import_one  # noqa: E402
from generator.importer.extracted import Minutes, Notice  # noqa: E402
from generator.importer.source import plain, read_lines  # noqa: E402

WORD = re.compile(r"[^\W\d_]{2,}")
# The forms of the diary-number schemes (docs/importing.md), to configure a site per folder.
FORMS = {"dash": re.compile(r"\b[A-ZÅÄÖ]{1,5}-(?:19|20)\d\d-\d{5,6}\b"),
         "slash": re.compile(r"\b[A-ZÅÄÖ]{1,5}[ /-](?:19|20)\d\d/\d{1,6}\b"),
         "colon": re.compile(r"\b[A-ZÅÄÖ]{1,5}[ /]+(?:19|20)\d\d:\d{1,6}\b")}
# expected.json attendance groups → the groups of protokoll.md
GROUPS = {"members": "members", "serving_deputies": "serving_deputies", "deputies": "deputies",
          "officials": "officials", "staff_representatives": "others", "others": "others"}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\s*[-–—]\s*", "-", str(text))).strip().casefold()


def person(text: str) -> str:
    """A name without party, role or paragraphs: ``Jan Byvik (S), Ordförande`` → ``jan byvik``."""
    return norm(re.split(r"\s*[(,§]", str(text))[0])


def same_number(expected: str, written: str) -> bool:
    e, w = norm(expected), norm(written)
    return e == w or (not re.match(r"^[^\W\d_]", e) and w.endswith("-" + e))


def read_files(root: Path) -> list[tuple[Path, dict, str]]:
    out = []
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        head, _, body = text.removeprefix("---\n").partition("\n---\n")
        out.append((path, yaml.safe_load(head) or {}, body))
    return out


def item_rows(files: list[tuple[Path, dict, str]], minutes: bool) -> list[dict]:
    name = "paragraph.md" if minutes else "item.md"
    rows = [meta for path, meta, _ in files if path.name == name]
    key = "number" if minutes else "printed_number"
    return sorted(({"number": str(m.get(key) or m["number"]), "title": m.get("title", ""),
                    "diary_numbers": m.get("diary_numbers") or []} for m in rows), key=lambda r: int(r["number"]))


def items_right(expected: list[dict], written: list[dict]) -> int:
    by_number = {r["number"]: r for r in written}
    right = 0
    for e in expected:
        w = by_number.get(str(e["number"]))
        if w and norm(w["title"]) == norm(e["title"]) and len(w["diary_numbers"]) == len(e["diary_numbers"]) \
                and all(same_number(a, b) for a, b in zip(e["diary_numbers"], w["diary_numbers"], strict=True)):
            right += 1
    return right


def attendance_recall(expected: dict | None, written: dict) -> tuple[int, int]:
    if not expected:
        return 0, 0
    total = found = 0
    for group, names in expected.items():
        have = {person(p["name"] if isinstance(p, dict) else p) for p in written.get(GROUPS.get(group, group), [])}
        for name in names:
            total += 1
            found += person(name) in have
    return found, total


def words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(re.sub(r"<[^<>]*>", " ", text))}


# Cells that are labels of other structures: notice columns and ballot-table columns.
LABEL_CELLS = [p for _, p in notice._COLUMNS] + list(votes._COLUMNS.values()) + [
    re.compile(r"^(?:ledamot|ersättare|ledamot/tjänstgörande ersättare|avstår från att rösta)$", re.IGNORECASE)]
# Labels inside a line that become keys: the clock of a meeting time, a heading's Dnr, whom a
# serving deputy replaces.
INLINE_LABELS = [re.compile(r"\b(?:klockan|kl\.?)(?=\s*\d)", re.IGNORECASE),
                 re.compile(r"^(?:§\s*\d+\s+)?dnr\b", re.IGNORECASE),
                 re.compile(r"\b(?:ersätter|tjänstgör\s+för)\b", re.IGNORECASE)]


def structure_words(source: Path) -> set[str]:
    """Words the importer deliberately does not write as text: layout residue it removed (page
    headers and footers, page markers, links to table copies, e-signature ids) and the labels it
    turned into front-matter keys (``Beslutande``, ``Sekreterare``, ``Beslutsgång`` …), which the
    built pages show as their own headings."""
    lines = read_lines(source)
    stripped = layout.strip(lines).lines
    found: set[str] = set()
    for before, after in zip(lines, stripped, strict=True):
        found |= words(before) - words(after)
        for cell in re.split(r"\s{2,}|\||<br\s*/?>", plain(after)):
            cell = cell.strip()
            if not cell:
                continue
            rule = next((m for p, _ in minutes._RULES for m in [p.match(cell)] if m and m.group(0).strip()), None)
            kind = [p for p in convert._MINUTES + convert._NOTICE for part in cell.split("/") if p.match(part.strip())]
            if paragraphs.label_of(cell) or attendance.group_labels(cell) is not None or kind \
                    or minutes._CONTENTS.match(cell) or any(p.match(cell) for p in LABEL_CELLS):
                found |= words(cell)
            elif rule:
                found |= words(rule.group(0))
            for pattern in INLINE_LABELS:
                found |= {w for m in pattern.finditer(cell) for w in words(m.group(0))}
    return found


def words_kept(source: Path, root: Path) -> tuple[float, float]:
    """The share of the record's distinct words in the written files: of all of them, and of
    those that are not layout residue or labels turned into keys."""
    everything = words(source.read_text(encoding="utf-8"))
    written = {w for p in root.rglob("*.md") for w in words(p.read_text(encoding="utf-8"))}
    text = everything - structure_words(source)
    def share(wanted: set[str]) -> float:
        return len(wanted & written) / len(wanted) if wanted else 1.0
    return share(text), share(everything)


def site_config(folder: Path) -> Config:
    """The configuration a site of these records would have: the scheme whose form the records
    write most (``KS-2024-00544``, ``KS 2024/123``), else the defaults (``SN 2012:195``)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in folder.glob("*.txt"))
    counts = {name: len(form.findall(text)) for name, form in FORMS.items()}
    best = max(counts, key=lambda name: counts[name])
    return Config() if best == "colon" or not counts[best] else Config(diary_prefixes=[], diary_scheme=best)


def page_words(root: Path, config: Config) -> set[str]:
    """The words of the site built from ``root`` (visible text of every page)."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.words: set[str] = set()
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style")

        def handle_data(self, data):
            if not self.skip:
                self.words |= words(data)

    site_config = root.parent / "config.yaml"
    scheme = config.diary_scheme if isinstance(config.diary_scheme, str) else "colon"
    site_config.write_text(f"diary_scheme: {scheme}\ndiary_prefixes: {config.diary_prefixes}\n", encoding="utf-8")
    out = root.parent / "site"
    subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(root), "--config", str(site_config),
                    "--out", str(out), "--no-search", "--quiet", "--jobs", "1"], check=True, capture_output=True)
    parser = Text()
    for page in out.rglob("*.html"):
        parser.feed(page.read_text(encoding="utf-8"))
    return parser.words


def measure(path: Path, config: Config, built: bool = False) -> dict:
    expected_path = path.with_suffix(".expected.json")
    expected = json.loads(expected_path.read_text(encoding="utf-8")) if expected_path.exists() else None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        try:
            record, files, warnings = import_one(path, root, config)
            for file in files:
                write_atomic(file.path, write.render(file.meta, file.body))
        except Exception:  # noqa: BLE001 - a crash is a result here, counted and shown
            return {"record": path.name, "crash": traceback.format_exc(limit=3)}
        written = read_files(root)
        is_minutes = isinstance(record, Minutes)
        kind = "protokoll" if is_minutes else (record.kind if isinstance(record, Notice) else "document")
        rows = item_rows(written, is_minutes)
        result = {"record": path.name, "kind": kind, "items": len(rows), "warnings": len(warnings),
                  "documents": sum(1 for p, m, _ in written if p.name.startswith(("tjansteskrivelse", "bilaga"))
                                   or p.parent.name == "documents"),
                  **dict(zip(("words_kept", "words_kept_raw"), (round(x, 4) for x in words_kept(path, root)),
                             strict=True))}
        if built:
            wanted = words(path.read_text(encoding="utf-8"))
            result["words_on_pages"] = round(len(wanted & page_words(root, config)) / len(wanted), 4)
        if expected is None:
            return result
        header = next((m for p, m, _ in written if p.name == "protokoll.md"), None) if is_minutes else \
            next((m for p, m, _ in written if p.name == "meeting.md"), {})
        meeting = next((m for p, m, _ in written if p.name == "meeting.md"), {})
        adjusters = (header or {}).get("adjusters") or ((header or {}).get("adjustment") or {}).get("by") or []
        found, total = attendance_recall(expected.get("attendance"), (header or {}).get("attendance") or {})
        result.update({
            "kind_right": kind == expected["kind"],
            "items_expected": len(expected["items"]), "items_right": items_right(expected["items"], rows),
            "date_right": str(meeting.get("date")) == expected.get("date"),
            "chair_right": person((header or {}).get("chair") or "") == person(expected.get("chair") or ""),
            "secretary_right": person((header or {}).get("secretary") or "") == person(expected.get("secretary") or ""),
            "adjusters_right": "adjusters" not in expected
            or sorted(map(person, adjusters)) == sorted(map(person, expected["adjusters"] or [])),
            "attendance_found": found, "attendance_total": total,
        })
        return result


def _mark(result: dict, key: str) -> str:
    return "" if key not in result else ("✓" if result[key] else "✗")


def table(results: list[dict]) -> str:
    head = "| record | kind | items right | date | chair | secr. | adj. | attendance | words kept (all) | warnings |"
    lines = [head, "|" + "---|" * 10]
    for r in results:
        if "crash" in r:
            lines.append(f"| {r['record']} | CRASH | | | | | | | | |")
            continue
        items = f"{r['items_right']}/{r['items_expected']}" if "items_right" in r \
            else f"{r['items']} items, {r['documents']} docs"
        attendance = f"{r['attendance_found']}/{r['attendance_total']}" if r.get("attendance_total") else ""
        kind = r["kind"] + ("" if r.get("kind_right", True) else " ✗")
        lines.append(f"| {r['record']} | {kind} | {items} | {_mark(r, 'date_right')} | {_mark(r, 'chair_right')} | "
                     f"{_mark(r, 'secretary_right')} | {_mark(r, 'adjusters_right')} | {attendance} | "
                     f"{r['words_kept']:.2%} ({r['words_kept_raw']:.2%})"
                     + (f", pages {r['words_on_pages']:.2%}" if "words_on_pages" in r else "")
                     + f" | {r['warnings']} |")
    scored = [r for r in results if "items_right" in r]
    if scored:
        n = len(scored)
        items = sum(r["items_right"] for r in scored), sum(r["items_expected"] for r in scored)
        found = sum(r["attendance_found"] for r in scored), sum(r["attendance_total"] for r in scored)
        def count(key: str) -> int:
            return sum(bool(r[key]) for r in scored)
        words = min(r["words_kept"] for r in scored)
        lines.append(f"| **total** ({n}) | {count('kind_right')}/{n} right | {items[0]}/{items[1]} | "
                     f"{count('date_right')}/{n} | {count('chair_right')}/{n} | {count('secretary_right')}/{n} | "
                     f"{count('adjusters_right')}/{n} | {found[0]}/{found[1]} | min {words:.2%} | "
                     f"{sum(1 for r in results if 'crash' in r)} crashes |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--built", action="store_true",
                        help="also build each imported record and count its words on the built pages (slower)")
    args = parser.parse_args(argv)
    results = [measure(path, site_config(folder), args.built)
               for folder in args.folders for path in sorted(folder.glob("*.txt"))]
    print(json.dumps(results, ensure_ascii=False, indent=1) if args.json else table(results))
    for r in results:
        if "crash" in r:
            print(f"\n{r['record']}:\n{r['crash']}", file=sys.stderr)
    return 1 if any("crash" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
