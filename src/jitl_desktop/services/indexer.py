"""Keeps the index up to date in the background, and watches the content folders.

A saved, added or deleted file triggers an incremental update (debounced), so
it is searchable within a second without the GUI ever waiting for the index.

Each content folder is watched recursively with watchdog: inotify on Linux (one watch
per folder, not per file, so a folder of any number of files is covered, and an edit in
place is seen), FSEvents on macOS, ReadDirectoryChangesW on Windows. Its threads block
on the operating system; nothing polls.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from jitl_desktop.core.content import FOLDER_FILE
from jitl_desktop.core.glossary import glossary_files
from jitl_desktop.core.index import PROGRESS_PREFIX, ContentIndex
from jitl_desktop.errors import JitlError
from jitl_desktop.platform.event_loop import release_free_memory
from jitl_desktop.services.worker import Outlet

if TYPE_CHECKING:
    from collections.abc import Callable

    from watchdog.observers.api import BaseObserver, ObservedWatch

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150
#: the kinds of watchdog events that change what a folder holds (not "opened",
#: "closed_no_write" nor "attrib": the index worker's own reading raises those)
CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})


class IndexWorker(QObject):
    """Runs index updates on a background thread.

    Signals:
        update_started(): an update began.
        index_updated(object): an :class:`UpdateReport` after a successful update.
        update_failed(str): the message of a failed update.
        progress(int, int): files read so far and files to read, during an update.
        context_ready(): the items an update left to read in context (a full build's,
            core/incontext.py) are read: search can read meaning in context again.

    A damaged index (found by the search thread, see :meth:`on_index_damaged`, or by
    an update) is reported once, as a warning, and rebuilt; ``status()`` says so
    (``rebuilding``, ``problem``) until the rebuild is done.
    """

    update_started = Signal()
    index_updated = Signal(object)
    update_failed = Signal(str)
    progress = Signal(int, int)
    context_ready = Signal()
    #: a path under a content folder changed (emitted on watchdog's thread)
    _path_changed = Signal(str)

    def __init__(self, data_dir: Path, roots: Sequence[Path], *,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.index_dir = data_dir / "index"
        self.roots = list(roots)
        #: items in the index and when it was last brought up to date (for status)
        self.items = 0
        self.updated: str | None = None
        self._lock = threading.Lock()
        self._wanted = threading.Event()
        self._rebuild = False
        #: the paths the watcher saw change since the last update; None: look at every
        #: file (asked for, or a first look)
        self._changed_paths: set[str] | None = None
        self._seen_changes: set[str] = set()  # waiting for the debounce (GUI thread)
        self._stopping = False
        self._out = Outlet()
        self._busy = False
        #: texts still to be read in context (see :meth:`_read_in_context`); None until
        #: the index was looked at
        self.context_waiting: int | None = None
        #: passages still to be read in context, after the items (None: not looked at)
        self.passages_waiting: int | None = None
        #: generations found damaged (each reported once), and the message while repairing
        self._damaged: set[str] = set()
        self._problem: str | None = None
        self._observer: BaseObserver | None = None
        self._watches: dict[str, ObservedWatch] = {}
        self._watching = False  # the first look at the roots is done
        self._unwatched: set[str] = set()  # roots that could not be watched (said once)
        self._path_changed.connect(self.on_path_changed)  # queued to this thread
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._update_changed)
        self._thread = threading.Thread(target=self._run, name="jitl-index", daemon=True)
        self._thread.start()
        self.index_updated.connect(self._rewatch)
        QTimer.singleShot(0, self._rewatch)  # off the start-up path, before any change

    @property
    def busy(self) -> bool:
        return self._busy

    def status(self) -> dict[str, Any]:
        """The ``index`` object of ``status --json``."""
        with self._lock:
            roots = [str(r) for r in self.roots]
            problem = self._problem
        return {"items": self.items, "updated": self.updated, "updating": self.busy,
                "roots": roots, "rebuilding": problem is not None, "problem": problem,
                "context_waiting": self.context_waiting,
                "passages_waiting": self.passages_waiting}

    def watched_paths(self) -> list[str]:
        """The content folders watched (each with everything under it)."""
        return sorted(self._watches)

    @Slot()
    def request_update(self) -> None:
        """Bring the index up to date, looking at every file."""
        with self._lock:
            self._changed_paths = None
        self._wanted.set()

    @Slot()
    def _update_changed(self) -> None:
        """Bring the index up to date with the files the watcher saw change (a saved
        file of 74k costs 0.4 s instead of 1 s: benchmarks/RESULTS.md)."""
        seen, self._seen_changes = self._seen_changes, set()
        with self._lock:
            waiting = self._wanted.is_set()
            if self._changed_paths is not None or not waiting:
                self._changed_paths = (self._changed_paths or set()) | seen
        self._wanted.set()

    @Slot(list)
    def set_roots(self, roots: Sequence[Path]) -> None:
        """Index and watch these content folders from now on (an update follows)."""
        with self._lock:
            self.roots = list(roots)
        self._rewatch()
        self.request_update()

    @Slot()
    def request_rebuild(self) -> None:
        with self._lock:
            self._rebuild = True
        self._wanted.set()

    @Slot(str, str)
    def on_index_damaged(self, generation: str, message: str) -> None:
        """A read of ``generation`` failed: rebuild the index (once per generation)."""
        if self._note_damage(generation, message):
            self.request_rebuild()

    def _note_damage(self, generation: str, message: str) -> bool:
        with self._lock:
            if generation in self._damaged:
                return False
            self._damaged.add(generation)
            self._problem = message
        log.warning("%s", message)
        return True

    @Slot(str)
    def on_path_changed(self, path: str) -> None:
        log.debug("changed: %s", path)
        self._seen_changes.add(path)
        self._debounce.start()

    def _progress(self, done: int, total: int) -> None:
        self._out.emit(self.progress, done, total)

    def _changed(self, path: str) -> None:  # on watchdog's thread
        self._out.emit(self._path_changed, path)

    def stop(self) -> None:
        """End watching and the worker; an update still running says nothing once this
        returns."""
        self._out.close()
        self._stopping = True
        self._wanted.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None
        self._thread.join(timeout=10)

    def _run(self) -> None:
        content_index = ContentIndex(self.index_dir)
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if self._stopping:
                return
            with self._lock:
                roots, rebuild, self._rebuild = list(self.roots), self._rebuild, False
                changed, self._changed_paths = self._changed_paths, None
            self._busy = True
            self._out.emit(self.update_started)
            present = [r for r in roots if r.is_dir()]
            try:
                full = rebuild or content_index.needs_rebuild()
                if full:
                    if damage := content_index.current_damage():
                        self._note_damage(damage.generation, str(damage))
                    self._rebuild_in_child(present, rebuild=rebuild)
                report = content_index.update(present, glossary_files=glossary_files(roots),
                                              progress=self._progress,
                                              changed=None if full else changed)
            except JitlError as exc:
                log.error("index update failed: %s", exc)
                self._out.emit(self.update_failed, str(exc))
            except Exception:  # a barrier: the worker thread must survive
                log.exception("index update failed")
                self._out.emit(self.update_failed,
                               "The index could not be updated; see the log.")
            else:
                self.items = content_index.item_count()
                self.updated = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
                if full:  # a damaged index is repaired by a full rebuild
                    with self._lock:
                        self._problem = None
                log.info("index: %d added, %d changed, %d removed in %.2f s",
                         report.added, report.changed, report.removed, report.seconds)
                if full or report.context_waiting:  # (a child's build leaves many)
                    self.context_waiting = None
                self._out.emit(self.index_updated, report)
            finally:
                self._busy = False
            if self.context_waiting != 0 or content_index.passages_left != 0:
                self._read_in_context(content_index)

    def _read_in_context(self, content_index: ContentIndex) -> None:
        """Read in context what the index still lacks (after a full build: every item;
        about 2 ms each, a slice at a time), unless an update is wanted first; then tell
        search (``context_ready``)."""
        try:
            made, self.context_waiting = content_index.read_in_context(
                stop=lambda: self._wanted.is_set() or self._stopping)
            self.passages_waiting = content_index.passages_left
        except Exception:  # a barrier: meaning in context only makes search better
            log.exception("reading the items in context failed")
            return
        finally:
            release_free_memory()  # (the texts and vectors read to compare)
        if made and not self.context_waiting:
            self._out.emit(self.context_ready)

    def _rebuild_in_child(self, roots: list[Path], *, rebuild: bool) -> None:
        """A full build holds every item and Whoosh's write buffers at once; doing it
        in a child process gives that memory back to the system when it ends, so the
        app stays small for the rest of the day."""
        # a frozen bundle (PyInstaller) is the command line itself; else run the package
        program = [sys.executable] if getattr(sys, "frozen", False) else \
            [sys.executable, "-m", "jitl_desktop"]
        command = [*program, "--data-dir", str(self.data_dir),
                   "index", "--progress", "--no-context",
                   *(a for r in roots for a in ("--content", str(r)))]
        if rebuild:
            command.append("--rebuild")
        log.info("building the index in a child process")
        lines: list[str] = []
        with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True) as child:
            assert child.stderr is not None
            for line in child.stderr:
                words = line.split()
                if len(words) == 3 and words[0] == PROGRESS_PREFIX:
                    self._progress(int(words[1]), int(words[2]))
                elif line.strip():
                    lines.append(line.strip())
        if child.returncode != 0:
            raise JitlError(lines[-1].removeprefix("jitl-desktop: ") if lines
                            else f"the index build failed (exit {child.returncode})")

    @Slot(object)
    def _rewatch(self, _report: object = None) -> None:
        """Watch each content folder, with everything under it, for changes."""
        if self._stopping:
            return
        with self._lock:
            wanted = {str(r) for r in self.roots if r.is_dir()}
        first, self._watching = not self._watching, True
        if self._observer is None:
            if not wanted:
                return
            from watchdog.observers import Observer

            self._observer = Observer()
            self._observer.daemon = True
            self._observer.start()
        for gone in set(self._watches) - wanted:
            self._observer.unschedule(self._watches.pop(gone))
        for root in sorted(wanted - set(self._watches)):
            try:
                self._watches[root] = self._observer.schedule(
                    _Changes(root, self.index_dir, self._changed), root,
                    recursive=True)
            except OSError as exc:
                if root in self._unwatched:
                    continue
                self._unwatched.add(root)
                log.warning("cannot watch %s for changes (%s): saved files there are "
                            "picked up at the next start or Reindex%s", root,
                            exc.strerror or exc, _LIMIT_HINT if exc.errno == 28 else "")
            else:
                if not first:
                    # a folder that appeared: files written into it before it was
                    # watched raised no event, so look once more
                    self.request_update()


#: what to do when Linux runs out of inotify watches (ENOSPC)
_LIMIT_HINT = ("; on Linux, raise the limit of watched folders (sysctl "
               "fs.inotify.max_user_watches)")


class _Changes(FileSystemEventHandler):
    """A watchdog handler: calls ``notify(path)`` for each change of a file or folder
    under a content folder that can matter (not hidden files but a folder's ``.jitl.yaml``,
    nor the index itself)."""

    def __init__(self, root: str, index_dir: Path, notify: Callable[[str], object]) -> None:
        super().__init__()
        self.root = root
        self.index_dir = str(index_dir)
        self.notify = notify

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES:
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = os.fsdecode(raw)
            if path and self._matters(path):  # both ends of a move: a saved file is
                self.notify(path)             # often written beside it, then moved

    def _matters(self, path: str) -> bool:
        if path == self.index_dir or path.startswith(self.index_dir + os.sep):
            return False
        rel = os.path.relpath(path, self.root)
        return not any(part.startswith(".") and part != FOLDER_FILE
                       for part in rel.split(os.sep) if part != "..")
