""""Next for you": what to learn next, from the user's own record, each with why.

Signals, strongest first: a quiz for a guide just marked done; an item whose
prerequisites are all done; an item related to one the user found helpful, or to
one done or viewed; an item for the application in front; an item at the user's
level. Items done, voted not helpful, or whose prerequisites are not done yet are
left out. Everything is computed on this machine from the local history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jitl_desktop.core.apps import ActiveApp, best_strength
from jitl_desktop.core.model import LEVELS
from jitl_desktop.core.search import Entry

QUIZ_FOR_DONE = 4.0
PREREQUISITES_DONE = 3.0
RELATED_HELPFUL = 2.5
RELATED_DONE = 2.0
RELATED_VIEWED = 1.0
FOR_APP = 1.5
AT_LEVEL = 0.5


@dataclass(frozen=True)
class Recommendation:
    entry: Entry
    score: float
    why: str


def recommend(entries: Sequence[Entry], *, done: set[str], viewed: Iterable[str],
              helpful: dict[str, int], app: ActiveApp | None = None,
              limit: int = 12) -> list[Recommendation]:
    by_id = {e.id: e for e in entries}
    viewed = [v for v in viewed if v in by_id]

    def title(item_id: str) -> str:
        return by_id[item_id].title

    liked = {i for i, n in helpful.items() if n > 0 and i in by_id}
    disliked = {i for i, n in helpful.items() if n < 0}
    levels = [by_id[i].level for i in done if i in by_id and by_id[i].level]
    level = max(levels, key=LEVELS.index) if levels else LEVELS[0]
    # who points at whom, both ways: "related" is a two-way relation here
    neighbours: dict[str, set[str]] = {}
    for entry in entries:
        for other in entry.related:
            neighbours.setdefault(entry.id, set()).add(other)
            neighbours.setdefault(other, set()).add(entry.id)
    out = []
    for entry in entries:
        if entry.id in done or entry.id in disliked:
            continue
        if entry.prerequisites and not all(p in done for p in entry.prerequisites):
            continue  # not ready yet
        reasons: list[tuple[float, str]] = []
        if entry.kind == "quiz" and entry.checks in done:
            reasons.append((QUIZ_FOR_DONE, f"Check yourself on “{title(entry.checks)}”"
                            if entry.checks in by_id else "Check yourself"))
        if entry.prerequisites:
            reasons.append((PREREQUISITES_DONE,
                            f"Next after “{title(entry.prerequisites[-1])}”"))
        near = neighbours.get(entry.id, set())
        for ids, weight, text in ((liked, RELATED_HELPFUL, "which you found helpful"),
                                  (done, RELATED_DONE, "which you have done"),
                                  (set(viewed), RELATED_VIEWED, "which you looked at")):
            hit = sorted(near & ids)
            if hit:
                reasons.append((weight, f"Related to “{title(hit[0])}”, {text}"))
                break
        if app is not None and entry.rules and best_strength(entry.rules, app):
            reasons.append((FOR_APP, f"For {app.name or app.process}"))
        if not reasons:
            continue
        if entry.level == level or (entry.level and LEVELS.index(entry.level) ==
                                    min(LEVELS.index(level) + 1, len(LEVELS) - 1)):
            reasons.append((AT_LEVEL, "at your level"))
        reasons.sort(key=lambda r: -r[0])
        out.append(Recommendation(entry, sum(w for w, _ in reasons), reasons[0][1]))
    out.sort(key=lambda r: (-r.score, r.entry.title.lower()))
    return out[:limit]
