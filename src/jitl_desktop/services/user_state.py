"""What the user did with the content: the one owner of the learning record, the
frecency that ranks searches and the items opened recently.

Every other part reads from here and hears about changes through ``changed``;
nobody assigns into it from outside. Writing never holds up the window: the store
waits only briefly for another process's lock, and a change that cannot be saved
now (the store is locked, the disk is full) is kept in memory, shown as pending and
saved as soon as it can be, in the order it was made.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

from jitl_desktop.core.history import History, HistoryUnavailableError, StatementBuilder
from jitl_desktop.core.search import Hit
from jitl_desktop.errors import DataDirError

log = logging.getLogger(__name__)

RECENT_LIMIT = 8
#: how long a change waits for another process's lock before it is kept for later
BUSY_TIMEOUT = 0.1
#: how often changes kept for later are tried again (milliseconds)
RETRY_MS = 2000

#: while an item is in view, how often its time so far is saved (milliseconds): a view
#: a crash leaves open is ended at the next start with the time last saved
CHECKPOINT_MS = 60_000
#: the user is away from the item in view once its window has not been the active one
#: this long (back at their task): the view ends (and its statement goes) with the time
#: until they went away
AWAY_MS = 30_000

#: what a mark action records; the toggles (``bookmark``, ``done``) flip the
#: current state and report what they did
MARK_ACTIONS = ("bookmark", "unbookmark", "done", "undone", "helpful", "unhelpful")


def open_history(data_dir: Path, record: object,
                 statements: StatementBuilder | None = None) -> History:
    """The learning record (with its xAPI ``statements``, if any); where the data folder
    cannot hold it, one in memory for this run (said in the log and by ``diagnose``), so
    the app still works."""
    try:
        return History(data_dir, record=bool(record), busy_timeout=BUSY_TIMEOUT,
                       statements=statements)
    except DataDirError as exc:
        log.error("%s; history is kept in memory for this run", exc)
        history = History(None, record=bool(record), statements=statements)
        history.warnings.append(str(exc))
        return history


@dataclass
class _View:
    """The item in view in the library window, and the time it has been in view."""

    hit: Hit
    row: int | None = None  # the history's id of the view (once saved)
    seconds: float = 0.0  # in view before ``since``
    since: float | None = None  # counting since (the clock's time), None while paused

    def elapsed(self, now: float) -> float:
        return self.seconds + (now - self.since if self.since is not None else 0.0)


class WindowWatch(QObject):
    """Follows whether a window is shown, minimised or hidden (an event filter, so the
    window needs no code for it).

    Signals:
        changed(str): ``shown`` (and active), ``away`` (shown, another window active),
            ``minimised`` or ``hidden``.
    """

    changed = Signal(str)
    _EVENTS = (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.WindowStateChange,
               QEvent.Type.ActivationChange)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = "hidden"

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._EVENTS:
            window: Any = watched
            state = "hidden" if not window.isVisible() else \
                "minimised" if window.isMinimized() or event.type() == QEvent.Type.Hide \
                else "shown" if window.isActiveWindow() else "away"
            if state != self.state:
                self.state = state
                self.changed.emit(state)
        return False


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
        pending_changed(int, str): how many changes wait to be saved, and why (""
            once everything is saved).
    """

    changed = Signal()
    reported = Signal(str)
    pending_changed = Signal(int, str)
    marked = Signal(str, str)
    frecency_changed = Signal(dict)

    def __init__(self, history: History, parent: QObject | None = None, *,
                 clock: Callable[[], float] = time.monotonic, away_ms: int = AWAY_MS) -> None:
        """``clock`` measures the time an item is in view (seconds); ``away_ms``: after
        this long with its window not the active one, the user has left the item."""
        super().__init__(parent)
        self.history = history
        self._clock = clock
        #: the item in view in the library window, and the one a hide left (shown again,
        #: the window shows it again: a new view)
        self._view: _View | None = None
        self._left: Hit | None = None
        self._window = "shown"  # the library window's state, once it is watched
        self._checkpoint = QTimer(self, interval=CHECKPOINT_MS)
        self._checkpoint.timeout.connect(self.checkpoint_view)
        self._away = QTimer(self, singleShot=True, interval=away_ms)
        self._away.timeout.connect(self._on_away)
        self._away_since = 0.0
        #: items opened recently, newest first (this run's, then earlier runs')
        self.recent: list[Hit] = []
        #: changes not saved yet, oldest first: (what, the write)
        self._pending: list[tuple[str, Callable[[], None]]] = []
        #: bookmark and done marks among them: {(table, id): on}
        self._pending_marks: dict[tuple[str, str], bool] = {}
        self.problem = ""
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.save_pending)
        try:
            if ended := history.end_open_views():
                log.info("history: %d views left open by the last run ended", ended)
        except HistoryUnavailableError as exc:
            log.warning("history: views left open by the last run are ended later (%s)",
                        exc)

    # --- reading ------------------------------------------------------------------------

    def bookmarks(self) -> list[str]:
        """Bookmarked ids, newest first (with those not saved yet)."""
        saved = self.history.bookmarks()
        added = [i for (table, i), on in self._pending_marks.items()
                 if table == "bookmarks" and on and i not in saved]
        return [*reversed(added), *(i for i in saved
                                    if self._pending_marks.get(("bookmarks", i), True))]

    def done(self) -> set[str]:
        """Ids marked done (with those not saved yet)."""
        marked = self.history.done()
        for (table, item_id), on in self._pending_marks.items():
            if table == "done":
                (marked.add if on else marked.discard)(item_id)
        return marked

    def is_bookmarked(self, item_id: str) -> bool:
        on = self._pending_marks.get(("bookmarks", item_id))
        return self.history.is_bookmarked(item_id) if on is None else on

    def is_done(self, item_id: str) -> bool:
        on = self._pending_marks.get(("done", item_id))
        return self.history.is_done(item_id) if on is None else on

    def marker(self) -> Callable[[str], str]:
        """``★`` (bookmarked) and ``✓`` (done) for each id of a list about to be shown;
        the store is read once per list, not once per row (this runs at every
        keystroke)."""
        bookmarked, done = set(self.bookmarks()), self.done()
        return lambda item_id: ("★" if item_id in bookmarked else "") + \
            ("✓" if item_id in done else "")

    def marks(self, ids: Iterable[str]) -> dict[str, str]:
        mark = self.marker()
        return {i: mark(i) for i in ids}

    def frecency(self) -> dict[str, float]:
        return self.history.frecency()

    # --- recording ----------------------------------------------------------------------

    def record_view(self, hit: Hit, *, app: str | None, source: str) -> None:
        """An item was opened (from the overlay, the library or the tray): the item
        in view before it is left, and this one's time in view starts."""
        self.remember(hit)
        self.end_view()
        view = self._view = _View(hit, since=None if self._window == "minimised"
                                  else self._clock())
        self._left = None
        if self._window == "away":  # shown in a window the user is not in
            self._away_since = self._clock()
            self._away.start()

        def write() -> None:
            view.row = self.history.record_view(hit.id, app=app, source=source)

        if self._save(f"view of {hit.id}", write):
            self.frecency_changed.emit(self.history.frecency())
        self._checkpoint.start()

    def end_view(self, at: float | None = None) -> None:
        """The user left the item in view (opened another, hid the library window, went
        back to their task, quit): its view ends with the time it was in view until
        then (``at``, the clock's time; now if None), and its statement goes."""
        view, self._view = self._view, None
        self._checkpoint.stop()
        self._away.stop()
        if view is None:
            return
        seconds = view.elapsed(self._clock() if at is None else at)

        def write() -> None:
            if view.row is not None:
                self.history.end_view(view.row, seconds)

        self._save(f"end of the view of {view.hit.id}", write)

    @Slot()
    def checkpoint_view(self) -> None:
        """Save the time in view so far (what a crash would leave): on a timer, at
        each thing the user does with the item and when its window is minimised."""
        view = self._view
        if view is None or view.row is None or self._pending:
            return
        try:
            self.history.checkpoint_view(view.row, view.elapsed(self._clock()))
        except HistoryUnavailableError as exc:
            log.info("history: time in view not saved now (%s)", exc)

    def _touched(self, item_id: str) -> None:
        if self._view is not None and self._view.hit.id == item_id:
            self.checkpoint_view()

    @Slot(str)
    def on_view_window(self, state: str) -> None:
        """The library window was ``shown``, ``away`` (shown, another window active),
        ``minimised`` or ``hidden``: time in view counts while it is shown; hiding it
        leaves the item (its view ends), so does being away for :data:`AWAY_MS` (ended
        when the user went away), and showing it again with the item makes a new view."""
        view, now = self._view, self._clock()
        if state == "away" and self._window != "away":
            self._away_since = now
            self._away.start()
        elif state != "away":
            self._away.stop()
        self._window = state
        if state == "hidden":
            if view is not None:
                self.end_view()
                self._left = view.hit
        elif state == "minimised":
            if view is not None and view.since is not None:
                view.seconds, view.since = view.elapsed(now), None
                self.checkpoint_view()
        elif view is not None:
            if view.since is None:
                view.since = now
        elif self._left is not None:
            self.record_view(self._left, app=None, source="library")

    @Slot()
    def _on_away(self) -> None:
        """The library window has not been the active one for a while: the user left the
        item when they went away; coming back to it makes a new view."""
        view = self._view
        if view is not None:
            self.end_view(at=self._away_since)
            self._left = view.hit

    def watch_view_window(self, window: QObject) -> None:
        """Follow the window that shows the item in view (the library window)."""
        watch = WindowWatch(self)
        watch.changed.connect(self.on_view_window)
        window.installEventFilter(watch)

    def record_search(self, query: str, results: int, *, chosen: str | None = None,
                      app: str | None = None, no_good_match: bool | None = None) -> None:
        self._save(f"search {query!r}", lambda: self.history.record_search(
            query, results, chosen=chosen, app=app, no_good_match=no_good_match))

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
        if action == "bookmark" and self.is_bookmarked(item_id):
            action = "unbookmark"
        elif action == "done" and self.is_done(item_id):
            action = "undone"
        if action in ("bookmark", "unbookmark", "done", "undone"):
            table = "bookmarks" if action.endswith("bookmark") else "done"
            on = not action.startswith("un")
            setter = history.set_bookmark if table == "bookmarks" else history.set_done
            if not self._save(f"{action} {item_id}", lambda: setter(item_id, on)):
                self._pending_marks[(table, item_id)] = on
        elif action in ("helpful", "unhelpful"):
            self._save(f"{action} {item_id}",
                       lambda: history.vote(item_id, helpful=action == "helpful"))
        else:
            raise ValueError(f"unknown mark {action!r}")
        self._touched(item_id)
        self.marked.emit(item_id, action)
        self.changed.emit()
        return action

    @Slot(str, str)
    def comment(self, item_id: str, text: str) -> None:
        self._save(f"comment on {item_id}", lambda: self.history.comment(item_id, text))
        self._touched(item_id)

    @Slot(str, str, str)
    def report_problem(self, item_id: str, kind: str, comment: str) -> None:
        """A problem with ``item_id`` for its owner (outdated, wrong, missing-step)."""
        self._save(f"problem report on {item_id}",
                   lambda: self.history.report_problem(item_id, kind, comment))
        self._touched(item_id)

    @Slot(str, int, bool, str)
    def record_answer(self, item_id: str, question: int, correct: bool,
                      given: str | None = None) -> None:
        self._save(f"answer to {item_id}", lambda: self.history.record_answer(
            item_id, question, correct, given or None))
        self._touched(item_id)
        self.changed.emit()

    @Slot(str, str, float, dict)
    def record_media(self, item_id: str, verb: str, position: float,
                     details: dict[str, Any]) -> None:
        """A moment of watching a video (``details``: session, position_from, progress,
        length)."""
        def number(key: str) -> float | None:
            value = details.get(key)
            return float(value) if isinstance(value, (int, float)) else None

        self._save(f"{verb} of {item_id}", lambda: self.history.record_media(
            item_id, verb, position, str(details.get("session", "")),
            progress=number("progress"), length=number("length"),
            position_from=number("position_from")))
        self._touched(item_id)

    # --- changes kept for later -----------------------------------------------------------

    @property
    def pending(self) -> int:
        return len(self._pending)

    def _save(self, what: str, write: Callable[[], None]) -> bool:
        """Make one change now, or keep it (after those already waiting, so the order
        holds) when the store cannot take it; True when it was saved now."""
        if not self._pending:
            try:
                write()
                return True
            except HistoryUnavailableError as exc:
                self.problem = str(exc)
        log.warning("history: %s is kept to be saved later (%s)", what, self.problem)
        self._pending.append((what, write))
        self._retry.start()
        self.pending_changed.emit(len(self._pending), self.problem)
        return False

    @Slot()
    def save_pending(self) -> None:
        """Try the changes kept for later again, oldest first."""
        while self._pending:
            what, write = self._pending[0]
            try:
                write()
            except HistoryUnavailableError as exc:
                self.problem = str(exc)
                self._retry.start()
                return
            self._pending.pop(0)
            log.info("history: %s saved", what)
        self._pending_marks.clear()
        self.problem = ""
        self.pending_changed.emit(0, "")
        self.frecency_changed.emit(self.history.frecency())
        self.changed.emit()

    def status(self) -> dict[str, Any]:
        """The ``history`` object of ``status --json``."""
        return {"recording": self.history.record, "pending": len(self._pending),
                "problem": self.problem or None}

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
        try:
            self.history.clear()
        except HistoryUnavailableError as exc:
            self.reported.emit(f"History not cleared: {exc}")
            return
        self._pending.clear()
        self._pending_marks.clear()
        self._view = self._left = None
        self._checkpoint.stop()
        self.recent = []
        self.frecency_changed.emit({})
        self.changed.emit()
        self.reported.emit("History cleared.")

    def close(self) -> None:
        self.end_view()  # quitting leaves the item in view
        if self._pending:
            self.save_pending()
        if self._pending:
            log.error("history: not saved before quitting (%s): %s", self.problem,
                      "; ".join(what for what, _ in self._pending))
        self.history.close()
        # what a window still asks while it goes (a last re-labelling) reads an empty record
        self.history = History(None, record=False)
