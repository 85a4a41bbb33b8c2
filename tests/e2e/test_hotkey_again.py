"""The hotkey pressed again right after the overlay was hidden (keys sent with XTEST,
as fast as a keyboard delivers them)."""

from __future__ import annotations

import pytest

from .conftest import App, Keys, wait_for

pytestmark = pytest.mark.e2e


def test_the_hotkey_right_after_hiding_shows_the_overlay_as_the_active_window(
        app: App) -> None:
    desktop = app.desktop
    desktop.spawn("xterm", "-title", "again")
    xterm = wait_for(lambda: desktop.xdotool("search", "--name", "^again$").split()[:1], 10,
                     "xterm")[0]
    keys = Keys(desktop)
    try:
        for _ in range(8):
            # hidden, and back to the xterm: Qt lets go of the overlay's focus only
            # 400 ms after it lost it, and the hotkey comes sooner
            app.cli("hide")
            desktop.xdotool("windowactivate", "--sync", xterm)
            before = app.status()["timing"]["overlay_shown_at"]
            keys.press("Control_L", "Alt_L", "space")
            # sooner than the hotkey's keyboard grab gives up (1 s), whose end would
            # bring the activation late
            status = wait_for(lambda b=before: (s := app.status())["timing"]
                              ["overlay_shown_at"] != b and s, 0.9, "the overlay active",
                              show=lambda: app.status()["overlay"])
            assert status["overlay"]["visible"]
        # and the next press hides it: the overlay counts as the active window
        keys.press("Control_L", "Alt_L", "space")
        wait_for(lambda: not app.status()["overlay"]["visible"], 5, "hidden by the hotkey")
    finally:
        keys.close()
