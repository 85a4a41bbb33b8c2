"""Icons from the one bundled SVG set (Lucide, ISC licence: resources/icons/LICENSE),
drawn in the palette's colours so they follow the theme. No emoji or font glyphs."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from jitl_desktop.paths import resource

#: what each use is drawn with (a file of resources/icons/lucide/)
NAMES = {
    "guide": "book-open", "snippet": "scissors", "video": "circle-play",
    "link": "external-link", "quiz": "list-checks", "item": "book-open",
    "helpful": "thumbs-up", "unhelpful": "thumbs-down", "bookmark": "star",
    "done": "circle-check", "close": "x", "copy": "copy", "search": "search",
    "problem": "circle-alert", "learning": "graduation-cap",
    # the tray menu's entries
    "library": "library", "recent": "history", "settings": "settings",
    "reindex": "refresh-cw", "about": "info", "quit": "power", "suggested": "lightbulb",
}
SIZES = (16, 20, 24, 32, 48)


@cache
def _svg(name: str) -> bytes:
    return resource(f"icons/lucide/{NAMES.get(name, name)}.svg").read_bytes()


@cache
def _icon(name: str, color: str) -> QIcon:
    data = _svg(name).replace(b"currentColor", color.encode("ascii"))
    renderer = QSvgRenderer(QByteArray(data))
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap(QSize(size, size))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def icon(name: str, color: QColor | None = None) -> QIcon:
    """The icon for ``name`` (a kind, a mark, an action) in ``color`` (the palette's
    text colour when not given)."""
    if color is None:
        color = QApplication.palette().color(QPalette.ColorRole.WindowText)
    return _icon(name, color.name())
