"""What the user did with the content: the one owner of the learning record, the
frecency that ranks searches and the items opened recently.

Every other part reads from here and hears about changes through ``changed``;
nobody assigns into it from outside.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from jitl_desktop.core.history import History
from jitl_desktop.core.search import Hit
from jitl_desktop.errors import DataDirError

log = logging.getLogger(__name__)

RECENT_LIMIT = 8

#: what a mark action records; the toggles (``bookmark``, ``done``) flip the
#: current state and report what they did
MARK_ACTIONS = ("bookmark", "unbookmark", "done", "undone", "helpful", "unhelpful")


def open_history(data_dir: Path, record: object) -> History:
    """The learning record; where the data folder cannot hold it, one in memory for this
    run (said in the log and by ``diagnose``), so the app still works."""
    try:
        return History(data_dir, record=bool(record))
    except DataDirError as exc:
        log.error("%s; history is kept in memory for this run", exc)
        history = History(None, record=bool(record))
        history.warnings.append(str(exc))
        return history


class UserState(QObject):
    """The learning record of this user, as the running app uses it.

    Signals:
        changed(): marks, views or the whole record changed (lists, progress and
            recommendations follow).
        marked(str, str): an item was bookmarked, marked done or voted on (id, what
            was done: one of :data:`MARK_ACTIONS`).
        frecency_changed(dict): the user's own use of items, as a ranking signal.
        reported(str): a sentence for the user about the whole record (written to a
            file, cleared).
    """

    changed = Signal()
    reported = Signal(str)
    marked = Signal(str, str)
    frecency_changed = Signal(dict)

    def __init__(self, history: History, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = history
        #: items opened recently, newest first (this run's, then earlier runs')
        self.recent: list[Hit] = []

    # --- reading ------------------------------------------------------------------------

    def marker(self) -> Callable[[str], str]:
        """``★`` (bookmarked) and ``✓`` (done) for each id of a list about to be shown;
        the store is read once per list, not once per row (this runs at every
        keystroke)."""
        bookmarked, done = set(self.history.bookmarks()), self.history.done()
        return lambda item_id: ("★" if item_id in bookmarked else "") + \
            ("✓" if item_id in done else "")

    def marks(self, ids: Iterable[str]) -> dict[str, str]:
        mark = self.marker()
        return {i: mark(i) for i in ids}

    def frecency(self) -> dict[str, float]:
        return self.history.frecency()

    # --- recording ----------------------------------------------------------------------

    def record_view(self, hit: Hit, *, app: str | None, source: str) -> None:
        """An item was opened (from the overlay, the library or the tray)."""
        self.remember(hit)
        self.history.record_view(hit.id, app=app, source=source)
        self.frecency_changed.emit(self.history.frecency())

    def remember(self, hit: Hit) -> None:
        """Put an opened item first among the recent ones."""
        self.recent = [hit, *[r for r in self.recent if r.id != hit.id]][:RECENT_LIMIT]

    def load_recent(self, lookup: Callable[[str], Hit | None]) -> None:
        """What was opened in earlier runs (once there is an index to name it)."""
        if not self.recent:
            self.recent = [r for i in self.history.recent(RECENT_LIMIT)
                           if (r := lookup(i)) is not None]
        self.frecency_changed.emit(self.history.frecency())

    @Slot(str, str)
    def mark(self, item_id: str, action: str) -> str:
        """Record ``action`` on ``item_id`` and return what was done: ``bookmark`` and
        ``done`` toggle, ``unbookmark``/``undone`` clear, ``helpful``/``unhelpful``
        vote."""
        history = self.history
        if action == "bookmark" and history.is_bookmarked(item_id):
            action = "unbookmark"
        elif action == "done" and history.is_done(item_id):
            action = "undone"
        if action in ("bookmark", "unbookmark"):
            history.set_bookmark(item_id, action == "bookmark")
        elif action in ("done", "undone"):
            history.set_done(item_id, action == "done")
        elif action in ("helpful", "unhelpful"):
            history.vote(item_id, helpful=action == "helpful")
        else:
            raise ValueError(f"unknown mark {action!r}")
        self.marked.emit(item_id, action)
        self.changed.emit()
        return action

    @Slot(str, str)
    def comment(self, item_id: str, text: str) -> None:
        self.history.comment(item_id, text)

    @Slot(str, int, bool)
    def record_answer(self, item_id: str, question: int, correct: bool) -> None:
        self.history.record_answer(item_id, question, correct)
        self.changed.emit()

    def set_recording(self, on: object) -> None:
        self.history.record = bool(on)

    # --- the whole record ---------------------------------------------------------------

    @Slot(str)
    def export_to(self, path: str) -> None:
        """Write the record to ``path`` (``reported`` says how it went)."""
        try:
            self.history.export_to(Path(path))
        except OSError as exc:
            self.reported.emit(f"Could not write {path}: {exc.strerror or exc}")
        else:
            self.reported.emit(f"History written to {path}.")

    @Slot()
    def clear(self) -> None:
        self.history.clear()
        self.recent = []
        self.frecency_changed.emit({})
        self.changed.emit()
        self.reported.emit("History cleared.")

    def close(self) -> None:
        self.history.close()
