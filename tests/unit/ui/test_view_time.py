"""The time an item is in view in the library window: counted while the window is
shown (not while it is minimised), sent as the view's duration when the user leaves the
item (opens another, hides the window, quits); a window shown again makes a new view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from jitl_desktop.core.history import History
from jitl_desktop.core.outbox import Outbox
from jitl_desktop.core.search import Hit
from jitl_desktop.core.settings import BY_KEY
from jitl_desktop.core.xapi import Statements, XapiConfig
from jitl_desktop.services.user_state import UserState


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def hit(item_id: str) -> Hit:
    return Hit(item_id, item_id.title(), "guide", f"/c/{item_id}.md", 1.0, "", None)


def statements() -> Statements:
    values = {"xapi_endpoint": "http://127.0.0.1:9/xAPI/",
              "xapi_actor_salt": "an organisation's secret salt"}
    config = XapiConfig.from_settings(lambda k: values.get(k, BY_KEY[k].default))
    assert config is not None
    return Statements(config, login="ann")


def views_sent(data_dir: Path) -> list[tuple[str, str]]:
    with Outbox(data_dir / "history.sqlite") as box:
        return [(s["object"]["id"].rsplit("/items/", 1)[1], s["result"]["duration"])
                for s in box.export() if s["verb"]["id"].endswith("/experienced")]


def test_time_in_view_counts_only_while_the_window_is_shown(qtbot, tmp_path):
    clock = Clock()
    user = UserState(History(tmp_path, statements=statements()), clock=clock)
    window = QMainWindow()
    qtbot.addWidget(window)
    user.watch_view_window(window)

    user.record_view(hit("mail/sign"), app="xterm", source="overlay")
    window.show()
    clock.now += 30
    window.showMinimized()  # not counted while minimised
    qtbot.waitUntil(window.isMinimized)
    clock.now += 600
    window.showNormal()
    clock.now += 10
    user.record_view(hit("git/undo"), app=None, source="library")  # opens another
    assert views_sent(tmp_path) == [("mail/sign", "PT40.00S")]

    clock.now += 5
    window.hide()  # leaves the item
    clock.now += 3600
    assert views_sent(tmp_path)[1:] == [("git/undo", "PT5.00S")]
    window.show()  # shown again with the item: a new view of it
    clock.now += 7
    user.close()  # quitting leaves it
    assert views_sent(tmp_path)[2:] == [("git/undo", "PT7.00S")]
    with History(tmp_path) as again:
        assert [v["source"] for v in again.export()["views"]] == \
            ["overlay", "library", "library"]


def test_a_view_saves_its_time_at_what_the_user_does_so_a_crash_keeps_it(qtbot, tmp_path):
    clock = Clock()
    history = History(tmp_path, statements=statements())
    user = UserState(history, clock=clock)
    user.record_view(hit("git/undo"), app=None, source="overlay")
    clock.now += 12
    user.mark("git/undo", "helpful")
    clock.now += 50  # then the app is killed: nothing more is saved
    history.close()
    again = UserState(History(tmp_path, statements=statements()), clock=clock)
    assert views_sent(tmp_path) == [("git/undo", "PT12.00S")]
    again.close()  # no view open in this run: nothing more
    assert len(views_sent(tmp_path)) == 1


def two_windows(qtbot, user: UserState) -> tuple[QMainWindow, QMainWindow]:
    """The library window (followed by ``user``, shown and active) and another one."""
    library, other = QMainWindow(), QMainWindow()
    for window in (library, other):
        qtbot.addWidget(window)
    user.watch_view_window(library)
    activate(qtbot, library)
    return library, other


def activate(qtbot, window: QMainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_going_back_to_the_task_ends_the_view_when_the_user_went_away(qtbot, tmp_path):
    clock = Clock()
    user = UserState(History(tmp_path, statements=statements()), clock=clock, away_ms=200)
    library, task = two_windows(qtbot, user)
    user.record_view(hit("mail/sign"), app="xterm", source="overlay")
    clock.now += 20
    activate(qtbot, task)  # the user goes back to the application they were in
    clock.now += 300  # the guide stays on screen, unread
    qtbot.waitUntil(lambda: views_sent(tmp_path) == [("mail/sign", "PT20.00S")])
    activate(qtbot, library)  # back to the guide: a new view, ended as usual
    clock.now += 8
    user.close()
    assert views_sent(tmp_path) == [("mail/sign", "PT20.00S"), ("mail/sign", "PT8.00S")]


def test_a_short_look_elsewhere_does_not_end_the_view(qtbot, tmp_path):
    clock = Clock()
    user = UserState(History(tmp_path, statements=statements()), clock=clock, away_ms=400)
    library, other = two_windows(qtbot, user)
    user.record_view(hit("git/undo"), app=None, source="library")
    activate(qtbot, other)
    activate(qtbot, library)  # back before the away time
    qtbot.wait(600)
    assert views_sent(tmp_path) == []
    clock.now += 12
    user.close()
    assert views_sent(tmp_path) == [("git/undo", "PT12.00S")]
