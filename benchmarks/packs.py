"""Signed content packs: publishing a large pack, and a desktop's update of one item.

    python benchmarks/packs.py [--tldr /work/shared/corpora/tldr/pages] [--items 5000]

Publishes ``--items`` pages (taken from the tldr pages when given, else generated) with
``jitl-desktop pack init`` + ``pack add``, serves the repository over HTTP on loopback,
then measures on a desktop (a fresh data folder, policy naming the repository): the
first ``jitl-desktop update`` (download, verify, unpack, full index), then — after one
page is changed and ``pack add`` publishes version 2 — the time from ``update`` starting
until ``jitl-desktop search`` finds the changed text. Each ``jitl-desktop`` command runs
as its own process, as an administrator or a desktop would run it. Prints Markdown.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

#: a child ``jitl-desktop`` that reads its machine policy from argv[1] instead of /etc
CHILD = """
import sys
from pathlib import Path
import jitl_desktop.core.policy as policy
policy.SYSTEM_ROOT = Path(sys.argv[1])
from jitl_desktop.cli import main
sys.exit(main(sys.argv[2:]))
"""


def jitl(system_root: Path, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, str(system_root), *args],
                          capture_output=True, text=True, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"jitl-desktop {' '.join(args)} failed:\n{done.stderr}")
    return took, done.stdout


def make_pages(out: Path, tldr: Path | None, count: int) -> None:
    if tldr is not None:
        pages = sorted(tldr.glob("*/*.md"))[:count]
        for page in pages:
            dest = out / page.parent.name / page.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, dest)
        return
    for n in range(count):
        dest = out / f"topic{n % 50}" / f"item{n}.md"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(f"# Item {n}\n\n> How to do task number {n}.\n\n- Step: `run {n}`\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tldr", type=Path, help="the tldr pages folder")
    parser.add_argument("--items", type=int, default=5000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jitl-packs-bench-"))
    try:
        run(work, args.tldr, args.items)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, tldr: Path | None, count: int) -> None:
    system = work / "system"
    content, repo = work / "content", work / "repo"
    make_pages(content, tldr, count)
    items = sum(1 for _ in content.rglob("*.md"))
    t_init, _ = jitl(system, "pack", "init", str(repo))
    t_add, _ = jitl(system, "pack", "add", str(repo), "bench", str(content))
    size = next((repo / "targets").iterdir()).stat().st_size
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            del format, args

    handler = functools.partial(Quiet, directory=str(repo))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    policies = system / "etc" / "jitl-desktop" / "policies"
    policies.mkdir(parents=True)
    (policies / "50.json").write_text(json.dumps({"policies": {
        "content_repository": f"http://127.0.0.1:{server.server_address[1]}/",
        "content_repository_root": str(repo / "metadata" / "1.root.json"),
        "bundled_content": False}}))
    os.environ["JITL_DATA_DIR"] = str(work / "desktop" / "data")
    os.environ["JITL_CONFIG_DIR"] = str(work / "desktop" / "config")
    t_first, _ = jitl(system, "update", "--json")
    page = sorted(content.rglob("*.md"))[len(list(content.rglob("*.md"))) // 2]
    page.write_text(page.read_text(encoding="utf-8") + "\n- Zanzibar quokka: `quokka`\n",
                    encoding="utf-8")
    t_add2, _ = jitl(system, "pack", "add", str(repo), "bench", str(content))
    started = time.perf_counter()
    t_update, out = jitl(system, "update", "--json")
    t_search, hits = jitl(system, "search", "--json", "zanzibar quokka")
    visible = time.perf_counter() - started
    assert json.loads(hits)["results"], "the changed item was not found"
    server.shutdown()
    index = json.loads(out)["index"]
    print(f"| step ({items:,} items; archive {size / 1e6:.1f} MB) | seconds |")
    print("| --- | ---: |")
    for name, took in [("pack init", t_init), (f"pack add ({items:,} items)", t_add),
                       ("first update (download, verify, unpack, index)", t_first),
                       ("pack add of version 2 (one page changed)", t_add2),
                       (f"update of one changed item (index: {index})", t_update),
                       ("then search (finds the changed text)", t_search),
                       ("update start → visible in search", visible)]:
        print(f"| {name} | {took:.2f} |")


if __name__ == "__main__":
    main()
