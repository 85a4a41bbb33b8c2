"""Build the German → English word gloss that search reads meaning through
(``src/jitl_desktop/core/data/gloss.de-en.gz``, used by ``core/gloss.py``).

    apt-get download trans-de-en && dpkg-deb -x trans-de-en_*.deb ding
    python tools/make_gloss.py ding/usr/share/trans/de-en

The source is Ding's German-English dictionary (© Frank Richter, TU Chemnitz, GPL-2.0 or
later; Debian's ``trans-de-en`` package). Each line of it is ``German :: English``, both
sides split into aligned sub-entries by `` | `` and alternatives by ``;``, with
annotations in ``{}``, ``[]`` and ``()``. Kept: every single German word (headwords and
the inflected forms Ding lists, lower-cased) that pyspellchecker's German word list also
holds, with two English translations: single words before phrases, then the most common
(by pyspellchecker's English word frequencies); "etw. drucken" :: "to print sth." is
"drucken" :: "print". One line per word,
``word<TAB>translation; translation``, sorted by the word's UTF-8 bytes.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from jitl_desktop.core import gloss, words

_ANNOTATION = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>")
#: English translations kept per German word
PER_WORD = 2
#: a translation of more words than this is an explanation, not a word
MAX_WORDS = 3


#: the stand-ins for an object in a verb's entry ("etw. drucken" :: "to print sth.")
PLACEHOLDERS = frozenset(["etw.", "etw", "jdn.", "jdm.", "jds.", "sich", "sth.", "sth",
                          "sb.", "sb", "sb.'s", "sth.'s", "one's", "oneself", "so."])


def _clean(text: str) -> str:
    text = _ANNOTATION.sub("", text).replace("/", " ")
    kept = [w.strip("{}[]()") for w in text.split() if w not in PLACEHOLDERS]
    return " ".join(kept).strip(" .,;:!?")


def read_ding(path: Path) -> dict[str, list[str]]:
    """Every single German word of the dictionary → its English translations, in the
    dictionary's order."""
    table: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or " :: " not in line:
                continue
            german, english = line.rstrip("\n").split(" :: ", 1)
            if german.count(" | ") != english.count(" | "):
                continue  # sub-entries that do not line up
            for de, en in zip(german.split(" | "), english.split(" | "), strict=True):
                found = [_clean(t).removeprefix("to ") for t in en.split(";")]
                found = [t for t in found if t and "…" not in t
                         and len(t.split()) <= MAX_WORDS]
                for written in de.split(";"):
                    word = _clean(written).lower()
                    if not word or " " in word or "\t" in word or word.startswith("-"):
                        continue
                    known = table.setdefault(word, [])
                    known += [t for t in found if t not in known]
    return table


def commonness(translation: str, english: dict[str, int]) -> int:
    """How common a translation's rarest word is in English."""
    return min((english.get(w, 0) for w in re.findall(r"[a-z]+", translation.lower())),
               default=0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ding", type=Path, help="Ding's de-en file")
    parser.add_argument("--out", type=Path, default=gloss.data_path("de"))
    args = parser.parse_args(argv)
    german, english = words.dictionary("de"), words.word_counts("en")
    lines = []
    for word, found in read_ding(args.ding).items():
        if word not in german or not found:
            continue
        # a word for a word first, then the more common
        best = sorted(found, key=lambda t: (len(t.split()), -commonness(t, english)))
        best = best[:PER_WORD]
        lines.append(f"{word}\t{'; '.join(best)}")
    lines.sort(key=lambda line: line.split("\t", 1)[0].encode())
    args.out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0))
    print(f"{len(lines)} words → {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
