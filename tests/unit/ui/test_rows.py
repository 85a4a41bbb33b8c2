"""The one row model and delegate of the search window's and the library's lists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QListView, QStyleOptionViewItem

from jitl_desktop.services.overlay import Row
from jitl_desktop.ui.icons import NAMES, icon
from jitl_desktop.ui.rows import RowDelegate, RowModel, runs

ROW = Row("t/extract", "Extract an archive with tar on the command line", "snippet",
          "tar -xf backup.tar.gz unpacks it where you are " * 4, ("Terminal", "xterm"),
          at=21.0, why="Bookmarked", marks="★✓")


def test_a_row_exposes_its_text_title_first_and_the_rest_in_the_tooltip():
    model = RowModel()
    model.set_rows([ROW], {"tar"})
    index = model.index(0)
    spoken = model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Extract an archive with tar on the command line, snippet, "
                             "bookmarked, done, for Terminal, xterm. at 0:21 · Bookmarked")
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == ROW.title
    assert "tar -xf" in model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_matched_words_are_bold_from_their_start_only():
    assert runs("Extract a tarball", {"tar"}) == [("Extract a ", False), ("tarball", True)]
    assert runs("Untar and tar it", {"tar", "it"}) == [
        ("Untar and ", False), ("tar", True), (" ", False), ("it", True)]
    assert runs("No match", set()) == [("No match", False)]


def test_a_row_is_two_lines_high_and_never_wider_than_its_list(qtbot):
    view = QListView()
    qtbot.addWidget(view)
    model = RowModel(view)
    view.setModel(model)
    delegate = RowDelegate(model, view)
    view.setItemDelegate(delegate)
    view.resize(260, 200)
    model.set_rows([ROW] * 3, {"tar"})
    view.show()
    option = QStyleOptionViewItem()
    option.rect = view.viewport().rect()
    option.font = view.font()
    hint = delegate.sizeHint(option, model.index(0))
    assert hint.width() <= max(view.viewport().width(), 200)
    assert hint.height() < view.fontMetrics().lineSpacing() * 3 + 12
    image = QImage(260, hint.height(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    option.rect = image.rect()
    delegate.paint(painter, option, model.index(0))
    painter.end()
    assert not view.horizontalScrollBar().isVisible()


def test_every_icon_comes_from_the_bundled_set():
    for name in NAMES:
        assert not icon(name, QColor("black")).pixmap(24, 24).isNull(), name
