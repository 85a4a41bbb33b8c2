"""Context awareness on a real X server: real xterm and xcalc windows."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from .conftest import App, Desktop, make_content, start_desktop, wait_for
from .test_desktop import OVERLAY

pytestmark = pytest.mark.e2e


def open_window(desktop: Desktop, command: list[str], name: str) -> str:
    """Start a program, wait for its window and activate it; return its window id."""
    desktop.spawn(*command)
    window = wait_for(lambda: desktop.xdotool("search", "--name", name).split()[:1], 10,
                      name)[0]
    desktop.xdotool("windowactivate", "--sync", window)
    return str(window)


def context(app: App) -> dict:
    return app.status()["context"]


def test_the_context_follows_the_active_window_and_the_suggestions_follow_it(app: App):
    desktop = app.desktop
    xterm = open_window(desktop, ["xterm", "-geometry", "60x10+20+20", "-title", "work"],
                        "^work$")
    xcalc = open_window(desktop, ["xcalc", "-geometry", "+600+20"], "^Calculator$")
    status = wait_for(lambda: (c := context(app))["process"] == "xcalc" and c, 5,
                      "xcalc as the context", show=lambda: context(app))
    assert status["app"] == "xcalc" and status["backend"] == "x11"
    assert status["wm_class"] == "XCalc" and status["available"]
    desktop.xdotool("windowactivate", "--sync", xterm)
    status = wait_for(lambda: (c := context(app))["app"] == "xterm" and c, 5,
                      "xterm as the context", show=lambda: context(app))
    assert status["title"] == "work" and "terminal" in status["categories"]

    # the hotkey from the terminal: suggestions for terminals, and the overlay itself
    # never becomes the context
    desktop.xdotool("key", "ctrl+alt+space")
    wait_for(lambda: desktop.active_window_name() == OVERLAY, 5, "overlay focused")
    shown = wait_for(lambda: (o := app.status()["overlay"])["results"] and o, 5,
                     "suggestions", show=lambda: app.status()["overlay"])
    assert shown["results"][0] == "terminal/extract-archive"
    assert shown["why"][0] == "For Terminal"
    assert context(app)["app"] == "xterm"

    desktop.xdotool("key", "Escape")  # the focus goes back to the terminal: let it land
    wait_for(lambda: desktop.active_window_name() == "work", 5, "the terminal active again")
    desktop.xdotool("windowactivate", "--sync", xcalc)
    wait_for(lambda: context(app)["app"] == "xcalc", 5, "xcalc again")
    desktop.xdotool("key", "ctrl+alt+space")
    shown = wait_for(lambda: (o := app.status()["overlay"])["visible"] and o["results"]
                     and o["results"][0] == "calculator/xcalc-keys" and o, 5,
                     "suggestions for xcalc", show=lambda: app.status()["overlay"])
    # the rule naming xcalc itself comes before the one naming calculators
    assert shown["results"][:2] == ["calculator/xcalc-keys", "calculator/percent"]
    assert shown["why"][:2] == ["For xcalc", "For Calculator"]

    # Backspace in the empty box drops the context: no more suggestions
    desktop.xdotool("key", "BackSpace")
    wait_for(lambda: app.status()["overlay"]["results"] == [], 5, "context dropped",
             show=lambda: app.status()["overlay"])


def test_context_command_and_pausing_detection(app: App):
    desktop = app.desktop
    open_window(desktop, ["xterm", "-title", "shell"], "^shell$")
    wait_for(lambda: context(app)["app"] == "xterm", 5, "xterm")
    done = app.cli("context", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["process"] == "xterm"
    # turning detection off in the settings forgets the context at once
    app.cli("quit")
    assert app.proc is not None and app.proc.wait(10) == 0
    app.config_dir.mkdir(parents=True, exist_ok=True)
    (app.config_dir / "settings.json").write_text(json.dumps({"context_detection": False}))
    app.start()
    # nothing may be recorded: no event says so, so the app is given this long to get it
    # wrong (the xterm stays the active window)
    time.sleep(0.5)
    status = context(app)
    assert status["paused"] and status["app"] is None and status["title"] is None


def test_without_a_window_manager_the_context_is_unavailable_with_a_reason(tmp_path: Path):
    bare = start_desktop(tmp_path, tray=False, wm=False)
    app = App(bare, tmp_path / "data", make_content(tmp_path / "content"),
              log=tmp_path / "app.log")
    try:
        app.start()
        status = context(app)
        assert status["available"] is False and status["app"] is None
        assert "window manager" in status["reason"]
        assert "window manager" in app.cli("diagnose").stdout
    finally:
        app.stop()
        bare.stop()


def visible(app: App) -> list[str]:
    assert app.proc is not None
    return app.desktop.xdotool("search", "--onlyvisible", "--pid", str(app.proc.pid)).split()


def test_escape_gives_the_focus_back_to_the_window_the_user_was_in(app: App):
    desktop = app.desktop
    # the library is open too: the focus must not land there (nor nowhere)
    app.cli("library")
    wait_for(lambda: app.status()["library"]["visible"], 10, "the library")
    xterm = open_window(desktop, ["xterm", "-geometry", "60x10+20+20", "-title", "here"],
                        "^here$")
    wait_for(lambda: context(app)["title"] == "here", 5, "xterm as the context")
    for _ in range(2):
        desktop.xdotool("key", "ctrl+alt+space")
        wait_for(lambda: desktop.active_window_name() == OVERLAY, 5, "overlay focused")
        desktop.xdotool("key", "Escape")
        wait_for(lambda: desktop.xdotool("getactivewindow") == xterm, 5,
                 "the xterm focused again", show=desktop.active_window_name)
        assert not app.status()["overlay"]["visible"]
    # from the library (the app's own window), Escape goes back to the library
    library = desktop.xdotool("search", "--name", "^Library").split()
    shown = [w for w in library if w in visible(app)]
    assert shown, desktop.xdotool("search", "--onlyvisible", "--name", ".")
    desktop.xdotool("windowactivate", "--sync", shown[0])
    desktop.xdotool("key", "ctrl+alt+space")
    wait_for(lambda: desktop.active_window_name() == OVERLAY, 5, "overlay focused")
    desktop.xdotool("key", "Escape")
    wait_for(lambda: desktop.xdotool("getactivewindow") == shown[0], 5,
             "the library focused again", show=desktop.active_window_name)
    # where it is (for the screen the search window opens on)
    x, y, width, height = context(app)["geometry"]
    assert x >= 20 and y >= 20 and width > 100 and height > 50  # (inside its frame)


def test_giving_the_focus_back_activates_the_window_reported_last(desktop: Desktop):
    """The request itself, with a window manager that would not revert the focus on its
    own: the window last reported is activated while another one has the focus."""
    from Xlib import display

    from jitl_desktop.platform.active_window.x11 import activate

    xterm = open_window(desktop, ["xterm", "-geometry", "40x5+20+300", "-title", "back"],
                        "^back$")
    open_window(desktop, ["xterm", "-geometry", "40x5+600+300", "-title", "front"],
                "^front$")
    wait_for(lambda: desktop.active_window_name() == "front", 5, "another window in front")
    dpy = display.Display(desktop.env["DISPLAY"])
    try:
        activate(dpy, int(xterm))
    finally:
        dpy.close()
    wait_for(lambda: desktop.xdotool("getactivewindow") == xterm, 5, "the xterm again",
             show=desktop.active_window_name)
