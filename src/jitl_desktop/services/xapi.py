"""Learning records for the organisation's LRS, in the running app: the statement
builder the history uses, and a background thread that sends the outbox.

The sender never runs on the GUI thread and never on the keystroke path: building a
statement happens inside the history write of a record (an open, a search chosen, a
mark), and sending in its own thread with its own database connection. It wakes when
a statement is built (and every :data:`POLL_SECONDS`), waits longer after each
failure (exponential back-off with jitter, up to :data:`MAX_BACKOFF`), and stops
trying when the LRS refuses the credentials (a configuration problem, in the status
and the log, until the app starts again or ``jitl-desktop xapi flush`` succeeds).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from jitl_desktop.core.history import HISTORY_FILE
from jitl_desktop.core.outbox import Outbox
from jitl_desktop.core.search import Hit
from jitl_desktop.core.xapi import ItemFacts, Statements, load_config, status_of

log = logging.getLogger(__name__)

#: the sender looks at the outbox at least this often (seconds)
POLL_SECONDS = 30.0
#: after a statement is built, the sender waits this long (its transaction commits)
SETTLE_SECONDS = 0.3
#: the first and the longest wait after a failed send (seconds)
FIRST_BACKOFF, MAX_BACKOFF = 5.0, 300.0


class XapiService(QObject):
    """Learning records in the running app (no signals: the status is read when asked)."""

    def __init__(self, get: Callable[[str], Any], data_dir: Path,
                 describe: Callable[[str], Hit | None], parent: QObject | None = None) -> None:
        """``get`` reads a setting; ``describe`` finds an item by id (title, kind)."""
        super().__init__(parent)
        self.config, self.problem = load_config(get)
        if self.problem:
            log.warning("%s", self.problem)
        self._describe = describe
        self.statements: Statements | None = None
        self._wake, self._stop = threading.Event(), threading.Event()
        self._lock = threading.Lock()
        self._counts: dict[str, Any] = {}
        self._path = data_dir / HISTORY_FILE
        self._thread: threading.Thread | None = None
        if self.config is not None:
            self.statements = Statements(self.config, describe=self._facts,
                                         built=self._wake.set)
            self._thread = threading.Thread(target=self._run, name="xapi-sender",
                                            daemon=True)
            self._thread.start()
            log.info("xAPI: statements go to %s", self.config.endpoint)

    def _facts(self, item_id: str) -> ItemFacts | None:
        hit = self._describe(item_id)
        if hit is None:
            return None
        return ItemFacts(hit.title, hit.kind, str(hit.meta.get("lang") or ""))

    def status(self) -> dict[str, Any]:
        with self._lock:
            return status_of(self.config, self.problem, self._counts)

    def stop(self) -> None:
        """End the sender (what it holds goes back to the queue or is sent later)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5.0)

    # --- the sender thread ------------------------------------------------------------

    def _run(self) -> None:
        # (the HTTP client and TLS are loaded only where an LRS is configured)
        from jitl_desktop.core.lrs import LrsClient, flush

        assert self.config is not None
        client = LrsClient(self.config)
        outbox: Outbox | None = None
        backoff = 0.0
        wait = SETTLE_SECONDS
        while not self._stop.is_set():
            (self._stop if backoff else self._wake).wait(wait)  # a failure: wait it out
            self._wake.clear()
            if self._stop.is_set():
                break
            time.sleep(SETTLE_SECONDS)
            if outbox is None and self._path.exists():
                outbox = Outbox(self._path)
            if outbox is None:
                wait = POLL_SECONDS
                continue
            report = flush(outbox, client, stop=self._stop.is_set)
            self._remember(outbox)
            if report.config_problem:
                with self._lock:
                    self.problem = report.error
                log.error("xAPI: sending stopped: %s", report.error)
                break
            if report.error:
                backoff = min(MAX_BACKOFF, max(FIRST_BACKOFF, backoff * 2))
                wait = backoff * random.uniform(0.5, 1.0)  # jitter
            else:
                backoff, wait = 0.0, POLL_SECONDS
        client.close()
        if outbox is not None:
            self._remember(outbox)
            outbox.close()

    def _remember(self, outbox: Outbox) -> None:
        counts = outbox.status()
        with self._lock:
            self._counts = counts
