"""Query parsing, typo tolerance, ranking and result building over the index.

How a query is answered (every weight below was chosen by measurement:
``benchmarks/ablation.py``, results in ``benchmarks/RESULTS.md``):

1. Words are split, lower-cased, stop and question words dropped; long pasted
   text is cut to its first :data:`MAX_WORDS` distinct words, so it stays fast.
   Words in quotes, paths, globs and variables (the user's own names) count less.
2. A word that appears nowhere in the content is replaced by its closest
   known word (Damerau-Levenshtein distance 1, or 2 for long words), the most
   used one winning; the corrected query is reported as ``corrected``.
3. Each word is scored with BM25F over the item's weighted parts (one index
   field whose term weights already carry the part weights, see
   ``core/index.py``), plus its glossary synonyms at a lower weight; while
   typing, the last word also matches as a prefix. Adjacent query words found
   side by side score again; a word that is an item's name (``tar``) earns a
   bonus in short queries (in long ones only the leading word does), and a
   whole-query match of a title or id ranks first. Scoring reads Whoosh's
   posting lists directly and keeps each term's scores for the next keystroke:
   far faster in pure Python than Whoosh's generic matcher tree.
4. The best candidates are re-ranked: central items (whose command other items
   run, or that other items point to) are lifted, items for another operating
   system damped, items whose ``apps`` rules fit the given application lifted.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import logging
import math
import re
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import update_wrapper
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from whoosh import scoring

from jitl_desktop.core import analysis, context, gloss, glossary, languages, meaning
from jitl_desktop.core.apps import EXACT_MATCH, ActiveApp, Catalog, best_strength
from jitl_desktop.core.incontext import VectorStore, multilingual_keys
from jitl_desktop.core.incontext import key as text_key
from jitl_desktop.core.index import (
    PASSAGE_SEPARATOR,
    ContentIndex,
    IndexDamagedError,
    normalize_name,
    read_meaning,
    stem_terms,
)
from jitl_desktop.core.learned import LearnedChoices
from jitl_desktop.core.model import AppRule
from jitl_desktop.core.passages import PassageNearness, reading
from jitl_desktop.core.system import current_os
from jitl_desktop.core.words import fold_contractions, is_negation, is_word

log = logging.getLogger(__name__)

MAX_WORDS = 32
#: Words that only phrase a question (dropped unless nothing else is left).
QUESTION_WORDS = frozenset([
    "how", "do", "does", "did", "i", "me", "my", "what", "which", "can", "could",
    "would", "should", "want", "need", "please", "way", "ways", "we", "our", "you",
    "your", "using", "use", "get"
])
#: The same in the other languages (most of them are stop words there already).
OTHER_QUESTION_WORDS: dict[str, frozenset[str]] = {
    "de": frozenset(["wie", "wo", "was", "warum", "wieso", "weshalb", "welche", "welcher",
                     "welches", "kann", "könnte", "muss", "möchte", "will", "ich", "mein",
                     "meine", "meinen", "meinem", "meiner", "meines", "man", "bitte",
                     "geht", "gehen", "klappt", "soll", "sollte", "lässt", "lassen", "tun",
                     "immer", "viel", "mal", "bekomme", "bekommen", "kriege", "nutzen",
                     "benutzen", "verwenden"]),
    "fr": frozenset(["comment", "où", "quoi", "pourquoi", "quel", "quelle", "je", "mon",
                     "ma", "mes", "puis", "peux", "faire"]),
    "es": frozenset(["cómo", "como", "dónde", "qué", "por", "puedo", "mi", "mis", "yo"]),
    "nl": frozenset(["hoe", "waar", "wat", "waarom", "welke", "kan", "ik", "mijn"]),
}
#: BM25 parameters (term frequency saturation, length normalisation).
K1, B = 1.6, 0.2
CONTENT = "content"
PAIRS = "pairs"

#: Weight of a glossary synonym, of a completion of the word being typed, of a
#: corrected typo and of a word in quotes / a path (the word itself weighs 1).
SYNONYM_WEIGHT = 0.3
#: how much nearness in meaning (cosine, core/meaning.py) adds to a result's score
#: relative to the best result's, per query language (chosen on the development sets:
#: RESULTS.md, "German read in context")
MEANING_WEIGHT = 2.0
MEANING_WEIGHTS: dict[str, float] = {"de": 1.5}
#: For a query in a language a context model reads (core/context.py: English, and the
#: others by the multilingual model), the nearness is this share of the static model's
#: and the rest the context model's (on the English model's scale), times
#: CONTEXT_SCALE (an item that model did not read counts its static nearness there).
CONTEXT_SHARE = 0.6
CONTEXT_SCALE = 1.5
#: the items nearest in meaning that join the results
MEANING_CANDIDATES = 20
#: The first results are ranked again by the passage of their body (core/passages.py)
#: that comes nearest the question in context: each gains this share of the best
#: result's score times that cosine. A guide answers in its body ("the screen blanks
#: when left idle") what a question says in other words than its title. Per language
#: (RESULTS.md, "The first results ranked by their passages" and "German read in
#: context"; the multilingual model's cosines on the English model's scale).
PASSAGE_WEIGHTS: dict[str, float] = {"en": 1.5, "de": 3.5}
#: ... how many of the first results
PASSAGE_CANDIDATES = 10
#: ... and a query of more words than this (a pasted description) has words enough:
#: its nearness counts this share (the mean of many words' vectors says less)
LONG_QUERY = 5
LONG_MEANING_SHARE = 0.5
#: ... when they are this near (cosine), and within this of the nearest one
MEANING_FLOOR = 0.25
MEANING_SPREAD = 0.15
#: Weight of the synonyms of a word no item uses ("Beamer" where the pages say
#: "Projektor"): they stand in for it.
UNUSED_SYNONYM_WEIGHT = 1.0
PREFIX_WEIGHT = 0.5
#: searched once by the warm-up, so a process's first query finds every step ready
WARM_UP_QUERY = "open a file"
#: How many postings the completions of the word being typed may bring in, at most
#: (the first completion always counts), so short prefixes stay fast on big content.
PREFIX_POSTINGS = 12_000
CORRECTED_WEIGHT = 0.8
#: A corrected query is used only when its best score is at least this many times the
#: best score of the query as typed ("clearly better").
CORRECTION_GAIN = 1.0
QUOTED_WEIGHT = 0.3
#: A typo is only corrected to a word that at least this many items use (in a
#: collection of 500 items or more; below that, one is enough).
MIN_CORRECTION_USES = 2
#: Weight of two query words found side by side (on top of each word's own score).
PAIR_WEIGHT = 0.5
#: Bonus for an item named by a query word; every word of a query this short may
#: name an item, in longer ones only the first.
NAME_WORD_WEIGHT = 8.0
#: ... and a subcommand named by a later word of the query gets this many times more
SUBCOMMAND_WORD_WEIGHT = 1.0
#: ... and when several words name items, the leading word's item (what is to be done:
#: "unzip a zip file") is as central as the most central of the others
LEADING_NAME_PRIOR = True
SHORT_QUERY = 3
#: Bonus for an item whose title or id is the whole query (puts it first).
EXACT_BONUS = 1000.0
#: Centrality lift, at most 1 + PRIOR_WEIGHT (see _Scorer.prior), applied to the
#: best PRIOR_POOL items by text score.
PRIOR_WEIGHT = 1.2
PRIOR_POOL = 200
#: Re-ranking of the best CANDIDATES: other operating systems, apps rules that fit
#: the application (category match, exact application match).
OTHER_OS_FACTOR = 0.6
#: An operating system the query names ("mac copy to clipboard") is the one whose items
#: are wanted: they are lifted by this factor, the others damped.
NAMED_OS_FACTOR = 1.5
OS_WORDS = {"mac": "macos", "macos": "macos", "osx": "macos", "macbook": "macos",
            "windows": "windows", "win10": "windows", "win11": "windows",
            "linux": "linux", "ubuntu": "linux", "debian": "linux", "fedora": "linux"}
#: Lift of a candidate by the share of the query's words found in its title (the
#: query's verb "compress", "undo" among them): 1 + TITLE_WEIGHT * share.
TITLE_WEIGHT = 0.75
#: How much a glossary synonym of a query word in the title counts towards that share.
TITLE_SYNONYM_SHARE = 1.0
#: Whether an item whose title is only its name is lifted by its summary instead.
NAMED_TITLE_SUMMARY = False
#: Whether a command's name bonus also goes to its subcommands in longer queries.
SUBCOMMANDS = True
#: Query words: contractions folded ("laptop's" → "laptop", "won't" → "not"),
#: correctly spelled words of the query's languages never corrected (switches for
#: benchmarks/ablation.py). A negation names no topic but says the page is about a
#: problem ("will not turn on"): it weighs NEGATION_WEIGHT (0 drops it).
FOLD_CONTRACTIONS = True
#: Whether a form only some of the query's languages read matches only their items
#: ("printer" read as German is "print": no English item's "print").
LANGUAGE_FORMS = True
#: Whether a word typed in capitals among words that are not is a name, never corrected.
NAMES_IN_CAPITALS = True
#: Weight of an English word derived from a query word by a suffix the stemmer keeps
#: ("owns" → owner, ownership), and the suffixes (as the stemmer leaves them).
DERIVED_WEIGHT = 0.6
DERIVATIONS = ("er", "ers", "ership", "ship", "able", "abl", "ation", "ment", "ness", "al",
               "ion", "ive", "iz", "ize")
#: Weight of a query word's English translation (core/gloss.py: "Passwort" → password)
#: in English items, where a German user's words are not (content partly translated).
TRANSLATION_WEIGHT = 0.3
TITLE_TRANSLATIONS = True
ENGLISH_GUARD = True
NEGATION_WEIGHT = 0.3
#: Weight of the parts of a compound query word ("Druckaufträge" → druck + auftrag,
#: all of them needed), beside the word itself.
COMPOUND_WEIGHT = 1.0
#: Whether the parts add to the word's own score (else the better of the two counts).
COMPOUND_ADDS = False
#: Whether a misspelled compound is mended by its parts (German, Dutch).
COMPOUND_TYPOS = True
#: At most this many languages read one query (the likeliest first).
MAX_QUERY_LANGUAGES = 4
#: "Nothing answers": the best hit holds less than this share of the query's meaning
#: (its words weighted by rarity; a word also counts through a synonym). Calibrated on
#: benchmarks/data/gnome-help-{questions,unanswerable}.jsonl (RESULTS.md).
NO_MATCH_COVERAGE = 0.35
#: ... with the meaning model: the share of words plus this much (per query language)
#: of the best result's nearness in meaning (cosine) is below the score of the query's
#: language (the model reads English best: German nearness runs lower; German chosen
#: again on the German development sets: RESULTS.md, "Nothing answers" in context)
NO_MATCH_NEARNESS = 0.75
NO_MATCH_NEARNESSES: dict[str, float] = {"de": 1.25}
NO_MATCH_SCORE = 0.66
NO_MATCH_SCORES: dict[str, float] = {"de": 0.70}
#: ... and where the nearness is read in context by the English model: the share of
#: words plus this much of the nearness, below this score (chosen on the first answered
#: and unanswerable sets and the second answered set: RESULTS.md, "Nothing answers" in
#: context)
NO_MATCH_NEARNESS_IN_CONTEXT = 1.0
NO_MATCH_IN_CONTEXT = 0.84
#: ... and, for a search not made while typing (``search``, a question settled), with
#: the nearest passage of the first results' bodies (core/passages.py): the share of
#: words plus these shares of the nearness and the passage's, below this score (chosen
#: as above: RESULTS.md, "Nothing answers" read in the answers' passages)
NO_MATCH_PASSAGES = 5
#: question language → (share of the nearness, share of the passage's, the score); English
#: questions read in context, German ones through the gloss too (core/passages.py). The
#: English score went from 1.08 to 1.10 when passages began to rank the first results
#: (RESULTS.md, "The first results ranked by their passages"), the German one from 1.34
#: to 1.40 when the multilingual model began to read German ("German read in context")
NO_MATCH_WITH_PASSAGE: dict[str, tuple[float, float, float]] = {
    "en": (0.5, 1.0, 1.10), "de": (1.0, 1.5, 1.40)}
#: ... and nothing answers a query that names an application (of the app catalog) no
#: item mentions; the words of the catalog's names that name no application:
UNKNOWN_APP = True
NOT_APP_WORDS = frozenset(["microsoft", "google", "apple", "mozilla", "gnome", "kde", "the",
                           "web", "for", "and", "app", "desktop", "windows", "macos"])
APP_FACTORS = {1: 1.3, 2: 1.5}
#: the most the user's own use lifts an item (1 open ≈ +8 %, 3 ≈ +19 %, 10+ ≈ +30 %)
FRECENCY_WEIGHT = 0.3
FRECENCY_SCALE = 3.0
CANDIDATES = 50

_WORD = re.compile(r"\w+")
_IN = "@"  # "print@de": the form "print" in German items only
_QUOTED = re.compile(r"""(["'`])(.+?)\1""")
_CODE_CHARS = re.compile(r"[/\\*$<>{}=~]")


@dataclass
class Hit:
    """An item found by a search: what the item is, how well it matched, the passage
    that matched (and, for a video, the second it is said), and why it is shown."""

    id: str
    title: str
    kind: str
    path: str
    score: float
    snippet: str
    at: float | None
    root: str = ""
    summary: str = ""
    os: str | None = None
    apps: list[dict[str, str]] = field(default_factory=list)
    app_match: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    why: str = ""  # why a suggestion is shown ("For Excel")
    doc: int = -1  # the index's document number (within one searcher)
    lang: str = ""  # the language of the variant shown (of its file: x.md, x.de.md)
    #: what the user's situation multiplied its score by (another system's page, the
    #: application in front, the user's own use, colleagues' choices): the rest of the
    #: score is how well it answers (see SearchEngine._rank_by_passages)
    lift: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "kind": self.kind, "path": self.path,
                "score": round(self.score, 4), "snippet": self.snippet, "at": self.at,
                "root": self.root, "summary": self.summary, "lang": self.lang}


