"""Learning records from the whole app to a real Ralph LRS: the app in-process (null
backends) with a machine policy naming the loopback LRS, and the app as a process that
is killed with statements queued."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from harness.lrs import PASSWORD, USER
from jitl_desktop.app import JitlApp
from jitl_desktop.cli import main
from jitl_desktop.core import policy
from jitl_desktop.paths import Paths
from tests.inprocess import null_backends
from tests.unit.ui.test_app import PAGES

SALT = "an organisation's secret salt"


def write_policy(root: Path, endpoint: str) -> None:
    folder = root / policy.LINUX_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lrs.json").write_text(json.dumps({"policies": {
        "xapi_endpoint": endpoint, "xapi_username": USER, "xapi_password": PASSWORD,
        "xapi_actor_salt": SALT, "xapi_queries": "full"}}))


def verbs(statements: list[dict]) -> list[str]:
    return sorted(s["verb"]["id"].rsplit("/", 1)[-1] for s in statements)


@pytest.fixture
def policy_root(tmp_path, monkeypatch):
    root = tmp_path / "policy-root"
    monkeypatch.setattr(policy, "SYSTEM_ROOT", root)
    # the tests run as root; the reader wants root's files, which these are then
    return root


def test_search_open_helpful_and_a_quiz_answer_reach_the_lrs(qtbot, qapp, tmp_path, *, lrs,
                                                              policy_root, make_content):
    if os.getuid() != 0:
        pytest.skip("a policy file must belong to root")
    write_policy(policy_root, lrs.endpoint)
    paths = Paths(tmp_path / "data", tmp_path / "config")
    paths.config_dir.mkdir(parents=True)
    (paths.config_dir / "settings.json").write_text(json.dumps({"bundled_content": False}))
    app = JitlApp(qapp, paths, [make_content(PAGES)], backends=null_backends())
    try:
        qtbot.waitUntil(lambda: app.indexer.status()["items"] == 2, timeout=10000)
        assert app.control.status()["xapi"]["configured"] is True
        app.control.handle({"command": "show", "query": "signature"})
        qtbot.waitUntil(lambda: app.control.status()["overlay"]["results"] ==
                        ["mail/signature"])
        app.overlay_window.activated.emit("mail/signature")  # Enter on the first result
        qtbot.waitUntil(lambda: app.control.status()["library"]["item"] == "mail/signature")
        app.library_window.mark_requested.emit("mail/signature", "helpful")
        app.library_window.answer_given.emit("mail/signature", 0, True, "tar -xf a.tar")
        app.library_window.hide()  # leaving the item sends its view, with its time
        qtbot.waitUntil(lambda: len(lrs.ids()) == 4, timeout=20000)
        qtbot.waitUntil(lambda: app.control.status()["xapi"]["queued"] == 0, timeout=40000)
    finally:
        app.shutdown()
    statements = lrs.statements()
    assert verbs(statements) == ["answered", "experienced", "rated", "searched"]
    searched = next(s for s in statements if s["verb"]["id"].endswith("searched"))
    assert searched["result"]["extensions"][
        f"http://127.0.0.1:{lrs.port}/jitl/extensions/query"] == "signature"
    viewed = next(s for s in statements if s["verb"]["id"].endswith("experienced"))
    assert viewed["object"]["definition"]["name"] == {"en": "E-mail signature"}
    assert viewed["result"]["duration"].startswith("PT")
    answered = next(s for s in statements if s["verb"]["id"].endswith("answered"))
    assert answered["result"]["response"] == "tar -xf a.tar"


CHILD = textwrap.dedent('''
    import sys
    from pathlib import Path
    import jitl_desktop.core.policy as policy
    policy.SYSTEM_ROOT = Path(sys.argv[1])  # this test's machine policy
    from jitl_desktop.cli import main
    sys.exit(main(sys.argv[2:]))
''')


@pytest.mark.app_process
@pytest.mark.allow_errors("xAPI")
def test_an_outage_and_a_kill_lose_nothing_and_send_each_statement_once(
        tmp_path, lrs, policy_root, make_content):
    if os.getuid() != 0:
        pytest.skip("a policy file must belong to root")
    write_policy(policy_root, lrs.endpoint)
    dirs = ["--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path / "config")]
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.json").write_text(json.dumps({"bundled_content": False}))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", CHILD, str(policy_root), *dirs, *args],
                              env=env, capture_output=True, text=True, timeout=120,
                              check=False)

    app = subprocess.Popen([sys.executable, "-c", CHILD, str(policy_root), *dirs,
                            "--content", str(make_content(PAGES))], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while cli("status", "--json").returncode != 0:
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.3)
        cli("show", "--query", "signature")
        while "mail/signature" not in json.loads(
                cli("status", "--json").stdout or "{}").get("overlay", {}).get("results", []):
            assert time.monotonic() < deadline, "the search did not answer"
            time.sleep(0.2)
        cli("hide")  # a search the user saw answered: sent while the LRS is up
        deadline = time.monotonic() + 60
        while len(lrs.ids()) < 1:
            assert time.monotonic() < deadline, "the first search did not arrive"
            time.sleep(0.3)
        lrs.stop()  # the outage
        for query in ("tar", "archive", "signature again"):
            cli("show", "--query", query)
            cli("hide")
        time.sleep(2)  # the sender tries, fails and keeps them
        os.kill(app.pid, signal.SIGKILL)
        app.wait(10)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    queued = json.loads(cli("xapi", "status", "--json").stdout)
    assert queued["queued"] >= 3, queued
    lrs.start()
    flushed = cli("xapi", "flush", "--json")
    assert flushed.returncode == 0, flushed.stderr
    status = json.loads(cli("xapi", "status", "--json").stdout)
    assert status["queued"] == 0 and status["rejected"] == 0
    ids = lrs.ids()
    assert len(ids) == len(set(ids)) == status["sent"] >= 4


def test_xapi_flush_sends_a_view_a_kill_left_open_when_the_app_is_not_running(
        tmp_path, lrs, policy_root):
    if os.getuid() != 0:
        pytest.skip("a policy file must belong to root")
    from tests.unit.core.test_xapi import KILLED_WHILE_VIEWING

    write_policy(policy_root, lrs.endpoint)
    data = tmp_path / "data"
    killed = subprocess.run([sys.executable, "-c", KILLED_WHILE_VIEWING, str(data)],
                            check=False, capture_output=True)
    assert killed.returncode == -9, killed.stderr
    dirs = ["--data-dir", str(data), "--config-dir", str(tmp_path / "config")]
    assert main([*dirs, "xapi", "flush", "--json"]) == 0
    assert main([*dirs, "xapi", "flush", "--json"]) == 0  # sent once
    durations = sorted(s["result"]["duration"] for s in lrs.statements())
    assert durations == ["PT0.00S", "PT30.00S"]
