"""``jitl-desktop --content DIR`` while the app runs: the running app serves the folder
for this session and the command says so; a folder it cannot use is refused, clearly,
with a non-zero exit. End to end: the app runs in this process, the CLI is a child."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jitl_desktop.app import JitlApp
from tests.inprocess import start_app

FIRST = {"mail/signature.md": "# E-mail signature\n\n> Add a signature to your messages.\n"}
LATER = {"terminal/extract.md": "# Extract an archive\n\n> Unpack a tarball with tar.\n"}


@pytest.fixture
def app(qtbot, qapp, tmp_path, make_content):
    running = start_app(qtbot, qapp, tmp_path, [make_content(FIRST)], items=1)
    yield running
    running.shutdown()


def cli(qtbot, app: JitlApp, *args: str, cwd: Path | None = None
        ) -> tuple[int, str, str]:
    """Run the command line while this process's app keeps answering."""
    child = subprocess.Popen(
        [sys.executable, "-m", "jitl_desktop", "--data-dir", str(app.indexer.data_dir),
         "--config-dir", str(app.indexer.data_dir.parent / "config"), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd)
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=30000)
    out, err = child.communicate()
    return child.returncode, out, err


def results(app: JitlApp) -> list[str]:
    return list(app.control.status()["overlay"]["results"])


def test_a_folder_given_to_a_second_start_is_served_by_the_running_app(
        qtbot, app, make_content):
    later = make_content(LATER)
    code, out, err = cli(qtbot, app, "--content", str(later))
    assert code == 0, err
    assert out.strip() == f"Added {later} to the running JITL Desktop for this session."
    assert str(later) in app.control.status()["index"]["roots"]
    qtbot.waitUntil(lambda: app.indexer.status()["items"] == 2, timeout=20000)
    app.control.handle({"command": "show", "query": "tarball"})
    qtbot.waitUntil(lambda: results(app) == ["terminal/extract"], timeout=10000)
    assert app.overlay_window.isVisible()  # and the search window is shown, as before


def test_a_relative_folder_is_taken_from_where_the_command_runs(qtbot, app, make_content):
    later = make_content(LATER)
    code, out, _ = cli(qtbot, app, "--content", later.name, cwd=later.parent)
    assert code == 0 and f"Added {later} " in out
    code, out, _ = cli(qtbot, app, "--content", str(later))
    assert code == 0 and out.strip() == (f"{later} is already a content folder of the "
                                         "running JITL Desktop.")
    assert app.control.status()["index"]["roots"].count(str(later)) == 1


@pytest.mark.parametrize("what", ["missing", "a file"])
def test_a_folder_the_running_app_cannot_use_is_refused_clearly(
        qtbot, app, tmp_path, what):
    target = tmp_path / "nowhere"
    if what == "a file":
        target = tmp_path / "notes.md"
        target.write_text("# Notes\n")
    before = app.control.status()["index"]["roots"]
    code, out, err = cli(qtbot, app, "--content", str(target))
    assert code == 2
    assert out == ""
    why = "does not exist" if what == "missing" else "is not a folder"
    assert err.strip() == (f"jitl-desktop: the running JITL Desktop did not add {target}: "
                           f"{target} {why}")
    assert app.control.status()["index"]["roots"] == before


def test_one_good_and_one_bad_folder_adds_the_good_and_fails(qtbot, app, tmp_path,
                                                             make_content):
    later = make_content(LATER)
    code, out, err = cli(qtbot, app, "--content", str(tmp_path / "gone"),
                         "--content", str(later))
    assert code == 2
    assert "did not add" in err and f"Added {later} " in out
    assert str(later) in app.control.status()["index"]["roots"]
