"""The desktop app on a real X server with a real window manager and tray."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import multimedia_missing

from .conftest import App, Desktop, make_content, start_desktop, wait_for

pytestmark = pytest.mark.e2e

OVERLAY = "Search — JITL Desktop"


def focus_xterm(desktop: Desktop) -> str:
    desktop.spawn("xterm", "-geometry", "60x10+20+20", "-title", "work")
    window = wait_for(lambda: desktop.xdotool("search", "--name", "^work$").split()[:1], 10,
                      "xterm")[0]
    desktop.xdotool("windowactivate", "--sync", window)
    wait_for(lambda: desktop.active_window_name() == "work", 5, "xterm focused")
    return str(window)


def visible_windows(app: App) -> set[str]:
    """The app's mapped windows (an open menu is one of them)."""
    assert app.proc is not None
    return set(app.desktop.xdotool("search", "--onlyvisible", "--pid",
                                   str(app.proc.pid)).split())


def open_menu_by_right_click(app: App, x: int, y: int) -> None:
    """Right-click at (x, y) and return once a new window of the app (the menu) shows."""
    before = visible_windows(app)
    app.desktop.xdotool("mousemove", str(x), str(y), "click", "3")
    wait_for(lambda: visible_windows(app) - before, 5, "the menu",
             show=lambda: f"windows before {sorted(before)}, now {sorted(visible_windows(app))}")


def test_hotkey_opens_focused_overlay_and_first_keystrokes_land(app: App):
    desktop = app.desktop
    focus_xterm(desktop)
    # the query is typed straight after the hotkey, by the same xdotool command,
    # without waiting for the window
    desktop.xdotool("key", "ctrl+alt+space", "type", "--delay", "10", "extract archive")
    status = wait_for(lambda: (s := app.status())["overlay"]["query"] == "extract archive"
                      and s["overlay"]["results"] and s, 10, "the typed query",
                      show=lambda: app.status()["overlay"])
    assert status["overlay"]["visible"]
    assert status["overlay"]["results"][0] == "terminal/extract-archive"
    assert desktop.active_window_name() == OVERLAY


def test_enter_opens_the_item_and_escape_hides(app: App):
    desktop = app.desktop
    app.cli("show", "--query", "signature")
    wait_for(lambda: app.status()["overlay"]["results"][:1] == ["mail/signature"], 10, "result")
    wait_for(lambda: desktop.active_window_name() == OVERLAY, 5, "overlay focused")
    desktop.xdotool("key", "Return")
    status = wait_for(lambda: (s := app.status())["library"]["visible"] and s, 10, "library")
    assert status["library"]["item"] == "mail/signature"
    assert not status["overlay"]["visible"]
    wait_for(lambda: "Add an e-mail signature" in desktop.active_window_name(), 5,
             "the library window focused")
    app.cli("show")
    wait_for(lambda: desktop.active_window_name() == OVERLAY, 5, "overlay focused")
    desktop.xdotool("key", "Escape")
    wait_for(lambda: not app.status()["overlay"]["visible"], 5, "overlay hidden")


def test_a_video_hit_opens_at_its_time(app: App):
    if reason := multimedia_missing():
        pytest.skip(reason)
    app.cli("show", "--query", "unpack tarball")
    wait_for(lambda: "terminal/archives-video" in app.status()["overlay"]["results"], 10,
             "video result")
    wait_for(lambda: app.desktop.active_window_name() == OVERLAY, 5, "overlay focused")
    results = app.status()["overlay"]["results"]
    for _ in range(results.index("terminal/archives-video")):
        app.desktop.xdotool("key", "Down")
    app.desktop.xdotool("key", "Return")
    status = wait_for(lambda: (s := app.status())["library"]["visible"] and s, 10, "library")
    assert (status["library"]["item"], status["library"]["at"]) == (
        "terminal/archives-video", 42.0)
    # the built-in player plays it from the cue, with that cue current in the transcript
    player = wait_for(lambda: (p := app.status()["library"]["player"]) and p["playing"]
                      and p["position"] >= 42.0 and p, 10, "playing from 0:42",
                      show=lambda: app.status()["library"])
    assert player["source"].endswith("archives.webm")
    assert player["position"] < 50 and player["cue"] == 1


