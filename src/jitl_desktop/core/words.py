"""What a query word is, before it is searched: a general English dictionary (so a
correctly spelled word is never "corrected"), negations and contractions.

The dictionary is pyspellchecker's English word-frequency list (MIT licence; built
from the OpenSubtitles corpus), read from the installed package: no network, no
download. Words rarer than :data:`MIN_DICTIONARY_COUNT` in that list are left out
(its long tail holds common misspellings too).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from importlib import resources

#: A word counts as English when the list has seen it at least this often.
MIN_DICTIONARY_COUNT = 20

#: Words that deny rather than name a topic ("won't charge", "not connecting"): kept
#: whole and never searched or corrected. Apostrophes are normalised first.
NEGATIONS = frozenset([
    "not", "no", "never", "nothing", "cannot", "cant", "can't", "wont", "won't",
    "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "isnt", "isn't", "arent",
    "aren't", "wasnt", "wasn't", "werent", "weren't", "couldnt", "couldn't", "wouldnt",
    "wouldn't", "shouldnt", "shouldn't", "hasnt", "hasn't", "havent", "haven't", "hadnt",
    "hadn't", "aint", "ain't",
])

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
#: a word with an apostrophe inside ("won't", "laptop's", "i've")
_CONTRACTION = re.compile(r"\b\w+'\w+\b")
#: endings of contractions that only add grammar ("'s", "'ve", "'re", "'ll", "'d", "'m")
_CLITIC = re.compile(r"'(?:s|ve|re|ll|d|m)\b")


def fold_contractions(text: str) -> tuple[str, set[str]]:
    """``text`` with negative contractions as "not" ("won't" → "not": split at the
    apostrophe they would read "won" and "t") and grammatical endings dropped
    ("laptop's" → "laptop"), and the negations found (lower case)."""
    text = text.translate(_APOSTROPHES)
    found: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        if word in NEGATIONS:
            found.add(word)
            return " not "
        return _CLITIC.sub("", match.group(0))

    return _CONTRACTION.sub(replace, text), found


def is_negation(word: str) -> bool:
    return word in NEGATIONS


@functools.lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """The English words of the packaged frequency list (read once, about 0.3 s)."""
    try:
        data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    counts: dict[str, int] = json.loads(gzip.decompress(data))
    return frozenset(w for w, n in counts.items() if n >= MIN_DICTIONARY_COUNT)


def is_english(word: str) -> bool:
    """Whether ``word`` (lower case) is a correctly spelled English word."""
    return word in dictionary()
