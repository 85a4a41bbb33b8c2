"""Guards against a known-bad Qt binding release."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QListWidget


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_calls_returning_nothing_keep_none_alive(qtbot):
    # PySide6 6.12.0 drops a reference to None on every call that returns nothing; on
    # Python 3.10/3.11 the app then aborts after a few hundred keystrokes
    # ("none_dealloc"). pyproject.toml pins a release without the bug.
    widget = QListWidget()
    qtbot.addWidget(widget)
    widget.addItem("x")
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.setCurrentRow(0)
    assert sys.getrefcount(None) >= before - 50
