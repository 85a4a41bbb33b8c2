"""Fixtures of the unit tests: a real Ralph LRS on loopback (harness/lrs.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.lrs import LrsUnavailable, Ralph, ensure_venv


@pytest.fixture(scope="session")
def ralph_python() -> Path:
    """The Ralph environment's python; skipped (failed with JITL_TEST_LRS=1) without one."""
    try:
        return ensure_venv()
    except LrsUnavailable as exc:
        if os.environ.get("JITL_TEST_LRS") == "1":
            pytest.fail(str(exc))
        pytest.skip(f"{exc} (set JITL_TEST_LRS=1 to make this a failure)")


@pytest.fixture
def lrs(ralph_python: Path, tmp_path: Path) -> Iterator[Ralph]:
    """A running Ralph LRS for this test, stopped after it."""
    ralph = Ralph(ralph_python, tmp_path / "lrs")
    ralph.start()
    yield ralph
    ralph.stop()

