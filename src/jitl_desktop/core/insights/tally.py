"""Statements folded into counts, one at a time (see docs/XAPI.md for what each verb
and extension means). Actors become small numbers here and go no further: the report
only ever sees how many distinct people did something."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from jitl_desktop.core.xapi import ACTIVITY_TYPES, VERBS

#: a view shorter than this (seconds) right after a search is "bounced back"
BOUNCE_SECONDS = 5.0
PROBLEM_KINDS = ("outdated", "wrong", "missing-step")
VIDEO_TYPE = ACTIVITY_TYPES["video"]

_DURATION = re.compile(r"^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$")


@dataclass
class QueryCounts:
    """One query as typed (lower-cased, spaces collapsed), or a hashed one."""

    searches: int = 0
    gaps: int = 0  # searches with no result or no good match
    answered: int = 0  # searches after which an item was opened
    people: set[int] = field(default_factory=set)
    gap_people: set[int] = field(default_factory=set)
    first: str = ""
    last: str = ""
    apps: Counter[str] = field(default_factory=Counter)


@dataclass
class ItemCounts:
    views: int = 0
    people: set[int] = field(default_factory=set)
    helpful: int = 0
    unhelpful: int = 0
    comments: list[tuple[str, bool | None]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # kind, comment
    last_seen: str = ""
    title: str = ""
    seconds: list[float] = field(default_factory=list)  # each view's time in view


@dataclass
class QuestionCounts:
    right: int = 0
    wrong: int = 0
    people: set[int] = field(default_factory=set)
    wrong_answers: Counter[str] = field(default_factory=Counter)
    wrong_people: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


@dataclass
class WeekCounts:
    searches: int = 0
    views: int = 0
    people: set[int] = field(default_factory=set)


class Tally:
    """Everything the report needs from the statements, without any actor id."""

    def __init__(self, *, since: str | None = None, until: str | None = None) -> None:
        self.since, self.until = since or "", until or ""
        self.statements = 0
        self.skipped = 0
        self._people: dict[str, int] = {}
        self.queries: dict[str, QueryCounts] = {}
        self.apps: dict[str, QueryCounts] = {}
        self.items: dict[str, ItemCounts] = defaultdict(ItemCounts)
        self.questions: dict[tuple[str, int], QuestionCounts] = defaultdict(QuestionCounts)
        self.weeks: dict[str, WeekCounts] = defaultdict(WeekCounts)
        #: (query, item) → the people who chose the item after the query
        self.chosen: dict[tuple[str, str], set[int]] = defaultdict(set)
        #: (person, item) opened only briefly / opened for longer or voted helpful
        self.bounced: set[tuple[int, str]] = set()
        self.kept: set[tuple[int, str]] = set()
        self._ids: dict[str, str] = {}
        self._weeks: dict[str, str] = {}
        #: marks (statement id → person, item): done and bookmarked; a voided one (an
        #: un-mark, in any order of the records) does not count
        self.marks: dict[str, dict[str, tuple[int, str]]] = {"completed": {},
                                                             "bookmarked": {}}
        self.voided: set[str] = set()

    def marked(self, kind: str) -> dict[str, set[int]]:
        """Per item, the people whose ``completed`` (done) or ``bookmarked`` mark
        stands (not voided by an un-mark)."""
        found: dict[str, set[int]] = defaultdict(set)
        for statement_id, (person, item) in self.marks[kind].items():
            if statement_id not in self.voided:
                found[item].add(person)
        return found

    @property
    def people(self) -> int:
        return len(self._people)

    def add_all(self, statements: Iterable[dict[str, Any]]) -> Tally:
        for statement in statements:
            self.add(statement)
        return self

    def add(self, s: dict[str, Any]) -> None:
        """Fold one statement in (statements of other kinds and other profiles are
        counted as skipped)."""
        stamp = s.get("timestamp") or s.get("stored") or ""
        if not isinstance(stamp, str) or (self.since and stamp < self.since) or \
                (self.until and stamp >= self.until):
            return
        verb = s.get("verb")
        iri = verb.get("id") if isinstance(verb, dict) else None
        handler = _BY_IRI.get(iri) if isinstance(iri, str) else None
        if handler is None and isinstance(iri, str):
            handler = _HANDLERS.get(iri[iri.rfind("/") + 1:])
        if handler is None:
            self.skipped += 1
            return
        self.statements += 1
        handler(self, s, self._person(s.get("actor")), stamp)

    # --- the parts -------------------------------------------------------------------

    def _person(self, actor: Any) -> int:
        key = ""
        if isinstance(actor, dict):
            account = actor.get("account")
            if isinstance(account, dict):
                key = str(account.get("name"))
            else:
                key = str(actor.get("mbox") or actor.get("mbox_sha1sum") or
                          actor.get("openid") or actor.get("name") or "")
        number = self._people.get(key)
        if number is None:
            number = self._people[key] = len(self._people)
        return number

    def _item(self, iri: Any) -> str:
        if not isinstance(iri, str):
            return ""
        found = self._ids.get(iri)
        if found is None:
            tail = iri.split("#", 1)[0]
            cut = tail.rfind("/items/")
            found = self._ids[iri] = unquote(tail[cut + 7:] if cut >= 0 else tail)
        return found

    def _week(self, stamp: str, person: int, *, search: bool) -> None:
        day = stamp[:10]
        week = self._weeks.get(day)
        if week is None:
            try:
                year, number, _ = dt.date.fromisoformat(day).isocalendar()
                week = f"{year}-W{number:02d}"
            except ValueError:
                week = "unknown"
            self._weeks[day] = week
        counts = self.weeks[week]
        counts.people.add(person)
        if search:
            counts.searches += 1
        else:
            counts.views += 1

    def on_searched(self, s: dict[str, Any], person: int, stamp: str) -> None:
        query = digest = chosen = app = None
        results = gap = None
        for iri, value in _dict(_dict(s.get("result")).get("extensions")).items():
            name = iri[iri.rfind("/") + 1:]
            if name == "query":
                query = value
            elif name == "query-hash":
                digest = value
            elif name == "results":
                results = value
            elif name == "no-good-match":
                gap = value
            elif name == "chosen":
                chosen = value
        context = s.get("context")
        if context:
            app = _ext(_dict(context).get("extensions")).get("app")
        if isinstance(query, str) and query.strip():
            key = " ".join(query.lower().split())
        elif isinstance(digest, str):
            key = "#" + digest
        else:
            key = "#"  # the policy sends no query words
        gap = bool(gap) or results == 0
        item = self._item(chosen) if chosen else ""
        self._count(self.queries, key, person, stamp, gap=gap, chosen=item, app=app)
        self._count(self.apps, app or "", person, stamp, gap=gap, chosen=item, app=None)
        if item:
            self.chosen[(key, item)].add(person)
        self._week(stamp, person, search=True)

    @staticmethod
    def _count(table: dict[str, QueryCounts], key: str, person: int, stamp: str, *,
               gap: bool, chosen: str, app: Any) -> None:
        counts = table.get(key)
        if counts is None:
            counts = table[key] = QueryCounts(first=stamp, last=stamp)
        counts.searches += 1
        counts.people.add(person)
        if stamp < counts.first:
            counts.first = stamp
        elif stamp > counts.last:
            counts.last = stamp
        if gap:
            counts.gaps += 1
            counts.gap_people.add(person)
        if chosen:
            counts.answered += 1
        if app:
            counts.apps[app] += 1

    def on_experienced(self, s: dict[str, Any], person: int, stamp: str) -> None:
        item = self._item(_get(s, "object", "id"))
        counts = self.items[item]
        counts.views += 1
        counts.people.add(person)
        counts.last_seen = max(counts.last_seen, stamp)
        if not counts.title:
            counts.title = _name(s)
        seconds = _seconds(_get(s, "result", "duration"))
        if seconds is not None:
            counts.seconds.append(seconds)
            (self.bounced if seconds < BOUNCE_SECONDS else self.kept).add((person, item))
        self._week(stamp, person, search=False)

    def on_rated(self, s: dict[str, Any], person: int, stamp: str) -> None:
        item = self._item(_get(s, "object", "id"))
        result = _dict(s.get("result"))
        helpful = _ext(result.get("extensions")).get("helpful")
        if not isinstance(helpful, bool):
            helpful = _get(result, "score", "raw") == 1
        counts = self.items[item]
        if helpful:
            counts.helpful += 1
            self.kept.add((person, item))
        else:
            counts.unhelpful += 1
        response = result.get("response")
        if isinstance(response, str) and response.strip():
            counts.comments.append((response.strip(), helpful))

    def on_commented(self, s: dict[str, Any], person: int, stamp: str) -> None:
        item = self._item(_get(s, "object", "id"))
        result = _dict(s.get("result"))
        ext = _ext(result.get("extensions"))
        response = result.get("response")
        text = response if isinstance(response, str) else ""
        problem = ext.get("problem")
        if isinstance(problem, str):
            self.items[item].problems.append((problem, text.strip()))
        elif text.strip():
            helpful = ext.get("helpful")
            self.items[item].comments.append(
                (text.strip(), helpful if isinstance(helpful, bool) else None))

    def on_answered(self, s: dict[str, Any], person: int, stamp: str) -> None:
        iri = _get(s, "object", "id")
        if not isinstance(iri, str) or "#question-" not in iri:
            return
        try:
            number = int(iri.rsplit("#question-", 1)[1])
        except ValueError:
            return
        counts = self.questions[(self._item(iri), number)]
        counts.people.add(person)
        result = _dict(s.get("result"))
        if result.get("success") is True:
            counts.right += 1
        else:
            counts.wrong += 1
            response = result.get("response")
            if isinstance(response, str) and response.strip():
                counts.wrong_answers[response.strip()] += 1
                counts.wrong_people[response.strip()].add(person)

    def on_completed(self, s: dict[str, Any], person: int, stamp: str) -> None:
        """A done mark (a video's ``completed`` of the Video Profile is not one)."""
        if _get(s, "object", "definition", "type") != VIDEO_TYPE:
            self._mark("completed", s, person)

    def on_bookmarked(self, s: dict[str, Any], person: int, stamp: str) -> None:
        self._mark("bookmarked", s, person)

    def _mark(self, kind: str, s: dict[str, Any], person: int) -> None:
        statement_id = s.get("id")
        if isinstance(statement_id, str):
            self.marks[kind][statement_id] = (person, self._item(_get(s, "object", "id")))

    def on_voided(self, s: dict[str, Any], person: int, stamp: str) -> None:
        if _get(s, "object", "objectType") == "StatementRef":
            target = _get(s, "object", "id")
            if isinstance(target, str):
                self.voided.add(target)

    def chosen_people(self, query: str, item: str) -> set[int]:
        """The people who chose ``item`` after ``query`` and did not bounce back (a
        longer view or a helpful vote of theirs counts even after a brief one)."""
        return {p for p in self.chosen.get((query, item), ())
                if (p, item) not in self.bounced or (p, item) in self.kept}


_HANDLERS = {"searched": Tally.on_searched, "experienced": Tally.on_experienced,
             "rated": Tally.on_rated, "commented": Tally.on_commented,
             "answered": Tally.on_answered, "completed": Tally.on_completed,
             "bookmarked": Tally.on_bookmarked, "voided": Tally.on_voided}
#: the handlers by the verbs' full IRIs (docs/XAPI.md), the quick way
_BY_IRI = {iri: _HANDLERS[name] for name, iri in VERBS.items() if name in _HANDLERS}


def _get(value: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _ext(extensions: Any) -> dict[str, Any]:
    """This profile's extensions by their short name (the IRI's last part)."""
    if not isinstance(extensions, dict):
        return {}
    return {k[k.rfind("/") + 1:]: v for k, v in extensions.items()}


def _name(s: dict[str, Any]) -> str:
    names = _get(s, "object", "definition", "name")
    if isinstance(names, dict) and names:
        value = next(iter(names.values()))
        return value if isinstance(value, str) else ""
    return ""


def _seconds(value: Any) -> float | None:
    if not isinstance(value, str):
        return None
    if value.startswith("PT") and value.endswith("S") and "M" not in value and \
            "H" not in value:
        try:
            return float(value[2:-1])
        except ValueError:
            return None
    if not (match := _DURATION.match(value)):
        return None
    hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds
