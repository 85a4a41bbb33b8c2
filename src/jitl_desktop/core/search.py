"""Query parsing, typo tolerance, ranking and result building over the index.

How a query is answered:

1. Words are split, lower-cased, stop words dropped; long pasted text is cut
   to its first :data:`MAX_WORDS` distinct words, so it stays fast.
2. A word that appears nowhere in the content is replaced by its closest
   known word (Damerau-Levenshtein distance 1, or 2 for long words), the most
   frequent one winning; the corrected query is reported as ``corrected``.
3. Each word becomes a weighted OR over the fields (BM25F), plus its glossary
   synonyms at a lower weight; while typing, the last word also matches as a
   prefix. Whole-query matches of a title or id rank first.
4. The best candidates are re-ranked: items for another operating system are
   damped, items whose ``apps`` rules fit the given application are lifted.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import query as q
from whoosh import scoring

from jitl_desktop.core.apps import ActiveApp, Catalog, best_strength, current_os
from jitl_desktop.core.index import STOP_WORDS, ContentIndex, normalize_name, stem_terms
from jitl_desktop.core.model import AppRule

MAX_WORDS = 32
SYNONYM_WEIGHT = 0.6
CORRECTED_WEIGHT = 0.8
PREFIX_WEIGHT = 0.5
NAME_WORD_WEIGHT = 4.0
#: Words that only phrase a question (dropped unless nothing else is left).
QUESTION_WORDS = frozenset([
    "how", "do", "does", "did", "i", "me", "my", "what", "which", "can", "could",
    "would", "should", "want", "need", "please", "way", "ways", "we", "our", "you",
    "your", "using", "use", "get"
])
OTHER_OS_FACTOR = 0.6
APP_FACTORS = {1: 1.3, 2: 1.5}  # category match, exact app match
CANDIDATES = 50

_WORD = re.compile(r"\w+")


@dataclass
class Result:
    id: str
    title: str
    kind: str
    path: str
    score: float
    snippet: str
    at: float | None
    root: str = ""
    summary: str = ""
    os: str | None = None
    apps: list[dict[str, str]] = field(default_factory=list)
    app_match: int = 0
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "kind": self.kind, "path": self.path,
                "score": round(self.score, 4), "snippet": self.snippet, "at": self.at,
                "root": self.root, "summary": self.summary}


@dataclass
class Response:
    query: str
    took_ms: float
    corrected: str | None
    results: list[Result]
    terms: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "took_ms": round(self.took_ms, 2),
                "corrected": self.corrected, "results": [r.to_json() for r in self.results]}


@dataclass
class _Word:
    text: str  # lower-case surface form (possibly corrected)
    terms: list[str]  # index terms (stemmed)
    prefix: bool = False
    weight: float = 1.0


class _Or(q.Or):  # type: ignore[misc]
    """A union that scores into arrays: several times faster than Whoosh's matcher tree
    for the many-term queries built here."""

    matcher_type = q.Or.ARRAY_MATCHER


class SearchEngine:
    """Answers queries from a :class:`ContentIndex` restricted to some content roots."""

    def __init__(self, content_index: ContentIndex, *, roots: Sequence[Path] | None = None,
                 catalog: Catalog | None = None, os_name: str | None = None) -> None:
        self.content_index = content_index
        self.roots = [str(Path(r).absolute()) for r in roots] if roots is not None else None
        self.catalog = catalog or Catalog()
        self.os_name = os_name or current_os()
        self._synonyms: dict[str, list[str]] | None = None
        self._vocabulary: Vocabulary | None = None
        self._searcher: Any = None
        self._searcher_ix: Any = None
        self._root_filter: q.Query | None = None

    def reload(self) -> None:
        """Forget what was read from the index (call after it was updated)."""
        self._synonyms = None
        self._vocabulary = None
        self.close()

    def __enter__(self) -> SearchEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
            self._searcher_ix = None

    def _current_searcher(self, ix: Any) -> Any:
        """One long-lived searcher, renewed when the index has changed."""
        if self._searcher is not None and self._searcher_ix is ix:
            if self._searcher.up_to_date():
                return self._searcher
            self.reload()
        self.close()
        self._searcher = ix.searcher(weighting=scoring.BM25F())
        self._searcher_ix = ix
        indexed = set(self.content_index.indexed_roots())
        self._root_filter = None
        if self.roots is not None and not indexed <= set(self.roots):
            self._root_filter = q.Or([q.Term("root", r) for r in self.roots])
        return self._searcher

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self.content_index.vocabulary())
        return self._vocabulary

    @property
    def synonyms(self) -> dict[str, list[str]]:
        if self._synonyms is None:
            self._synonyms = self.content_index.synonyms()
        return self._synonyms

    def search(self, text: str, *, limit: int = 10, app: ActiveApp | str | None = None,
               typing: bool = True, fuzzy: bool = True) -> Response:
        started = time.perf_counter()
        ix = self.content_index.open()
        if ix is None:
            return Response(text, 0.0, None, [])
        if isinstance(app, str):
            app = self.catalog.from_name(app)
        searcher = self._current_searcher(ix)
        words, corrected = self._parse(searcher, text, typing=typing, fuzzy=fuzzy)
        if not words:
            return Response(text, (time.perf_counter() - started) * 1000, None, [])
        query = self._build(words, text if corrected is None else corrected)
        hits = searcher.search(query, limit=max(CANDIDATES, limit), filter=self._root_filter)
        terms = sorted({t for w in words for t in w.terms})
        results = [self._result(hit, app) for hit in hits]
        results.sort(key=lambda r: -r.score)
        results = results[:limit]
        for result in results:
            result.at, result.snippet = _locate(result.meta, terms)
        took = (time.perf_counter() - started) * 1000
        return Response(text, took, corrected, results, terms)

    # --- parsing ---------------------------------------------------------------------

    def _parse(self, searcher: Any, text: str, *, typing: bool, fuzzy: bool
               ) -> tuple[list[_Word], str | None]:
        surface = list(dict.fromkeys(w.lower() for w in _WORD.findall(text)))[:MAX_WORDS]
        last_is_prefix = typing and bool(surface) and not text[-1:].isspace()
        meaningful = [w for w in surface if w not in QUESTION_WORDS and w not in STOP_WORDS]
        if not meaningful:
            meaningful = surface
        vocabulary = self.vocabulary
        reader = searcher.reader()
        words: list[_Word] = []
        replaced: dict[str, str] = {}
        for i, typed in enumerate(meaningful):
            word = typed
            is_last = last_is_prefix and typed == surface[-1] and i == len(meaningful) - 1
            known = word in vocabulary or not word.isalpha()
            if not known and is_last and len(word) >= 2:
                known = bool(vocabulary.completions(word, 1))
            weight = 1.0
            if not known and fuzzy and len(word) >= 4:
                for fix in vocabulary.correction(word):
                    if _in_index(reader, fix):
                        replaced[typed] = fix
                        word = fix
                        weight = CORRECTED_WEIGHT
                        break
            terms = stem_terms(word) or [word]
            words.append(_Word(word, terms, prefix=is_last and len(word) >= 2, weight=weight))
        corrected = None
        if replaced:
            corrected = _WORD.sub(lambda m: replaced.get(m.group(0).lower(), m.group(0)), text)
        return words, corrected

    # --- query -----------------------------------------------------------------------

    def _build(self, words: list[_Word], full_text: str) -> q.Query:
        clauses: list[q.Query] = []
        for word in words:
            alternatives: list[q.Query] = []
            alternatives.append(q.Term("names", word.text, boost=NAME_WORD_WEIGHT))
            for term in word.terms:
                alternatives.append(q.Term("content", term, boost=word.weight))
                for synonym in self.synonyms.get(term, ()):
                    parts = synonym.split()
                    weight = word.weight * SYNONYM_WEIGHT
                    if len(parts) == 1:
                        alternatives.append(q.Term("content", parts[0], boost=weight))
                    else:
                        alternatives.append(q.And([q.Term("content", p) for p in parts],
                                                  boost=weight))
            if word.prefix:
                seen = set(word.terms)
                for expansion in self.vocabulary.completions(word.text):
                    for term in stem_terms(expansion):
                        if term not in seen:
                            seen.add(term)
                            alternatives.append(q.Term("content", term, boost=PREFIX_WEIGHT))
            clauses.append(_Or(alternatives))
        whole = normalize_name(full_text)
        exact = q.Term("names", whole, boost=1000.0)
        return _Or([exact, *clauses])

    # --- results ---------------------------------------------------------------------

    def _result(self, hit: Any, app: ActiveApp | None) -> Result:
        meta: dict[str, Any] = hit["meta"]
        score = float(hit.score)
        item_os = hit.get("os") or None
        if item_os and item_os != self.os_name:
            score *= OTHER_OS_FACTOR
        strength = 0
        if app is not None:
            rules = [AppRule.from_json(r) for r in meta.get("apps", [])]
            strength = best_strength(rules, app)
            score *= APP_FACTORS.get(strength, 1.0)
        return Result(id=hit["id"], title=hit["title"], kind=hit["kind"], path=hit["path"],
                      score=score, snippet="", at=None, root=hit["root"],
                      summary=meta.get("summary", ""), os=item_os, apps=meta.get("apps", []),
                      app_match=strength, meta=meta)


class Vocabulary:
    """The words of the content (unstemmed) with how many items use each."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self._sorted: list[str] | None = None
        self._buckets: dict[tuple[str, int], list[str]] | None = None

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def completions(self, prefix: str, limit: int = 12) -> list[str]:
        """The most used words that start with ``prefix`` (itself excluded)."""
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        words = self._sorted
        i = bisect.bisect_left(words, prefix)
        found: list[str] = []
        while i < len(words) and words[i].startswith(prefix):
            if words[i] != prefix:
                found.append(words[i])
            i += 1
        found.sort(key=lambda w: (-self.counts[w], w))
        return found[:limit]

    def correction(self, word: str) -> list[str]:
        """Known words closest to ``word`` (distance 1, else 2 for words of 6+ letters),
        most used first. The first letter is trusted unless nothing else is found."""
        if self._buckets is None:
            buckets: dict[tuple[str, int], list[str]] = {}
            for w in self.counts:
                buckets.setdefault((w[0], len(w)), []).append(w)
            self._buckets = buckets
        maxdist = 1 if len(word) < 8 else 2
        letters = set(word)
        for dist in range(1, maxdist + 1):
            found = [w for n in range(len(word) - dist, len(word) + dist + 1)
                     for w in self._buckets.get((word[0], n), ())
                     if len(letters.symmetric_difference(w)) <= 2 * dist
                     and osa_distance(word, w, dist) <= dist]
            if found:
                return sorted(found, key=lambda w: (-self.counts[w], w))
        if len(word) >= 5:  # a typo in the first letter
            found = [w for (first, n), ws in self._buckets.items()
                     if first != word[0] and abs(n - len(word)) <= 1
                     for w in ws if len(letters.symmetric_difference(w)) <= 2
                     and osa_distance(word, w, 1) <= 1]
            return sorted(found, key=lambda w: (-self.counts[w], w))
        return []


def osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance (a transposition counts as one edit),
    returning ``limit + 1`` as soon as it is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        row_min = i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]):
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[len(b)]


def _in_index(reader: Any, word: str) -> bool:
    """Whether any item still uses ``word`` (the vocabulary may remember removed items)."""
    terms = stem_terms(word)
    return bool(terms) and reader.doc_frequency("content", terms[0]) > 0


def _locate(meta: dict[str, Any], terms: Iterable[str]) -> tuple[float | None, str]:
    """For a video: the first best-matching cue's start and text; else the best line."""
    wanted = set(terms)

    def overlap(text: str) -> int:
        return len(wanted.intersection(stem_terms(text)))

    cues = meta.get("cues") or []
    if cues:
        best = max(cues, key=lambda c: (overlap(c[1]), -c[0]))
        if overlap(best[1]):
            return float(best[0]), best[1]
        chapters = meta.get("chapters") or []
        if chapters:
            chapter = max(chapters, key=lambda c: (overlap(c[1]), -c[0]))
            if overlap(chapter[1]):
                return float(chapter[0]), chapter[1]
    lines = [line for line in (meta.get("text") or "").split("\n") if line.strip()]
    summary = meta.get("summary") or ""
    if lines:
        best_line = max(lines, key=overlap)
        if overlap(best_line) > overlap(summary):
            return None, _clip(best_line)
    return None, _clip(summary or (lines[0] if lines else ""))


def _clip(text: str, width: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
