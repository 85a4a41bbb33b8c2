"""A video item whose video is on a web server: opening it fetches nothing; it is fetched
only when the user presses Play, and only when the ``remote_media`` setting allows it.

The server is real (``http.server`` on loopback, in a thread) and records every request
made to it, whoever makes it (the embedded player's FFmpeg, the system's player)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer  # noqa: TID251 (real clicks on the app's widgets)
from PySide6.QtWidgets import QApplication  # noqa: TID251

from jitl_desktop.services.items import REMOTE_BLOCKED
from tests.helpers import multimedia_missing
from tests.inprocess import UrlRecorder, start_app

# (the player's decoding threads and pytest-qt's log capture deadlock: see test_player.py)
pytestmark = [pytest.mark.no_qt_log,
              pytest.mark.skipif(bool(multimedia_missing()), reason=multimedia_missing() or "")]

MEDIA = Path(__file__).resolve().parents[2] / "content" / "terminal" / "media"
#: how long an opened item is watched for a request it should not make
QUIET_MS = 1500


class Recorder(SimpleHTTPRequestHandler):
    requests: list[tuple[str, str]]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, directory=str(MEDIA), **kwargs)

    def do_GET(self) -> None:
        self.requests.append((self.path, self.headers.get("User-Agent", "")))
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    requests: list[tuple[str, str]] = []
    handler = type("Handler", (Recorder,), {"requests": requests})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="media-server", daemon=True)
    thread.start()
    video = next(MEDIA.glob("*.webm"))
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{video.name}", requests
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


@pytest.fixture
def recorder() -> Iterator[UrlRecorder]:
    """The system's player, for http: records instead of fetching."""
    recorder = UrlRecorder(("http", "https"))
    yield recorder
    recorder.close()


@pytest.fixture
def launch(qtbot, qapp, tmp_path, make_content, server):
    """Start the app over one video item on the server, with ``remote_media`` as given;
    it is shut down (the player first) before the server stops."""
    url, _ = server
    started = []

    def launch(allowed: bool):
        root = make_content({"videos/remote.md": f"""
            ---
            title: Remote clip
            kind: video
            video: {url}
            ---
            What the video shows, in words.
            """})
        started.append(start_app(qtbot, qapp, tmp_path / "app", [root], items=1,
                                 settings={"remote_media": allowed}))
        return started[-1]

    yield launch
    for app in started:
        app.shutdown()


def test_with_remote_media_off_the_item_shows_its_text_and_a_notice_and_fetches_nothing(
        qtbot, launch, server, recorder):
    url, requests = server
    app = launch(allowed=False)
    window = app.library_window
    app.items.open("videos/remote")  # from the search window: would autoplay
    qtbot.waitUntil(lambda: app.control.status()["library"]["item"] == "videos/remote")
    qtbot.wait(QUIET_MS)
    assert requests == []
    assert "What the video shows" in window.body.toPlainText()
    assert window.notice.isVisible() and REMOTE_BLOCKED in window.notice.text()
    assert not window.play.isVisible()
    assert app.control.status()["library"]["player"] is None
    # nor handed to the system's player (the refusal is a message box: closed here)
    QTimer.singleShot(200, lambda: QApplication.activeModalWidget().close())
    with qtbot.waitSignal(app.items.play_failed) as failed:
        app.items.play_elsewhere(url, 0.0)
    assert REMOTE_BLOCKED in failed.args[0]
    assert requests == [] and recorder.opened == []


def test_with_remote_media_on_the_video_is_fetched_only_when_play_is_pressed(
        qtbot, launch, server, recorder):
    url, requests = server
    app = launch(allowed=True)
    window = app.library_window
    app.items.open("videos/remote")
    qtbot.waitUntil(lambda: app.control.status()["library"]["item"] == "videos/remote")
    qtbot.wait(QUIET_MS)
    assert requests == []
    assert window.play.isVisible() and window.notice.isVisible()
    assert app.control.status()["library"]["player"] is None
    qtbot.mouseClick(window.play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(requests) >= 1, timeout=10000)
    assert requests[0][0] == "/" + url.rsplit("/", 1)[1]
    qtbot.waitUntil(lambda: (app.control.status()["library"]["player"] or {})
                    .get("source") == url, timeout=10000)
    assert recorder.opened == []
