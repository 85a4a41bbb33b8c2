"""The search window paints the results the user typed for first; the selected item's
text follows them a frame later (reading and laying out a page is the slower part)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jitl_desktop.services.overlay import Row
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


def _rows() -> list[Row]:
    return [Row("guides/a", "Alpha guide", "guide", "first"),
            Row("guides/b", "Beta guide", "guide", "second")]


def test_the_selected_result_is_said_once_the_new_results_are_painted(qtbot):
    window = OverlayWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    said: list[str] = []
    window.current_changed.connect(said.append)
    window.show_rows(_rows(), {"alpha"})
    assert said == []  # its preview (a file read, a page laid out) waits for the list
    window.results.viewport().repaint()
    qtbot.waitUntil(lambda: said == ["guides/a"])


def test_a_key_pressed_before_the_paint_acts_on_the_result_shown_selected(qtbot):
    window = OverlayWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    events: list[tuple[str, str]] = []
    window.current_changed.connect(lambda item: events.append(("selected", item)))
    window.mark_requested.connect(lambda mark: events.append(("mark", mark)))
    window.show_rows(_rows(), {"alpha"})
    qtbot.keyClick(window.box, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert events == [("selected", "guides/a"), ("mark", "bookmark")]


def test_each_keystroke_s_time_to_painted_results_is_kept_once(qtbot):
    window = OverlayWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    def painted() -> None:
        window.results.viewport().update()
        qtbot.waitUntil(lambda: not window.results.awaiting_paint)

    for key in (Qt.Key.Key_A, Qt.Key.Key_B):
        qtbot.keyClick(window.box, key)
        window.show_rows(_rows(), {"ab"})
        painted()
    window.show_rows(_rows(), {"ab"})  # the same text again (new content): no keystroke
    painted()
    timing = window.timing()
    assert timing["keys_painted"] == 2
    assert len(timing["keys_to_paint_ms"]) == 2
    assert all(0 <= ms < 5000 for ms in timing["keys_to_paint_ms"])
    assert timing["key_to_paint_ms"] is not None


def test_the_same_text_answered_again_keeps_the_chosen_row(qtbot):
    """A question answered again (its verdict read once it settled, or new content) keeps
    the row the user moved to, while it is listed; new text starts at the first row."""
    window = OverlayWindow()
    qtbot.addWidget(window)
    window.box.setText("guide")
    rows = [*_rows(), Row("guides/c", "Gamma guide", "guide", "third")]
    window.show_rows(rows, {"guide"})
    window.results.setCurrentRow(2)  # the user went down to the third
    window.show_rows(rows[1:], {"guide"})  # the same text, answered again
    assert window.results.currentRow() == 1  # still "guides/c"
    window.show_rows(rows[:2], {"guide"})  # it is no longer listed
    assert window.results.currentRow() == 0
    window.results.setCurrentRow(1)
    window.box.setText("guides")
    window.show_rows(rows, {"guides"})  # new text
    assert window.results.currentRow() == 0


def test_the_list_stays_put_when_a_hint_comes_and_goes(qtbot):
    """A verdict that comes after the results ("Nothing here answers …", once typing has
    settled) or a correction's line must not move the list under the user's eyes."""
    window = OverlayWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_rows(_rows(), {"alpha"})

    def list_top() -> int:
        qtbot.wait(1)  # the layout is settled by the event loop
        return window.results.mapTo(window, window.results.rect().topLeft()).y()

    before = list_top()
    window.show_hint("Nothing here answers <b>expense claim</b>. The closest:")
    assert window.hint.isVisible()
    assert list_top() == before
    window.show_hint("")
    assert not window.hint.isVisible()
    assert list_top() == before
    # the line has room for its text: nothing is cut at the top or the bottom
    window.show_hint("Showing results for <b>freeze</b> (you typed <i>freez</i>).")
    assert window.hint.height() >= window.hint.sizeHint().height()
