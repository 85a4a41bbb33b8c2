"""What the library window lists: topics, filters and the items that pass them.

The window renders what this controller decides; a test drives it without any
widget.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from jitl_desktop.core import languages
from jitl_desktop.core.apps import ActiveApp, Catalog
from jitl_desktop.core.files import read_limited
from jitl_desktop.core.index import UpdateReport
from jitl_desktop.core.model import KINDS, LEVELS
from jitl_desktop.core.recommend import Recommendation, recommend
from jitl_desktop.core.search import Entry
from jitl_desktop.services.search import SearchController
from jitl_desktop.services.user_state import UserState

log = logging.getLogger(__name__)

#: a content root's optional file of topic names, and the most of it that is read
TOPICS_FILE, TOPICS_FILE_BYTES = "topics.yaml", 256 * 1024
#: the topic of items that name none (tldr pages, plain folders of Markdown)
NO_TOPIC = ""
#: lists that are not topics, shown above them
BOOKMARKS, NEXT, LEARNING = "@bookmarks", "@next", "@learning"
SPECIAL = {NEXT: "Next for you", BOOKMARKS: "Bookmarks", LEARNING: "My learning"}
FILTER_FIELDS = ("kind", "app", "tag", "level")
#: up to this many items, the list of items is read as soon as the index is ready (the
#: tray's topics are there at once); above it, when the tray menu or the library first
#: needs it
EAGER_LIST_ITEMS = 20_000


def _counted(text: str, n: int) -> str:
    """Qt's plural form of ``text`` (``%n bookmark(s)``) for ``n``."""
    said = QCoreApplication.translate("jitl", text, "", n)
    return said.replace("(s)", "" if n == 1 else "s")  # (no translation installed)


def in_topic(entry: Entry, topic: str) -> bool:
    return topic in entry.topics if topic else not entry.topics


@dataclass(frozen=True)
class Filters:
    """What the list is narrowed to; None means any."""

    topic: str | None = None
    kind: str | None = None
    app: str | None = None
    tag: str | None = None
    level: str | None = None
    text: str = ""

    def admits(self, entry: Entry) -> bool:
        if self.topic is not None and self.topic not in SPECIAL and \
                not in_topic(entry, self.topic):
            return False
        if self.kind is not None and entry.kind != self.kind:
            return False
        if self.app is not None and self.app not in entry.apps:
            return False
        if self.tag is not None and self.tag not in entry.tags:
            return False
        if self.level is not None and entry.level != self.level:
            return False
        words = self.text.lower().split()
        if words:
            haystack = f"{entry.title} {entry.summary} {entry.id}".lower()
            return all(word in haystack for word in words)
        return True


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    count: int
    done: int = 0  # items of it marked done (topics)
    level: str | None = None  # the highest level among them (topics)


def topic_label(topic: str, names: dict[str, str] | None = None) -> str:
    """The topic's name from a content root's ``topics.yaml`` (``names``), else from
    its folder: ``email-calendar`` → ``Email calendar``."""
    if topic == NO_TOPIC:
        return "Other"
    if names and topic in names:
        return names[topic]
    text = topic.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def in_language(value: object, wanted: Sequence[str]) -> str | None:
    """A text of ``topics.yaml``: a string, or a mapping by language (``{en: Web browser,
    de: Webbrowser}``) read in the first of ``wanted`` it has, else in English, else in
    its first language."""
    if isinstance(value, dict):
        texts = {str(k): v for k, v in value.items() if isinstance(v, str) and v.strip()}
        if not texts:
            return None
        first = next(iter(texts))
        chosen = languages.pick(wanted, texts, default="")
        chosen = chosen or languages.pick([languages.DEFAULT], texts, default=first)
        value = texts[chosen]
    return value.strip() if isinstance(value, str) and value.strip() else None


