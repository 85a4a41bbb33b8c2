"""The library window: topics and filters, the list of items, and one item with its
related and prerequisite links, and a video player with its transcript.

Render and emit: what is listed comes from ``services/library.py``, the item data
from the app.
"""

from __future__ import annotations

import html
import itertools
import logging
import math
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QSignalBlocker,
    QSize,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QAccessible, QAccessibleInterface, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QSplitterHandle,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jitl_desktop.core.search import Entry
from jitl_desktop.core.transcripts import clock
from jitl_desktop.services.items import ItemPage, ItemService
from jitl_desktop.services.library import FILTER_FIELDS, Choice, LibraryController
from jitl_desktop.services.overlay import Row
from jitl_desktop.services.problems import ContentProblems
from jitl_desktop.services.user_state import UserState
from jitl_desktop.services.words import QT_TRANSLATE_NOOP, fill
from jitl_desktop.ui.common import clear_button, connect, named, show_markdown
from jitl_desktop.ui.icons import icon
from jitl_desktop.ui.quiz import QuizView
from jitl_desktop.ui.report_problem import ReportProblemDialog
from jitl_desktop.ui.rows import RowDelegate, RowModel

log = logging.getLogger(__name__)

# no height limit (Qt's QWIDGETSIZE_MAX)
QWIDGETSIZE_MAX = (1 << 24) - 1
_ROOT = QModelIndex()
ANY = {"kind": QT_TRANSLATE_NOOP("LibraryWindow", "Any kind"),
       "app": QT_TRANSLATE_NOOP("LibraryWindow", "Any application"),
       "tag": QT_TRANSLATE_NOOP("LibraryWindow", "Any tag"),
       "level": QT_TRANSLATE_NOOP("LibraryWindow", "Any level")}
#: the filters' labels and names for a screen reader
FILTER_LABELS = {"kind": QT_TRANSLATE_NOOP("LibraryWindow", "&Kind:"),
                 "app": QT_TRANSLATE_NOOP("LibraryWindow", "A&pp:"),
                 "tag": QT_TRANSLATE_NOOP("LibraryWindow", "Ta&g:"),
                 "level": QT_TRANSLATE_NOOP("LibraryWindow", "Le&vel:")}
