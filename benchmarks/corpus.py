"""A realistic synthetic corpus for benchmarks: N items in meetings of ~15 items each.

Item bodies have real length (~600 words of Swedish committee vocabulary), a table, diary
numbers (own, mentioned and statute look-alikes), and an officer's report; every third item has
an attachment. Deterministic for a given N (seeded), so runs are comparable.

    python benchmarks/corpus.py OUT_DIR --items 10000
"""
from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Sequence

WORDS = ("socialnämnden förvaltningen beslutar uppdrag verksamheten ekonomiska kostnader budget "
         "placeringar ärendet insatser bistånd barn familjer ungdomar vuxna missbruk boende jourboende "
         "statsbidrag uppföljning rapport samverkan kommunen länsstyrelsen projekt målgrupp personal "
         "handläggning utredning beslut delegation avgifter hemtjänst omsorg stöd tillsyn serveringstillstånd "
         "alkohollagen socialtjänstlagen riktlinjer kvalitet rättssäkerhet förebyggande arbete skolan polisen "
         "insatsgrupper deltagare resultat analys bedömning åtgärder planering verksamhetsplan årsredovisning "
         "redovisning underlag yttrande remiss motion medborgarförslag kommunstyrelsen fullmäktige tertial").split()
COMMITTEES = [("socialnamnden", "Socialnämnden", "SN"), ("kommunstyrelsen", "Kommunstyrelsen", "KS"),
              ("vard-och-omsorgsnamnden", "Vård- och omsorgsnämnden", "VoN"),
              ("utbildningsnamnden", "Utbildningsnämnden", "UN")]
ITEMS_PER_MEETING = 15


def generate(content: Path, items: int = 10_000, seed: int = 1,
             vocabulary: Callable[[int], Sequence[str]] = lambda serial: WORDS) -> Path:
    """Write a corpus of ``items`` agenda items under ``content`` and return it. ``vocabulary(n)``
    gives the words item n (with its papers) is written in; words are drawn from it uniformly."""
    rng = random.Random(seed)
    content = Path(content)
    meetings = (items + ITEMS_PER_MEETING - 1) // ITEMS_PER_MEETING
    for cid, name, prefix in COMMITTEES:
        _write(content / cid / "committee.md",
               f"---\nname: {name}\nprefix: {prefix}\norganisation: Exempel kommun\n---\n")
    made = 0
    for m in range(meetings):
        cid, name, prefix = COMMITTEES[m % len(COMMITTEES)]
        when = date(2010, 1, 12) + timedelta(days=7 * (m // len(COMMITTEES)))
        folder = content / cid / when.isoformat()
        _write(folder / "meeting.md", f"---\ndate: {when}\ntime: \"18:30\"\nplace: Kommunhuset, sal {m % 5 + 1}\n"
                                      f"kind: {'protokoll' if m % 2 else 'kallelse'}\nchair: Ordförande {m % 7}\n"
                                      f"secretary: Sekreterare {m % 3}\n---\n")
        for n in range(1, min(ITEMS_PER_MEETING, items - made) + 1):
            _item(rng, vocabulary(made), folder / f"{n:02d}", n, prefix, when, made)
            made += 1
    return content


def _item(rng: random.Random, words: Sequence[str], folder: Path, number: int, prefix: str, when: date,
          serial: int) -> None:
    own = f"{prefix} {when.year}:{serial % 900 + 1}"
    other = f"{prefix}/{when.year - 1}:{rng.randint(1, 400)}"
    title = " ".join(rng.choice(words) for _ in range(rng.randint(3, 8))).capitalize()
    _write(folder / "item.md", f"---\nnumber: {number}\ntitle: \"{title} ({own})\"\ndiary_numbers: [{own}]\n"
                               f"decision: {_sentence(rng, words)}\nsummary: |\n  {_paragraph(rng, words, 60)}\n---\n"
                               f"## Ärendet\n\n{_paragraph(rng, words, 120)} Se även {other} "
                               "och alkohollagen (2010:1622).\n\n"
                               f"{_table(rng, words)}\n\n{_paragraph(rng, words, 150)}\n")
    _write(folder / "tjansteskrivelse.md",
           f"---\nkind: tjansteskrivelse\ntitle: \"{title}\"\ndate: {when - timedelta(days=14)}\n"
           f"diary_number: Dnr {own.replace(' ', '/')}\nofficer: [Handläggare {serial % 40}]\nrecipients: [Nämnden]\n"
           f"signatures:\n  - {{name: Chef {serial % 9}, role: förvaltningschef}}\n---\n"
           f"## Förslag till beslut\n\n{_sentence(rng, words)}\n\n"
           f"## Sammanfattning\n\n{_paragraph(rng, words, 120)}\n\n"
           f"## Bakgrund\n\n{_paragraph(rng, words, 100)}\n")
    if serial % 3 == 0:
        _write(folder / "bilaga-1.md", f"---\nkind: bilaga\ntitle: Bilaga till {title.lower()}\n---\n"
                                       f"## Redovisning\n\n{_paragraph(rng, words, 500)}\n\n{_table(rng, words)}\n")


def _sentence(rng: random.Random, words: Sequence[str]) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(8, 16))).capitalize() + "."


def _paragraph(rng: random.Random, words: Sequence[str], length: int) -> str:
    out, count = [], 0
    while count < length:
        sentence = _sentence(rng, words)
        out.append(sentence)
        count += sentence.count(" ") + 1
    return " ".join(out)


def _table(rng: random.Random, words: Sequence[str]) -> str:
    rows = [f"| {rng.choice(words).capitalize()} | {rng.randint(1, 999)} {rng.randint(0, 999):03d} "
            f"| {rng.randint(0, 99)} % |"
            for _ in range(rng.randint(3, 8))]
    return "| Post | Belopp (kr) | Andel |\n|---|---:|---:|\n" + "\n".join(rows)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    generate(args.out / "content", args.items)
    (args.out / "config.yaml").write_text("title: Benchmark\ndiary_prefixes: [SN, KS, VoN, UN]\n", encoding="utf-8")
    print(f"wrote {args.items} items to {args.out}/content")
