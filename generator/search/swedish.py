"""Swedish text analysis, as lunr-languages' Swedish pipeline does it: trimmer, stop-word filter
and Snowball stemmer (lunr.py's own ``languages`` extra fetches NLTK data at run time). The same
steps for the indexed text and the query's terms."""
from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

# The Snowball project's Swedish stop-word list.
STOP_WORDS = frozenset("""
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du
henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp
vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv
detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan
vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt
våra ert era vilkas
""".split())

# lunr splits on white space and hyphens and trims non-word characters at both ends.
_TOKEN = re.compile(r"\w(?:[^\s\-]*\w)?")
_EDGES = re.compile(r"^\W+|\W+$")
_snowball = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index term of a lower-cased word. ``2010:1622`` becomes ``2010_1622``, the form a query's
    numbers take (see numbers.py): lunr would read the colon in a query as a field name."""
    return word.replace(":", "_") if ":" in word else _snowball.stemWord(word)


def analyse(text: str) -> list[str]:
    """The index terms of ``text``: lower-cased, trimmed, stop words dropped, stemmed."""
    return [stem(w) for w in _TOKEN.findall(text.lower()) if w not in STOP_WORDS]


def trim(word: str) -> str:
    """``word`` without non-word characters at its ends."""
    return _EDGES.sub("", word)
