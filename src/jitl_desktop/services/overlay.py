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
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication

from jitl_desktop.core.apps import ActiveApp
from jitl_desktop.core.content import MAX_FILE_BYTES, preview_markdown, split_front_matter
from jitl_desktop.core.files import read_limited
from jitl_desktop.core.history import History
from jitl_desktop.core.quiz import without_questions
from jitl_desktop.core.search import Response, Result
from jitl_desktop.core.transcripts import clock
from jitl_desktop.services.search import SearchController

log = logging.getLogger(__name__)

RECENT_LIMIT = 8
BOOKMARKS_SHOWN = 5
_FENCED = re.compile(r"^\s*(```|~~~)[^\n]*\n(.*?)^\s*\1", re.S | re.M)
_INLINE_CODE_LINE = re.compile(r"^`([^`]+)`\s*$", re.M)


@dataclass(frozen=True)
class ResultRow:
    """One line of the results list, ready to draw."""

    item_id: str
    title: str
    kind: str
    snippet: str
    badges: tuple[str, ...] = ()
    at: float | None = None
    why: str = ""
    marks: str = ""  # ★ bookmarked, ✓ done


def row_for(result: Result) -> ResultRow:
    names = (a.get("name") or a.get("process") or a.get("wm_class") or "" for a in result.apps)
    badges = [n for n in dict.fromkeys(names) if n and not any(c in n for c in "*?[")]
    return ResultRow(result.id, result.title, result.kind, result.snippet,
                     tuple(badges[:3]), result.at)


