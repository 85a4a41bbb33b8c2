"""Damaged index files (emptied, halved, deleted or overwritten in place): the damage is
found, reported once, and the index rebuilt; meanwhile the app answers from the previous
generation when one is kept. Covers the CLI (``index``, ``search``) and the running app's
search thread and index worker."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from jitl_desktop.app import JitlApp
from jitl_desktop.paths import Paths
from tests.inprocess import null_backends

PAGES = {
    "common/tar.md": "# tar\n\n> Archiving utility.\n\nCreate and extract archives.\n",
    "common/zip.md": "# zip\n\n> Package and compress files.\n",
}


def cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jitl_desktop", "--data-dir", str(data),
                           *args], capture_output=True, text=True, timeout=120, check=False)


def current(data: Path) -> Path:
    index = data / "index"
    return index / (index / "CURRENT").read_text().strip()


def one(folder: Path, suffix: str) -> Path:
    (found,) = [f for f in folder.iterdir() if f.name.endswith(suffix)]
    return found


def empty(path: Path) -> None:
    path.write_bytes(b"")


def halve(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def delete(path: Path) -> None:
    path.unlink()


def zero_in_place(path: Path) -> None:
    """Same size, contents gone: what no size check can see."""
    data = path.read_bytes()
    path.write_bytes(data[:8] + bytes(len(data) - 16) + data[-8:])


DAMAGE: dict[str, Callable[[Path], None]] = {
    "emptied": empty, "halved": halve, "deleted": delete, "zeroed": zero_in_place}


@pytest.fixture
def indexed(tmp_path: Path, make_content) -> tuple[Path, Path]:
    root = make_content(PAGES)
    data = tmp_path / "data"
    done = cli(data, "index", "--content", str(root))
    assert done.returncode == 0, done.stderr
    return data, root


@pytest.mark.parametrize("how", sorted(DAMAGE))
@pytest.mark.parametrize("suffix", [".pst", "._stored.col", ".meaning.col"])
def test_search_finds_the_damage_says_so_once_and_answers(indexed, suffix, how):
    data, root = indexed
    damaged = current(data)
    DAMAGE[how](one(damaged, suffix))

    done = cli(data, "search", "--content", str(root), "--json", "archive")
    assert done.returncode == 0, done.stderr
    assert [r["id"] for r in json.loads(done.stdout)["results"]][:1] == ["common/tar"]
    told = [line for line in done.stderr.splitlines() if "damaged" in line]
    assert len(told) == 1, done.stderr
    assert told[0].startswith("jitl-desktop: the search index") and "rebuilt" in told[0]
    assert "Traceback" not in done.stderr
    assert current(data) != damaged and not damaged.exists()

    again = cli(data, "search", "--content", str(root), "archive")
    assert again.returncode == 0 and again.stderr == ""
    assert "common/tar" in again.stdout


@pytest.mark.parametrize("how", ["emptied", "halved", "deleted"])
@pytest.mark.parametrize("suffix", [".pst", "._stored.col", ".trm", ".meaning.col"])
def test_index_reports_a_truncated_or_missing_file_and_rebuilds(indexed, suffix, how):
    data, root = indexed
    damaged = current(data)
    DAMAGE[how](one(damaged, suffix))

    done = cli(data, "index", "--content", str(root))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("rebuilt (index damaged: ")
    assert "2 items in the index" in done.stdout
    assert "jitl-desktop: the search index was damaged (" in done.stderr
    assert current(data) != damaged
    found = cli(data, "search", "--content", str(root), "archive")
    assert found.returncode == 0 and "common/tar" in found.stdout and found.stderr == ""


# --- the running app ---------------------------------------------------------------------


@pytest.fixture
def app_over(qtbot, qapp, tmp_path):
    started: list[JitlApp] = []

    def start(data: Path, root: Path) -> JitlApp:
        paths = Paths(data, tmp_path / "config")
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        (paths.config_dir / "settings.json").write_text(json.dumps({"bundled_content": False}))
        app = JitlApp(qapp, paths, [root], backends=null_backends())
        started.append(app)
        return app

    yield start
    for app in started:
        app.shutdown()


def results(app: JitlApp) -> list[str]:
    """The first result shown (an item near in meaning may follow it)."""
    return list(app.control.status()["overlay"]["results"])[:1]


def test_the_app_answers_from_the_previous_generation_and_rebuilds(
        qtbot, indexed, app_over, caplog):
    data, root = indexed
    assert cli(data, "index", "--rebuild", "--content", str(root)).returncode == 0
    damaged = current(data)  # the previous generation is kept beside it
    zero_in_place(one(damaged, ".pst"))
    caplog.set_level(logging.WARNING)

    app = app_over(data, root)
    qtbot.waitUntil(lambda: app.indexer.status()["items"] == 2, timeout=20000)
    app.control.handle({"command": "show", "query": "archive"})
    qtbot.waitUntil(lambda: results(app) == ["common/tar"], timeout=20000)
    app.control.handle({"command": "show", "query": "compress"})
    qtbot.waitUntil(lambda: results(app) == ["common/zip"], timeout=20000)
    qtbot.waitUntil(lambda: current(data) != damaged and not app.indexer.busy, timeout=60000)
    qtbot.waitUntil(lambda: not app.control.status()["index"]["rebuilding"], timeout=20000)

    told = [r.getMessage() for r in caplog.records if "damaged" in r.getMessage()
            and r.levelno >= logging.WARNING]
    assert len(told) == 1, told
    assert "the search index in" in told[0] and "being rebuilt" in told[0]
    app.control.handle({"command": "show", "query": "archive extract"})
    qtbot.waitUntil(lambda: results(app) == ["common/tar"], timeout=20000)


def test_the_app_says_it_is_rebuilding_while_it_repairs(qtbot, indexed, app_over):
    data, root = indexed
    damaged = current(data)
    zero_in_place(one(damaged, ".pst"))
    app = app_over(data, root)
    # what the status says all along (the search thread's warm-up may find the damage
    # before any search does, while the first update still runs)
    seen: list[dict[str, object]] = []

    def watching(done: Callable[[], bool]) -> Callable[[], bool]:
        def check() -> bool:
            seen.append(app.control.status()["index"])
            return done()
        return check

    qtbot.waitUntil(watching(lambda: app.indexer.status()["items"] == 2), timeout=20000)
    app.control.handle({"command": "show", "query": "archive"})
    qtbot.waitUntil(watching(lambda: current(data) != damaged), timeout=60000)
    qtbot.waitUntil(watching(lambda: not app.control.status()["index"]["rebuilding"]),
                    timeout=20000)
    assert any(s["rebuilding"] and "damaged" in str(s["problem"]) for s in seen), seen[-3:]
    app.control.handle({"command": "show", "query": "tar"})
    qtbot.waitUntil(lambda: results(app) == ["common/tar"], timeout=20000)


@pytest.mark.parametrize("how", ["garbage", "a folder"])
def test_vectors_in_context_that_cannot_be_read_or_kept_cost_no_answer(
        tmp_path: Path, make_content, how: str):
    """The file of vectors in context (core/incontext.py) overwritten, or a folder where
    it should be: the index is built and answers all the same (the static meaning), and
    what cannot be done is said once, with where."""
    root = make_content(PAGES)
    data = tmp_path / "data"
    vectors = data / "index" / "context-vectors.bin"
    if how == "a folder":
        vectors.mkdir(parents=True)
    else:
        assert cli(data, "index", "--content", str(root)).returncode == 0
        vectors.write_bytes(b"\xff" * 4096)
    built = cli(data, "index", "--content", str(root))
    assert built.returncode == 0 and "Traceback" not in built.stderr
    found = cli(data, "search", "--json", "--content", str(root), "archive")
    assert found.returncode == 0 and "Traceback" not in found.stderr
    assert [r["id"] for r in json.loads(found.stdout)["results"]][:1] == ["common/tar"]
    in_context = json.loads(cli(data, "diagnose", "--json").stdout)["index"]["in_context"]
    if how == "a folder":
        told = [line for line in built.stderr.splitlines() if "vectors in context" in line]
        assert len(told) == 2 and all(str(vectors) in line for line in told), built.stderr
        assert in_context == {"have": 0, "missing": len(PAGES)}
    else:  # made again
        assert built.stderr == "" and in_context == {"have": len(PAGES), "missing": 0}
