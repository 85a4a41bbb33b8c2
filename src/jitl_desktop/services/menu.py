"""Menu entries as data, so menus are built (and tested) without widgets."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jitl_desktop.core.search import Entry
from jitl_desktop.services.context import ContextController
from jitl_desktop.services.items import ItemService
from jitl_desktop.services.library import Choice, LibraryController
from jitl_desktop.services.settings import SettingsController
from jitl_desktop.services.user_state import UserState

#: items listed under one topic in the tray before "All N items…"
TOPIC_ITEMS = 20
#: entries of the tray's Bookmarks and Suggested submenus
SUBMENU_ITEMS = 15
SUGGESTED_ITEMS = 10


@dataclass
class MenuEntry:
    label: str = ""
    action: Callable[[], object] | None = None
    children: list[MenuEntry] | None = None
    separator: bool = False
    checked: bool | None = None  # a check box entry when not None
    icon: str = ""  # a name of ui/icons.py (an action, or an item's kind), or none


SEPARATOR = MenuEntry(separator=True)


@dataclass
class TrayActions:
    """What the tray menu's entries do."""

    search: Callable[[], object]
    open_item: Callable[[str], object]
    open_library: Callable[[str | None], object]  # a topic, or None for all items
    settings: Callable[[], object]
    reindex: Callable[[], object]
    about: Callable[[], object]
    quit: Callable[[], object]
    problems: Callable[[], object] | None = None  # show the list of content problems


def tray_menu(actions: TrayActions, *, recent: Sequence[tuple[str, str]],
              bookmarks: Sequence[tuple[str, str]] = (),
              suggested: tuple[str, Sequence[tuple[str, str]]] | None = None,
              topics: Sequence[tuple[Choice, Sequence[Entry]]] | None,
              indexing: bool = False, context: MenuEntry | None = None,
              problems: str = "") -> list[MenuEntry]:
    """The tray menu: ``recent`` is (id, title) newest first; ``topics`` each topic with
    its items, or None while the list of items is still being read; ``suggested`` the
    application in front and its suggestions; ``context`` the switch for app detection,
    where it works; ``problems`` the label of the entry that lists the content problems
    ("" when there are none)."""
    if topics is None:
        browse = [MenuEntry("Loading…")]
    else:
        browse = [_topic_menu(actions, choice, entries) for choice, entries in topics]
        if browse:
            browse += [SEPARATOR, MenuEntry("Open the library…",
                                            functools.partial(actions.open_library, None),
                                            icon="library")]
    for_app = [] if suggested is None else [MenuEntry(
        f"Suggested for {suggested[0]}",
        children=[MenuEntry(title, functools.partial(actions.open_item, i))
                  for i, title in suggested[1]], icon="suggested")]
    return [
        MenuEntry("Search…", actions.search, icon="search"),
        SEPARATOR,
        *for_app,
        MenuEntry("Browse topics", children=browse, icon="library"),
        MenuEntry("Recent", children=[MenuEntry(title, functools.partial(actions.open_item, i))
                                      for i, title in recent], icon="recent"),
        MenuEntry("Bookmarks", children=[MenuEntry(title,
                                                   functools.partial(actions.open_item, i))
                                         for i, title in bookmarks], icon="bookmark"),
        SEPARATOR,
        *([context] if context is not None else []),
        MenuEntry("Settings…", actions.settings, icon="settings"),
        MenuEntry("Indexing…" if indexing else "Reindex content",
                  None if indexing else actions.reindex, icon="reindex"),
        *([MenuEntry(problems, actions.problems, icon="problem")]
          if problems and actions.problems else []),
        MenuEntry("About JITL Desktop", actions.about, icon="about"),
        MenuEntry("Quit", actions.quit, icon="quit"),
    ]


def _topic_menu(actions: TrayActions, choice: Choice, entries: Sequence[Entry]) -> MenuEntry:
    items = [MenuEntry(e.title, functools.partial(actions.open_item, e.id), icon=e.kind)
             for e in entries[:TOPIC_ITEMS]]
    if len(entries) > TOPIC_ITEMS:
        items += [SEPARATOR, MenuEntry(f"All {len(entries)} items…",
                                       functools.partial(actions.open_library, choice.value))]
    return MenuEntry(f"{choice.label} ({choice.count})", children=items)


class TrayMenu:
    """The tray menu's entries from the state of the app, each time the menu opens."""

    def __init__(self, actions: TrayActions, *, library: LibraryController, user: UserState,
                 items: ItemService, context: ContextController,
                 settings: SettingsController, indexing: Callable[[], bool],
                 problems: Callable[[], str] | None = None) -> None:
        """``problems`` gives the label of the content problems entry ("": none)."""
        self._actions = actions
        self._library = library
        self._user = user
        self._items = items
        self._context = context
        self._settings = settings
        self._indexing = indexing
        self._problems = problems or (lambda: "")

    def entries(self) -> list[MenuEntry]:
        library = self._library
        topics = None
        if library.loaded:
            topics = [(t, library.in_topic(t.value)) for t in library.topics()]
        else:
            library.load()
        bookmarks = [(i, r.title) for i in self._user.bookmarks()[:SUBMENU_ITEMS]
                     if (r := self._items.get(i)) is not None]
        suggested = None
        app = self._context.current()
        if app is not None:
            found = self._items.suggest(app, limit=SUGGESTED_ITEMS).results
            suggested = (app.name or app.process or "this application",
                         [(r.id, r.title) for r in found])
        return tray_menu(self._actions, recent=[(r.id, r.title) for r in self._user.recent],
                         bookmarks=bookmarks, suggested=suggested, topics=topics,
                         indexing=self._indexing(), context=self._context_switch(),
                         problems=self._problems())

    def _context_switch(self) -> MenuEntry | None:
        """The switch for app detection (None where it cannot work)."""
        if not self._context.available:
            return None
        settings = self._settings
        on = bool(settings.get("context_detection"))
        return MenuEntry("Suggest for the application in use",
                         None if settings.locked("context_detection") else
                         functools.partial(settings.set, "context_detection", not on),
                         checked=on)
