"""Why each ranking signal and weight is what it is: relevance with one thing changed.

    python benchmarks/ablation.py --tldr ../shared/corpora/tldr/pages \
        --queries ../shared/corpora/nl2bash-tldr/dev.jsonl [--rows 2000]
    python benchmarks/ablation.py --german ../shared/corpora/gnome-help-de/pages
    python benchmarks/ablation.py --meaning ../shared/corpora \
        [--rows 2000]
    python benchmarks/ablation.py --languages ../shared/corpora
    python benchmarks/ablation.py --context ../shared/corpora
    python benchmarks/ablation.py --nothing ../shared/corpora
    python benchmarks/ablation.py --typing ../shared/corpora

Each row switches one signal off or moves one weight, on the first ``--rows``
development queries and on our own workplace-style set, and prints a Markdown table.
Rows that change field weights rebuild the index in a temporary folder.

With ``--german`` it measures the German analysis instead, on the German GNOME help
pages with our German development and held-out questions (searching as a German user):
the engine before it (everything read as English), each step added in turn, then the
shipped engine with one step taken out.

With ``--languages`` it measures content in two languages (GNOME help partly translated,
and in both languages as separate items) searched by German and English users.

With ``--meaning`` it measures meaning beyond the author's words (core/meaning.py) on
every set at once (English GNOME help, tldr workplace, NL2Bash, German GNOME help
development; the German held-out set is printed apart, read once) and the "nothing
answers" flag on the answered and unanswerable GNOME help questions. ``--context`` does
the same for meaning in context (core/context.py), with the second, harder sets too.
``--nothing`` prints only that flag's table, for the thresholds of "nothing answers" in
context. ``--typing`` counts how often that verdict, taken at every key of an answered
question typed a character at a time, would say "nothing answers" on the way (what the
search window showed before it waited for the question to settle).
"""

from __future__ import annotations

import argparse
import contextlib
import heapq
import itertools
import json
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from jitl_desktop.core import analysis as analysis_mod
from jitl_desktop.core import context as context_mod
from jitl_desktop.core import gloss as gloss_mod
from jitl_desktop.core import glossary as glossary_mod
from jitl_desktop.core import index as index_mod
from jitl_desktop.core import meaning as meaning_mod
from jitl_desktop.core import search as search_mod
from relevance import baseline_searcher, engine_searcher, evaluate, load_queries

# every variant asks the same questions: the models keep all their vectors (the model
# reads a question the same way whatever the variant changes)
context_mod.KEPT_QUESTIONS = 1 << 16

#: (label, search constants to set, field weights to set)
VARIANTS: list[tuple[str, dict[str, Any], dict[str, float]]] = [
    ("as shipped", {}, {}),
    ("no centrality prior (PRIOR_WEIGHT=0)", {"PRIOR_WEIGHT": 0.0}, {}),
    ("PRIOR_WEIGHT=0.6", {"PRIOR_WEIGHT": 0.6}, {}),
    ("PRIOR_WEIGHT=2.0", {"PRIOR_WEIGHT": 2.0}, {}),
    ("no word-pair matching (PAIR_WEIGHT=0)", {"PAIR_WEIGHT": 0.0}, {}),
    ("PAIR_WEIGHT=1.0", {"PAIR_WEIGHT": 1.0}, {}),
    ("no name bonus (NAME_WORD_WEIGHT=0)", {"NAME_WORD_WEIGHT": 0.0}, {}),
    ("name bonus for every word (SHORT_QUERY=99)", {"SHORT_QUERY": 99}, {}),
    ("no synonyms (SYNONYM_WEIGHT=0)", {"SYNONYM_WEIGHT": 0.0}, {}),
    ("SYNONYM_WEIGHT=0.6", {"SYNONYM_WEIGHT": 0.6}, {}),
    ("quoted/path words at full weight", {"QUOTED_WEIGHT": 1.0}, {}),
    ("BM25 K1=1.2 B=0.75 (textbook)", {"K1": 1.2, "B": 0.75}, {}),
    ("title weight 1 (all parts equal)", {}, {"title": 1.0, "tags": 1.0, "summary": 1.0,
                                               "headings": 1.0}),
    ("title weight 6", {}, {"title": 6.0}),
    ("headings weight 3", {}, {"headings": 3.0}),
    ("code weight 0.5", {}, {"code": 0.5}),
]


