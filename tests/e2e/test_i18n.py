"""The app in German on the real desktop, as a screen reader reads it: started with
``LANG=de_DE.UTF-8`` (no ``LANGUAGE``, no language setting), its windows say German
words on the accessibility bus; choosing English in the Settings dialog with the
keyboard relabels the open windows without a restart.

Needs what tests/e2e/test_accessibility.py needs (skipped without it, failed under
``JITL_TEST_ATSPI=1``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.desktop import App, Desktop, wait_for
from tests.e2e.test_accessibility import CONTENT, bus_desktop, tree, window

__all__ = ["bus_desktop"]  # (the accessibility bus and desktop, one for this module)

GERMAN = {"LANG": "de_DE.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.fixture
def german_app(bus_desktop: Desktop, tmp_path: Path) -> Iterator[App]:
    running = App(bus_desktop, tmp_path / "home" / "data", CONTENT, start_timeout=60,
                  extra_env={"QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
                             "QT_ACCESSIBILITY": "1", **GERMAN})
    running.start()
    yield running
    running.stop()


def top(desktop: Desktop, *, starts: str) -> list[dict[str, object]]:
    """The nodes of the top-level window whose name starts with ``starts``."""
    nodes = tree(desktop)
    names = [n["name"] for n in nodes if n["depth"] == 1 and n["name"].startswith(starts)]
    return window(nodes, names[0]) if names else []


def names(nodes: list[dict[str, object]], role: str) -> set[str]:
    return {str(n["name"]) for n in nodes if n["role"] == role}


def test_german_from_the_locale_then_english_from_settings(german_app: App) -> None:
    app, desktop = german_app, german_app.desktop
    app.cli("show")
    search = wait_for(lambda: top(desktop, starts="JITL-Desktop-Suche") or None, 20,
                      "the German search window",
                      show=lambda: [n["name"] for n in tree(desktop) if n["depth"] == 1])
    assert {"Suchen", "Ergebnisse", "Vorschau"} <= \
        {str(n["name"]) for n in search}
    app.cli("library")
    library = wait_for(lambda: top(desktop, starts="Bibliothek") or None, 20,
                       "the German library")
    assert {"Filter zurücksetzen", "Lesezeichen setzen"} & names(library, "push button")
    assert "Themen" in {str(n["name"]) for n in library}
    app.cli("settings")
    settings = wait_for(lambda: top(desktop, starts="Einstellungen") or None, 20,
                        "the German settings")
    assert {"Den Verlauf löschen", "Den Suchindex neu aufbauen"} <= \
        names(settings, "push button")
    assert {"Bei der Anmeldung starten", "Startinhalte"} <= names(settings, "check box")
    assert "Wie das System" in names(settings, "combo box")  # (theme and language)
    assert {"Sprache:", "Farbschema:"} <= names(settings, "label")
    # English, chosen with the keyboard: Alt+P (S&prache) to the list, E for English
    desktop.xdotool("search", "--name", "^Einstellungen", "windowactivate", "--sync")
    desktop.xdotool("key", "alt+p")
    desktop.xdotool("key", "E")
    wait_for(lambda: top(desktop, starts="Settings") or None, 20, "the settings in English",
             show=lambda: [n["name"] for n in tree(desktop) if n["depth"] == 1])
    assert top(desktop, starts="JITL Desktop search")
    assert top(desktop, starts="Library") or top(desktop, starts="My learning")
    english = top(desktop, starts="Settings")
    assert {"Clear the history", "Rebuild the search index"} <= names(english, "push button")
    assert json.loads((app.config_dir / "settings.json").read_text())["language"] == "en"
    assert app.proc is not None and app.proc.poll() is None  # the same process: no restart
