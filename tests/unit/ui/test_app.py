"""The whole app, composed in-process with the null platform backends, and the services
it is composed of, each driven on its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from jitl_desktop.core.history import History
from jitl_desktop.core.notices import Notices
from jitl_desktop.core.search import Hit
from jitl_desktop.platform.hotkey import NullHotkey
from jitl_desktop.services.control import ControlService
from jitl_desktop.services.hotkey import HotkeyController
from jitl_desktop.services.user_state import UserState
from tests.inprocess import start_app

PAGES = {
    "mail/signature.md": "# E-mail signature\n\n> Add a signature to your messages.\n",
    "terminal/extract.md": "---\ntitle: Extract an archive\nkind: snippet\n---\n"
                           "Unpack it:\n\n```sh\ntar -xf backup.tar.gz\n```\n",
}
#: what ``status --json`` has at least (ARCHITECTURE.md's contract)
CONTRACT = {"pid", "version", "overlay", "context", "hotkey", "tray", "index", "language"}


@pytest.fixture
def app(qtbot, qapp, tmp_path, make_content):
    running = start_app(qtbot, qapp, tmp_path, [make_content(PAGES)], items=2)
    yield running
    running.shutdown()


def test_the_app_runs_in_process_and_reports_the_status_contract(app):
    status = app.control.status()
    assert set(status) >= CONTRACT
    assert status["index"]["items"] == 2
    assert status["hotkey"]["backend"] == "none" and status["hotkey"]["problem"]
    assert status["overlay"] == {"visible": False, "query": "", "results": [], "why": []}
    assert status["settings"] == {"visible": False, "warnings": []}
    assert set(status["language"]) == {"ui", "content", "source"}
    assert status["language"]["source"] == "system" and status["language"]["ui"] == "en"
    assert json.loads(json.dumps(status)) == status  # what the socket sends


def test_a_hotkey_press_shows_the_search_window_and_a_second_hides_it(qtbot, app):
    app.hotkey.backend.pressed.emit()
    qtbot.waitUntil(app.overlay_window.isVisible)
    app.overlay_window.activateWindow()
    qtbot.waitUntil(app.overlay_window.isActiveWindow)
    app.hotkey.backend.pressed.emit()
    qtbot.waitUntil(lambda: not app.overlay_window.isVisible())
    assert app.control.status()["overlay"]["visible"] is False


def test_show_with_a_query_then_enter_opens_the_item_in_the_library(qtbot, app):
    app.control.handle({"command": "show", "query": "signature"})
    qtbot.waitUntil(lambda: app.control.status()["overlay"]["results"] == ["mail/signature"])
    app.overlay_window.activated.emit("mail/signature")
    qtbot.waitUntil(lambda: app.control.status()["library"]["item"] == "mail/signature")
    status = app.control.status()
    assert status["overlay"]["visible"] is False and status["library"]["visible"]
    assert app.user.history.recent() == ["mail/signature"]
    assert [h.id for h in app.user.recent] == ["mail/signature"]


def test_the_library_command_lists_a_topic(qtbot, app):
    app.control.handle({"command": "library", "topic": "terminal"})
    qtbot.waitUntil(lambda: app.control.status()["library"]["listed"] == 1)
    assert app.library_window.isVisible()


def test_a_mark_in_the_library_reaches_the_lists_at_once(qtbot, app):
    app.library.open(None)
    qtbot.waitUntil(lambda: app.control.status()["library"]["listed"] == 2)
    with qtbot.waitSignal(app.library.list_changed) as listed:
        app.library_window.mark_requested.emit("mail/signature", "bookmark")
    assert listed.args[2]["mail/signature"] == "★"
    assert app.user.history.bookmarks() == ["mail/signature"]


# --- services on their own -----------------------------------------------------------------

def hit(item_id: str) -> Hit:
    return Hit(item_id, item_id.title(), "guide", f"/c/{item_id}.md", 1.0, "", None)


def test_marks_toggle_and_say_what_they_did(qtbot):
    user = UserState(History(None))
    with qtbot.waitSignal(user.marked) as marked:
        assert user.mark("a", "bookmark") == "bookmark"
    assert marked.args == ["a", "bookmark"]
    assert user.mark("a", "bookmark") == "unbookmark"
    assert user.mark("a", "done") == "done"
    assert user.marks(["a", "b"]) == {"a": "✓", "b": ""}
    with pytest.raises(ValueError, match="unknown mark"):
        user.mark("a", "delete")


def test_recent_items_are_newest_first_without_repeats_and_cleared_with_the_history(qtbot):
    user = UserState(History(None))
    for item_id in ("a", "b", "a"):
        user.record_view(hit(item_id), app=None, source="overlay")
    assert [h.id for h in user.recent] == ["a", "b"]
    with qtbot.waitSignal(user.reported) as said, \
            qtbot.waitSignal(user.frecency_changed) as frecency:
        user.clear()
    assert said.args == ["History cleared."] and frecency.args == [{}]
    assert user.recent == [] and user.history.recent() == []


def test_exporting_to_a_folder_that_cannot_be_written_says_so(qtbot, tmp_path):
    user = UserState(History(None))
    (tmp_path / "a-file").write_text("")
    with qtbot.waitSignal(user.reported) as said:
        user.export_to(str(tmp_path / "a-file" / "history.json"))
    assert said.args[0].startswith("Could not write")


def test_control_runs_each_command_with_the_keys_it_takes(qtbot):
    done: list[tuple[str, dict[str, object]]] = []

    def action(name: str):
        return lambda **kw: done.append((name, kw))

    control = ControlService(
        actions={name: action(name) for name in
                 ("toggle", "show", "hide", "quit", "library", "settings")},
        report={"context": lambda: {"app": None}, "overlay": lambda: {"visible": True}})
    assert control.handle({"command": "show", "query": "tar", "topic": "ignored"}) == {}
    assert control.handle({"command": "library"}) == {}
    qtbot.waitUntil(lambda: len(done) == 2)
    assert done == [("show", {"query": "tar"}), ("library", {})]
    assert control.handle({"command": "context"}) == {"context": {"app": None}}
    assert control.handle({"command": "status"})["status"]["overlay"] == {"visible": True}


def test_control_refuses_to_be_built_without_an_action_for_every_command():
    with pytest.raises(ValueError, match="no action for quit"):
        ControlService(actions={name: print for name in
                                ("toggle", "show", "hide", "library", "settings")}, report={})


def test_no_hotkey_is_told_once_across_runs_and_the_tooltip_keeps_saying_it(qtbot,
                                                                            tmp_path: Path):
    def started() -> tuple[HotkeyController, list[str], list[str]]:
        controller = HotkeyController(NullHotkey("a Wayland session"),
                                      notices=Notices(tmp_path))
        tips: list[str] = []
        told: list[str] = []
        controller.tooltip_changed.connect(tips.append)
        controller.notice_needed.connect(lambda title, _text: told.append(title))
        controller.start("<ctrl>+<alt>+<space>")
        return controller, tips, told

    first, tips, told = started()
    assert told == ["JITL Desktop has no global hotkey"]
    assert "Wayland" in tips[-1] and first.told == [first.problem]
    again, tips, told = started()
    assert told == [] and again.told == [] and "Wayland" in tips[-1]


def test_ctrl_c_after_reopening_copies_the_item_and_says_copied(qtbot, app):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    window = app.overlay_window
    app.control.handle({"command": "show", "query": "extract archive"})
    qtbot.waitUntil(lambda: app.control.status()["overlay"]["results"][:1]
                    == ["terminal/extract"])
    app.overlay.hide()
    app.overlay.show()  # the query is kept and selected, as after the hotkey
    qtbot.waitUntil(window.isVisible)
    assert window.box.hasSelectedText()
    QTest.keyClick(window.box, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "tar -xf backup.tar.gz"
    assert window.hint.text().startswith("Copied:") and window.hint.isVisible()
