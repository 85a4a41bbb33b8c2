"""The tray menu shows an icon beside each action and each item (from the bundled
Lucide set), and none beside its check box."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu

from jitl_desktop.core.model import KINDS
from jitl_desktop.core.search import Entry
from jitl_desktop.services.library import Choice
from jitl_desktop.services.menu import MenuEntry, TrayActions, tray_menu
from jitl_desktop.ui.icons import NAMES
from jitl_desktop.ui.tray import Tray


def entries() -> list[MenuEntry]:
    actions = TrayActions(*(lambda *a: a for _ in range(7)), problems=lambda: None)
    listed = [Entry(id=f"t/{kind}", title=kind.title(), kind=kind, summary="",
                    path=f"t/{kind}.md", root="") for kind in KINDS]
    return tray_menu(actions, recent=[("t/guide", "Guide")], bookmarks=[],
                     suggested=("XTerm", [("t/guide", "Guide")]),
                     topics=[(Choice("t", "Terminal", len(listed)), listed)],
                     problems="2 content problems",
                     context=MenuEntry("Suggest for the application in use",
                                       lambda: None, checked=True))


def test_every_action_of_the_tray_menu_has_an_icon_but_the_check_box(qtbot):
    tray = Tray(QIcon(), entries)
    menu = tray.menu
    top = [a for a in menu.actions() if not a.isSeparator()]
    assert [a.text() for a in top if a.icon().isNull()] == \
        ["Suggest for the application in use"]
    assert next(a for a in top if a.isCheckable()).isChecked()
    browse = next(a for a in top if a.text() == "Browse topics").menu()
    assert isinstance(browse, QMenu)
    topic = browse.actions()[0].menu()
    assert isinstance(topic, QMenu)
    items = [a for a in topic.actions() if not a.isSeparator()]
    assert [a.text() for a in items] == [k.title() for k in KINDS]
    assert all(not a.icon().isNull() for a in items)  # each item's kind


def test_every_icon_named_in_the_menu_is_bundled():
    def names(menu: list[MenuEntry]) -> set[str]:
        return {n for e in menu for n in ({e.icon} | names(e.children or [])) if n}

    used = names(entries())
    assert used >= {"search", "library", "recent", "bookmark", "settings", "reindex",
                    "about", "quit", "suggested", "problem", *KINDS}
    assert used <= set(NAMES)
