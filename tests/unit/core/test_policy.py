"""Machine policy: precedence across every source, locking, bad files, and each OS's store
(Windows and macOS through stand-ins of their stores)."""

from __future__ import annotations

import json
import os
import plistlib
from pathlib import Path

import pytest

from jitl_desktop.cli import main
from jitl_desktop.core import policy
from jitl_desktop.core.policy import load_settings, read_linux, read_macos, read_windows
from tests.helpers import FakeRegistry


def write_policy(root: Path, name: str, data: object, mode: int = 0o644) -> Path:
    folder = root / policy.LINUX_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    path.chmod(mode)
    return path


def user_settings(config: Path, values: dict[str, object]) -> Path:
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps(values))
    return config


@pytest.mark.skipif(os.geteuid() != 0, reason="policy files must belong to root")
def test_precedence_policy_then_user_then_recommended_then_default(tmp_path):
    write_policy(tmp_path, "10-base.json", {
        "policies": {"hotkey": "F9", "history": False},
        "recommended": {"theme": "dark", "hide_on_focus_loss": False, "autostart": True}})
    write_policy(tmp_path, "20-site.json", {"policies": {"hotkey": "F10"}})
    config = user_settings(tmp_path / "config", {
        "hotkey": "Ctrl+Alt+K", "theme": "light", "history": True})
    settings = load_settings(config, read_linux(tmp_path))
    got = settings.effective()
    assert got["hotkey"]["value"] == "<f10>" and got["hotkey"]["locked"]  # later file wins
    assert got["hotkey"]["source"].endswith("20-site.json (policies)")
    assert got["history"] == {"value": False, "locked": True,
                              "source": got["history"]["source"]}  # beats the user
    assert got["theme"]["value"] == "light"  # the user beats a recommendation
    assert got["hide_on_focus_loss"]["value"] is False  # a recommendation beats a default
    assert got["hide_on_focus_loss"]["source"].endswith("10-base.json (recommended)")
    assert got["context_detection"] == {"value": True, "source": "default", "locked": False}


@pytest.mark.skipif(os.geteuid() != 0, reason="policy files must belong to root")
def test_a_wrong_type_drops_that_key_only_and_names_file_and_key(tmp_path):
    path = write_policy(tmp_path, "it.json", {"policies": {"history": "no", "hotkey": "F9",
                                                           "colour": "red"}})
    settings = load_settings(tmp_path / "config", read_linux(tmp_path))
    assert settings.get("hotkey") == "<f9>" and settings.locked("hotkey")
    assert settings.get("history") is True and not settings.locked("history")
    text = "\n".join(settings.warnings)
    assert str(path) in text and "'history'" in text and "'colour'" in text


def test_broken_and_unsafe_policy_files_are_reported_not_ignored(tmp_path):
    broken = write_policy(tmp_path, "broken.json", "{ not json")
    loose = write_policy(tmp_path, "loose.json", {"policies": {"hotkey": "F9"}}, mode=0o666)
    shape = write_policy(tmp_path, "shape.json", {"hotkey": "F9"})
    found = read_linux(tmp_path)
    text = "\n".join(found.problems)
    assert f"{broken}: not used" in text
    assert f"{loose}: not used: a policy file must belong to root" in text
    assert f"{shape}: not used: expected an object with 'policies'" in text
    assert not any(layer.values.get("hotkey") for layer in found.locking)


def test_a_file_not_owned_by_root_locks_nothing(tmp_path):
    path = write_policy(tmp_path, "user.json", {"policies": {"hotkey": "F9"}})
    os.chown(path, 1000, 1000) if os.geteuid() == 0 else None
    found = read_linux(tmp_path)
    assert found.locking == [] and "must belong to root" in found.problems[0]


