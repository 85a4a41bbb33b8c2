"""Relevance on the tldr pages with the NL2Bash development queries.

    python benchmarks/relevance.py --tldr ../shared/corpora/tldr/pages \
        --queries ../shared/corpora/nl2bash-tldr/dev.jsonl [--rows 2000] [--baseline]
    python benchmarks/relevance.py --tldr ../shared/corpora/tldr/pages \
        --queries benchmarks/data/workplace-queries.jsonl

The second set is ours: short workplace-style questions (some with typos) and the
pages that answer them, a check that tuning on NL2Bash does not overfit.

Reports top-1, recall@5 and MRR@10 over all queries and macro-averaged over answer
pages (each answer page weighs the same, whatever its number of queries). With
``--baseline`` it also runs a plain Whoosh BM25F OR query over title, description and
body, the reference the engine must beat. ``--app APP`` runs every query with that
application as the context (to check that an unrelated context costs nothing),
``--extra DIR`` adds another content root (e.g. the starter content) to the index and
``--lang TAG`` searches as a user of that language (``--lang de`` for the German sets).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jitl_desktop.core.apps import Catalog
from jitl_desktop.core.glossary import glossary_files
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine
from jitl_desktop.paths import app_catalog_file

Searcher = Callable[[str], list[str]]


def load_queries(path: Path, rows: int | None) -> list[dict[str, Any]]:
    """NL2Bash rows, or our own ``{"query", "answers"}`` rows (first answer = main)."""
    with path.open(encoding="utf-8") as fh:
        data = [json.loads(line) for line in fh if line.strip()]
    for row in data:
        if "answers" in row:
            row["answer"], row["acceptable_answers"] = row["answers"][0], row["answers"]
    return data[:rows] if rows else data


def evaluate(queries: Sequence[dict[str, Any]], search: Searcher) -> dict[str, float]:
    """Top-1, recall@5, MRR@10: micro (per query) and macro (per answer page)."""
    per_page: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    scores: list[tuple[float, float, float]] = []
    for row in queries:
        ranked = search(row["query"])[:10]
        good = set(row["acceptable_answers"])
        rank = next((i for i, doc in enumerate(ranked, 1) if doc in good), None)
        score = (1.0 if rank == 1 else 0.0, 1.0 if rank and rank <= 5 else 0.0,
                 1.0 / rank if rank else 0.0)
        scores.append(score)
        per_page[row["answer"]].append(score)

    def mean(values: Sequence[tuple[float, float, float]], i: int) -> float:
        return statistics.fmean(v[i] for v in values)

    macro = [tuple(mean(v, i) for i in range(3)) for v in per_page.values()]
    return {
        "queries": len(scores), "pages": len(per_page),
        "top1": mean(scores, 0), "recall5": mean(scores, 1), "mrr10": mean(scores, 2),
        "macro_top1": statistics.fmean(m[0] for m in macro),
        "macro_recall5": statistics.fmean(m[1] for m in macro),
        "macro_mrr10": statistics.fmean(m[2] for m in macro),
    }


def engine_searcher(tldr: Path, data_dir: Path, extra: list[Path], app: str | None,
                    frecency: dict[str, float] | None = None, *, lang: str | None = None,
                    ) -> tuple[Searcher, SearchEngine]:
    roots = [tldr, *extra]
    content_index = ContentIndex(data_dir / "index")
    report = content_index.update(roots, glossary_files=glossary_files(roots))
    made, _ = content_index.read_in_context()  # as the app has once it has had the time
    print(f"index: {report.added} added, {report.unchanged} unchanged, "
          f"{report.seconds:.1f} s; {made} read in context", file=sys.stderr)
    engine = SearchEngine(content_index, roots=roots, catalog=Catalog.load(app_catalog_file()),
                          os_name="linux", languages=[lang] if lang else ())

    def search(text: str) -> list[str]:
        return [r.id for r in engine.search(text, limit=10, app=app, typing=False,
                                            frecency=frecency).results]

    return search, engine


def baseline_searcher(tldr: Path, data_dir: Path) -> Searcher:
    """A plain Whoosh BM25F OR query over title + description + body (the reference)."""
    from whoosh import fields, index, qparser, scoring

    from jitl_desktop.core.content import load_file, scan_root

    folder = data_dir / "baseline"
    if not (folder / "done").exists():
        folder.mkdir(parents=True, exist_ok=True)
        schema = fields.Schema(id=fields.ID(stored=True), title=fields.TEXT(),
                               description=fields.TEXT(), body=fields.TEXT())
        ix = index.create_in(str(folder), schema)
        writer = ix.writer(limitmb=256)
        files, _ = scan_root(tldr)
        for src in files:
            item, _ = load_file(src)
            if item is not None:
                writer.add_document(id=item.id, title=item.title, description=item.summary,
                                    body=Path(src.path).read_text(encoding="utf-8"))
        writer.commit()
        (folder / "done").touch()
    ix = index.open_dir(str(folder))
    searcher = ix.searcher(weighting=scoring.BM25F())
    parser = qparser.MultifieldParser(["title", "description", "body"], ix.schema,
                                      group=qparser.OrGroup)

    def search(text: str) -> list[str]:
        query = parser.parse(text)
        return [hit["id"] for hit in searcher.search(query, limit=10)]

    return search


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tldr", type=Path, required=True, help="tldr pages/ folder")
    parser.add_argument("--queries", type=Path, required=True, help="NL2Bash dev.jsonl")
    parser.add_argument("--rows", type=int, help="only the first N queries")
    parser.add_argument("--data-dir", type=Path, help="keep the index here between runs")
    parser.add_argument("--extra", type=Path, action="append", default=[])
    parser.add_argument("--app", help="search every query with this application as context")
    parser.add_argument("--frecency", type=int, metavar="N",
                        help="as a user who opened N random pages (unrelated to the "
                             "queries) ten times each: the user's own use must not bury "
                             "the right answer")
    parser.add_argument("--lang", help="the user's language (a BCP 47 tag, e.g. de)")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--timing", action="store_true",
                        help="also the engine's time (took_ms) for each question typed a "
                             "key at a time, and whole")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="jitl-bench-"))
    queries = load_queries(args.queries, args.rows)
    results: dict[str, Any] = {}
    frecency = None
    if args.frecency:
        import random

        from jitl_desktop.core.content import item_id_for, scan_root

        files, _ = scan_root(args.tldr.resolve())
        ids = sorted(item_id_for(f.relpath) for f in files)
        frecency = {i: 10.0 for i in
                    random.Random(7).sample(ids, min(args.frecency, len(ids)))}
    search, engine = engine_searcher(args.tldr.resolve(), data_dir,
                                     [e.resolve() for e in args.extra], args.app, frecency,
                                     lang=args.lang)
    started = time.perf_counter()
    results["engine"] = evaluate(queries, search)
    results["engine"]["seconds"] = time.perf_counter() - started
    timing = typing_times(engine, [row["query"] for row in queries]) if args.timing else None
    engine.close()
    if args.baseline:
        results["baseline"] = evaluate(queries, baseline_searcher(args.tldr, data_dir))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print("| run | queries | top-1 | recall@5 | MRR@10 | macro top-1 | macro recall@5 "
              "| macro MRR@10 |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, r in results.items():
            print(f"| {name} | {r['queries']} | {r['top1']:.3f} | {r['recall5']:.3f} | "
                  f"{r['mrr10']:.3f} | {r['macro_top1']:.3f} | {r['macro_recall5']:.3f} | "
                  f"{r['macro_mrr10']:.3f} |")
        if timing:
            print("\n| engine time (took_ms) | searches | p50 | p95 | max |")
            print("| --- | ---: | ---: | ---: | ---: |")
            for name, times in timing.items():
                if not times:
                    continue
                times.sort()
                print(f"| {name} | {len(times)} | {statistics.median(times):.1f} | "
                      f"{times[int(len(times) * 0.95)]:.1f} | {times[-1]:.1f} |")
    return 0


def typing_times(engine: SearchEngine, questions: Sequence[str]) -> dict[str, list[float]]:
    """The engine's time for each question typed a key at a time (from its third
    character, as the search window asks while keys come) and for each whole question
    (as once it has settled), after a warm-up."""
    engine.warm()
    for text in questions[:5]:
        engine.search(text, typing=True)
    typed = [engine.search(text[:end], typing=True).took_ms
             for text in questions for end in range(3, len(text) + 1)]
    whole = [engine.search(text, typing=False).took_ms for text in questions]
    return {"typed, a key at a time": typed, "whole question": whole}


if __name__ == "__main__":
    sys.exit(main())