FILTER_NAMES = {"kind": QT_TRANSLATE_NOOP("LibraryWindow", "Filter by kind"),
                "app": QT_TRANSLATE_NOOP("LibraryWindow", "Filter by application"),
                "tag": QT_TRANSLATE_NOOP("LibraryWindow", "Filter by tag"),
                "level": QT_TRANSLATE_NOOP("LibraryWindow", "Filter by level")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("LibraryWindow", text)


def entry_row(entry: Entry, why: str = "", marks: str = "") -> Row:
    """A listed item as a row: its apps (else its tags) as chips, why it is listed."""
    return Row(entry.id, entry.title, entry.kind, entry.summary,
               tuple(entry.apps[:3] or entry.tags[:2]), why=why, marks=marks)


class PaneHandle(QSplitterHandle):
    """A splitter's handle that says what it resizes (to a screen reader, a separator
    with a name: Qt's own handle is an unnamed node of unknown role)."""

    def __init__(self, name: str, orientation: Qt.Orientation, parent: QSplitter) -> None:
        super().__init__(orientation, parent)
        self.setAccessibleName(name)
        self.setToolTip(name)


def _handle_accessible(classname: str, widget: QObject) -> QAccessibleInterface | None:
    """The accessible side of a :class:`PaneHandle`: a named separator."""
    if classname == "PaneHandle" and isinstance(widget, PaneHandle):
        return QAccessibleWidget(widget, QAccessible.Role.Separator, widget.accessibleName())
    return None


QAccessible.installFactory(_handle_accessible)


class PaneSplitter(QSplitter):
    """Panes side by side, resized by dragging handles named ``names`` (in order)."""

    def __init__(self, names: list[str], parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._names = list(names)
        self.setChildrenCollapsible(False)

    def createHandle(self) -> QSplitterHandle:
        # made before the pane it goes in front of is added; the first pane's handle
        # is never shown
        n = self.count()
        name = self._names[n - 1] if 0 < n <= len(self._names) else ""
        return PaneHandle(name, self.orientation(), self)


class LibraryWindow(QMainWindow):
    """Signals:
        item_requested(str): an item was chosen in the list or by a link (its id).
        play_requested(str, float): play a video in the system player from a time.
        filters_edited(dict): the user changed a filter (``{"kind": "video"}``,
            ``{"topic": None}``, ``{"text": "tar"}``…).
        reload_requested(): the window was shown and wants the list of items.
        mark_requested(str, str): item id and bookmark / unbookmark / done / undone /
            helpful / unhelpful.
        comment_given(str, str): item id and a comment on the last vote.
        problem_reported(str, str, str): item id, what is wrong (outdated, wrong,
            missing-step) and an optional comment.
        answer_given(str, int, bool, str): a quiz's id, the question, whether it was right,
            and the answer given.
        link_clicked(str, str): a link in the item (as written) and the item's file.
        media_moment(str, str, float, dict): a moment of watching an item's video (id,
            verb, position in seconds, details: see ``VideoPlayer.moment``).
        language_changed(): another language was installed (the window has said its
            own words again; the lists are to be sent again).
    """

    item_requested = Signal(str)
    play_requested = Signal(str, float)
    filters_edited = Signal(dict)
    reload_requested = Signal()
    mark_requested = Signal(str, str)
    comment_given = Signal(str, str)
    problem_reported = Signal(str, str, str)
    answer_given = Signal(str, int, bool, str)
    media_moment = Signal(str, str, float, dict)
    link_clicked = Signal(str, str)
    language_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("library")
        self.resize(1200, 720)
        self.current: ItemPage | None = None
        self.player: Any = None  # a ui.player.VideoPlayer, made when first needed
        self.player_problem: str | None = None
        #: the item's video is on a web server and Play has not been pressed yet
        self._remote_waiting = False
        self._topic_values: list[str | None] = []
        self._choice_values: dict[str, list[str | None]] = {}

        # the three panes side by side, resizable; no pane collapses to nothing
        panes = named(PaneSplitter([self.tr("Resize the topics and the list"),
                                    self.tr("Resize the list and the item")], self),
                      "libraryPanes")
        for n, (pane, stretch, width) in enumerate(
                ((self._build_browser(), 2, 200), (self._build_list(), 3, 260),
                 (self._build_item(), 6, 320))):
            pane.setMinimumWidth(width)
            panes.addWidget(pane)
            panes.setStretchFactor(n, stretch)
        # (the topics pane wide enough for the filters' longest "any" entry in each
        # language shipped: "Toutes les applications", not "Toutes les appl…")
        panes.setSizes([260, 300, 640])
        self.setCentralWidget(panes)
        self._order_tabs()
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_filter)
        QShortcut(QKeySequence("Ctrl+L"), self, self.focus_filter)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        # the marks' keys, as in the search window, on the item shown
        for keys, button in (("Ctrl+B", self.bookmark), ("Ctrl+D", self.done),
                             ("Alt+Y", self.helpful), ("Alt+N", self.unhelpful)):
            QShortcut(QKeySequence(keys), self, lambda b=button: self._press(b))
        self.retranslate()

    def retranslate(self) -> None:
        """Say every word of the window in the language installed."""
        if self.current is None:
            self.setWindowTitle(self.tr("Library"))  # Qt adds " — JITL Desktop"
            if not self.body.toPlainText():
                self.title.setText(self.tr("Choose an item"))
        self.topics.setAccessibleName(self.tr("Topics"))
        for name, box in self.filter_boxes.items():
            box.setAccessibleName(_tr(FILTER_NAMES[name]))
            box.setItemText(0, _tr(ANY[name]))
            self.filter_labels[name].setText(_tr(FILTER_LABELS[name]))
        self.clear.setText(self.tr("Clear filters"))
        self.clear.setAccessibleName(self.tr("Clear filters"))
        self.problems.setAccessibleName(self.tr("Content problems: show the list"))
        self.filter.setPlaceholderText(self.tr("Filter by title…"))
        self.filter.setAccessibleName(self.tr("Filter items by title"))
        clear_button(self.filter, self.tr("Clear the filter"))
        self.count.setAccessibleName(self.tr("Number of items listed"))
        self.list.setAccessibleName(self.tr("Items"))
        self.title.setAccessibleName(self.tr("Item title"))
        self.links.setAccessibleName(self.tr("Related and prerequisite items"))
        self.play.setAccessibleName(self.tr("Play video in the system player"))
        if not self.play.isVisible():
            self.play.setText(self.tr("Play"))
        self.notice.setAccessibleName(self.tr("Video player message"))
        self.link_note.setAccessibleName(self.tr("Link not opened"))
        self.body.setAccessibleName(self.tr("Item"))
        self.bookmark.setAccessibleName(self.tr("Bookmark"))
        self.done.setAccessibleName(self.tr("Mark done"))
        self._show_marks(self.bookmark.isChecked(), self.done.isChecked())
        self.helpful_label.setText(self.tr("Was this helpful?"))
        self.helpful.setText(self.tr("Yes"))
        self.helpful.setAccessibleName(self.tr("Yes, this was helpful"))
        self.unhelpful.setText(self.tr("No"))
        self.unhelpful.setAccessibleName(self.tr("No, this was not helpful"))
        self.comment.setPlaceholderText(self.tr("Tell the authors why (optional), then Enter"))
        self.comment.setAccessibleName(self.tr("Comment for the authors"))
        self.thanks.setAccessibleName(self.tr("Vote recorded"))
        self.report.setText(self.tr("Report a problem"))
        self.report.setAccessibleName(self.tr("Report a problem"))
        if self.current is not None:
            self._show_links(self.current)

    def bind(self, c: LibraryController, items: ItemService, user: UserState,
             problems: ContentProblems | None = None) -> None:
        """Tell ``c`` which filters the user chose and show what it lists; ask ``items``
        for the items and links chosen here, and show the pages it makes; record marks,
        comments and answers with ``user``; show how many content ``problems`` there
        are, and their list when asked."""
        connect((self.filters_edited, c.on_filters_edited),
                (self.reload_requested, c.ensure_loaded), (c.topics_changed, self.set_topics),
                (c.choices_changed, self.set_choices), (c.list_changed, self.show_entries),
                (c.page_ready, self.show_page), (c.open_requested, self.present),
                (self.item_requested, items.open_in_library),
                (self.play_requested, items.play_elsewhere),
                (self.link_clicked, items.on_library_link), (items.page_ready, self.show_item),
                (items.play_failed, self.show_problem), (items.link_refused, self.show_link_note),
                (self.mark_requested, user.mark), (self.comment_given, user.comment),
                (self.problem_reported, user.report_problem),
                (self.answer_given, user.record_answer),
                (self.media_moment, user.record_media),
                (self.language_changed, c.retranslate))
        if problems is not None:
            connect((self.problems.clicked, problems.open),
                    (problems.page_ready, self.show_problems),
                    (problems.changed, lambda _n: self.set_problems(problems.label())))
            self.set_problems(problems.label())

    # --- building -------------------------------------------------------------------------

    def _player_stops(self) -> list[QWidget]:
        """The player's controls as they are read: under the video, then beside it."""
        player = self.player
        if player is None:
            return []
        first = [player, player.play_button, player.slider, player.transcript_choice,
                 player.chapters, player.transcript]
        return first + [w for w in player.findChildren(QWidget) if w not in first]

    def _order_tabs(self) -> None:
        """Tab goes as the eye does: topics and filters, the list, then the item from the
        top (video and its chapters, text, questions) to the marks under it. Widgets
        made later (the player, a quiz's questions) would otherwise come last."""
        def inside(part: QWidget | None) -> list[QWidget]:
            return [] if part is None else [part, *part.findChildren(QWidget)]

        chain: list[QWidget] = [
            self.topics, self.problems, *self.filter_boxes.values(), self.clear,
            self.filter, self.list, self.play, *self._player_stops(), self.body,
            self.quiz, *inside(self.quiz.widget()), self.bookmark, self.done, self.helpful,
            self.unhelpful, self.comment, self.report]
        stops = [w for w in chain if w.focusPolicy() & Qt.FocusPolicy.TabFocus
                 and w.window() is self]  # (not a combo box's pop-up list)
        assert len(set(stops)) == len(stops)
        for first, second in itertools.pairwise(stops):
            QWidget.setTabOrder(first, second)

    def _build_browser(self) -> QWidget:
        panel = QWidget(self)
        self.topics = named(QTreeWidget(panel), "topics")
        self.topics.setHeaderHidden(True)
        self.topics.setRootIsDecorated(False)
        self.topics.currentItemChanged.connect(self._on_topic)
        form = QFormLayout()
        self.filter_boxes: dict[str, QComboBox] = {}
        self.filter_labels: dict[str, QLabel] = {}
        for name in FILTER_FIELDS:
            box = named(QComboBox(panel), f"filter_{name}")
            box.addItem(_tr(ANY[name]))
            # (as narrow as the pane needs: the label beside it keeps its words whole)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
            box.currentIndexChanged.connect(lambda n, f=name: self._on_choice(f, n))
            self.filter_boxes[name] = box
            label = self.filter_labels[name] = QLabel(panel)
            label.setBuddy(box)
            form.addRow(label, box)
        self.clear = named(QPushButton(panel), "clearFilters")
        self.clear.clicked.connect(self.clear_filters)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.topics, 1)
        self.problems = named(QPushButton(panel), "contentProblems")
        self.problems.setFlat(True)
        self.problems.hide()
        layout.addWidget(self.problems)
        layout.addLayout(form)
        layout.addWidget(self.clear)
        return panel

    def _build_list(self) -> QWidget:
        panel = QWidget(self)
        self.filter = named(QLineEdit(panel), "listFilter")
        self.filter.textChanged.connect(lambda text: self.filters_edited.emit({"text": text}))
        self.filter.returnPressed.connect(self._focus_list)
        self.count = named(QLabel(panel), "itemCount")
        self.list = named(QListView(panel), "items")
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.model = RowModel(self.list)
        self.list.setModel(self.model)
        self.list.setItemDelegate(RowDelegate(self.model, self.list))
        #: the entries listed, in the model's order
        self.entries: list[Entry] = []
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.list.activated.connect(self._on_activated)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        return panel

    def _build_item(self) -> QWidget:
        panel = QWidget(self)
        self.title = named(QLabel(panel), "itemTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.links = named(QLabel(panel), "itemLinks")
        self.links.setWordWrap(True)
        self.links.linkActivated.connect(self._on_link)
        self.play = named(QPushButton(icon("video"), "", panel), "play")
        self.play.clicked.connect(self._on_play)
        self.notice = named(QLabel(panel), "playerNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.link_note = named(QLabel(panel), "linkNote")
        self.link_note.setWordWrap(True)
        self.link_note.hide()
        self.body = named(QTextBrowser(panel), "itemBody")
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._on_anchor)
        self.quiz = QuizView(panel)
        self.quiz.answered.connect(self._on_answer)
        self.quiz.hide()
        # the player (made when first needed) above the text; the quiz below both, in
        # its own scroll area, never collapsed to nothing
        self.item_split = QVBoxLayout()
        self.item_split.addWidget(self.body, 2)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.play)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.links)
        layout.addWidget(self.notice)
        layout.addLayout(self.item_split, 1)
        layout.addWidget(self.quiz, 2)
        layout.addWidget(self.link_note)
        layout.addLayout(self._build_actions(panel))
        self.play.hide()
        self.links.hide()
        self._set_actions_visible(False)
        return panel

    def _build_actions(self, panel: QWidget) -> QVBoxLayout:
        """Bookmark, done, and "Was this helpful?" with an optional comment."""
        self.bookmark = named(QPushButton(icon("bookmark"), "", panel), "bookmark")
        self.bookmark.setCheckable(True)
        self.bookmark.clicked.connect(
            lambda on: self._mark("bookmark" if on else "unbookmark"))
        self.done = named(QPushButton(icon("done"), "", panel), "done")
        self.done.setCheckable(True)
        self.done.clicked.connect(lambda on: self._mark("done" if on else "undone"))
        self.helpful_label = QLabel(panel)
        self.helpful = named(QPushButton(icon("helpful"), "", panel), "helpful")
        self.helpful.clicked.connect(lambda: self._vote("helpful"))
        self.unhelpful = named(QPushButton(icon("unhelpful"), "", panel), "unhelpful")
        self.unhelpful.clicked.connect(lambda: self._vote("unhelpful"))
        self.comment = named(QLineEdit(panel), "comment")
        self.comment.returnPressed.connect(self._on_comment)
        self.comment.hide()
        self.thanks = named(QLabel(panel), "thanks")
        self.thanks.setWordWrap(True)
        self.thanks.linkActivated.connect(self._on_link)
        self.report = named(QPushButton(icon("problem"), "", panel), "reportProblem")
        self.report.clicked.connect(self._report_problem)
        # two rows, so that longer words (German, French) never squeeze a button
        marks, votes, rows = QHBoxLayout(), QHBoxLayout(), QVBoxLayout()
        for button in (self.bookmark, self.done, self.report):
            marks.addWidget(button)
        marks.addStretch(1)
        for widget in (self.helpful_label, self.helpful, self.unhelpful, self.comment):
            votes.addWidget(widget)
        votes.addWidget(self.thanks, 1)
        rows.addLayout(marks)
        rows.addLayout(votes)
        return rows

    def _press(self, button: QPushButton) -> None:
        """A mark's key: as a click on its button, when an item is shown."""
        if self.current is not None and button.isVisible():
            button.click()

    def _set_actions_visible(self, visible: bool) -> None:
        for widget in (self.bookmark, self.done, self.helpful_label, self.helpful,
                       self.unhelpful, self.report):
            widget.setVisible(visible)
        self.comment.hide()
        self.thanks.clear()

    def _mark(self, action: str) -> None:
        if self.current is not None:
            self.mark_requested.emit(self.current.item_id, action)
            self._show_marks(self.bookmark.isChecked(), self.done.isChecked())
            if action == "done" and self.current.quiz is not None:
                quiz_id, quiz_title = self.current.quiz
                self.thanks.setText(fill(self.tr("Done. Check yourself: %1"), _link(
                    quiz_id, quiz_title)))

    def _show_marks(self, bookmarked: bool, done: bool) -> None:
        self.bookmark.setChecked(bookmarked)
        self.bookmark.setText(self.tr("Bookmarked") if bookmarked else self.tr("Bookmark"))
        self.done.setChecked(done)
        self.done.setText(self.tr("Done") if done else self.tr("Mark done"))

    def _vote(self, action: str) -> None:
        if self.current is not None:
            self.mark_requested.emit(self.current.item_id, action)
            self.thanks.setText(self.tr("Thanks, noted."))
            self.comment.show()
            self.comment.setFocus()

    def _on_comment(self) -> None:
        text = self.comment.text().strip()
        if self.current is not None and text:
            self.comment_given.emit(self.current.item_id, text)
            self.comment.clear()
            self.comment.hide()
            self.thanks.setText(self.tr("Thanks, your comment is saved on this computer."))

    def _report_problem(self) -> None:
        """Ask what is wrong with the item shown (a small dialog), then tell its owner."""
        if self.current is None:
            return
        item_id = self.current.item_id
        dialog = ReportProblemDialog(self.current.title, self)

        def send() -> None:
            self.problem_reported.emit(item_id, dialog.kind(), dialog.comment())
            self.thanks.setText(self.tr("Thanks, the item's owner will see it."))

        dialog.accepted.connect(send)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_answer(self, question: int, correct: bool, given: str) -> None:
        if self.current is not None:
            self.answer_given.emit(self.current.item_id, question, correct, given)

    # --- what the controller sends ----------------------------------------------------------

    def set_topics(self, topics: list[Choice], total: int, selected: str | None,
                   special: list[Choice] | None = None) -> None:
        """Fill the topic list (the special lists first, then all items, then each topic
        with its progress) and select ``selected`` (None: all items)."""
        special = special or []
        self.topics.blockSignals(True)
        self.topics.clear()
        self._topic_values = [*(c.value for c in special), None, *(t.value for t in topics)]
        labels = [*(f"{c.label} ({c.count})" if c.count else c.label for c in special),
                  fill(self.tr("All items (%1)"), total),
                  *(self._topic_label(t) for t in topics)]
        for label in labels:
            QTreeWidgetItem(self.topics, [label])
        row = self._topic_values.index(selected) if selected in self._topic_values else 0
        item = self.topics.topLevelItem(row)
        if item is not None:
            self.topics.setCurrentItem(item)
        self.topics.blockSignals(False)

    def _topic_label(self, t: Choice) -> str:
        if not t.done:
            return f"{t.label} ({t.count})"
        if t.level:
            return fill(self.tr("%1 (%2/%3 done, %4)"), t.label, t.done, t.count,
                        QCoreApplication.translate("levels", t.level))
        return fill(self.tr("%1 (%2/%3 done)"), t.label, t.done, t.count)

    def _show_links(self, view: ItemPage) -> None:
        """The item's prerequisites and related items, as links."""
        parts = []
        if view.prerequisites:
            parts.append(fill(self.tr("First: %1"),
                              ", ".join(_link(i, t) for i, t in view.prerequisites)))
        if view.related:
            parts.append(fill(self.tr("Related: %1"),
                              ", ".join(_link(i, t) for i, t in view.related)))
        self.links.setText(" · ".join(parts))
        self.links.setVisible(bool(parts))

    def selected_topic(self) -> str | None:
        item = self.topics.currentItem()
        if item is None:
            return None
        row = self.topics.indexOfTopLevelItem(item)
        return self._topic_values[row] if 0 <= row < len(self._topic_values) else None

    def select_topic(self, topic: str | None) -> None:
        """Select ``topic`` (None: all items) if it is listed."""
        item = self.topics.topLevelItem(self._topic_values.index(topic)) \
            if topic in self._topic_values else None
        if item is not None:
            self.topics.setCurrentItem(item)

    def set_choices(self, name: str, choices: list[Choice]) -> None:
        box = self.filter_boxes[name]
        current = self._choice_values.get(name, [None])[box.currentIndex()] \
            if box.currentIndex() >= 0 and name in self._choice_values else None
        box.blockSignals(True)
        box.clear()
        box.addItem(_tr(ANY[name]))
        values: list[str | None] = [None]
        for choice in choices:
            box.addItem(f"{choice.label} ({choice.count})")
            values.append(choice.value)
        self._choice_values[name] = values
        box.setCurrentIndex(values.index(current) if current in values else 0)
        box.setEnabled(len(values) > 1)
        box.blockSignals(False)

    def show_entries(self, entries: list[Entry], why: dict[str, str] | None = None,
                     marks: dict[str, str] | None = None) -> None:
        current = self.current.item_id if self.current else None
        why, marks = why or {}, marks or {}
        self.entries = list(entries)
        self.model.set_rows([entry_row(e, why.get(e.id, ""), marks.get(e.id, ""))
                             for e in entries])
        self.count.setText(self.tr("%n item(s)", "", len(entries)) if entries
                           else self.tr("No items match these filters."))
        for row, entry in enumerate(entries):
            if entry.id == current:
                self.list.selectionModel().blockSignals(True)
                self.list.setCurrentIndex(self.model.index(row))
                self.list.selectionModel().blockSignals(False)
                break

    def _follow_in_list(self, item_id: str) -> None:
        """Make the item shown the list's current one, if it is listed (without asking
        for it again)."""
        rows = [n for n, e in enumerate(self.entries) if e.id == item_id]
        blocker = QSignalBlocker(self.list.selectionModel())
        if rows:
            self.list.setCurrentIndex(self.model.index(rows[0]))
            self.list.scrollTo(self.model.index(rows[0]))
        else:
            self.list.clearSelection()
            self.list.setCurrentIndex(QModelIndex())
        del blocker

    def listed_ids(self) -> list[str]:
        return [e.id for e in self.entries]

    @Slot(object)
    def present(self, topic: str | None = None) -> None:
        """Show the window with ``topic`` selected (None: every item), in front."""
        self.select_topic(topic)
        self.show()
        self.raise_()
        self.activateWindow()

    @Slot(str)
    def set_problems(self, label: str) -> None:
        """The entry under the topics that leads to the content problems ("": none)."""
        self.problems.setText(label)
        self.problems.setVisible(bool(label))

    @Slot(str)
    def show_problems(self, markdown: str) -> None:
        """The list of content problems, in front."""
        self.show_page(markdown)
        self.show()
        self.raise_()
        self.activateWindow()

    @Slot(str)
    def show_link_note(self, text: str) -> None:
        """Why a link clicked in the item was not opened (until another page is shown)."""
        self.link_note.setText(text)
        self.link_note.show()

    @Slot(str)
    def show_problem(self, text: str) -> None:
        QMessageBox.warning(self, "JITL Desktop", text)

    def status(self) -> dict[str, Any]:
        current = self.current
        return {"visible": self.isVisible(),
                "item": current.item_id if current else None,
                "at": current.at if current else None,
                "listed": len(self.listed_ids()),
                "player": self.player_status()}

    @Slot(object, bool)
    def show_item(self, view: ItemPage, focus: bool = True) -> None:
        self.current = view
        self.link_note.hide()
        self.setWindowTitle(view.title)
        self.title.setText(view.title)
        show_markdown(self.body, _without_title(view.markdown, view.title))
        self._show_links(view)
        self._set_actions_visible(True)
        self._show_marks(view.bookmarked, view.done)
        self._follow_in_list(view.item_id)
        if view.questions:
            self.quiz.set_questions(view.questions, view.score)
            self._order_tabs()
        self.quiz.setVisible(bool(view.questions))
        self._show_video(view)
        self._fit_body(view)
        if not self.isVisible():
            self.reload_requested.emit()
        self.show()
        if focus:
            self.raise_()
            self.activateWindow()

    def _fit_body(self, view: ItemPage) -> None:
        """Above a quick check (and no video), the text takes the room it needs and the
        questions the rest; otherwise the text takes what there is."""
        if view.questions and view.video_url is None:
            document = self.body.document()
            document.setTextWidth(self.body.viewport().width())
            needed = math.ceil(document.size().height()) + 2 * self.body.frameWidth() + 4
            self.body.setMaximumHeight(max(needed, self.fontMetrics().height() * 3))
        else:
            self.body.setMaximumHeight(QWIDGETSIZE_MAX)

    def _show_video(self, view: ItemPage) -> None:
        self.notice.hide()
        self._remote_waiting = False
        if view.video_url is None or view.video_remote:
            self.play.hide()
            if self.player is not None:
                self.player.stop()
                self.player.hide()
            if view.video_blocked:
                self.notice.setText(f"{view.video_blocked}.")
                self.notice.show()
            elif view.video_url is not None:  # on a web server: nothing fetched before Play
                self._remote_waiting = True
                self.notice.setText(fill(self.tr("This video is on another server (%1); it "
                                                 "is fetched only when you press Play."),
                                         view.video_url))
                self.notice.show()
                self.play.show()
                self.play.setText(self.tr("Play"))
            return
        player = self._player()
        if player is None:
            self._fallback(view, self.player_problem or self.tr("no video player"))
            return
        self.play.hide()
        player.show()
        player.load(view.video_url, view.cues, view.at, autoplay=view.autoplay,
                    chapters=view.chapters, transcripts=view.transcripts,
                    language=view.transcript_lang)

    def show_page(self, markdown: str) -> None:
        """A page that is not an item ("My learning")."""
        self.current = None
        self.link_note.hide()
        first, _, rest = markdown.partition("\n")
        title = first.removeprefix("# ").strip()
        self.setWindowTitle(title)
        self.title.setText(title)
        show_markdown(self.body, rest)
        self.links.hide()
        self.quiz.hide()
        self.notice.hide()
        self.play.hide()
        self._set_actions_visible(False)
        if self.player is not None:
            self.player.stop()
            self.player.hide()

    def _player(self) -> Any:
        """The embedded player, made on first use (QtMultimedia costs memory and start-up
        time, which an app that may never play a video should not pay)."""
        if self.player is None and self.player_problem is None:
            from jitl_desktop.platform.media import multimedia_problem

            self.player_problem = multimedia_problem()
            if self.player_problem is None:
                from jitl_desktop.ui import player as player_mod

                self.player = named(player_mod.VideoPlayer(self), "player")
                self.player.unavailable.connect(self._on_unavailable)
                self.player.moment.connect(self._on_moment)
                self.item_split.insertWidget(0, self.player, 3)
                self._order_tabs()
        return self.player

    def _on_moment(self, verb: str, position: float, details: dict[str, object]) -> None:
        """A moment of watching the video of the item shown, for the learning record."""
        if self.current is not None:
            self.media_moment.emit(self.current.item_id, verb, position, details)

    def _on_unavailable(self, reason: str) -> None:
        if self.current is not None and self.current.video_url:
            if self.player is not None:
                self.player.hide()
            self._fallback(self.current, reason)

    def _fallback(self, view: ItemPage, reason: str) -> None:
        log.warning("video not played here: %s", reason)
        self.notice.setText(fill(
            self.tr("%1. Use “Play” to open it in your system's video player (skip to %2).")
            if view.at else
            self.tr("%1. Use “Play” to open it in your system's video player."),
            reason, clock(view.at or 0)))
        self.notice.show()
        self.play.show()
        self.play.setText(fill(self.tr("Play from %1"), clock(view.at)) if view.at is not None
                          else self.tr("Play"))

    def player_status(self) -> dict[str, Any] | None:
        if self.player is None or not self.player.isVisible():
            return None
        return {"source": self.player.source(), "position": round(self.player.position(), 2),
                "playing": self.player.playing(), "cue": self.player.current_cue()}

    # --- user actions -----------------------------------------------------------------------

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def clear_filters(self) -> None:
        self.filter.clear()
        for box in self.filter_boxes.values():
            box.setCurrentIndex(0)
        self.filters_edited.emit({"kind": None, "app": None, "tag": None, "level": None,
                                  "text": ""})

    def _focus_list(self) -> None:
        self.list.setFocus()
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def _on_topic(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        if current is not None:
            self.filters_edited.emit({"topic": self.selected_topic()})

    def _on_choice(self, name: str, index: int) -> None:
        values = self._choice_values.get(name, [None])
        self.filters_edited.emit({name: values[index] if 0 <= index < len(values) else None})

    def _on_current(self, index: QModelIndex, _previous: QModelIndex) -> None:
        if index.isValid() and index.row() < len(self.entries):
            self.item_requested.emit(self.entries[index.row()].id)

    def _on_activated(self, index: QModelIndex) -> None:
        self._on_current(index, index)

    def _on_link(self, link: str) -> None:
        if link.startswith("item:"):
            self.item_requested.emit(link[5:])

    def _on_anchor(self, url: QUrl) -> None:
        href = bytes(url.toEncoded().data()).decode("ascii", "replace")
        if href.startswith("#"):
            self.body.scrollToAnchor(href[1:])
        else:
            self.link_clicked.emit(href, self.current.path if self.current else "")

    def _on_play(self) -> None:
        view = self.current
        if view is None or not view.video_url:
            return
        if self._remote_waiting and self._player() is not None:
            self._remote_waiting = False  # (if it cannot play here, Play then means elsewhere)
            self.play.hide()
            self.notice.hide()
            self.player.show()
            self.player.load(view.video_url, view.cues, view.at, autoplay=True,
                             chapters=view.chapters, transcripts=view.transcripts,
                             language=view.transcript_lang)
        else:
            self.play_requested.emit(view.video_url, view.at or 0.0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.language_changed.emit()
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed: icons follow
            for button, name in ((self.play, "video"), (self.helpful, "helpful"),
                                 (self.unhelpful, "unhelpful"), (self.bookmark, "bookmark"),
                                 (self.done, "done")):
                button.setIcon(icon(name))
        super().changeEvent(event)

    def hideEvent(self, event: Any) -> None:
        """A closed window plays nothing and holds no decoder."""
        if self.player is not None:
            self.player.stop()
        super().hideEvent(event)

    def showEvent(self, event: Any) -> None:
        """Shown again (from the tray, say): the video of the item shown is ready again."""
        super().showEvent(event)
        view = self.current
        if view is not None and view.video_remote:
            self._show_video(view)  # fetched again only when Play is pressed again
        elif view is not None and view.video_url and self.player is not None \
                and self.player.isVisible() and self.player.source() is None:
            self.player.load(view.video_url, view.cues, view.at, autoplay=False,
                             chapters=view.chapters, transcripts=view.transcripts,
                             language=view.transcript_lang)

    def sizeHint(self) -> QSize:
        return QSize(1200, 720)


def _without_title(markdown: str, title: str) -> str:
    """The body without a leading ``# Title`` line that repeats the window's heading."""
    stripped = markdown.lstrip()
    first, _, rest = stripped.partition("\n")
    if first.startswith("# ") and first[2:].strip() == title.strip():
        return rest
    return markdown


def _link(item_id: str, title: str) -> str:
    return f"<a href='item:{html.escape(item_id)}'>{html.escape(title)}</a>"
