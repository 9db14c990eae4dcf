"""One § paragraph of minutes: the labelled parts under its heading (``Beslut``, ``Sammanfattning
av ärendet``, ``Beslutsunderlag``, ``Förslag till beslut på sammanträdet``, ``Beslutsgång``,
``Omröstning``, ``Reservation``, ``Protokollsanteckning``, ``Jäv``, ``Beslutet skickas till``)
→ the keys of paragraph.md (docs/content-format.md); other text → the body."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.diary import DiaryScheme
from generator.importer import votes
from generator.importer.extracted import Paragraph, Span

if TYPE_CHECKING:
    from generator.importer.minutes import Heading
from generator.importer.markdown_body import to_markdown
from generator.importer.source import plain

# (label, key). A label is a whole short line; ``to`` names the body a proposal goes to.
LABELS: list[tuple[str, str]] = [
    (r"beslut\s*[-–—:]\s*förslag till (?P<to>.+)", "decision"),
    (r"(?:[\w&\s]+s\s+)?förslag till (?P<to>kommunfullmäktige|regionfullmäktige|kommunstyrelsen|fullmäktige)",
     "decision"),
    (r"förslag till beslut i (?P<to>.+)", "decision"),
    (r"beslut", "decision"),
    (r"förslag till beslut på sammanträdet|yrkanden?|förslag på sammanträdet", "motions"),
    (r"sammanfattning(?: av ärendet)?", "summary"),
    (r"beslutsunderlag|underlag för beslut", "basis"),
    (r"beslutsgång|propositionsordning", "process"),
    (r"omröstning(?:sresultat)?|omröstningsresultat", "votes"),
    (r"reservation(?:er)?", "reservations"),
    (r"protokollsanteckning(?:ar)?", "protocol_notes"),
    (r"jäv", "conflicts"),
    (r"(?:beslutet\s+)?(?:skickas|expedieras)\s+till", "sent_to"),
    (r"ärendet|beskrivning av ärendet|ärendebeskrivning|bakgrund|motivering|förslag till beslut", "body"),
]
_LABELS = [(re.compile(rf"^(?:{label})$", re.IGNORECASE), key) for label, key in LABELS]
_PERSON = re.compile(r"((?:[A-ZÅÄÖÉ][\w'-]*\s+){0,3}[A-ZÅÄÖÉ][\w'-]*)\s*\(\s*([A-ZÅÄÖ]{1,5})\s*\)")
_ROLE_WORDS = re.compile(r"^(?:(?:Ordförande|Ordföranden|Ledamoten|Ledamöterna|Ersättaren|Vice|Och|Samt|"
                         r"Med|Dels|Även)\s+)+")


def label_of(line: str) -> tuple[str, str | None] | None:
    """``(key, proposal_to)`` when ``line`` is a paragraph label, else None."""
    text = re.sub(r"\s+", " ", plain(line).rstrip(":").strip())
    if not text or len(text.split()) > 10 or "|" in line:
        return None
    for pattern, key in _LABELS:
        m = pattern.match(text)
        if m:
            return key, (m.groupdict().get("to") or None)
    return None


def diary_numbers(text: str, scheme: DiaryScheme, prefix: str | None) -> list[str]:
    """Diary numbers of a heading's ``Dnr`` text; bare ones get the committee's prefix."""
    found = [str(n) for n in scheme.numbers(text)]
    if not found and prefix:
        found = [str(n) for n in scheme.bare(text, prefix)]
    return list(dict.fromkeys(found))


def names(text: str) -> list[str]:
    """``Name (P)`` mentions, role words (``Ordförande``) removed, in order, once each."""
    found = []
    for m in _PERSON.finditer(text):
        name = re.sub(r"\s+", " ", _ROLE_WORDS.sub("", m.group(1))).strip()
        if name:
            found.append(f"{name} ({m.group(2)})")
    return list(dict.fromkeys(found))


def read(lines: list[str], heading: Heading, stop: int, scheme: DiaryScheme, prefix: str | None) -> Paragraph:
    """The paragraph under ``heading``, up to line ``stop``."""
    number, dnr = heading.number, heading.dnr
    para = Paragraph(number, heading.title, Span(heading.at, stop), diary_numbers(dnr, scheme, prefix))
    sections: list[tuple[str, str | None, str, list[str]]] = [("body", None, "", [])]
    if dnr.strip() and not para.diary_numbers:
        para.warnings.append(f"§ {number}: {dnr.strip()!r} is not a diary number of this site; kept as text")
        sections[0][3].append(f"Dnr {dnr.strip()}")
    for i in range(heading.text_start, stop):
        found = label_of(lines[i])
        if found:
            sections.append((found[0], found[1], plain(lines[i]).rstrip(":"), []))
        else:
            sections[-1][3].append(lines[i])
    _fill(para, sections)
    return para


def _fill(para: Paragraph, sections: list[tuple[str, str | None, str, list[str]]]) -> None:
    body: list[str] = []
    all_text = "\n".join(x for *_, part in sections for x in part)
    tables: list[str] = []
    for key, to, label, part in sections:
        part, found = votes.take_tables(part)
        tables += found
        text = to_markdown(part).strip()
        if key == "decision":
            _append(para.fields, "decision", text)
            if to:
                para.fields["decision_type"] = "forslag"
                para.fields["proposal_to"] = to.strip()
        elif key in ("summary", "process"):
            _append(para.fields, key, text)
        elif key in ("basis", "sent_to"):
            para.fields.setdefault(key, []).extend(_list_lines(part))
        elif key == "motions":
            para.fields.setdefault("motions", []).extend(_statements(part, r"\byrkar\b|\byrkande\b"))
        elif key == "reservations":
            para.fields.setdefault("reservations", []).extend(
                {**s, "written": bool(re.search(r"skriftlig|bilaga", s["text"], re.IGNORECASE))}
                for s in _statements(part, r"\breserverar\b"))
        elif key == "protocol_notes":
            para.fields.setdefault("protocol_notes", []).extend(_statements(part, r"\S"))
        elif key == "conflicts" and names(text):
            para.fields["conflicts"] = names(text)
            body += [f"## {label}", text]
        elif key == "votes":
            _append(para.fields, "process", text)
        else:
            body += [f"## {label}"] if label else []
            body.append(text)
    ballots = votes.read(tables, all_text)
    if ballots:
        para.fields["votes"] = ballots
    elif tables:
        body.append("\n".join(tables))
    if not para.fields.get("decision") and re.search(r"sekretess", all_text, re.IGNORECASE):
        para.fields["confidential"] = True
    para.body = "\n\n".join(x for x in body if x.strip())
    para.fields = {k: v for k, v in para.fields.items() if v not in (None, "", [], {})}
    if "decision" not in para.fields and not para.fields.get("confidential"):
        para.warnings.append(f"§ {para.number}: no decision (Beslut) found")


def _append(fields: dict, key: str, text: str) -> None:
    if text:
        fields[key] = (fields[key] + "\n\n" + text) if fields.get(key) else text


def _list_lines(part: list[str]) -> list[str]:
    """One entry a line; a line opening in lowercase, a bare date, or after a comma continues."""
    out: list[str] = []
    for line in part:
        text = re.sub(r"^[-−•*]\s*", "", plain(line)).strip()
        if not text:
            continue
        continues = text[:1].islower() or text[:1] == "(" or re.fullmatch(r"(?:19|20)\d\d-\d\d-\d\d", text)
        if out and (continues or out[-1].endswith(",")):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def _statements(part: list[str], verb: str) -> list[dict]:
    """Statements (motions, reservations, notes): each unit holding ``verb`` opens one, with the
    persons named before the verb; text that follows belongs to the last one."""
    units = [u for u in re.split(r"\n\s*\n|(?<=[.!?])\n(?=[A-ZÅÄÖ][^\n]*\([A-ZÅÄÖ]{1,5}\))",
                                 to_markdown(part)) if u.strip()]
    out: list[dict] = []
    for unit in units:
        text = unit.strip()
        m = re.search(verb, text)
        if m and (names(text[:m.start()]) or not out):
            out.append({"by": names(text[:m.start()]) or names(text), "text": text})
        elif out:
            out[-1]["text"] += "\n\n" + text
        else:
            out.append({"by": names(text), "text": text})
    return out
