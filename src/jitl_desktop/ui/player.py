"""The built-in video player: the video with play/pause, a position slider and the
time, and beside it the transcript, one row per cue, following playback. Render and emit.

QtMultimedia (``pyside6-addons``) may be missing or have no media backend on a given
machine. Importing this module never raises because of that: the imports are guarded,
``platform.media.multimedia_problem()`` says whether the player can work here (None) or
why not, and constructing a :class:`VideoPlayer` where it cannot work raises
``RuntimeError``.
"""

from __future__ import annotations

import time
import uuid
from bisect import bisect_right
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QVBoxLayout,
    QWidget,
)

from jitl_desktop.core.transcripts import clock
from jitl_desktop.platform.media import multimedia_problem
from jitl_desktop.ui.common import named

try:
    from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
    from PySide6.QtMultimediaWidgets import QVideoWidget
except (ImportError, OSError) as exc:  # pragma: no cover - depends on the installation
    _IMPORT_PROBLEM: str | None = f"QtMultimedia cannot be loaded ({exc})"
else:
    _IMPORT_PROBLEM = None

#: how far Left/Right seek, in milliseconds
SEEK_STEP_MS = 5000
#: after the user scrolls the transcript by hand, playback leaves it where it is this long
MANUAL_SCROLL_HOLD_S = 5.0


#: languages by their own names, as a transcript's language is offered (Qt's own names
#: of a bare language name a country too: "American English")
AUTONYMS = {"ar": "العربية", "cs": "Čeština", "da": "Dansk", "de": "Deutsch",
            "el": "Ελληνικά", "en": "English", "es": "Español", "fi": "Suomi",
            "fr": "Français", "hu": "Magyar", "it": "Italiano", "ja": "日本語", "ko": "한국어",
            "nb": "Norsk bokmål", "nl": "Nederlands", "no": "Norsk", "pl": "Polski",
            "pt": "Português", "ro": "Română", "ru": "Русский", "sv": "Svenska",
            "tr": "Türkçe", "uk": "Українська", "zh": "中文"}


def language_name(tag: str) -> str:
    """A language as its speakers name it: ``de`` → Deutsch, ``pt-BR`` → português
    (Brasil); the tag itself when Qt does not know it."""
    if tag in AUTONYMS:
        return AUTONYMS[tag]
    locale = QLocale(tag)
    if locale.language() == QLocale.Language.C:
        return tag
    name = locale.nativeLanguageName() or tag
    return name[:1].upper() + name[1:]


#: what Qt's terse error strings mean for the user, by QMediaPlayer.Error name
_ERROR_HINTS = {
    "FormatError": "not a video format this player can decode",
    "NetworkError": "a network problem",
    "AccessDeniedError": "no permission to read it",
}