def topic_names(roots: Iterable[str], wanted: Sequence[str] = ()) -> dict[str, str]:
    """Display names of topics from each content root's optional ``topics.yaml``
    (``topic: {name: …, description: …, icon: …}``; the first root that names a topic
    wins), in the first of the ``wanted`` languages each has (see :func:`in_language`).
    A file that cannot be read is skipped with a warning."""
    names: dict[str, str] = {}
    for root in dict.fromkeys(roots):
        path = Path(root) / TOPICS_FILE
        if not root or not path.is_file():
            continue
        try:
            data = yaml.safe_load(read_limited(path, TOPICS_FILE_BYTES).decode("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            log.warning("%s not read: %s", path, exc)
            continue
        for topic, spec in (data.items() if isinstance(data, dict) else ()):
            name = in_language(spec.get("name"), wanted) if isinstance(spec, dict) else None
            if name:
                names.setdefault(str(topic), name)
    return names


class LibraryController(QObject):
    """Topics, filter choices and the filtered list of items, for the library window
    (and the tray's topics).

    Signals:
        topics_changed(list, int, object, list): the topics (:class:`Choice`), the
            number of items, the topic selected (None: all) and the lists above the
            topics ("Next for you", …).
        choices_changed(str, list): the values of one filter (kind, app, tag, level).
        list_changed(list, dict, dict): the entries that pass the filters, in display
            order; why each is listed (where a special list says so); their marks.
        page_ready(str): Markdown of a page that is not an item ("My learning").
        open_requested(object): show the window with this topic selected (None: all).
    """

    topics_changed = Signal(list, int, object, list)
    choices_changed = Signal(str, list)
    list_changed = Signal(list, dict, dict)
    page_ready = Signal(str)
    open_requested = Signal(object)

    def __init__(self, search: SearchController, catalog: Catalog,
                 parent: QObject | None = None, *, user: UserState | None = None,
                 context: Callable[[], ActiveApp | None] | None = None,
                 languages: Callable[[], Sequence[str]] = tuple) -> None:
        """``languages`` gives the user's languages (topic names in ``topics.yaml`` may
        be given in several)."""
        super().__init__(parent)
        self._search = search
        self._languages = languages
        self._catalog = catalog
        self.user = user
        self._context = context or (lambda: None)
        self.why: dict[str, str] = {}
        self.entries: list[Entry] = []
        self.filters = Filters()
        self.shown: list[Entry] = []
        self.loaded = False
        self._names_for: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        self._topic_names: dict[str, str] = {}
        search.entries_ready.connect(self.on_entries)
        if user is not None:
            user.changed.connect(self.refresh)

    @Slot()
    def load(self) -> None:
        """Ask for the items (the answer comes from the search thread)."""
        self._search.request_entries()

    @Slot()
    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.load()

    @Slot(object)
    def on_index_updated(self, report: UpdateReport) -> None:
        """The content changed: list it again, if it is listed or small enough to be
        listed ahead of need."""
        if self.loaded or report.added + report.changed + report.unchanged <= EAGER_LIST_ITEMS:
            self.load()

    def open(self, topic: str | None = None) -> None:
        """Show the library listing ``topic`` (None: every item)."""
        self.set_filters(topic=topic)
        self.ensure_loaded()
        self.open_requested.emit(topic)

    @Slot(list)
    def on_entries(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.loaded = True
        self._publish_topics()
        self._refilter()

    def _publish_topics(self) -> None:
        self.topics_changed.emit(self.topics(), len(self.entries), self.filters.topic,
                                 self.special())
        for name in FILTER_FIELDS:
            self.choices_changed.emit(name, self.choices(name))

    def quiz_checking(self, item_id: str) -> tuple[str, str] | None:
        """(id, title) of the quiz that checks ``item_id``, if one does."""
        return next(((e.id, e.title) for e in self.entries
                     if e.kind == "quiz" and e.checks == item_id), None)

    def topics(self) -> list[Choice]:
        """Every topic with its number of items (and how many are done), by name;
        "Other" last."""
        counts: Counter[str] = Counter()
        done_counts: Counter[str] = Counter()
        levels: dict[str, str] = {}
        done = self.user.done() if self.user is not None else set()
        for entry in self.entries:
            topics = entry.topics or (NO_TOPIC,)
            counts.update(topics)
            if entry.id in done:
                done_counts.update(topics)
                for topic in topics:
                    if entry.level and LEVELS.index(entry.level) >= LEVELS.index(
                            levels.get(topic, LEVELS[0])):
                        levels[topic] = entry.level
        names = self._names()
        named = sorted((t for t in counts if t != NO_TOPIC),
                       key=lambda t: topic_label(t, names).lower())
        order = named + ([NO_TOPIC] if NO_TOPIC in counts else [])
        return [Choice(t, topic_label(t, names), counts[t], done_counts[t], levels.get(t))
                for t in order]

    def _names(self) -> dict[str, str]:
        roots = tuple(dict.fromkeys(e.root for e in self.entries))
        wanted = tuple(self._languages())
        if self._names_for != (roots, wanted):
            self._names_for, self._topic_names = (roots, wanted), topic_names(roots, wanted)
        return self._topic_names

    def special(self) -> list[Choice]:
        """The lists above the topics: next for you, bookmarks, my learning."""
        if self.user is None:
            return []
        return [Choice(NEXT, SPECIAL[NEXT], len(self.recommendations())),
                Choice(BOOKMARKS, SPECIAL[BOOKMARKS], len(self.user.bookmarks())),
                Choice(LEARNING, SPECIAL[LEARNING], 0)]

    def recommendations(self) -> list[Recommendation]:
        if self.user is None:
            return []
        return recommend(self.entries, done=self.user.done(),
                         viewed=self.user.history.recent(20), helpful=self.user.history.helpful(),
                         app=self._context())

    def learning_markdown(self) -> str:
        """The "My learning" page: streak, this week, topics in progress, quizzes."""
        if self.user is None:
            return ""
        learning = self.user.history.learning()
        by_id = {e.id: e for e in self.entries}
        lines = ["# My learning", "",
                 f"- **Streak:** {_counted('%n day(s) in a row', learning['streak_days'])}",
                 f"- **Done this week:** {learning['done_this_week']} "
                 f"(in all: {learning['done_total']})",
                 f"- **Bookmarks:** {_counted('%n bookmark(s)', len(self.user.bookmarks()))}",
                 ""]
        started = [t for t in self.topics() if 0 < t.done < t.count]
        finished = [t for t in self.topics() if t.count and t.done == t.count]
        lines.append("## Topics in progress")
        lines += [f"- {t.label}: {t.done} of {t.count} done"
                  + (f", up to {t.level} level" if t.level else "") for t in started] or \
            ["- None yet: mark items done in the library or with Ctrl+D in the search "
             "window."]
        if finished:
            lines += ["", "## Topics completed"] + [f"- {t.label}" for t in finished]
        quizzes = [(e, self.user.history.quiz_score(e.id)) for e in self.entries
                   if e.kind == "quiz"]
        answered = [(e, s) for e, s in quizzes if s[1]]
        if answered:
            lines += ["", "## Quick checks"] + [f"- {e.title}: {right} of {total} right"
                                                for e, (right, total) in answered]
        viewed = [by_id[i] for i in self.user.history.recent(8) if i in by_id]
        if viewed:
            lines += ["", "## Recently opened"] + [f"- [{e.title}](item:{e.id})"
                                                   for e in viewed]
        return "\n".join(lines) + "\n"

    def in_topic(self, topic: str) -> list[Entry]:
        """The items of one topic (``NO_TOPIC``: those without any), by title."""
        return [e for e in self.entries if in_topic(e, topic)]

    def choices(self, field: str) -> list[Choice]:
        """The values of ``field`` (kind, app, tag, level) among the items, with counts."""
        counts: Counter[str] = Counter()
        for entry in self.entries:
            if field == "kind":
                counts[entry.kind] += 1
            elif field == "level":
                if entry.level:
                    counts[entry.level] += 1
            else:
                counts.update(entry.apps if field == "app" else entry.tags)
        if field in ("kind", "level"):
            known = KINDS if field == "kind" else LEVELS
            order = [v for v in known if v in counts] + sorted(set(counts) - set(known))
            return [Choice(v, v.capitalize(), counts[v]) for v in order]
        label = self._catalog.display_name if field == "app" else str
        return sorted((Choice(v, label(v), n) for v, n in counts.items()),
                      key=lambda c: c.label.lower())

    @Slot(dict)
    def on_filters_edited(self, changes: dict[str, str | None]) -> None:
        self.set_filters(**changes)

    def set_filters(self, **changes: str | None) -> None:
        """Change some filters (``topic=``, ``kind=``, ``text=``…) and list again."""
        updated = dataclasses.replace(self.filters, **changes)  # type: ignore[arg-type]
        if updated != self.filters:
            self.filters = updated
            self._refilter()
        if changes.get("topic") == LEARNING:
            self.page_ready.emit(self.learning_markdown())

    def clear_filters(self) -> None:
        self.set_filters(kind=None, app=None, tag=None, level=None, text="")

    @Slot()
    def refresh(self) -> None:
        """Count and list again (bookmarks, done marks or the context changed)."""
        if self.loaded:
            self._publish_topics()
            self._refilter()

    def _refilter(self) -> None:
        topic = self.filters.topic
        self.why = {}
        if topic == NEXT:
            picks = self.recommendations()
            self.why = {r.entry.id: r.why for r in picks}
            base = [r.entry for r in picks]
        elif topic == BOOKMARKS and self.user is not None:
            by_id = {e.id: e for e in self.entries}
            base = [by_id[i] for i in self.user.bookmarks() if i in by_id]
        elif topic == LEARNING and self.user is not None:
            done = self.user.done()
            by_id = {e.id: e for e in self.entries}
            base = [by_id[i] for i in self.user.history.recent(50) if i in by_id and i not in done]
            self.why = {e.id: "Opened, not done yet" for e in base}
        else:
            base = self.entries
        self.shown = [e for e in base if self.filters.admits(e)]
        marks = self.user.marks(e.id for e in self.shown) if self.user is not None else {}
        self.list_changed.emit(self.shown, self.why, marks)