@dataclass
class Response:
    """One search's answer: the hits, best first, whether the query was corrected and
    whether nothing answers it well (``no_good_match``, from :data:`NO_MATCH_COVERAGE`)."""

    query: str
    took_ms: float
    corrected: str | None
    results: list[Hit]
    terms: list[str] = field(default_factory=list)
    #: nothing answers the query well: the results are only the closest there is
    no_good_match: bool = False
    #: the time that took to tell after the ranking (a settled question's: reading the
    #: first results' passages, when their files were not read before)
    checked_ms: float = 0.0
    #: the question was taken as whole (``search(settled=True)``): ``no_good_match``
    #: read the first results' passages too. While a question is typed the verdict is
    #: rougher, and the search window does not say it (services/overlay.py)
    settled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "took_ms": round(self.took_ms, 2),
                "corrected": self.corrected, "no_good_match": self.no_good_match,
                "results": [r.to_json() for r in self.results],
                "checked_ms": round(self.checked_ms, 2)}


@dataclass(frozen=True)
class Entry:
    """An item as lists show it (the library, the tray, recommendations): what the
    index keeps about it, without body or transcript."""

    id: str
    title: str
    kind: str
    summary: str
    path: str
    root: str
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    apps: tuple[str, ...] = ()  # app or category ids the item names
    level: str | None = None
    duration: int | None = None
    os: str | None = None
    related: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()
    checks: str | None = None  # the guide a quiz checks
    rules: tuple[AppRule, ...] = ()
    lang: str = ""  # the language of the variant shown


@dataclass
class _Word:
    text: str  # lower-case surface form (possibly corrected)
    terms: list[str]  # index terms (stemmed) in the query's first language
    prefix: bool = False
    weight: float = 1.0
    #: its index terms in the query's other languages (the best of them counts)
    variants: tuple[str, ...] = ()
    #: the terms of its compound parts, all needed ("druck", "auftrag")
    parts: tuple[str, ...] = ()
    #: the language its terms are in
    lang: str = analysis.DEFAULT
    #: read in several languages: each form and the languages that read it so
    readings: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: a word of a language with an English gloss, on content with English items: its
    #: English translations' terms (each a tuple: all needed), for the English items
    translations: tuple[tuple[str, ...], ...] = ()

    def translated(self) -> list[tuple[str, ...]]:
        """:attr:`translations` as the scorer matches them: in English items only."""
        return [tuple(f"{t}{_IN}{analysis.DEFAULT}" for t in terms)
                for terms in self.translations]

    @property
    def forms(self) -> list[str]:
        """Its own terms and its variants."""
        return list(dict.fromkeys([*self.terms, *self.variants]))

    def matched_forms(self) -> list[str]:
        """:attr:`forms` as the scorer matches them: a form only some of the query's
        languages read is matched in items of those languages only (``print@de``:
        "printer" read as German is "print", which is no English item's "print")."""
        if not self.readings:
            return self.forms
        said = dict(self.readings)
        every = {lang for _, langs in self.readings for lang in langs}
        return [form if set(said.get(form, every)) >= every
                else f"{form}{_IN}{','.join(said[form])}" for form in self.forms]

    def forms_in(self, lang: str) -> list[str]:
        """The forms that count in an item of ``lang``."""
        if not self.readings:
            return self.forms
        return [form for form, langs in self.readings if lang in langs] or self.forms


_P = ParamSpec("_P")
_T = TypeVar("_T")


