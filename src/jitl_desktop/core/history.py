"""The user's own learning record: a local SQLite store in the data folder.

What it keeps: items viewed (with the application they were opened over),
bookmarks, items marked done, "was this helpful?" votes with an optional
comment, searches (the query, how many results, the item chosen, if any) and
quiz answers. Nothing leaves the machine, unless the organisation's policy names a
Learning Record Store: then each record also writes its xAPI statement into the outbox
table (:mod:`jitl_desktop.core.outbox`) in the same transaction, so there is never a
statement without its record nor a record without its statement.

Safety: WAL journal, one transaction per change, so a kill at any moment keeps
every committed row (WAL with ``synchronous=NORMAL`` loses nothing when only the
process dies). The schema is migrated step by step from the first version. A file
that is not a database or is damaged (``PRAGMA quick_check`` at open, or a
"malformed" error later) is moved aside, never deleted; a fresh store is started
and every row that can still be read from the damaged one is copied into it
(each table read forwards and backwards up to the damage); :attr:`History.warnings`
says so, with how many rows were recovered.

A write that fails because another process holds the store locked, the disk is
full or the folder is read-only raises :class:`HistoryUnavailableError` (a
JitlError saying which, and to try again), so a caller can keep the change and
retry; nothing is dropped silently.

Views and searches can be switched off (``record=False``); bookmarks, done marks
and votes are the user's explicit actions and are always kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import math
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from jitl_desktop.core import outbox
from jitl_desktop.core.files import write_atomic
from jitl_desktop.errors import DataDirError

log = logging.getLogger(__name__)

HISTORY_FILE = "history.sqlite"

#: Each step takes the store from version n to n + 1; never edit a released step.
MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE views (id INTEGER PRIMARY KEY, item_id TEXT NOT NULL, at REAL NOT NULL,
                        app TEXT);
    CREATE INDEX views_item ON views (item_id);
    CREATE TABLE bookmarks (item_id TEXT PRIMARY KEY, at REAL NOT NULL);
    CREATE TABLE done (item_id TEXT PRIMARY KEY, at REAL NOT NULL);
    CREATE TABLE votes (id INTEGER PRIMARY KEY, item_id TEXT NOT NULL,
                        helpful INTEGER NOT NULL, comment TEXT, at REAL NOT NULL);
    CREATE TABLE searches (id INTEGER PRIMARY KEY, query TEXT NOT NULL,
                           results INTEGER NOT NULL, chosen TEXT, at REAL NOT NULL);
    """,
    # 2: where a view came from, the app of a search, and quiz answers
    """
    ALTER TABLE views ADD COLUMN source TEXT NOT NULL DEFAULT 'overlay';
    ALTER TABLE searches ADD COLUMN app TEXT;
    CREATE TABLE answers (id INTEGER PRIMARY KEY, item_id TEXT NOT NULL,
                          question INTEGER NOT NULL, correct INTEGER NOT NULL,
                          at REAL NOT NULL);
    CREATE INDEX answers_item ON answers (item_id);
    """,
    # 3: xAPI statements waiting for (or sent to) the organisation's LRS, and moments
    # of videos watched
    outbox.SCHEMA + """
    CREATE TABLE media (id INTEGER PRIMARY KEY, item_id TEXT NOT NULL, verb TEXT NOT NULL,
                        position REAL NOT NULL, session TEXT NOT NULL, at REAL NOT NULL);
    """,
    # 4: problems reported with an item (outdated, wrong, missing-step)
    """
    CREATE TABLE problems (id INTEGER PRIMARY KEY, item_id TEXT NOT NULL, kind TEXT NOT NULL,
                           comment TEXT, at REAL NOT NULL);
    """,
    # 5: how long a view was in view (``open`` until the user leaves the item: its
    # statement is made then), and the statement that said a bookmark or done mark (a
    # later un-mark voids it). Earlier views are finished ones.
    """
    ALTER TABLE views ADD COLUMN seconds REAL;
    ALTER TABLE views ADD COLUMN open INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE bookmarks ADD COLUMN statement TEXT;
    ALTER TABLE done ADD COLUMN statement TEXT;
    """,
    # 6: whether the search said nothing answers it (results listed as the closest only)
    """
    ALTER TABLE searches ADD COLUMN no_good_match INTEGER;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
#: a view counts half as much after this many days (frecency)
HALF_LIFE_DAYS = 14.0


class HistoryUnavailableError(DataDirError):
    """The history cannot be read or written just now: ``reason`` is ``"locked"``
    (another process holds it), ``"full"`` (no space left), ``"read-only"`` or
    ``"error"``. The change asked for was not made; trying again later may work."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def unavailable(exc: sqlite3.Error, path: Path, doing: str) -> HistoryUnavailableError:
    """The error to raise for ``exc``, met while ``doing`` something with ``path``."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return HistoryUnavailableError(
            f"cannot {doing}: the history {path} is locked by another process; "
            "try again in a moment", "locked")
    if "full" in text:
        return HistoryUnavailableError(
            f"cannot {doing}: the disk holding {path} is full; free some space and "
            "try again", "full")
    if "readonly" in text or "read-only" in text:
        return HistoryUnavailableError(
            f"cannot {doing}: the history {path} is read-only", "read-only")
    return HistoryUnavailableError(f"cannot {doing} in {path}: {exc}", "error")


class StatementBuilder(Protocol):
    """What makes a record's xAPI statement (:class:`jitl_desktop.core.xapi.Statements`)."""

    @property
    def outbox_limit(self) -> int: ...

    def build(self, event: str, facts: dict[str, Any]) -> dict[str, Any] | None: ...


