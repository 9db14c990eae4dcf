"""Text helpers shared by every step: slugs, Swedish collation, date formatting."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

_SPECIAL = str.maketrans({"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "đ": "d"})


def slugify(text: str) -> str:
    """URL slug: ``Återrapportering till Länsstyrelsen`` → ``aterrapportering-till-lansstyrelsen``.

    å and ä become a, ö becomes o (their NFKD base letters), as Swedish URLs conventionally do.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    """Words in a text: what makes a record long (``long_document_words``)."""
    return len(_WORD.findall(text))


# Swedish alphabetical order: å, ä, ö come after z; æ sorts as ä, ø as ö, ü as y, é as e.
_COLLATION = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y", "é": "e",
                            "è": "e", "à": "a", "á": "a"})


def sort_key(text: str) -> str:
    """A key that sorts strings in Swedish alphabetical order, ignoring case."""
    return unicodedata.normalize("NFC", text).casefold().translate(_COLLATION)


MONTHS = {
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


def long_date(value: date, language: str) -> str:
    """``11 december 2012`` (sv) or ``11 December 2012`` (en)."""
    return f"{value.day} {MONTHS[language][value.month - 1]} {value.year}"


_DECIMAL = {"sv": ",", "en": "."}
_UNITS = ((10**9, "GB"), (10**6, "MB"), (10**3, "kB"))


def file_size(size: int, language: str) -> str:
    """``1,2 MB`` (sv) or ``1.2 MB`` (en): decimal units as SI defines them (1 MB = 1,000,000 bytes),
    one decimal from a megabyte up; a no-break space keeps number and unit on one line."""
    for unit, name in _UNITS:
        if size >= unit:
            if unit == 10**3:
                return f"{(size + unit // 2) // unit}\u00a0{name}"
            tenths = (size * 10 + unit // 2) // unit  # whole numbers: 1,25 MB is 1,3, as people round
            return f"{tenths // 10}{_DECIMAL[language]}{tenths % 10}\u00a0{name}"
    return f"{size}\u00a0B"
