"""What a screen reader is told as the results change, with the starter content (the
AT-SPI test, tests/e2e/test_accessibility.py, hears the same on the bus)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.inprocess import start_app

CONTENT = Path(__file__).resolve().parents[3] / "content"


@pytest.fixture
def app(qtbot, qapp, tmp_path):
    running = start_app(qtbot, qapp, tmp_path, [CONTENT], at_least=41)
    yield running
    running.shutdown()


def search(qtbot, app, query: str) -> list[str]:
    window = app.overlay_window
    app.control.handle({"command": "show", "query": query})
    qtbot.waitUntil(lambda: app.overlay.query == query and app.overlay.response is not None
                    and app.overlay.response.query == query)
    return window.announced


def test_the_count_is_said_and_so_is_a_search_nothing_answers(qtbot, app):
    said = search(qtbot, app, "share screen")
    count = app.overlay_window.results.count()
    assert count > 1 and said[-1] == f"{count} results"
    said = search(qtbot, app, "expense claim form")  # nothing in the starter content
    # said once the question has settled (a moment without keys), not while typed
    qtbot.waitUntil(lambda: said[-1].startswith("No good match"), timeout=5000)
    count = app.overlay_window.results.count()
    assert said[-1] == f"No good match, {count} result" + ("s" if count != 1 else "")
    assert said[-2] != said[-1]


def test_moving_through_the_results_says_which_one_is_current(qtbot, app):
    window = app.overlay_window
    search(qtbot, app, "share screen")
    second = window.results.rows.row_at(1)
    assert second is not None
    QTest.keyClick(window.box, Qt.Key.Key_Down)
    assert window.announced[-1].startswith(
        f"2 of {window.results.count()}: {second.title}, ")
    QTest.keyClick(window.box, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.announced[-1].startswith(f"{window.results.count()} of ")


def test_the_empty_boxs_suggestions_are_not_counted_aloud(qtbot, app):
    app.overlay.show()
    qtbot.waitUntil(app.overlay_window.isVisible)
    assert app.overlay_window.announced == []
