"""Memory that start-up used and freed goes back to the system once search is ready."""

from __future__ import annotations

import os
import sys

import pytest

from jitl_desktop.platform.event_loop import release_free_memory


def resident_mb() -> float:
    with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
        line = next(x for x in status if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_memory_freed_is_given_back():
    # 100 MB in 4 kB blocks (below the size glibc maps on its own) read and let go, as
    # start-up's parsing does: the allocator keeps it until told to give it back
    blocks = [bytes(4000) + bytes([n % 256]) for n in range(25_000)]
    held = resident_mb()
    keep = blocks[-1]  # the top block stays: the heap cannot simply shrink
    del blocks
    freed = resident_mb()
    release_free_memory()
    after = resident_mb()
    assert keep
    assert held - after > 60, (held, freed, after)
