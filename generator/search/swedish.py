"""Swedish text analysis for lunr: trimmer, stop-word filter and Snowball stemmer.

Registered as lunr pipeline functions under lunr-languages' labels (``trimmer-sv``,
``stopWordFilter-sv``, ``stemmer-sv``), so a serialised index names the same pipeline lunr.js
with lunr-languages would use. lunr.py's own ``languages`` extra is not used: it fetches NLTK
data at run time. ``analyse`` applies the same steps to a whole text at once, for indexing.
"""
from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from lunr.pipeline import Pipeline

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


def trimmer(token, i=None, tokens=None):
    trimmed = token.update(lambda s, metadata=None: _EDGES.sub("", s))
    return trimmed if str(trimmed) else None


def stop_word_filter(token, i=None, tokens=None):
    return None if str(token) in STOP_WORDS else token


def stemmer(token, i=None, tokens=None):
    return token.update(lambda s, metadata=None: stem(s))


Pipeline.register_function(trimmer, "trimmer-sv")
Pipeline.register_function(stop_word_filter, "stopWordFilter-sv")
Pipeline.register_function(stemmer, "stemmer-sv")
PIPELINE = (trimmer, stop_word_filter, stemmer)