DATA = Path(__file__).parent / "data"

#: German steps: (label, module → {name: value}) from the engine before (all English)
ENGLISH_ONLY: dict[Any, dict[str, Any]] = {
    analysis_mod: {"language_of": lambda tag: "en", "COMPOUND_LANGUAGES": frozenset()},
    glossary_mod: {"LANGUAGE_GLOSSARIES": ()},
    search_mod: {"UNUSED_SYNONYM_WEIGHT": search_mod.SYNONYM_WEIGHT,
                 "TITLE_SYNONYM_SHARE": 0.0, "OTHER_QUESTION_WORDS": {}},
}
#: German read without the multilingual model (core/context.py), as before it: through
#: its English gloss, its meaning at weight 1.0, no passage ranking
NO_MULTILINGUAL: dict[Any, dict[str, Any]] = {
    context_mod: {"READERS": (context_mod.ENGLISH,)},
    search_mod: {"MEANING_WEIGHTS": {"de": 1.0}, "PASSAGE_WEIGHTS": {"en": 1.5}},
}


def _before_multilingual(changes: dict[Any, dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    """``changes`` with the multilingual model left out (the steps that came before)."""
    return {module: {**NO_MULTILINGUAL.get(module, {}), **changes.get(module, {})}
            for module in {*NO_MULTILINGUAL, *changes}}


GERMAN_STEPS: list[tuple[str, dict[Any, dict[str, Any]]]] = [
    ("English analyzer (the engine before)", ENGLISH_ONLY),
    ("+ German stems, stop words, accents folded", {
        analysis_mod: {"COMPOUND_LANGUAGES": frozenset()},
        glossary_mod: {"LANGUAGE_GLOSSARIES": ()},
        search_mod: {"UNUSED_SYNONYM_WEIGHT": search_mod.SYNONYM_WEIGHT,
                     "TITLE_SYNONYM_SHARE": 0.0, "OTHER_QUESTION_WORDS": {}}}),
    ("+ German filler words (\"geht\", \"immer\", \"verwenden\")", {
        analysis_mod: {"COMPOUND_LANGUAGES": frozenset()},
        glossary_mod: {"LANGUAGE_GLOSSARIES": ()},
        search_mod: {"UNUSED_SYNONYM_WEIGHT": search_mod.SYNONYM_WEIGHT,
                     "TITLE_SYNONYM_SHARE": 0.0}}),
    ("+ compounds split (word list and the content's words)", {
        glossary_mod: {"LANGUAGE_GLOSSARIES": ()},
        search_mod: {"UNUSED_SYNONYM_WEIGHT": search_mod.SYNONYM_WEIGHT,
                     "TITLE_SYNONYM_SHARE": 0.0}}),
    ("+ German everyday-word glossary", {
        search_mod: {"UNUSED_SYNONYM_WEIGHT": search_mod.SYNONYM_WEIGHT,
                     "TITLE_SYNONYM_SHARE": 0.0}}),
    ("+ synonyms of a word no item uses at full weight", {
        search_mod: {"TITLE_SYNONYM_SHARE": 0.0}}),
    ("+ synonyms count in the title lift (before the multilingual model)", {}),
    ("+ German read in context by the multilingual model (meaning weight 1.0)",
     {search_mod: {"MEANING_WEIGHTS": {"de": 1.0}, "PASSAGE_WEIGHTS": {"en": 1.5}}}),
    ("+ its meaning weight 1.5", {search_mod: {"PASSAGE_WEIGHTS": {"en": 1.5}}}),
    ("+ German passages rank the first results, weight 3.5 (as shipped)", {}),
    ("without compounds", {analysis_mod: {"COMPOUND_LANGUAGES": frozenset()}}),
    ("a light German stemmer (inflection endings only) instead of Snowball",
     {analysis_mod: {"LIGHT_STEMMING": frozenset(["de"])}}),
    ("compound parts add to the word (COMPOUND_ADDS), weight 0.5",
     {search_mod: {"COMPOUND_ADDS": True, "COMPOUND_WEIGHT": 0.5}}),
    ("compound parts weigh 0.5 (COMPOUND_WEIGHT)", {search_mod: {"COMPOUND_WEIGHT": 0.5}}),
    ("compound parts weigh 1.0 in the index (COMPOUND_PART_WEIGHT)",
     {index_mod: {"COMPOUND_PART_WEIGHT": 1.0}}),
    ("listed words split too (KEEP_LISTED off)", {analysis_mod: {"KEEP_LISTED": 10**9}}),
    ("every listed word kept whole (KEEP_LISTED=0)", {analysis_mod: {"KEEP_LISTED": 0}}),
    ("without the German glossary", {glossary_mod: {"LANGUAGE_GLOSSARIES": ()}}),
    ("UNUSED_SYNONYM_WEIGHT=0.6", {search_mod: {"UNUSED_SYNONYM_WEIGHT": 0.6}}),
    ("TITLE_SYNONYM_SHARE=0.5", {search_mod: {"TITLE_SYNONYM_SHARE": 0.5}}),
    ("SYNONYM_WEIGHT=0.5", {search_mod: {"SYNONYM_WEIGHT": 0.5}}),
    ("misspelled compounds not mended (COMPOUND_TYPOS off)",
     {search_mod: {"COMPOUND_TYPOS": False}}),
    ("German passages at 2.5 (3.5)", {search_mod: {"PASSAGE_WEIGHTS": {"en": 1.5, "de": 2.5}}}),
    ("German passages at 5.0", {search_mod: {"PASSAGE_WEIGHTS": {"en": 1.5, "de": 5.0}}}),
    ("German meaning weight 2.0 (1.5)", {search_mod: {"MEANING_WEIGHTS": {"de": 2.0}}}),
]


def german(pages: Path) -> int:
    """The German table: dev, second dev and held-out figures for each step and
    variant."""
    dev = load_queries(DATA / "gnome-help-de-questions.jsonl", None)
    dev2 = load_queries(DATA / "gnome-help-de-questions-2.jsonl", None)
    heldout = load_queries(DATA / "gnome-help-de-heldout.jsonl", None)
    work = Path(tempfile.mkdtemp(prefix="jitl-ablation-de-"))

    def figures(r: dict[str, float]) -> str:
        return f"{r['top1']:.3f} / {r['recall5']:.3f} / {r['mrr10']:.3f}"

    print("| variant | dev top-1 / recall@5 / MRR@10 | second dev set | held-out set |")
    print("| --- | ---: | ---: | ---: |")
    try:
        plain = baseline_searcher(pages, work / "baseline")
        print(f"| plain BM25F | {figures(evaluate(dev, plain))} | "
              f"{figures(evaluate(dev2, plain))} | {figures(evaluate(heldout, plain))} |",
              flush=True)
        before = next(n for n, (label, _) in enumerate(GERMAN_STEPS)
                      if "multilingual model" in label)
        for n, (label, step) in enumerate(GERMAN_STEPS):
            changes = _before_multilingual(step) if n <= before else step
            saved = {(m, k): getattr(m, k) for m, values in changes.items() for k in values}
            for (module, name), _ in saved.items():
                setattr(module, name, changes[module][name])
            # titles and words are read again in each variant
            search_mod._title_terms.cache_clear()
            analysis_mod.stem.cache_clear()
            analysis_mod._STEMS.clear()
            analysis_mod._stemmer.cache_clear()
            try:
                search, engine = engine_searcher(pages, work / str(n), [], None, lang="de")
                print(f"| {label} | {figures(evaluate(dev, search))} | "
                      f"{figures(evaluate(dev2, search))} | "
                      f"{figures(evaluate(heldout, search))} |", flush=True)
                engine.close()
            finally:
                for (module, name), value in saved.items():
                    setattr(module, name, value)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


#: (label, search constants to set) for --meaning
MEANING_VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("as shipped", {}),
    ("words only (no meaning model)", {"MEANING_WEIGHT": 0.0, "MEANING_WEIGHTS": {}}),
    ("meaning weight 1 (German 1)", {"MEANING_WEIGHT": 1.0, "MEANING_WEIGHTS": {"de": 1.0}}),
    ("meaning weight 3 (German 2)", {"MEANING_WEIGHT": 3.0, "MEANING_WEIGHTS": {"de": 2.0}}),
    ("German at the English weight (2)", {"MEANING_WEIGHTS": {}}),
    ("meaning re-ranks only (no candidates of its own)", {"MEANING_CANDIDATES": 0}),
    ("long queries at the full meaning weight", {"LONG_MEANING_SHARE": 1.0}),
    ("title lift 1.0 (before meaning)", {"TITLE_WEIGHT": 1.0}),
]


@contextlib.contextmanager
def search_constants(constants: dict[str, Any]) -> Iterator[None]:
    """The search module's ``constants`` set to these values, and back after."""
    saved = {name: getattr(search_mod, name) for name in constants}
    for name, value in constants.items():
        setattr(search_mod, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(search_mod, name, value)


#: (label, search constants to set) for --context
NOTHING_VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("as shipped (with the nearest passage: English nearness 0.5 and the passage 1.0, "
     "under 1.08; German 1.0 and 1.5, under 1.34)", {}),
    ("without the passages (before: English nearness 1.0, under 0.84; German 1.25, under "
     "0.70)", {"NO_MATCH_WITH_PASSAGE": {}}),
    ("English: nearness 0.75, the passage 1.5, under 1.48",
     {"NO_MATCH_WITH_PASSAGE": {"en": (0.75, 1.5, 1.48), "de": (1.0, 1.5, 1.34)}}),
    ("English: nearness 0.75, the passage 1.0, under 1.22",
     {"NO_MATCH_WITH_PASSAGE": {"en": (0.75, 1.0, 1.22), "de": (1.0, 1.5, 1.34)}}),
    ("German: nearness 1.0, the passage 2.0, under 1.52",
     {"NO_MATCH_WITH_PASSAGE": {"en": (0.5, 1.0, 1.08), "de": (1.0, 2.0, 1.52)}}),
    ("German: nearness 0.75, the passage 1.5, under 1.24",
     {"NO_MATCH_WITH_PASSAGE": {"en": (0.5, 1.0, 1.08), "de": (0.75, 1.5, 1.24)}}),
]

CONTEXT_VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("as shipped", {}),
    ("without the context model (WordLlama alone)", {"CONTEXT_SHARE": 0.0}),
    ("context share 0.5 (0.6)", {"CONTEXT_SHARE": 0.5}),
    ("context share 0.7", {"CONTEXT_SHARE": 0.7}),
    ("context scale 1.25 (1.5)", {"CONTEXT_SCALE": 1.25}),
    ("context scale 1.75", {"CONTEXT_SCALE": 1.75}),
]


