"""The Spotlight-like overlay: a search box, results and a preview. Render and emit.

All logic (what to search, what to show when the box is empty, what Enter does)
lives in ``services/overlay.py``; this module only displays and reports keys.
"""

from __future__ import annotations

import html
import time
import warnings
from collections import deque
from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QScreen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jitl_desktop.services.overlay import OverlayController, Row, says_nothing_answers
from jitl_desktop.ui.common import clear_button, connect, named, show_markdown
from jitl_desktop.ui.rows import RowDelegate, RowModel, spoken

#: after present() activated the overlay itself, a deactivation this soon (s) is Qt's
#: own late bookkeeping, not the user leaving the window
SELF_ACTIVATION_GRACE = 1.0
#: the selected result's preview waits for the new results to be painted, this long
#: at most (ms): a window that is not painted (covered, off screen) still shows it
CURRENT_AT_LATEST_MS = 100
#: keystrokes whose time to painted results is kept (for the benchmark, in status)
KEY_SAMPLES = 64
#: the search window's size where the screen has room for it
PREFERRED_SIZE = QSize(820, 520)


def overlay_geometry(area: QRect) -> QRect:
    """Where the search window goes in a screen's available ``area`` (logical pixels,
    so any scale factor): as large as it likes up to 90 % of the width and 80 % of the
    height, centred across, a fifth of the free height from the top; always inside."""
    width = min(PREFERRED_SIZE.width(), area.width() * 9 // 10)
    height = min(PREFERRED_SIZE.height(), area.height() * 8 // 10)
    x = area.left() + (area.width() - width) // 2
    y = area.top() + (area.height() - height) // 5
    return QRect(x, y, width, height)


def device_rect(screen: QScreen) -> QRect:
    """A screen's place on the desktop in device pixels, as the window system gives a
    window's place (Qt keeps a screen's top-left corner and scales its size)."""
    area, ratio = screen.geometry(), screen.devicePixelRatio()
    return QRect(area.x(), area.y(), round(area.width() * ratio),
                 round(area.height() * ratio))


def screen_for(window: tuple[int, int, int, int], screens: Sequence[QRect]) -> int | None:
    """Which of ``screens`` (device pixels) holds the centre of ``window`` (x, y, width,
    height); None when none does (then the pointer's screen is used)."""
    x, y, width, height = window
    centre = QPoint(x + width // 2, y + height // 2)
    return next((i for i, area in enumerate(screens) if area.contains(centre)), None)


class ResultsList(QListView):
    """The results list; remembers when results were last painted (for the benchmark).

    Signals:
        painted(): new results were painted.
    """

    painted = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.awaiting_paint = False
        self.painted_at = 0.0
        self.rows = RowModel(self)
        self.setModel(self.rows)
        self.setItemDelegate(RowDelegate(self.rows, self))

    def count(self) -> int:
        return self.rows.rowCount()

    def currentRow(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def setCurrentRow(self, row: int) -> None:
        self.setCurrentIndex(self.rows.index(row))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.awaiting_paint:
            self.awaiting_paint = False
            self.painted_at = time.perf_counter()
            self.painted.emit()


class OverlayWindow(QMainWindow):
    """Frameless, always-on-top search window.

    Signals:
        query_edited(str): the text in the box changed.
        current_changed(str): the selected result changed (its id, "" for none).
        activated(str): Enter on a result (its id).
        copy_requested(): Ctrl+C with no text selected in the box.
        hide_requested(): Escape.
        escaped(int): after hide_requested, this window's native id: the focus goes
            back to the window that had it before.
        focus_lost(): the window stopped being the active one.
        activated_window(): the window became the active one.
        link_clicked(str): a link in the hint line ("did you mean", "widen").
        preview_link_clicked(str): a link in the preview (as written in the content).
        mark_requested(str): Ctrl+B bookmark, Ctrl+D done, Alt+Y helpful, Alt+N not
            helpful, on the selected result.
        language_changed(): another language was installed (the window has said its
            words again; what the controller sent is to be said again too).
    """

    query_edited = Signal(str)
    current_changed = Signal(str)
    activated = Signal(str)
    copy_requested = Signal()
    hide_requested = Signal()
    escaped = Signal(int)
    focus_lost = Signal()
    activated_window = Signal()
    link_clicked = Signal(str)
    preview_link_clicked = Signal(str)
    mark_requested = Signal(str)
    language_changed = Signal()

    _MARK_KEYS: ClassVar[dict[tuple[int, Qt.KeyboardModifier], str]] = {
        (Qt.Key.Key_B.value, Qt.KeyboardModifier.ControlModifier): "bookmark",
        (Qt.Key.Key_D.value, Qt.KeyboardModifier.ControlModifier): "done",
        (Qt.Key.Key_Y.value, Qt.KeyboardModifier.AltModifier): "helpful",
        (Qt.Key.Key_N.value, Qt.KeyboardModifier.AltModifier): "unhelpful",
    }

    def __init__(self) -> None:
        # a top-level window of its own (not a tool window or a popup): screen readers
        # announce it as a frame with its title
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("overlay")
        central = QWidget(self)
        self.setCentralWidget(central)
        self.context_label = named(QLabel(self, textFormat=Qt.TextFormat.RichText), "context")
        self.context_label.linkActivated.connect(self.link_clicked)
        self.context_label.hide()
        self.box = named(QLineEdit(self), "searchBox")
        self.box.setClearButtonEnabled(True)
        font = self.box.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.box.setFont(font)
        self.hint = named(QLabel(self, textFormat=Qt.TextFormat.RichText), "hint")
        self.hint.linkActivated.connect(self.link_clicked)
        # its line stays whether it says something or not: a verdict that comes after
        # the results ("Nothing here answers", once typing settles) or a correction
        # must not move the list under the user's eyes
        policy = self.hint.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.hint.setSizePolicy(policy)
        self.hint.hide()
        self.results = named(ResultsList(self), "results")
        self._pending_preview: str | None = None  # shown once the new results are painted
        self._current_pending = False  # the selection is said once they are painted
        self.results.painted.connect(self._after_results_painted)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setUniformItemSizes(True)
        # rows are drawn to the list's width (the tooltip and the preview show the rest)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = named(QTextBrowser(self), "preview")
        # links are followed only as services/links.py allows, never by the browser
        self.preview.setOpenLinks(False)
        self.preview.anchorClicked.connect(self._on_preview_anchor)
        # Tab reaches it (to read it or follow its links), a click does not take the
        # focus from the box
        self.preview.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        # (a layout, not a splitter: a splitter's handle is an unnamed node of unknown
        # role to a screen reader)
        split = QHBoxLayout()
        split.addWidget(self.results, 55)
        split.addWidget(self.preview, 45)
        top = QHBoxLayout()
        top.addWidget(self.context_label)
        top.addWidget(self.box, 1)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addLayout(split, 1)
        self.resize(PREFERRED_SIZE)
        #: when it last became the active window (epoch), the last key (perf_counter)
        self.shown_at: float | None = None
        self.key_at = 0.0
        #: the last keys' times to painted results (ms), how many in all, the last key's
        self._key_samples: deque[float] = deque(maxlen=KEY_SAMPLES)
        self._keys_painted = 0
        self._sampled_key = 0.0
        self._count = 0  # results shown
        self._rows_for: str | None = None  # the text the rows shown answer
        #: when present() activated the window itself (monotonic), see there
        self._activated_here_at = -SELF_ACTIVATION_GRACE
        self._selected_here = False
        self._controller: OverlayController | None = None
        #: what was last announced to screen readers (newest last)
        self.announced: list[str] = []
        self.box.textEdited.connect(self.query_edited)
        self.box.selectionChanged.connect(self._on_selection_changed)
        self.box.installEventFilter(self)
        # (currentRowChanged, not currentItemChanged: PySide6 hands a None item to Python
        # without counting the reference, and after a few hundred keystrokes None's
        # count runs out and the process aborts)
        self.results.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.results.activated.connect(self._on_item_activated)
        self.results.clicked.connect(self._on_item_activated)
        QShortcut(QKeySequence("Ctrl+L"), self, self.focus_box)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._on_escape)
        self.retranslate()

    def retranslate(self) -> None:
        """Say every word of the window in the language installed."""
        self.setWindowTitle(self.tr("Search"))
        self.setAccessibleName(self.tr("JITL Desktop search"))
        self.setAccessibleDescription(self.tr("Type words; Up and Down choose a result, "
                                              "Enter opens it, Escape closes"))
        self.context_label.setAccessibleName(self.tr("Context"))
        self.box.setPlaceholderText(self.tr("Type two or three words…"))
        self.box.setAccessibleName(self.tr("Search"))
        clear_button(self.box, self.tr("Clear the search"))
        self.hint.setAccessibleName(self.tr("Hint"))
        self.results.setAccessibleName(self.tr("Results"))
        self.preview.setAccessibleName(self.tr("Preview"))
        self.results.setAccessibleDescription(self.tr("%n result(s)", "", self._count))

    def bind(self, c: OverlayController) -> None:
        """Tell ``c`` what the user does here, and show what it answers."""
        self._controller = c
        connect((self.query_edited, c.on_query_edited), (self.activated, c.on_activated),
                (self.current_changed, c.on_current_changed), (self.link_clicked, c.on_link),
                (self.copy_requested, c.on_copy_requested), (self.hide_requested, c.hide),
                (self.focus_lost, c.on_focus_lost), (self.mark_requested, c.on_mark),
                (self.preview_link_clicked, c.on_preview_link),
                (self.activated_window, c.on_window_active), (c.rows_ready, self.show_rows),
                (c.hint_changed, self.show_hint), (c.preview_ready, self.show_preview),
                (c.context_changed, self.show_context),
                (self.language_changed, c.retranslate))

    # --- showing -----------------------------------------------------------------------

    def present(self) -> None:
        """Show on the screen where the user works (the one holding the centre of the
        window in front, when the platform tells where it is; else the one with the
        pointer), sized to fit it, focused, caret in the box."""
        self.setGeometry(overlay_geometry(self._target_screen().availableGeometry()))
        self.show()
        self.raise_()
        self.activateWindow()
        self.focus_box()  # before any activation below: it hands over the caught keys
        handle = self.windowHandle()
        if handle is not None and handle.isActive() and not self.isActiveWindow():
            # Hidden and shown again before Qt let go of its focus: on X11 Qt waits
            # 400 ms after a focus-out for a focus-in before it drops the focus window,
            # and a focus-in for the window it still holds changes nothing. The window
            # manager's focus then brings no activation, and without one nobody learns
            # that the overlay is up (the hotkey's caught keys would wait for it).
            # Qt has no other public way to say it; the call is deprecated, not gone.
            # When Qt's wait then runs out before the window manager's focus comes,
            # Qt deactivates the window once: that is not the user leaving it.
            self._activated_here_at = time.monotonic()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                QApplication.setActiveWindow(self)

    def _target_screen(self) -> QScreen:
        app = self._controller.context if self._controller is not None else None
        screens = QGuiApplication.screens()
        if app is not None and app.geometry is not None:
            found = screen_for(app.geometry, [device_rect(s) for s in screens])
            if found is not None:
                return screens[found]
        return QGuiApplication.screenAt(self.cursor().pos()) \
            or QGuiApplication.primaryScreen()

    @Slot()
    def focus_box(self) -> None:
        self.box.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        self.box.selectAll()
        # selected here, not by the user: Ctrl+C still copies the item, not the query
        self._selected_here = True

    def set_query(self, text: str) -> None:
        self.box.setText(text)

    def insert_text(self, text: str) -> str:
        """Type ``text`` into the box at the caret (keys caught before the focus came);
        the whole query now."""
        self.box.insert(text)
        return self.box.text()

    def show_rows(self, rows: list[Row], words: set[str]) -> None:
        # the same text answered again (its verdict read once it settled): the row
        # chosen stays chosen while it is listed; new text starts at the first row
        text = self.box.text()
        kept = self.results.rows.row_at(self.results.currentRow()) \
            if text == self._rows_for else None
        self._rows_for = text
        self.results.awaiting_paint = True
        self.results.rows.set_rows(rows, words)
        self._count = len(rows)
        self.results.setAccessibleDescription(self.tr("%n result(s)", "", len(rows)))
        if rows:
            self.results.setCurrentRow(next(
                (n for n, row in enumerate(rows) if kept and row.item_id == kept.item_id), 0))
        else:
            self.preview.clear()
            self.current_changed.emit("")
        if self.box.text().strip():  # (not the suggestions of an empty box)
            self.announce(self.count_text(len(rows)))

    def count_text(self, n: int) -> str:
        """How many results there are, as a screen reader says it."""
        if not n:
            return self.tr("No results")
        response = self._controller.response if self._controller is not None else None
        if response is not None and says_nothing_answers(response):
            return self.tr("No good match, %n result(s)", "", n)
        return self.tr("%n result(s)", "", n)

    def announce(self, text: str) -> None:
        """Have a screen reader say ``text`` (the focus stays in the search box)."""
        self.announced.append(text)
        del self.announced[:-20]
        event = QAccessibleAnnouncementEvent(self.results, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)

    def show_hint(self, rich_text: str) -> None:
        self.hint.setText(rich_text)
        self.hint.setVisible(bool(rich_text))

    @Slot(str, str)
    def welcome(self, title: str, text: str) -> None:
        """Open with the first-run message in the hint line (where there is no tray to
        say it); the next search replaces it."""
        if self._controller is not None:
            self._controller.show()
        self.show_hint(f"<b>{html.escape(title)}.</b> {html.escape(text)}")
        self.announce(f"{title}. {text}")

    def show_context(self, rich_text: str) -> None:
        self.context_label.setText(rich_text)
        self.context_label.setVisible(bool(rich_text))

    def show_preview(self, markdown: str) -> None:
        """The selected item's text. While new results wait to be painted it follows
        them, a frame later: the list the user typed for comes first."""
        if self.results.awaiting_paint and self.results.isVisible():
            self._pending_preview = markdown
            return
        self._pending_preview = None
        show_markdown(self.preview, markdown)

    def _after_results_painted(self) -> None:
        if self.key_at != self._sampled_key:  # once per key: results for the same text
            sample = self.key_to_paint_ms()   # again (new content) are not a keystroke
            if sample is not None:
                self._sampled_key = self.key_at
                self._keys_painted += 1
                self._key_samples.append(sample)
        if self._current_pending:
            QTimer.singleShot(0, self._flush_current)
        if self._pending_preview is not None:
            QTimer.singleShot(0, self._show_pending_preview)

    def _show_pending_preview(self) -> None:
        if self._pending_preview is not None:
            self.show_preview(self._pending_preview)

    def _on_preview_anchor(self, url: QUrl) -> None:
        href = bytes(url.toEncoded().data()).decode("ascii", "replace")
        if href.startswith("#"):
            self.preview.scrollToAnchor(href[1:])
        else:
            self.preview_link_clicked.emit(href)

    def current_id(self) -> str:
        row = self.results.rows.row_at(self.results.currentRow())
        return row.item_id if row is not None else ""

    # --- keys ----------------------------------------------------------------------------

    _MOVES: ClassVar[dict[int, int]] = {
        Qt.Key.Key_Up.value: -1, Qt.Key.Key_Down.value: 1, Qt.Key.Key_PageUp.value: -8,
        Qt.Key.Key_PageDown.value: 8}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._on_box_key(event)
        return super().eventFilter(watched, event)

    def timing(self) -> dict[str, Any]:
        """When the window was last shown, how long the last key took to paint, and the
        same for the last keys (how many were measured in all, the newest last)."""
        return {"overlay_shown_at": self.shown_at, "key_to_paint_ms": self.key_to_paint_ms(),
                "keys_painted": self._keys_painted, "keys_to_paint_ms": list(self._key_samples)}

    def key_to_paint_ms(self) -> float | None:
        """From the last key press to the results painted for it, if they were."""
        painted = self.results.painted_at
        return round((painted - self.key_at) * 1000, 2) if painted > self.key_at > 0 else None

    def _on_box_key(self, event: QKeyEvent) -> bool:
        self.key_at = time.perf_counter()
        self._flush_current()  # a key acts on the result shown as selected
        key = Qt.Key(event.key())
        count = self.results.count()
        if key.value in self._MOVES and count:
            row = max(0, min(count - 1, self.results.currentRow() + self._MOVES[key.value]))
            self._move_to(row)
            return True
        if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and count and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier or not self.box.text()):
            self._move_to(0 if key == Qt.Key.Key_Home else count - 1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.current_id():
                self.activated.emit(self.current_id())
            return True
        if key == Qt.Key.Key_Backspace and not self.box.text() \
                and self.context_label.isVisible() and "context:off" in self.context_label.text():
            self.link_clicked.emit("context:off")  # Backspace in an empty box drops the chip
            return True
        mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                    | Qt.KeyboardModifier.AltModifier
                                    | Qt.KeyboardModifier.ShiftModifier)
        mark = self._MARK_KEYS.get((key.value, Qt.KeyboardModifier(mods)))
        if mark is not None:
            if self.current_id():
                self.mark_requested.emit(mark)
            return True
        if event.matches(QKeySequence.StandardKey.Copy) and (
                self._selected_here or not self.box.hasSelectedText()):
            self.copy_requested.emit()
            return True
        return False

    def _on_escape(self) -> None:
        self.hide_requested.emit()
        self.escaped.emit(int(self.winId()))

    def _move_to(self, row: int) -> None:
        """The user chose another result with the keys: select it and say which."""
        self.results.setCurrentRow(row)
        current = self.results.rows.row_at(row)
        if current is not None:
            self.announce(self.tr("{position} of {count}: {row}").format(
                position=row + 1, count=self.results.count(), row=spoken(current)))

    def _on_selection_changed(self) -> None:
        self._selected_here = False  # (selectAll in focus_box sets it again after this)

    def _on_item_activated(self, index: QModelIndex) -> None:
        row = self.results.rows.row_at(index.row())
        if row is not None:
            self.activated.emit(row.item_id)

    def _on_current_row_changed(self, *_indexes: object) -> None:
        if self.results.awaiting_paint and self.results.isVisible():
            # the new results come first: the selected one's preview (its file read and
            # laid out) is asked for once they are painted, or before the next key
            if not self._current_pending:
                self._current_pending = True
                QTimer.singleShot(CURRENT_AT_LATEST_MS, self._flush_current)
            return
        self._current_pending = False
        self.current_changed.emit(self.current_id())

    def _flush_current(self) -> None:
        """Say which result is selected, if that waits for the results to be painted."""
        if self._current_pending:
            self._current_pending = False
            self.current_changed.emit(self.current_id())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.language_changed.emit()
        if event.type() == QEvent.Type.ActivationChange and self.isVisible():
            if self.isActiveWindow():
                self.shown_at = time.time()
                self.activated_window.emit()
            elif time.monotonic() - self._activated_here_at > SELF_ACTIVATION_GRACE:
                self.focus_lost.emit()
        super().changeEvent(event)
