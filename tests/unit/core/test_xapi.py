"""xAPI statements, the outbox and the sender, against a real Ralph LRS on loopback."""

from __future__ import annotations

import http.server
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.lrs import PASSWORD, USER, Ralph, validate
from jitl_desktop.cli import main
from jitl_desktop.core.history import History
from jitl_desktop.core.lrs import LrsClient, flush
from jitl_desktop.core.outbox import Outbox
from jitl_desktop.core.settings import BY_KEY, Settings
from jitl_desktop.core.xapi import (
    VERBS,
    VIDEO_VERBS,
    ItemFacts,
    Statements,
    XapiConfig,
    XapiConfigError,
    keyed_hash,
)

SALT = "an organisation's secret salt"


def settings_for(endpoint: str, **more: Any) -> dict[str, Any]:
    return {"xapi_endpoint": endpoint, "xapi_username": USER, "xapi_password": PASSWORD,
            "xapi_actor_salt": SALT, "xapi_activity_base": "https://learning.example.com/jitl/",
            "xapi_queries": "hashed", **more}


def config(endpoint: str = "http://127.0.0.1:9/xAPI/", **more: Any) -> XapiConfig:
    values = settings_for(endpoint, **more)
    found = XapiConfig.from_settings(lambda k: values.get(k, BY_KEY[k].default))
    assert found is not None
    return found


def describe(item_id: str) -> ItemFacts | None:
    return {"mail/signature": ItemFacts("E-mail signature", "guide", "en"),
            "terminal/archives": ItemFacts("Archives in one minute", "video", "en"),
            "security/quiz": ItemFacts("Spot phishing", "quiz", "en")}.get(item_id)


def history(data_dir: Path, endpoint: str = "http://127.0.0.1:9/xAPI/",
            **more: Any) -> History:
    return History(data_dir, statements=Statements(config(endpoint, **more), login="Ann",
                                                   describe=describe))


def viewed(h: History, item_id: str, seconds: float = 42.5, app: str | None = None) -> None:
    """A view of ``item_id`` that lasted ``seconds`` (its statement is made as it ends)."""
    view = h.record_view(item_id, app=app)
    if view is not None:
        h.end_view(view, seconds)


def every_kind(h: History) -> None:
    """One record of every kind that makes a statement."""
    h.record_search("extract tar", 3, chosen="mail/signature", app="terminal")
    h.record_search("nothing like this", 0)
    viewed(h, "mail/signature", app="terminal")
    h.vote("mail/signature", helpful=True)
    h.comment("mail/signature", "exactly what I needed")
    h.set_done("mail/signature", True)
    h.set_bookmark("mail/signature", True)
    h.set_bookmark("mail/signature", False)  # voids the bookmarked statement
    h.set_done("mail/signature", False)
    h.set_done("mail/signature", True)
    h.record_answer("security/quiz", 0, correct=True, response="b")
    for verb in VIDEO_VERBS:
        h.record_media("terminal/archives", verb, 12.5, "session-1", progress=0.2,
                       length=63.0, position_from=3.0)


def queued(data_dir: Path) -> list[dict[str, Any]]:
    with Outbox(data_dir / "history.sqlite") as box:
        return list(box.export())


# --- statements ------------------------------------------------------------------------

def test_every_statement_kind_is_valid_for_ralphs_model(tmp_path, ralph_python):
    with history(tmp_path) as h:
        every_kind(h)
    statements = queued(tmp_path)
    verbs = {s["verb"]["id"] for s in statements}
    assert verbs == set(VERBS.values())
    assert validate(ralph_python, statements) == []


def test_the_actor_is_a_keyed_hash_of_the_login_and_no_window_title_is_sent(tmp_path):
    with history(tmp_path) as h:
        h.record_search("Extract  TAR", 3, app="terminal")
    [statement] = queued(tmp_path)
    account = statement["actor"]["account"]
    assert account["name"] == keyed_hash(SALT, "ann") and "ann" not in json.dumps(statement)
    assert account["homePage"] == "https://learning.example.com/jitl/"
    ext = statement["result"]["extensions"]
    base = "https://learning.example.com/jitl/extensions/"
    assert ext[base + "query-hash"] == keyed_hash(SALT, "extract tar")
    assert base + "query" not in ext and "Extract" not in json.dumps(statement)
    assert statement["context"]["extensions"][base + "app"] == "terminal"
    assert statement["context"]["platform"].startswith("JITL Desktop ")
    assert statement["timestamp"].endswith("+00:00")


