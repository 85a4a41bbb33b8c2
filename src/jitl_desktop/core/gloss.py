"""Meaning through English: a word-by-word English gloss of a text in another language.

The meaning model (:mod:`core.meaning`) reads English best: a German question and the
German page that answers it land nearer each other when each also says, word by word,
what its words are in English ("Akku hält nicht lange" → "battery pack battery halt
long"). A German text's vector is then the sum of its own and its gloss's
(:meth:`core.meaning.Model.vector`), so the two languages' readings add up. Measured
in benchmarks/RESULTS.md, "German meaning through an English gloss".

The German table (``data/gloss.de-en.gz``) comes from Ding's German-English dictionary
(© Frank Richter, TU Chemnitz, GPL-2.0 or later), cut by ``tools/make_gloss.py`` to the
words of the general German word list, two translations each. It is read once, as one
block of bytes searched by halving (about 2.6 MB; no dict of 79k Python strings).
"""

from __future__ import annotations

import functools
import gzip
import logging
import re
from array import array
from pathlib import Path

from jitl_desktop.core import analysis, words

log = logging.getLogger(__name__)

#: language → its gloss table in ``data/`` (English, the model's own, needs none)
LANGUAGES = {"de": "gloss.de-en.gz"}
#: raised when a table changes, so that indexes rebuild their items' vectors
VERSION = 1
#: a word's translations used (the table keeps the two most common)
PER_WORD = 2

_WORD = re.compile(r"\w+")


def data_path(lang: str) -> Path:
    return Path(__file__).resolve().parent / "data" / LANGUAGES[lang]


class Gloss:
    """One language's words → their English translations (sorted lines ``word\\t
    translation; translation``, looked up by halving)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts = array("I", [0])
        find = data.find
        at = find(b"\n")
        while at != -1 and at + 1 < len(data):
            self.starts.append(at + 1)
            at = find(b"\n", at + 1)

    def __len__(self) -> int:
        return len(self.starts)

    def translations(self, word: str) -> list[str]:
        """``word``'s English translations, most common first ([] when unknown)."""
        key = word.lower().encode()
        data, starts = self.data, self.starts
        low, high = 0, len(starts)
        while low < high:
            middle = (low + high) // 2
            start = starts[middle]
            tab = data.find(b"\t", start)
            found = data[start:tab]
            if found == key:
                end = data.find(b"\n", tab)
                line = data[tab + 1:end if end != -1 else len(data)].decode()
                return line.split("; ")[:PER_WORD]
            if found < key:
                low = middle + 1
            else:
                high = middle
        return []

    def english(self, text: str, lang: str) -> str:
        """``text`` glossed word by word: each word's translations, or its compound
        parts' when it has none of its own, or the word itself (a name: "WLAN", "VPN");
        stop words and negations say nothing and are left out."""
        stop = analysis.stop_words(lang)
        out: list[str] = []
        for word in _WORD.findall(text):
            lower = word.lower()
            if lower in stop or words.is_negation(lower):
                continue
            found = self.translations(lower)
            if not found:
                parts = analysis.split_compound(lower, lang)
                if len(parts) > 1:
                    glossed = [self.translations(part) for part in parts]
                    if all(glossed):
                        found = [t for part in glossed for t in part]
            out += found or [word]
        return " ".join(out)


@functools.cache
def table(lang: str) -> Gloss | None:
    """``lang``'s gloss, read once; None for a language without one (or a damaged
    file: meaning then reads the text alone)."""
    if lang not in LANGUAGES:
        return None
    try:
        return Gloss(gzip.decompress(data_path(lang).read_bytes()))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        log.warning("cannot read the %s gloss (%s): meaning reads %s text alone",
                    lang, exc, lang)
        return None


def translations(word: str, lang: str) -> list[str]:
    """``word``'s English translations (in ``lang``: [] for a language without a gloss,
    or a word the gloss does not know)."""
    found = table(lang) if lang in LANGUAGES else None
    return found.translations(word) if found is not None else []


def english(text: str, lang: str | None) -> str | None:
    """``text`` (in ``lang``) glossed in English, None when ``lang`` has no gloss."""
    if not lang or lang not in LANGUAGES:
        return None
    found = table(lang)
    return found.english(text, lang) if found is not None else None