def _reads_index(method: Callable[Concatenate[SearchEngine, _P], _T]
                 ) -> Callable[Concatenate[SearchEngine, _P], _T]:
    """A read that fails because the index is damaged raises :class:`IndexDamagedError`
    (the generation is marked, so the next read answers from the previous generation,
    if one is kept, and the next update rebuilds); any other failure is raised as it is."""

    def guarded(self: SearchEngine, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return method(self, *args, **kwargs)
        except IndexDamagedError:
            raise
        except Exception as exc:
            damage = self.content_index.diagnose(exc)
            if damage is None:
                raise
            self.reload()
            raise damage from exc

    update_wrapper(guarded, method)
    return guarded


class SearchEngine:
    """Answers queries from a :class:`ContentIndex` restricted to some content roots.

    A read of a damaged index raises :class:`IndexDamagedError` (see :func:`_reads_index`);
    asking again answers from the previous generation while there is one."""

    def __init__(self, content_index: ContentIndex, *, roots: Sequence[Path] | None = None,
                 catalog: Catalog | None = None, os_name: str | None = None,
                 languages: Sequence[str] = ()) -> None:
        self.content_index = content_index
        #: the user's languages, most wanted first (``languages.preferred``): which
        #: variant of a translated item is shown and which languages a query is read
        #: in; settable at any time
        self.languages: Sequence[str] = list(languages)
        self.roots = [str(Path(r).absolute()) for r in roots] if roots is not None else None
        self.catalog = catalog or Catalog()
        self.os_name = os_name or current_os()
        self._synonyms: dict[str, list[str]] | None = None
        self._vocabulary: Vocabulary | None = None
        self._app_names: frozenset[str] | None = None
        self._passages = PassageNearness()
        self._scorer: _Scorer | None = None
        #: what colleagues chose for similar queries (``learned.jsonl`` in a root)
        self.learned = LearnedChoices(lambda: self.roots or self.content_index.indexed_roots())

    def reload(self) -> None:
        """Forget everything read from the index (it is read again on the next search)."""
        self._synonyms = None
        self._vocabulary = None
        self.close()

    def __enter__(self) -> SearchEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._scorer is not None:
            scorer, self._scorer = self._scorer, None
            scorer.close()

    @_reads_index
    def warm(self) -> None:
        """Open the index and prepare what every search needs (call off the GUI thread
        after start-up and after each update, so the next keystroke is fast)."""
        meaning.model(), context.model()  # loaded once, before there is an index to read
        ix = self.content_index.open()
        if ix is not None:
            self._current_scorer(ix).warm()
            _ = self.vocabulary.completions("a", 1), self.synonyms, self._app_words()

    @_reads_index
    def prepare_queries(self) -> None:
        """After :meth:`warm`, what only queries need: the general word lists of the
        content's languages (0.1-0.5 s each to read) and one search, every step once, so
        the first query typed finds everything ready (call when nothing waits)."""
        ix = self.content_index.open()
        if ix is not None:
            for lang in self._current_scorer(ix).languages():  # those queries are read in
                is_word("a", lang)
                analysis.compound_parts_ready(lang)
            self.search(WARM_UP_QUERY, typing=True)

    def _current_scorer(self, ix: Any) -> _Scorer:
        """One long-lived searcher, renewed (with every cache) when the index changed."""
        scorer = self._scorer
        if scorer is not None and scorer.ix is ix and scorer.searcher.up_to_date():
            return scorer
        self.reload()
        indexed = set(self.content_index.indexed_roots())
        only = None if self.roots is None or indexed <= set(self.roots) else set(self.roots)
        self._scorer = _Scorer(ix, only_roots=only, mentions=self.content_index.mentions(),
                               context_vectors=self.content_index.context_vectors,
                               passage_vectors=self.content_index.passage_vectors)
        return self._scorer

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self.content_index.vocabulary())
        return self._vocabulary

    @property
    def synonyms(self) -> dict[str, list[str]]:
        if self._synonyms is None:
            self._synonyms = self.content_index.synonyms()
        return self._synonyms

    def synonyms_of(self, term: str, lang: str = analysis.DEFAULT) -> list[str]:
        """The glossary synonyms of an index term (or phrase) of ``lang``: that
        language's groups first, then the groups that name no language."""
        table = self.synonyms
        if lang == analysis.DEFAULT:
            return table.get(term, [])
        return table.get(glossary.language_key(term, lang)) or table.get(term, [])

    @_reads_index
    def search(self, text: str, *, limit: int = 10, app: ActiveApp | str | None = None,
               typing: bool = True, fuzzy: bool = True,
               frecency: Mapping[str, float] | None = None,
               languages: Sequence[str] | None = None, settled: bool = False,
               stop: Callable[[], bool] | None = None) -> Response:
        """Answer ``text``. ``typing``: the last word may be the start of one;
        ``settled``: the question is whole (searched from the command line, or no longer
        being typed): "nothing answers" reads the first results' passages too
        (:meth:`_no_good_match`; its time is ``checked_ms``, apart from ``took_ms``),
        unless ``stop()`` says the answer is no longer wanted.
        ``app`` lifts items made for that application; ``frecency``
        (item id → the user's own decayed count of opens) lifts the items this user
        opens, at most by :data:`FRECENCY_WEIGHT`, so a clearly better answer still
        wins. ``languages`` (else :attr:`languages`) choose the variant of a translated
        item that is shown (see :meth:`_collapse`) and, with the query's own words, the
        languages the query is read in (see :meth:`_query_languages`)."""
        started = time.perf_counter()
        ix = self.content_index.open()
        if ix is None:
            return Response(text, 0.0, None, [])
        if isinstance(app, str):
            app = self.catalog.from_name(app)
        scorer = self._current_scorer(ix)
        wanted = self.languages if languages is None else languages
        langs = self._query_languages(scorer, text, wanted)
        words, corrected = self._parse(scorer.reader, text, typing=typing, fuzzy=fuzzy,
                                       langs=langs)
        if not words:
            return Response(text, (time.perf_counter() - started) * 1000, None, [])
        scores = self._text_scores(scorer, words, corrected or text)
        if corrected is not None:
            words, corrected, scores = self._unless_no_better(
                scorer, text, typing, (words, corrected, scores), langs)
        matched = self._collapse(scorer, scores, wanted)
        near = self._add_meaning(scorer, scores, corrected or text, wanted, lang=langs[0],
                                 length=len(words), join=self._has_meaning(words))
        pool = _largest(scores, max(PRIOR_POOL, limit))
        best = heapq.nlargest(max(CANDIDATES, limit),
                              ((doc, score * max(scorer.prior(doc),
                                                 scorer.inherited.get(doc, 0.0)))
                               for doc, score in pool),
                              key=lambda kv: kv[1])
        terms = sorted({t for w in words for t in (*w.forms, *w.parts)})
        named_os = _named_os(words)
        results = [self._result(scorer.fields(doc), score, app, named_os=named_os, doc=doc)
                   for doc, score in best]
        _lift_titles(results, words, scorer.language_of(), self.synonyms_of)
        if frecency:
            for result in results:
                used = frecency.get(result.id, 0.0)
                if used > 0:
                    factor = 1 + FRECENCY_WEIGHT * (1 - math.exp(-used / FRECENCY_SCALE))
                    result.score *= factor
                    result.lift *= factor
        self.learned.lift(corrected or text, results,
                          add=lambda item_id: self.get(item_id, languages=wanted))
        results.sort(key=lambda r: -r.score)
        self._rank_by_passages(scorer, results, langs[0])
        _checks_after_their_items(results, corrected or text)
        results = results[:limit]
        language = scorer.language_of()
        for result in results:
            result.at, result.snippet = _locate(result.meta, terms, language(result.doc))
        ranked = time.perf_counter()
        no_good = not results or self._no_good_match(
            scorer, results, matched.get(results[0].doc, results[0].doc), words, near,
            passages=settled, text=corrected or text, stop=stop)
        return Response(text, (ranked - started) * 1000, corrected, results, terms,
                        no_good_match=no_good, settled=settled,
                        checked_ms=(time.perf_counter() - ranked) * 1000)

    def _collapse(self, scorer: _Scorer, scores: dict[int, float], wanted: Sequence[str]
                  ) -> dict[int, int]:
        """One score per item: the variants of a translated item (``x.md``, ``x.de.md``)
        become one candidate with the best variant's score, shown in the user's language
        when the item has it (:func:`languages.pick`: ``de-CH`` → ``de`` → …), else in
        the variant whose words matched best. Changes ``scores``; returns shown
        document → the document that matched."""
        families = scorer.families()
        matched: dict[int, int] = {}
        if not families:
            return matched
        family_of = scorer.family_of
        if len(family_of) < len(scores):
            found = {item_id for doc, item_id in family_of.items() if doc in scores}
        else:
            found = {family_of[doc] for doc in scores if doc in family_of}
        for item_id in found:
            docs = families[item_id]
            best = max((doc for doc, _ in docs if doc in scores), key=scores.__getitem__)
            score = scores[best]
            for doc, _ in docs:
                scores.pop(doc, None)
            shown = _shown(docs, wanted, best)
            scores[shown] = score
            matched[shown] = best
        return matched

    def _names_an_unknown_app(self, scorer: _Scorer, words: list[_Word]) -> bool:
        """Whether the query names an application (one of the catalog's) that no item
        mentions: "photoshop crop image" on content without Photoshop is not answered
        by a page about cropping in another program."""
        names = self._app_words()
        reader = scorer.reader
        return any(w.text in names and not w.prefix
                   and not any(reader.doc_frequency(CONTENT, t) for t in w.forms)
                   and not reader.doc_frequency("apps", w.text)  # an item's apps: rule
                   for w in words)

    def _app_words(self) -> frozenset[str]:
        if self._app_names is None:
            found: set[str] = set()
            for app in self.catalog.apps.values():
                found.update(re.findall(r"[a-z][a-z0-9+]{2,}",
                                        f"{app.id} {app.name}".lower()))
            self._app_names = frozenset(found - NOT_APP_WORDS)
        return self._app_names

    def _has_meaning(self, words: list[_Word]) -> bool:
        """Whether the query has a word to mean something by: one the content uses or
        a correctly spelled word of its language ("qqzx vvkj" has none: no item is near
        it, whatever the numbers say)."""
        vocabulary = self.vocabulary
        return any((w.text in vocabulary or is_word(w.text, w.lang)
                    or (w.prefix and vocabulary.completions(w.text, 1)))
                   and not _filler(w.text, w.lang) for w in words)

    def _no_good_match(self, scorer: _Scorer, results: list[Hit], doc: int,
                       words: list[_Word], near: Any, *, passages: bool = False,
                       text: str = "", stop: Callable[[], bool] | None = None) -> bool:
        """Whether the best of ``results`` (its words in ``doc``) answers the query
        too poorly to be called an answer: the share of the query's words it holds
        (:meth:`_coverage`) and, with the meaning model, how near it is in meaning;
        with ``passages`` (the question ``text`` is whole), how near the nearest passage
        of the first results comes too, read in context (core/passages.py: tens of
        milliseconds for files not read before, so not while a question is typed)."""
        if UNKNOWN_APP and self._names_an_unknown_app(scorer, words):
            return True
        covered = self._coverage(scorer, doc, words)
        if near is None:
            return covered < NO_MATCH_COVERAGE
        nearness = self._nearness(scorer, near, results[0].doc)
        lang = words[0].lang if words else analysis.DEFAULT
        rule = NO_MATCH_WITH_PASSAGE.get(lang) if passages else None
        found = self._question_in_context(scorer, text, lang) if rule else None
        if rule and found is not None:
            model, question = found
            near_share, passage_share, score = rule
            # the passage it takes to be an answer: none, when words and nearness do
            wanted = (score - covered - near_share * nearness) / passage_share
            if wanted <= 0:
                return False
            passage = self._passages.nearest(
                model, question, [(r.path, r.lang or lang)
                                  for r in results[:NO_MATCH_PASSAGES]],
                enough=wanted, stop=stop)
            if passage is not None:
                return passage < wanted
        if scorer.in_context and lang in context.ENGLISH.languages:
            return covered + NO_MATCH_NEARNESS_IN_CONTEXT * nearness < NO_MATCH_IN_CONTEXT
        return covered + NO_MATCH_NEARNESSES.get(lang, NO_MATCH_NEARNESS) * nearness < \
            NO_MATCH_SCORES.get(lang, NO_MATCH_SCORE)

    @staticmethod
    def _rank_by_passages(scorer: _Scorer, results: list[Hit], lang: str) -> None:
        """The first :data:`PASSAGE_CANDIDATES` results ranked again with the passage of
        each that comes nearest the question in context (:data:`PASSAGE_WEIGHTS`): it
        adds a share of the best answer's score to how well each answers, and what the
        user's situation multiplied a result by (``Hit.lift``) applies to that as well.
        An exact title keeps its lead. Only when every one of them has its passages'
        vectors (made after the build): a ranking never mixes the two halfway."""
        weight = PASSAGE_WEIGHTS.get(lang, 0.0)
        if not weight or not scorer.in_context:
            return
        first = [r for r in results[:PASSAGE_CANDIDATES]  # (an exact title, even one
                 if r.score / r.lift < EXACT_BONUS]      # of another system)
        nearest = scorer.nearest_passages([r.doc for r in first])
        if nearest is None or not first:
            return
        top = max(r.score / r.lift for r in first)
        for result, near in zip(first, nearest, strict=True):
            if near is not None:  # (an item the query's model did not read gains none)
                result.score += weight * top * max(near, 0.0) * result.lift
        results.sort(key=lambda r: -r.score)

    @staticmethod
    def _question_in_context(scorer: _Scorer, text: str, lang: str
                             ) -> tuple[context.ContextModel, Any] | None:
        """The English model and the question's vector by it, for its passage check: as
        the ranking read it (English, every item read in context), or through its gloss
        (core/passages.py ``reading``; it tells an unanswered German question better
        than the multilingual model: RESULTS.md, "German read in context"); None
        without the model."""
        model = context.model() if context.available() else None
        if model is None:
            return None
        if lang in context.ENGLISH.languages:
            question = scorer.query_context if scorer.in_context else None
        else:
            question = reading(model, text, lang)
        return (model, question) if question is not None else None

    def _add_meaning(self, scorer: _Scorer, scores: dict[int, float], text: str,
                     wanted: Sequence[str], *, lang: str, length: int = 1,
                     join: bool = True) -> Any:
        """Words and meaning together: each candidate's score relative to the best
        one's (an exact title keeps its lead) plus how near its meaning is to the
        query's (:mod:`core.meaning`), and the :data:`MEANING_CANDIDATES` items nearest
        in meaning join the candidates even when they share no word with the query
        (``join``; not for a query of no known word). ``length``: the query's number of
        words. Changes ``scores``; the centrality prior and the lifts apply after.
        Returns every document's nearness (None without the model)."""
        weight = MEANING_WEIGHTS.get(lang, MEANING_WEIGHT)
        if length > LONG_QUERY:
            weight *= LONG_MEANING_SHARE
        if not weight:
            return None
        near = scorer.similarities(text, lang)
        if near is None:
            return None
        import numpy as np

        count = min(MEANING_CANDIDATES, len(near)) if join else 0
        nearest: Any = np.argpartition(-near, count - 1)[:count] if count else []
        floor = max(MEANING_FLOOR, max((float(near[d]) for d in nearest), default=0.0)
                    - MEANING_SPREAD)
        for doc in nearest:
            shown = self._show(scorer, int(doc), wanted)
            if near[doc] >= floor and shown not in scores:
                scores[shown] = 0.0
        if not scores:
            return near
        # (in numpy: a common word's candidates are thousands of documents)
        docs = np.fromiter(scores, dtype=np.int64, count=len(scores))
        values = np.fromiter(scores.values(), dtype=np.float64, count=len(scores))
        top = float(values[values < EXACT_BONUS].max(initial=0.0)) or 1.0
        scores.update(zip(docs.tolist(), (values / top + weight * near[docs]).tolist(),
                          strict=True))
        return near

    @staticmethod
    def _nearness(scorer: _Scorer, near: Any, doc: int) -> float:
        """How near in meaning the item of ``doc`` is (its nearest variant's)."""
        return float(near[doc]) if doc >= 0 else 0.0

    def _show(self, scorer: _Scorer, doc: int, wanted: Sequence[str]) -> int:
        """The document to show for the item of document ``doc``: the variant in the
        user's languages, else the original."""
        item_id = scorer.families() and scorer.family_of.get(doc)
        return doc if not item_id else _shown(scorer.families()[item_id], wanted, None)

    def _coverage(self, scorer: _Scorer, doc: int, words: list[_Word]) -> float:
        """The share of the query's meaning that item ``doc`` holds: each word weighs
        its rarity (idf) and counts when the item has it, one of its synonyms or, for the
        word being typed, a word it starts. A negation names no topic: it counts for
        nothing ("nicht", a German stop word no item's words hold, would weigh most)."""
        total = held = 0.0
        for word in [w for w in words if not is_negation(w.text)] or words:
            weight = scorer.idf(word.terms[0]) * word.weight
            total += weight
            options: list[tuple[str, ...]] = [(t,) for t in word.matched_forms()]
            options += [tuple(syn.split()) for t in word.terms
                        for syn in self.synonyms_of(t, word.lang)]
            if word.parts:
                options.append(word.parts)
            options += word.translated()
            if word.prefix:  # being typed: a word it starts counts ("unz" → "unzip")
                options += [(t,) for c in self.vocabulary.completions(word.text)
                            for t in stem_terms(c, word.lang)]
            if any(all(scorer.has(doc, t) for t in option) for option in options):
                held += weight
        return held / total if total else 0.0

    def _text_scores(self, scorer: _Scorer, words: list[_Word], text: str
                     ) -> dict[int, float]:
        return scorer.score(self._clauses(words, scorer), exact=normalize_name(text),
                            pairs=_pairs(words), family=SUBCOMMANDS and len(words) > 1)

    def _unless_no_better(self, scorer: _Scorer, text: str, typing: bool,
                          found: tuple[list[_Word], str, dict[int, float]],
                          langs: Sequence[str] = (analysis.DEFAULT,),
                          ) -> tuple[list[_Word], str | None, dict[int, float]]:
        """The corrected query, unless it scores no clearly better than the query as
        typed (then the query as typed, uncorrected)."""
        scores, inherited = found[2], scorer.inherited
        plain, _ = self._parse(scorer.reader, text, typing=typing, fuzzy=False, langs=langs)
        plain_scores = self._text_scores(scorer, plain, text) if plain else {}
        if max(scores.values(), default=0.0) >= CORRECTION_GAIN * max(
                plain_scores.values(), default=0.0):
            scorer.inherited = inherited  # the lifts of the scores kept
            return found
        return plain, None, plain_scores

    @_reads_index
    def entries(self, *, languages: Sequence[str] | None = None) -> list[Entry]:
        """Every item in this engine's roots, for browsing (sorted by title); a
        translated item once, in the variant :attr:`languages` choose."""
        ix = self.content_index.open()
        if ix is None:
            return []
        scorer = self._current_scorer(ix)
        allowed = scorer.allowed
        wanted = self.languages if languages is None else languages
        families, family_of = scorer.families(), scorer.family_of
        out = []
        for doc, hit in enumerate(_all_stored(scorer.searcher)):
            if hit is None or (allowed is not None and doc not in allowed):
                continue
            if doc in family_of and _shown(families[family_of[doc]], wanted, None) != doc:
                continue
            meta = hit["meta"]
            out.append(Entry(
                id=hit["id"], title=hit["title"], kind=hit["kind"],
                summary=meta.get("summary", ""), path=hit["path"], root=hit["root"],
                topics=tuple(meta.get("topics", ())), tags=tuple(meta.get("tags", ())),
                apps=tuple(dict.fromkeys(r["name"] for r in meta.get("apps", ())
                                         if r.get("name"))),
                level=meta.get("level"), duration=meta.get("duration"),
                os=hit.get("os") or None, related=tuple(meta.get("related", ())),
                prerequisites=tuple(meta.get("prerequisites", ())),
                checks=meta.get("checks"),
                rules=tuple(AppRule.from_json(r) for r in meta.get("apps", ())),
                lang=hit.get("lang", "")))
        out.sort(key=lambda e: (e.title.lower(), e.id))
        return out

    @_reads_index
    def suggest(self, app: ActiveApp | str, *, limit: int = 8) -> Response:
        """What to show before anything is typed, for the application in front: items
        whose rules name it (the exact application before its category), then items in
        the same topics as those ("topic neighbours"). Each says why it is there."""
        started = time.perf_counter()
        ix = self.content_index.open()
        if ix is None:
            return Response("", 0.0, None, [])
        if isinstance(app, str):
            app = self.catalog.from_name(app)
        scorer = self._current_scorer(ix)
        best: dict[int, int] = {}  # the document shown → the strength of its item's best
        for doc, rules in scorer.app_rules().items():
            strength = best_strength(rules, app)
            if strength:  # a translated item once, in the user's language
                shown = self._show(scorer, doc, self.languages)
                best[shown] = max(best.get(shown, 0), strength)
        matched = sorted(((strength, scorer.prior(doc), doc) for doc, strength in best.items()),
                         key=lambda t: (-t[0], -t[1], t[2]))
        results = []
        for strength, _, doc in matched[:limit]:
            result = self._result(scorer.fields(doc), float(strength), app)
            result.why = self._why(result, app)
            results.append(result)
        if len(results) < limit and results:
            results += self._neighbours(scorer, results, limit - len(results))
        for result in results:
            result.snippet = result.summary
        return Response("", (time.perf_counter() - started) * 1000, None, results)

    def _why(self, result: Hit, app: ActiveApp) -> str:
        if result.app_match == EXACT_MATCH or not app.categories:
            return f"For {app.name or app.process or app.wm_class}"
        named = {str(r.get("name", "")).lower() for r in result.apps}
        category = next((c for c in app.categories if c in named), app.categories[0])
        return f"For {self.catalog.display_name(category)}"

    def _neighbours(self, scorer: _Scorer, shown: list[Hit], count: int) -> list[Hit]:
        """Items sharing a topic with the suggestions, most shared topic first."""
        topics = Counter(t for r in shown for t in r.meta.get("topics", ()))
        seen = {r.id for r in shown}
        out: list[Hit] = []
        for topic, _ in topics.most_common():
            docs = sorted(scorer.topic_docs(topic), key=lambda d: -scorer.prior(d))
            for doc in docs:
                hit = scorer.fields(doc)
                if hit["id"] in seen:
                    continue
                hit = scorer.fields(self._show(scorer, doc, self.languages))
                seen.add(hit["id"])
                result = self._result(hit, 0.0, None)
                result.why = f"More in {topic.replace('-', ' ')}"
                out.append(result)
                if len(out) == count:
                    return out
        return out

    @_reads_index
    def get(self, item_id: str, *, languages: Sequence[str] | None = None) -> Hit | None:
        """The item with this id (in this engine's roots), with its stored data: a
        translated item in the variant ``languages`` (else :attr:`languages`) choose."""
        ix = self.content_index.open()
        if ix is None:
            return None
        scorer = self._current_scorer(ix)
        for found in scorer.searcher.document_numbers(id=item_id):
            if scorer.allowed is None or found in scorer.allowed:
                doc = self._show(scorer, found, self.languages if languages is None
                                 else languages)
                result = self._result(scorer.fields(doc), 0.0, None, doc=doc)
                result.snippet = result.summary
                return result
        return None

    # --- parsing ---------------------------------------------------------------------

    def _query_languages(self, scorer: _Scorer, text: str, wanted: Sequence[str]
                         ) -> list[str]:
        """The languages to read ``text`` in, likeliest first: of the languages the
        content is in, those whose word lists know most of the query's words, the user's
        languages before others on a tie, then the most used in the content."""
        present = scorer.languages()
        if len(present) <= 1:
            return list(present) or [analysis.DEFAULT]
        users = list(dict.fromkeys(analysis.language_of(t) for t in wanted))
        surface = analysis.words(text)

        def known(lang: str) -> int:
            stops = analysis.stop_words(lang)
            return sum(1 for w in surface if w in stops or is_word(w, lang))

        def rank(lang: str) -> tuple[int, int, int]:
            return (-known(lang), users.index(lang) if lang in users else len(users),
                    -present[lang])

        return sorted(present, key=rank)[:MAX_QUERY_LANGUAGES]

    def _parse(self, reader: Any, text: str, *, typing: bool, fuzzy: bool,
               langs: Sequence[str] = (analysis.DEFAULT,)) -> tuple[list[_Word], str | None]:
        lang = langs[0]
        folded = fold_contractions(text)[0] if FOLD_CONTRACTIONS else text
        surface = list(dict.fromkeys(w.lower() for w in _WORD.findall(folded)))[:MAX_WORDS]
        # Words in quotes, paths, globs and variables are the user's own names and values.
        literal_spans = [m.group(2) for m in _QUOTED.finditer(folded)]
        rest = _QUOTED.sub(" ", folded)
        literal_spans += [chunk for chunk in rest.split() if _CODE_CHARS.search(chunk)]
        rest = " ".join(chunk for chunk in rest.split() if not _CODE_CHARS.search(chunk))
        quoted = {w.lower() for span in literal_spans for w in _WORD.findall(span)}
        quoted -= {w.lower() for w in _WORD.findall(rest)}
        # a word in capitals among others that are not ("SVERWEIS Beispiel", "OTRS
        # ticket") is a name: not a typo of some other word
        named = {w.lower() for w in _WORD.findall(folded) if w.isupper() and len(w) > 1} \
            if NAMES_IN_CAPITALS and not folded.isupper() else set()
        last_is_prefix = typing and bool(surface) and not text[-1:].isspace()
        # negations ("not", "cant") carry no topic: "vpn not connecting" is about a vpn
        meaningful = [w for w in surface if (not _filler(w, lang) or is_negation(w))
                      and not (NEGATION_WEIGHT == 0 and is_negation(w))]
        if not any(not is_negation(w) for w in meaningful):
            meaningful = [w for w in surface if not is_negation(w)] or surface
        words: list[_Word] = []
        replaced: dict[str, str] = {}
        for i, typed in enumerate(meaningful):
            is_last = last_is_prefix and typed == surface[-1] and i == len(meaningful) - 1
            weight = QUOTED_WEIGHT if typed in quoted else 1.0
            if is_negation(typed):
                weight = min(weight, NEGATION_WEIGHT)
            word = typed
            if (fuzzy and typed not in quoted and typed not in named
                    and not is_negation(typed) and not self._known(typed, is_last, langs)):
                fix = self._correction(reader, typed, lang)
                if fix is not None:
                    replaced[typed] = word = fix
                    weight = CORRECTED_WEIGHT
            words.append(self._word(word, langs, prefix=is_last and len(word) >= 2,
                                    weight=weight))
        corrected = None
        if replaced:
            corrected = _WORD.sub(lambda m: _same_case(m.group(0), replaced), text)
        return words, corrected

    def _word(self, word: str, langs: Sequence[str], *, prefix: bool, weight: float) -> _Word:
        """A query word read in ``langs`` (its terms in the first, variants in the others,
        the parts of a compound)."""
        terms = stem_terms(word, langs[0]) or [word]
        variants = tuple(dict.fromkeys(t for other in langs[1:]
                                       for t in stem_terms(word, other) if t not in terms))
        readings: dict[str, list[str]] = {}
        if len(langs) > 1 and LANGUAGE_FORMS:
            for lang in langs:
                for term in stem_terms(word, lang) or ([word] if lang == langs[0] else []):
                    readings.setdefault(term, []).append(lang)
        compound = next((lang for lang in langs if lang in analysis.COMPOUND_LANGUAGES), None)
        parts: tuple[str, ...] = ()
        if compound and COMPOUND_WEIGHT:
            parts = tuple(analysis.stem(p, compound) for p in analysis.split_compound(
                word, compound, self.vocabulary.counts))
        return _Word(word, terms, prefix=prefix, weight=weight, variants=variants, parts=parts,
                     lang=langs[0],
                     readings=tuple((t, tuple(ls)) for t, ls in readings.items()),
                     translations=_translations(word, langs))

    def _known(self, word: str, is_last: bool,
               langs: Sequence[str] = (analysis.DEFAULT,)) -> bool:
        """Whether ``word`` needs no correction: the content uses it, it is a correctly
        spelled word of one of the query's languages (or a compound of known words), a
        glossary knows it, or (being typed) it starts a word."""
        vocabulary = self.vocabulary
        if (word in vocabulary or not word.isalpha() or len(word) < 4
                or (ENGLISH_GUARD and any(is_word(word, lang) for lang in langs))
                or any(self.synonyms_of(t, langs[0]) for t in stem_terms(word, langs[0]))):
            return True
        if any(parts and all(p in vocabulary for p in parts)
               for parts in (analysis.split_compound(word, lang, vocabulary.counts)
                             for lang in langs)):
            return True  # a compound of the content's words
        return is_last and bool(vocabulary.completions(word, 1))

    def _correction(self, reader: Any, word: str, lang: str = analysis.DEFAULT
                    ) -> str | None:
        """The known word closest to a misspelled ``word``, or None."""
        minimum = MIN_CORRECTION_USES if reader.doc_count() >= 500 else 1
        for fix in self.vocabulary.correction(word):
            if stem_terms(fix, lang) == stem_terms(word, lang):
                return None  # another form of the same word ("expands"): nothing to fix
            if self.vocabulary.counts[fix] >= minimum and _in_index(reader, fix, lang):
                return fix
        return self._compound_correction(reader, word, lang) if COMPOUND_TYPOS else None

    def _compound_correction(self, reader: Any, word: str, lang: str) -> str | None:
        """A misspelled compound whose head the content uses, its tail corrected
        ("hintergrundbilt" → "hintergrund" + "bild")."""
        if lang not in analysis.COMPOUND_LANGUAGES:
            return None
        vocabulary = self.vocabulary
        for i in range(len(word) - analysis.MIN_PART, analysis.MIN_PART - 1, -1):
            head, tail = word[:i], word[i:]
            if head in vocabulary and _in_index(reader, head, lang):
                fixes = [f for f in vocabulary.correction(tail) if _in_index(reader, f, lang)]
                if fixes:
                    return head + fixes[0]
        return None

    # --- query -----------------------------------------------------------------------

    def _clauses(self, words: list[_Word], scorer: _Scorer | None = None) -> list[_Clause]:
        """Per word: its alternatives, each a tuple of terms that must all match, with a
        weight (the word itself, its synonyms, its completions while typing)."""
        clauses: list[_Clause] = []
        said = {t for w in words for t in w.terms}
        for word in words:
            alternatives = self._alternatives(word, scorer, said)
            if word.prefix:
                seen = set(word.forms)
                budget = PREFIX_POSTINGS
                for expansion in self.vocabulary.completions(word.text):
                    # the most used completions first, until their postings fill the
                    # budget: "di" at 74k items is "directory", not twelve big lists
                    budget -= self.vocabulary.counts.get(expansion, 0)
                    if budget < 0 and len(seen) > len(word.terms):
                        break
                    for term in stem_terms(expansion, word.lang):
                        if term not in seen:
                            seen.add(term)
                            alternatives.append(((term,), PREFIX_WEIGHT))
            # In a short query every word may name a tool; in a longer description only
            # the leading word does ("Find all files ... in the directory tree").
            naming = len(words) <= SHORT_QUERY or not clauses
            clauses.append(_Clause(word.text, alternatives,
                                   NAME_WORD_WEIGHT * word.weight if naming else 0.0))
        for size in (2, 3):  # phrases of the glossary ("disk space", "log in")
            for run in zip(*(words[i:] for i in range(size)), strict=False):
                phrase = " ".join(w.terms[0] for w in run)
                weight = min(w.weight for w in run) * SYNONYM_WEIGHT
                synonyms = self.synonyms_of(phrase, run[0].lang)
                if synonyms:
                    clauses.append(_Clause(phrase, [(tuple(syn.split()), weight)
                                                    for syn in synonyms]))
        return clauses

    def _alternatives(self, word: _Word, scorer: _Scorer | None,
                      said: Collection[str] = ()) -> list[tuple[tuple[str, ...], float]]:
        """A word's own alternatives: itself (in every language the query is read in,
        and its compound parts, all needed: the best of them counts) and its synonyms
        (at full weight when no item uses the word and the query does not already say
        one of them: "unzip and untar" is one wish, not two)."""
        alternatives: list[tuple[tuple[str, ...], float]] = []
        matched = dict(zip(word.forms, word.matched_forms(), strict=True))
        for term in word.terms:
            forms = [matched[term], *(matched[v] for v in word.variants)] \
                if term == word.terms[0] else [matched[term]]
            if word.parts and term == word.terms[0] and not COMPOUND_ADDS:
                forms.append("+".join(word.parts))
            alternatives.append((("|".join(forms),), word.weight))
        synonyms = [syn for term in word.terms for syn in self.synonyms_of(term, word.lang)]
        share = SYNONYM_WEIGHT
        if (synonyms and scorer is not None and not word.prefix
                and not any(syn in said for syn in synonyms)
                and not any(scorer.reader.doc_frequency(CONTENT, t) for t in word.forms)):
            share = max(share, UNUSED_SYNONYM_WEIGHT)
        alternatives += [(tuple(syn.split()), word.weight * share) for syn in synonyms]
        alternatives += [(terms, word.weight * TRANSLATION_WEIGHT)
                         for terms in word.translated()]
        if scorer is not None and DERIVED_WEIGHT:
            alternatives += [((term,), word.weight * DERIVED_WEIGHT)
                             for term in _derived(word, scorer, alternatives)]
        if word.parts and COMPOUND_ADDS:
            alternatives.append((word.parts, word.weight * COMPOUND_WEIGHT))
        return alternatives

    # --- results ---------------------------------------------------------------------

    def _result(self, hit: dict[str, Any], score: float, app: ActiveApp | None, *,
                named_os: str | None = None, doc: int = -1) -> Hit:
        meta: dict[str, Any] = hit["meta"]
        item_os = hit.get("os") or None
        lift = 1.0
        if item_os and item_os != (named_os or self.os_name):
            lift = OTHER_OS_FACTOR
        elif item_os and item_os == named_os:
            lift = NAMED_OS_FACTOR
        strength = 0
        if app is not None:
            rules = [AppRule.from_json(r) for r in meta.get("apps", [])]
            strength = best_strength(rules, app)
            lift *= APP_FACTORS.get(strength, 1.0)
        return Hit(id=hit["id"], title=hit["title"], kind=hit["kind"], path=hit["path"],
                      score=score * lift, snippet="", at=None, root=hit["root"],
                      summary=meta.get("summary", ""), os=item_os, apps=meta.get("apps", []),
                      app_match=strength, meta=meta, doc=doc, lang=hit.get("lang", ""),
                      lift=lift)


@dataclass
class _Clause:
    """One query word: its text and its weighted alternatives (terms that must all match)."""

    word: str
    alternatives: list[tuple[tuple[str, ...], float]]
    #: bonus for items named by this word (``tar``, ``excel``)
    name_weight: float = 0.0


class _Scorer:
    """BM25F over the ``content`` field, straight from the posting lists.

    Holds one searcher; each term's per-document scores are kept (a small LRU)
    so the next keystroke of the same query reuses them."""

    #: Postings kept in the term cache (a few MB; common words have thousands each).
    CACHE_POSTINGS = 200_000
    #: Items whose stored fields are kept decoded (the candidates of the last keystrokes
    #: are mostly the next one's; about 2 KB each)
    CACHE_FIELDS = 1024

    def __init__(self, ix: Any, *, only_roots: set[str] | None,
                 mentions: dict[str, int],
                 context_vectors: VectorStore | None = None,
                 passage_vectors: VectorStore | None = None) -> None:
        self.ix = ix
        self.mentions = mentions
        self.context_vectors = context_vectors
        self.passage_vectors = passage_vectors
        self.searcher = ix.searcher(weighting=scoring.BM25F())
        self.reader = self.searcher.reader()
        self.leaves: list[tuple[Any, int]] = list(self.searcher.leaf_searchers())
        self.doc_count = max(self.searcher.doc_count_all(), 1)
        self._averages: dict[str, float] = {}
        self._norms: dict[str, Any] = {}  # field → each document's length normalisation
        self._priors: dict[int, float] = {}
        self._priors_read = False  # every item's prior is in _priors (the rest: 1)
        self._cache: OrderedDict[tuple[str, str], tuple[Any, Any]] = OrderedDict()
        self._cached_postings = 0
        self._fields: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self._app_rules: dict[int, list[AppRule]] | None = None
        self._subcommands: dict[str, list[int]] = {}
        self._subcommand_parts: dict[str, list[tuple[int, list[str]]]] = {}
        self._languages: dict[int, str] | None = None
        self._language_array: tuple[Any, list[str]] | None = None
        self._derived: dict[str, list[str]] = {}
        self._language_counts: Counter[str] = Counter()
        self._families: dict[str, list[tuple[int, str]]] | None = None
        #: document → the id of its item, for the documents of translated items
        self.family_of: dict[int, str] = {}
        self._vectors: Any = None
        #: the key of the text each document is read by in context (0: none)
        self._context_keys: Any = None
        #: the documents' vectors in context, and which have one (read once; False: none,
        #: or not every document's yet: see _read_context)
        self._context: Any = None
        self._has_context: Any = None
        #: documents whose vector in context was not made yet (when last read)
        self.context_waiting = 0
        #: whether the last nearness was read in context too, the question's vector by
        #: the model of its language then, and the question as each model that read
        #: items reads it (core/context.py READERS)
        self.in_context = False
        self.query_context: Any = None
        self.questions: dict[context.Reader, Any] = {}
        self._groups: Any = None
        #: items the last scoring lifts to another item's prior (a subcommand to its
        #: parent's, the leading word's item to a later word's: see score)
        self.inherited: dict[int, float] = {}
        self.allowed: set[int] | None = None
        self._allowed_array: Any = None
        if only_roots is not None:
            self.allowed = {doc for root in only_roots
                             for doc in self.searcher.docs_for_query(_term("root", root))}

    def close(self) -> None:
        self.searcher.close()

    def score(self, clauses: list[_Clause], *, exact: str,
              pairs: Sequence[tuple[str, float]] = (), family: bool = False
              ) -> dict[int, float]:
        """Each document's score. With ``family`` (the query has more words than a
        command's name) a name bonus also goes to the named item's subcommands
        (``git`` → ``git revert``), so the one the other words match can beat its parent."""
        import numpy as np

        total = np.zeros(self.searcher.doc_count_all(), dtype=np.float64)
        found = np.zeros(total.shape, dtype=bool)
        self.inherited = {}

        def add(docs: Any, values: Any) -> None:
            np.add.at(total, docs, values)
            found[docs] = True

        for clause in clauses:
            for terms, weight in clause.alternatives:
                if len(terms) == 1:
                    docs, values = self.postings(terms[0])
                else:  # a multi-word synonym: every word must be there
                    docs, values = _all_of([self.postings(t) for t in terms], 1.0)
                add(docs, weight * values)
            if clause.name_weight:
                named = self._docs("names", clause.word)
                if family and named:  # only a command's own family, not "user-*" pages
                    subcommands = self.subcommands(clause.word)
                    named += subcommands
                    # a subcommand the query's other words name ("git revert a pushed
                    # commit", "docker list running containers") beats its parent
                    # (and is as central as its parent: the parent's prior is no lead)
                    chosen = self._named_subcommands(clause.word, clauses)
                    if chosen and SUBCOMMAND_WORD_WEIGHT:
                        add(np.array(chosen, dtype=np.int64),
                            clause.name_weight * SUBCOMMAND_WORD_WEIGHT)
                        parent = max(self.prior(doc) for doc in named[:len(named)
                                                                     - len(subcommands)])
                        self.inherited.update((doc, parent) for doc in chosen)
                add(np.array(named, dtype=np.int64), clause.name_weight)
                if LEADING_NAME_PRIOR and clause is not clauses[0] and clauses[0].name_weight:
                    # "unzip a zip file": the leading word's item (what is to be done)
                    # is as central as an item a later word names
                    lead = self._docs("names", clauses[0].word)
                    later = max((self.prior(doc) for doc in
                                 self._docs("names", clause.word)), default=0.0)
                    for doc in lead:
                        self.inherited[doc] = max(self.inherited.get(doc, 0.0), later)
        for pair, weight in pairs:
            docs, values = self.postings(pair, PAIRS)
            add(docs, weight * values)
        add(np.array(self._docs("names", exact), dtype=np.int64), EXACT_BONUS)
        if self.allowed is not None:
            found &= self._allowed_mask()
        hit = np.flatnonzero(found)
        return dict(zip(hit.tolist(), total[hit].tolist(), strict=True))

    def _allowed_mask(self) -> Any:
        if self._allowed_array is None:
            import numpy as np

            mask = np.zeros(self.searcher.doc_count_all(), dtype=bool)
            mask[list(self.allowed or ())] = True
            self._allowed_array = mask
        return self._allowed_array

    def _named_subcommands(self, name: str, clauses: list[_Clause]) -> list[int]:
        """Those of ``name``'s subcommands whose own name ("revert", "rename-branch",
        "container") the query's other words say, every part of it (stemmed)."""
        said = {term for clause in clauses if clause.word != name
                for terms, _ in clause.alternatives[:1] for joined in terms
                for term in joined.split("|")}
        if not said:
            return []
        self.subcommands(name)
        return [doc for doc, parts in self._subcommand_parts[name]
                if parts and all(p in said for p in parts)]

    def subcommands(self, name: str) -> list[int]:
        """Items named ``<name> <sub>`` (from ids such as ``common/git-revert``)."""
        found = self._subcommands.get(name)
        if found is None:
            prefix = f"{name} "
            named = [(doc, _text(term)[len(prefix):])
                     for term in self.reader.expand_prefix("names", prefix)
                     for doc in self._docs("names", _text(term))
                     if " " not in _text(term)[len(prefix):]]
            found = self._subcommands[name] = [doc for doc, _ in named]
            # each one's own name in index terms ("rename-branch" → rename, branch)
            self._subcommand_parts[name] = [
                (doc, [t for part in sub.split("-") for t in stem_terms(part, analysis.DEFAULT)])
                for doc, sub in named]
        return found

    def languages(self) -> Counter[str]:
        """The base languages of the content and how many items each has."""
        self._doc_languages()
        return self._language_counts

    def doc_language(self, doc: int) -> str:
        """The base language document ``doc`` was analysed in."""
        return self._doc_languages().get(doc, analysis.DEFAULT)

    def language_of(self) -> Callable[[int], str]:
        """:meth:`doc_language`, or a constant when the content has one language."""
        present = self.languages()
        if len(present) == 1:
            only = next(iter(present))
            return lambda doc: only
        return self.doc_language

    def _doc_languages(self) -> dict[int, str]:
        if self._languages is None:
            found: dict[int, str] = {}
            for tag in self.reader.field_terms("lang") if "lang" in self.reader.schema \
                    else ():
                lang = analysis.language_of(_text(tag))
                found.update((doc, lang) for doc in self._docs("lang", _text(tag))
                             if self.allowed is None or doc in self.allowed)
            count = self.searcher.doc_count_all() if self.allowed is None else len(self.allowed)
            self._language_counts = Counter(found.values())
            if count > len(found):  # items that name no language are English
                self._language_counts[analysis.DEFAULT] += count - len(found)
            self._languages = found
        return self._languages

    def idf(self, term: str) -> float:
        df = self.reader.doc_frequency(CONTENT, term)
        return math.log(1 + (self.doc_count - df + 0.5) / (df + 0.5))

    def postings(self, term: str, field: str = CONTENT) -> tuple[Any, Any]:
        """The documents with ``term`` (ascending) and each one's BM25F score for it,
        as two arrays. ``a|b``: the same word read in several languages, the best form
        counts; ``a+b``: the parts of a compound, all needed, at COMPOUND_WEIGHT."""
        key = (field, term)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        import numpy as np

        if _is_combined(term):
            found = [self._form_postings(form, field) for form in term.split("|")]
            docs = np.concatenate([d for d, _ in found])
            values = np.concatenate([v for _, v in found])
            order = np.lexsort((-values, docs))  # by document, its best form first
            docs, values = docs[order], values[order]
            first = np.ones(len(docs), dtype=bool)
            first[1:] = docs[1:] != docs[:-1]
            scores = (docs[first], values[first])
        else:
            df = self.reader.doc_frequency(field, term)
            docs, tf = self._posting_arrays(field, term) if df else (
                np.zeros(0, dtype=np.int64), np.zeros(0))
            idf = math.log(1 + (self.doc_count - df + 0.5) / (df + 0.5))
            norms = self._norm_array(field)[docs]
            scores = (docs, idf * tf * (K1 + 1) / (tf + norms))
        self._cache[key] = scores
        self._cached_postings += len(scores[0])
        while self._cached_postings > self.CACHE_POSTINGS and len(self._cache) > 1:
            _, dropped = self._cache.popitem(last=False)
            self._cached_postings -= len(dropped[0])
        return scores

    def derived(self, base: str) -> list[str]:
        """The content's terms made of ``base`` and a derivational suffix the stemmer
        keeps (:data:`DERIVATIONS`: "own" → owner, ownership), read once per term."""
        found = self._derived.get(base)
        if found is None:
            frequency = self.reader.doc_frequency
            found = self._derived[base] = [base + suffix for suffix in DERIVATIONS
                                           if frequency(CONTENT, base + suffix)]
        return found

    def _in_languages(self, docs: Any, langs: list[str]) -> Any:
        """Which of ``docs`` are items of one of ``langs`` (a boolean array)."""
        import numpy as np

        if self._language_array is None:  # each document's language, numbered
            names = [analysis.DEFAULT, *sorted(set(self._doc_languages().values())
                                               - {analysis.DEFAULT})]
            codes = np.zeros(self.searcher.doc_count_all(), dtype=np.int16)
            for doc, lang in self._doc_languages().items():
                codes[doc] = names.index(lang)
            self._language_array = (codes, names)
        codes, names = self._language_array
        return np.isin(codes[docs], [names.index(lang) for lang in langs if lang in names])

    def has(self, doc: int, term: str) -> bool:
        """Whether document ``doc`` has ``term`` (or one of its forms)."""
        import numpy as np

        docs = self.postings(term)[0]
        at = int(np.searchsorted(docs, doc))
        return at < len(docs) and int(docs[at]) == doc

    def _form_postings(self, form: str, field: str) -> tuple[Any, Any]:
        if _IN in form:  # a form of some languages only: in their items only
            form, langs = form.split(_IN)
            docs, values = self._form_postings(form, field)
            keep = self._in_languages(docs, langs.split(","))
            return docs[keep], values[keep]
        if "+" not in form:
            return self.postings(form, field)
        return _all_of([self.postings(t, field) for t in form.split("+")], COMPOUND_WEIGHT)

    def _posting_arrays(self, field: str, term: str, *, weights: bool = True
                        ) -> tuple[Any, Any]:
        """The documents with ``term`` (every live one: a segment reader leaves out
        deleted documents itself) as one array, and their term weights (or ones) as
        another."""
        import numpy as np

        parts: list[tuple[Any, Any]] = []
        for leaf, offset in self.leaves:
            reader = leaf.reader()
            if (field, term) not in reader:
                continue
            matcher = reader.postings(field, term)
            if not reader.has_deletions() and hasattr(matcher, "_read_ids"):
                parts.append(_block_arrays(matcher, offset, weights=weights))
                continue
            pairs = []
            while matcher.is_active():
                pairs.append((matcher.id() + offset, matcher.weight() if weights else 1.0))
                matcher.next()
            parts.append((np.array([d for d, _ in pairs], dtype=np.int64),
                          np.array([w for _, w in pairs], dtype=np.float64)))
        if not parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return np.concatenate([d for d, _ in parts]), np.concatenate([w for _, w in parts])

    def _norm_array(self, field: str) -> Any:
        """Each document's BM25 length normalisation for ``field`` (read once)."""
        norms = self._norms.get(field)
        if norms is None:
            import numpy as np

            average = self._average_length(field)
            length_of = self.searcher.doc_field_length
            lengths = np.fromiter((length_of(doc, field, 0) or 1
                                   for doc in range(self.searcher.doc_count_all())),
                                  dtype=np.float64, count=self.searcher.doc_count_all())
            norms = self._norms[field] = K1 * (1 - B + B * lengths / average)
        return norms

    def warm(self) -> None:
        """Compute every document's length normalisation now (a background moment)
        rather than on the first keystrokes."""
        self.app_rules()
        self.similarities("warm")
        keys = self._context_keys
        if keys is not None and multilingual_keys(keys).any():
            context.multilingual()  # (loaded when an item needs it, not at the first key)
        self._read_priors()
        if self.searcher.doc_count_all():
            self.fields(0)  # opens the stored fields' column
        for name in (CONTENT, PAIRS):
            self._norm_array(name)

    def similarities(self, text: str, lang: str | None = None) -> Any:
        """How near each document's meaning is to ``text`` (in ``lang``: cosine, one
        number per document number; 0 for a deleted one or one without a vector), or
        None without the meaning model."""
        self.in_context = False
        self.query_context = None
        self.questions = {}
        model = meaning.model()
        if model is None:
            return None
        query = model.vector(text, lang)
        if query is None:
            return None
        if self._vectors is None:
            # (a lost column is damage: the search says so and the index is rebuilt)
            read = read_meaning(self.reader, self.allowed)
            if read is None:
                return None
            self._vectors, self._context_keys = read
        near = self._with_context(self._vectors @ query, text, lang)
        groups = self._variant_groups()
        if groups is not None:  # a translated item is as near as its nearest variant
            import numpy as np

            docs, group, count = groups
            best = np.full(count, -np.inf, dtype=near.dtype)
            np.maximum.at(best, group, near[docs])
            near[docs] = best[group]
        return near

    def _with_context(self, near: Any, text: str, lang: str | None) -> Any:
        """The static nearness ``near`` with, for a query in a language a context model
        reads, the nearness in context of every item a model read, the question read by
        that model (the English one reads another language's question with its English
        gloss; an English question is not read by the multilingual model, which would
        cost every key its time), on the English model's scale (core/context.py; see
        :data:`CONTEXT_SHARE`)."""
        reader = context.reader_for(lang or analysis.DEFAULT)
        if not CONTEXT_SHARE or reader is None or context.model_for(reader) is None:
            return near
        if self._context is None:
            self._context, self._has_context = self._read_context()
        if self._context is False:
            return near
        import numpy as np

        multilingual = multilingual_keys(self._context_keys)
        nearness = near
        for other in context.READERS:
            read = self._has_context & (multilingual == (other is context.MULTILINGUAL))
            question = self._question(other, reader, text, lang) \
                if other is reader or read.any() else None
            if question is not None:
                self.questions[other] = question
                nearness = np.where(read, context.calibrated(other, self._context @ question),
                                    nearness)
        self.query_context = self.questions.get(reader)
        if self.query_context is None:
            self.questions = {}
            return near
        self.in_context = True
        return (1 - CONTEXT_SHARE) * near + CONTEXT_SHARE * CONTEXT_SCALE * nearness

    @staticmethod
    def _question(model_of: context.Reader, reader: context.Reader, text: str,
                  lang: str | None) -> Any:
        """The question ``text`` (in ``lang``, whose model is ``reader``) as the model of
        ``model_of`` reads it, or None."""
        model = context.model_for(model_of)
        if model is None:
            return None
        if model_of is reader:
            return model.question(text)
        if model_of is context.ENGLISH:
            return reading(model, text, lang or analysis.DEFAULT)
        return None

    def nearest_passages(self, docs: Sequence[int]) -> list[float | None] | None:
        """For each of ``docs``, the cosine of the question and the document's nearest
        passage, its title and summary counting as one (so an item of few or no
        passages, a tldr page of short lines, is not behind one of many), read by the
        model that read the document (on the English model's scale), None for a
        document no model read the question for; None while a passage of theirs has no
        vector yet, or without the column (an index of before)."""
        if self.passage_vectors is None or not self.reader.has_column("passages") \
                or self._context is None or self._context is False or not self.questions:
            return None
        import numpy as np

        multilingual = multilingual_keys(self._context_keys)
        readers = [context.MULTILINGUAL if multilingual[doc] else context.ENGLISH
                   for doc in docs]
        asked = [self.questions.get(reader) if self._has_context[doc] else None
                 for doc, reader in zip(docs, readers, strict=True)]
        column = self.reader.column_reader("passages")
        texts = [column[doc].decode("utf-8", "replace").split(PASSAGE_SEPARATOR)
                 if column[doc] and question is not None else []
                 for doc, question in zip(docs, asked, strict=True)]
        keys = np.fromiter((text_key(t) for found in texts for t in found),
                           dtype=np.uint64)
        vectors, found = self.passage_vectors.lookup(keys)
        if not found.all():
            return None
        out: list[float | None] = []
        start = 0
        for doc, found_texts, reader, question in zip(docs, texts, readers, asked,
                                                      strict=True):
            if question is None:
                out.append(None)
                continue
            end = start + len(found_texts)
            near = vectors[start:end] @ question if end > start else np.zeros(0)
            best = max([float(self._context[doc] @ question), *near.tolist()])
            out.append(float(context.calibrated(reader, np.float32(best))))
            start = end
        return out

    def _read_context(self) -> tuple[Any, Any]:
        """The documents' vectors in context and which have one; (False, None) when
        none has, or while some are still to be made (core/incontext.py): a ranking
        reads every item in context or none."""
        keys = self._context_keys
        if self.context_vectors is None or keys is None or not keys.any():
            return False, None
        vectors, found = self.context_vectors.lookup(keys)
        wanted = keys != 0
        multilingual = multilingual_keys(keys)
        if multilingual.any() and context.multilingual() is None:
            wanted &= ~multilingual  # (they keep their static nearness)
        self.context_waiting = int((wanted & ~found).sum())
        if self.context_waiting:
            log.info("%d of %d items are not read in context yet: meaning without "
                     "context until they are", self.context_waiting, int(wanted.sum()))
            return False, None
        return vectors, wanted

    def _variant_groups(self) -> Any:
        """The documents of translated items and the item each belongs to (numbered),
        with the number of items; None when no item is translated (read once)."""
        if self._groups is None:
            import numpy as np

            families = list(self.families().values())
            docs = [d for variants in families for d, _ in variants]
            group = [g for g, variants in enumerate(families) for _ in variants]
            self._groups = (np.array(docs, dtype=np.int64), np.array(group, dtype=np.int64),
                            len(families)) if families else ()
        return self._groups or None

    def _average_length(self, field: str) -> float:
        average = self._averages.get(field)
        if average is None:
            average = self._averages[field] = (
                self.reader.field_length(field) / self.doc_count) or 1.0
        return average

    def app_rules(self) -> dict[int, list[AppRule]]:
        """The ``apps:`` rules of every item that has some (read once per index)."""
        if self._app_rules is None:
            rules: dict[int, list[AppRule]] = {}
            for doc in self._docs("apps", "*"):
                if self.allowed is None or doc in self.allowed:
                    meta = self.searcher.stored_fields(doc)["meta"]
                    rules[doc] = [AppRule.from_json(r) for r in meta.get("apps", [])]
            self._app_rules = rules
        return self._app_rules

    def families(self) -> dict[str, list[tuple[int, str]]]:
        """The translated items: id → (document, language) of each variant, the
        original first (read once per index, from the translations' documents)."""
        if self._families is None:
            families: dict[str, list[tuple[int, str]]] = {}
            translations = {d for d in self._docs("variant", "1")
                            if self.allowed is None or d in self.allowed}
            for doc in sorted(translations):
                item_id = self.searcher.stored_fields(doc)["id"]
                if item_id in families:
                    continue
                docs = sorted((d for d in self._docs("id", item_id)
                               if self.allowed is None or d in self.allowed),
                              key=lambda d: (d in translations, d))
                families[item_id] = [(d, self.searcher.stored_fields(d).get("lang", ""))
                                     for d in docs]
                self.family_of.update(dict.fromkeys(docs, item_id))
            self._families = families
        return self._families

    def topic_docs(self, topic: str) -> list[int]:
        docs = self._docs("topics", topic.lower())
        return docs if self.allowed is None else [d for d in docs if d in self.allowed]

    def fields(self, doc: int) -> dict[str, Any]:
        """The stored fields of ``doc`` (a small LRU: not to be changed)."""
        found = self._fields.get(doc)
        if found is None:
            found = self._fields[doc] = self.searcher.stored_fields(doc)
            if len(self._fields) > self.CACHE_FIELDS:
                self._fields.popitem(last=False)
        else:
            self._fields.move_to_end(doc)
        return found

    def prior(self, doc: int) -> float:
        """A lift for central items: those whose name other items' code runs or that
        other items point to (the commands and guides everybody needs), from 1 (none)
        to 1 + PRIOR_WEIGHT (50 or more)."""
        if self._priors_read:
            return self._priors.get(doc, 1.0)
        value = self._priors.get(doc)
        if value is None:
            name = self.fields(doc)["id"].rsplit("/", 1)[-1]
            value = self._priors[doc] = _prior(self.mentions.get(name, 0))
        return value

    def _read_priors(self) -> None:
        """Every item's prior at once, from the index's ids (most items have none)."""
        for term in self.reader.lexicon("id"):
            item_id = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            mentioned = self.mentions.get(item_id.rsplit("/", 1)[-1], 0)
            if mentioned:
                for doc in self._docs("id", item_id):
                    self._priors[doc] = _prior(mentioned)
        self._priors_read = True

    def _docs(self, field: str, term: str) -> list[int]:
        docs: list[int] = self._posting_arrays(field, term, weights=False)[0].tolist()
        return docs


