"""Why each ranking signal and weight is what it is: relevance with one thing changed.

    python benchmarks/ablation.py --tldr ../shared/corpora/tldr/pages \
        --queries ../shared/corpora/nl2bash-tldr/dev.jsonl [--rows 2000]
    python benchmarks/ablation.py --german ../shared/corpora/gnome-help-de/pages

Each row switches one signal off or moves one weight, on the first ``--rows``
development queries and on our own workplace-style set, and prints a Markdown table.
Rows that change field weights rebuild the index in a temporary folder.

With ``--german`` it measures the German analysis instead, on the German GNOME help
pages with our German development and held-out questions (searching as a German user):
the engine before it (everything read as English), each step added in turn, then the
shipped engine with one step taken out.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jitl_desktop.core import analysis as analysis_mod
from jitl_desktop.core import glossary as glossary_mod
from jitl_desktop.core import index as index_mod
from jitl_desktop.core import search as search_mod
from relevance import baseline_searcher, engine_searcher, evaluate, load_queries

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
    ("+ synonyms count in the title lift (as shipped)", {}),
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
]


def german(pages: Path) -> int:
    """The German table: dev and held-out figures for each step and variant."""
    dev = load_queries(DATA / "gnome-help-de-questions.jsonl", None)
    heldout = load_queries(DATA / "gnome-help-de-heldout.jsonl", None)
    work = Path(tempfile.mkdtemp(prefix="jitl-ablation-de-"))

    def figures(r: dict[str, float]) -> str:
        return f"{r['top1']:.3f} / {r['recall5']:.3f} / {r['mrr10']:.3f}"

    print("| variant | dev top-1 / recall@5 / MRR@10 | held-out top-1 / recall@5 / MRR@10 |")
    print("| --- | ---: | ---: |")
    try:
        plain = baseline_searcher(pages, work / "baseline")
        print(f"| plain BM25F | {figures(evaluate(dev, plain))} | "
              f"{figures(evaluate(heldout, plain))} |", flush=True)
        for n, (label, changes) in enumerate(GERMAN_STEPS):
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
                      f"{figures(evaluate(heldout, search))} |", flush=True)
                engine.close()
            finally:
                for (module, name), value in saved.items():
                    setattr(module, name, value)
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
    args = parser.parse_args(argv)
    if args.german:
        return german(args.german.resolve())
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
            saved = {name: getattr(search_mod, name) for name in constants}
            for name, value in constants.items():
                setattr(search_mod, name, value)
            index_mod.FIELD_WEIGHTS.update(field_weights)
            data_dir = work / ("fields-" + label.replace(" ", "-") if field_weights
                               else "shipped")
            search, engine = engine_searcher(tldr, data_dir, [], None)
            result = evaluate(queries, search)
            own = evaluate(workplace, search)
            engine.close()
            if field_weights:
                shutil.rmtree(data_dir, ignore_errors=True)
            print(f"| {label} | {result['top1']:.3f} | {result['mrr10']:.3f} | "
                  f"{result['macro_mrr10']:.3f} | {own['mrr10']:.3f} |", flush=True)
            for name, value in saved.items():
                setattr(search_mod, name, value)
            index_mod.FIELD_WEIGHTS.clear()
            index_mod.FIELD_WEIGHTS.update(shipped_fields)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
