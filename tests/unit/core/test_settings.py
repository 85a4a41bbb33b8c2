"""Settings: declared defaults, a bad value falls back with a warning, atomic saves,
layers (policy locks, recommended presets) and key combinations."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from jitl_desktop.core.keys import display_combo, parse_combo
from jitl_desktop.core.settings import TABLE, Layer, SettingError, Settings


def test_defaults_without_a_file(tmp_path):
    settings = Settings.load(tmp_path)
    assert settings.get("hotkey") == "<ctrl>+<alt>+<space>"
    assert settings.get("hide_on_focus_loss") is True
    assert settings.get("content_folders") == []
    assert settings.source("theme") == "default"
    assert settings.warnings == []
    assert not (tmp_path / "settings.json").exists()  # reading creates nothing


def test_a_choice_is_saved_and_read_back(tmp_path):
    Settings.load(tmp_path).set("hide_on_focus_loss", False)
    Settings.load(tmp_path).set("content_folders", ["~/team-docs", "/srv/howto"])
    again = Settings.load(tmp_path)
    assert again.get("hide_on_focus_loss") is False
    assert again.get("content_folders") == [os.path.expanduser("~/team-docs"), "/srv/howto"]
    assert again.source("hide_on_focus_loss") == "user"
    assert json.loads((tmp_path / "settings.json").read_text())["hide_on_focus_loss"] is False


def test_a_bad_value_falls_back_to_the_default_with_a_warning_naming_file_and_key(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"hide_on_focus_loss": "yes", "theme": "dark",
                                "hotkey": "ctrl+banana"}))
    settings = Settings.load(tmp_path)
    assert settings.get("hide_on_focus_loss") is True
    assert settings.get("theme") == "dark"  # the good key is still used
    assert settings.get("hotkey") == "<ctrl>+<alt>+<space>"
    text = "\n".join(settings.warnings)
    assert str(path) in text
    assert "'hide_on_focus_loss'" in text and '"yes"' in text
    assert "'hotkey'" in text and "banana" in text
    # nothing was lost: the file still holds what the user wrote
    assert json.loads(path.read_text())["hide_on_focus_loss"] == "yes"


def test_a_broken_file_is_moved_aside_not_overwritten(tmp_path):
    (tmp_path / "settings.json").write_text("{ this is not json")
    settings = Settings.load(tmp_path)
    assert settings.get("theme") == "system"
    aside = list(tmp_path.glob("settings.json.broken-*"))
    assert len(aside) == 1 and aside[0].read_text() == "{ this is not json"
    assert aside[0].name in settings.warnings[0]
    settings.set("theme", "light")
    assert aside[0].read_text() == "{ this is not json"
    assert Settings.load(tmp_path).get("theme") == "light"


def test_unknown_keys_of_a_newer_version_survive_a_save(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"future_feature": {"x": 1}}))
    settings = Settings.load(tmp_path)
    assert any("future_feature" in w for w in settings.warnings)
    settings.set("theme", "dark")
    assert json.loads((tmp_path / "settings.json").read_text()) == {
        "future_feature": {"x": 1}, "theme": "dark"}


def test_set_refuses_bad_values_and_unknown_keys_and_keeps_the_old_value(tmp_path):
    settings = Settings.load(tmp_path)
    with pytest.raises(SettingError, match="Theme: expected one of system, light, dark"):
        settings.set("theme", "purple")
    with pytest.raises(SettingError, match="no setting 'colour'"):
        settings.set("colour", "red")
    with pytest.raises(SettingError, match="needs a modifier"):
        settings.set("hotkey", "k")
    assert settings.get("theme") == "system"
    assert not (tmp_path / "settings.json").exists()


def test_an_unwritable_folder_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be")
    settings = Settings.load(blocker)
    with pytest.raises(SettingError, match=r"cannot save the settings to .*config"):
        settings.set("theme", "dark")


def test_a_kill_during_saving_leaves_the_old_file_or_the_new_one(tmp_path):
    Settings.load(tmp_path).set("theme", "dark")
    # a process that saves in a loop, killed at once: the file is always whole JSON
    code = ("import sys, pathlib; from jitl_desktop.core.settings import Settings\n"
            "s = Settings.load(pathlib.Path(sys.argv[1]))\n"
            "print('go', flush=True)\n"
            "while True:\n"
            "    s.set('content_folders', ['/x/' + 'y' * 5000]); s.set('theme', 'light')\n")
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline() == "go\n"
        proc.kill()
        proc.wait()
        proc.stdout.close()
        data = json.loads((tmp_path / "settings.json").read_text())
        assert data["theme"] in ("dark", "light")
    assert Settings.load(tmp_path).warnings == []


def test_a_policy_locks_and_a_recommendation_only_presets(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"theme": "dark", "hotkey": "F9"}))
    policy = Layer("/etc/jitl-desktop/policies/it.json",
                   {"hotkey": "Ctrl+Shift+F1", "autostart": "sure"}, locks=True)
    recommended = Layer("/etc/jitl-desktop/policies/recommended.json",
                        {"theme": "light", "hide_on_focus_loss": False})
    settings = Settings.load(tmp_path, locking=[policy], recommended=[recommended])
    assert settings.get("hotkey") == "<ctrl>+<shift>+<f1>"
    assert settings.locked("hotkey") and settings.source("hotkey") == policy.name
    assert settings.get("theme") == "dark"  # the user's choice beats a recommendation
    assert settings.get("hide_on_focus_loss") is False and not settings.locked("theme")
    # a bad policy value drops that key only, with a warning naming file and key
    assert settings.get("autostart") is False and not settings.locked("autostart")
    assert any(policy.name in w and "'autostart'" in w for w in settings.warnings)
    with pytest.raises(SettingError, match="managed by your organisation"):
        settings.set("hotkey", "Ctrl+Alt+K")
    assert settings.effective()["hotkey"] == {"value": "<ctrl>+<shift>+<f1>",
                                              "source": policy.name, "locked": True}


def test_every_setting_has_a_valid_default():
    from jitl_desktop.core.settings import coerce

    for setting in TABLE:
        assert coerce(setting, setting.default) == setting.default, setting.key
        assert setting.label and setting.description


@pytest.mark.parametrize(("text", "canonical", "shown"), [
    ("<ctrl>+<alt>+space", "<ctrl>+<alt>+<space>", "Ctrl+Alt+Space"),
    ("Alt+Ctrl+Space", "<ctrl>+<alt>+<space>", "Ctrl+Alt+Space"),
    ("super+k", "<cmd>+k", "Super+K"),
    ("F9", "<f9>", "F9"),
    ("ctrl+shift+PgUp", "<ctrl>+<shift>+<page_up>", "Ctrl+Shift+PgUp"),
])
def test_key_combinations_have_one_spelling(text, canonical, shown):
    assert parse_combo(text) == canonical
    assert display_combo(canonical) == shown


@pytest.mark.parametrize(("text", "why"), [
    ("k", "needs a modifier"), ("shift+k", "capital letter"), ("ctrl+alt", "no key"),
    ("hyper+k", "not a modifier"), ("ctrl+banana", "not a key name"), ("", "not a key"),
])
def test_bad_key_combinations_say_why(text, why):
    with pytest.raises(ValueError, match=why):
        parse_combo(text)