def _prior(mentioned: int) -> float:
    """The lift of an item that ``mentioned`` other items run or point to."""
    return 1 + PRIOR_WEIGHT * min(1.0, math.log1p(mentioned) / math.log1p(50))


def _largest(scores: dict[int, float], count: int) -> list[tuple[int, float]]:
    """The ``count`` best (document, score) pairs, best first (a common word's
    candidates are thousands: those are chosen in numpy)."""
    if len(scores) <= 4 * count:
        return heapq.nlargest(count, scores.items(), key=lambda kv: kv[1])
    import numpy as np

    docs = np.fromiter(scores.keys(), dtype=np.int64, count=len(scores))
    values = np.fromiter(scores.values(), dtype=np.float64, count=len(scores))
    top = np.argpartition(-values, count)[:count]
    top = top[np.argsort(-values[top], kind="stable")]
    return list(zip(docs[top].tolist(), values[top].tolist(), strict=True))


def _all_of(parts: list[tuple[Any, Any]], weight: float) -> tuple[Any, Any]:
    """The documents in every one of ``parts`` (documents, scores), with ``weight``
    times the sum of their scores."""
    import numpy as np

    docs, values = parts[0]
    values = values.copy()
    for other_docs, other_values in parts[1:]:
        docs, mine, theirs = np.intersect1d(docs, other_docs, assume_unique=True,
                                            return_indices=True)
        values = values[mine] + other_values[theirs]
    return docs, weight * values


