"""The settings dialog. Every change applies at once (there is no OK to forget); a
change that cannot be applied is shown next to its control and not kept.

Render and emit: reading, checking, applying and saving are the controller's
(``services/settings.py``).
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jitl_desktop.core.index import UpdateReport
from jitl_desktop.core.settings import THEMES
from jitl_desktop.services.indexer import IndexWorker
from jitl_desktop.services.settings import SettingsController
from jitl_desktop.services.user_state import UserState
from jitl_desktop.services.words import QT_TRANSLATE_NOOP, fill, shown_combo
from jitl_desktop.ui.common import connect, named
from jitl_desktop.ui.i18n import SHIPPED

MANAGED = QT_TRANSLATE_NOOP("SettingsDialog", "Managed by your organisation")
#: the check boxes' texts with their keyboard mnemonics (Alt+letter); their names for a
#: screen reader and their tooltips are the settings' labels and descriptions
CHECK_TEXTS = {
    "bundled_content": QT_TRANSLATE_NOOP("SettingsDialog", "&Starter content"),
    "hide_on_focus_loss": QT_TRANSLATE_NOOP("SettingsDialog", "&Hide when focus is lost"),
    "autostart": QT_TRANSLATE_NOOP("SettingsDialog", "Start at &login"),
    "context_detection": QT_TRANSLATE_NOOP("SettingsDialog",
                                           "Su&ggest for the application in use"),
    "history": QT_TRANSLATE_NOOP("SettingsDialog", "&Keep a history of what I open and search"),
    "remote_media": QT_TRANSLATE_NOOP("SettingsDialog", "Play videos from other servers"),
}
THEME_NAMES = {"system": QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system"),
               "light": QT_TRANSLATE_NOOP("SettingsDialog", "Light"),
               "dark": QT_TRANSLATE_NOOP("SettingsDialog", "Dark")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


def _setting_word(text: str) -> str:
    """A setting's label or description (``core/settings.py``) in the language installed."""
    return QCoreApplication.translate("settings", text)

_NAMED_KEYS = {
    Qt.Key.Key_Space: "space", Qt.Key.Key_Tab: "tab", Qt.Key.Key_Return: "enter",
    Qt.Key.Key_Enter: "enter", Qt.Key.Key_Backspace: "backspace",
    Qt.Key.Key_Delete: "delete", Qt.Key.Key_Insert: "insert", Qt.Key.Key_Home: "home",
    Qt.Key.Key_End: "end", Qt.Key.Key_PageUp: "page_up", Qt.Key.Key_PageDown: "page_down",
    Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down", Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right", Qt.Key.Key_Pause: "pause", Qt.Key.Key_Print: "print_screen",
    Qt.Key.Key_ScrollLock: "scroll_lock", Qt.Key.Key_Menu: "menu",
    **{getattr(Qt.Key, f"Key_F{n}"): f"f{n}" for n in range(1, 25)},
}
_MODIFIER_KEYS = {Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta,
                  Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_AltGr}


def combo_from_key(key: int, modifiers: Qt.KeyboardModifier, *, mac: bool = False
                   ) -> str | None:
    """The combination (pynput spelling) of a key press, or None while only modifiers
    are held. On macOS Qt reports ⌘ as Control and ⌃ as Meta."""
    if key in _MODIFIER_KEYS or key == Qt.Key.Key_unknown:
        return None
    name = _NAMED_KEYS.get(Qt.Key(key))
    if name is None:
        if 0x20 < key < 0x7F:  # Qt's codes of printable ASCII keys are the characters
            name = chr(key).lower()
        else:
            return None
    mods = []
    ctrl, meta = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.MetaModifier
    if modifiers & (meta if mac else ctrl):
        mods.append("ctrl")
    if modifiers & Qt.KeyboardModifier.AltModifier:
        mods.append("alt")
    if modifiers & Qt.KeyboardModifier.ShiftModifier:
        mods.append("shift")
    if modifiers & (ctrl if mac else meta):
        mods.append("cmd")
    return "+".join([*(f"<{m}>" for m in mods), f"<{name}>" if len(name) > 1 else name])


