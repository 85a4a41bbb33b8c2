"""The first run: the user is told once which key opens the search and where the app
lives (a tray message, or where there is no tray the search window itself), and a line
on the terminal the app was started from."""

from __future__ import annotations

import json
import os
from pathlib import Path

from jitl_desktop.app import JitlApp
from jitl_desktop.core.notices import Notices
from jitl_desktop.paths import Paths
from jitl_desktop.platform.active_window import NullActiveWindow
from jitl_desktop.platform.autostart import NullAutostart
from jitl_desktop.platform.backends import Backends
from jitl_desktop.platform.hotkey import HotkeyBackend, NullHotkey
from jitl_desktop.services.hotkey import HotkeyController


def welcomes(controller: HotkeyController) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    controller.welcomed.connect(lambda title, text: said.append((title, text)))
    return said


def test_the_first_run_names_the_hotkey_and_the_tray_icon_once(qtbot, tmp_path: Path):
    first = HotkeyController(HotkeyBackend(), notices=Notices(tmp_path))
    said = welcomes(first)
    first.start("<ctrl>+<alt>+<space>", tray=True)
    assert len(said) == 1
    title, text = said[0]
    assert title == "JITL Desktop is running"
    assert "Press Ctrl+Alt+Space" in text and "icon in the system tray" in text
    assert first.told == [text]  # (status --json: "notices")
    again = HotkeyController(HotkeyBackend(), notices=Notices(tmp_path))
    said_again = welcomes(again)
    again.start("<ctrl>+<alt>+<space>", tray=True)
    assert said_again == [] and again.told == []


def test_without_a_tray_the_welcome_names_the_commands(qtbot, tmp_path: Path):
    controller = HotkeyController(HotkeyBackend(), notices=Notices(tmp_path))
    said = welcomes(controller)
    controller.start("<super>+j", tray=False)
    assert "Press Super+J" in said[0][1] and "jitl-desktop library" in said[0][1]


def test_where_the_hotkey_does_not_work_its_notice_is_the_only_first_message(
        qtbot, tmp_path: Path):
    controller = HotkeyController(NullHotkey("a Wayland session"), notices=Notices(tmp_path))
    said = welcomes(controller)
    controller.start("<ctrl>+<alt>+<space>")
    assert said == [] and controller.told


def test_started_from_a_terminal_a_line_says_how_to_search(qtbot, tmp_path: Path):
    main, side = os.openpty()
    with os.fdopen(side, "w") as terminal:
        controller = HotkeyController(HotkeyBackend(), notices=Notices(tmp_path))
        controller.start("<ctrl>+<alt>+<space>", stderr=terminal)
        line = os.read(main, 4096).decode()
    os.close(main)
    assert line.startswith("JITL Desktop is running. Press Ctrl+Alt+Space")
    assert line.endswith("\n") and line.count("\n") == 1


def test_started_without_a_terminal_nothing_is_written(qtbot, tmp_path: Path):
    log = tmp_path / "stderr.txt"
    with log.open("w") as not_a_terminal:
        HotkeyController(HotkeyBackend(), notices=Notices(tmp_path)).start(
            "<ctrl>+<alt>+<space>", stderr=not_a_terminal)
    assert log.read_text() == ""


def working_hotkey() -> Backends:
    return Backends(hotkey=HotkeyBackend,
                    active_window=lambda parent: NullActiveWindow("tests", parent),
                    autostart=lambda _parent: NullAutostart("tests"))


def test_with_no_tray_the_search_window_opens_once_with_the_welcome(qtbot, qapp, tmp_path):
    paths = Paths(tmp_path / "data", tmp_path / "config")
    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / "settings.json").write_text(json.dumps({"bundled_content": False}))
    app = JitlApp(qapp, paths, [], backends=working_hotkey())
    try:
        assert app.tray is None  # (offscreen: no tray)
        window = app.overlay_window
        qtbot.waitUntil(window.isVisible)
        assert app.control.status()["overlay"]["visible"] is True
        assert "Press Ctrl+Alt+Space" in window.hint.text() and window.hint.isVisible()
    finally:
        app.shutdown()
    again = JitlApp(qapp, paths, [], backends=working_hotkey())
    try:
        qtbot.wait(200)
        assert not again.overlay_window.isVisible()
        assert again.control.status()["overlay"]["visible"] is False
    finally:
        again.shutdown()