@pytest.mark.parametrize(("queries", "key"), [("full", "query"), ("none", None)])
def test_the_policy_decides_what_a_search_carries_of_the_query(tmp_path, queries, key):
    with history(tmp_path, xapi_queries=queries) as h:
        h.record_search("extract tar", 0)
    [statement] = queued(tmp_path)
    ext = statement["result"]["extensions"]
    names = {k.rsplit("/", 1)[-1] for k in ext}
    assert names == {"results", "no-good-match"} | ({key} if key else set())
    assert ext["https://learning.example.com/jitl/extensions/no-good-match"] is True


def test_a_search_that_listed_only_the_closest_is_sent_as_not_answered(tmp_path):
    with history(tmp_path) as h:
        h.record_search("expense claim", 3, no_good_match=True)
        h.record_search("extract tar", 3, no_good_match=False)
        h.record_search("qqq", 0)
    base = "https://learning.example.com/jitl/extensions/"
    said = [(s["result"]["extensions"][base + "results"],
             s["result"]["extensions"][base + "no-good-match"]) for s in queued(tmp_path)]
    assert said == [(3, True), (3, False), (0, True)]


def test_items_have_registry_types_and_their_topic_as_grouping(tmp_path):
    with history(tmp_path) as h:
        viewed(h, "mail/signature")
        h.record_answer("security/quiz", 1, correct=False)
    view, answer = queued(tmp_path)
    assert view["object"]["definition"]["type"] == \
        "http://id.tincanapi.com/activitytype/document"
    assert view["object"]["id"] == "https://learning.example.com/jitl/items/mail/signature"
    assert view["context"]["contextActivities"]["grouping"][0]["id"] == \
        "https://learning.example.com/jitl/topics/mail"
    assert answer["object"]["definition"]["type"] == \
        "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert answer["result"]["success"] is False and answer["result"]["score"]["raw"] == 0


def test_a_statement_is_saved_exactly_when_its_record_is(tmp_path):
    with history(tmp_path) as h:
        viewed(h, "mail/signature")
        h.set_bookmark("mail/signature", True)
        h.set_bookmark("mail/signature", True)  # already there: no second record
        h.set_bookmark("mail/signature", False)  # taking it away: voided
        h.set_bookmark("mail/signature", False)  # not there: no record, no statement
        h.record = False
        viewed(h, "mail/signature")  # not recorded: no statement
        assert len(h.export()["views"]) == 1
        blocker = sqlite3.connect(h.path, timeout=0)
        blocker.execute("BEGIN IMMEDIATE")
        h.busy_timeout = 0.1
        h._db.execute("PRAGMA busy_timeout=100")
        with pytest.raises(Exception, match="locked"):
            h.vote("mail/signature", helpful=True)
        blocker.rollback()
        blocker.close()
        assert h.helpful() == {}
    assert [s["verb"]["id"].rsplit("/", 1)[-1] for s in queued(tmp_path)] == \
        ["experienced", "bookmarked", "voided"]


def test_no_statement_is_made_without_an_endpoint_and_history_clear_forgets_them(tmp_path):
    with History(tmp_path) as h:
        viewed(h, "mail/signature")
    assert queued(tmp_path) == []
    with history(tmp_path) as h:
        every_kind(h)
        h.clear()
    assert queued(tmp_path) == []


def test_past_the_limit_the_oldest_searches_are_dropped_first_and_counted(tmp_path):
    with history(tmp_path, xapi_outbox_limit=100) as h:
        viewed(h, "mail/signature")
        for n in range(105):
            h.record_search(f"query {n}", 1)
    with Outbox(tmp_path / "history.sqlite") as box:
        status = box.status()
        kept = list(box.export())
    assert status["queued"] == 100 and status["dropped"] == 6
    assert kept[0]["verb"]["id"] == VERBS["experienced"]


@pytest.mark.parametrize(("values", "message"), [
    ({"xapi_endpoint": "ftp://lrs"}, "xapi_endpoint: 'ftp://lrs' is not an absolute"),
    ({"xapi_endpoint": "http://lrs.example.com/xAPI/"}, "must use https"),
    ({"xapi_actor_salt": ""}, "xapi_actor_salt must be set"),
    ({"xapi_ca_bundle": "/nonexistent/ca.pem"}, "xapi_ca_bundle: /nonexistent/ca.pem"),
])
def test_an_unusable_policy_says_which_key_and_why(values, message):
    given = {**settings_for("https://lrs.example.com/xAPI/"), **values}
    with pytest.raises(XapiConfigError, match=message):
        XapiConfig.from_settings(lambda k: given.get(k, BY_KEY[k].default))


