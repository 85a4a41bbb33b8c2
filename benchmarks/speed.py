"""Index and query speed on the tldr pages, at 7.4k items and replicated to 74k.

    python benchmarks/speed.py --tldr ../shared/corpora/tldr/pages \
        [--queries ../shared/corpora/nl2bash-tldr/dev.jsonl] [--scale 10] [--no-tantivy]

Measures, for each size: full index build (searchable), then reading its items in
context (core/incontext.py: made after the build; on one core as the app does, then on
every core as ``jitl-desktop index`` does), one changed file brought up to date (median
of three edits), a no-op update (what every ``search`` does first), index size, and
query latency (p50/p95/max) for 2-3 word queries, the same queries while typing (last
word a prefix), the same with a typo, and long pasted text (NL2Bash task descriptions
and error messages). The same queries run through tantivy (a native engine,
``pip install tantivy``) as the reference. Prints Markdown.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jitl_desktop.core.content import load_file, scan_root
from jitl_desktop.core.glossary import glossary_files
from jitl_desktop.core.index import ContentIndex
from jitl_desktop.core.search import SearchEngine

SHORT_QUERIES = [
    "extract tar", "disk usage", "list files", "kill process", "copy directory",
    "find large files", "change permissions", "compress folder", "show hidden files",
    "network interfaces", "git undo commit", "search text", "count lines", "rename files",
    "download file", "ssh key", "create user", "free memory", "open ports", "mount drive",
    "zip archive", "convert image", "sort lines", "merge pdf", "schedule job",
    "environment variables", "symbolic link", "current directory", "process tree",
    "system logs", "install package", "remove package", "cpu usage", "file checksum",
    "compare files", "replace text", "split file", "watch command", "date format",
    "http request", "dns lookup", "firewall rules", "docker container", "python venv",
    "json pretty print", "base64 encode", "tail log", "battery status", "screen brightness",
    "wifi password", "print pdf", "shutdown computer", "archive folder", "delete directory",
    "move files", "file owner", "disk partitions", "cron job", "git branch", "kill port",
]
ERROR_MESSAGES = [
    "tar: Error is not recoverable: exiting now gzip: stdin: not in gzip format",
    "Permission denied (publickey). fatal: Could not read from remote repository. "
    "Please make sure you have the correct access rights and the repository exists.",
    "No space left on device: cannot create temp file for here-document",
    "bash: ./script.sh: /bin/bash^M: bad interpreter: No such file or directory",
    "E: Could not get lock /var/lib/dpkg/lock-frontend - open (11: Resource temporarily "
    "unavailable) E: Unable to acquire the dpkg frontend lock, is another process using it?",
]


def typo(query: str) -> str:
    """Swap two letters in the middle of the longest word (a repeatable typo)."""
    words = query.split()
    i = max(range(len(words)), key=lambda n: len(words[n]))
    w = words[i]
    if len(w) >= 4:
        m = len(w) // 2
        words[i] = w[: m - 1] + w[m] + w[m - 1] + w[m + 1:]
    return " ".join(words)


def prefix(query: str) -> str:
    words = query.split()
    words[-1] = words[-1][:3]
    return " ".join(words)


#: p50, p95 and max of one kind of query, in ms
Latency = tuple[float, float, float]


@dataclass
class Run:
    """What one engine measured on one corpus (empty where it does not apply)."""

    build_s: float
    #: reading the built index's items, then their passages, in context after the build,
    #: on one core and on every core (our engine only)
    context_s: list[float] = field(default_factory=list)
    index_mb: float = 0.0
    items: int | None = None
    #: one saved file brought up to date, told which (the app), or looking at every file
    one_file_ms: float | None = None
    one_file_all_ms: float | None = None
    noop_ms: float | None = None
    latency: dict[str, Latency] = field(default_factory=dict)


def percentiles(samples: list[float]) -> Latency:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def replicate(src: Path, dest: Path, copies: int) -> None:
    """The corpus ``copies`` times under other ids (copy0/common/tar, copy1/...)."""
    for n in range(copies):
        shutil.copytree(src, dest / f"copy{n}", symlinks=False)


def measure_engine(root: Path, work: Path, long_queries: list[str]) -> Run:
    content_index = ContentIndex(work / "index")
    glossaries = glossary_files([root])
    report = content_index.update([root], glossary_files=glossaries)
    out = Run(build_s=report.seconds, items=report.added)
    # on one core, as the app's index worker reads them; then again on every core, as
    # ``jitl-desktop index`` does
    for threads in (1, os.cpu_count() or 1):
        content_index.context_vectors.path.unlink(missing_ok=True)
        content_index.passage_vectors.path.unlink(missing_ok=True)
        started = time.perf_counter()
        content_index.read_in_context(threads=threads)
        out.context_s.append(time.perf_counter() - started)
    out.noop_ms = statistics.median(
        content_index.update([root], glossary_files=glossaries).seconds * 1000
        for _ in range(5))
    page = next(root.rglob("tar.md"), None) or next(root.rglob("*.md"))
    # as the app does: told by its watcher which file changed (and the folder it is in);
    # then as ``jitl-desktop index`` does, looking at every file
    for told in (True, False):
        edits = []
        for n in range(3):  # (the first also loads the static model in this process)
            page.write_text(page.read_text(encoding="utf-8")
                            + f"\n- One more example:\n\n`tar tf x{n}{told}`\n",
                            encoding="utf-8")
            changed = [str(page.absolute()), str(page.parent.absolute())] if told else None
            edits.append(content_index.update([root], glossary_files=glossaries,
                                              changed=changed).seconds * 1000)
        if told:
            out.one_file_ms = statistics.median(edits)
        else:
            out.one_file_all_ms = statistics.median(edits)
    gen = (work / "index" / "CURRENT").read_text().strip()
    out.index_mb = sum(f.stat().st_size for f in (work / "index" / gen).iterdir()) / 2**20
    engine = SearchEngine(content_index, roots=[root], os_name="linux")
    # as the app's search thread and the CLI do before the first query they time
    engine.warm()
    engine.prepare_queries()
    for name, queries, typing in (
        ("2-3 words", SHORT_QUERIES, False),
        ("typing (last word a prefix)", [prefix(q) for q in SHORT_QUERIES], True),
        ("with a typo", [typo(q) for q in SHORT_QUERIES], False),
        ("long pasted text", long_queries, False),
    ):
        samples = [timed(functools.partial(engine.search, q, typing=typing)) for q in queries]
        out.latency[name] = percentiles(samples)
    engine.close()
    return out


def measure_tantivy(root: Path, work: Path, long_queries: list[str]) -> Run:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True)
    for name in ("title", "summary", "body"):
        builder.add_text_field(name, tokenizer_name="en_stem")
    schema = builder.build()
    folder = work / "tantivy"
    folder.mkdir()
    index = tantivy.Index(schema, path=str(folder))
    started = time.perf_counter()
    writer = index.writer()
    files, _ = scan_root(root)
    for src in files:
        item, _ = load_file(src)
        if item is not None:
            writer.add_document(tantivy.Document(
                id=item.id, title=item.title, summary=item.summary,
                body="\n".join([*item.headings, *item.code, item.body])))
    writer.commit()
    out = Run(build_s=time.perf_counter() - started)
    index.reload()
    searcher = index.searcher()
    out.index_mb = sum(f.stat().st_size for f in folder.iterdir()) / 2**20

    def run(text: str) -> None:
        cleaned = "".join(c if c.isalnum() else " " for c in text)
        query = index.parse_query(cleaned, ["title", "summary", "body"])
        searcher.search(query, 10)

    for name, queries in (("2-3 words", SHORT_QUERIES),
                          ("with a typo", [typo(q) for q in SHORT_QUERIES]),
                          ("long pasted text", long_queries)):
        out.latency[name] = percentiles([timed(functools.partial(run, q)) for q in queries])
    return out


def measure_plain_whoosh(root: Path, work: Path) -> Run:
    """A plain Whoosh build of the same pages, the reference for the build: each file
    read and parsed as the app does, its title, summary and body in stemmed text fields
    (BM25F's defaults), one writer, one commit."""
    from whoosh import analysis, fields, index

    stem = analysis.StemmingAnalyzer()
    schema = fields.Schema(id=fields.ID(stored=True, unique=True),
                           title=fields.TEXT(analyzer=stem, stored=True),
                           summary=fields.TEXT(analyzer=stem), body=fields.TEXT(analyzer=stem))
    folder = work / "plain-whoosh"
    folder.mkdir()
    started = time.perf_counter()
    ix = index.create_in(str(folder), schema)
    writer = ix.writer(limitmb=256)
    files, _ = scan_root(root)
    for src in files:
        item, _ = load_file(src)
        if item is not None:
            writer.add_document(id=item.id, title=item.title, summary=item.summary,
                                body="\n".join([*item.headings, *item.code, item.body]))
    writer.commit()
    out = Run(build_s=time.perf_counter() - started)
    out.index_mb = sum(f.stat().st_size for f in folder.iterdir()) / 2**20
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tldr", type=Path, required=True)
    parser.add_argument("--queries", type=Path, help="NL2Bash dev.jsonl for long queries")
    parser.add_argument("--long", type=int, default=300, help="how many long queries")
    parser.add_argument("--scale", type=int, default=10, help="copies for the large run")
    parser.add_argument("--no-tantivy", action="store_true")
    args = parser.parse_args(argv)
    long_queries = list(ERROR_MESSAGES)
    if args.queries:
        with args.queries.open(encoding="utf-8") as fh:
            rows = [json.loads(line)["query"] for line in fh][: args.long]
        long_queries += rows
    work = Path(tempfile.mkdtemp(prefix="jitl-speed-"))
    results: dict[str, Run] = {}
    try:
        small = work / "small"
        shutil.copytree(args.tldr, small / "pages")
        jitl = measure_engine(small / "pages", small, long_queries)
        size = items_label(jitl.items or 0)
        results[f"jitl {size}"] = jitl
        results[f"plain Whoosh {size}"] = measure_plain_whoosh(small / "pages", small)
        if not args.no_tantivy:
            results[f"tantivy {size}"] = measure_tantivy(small / "pages", small, long_queries)
        if args.scale > 1:
            large = work / "large"
            replicate(args.tldr, large / "pages", args.scale)
            jitl = measure_engine(large / "pages", large, long_queries)
            size = items_label(jitl.items or 0)
            results[f"jitl {size}"] = jitl
            if not args.no_tantivy:
                results[f"tantivy {size}"] = measure_tantivy(large / "pages", large,
                                                             long_queries)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| run | items | full build (s) | then in context (items, then passages), "
          "1 / all cores (s) | one file, "
          "as the app (ms) | one file, every file looked at (ms) | no-op update (ms) | "
          "index (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        print(f"| {name} | {'' if r.items is None else r.items} | {r.build_s:.1f} | "
              f"{' / '.join(f'{c:.1f}' for c in r.context_s)} | "
              f"{_num(r.one_file_ms)} | {_num(r.one_file_all_ms)} | {_num(r.noop_ms)} | "
              f"{r.index_mb:.1f} |")
    for name, r in results.items():
        plain = results.get(name.replace("jitl ", "plain Whoosh ", 1))
        if name.startswith("jitl ") and plain is not None:
            print(f"\n{name} full build: {r.build_s / plain.build_s:.2f}× plain Whoosh's")
    print()
    print("| run | queries | p50 (ms) | p95 (ms) | max (ms) |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, r in results.items():
        for kind, (p50, p95, worst) in r.latency.items():
            print(f"| {name} | {kind} | {p50:.1f} | {p95:.1f} | {worst:.1f} |")
    return 0


def items_label(items: int) -> str:
    """7425 → "7.4k", 74250 → "74k", 6 → "6"."""
    if items < 1000:
        return str(items)
    return f"{items / 1000:.1f}k" if items < 10_000 else f"{items / 1000:.0f}k"


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


if __name__ == "__main__":
    sys.exit(main())
