"""Layout on a 1280×800 screen with the starter content, the whole app in-process: text
wraps, nothing scrolls sideways, the quiz's questions stay in view, the search window
fits its screen, the library follows what is opened and takes the marks' keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from jitl_desktop.ui.overlay import overlay_geometry
from tests.helpers import multimedia_missing
from tests.inprocess import start_app

CONTENT = Path(__file__).resolve().parents[3] / "content"
VIDEO = "video-calls/share-screen-without-oversharing"
QUIZ = "security/spot-phishing-email-check"
GUIDE = "security/spot-phishing-email"
SCREEN = (1280, 800)


@pytest.fixture
def app(qtbot, qapp, tmp_path):
    running = start_app(qtbot, qapp, tmp_path, [CONTENT], at_least=41)
    running.library.ensure_loaded()
    qtbot.waitUntil(lambda: bool(running.library.entries), timeout=10000)
    yield running
    if running.library_window.player is not None:
        running.library_window.player.stop()
    running.shutdown()


def sideways(area: QAbstractScrollArea) -> bool:
    """Whether ``area`` scrolls (or would scroll) sideways."""
    bar = area.horizontalScrollBar()
    return bar.isVisible() or bar.maximum() > 0


@pytest.mark.no_qt_log
@pytest.mark.skipif(bool(multimedia_missing()), reason=multimedia_missing() or "")
def test_the_quiz_after_a_video_shows_every_question(qtbot, app):
    window = app.library_window
    window.resize(*SCREEN)
    app.items.open(VIDEO)  # as Enter in the search window does
    qtbot.waitUntil(lambda: window.player is not None and window.player.isVisible())
    app.items.open(QUIZ)
    qtbot.waitUntil(lambda: window.current is not None and window.current.item_id == QUIZ)
    quiz = window.quiz
    assert len(quiz.boxes) == 4
    assert quiz.isVisible() and quiz.viewport().height() >= 200
    for box in quiz.boxes:
        quiz.ensureWidgetVisible(box, 0, 0)
        assert box.isVisible() and not box.ask.visibleRegion().isEmpty(), box.ask.text()
        assert all(not label.visibleRegion().isEmpty() or label.height() > 0
                   for label in box.choice_labels)


def test_a_short_intro_leaves_the_room_to_the_quizs_questions(qtbot, app):
    window = app.library_window
    window.resize(*SCREEN)
    app.items.open(QUIZ)
    qtbot.waitUntil(lambda: window.current is not None and window.current.item_id == QUIZ)
    qtbot.waitUntil(lambda: window.quiz.height() > 0)
    # the one-sentence intro is shown whole, without a scroll bar and without empty room
    # under it: the questions get the rest
    assert window.body.verticalScrollBar().maximum() == 0
    assert window.quiz.height() >= 4 * window.body.height()
    app.items.open(GUIDE)  # an item without questions: its text takes the room
    qtbot.waitUntil(lambda: window.current is not None and window.current.item_id == GUIDE)
    qtbot.waitUntil(lambda: window.body.height() > 300)


@pytest.mark.no_qt_log  # (video items: the player's decoding threads, see test_player.py)
def test_no_view_scrolls_sideways_with_the_starter_content(qtbot, app):
    window = app.library_window
    window.resize(*SCREEN)
    window.show()
    overlay = app.overlay_window
    checked = 0
    for entry in app.library.entries:
        window.show_item(app.items.page(app.items.get(entry.id), None, autoplay=False),
                         focus=False)
        for area in (window.body, window.quiz, window.list):
            assert not sideways(area), f"{entry.id}: {area.objectName()}"
        inner = window.quiz.widget()
        if window.quiz.isVisible() and inner is not None:
            assert inner.minimumSizeHint().width() <= window.quiz.viewport().width(), entry.id
        checked += 1
    assert checked > 40
    app.overlay.show("share screen")
    qtbot.waitUntil(lambda: overlay.results.count() > 0)
    for row in range(overlay.results.count()):
        overlay.results.setCurrentRow(row)
        assert not sideways(overlay.preview) and not sideways(overlay.results)


def test_wrapped_code_stays_inside_its_block(qtbot):
    from PySide6.QtWidgets import QTextBrowser

    from jitl_desktop.ui.common import show_markdown

    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.resize(300, 300)
    browser.show()
    show_markdown(browser, "Run:\n\n```sh\n" + "tar -xf " + "x" * 200 + " --verbose\n```\n")
    assert not sideways(browser)
    assert "x" * 200 in browser.toPlainText()


@pytest.mark.parametrize("scale", [1, 2])
def test_the_search_window_fits_the_screen_at_any_scale(scale):
    area = QRect(0, 0, SCREEN[0] // scale, SCREEN[1] // scale - 24 // scale)
    placed = overlay_geometry(area)
    assert area.contains(placed), (placed, area)
    assert placed.width() >= area.width() // 2 and placed.height() >= area.height() // 2
    second = QRect(1280, 0, 1920 // scale, 1080 // scale)  # a screen on the right
    assert second.contains(overlay_geometry(second))


def test_the_search_window_opens_inside_its_screen(qtbot, app):
    app.overlay.show()
    overlay: QWidget = app.overlay_window
    qtbot.waitUntil(overlay.isVisible)
    screen = overlay.screen().availableGeometry()
    assert screen.contains(overlay.frameGeometry()), (overlay.frameGeometry(), screen)


def test_the_library_list_follows_an_item_opened_from_the_search_window(qtbot, app):
    window = app.library_window
    first, second = app.library.entries[0].id, app.library.entries[5].id
    app.items.open(first)
    qtbot.waitUntil(lambda: window.isVisible() and bool(window.listed_ids()))
    app.items.open(second)
    current = window.list.currentIndex()
    assert current.isValid() and window.entries[current.row()].id == second
    assert window.list.selectionModel().isSelected(current)


@pytest.mark.parametrize(("keys", "check"), [
    ("Ctrl+B", lambda user, i: user.is_bookmarked(i)),
    ("Ctrl+D", lambda user, i: user.is_done(i)),
    ("Alt+Y", lambda user, i: user.history.helpful().get(i) == 1),
    ("Alt+N", lambda user, i: user.history.helpful().get(i) == -1),
])
def test_the_marks_keys_work_in_the_library(qtbot, app, keys, check):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    window = app.library_window
    item_id = app.library.entries[0].id
    app.items.open(item_id)
    qtbot.waitUntil(window.isVisible)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.list.setFocus()
    combo = QKeySequence(keys)[0]
    QTest.keyClick(window.list, combo.key(), combo.keyboardModifiers())
    assert check(app.user, item_id), keys


def test_wrapping_keeps_long_feedback_inside_the_window(qtbot, app):
    window = app.library_window
    window.resize(*SCREEN)
    app.items.open(QUIZ)
    qtbot.waitUntil(window.isVisible)
    assert window.thanks.wordWrap() and window.quiz.boxes[0].feedback.wordWrap()
    assert window.quiz.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_the_library_panes_resize_but_never_collapse_and_the_quiz_stays(qtbot, app):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QSplitter

    window = app.library_window
    window.resize(*SCREEN)
    app.items.open(QUIZ)
    qtbot.waitUntil(lambda: window.current is not None and window.current.item_id == QUIZ)
    panes = window.findChild(QSplitter, "libraryPanes")
    assert panes is not None and panes.count() == 3
    handles = [panes.handle(i) for i in (1, 2)]
    assert [h.accessibleName() for h in handles] == ["Resize the topics and the list",
                                                    "Resize the list and the item"]
    # the list made wide by dragging its handle to the far right: the item keeps its room
    handle = handles[1]
    before = panes.sizes()
    start = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(handle, start + QPoint(2000, 0))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(2000, 0))
    sizes = panes.sizes()
    assert sizes[1] > before[1] and sizes[2] == panes.widget(2).minimumWidth(), (before, sizes)
    for pane, size in zip((panes.widget(i) for i in range(3)), sizes, strict=True):
        assert size >= pane.minimumWidth() > 0
    quiz = window.quiz
    assert quiz.isVisible() and quiz.viewport().height() >= 200 and not sideways(quiz)
    quiz.ensureWidgetVisible(quiz.boxes[-1], 0, 0)
    assert not quiz.boxes[-1].ask.visibleRegion().isEmpty()