def test_command_line_controls_the_running_instance(app: App):
    assert app.cli("show", "--query", "percentage").returncode == 0
    status = wait_for(lambda: (s := app.status())["overlay"]["results"] and s, 10, "results")
    assert status["overlay"]["visible"] and status["overlay"]["query"] == "percentage"
    assert status["overlay"]["results"][0] == "calculator/percent"
    assert app.cli("hide").returncode == 0
    assert not app.status()["overlay"]["visible"]
    assert app.cli("toggle").returncode == 0
    assert app.status()["overlay"]["visible"]
    status = app.status()
    assert app.proc is not None and status["pid"] == app.proc.pid
    assert status["hotkey"]["backend"] == "xgrab-x11" and status["hotkey"]["active"]
    assert status["index"]["items"] == 5
    assert app.cli("quit").returncode == 0
    assert app.proc is not None and app.proc.wait(10) == 0
    # the app's own log, for after a session started at login
    logged = (app.data_dir / "log" / "jitl-desktop.log").read_text()
    assert "ready in" in logged and "shutting down" in logged
    done = app.cli("status", "--json")
    assert done.returncode == 3 and "not running" in done.stderr


def test_second_launch_shows_the_running_overlay_and_exits(app: App):
    app.cli("hide")
    started = subprocess.run([sys.executable, "-m", "jitl_desktop", *app.dirs],
                             env=app.desktop.env, timeout=20, capture_output=True, check=False)
    assert started.returncode == 0
    assert app.status()["overlay"]["visible"]
    assert app.proc is not None and app.proc.poll() is None