class History:
    """One user's learning record (use from one thread; other processes may share the
    file: ``jitl-desktop history`` works while the app runs)."""

    #: seconds to wait for another process's lock before giving up (HistoryUnavailableError)
    busy_timeout = 5.0

    def __init__(self, data_dir: Path | None, *, record: bool = True,
                 busy_timeout: float | None = None,
                 statements: StatementBuilder | None = None) -> None:
        """``data_dir`` None: a store in memory, for a run whose data folder is
        unusable. ``busy_timeout``: how long a change waits for another process's lock
        (the running app waits briefly and keeps the change to save later).
        ``statements``: builds the xAPI statement of each record (None: no LRS)."""
        self.statements = statements
        if busy_timeout is not None:
            self.busy_timeout = busy_timeout
        self.path = data_dir / HISTORY_FILE if data_dir is not None else Path(":memory:")
        self.record = record
        self.warnings: list[str] = []
        self._db = self._open() if data_dir is not None else self._memory()

    def _memory(self) -> sqlite3.Connection:
        db = sqlite3.connect(":memory:", isolation_level=None)
        self._migrate(db)
        return db

    # --- opening -------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                db = self._connect_and_migrate()
                problem = _quick_check(db)
                if problem is None:
                    return db
                db.close()
                raise sqlite3.DatabaseError(f"database disk image is malformed ({problem})")
            except sqlite3.DatabaseError as exc:
                if not _damaged(exc):
                    raise
                return self._recover(exc)
        except sqlite3.OperationalError as exc:
            error = unavailable(exc, self.path, "open the history")
            if error.reason == "error":
                raise DataDirError(f"cannot open the history in {self.path}: {exc}"
                                   ) from exc
            raise error from exc
        except (OSError, sqlite3.Error) as exc:
            raise DataDirError(f"cannot open the history in {self.path}: {exc}") from exc

    def _recover(self, exc: Exception) -> sqlite3.Connection:
        """Move the damaged store aside, start a new one and copy into it what can
        still be read; a warning says what happened."""
        aside = self._move_aside()
        db = self._connect_and_migrate()
        recovered = _salvage(aside, db)
        message = (f"{self.path}: the history was damaged ({exc}); it was moved to "
                   f"{aside.name} and a new one was started with the {recovered} "
                   "records that could still be read")
        log.warning("%s", message)
        self.warnings.append(message)
        return db

    def _repair(self, exc: sqlite3.DatabaseError) -> bool:
        """After a damage error in use: recover into a new store (True), or False when
        the error is not damage or the store is in memory."""
        if not _damaged(exc) or str(self.path) == ":memory:":
            return False
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
        try:
            self._db = self._recover(exc)
        except (OSError, sqlite3.Error) as again:
            raise DataDirError(f"cannot repair the history in {self.path}: {again}"
                               ) from again
        return True

    def _connect_and_migrate(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout={int(self.busy_timeout * 1000)}")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def _move_aside(self) -> Path:
        aside = self.path.with_name(f"{self.path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.exists():
                os.replace(part, Path(f"{aside}{suffix}"))
        return aside

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the header
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            log.warning("history schema %d is newer than this version knows (%d); "
                        "using it as it is", version, SCHEMA_VERSION)
            return
        for n in range(version, SCHEMA_VERSION):
            with _transaction(db):
                for statement in filter(str.strip, MIGRATIONS[n].split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version={n + 1}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- recording -----------------------------------------------------------------------

    def record_view(self, item_id: str, *, app: str | None = None,
                    source: str = "overlay") -> int | None:
        """A view begins: its row is written now (recent items and frecency count it at
        once); its statement when it ends (:meth:`end_view`). Returns the view's id
        (None when views are not recorded)."""
        if not self.record:
            return None
        return self._write("INSERT INTO views (item_id, at, app, source, seconds, open) "
                           "VALUES (?, ?, ?, ?, 0, 1)", (item_id, time.time(), app, source))

    def checkpoint_view(self, view: int, seconds: float) -> None:
        """How long the open view ``view`` has been in view so far: what a view left
        open by a crash is ended with at the next start (no statement now)."""
        self._write("UPDATE views SET seconds = ? WHERE id = ? AND open = 1",
                    (round(seconds, 2), view))

    def end_view(self, view: int, seconds: float) -> bool:
        """The user left the item of the open view ``view`` after ``seconds`` in view:
        the row is finished and its ``experienced`` statement (with that duration)
        written in the same transaction. False when it was finished already."""
        rows = self._rows("SELECT item_id, at, app FROM views WHERE id = ? AND open = 1",
                          (view,))
        if not rows:
            return False
        item_id, at, app = rows[0]
        return self._write(
            "UPDATE views SET seconds = ?, open = 0 WHERE id = ? AND open = 1",
            (round(seconds, 2), view),
            ("view", {"item_id": item_id, "at": at, "app": app,
                      "seconds": round(seconds, 2)})) is not None

    def end_open_views(self) -> int:
        """Finish the views a crash (or a kill) left open, each with the time in view
        last saved for it (:meth:`checkpoint_view`); return how many. For the app at
        its start only: the views of a running app are open on purpose."""
        ended = 0
        for view, seconds in self._rows("SELECT id, seconds FROM views WHERE open = 1 "
                                        "ORDER BY id"):
            ended += self.end_view(view, float(seconds or 0.0))
        return ended

    def record_search(self, query: str, results: int, chosen: str | None = None,
                      app: str | None = None, no_good_match: bool | None = None) -> None:
        """A search: ``results`` listed, ``no_good_match`` when the search said none
        of them answers (None: not known, as for no results at all)."""
        if self.record and query.strip():
            at = time.time()
            unanswered = results == 0 if no_good_match is None else no_good_match
            self._write("INSERT INTO searches (query, results, chosen, at, app, "
                        "no_good_match) VALUES (?, ?, ?, ?, ?, ?)",
                        (query.strip(), results, chosen, at, app, int(unanswered)),
                        ("search", {"query": query.strip(), "results": results,
                                    "chosen": chosen, "app": app, "at": at,
                                    "no_good_match": unanswered}))

    def set_bookmark(self, item_id: str, on: bool) -> None:
        self._toggle("bookmarks", item_id, on)

    def set_done(self, item_id: str, on: bool) -> None:
        self._toggle("done", item_id, on)

    def vote(self, item_id: str, helpful: bool, comment: str = "") -> None:
        at = time.time()
        self._write("INSERT INTO votes (item_id, helpful, comment, at) VALUES (?, ?, ?, ?)",
                    (item_id, int(helpful), comment.strip() or None, at),
                    ("vote", {"item_id": item_id, "helpful": helpful,
                              "comment": comment.strip() or None, "at": at}))

    def comment(self, item_id: str, comment: str) -> None:
        """Add a comment to the last vote on ``item_id``."""
        last = self._rows("SELECT helpful FROM votes WHERE id = (SELECT max(id) FROM votes "
                          "WHERE item_id = ?)", (item_id,))
        self._write("UPDATE votes SET comment = ? WHERE id = (SELECT max(id) FROM votes "
                    "WHERE item_id = ?)", (comment.strip() or None, item_id),
                    ("comment", {"item_id": item_id, "comment": comment, "at": time.time(),
                                 "helpful": bool(last[0][0]) if last else None}))

    def report_problem(self, item_id: str, kind: str, comment: str = "") -> None:
        """A problem the user reports with ``item_id``: ``outdated``, ``wrong`` or
        ``missing-step``, with an optional comment (for the item's owner)."""
        at = time.time()
        self._write("INSERT INTO problems (item_id, kind, comment, at) VALUES (?, ?, ?, ?)",
                    (item_id, kind, comment.strip() or None, at),
                    ("problem", {"item_id": item_id, "kind": kind,
                                 "comment": comment.strip() or None, "at": at}))

    def record_answer(self, item_id: str, question: int, correct: bool,
                      response: str | None = None) -> None:
        at = time.time()
        self._write("INSERT INTO answers (item_id, question, correct, at) VALUES (?, ?, ?, ?)",
                    (item_id, question, int(correct), at),
                    ("answer", {"item_id": item_id, "question": question, "correct": correct,
                                "response": response, "at": at}))

    def record_media(self, item_id: str, verb: str, position: float, session: str, *,
                     progress: float | None = None, length: float | None = None,
                     position_from: float | None = None) -> None:
        """A moment of a video: ``verb`` is one of the Video Profile's
        (:data:`jitl_desktop.core.xapi.VIDEO_VERBS`), ``position`` in seconds,
        ``session`` the same for one playing of one video."""
        if self.record:
            at = time.time()
            self._write("INSERT INTO media (item_id, verb, position, session, at) "
                        "VALUES (?, ?, ?, ?, ?)", (item_id, verb, position, session, at),
                        ("media", {"item_id": item_id, "verb": verb, "position": position,
                                   "session": session, "at": at, "progress": progress,
                                   "length": length, "position_from": position_from}))

    def _toggle(self, table: str, item_id: str, on: bool) -> None:
        """Set or clear a mark. A mark's statement id is kept on its row: clearing the
        mark voids that statement (nothing to void: no statement)."""
        at = time.time()
        if on:
            self._write(f"INSERT OR IGNORE INTO {table} (item_id, at) VALUES (?, ?)",
                        (item_id, at),
                        ("mark", {"table": table, "item_id": item_id, "on": True, "at": at}),
                        keep=f"UPDATE {table} SET statement = ? WHERE item_id = ?")
            return
        said = self._rows(f"SELECT statement FROM {table} WHERE item_id = ?", (item_id,))
        self._write(f"DELETE FROM {table} WHERE item_id = ?", (item_id,),
                    ("mark", {"table": table, "item_id": item_id, "on": False, "at": at,
                              "voids": said[0][0] if said else None}))

    def _write(self, sql: str, args: tuple[Any, ...],
               record: tuple[str, dict[str, Any]] | None = None, *,
               keep: str | None = None) -> int | None:
        """Run one change in its own transaction, with the xAPI statement of ``record``
        (what was recorded, and its facts) when there is an LRS; HistoryUnavailableError
        if it could not be saved (the caller keeps the change and may try again).
        ``keep``: an UPDATE that stores the statement's id on the row (its arguments:
        the id and the record's ``item_id``). Returns the row id of an INSERT (0 for
        other changes), None when nothing changed."""
        for attempt in range(2):
            try:
                with _transaction(self._db):
                    cursor = self._db.execute(sql, args)
                    if cursor.rowcount == 0:
                        return None
                    if record is not None and self.statements is not None:
                        said = self._enqueue(*record)
                        if keep is not None and said is not None:
                            self._db.execute(keep, (said, record[1]["item_id"]))
                return cursor.lastrowid if sql.startswith("INSERT") else 0
            except sqlite3.DatabaseError as exc:
                if attempt == 0 and self._repair(exc):
                    continue
                log.warning("history: %s (%s)", exc, self.path)
                raise unavailable(exc, self.path, "save to the history") from exc
        raise AssertionError("unreachable")

    def _enqueue(self, event: str, facts: dict[str, Any]) -> str | None:
        """Write the statement of a record into the outbox; its id (None: no statement)."""
        assert self.statements is not None
        statement = self.statements.build(event, facts)
        if statement is None:
            return None
        dropped = outbox.enqueue(self._db, statement, self.statements.outbox_limit)
        if dropped:
            log.warning("xAPI outbox full: %d older statements dropped", dropped)
        return str(statement["id"])

    # --- reading -------------------------------------------------------------------------

    def _rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        for attempt in range(2):
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.DatabaseError as exc:
                if attempt == 0 and self._repair(exc):
                    continue
                raise unavailable(exc, self.path, "read the history") from exc
        raise AssertionError("unreachable")

    def recent(self, limit: int = 8) -> list[str]:
        """Items viewed, newest first, each once."""
        return [r[0] for r in self._rows(
            "SELECT item_id FROM views GROUP BY item_id ORDER BY max(at) DESC LIMIT ?",
            (limit,))]

    def bookmarks(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT item_id FROM bookmarks ORDER BY at DESC")]

    def done(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT item_id FROM done")}

    def is_bookmarked(self, item_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM bookmarks WHERE item_id = ?", (item_id,)))

    def is_done(self, item_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM done WHERE item_id = ?", (item_id,)))

    def helpful(self) -> dict[str, int]:
        """Per item: helpful votes minus not-helpful ones."""
        return {r[0]: r[1] for r in self._rows(
            "SELECT item_id, sum(CASE helpful WHEN 1 THEN 1 ELSE -1 END) FROM votes "
            "GROUP BY item_id")}

    def quiz_score(self, item_id: str) -> tuple[int, int]:
        """(questions whose last answer was right, questions answered)."""
        rows = self._rows(
            "SELECT correct FROM answers a WHERE item_id = ? AND at = (SELECT max(at) FROM "
            "answers b WHERE b.item_id = a.item_id AND b.question = a.question)", (item_id,))
        return sum(r[0] for r in rows), len(rows)

    def frecency(self, now: float | None = None) -> dict[str, float]:
        """Per item: its views, each weighted by how recent it is (half-life two weeks)."""
        now = time.time() if now is None else now
        decay = math.log(2) / (HALF_LIFE_DAYS * 86400)
        scores: dict[str, float] = {}
        for item_id, at in self._rows("SELECT item_id, at FROM views"):
            scores[item_id] = scores.get(item_id, 0.0) + math.exp(-decay * max(0, now - at))
        return scores

    def learning(self, today: dt.date | None = None) -> dict[str, Any]:
        """Streak (days in a row with something viewed or done, up to today), items done
        this week (since Monday) and in all."""
        today = today or dt.date.today()
        days = {dt.date.fromtimestamp(r[0]) for r in self._rows(
            "SELECT at FROM views UNION ALL SELECT at FROM done")}
        streak = 0
        day = today if today in days else today - dt.timedelta(days=1)
        while day in days:
            streak += 1
            day -= dt.timedelta(days=1)
        monday = today - dt.timedelta(days=today.weekday())
        start = time.mktime(monday.timetuple())
        week = self._rows("SELECT count(*) FROM done WHERE at >= ?", (start,))[0][0]
        total = self._rows("SELECT count(*) FROM done")[0][0]
        return {"streak_days": streak, "done_this_week": week, "done_total": total}

    def export(self) -> dict[str, Any]:
        """Everything, as JSON-ready data (times as ISO 8601, UTC)."""
        def iso(at: float) -> str:
            return dt.datetime.fromtimestamp(at, dt.timezone.utc).isoformat(timespec="seconds")

        return {
            "schema": SCHEMA_VERSION,
            "views": [{"item": i, "at": iso(a), "app": p, "source": s, "seconds": n}
                      for i, a, p, s, n in self._rows(
                          "SELECT item_id, at, app, source, seconds FROM views ORDER BY at")],
            "bookmarks": [{"item": i, "at": iso(a)} for i, a in
                          self._rows("SELECT item_id, at FROM bookmarks ORDER BY at")],
            "done": [{"item": i, "at": iso(a)} for i, a in
                     self._rows("SELECT item_id, at FROM done ORDER BY at")],
            "votes": [{"item": i, "helpful": bool(h), "comment": c, "at": iso(a)}
                      for i, h, c, a in self._rows(
                          "SELECT item_id, helpful, comment, at FROM votes ORDER BY at")],
            "searches": [{"query": q, "results": n, "chosen": c, "app": p,
                          "no_good_match": n == 0 if g is None else bool(g), "at": iso(a)}
                         for q, n, c, p, g, a in self._rows(
                             "SELECT query, results, chosen, app, no_good_match, at "
                             "FROM searches ORDER BY at")],
            "answers": [{"item": i, "question": q, "correct": bool(c), "at": iso(a)}
                        for i, q, c, a in self._rows(
                            "SELECT item_id, question, correct, at FROM answers ORDER BY at")],
            "problems": [{"item": i, "kind": k, "comment": c, "at": iso(a)}
                         for i, k, c, a in self._rows(
                             "SELECT item_id, kind, comment, at FROM problems ORDER BY at")],
        }

    def export_to(self, path: Path) -> None:
        """Write :meth:`export` to ``path`` as JSON, private to the user (OSError if it
        cannot be written)."""
        write_atomic(path, json.dumps(self.export(), indent=2, ensure_ascii=False) + "\n",
                     mode=0o600)

    def clear(self) -> None:
        """Forget everything: views, searches, bookmarks, done marks, votes, answers,
        video moments and the xAPI statements not sent yet (HistoryUnavailableError, and
        nothing forgotten, if it cannot be done now)."""
        try:
            with _transaction(self._db):
                for table in ("views", "searches", "bookmarks", "done", "votes", "answers",
                              "media", "problems"):
                    self._db.execute(f"DELETE FROM {table}")
                outbox.clear(self._db)
        except sqlite3.Error as exc:
            raise unavailable(exc, self.path, "clear the history") from exc
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("VACUUM")  # the old rows leave the file too


TABLES = ("views", "bookmarks", "done", "votes", "searches", "answers", "media",
          "xapi_statements", "xapi_counters", "problems")


def _quick_check(db: sqlite3.Connection) -> str | None:
    """None if ``PRAGMA quick_check`` finds the store sound, else what it found."""
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if _damaged(exc):
            return str(exc)
        raise
    if rows == [("ok",)]:
        return None
    return "; ".join(str(r[0]) for r in rows[:3])


def _salvage(damaged: Path, db: sqlite3.Connection) -> int:
    """Copy every row that can be read from the store at ``damaged`` (opened read-only)
    into ``db``; return how many. Each table is read in rowid order, then in reverse,
    each up to the first error, so only rows on damaged pages are lost."""
    try:
        old = sqlite3.connect(f"{damaged.absolute().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    count = 0
    with contextlib.closing(old):
        for table in TABLES:
            rows: dict[int, dict[str, Any]] = {}
            for order in ("ASC", "DESC"):
                try:
                    cursor = old.execute(f"SELECT rowid AS _rowid_, * FROM {table} "
                                         f"ORDER BY rowid {order}")
                    names = [d[0] for d in cursor.description]
                    for row in cursor:
                        rows.setdefault(row[0], dict(zip(names[1:], row[1:], strict=True)))
                except sqlite3.Error:
                    continue  # what was read before the damage is kept
            columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
            with _transaction(db):
                for values in rows.values():
                    keys = [c for c in columns if c in values]
                    cursor = db.execute(
                        f"INSERT OR IGNORE INTO {table} ({', '.join(keys)}) "
                        f"VALUES ({', '.join('?' * len(keys))})",
                        [values[k] for k in keys])
                    count += max(cursor.rowcount, 0)
    return count


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """Whether the file itself is bad (not a database, malformed), rather than, say,
    locked or in a read-only folder."""
    text = str(exc).lower()
    return any(s in text for s in ("not a database", "malformed", "corrupt", "encrypted"))


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")  # a full disk may fail here: roll back below as well
    except BaseException:
        if db.in_transaction:  # SQLite may have rolled back on its own already
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise
