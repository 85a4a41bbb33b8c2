"""``jitl-desktop diagnose`` says what works here and why not, without a running app."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# diagnose runs in a child process, which reads this machine's policy
pytestmark = pytest.mark.app_process


def diagnose(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    return subprocess.run([sys.executable, "-m", "jitl_desktop", "--data-dir",
                           str(tmp_path / "data"), "--config-dir", str(tmp_path / "config"),
                           "diagnose", *args], env={**clean, **env}, capture_output=True,
                          text=True, timeout=60, check=False)


def test_without_a_display_it_says_how_to_bind_the_toggle_command(tmp_path):
    done = diagnose(tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    hotkey = next(line for line in lines if line.startswith("Hotkey:"))
    assert "there is no display" in hotkey and "jitl-desktop toggle" in hotkey
    assert "App: not running" in lines
    assert any(line.startswith("Tray: none") for line in lines)
    assert any(line.startswith("Context: unavailable") for line in lines)
    assert f"Path data: {tmp_path / 'data'}" in lines


def test_on_wayland_it_names_wayland(tmp_path):
    done = diagnose(tmp_path, "--json", WAYLAND_DISPLAY="wayland-0",
                    XDG_SESSION_TYPE="wayland", QT_QPA_PLATFORM="offscreen")
    data = json.loads(done.stdout)
    assert data["display"]["server"] == "wayland"
    assert "Wayland" in data["desktop"]["hotkey"]["problem"]
    assert data["desktop"]["tray"]["available"] is False


def test_it_reports_settings_problems_and_the_index(tmp_path, make_content):
    from jitl_desktop.cli import main

    root = make_content({"a.md": "# Alpha\n", "b.md": "# Beta\n"})
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps(
        {"content_folders": [str(root)], "bundled_content": False, "theme": 7}))
    assert main(["--data-dir", str(tmp_path / "data"), "--config-dir", str(config),
                 "index"]) == 0
    data = json.loads(diagnose(tmp_path, "--json").stdout)
    assert data["index"]["items"] == 2 and not data["index"]["needs_rebuild"]
    assert data["settings"]["content_roots"] == [str(root)]
    assert any("'theme'" in w for w in data["settings"]["warnings"])
    assert data["settings"]["values"]["theme"] == {"value": "system", "source": "default",
                                                  "locked": False}
    text = diagnose(tmp_path).stdout
    assert "Index: 2 items" in text and "Settings problem:" in text


def test_it_says_the_languages_and_where_they_come_from(tmp_path):
    locale = {"LANG": "de_CH.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    lines = diagnose(tmp_path, **locale).stdout.splitlines()
    assert "Language: windows de, content de-CH, de (from the system)" in lines
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"language": "fr"}))
    data = json.loads(diagnose(tmp_path, "--json", **locale).stdout)["language"]
    assert data["content"] == ["fr", "de-CH", "de"] and data["source"] == "setting"
    assert data["system"] == ["de-CH"] and data["setting"] == "fr"


def test_it_says_whether_search_reads_meaning(tmp_path):
    data = json.loads(diagnose(tmp_path, "--json").stdout)["meaning"]
    assert data["loaded"] is True and data["effect"] == "words and meaning"
    assert data["folder"] and data["folder"].endswith("wordllama")
    assert "Search: words and meaning" in diagnose(tmp_path).stdout
    assert data["context"]["loaded"] is True and data["context"]["languages"] == ["en"]
    assert "Search in context: questions in English read in context" in \
        diagnose(tmp_path).stdout