def test_the_password_is_never_shown_by_policy_json(tmp_path):
    from jitl_desktop.core.settings import Layer

    settings = Settings.load(tmp_path, locking=[Layer("policy", {
        "xapi_password": "hunter2", "xapi_actor_salt": SALT}, locks=True)])
    shown = json.dumps(settings.effective())
    assert "hunter2" not in shown and SALT not in shown
    assert settings.effective()["xapi_password"]["value"] == "(set)"
    assert "hunter2" not in repr(config(xapi_password="hunter2"))


# --- leases ------------------------------------------------------------------------------

def test_two_senders_never_hold_the_same_statements(tmp_path):
    with history(tmp_path) as h:
        for n in range(120):
            h.record_search(f"q{n}", 1)
    with Outbox(tmp_path / "history.sqlite") as a, Outbox(tmp_path / "history.sqlite") as b:
        first, second, third = a.claim(), b.claim(), a.claim()
        ids = [c.id for c in (*first, *second, *third)]
        assert len(ids) == len(set(ids)) == 120
        assert b.held_by_others() == 70 and b.claim() == []


def test_a_dead_senders_batch_is_free_again_at_once(tmp_path):
    with history(tmp_path) as h:
        viewed(h, "mail/signature")
    with Outbox(tmp_path / "history.sqlite") as a, Outbox(tmp_path / "history.sqlite") as b:
        assert len(a.claim()) == 1
        host, _pid, tag = a.owner.split(":")
        b._db.execute("UPDATE xapi_statements SET lease = ?", (f"{host}:999999999:{tag}",))
        assert len(b.claim()) == 1


# --- sending to a real LRS -------------------------------------------------------------------

def test_a_flush_sends_every_statement_once_and_a_second_post_is_success(tmp_path, lrs):
    with history(tmp_path, lrs.endpoint) as h:
        every_kind(h)
    sent = queued(tmp_path)
    with Outbox(tmp_path / "history.sqlite") as box:
        client = LrsClient(config(lrs.endpoint))
        report = flush(box, client)
        assert report.error is None and report.sent == len(sent)
        box._db.execute("UPDATE xapi_statements SET state = 'queued'")  # as after a kill
        assert flush(box, client).sent == len(sent)
        assert box.status()["queued"] == 0
    assert sorted(lrs.ids()) == sorted(s["id"] for s in sent)
    assert len(lrs.get(f"verb={VERBS['searched']}")["statements"]) == 2


def test_a_statement_the_lrs_refuses_is_set_aside_and_the_rest_arrive(tmp_path, lrs):
    with history(tmp_path, lrs.endpoint) as h:
        for n in range(7):
            h.record_search(f"q{n}", 1)
        bad = queued(tmp_path)[3]
        del bad["actor"]  # a statement needs its actor
        h._db.execute("UPDATE xapi_statements SET body = ? WHERE id = ?",
                      (json.dumps(bad), bad["id"]))
    # no policy on this machine: nothing is sent, and flush says so
    assert main(["--data-dir", str(tmp_path), "xapi", "flush", "--json"]) == 1
    with Outbox(tmp_path / "history.sqlite") as box:
        report = flush(box, LrsClient(config(lrs.endpoint)))
        status = box.status()
    assert [r["id"] for r in report.rejected] == [bad["id"]], (report, status)
    assert "HTTP 4" in report.rejected[0]["answer"] and "actor" in report.rejected[0]["answer"]
    assert status["queued"] == 0 and status["rejected"] == 1 and status["sent"] == 6
    assert len(lrs.ids()) == 6 and bad["id"] not in lrs.ids()


@pytest.mark.allow_errors
def test_wrong_credentials_are_a_configuration_problem_not_retried(tmp_path, lrs):
    with history(tmp_path, lrs.endpoint) as h:
        viewed(h, "mail/signature")
    started = time.monotonic()
    with Outbox(tmp_path / "history.sqlite") as box:
        report = flush(box, LrsClient(config(lrs.endpoint, xapi_password="wrong")))
        status = box.status()
    assert report.config_problem and "refuses the credentials (HTTP 401)" in report.error
    assert time.monotonic() - started < 5
    assert status["queued"] == 1 and "xapi_username" in status["last_error"]
    assert lrs.log().count("POST /xAPI/statements") <= 1