def meaning(corpora: Path, rows: int) -> int:
    """The meaning table (see the module's docstring)."""
    return _sets_table(corpora, rows, MEANING_VARIANTS, harder=False)


def context(corpora: Path, rows: int) -> int:
    """The context table (see the module's docstring)."""
    return _sets_table(corpora, rows, CONTEXT_VARIANTS, harder=True)


def _sets_table(corpora: Path, rows: int, variants: list[tuple[str, dict[str, Any]]], *,
                harder: bool) -> int:
    """Every development set (with ``harder``, the second sets too) under each of
    ``variants``, then the "nothing answers" flag under the first two of them."""
    gnome, tldr = corpora / "gnome-help" / "pages", corpora / "tldr" / "pages"
    sets = [  # (name, pages, queries, language)
        ("GNOME help", gnome, load_queries(DATA / "gnome-help-questions.jsonl", None), None),
        ("tldr workplace", tldr, load_queries(DATA / "workplace-queries.jsonl", None), None),
        ("NL2Bash", tldr, load_queries(corpora / "nl2bash-tldr" / "dev.jsonl", rows), None),
        ("German GNOME help", corpora / "gnome-help-de" / "pages",
         load_queries(DATA / "gnome-help-de-questions.jsonl", None), "de"),
    ]
    if harder:
        sets[1:1] = [("GNOME help 2", gnome,
                      load_queries(DATA / "gnome-help-questions-2.jsonl", None), None)]
        sets[3:3] = [("tldr workplace 2", tldr,
                      load_queries(DATA / "workplace-queries-2.jsonl", None), None)]
    nl2bash = next(queries for name, _, queries, _ in sets if name == "NL2Bash")
    heldout = load_queries(DATA / "gnome-help-de-heldout.jsonl", None)
    work = Path(tempfile.mkdtemp(prefix="jitl-ablation-meaning-"))

    def figures(r: dict[str, float]) -> str:
        return f"{r['top1']:.3f} / {r['recall5']:.3f} / {r['mrr10']:.3f}"

    print("| variant | " + " | ".join(name for name, *_ in sets) + " | German held-out | "
          "NL2Bash macro MRR@10 |")
    print("| --- |" + " ---: |" * (len(sets) + 2))
    try:
        for label, constants in variants:
            cells, macro = [], ""
            with search_constants(constants):
                for _name, pages, queries, lang in sets:
                    search, engine = engine_searcher(pages, work / pages.parent.name, [],
                                                     None, lang=lang)
                    result = evaluate(queries, search)
                    cells.append(figures(result))
                    if queries is nl2bash:
                        macro = f"{result['macro_mrr10']:.4f}"
                    if lang == "de":
                        cells.append(figures(evaluate(heldout, search)))
                    engine.close()
            print(f"| {label} | " + " | ".join(cells) + f" | {macro} |", flush=True)
        print()
        _flag_table(gnome, sets[-1][1], work, [*variants[:2], *(
            [] if harder else [("no rule for an application no item mentions",
                                {"UNKNOWN_APP": False})])], harder=harder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _flag_table(gnome: Path, german: Path, work: Path,
                variants: list[tuple[str, dict[str, Any]]], *, harder: bool) -> None:
    """Answered and unanswerable questions flagged "nothing answers" (with ``harder``,
    also the answered questions of the second sets)."""
    second = " · second set" if harder else ""
    print(f"| \"nothing answers\" | GNOME help: answered flagged{second} / unanswerable "
          "flagged (first set · second, held-out set) | German: the same |")
    print("| --- | ---: | ---: |")
    for label, constants in variants:
        cells = []
        with search_constants(constants):
            for pages, asked, again, unanswerable, lang in (
                    (gnome, "gnome-help-questions", "gnome-help-questions-2",
                     "gnome-help-unanswerable", None),
                    (german, "gnome-help-de-questions", "gnome-help-de-questions-2",
                     "gnome-help-de-unanswerable", "de")):
                _, engine = engine_searcher(pages, work / pages.parent.name, [], None,
                                            lang=lang)
                cells.append(_flag_rates(engine, DATA / f"{asked}.jsonl",
                                         [DATA / f"{unanswerable}.jsonl",
                                          DATA / f"{unanswerable}-2.jsonl"],
                                         DATA / f"{again}.jsonl" if harder else None))
                engine.close()
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)


