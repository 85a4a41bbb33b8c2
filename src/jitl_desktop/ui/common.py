"""Small helpers shared by the widgets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QTextCursor, QTextOption
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

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
    QMessageBox.about(None, "About JITL Desktop",
                      f"JITL Desktop {__version__}\nJust-in-time learning on the desktop.")


def connect(*pairs: tuple[SignalInstance, Callable[..., Any]]) -> None:
    """Connect each signal to its slot."""
    for signal, slot in pairs:
        signal.connect(slot)


def show_markdown(browser: QTextBrowser, markdown: str) -> None:
    """Show ``markdown`` word-wrapped to the width of ``browser``: code blocks wrap too
    (at a word boundary, else anywhere), so nothing scrolls sideways."""
    browser.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
    browser.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    browser.setMarkdown(markdown)
    document = browser.document()
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        if block.blockFormat().nonBreakableLines():
            fmt = block.blockFormat()
            fmt.setNonBreakableLines(False)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        block = block.next()
    document.setModified(False)
