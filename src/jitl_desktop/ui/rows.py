"""Lists of items, the search window's and the library's: one model of rows and one
delegate that draws them. Render only: the rows come ready from ``services/``.

A row: the kind's icon, the title (matched words bold), app and tag chips, the bookmark
and done marks as icons, and one elided line below (where it matched, why it is listed,
the snippet). A row is never wider than its list; the tooltip has the rest.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from jitl_desktop.core.transcripts import clock
from jitl_desktop.services.overlay import Row
from jitl_desktop.services.words import QT_TRANSLATE_NOOP, fill
from jitl_desktop.ui.icons import icon

_ROOT = QModelIndex()
#: the kinds as a screen reader says them (translated in the context "kinds")
KIND_NAMES = {"guide": "guide", "snippet": "snippet", "video": "video", "link": "link",
              "quiz": QT_TRANSLATE_NOOP("kinds", "quick check")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("RowDelegate", text)
ICON = 18
PAD = 6
CHIPS_SHOWN = 2


def runs(text: str, words: set[str]) -> list[tuple[str, bool]]:
    """``text`` in runs, each bold or not: every word that starts with one of ``words``
    is bold."""
    if not words:
        return [(text, False)]
    pattern = _word_pattern(frozenset(words))
    out, last = [], 0
    for match in pattern.finditer(text):
        if match.start() > last:
            out.append((text[last:match.start()], False))
        out.append((match.group(0), True))
        last = match.end()
    if last < len(text):
        out.append((text[last:], False))
    return out


@functools.lru_cache(maxsize=64)
def _word_pattern(words: frozenset[str]) -> re.Pattern[str]:
    longest_first = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in longest_first) + r")\w*",
                      re.IGNORECASE)


def mark_names(row: Row) -> list[str]:
    return [name for sign, name in (("★", "bookmarked"), ("✓", "done")) if sign in row.marks]


def mark_words(row: Row) -> list[str]:
    """The marks as a screen reader says them, in the language installed."""
    words = {"bookmarked": QT_TRANSLATE_NOOP("RowDelegate", "bookmarked"),
             "done": QT_TRANSLATE_NOOP("RowDelegate", "done")}
    return [_tr(words[name]) for name in mark_names(row)]


def second_line(row: Row) -> str:
    """Where it matched, why it is listed, and the snippet, as one line of text."""
    parts = []
    if row.at is not None:
        parts.append(fill(_tr("at %1"), clock(row.at)))
    if row.why:
        parts.append(row.why)
    if row.snippet:
        parts.append(row.snippet)
    return " · ".join(parts)


def spoken(row: Row) -> str:
    """The row as a screen reader says it: the title first."""
    extra = [QCoreApplication.translate("kinds", KIND_NAMES.get(row.kind, row.kind)),
             *mark_words(row)]
    if row.badges:
        extra.append(fill(_tr("for %1"), ", ".join(row.badges)))
    line = second_line(row)
    return f"{row.title}, {', '.join(extra)}" + (f". {line}" if line else "")


class RowModel(QAbstractListModel):
    """The rows of a list, and the words to show in bold."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.words: set[str] = set()

    def set_rows(self, rows: list[Row], words: set[str] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.words = set(words or ())
        self.endResetModel()

    def row_at(self, n: int) -> Row | None:
        return self.rows[n] if 0 <= n < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken(row)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return second_line(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            line = second_line(row)
            chips = ", ".join(row.badges)
            return (f"<b>{html.escape(row.title)}</b>"
                    + (f"<br>{html.escape(line)}" if line else "")
                    + (f"<br><i>{html.escape(chips)}</i>" if chips else ""))
        return None


class RowDelegate(QStyledItemDelegate):
    """Draws the rows of a :class:`RowModel`."""

    def __init__(self, model: RowModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        row = self.model.row_at(index.row())
        self.initStyleOption(option, index)
        option.text = ""
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        # (option.widget is not read: reading it when it is None corrupts None's
        # reference count in this PySide6 version and crashes after many paints)
        view = self.parent()
        widget = view if isinstance(view, QWidget) else None
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        if row is not None:
            painter.save()
            self._draw(painter, option, row)
            painter.restore()

    def _draw(self, painter: QPainter, option: QStyleOptionViewItem, row: Row) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        text = palette.color(QPalette.ColorRole.HighlightedText if selected
                             else QPalette.ColorRole.Text)
        dim = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        rect = option.rect.adjusted(PAD, PAD // 2, -PAD, -PAD // 2)
        metrics = QFontMetrics(option.font)
        line = metrics.lineSpacing()
        painter.setClipRect(option.rect)
        # the kind's icon, then the marks and chips from the right
        icon(row.kind, text).paint(painter, QRect(rect.left(), rect.top() + (line - ICON) // 2
                                                  + 1, ICON, ICON))
        right = rect.right()
        for name in reversed(mark_names(row)):
            right -= ICON
            icon("bookmark" if name == "bookmarked" else "done", text).paint(
                painter, QRect(right, rect.top() + (line - ICON) // 2 + 1, ICON, ICON))
            right -= 4
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.85))
        chip_metrics = QFontMetrics(small)
        painter.setFont(small)
        for chip in reversed(row.badges[:CHIPS_SHOWN]):
            label = chip_metrics.elidedText(chip, Qt.TextElideMode.ElideRight, 110)
            width = chip_metrics.horizontalAdvance(label) + 10
            if right - width < rect.left() + ICON + 80:
                break
            right -= width
            box = QRect(right, rect.top() + 1, width, line - 2)
            painter.setPen(dim)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
            right -= 4
        painter.setFont(option.font)
        left = rect.left() + ICON + PAD
        self._draw_title(painter, option, row, QRect(left, rect.top(), right - left, line),
                         text)
        below = metrics.elidedText(second_line(row), Qt.TextElideMode.ElideRight,
                                   rect.right() - left)
        painter.setPen(dim)
        painter.drawText(QRect(left, rect.top() + line, rect.right() - left, line),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), below)

    def _draw_title(self, painter: QPainter, option: QStyleOptionViewItem, row: Row,
                    box: QRect, color: QColor) -> None:
        """The title in ``box``, matched words bold, elided at the right."""
        plain = option.font
        bold = QFont(plain)
        bold.setBold(True)
        metrics = {False: QFontMetrics(plain), True: QFontMetrics(bold)}
        painter.setPen(color)
        x, right = box.left(), box.right() + 1
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for run, strong in runs(row.title, self.model.words):
            width = metrics[strong].horizontalAdvance(run)
            shown = run
            if x + width > right:  # the last run that shows: elided to the room left
                shown = metrics[strong].elidedText(run, Qt.TextElideMode.ElideRight, right - x)
                width = right - x
            painter.setFont(bold if strong else plain)
            painter.drawText(QRect(x, box.top(), width, box.height()), flags, shown)
            x += width
            if x >= right:
                break
        painter.setFont(plain)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        # two lines: the title, and one line below it (elided, never wrapped)
        height = QFontMetrics(option.font).lineSpacing() * 2 + PAD + 4
        return QSize(max(option.rect.width(), 200), height)
