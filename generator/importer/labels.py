"""The label vocabulary of committee records (docs/importing.md, "Labels"), matched on normalised lines."""
from __future__ import annotations

import re

from generator.importer.source import label

SUMMARY = "sammanfattning"
MATTER = ("ärendet", "ärende")
PROPOSAL = "förslag till beslut"
OFFICER = "referens"
RECIPIENTS = "mottagare"
DISTRIBUTION = "expedieras till"
# Labels that open a section of a decision page or report; written as headings in bodies.
SECTIONS = {SUMMARY, *MATTER, PROPOSAL, "bakgrund", DISTRIBUTION, "yttrande", "motivering",
            "övrig rubrik", "bilaga", "bilagor", "beslutsunderlag"}
# Unfilled template headings: kept, but reported.
PLACEHOLDER_HEADINGS = {"övrig rubrik"}

_ANCHOR = re.compile(r"^(?:#{1,6}\s*)?(?:\*\*)?\s*beslut\s*:?\s*(?:\*\*)?\s*$|\*\*\s*\*\*beslut:?\*\*\s*$",
                     re.IGNORECASE)
_ATTACHMENT = re.compile(r"^(?:bilag(?:a|or)\b(?:\s*\d{1,2})?|till)\s*:?", re.IGNORECASE)
_GLUED_LABEL = re.compile(r"(?<=[a-zåäöéü])(Mottagare|Referens|Expedieras till|Sammanträdesdatum|Paragraf)\b")


def is_anchor(text: str) -> bool:
    """The decision label (*Beslut*) alone, or glued to the end of a marker-and-title run."""
    return bool(_ANCHOR.search(text.strip()))


def is_attachment_label(line: str) -> bool:
    """``Bilaga 1:``, ``### **Bilaga**``, ``Bilaga: Title``, ``**Bilagor:**``, ``**Till**``."""
    text = label(line)
    return bool(_ATTACHMENT.match(text)) and len(text.split()) <= 12 and "\t" not in line \
        and (not text.startswith("till") or text == "till")


def split_glued_labels(line: str) -> list[str]:
    """``Helena WiklundMottagare`` → ``Helena Wiklund``, ``Mottagare``."""
    return [part for part in _GLUED_LABEL.sub("\n\\1", line).split("\n") if part]
