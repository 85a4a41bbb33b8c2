"""The library window: one item at a time, with its related and prerequisite links.

Render and emit; the item data comes from the app.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jitl_desktop.core.transcripts import clock
from jitl_desktop.ui.common import named


@dataclass
class ItemView:
    """What the window shows for one item."""

    item_id: str
    title: str
    kind: str
    markdown: str
    related: list[tuple[str, str]] = field(default_factory=list)  # (id, title)
    prerequisites: list[tuple[str, str]] = field(default_factory=list)
    video_url: str | None = None
    at: float | None = None


class LibraryWindow(QMainWindow):
    """Signals:
        item_requested(str): a related or prerequisite link was clicked (its id).
        play_requested(str, float): play the item's video from a time.
    """

    item_requested = Signal(str)
    play_requested = Signal(str, float)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("library")
        self.setWindowTitle("JITL Desktop")
        self.resize(900, 640)
        central = QWidget(self)
        self.title = named(QLabel(central), "itemTitle")
        self.title.setAccessibleName("Item title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.links = named(QLabel(central), "itemLinks")
        self.links.setAccessibleName("Related and prerequisite items")
        self.links.linkActivated.connect(self._on_link)
        self.play = named(QPushButton("▶ Play", central), "play")
        self.play.setAccessibleName("Play video")
        self.play.clicked.connect(self._on_play)
        self.body = named(QTextBrowser(central), "itemBody")
        self.body.setAccessibleName("Item")
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._on_anchor)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.play)
        layout = QVBoxLayout(central)
        layout.addLayout(head)
        layout.addWidget(self.links)
        layout.addWidget(self.body, 1)
        self.setCentralWidget(central)
        self.current: ItemView | None = None

    def show_item(self, view: ItemView) -> None:
        self.current = view
        self.setWindowTitle(view.title)
        self.title.setText(view.title)
        self.body.setMarkdown(_without_title(view.markdown, view.title))
        parts = []
        if view.prerequisites:
            parts.append("First: " + ", ".join(_link(i, t) for i, t in view.prerequisites))
        if view.related:
            parts.append("Related: " + ", ".join(_link(i, t) for i, t in view.related))
        self.links.setText(" · ".join(parts))
        self.links.setVisible(bool(parts))
        self.play.setVisible(view.video_url is not None)
        if view.at is not None:
            self.play.setText(f"▶ Play from {clock(view.at)}")
        else:
            self.play.setText("▶ Play")
        self.show()
        self.raise_()
        self.activateWindow()

    def _on_link(self, link: str) -> None:
        if link.startswith("item:"):
            self.item_requested.emit(link[5:])

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    def _on_play(self) -> None:
        if self.current is not None and self.current.video_url:
            self.play_requested.emit(self.current.video_url, self.current.at or 0.0)


def _without_title(markdown: str, title: str) -> str:
    """The body without a leading ``# Title`` line that repeats the window's heading."""
    stripped = markdown.lstrip()
    first, _, rest = stripped.partition("\n")
    if first.startswith("# ") and first[2:].strip() == title.strip():
        return rest
    return markdown


def _link(item_id: str, title: str) -> str:
    return f"<a href='item:{html.escape(item_id)}'>{html.escape(title)}</a>"