def item_markdown(path: str) -> str:
    """The Markdown body of an item file (front matter removed), for the preview."""
    try:
        text = read_limited(Path(path), MAX_FILE_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"*Cannot read {html.escape(path)}: {exc}*"
    meta, _, body, problem = split_front_matter(text.replace("\r\n", "\n"), path)
    if problem is not None:
        return preview_markdown(text)
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


class OverlayController(QObject):
    """State and behaviour of the overlay.

    Signals:
        rows_ready(list, set): rows to show and the words to highlight.
        hint_changed(str): rich text under the box ("Did you mean", "No results").
        preview_ready(str): Markdown of the selected item.
        context_changed(str): rich text of the context chip ("" when there is none).
        open_requested(str, object): open an item (id, start time or None).
        copied(str): text put on the clipboard.
        marked(str, str): an item was bookmarked, marked done or voted on (id, action).
    """

    rows_ready = Signal(list, set)
    hint_changed = Signal(str)
    context_changed = Signal(str)
    preview_ready = Signal(str)
    open_requested = Signal(str, object)
    copied = Signal(str)
    marked = Signal(str, str)

    def __init__(self, search: SearchController, parent: QObject | None = None, *,
                 history: History | None = None,
                 lookup: Callable[[str], Result | None] | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.history = history
        self._lookup = lookup or (lambda _id: None)
        self._logged_query: str | None = None
        self.visible = False
        self.query = ""
        self.response: Response | None = None
        self.rows: list[ResultRow] = []
        self.current_id = ""
        self.recent: list[Result] = []
        self._by_id: dict[str, Result] = {}
        self._unavailable: str | None = None
        self._words: set[str] = set()
        search.results_ready.connect(self.on_results)

    def result(self, item_id: str) -> Result | None:
        """A result the overlay shows or showed recently, by id."""
        found = self._by_id.get(item_id)
        return found or next((r for r in self.recent if r.id == item_id), None)

    # --- input -------------------------------------------------------------------------

    def set_context(self, app: ActiveApp | None, unavailable: str | None = None) -> None:
        """The application the user was in when the overlay opened (None: no context):
        it ranks searches and gives the suggestions of an empty box. ``unavailable``
        says why there can be no context here (a quiet note, its reason on a click)."""
        self.search.app = app
        self._unavailable = unavailable
        if app is None:
            self.context_changed.emit(
                "<a href='context:why' style='color:gray; text-decoration:none'>"
                "No app context</a>" if unavailable else "")
            return
        name = html.escape(app.name or app.process or app.wm_class or "this application")
        self.context_changed.emit(f"In: <b>{name}</b> <a href='context:off' "
                                  f"title='Search without it (Backspace)'>✕</a>")

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
        self._by_id = {r.id: r for r in response.results}
        marks = self._marker()
        self.rows = [dataclasses.replace(row_for(r), marks=marks(r.id))
                     for r in response.results]
        words = {w for w in re.findall(r"\w+", (response.corrected or response.query).lower())
                 if len(w) > 1}
        self._words = words
        self.rows_ready.emit(self.rows, words)
        self.hint_changed.emit(self._hint(response))

    @Slot(str)
    def on_current_changed(self, item_id: str) -> None:
        self.current_id = item_id
        result = self._by_id.get(item_id)
        if result is None:
            self.preview_ready.emit("")
            return
        markdown = item_markdown(result.path)
        if result.kind == "video" and result.at is not None:
            markdown = (f"**▶ {clock(result.at)}** — "
                        f"{result.snippet}\n\n*Enter plays the video from here.*\n\n"
                        + markdown)
        self.preview_ready.emit(markdown)

    @Slot(str)
    def on_activated(self, item_id: str) -> None:
        result = self._by_id.get(item_id)
        if result is None:
            return
        self.remember(result)
        if self.history is not None and self.query.strip():
            self.history.record_search(self.query, len(self.rows), chosen=item_id,
                                       app=self._app_name())
            self._logged_query = self.query
        self.open_requested.emit(item_id, result.at)

    def log_unchosen_search(self) -> None:
        """The overlay closes: a search that led nowhere is what authors most need to
        see, so it is kept too (once)."""
        if self.history is not None and self.query.strip() and \
                self.query != self._logged_query and self.response is not None:
            self.history.record_search(self.query, len(self.response.results),
                                       app=self._app_name())
            self._logged_query = self.query

    def _app_name(self) -> str | None:
        app = self.search.app
        return (app.app_id or app.process or None) if app is not None else None

    # --- marks: one key each ----------------------------------------------------------

    MARK_TEXT: ClassVar[dict[str, str]] = {
        "bookmark": "Bookmarked", "unbookmark": "Bookmark removed", "done": "Marked done",
        "undone": "No longer marked done", "helpful": "Thanks: noted as helpful",
        "unhelpful": "Thanks: noted as not helpful"}

    @Slot(str)
    def on_mark(self, action: str) -> None:
        """``bookmark`` / ``done`` (each toggles) / ``helpful`` / ``unhelpful`` on the
        selected item."""
        history, item_id = self.history, self.current_id
        if history is None or not item_id:
            return
        if action == "bookmark":
            on = not history.is_bookmarked(item_id)
            history.set_bookmark(item_id, on)
            said = "bookmark" if on else "unbookmark"
        elif action == "done":
            on = not history.is_done(item_id)
            history.set_done(item_id, on)
            said = "done" if on else "undone"
        else:
            history.vote(item_id, helpful=action == "helpful")
            said = action
        result = self._by_id.get(item_id)
        title = html.escape(result.title if result else item_id)
        self.hint_changed.emit(f"{self.MARK_TEXT[said]}: <b>{title}</b>.")
        marks = self._marker()
        self.rows = [dataclasses.replace(r, marks=marks(r.item_id)) for r in self.rows]
        self.rows_ready.emit(self.rows, self._words)
        self.marked.emit(item_id, said)

    def _marker(self) -> Callable[[str], str]:
        """Marks for the rows about to be shown (the store is read once per list, not
        once per row: this runs at every keystroke)."""
        if self.history is None:
            return lambda _id: ""
        bookmarked, done = set(self.history.bookmarks()), self.history.done()
        return lambda item_id: ("★" if item_id in bookmarked else "") + \
            ("✓" if item_id in done else "")

    def remember(self, result: Result) -> None:
        """Put an opened item first among the recent ones."""
        self.recent = [result, *[r for r in self.recent if r.id != result.id]][:RECENT_LIMIT]

    @Slot()
    def on_copy_requested(self) -> None:
        result = self._by_id.get(self.current_id)
        if result is None:
            return
        text = copyable_text(item_markdown(result.path), result.snippet or result.title)
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)

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
            self.hint_changed.emit(f"No app context: {html.escape(self._unavailable)}.")

    # --- output ------------------------------------------------------------------------

    def _show_empty(self, suggestions: list[Result] | None = None) -> None:
        """Suggestions for the application in front (when they have come), then the
        bookmarks, then the items opened recently."""
        self.response = None
        self._words = set()
        suggestions = suggestions or []
        shown = {r.id for r in suggestions}
        bookmarks = []
        if self.history is not None:
            for item_id in self.history.bookmarks()[:BOOKMARKS_SHOWN]:
                found = None if item_id in shown else self._lookup(item_id)
                if found is not None:
                    bookmarks.append(found)
                    shown.add(item_id)
        recent = [r for r in self.recent if r.id not in shown]
        self._by_id = {r.id: r for r in [*suggestions, *bookmarks, *recent]}
        marks = self._marker()
        self.rows = [*(dataclasses.replace(row_for(r), snippet=r.summary or r.snippet,
                                           why=r.why, marks=marks(r.id))
                       for r in suggestions),
                     *(ResultRow(r.id, r.title, r.kind, r.summary or r.snippet,
                                 why=why, marks=marks(r.id))
                       for why, group in (("Bookmarked", bookmarks), ("Recent", recent))
                       for r in group)]
        self.rows_ready.emit(self.rows, set())
        self.hint_changed.emit("" if self.rows else
                               "Type two or three words: <i>unzip file</i>, "
                               "<i>undo commit</i>, <i>freeze header row</i>.")

    def _hint(self, response: Response) -> str:
        if response.corrected:
            text = html.escape(response.corrected)
            return (f"Showing results for <a href='query:{text}'><b>{text}</b></a> "
                    f"(you typed <i>{html.escape(response.query)}</i>).")
        if response.results:
            return ""
        offers = []
        if self.search.app is not None:
            offers.append("<a href='context:off'>search without the app context</a>")
        if not self.search.fuzzy:
            offers.append("<a href='fuzzy:on'>allow typos</a>")
        more = (" Try " + " or ".join(offers) + ".") if offers else \
            " Try fewer or other words."
        return f"No results for <b>{html.escape(response.query)}</b>.{more}"

    def status(self) -> dict[str, Any]:
        return {"visible": self.visible, "query": self.query,
                "results": [row.item_id for row in self.rows],
                "why": [row.why for row in self.rows] if not self.query.strip() else []}
