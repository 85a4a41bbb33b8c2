"""Search that learns from colleagues, by simulation.

    python benchmarks/learned.py --tldr ../shared/corpora/tldr/pages \
        --queries ../shared/corpora/nl2bash-tldr/dev.jsonl

NL2Bash development rows 2,001–7,311 stand for colleagues' successful searches: each
row is searched by ``--people`` pseudonymous people who open its answer page and stay.
Those searches are made into xAPI statements as the app sends them, read by the
insights code (``Tally``, ``learned_pairs`` with ``--min-people``) into the learned
pairs ``insights --learned`` writes, and given to the engine. Relevance is then measured
on rows 1–2,000 and on the workplace set, without and with the learned pairs, and with
pairs learned from a log where a third of the choices are wrong (a random answer page
of the learning rows). The ablation varies the lift's bound and the similarity needed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jitl_desktop.core import learned as learned_mod
from jitl_desktop.core.glossary import glossary_files
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.insights.report import learned_pairs
from jitl_desktop.core.insights.tally import Tally
from jitl_desktop.core.learned import Choice, LearnedChoices
from jitl_desktop.core.search import SearchEngine
from relevance import evaluate, load_queries

BASE = "https://lrs.example.org/jitl/"
WORKPLACE = Path(__file__).parent / "data" / "workplace-queries.jsonl"


def statements(rows: Sequence[dict[str, Any]], people: int, wrong: float,
               seed: int = 11) -> list[dict[str, Any]]:
    """What the app would send for each learning row: ``people`` searches that chose
    the row's answer (or, for a share ``wrong`` of the rows, another page) and a view."""
    rng = random.Random(seed)
    pages = sorted({r["answer"] for r in rows})
    made = []
    for n, row in enumerate(rows):
        chosen = row["answer"]
        if rng.random() < wrong:
            chosen = rng.choice([p for p in pages if p != row["answer"]] or pages)
        for p in range(people):
            actor = {"objectType": "Agent",
                     "account": {"homePage": BASE, "name": f"person-{n}-{p}"}}
            made.append({"actor": actor, "timestamp": "2026-11-02T10:00:00+00:00",
                         "verb": {"id": "https://w3id.org/xapi/acrossx/verbs/searched"},
                         "object": {"id": BASE + "search"},
                         "result": {"extensions": {
                             BASE + "extensions/query": row["query"],
                             BASE + "extensions/results": 10,
                             BASE + "extensions/no-good-match": False,
                             BASE + "extensions/chosen": BASE + "items/" + chosen}}})
            made.append({"actor": actor, "timestamp": "2026-11-02T10:00:05+00:00",
                         "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
                         "object": {"id": BASE + "items/" + chosen},
                         "result": {"duration": "PT40.00S"}})
    return made


def learn(rows: Sequence[dict[str, Any]], people: int, min_people: int, wrong: float
          ) -> list[Choice]:
    pairs = learned_pairs(Tally().add_all(statements(rows, people, wrong)),
                          min_people=min_people)
    return [Choice(frozenset(p["query"].split()), p["item"], p["people"]) for p in pairs]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tldr", type=Path, required=True, help="tldr pages/ folder")
    parser.add_argument("--queries", type=Path, required=True, help="NL2Bash dev.jsonl")
    parser.add_argument("--workplace", type=Path, default=WORKPLACE)
    parser.add_argument("--eval-rows", type=int, default=2000)
    parser.add_argument("--people", type=int, default=3,
                        help="colleagues who made each learning row's search")
    parser.add_argument("--min-people", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, help="keep the index here between runs")
    parser.add_argument("--no-ablation", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="jitl-bench-"))
    every = load_queries(args.queries, None)
    evaluation, learning = every[:args.eval_rows], every[args.eval_rows:]
    workplace = load_queries(args.workplace, None)
    root = args.tldr.resolve()
    content_index = ContentIndex(data_dir / "index")
    content_index.update([root], glossary_files=glossary_files([root]))
    content_index.read_in_context()  # as the app has once it has had the time
    engine = SearchEngine(content_index, roots=[root], os_name="linux")
    right = learn(learning, args.people, args.min_people, 0.0)
    wrong = learn(learning, args.people, args.min_people, 1 / 3)
    print(f"learned {len(right)} pairs from {len(learning)} rows "
          f"({len(wrong)} with a third wrong)", file=sys.stderr)

    def measure(choices: list[Choice]) -> dict[str, float]:
        engine.learned = LearnedChoices.of(choices)

        def search(text: str) -> list[str]:
            return [r.id for r in engine.search(text, limit=10, typing=False).results]

        return {"nl2bash": evaluate(evaluation, search)["mrr10"],
                "workplace": evaluate(workplace, search)["mrr10"]}

    runs: list[tuple[str, dict[str, float]]] = [
        ("engine without learned pairs", measure([])),
        ("with learned pairs", measure(right)),
        ("with learned pairs, a third wrong", measure(wrong))]
    if not args.no_ablation:
        for label, name, value in (("LEARNED_WEIGHT=0.3", "LEARNED_WEIGHT", 0.3),
                                   ("LEARNED_WEIGHT=0.6", "LEARNED_WEIGHT", 0.6),
                                   ("MIN_SIMILARITY=0.1", "MIN_SIMILARITY", 0.1),
                                   ("MIN_SIMILARITY=0.3", "MIN_SIMILARITY", 0.3)):
            saved = getattr(learned_mod, name)
            setattr(learned_mod, name, value)
            try:
                runs.append((f"{label}", measure(right)))
                runs.append((f"{label}, a third wrong", measure(wrong)))
            finally:
                setattr(learned_mod, name, saved)
    engine.close()
    base = runs[0][1]
    if args.json:
        print(json.dumps({label: r for label, r in runs}, indent=2))
        return 0
    print(f"| run | NL2Bash rows 1–{len(evaluation)} MRR@10 | Δ | workplace MRR@10 | Δ |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, r in runs:
        print(f"| {label} | {r['nl2bash']:.3f} | {r['nl2bash'] - base['nl2bash']:+.3f} | "
              f"{r['workplace']:.3f} | {r['workplace'] - base['workplace']:+.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
