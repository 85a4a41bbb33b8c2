"""From the app to the L&D report: the whole app, in-process, run by four pseudonymous
users in turn against a real Ralph LRS (searches with and without answers, views,
votes, a problem report, a quiz answer), then ``jitl-desktop insights --lrs`` reads
them back. Also the library's "Report a problem" action, through its dialog."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from harness.lrs import PASSWORD, USER
from jitl_desktop.app import JitlApp
from jitl_desktop.cli import main
from jitl_desktop.core.history import History
from jitl_desktop.paths import Paths
from jitl_desktop.ui.report_problem import ReportProblemDialog
from tests.inprocess import null_backends
from tests.unit.ui.test_app import PAGES, app  # noqa: F401
from tests.unit.ui.test_app_xapi import policy_root, write_policy  # noqa: F401

CONTENT = {**PAGES, "mail/signature.md": "---\nowner: mail-team\n---\n"
           "# E-mail signature\n\n> Add a signature to your messages.\n"}


def use_app(qtbot, qapp, tmp_path: Path, *, content: Path, login: str, monkeypatch,
            actions, lrs, sent: int) -> None:
    """Run the app as ``login`` (its own data folder), do ``actions(app)``, and stop
    once its ``sent`` statements reached the LRS."""
    before = len(lrs.ids())
    monkeypatch.setenv("LOGNAME", login)  # the actor is a keyed hash of this name
    paths = Paths(tmp_path / login / "data", tmp_path / login / "config")
    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / "settings.json").write_text(json.dumps({"bundled_content": False}))
    running = JitlApp(qapp, paths, [content], backends=null_backends())
    try:
        qtbot.waitUntil(lambda: running.indexer.status()["items"] == 2, timeout=10000)
        actions(running)
        qtbot.waitUntil(lambda: len(lrs.ids()) >= before + sent, timeout=40000)
    finally:
        running.shutdown()


def search(qtbot, running, query: str, *, choose: str | None = None) -> None:
    running.control.handle({"command": "show", "query": query})
    qtbot.waitUntil(lambda: running.control.status()["overlay"]["query"] == query)
    if choose:
        qtbot.waitUntil(lambda: choose in running.control.status()["overlay"]["results"])
        running.overlay_window.activated.emit(choose)
        qtbot.waitUntil(lambda: running.control.status()["library"]["item"] == choose)
    else:  # the answer to this query has come, and it has nothing
        qtbot.waitUntil(lambda: (r := running.overlay.response) is not None
                        and r.query == query and not r.results)
        running.control.handle({"command": "hide"})


def test_a_gap_three_people_hit_is_reported_and_one_person_alone_is_not(  # noqa: PLR0917
        qtbot, qapp, tmp_path, lrs, policy_root, make_content, monkeypatch,  # noqa: F811
        capsys):
    if os.getuid() != 0:
        pytest.skip("a policy file must belong to root")
    write_policy(policy_root, lrs.endpoint)
    content = make_content(CONTENT)

    def colleague(vote: str | None = None, problem: bool = False):
        def actions(running) -> None:
            window = running.library_window
            search(qtbot, running, "payroll calendar")
            search(qtbot, running, "signature", choose="mail/signature")
            if vote:
                window.mark_requested.emit("mail/signature", vote)
            if problem:
                window.problem_reported.emit("mail/signature", "outdated", "the logo changed")
            window.answer_given.emit("mail/signature", 0, vote == "helpful",
                                     "Add a signature" if vote == "helpful" else "Ask IT")
            window.hide()  # leaving the item sends its view, with its time in view
        return actions

    def loner(running) -> None:
        search(qtbot, running, "holiday rota")

    # each colleague: two searches, a view, a vote or a problem, an answer
    for login, actions, sent in (("ann", colleague("helpful"), 5),
                                 ("bob", colleague("unhelpful"), 5),
                                 ("cat", colleague(problem=True), 5), ("dan", loner, 1)):
        use_app(qtbot, qapp, tmp_path, content=content, login=login,
                monkeypatch=monkeypatch, actions=actions, lrs=lrs, sent=sent)
    assert len({s["actor"]["account"]["name"] for s in lrs.statements()}) == 4

    monkeypatch.setenv("JITL_LRS_USERNAME", USER)
    monkeypatch.setenv("JITL_LRS_PASSWORD", PASSWORD)
    out = tmp_path / "out"
    code = main(["--data-dir", str(tmp_path / "cli"), "--config-dir", str(tmp_path / "cli"),
                 "insights", "--lrs", lrs.endpoint, "--content", str(content), "--json",
                 "--html", str(out / "report.html")])
    assert code == 0
    figures = json.loads(capsys.readouterr().out)
    gaps = {row["query"]: row for row in figures["content_gaps"]}
    assert gaps["payroll calendar"]["people"] == 3
    assert gaps["payroll calendar"]["searches"] == 3
    assert "holiday rota" not in json.dumps(figures)  # one person: merged into "other"
    assert gaps["other"]["people"] == 1
    assert figures["headline"]["people"] == 4
    signature = next(r for r in figures["items"] if r["item"] == "mail/signature")
    assert (signature["views"], signature["helpful"], signature["unhelpful"]) == (3, 1, 1)
    assert figures["problems"][0]["owner"] == "mail-team"
    assert figures["problems"][0]["comments"] == ["the logo changed"]
    assert figures["quizzes"][0]["answers"] == 3
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "payroll calendar" in html and "holiday rota" not in html
    for name in {s["actor"]["account"]["name"] for s in lrs.statements()}:
        assert name not in html and name not in json.dumps(figures)
    from tests.unit.test_insights_browser import browse, console_errors

    chromium = shutil.which("chromium")
    if chromium is not None:  # the browser tests skip or fail without it
        dom, log = browse(chromium, out / "report.html", tmp_path, "--dump-dom")
        assert console_errors(log) == [] and dom.count("<svg") >= 4


def test_report_a_problem_through_the_dialog_records_it(qtbot, tmp_path, app):  # noqa: F811
    with History(tmp_path / "data") as history:  # the app's own store
        assert history.export()["problems"] == []
    app.control.handle({"command": "show", "query": "signature"})
    qtbot.waitUntil(lambda: "mail/signature" in app.control.status()["overlay"]["results"])
    app.overlay_window.activated.emit("mail/signature")
    window = app.library_window
    qtbot.waitUntil(lambda: window.current is not None and
                    window.current.item_id == "mail/signature")
    window.report.click()
    dialog = window.findChild(ReportProblemDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.choices.button(2).click()  # a step is missing
    dialog.text.setText("  where is the button?  ")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert "owner" in window.thanks.text()
    with History(tmp_path / "data") as history:
        problems = history.export()["problems"]
    assert [(p["item"], p["kind"], p["comment"]) for p in problems] == [
        ("mail/signature", "missing-step", "where is the button?")]