def _block_arrays(matcher: Any, offset: int, *, weights: bool) -> tuple[Any, Any]:
    """A whole posting list a block at a time (Whoosh's W3 leaf matcher keeps each
    block's ids and weights in arrays), as an array of documents and one of weights
    (1 without ``weights``): many times faster than a Python call per posting. Only for
    segments without deletions; tests compare it with the public per-posting path."""
    import numpy as np

    ids: list[Any] = []
    found: list[Any] = []
    while matcher.is_active():
        matcher._read_ids()
        ids.append(np.array(matcher._ids, dtype=np.int64))
        if weights:
            matcher._read_weights()
            found.append(np.array(matcher._weights, dtype=np.float64))
        matcher._next_block()
    docs = np.concatenate(ids) + offset if ids else np.zeros(0, dtype=np.int64)
    values = np.concatenate(found) if found else np.ones(len(docs))
    return docs, values


def _shown(docs: list[tuple[int, str]], wanted: Sequence[str], matched: int | None) -> int:
    """Which variant of a translated item to show: the first of the user's languages
    it has (by base language too), else ``matched`` (the variant whose words a query
    found), else the original (listed first)."""
    chosen = languages.pick(wanted, [lang for _, lang in docs], default="")
    if chosen:
        return next(doc for doc, lang in docs if lang == chosen)
    return docs[0][0] if matched is None else matched


