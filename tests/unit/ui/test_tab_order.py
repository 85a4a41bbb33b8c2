"""A complete keyboard path: Tab walks through every control of each window and dialog
once, in the order the eye reads them, and comes back to the first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget

from jitl_desktop.app import JitlApp
from jitl_desktop.paths import Paths
from jitl_desktop.ui.report_problem import ReportProblemDialog
from tests.helpers import multimedia_missing
from tests.inprocess import null_backends

CONTENT = Path(__file__).resolve().parents[3] / "content"
VIDEO = "video-calls/share-screen-without-oversharing"
QUIZ = "security/spot-phishing-email-check"
LIST = ["topics", "filter_kind", "filter_app", "filter_tag", "filter_level", "clearFilters",
        "listFilter", "items"]
MARKS = ["bookmark", "done", "helpful", "unhelpful", "reportProblem"]


@pytest.fixture(scope="module")
def app(qapp, tmp_path_factory):
    base = tmp_path_factory.mktemp("tabs")
    paths = Paths(base / "data", base / "config")
    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / "settings.json").write_text(json.dumps({"bundled_content": False}))
    running = JitlApp(qapp, paths, [CONTENT], backends=null_backends())
    wait_until(qapp, lambda: running.indexer.status()["items"] > 40, 30)
    yield running
    if running.library_window.player is not None:
        running.library_window.player.stop()
    running.shutdown()


def wait_until(qapp, predicate, seconds: float) -> None:
    from PySide6.QtCore import QDeadlineTimer

    deadline = QDeadlineTimer(int(seconds * 1000))
    while not predicate():
        assert not deadline.hasExpired(), "timed out"
        qapp.processEvents()
        QTest.qWait(10)


def stops(window: QWidget) -> set[str]:
    """The controls Tab should reach: shown, enabled, taking the focus by Tab (of a group
    of radio buttons, the checked one, as Qt does)."""
    found = set()
    for widget in window.findChildren(QWidget):
        if not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isEnabled() \
                or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QRadioButton) and widget.autoExclusive() \
                and not widget.isChecked() and any(
                    b.isChecked() for b in widget.parentWidget().findChildren(QRadioButton)):
            continue
        found.add(label(widget))
    return found


def label(widget: QWidget) -> str:
    """A control's object name, else what it says."""
    text = getattr(widget, "text", None)
    return widget.objectName() or (text() if callable(text) else "") or repr(widget)


def tab_walk(qtbot, window: QWidget, start: QWidget) -> list[str]:
    """The object names of the controls Tab goes through from ``start`` until it is back
    there (a control that Tab moves inside, as through a text's links, counts once)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    walked: list[str] = []
    for _ in range(200):
        widget = QApplication.focusWidget()
        assert widget is not None and widget.window() is window, "the focus left the window"
        name = label(widget)
        if not walked or walked[-1] != name:
            walked.append(name)
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is start:
            return walked
    raise AssertionError(f"Tab never came back to the start: {walked}")


def assert_walk(qtbot, window: QWidget, start: QWidget, expected: list[str]) -> None:
    walked = tab_walk(qtbot, window, start)
    assert walked == expected
    assert len(set(walked)) == len(walked)  # each once
    assert set(walked) == stops(window)  # and none left out


def test_the_search_window_tabs_from_the_box_to_the_preview_and_back(qtbot, app):
    app.overlay.show("share screen")
    window = app.overlay_window
    qtbot.waitUntil(lambda: window.results.count() > 0)
    try:
        assert_walk(qtbot, window, window.box, ["searchBox", "preview"])
    finally:
        app.overlay.hide()


@pytest.mark.no_qt_log  # (the player's decoding threads, see test_player.py)
@pytest.mark.skipif(bool(multimedia_missing()), reason=multimedia_missing() or "")
def test_the_library_tabs_from_the_topics_through_the_video_to_the_marks(qtbot, app):
    window = app.library_window
    app.items.open(VIDEO)
    qtbot.waitUntil(lambda: window.current is not None and window.current.item_id == VIDEO)
    assert_walk(qtbot, window, window.topics,
                [*LIST, "player", "playPause", "position", "transcriptLanguage", "chapters",
                 "transcript", "itemBody", *MARKS])


def test_the_library_tabs_through_a_quizs_questions_in_order(qtbot, app):
    window = app.library_window
    app.items.open(QUIZ)
    qtbot.waitUntil(lambda: window.current is not None and window.current.item_id == QUIZ)
    walked = tab_walk(qtbot, window, window.topics)
    questions = [n for n in walked if n.startswith(("choice", "answer", "check"))]
    assert walked == [*LIST, "itemBody", "quiz", *questions, *MARKS]
    checks = [n for n in questions if n.startswith("check")]
    assert checks == ["check1", "check2", "check3", "check4"]
    # each question's answer before its Check button
    for n in range(1, 5):
        mine = [q for q in questions if q[len("choice"):].startswith(f"{n}_")
                or q in (f"answer{n}", f"check{n}")]
        assert mine[-1] == f"check{n}" and len(mine) >= 2
    assert set(walked) == stops(window) and len(set(walked)) == len(walked)


def test_the_settings_tab_from_the_hotkey_to_close(qtbot, app):
    app.open_settings()
    dialog = app.settings_dialog
    assert dialog is not None
    try:
        walked = tab_walk(qtbot, dialog, dialog.findChild(QWidget, "hotkey"))
        assert walked[:2] == ["hotkey", "hotkeyReset"]
        assert walked.index("bundled_content") < walked.index("contentFolders") \
            < walked.index("addFolder") < walked.index("theme") < walked.index("history") \
            < walked.index("exportHistory") < walked.index("clearHistory")
        assert walked[-1] == "Close"
        assert set(walked) == stops(dialog) and len(set(walked)) == len(walked)
    finally:
        dialog.hide()


def test_the_report_dialog_tabs_from_the_choice_to_the_buttons(qtbot):
    dialog = ReportProblemDialog("Extract an archive")
    qtbot.addWidget(dialog)
    dialog.show()
    walked = tab_walk(qtbot, dialog, dialog.findChild(QWidget, "problem-outdated"))
    assert walked == ["problem-outdated", "problemComment", "Send", "Cancel"]
    assert set(walked) == stops(dialog)
