"""The running app: checks the repository at start, off the GUI thread, and the index
worker makes the pack searchable; a stale pack is said in the status and the window."""

from __future__ import annotations

import json

import pytest

from jitl_desktop.app import JitlApp
from jitl_desktop.paths import Paths
from jitl_desktop.services import updates
from tests.inprocess import null_backends
from tests.packs.conftest import ITEMS, Site

pytestmark = pytest.mark.allow_errors("Failed to download")


@pytest.fixture
def running(qtbot, qapp, tmp_path, site: Site, monkeypatch):
    monkeypatch.setattr(updates, "START_JITTER_S", 0.0)
    site.use()
    paths = Paths(tmp_path / "data", tmp_path / "config")
    app = JitlApp(qapp, paths, [], backends=null_backends())
    yield app
    app.shutdown()


def _ids(app: JitlApp, query: str) -> list[str]:
    with app.content.engine() as engine:
        return [r.id for r in engine.search(query, typing=False).results]


def test_the_app_installs_the_pack_at_start_and_indexes_it(qtbot, running, site: Site):
    with qtbot.waitSignal(running.updates.checked, timeout=20000) as checked:
        pass
    assert checked.args[0].installed == ["docs"]
    qtbot.waitUntil(lambda: "common/tar" in _ids(running, "extract tar"), timeout=20000)
    report = running.control.status()["content_updates"]
    assert report["packs"] == [{"name": "docs", "version": "1"}]
    assert report["repository"] == site.served.url and report["last_success"]
    assert not report["stale"] and running.overlay.notice == ""
    json.dumps(report)
    site.publish("docs", {**ITEMS, "common/gzip.md": "# gzip\n\n> Compress with gzip.\n"})
    with qtbot.waitSignal(running.updates.checked, timeout=20000):
        running.updates.check_now()
    qtbot.waitUntil(lambda: "common/gzip" in _ids(running, "gzip compress"), timeout=20000)


def test_an_unreachable_repository_with_an_expired_timestamp_is_said(qtbot, running,
                                                                      site: Site):
    with qtbot.waitSignal(running.updates.checked, timeout=20000):
        pass
    site.served.stop()
    # the desktop's last trusted timestamp expires (as if a day went by)
    from jitl_desktop.core.packs.update import status as pack_status

    stamp = running.updates._paths.packs_dir / "tuf" / "timestamp.json"
    data = json.loads(stamp.read_text())
    data["signed"]["expires"] = "2000-01-01T00:00:00Z"
    stamp.write_text(json.dumps(data))
    with qtbot.waitSignals([running.updates.checked, running.updates.notice_changed],
                           timeout=30000):
        running.updates.check_now()
    assert running.control.status()["content_updates"]["stale"]
    assert "Content may be out of date" in running.overlay.notice
    assert pack_status(running.updates._paths.packs_dir, site.served.url)["last_error"]


def test_without_a_repository_or_lrs_the_app_loads_no_update_or_http_code():
    """An app with no content repository and no LRS configured (most desktops) never
    loads python-tuf, cryptography or the HTTP client (about 12 MB), and still reports
    the packs' status."""
    from tests.helpers import loaded_after

    code = ("import tempfile, pathlib\n"
            "from jitl_desktop.app import JitlApp\n"
            "from jitl_desktop.core.packs.state import status\n"
            "report = status(pathlib.Path(tempfile.mkdtemp()), '')\n"
            "assert report['repository'] is None and report['stale'] is False, report\n")
    assert loaded_after(code, ["tuf", "securesystemslib", "cryptography", "urllib3"]) == []