def test_the_lrs_down_keeps_everything_queued_with_the_reason(tmp_path, ralph_python):
    down = Ralph(ralph_python, tmp_path / "down")  # never started: its port refuses
    with history(tmp_path, down.endpoint) as h:
        viewed(h, "mail/signature")
    with Outbox(tmp_path / "history.sqlite") as box:
        report = flush(box, LrsClient(config(down.endpoint), retries=1, backoff=0.01))
        assert "cannot reach the LRS" in (report.error or "")
        assert box.status()["queued"] == 1


class _Redirect(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.send_response(307)
        self.send_header("Location", "http://elsewhere.example.com/xAPI/statements")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def redirecting() -> Iterator[str]:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/xAPI/"
    server.shutdown()
    server.server_close()


def test_a_redirect_to_another_host_is_refused(tmp_path, redirecting):
    with history(tmp_path, redirecting) as h:
        viewed(h, "mail/signature")
    with Outbox(tmp_path / "history.sqlite") as box:
        report = flush(box, LrsClient(config(redirecting)))
    assert report.config_problem and "redirects to another host" in (report.error or "")


# --- views: their statement when the user leaves the item --------------------------------

def test_a_view_is_sent_when_it_ends_with_its_time_in_view_once(tmp_path):
    with history(tmp_path) as h:
        view = h.record_view("mail/signature", app="terminal")
        assert view is not None and queued(tmp_path) == []  # open: no statement yet
        opened = h.export()["views"][0]["at"]
        assert h.end_view(view, 75.254) is True
        assert h.end_view(view, 99.0) is False  # ended already: no second statement
        assert h.export()["views"][0]["seconds"] == 75.25
    [statement] = queued(tmp_path)
    assert statement["verb"]["id"] == VERBS["experienced"]
    assert statement["result"]["duration"] == "PT75.25S"
    assert statement["timestamp"][:19] == opened[:19]  # when the item was opened


KILLED_WHILE_VIEWING = """
import os, signal, sys
from pathlib import Path
from jitl_desktop.core.history import History
h = History(Path(sys.argv[1]))
view = h.record_view("mail/signature")
h.checkpoint_view(view, 30.0)  # the last thing the user did with it, 30 s in
h.record_view("terminal/archives")  # a second view, left before any checkpoint
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_views_left_open_by_a_kill_are_sent_at_the_next_start_with_the_time_saved(tmp_path):
    import subprocess
    import sys

    History(tmp_path).close()
    killed = subprocess.run([sys.executable, "-c", KILLED_WHILE_VIEWING, str(tmp_path)],
                            check=False, capture_output=True)
    assert killed.returncode == -9, killed.stderr
    with history(tmp_path) as h:
        assert h.end_open_views() == 2
        assert h.end_open_views() == 0  # once
        assert [v["seconds"] for v in h.export()["views"]] == [30.0, 0.0]
    first, second = queued(tmp_path)
    assert first["object"]["id"].endswith("/items/mail/signature")
    assert first["result"]["duration"] == "PT30.00S"
    assert second["result"]["duration"] == "PT0.00S"


def test_taking_a_mark_away_voids_the_statement_that_said_it(tmp_path):
    with History(tmp_path) as h:
        h.set_done("mail/signature", True)  # before the organisation's LRS: no statement
    with history(tmp_path) as h:
        h.set_done("mail/signature", False)  # nothing the LRS heard of to take back
        h.set_done("mail/signature", True)
        h.set_bookmark("mail/signature", True)
        h.set_done("mail/signature", False)
        h.set_bookmark("mail/signature", False)
        assert not h.is_done("mail/signature") and h.bookmarks() == []
    done, bookmarked, undone, unbookmarked = queued(tmp_path)
    assert [s["verb"]["id"] for s in (undone, unbookmarked)] == [VERBS["voided"]] * 2
    assert undone["object"] == {"objectType": "StatementRef", "id": done["id"]}
    assert unbookmarked["object"] == {"objectType": "StatementRef", "id": bookmarked["id"]}
    assert unbookmarked["actor"] == bookmarked["actor"]
