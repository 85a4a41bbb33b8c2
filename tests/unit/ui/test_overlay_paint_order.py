"""The search window paints the results the user typed for first; the selected item's
text follows them a frame later (reading and laying out a page is the slower part)."""

from __future__ import annotations

from jitl_desktop.ui.overlay import OverlayWindow


def test_the_preview_follows_new_results_once_they_are_painted(qtbot):
    window = OverlayWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_preview("# First\n\nShown at once: no results wait.")
    assert "First" in window.preview.toPlainText()

    window.results.awaiting_paint = True  # as when new results have just been set
    window.show_preview("# Second\n\nShown after the list.")
    assert "Second" not in window.preview.toPlainText()
    window.results.viewport().repaint()
    qtbot.waitUntil(lambda: "Second" in window.preview.toPlainText())
    assert not window.results.awaiting_paint


def test_a_hidden_window_shows_the_preview_at_once(qtbot):
    window = OverlayWindow()
    qtbot.addWidget(window)
    window.results.awaiting_paint = True
    window.show_preview("# Third\n\nNo paint will come.")
    assert "Third" in window.preview.toPlainText()
