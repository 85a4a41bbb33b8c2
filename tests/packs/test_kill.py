"""kill -9 while downloading and while swapping: the previous pack stays searchable and
the next update succeeds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from jitl_desktop.core import policy
from jitl_desktop.core.packs.installed import installed_info
from jitl_desktop.paths import resolve
from tests.packs.conftest import ITEMS, Site, found, update

#: ``jitl-desktop update`` in a child process under the test's policy root; with "swap",
#: the child kills itself (SIGKILL) inside the swap, at the point argv[3] names
CHILD = """
import functools, os, signal, sys
from pathlib import Path
import jitl_desktop.core.policy as policy
policy.SYSTEM_ROOT = Path(sys.argv[1])
if os.geteuid() != 0:
    policy.read_linux = functools.partial(policy.read_linux, require_root_owner=False)
if sys.argv[2] == "swap":
    import jitl_desktop.core.packs.update as update
    real = update.swap_link
    def swap_link(link, target):
        if sys.argv[3] == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        real(link, target)
        os.kill(os.getpid(), signal.SIGKILL)
    update.swap_link = swap_link
from jitl_desktop.cli import main
sys.exit(main(["update"]))
"""


def child(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(policy.SYSTEM_ROOT), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def newer(site: Site) -> None:
    site.publish("docs", {**ITEMS, "common/gzip.md": "# gzip\n\n> Compress with gzip.\n"})


def test_kill_during_the_download_keeps_the_previous_pack(site: Site):
    site.use()
    assert update()[0] == 0
    newer(site)
    site.served.slow[".tar.gz"] = 60
    proc = child("download")
    deadline = time.monotonic() + 30
    while not any("docs-2" in r for r in site.served.requests):
        assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert "common/tar" in found("extract tar")
    assert "common/gzip" not in found("gzip compress")
    site.served.release.set()
    code, result, err = update()
    assert code == 0, err
    assert result["packs"] == {"docs": "2"} and "common/gzip" in found("gzip compress")


@pytest.mark.parametrize("point", ["before", "after"])
def test_kill_during_the_swap_leaves_one_whole_version(site: Site, point: str):
    site.use()
    assert update()[0] == 0
    newer(site)
    proc = child("swap", point)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    packs = resolve().packs_dir
    version = installed_info(packs)["docs"]["version"]
    assert version == ("1" if point == "before" else "2")
    assert "common/tar" in found("extract tar")
    code, result, err = update()
    assert code == 0, err
    assert result["packs"] == {"docs": "2"} and "common/gzip" in found("gzip compress")
    leftovers = [p.name for p in (packs / "versions").iterdir()]
    assert len(leftovers) == 2 and not (packs / "staging").exists()  # one folder + .json
    assert not [p for p in (packs / "installed").iterdir() if p.name.startswith(".")]
    assert os.path.realpath(packs / "installed" / "docs").endswith(
        sorted(p for p in leftovers if not p.endswith(".json"))[0])
