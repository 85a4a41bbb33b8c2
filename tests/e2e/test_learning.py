"""The learning loop on a real desktop: history survives kill -9, marks survive restart."""

from __future__ import annotations

import json
import signal

import pytest

from .conftest import App, wait_for
from .test_desktop import OVERLAY

pytestmark = pytest.mark.e2e


def history(app: App) -> dict:
    done = app.cli("history", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_an_item_opened_with_enter_is_in_the_history_even_after_kill_9(app: App):
    app.cli("show", "--query", "signature")
    wait_for(lambda: app.status()["overlay"]["results"][:1] == ["mail/signature"], 10, "result")
    wait_for(lambda: app.desktop.active_window_name() == OVERLAY, 5, "overlay focused")
    app.desktop.xdotool("key", "Return")
    wait_for(lambda: app.status()["library"]["item"] == "mail/signature", 10, "opened")
    assert app.proc is not None
    app.proc.send_signal(signal.SIGKILL)
    app.proc.wait(10)
    data = history(app)  # read by another process, the app gone
    assert [v["item"] for v in data["views"]] == ["mail/signature"]
    assert data["searches"][0]["query"] == "signature"
    assert data["searches"][0]["chosen"] == "mail/signature"
    app.start()  # the fixture expects a clean quit at the end


def test_bookmark_and_done_from_the_overlay_survive_a_restart(app: App):
    desktop = app.desktop
    app.cli("show", "--query", "percentage")
    wait_for(lambda: app.status()["overlay"]["results"][:1] == ["calculator/percent"], 10,
             "result")
    wait_for(lambda: desktop.active_window_name() == OVERLAY, 5, "overlay focused")
    desktop.xdotool("key", "ctrl+b", "ctrl+d", "alt+y")
    wait_for(lambda: history(app)["votes"], 5, "the vote")
    # a search that found nothing is kept for the authors when the window closes
    desktop.xdotool("key", "ctrl+a", "type", "--delay", "10", "qqqzzz")
    wait_for(lambda: app.status()["overlay"]["query"] == "qqqzzz"
             and app.status()["overlay"]["results"] == [], 5, "no results")
    desktop.xdotool("key", "Escape")
    app.stop()
    data = history(app)
    assert [b["item"] for b in data["bookmarks"]] == ["calculator/percent"]
    assert [d["item"] for d in data["done"]] == ["calculator/percent"]
    assert data["votes"][0]["helpful"] is True
    assert {"query": "qqqzzz", "results": 0, "chosen": None} .items() <= \
        data["searches"][-1].items()
    app.start()
    app.cli("show")
    status = wait_for(lambda: (o := app.status()["overlay"])["results"] and o, 5,
                      "the empty box's list", show=lambda: app.status()["overlay"])
    assert ("calculator/percent", "Bookmarked") in zip(status["results"], status["why"],
                                                       strict=True)
    assert app.cli("history", "clear").returncode == 0
    assert history(app)["bookmarks"] == []
