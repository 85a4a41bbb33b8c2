"""What colleagues chose: a ranking signal read from ``learned.jsonl`` in a content root.

``jitl-desktop insights --learned FILE`` writes the file from the organisation's
learning records: one JSON object a line, ``{"query", "item", "people"}``, where
``query`` is a normalised query (:func:`query_key`: stemmed words, stop and question
words out, sorted), ``item`` the item people chose after it and ``people`` how many
distinct people did (only pairs from enough people are written).

:class:`LearnedChoices` matches a new query against the learned ones on their words,
each weighted by how rare it is among the learned queries, so that "expense form" is
close to "submit expenses form" and not to every query with "form". An item chosen
after similar queries is lifted by at most :data:`LEARNED_WEIGHT` (like frecency: a
clearly better text match still wins) and says why ("chosen by 50 colleagues for
similar searches"); one the words did not find at all joins the results below the
best text match.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jitl_desktop.core.index import stem_terms

log = logging.getLogger(__name__)

LEARNED_FILE = "learned.jsonl"
#: the most a learned choice lifts an item (×2 at full strength: a text match twice as
#: good still wins); chosen by benchmarks/learned.py
LEARNED_WEIGHT = 1.0
#: how similar (weighted word overlap, 0–1) a learned query must be to count
MIN_SIMILARITY = 0.2
#: the evidence (similarity × log people, summed) at which the lift is ~63 % of its most
LEARNED_SCALE = 2.0
#: a chosen item the words did not find is added at most at this share of the best
#: hit's score, and at most this many per search
ADD_SHARE = 0.5
MAX_ADDED = 3
#: a learned file larger than this is not read (bytes)
MAX_BYTES = 64 * 1024 * 1024
#: words that only phrase a question (as the search drops them)
FILLER_WORDS = frozenset(stem_terms(
    "how do does did i me my what which can could would should want need please way "
    "ways we our you your using use get"))


def query_words(text: str) -> list[str]:
    """The normalised words of a query: stemmed, without stop and question words, each
    once, in order (all of them when nothing else is left)."""
    seen: dict[str, None] = {}
    for term in stem_terms(text):
        seen.setdefault(term, None)
    words = [w for w in seen if w not in FILLER_WORDS]
    return words or list(seen)


def query_key(words: Iterable[str]) -> str:
    """How a normalised query is written in the learned file (sorted, space-separated)."""
    return " ".join(sorted(set(words)))


@dataclass(frozen=True)
class Choice:
    words: frozenset[str]
    item: str
    people: int


class LearnedChoices:
    """The learned choices of some content roots, read again when a file changes."""

    def __init__(self, roots: Callable[[], Sequence[str | Path]]) -> None:
        self.roots = roots
        self._stamp: tuple[tuple[str, int, int], ...] = ()
        self._choices: list[Choice] = []
        self._by_word: dict[str, list[int]] = {}
        self._idf: dict[str, float] = {}

    @classmethod
    def of(cls, choices: Iterable[Choice]) -> LearnedChoices:
        """Learned choices given directly (benchmarks and tests)."""
        learned = cls(lambda: [])
        learned._set(list(choices))
        return learned

    def _files(self) -> list[tuple[str, int, int]]:
        found = []
        for root in self.roots():
            path = os.path.join(root, LEARNED_FILE)
            try:
                st = os.stat(path)
            except OSError:
                continue
            found.append((path, st.st_mtime_ns, st.st_size))
        return found

    def refresh(self) -> None:
        """Read the files again if one was added, changed or removed."""
        files = tuple(self._files())
        if files == self._stamp:
            return
        self._stamp = files
        choices: list[Choice] = []
        for path, _mtime, size in files:
            if size > MAX_BYTES:
                log.warning("learned choices: %s is larger than %d bytes, not read", path,
                            MAX_BYTES)
                continue
            choices += read_choices(Path(path))
        self._set(choices)

    def _set(self, choices: list[Choice]) -> None:
        self._choices = choices
        by_word: dict[str, list[int]] = defaultdict(list)
        for n, choice in enumerate(choices):
            for word in choice.words:
                by_word[word].append(n)
        self._by_word = dict(by_word)
        queries = len({c.words for c in choices}) or 1
        self._idf = {w: math.log(1 + queries / len({choices[n].words for n in ns}))
                     for w, ns in by_word.items()}

    def __bool__(self) -> bool:
        return bool(self._choices)

    def evidence(self, text: str) -> dict[str, tuple[float, int]]:
        """Item id → (evidence, people) from the learned queries similar to ``text``."""
        words = set(query_words(text))
        if not words or not self._choices:
            return {}
        near: set[int] = set()
        for word in words:
            near.update(self._by_word.get(word, ()))
        idf = self._idf
        found: dict[str, tuple[float, int]] = {}
        for n in near:
            choice = self._choices[n]
            shared = sum(idf.get(w, 0.0) for w in words & choice.words)
            total = shared + sum(idf.get(w, 1.0) for w in words ^ choice.words)
            similarity = shared / total if total else 0.0
            if similarity < MIN_SIMILARITY:
                continue
            weight, people = found.get(choice.item, (0.0, 0))
            found[choice.item] = (weight + similarity * math.log1p(choice.people),
                                  people + choice.people)
        return found

    def lift(self, text: str, hits: list[Any],
             add: Callable[[str], Any] | None = None) -> None:
        """Lift the ``hits`` that colleagues chose after queries like ``text`` (at most
        by :data:`LEARNED_WEIGHT`) and say so in their ``why``; with ``add`` (item id →
        a new hit, or None), the chosen items the words did not find join the hits, at
        most :data:`ADD_SHARE` of the best hit's score, so a good text match stays first."""
        self.refresh()
        found = self.evidence(text)
        if not found:
            return
        top = max((hit.score for hit in hits), default=0.0)
        shown = {hit.id for hit in hits}
        added = 0
        for item, (weight, people) in sorted(found.items(), key=lambda kv: -kv[1][0]):
            strength = 1 - math.exp(-weight / LEARNED_SCALE)
            if item in shown:
                hit = next(h for h in hits if h.id == item)
                hit.score *= 1 + LEARNED_WEIGHT * strength
                hit.lift *= 1 + LEARNED_WEIGHT * strength
            elif add is not None and top > 0 and added < MAX_ADDED and \
                    (hit := add(item)) is not None:
                hit.score = top * ADD_SHARE * strength
                hits.append(hit)
                shown.add(item)
                added += 1
            else:
                continue
            hit.why = (f"chosen by {people} colleague{'s' if people != 1 else ''} "
                       "for similar searches")


def read_choices(path: Path) -> list[Choice]:
    """The pairs of one learned file (lines that are not pairs are skipped, with a
    warning naming the first)."""
    choices: list[Choice] = []
    bad = 0
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                choice = _choice(line)
                if choice is None:
                    bad += line.strip() != ""
                else:
                    choices.append(choice)
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("learned choices: cannot read %s: %s", path, exc)
        return []
    if bad:
        log.warning("learned choices: %d lines of %s are not {query, item, people}",
                    bad, path)
    return choices


def _choice(line: str) -> Choice | None:
    try:
        row: Any = json.loads(line)
    except ValueError:
        return None
    if not isinstance(row, dict):
        return None
    query, item, people = row.get("query"), row.get("item"), row.get("people")
    if not isinstance(query, str) or not isinstance(item, str) or not item or \
            not isinstance(people, int) or isinstance(people, bool) or people < 1:
        return None
    words = frozenset(query.split())
    return Choice(words, item, people) if words else None
