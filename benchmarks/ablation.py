"""Why each ranking signal and weight is what it is: relevance with one thing changed.

    python benchmarks/ablation.py --tldr ../shared/corpora/tldr/pages \
        --queries ../shared/corpora/nl2bash-tldr/dev.jsonl [--rows 2000]

Each row switches one signal off or moves one weight, on the first ``--rows``
development queries and on our own workplace-style set, and prints a Markdown table.
Rows that change field weights rebuild the index in a temporary folder.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jitl_desktop.core import index as index_mod
from jitl_desktop.core import search as search_mod
from relevance import engine_searcher, evaluate, load_queries

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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tldr", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--workplace", type=Path,
                        default=Path(__file__).parent / "data" / "workplace-queries.jsonl")
    args = parser.parse_args(argv)
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
