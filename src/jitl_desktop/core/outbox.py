"""The outbox: xAPI statements waiting in the history database until the LRS has them.

The table ``xapi_statements`` (history schema 3) holds each statement with its state:
``queued`` (not sent yet), ``sent`` or ``rejected`` (the LRS refused it: set aside with
its answer, never sent again). :func:`enqueue` runs inside the history's own
transaction, so a statement is saved exactly when its record is.

Several senders may run at once (the app's background sender and ``jitl-desktop xapi
flush``): each takes a batch by writing its name and a time limit on the rows (a
lease) in one ``BEGIN IMMEDIATE`` transaction, so two never post the same batch. A
lease ends when its sender says how the batch went, when its time is up, or at once
when its sender's process is gone (a kill -9).

Bounded: past ``limit`` queued statements the oldest search statements are dropped
first, then the oldest of any kind; each is counted (``dropped``).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jitl_desktop.core.system import process_alive

#: a batch is this many statements at most
BATCH = 50
#: how long a sender may hold a batch before others may take it (seconds)
LEASE_SECONDS = 120.0

SCHEMA = """
    CREATE TABLE xapi_statements (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
                                  verb TEXT NOT NULL, body TEXT NOT NULL, at REAL NOT NULL,
                                  state TEXT NOT NULL DEFAULT 'queued', lease TEXT,
                                  lease_until REAL NOT NULL DEFAULT 0,
                                  attempts INTEGER NOT NULL DEFAULT 0, sent_at REAL,
                                  answer TEXT);
    CREATE INDEX xapi_statements_state ON xapi_statements (state, seq);
    CREATE TABLE xapi_counters (name TEXT PRIMARY KEY, value);
