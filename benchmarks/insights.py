"""``jitl-desktop insights`` on many statements: how long from a file to the report.

    python benchmarks/insights.py --content ../shared/corpora/tldr/pages --statements 1000000

Writes ``--statements`` generated statements (as the app sends them: searches with and
without answers and typos, views, votes, comments, problem reports, quiz answers; from
``--people`` pseudonymous people over twelve weeks, queries drawn from the items'
titles) as JSON lines, then runs ``jitl-desktop insights --from FILE --json --html
--csv --learned`` in this process and reports the time of each part. The target: one
million statements in under 60 s.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from jitl_desktop.cli import main as cli_main
from jitl_desktop.core.content import item_id_for, scan_root

BASE = "https://lrs.example.org/jitl/"
EXT = BASE + "extensions/"
VERB = {"searched": "https://w3id.org/xapi/acrossx/verbs/searched",
        "experienced": "http://adlnet.gov/expapi/verbs/experienced",
        "rated": "http://id.tincanapi.com/verb/rated",
        "commented": "http://adlnet.gov/expapi/verbs/commented",
        "answered": "http://adlnet.gov/expapi/verbs/answered"}
APPS = ["excel", "outlook", "terminal", "teams", "firefox", None]


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 6:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def generate(path: Path, count: int, ids: list[str], people: int, seed: int = 5) -> None:
    """``count`` statements into ``path`` (JSON lines)."""
    rng = random.Random(seed)
    words = [i.rsplit("/", 1)[-1].replace("-", " ") for i in ids]
    queries = [f"{rng.choice(['how to', 'use', 'fix', ''])} {w}".strip() for w in words]
    queries += [f"{rng.choice(words)} {rng.choice(['report', 'form', 'policy', 'setup'])}"
                for _ in range(len(ids))]
    actors = [{"objectType": "Agent", "account": {"homePage": BASE, "name": f"{n:032x}"}}
              for n in range(people)]
    start = 1_790_000_000.0
    with path.open("w", encoding="utf-8") as fh:
        for n in range(count):
            at = time.strftime("%Y-%m-%dT%H:%M:%S+00:00",
                               time.gmtime(start + n * (86400 * 84 / max(count, 1))))
            actor = rng.choice(actors)
            item = rng.choice(ids)
            iri = BASE + "items/" + item
            roll = rng.random()
            statement: dict[str, object] = {"id": f"00000000-0000-4000-8000-{n:012d}",
                                            "actor": actor, "timestamp": at,
                                            "version": "1.0.3"}
            if roll < 0.5:
                query = rng.choice(queries)
                if rng.random() < 0.1:
                    query = _typo(rng, query)
                gap = rng.random() < 0.2
                ext: dict[str, object] = {EXT + "results": 0 if gap else 8,
                                          EXT + "no-good-match": gap, EXT + "query": query}
                if not gap and rng.random() < 0.6:
                    ext[EXT + "chosen"] = iri
                app = rng.choice(APPS)
                statement.update(verb={"id": VERB["searched"]},
                                 object={"id": BASE + "search"}, result={"extensions": ext},
                                 context={"extensions": {EXT + "app": app}} if app else {})
            elif roll < 0.8:
                statement.update(verb={"id": VERB["experienced"]}, object={
                    "id": iri, "definition": {"name": {"en": item}}},
                    result={"duration": f"PT{rng.uniform(1, 300):.2f}S"})
            elif roll < 0.88:
                helpful = rng.random() < 0.7
                statement.update(verb={"id": VERB["rated"]}, object={"id": iri}, result={
                    "score": {"raw": int(helpful), "min": 0, "max": 1},
                    "extensions": {EXT + "helpful": helpful}})
            elif roll < 0.9:
                kind = rng.choice(["outdated", "wrong", "missing-step"])
                statement.update(verb={"id": VERB["commented"]}, object={"id": iri}, result={
                    "response": "step 3 changed", "extensions": {EXT + "problem": kind}})
            else:
                right = rng.random() < 0.6
                statement.update(verb={"id": VERB["answered"]}, object={
                    "id": f"{iri}#question-{rng.randint(1, 3)}"},
                    result={"success": right, "response": None if right else
                            rng.choice(["a", "b", "c"])})
            fh.write(json.dumps(statement) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--content", type=Path, required=True, help="a content folder")
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="write the statements and outputs here")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="jitl-insights-"))
    folder.mkdir(parents=True, exist_ok=True)
    files, _ = scan_root(args.content.resolve())
    ids = sorted(item_id_for(f.relpath) for f in files) or ["none"]
    source = folder / "statements.jsonl"
    started = time.perf_counter()
    generate(source, args.statements, ids, args.people)
    made = time.perf_counter() - started
    out = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out):
        code = cli_main(["--data-dir", str(folder / "data"), "--config-dir",
                         str(folder / "config"), "insights", "--from", str(source),
                         "--content", str(args.content), "--json", "--html",
                         str(folder / "report.html"), "--csv", str(folder / "csv"),
                         "--learned", str(folder / "learned.jsonl")])
    took = time.perf_counter() - started
    if code != 0:
        print(f"insights failed with {code}", file=sys.stderr)
        return 1
    figures = json.loads(out.getvalue())
    size = source.stat().st_size / 1e6
    print("| statements | file (MB) | people | content gaps | learned pairs | "
          "generated in (s) | report in (s) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| {args.statements:,} | {size:.0f} | {figures['headline']['people']:,} | "
          f"{len(figures['content_gaps'])} | {figures['learned']} | {made:.1f} | "
          f"**{took:.1f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