def _flag_rates(engine: Any, asked: Path, unanswerable: list[Path],
                again: Path | None = None) -> str:
    """The share of answered questions (an answer in the top 5) flagged "nothing
    answers" (of ``asked``, and of ``again``), and of the unanswerable ones of each
    set."""
    def answered_flagged(path: Path) -> str:
        answered = flagged = 0
        for row in load_queries(path, None):
            response = engine.search(row["query"], limit=5, typing=False, settled=True)
            if set(row["acceptable_answers"]) & {r.id for r in response.results}:
                answered += 1
                flagged += response.no_good_match
        return f"{flagged / max(answered, 1):.1%}"

    shares = []
    for path in unanswerable:
        outside = [engine.search(json.loads(line)["query"], typing=False,
                                 settled=True).no_good_match
                   for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        shares.append(f"{sum(outside) / len(outside):.1%}")
    asked_share = answered_flagged(asked) + (
        f" · {answered_flagged(again)}" if again is not None else "")
    return f"{asked_share} / {' · '.join(shares)}"


@contextlib.contextmanager
def term_feedback(docs: int, terms: int, share: float) -> Iterator[None]:
    """Classic pseudo-relevance feedback (RM3): after the words' own scoring, the
    ``terms`` words most typical of the first ``docs`` items (each item's term
    frequencies weighted by its score) are searched too, at ``share`` of a typed
    word's weight (the most typical; the others by their weight), and their scores
    added to the candidates the query found. Measured only; not in the engine."""
    original = search_mod.SearchEngine._text_scores

    def with_feedback(self: Any, scorer: Any, words: list[Any], text: str
                      ) -> dict[int, float]:
        scores: dict[int, float] = original(self, scorer, words, text)
        first = heapq.nlargest(docs, ((d, s) for d, s in scores.items()
                                      if s < search_mod.EXACT_BONUS), key=lambda kv: kv[1])
        said = {form for word in words for form in word.forms}
        typical: dict[str, float] = {}
        for doc, score in first:
            stored = scorer.fields(doc)
            text_ = " ".join([stored["title"], stored["meta"].get("summary", ""),
                              stored["meta"].get("text", "")])
            found = Counter(t for t in analysis_mod.terms(text_, scorer.doc_language(doc))
                            if t not in said and len(t) > 2)
            total = sum(found.values()) or 1
            for term, count in found.items():
                typical[term] = typical.get(term, 0.0) + count / total * score
        if not typical:
            return scores
        chosen = heapq.nlargest(terms, typical.items(), key=lambda kv: kv[1])
        top = chosen[0][1]
        extra = scorer.score([search_mod._Clause(term, [((term,), share * weight / top)])
                              for term, weight in chosen], exact="")
        for doc, value in extra.items():
            if doc in scores:
                scores[doc] += value
        return scores

    search_mod.SearchEngine._text_scores = with_feedback  # type: ignore[method-assign]
    try:
        yield
    finally:
        search_mod.SearchEngine._text_scores = original  # type: ignore[method-assign]


#: (label, module → constants to set, a patch around the searches or None, whether the
#: change reaches German only (English rows are then unchanged by construction),
#: whether it changes what the index holds)
LEVER_VARIANTS: list[tuple[str, dict[Any, dict[str, Any]], Any, bool, bool]] = [
    ("as shipped", {}, None, False, False),
    ("German meaning without the English gloss (German weight 1.5, as before)",
     {gloss_mod: {"LANGUAGES": {}}, search_mod: {"MEANING_WEIGHTS": {"de": 1.5}}},
     None, True, True),
    ("the gloss, German meaning weight 1.5", {search_mod: {"MEANING_WEIGHTS": {"de": 1.5}}},
     None, True, False),
    ("the gloss at half the text's weight (GLOSS_SHARE=0.5)",
     {meaning_mod: {"GLOSS_SHARE": 0.5}}, None, True, True),
    ("an item's meaning from its title and summary only (BODY_SHARE=0)",
     {meaning_mod: {"BODY_SHARE": 0.0}}, None, False, True),
    ("its body at the weight of its title and summary (BODY_SHARE=1)",
     {meaning_mod: {"BODY_SHARE": 1.0}}, None, False, True),
    ("no subcommand named by a later word (SUBCOMMAND_WORD_WEIGHT=0)",
     {search_mod: {"SUBCOMMAND_WORD_WEIGHT": 0.0}}, None, False, False),
    ("the leading word's item not as central as a later word's (LEADING_NAME_PRIOR "
     "off)", {search_mod: {"LEADING_NAME_PRIOR": False}}, None, False, False),
    ("named-OS lift 1.15 (as before)", {search_mod: {"NAMED_OS_FACTOR": 1.15}}, None,
     False, False),
    ("RM3: 10 words of the first 3 items at 0.3", {}, lambda: term_feedback(3, 10, 0.3),
     False, False),
    ("RM3: 5 words of the first 3 items at 0.2", {}, lambda: term_feedback(3, 5, 0.2),
     False, False),
]


def levers(corpora: Path, rows: int) -> int:
    """Every development set, with the levers measured in "German meaning through an
    English gloss" (RESULTS.md) changed one at a time; the German held-out set is read
    once per row, never to choose."""
    english = [
        ("GNOME help", corpora / "gnome-help" / "pages", "gnome-help-questions.jsonl", None),
        ("GNOME help 2", corpora / "gnome-help" / "pages", "gnome-help-questions-2.jsonl",
         None),
        ("tldr workplace", corpora / "tldr" / "pages", "workplace-queries.jsonl", None),
        ("tldr workplace 2", corpora / "tldr" / "pages", "workplace-queries-2.jsonl", None),
        ("NL2Bash", corpora / "tldr" / "pages", str(corpora / "nl2bash-tldr" / "dev.jsonl"),
         None),
    ]
    german = [
        ("German", corpora / "gnome-help-de" / "pages", "gnome-help-de-questions.jsonl", "de"),
        ("German 2", corpora / "gnome-help-de" / "pages", "gnome-help-de-questions-2.jsonl",
         "de"),
        ("German held-out", corpora / "gnome-help-de" / "pages",
         "gnome-help-de-heldout.jsonl", "de"),
    ]
    work = Path(tempfile.mkdtemp(prefix="jitl-ablation-levers-"))
    sets = english + german
    print("| variant | " + " | ".join(name for name, *_ in sets) + " |")
    print("| --- |" + " ---: |" * len(sets))
    try:
        for variant, (label, constants, patch, german_only, reindex) in enumerate(
                LEVER_VARIANTS):
            saved = [(module, name, getattr(module, name))
                     for module, values in constants.items() for name in values]
            for module, values in constants.items():
                for name, value in values.items():
                    setattr(module, name, value)
            cells = []
            try:
                with patch() if patch is not None else contextlib.nullcontext():
                    for _name, pages, queries, lang in sets:
                        if german_only and lang is None:
                            cells.append("=")
                            continue
                        folder = pages.parent.name + (f"-{variant}" if reindex else "")
                        search, engine = engine_searcher(pages, work / folder, [], None,
                                                         lang=lang)
                        r = evaluate(load_queries(DATA / queries, rows), search)
                        cells.append(f"{r['top1']:.3f} / {r['recall5']:.3f} / "
                                     f"{r['mrr10']:.3f}")
                        engine.close()
            finally:
                for module, name, value in saved:
                    setattr(module, name, value)
            print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


#: (label, search constants to set) for --languages
LANGUAGE_VARIANTS: list[tuple[str, dict[str, Any]]] = [
    ("as shipped", {}),
    ("a form one language reads matches every item", {"LANGUAGE_FORMS": False}),
    ("no English translations", {"TRANSLATION_WEIGHT": 0.0}),
    ("translations at the word's full weight", {"TRANSLATION_WEIGHT": 1.0}),
    ("translations not counted in titles", {"TITLE_TRANSLATIONS": False}),
]


def partly_translated(english: Path, german: Path, into: Path) -> Path:
    """GNOME help as a partly translated content: every other page in German (in the
    order of their paths), the others in English where there is an English page."""
    for n, page in enumerate(sorted(german.rglob("*.md"))):
        path = page.relative_to(german)
        source = english / path if n % 2 and (english / path).is_file() else page
        (into / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, into / path)
    return into


def languages(corpora: Path) -> int:
    """Content in two languages, searched by German questions as a German user: GNOME
    help partly translated, and every page in both languages as separate items (the
    German page is the answer); the English questions on the latter as an English
    user."""
    english, german = corpora / "gnome-help" / "pages", corpora / "gnome-help-de" / "pages"
    sets = [(name, load_queries(DATA / f"{name}.jsonl", None))
            for name in ("gnome-help-de-questions", "gnome-help-de-questions-2",
                         "gnome-help-de-heldout")]
    asked_in_english = load_queries(DATA / "gnome-help-questions.jsonl", None)
    work = Path(tempfile.mkdtemp(prefix="jitl-ablation-languages-"))

    def figures(r: dict[str, float]) -> str:
        return f"{r['top1']:.3f} / {r['recall5']:.3f} / {r['mrr10']:.3f}"

    print("| variant | partly translated: German dev / 2 / held-out | both languages: German "
          "dev / 2 / held-out | both: English |")
    print("| --- | --- | --- | ---: |")
    try:
        partly = partly_translated(english, german, work / "partly" / "pages")
        for label, constants in LANGUAGE_VARIANTS:
            cells = []
            with search_constants(constants):
                for n, (first, extra) in enumerate([(partly, []), (german, [english])]):
                    search, engine = engine_searcher(first, work / f"ix{n}", extra, None,
                                                     lang="de")
                    engine.languages = ["de"]
                    cells.append(" · ".join(figures(evaluate(rows, search))
                                            for _, rows in sets))
                    engine.close()
                search, engine = engine_searcher(english, work / "ix-en", [german], None)
                engine.languages = ["en"]
                cells.append(figures(evaluate(asked_in_english, search)))
                engine.close()
            print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def typing(corpora: Path) -> int:
    """The verdict at each key of the answered development questions (answer in the top
    5 once typed): how many would have seen "nothing answers" come and go on the way."""
    work = Path(tempfile.mkdtemp(prefix="jitl-ablation-typing-"))
    print('| set | answered | "nothing answers" said on the way | its comings and goings '
          "per question | said as typed, taken back once settled |")
    print("| --- | ---: | ---: | ---: | ---: |")
    try:
        for pages, lang, names in (
                (corpora / "gnome-help" / "pages", None,
                 ["gnome-help-questions", "gnome-help-questions-2"]),
                (corpora / "gnome-help-de" / "pages", "de",
                 ["gnome-help-de-questions", "gnome-help-de-questions-2"])):
            _, engine = engine_searcher(pages, work / pages.parent.name, [], None, lang=lang)
            for name in names:
                answered = said = changes = taken_back = 0
                for row in load_queries(DATA / f"{name}.jsonl", None):
                    text = row["query"]
                    typed = engine.search(text, limit=5, typing=False)
                    if not set(row["acceptable_answers"]) & {r.id for r in typed.results}:
                        continue
                    answered += 1
                    verdicts = [bool(r.results) and r.no_good_match for r in (
                        engine.search(text[:n], limit=5, typing=n < len(text))
                        for n in range(2, len(text) + 1) if text[n - 1] != " ")]
                    said += any(verdicts)
                    changes += sum(a != b for a, b in itertools.pairwise(verdicts))
                    taken_back += typed.no_good_match and not engine.search(
                        text, limit=5, settled=True).no_good_match
                shown = max(answered, 1)
                print(f"| {name} | {answered} | {said / shown:.1%} | "
                      f"{changes / shown:.2f} | {taken_back / shown:.1%} |", flush=True)
            engine.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tldr", type=Path)
    parser.add_argument("--queries", type=Path)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--workplace", type=Path,
                        default=Path(__file__).parent / "data" / "workplace-queries.jsonl")
    parser.add_argument("--german", type=Path, metavar="PAGES",
                        help="the German GNOME help pages: measure the German analysis")
    parser.add_argument("--meaning", type=Path, metavar="CORPORA",
                        help="the shared corpora folder: measure meaning on every set")
    parser.add_argument("--context", type=Path, metavar="CORPORA",
                        help="the shared corpora folder: measure meaning in context on "
                             "every set, the second sets too")
    parser.add_argument("--nothing", type=Path, metavar="CORPORA",
                        help='the "nothing answers" thresholds in context')
    parser.add_argument("--typing", type=Path, metavar="CORPORA",
                        help='the "nothing answers" verdict at each key of a question')
    parser.add_argument("--levers", type=Path, metavar="CORPORA",
                        help="the shared corpora folder: the English gloss and RM3 on "
                             "every development set")
    parser.add_argument("--languages", type=Path, metavar="CORPORA",
                        help="the shared corpora folder: content in English and German")
    args = parser.parse_args(argv)
    if args.languages:
        return languages(args.languages.resolve())
    if args.typing:
        return typing(args.typing.resolve())
    if args.levers:
        return levers(args.levers.resolve(), args.rows)
    if args.german:
        return german(args.german.resolve())
    if args.meaning:
        return meaning(args.meaning.resolve(), args.rows)
    if args.context:
        return context(args.context.resolve(), args.rows)
    if args.nothing:
        corpora = args.nothing.resolve()
        work = Path(tempfile.mkdtemp(prefix="jitl-ablation-nothing-"))
        try:
            _flag_table(corpora / "gnome-help" / "pages", corpora / "gnome-help-de" / "pages",
                        work, NOTHING_VARIANTS, harder=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    if args.tldr is None or args.queries is None:
        parser.error("--tldr and --queries are needed (or --german)")
    queries = load_queries(args.queries, args.rows)
    workplace = load_queries(args.workplace, None)
    tldr = args.tldr.resolve()
    work = Path(tempfile.mkdtemp(prefix="jitl-ablation-"))
    shipped_fields = dict(index_mod.FIELD_WEIGHTS)
    print("| variant | NL2Bash top-1 | NL2Bash MRR@10 | NL2Bash macro MRR@10 | "
          "workplace MRR@10 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    try:
        for label, constants, field_weights in VARIANTS:
            index_mod.FIELD_WEIGHTS.update(field_weights)
            data_dir = work / ("fields-" + label.replace(" ", "-") if field_weights
                               else "shipped")
            with search_constants(constants):
                search, engine = engine_searcher(tldr, data_dir, [], None)
                result = evaluate(queries, search)
                own = evaluate(workplace, search)
                engine.close()
            if field_weights:
                shutil.rmtree(data_dir, ignore_errors=True)
            print(f"| {label} | {result['top1']:.3f} | {result['mrr10']:.3f} | "
                  f"{result['macro_mrr10']:.3f} | {own['mrr10']:.3f} |", flush=True)
            index_mod.FIELD_WEIGHTS.clear()
            index_mod.FIELD_WEIGHTS.update(shipped_fields)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
