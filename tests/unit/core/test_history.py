"""The learning record: what is kept, kills, migrations, damage, and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import time

import pytest

from jitl_desktop.cli import main
from jitl_desktop.core.history import HISTORY_FILE, MIGRATIONS, SCHEMA_VERSION, History


def test_views_bookmarks_done_votes_and_searches_are_kept_across_opens(tmp_path):
    with History(tmp_path) as history:
        history.record_view("git/undo", app="xterm")
        history.record_view("mail/sign")
        history.record_view("git/undo", source="library")
        history.set_bookmark("mail/sign", True)
        history.set_done("git/undo", True)
        history.vote("git/undo", helpful=True, comment=" saved my day ")
        history.vote("mail/sign", helpful=False)
        history.record_search("undo commit", 5, chosen="git/undo", app="xterm")
        history.record_search("zzz", 0)
    with History(tmp_path) as again:
        assert again.recent() == ["git/undo", "mail/sign"]
        assert again.bookmarks() == ["mail/sign"] and again.done() == {"git/undo"}
        assert again.helpful() == {"git/undo": 1, "mail/sign": -1}
        data = again.export()
    assert [(s["query"], s["results"], s["chosen"]) for s in data["searches"]] == [
        ("undo commit", 5, "git/undo"), ("zzz", 0, None)]
    assert data["votes"][0]["comment"] == "saved my day"
    assert data["views"][0] == {"item": "git/undo", "at": data["views"][0]["at"],
                                "app": "xterm", "source": "overlay", "seconds": 0.0}


def test_unbookmark_and_undone(tmp_path):
    with History(tmp_path) as history:
        history.set_bookmark("a", True)
        history.set_bookmark("a", True)  # twice is once
        history.set_done("a", True)
        assert history.is_bookmarked("a") and history.is_done("a")
        history.set_bookmark("a", False)
        history.set_done("a", False)
        assert history.bookmarks() == [] and not history.is_done("a")


def test_switched_off_it_records_no_views_or_searches_but_keeps_explicit_choices(tmp_path):
    with History(tmp_path, record=False) as history:
        history.record_view("a")
        history.record_search("tar", 3)
        history.set_bookmark("a", True)
        data = history.export()
    assert data["views"] == [] and data["searches"] == []
    assert [b["item"] for b in data["bookmarks"]] == ["a"]


def test_clear_forgets_everything(tmp_path):
    with History(tmp_path) as history:
        history.record_view("a")
        history.set_bookmark("a", True)
        history.record_search("x", 1)
        history.clear()
        assert all(not rows for key, rows in history.export().items() if key != "schema")


KILLER = """
import sys, pathlib
from jitl_desktop.core.history import History
history = History(pathlib.Path(sys.argv[1]))
n = 0
while True:
    history.record_view(f"item/{n}")
    n += 1
    if n == 50:
        print("going", flush=True)
"""


def test_a_kill_mid_write_keeps_every_committed_row(tmp_path):
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", KILLER, str(tmp_path)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline() == "going\n"
        time.sleep(0.05)  # part of the test: the kill lands while it keeps writing
        proc.kill()
        proc.wait()
        proc.stdout.close()
    with History(tmp_path) as history:
        assert history.warnings == []
        views = history.export()["views"]
    # three runs, each with at least 50 committed views, each run numbered from 0
    assert len(views) >= 150
    assert sum(1 for v in views if v["item"] == "item/49") == 3


def test_the_first_schema_is_migrated_and_its_rows_kept(tmp_path):
    db = sqlite3.connect(tmp_path / HISTORY_FILE)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version=1")
    db.execute("INSERT INTO views (item_id, at, app) VALUES ('old/item', 1700000000, 'xterm')")
    db.execute("INSERT INTO searches (query, results, chosen, at) VALUES ('tar', 2, NULL, 1)")
    db.commit()
    db.close()
    with History(tmp_path) as history:
        data = history.export()
        history.record_answer("quiz/a", 0, True)
        assert history.quiz_score("quiz/a") == (1, 1)
    assert data["views"][0]["item"] == "old/item" and data["views"][0]["source"] == "overlay"
    assert data["searches"][0]["app"] is None
    check = sqlite3.connect(tmp_path / HISTORY_FILE)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    check.close()


def test_a_damaged_file_is_moved_aside_and_a_new_store_started(tmp_path):
    (tmp_path / HISTORY_FILE).write_bytes(b"this is no database " * 100)
    with History(tmp_path) as history:
        assert "moved to" in history.warnings[0]
        history.record_view("a")
        assert history.recent() == ["a"]
    aside = list(tmp_path.glob(f"{HISTORY_FILE}.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is no database")


def test_quiz_score_counts_the_last_answer_to_each_question(tmp_path):
    with History(tmp_path) as history:
        history.record_answer("q", 0, False)
        time.sleep(0.01)  # part of the test: the clock moves on (it is coarse on Windows)
        history.record_answer("q", 0, True)
        history.record_answer("q", 1, False)
        assert history.quiz_score("q") == (1, 2)


def test_frecency_prefers_frequent_and_recent(tmp_path):
    with History(tmp_path) as history:
        for _ in range(3):
            history.record_view("often")
        history.record_view("once")
        scores = history.frecency()
        assert scores["often"] > scores["once"] > 0
        later = history.frecency(now=time.time() + 14 * 86400)  # two weeks on: halved
        assert later["often"] == pytest.approx(scores["often"] / 2, rel=0.01)


def test_streak_and_done_this_week(tmp_path):
    with History(tmp_path) as history:
        history.set_done("a", True)
        history.record_view("b")
        today = dt.date.today()
        assert history.learning(today) == {"streak_days": 1, "done_this_week": 1,
                                           "done_total": 1}
        assert history.learning(today + dt.timedelta(days=1))["streak_days"] == 1
        assert history.learning(today + dt.timedelta(days=2))["streak_days"] == 0


def test_history_commands(tmp_path, capsys):
    data = tmp_path / "data"
    with History(data) as history:
        history.record_view("git/undo")
        history.set_bookmark("git/undo", True)
    assert main(["--data-dir", str(data), "history", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [v["item"] for v in printed["views"]] == ["git/undo"]
    out = tmp_path / "export.json"
    assert main(["--data-dir", str(data), "history", "export", str(out)]) == 0
    assert json.loads(out.read_text())["bookmarks"][0]["item"] == "git/undo"
    assert out.stat().st_mode & 0o077 == 0  # private, like the store
    assert main(["--data-dir", str(data), "history", "clear"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "history"]) == 0
    assert capsys.readouterr().out.startswith("0 views, 0 bookmarks, 0 done")