class SeekSlider(QSlider):
    """A horizontal slider that jumps to where it is clicked (not by a page) and can then
    be dragged on from there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        #: where chapters start (ms), drawn as marks on the groove
        self.marks_ms: list[int] = []

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.marks_ms or self.maximum() <= self.minimum():
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style = self.style()
        groove = style.subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                      QStyle.SubControl.SC_SliderGroove, self)
        handle = style.subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                      QStyle.SubControl.SC_SliderHandle, self)
        span = max(1, groove.width() - handle.width())
        painter = QPainter(self)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.WindowText), 2))
        for ms in self.marks_ms:
            x = groove.x() + handle.width() // 2 + QStyle.sliderPositionFromValue(
                self.minimum(), self.maximum(), ms, span, option.upsideDown)
            painter.drawLine(x, groove.top() - 3, x, groove.top() + 2)
            painter.drawLine(x, groove.bottom() - 2, x, groove.bottom() + 3)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.maximum() > self.minimum():
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            style = self.style()
            handle = style.subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                          QStyle.SubControl.SC_SliderHandle, self)
            point = event.position().toPoint()
            if not handle.contains(point):
                groove = style.subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                              QStyle.SubControl.SC_SliderGroove, self)
                span = max(1, groove.width() - handle.width())
                x = point.x() - groove.x() - handle.width() // 2
                self.setValue(QStyle.sliderValueFromPosition(
                    self.minimum(), self.maximum(), x, span, option.upsideDown))
        # the handle is now under the pointer: the press grabs it, so a drag goes on
        super().mousePressEvent(event)


class VideoPlayer(QWidget):
    """Video, controls and transcript.

    Keys while the focus is anywhere in the player: Space play/pause, Left/Right −5/+5 s,
    Home back to the start; Enter on a cue (or a click) plays from that cue.

    Signals:
        unavailable(str): the media cannot be played here; a message for the user that
            names the file and the reason.
        position_changed(float): the playback position moved (seconds; at the player's
            own notification rate while playing).
        moment(str, float, dict): a moment of watching for the learning record: the
            verb (initialized, played, paused, seeked, completed, terminated), the
            position in seconds, and ``session`` (one playing of one video),
            ``position_from`` (a seek), ``progress`` and ``length`` where known.
    """

    unavailable = Signal(str)
    position_changed = Signal(float)
    moment = Signal(str, float, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        problem = multimedia_problem()
        if problem is not None:
            raise RuntimeError(problem)
        super().__init__(parent)
        self.setObjectName("videoPlayer")
        self.setAccessibleName("Video player")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._player = QMediaPlayer(self)
        self._audio = QAudioOutput(self)
        self._audio_attached = False
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._attach_audio)
        self._attach_audio()
        self._source: str | None = None
        self._session = ""  # one playing of one video (learning records)
        self._was_playing = False
        self._cues: list[tuple[float, str]] = []
        self._transcripts: dict[str, list[tuple[float, str]]] = {}
        self._starts_ms: list[int] = []
        self._current: int | None = None
        #: a seek asked for before the media could take it (ms)
        self._pending_ms: int | None = None
        self._failed = False
        self._manual_scroll_at = 0.0
        #: the position the slider and the time show (ms)
        self._shown_ms = 0

        self.video = named(QVideoWidget(self), "video")
        self.video.setAccessibleName("Video")
        self.video.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.video.setMinimumSize(320, 180)
        self._player.setVideoOutput(self.video)
        self.play_button = named(QPushButton(self), "playPause")
        self.play_button.clicked.connect(self.toggle)
        self.slider = named(SeekSlider(self), "position")
        self.slider.setAccessibleName("Position")
        self.slider.setTracking(False)  # a drag seeks once, on release
        self.slider.setSingleStep(SEEK_STEP_MS)
        self.slider.setPageStep(SEEK_STEP_MS * 2)
        self.slider.setRange(0, 0)
        self.slider.valueChanged.connect(self._on_slider_value)
        self.slider.sliderMoved.connect(self._on_slider_moved)
        self.time_label = named(QLabel("0:00 / 0:00", self), "time")
        self.time_label.setAccessibleName("Time")
        self.message = named(QLabel(self), "playerMessage")
        self.message.setAccessibleName("Player message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.chapters = named(QListWidget(self), "chapters")
        self.chapters.setAccessibleName("Chapters")
        self.chapters.setAccessibleDescription("Enter or a click plays from the chapter")
        self.chapters.setWordWrap(True)
        self.chapters.itemClicked.connect(self._on_chapter_clicked)
        self.chapters.itemActivated.connect(self._on_chapter_clicked)
        self.chapters.hide()
        self._chapters: list[tuple[float, str]] = []
        self.transcript_choice = named(QComboBox(self), "transcriptLanguage")
        self.transcript_choice.setAccessibleName("Transcript language")
        self.transcript_choice.currentIndexChanged.connect(self._on_transcript_chosen)
        self.transcript_label = named(QLabel("Transcript:", self), "transcriptLabel")
        self.transcript_label.setBuddy(self.transcript_choice)
        self.transcript = named(QListWidget(self), "transcript")
        self.transcript.setAccessibleName("Transcript")
        self.transcript.setWordWrap(True)
        self.transcript.setUniformItemSizes(False)
        # (the cues live in self._cues, by row: no Python objects in Qt's items; a click
        # plays from a cue here, Enter in _handle_key, so one activation seeks once)
        self.transcript.itemClicked.connect(self._on_cue_clicked)
        self.transcript.verticalScrollBar().actionTriggered.connect(self._on_manual_scroll)

        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.video, 1)
        left_layout.addLayout(controls)
        left_layout.addWidget(self.message)
        # (layouts, not splitters: a splitter's handle is an unnamed node of unknown role
        # to a screen reader)
        side = QVBoxLayout()
        choice = QHBoxLayout()
        choice.addWidget(self.transcript_label)
        choice.addWidget(self.transcript_choice, 1)
        side.addLayout(choice)
        self._show_transcript_choice()
        side.addWidget(self.chapters, 1)
        side.addWidget(self.transcript, 3)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(left, 3)
        layout.addLayout(side, 1)

        for widget in (self.play_button, self.slider, self.transcript):
            widget.installEventFilter(self)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)
        self._player.positionChanged.connect(self._on_position)
        self._player.durationChanged.connect(self._on_duration)
        self._player.playbackStateChanged.connect(self._on_state)
        self._on_state()

    # --- commands ------------------------------------------------------------------------

    def load(self, url: str, cues: list[tuple[float, str]], at: float | None = None,
             autoplay: bool = True, chapters: list[tuple[float, str]] | None = None, *,
             transcripts: Mapping[str, list[tuple[float, str]]] | None = None,
             language: str = "") -> None:
        """Open a video (a local path, or a URL with a scheme) with its transcript cues
        ``(start seconds, text)`` and ``chapters`` ``(start seconds, title)``; start at
        ``at`` seconds, playing unless not ``autoplay``. With ``transcripts`` in several
        languages (language → cues) the user may switch between them; ``cues`` are
        those in ``language``."""
        self._set_chapters(chapters or [])
        self._pending_ms = None
        self._player.stop()
        self._failed = False
        self.message.hide()
        self._source = url
        self._set_transcripts(dict(transcripts or {}), language)
        self._set_cues(cues)
        self._manual_scroll_at = 0.0
        self._on_duration(0)
        # set before the source: the media may report itself loaded at once
        self._pending_ms = max(0, round(at * 1000)) if at else None
        self._show_position(self._pending_ms or 0)
        self._player.setSource(QUrl(url) if "://" in url else QUrl.fromLocalFile(url))
        self._session = uuid.uuid4().hex
        self._was_playing = False
        self._tell("initialized", (self._pending_ms or 0) / 1000)
        if autoplay:
            self._player.play()
        else:
            self._player.pause()  # shows the first frame

    def _set_cues(self, cues: list[tuple[float, str]]) -> None:
        self._cues = sorted(cues, key=lambda cue: cue[0])
        self._starts_ms = [round(start * 1000) for start, _ in self._cues]
        self._current = None
        self.transcript.clear()
        for start, text in self._cues:
            item = QListWidgetItem(f"{clock(start)}  {text}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{clock(start)}: {text}")
            self.transcript.addItem(item)
        self.transcript.setVisible(bool(self._cues))

    def _set_transcripts(self, transcripts: dict[str, list[tuple[float, str]]],
                         language: str) -> None:
        """The languages offered (only when there are several)."""
        self._transcripts = transcripts if len(transcripts) > 1 else {}
        with QSignalBlocker(self.transcript_choice):
            self.transcript_choice.clear()
            for tag in self._transcripts:
                self.transcript_choice.addItem(language_name(tag), tag)
            self.transcript_choice.setCurrentIndex(self.transcript_choice.findData(language))
        self._show_transcript_choice()

    def _show_transcript_choice(self) -> None:
        for widget in (self.transcript_label, self.transcript_choice):
            widget.setVisible(bool(self._transcripts))

    def transcript_languages(self) -> list[str]:
        """The languages of the transcripts offered (none when there is one or none)."""
        return list(self._transcripts)

    def transcript_language(self) -> str:
        """The language of the transcript shown ("" when no choice is offered)."""
        return str(self.transcript_choice.currentData() or "")

    def choose_transcript(self, language: str) -> None:
        """Show the transcript in ``language`` (as choosing it in the list does)."""
        self.transcript_choice.setCurrentIndex(self.transcript_choice.findData(language))

    def _on_transcript_chosen(self, _index: int) -> None:
        cues = self._transcripts.get(self.transcript_language())
        if cues is None:
            return
        self._set_cues(cues)  # the video plays on; the cue of this moment is shown
        self._show_cue(self._cue_at(self._shown_ms))

    def stop(self) -> None:
        """Stop playing and let go of the media (and its transcript)."""
        if self._source is not None and self._session:
            self._tell("terminated", self._shown_ms / 1000)
            self._session = ""
        self._pending_ms = None
        self._player.stop()
        self._player.setSource(QUrl())
        self._source = None
        self._cues = []
        self._starts_ms = []
        self._current = None
        self._failed = False
        self.message.hide()
        self.transcript.clear()
        self._set_transcripts({}, "")
        self._set_chapters([])
        self._on_duration(0)
        self._show_position(0)

    def play(self) -> None:
        if self._source is not None and not self._failed:
            self._player.play()

    def pause(self) -> None:
        if self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self._player.pause()

    def toggle(self) -> None:
        """Pause when playing, else play."""
        if self.playing():
            self.pause()
        else:
            self.play()

    # --- introspection ---------------------------------------------------------------------

    def position(self) -> float:
        """Where playback is, in seconds."""
        return float(self._player.position()) / 1000

    def duration(self) -> float:
        """The media's length in seconds (0 until known)."""
        return float(self._player.duration()) / 1000

    def playing(self) -> bool:
        return self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def current_cue(self) -> int | None:
        """The row of the cue being shown as current (the last one started), if any."""
        return self._current

    def source(self) -> str | None:
        """The path or URL loaded, None when nothing is."""
        return self._source

    # --- player events -------------------------------------------------------------------

    def _attach_audio(self) -> None:
        """Play the sound when there is somewhere to play it. (With no audio device, an
        attached output only makes the player's audio thread warn each time it starts;
        the video plays on its own clock without one.)"""
        if not self._audio_attached and QMediaDevices.audioOutputs():
            self._player.setAudioOutput(self._audio)  # it follows the default device
            self._audio_attached = True

    _READY = frozenset({
        QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferingMedia,
        QMediaPlayer.MediaStatus.BufferedMedia, QMediaPlayer.MediaStatus.StalledMedia,
        QMediaPlayer.MediaStatus.EndOfMedia,
    }) if _IMPORT_PROBLEM is None else frozenset()

    def _ready(self) -> bool:
        return self._player.mediaStatus() in self._READY

    def _seek_ms(self, ms: int) -> None:
        if self._source is None or self._failed:
            return
        ms = max(0, ms)
        if self._player.duration() > 0:
            ms = min(ms, self._player.duration())
        self._tell("seeked", ms / 1000, position_from=self._shown_ms / 1000)
        self._manual_scroll_at = 0.0  # the user went somewhere: show them where
        self._pending_ms = ms
        self._show_position(ms)
        self._apply_pending()

    def _apply_pending(self) -> None:
        """Hand a pending seek to the player once it can take it; keep it until it did
        (QMediaPlayer ignores a position set while the media is still loading)."""
        target = self._pending_ms
        if target is None or not self._ready():
            return
        self._pending_ms = None  # (setPosition reports the new position at once)
        self._player.setPosition(target)
        if abs(self._player.position() - target) >= 500 and self._pending_ms is None:
            self._pending_ms = target  # not taken: again at the next status or position

    def _on_status(self, _status: QMediaPlayer.MediaStatus) -> None:
        # (the player's status now, not the signal's: a stale one may still be queued)
        status = self._player.mediaStatus()
        if status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fail(self._player.errorString() or "the file is not a video this player "
                       "can decode")
        elif status == QMediaPlayer.MediaStatus.EndOfMedia and self._session:
            self._tell("completed", self._player.duration() / 1000)
        else:
            self._apply_pending()

    def _on_error(self, error: QMediaPlayer.Error, text: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        reason = text or error.name
        hint = _ERROR_HINTS.get(error.name)
        self._fail(f"{reason} ({hint})" if hint and hint not in reason else reason)

    def _fail(self, reason: str) -> None:
        if self._failed or self._source is None:
            return
        self._failed = True
        self._pending_ms = None
        url = self._source
        if "://" not in url and not Path(url).exists():
            reason = f"the file does not exist ({reason})"
        message = f"Cannot play {url} here: {reason}"
        self.message.setText(message)
        self.message.show()
        self.unavailable.emit(message)

    def _on_position(self, ms: int) -> None:
        if self._pending_ms is not None:
            self._apply_pending()
            if self._pending_ms is not None:  # still loading: keep showing the target
                return
        self._show_position(ms)
        self.position_changed.emit(ms / 1000)

    def _on_duration(self, ms: int) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setRange(0, max(0, ms))
        if self.slider.isSliderDown():
            self._show_time(self.slider.value())
        else:
            self._show_position(self._shown_ms)

    def _on_state(self, *_state: object) -> None:
        playing = self.playing()
        if playing != self._was_playing and self._session:
            paused = self._player.playbackState() == QMediaPlayer.PlaybackState.PausedState
            if playing or paused:
                self._tell("played" if playing else "paused", self._player.position() / 1000)
        self._was_playing = playing
        icon = (QStyle.StandardPixmap.SP_MediaPause if playing
                else QStyle.StandardPixmap.SP_MediaPlay)
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setAccessibleName("Pause" if playing else "Play")
        self.play_button.setToolTip("Pause (Space)" if playing else "Play (Space)")

    def _tell(self, verb: str, position: float, **details: float) -> None:
        """Say a moment of watching (for the learning record)."""
        length = self._player.duration() / 1000
        about: dict[str, object] = {"session": self._session, **details}
        if length > 0:
            about["length"] = round(length, 2)
            about["progress"] = round(min(1.0, max(0.0, position / length)), 3)
        self.moment.emit(verb, round(position, 2), about)

    # --- showing the position ------------------------------------------------------------

    def _show_position(self, ms: int) -> None:
        self._shown_ms = ms
        if not self.slider.isSliderDown():  # do not fight a drag
            with QSignalBlocker(self.slider):
                self.slider.setValue(ms)
            self._show_time(ms)
        self._show_cue(self._cue_at(ms))

    def _show_time(self, ms: int) -> None:
        self.time_label.setText(f"{clock(ms / 1000)} / {clock(self.slider.maximum() / 1000)}")

    def _cue_at(self, ms: int) -> int | None:
        row = bisect_right(self._starts_ms, ms) - 1
        return row if row >= 0 else None

    def _show_cue(self, row: int | None) -> None:
        if row == self._current:
            return  # only when the cue changes: a reader scrolling is not pulled back
        self._current = row
        if row is None:  # before the first cue
            self.transcript.setCurrentRow(-1)
            return
        held = time.monotonic() - self._manual_scroll_at < MANUAL_SCROLL_HOLD_S
        self.transcript.setAutoScroll(not held)
        self.transcript.setCurrentRow(row)
        self.transcript.setAutoScroll(True)

    # --- user input ----------------------------------------------------------------------

    def _on_slider_value(self, ms: int) -> None:
        # (blocked while the position is shown: only the user's moves arrive here)
        self._seek_ms(ms)

    def _on_slider_moved(self, ms: int) -> None:
        self._show_time(ms)

    def _on_manual_scroll(self, _action: int) -> None:
        self._manual_scroll_at = time.monotonic()

    def _set_chapters(self, chapters: list[tuple[float, str]]) -> None:
        self._chapters = sorted(chapters)
        self.chapters.clear()
        for start, title in self._chapters:
            item = QListWidgetItem(f"{clock(start)}  {title}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}, at {clock(start)}")
            item.setToolTip(f"Play from {clock(start)}")
            self.chapters.addItem(item)
        self.chapters.setVisible(bool(self._chapters))
        self.slider.marks_ms = [round(start * 1000) for start, _ in self._chapters]
        self.slider.update()

    def chapter_list(self) -> list[tuple[float, str]]:
        """The chapters shown: (start seconds, title)."""
        return list(self._chapters)

    def _on_chapter_clicked(self, item: QListWidgetItem) -> None:
        row = self.chapters.row(item)
        if 0 <= row < len(self._chapters):
            self._seek_ms(round(self._chapters[row][0] * 1000))
            self.play()

    def _on_cue_clicked(self, item: QListWidgetItem) -> None:
        self._play_cue(self.transcript.row(item))

    def _play_cue(self, row: int) -> None:
        if 0 <= row < len(self._starts_ms):
            self._seek_ms(self._starts_ms[row])
            self.play()

    def _handle_key(self, event: QKeyEvent, watched: QObject, *, press: bool) -> bool:
        """Act on a player key (when ``press``); whether the key is the player's."""
        if event.modifiers() not in (Qt.KeyboardModifier.NoModifier,
                                     Qt.KeyboardModifier.KeypadModifier):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if watched is not self.transcript:
                return False
            if press:
                self._play_cue(self.transcript.currentRow())
            return True
        if key not in (Qt.Key.Key_Space, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home):
            return False
        if press:
            base = (self._pending_ms if self._pending_ms is not None
                    else self._player.position())
            if key == Qt.Key.Key_Space:
                if not event.isAutoRepeat():
                    self.toggle()
            elif key == Qt.Key.Key_Left:
                self._seek_ms(base - SEEK_STEP_MS)
            elif key == Qt.Key.Key_Right:
                self._seek_ms(base + SEEK_STEP_MS)
            else:
                self._seek_ms(0)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
                and isinstance(event, QKeyEvent)
                and self._handle_key(event, watched, press=kind == QEvent.Type.KeyPress)):
            event.accept()  # (an accepted ShortcutOverride beats the window's shortcuts)
            return True
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and self._handle_key(event, self, press=False)):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._handle_key(event, self, press=True):
            super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.pause()
        super().hideEvent(event)
