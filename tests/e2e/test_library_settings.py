"""The library window and the settings dialog on a real X server, driven by real keys
and clicks."""

from __future__ import annotations

import json
import time

import pytest

from .conftest import App, wait_for
from .test_desktop import OVERLAY, focus_xterm, open_menu_by_right_click

pytestmark = pytest.mark.e2e

SETTINGS = "Settings — JITL Desktop"


def open_tray_menu(app: App) -> None:
    tray = wait_for(lambda: (t := app.status()["tray"])["visible"] and t["geometry"][2] and t,
                    10, "tray icon")
    x, y, w, h = tray["geometry"]
    open_menu_by_right_click(app, x + w // 2, y + h // 2)


def test_browse_topics_from_the_tray_opens_an_item(app: App):
    wait_for(lambda: app.status()["index"]["items"] == 5, 10, "index")
    app.cli("hide")
    open_tray_menu(app)
    # Search… → Browse topics ▸ → Calculator (1) ▸ → Percentage change
    app.desktop.xdotool("key", "Down", "Down", "Right", "Right", "Return")
    status = wait_for(lambda: (s := app.status())["library"]["visible"] and s, 10,
                      "library from the tray", show=lambda: app.status()["library"])
    assert status["library"]["item"] == "calculator/percent"
    wait_for(lambda: "Percentage change" in app.desktop.active_window_name(), 5,
             "library focused")


def test_library_command_lists_a_topic(app: App):
    assert app.cli("library", "--topic", "terminal").returncode == 0
    status = wait_for(lambda: (s := app.status())["library"]["listed"] == 2 and s, 10,
                      "terminal items listed", show=lambda: app.status()["library"])
    assert status["library"]["visible"]
    assert app.cli("library").returncode == 0
    wait_for(lambda: app.status()["library"]["listed"] == 5, 10, "every item listed")


def test_a_recorded_hotkey_replaces_the_old_one(app: App):
    desktop = app.desktop
    assert app.cli("settings").returncode == 0
    wait_for(lambda: desktop.active_window_name() == SETTINGS, 10, "settings focused",
             show=desktop.active_window_name)
    # Alt+W, the mnemonic of the hotkey's label, clicks the recorder (Qt clicks a
    # button buddy, 100 ms later); the next combination is kept
    desktop.xdotool("key", "alt+w")
    wait_for(lambda: app.status()["settings"]["recording_hotkey"], 5,
             "the recorder to grab the keyboard")
    desktop.xdotool("key", "ctrl+alt+k")
    wait_for(lambda: app.status()["hotkey"]["combo"] == "<ctrl>+<alt>+k", 5,
             "the new hotkey", show=lambda: app.status()["hotkey"])
    saved = json.loads((app.config_dir / "settings.json").read_text())
    assert saved["hotkey"] == "<ctrl>+<alt>+k"
    desktop.xdotool("key", "Escape")  # closes the dialog
    wait_for(lambda: not app.status()["settings"]["visible"], 5, "settings closed")
    focus_xterm(desktop)
    desktop.xdotool("key", "ctrl+alt+space")  # the old combination is free again
    # nothing may happen: no event says so, so the app is given this long to get it wrong
    time.sleep(0.5)
    assert not app.status()["overlay"]["visible"]
    desktop.xdotool("key", "ctrl+alt+k")
    wait_for(lambda: desktop.active_window_name() == OVERLAY, 5, "overlay by the new hotkey")


def test_a_folder_added_in_settings_is_indexed_and_searchable(app: App, tmp_path):
    desktop = app.desktop
    team = tmp_path / "team"
    (team / "howto").mkdir(parents=True)
    (team / "howto" / "vpn.md").write_text("# Connect to the office VPN\n\n"
                                           "> Use the quokka client.\n")
    assert app.cli("settings").returncode == 0
    wait_for(lambda: desktop.active_window_name() == SETTINGS, 10, "settings focused",
             show=desktop.active_window_name)
    desktop.xdotool("key", "alt+a")  # Add folder… opens the folder chooser
    wait_for(lambda: desktop.active_window_name().startswith("Add a content folder"), 10,
             "folder chooser", show=desktop.active_window_name)
    desktop.xdotool("type", "--delay", "5", str(team))
    desktop.xdotool("key", "Return")
    wait_for(lambda: str(team) in app.status()["index"]["roots"], 10, "the new root",
             show=lambda: app.status()["index"])
    wait_for(lambda: app.cli("show", "--query", "quokka").returncode == 0
             and app.status()["overlay"]["results"][:1] == ["howto/vpn"], 15,
             "the new folder's item", show=lambda: app.status()["overlay"])
    saved = json.loads((app.config_dir / "settings.json").read_text())
    assert saved["content_folders"] == [str(team)]
