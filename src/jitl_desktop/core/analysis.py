"""How text becomes index terms, per language: words, stop words, stems, accents,
compound parts.

Every item is analysed in its own language (its ``lang``, English when it names
none) and every query in the languages that fit it (``core/search.py`` chooses them).
English keeps the Porter stemmer the engine always had; German, French, Spanish,
Dutch, Italian, Portuguese and the other languages Whoosh ships a Snowball stemmer
for are stemmed with it; any other language is only lower-cased and folded. Accents
are folded after stemming, so "Größe" and "grosse", "café" and "cafe" meet, while
titles and snippets are shown as written.

German and Dutch glue words together ("Bildschirmhelligkeit", "Druckauftrag"): such a
word is also split into its parts (:func:`split_compound`), against the packaged
word list of the language and the words around it, with the linking elements
("Arbeit-s-fläche", "Taste-n-kombination") taken off.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Container

from whoosh.lang import has_stemmer, has_stopwords, stemmer_for_language, stopwords_for_language
from whoosh.lang.porter import stem as porter_stem

from jitl_desktop.core import languages
from jitl_desktop.core.words import WordTable, fold, freed, word_counts

#: the language of content that names none
DEFAULT = languages.DEFAULT

#: Words that carry no meaning in English content or queries (the engine's own list:
#: Whoosh's English list would drop words such as "can", "not", "will").
ENGLISH_STOP_WORDS = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "if",
    "in", "into", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to",
    "was", "were", "will", "with", "than", "then", "there", "these", "those", "such"
])

#: Languages whose words are split into compound parts.
COMPOUND_LANGUAGES = frozenset(["de", "nl"])
#: The shortest part a compound is split into ("Akku", "Maus", "Netz").
MIN_PART = 4
#: At most this many parts per word.
MAX_PARTS = 3
#: A word the language's list has seen more often than this is left whole ("festlegen"
#: is not "fest" + "legen"); rarer ones may still be compounds.
KEEP_LISTED = 50
#: Linking elements between the parts of a compound (German and Dutch).
LINKS: dict[str, tuple[str, ...]] = {"de": ("s", "es", "n", "en", "e", "er"),
                                     "nl": ("s", "en", "e")}
#: Endings a head part may have lost ("Anmelde-bildschirm" from "anmelden").
LOST_ENDINGS: dict[str, tuple[str, ...]] = {"de": ("n", "en", "e"), "nl": ("en", "e")}

_TOKEN = re.compile(r"\w+")


def language_of(tag: str | None) -> str:
    """The base language an analysis uses for a language tag (``de-CH`` → ``de``);
    English when there is none."""
    return languages.base(tag) if tag else DEFAULT


@functools.cache
def stop_words(lang: str) -> frozenset[str]:
    """The words of ``lang`` that carry no meaning (lower case, as written and folded)."""
    if lang == DEFAULT:
        return ENGLISH_STOP_WORDS
    if not has_stopwords(lang):
        return frozenset()
    words = {w.lower() for w in stopwords_for_language(lang)}
    return frozenset(words | {fold(w) for w in words})


#: Languages stemmed lightly (:func:`light_german_stem`) rather than by Snowball
#: (none: Snowball measured better, benchmarks/ablation.py --german).
LIGHT_STEMMING: frozenset[str] = frozenset()


def light_german_stem(word: str) -> str:
    """German inflection off, little else: accents folded, then one of -ern -em -er -en
    -es -nd and one of -e -n -s -t taken off while four letters stay ("Druckaufträge" →
    "druckauftrag", "Zeiger" → "zeig", "Toner" stays "toner", apart from "Ton").
    Measured against Snowball in benchmarks/RESULTS.md (Snowball is used)."""
    stem = fold(word)
    for endings in (("ern", "em", "er", "en", "es", "nd"), ("e", "n", "s", "t")):
        for ending in endings:
            if stem.endswith(ending) and len(stem) - len(ending) >= 4:
                stem = stem[:-len(ending)]
                break
    return stem


@functools.cache
def _stemmer(lang: str) -> Callable[[str], str] | None:
    if lang == DEFAULT:
        return lambda word: str(porter_stem(fold(word)))
    if lang in LIGHT_STEMMING and lang == "de":
        return light_german_stem
    if has_stemmer(lang):
        snowball = stemmer_for_language(lang)
        return lambda word: fold(str(snowball(word)))
    return None


@functools.lru_cache(maxsize=200_000)
def stem(word: str, lang: str = DEFAULT) -> str:
    """One lower-case word as an index term of ``lang``: stemmed, accents folded."""
    stemmer = _stemmer(lang)
    return stemmer(word) if stemmer is not None else fold(word)


def words(text: str) -> list[str]:
    """The lower-case words of ``text`` (split at every non-word character)."""
    return _TOKEN.findall(text.lower())


#: each language's words already stemmed (emptied when it grows past STEMS_KEPT)
_STEMS: dict[str, dict[str, str]] = {}
STEMS_KEPT = 200_000


def terms(text: str, lang: str = DEFAULT) -> list[str]:
    """The index terms of ``text`` in ``lang``: words, stop words out, stemmed, folded.
    (The hot path of indexing and of every result's title and snippet.)"""
    stops = stop_words(lang)
    known = _STEMS.get(lang)
    if known is None or len(known) > STEMS_KEPT:
        known = _STEMS[lang] = {}
    out: list[str] = []
    for word in _TOKEN.findall(text.lower()):
        if word not in stops:
            term = known.get(word)
            if term is None:
                term = known[word] = stem(word, lang)
            out.append(term)
    return out


def part_terms(text: str, lang: str = DEFAULT, known: Container[str] = ()) -> list[str]:
    """The stemmed parts of the compounds of ``text`` (none outside German and Dutch)."""
    if lang not in COMPOUND_LANGUAGES:
        return []
    stops = stop_words(lang)
    out: list[str] = []
    for word in words(text):
        if word not in stops:
            out += [stem(p, lang) for p in split_compound(word, lang, known)]
    return out


def compound_parts_ready(lang: str) -> None:
    """Read the word list compounds of ``lang`` are split with now, if it has one
    (rather than at the first word that needs it)."""
    if lang in COMPOUND_LANGUAGES:
        _lexicon(lang)


@functools.cache
def _lexicon(lang: str) -> WordTable:
    """The packaged word list of ``lang`` as compound parts: long enough, no stop words."""
    stops = stop_words(lang)
    table = WordTable((w, n) for w, n in word_counts(lang).items()
                      if len(w) >= MIN_PART and w not in stops and w.isalpha())
    return freed(table)


def split_compound(word: str, lang: str, known: Container[str] = ()) -> list[str]:
    """The parts of a compound word ("bildschirmhelligkeit" → bildschirm, helligkeit;
    "arbeitsfläche" → arbeit, fläche), or ``[]`` when it is not one. A part is a word
    of the language's word list or of ``known`` (the content's own words), at least
    :data:`MIN_PART` letters and no stop word; the split with the fewest parts wins,
    then the one whose parts are the most common. A word the list holds whole stays
    whole when it is common (:data:`KEEP_LISTED`)."""
    if lang not in COMPOUND_LANGUAGES or len(word) < 2 * MIN_PART or not word.isalpha():
        return []
    if _lexicon(lang).get(word, 0) > KEEP_LISTED:
        return []
    if known and _touches(word, known, _lexicon(lang)):
        return list(_split(word, lang, known))
    return list(_split_listed(word, lang))


def _touches(word: str, known: Container[str], lexicon: Container[str]) -> bool:
    """Whether a known word the list lacks starts or ends ``word`` (only then can the
    known words change its split)."""
    return any((piece in known and piece not in lexicon)
               for i in range(MIN_PART, len(word) - MIN_PART + 1)
               for piece in (word[:i], word[i:]))


@functools.lru_cache(maxsize=100_000)
def _split_listed(word: str, lang: str) -> tuple[str, ...]:
    return _split(word, lang, ())


def _split(word: str, lang: str, known: Container[str]) -> tuple[str, ...]:
    lexicon = _lexicon(lang)
    stops = stop_words(lang)

    def is_part(text: str) -> bool:
        return len(text) >= MIN_PART and (text in lexicon or text in known) \
            and text not in stops

    def head_word(head: str) -> str | None:
        if is_part(head):
            return head
        for link in LINKS[lang]:
            if head.endswith(link) and is_part(head[:-len(link)]):
                return head[:-len(link)]
        for ending in LOST_ENDINGS[lang]:
            if is_part(head + ending):
                return head + ending
        return None

    @functools.cache
    def best(rest: str, parts_left: int) -> tuple[str, ...] | None:
        # the word itself is a part only after a split (a list may hold compounds whole)
        found: list[tuple[str, ...]] = [(rest,)] if rest != word and is_part(rest) else []
        if parts_left > 1:
            for i in range(MIN_PART, len(rest) - MIN_PART + 1):
                head = head_word(rest[:i])
                tail = best(rest[i:], parts_left - 1) if head else None
                if head and tail:
                    found.append((head, *tail))
        if not found:
            return None
        return min(found, key=lambda parts: (len(parts), -_commonness(parts, lexicon)))

    parts = best(word, MAX_PARTS)
    return parts if parts is not None and len(parts) > 1 else ()


def _commonness(parts: tuple[str, ...], lexicon: WordTable) -> float:
    return sum(math.log1p(lexicon.get(p, 1)) for p in parts)
