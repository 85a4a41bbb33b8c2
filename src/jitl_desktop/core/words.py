"""What a query word is, before it is searched: a general dictionary per language (so
a correctly spelled word is never "corrected"), negations and contractions.

The dictionaries are pyspellchecker's word-frequency lists (MIT licence; English,
German, French, Spanish, Portuguese, Italian, Dutch and a few more, built from the
OpenSubtitles corpus), read from the installed package: no network, no download.
English words rarer than :data:`MIN_DICTIONARY_COUNT` in that list are left out (its
long tail holds common misspellings too); the other lists hold no such tail.
"""

from __future__ import annotations

import functools
import gc
import gzip
import json
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from importlib import resources

#: A word counts as English when the list has seen it at least this often.
MIN_DICTIONARY_COUNT = 20

#: The languages pyspellchecker ships a word list for.
DICTIONARY_LANGUAGES = frozenset(["en", "de", "fr", "es", "pt", "it", "nl", "ru", "ar",
                                  "eu", "lv", "fa"])

#: Words that deny rather than name a topic ("won't charge", "not connecting"): kept
#: whole and never searched or corrected. Apostrophes are normalised first.
NEGATIONS = frozenset([
    "not", "no", "never", "nothing", "cannot", "cant", "can't", "wont", "won't",
    "dont", "don't", "doesnt", "doesn't", "didnt", "didn't", "isnt", "isn't", "arent",
    "aren't", "wasnt", "wasn't", "werent", "weren't", "couldnt", "couldn't", "wouldnt",
    "wouldn't", "shouldnt", "shouldn't", "hasnt", "hasn't", "havent", "haven't", "hadnt",
    "hadn't", "aint", "ain't",
    # German, French, Spanish, Dutch, Italian, Portuguese
    "nicht", "kein", "keine", "keinen", "nie", "jamais", "nunca", "niet", "geen", "nooit",
    "nao", "não",
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


class WordTable:
    """Words and their counts, kept small: a sorted array of the words' hashes and one
    of their counts (12 bytes a word, where a Python dict takes over 100: the German
    list is 450,000 words). A lookup is a binary search (a microsecond or two). The
    hashes are Python's own, so a table lives in the process that made it; two words
    of one list sharing a 64-bit hash is as good as impossible."""

    def __init__(self, counts: Iterable[tuple[str, int]]) -> None:
        pairs = sorted((hash(word), count) for word, count in counts)
        self._hashes = array("q", (h for h, _ in pairs))
        self._counts = array("L", (min(n, 0xFFFFFFFF) for _, n in pairs))

    def get(self, word: str, default: int = 0) -> int:
        key = hash(word)
        i = bisect_left(self._hashes, key)
        if i < len(self._hashes) and self._hashes[i] == key:
            return self._counts[i]
        return default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word, -1) >= 0

    def __len__(self) -> int:
        return len(self._hashes)


def word_counts(lang: str) -> dict[str, int]:
    """The word-frequency list of ``lang`` (lower case → count; empty when none is
    packaged), read anew (0.1-0.5 s): for building a :class:`WordTable`, not to keep."""
    if lang not in DICTIONARY_LANGUAGES:
        return {}
    try:
        data = resources.files("spellchecker").joinpath(f"resources/{lang}.json.gz") \
            .read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    counts: dict[str, int] = json.loads(gzip.decompress(data))
    return counts


@functools.cache
def dictionary(lang: str = "en") -> WordTable:
    """The correctly spelled words of ``lang``, as written and with accents folded."""
    minimum = MIN_DICTIONARY_COUNT if lang == "en" else 0
    found = {w for w, n in word_counts(lang).items() if n >= minimum}
    found |= {fold(w) for w in found if not w.isascii()}
    table = WordTable((w, 1) for w in found)
    del found
    return freed(table)


def freed(table: WordTable) -> WordTable:
    """``table``, once the hundreds of thousands of objects read to make it are freed
    (now rather than at the next collection: they would hold 50-70 MB until then)."""
    gc.collect()
    return table


#: English words a word list rarely holds all of, made of words it does hold: "boot" +
#: "able", "un" + "tracked" (:func:`_english_derived`). Only derivations that a typo
#: hardly ever forms: inflections ("runing" is "run" + "ing") and compounds of two
#: words ("passsword" is "pass" + "sword") are left to the list.
ENGLISH_PREFIXES = ("un", "re", "pre", "non", "dis", "mis", "sub", "multi", "auto",
                    "inter", "over", "under", "super")
ENGLISH_SUFFIXES = ("able", "ability", "ness", "less", "ful", "fully", "ization", "ize",
                    "ized", "izes", "ify", "ified")
#: ... and the shortest word a prefix may be put before
PREFIXED_WORD = 4


def is_word(word: str, lang: str) -> bool:
    """Whether ``word`` (lower case) is a correctly spelled word of ``lang`` (for
    English, also one derived from its words: "bootable", "untracked")."""
    if word in dictionary(lang):
        return True
    return lang == "en" and _english_derived(word)


def is_english(word: str) -> bool:
    """Whether ``word`` (lower case) is a correctly spelled English word."""
    return is_word(word, "en")


def _english_derived(word: str) -> bool:
    known = dictionary("en")
    if not word.isalpha():
        return False
    for suffix in ENGLISH_SUFFIXES:
        base = word[:-len(suffix)]
        if not word.endswith(suffix) or len(base) < 3:
            continue
        if base in known and len(base) >= 4:
            return True
        # before a vowel a silent e goes ("use" → "usable") and a consonant doubles
        # ("run" → "runnable"); before a consonant neither ("wirless" is no word)
        if suffix[0] in "aeiouy" and (base + "e" in known or (
                base[-1] == base[-2] and base[:-1] in known)):
            return True
    for prefix in ENGLISH_PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= PREFIXED_WORD and rest in known:
            return True
    return False


_FOLDS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l",
                        "ı": "i", "þ": "th"})


def fold(text: str) -> str:
    """``text`` without accents, as matching compares words: "Größe" → "grosse"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLDS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