"""


def enqueue(db: sqlite3.Connection, statement: dict[str, Any], limit: int) -> int:
    """Add ``statement`` to the outbox (inside the caller's transaction); return how
    many older statements were dropped to stay within ``limit``."""
    verb = statement["verb"]["id"].rsplit("/", 1)[-1]
    db.execute("INSERT INTO xapi_statements (id, verb, body, at) VALUES (?, ?, ?, ?)",
               (statement["id"], verb, json.dumps(statement, ensure_ascii=False,
                                                  separators=(",", ":")), time.time()))
    excess = db.execute("SELECT count(*) FROM xapi_statements WHERE state = 'queued'"
                        ).fetchone()[0] - limit
    if excess <= 0:
        return 0
    dropped = 0
    for verb_filter in ("AND verb = 'searched'", ""):
        cursor = db.execute(
            "DELETE FROM xapi_statements WHERE seq IN (SELECT seq FROM xapi_statements "
            f"WHERE state = 'queued' AND lease IS NULL {verb_filter} ORDER BY seq LIMIT ?)",
            (excess - dropped,))
        dropped += max(cursor.rowcount, 0)
        if dropped >= excess:
            break
    _add(db, "dropped", dropped)
    return dropped


def clear(db: sqlite3.Connection) -> None:
    """Forget every statement and count (inside the caller's transaction)."""
    db.execute("DELETE FROM xapi_statements")
    db.execute("DELETE FROM xapi_counters")


def _add(db: sqlite3.Connection, name: str, n: int) -> None:
    db.execute("INSERT INTO xapi_counters (name, value) VALUES (?, ?) ON CONFLICT (name) "
               "DO UPDATE SET value = value + excluded.value", (name, n))


def _set(db: sqlite3.Connection, name: str, value: Any) -> None:
    db.execute("INSERT OR REPLACE INTO xapi_counters (name, value) VALUES (?, ?)",
               (name, value))


@dataclass(frozen=True)
class Claimed:
    """One statement of a batch a sender holds."""

    id: str
    body: str


class Outbox:
    """The outbox as a sender sees it: its own connection to the history database
    (which :class:`~jitl_desktop.core.history.History` has created and migrated).
    Use from one thread."""

    def __init__(self, path: Path, *, busy_timeout: float = 5.0) -> None:
        self.path = path
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._db = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
        self._db.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            raise

    # --- taking and settling batches ---------------------------------------------------

    def claim(self, limit: int = BATCH, lease: float = LEASE_SECONDS) -> list[Claimed]:
        """Take up to ``limit`` queued statements, oldest first, that no other sender
        holds; they are this sender's for ``lease`` seconds."""
        now = time.time()
        with self._transaction() as db:
            self._free_dead_leases(db, now)
            rows = db.execute(
                "SELECT seq, id, body FROM xapi_statements WHERE state = 'queued' AND "
                "lease_until < ? ORDER BY seq LIMIT ?", (now, limit)).fetchall()
            if rows:
                db.execute(
                    f"UPDATE xapi_statements SET lease = ?, lease_until = ?, "
                    f"attempts = attempts + 1 WHERE seq IN ({','.join('?' * len(rows))})",
                    (self.owner, now + lease, *(r[0] for r in rows)))
        return [Claimed(r[1], r[2]) for r in rows]

    def _free_dead_leases(self, db: sqlite3.Connection, now: float) -> None:
        """Leases held by a process of this machine that is gone end now."""
        host = socket.gethostname()
        for (owner,) in db.execute("SELECT DISTINCT lease FROM xapi_statements WHERE "
                                   "state = 'queued' AND lease_until >= ?", (now,)).fetchall():
            name, _, rest = str(owner).partition(":")
            pid = rest.partition(":")[0]
            if name == host and pid.isdigit() and not process_alive(int(pid)):
                db.execute("UPDATE xapi_statements SET lease = NULL, lease_until = 0 "
                           "WHERE lease = ?", (owner,))

    def _ids(self, ids: list[str]) -> tuple[str, tuple[str, ...]]:
        return ",".join("?" * len(ids)), tuple(ids)

    def sent(self, ids: list[str]) -> None:
        """The LRS has these statements."""
        marks, args = self._ids(ids)
        now = time.time()
        with self._transaction() as db:
            db.execute(f"UPDATE xapi_statements SET state = 'sent', sent_at = ?, lease = NULL, "
                       f"lease_until = 0 WHERE id IN ({marks})", (now, *args))
            _set(db, "last_sent_at", now)
            _set(db, "last_error", None)

    def rejected(self, statement_id: str, answer: str) -> None:
        """The LRS refuses this statement: set it aside with the LRS's answer."""
        with self._transaction() as db:
            db.execute("UPDATE xapi_statements SET state = 'rejected', answer = ?, "
                       "lease = NULL, lease_until = 0 WHERE id = ?", (answer, statement_id))

    def release(self, ids: list[str], error: str) -> None:
        """Not sent this time (``error`` says why): queued again for any sender."""
        marks, args = self._ids(ids)
        with self._transaction() as db:
            db.execute(f"UPDATE xapi_statements SET lease = NULL, lease_until = 0 "
                       f"WHERE id IN ({marks}) AND lease = ?", (*args, self.owner))
            _set(db, "last_error", error)

    def note_error(self, error: str | None) -> None:
        with self._transaction() as db:
            _set(db, "last_error", error)

    # --- reading ----------------------------------------------------------------------

    def held_by_others(self) -> int:
        """Queued statements another live sender holds now."""
        return int(self._db.execute(
            "SELECT count(*) FROM xapi_statements WHERE state = 'queued' AND lease_until >= ? "
            "AND lease IS NOT ?", (time.time(), self.owner)).fetchone()[0])

    def status(self) -> dict[str, Any]:
        """``queued``, ``sent``, ``rejected``, ``dropped``, ``last_error``,
        ``last_sent_at`` (ISO 8601 or None)."""
        counts = dict(self._db.execute(
            "SELECT state, count(*) FROM xapi_statements GROUP BY state").fetchall())
        values = dict(self._db.execute("SELECT name, value FROM xapi_counters").fetchall())
        last = values.get("last_sent_at")
        return {"queued": counts.get("queued", 0), "sent": counts.get("sent", 0),
                "rejected": counts.get("rejected", 0), "dropped": int(values.get("dropped") or 0),
                "last_error": values.get("last_error"),
                "last_sent_at": _iso(float(last)) if last is not None else None}

    def rejections(self) -> list[dict[str, Any]]:
        return [{"id": i, "answer": a} for i, a in self._db.execute(
            "SELECT id, answer FROM xapi_statements WHERE state = 'rejected' ORDER BY seq")]

    def export(self) -> Iterator[dict[str, Any]]:
        """Every statement kept (sent, queued and set aside), oldest first."""
        for (body,) in self._db.execute("SELECT body FROM xapi_statements ORDER BY seq"):
            yield json.loads(body)


def _iso(at: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(at, dt.timezone.utc).isoformat(timespec="seconds")