def _all_stored(searcher: Any) -> Iterable[dict[str, Any] | None]:
    """The stored fields of every document number, None for a deleted one."""
    reader = searcher.reader()
    for doc in range(searcher.doc_count_all()):
        yield None if reader.is_deleted(doc) else reader.stored_fields(doc)


@functools.lru_cache(maxsize=20_000)
def _title_terms(title: str, lang: str) -> frozenset[str]:
    """The terms of a title in its item's language, with its compounds' parts."""
    terms = set(stem_terms(title, lang))
    if lang in analysis.COMPOUND_LANGUAGES:
        terms.update(analysis.part_terms(title, lang))
    return frozenset(terms)


def _same_case(typed: str, replaced: Mapping[str, str]) -> str:
    """The correction of ``typed`` (itself when it has none), capitalised as typed
    ("Druker" → "Drucker")."""
    fix = replaced.get(typed.lower())
    if fix is None:
        return typed
    return fix[:1].upper() + fix[1:] if typed[:1].isupper() else fix


def _derived(word: _Word, scorer: _Scorer,
             alternatives: list[tuple[tuple[str, ...], float]]) -> list[str]:
    """The content's English words derived from ``word`` by a suffix the stemmer keeps
    ("owns" → owner, ownership; "execute" → executable): none for a word being typed
    (its completions do that) or of another language."""
    base = word.terms[0]
    if word.prefix or word.lang != analysis.DEFAULT or len(base) < 3:
        return []
    said = {term for terms, _ in alternatives for term in terms}
    return [term for term in scorer.derived(base) if term not in said]


