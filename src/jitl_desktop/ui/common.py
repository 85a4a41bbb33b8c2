"""Small helpers shared by the widgets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtGui import (
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextOption,
)
from PySide6.QtWidgets import QLineEdit, QMessageBox, QTextBrowser, QToolButton, QWidget

from jitl_desktop import __version__

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """Give a widget an object name (for styling, tests and accessibility tools)."""
    widget.setObjectName(name)
    return widget


def show_notice(title: str, text: str) -> None:
    """A message that does not block (where there is no tray to say it)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok)
    box.setObjectName("notice")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setModal(False)
    box.show()


def about_box() -> None:
    QMessageBox.about(None, QCoreApplication.translate("about", "About JITL Desktop"),
                      f"JITL Desktop {__version__}\n" + QCoreApplication.translate(
                          "about", "Just-in-time learning on the desktop."))


def connect(*pairs: tuple[SignalInstance, Callable[..., Any]]) -> None:
    """Connect each signal to its slot."""
    for signal, slot in pairs:
        signal.connect(slot)


def show_markdown(browser: QTextBrowser, markdown: str) -> None:
    """Show ``markdown`` word-wrapped to the width of ``browser`` (code blocks wrap too,
    at a word boundary, else anywhere: nothing scrolls sideways), in the palette's
    colours: links, code and table borders follow the theme."""
    browser.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
    browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    browser.setMarkdown(markdown)
    theme_document(browser.document(), browser.palette())


def theme_document(document: QTextDocument, palette: QPalette) -> None:
    """Wrap code blocks and colour links, code and tables from ``palette``."""
    code_background = palette.color(QPalette.ColorRole.AlternateBase)
    link = palette.color(QPalette.ColorRole.Link)
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.nonBreakableLines():
            fmt.setNonBreakableLines(False)
            fmt.setBackground(code_background)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            char = fragment.charFormat()
            change = QTextCharFormat()
            if char.isAnchor():
                change.setForeground(link)
            elif char.fontFixedPitch() or char.fontFamilies() == ["monospace"]:
                change.setBackground(code_background)
            if change.properties():
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(),
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(change)
            it += 1
        block = block.next()
    for frame in document.rootFrame().childFrames():
        table = frame.frameFormat()
        if table.isTableFormat():
            table_format = table.toTableFormat()
            table_format.setBorderBrush(palette.color(QPalette.ColorRole.Mid))
            table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
            table_format.setCellPadding(4)
            frame.setFrameFormat(table_format)
    document.setModified(False)


def clear_button(edit: QLineEdit, name: str) -> None:
    """Give ``edit`` a clear button that a screen reader can name."""
    edit.setClearButtonEnabled(True)
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(name)
        button.setToolTip(name)