def test_windows_machine_policy_beats_user_policy_and_types_map(tmp_path):
    reg = FakeRegistry
    base = policy.WINDOWS_KEY
    fake = FakeRegistry({
        ("HKLM", base): {"hotkey": ("F9", reg.REG_SZ), "history": (0, reg.REG_DWORD),
                         "content_sources": (["\\\\srv\\howto", "D:\\docs"],
                                             reg.REG_MULTI_SZ)},
        ("HKCU", base): {"hotkey": ("F10", reg.REG_SZ), "autostart": (1, reg.REG_DWORD)},
        ("HKLM", base + r"\Recommended"): {"theme": ("dark", reg.REG_SZ),
                                            "hide_on_focus_loss": ("maybe", reg.REG_SZ)},
    })
    found = read_windows(fake)
    settings = load_settings(tmp_path / "config", found)
    got = settings.effective()
    assert got["hotkey"]["value"] == "<f9>" and got["hotkey"]["source"].startswith("HKEY_LOCAL")
    assert got["history"]["value"] is False and got["history"]["locked"]
    assert got["autostart"]["value"] is True and got["autostart"]["locked"]
    assert got["content_sources"]["value"] == ["\\\\srv\\howto", "D:\\docs"]
    assert got["theme"] == {"value": "dark", "locked": False,
                            "source": f"HKEY_LOCAL_MACHINE\\{base}\\Recommended"}
    assert any("'hide_on_focus_loss'" in w for w in settings.warnings)


def test_macos_forced_managed_preferences_lock_and_preferences_preset(tmp_path):
    managed = tmp_path / "Library" / "Managed Preferences"
    (managed / "ann").mkdir(parents=True)
    with (managed / "ann" / "org.jitl.desktop.plist").open("wb") as out:
        plistlib.dump({"hotkey": "Cmd+Shift+Space", "context_detection": False}, out)
    with (managed / "org.jitl.desktop.plist").open("wb") as out:
        plistlib.dump({"hotkey": "F9", "history": False}, out)
    (tmp_path / "Library" / "Preferences").mkdir(parents=True)
    with (tmp_path / "Library" / "Preferences" / "org.jitl.desktop.plist").open("wb") as out:
        plistlib.dump({"theme": "dark"}, out)
    (managed / "bob").mkdir()
    (managed / "bob" / "org.jitl.desktop.plist").write_text("not a plist")
    settings = load_settings(tmp_path / "config", read_macos(tmp_path, user="ann"))
    assert settings.get("hotkey") == "<shift>+<cmd>+<space>" and settings.locked("hotkey")
    assert settings.get("history") is False and settings.get("context_detection") is False
    assert settings.get("theme") == "dark" and not settings.locked("theme")
    bob = read_macos(tmp_path, user="bob")
    assert "not used" in bob.problems[0]


def test_policy_command_prints_every_value_and_its_source(tmp_path, monkeypatch, capsys):
    write_policy(tmp_path, "it.json", {"policies": {"history": False}})
    monkeypatch.setattr(policy, "SYSTEM_ROOT", tmp_path)
    monkeypatch.setattr("sys.platform", "linux")
    user_settings(tmp_path / "config", {"theme": "dark"})
    assert main(["--config-dir", str(tmp_path / "config"), "policy", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["settings"]["theme"] == {"value": "dark", "source": "user", "locked": False}
    history = data["settings"]["history"]
    if os.geteuid() == 0:
        assert history["value"] is False and history["locked"]
    assert set(data["settings"]) >= {"hotkey", "content_sources", "allow_user_content",
                                     "autostart", "context_detection", "history",
                                     "hide_on_focus_loss"}


def test_personal_folders_can_be_forbidden_and_organisation_folders_added(tmp_path):
    from jitl_desktop.core.settings import Layer, Settings, content_roots

    mine, theirs = tmp_path / "mine", tmp_path / "share"
    mine.mkdir()
    theirs.mkdir()
    user_settings(tmp_path / "config", {"content_folders": [str(mine)]})
    locked = Layer("policy", {"allow_user_content": False, "content_sources": [str(theirs)]},
                   locks=True)
    settings = Settings.load(tmp_path / "config", locking=[locked])
    assert content_roots(settings, None, tmp_path / "none") == [theirs]
    free = Settings.load(tmp_path / "config")
    assert content_roots(free, None, tmp_path / "none") == [mine]

