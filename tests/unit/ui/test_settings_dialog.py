"""The settings dialog with the real settings file and the real XDG autostart folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from jitl_desktop.core.settings import Layer, Settings
from jitl_desktop.platform.autostart import NullAutostart, XdgAutostart
from jitl_desktop.services.settings import SettingsController
from jitl_desktop.ui.settings import MANAGED, SettingsDialog, combo_from_key

Mod = Qt.KeyboardModifier


@pytest.fixture
def config(tmp_path) -> Path:
    return tmp_path / "config"


def make(qtbot, config, *, locking=(), autostart=None):
    autostart = autostart or XdgAutostart(["/usr/bin/jitl-desktop"])
    controller = SettingsController(Settings.load(config, locking=locking), autostart)
    dialog = SettingsDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    return controller, dialog


def press(qtbot, box) -> None:
    """Toggle a check box the way a keyboard user does."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def saved(config: Path) -> dict[str, object]:
    return json.loads((config / "settings.json").read_text())


def test_a_checkbox_applies_and_saves_at_once(qtbot, config):
    controller, dialog = make(qtbot, config)
    changes = []
    controller.changed.connect(lambda key, value: changes.append((key, value)))
    assert dialog.hide_on_focus_loss.isChecked()
    press(qtbot, dialog.hide_on_focus_loss)
    assert saved(config) == {"hide_on_focus_loss": False}
    assert changes == [("hide_on_focus_loss", False)]


def test_start_at_login_writes_the_autostart_entry(qtbot, config):
    _, dialog = make(qtbot, config)
    entry = Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "jitl-desktop.desktop"
    assert not dialog.autostart.isChecked() and not entry.exists()
    press(qtbot, dialog.autostart)
    assert "Exec=/usr/bin/jitl-desktop" in entry.read_text()
    assert saved(config)["autostart"] is True
    press(qtbot, dialog.autostart)
    assert not entry.exists()


def test_the_dialog_shows_what_the_os_says_about_start_at_login(qtbot, config):
    autostart = XdgAutostart(["/usr/bin/jitl-desktop"])
    autostart.set_enabled(True)  # turned on outside the app
    _, dialog = make(qtbot, config, autostart=autostart)
    assert dialog.autostart.isChecked()


def test_where_start_at_login_cannot_work_the_box_says_why(qtbot, config):
    _, dialog = make(qtbot, config, autostart=NullAutostart("not supported on plan9"))
    assert not dialog.autostart.isEnabled()
    assert "plan9" in dialog.autostart_note.text() and dialog.autostart_note.isVisible()


def test_a_recorded_hotkey_is_applied_then_saved(qtbot, config):
    controller, dialog = make(qtbot, config)
    grabbed = []
    controller.on_apply("hotkey", grabbed.append)
    qtbot.mouseClick(dialog.hotkey, Qt.MouseButton.LeftButton)
    assert dialog.hotkey.recording and "Press the new combination" in dialog.hotkey.text()
    qtbot.keyClick(dialog.hotkey, Qt.Key.Key_Control)  # modifiers alone record nothing
    assert dialog.hotkey.recording
    qtbot.keyClick(dialog.hotkey, Qt.Key.Key_K, Mod.ControlModifier | Mod.AltModifier)
    assert grabbed == ["<ctrl>+<alt>+k"]
    assert dialog.hotkey.text() == "Ctrl+Alt+K" and not dialog.hotkey.recording
    assert saved(config)["hotkey"] == "<ctrl>+<alt>+k"


def test_a_hotkey_that_cannot_be_grabbed_is_not_kept(qtbot, config):
    controller, dialog = make(qtbot, config)
    controller.on_apply("hotkey", lambda combo: "Ctrl+Alt+K is already taken by another "
                                                "program.")
    dialog.hotkey.start()
    qtbot.keyClick(dialog.hotkey, Qt.Key.Key_K, Mod.ControlModifier | Mod.AltModifier)
    assert "already taken" in dialog.hotkey_note.text() and dialog.hotkey_note.isVisible()
    assert dialog.hotkey.text() == "Ctrl+Alt+Space"
    assert not (config / "settings.json").exists()


def test_a_combination_without_modifier_is_refused_with_the_reason(qtbot, config):
    _, dialog = make(qtbot, config)
    dialog.hotkey.start()
    qtbot.keyClick(dialog.hotkey, Qt.Key.Key_K)
    assert "needs a modifier" in dialog.hotkey_note.text()
    assert dialog.hotkey.text() == "Ctrl+Alt+Space"


def test_escape_cancels_recording(qtbot, config):
    _, dialog = make(qtbot, config)
    dialog.hotkey.start()
    qtbot.keyClick(dialog.hotkey, Qt.Key.Key_Escape)
    assert not dialog.hotkey.recording and dialog.hotkey.text() == "Ctrl+Alt+Space"


def test_content_folders_are_added_and_removed(qtbot, config, tmp_path):
    controller, dialog = make(qtbot, config)
    changes = []
    controller.changed.connect(lambda key, value: changes.append((key, value)))
    team = tmp_path / "team docs"
    team.mkdir()
    assert dialog.add_folder(str(team))
    assert dialog.folders.count() == 1 and dialog.folders.item(0).text() == str(team)
    assert saved(config)["content_folders"] == [str(team)]
    assert not dialog.remove.isEnabled()
    dialog.folders.setCurrentRow(0)
    assert dialog.remove.isEnabled()
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    assert dialog.folders.count() == 0
    assert changes == [("content_folders", [str(team)]), ("content_folders", [])]


def test_theme_choice_is_saved(qtbot, config):
    _, dialog = make(qtbot, config)
    dialog.theme.setCurrentIndex(2)
    assert saved(config)["theme"] == "dark"


def test_locked_settings_are_disabled_and_say_who_manages_them(qtbot, config):
    policy = Layer("/etc/jitl-desktop/policies/it.json",
                   {"hotkey": "F9", "hide_on_focus_loss": False}, locks=True)
    _, dialog = make(qtbot, config, locking=[policy])
    assert dialog.hotkey.text() == "F9" and not dialog.hotkey.isEnabled()
    assert not dialog.hide_on_focus_loss.isEnabled()
    assert not dialog.hide_on_focus_loss.isChecked()
    assert MANAGED in dialog.hotkey.toolTip() and policy.name in dialog.hotkey.toolTip()
    assert dialog.theme.isEnabled()


def test_settings_file_problems_are_shown_at_the_top(qtbot, config):
    config.mkdir()
    (config / "settings.json").write_text('{"theme": "purple"}')
    _, dialog = make(qtbot, config)
    assert dialog.warnings.isVisible() and "'theme'" in dialog.warnings.text()


def test_index_progress_is_shown_while_indexing(qtbot, config):
    from jitl_desktop.core.index import UpdateReport

    _, dialog = make(qtbot, config)
    dialog.on_index_started()
    dialog.on_index_progress(50, 200)
    assert dialog.progress.isVisible() and dialog.progress.value() == 50
    assert "50 of 200" in dialog.index_state.text()
    dialog.on_index_updated(UpdateReport(added=200, seconds=1.5))
    assert not dialog.progress.isVisible()
    assert "200 added" in dialog.index_state.text()


@pytest.mark.parametrize(("key", "mods", "mac", "combo"), [
    (Qt.Key.Key_Space, Mod.ControlModifier | Mod.AltModifier, False, "<ctrl>+<alt>+<space>"),
    (Qt.Key.Key_K, Mod.MetaModifier | Mod.ShiftModifier, False, "<shift>+<cmd>+k"),
    (Qt.Key.Key_F9, Mod.NoModifier, False, "<f9>"),
    (Qt.Key.Key_PageUp, Mod.ControlModifier, False, "<ctrl>+<page_up>"),
    (Qt.Key.Key_Space, Mod.ControlModifier, True, "<cmd>+<space>"),  # ⌘ on a Mac
    (Qt.Key.Key_Space, Mod.MetaModifier, True, "<ctrl>+<space>"),  # ⌃ on a Mac
    (Qt.Key.Key_Alt, Mod.AltModifier, False, None),
])
def test_key_presses_become_combinations(key, mods, mac, combo):
    assert combo_from_key(key, mods, mac=mac) == combo


def test_privacy_switches_and_history_actions(qtbot, config, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    _, dialog = make(qtbot, config)
    press(qtbot, dialog.context_detection)
    press(qtbot, dialog.history)
    assert saved(config) == {"context_detection": False, "history": False}
    with qtbot.waitSignal(dialog.export_requested) as asked:
        dialog.export_history("/tmp/h.json")
    assert asked.args == ["/tmp/h.json"]
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    cleared = []
    dialog.clear_requested.connect(lambda: cleared.append(True))
    qtbot.mouseClick(dialog.clear_history, Qt.MouseButton.LeftButton)
    assert cleared == []  # the user said no
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(dialog.clear_history, Qt.MouseButton.LeftButton)
    assert cleared == [True]


def test_an_unparsable_policy_file_shows_in_diagnose_and_the_settings_dialog(
        tmp_path, monkeypatch, qtbot):
    from jitl_desktop.core import policy
    from jitl_desktop.core.policy import load_settings
    from jitl_desktop.diagnose import report
    from jitl_desktop.paths import Paths

    folder = tmp_path / policy.LINUX_DIR
    folder.mkdir(parents=True)
    broken = folder / "it.json"
    broken.write_text("{ not json")
    monkeypatch.setattr(policy, "SYSTEM_ROOT", tmp_path)
    monkeypatch.setattr("sys.platform", "linux")
    found = report(Paths(tmp_path / "data", tmp_path / "config"))
    assert any(str(broken) in w for w in found["settings"]["warnings"])
    dialog = SettingsDialog(SettingsController(load_settings(tmp_path / "config"),
                                               NullAutostart("not here")))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warnings.isVisible() and str(broken) in dialog.warnings.text()


def test_the_privacy_group_says_where_learning_records_go(qtbot, config):
    _, dialog = make(qtbot, config)
    assert dialog.privacy.title() == "Privacy (nothing leaves this computer)"
    assert dialog.records_note.text() == "Learning records are kept on this computer only."
    policy = Layer("/etc/jitl-desktop/policies/lrs.json",
                   {"xapi_endpoint": "https://lrs.example.com/xAPI/"}, locks=True)
    _, managed = make(qtbot, config, locking=[policy])
    assert managed.privacy.title() == "Privacy"
    assert "sent to https://lrs.example.com/xAPI/" in managed.records_note.text()
    assert MANAGED in managed.records_note.text()


def test_remote_media_is_a_check_box_that_policy_can_lock(qtbot, config):
    controller, dialog = make(qtbot, config)
    assert not dialog.remote_media.isChecked() and dialog.remote_media.isEnabled()
    press(qtbot, dialog.remote_media)
    assert controller.get("remote_media") is True and saved(config)["remote_media"] is True
    policy = Layer("/etc/jitl-desktop/policies/media.json", {"remote_media": False},
                   locks=True)
    _, locked = make(qtbot, config, locking=[policy])
    assert not locked.remote_media.isEnabled() and not locked.remote_media.isChecked()
    assert MANAGED in locked.remote_media.toolTip()
