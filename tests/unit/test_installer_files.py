"""Packaging files that exist already are valid."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="needs desktop-file-utils (installed by .ci/run)")
def test_desktop_entry_is_valid():
    done = subprocess.run(["desktop-file-validate",
                           str(ROOT / "installer" / "linux" / "jitl-desktop.desktop")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == ""  # no warnings either
