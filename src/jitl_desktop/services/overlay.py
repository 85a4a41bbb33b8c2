"""What the overlay shows and does: the logic behind ``ui/overlay.py``.

A test drives this controller without any window: it receives what the user
typed and selected, and answers with rows, hints, previews and requests to open
an item.
"""

from __future__ import annotations

import dataclasses
import html
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication

from jitl_desktop.core.apps import ActiveApp
from jitl_desktop.core.content import (
    MAX_FILE_BYTES,
    original_of,
    preview_markdown,
    split_front_matter,
)
from jitl_desktop.core.files import read_limited
from jitl_desktop.core.quiz import without_questions
from jitl_desktop.core.search import Hit, Response
from jitl_desktop.core.transcripts import clock
from jitl_desktop.services.context import ContextController
from jitl_desktop.services.search import SearchController
from jitl_desktop.services.user_state import UserState
from jitl_desktop.services.words import QT_TRANSLATE_NOOP, fill, why

log = logging.getLogger(__name__)

BOOKMARKS_SHOWN = 5
#: when nothing answers a search, this many of the closest results are listed under
#: the line that says so (a short list: none of them is an answer)
CLOSEST_SHOWN = 3
#: notices other parts send in English (``services/updates.py``), said when shown
NOTICES = (QT_TRANSLATE_NOOP("notices", "Content may be out of date"),)
_FENCED = re.compile(r"^\s*(```|~~~)[^\n]*\n(.*?)^\s*\1", re.S | re.M)
_INLINE_CODE_LINE = re.compile(r"^`([^`]+)`\s*$", re.M)


@dataclass(frozen=True)
class Row:
    """One line of a list of items (the search window's and the library's), ready to
    draw."""

    item_id: str
    title: str
    kind: str
    snippet: str
    badges: tuple[str, ...] = ()
    at: float | None = None
    why: str = ""
    marks: str = ""  # ★ bookmarked, ✓ done


def row_for(result: Hit) -> Row:
    names = (a.get("name") or a.get("process") or a.get("wm_class") or "" for a in result.apps)
    badges = [n for n in dict.fromkeys(names) if n and not any(c in n for c in "*?[")]
    return Row(result.id, result.title, result.kind, result.snippet,
                     tuple(badges[:3]), result.at)


def says_nothing_answers(response: Response) -> bool:
    """Whether the search window says nothing answers ``response``'s question: only
    once the question has settled (services/search.py). While it is typed the verdict
    is rougher (no passage is read), and a line that came and went with each key, or
    said "nothing answers" before the answer was found in a body, would mislead."""
    return response.no_good_match and response.settled


def item_markdown(path: str) -> str:
    """The Markdown body of an item file (front matter removed), for the preview; a
    translation (``x.de.md``) without a body of its own shows its original's."""
    try:
        text = read_limited(Path(path), MAX_FILE_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return "*" + fill(QCoreApplication.translate("OverlayController", "Cannot read %1: %2"),
                          html.escape(path), exc) + "*"
    meta, _, body, problem = split_front_matter(text.replace("\r\n", "\n"), path)
    if problem is not None:
        return preview_markdown(text)
    original = original_of(path)
    if original is not None and ("kind" not in meta or not body.strip()):
        try:
            first = read_limited(Path(original[0]), MAX_FILE_BYTES).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            first = ""
        first_meta, _, first_body, _ = split_front_matter(first.replace("\r\n", "\n"),
                                                          original[0])
        meta = {**first_meta, **meta}
        body = body if body.strip() else first_body
    return preview_markdown(without_questions(body) if meta.get("kind") == "quiz" else body)


def copyable_text(markdown: str, fallback: str) -> str:
    """What Ctrl+C copies: the first code block, else the first code line, else
    ``fallback`` (the snippet shown)."""
    fenced = _FENCED.search(markdown)
    if fenced:
        return fenced.group(2).rstrip("\n")
    inline = _INLINE_CODE_LINE.search(markdown)
    if inline:
        return re.sub(r"\{\{(.*?)\}\}", r"\1", inline.group(1))
    return fallback


class OverlayView(Protocol):
    """What the controller asks of the overlay window."""

    def isVisible(self) -> bool: ...
    def isActiveWindow(self) -> bool: ...
    def present(self) -> None: ...
    def hide(self) -> None: ...
    def set_query(self, text: str) -> None: ...
    def insert_text(self, text: str) -> str: ...


def _nothing_typed() -> str:
    return ""


def _no_links(href: str, _base: str | None) -> str:
    return fill(QCoreApplication.translate(
        "OverlayController", "Link not opened: %1 — links cannot be followed here."), href)


class OverlayController(QObject):
    """State and behaviour of the overlay.

    Signals:
        rows_ready(list, set): rows to show and the words to highlight.
        hint_changed(str): rich text under the box ("Did you mean", "No results").
        preview_ready(str): Markdown of the selected item.
        context_changed(str): rich text of the context chip ("" when there is none).
        open_requested(str, object): open an item (id, start time or None).
        copied(str): text put on the clipboard.
    """

    rows_ready = Signal(list, set)
    hint_changed = Signal(str)
    context_changed = Signal(str)
    preview_ready = Signal(str)
    open_requested = Signal(str, object)
    copied = Signal(str)

    def __init__(self, search: SearchController, parent: QObject | None = None, *,
                 user: UserState,
                 lookup: Callable[[str], Hit | None] | None = None,
                 view: OverlayView | None = None,
                 context: ContextController | None = None,
                 typed: Callable[[], str] = _nothing_typed,
                 keep_open: Callable[[], bool] | None = None,
                 follow: Callable[[str, str | None], str] | None = None) -> None:
        """``typed`` hands over (and forgets) what was typed between the hotkey and the
        window taking the focus; ``keep_open`` says whether losing the focus keeps the
        window open; ``follow(href, item file)`` follows a link clicked in the preview
        (see ``ItemService.follow_link``) and says why when it did not."""
        super().__init__(parent)
        self.search = search
        self.user = user
        self._lookup = lookup or (lambda _id: None)
        self._view = view
        self._context = context
        self._typed = typed
        self._keep_open = keep_open or (lambda: True)
        self._follow = follow or _no_links
        self._logged_query: str | None = None
        self.notice = ""
        self._notice_text = ""
        self.visible = False
        self.query = ""
        self.response: Response | None = None
        self.rows: list[Row] = []
        self.current_id = ""
        self._by_id: dict[str, Hit] = {}
        self._unavailable: str | None = None
        self._words: set[str] = set()
        search.results_ready.connect(self.on_results)

    # --- the window -------------------------------------------------------------------

    @Slot()
    def toggle(self) -> None:
        view = self._view
        shown = view is not None and view.isVisible() and view.isActiveWindow()
        log.info("toggle (shown and active: %s)", shown)
        if shown:
            self.hide()
        else:
            self.show()

    def show(self, query: str | None = None) -> None:
        """Bring the window up (with ``query`` typed in, when given)."""
        view = self._view
        if self._context is not None and (view is None or not view.isVisible()):
            # the app in front before the overlay takes the focus
            self.set_context(self._context.current(), self._context.reason)
        if query is not None:
            if view is not None:
                view.set_query(query)
            self.on_query_edited(query)
        elif not self.query:
            self.on_query_edited("")
        self.visible = True
        if view is not None:
            view.present()

    @Slot()
    def hide(self) -> None:
        if self.visible:
            self.log_unchosen_search()
        self._typed()  # what was typed for the window is not kept for the next time
        self.visible = False
        if self._view is not None:
            self._view.hide()

    @Slot()
    def on_window_active(self) -> None:
        """The window has the focus: hand it what was typed since the hotkey."""
        typed = self._typed()
        if typed and self._view is not None:
            self.on_query_edited(self._view.insert_text(typed))

    @Slot()
    def on_focus_lost(self) -> None:
        if not self._keep_open():
            self.hide()

    # --- input -------------------------------------------------------------------------

    def set_context(self, app: ActiveApp | None, unavailable: str | None = None) -> None:
        """The application the user was in when the overlay opened (None: no context):
        it ranks searches and gives the suggestions of an empty box. ``unavailable``
        says why there can be no context here (a quiet note, its reason on a click)."""
        self.search.app = app
        self._unavailable = unavailable
        if app is None:
            self.context_changed.emit(
                "<a href='context:why' style='text-decoration:none'>"
                + self.tr("No app context") + "</a>" if unavailable else "")
            return
        name = html.escape(app.name or app.process or app.wm_class
                           or self.tr("this application"))
        self.context_changed.emit(
            fill(self.tr("In: %1"), f"<b>{name}</b>") + " <a href='context:off' title='"
            + html.escape(self.tr("Search without it (Backspace)"), quote=True) + "'>✕</a>")

    @property
    def context(self) -> ActiveApp | None:
        return self.search.app

    @Slot(str)
    def on_query_edited(self, text: str) -> None:
        self.query = text
        if text.strip():
            self.search.on_query_changed(text)
        else:
            self._show_empty()
            if self.search.app is not None:
                self.search.on_query_changed("")  # suggestions for the app in front

    @Slot(object)
    def on_results(self, response: Response) -> None:
        if response.query != self.query and response.query.strip() != self.query.strip():
            return  # an answer to text that has changed since
        if not response.query.strip():
            self._show_empty(response.results)
            return
        self.response = response
        listed = response.results[:CLOSEST_SHOWN] if says_nothing_answers(response) \
            else response.results
        self._by_id = {r.id: r for r in listed}
        marks = self.user.marker()
        self.rows = [dataclasses.replace(row_for(r), marks=marks(r.id)) for r in listed]
        words = {w for w in re.findall(r"\w+", (response.corrected or response.query).lower())
                 if len(w) > 1}
        self._words = words
        self.rows_ready.emit(self.rows, words)
        self.hint_changed.emit(self._hint(response))

    @Slot(object)
    def on_index_updated(self, _report: object = None) -> None:
        """New content: what is typed is searched again."""
        if self.query.strip():
            self.on_query_edited(self.query)

    @Slot(str)
    def on_current_changed(self, item_id: str) -> None:
        self.current_id = item_id
        result = self._by_id.get(item_id)
        if result is None:
            self.preview_ready.emit("")
            return
        markdown = item_markdown(result.path)
        if result.kind == "video" and result.at is not None:
            markdown = (f"**▶ {clock(result.at)}** — {result.snippet}\n\n*"
                        + self.tr("Enter plays the video from here.") + "*\n\n" + markdown)
        self.preview_ready.emit(markdown)

    @Slot(str)
    def on_activated(self, item_id: str) -> None:
        result = self._by_id.get(item_id)
        if result is None:
            return
        self.user.remember(result)
        if self.query.strip():
            self.user.record_search(self.query, len(self.rows), chosen=item_id,
                                       app=self._app_name(),
                                       no_good_match=self._unanswered())
            self._logged_query = self.query
        self.open_requested.emit(item_id, result.at)

    def log_unchosen_search(self) -> None:
        """The overlay closes: a search that led nowhere is what authors most need to
        see, so it is kept too (once)."""
        if self.query.strip() and self.query != self._logged_query and \
                self.response is not None:
            self.user.record_search(self.query, len(self.response.results),
                                       app=self._app_name(),
                                       no_good_match=self._unanswered())
            self._logged_query = self.query

    def _unanswered(self) -> bool | None:
        """Whether the search shown said nothing answers it (for the L&D report: the
        closest results listed below that line are not answers)."""
        response = self.response
        if response is None or response.query.strip() != self.query.strip():
            return None
        return response.no_good_match or not response.results

    def _app_name(self) -> str | None:
        app = self.search.app
        return (app.app_id or app.process or None) if app is not None else None

    # --- marks: one key each ----------------------------------------------------------

    MARK_TEXT: ClassVar[dict[str, str]] = {
        "bookmark": QT_TRANSLATE_NOOP("OverlayController", "Bookmarked"),
        "unbookmark": QT_TRANSLATE_NOOP("OverlayController", "Bookmark removed"),
        "done": QT_TRANSLATE_NOOP("OverlayController", "Marked done"),
        "undone": QT_TRANSLATE_NOOP("OverlayController", "No longer marked done"),
        "helpful": QT_TRANSLATE_NOOP("OverlayController", "Thanks: noted as helpful"),
        "unhelpful": QT_TRANSLATE_NOOP("OverlayController", "Thanks: noted as not helpful")}

    @Slot(str)
    def on_mark(self, action: str) -> None:
        """``bookmark`` / ``done`` (each toggles) / ``helpful`` / ``unhelpful`` on the
        selected item."""
        item_id = self.current_id
        if not item_id:
            return
        said = self.user.mark(item_id, action)
        result = self._by_id.get(item_id)
        title = html.escape(result.title if result else item_id)
        kept = (" " + fill(self.tr("Not saved yet: %1. It is kept and saved as soon as "
                                   "possible."), html.escape(self.user.problem or ""))
                if self.user.pending else "")
        self.hint_changed.emit(fill(self.tr("%1: %2."), self.tr(self.MARK_TEXT[said]),
                                    f"<b>{title}</b>") + kept)
        marks = self.user.marker()
        self.rows = [dataclasses.replace(r, marks=marks(r.item_id)) for r in self.rows]
        self.rows_ready.emit(self.rows, self._words)

    @Slot()
    def on_copy_requested(self) -> None:
        result = self._by_id.get(self.current_id)
        if result is None:
            return
        text = copyable_text(item_markdown(result.path), result.snippet or result.title)
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)
        shown = text if len(text) <= 60 else text[:59] + "…"
        self.hint_changed.emit(fill(self.tr("Copied: %1"),
                                    f"<code>{html.escape(shown)}</code>"))

    @Slot(str)
    def on_link(self, link: str) -> None:
        if link.startswith("query:"):
            self.on_query_edited(link[len("query:"):])
        elif link == "fuzzy:on":
            self.search.fuzzy = True
            self.on_query_edited(self.query)
        elif link == "context:off":
            self.set_context(None)
            self.on_query_edited(self.query)
        elif link == "context:why" and self._unavailable:
            self.hint_changed.emit(fill(self.tr("No app context: %1."),
                                        html.escape(self._unavailable)))

    @Slot(str)
    def on_preview_link(self, href: str) -> None:
        """A link clicked in the preview: followed if allowed, else the hint says why."""
        result = self._by_id.get(self.current_id)
        note = self._follow(href, result.path if result else None)
        if note:
            self.hint_changed.emit(html.escape(note))

    # --- output ------------------------------------------------------------------------

    def _show_empty(self, suggestions: list[Hit] | None = None) -> None:
        """Suggestions for the application in front (when they have come), then the
        bookmarks, then the items opened recently."""
        self.response = None
        self._words = set()
        suggestions = suggestions or []
        shown = {r.id for r in suggestions}
        bookmarks = []
        for item_id in self.user.bookmarks()[:BOOKMARKS_SHOWN]:
            found = None if item_id in shown else self._lookup(item_id)
            if found is not None:
                bookmarks.append(found)
                shown.add(item_id)
        recent = [r for r in self.user.recent if r.id not in shown]
        self._by_id = {r.id: r for r in [*suggestions, *bookmarks, *recent]}
        marks = self.user.marker()
        self.rows = [*(dataclasses.replace(row_for(r), snippet=r.summary or r.snippet,
                                           why=why(r.why), marks=marks(r.id))
                       for r in suggestions),
                     *(Row(r.id, r.title, r.kind, r.summary or r.snippet,
                                 why=listed, marks=marks(r.id))
                       for listed, group in ((self.tr("Bookmarked"), bookmarks),
                                             (self.tr("Recent"), recent))
                       for r in group)]
        self.rows_ready.emit(self.rows, set())
        self.hint_changed.emit(self.notice + ("" if self.rows else self.tr(
            "Type two or three words: <i>unzip file</i>, <i>undo commit</i>, "
            "<i>freeze header row</i>.")))

    @Slot(str)
    def on_notice(self, text: str) -> None:
        """A line shown above the empty window's hint ("Content may be out of date")."""
        self._notice_text = text
        said = QCoreApplication.translate("notices", text) if text else ""
        self.notice = f"<i>{html.escape(said)}.</i> " if text else ""

    def _hint(self, response: Response) -> str:
        if response.corrected:
            text = html.escape(response.corrected)
            return fill(self.tr("Showing results for %1 (you typed %2)."),
                        f"<a href='query:{text}'><b>{text}</b></a>",
                        f"<i>{html.escape(response.query)}</i>")
        if response.results:
            if says_nothing_answers(response):
                return fill(self.tr("Nothing here answers %1. The closest:"),
                            f"<b>{html.escape(response.query)}</b>")
            return ""
        context = "<a href='context:off'>" + self.tr("search without the app context") \
            + "</a>" if self.search.app is not None else ""
        typos = "<a href='fuzzy:on'>" + self.tr("allow typos") + "</a>" \
            if not self.search.fuzzy else ""
        more = (fill(self.tr("Try %1 or %2."), context, typos) if context and typos else
                fill(self.tr("Try %1."), context or typos) if context or typos else
                self.tr("Try fewer or other words."))
        return fill(self.tr("No results for %1."), f"<b>{html.escape(response.query)}</b>") \
            + " " + more

    @Slot()
    def retranslate(self) -> None:
        """Another language: the chip, the rows and the hint said again."""
        self.on_notice(self._notice_text)
        if self.search.app is not None or self._unavailable:
            self.set_context(self.search.app, self._unavailable)
        if self.visible or self.rows or self.query:
            self.on_query_edited(self.query)

    def status(self) -> dict[str, Any]:
        return {"visible": self.visible, "query": self.query,
                "results": [row.item_id for row in self.rows],
                "why": [row.why for row in self.rows] if not self.query.strip() else []}
