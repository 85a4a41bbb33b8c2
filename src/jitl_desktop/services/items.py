"""Items by id, on the GUI thread: open one, build the page the library shows for it,
play its video elsewhere when it cannot play here.

Typing never comes here (the search thread answers that); a click or Enter does.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices

from jitl_desktop.core import languages
from jitl_desktop.core.apps import ActiveApp
from jitl_desktop.core.files import inside
from jitl_desktop.core.quiz import Question
from jitl_desktop.core.search import Hit, Response, SearchEngine
from jitl_desktop.core.transcripts import load_transcript
from jitl_desktop.services.library import LibraryController
from jitl_desktop.services.links import is_remote, judge, shown
from jitl_desktop.services.overlay import item_markdown
from jitl_desktop.services.settings import SettingsController
from jitl_desktop.services.user_state import UserState

log = logging.getLogger(__name__)

#: what the library says instead of playing a video on a web server the settings forbid
REMOTE_BLOCKED = ("This video is on another server; your organisation has not allowed "
                  "playing remote media")


@dataclass
class ItemPage:
    """What the library window shows for one item."""

    item_id: str
    title: str
    kind: str
    markdown: str
    related: list[tuple[str, str]] = field(default_factory=list)  # (id, title)
    prerequisites: list[tuple[str, str]] = field(default_factory=list)
    video_url: str | None = None
    at: float | None = None
    cues: list[tuple[float, str]] = field(default_factory=list)
    chapters: list[tuple[float, str]] = field(default_factory=list)  # (start s, title)
    autoplay: bool = True
    bookmarked: bool = False
    done: bool = False
    questions: list[Question] = field(default_factory=list)  # a quiz's
    score: tuple[int, int] = (0, 0)  # a quiz's last result: right, answered
    quiz: tuple[str, str] | None = None  # (id, title) of the quiz checking this item
    path: str = ""  # the item's file (relative links are read from its folder)
    #: the video is on a web server: fetched only when the user presses Play
    video_remote: bool = False
    #: why the video may not be played at all ("" when it may); video_url is then None
    video_blocked: str = ""
    #: the video's transcripts by language (``{"en": cues, "de": cues}``) when it has
    #: more than one; ``cues`` are those in ``transcript_lang``
    transcripts: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    transcript_lang: str = ""


class ItemService(QObject):
    """Opens items and answers questions about them by id.

    Signals:
        page_ready(object, bool): an :class:`ItemPage` to show, and whether the
            window should take the focus (False when chosen in the library's own list).
        opened(str): an item was opened from outside the library (the overlay hides).
        play_failed(str): no system player could open a video (message for the user).
        link_refused(str): a link clicked in the library was not opened (why, for the
            user).
    """

    page_ready = Signal(object, bool)
    opened = Signal(str)
    play_failed = Signal(str)
    link_refused = Signal(str)

    def __init__(self, engine_factory: Callable[[], SearchEngine], *, user: UserState,
                 library: LibraryController,
                 context: Callable[[], ActiveApp | None],
                 settings: SettingsController | None = None,
                 parent: QObject | None = None) -> None:
        """``settings`` says whether videos on web servers may be played
        (``remote_media``; without it they are not)."""
        super().__init__(parent)
        self._settings = settings
        self._engine_factory = engine_factory
        self._engine = engine_factory()
        self._user = user
        self._library = library
        self._context = context

    def get(self, item_id: str) -> Hit | None:
        return self._engine.get(item_id)

    def title(self, item_id: str) -> str:
        found = self.get(item_id)
        return found.title if found else item_id.rsplit("/", 1)[-1].replace("-", " ")

    def suggest(self, app: ActiveApp, limit: int) -> Response:
        return self._engine.suggest(app, limit=limit)

    @Slot(object)
    def on_index_updated(self, _report: object = None) -> None:
        """New content, or other languages: read it with a fresh engine (the old one
        holds the old files); the recent items as they are now (another variant of a
        translated item, a new title)."""
        self._engine.close()
        self._engine = self._engine_factory()
        self._user.load_recent(self.get)
        self._user.recent = [self.get(r.id) or r for r in self._user.recent]

    @Slot(str, object)
    def open(self, item_id: str, at: float | None = None) -> None:
        """Show an item (a video from ``at``) from the overlay or the tray, and bring the
        library window up."""
        hit = self.get(item_id)
        if hit is None:
            log.warning("cannot open %s: not in the index", item_id)
            return
        app = self._context()
        self.opened.emit(item_id)
        self._user.record_view(hit, app=(app.app_id or app.process or None) if app else None,
                               source="overlay")
        self.page_ready.emit(self.page(hit, at), True)

    @Slot(str)
    def open_in_library(self, item_id: str) -> None:
        """An item chosen in the library's own list or links: shown in place, without
        taking the focus from the list; a video waits for Play."""
        hit = self.get(item_id)
        if hit is not None:
            self._user.record_view(hit, app=None, source="library")
            self.page_ready.emit(self.page(hit, None, autoplay=False), False)

    def page(self, hit: Hit, at: float | None, *, autoplay: bool = True) -> ItemPage:
        meta = hit.meta
        video = meta.get("video")
        remote = bool(video) and is_remote(str(video))
        blocked = ""
        if video and not remote:
            video = str(Path(hit.path).parent / video)
        elif remote and not self.remote_allowed():
            video, blocked = None, REMOTE_BLOCKED
        markdown = item_markdown(hit.path)
        if hit.kind == "link" and meta.get("url"):
            markdown = f"[Open {meta['url']}]({meta['url']})\n\n" + markdown
        history = self._user.history
        transcripts, shown = self.transcripts(hit)
        return ItemPage(
            hit.id, hit.title, hit.kind, markdown,
            related=[(i, self.title(i)) for i in meta.get("related", [])],
            prerequisites=[(i, self.title(i)) for i in meta.get("prerequisites", [])],
            video_url=video, at=at,
            cues=transcripts.get(shown) or [(float(t), str(x)) for t, x in meta.get("cues", [])],
            chapters=[(float(t), str(x)) for t, x in meta.get("chapters", [])],
            autoplay=autoplay, bookmarked=self._user.is_bookmarked(hit.id),
            done=self._user.is_done(hit.id),
            questions=[Question.from_json(q) for q in meta.get("questions", [])],
            score=history.quiz_score(hit.id), quiz=self._library.quiz_checking(hit.id),
            path=hit.path, video_remote=remote, video_blocked=blocked,
            transcripts=transcripts if len(transcripts) > 1 else {}, transcript_lang=shown)

    def transcripts(self, hit: Hit) -> tuple[dict[str, list[tuple[float, str]]], str]:
        """A video's transcripts by language (read from their files) and the one to show
        first: in the user's languages, else the one the item's variant names."""
        named: dict[str, str] = hit.meta.get("transcripts") or {}
        own = next((lang for lang, path in named.items()
                    if path == hit.meta.get("transcript")), hit.lang)
        folder = Path(hit.path).parent
        found: dict[str, list[tuple[float, str]]] = {}
        for lang, path in named.items():
            where = inside(folder / path, Path(hit.root)) if hit.root else None
            if where is not None and where.is_file():
                cues, _ = load_transcript(where)  # problems: reported by lint and index
                found[lang] = [(cue.start, cue.text) for cue in cues]
        shown = languages.pick(self._engine.languages, found, default=own)
        return found, shown

    def remote_allowed(self) -> bool:
        """Whether media on other servers may be fetched (the ``remote_media`` setting)."""
        return self._settings is not None and bool(self._settings.get("remote_media"))

    # --- links ------------------------------------------------------------------------

    def follow_link(self, href: str, base: str | None, *, here: bool = False) -> str:
        """Follow a link clicked in the item whose file is ``base``, if
        :func:`services.links.judge` allows it: an item is shown (in the library in
        place when ``here``), a web or e-mail link or a file in the content is handed to
        the system. Returns what to tell the user when it was not followed, else ""."""
        link = judge(href, base=base, roots=self._engine.roots or [])
        if link.action == "refuse":
            log.warning("%s", link.note)
            return link.note
        if link.action == "file":
            item_id = self._item_at(link.target)
            if item_id is None:
                return self._open_url(QUrl.fromLocalFile(link.target), href)
            link = dataclasses.replace(link, action="item", target=item_id)
        if link.action == "item":
            if self.get(link.target) is None:
                return f"Link not opened: {shown(href)} — there is no item “{link.target}”."
            if here:
                self.open_in_library(link.target)
            else:
                self.open(link.target)
            return ""
        return self._open_url(QUrl(link.target), href)

    @Slot(str, str)
    def on_library_link(self, href: str, base: str) -> None:
        if note := self.follow_link(href, base or None, here=True):
            self.link_refused.emit(note)

    def _item_at(self, path: str) -> str | None:
        """The id of the item indexed from the file ``path``, if it is one."""
        manifest = self._engine.content_index.manifest()
        for root, states in (manifest.roots.items() if manifest else ()):
            real_root = Path(root).resolve()
            if not Path(path).is_relative_to(real_root):
                continue  # (the manifest names files under the root as it was given)
            state = states.get(str(Path(root) / Path(path).relative_to(real_root)))
            if state is not None and state[3]:
                return str(state[3])
        return None

    @staticmethod
    def _open_url(url: QUrl, href: str) -> str:
        if QDesktopServices.openUrl(url):
            return ""
        return f"Link not opened: {shown(href)} — no program on this computer opens it."

    @Slot(str, float)
    def play_elsewhere(self, url: str, at: float) -> None:
        """Hand a video the embedded player cannot play to the system's player (one on
        another server only if the settings allow remote media)."""
        if is_remote(url) and not self.remote_allowed():
            self.play_failed.emit(f"{REMOTE_BLOCKED}.")
            return
        target = QUrl(url) if "://" in url else QUrl.fromLocalFile(url)
        if not QDesktopServices.openUrl(target):
            self.play_failed.emit(f"No video player could open {url}.")
        elif at:
            log.info("video opened in the system player; it cannot start at %.0f s", at)

    def close(self) -> None:
        self._engine.close()