def test_tray_menu_works_by_real_clicks(app: App):
    desktop = app.desktop
    tray = wait_for(lambda: (t := app.status()["tray"])["visible"] and t["geometry"][2] and t,
                    10, "tray icon")
    x, y, w, h = tray["geometry"]
    app.cli("hide")
    open_menu_by_right_click(app, x + w // 2, y + h // 2)
    desktop.xdotool("key", "Down", "Return")  # first entry: Search…
    wait_for(lambda: app.status()["overlay"]["visible"], 5, "overlay from the tray menu")
    app.cli("hide")
    desktop.xdotool("mousemove", str(x + w // 2), str(y + h // 2), "click", "1")
    wait_for(lambda: app.status()["overlay"]["visible"], 5, "overlay from a left click")


def test_a_file_saved_while_running_is_found(app: App):
    new = app.content / "files" / "backup.md"
    new.parent.mkdir()
    saved = time.monotonic()
    new.write_text("# Back up your laptop\n\n> Copy everything to an external zebra drive.\n")
    wait_for(lambda: app.cli("show", "--query", "zebra").returncode == 0
             and app.status()["overlay"]["results"][:1] == ["files/backup"], 10, "new file")
    assert time.monotonic() - saved < 5
    new.unlink()
    wait_for(lambda: app.cli("show", "--query", "zebra").returncode == 0
             and app.status()["overlay"]["results"] == [], 10, "deleted file gone")


def test_without_a_tray_everything_stays_reachable(tmp_path: Path):
    bare = start_desktop(tmp_path, tray=False)
    app = App(bare, tmp_path / "data", make_content(tmp_path / "content"),
              log=tmp_path / "app.log")
    try:
        app.start()
        status = app.status()
        assert status["tray"]["available"] is False
        assert "show" in status["tray"]["note"]
        assert app.cli("show", "--query", "signature").returncode == 0
        wait_for(lambda: app.status()["overlay"]["results"][:1] == ["mail/signature"], 10,
                 "results without a tray")
        focus_xterm(bare)
        # the overlay hides when it loses focus; press the hotkey once it has
        wait_for(lambda: not app.status()["overlay"]["visible"], 5, "overlay hidden")
        bare.xdotool("key", "ctrl+alt+space")
        wait_for(lambda: bare.active_window_name() == OVERLAY, 5, "hotkey without a tray")
    finally:
        app.stop()
        bare.stop()


def test_the_first_run_with_a_tray_says_so_there_and_opens_no_window(desktop: Desktop,
                                                                     tmp_path: Path):
    app = App(desktop, tmp_path / "data", make_content(tmp_path / "content"),
              log=tmp_path / "app.log", first_run=True)
    try:
        app.start()
        status = app.status()
        [welcome] = status["notices"]
        assert welcome.startswith("Press Ctrl+Alt+Space in any application to search.")
        assert "icon in the system tray" in welcome
        assert status["overlay"]["visible"] is False
        app.stop()
        app.start()
        assert app.status()["notices"] == []
    finally:
        app.stop()


def test_the_first_run_without_a_tray_opens_the_search_window_once(tmp_path: Path):
    bare = start_desktop(tmp_path, tray=False)
    app = App(bare, tmp_path / "data", make_content(tmp_path / "content"),
              log=tmp_path / "app.log", first_run=True)
    try:
        app.start()
        wait_for(lambda: bare.active_window_name() == OVERLAY, 10, "the welcome window")
        assert app.status()["overlay"]["visible"] is True
        app.stop()
        app.start()  # the second run: nothing opens on its own
        time.sleep(1)
        assert app.status()["overlay"]["visible"] is False
        assert bare.active_window_name() != OVERLAY
    finally:
        app.stop()
        bare.stop()


GRABBER = """
import sys, time
from Xlib import X, XK, display
d = display.Display()
code = d.keysym_to_keycode(XK.string_to_keysym("space"))
d.screen().root.grab_key(code, X.ControlMask | X.Mod1Mask, True, X.GrabModeAsync,
                         X.GrabModeAsync)
d.sync()
print("grabbed", flush=True)
time.sleep(60)  # holds the grab until the test kills it
"""


def test_diagnose_reports_the_running_app_then_a_hotkey_taken_by_another_program(app: App):
    done = app.cli("diagnose")
    assert done.returncode == 0, done.stderr
    assert app.proc is not None and f"App: running, pid {app.proc.pid}" in done.stdout
    assert "Hotkey: xgrab-x11 <ctrl>+<alt>+<space> — works" in done.stdout
    assert "Tray: available" in done.stdout
    app.stop()
    grabber = subprocess.Popen([sys.executable, "-c", GRABBER], env=app.desktop.env,
                               stdout=subprocess.PIPE, text=True)
    try:
        assert grabber.stdout is not None and grabber.stdout.readline() == "grabbed\n"
        text = app.cli("diagnose").stdout
        assert "App: not running" in text
        assert "Ctrl+Alt+Space is already taken by another program" in text
    finally:
        grabber.kill()
        grabber.wait()
        if grabber.stdout is not None:
            grabber.stdout.close()


def test_without_a_global_hotkey_the_user_is_told_how_once(desktop: Desktop, tmp_path: Path):
    # a Wayland session (the app draws through XWayland, here Xvfb)
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland",
               "QT_QPA_PLATFORM": "xcb"}
    app = App(desktop, tmp_path / "data", make_content(tmp_path / "content"),
              log=tmp_path / "app.log", extra_env=wayland)
    try:
        app.start()
        status = app.status()
        assert status["hotkey"]["backend"] == "none" and not status["hotkey"]["active"]
        problem = status["hotkey"]["problem"]
        assert "Wayland" in problem and "jitl-desktop toggle" in problem
        assert status["notices"] == [problem]
        assert app.cli("toggle").returncode == 0  # the way in it recommends works
        wait_for(lambda: app.status()["overlay"]["visible"], 5, "overlay by the command")
        app.stop()
        app.start()
        again = app.status()
        assert again["hotkey"]["problem"] == problem and again["notices"] == []
    finally:
        app.stop()
