"""The tables of the insights report, from a :class:`~.tally.Tally` and the content.

Privacy is applied here, once, for every output (HTML, CSV, JSON, learned pairs): no
actor identifier leaves the tally, and a group (a query, an application, a week, a
quiz answer) that fewer than ``min_people`` distinct people make up is merged into
one "other" row, so no single person's searches show.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jitl_desktop.core.content import review_due
from jitl_desktop.core.index import stem_terms
from jitl_desktop.core.insights.tally import PROBLEM_KINDS, QueryCounts, Tally
from jitl_desktop.core.learned import query_key, query_words
from jitl_desktop.core.model import Item
from jitl_desktop.core.search import osa_distance

OTHER = "other"
#: rows of the top searches table
TOP = 50
#: an item expiring within this many days is listed as stale already
EXPIRES_SOON_DAYS = 30
#: words shorter than this are never folded into another as a typo
FOLD_MIN_LENGTH = 5


@dataclass
class Group:
    """Queries that mean the same: the same normalised, typo-folded words."""

    key: str
    label: str = ""
    variants: int = 0
    counts: QueryCounts = field(default_factory=QueryCounts)
    words: list[str] = field(default_factory=list)


def fold_words(counts: Counter[str]) -> dict[str, str]:
    """Each word → the word it is a typo of: a more used word at edit distance 1 (found
    through their one-letter deletions, so it stays linear in the number of words)."""
    by_delete: dict[str, list[str]] = defaultdict(list)
    for word in counts:
        if len(word) >= FOLD_MIN_LENGTH - 1:
            for variant in {word[:i] + word[i + 1:] for i in range(len(word))} | {word}:
                by_delete[variant].append(word)
    folded: dict[str, str] = {}
    for word, used in counts.items():
        if len(word) < FOLD_MIN_LENGTH:
            continue
        near: set[str] = set()
        for variant in {word[:i] + word[i + 1:] for i in range(len(word))} | {word}:
            near.update(by_delete.get(variant, ()))
        best = max((w for w in near if w != word and counts[w] > used and
                    osa_distance(word, w, 1) <= 1), key=lambda w: (counts[w], w),
                   default=None)
        if best is not None:
            folded[word] = best
    for word in list(folded):  # follow chains to the most used word
        seen = {word}
        while folded[word] in folded and folded[word] not in seen:
            seen.add(folded[word])
            folded[word] = folded[folded[word]]
    return folded


def group_queries(queries: dict[str, QueryCounts]) -> dict[str, Group]:
    """The queries by meaning: lower case, stemmed, stop and question words out,
    typos folded into the more used spelling. Hashed queries stay alone."""
    words_of = {q: query_words(q) for q in queries if not q.startswith("#")}
    used: Counter[str] = Counter()
    for query, words in words_of.items():
        for word in words:
            used[word] += queries[query].searches
    folded = fold_words(used)
    groups: dict[str, Group] = {}
    best: dict[str, int] = {}
    for query, counts in queries.items():
        if query.startswith("#"):
            key, folded_words = query, []
        else:
            folded_words = [folded.get(w, w) for w in words_of[query]]
            key = query_key(folded_words) or query
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(key, words=sorted(set(folded_words)))
            group.counts.first = counts.first
        group.variants += 1
        _merge(group.counts, counts)
        if counts.searches > best.get(key, 0):
            best[key] = counts.searches
            group.label = _label(query)
    return groups


def _label(query: str) -> str:
    if query == "#":
        return "(query words not sent)"
    return f"(hashed query {query[1:9]}…)" if query.startswith("#") else query


def _merge(into: QueryCounts, counts: QueryCounts) -> None:
    into.searches += counts.searches
    into.gaps += counts.gaps
    into.answered += counts.answered
    into.people |= counts.people
    into.gap_people |= counts.gap_people
    into.first = min(into.first or counts.first, counts.first or into.first)
    into.last = max(into.last, counts.last)
    into.apps.update(counts.apps)


class Closest:
    """The existing item whose title, summary, tags and name share the most (rare)
    words with a query."""

    def __init__(self, items: Iterable[Item]) -> None:
        self.titles: dict[str, str] = {}
        self.by_word: dict[str, set[str]] = defaultdict(set)
        for item in items:
            self.titles[item.id] = item.title
            text = " ".join([item.title, item.summary, *item.tags,
                             item.id.rsplit("/", 1)[-1].replace("-", " ")])
            for word in set(stem_terms(text)):
                self.by_word[word].add(item.id)
        count = len(self.titles) or 1
        self.idf = {w: math.log(1 + count / len(ids)) for w, ids in self.by_word.items()}

    def find(self, words: list[str]) -> tuple[str, str] | None:
        scores: dict[str, float] = defaultdict(float)
        for word in words:
            for item in self.by_word.get(word, ()):
                scores[item] += self.idf[word]
        if not scores:
            return None
        item = max(scores, key=lambda i: (scores[i], i))
        return item, self.titles[item]


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _private(rows: list[dict[str, Any]], people: list[set[int]], min_people: int,
             other: dict[str, Any]) -> list[dict[str, Any]]:
    """``rows`` whose group has at least ``min_people`` people, then one "other" row
    (``other``, with the distinct people of all the rest) if anything was merged."""
    kept, merged, merged_people = [], 0, set()
    for row, group in zip(rows, people, strict=True):
        if len(group) >= min_people:
            kept.append(row)
        else:
            merged += 1
            merged_people |= group
    if merged:
        kept.append({**other, "people": len(merged_people), "groups": merged})
    return kept


def build(tally: Tally, items: list[Item], *, min_people: int = 3,
          today: dt.date | None = None) -> dict[str, Any]:
    """Every table of the report, as JSON-ready data."""
    today = today or dt.date.today()
    groups = group_queries(tally.queries)
    closest = Closest(items)
    by_id = {item.id: item for item in items}
    searches = sum(g.counts.searches for g in groups.values())
    answered = sum(g.counts.answered for g in groups.values())
    votes = sum(c.helpful + c.unhelpful for c in tally.items.values())
    helpful = sum(c.helpful for c in tally.items.values())
    return {
        "headline": {"statements": tally.statements, "searches": searches,
                     "people": tally.people, "answered_rate": _rate(answered, searches),
                     "helpful_rate": _rate(helpful, votes), "votes": votes,
                     "min_people": min_people, "since": tally.since or None,
                     "until": tally.until or None},
        "content_gaps": content_gaps(groups, closest, min_people),
        "top_searches": top_searches(groups, min_people),
        "items": item_rows(tally, by_id),
        "stale": stale(items, tally, today),
        "problems": problems(tally, by_id),
        "coverage": coverage(tally, items, min_people),
        "quizzes": quizzes(tally, by_id, min_people),
        "adoption": adoption(tally, min_people),
    }


def content_gaps(groups: dict[str, Group], closest: Closest, min_people: int
                 ) -> list[dict[str, Any]]:
    found = sorted((g for g in groups.values() if g.counts.gaps),
                   key=lambda g: (-len(g.counts.gap_people), -g.counts.gaps, g.label))
    rows: list[dict[str, Any]] = []
    for g in found:
        near = closest.find(g.words)
        rows.append({"query": g.label, "variants": g.variants, "searches": g.counts.gaps,
                     "people": len(g.counts.gap_people), "first_seen": g.counts.first,
                     "last_seen": g.counts.last,
                     "closest_item": near[0] if near else None,
                     "closest_title": near[1] if near else None})
    rest = [g for g in found if len(g.counts.gap_people) < min_people]
    return _private(rows, [g.counts.gap_people for g in found], min_people,
                    {"query": OTHER, "variants": sum(g.variants for g in rest),
                     "searches": sum(g.counts.gaps for g in rest),
                     "first_seen": None, "last_seen": None, "closest_item": None,
                     "closest_title": None})


def top_searches(groups: dict[str, Group], min_people: int) -> list[dict[str, Any]]:
    ranked = sorted(groups.values(), key=lambda g: (-len(g.counts.people),
                                                   -g.counts.searches, g.label))
    shown = [g for g in ranked if len(g.counts.people) >= min_people][:TOP]
    rest = [g for g in ranked if g not in shown]
    rows = [{"query": g.label, "searches": g.counts.searches,
             "people": len(g.counts.people),
             "answered_rate": _rate(g.counts.answered, g.counts.searches),
             "no_match_rate": _rate(g.counts.gaps, g.counts.searches)} for g in shown]
    if rest:
        people = set().union(*(g.counts.people for g in rest))
        count = sum(g.counts.searches for g in rest)
        rows.append({"query": OTHER, "searches": count, "people": len(people),
                     "answered_rate": _rate(sum(g.counts.answered for g in rest), count),
                     "no_match_rate": _rate(sum(g.counts.gaps for g in rest), count),
                     "groups": len(rest)})
    return rows


def item_rows(tally: Tally, by_id: dict[str, Item]) -> list[dict[str, Any]]:
    """Every item: of the content (opened or not) and any other the records name."""
    rows: list[dict[str, Any]] = []
    done, bookmarked = tally.marked("completed"), tally.marked("bookmarked")
    for item_id in sorted(set(by_id) | {i for i in tally.items if i}):
        counts = tally.items.get(item_id)
        item = by_id.get(item_id)
        votes = (counts.helpful + counts.unhelpful) if counts else 0
        rows.append({
            "item": item_id, "title": item.title if item else (counts.title if counts else ""),
            "owner": item.owner if item else None, "in_content": item is not None,
            "views": counts.views if counts else 0,
            "people": len(counts.people) if counts else 0,
            "helpful": counts.helpful if counts else 0,
            "unhelpful": counts.unhelpful if counts else 0,
            "helpful_rate": _rate(counts.helpful, votes) if counts else None,
            "comments": [{"text": t, "helpful": h} for t, h in counts.comments]
            if counts else [],
            "problems": len(counts.problems) if counts else 0,
            "median_seconds": round(statistics.median(counts.seconds), 1)
            if counts and counts.seconds else None,
            "done": len(done.get(item_id, ())),
            "bookmarked": len(bookmarked.get(item_id, ())),
            "last_seen": (counts.last_seen or None) if counts else None})
    rows.sort(key=lambda r: (-int(r["views"]), str(r["item"])))
    return rows


def stale(items: list[Item], tally: Tally, today: dt.date) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for item in items:
        due = review_due(item.reviewed, item.review_every) \
            if item.reviewed and item.review_every else None
        status = []
        if due is not None and due < today:
            status.append("review overdue")
        if item.expires is not None:
            if item.expires < today:
                status.append("expired")
            elif (item.expires - today).days <= EXPIRES_SOON_DAYS:
                status.append("expires soon")
        if status:
            counts = tally.items.get(item.id)
            rows.append({"item": item.id, "title": item.title, "owner": item.owner,
                         "status": ", ".join(status),
                         "reviewed": item.reviewed.isoformat() if item.reviewed else None,
                         "review_due": due.isoformat() if due else None,
                         "expires": item.expires.isoformat() if item.expires else None,
                         "views": counts.views if counts else 0})
    rows.sort(key=lambda r: (-int(r["views"]), str(r["item"])))
    return rows


def problems(tally: Tally, by_id: dict[str, Item]) -> list[dict[str, Any]]:
    """Problems people reported, by the owner of the item."""
    rows: list[dict[str, Any]] = []
    for item_id, counts in tally.items.items():
        if not counts.problems:
            continue
        item = by_id.get(item_id)
        kinds = Counter(kind for kind, _ in counts.problems)
        rows.append({"owner": (item.owner if item else None) or "(no owner)",
                     "item": item_id, "title": item.title if item else counts.title,
                     "reports": len(counts.problems),
                     **{kind: kinds.get(kind, 0) for kind in PROBLEM_KINDS},
                     "comments": [c for _, c in counts.problems if c]})
    rows.sort(key=lambda r: (str(r["owner"]), -int(r["reports"]), str(r["item"])))
    return rows


def coverage(tally: Tally, items: list[Item], min_people: int) -> list[dict[str, Any]]:
    """Per application people search from: how often nothing was found, and how many
    items are made for it (their ``apps`` rules name it)."""
    made_for: Counter[str] = Counter()
    for item in items:
        for name in {rule.name for rule in item.apps if rule.name}:
            made_for[name] += 1
    apps = sorted(((a or "(none)", c) for a, c in tally.apps.items()),
                  key=lambda ac: (-ac[1].searches, ac[0]))
    rows = [{"app": app, "searches": c.searches, "people": len(c.people),
             "no_match_rate": _rate(c.gaps, c.searches),
             "answered_rate": _rate(c.answered, c.searches),
             "items_for_it": made_for.get(app, 0)} for app, c in apps]
    rest = [c for _, c in apps if len(c.people) < min_people]
    return _private(rows, [c.people for _, c in apps], min_people, {
        "app": OTHER, "searches": sum(c.searches for c in rest),
        "no_match_rate": _rate(sum(c.gaps for c in rest), sum(c.searches for c in rest)),
        "answered_rate": _rate(sum(c.answered for c in rest),
                               sum(c.searches for c in rest)),
        "items_for_it": None})


def quizzes(tally: Tally, by_id: dict[str, Item], min_people: int
            ) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    people: list[set[int]] = []
    for (item_id, number), c in sorted(tally.questions.items()):
        item = by_id.get(item_id)
        question = item.questions[number - 1].ask if item and \
            0 < number <= len(item.questions) else ""
        wrong = [{"answer": a, "times": n} for a, n in c.wrong_answers.most_common()
                 if len(c.wrong_people[a]) >= min_people]
        hidden = sum(n for a, n in c.wrong_answers.items()
                     if len(c.wrong_people[a]) < min_people)
        if hidden:
            wrong.append({"answer": OTHER, "times": hidden})
        rows.append({"item": item_id, "title": item.title if item else "",
                     "question": number, "text": question, "answers": c.right + c.wrong,
                     "people": len(c.people), "right_rate": _rate(c.right, c.right + c.wrong),
                     "wrong_answers": wrong})
        people.append(c.people)
    rest = [r for r, p in zip(rows, people, strict=True) if len(p) < min_people]
    return _private(rows, people, min_people, {
        "item": OTHER, "title": "", "question": None, "text": "",
        "answers": sum(r["answers"] for r in rest), "right_rate": None,
        "wrong_answers": []})


def adoption(tally: Tally, min_people: int) -> list[dict[str, Any]]:
    """Per ISO week: people, searches, views (people below the threshold not shown)."""
    rows: list[dict[str, Any]] = []
    for week, c in sorted(tally.weeks.items()):
        people = len(c.people)
        rows.append({"week": week, "people": people if people >= min_people else None,
                     "searches": c.searches, "views": c.views})
    return rows


def learned_pairs(tally: Tally, *, min_people: int = 3) -> list[dict[str, Any]]:
    """(normalised query, chosen item, distinct people) from at least ``min_people``
    people, most people first. Typed-out queries only (a hashed one cannot be matched)."""
    groups: dict[tuple[str, str], set[int]] = defaultdict(set)
    words_of: dict[str, str] = {}
    used: Counter[str] = Counter()
    for query in {q for q, _ in tally.chosen if not q.startswith("#")}:
        words = query_words(query)
        words_of[query] = " ".join(words)
        used.update(words)
    folded = fold_words(used)
    for (query, item), _people in tally.chosen.items():
        if query.startswith("#") or not words_of.get(query):
            continue
        key = query_key(folded.get(w, w) for w in words_of[query].split())
        groups[(key, item)] |= tally.chosen_people(query, item)
    rows: list[dict[str, Any]] = [{"query": key, "item": item, "people": len(people)}
                                                        for (key, item), people in groups.items()
                                  if len(people) >= min_people]
    rows.sort(key=lambda r: (-int(r["people"]), str(r["query"]), str(r["item"])))
    return rows