class HotkeyRecorder(QPushButton):
    """Shows the hotkey; click it, press a new combination, and it is recorded.

    Signals:
        recorded(str): a combination was pressed (pynput spelling).
    """

    recorded = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = ""
        self.recording = False
        self.clicked.connect(self.start)

    def set_combo(self, combo: str) -> None:
        self.combo = combo
        self.recording = False
        self.setText(shown_combo(combo))

    def start(self) -> None:
        self.recording = True
        self.setText(self.tr("Press the new combination… (Esc cancels)"))
        self.setFocus()
        self.grabKeyboard()

    def stop(self) -> None:
        if self.recording:
            self.releaseKeyboard()
        self.set_combo(self.combo)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.recording:
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.stop()
            return
        combo = combo_from_key(event.key(), event.modifiers(), mac=sys.platform == "darwin")
        if combo is None:
            return
        self.releaseKeyboard()
        self.recording = False
        self.setText(shown_combo(combo))
        self.recorded.emit(combo)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.stop()
        super().focusOutEvent(event)


class SettingsDialog(QDialog):
    """Signals:
        reindex_requested(): the user asked to rebuild the index.
        export_requested(str): write the history to this file.
        clear_requested(): forget the history (the user confirmed).
    """

    reindex_requested = Signal()
    export_requested = Signal(str)
    clear_requested = Signal()

    def __init__(self, controller: SettingsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("settings")
        self.setMinimumWidth(560)
        self.warnings = named(QLabel(self), "settingsWarnings")
        self.warnings.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warnings)
        layout.addWidget(self._keyboard_group())
        layout.addWidget(self._content_group())
        layout.addWidget(self._behaviour_group())
        layout.addWidget(self._privacy_group())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self._language_values: list[str] = []
        self.retranslate()
        controller.changed.connect(lambda *_: self.refresh())
        self.refresh()

    def retranslate(self) -> None:
        """Say every word of the dialog in the language installed."""
        self.setWindowTitle(self.tr("Settings"))  # Qt adds " — JITL Desktop"
        self.warnings.setAccessibleName(self.tr("Problems with the settings"))
        self.keyboard.setTitle(self.tr("Keyboard"))
        self.hotkey.setAccessibleName(self.tr("Hotkey: click, then press the new combination"))
        if not self.hotkey.recording:  # its keys' names are the language's too
            self.hotkey.set_combo(self.hotkey.combo)
        self.hotkey_reset.setText(self.tr("&Default"))
        self.hotkey_reset.setAccessibleName(self.tr("Use the default hotkey"))
        self.hotkey_note.setAccessibleName(self.tr("Hotkey message"))
        self.hotkey_label.setText(self.tr("Show or hide the search &window:"))
        self.content.setTitle(self.tr("Content"))
        self.folders.setAccessibleName(self.tr("Your content folders"))
        self.add.setText(self.tr("&Add folder…"))
        self.add.setAccessibleName(self.tr("Add a content folder"))
        self.remove.setText(self.tr("&Remove"))
        self.remove.setAccessibleName(self.tr("Remove the selected content folder"))
        self.reindex.setText(self.tr("Reindex &now"))
        self.reindex.setAccessibleName(self.tr("Rebuild the search index"))
        self.progress.setAccessibleName(self.tr("Indexing progress"))
        self.index_state.setAccessibleName(self.tr("Index state"))
        self.folders_note.setAccessibleName(self.tr("Content folders message"))
        self.behaviour.setTitle(self.tr("Behaviour and appearance"))
        self.autostart_note.setAccessibleName(self.tr("Start at login message"))
        self.theme.setAccessibleName(self.tr("Theme"))
        for n, theme in enumerate(THEMES):
            self.theme.setItemText(n, _tr(THEME_NAMES.get(theme, theme.capitalize())))
        self.theme_label.setText(self.tr("&Theme:"))
        self.language.setAccessibleName(self.tr("Language"))
        self.language_label.setText(self.tr("Lang&uage:"))
        self.history_note.setAccessibleName(self.tr("History message"))
        self.export.setText(self.tr("E&xport history…"))
        self.export.setAccessibleName(self.tr("Export the history to a file"))
        self.clear_history.setText(self.tr("&Clear history…"))
        self.clear_history.setAccessibleName(self.tr("Clear the history"))
        self.records_note.setAccessibleName(self.tr("Learning records"))
        for key, text in CHECK_TEXTS.items():
            box = getattr(self, key)
            box.setText(_tr(text))
            box.setAccessibleName(_setting_word(self.controller.declared(key).label))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        super().changeEvent(event)

    # --- building -------------------------------------------------------------------------

    def _keyboard_group(self) -> QGroupBox:
        group = self.keyboard = QGroupBox(self)
        self.hotkey = named(HotkeyRecorder(group), "hotkey")
        self.hotkey.recorded.connect(lambda combo: self._set("hotkey", combo))
        self.hotkey_reset = named(QPushButton(group), "hotkeyReset")
        self.hotkey_reset.clicked.connect(
            lambda: self._set("hotkey", self.controller.declared("hotkey").default))
        self.hotkey_note = self._note(group, "hotkeyNote")
        row = QHBoxLayout()
        row.addWidget(self.hotkey, 1)
        row.addWidget(self.hotkey_reset)
        label = self.hotkey_label = QLabel(group)
        label.setBuddy(self.hotkey)
        form = QFormLayout(group)
        form.addRow(label, row)
        form.addRow(self.hotkey_note)
        return group

    def _content_group(self) -> QGroupBox:
        group = self.content = QGroupBox(self)
        self.bundled = self.bundled_content = self._checkbox(group, "bundled_content")
        self.folders = named(QListWidget(group), "contentFolders")
        self.folders.setMaximumHeight(110)
        self.folders.currentRowChanged.connect(lambda _row: self._enable_remove())
        self.add = named(QPushButton(group), "addFolder")
        self.add.clicked.connect(self._choose_folder)
        self.remove = named(QPushButton(group), "removeFolder")
        self.remove.clicked.connect(self.remove_selected)
        self.reindex = named(QPushButton(group), "reindex")
        self.reindex.clicked.connect(self.reindex_requested.emit)
        self.progress = named(QProgressBar(group), "indexProgress")
        self.progress.hide()
        self.index_state = self._note(group, "indexState")
        self.folders_note = self._note(group, "foldersNote")
        buttons = QVBoxLayout()
        for button in (self.add, self.remove, self.reindex):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.folders, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(group)
        layout.addWidget(self.bundled)
        layout.addLayout(row)
        layout.addWidget(self.folders_note)
        layout.addWidget(self.progress)
        layout.addWidget(self.index_state)
        return group

    def _behaviour_group(self) -> QGroupBox:
        group = self.behaviour = QGroupBox(self)
        self.hide_on_focus_loss = self._checkbox(group, "hide_on_focus_loss")
        self.autostart = self._checkbox(group, "autostart")
        self.autostart_note = self._note(group, "autostartNote")
        self.theme = named(QComboBox(group), "theme")
        for theme in THEMES:
            self.theme.addItem(theme)
        self.theme.currentIndexChanged.connect(
            lambda n: self._set("theme", THEMES[n]) if n >= 0 else None)
        self.language = named(QComboBox(group), "language")
        self.language.currentIndexChanged.connect(self._on_language)
        form = QFormLayout(group)
        form.addRow(self.hide_on_focus_loss)
        form.addRow(self.autostart)
        form.addRow(self.autostart_note)
        theme_label = self.theme_label = QLabel(group)
        theme_label.setBuddy(self.theme)
        form.addRow(theme_label, self.theme)
        self.language_label = QLabel(group)
        self.language_label.setBuddy(self.language)
        form.addRow(self.language_label, self.language)
        return group

    def _show_languages(self) -> None:
        """The language list: follow the system, each language shipped in its own name,
        and the tag set if it is another one."""
        current = str(self.controller.get("language") or "")
        values = ["", *SHIPPED]
        if current not in values:
            values.append(current)
        self.language.blockSignals(True)
        self.language.clear()
        for value in values:
            self.language.addItem(self.tr("Follow the system") if not value
                                  else SHIPPED.get(value, value))
        self._language_values = values
        self.language.setCurrentIndex(values.index(current))
        self.language.blockSignals(False)

    def _on_language(self, n: int) -> None:
        if 0 <= n < len(self._language_values):
            self._set("language", self._language_values[n])

    def _privacy_group(self) -> QGroupBox:
        group = self.privacy = QGroupBox(self)
        self.context_detection = self._checkbox(group, "context_detection")
        self.history = self._checkbox(group, "history")
        self.remote_media = self._checkbox(group, "remote_media")
        self.records_note = named(QLabel(group), "learningRecords")
        self.records_note.setWordWrap(True)
        self.export = named(QPushButton(group), "exportHistory")
        self.export.clicked.connect(self._choose_export)
        self.clear_history = named(QPushButton(group), "clearHistory")
        self.clear_history.clicked.connect(self._confirm_clear)
        self.history_note = self._note(group, "historyNote")
        row = QHBoxLayout()
        row.addWidget(self.export)
        row.addWidget(self.clear_history)
        row.addStretch(1)
        layout = QVBoxLayout(group)
        layout.addWidget(self.context_detection)
        layout.addWidget(self.history)
        layout.addLayout(row)
        layout.addWidget(self.history_note)
        layout.addWidget(self.remote_media)
        layout.addWidget(self.records_note)
        return group

    def _show_records(self) -> None:
        """Where learning records go (the organisation decides), and the group's title."""
        endpoint = str(self.controller.get("xapi_endpoint") or "")
        self.privacy.setTitle(self.tr("Privacy") if endpoint else
                              self.tr("Privacy (nothing leaves this computer)"))
        text = (fill(self.tr("Learning records (what you open, search, mark and answer, "
                             "under a pseudonym) are sent to %1. %2."), endpoint, _tr(MANAGED))
                if endpoint else self.tr("Learning records are kept on this computer only."))
        self.records_note.setText(text)
        self.records_note.setAccessibleDescription(text)

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the history"),
                                              "jitl-desktop-history.json", "JSON (*.json)")
        if path:
            self.export_history(path)

    def export_history(self, path: str) -> None:
        self.export_requested.emit(path)

    def _confirm_clear(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Clear history"), self.tr(
                "Forget every item opened, search, bookmark, done mark, vote and quiz answer "
                "on this computer?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.clear_requested.emit()

    def say_history(self, text: str) -> None:
        _say(self.history_note, text)

    def _checkbox(self, parent: QWidget, key: str) -> QCheckBox:
        box = named(QCheckBox(parent), key)
        box.toggled.connect(lambda on: self._set(key, on))
        return box

    @staticmethod
    def _note(parent: QWidget, name: str) -> QLabel:
        label = named(QLabel(parent), name)
        label.setWordWrap(True)
        label.hide()
        return label

    # --- showing the values ---------------------------------------------------------------

    def bind(self, indexer: IndexWorker, user: UserState) -> None:
        """Show what the index worker does; hand the history buttons to ``user``."""
        connect((self.reindex_requested, indexer.request_rebuild),
                (indexer.update_started, self.on_index_started),
                (indexer.progress, self.on_index_progress),
                (indexer.index_updated, self.on_index_updated),
                (indexer.update_failed, self.on_index_failed),
                (self.export_requested, user.export_to), (self.clear_requested, user.clear),
                (user.reported, self.say_history))

    def status(self) -> dict[str, bool]:
        return {"visible": self.isVisible(), "recording_hotkey": self.hotkey.recording}

    def present(self, hotkey_note: str) -> None:
        """Show the dialog up to date and in front (``hotkey_note``: what is wrong with
        the hotkey, or "")."""
        self.refresh(hotkey_note)
        self.show()
        self.raise_()
        self.activateWindow()

    def refresh(self, hotkey_note: str | None = None) -> None:
        """Show the current values, locks and messages."""
        c = self.controller
        self.warnings.setText("<br>".join(c.warnings))
        self.warnings.setVisible(bool(c.warnings))
        self.hotkey.set_combo(c.get("hotkey"))
        if hotkey_note is not None:
            _say(self.hotkey_note, hotkey_note)
        for key, box in (("bundled_content", self.bundled),
                         ("hide_on_focus_loss", self.hide_on_focus_loss),
                         ("autostart", self.autostart),
                         ("context_detection", self.context_detection),
                         ("history", self.history), ("remote_media", self.remote_media)):
            box.blockSignals(True)
            box.setChecked(bool(c.get(key)))
            box.blockSignals(False)
        self._show_records()
        self.folders.clear()
        self.folders.addItems(c.get("content_folders"))
        self.theme.blockSignals(True)
        self.theme.setCurrentIndex(THEMES.index(c.get("theme")))
        self.theme.blockSignals(False)
        self._show_languages()
        for key, widgets in (("hotkey", (self.hotkey, self.hotkey_reset)),
                             ("bundled_content", (self.bundled,)),
                             ("content_folders", (self.folders, self.add)),
                             ("hide_on_focus_loss", (self.hide_on_focus_loss,)),
                             ("autostart", (self.autostart,)),
                             ("context_detection", (self.context_detection,)),
                             ("history", (self.history,)),
                             ("remote_media", (self.remote_media,)),
                             ("theme", (self.theme,)), ("language", (self.language,))):
            locked = c.locked(key) or (key == "content_folders"
                                       and not c.get("allow_user_content"))
            for widget in widgets:
                widget.setEnabled(not locked)
                widget.setToolTip(f"{_tr(MANAGED)} ({c.source(key)})" if locked
                                  else _setting_word(c.declared(key).description))
        if c.autostart.machine_wide():
            self.autostart.setChecked(True)
            self.autostart.setEnabled(False)
            _say(self.autostart_note, fill(self.tr("%1: started at login for every user (%2)."),
                                           _tr(MANAGED), c.autostart.machine_wide()))
        elif c.autostart.problem:
            self.autostart.setEnabled(False)
            _say(self.autostart_note, c.autostart.problem)
        elif c.locked("autostart"):
            _say(self.autostart_note, _tr(MANAGED) + ".")
        if not c.get("allow_user_content"):
            _say(self.folders_note, fill(self.tr("%1: personal content folders are not "
                                                 "allowed on this computer."), _tr(MANAGED)))
        self._enable_remove()

    def _enable_remove(self) -> None:
        c = self.controller
        self.remove.setEnabled(not c.locked("content_folders") and bool(
            c.get("allow_user_content")) and self.folders.currentRow() >= 0)

    # --- changes --------------------------------------------------------------------------

    def _set(self, key: str, value: Any) -> bool:
        problem = self.controller.set(key, value)
        note = {"hotkey": self.hotkey_note, "autostart": self.autostart_note,
                "content_folders": self.folders_note,
                "bundled_content": self.folders_note}.get(key)
        if note is not None:
            _say(note, problem or "")
        elif problem:
            _say(self.warnings, problem)
        if problem:
            self.refresh()
        return problem is None

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a content folder"))
        if folder:
            self.add_folder(folder)

    def add_folder(self, folder: str) -> bool:
        folders = self.controller.get("content_folders")
        return self._set("content_folders", [*folders, folder])

    def remove_selected(self) -> bool:
        row = self.folders.currentRow()
        folders = self.controller.get("content_folders")
        if not 0 <= row < len(folders):
            return False
        del folders[row]
        return self._set("content_folders", folders)

    # --- the index, while it works ---------------------------------------------------------

    def on_index_started(self) -> None:
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.show()
        _say(self.index_state, self.tr("Indexing…"))

    def on_index_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.show()
        _say(self.index_state, fill(self.tr("Indexing… %1 of %2 files read"), done, total))

    def on_index_updated(self, report: UpdateReport) -> None:
        self.progress.hide()
        problems = ("; " + self.tr("%n file(s) with problems (run 'jitl-desktop lint' for "
                                   "details)", "", len(report.problems))
                    if report.problems else "")
        _say(self.index_state, fill(
            self.tr("Index up to date: %1 added, %2 changed, %3 removed in %4 s%5."),
            report.added, report.changed, report.removed,
            QLocale().toString(report.seconds, "f", 1), problems))

    def on_index_failed(self, message: str) -> None:
        self.progress.hide()
        _say(self.index_state, fill(self.tr("Indexing failed: %1"), message))


def _say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
