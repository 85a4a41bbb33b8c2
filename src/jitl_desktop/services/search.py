"""Search as you type, off the GUI thread.

The controller owns one search thread. Every keystroke hands it the newest
text; the thread always answers the newest request and drops the ones that
were overtaken, so a fast typist never waits for stale searches and the GUI
thread never blocks on the index.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from jitl_desktop.core.apps import ActiveApp
from jitl_desktop.core.index import IndexDamagedError
from jitl_desktop.core.search import Response, SearchEngine
from jitl_desktop.platform.event_loop import release_source_lines
from jitl_desktop.services.worker import Outlet

log = logging.getLogger(__name__)

#: suggestions shown for the application in front before anything is typed
SUGGESTIONS = 8
#: no key for this long (s): the question has settled ("nothing answers" is read again)
SETTLE_S = 0.3


@dataclass(frozen=True)
class SearchRequest:
    serial: int
    text: str
    app: ActiveApp | None
    fuzzy: bool
    limit: int
    frecency: dict[str, float]


class SearchController(QObject):
    """Runs searches for the overlay.

    Signals:
        results_ready(object): a :class:`Response` for the newest request (once more
            when it has settled and "nothing answers" reads otherwise then).
        search_failed(str): the newest request failed (message for the user).
        entries_ready(list): every item (:class:`Entry`), after :meth:`request_entries`.
        index_damaged(str, str): a read found the index damaged (the generation, the
            message); the request is answered again from what is left (the previous
            generation, if one is kept) while the index worker rebuilds.
    """

    results_ready = Signal(object)
    search_failed = Signal(str)
    entries_ready = Signal(list)
    index_damaged = Signal(str, str)

    def __init__(self, engine_factory: Callable[[], SearchEngine], *, limit: int = 20,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine_factory = engine_factory
        self._limit = limit
        self._lock = threading.Condition()
        self._pending: SearchRequest | None = None
        self._serial = 0
        self._stopping = False
        self._out = Outlet()
        self._reload = False
        self._want_entries = False
        self.app: ActiveApp | None = None
        self.fuzzy = True
        #: the user's own use of items (a ranking signal; replaced, never mutated)
        self.frecency: dict[str, float] = {}
        self._thread = threading.Thread(target=self._run, name="jitl-search", daemon=True)
        self._thread.start()

    @Slot(str)
    def on_query_changed(self, text: str) -> None:
        """Ask for ``text`` (results arrive through ``results_ready``); an empty text
        asks for the suggestions for ``app``."""
        with self._lock:
            self._serial += 1
            self._pending = SearchRequest(self._serial, text, self.app, self.fuzzy,
                                          self._limit, self.frecency)
            self._lock.notify()

    def request_entries(self) -> None:
        """Ask for the list of every item (answered through ``entries_ready``)."""
        with self._lock:
            self._want_entries = True
            self._lock.notify()

    @Slot(dict)
    def on_frecency_changed(self, frecency: dict[str, float]) -> None:
        """The user's own use of items changed (a ranking signal from the next search)."""
        self.frecency = frecency

    @Slot()
    def on_index_updated(self) -> None:
        """Re-read the index (and the content roots) and warm it up now, before the
        next keystroke needs it."""
        with self._lock:
            self._reload = True
            self._lock.notify()

    def stop(self) -> None:
        """End the search thread; a search still running is not waited for long, and
        says nothing once this returns."""
        self._out.close()
        with self._lock:
            self._stopping = True
            self._lock.notify()
        self._thread.join(timeout=2)

    def _damaged(self, exc: IndexDamagedError) -> None:
        self._out.emit(self.index_damaged, exc.generation, str(exc))

    def _warm(self, engine: SearchEngine) -> None:
        started = time.perf_counter()
        try:
            try:
                engine.warm()
            except IndexDamagedError as exc:
                self._damaged(exc)
                engine.warm()  # what is left: the previous generation, or nothing
        except Exception:  # warming is an optimisation: never let it stop searching
            log.exception("warming up the search engine failed")
        else:
            log.info("search engine ready in %.0f ms", (time.perf_counter() - started) * 1000)

    def _prepare(self, engine: SearchEngine) -> None:
        started = time.perf_counter()
        try:
            engine.prepare_queries()
        except IndexDamagedError as exc:
            self._damaged(exc)
        except Exception:  # an optimisation too
            log.exception("preparing the search engine for queries failed")
        else:
            release_source_lines()  # the last of start-up's imports are done
            log.info("search engine prepared for queries in %.0f ms",
                     (time.perf_counter() - started) * 1000)

    def _run(self) -> None:
        engine = self._engine_factory()
        try:
            self._warm(engine)
            # the word lists and a first search of its own, once nothing else waits
            unprepared = True
            settling: tuple[SearchRequest, Response] | None = None
            while True:
                wanted = self._wait(settling is not None, unprepared)
                if wanted is None:
                    return
                request, reload, entries = wanted
                if reload:  # a new engine: the content roots may have changed too
                    engine.close()
                    engine = self._engine_factory()
                    self._warm(engine)
                    unprepared = True
                    settling = None
                if request is None:
                    if entries:
                        self._send_entries(engine)
                    elif settling is not None:
                        self._settle(engine, *settling)
                        settling = None
                    elif unprepared and not reload:
                        self._prepare(engine)
                        unprepared = False
                    continue
                settling = None
                response = self._search(engine, request)
                if response is None:
                    continue
                with self._lock:
                    stale = self._pending is not None
                if not stale:
                    self._out.emit(self.results_ready, response)
                    if request.text.strip():
                        settling = (request, response)
                if entries:  # typing first, the list for the library after
                    self._send_entries(engine)
        finally:
            engine.close()

    def _wait(self, settling: bool, unprepared: bool
              ) -> tuple[SearchRequest | None, bool, bool] | None:
        """The next thing to do: a request, a reload, the list of items (each taken),
        or nothing when a question is ``settling`` and no key came for
        :data:`SETTLE_S`, or at once when the engine is ``unprepared``; None: stop."""
        with self._lock:
            while self._pending is None and not self._reload and \
                    not self._want_entries and not self._stopping:
                if settling:
                    if not self._lock.wait(SETTLE_S):
                        break  # the question has settled
                elif unprepared:
                    break
                else:
                    self._lock.wait()
            if self._stopping:
                return None
            request, self._pending = self._pending, None
            reload, self._reload = self._reload, False
            entries, self._want_entries = self._want_entries, False
        return request, reload, entries

    def _search(self, engine: SearchEngine, request: SearchRequest, *,
                settled: bool = False) -> Response | None:
        """The answer to ``request``; None when it failed (said through
        ``search_failed``)."""
        started = time.perf_counter()
        try:
            try:
                response = self._answer(engine, request, settled=settled, stop=self._keyed)
            except IndexDamagedError as exc:
                self._damaged(exc)
                response = self._answer(engine, request, settled=settled, stop=self._keyed)
        except Exception:  # a barrier: the thread must survive a bad search
            log.exception("search for %r failed", request.text)
            self._out.emit(self.search_failed, "Search failed; see the log.")
            return None
        log.debug("search %r: %.1f ms", request.text, (time.perf_counter() - started) * 1000)
        return response

    def _settle(self, engine: SearchEngine, request: SearchRequest,
                shown: Response) -> None:
        """The question typed last has settled: whether nothing answers it is read
        once more, in the first results' passages too (tens of milliseconds, too long
        while keys come: see core/search.py); the results are sent again when that
        changes the verdict sent while it was typed, or when nothing answers the results
        (the search window says so only now: services/overlay.py)."""
        response = self._search(engine, request, settled=True)
        if response is None or (response.no_good_match == shown.no_good_match
                                and not (response.no_good_match and response.results)):
            return  # (no results: "No results" was said as typed)
        with self._lock:
            stale = self._pending is not None
        if not stale:
            self._out.emit(self.results_ready, response)

    def _keyed(self) -> bool:
        """Whether a newer request waits (a settled question's check gives way)."""
        return self._pending is not None

    @staticmethod
    def _answer(engine: SearchEngine, request: SearchRequest, *, settled: bool = False,
                stop: Callable[[], bool] | None = None) -> Response:
        if request.text.strip():
            return engine.search(request.text, limit=request.limit, app=request.app,
                                 fuzzy=request.fuzzy, frecency=request.frecency,
                                 settled=settled, stop=stop)
        if request.app is not None:  # nothing typed: suggestions
            return engine.suggest(request.app, limit=SUGGESTIONS)
        return Response(request.text, 0.0, None, [])

    def _send_entries(self, engine: SearchEngine) -> None:
        try:
            try:
                entries = engine.entries()
            except IndexDamagedError as exc:
                self._damaged(exc)
                entries = engine.entries()
            self._out.emit(self.entries_ready, entries)
        except Exception:  # a barrier, as for searches
            log.exception("listing the items failed")
            self._out.emit(self.search_failed,
                           "The list of items could not be read; see the log.")
