"""Every benchmark command that benchmarks/RESULTS.md gives to reproduce its figures runs
to completion and prints its table, on the tiny corpus in benchmarks/data/tiny/.

The commands are read from RESULTS.md itself, with ``$C`` (the shared corpora) pointing
at the tiny corpus, so a command there cannot rot. Timings are not checked: only that
each command finishes and prints a Markdown table. The desktop benchmark gets short
counts and needs the X programs that ``.ci/run`` installs (skipped without them).
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
TINY = ROOT / "benchmarks" / "data" / "tiny"

#: what each script needs on top of the command in RESULTS.md to stay short here
QUICK = {
    "desktop.py": ["--scale", "2", "--presses", "3", "--queries", "1", "--toggles", "2",
                   "--switches", "2", "--idle", "1", "--settle", "0.5"],
    "xapi_flush.py": ["--statements", "100"],
    "packs.py": ["--items", "6"],
    "insights.py": ["--statements", "2000"],
    "learned.py": ["--no-ablation"],
}
DESKTOP_PROGRAMS = ("Xvfb", "openbox", "trayer", "xdotool", "xprop", "xterm", "xcalc")

pytestmark = pytest.mark.bench_smoke


def commands() -> list[str]:
    """The ``python benchmarks/…`` lines of every sh block in RESULTS.md."""
    blocks = re.findall(r"```sh\n(.*?)```", RESULTS.read_text(encoding="utf-8"), re.S)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip().startswith("python benchmarks/")]


def test_results_md_gives_a_command_for_every_benchmark() -> None:
    scripts = {shlex.split(line)[1] for line in commands()}
    assert scripts == {f"benchmarks/{p.name}" for p in (ROOT / "benchmarks").glob("*.py")}


def params() -> list[object]:
    """The commands; the desktop one starts a desktop as the e2e tests do (with the
    views of the host's system folders its window manager reads its settings from)."""
    return [pytest.param(line, id=line.removeprefix("python benchmarks/"),
                         marks=[pytest.mark.e2e] if "benchmarks/desktop.py" in line else [])
            for line in commands()]


@pytest.mark.parametrize("line", params())
def test_the_command_runs_on_the_tiny_corpus_and_prints_its_table(line: str,
                                                                  tmp_path: Path) -> None:
    args = shlex.split(line.replace("$C", str(TINY)))
    script = Path(args[1]).name
    args = [sys.executable, *args[1:], *QUICK.get(script, [])]
    if script == "speed.py" and importlib.util.find_spec("tantivy") is None:
        args.append("--no-tantivy")  # the optional 'bench' extra is not installed
    if script == "desktop.py" and (
            missing := [p for p in DESKTOP_PROGRAMS if shutil.which(p) is None]):
        pytest.skip(f"needs {', '.join(missing)} (installed by .ci/run)")
    if script == "xapi_flush.py":
        _need_the_lrs()
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    table = [row for row in done.stdout.splitlines() if row.startswith("|")]
    assert len(table) >= 3 and table[1].startswith("| ---"), done.stdout


def _need_the_lrs() -> None:
    """The xAPI benchmark posts to a real Ralph LRS (its environment: harness/lrs.py)."""
    import os

    from harness.lrs import LrsUnavailable, ensure_venv

    try:
        ensure_venv()
    except LrsUnavailable as exc:
        if os.environ.get("JITL_TEST_LRS") == "1":
            pytest.fail(str(exc))
        pytest.skip(f"{exc} (set JITL_TEST_LRS=1 to make this a failure)")