def _translations(word: str, langs: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The English terms of ``word``'s translations ("Passwort" → password): only for a
    query likeliest read in a language with a gloss, on content with English items
    (whose words the query's own cannot meet), and not for stop words or negations."""
    source = langs[0]
    if (not TRANSLATION_WEIGHT or source not in gloss.LANGUAGES
            or analysis.DEFAULT not in langs or word in analysis.stop_words(source)
            or is_negation(word)):
        return ()
    found: list[tuple[str, ...]] = []
    for english in gloss.translations(word, source):
        terms = tuple(stem_terms(english, analysis.DEFAULT))
        if terms and terms not in found:
            found.append(terms)
    return tuple(found)


def _is_combined(term: str) -> bool:
    """Whether ``term`` names several forms ("a|b"), parts ("a+b") or a form of some
    languages only ("a@de"), not one index term (index terms are words: they hold none)."""
    return "|" in term or "+" in term or _IN in term


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _filler(word: str, lang: str) -> bool:
    """Whether ``word`` says nothing of a topic in ``lang``: a stop word or a question
    word ("how do I")."""
    return word in analysis.stop_words(lang) or word in (
        QUESTION_WORDS if lang == analysis.DEFAULT else
        OTHER_QUESTION_WORDS.get(lang, frozenset()))


def _named_os(words: list[_Word]) -> str | None:
    """The operating system the query names, if it names one."""
    return next((OS_WORDS[w.text] for w in words if w.text in OS_WORDS), None)


def _lift_titles(results: list[Hit], words: list[_Word],
                 language: Callable[[int], str] = lambda doc: analysis.DEFAULT,
                 synonyms_of: Callable[[str, str], list[str]] | None = None) -> None:
    """Lift each result by the share of the query's words its title holds (read in the
    item's language; a compound word counts when the title has all its parts). A title
    that only repeats the item's name (a command page "resize") is matched by the name
    bonus already; such an item's summary says what it does ("Resize images")."""
    wanted: dict[str, _Word] = {}
    for word in words:
        if word.weight >= 1.0:
            wanted.setdefault(word.terms[0], word)
    if not wanted:
        return
    # per word: its forms, its parts, its synonyms (each a set of terms all needed)
    checks = [(w, frozenset(w.parts),
               [frozenset(syn.split()) for t in w.terms for syn in synonyms_of(t, w.lang)]
               if TITLE_SYNONYM_SHARE and synonyms_of else [])
              for w in wanted.values()]
    forms_in: dict[tuple[int, str], frozenset[str]] = {}
    for result in results:
        said = result.title
        if normalize_name(said) == normalize_name(result.id.rsplit("/", 1)[-1]):
            said = result.summary if NAMED_TITLE_SUMMARY else ""
        lang = language(result.doc)
        title = _title_terms(said, lang)
        held = 0.0
        for n, (word, parts, synonyms) in enumerate(checks):
            forms = forms_in.get((n, lang))
            if forms is None:  # (the forms its language reads the word in)
                forms = forms_in[n, lang] = frozenset(word.forms_in(lang))
            if not forms.isdisjoint(title) or (parts and parts <= title) or (
                    TITLE_TRANSLATIONS and lang == analysis.DEFAULT
                    and any(set(terms) <= title for terms in word.translations)):
                held += 1
            elif any(syn <= title for syn in synonyms):
                held += TITLE_SYNONYM_SHARE
        result.score *= 1 + TITLE_WEIGHT * held / len(wanted)


def _checks_after_their_items(results: list[Hit], text: str) -> None:
    """A quiz that checks an item (``checks:``) comes right after that item when both
    are found: "freeze header row" asks how, and the guide answers it; the quiz, whose
    questions repeat the guide's words, is for after. A query that says a word of the
    quiz's own ("check", "quiz", a tag of it the item lacks) keeps the quiz's place.
    Sorted ``results`` are reordered in place."""
    asked = set(analysis.words(text.lower()))
    at = {r.id: i for i, r in enumerate(results)}
    for quiz in [r for r in results if r.meta.get("checks")]:
        guide = results[at[quiz.meta["checks"]]] if quiz.meta["checks"] in at else None
        if guide is None or results.index(guide) < results.index(quiz):
            continue
        own = set(analysis.words(" ".join([quiz.title, *quiz.meta.get("tags", ())]).lower()))
        if asked & (own - set(analysis.words(guide.title.lower()))):
            continue
        results.remove(quiz)
        results.insert(results.index(guide) + 1, quiz)
        quiz.score = min(quiz.score, guide.score)


def _term(field: str, text: str) -> Any:
    from whoosh.query import Term

    return Term(field, text)


class Vocabulary:
    """The words of the content (unstemmed) with how many items use each."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self._sorted: list[str] | None = None
        self._buckets: dict[tuple[str, int], list[str]] | None = None

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def completions(self, prefix: str, limit: int = 12) -> list[str]:
        """The most used words that start with ``prefix`` (itself excluded)."""
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        words = self._sorted
        i = bisect.bisect_left(words, prefix)
        found: list[str] = []
        while i < len(words) and words[i].startswith(prefix):
            if words[i] != prefix:
                found.append(words[i])
            i += 1
        found.sort(key=lambda w: (-self.counts[w], w))
        return found[:limit]

    def correction(self, word: str) -> list[str]:
        """Known words closest to ``word`` (distance 1, else 2 for words of 6+ letters),
        most used first. The first letter is trusted unless nothing else is found."""
        if self._buckets is None:
            buckets: dict[tuple[str, int], list[str]] = {}
            for w in self.counts:
                buckets.setdefault((w[0], len(w)), []).append(w)
            self._buckets = buckets
        maxdist = 1 if len(word) < 8 else 2
        letters = set(word)
        for dist in range(1, maxdist + 1):
            found = [w for n in range(len(word) - dist, len(word) + dist + 1)
                     for w in self._buckets.get((word[0], n), ())
                     if len(letters.symmetric_difference(w)) <= 2 * dist
                     and osa_distance(word, w, dist) <= dist]
            if found:
                return sorted(found, key=lambda w: (-self.counts[w], w))
        if len(word) >= 5:  # a typo in the first letter
            found = [w for (first, n), ws in self._buckets.items()
                     if first != word[0] and abs(n - len(word)) <= 1
                     for w in ws if len(letters.symmetric_difference(w)) <= 2
                     and osa_distance(word, w, 1) <= 1]
            return sorted(found, key=lambda w: (-self.counts[w], w))
        return []


def osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance (a transposition counts as one edit),
    returning ``limit + 1`` as soon as it is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        row_min = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]):
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[len(b)]


def _pairs(words: list[_Word]) -> list[tuple[str, float]]:
    """Adjacent query words as pair terms (``directori_tree``), with their weight."""
    return [(f"{a.terms[0]}_{b.terms[0]}", PAIR_WEIGHT * min(a.weight, b.weight))
            for a, b in itertools.pairwise(words) if a.terms[0] != b.terms[0]]


def _in_index(reader: Any, word: str, lang: str = analysis.DEFAULT) -> bool:
    """Whether any item still uses ``word`` (the vocabulary may remember removed items)."""
    terms = stem_terms(word, lang)
    return bool(terms) and reader.doc_frequency(CONTENT, terms[0]) > 0


def _locate(meta: dict[str, Any], terms: Iterable[str], lang: str = analysis.DEFAULT
            ) -> tuple[float | None, str]:
    """For a video: the first best-matching cue's start and text; else the best line
    (read in the item's language ``lang``)."""
    wanted = set(terms)

    compounds = lang in analysis.COMPOUND_LANGUAGES

    def overlap(text: str) -> int:
        found = stem_terms(text, lang)
        if compounds:
            found += analysis.part_terms(text, lang)
        return len(wanted.intersection(found))

    cues = meta.get("cues") or []
    if cues:
        best = max(cues, key=lambda c: (overlap(c[1]), -c[0]))
        if overlap(best[1]):
            return float(best[0]), best[1]
        chapters = meta.get("chapters") or []
        if chapters:
            chapter = max(chapters, key=lambda c: (overlap(c[1]), -c[0]))
            if overlap(chapter[1]):
                return float(chapter[0]), chapter[1]
    lines = [line for line in (meta.get("text") or "").split("\n") if line.strip()]
    summary = meta.get("summary") or ""
    if lines:
        best_line = max(lines, key=overlap)
        if overlap(best_line) > overlap(summary):
            return None, _clip(best_line)
    return None, _clip(summary or (lines[0] if lines else ""))


def _clip(text: str, width: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
