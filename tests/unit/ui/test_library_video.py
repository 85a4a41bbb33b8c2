"""A video item in the library window: the built-in player from the cue, or the system
player with the reason when it cannot play here."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from jitl_desktop.core.transcripts import load_transcript
from jitl_desktop.services.items import ItemPage
from jitl_desktop.ui.library import LibraryWindow
from tests.helpers import multimedia_missing

# (see test_player.py: Qt-log capture and the decoding threads deadlock); each test here
# needs QtMultimedia (without it the window says only that, see test_player.py)
pytestmark = [pytest.mark.no_qt_log,
              pytest.mark.skipif(bool(multimedia_missing()), reason=multimedia_missing() or "")]

MEDIA = Path(__file__).resolve().parents[3] / "content" / "terminal" / "media"
VIDEO = MEDIA / "extract-archive-in-60-seconds.webm"


def cues() -> list[tuple[float, str]]:
    loaded = load_transcript(MEDIA / "extract-archive-in-60-seconds.vtt")
    return [(c.start, c.text) for c in loaded[0]]


@pytest.fixture
def window(qtbot):
    window = LibraryWindow()
    qtbot.addWidget(window)
    yield window
    if window.player is not None:
        window.player.stop()


def test_a_video_plays_beside_its_transcript_from_the_cue(qtbot, window):
    window.show_item(ItemPage("t/v", "Extract an archive", "video", "Watch.",
                              video_url=str(VIDEO), at=21.0, cues=cues()), focus=False)
    qtbot.waitUntil(lambda: (window.player_status() or {}).get("position", 0) >= 21.0,
                    timeout=10000)
    status = window.player_status()
    assert status is not None and status["source"] == str(VIDEO) and status["playing"]
    starts = [start for start, _ in cues()]
    assert starts[status["cue"]] <= 21.0 < starts[status["cue"] + 1]
    assert not window.play.isVisibleTo(window) and not window.notice.isVisibleTo(window)
    window.hide()  # a closed window plays nothing and holds no decoder
    assert window.player.source() is None


def test_a_video_that_cannot_play_here_falls_back_to_the_system_player(qtbot, window,
                                                                       tmp_path):
    broken = tmp_path / "broken.webm"
    broken.write_bytes(b"\x00 not a video " * 200)
    window.show_item(ItemPage("t/b", "Broken", "video", "", video_url=str(broken), at=5.0),
                     focus=False)
    qtbot.waitUntil(lambda: window.notice.isVisibleTo(window), timeout=10000)
    assert str(broken) in window.notice.text() and "system's video player" in \
        window.notice.text()
    assert window.play.isVisibleTo(window) and window.play.text() == "Play from 0:05"
    with qtbot.waitSignal(window.play_requested) as asked:
        window.play.click()
    assert asked.args == [str(broken), 5.0]


def test_a_guide_after_a_video_hides_the_player(qtbot, window):
    window.show_item(ItemPage("t/v", "Video", "video", "", video_url=str(VIDEO), cues=cues(),
                              autoplay=False), focus=False)
    assert window.player is not None and window.player.isVisibleTo(window)
    window.show_item(ItemPage("g", "Guide", "guide", "Read me."), focus=False)
    assert not window.player.isVisibleTo(window) and window.player.source() is None


def test_chapters_are_listed_beside_the_video_marked_on_the_bar_and_a_click_seeks(
        qtbot, window):
    chapters = [(0.0, "Start"), (20.0, "Extract"), (40.0, "List the contents")]
    window.show_item(ItemPage("t/v", "Video", "video", "", video_url=str(VIDEO), cues=cues(),
                              chapters=chapters, autoplay=False), focus=False)
    player = window.player
    assert player.chapters.isVisibleTo(window) and player.chapters.count() == 3
    assert player.chapters.item(1).text() == "0:20  Extract"
    assert player.slider.marks_ms == [0, 20000, 40000]
    item = player.chapters.item(2)
    qtbot.mouseClick(player.chapters.viewport(), Qt.MouseButton.LeftButton,
                     pos=player.chapters.visualItemRect(item).center())
    qtbot.waitUntil(lambda: player.position() >= 40.0, timeout=10000)
    window.show_item(ItemPage("t/w", "Other", "video", "", video_url=str(VIDEO),
                              autoplay=False), focus=False)
    assert not player.chapters.isVisibleTo(window) and player.slider.marks_ms == []


def test_watching_a_video_is_recorded_moment_by_moment(qtbot, window):
    from jitl_desktop.core.history import History
    from jitl_desktop.services.user_state import UserState

    user = UserState(History(None))
    window.media_moment.connect(user.record_media)
    window.show_item(ItemPage("t/v", "Extract an archive", "video", "Watch.",
                              video_url=str(VIDEO), cues=cues(), autoplay=True),
                     focus=False)
    player = window.player
    qtbot.waitUntil(lambda: player.playing() and player.position() > 0.2, timeout=10000)
    player.pause()
    qtbot.waitUntil(lambda: not player.playing(), timeout=5000)
    window.player.transcript.itemClicked.emit(window.player.transcript.item(2))
    window.show_item(ItemPage("g", "Guide", "guide", "Read me."), focus=False)  # leaves it
    rows = user.history._rows("SELECT verb, session FROM media ORDER BY id")
    verbs = [verb for verb, _ in rows]
    assert verbs[:3] == ["initialized", "played", "paused"]
    assert "seeked" in verbs and verbs[-1] == "terminated"
    assert len({session for _, session in rows}) == 1  # one playing of one video
