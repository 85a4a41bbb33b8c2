"""The video player with its transcript, on the real bundled video (63 s, 11 cues)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractSlider, QVBoxLayout, QWidget

from jitl_desktop.core.model import Cue
from jitl_desktop.core.transcripts import clock, load_transcript
from jitl_desktop.platform.media import multimedia_problem
from jitl_desktop.ui import player as player_module
from jitl_desktop.ui.player import VideoPlayer
from tests.helpers import multimedia_missing

#: why QtMultimedia cannot be loaded here (e.g. no libpulse0); None when it can
MISSING = multimedia_missing()
if MISSING is None:
    from PySide6.QtMultimedia import QMediaPlayer

MEDIA = Path(__file__).resolve().parents[3] / "content" / "terminal" / "media"
VIDEO = MEDIA / "extract-archive-in-60-seconds.webm"
TRANSCRIPT = MEDIA / "extract-archive-in-60-seconds.vtt"
LOAD_MS = 15000  # two slow cores: loading and the first frames can take a while

# pytest-qt's Qt-log capture runs Python in whatever thread logs. The player's decoding
# threads log while the main thread waits for them inside a QMediaPlayer call that keeps
# the GIL (stop, setSource): a deadlock. Qt's own stderr handler needs no GIL.
pytestmark = pytest.mark.no_qt_log

#: the tests that need no QtMultimedia (they show how the app does without it)
WITHOUT_MULTIMEDIA = {"test_without_qtmultimedia_the_module_still_imports"}


@pytest.fixture(autouse=True)
def _needs_multimedia(request: pytest.FixtureRequest) -> None:
    if MISSING is not None and request.node.originalname not in WITHOUT_MULTIMEDIA:
        pytest.skip(MISSING)


@pytest.fixture(scope="module")
def spans() -> list[Cue]:
    cues, problems = load_transcript(TRANSCRIPT)
    assert not problems
    assert len(cues) > 8
    return cues


@pytest.fixture
def cues(spans: list[Cue]) -> list[tuple[float, str]]:
    return [(cue.start, cue.text) for cue in spans]


@pytest.fixture
def player(qtbot):
    widget = VideoPlayer()
    # stopped before pytest-qt closes and deletes it: no decoding thread outlives the test
    qtbot.addWidget(widget, before_close_func=lambda w: w.stop())
    widget.resize(900, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def containing(spans: list[Cue], seconds: float) -> int:
    return next(i for i, cue in enumerate(spans) if cue.start <= seconds < cue.end)


def wait_loaded(qtbot, player: VideoPlayer) -> None:
    qtbot.waitUntil(lambda: player.duration() > 60, timeout=LOAD_MS)


def row_visible(player: VideoPlayer, row: int) -> bool:
    rect = player.transcript.visualItemRect(player.transcript.item(row))
    return player.transcript.viewport().rect().contains(rect.center())


def test_starts_at_the_requested_time_with_its_cue_selected(qtbot, player, cues, spans):
    expected = containing(spans, 20)
    assert expected != 0
    seen: list[tuple[float, int | None, int, bool]] = []

    def started() -> bool:
        if player.duration() > 60 and player.position() >= 20:
            seen.append((player.position(), player.current_cue(),
                         player.transcript.currentRow(), row_visible(player, expected)))
            return True
        return False

    player.load(str(VIDEO), cues, at=20)
    qtbot.waitUntil(started, timeout=LOAD_MS)
    position, current, row, visible = seen[0]
    assert 20 <= position < spans[expected].end  # not from 0, not past the cue
    assert current == expected
    assert row == expected
    assert player.transcript.item(expected).isSelected()
    assert visible
    assert player.playing()
    assert player.source() == str(VIDEO)
    assert player.time_label.text().startswith("0:2")
    assert player.time_label.text().endswith("/ 1:03")


def test_paused_load_waits_at_the_requested_time(qtbot, player, cues, spans):
    player.load(str(VIDEO), cues, at=30, autoplay=False)
    wait_loaded(qtbot, player)
    qtbot.waitUntil(lambda: player.position() >= 30, timeout=LOAD_MS)
    assert player.position() < 31
    assert not player.playing()
    assert player.current_cue() == containing(spans, 30)
    assert player.time_label.text() == "0:30 / 1:03"


def test_transcript_rows_show_start_time_and_text(player, cues):
    player.load(str(VIDEO), cues, autoplay=False)
    texts = [player.transcript.item(i).text() for i in range(player.transcript.count())]
    assert len(texts) == len(cues)
    assert texts[0] == f"0:00  {cues[0][1]}"
    assert texts[6] == f"0:32  {cues[6][1]}"


def test_clicking_a_cue_seeks_there_and_plays(qtbot, player, cues, spans):
    player.load(str(VIDEO), cues, autoplay=False)
    wait_loaded(qtbot, player)
    row = 7
    item = player.transcript.item(row)
    player.transcript.scrollToItem(item)
    center = player.transcript.visualItemRect(item).center()
    qtbot.mouseClick(player.transcript.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: player.playing() and player.position() > spans[row].start,
                    timeout=LOAD_MS)
    assert player.position() < spans[row].start + 3
    assert player.current_cue() == row
    assert player.transcript.currentRow() == row


def test_enter_on_a_cue_seeks_there(qtbot, player, cues, spans):
    player.load(str(VIDEO), cues, autoplay=False)
    wait_loaded(qtbot, player)
    player.transcript.setFocus()
    player.transcript.setCurrentRow(3)
    qtbot.keyClick(player.transcript, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: player.position() >= spans[3].start, timeout=LOAD_MS)
    assert player.position() < spans[3].start + 3
    assert player.current_cue() == 3


def test_current_cue_follows_playback(qtbot, player, cues, spans):
    player.load(str(VIDEO), cues, at=20)
    wait_loaded(qtbot, player)
    first = containing(spans, 20)
    qtbot.waitUntil(lambda: player.current_cue() == first, timeout=LOAD_MS)
    qtbot.waitUntil(lambda: player.current_cue() == first + 1, timeout=LOAD_MS)
    assert player.position() >= spans[first + 1].start
    assert player.transcript.currentRow() == first + 1
    assert player.transcript.item(first + 1).isSelected()


def test_position_changed_reports_seconds(qtbot, player, cues):
    player.load(str(VIDEO), cues, at=10)
    with qtbot.waitSignal(player.position_changed, timeout=LOAD_MS,
                          check_params_cb=lambda s: 10 <= s < 20) as blocker:
        pass
    assert isinstance(blocker.args[0], float)


def test_space_and_arrow_keys_control_playback(qtbot, player, cues):
    player.load(str(VIDEO), cues, at=10)
    wait_loaded(qtbot, player)
    qtbot.waitUntil(lambda: player.playing() and player.position() >= 10, timeout=LOAD_MS)
    # Space in the transcript list pauses, rather than (only) selecting a row
    player.transcript.setFocus()
    qtbot.keyClick(player.transcript, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not player.playing(), timeout=LOAD_MS)
    paused_at = player.position()
    qtbot.keyClick(player.transcript, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: player.position() > paused_at + 4, timeout=LOAD_MS)
    assert player.position() == pytest.approx(paused_at + 5, abs=0.5)
    assert not player.playing()
    qtbot.keyClick(player.transcript, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: player.position() < paused_at + 1, timeout=LOAD_MS)
    assert player.position() == pytest.approx(paused_at, abs=0.5)
    qtbot.keyClick(player.transcript, Qt.Key.Key_Space)
    qtbot.waitUntil(player.playing, timeout=LOAD_MS)
    # on the focused button, Space toggles exactly once (not the key and the click)
    player.play_button.setFocus()
    qtbot.keyClick(player.play_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not player.playing(), timeout=LOAD_MS)
    assert player.play_button.accessibleName() == "Play"
    qtbot.keyClick(player.slider, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: player.position() < 1, timeout=LOAD_MS)
    assert player.current_cue() is None


def test_player_keys_win_over_the_window_shortcuts(qtbot, cues):
    window = QWidget()
    player = VideoPlayer(window)
    qtbot.addWidget(window, before_close_func=lambda w: player.stop())
    elsewhere = QWidget(window)
    elsewhere.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    layout = QVBoxLayout(window)
    layout.addWidget(player)
    layout.addWidget(elsewhere)
    fired: list[str] = []
    QShortcut(QKeySequence(Qt.Key.Key_Space), window, lambda: fired.append("space"))
    window.resize(900, 450)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=LOAD_MS)  # else no shortcut works
    player.load(str(VIDEO), cues, autoplay=False)
    wait_loaded(qtbot, player)
    elsewhere.setFocus()
    qtbot.keyClick(elsewhere, Qt.Key.Key_Space)
    assert fired == ["space"]  # the window's shortcut works outside the player
    assert not player.playing()
    player.transcript.setFocus()
    qtbot.keyClick(player.transcript, Qt.Key.Key_Space)
    qtbot.waitUntil(player.playing, timeout=LOAD_MS)
    assert fired == ["space"]


def test_clicking_the_slider_jumps_there(qtbot, player, cues):
    player.load(str(VIDEO), cues, autoplay=False)
    wait_loaded(qtbot, player)
    slider = player.slider
    qtbot.waitUntil(lambda: slider.maximum() > 60000, timeout=LOAD_MS)
    point = QPoint(int(slider.width() * 0.75), slider.height() // 2)
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: player.position() > 30, timeout=LOAD_MS)
    assert player.position() == pytest.approx(0.75 * player.duration(), abs=5)


def test_dragging_the_slider_is_not_fought_and_seeks_on_release(qtbot, player, cues):
    player.load(str(VIDEO), cues, at=5)
    qtbot.waitUntil(lambda: player.playing() and player.position() >= 5, timeout=LOAD_MS)
    slider = player.slider
    slider.setSliderDown(True)  # the user holds the handle
    held = slider.value()
    qtbot.waitUntil(lambda: player.position() > held / 1000 + 1, timeout=LOAD_MS)
    assert slider.value() == held  # playback did not move the handle under the pointer
    slider.setSliderPosition(40000)  # dragged to 0:40
    assert player.time_label.text() == "0:40 / 1:03"
    assert player.position() < 30  # no seek yet
    slider.setSliderDown(False)  # released
    qtbot.waitUntil(lambda: player.position() >= 40, timeout=LOAD_MS)
    assert player.position() < 43


def test_reading_elsewhere_in_the_transcript_is_not_undone(qtbot, player, cues, spans,
                                                          monkeypatch):
    monkeypatch.setattr(player_module, "MANUAL_SCROLL_HOLD_S", 60.0)  # slow machines
    player.resize(700, 200)
    last = len(spans) - 1
    start = spans[last - 1].start - 1.2  # in the cue before, 1.2 s before the next one
    player.load(str(VIDEO), cues, at=start, autoplay=False)
    wait_loaded(qtbot, player)
    qtbot.waitUntil(lambda: player.current_cue() == last - 2 and player.position() >= start,
                    timeout=LOAD_MS)
    assert row_visible(player, last - 2)  # followed so far
    bar = player.transcript.verticalScrollBar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)  # as a user scrolling
    assert not row_visible(player, last - 1)  # else this test could not fail
    player.play()
    qtbot.waitUntil(lambda: player.current_cue() == last - 1, timeout=LOAD_MS)
    assert bar.value() == bar.minimum()
    assert player.transcript.currentRow() == last - 1
    # seeking is the user going somewhere: the transcript follows again
    player.setFocus()
    qtbot.keyClick(player, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: player.current_cue() == last, timeout=LOAD_MS)
    assert row_visible(player, last)


def test_broken_file_is_reported_with_its_path(qtbot, player, tmp_path):
    broken = tmp_path / "x.webm"
    broken.write_bytes(bytes((i * 131 + 7) % 256 for i in range(20000)))
    messages: list[str] = []
    player.unavailable.connect(messages.append)
    with qtbot.waitSignal(player.unavailable, timeout=LOAD_MS) as blocker:
        player.load(str(broken), [(0.0, "nothing")])
    message = blocker.args[0]
    assert message.startswith(f"Cannot play {broken} here: ")
    assert "not a video format this player can decode" in message
    # Qt reports both an error and an invalid-media status: the user hears of it once
    qtbot.waitUntil(
        lambda: player._player.mediaStatus() == QMediaPlayer.MediaStatus.InvalidMedia,
        timeout=LOAD_MS)
    assert messages == [message]
    assert not player.playing()
    assert player.message.isVisible()
    assert player.message.text() == message


def test_missing_file_is_reported(qtbot, player, tmp_path):
    missing = tmp_path / "gone.webm"
    with qtbot.waitSignal(player.unavailable, timeout=LOAD_MS) as blocker:
        player.load(str(missing), [])
    assert str(missing) in blocker.args[0]
    assert "does not exist" in blocker.args[0]


def test_stop_releases_the_media(qtbot, player, cues):
    player.load(str(VIDEO), cues, at=5)
    qtbot.waitUntil(lambda: player.playing() and player.position() >= 5, timeout=LOAD_MS)
    player.stop()
    assert not player.playing()
    assert player.source() is None
    assert player.duration() == 0
    assert player.position() == 0
    assert player.current_cue() is None
    assert player.transcript.count() == 0


def test_hiding_pauses(qtbot, player, cues):
    player.load(str(VIDEO), cues)
    qtbot.waitUntil(player.playing, timeout=LOAD_MS)
    player.hide()
    qtbot.waitUntil(lambda: not player.playing(), timeout=LOAD_MS)
    assert player.source() == str(VIDEO)


def test_every_control_has_names(player):
    for widget in (player.video, player.play_button, player.slider, player.time_label,
                   player.transcript, player.message):
        assert widget.objectName()
        assert widget.accessibleName()


def test_multimedia_works_here(qapp):
    assert multimedia_problem() is None


def _run(code: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_without_qtmultimedia_the_module_still_imports():
    out = _run("""
        import sys
        sys.modules["PySide6.QtMultimedia"] = None  # as if pyside6-addons were missing
        from PySide6.QtWidgets import QApplication
        from jitl_desktop.platform.media import multimedia_problem
        from jitl_desktop.ui.player import VideoPlayer
        app = QApplication([])
        print(multimedia_problem())
        try:
            VideoPlayer()
        except RuntimeError as exc:
            print("refused:", exc)
        """)
    reason, refused = out.splitlines()
    assert reason.startswith("QtMultimedia cannot be loaded")
    assert refused == f"refused: {reason}"


def test_without_a_media_backend_the_player_is_refused():
    out = _run("""
        from PySide6.QtWidgets import QApplication
        from jitl_desktop.platform.media import multimedia_problem
        from jitl_desktop.ui.player import VideoPlayer
        app = QApplication([])
        app.setLibraryPaths(["/nonexistent"])  # no multimedia plugin from here on
        print(multimedia_problem())
        try:
            VideoPlayer()
        except RuntimeError as exc:
            print("refused:", exc)
        """)
    reason, refused = out.splitlines()
    assert "no media backend" in reason
    assert refused == f"refused: {reason}"


def test_the_transcript_is_offered_in_each_language_and_switching_keeps_the_position(
        qtbot, player, cues, spans):
    german = [(start, f"Untertitel {n}: auf Deutsch") for n, (start, _) in enumerate(cues)]
    player.load(str(VIDEO), german, at=30, autoplay=False,
                transcripts={"en": cues, "de": german}, language="de")
    wait_loaded(qtbot, player)
    qtbot.waitUntil(lambda: player.position() >= 30, timeout=LOAD_MS)
    choice = player.transcript_choice
    assert choice.isVisible() and choice.accessibleName() == "Transcript language"
    assert player.transcript_label.text() == "Transcript:"
    assert [choice.itemText(i) for i in range(choice.count())] == ["English", "Deutsch"]
    assert choice.currentText() == "Deutsch" and player.transcript_language() == "de"
    row = containing(spans, 30)
    assert player.transcript.item(row).text().endswith(f"Untertitel {row}: auf Deutsch")
    qtbot.keyClick(choice, Qt.Key.Key_Up)  # the user picks English in the list
    assert player.transcript_language() == "en"
    assert player.transcript.item(row).text() == f"{clock(cues[row][0])}  {cues[row][1]}"
    assert player.current_cue() == row and player.transcript.currentRow() == row
    assert 30 <= player.position() < 31 and not player.playing()  # the video went on as it was


def test_one_transcript_offers_no_choice(player, cues):
    player.load(str(VIDEO), cues, autoplay=False, transcripts={"en": cues}, language="en")
    assert not player.transcript_choice.isVisible()
    assert player.transcript_languages() == [] and player.transcript.count() == len(cues)
