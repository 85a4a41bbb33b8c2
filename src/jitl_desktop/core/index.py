"""The whole Whoosh index lifecycle: schema, incremental update, rebuild-and-swap, recovery.

Layout of the index folder (``<data dir>/index``)::

    CURRENT            name of the generation folder in use (replaced atomically)
    PREVIOUS           name of the generation CURRENT replaced, kept to answer from
                       while a damaged current generation is rebuilt
    UPDATE.lock        held (OS file lock) by the one process that writes
    gen-<stamp>/       a Whoosh index plus ``manifest.json`` (files → size, mtime, hash;
                       and the size of each Whoosh file); ``DAMAGED`` once a read failed

Readers never lock. Writers take ``UPDATE.lock``; a lock left by a killed
process is released by the operating system, so it never goes stale. A full
rebuild (new schema, corrupt index, ``--rebuild``) writes a new generation
folder and then points ``CURRENT`` at it, so a kill at any moment leaves a
usable index. Whoosh itself commits by renaming its table of contents, so an
incremental update killed midway leaves the previous commit readable; the
manifest is written after the commit, and every update is idempotent, so the
next run simply redoes what was lost.

Damage (a Whoosh file emptied, truncated, deleted or overwritten) is found two ways:
opening a generation compares the size of each of its Whoosh files with the size the
manifest recorded (a ``stat`` per file), and a read that fails is checked with
:meth:`ContentIndex.diagnose`, which reads the whole generation. A damaged generation
gets a ``DAMAGED`` marker (the reason inside): it is never opened again, the next
update rebuilds, and readers answer from ``PREVIOUS`` meanwhile.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import errno
import gc
import itertools
import json
import logging
import os
import re
import secrets
import shutil
import time
import warnings
from collections import Counter
from collections.abc import Callable, Collection, Container, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import columns, fields, index
from whoosh.analysis import (
    Analyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.codec.whoosh3 import W3Codec
from whoosh.system import pack_uint
from whoosh.util.filelock import FileLock

from jitl_desktop.core import analysis, context, gloss, incontext, meaning
from jitl_desktop.core import glossary as glossary_mod
from jitl_desktop.core.content import (
    Look,
    SourceFile,
    duplicate_problem,
    look_at,
    original_of,
    parse_item,
    read_source,
    scan_root,
    unique_id,
)
from jitl_desktop.core.files import write_atomic
from jitl_desktop.core.model import Item, Problem
from jitl_desktop.core.reading import FileRead, digest, item_vector, read_files
from jitl_desktop.errors import DataDirError, IndexBusyError, JitlError

log = logging.getLogger(__name__)

#: Bump when the schema or the item → fields mapping changes; a mismatch rebuilds.
SCHEMA_VERSION = 17
INDEX_NAME = "MAIN"
MANIFEST = "manifest.json"
#: the marker a generation gets when a read of it failed (it holds the reason)
DAMAGED = "DAMAGED"
#: files read between two progress reports
PROGRESS_EVERY = 25
Progress = Callable[[int, int], None]
#: how ``jitl-desktop index --progress`` reports on standard error: "progress DONE TOTAL"
PROGRESS_PREFIX = "progress"

#: Words that carry no meaning in English content or queries (each language's own
#: list: :func:`analysis.stop_words`).
STOP_WORDS = analysis.ENGLISH_STOP_WORDS
#: How much a part of a compound counts beside the whole word ("Bildschirmhelligkeit"
#: is also indexed as "bildschirm" and "helligkeit"), relative to its item part's weight.
COMPOUND_PART_WEIGHT = 0.5


def text_analyzer() -> Analyzer:
    """Words (split at every non-word character), lower case, stop words out, stemmed
    (English). :func:`stem_terms` does the same, faster and in every language, for
    everything this module indexes."""
    return (RegexTokenizer(r"\w+") | LowercaseFilter()
            | StopFilter(stoplist=STOP_WORDS, minsize=1) | StemFilter(stemfn=_stem))


def _stem(word: str) -> str:
    return analysis.stem(word, analysis.DEFAULT)


#: The index terms of a piece of text in a language (a base language, ``en`` by
#: default): words, stop words out, stemmed, accents folded.
stem_terms = analysis.terms


def pair_terms(terms: list[str]) -> list[str]:
    """Adjacent terms as pair terms (``directori_tree``)."""
    return [f"{a}_{b}" for a, b in itertools.pairwise(terms) if a != b]


_VOCAB_WORD = re.compile(r"[^\W\d_]{2,}")


def item_language(item: Item) -> str:
    """The base language an item is analysed in (English when it names none)."""
    return analysis.language_of(item.lang)


def item_words(item: Item) -> set[str]:
    """The unstemmed words of an item: the vocabulary for typo correction and prefixes."""
    text = " ".join([item.title, item.summary, " ".join(item.tags), " ".join(item.headings),
                     " ".join(item.code), item.body, " ".join(c.text for c in item.cues),
                     " ".join(c.title for c in item.chapters)])
    return set(_VOCAB_WORD.findall(text.lower()))


#: How much one word counts in each part of an item (BM25F: the weighted term
#: frequencies of all parts are added before saturation). Chosen by measurement:
#: benchmarks/RESULTS.md, "Field weights".
FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "tags": 2.0,
    "summary": 1.5,
    "headings": 1.5,
    "code": 1.0,
    "body": 1.0,
    "transcript": 1.0,
}


#: The prose parts whose adjacent words are also indexed as pairs.
PAIR_PARTS = ("title", "summary", "headings")


class WeightedText(fields.TEXT):  # type: ignore[misc]
    """A text field fed with ``[(terms, weight), ...]``: one posting per term whose
    weight is the sum of the weights of its occurrences (true BM25F in one field).
    Terms come from :func:`stem_terms`, the same function that analyses queries."""

    def __init__(self) -> None:
        super().__init__(analyzer=text_analyzer(), phrase=False)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        freqs: Counter[str] = Counter()
        weights: dict[str, float] = {}
        for terms, weight in value:
            for term in terms:
                freqs[term] += 1
                weights[term] = weights.get(term, 0.0) + weight
        for word, freq in freqs.items():
            yield word.encode("utf-8"), freq, weights[word], pack_uint(freq)


_COMMAND = re.compile(
    r"(?:^|[|;&(]|\bxargs\s+(?:-\S+\s+)*|\$\(|\bsudo\s+|\bexec\s+)\s*([a-z][\w.+-]*)", re.M)
_BACKTICKED = re.compile(r"`([\w.+-]+)`")


def item_mentions(item: Item) -> set[str]:
    """The names this item uses or points to: commands its code runs, names it quotes
    in backticks (tldr's "See also: `fd`"), the items it lists as related or
    prerequisite. Summed over all items this says how central each item is."""
    found = {m.group(1) for code in item.code for m in _COMMAND.finditer(code)}
    found.update(m.group(1).lower() for text in (item.summary, item.body)
                 for m in _BACKTICKED.finditer(text))
    found.update(ref.rsplit("/", 1)[-1] for ref in item.related + item.prerequisites)
    found.discard(item.id.rsplit("/", 1)[-1])
    return found


def schema_id() -> str:
    """The schema version plus a fingerprint of the weights baked into the index, so
    that changing a weight rebuilds the index instead of silently mixing weightings."""
    mapping = json.dumps([FIELD_WEIGHTS, PAIR_PARTS, COMPOUND_PART_WEIGHT,
                          sorted(analysis.COMPOUND_LANGUAGES), meaning.available(),
                          sorted(gloss.LANGUAGES.items()), gloss.VERSION,
                          meaning.BODY_SHARE, meaning.BODY_TEXT_CHARS,
                          context.available() and meaning.available(), context.TEXT,
                          [(r.model_file, sorted(r.languages), r.mark,
                            context.available(r)) for r in context.READERS]],
                         sort_keys=True)
    return f"{SCHEMA_VERSION}-{digest(mapping.encode())[:8]}"


def build_schema() -> fields.Schema:
    return fields.Schema(
        path=fields.ID(stored=True, unique=True),
        id=fields.ID(stored=True),
        root=fields.ID(stored=True),
        kind=fields.ID(stored=True),
        os=fields.ID(stored=True),
        # the item's language, and "1" on a translation (x.de.md): one document per
        # language of an item, all with the item's id; core/search.py shows one of them
        lang=fields.ID(stored=True),
        variant=fields.ID(),
        names=fields.KEYWORD(commas=True, lowercase=True, scorable=True),
        title=fields.STORED(),
        content=WeightedText(),
        pairs=WeightedText(),
        apps=fields.KEYWORD(commas=True, lowercase=True),
        topics=fields.KEYWORD(commas=True, lowercase=True),
        meta=fields.STORED(),
        # what the item is about as a vector (core/meaning.py), read in bulk by search
        meaning=fields.COLUMN(columns.VarBytesColumn()),
        # its passages (core/passages.py), for items the context model reads: their
        # vectors are made after the build (core/incontext.py PassageStore) and rank the
        # first results by the passage that comes nearest (core/search.py)
        passages=fields.COLUMN(columns.VarBytesColumn()),
    )


def normalize_name(text: str) -> str:
    """How titles, ids and whole queries are compared for an exact match."""
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


def item_fields(item: Item, vector: bytes | None = None) -> dict[str, Any]:
    """A pure mapping from an item to the index fields (``vector``: its meaning, when
    it was made already)."""
    base = item.id.rsplit("/", 1)[-1]
    names = {normalize_name(item.title), item.id.lower(), normalize_name(base)}
    transcript = " ".join(cue.text for cue in item.cues)
    chapters = [c.title for c in item.chapters]
    texts = {
        "title": item.title,
        "summary": item.summary,
        "tags": "\n".join(item.tags),
        "headings": "\n".join(item.headings + chapters),
        "code": "\n".join(item.code),
        "body": item.body,
        "transcript": transcript,
    }
    lang = item_language(item)
    lines = {part: [stem_terms(line, lang) for line in text.split("\n")]
             for part, text in texts.items()}
    parts = {part: [t for line in part_lines for t in line] for part, part_lines in lines.items()}
    content = [(terms, FIELD_WEIGHTS[part]) for part, terms in parts.items()]
    if lang in analysis.COMPOUND_LANGUAGES:
        known = item_words(item)
        content += [(analysis.part_terms(text, lang, known),
                     FIELD_WEIGHTS[part] * COMPOUND_PART_WEIGHT)
                    for part, text in texts.items()]
    snippet_source = item.body[:1500]
    meta = {
        "title": item.title,
        "summary": item.summary,
        "tags": item.tags,
        "topics": item.topics,
        "apps": [rule.to_json() for rule in item.apps],
        "level": item.level,
        "duration": item.duration,
        "owner": item.owner,
        "reviewed": item.reviewed.isoformat() if item.reviewed else None,
        "expires": item.expires.isoformat() if item.expires else None,
        "related": item.related,
        "prerequisites": item.prerequisites,
        "url": item.url,
        "video": item.video,
        "chapters": [[c.at, c.title] for c in item.chapters],
        "cues": [[c.start, c.text] for c in item.cues],
        "questions": [q.to_json() for q in item.questions],
        "checks": item.checks,
        "text": snippet_source,
        "lang": item.lang,
        "transcript": item.transcript,
        "transcripts": item.transcripts,
    }
    return {
        "path": item.path,
        "id": item.id,
        "root": item.root,
        "kind": item.kind,
        "os": item.os or "",
        "lang": item.lang,
        "variant": "1" if item.original else "",
        "names": ",".join(sorted(n for n in names if n)),
        "title": item.title,
        "content": content,
        # adjacent words within a line of the prose parts: "disk space", "directory tree"
        "pairs": [(pair_terms(line_terms), FIELD_WEIGHTS[part])
                  for part in PAIR_PARTS
                  for line_terms in lines[part]],
        # rule names, and "*" on every item with any rule (for context suggestions)
        "apps": ",".join([r.name for r in item.apps if r.name] + (["*"] if item.apps else [])),
        "topics": ",".join(item.topics),
        "meta": meta,
        "meaning": item_vector(item) if vector is None else vector,
        "passages": PASSAGE_SEPARATOR.join(item_passages(item)).encode("utf-8"),
    }


#: between an item's passages in the index's ``passages`` column
PASSAGE_SEPARATOR = "\x1f"


def item_passages(item: Item) -> list[str]:
    """The passages of an item a context model reads, as the index keeps them for it
    (:func:`core.context.marked`; none for others: nothing reads their vectors)."""
    lang = item_language(item)
    if context.reader_for(lang) is None:
        return []
    return [context.marked(text, lang) for text in item.passages]




# --- manifest ----------------------------------------------------------------------------

@dataclass
class FileState:
    size: int
    mtime_ns: int
    sha1: str
    item_id: str | None  # None when the file could not be loaded
    problems: list[list[Any]] = field(default_factory=list)  # [line, severity, message]
    lang: str = ""  # the folder's language when it was read (a change reads it again)
    #: the other files its item was read from (its transcript) as [path, size, mtime_ns]
    #: then (-1, -1: not there): a change of one reads the item again
    deps: list[list[Any]] = field(default_factory=list)

    def to_json(self) -> list[Any]:
        return [self.size, self.mtime_ns, self.sha1, self.item_id, self.problems, self.lang,
                *([self.deps] if self.deps else [])]

    @classmethod
    def from_json(cls, data: list[Any]) -> FileState:
        return cls(int(data[0]), int(data[1]), str(data[2]), data[3], list(data[4]),
                   str(data[5]) if len(data) > 5 else "",
                   list(data[6]) if len(data) > 6 else [])


@dataclass
class Manifest:
    schema: str = field(default_factory=schema_id)
    #: root → (path → state)
    #: root → (path → FileState as JSON: kept raw, so an unchanged file costs no object)
    roots: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    updated: str | None = None
    #: word → number of items that had it when indexed (a superset after removals;
    #: the searcher confirms a word against the index before using it)
    vocab: Counter[str] = field(default_factory=Counter)
    #: name → number of other items that use or point to it (see item_mentions)
    mentions: Counter[str] = field(default_factory=Counter)

    #: whether vocab and mentions hold real counts (a rebuild, or loaded for an update)
    counted: bool = False
    #: Whoosh file → its size after the last commit (checked when the index is opened)
    files: dict[str, int] = field(default_factory=dict)

    def count(self, item: Item) -> None:
        self.vocab.update(item_words(item))
        self.mentions.update(item_mentions(item))

    def to_json(self) -> dict[str, Any]:
        return {"schema": self.schema, "updated": self.updated,
                "roots": self.roots, "files": self.files}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        return cls(schema=str(data["schema"]), updated=data.get("updated"),
                   roots=data["roots"],
                   files={str(k): int(v) for k, v in data.get("files", {}).items()})


@dataclass
class UpdateReport:
    """What one update did."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False
    reason: str = ""
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    #: texts still to be read in context (more than an update reads at once:
    #: :meth:`ContentIndex.read_in_context` reads them)
    context_waiting: int = 0

    @property
    def touched(self) -> int:
        return self.added + self.changed + self.removed


def _stale(states: dict[str, Any], src: SourceFile) -> bool:
    """Whether a file must be read (it is new, its size or time changed, its folder's
    language, or a file its item was read from)."""
    raw = states.get(src.path)
    return (raw is None or raw[0] != src.size or raw[1] != src.mtime_ns
            or (raw[5] if len(raw) > 5 else "") != src.lang
            or (len(raw) > 6 and _deps_changed(raw[6])))


def _dependencies(src: SourceFile, item: Item | None) -> list[list[Any]]:
    """The other files ``item`` was read from (its transcript), as FileState keeps
    them."""
    if item is None or not item.transcript:
        return []
    path = os.path.normpath(os.path.join(os.path.dirname(src.path), item.transcript))
    return [[path, *_size_and_time(path)]]


def _size_and_time(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return -1, -1
    return st.st_size, st.st_mtime_ns


def _deps_changed(deps: list[list[Any]]) -> bool:
    return any(tuple(dep[1:3]) != _size_and_time(dep[0]) for dep in deps)


def _dependents(states: dict[str, list[Any]]) -> dict[str, list[str]]:
    """Each file other items were read from → those items' files."""
    found: dict[str, list[str]] = {}
    for path, raw in states.items():
        for dep in raw[6] if len(raw) > 6 else ():
            found.setdefault(dep[0], []).append(path)
    return found


def _with_translations(scanned: dict[str, list[SourceFile]],
                       stale: dict[str, list[SourceFile]], manifest: Manifest) -> set[str]:
    """The paths of the files to read again: the stale ones, and the translations of
    stale or removed files (added to ``stale``)."""
    reloading = {src.path for files in stale.values() for src in files}
    for root, files in scanned.items():
        gone = set(manifest.roots.get(root, {})) - {src.path for src in files}
        forced = _translations_of(files, reloading | gone) - reloading
        stale[root] += [src for src in files if src.path in forced]
        reloading |= forced
    return reloading


def _translations_of(files: list[SourceFile], changed: set[str]) -> set[str]:
    """The translations (``x.de.md``) whose original (``x.md``) is among ``changed``
    (new, changed or removed): what they inherit must be read again."""
    out: set[str] = set()
    if not changed:
        return out
    for src in files:
        found = original_of(src.path)
        if found is not None and found[0] in changed:
            out.add(src.path)
    return out


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: an update makes an object for each of the
    manifest's files, and in a process holding many (the app, a build just done) each
    collection walks them all (at 74k items a saved file took 0.97 s with collections,
    0.62 s without: benchmarks/RESULTS.md). What it frees is freed as it goes; the
    collections come back after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _folder_prefix(folder: str) -> str:
    """``folder`` with one separator at its end: what the paths under it start with."""
    return folder.rstrip(os.sep) + os.sep


def _folder_entries(folder: str, states: dict[str, Any]) -> list[str] | None:
    """The paths to look at when a watcher says ``folder``'s entries changed: its files
    that are new or whose size or time differ from the manifest's, and those the
    manifest lists in it that are gone; None for a folder the manifest knows nothing
    under (new, or moved here: only a full scan finds all it holds). Its subfolders are
    left out: a folder made, moved or removed in it is reported on its own."""
    prefix = _folder_prefix(folder)
    inside = [p for p in states if p.startswith(prefix) and os.sep not in p[len(prefix):]]
    if not inside and not any(p.startswith(prefix) for p in states):
        return None
    out: list[str] = []
    listed: set[str] = set()
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                if entry.is_dir(follow_symlinks=False):
                    continue
                listed.add(entry.path)
                raw = states.get(entry.path)
                try:
                    st = entry.stat()  # as the scan compares: the file a symlink names
                except OSError:
                    st = None
                if raw is None or st is None or (raw[0], raw[1]) != (st.st_size,
                                                                     st.st_mtime_ns):
                    out.append(entry.path)
    except OSError:
        return None
    return out + [p for p in inside if p not in listed]


def _no_progress(done: int, total: int) -> None:
    del done, total


class IndexDamagedError(JitlError):
    """A generation of the index could not be read: it is marked damaged and rebuilt."""

    def __init__(self, index_dir: Path, generation: str, reason: str) -> None:
        super().__init__(f"the search index in {index_dir} is damaged ({reason}); "
                         "it is being rebuilt")
        self.generation = generation
        self.reason = reason


def _data_dir_error(exc: OSError, where: Path) -> DataDirError:
    if exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = "it is read-only or not writable by you"
    else:
        why = exc.strerror or str(exc)
    return DataDirError(f"cannot write the search index in {where}: {why}. "
                        "Free some space or choose another folder with --data-dir "
                        "or JITL_DATA_DIR.")


class ContentIndex:
    """The search index of a set of content roots, kept in ``index_dir``."""

    def __init__(self, index_dir: Path, *, lock_timeout: float = 30.0) -> None:
        self.index_dir = index_dir
        self.lock_timeout = lock_timeout
        self._ix: index.Index | None = None
        self._gen: str | None = None
        #: the CURRENT that :meth:`open` last looked at (it opens again when it changes)
        self._opened_for: str | bool | None = False
        #: generations found damaged by this object (also marked on disk when it can)
        self._bad: dict[str, str] = {}
        self._progress: Progress = _no_progress
        #: the texts the items added by this update are read by in context
        self._added_texts: list[str] = []
        self._added_passages: list[str] = []
        #: the items' vectors in context, kept beside the generations (shared by them)
        self.context_vectors = incontext.VectorStore(index_dir / incontext.FILE_NAME)
        #: their passages' vectors, the same way, and how many the last look found still
        #: to be made (None: not looked at; made after the items', see read_in_context)
        self.passage_vectors = incontext.PassageStore(index_dir
                                                      / incontext.PASSAGES_FILE_NAME)
        self.passages_left: int | None = None
        #: the manifest last read or written, and which file it was (see _read_manifest)
        self._manifest_cache: tuple[tuple[int, int, int, str], Manifest] | None = None
        #: what the last full scan of each root found wrong (folders and settings files
        #: that could not be read), said again by an update of the changed files only
        self._scan_problems: dict[str, list[Problem]] | None = None

    # --- locations -------------------------------------------------------------------

    def _pointer(self, name: str) -> str | None:
        try:
            gen = (self.index_dir / name).read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return gen or None

    def _current_gen(self) -> str | None:
        return self._pointer("CURRENT")

    def _gen_dir(self, name: str) -> Path:
        return self.index_dir / name

    @property
    def reading(self) -> str | None:
        """The generation :meth:`open` answers from (CURRENT, or PREVIOUS while CURRENT
        is damaged), or None."""
        return self._gen if self._ix is not None else None

    # --- reading ---------------------------------------------------------------------

    def _open_current(self) -> tuple[index.Index, Manifest] | None:
        """The index and manifest in use, or None if absent, corrupt or of another schema."""
        return self._open_gen(self._current_gen())

    def _open_gen(self, gen: str | None) -> tuple[index.Index, Manifest] | None:
        if gen is None:
            return None
        # Whoosh leaves a damaged table of contents open when it fails to read it:
        # close such files here, quietly, rather than at some later collection.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            opened = self._try_open(self._gen_dir(gen))
            if opened is None:
                gc.collect()
        if opened is not None:
            self._gen = gen
        return opened

    def damaged(self, gen: str) -> str | None:
        """Why ``gen`` was marked damaged, or None if it was not."""
        if gen in self._bad:
            return self._bad[gen]
        try:
            return (self._gen_dir(gen) / DAMAGED).read_text(encoding="utf-8").strip() \
                or "marked damaged"
        except OSError:
            return None

    def _try_open(self, folder: Path) -> tuple[index.Index, Manifest] | None:
        if self.damaged(folder.name) is not None:
            return None  # reported when it was marked
        for attempt in (1, 2):  # once more: another process's commit may have moved on
            try:
                manifest = self._read_manifest(folder)
                if manifest.schema != schema_id():
                    log.info("index schema %s differs from %s", manifest.schema, schema_id())
                    return None
                ix = index.open_dir(str(folder), indexname=INDEX_NAME)
                if problem := _file_damage(folder, ix, manifest.files):
                    raise ValueError(problem)
                with ix.searcher() as searcher:  # reads the TOC and every segment's files
                    searcher.doc_count()
            except Exception as exc:  # any damage at all means: rebuild
                if attempt == 2:
                    self.mark_damaged(folder.name, str(exc) or type(exc).__name__)
                    return None
            else:
                return ix, manifest
        return None

    def _read_manifest(self, folder: Path) -> Manifest:
        """The manifest of the generation in ``folder``. The last one read or written is
        kept while its file stays the same (at 74k items it takes 0.1 s to parse, and a
        saved file's update reads it twice); an update changes the object it gets and
        writes it, or forgets it."""
        path = folder / MANIFEST
        st = path.stat()
        key = (st.st_ino, st.st_mtime_ns, st.st_size, str(folder))
        if self._manifest_cache is not None and self._manifest_cache[0] == key:
            return self._manifest_cache[1]
        manifest = Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
        self._manifest_cache = (key, manifest)
        return manifest

    def _remember_manifest(self, folder: Path, manifest: Manifest) -> None:
        st = (folder / MANIFEST).stat()
        self._manifest_cache = ((st.st_ino, st.st_mtime_ns, st.st_size, str(folder)),
                                manifest)

    def needs_rebuild(self) -> bool:
        """Whether the next update will rebuild everything (no index, another schema,
        damage)."""
        return self._open_current() is None

    def open(self) -> index.Index | None:
        """The current index for searching (no update), or None if there is none. While
        the current generation is damaged, the previous one (if any is kept) answers."""
        current = self._current_gen()
        if self._opened_for != current:
            known = current is None or self.damaged(current) is not None
            opened = self._open_current()
            damage = None if opened or current is None else self.damaged(current)
            if damage is not None:
                opened = self._open_gen(self._pointer("PREVIOUS"))
            self._ix = opened[0] if opened else None
            self._opened_for = current
            if damage is not None and not known:  # found now: say so once
                assert current is not None
                raise IndexDamagedError(self.index_dir, current, damage)
        return self._ix

    def current_damage(self) -> IndexDamagedError | None:
        """The error to report if the current generation was found damaged."""
        gen = self._current_gen()
        damage = self.damaged(gen) if gen else None
        return IndexDamagedError(self.index_dir, gen, damage) if gen and damage else None

    def mark_damaged(self, gen: str, reason: str) -> None:
        """Never read ``gen`` again (the next update rebuilds it); the marker on disk tells
        every other reader and process, as far as the folder can be written."""
        self._bad[gen] = reason
        with contextlib.suppress(OSError):
            write_atomic(self._gen_dir(gen) / DAMAGED, reason + "\n")
        self._ix, self._opened_for = None, False
        log.info("index generation %s marked damaged: %s", gen, reason)

    def diagnose(self, exc: BaseException) -> IndexDamagedError | None:
        """After a read of the generation being read failed with ``exc``: if the whole
        generation does not read back, mark it damaged and return the error to report;
        None if it reads well (the failure was something else)."""
        gen = self._gen
        if gen is None:
            return None
        problem = self.verify(gen)
        if problem is None:
            return None
        self.mark_damaged(gen, problem)
        log.info("(first seen as %s: %s)", type(exc).__name__, exc)
        return IndexDamagedError(self.index_dir, gen, problem)

    def verify(self, gen: str | None = None) -> str | None:
        """Read every stored item, field length and posting list of a generation (the
        current one by default); None if all of it reads back, else what failed."""
        gen = gen or self._current_gen()
        if gen is None:
            return None
        folder = self._gen_dir(gen)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                manifest = Manifest.from_json(
                    json.loads((folder / MANIFEST).read_text(encoding="utf-8")))
                ix = index.open_dir(str(folder), indexname=INDEX_NAME)
                if problem := _file_damage(folder, ix, manifest.files):
                    return problem
                with ix.searcher() as searcher:
                    _read_everything(searcher)
            except Exception as exc:  # whatever Whoosh raises on bad bytes
                return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            finally:
                gc.collect()
        return None

    def manifest(self) -> Manifest | None:
        gen = self._current_gen()
        if gen is None:
            return None
        try:
            return Manifest.from_json(json.loads(
                (self._gen_dir(gen) / MANIFEST).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def indexed_roots(self) -> list[str]:
        manifest = self.manifest()
        return list(manifest.roots) if manifest else []

    def _counts(self, name: str) -> dict[str, int]:
        gen = self._current_gen()
        if gen is None:
            return {}
        try:
            data = json.loads((self._gen_dir(gen) / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): int(v) for k, v in data.items()}

    def vocabulary(self) -> dict[str, int]:
        """Word → number of items using it (for typo correction and completion)."""
        return self._counts("vocab.json")

    def mentions(self) -> dict[str, int]:
        """Item name → number of other items whose code runs it or that point to it."""
        return self._counts("mentions.json")

    def synonyms(self) -> dict[str, list[str]]:
        gen = self._current_gen()
        if gen is None:
            return {}
        try:
            data = json.loads((self._gen_dir(gen) / "synonyms.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): [str(x) for x in v] for k, v in data.items()}

    # --- writing ---------------------------------------------------------------------

    @contextlib.contextmanager
    def _update_lock(self) -> Iterator[None]:
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.index_dir / "UPDATE.lock"))
            deadline = time.monotonic() + self.lock_timeout
            while not lock.acquire(blocking=False):
                if time.monotonic() > deadline:
                    raise IndexBusyError(
                        f"another process has been updating the index in {self.index_dir} "
                        f"for over {self.lock_timeout:.0f} s; try again later")
                time.sleep(0.05)
        except OSError as exc:
            raise _data_dir_error(exc, self.index_dir) from exc
        try:
            yield
        finally:
            lock.release()

    def update(self, roots: Iterable[Path], *, rebuild: bool = False,
               glossary_files: Iterable[Path] = (),
               progress: Progress | None = None,
               in_context: int = incontext.INLINE,
               changed: Collection[str] | None = None) -> UpdateReport:
        """Bring the index up to date with ``roots`` (others already indexed are kept).

        ``changed``: the paths a watcher saw change since the last update. When each is an
        item file (saved, added or removed), only those are looked at, not every file of
        the roots; anything else (a folder, a settings file, a path outside the roots, a
        first update by this object) makes it look at every file, as without them.

        ``progress(done, total)`` is called as files are read (files that need reading
        only: an unchanged file costs nothing and is not counted). The items added are
        read in context (core/incontext.py) when at most ``in_context`` of their texts
        are new; else ``context_waiting`` in the report says how many are, for
        :meth:`read_in_context`."""
        started = time.perf_counter()
        self._progress = progress or _no_progress
        self._added_texts, self._added_passages = [], []
        root_list = [Path(r).absolute() for r in roots]
        try:
            with self._update_lock():
                opened = None if rebuild else self._open_current()
                if opened is None:
                    current = self._current_gen()
                    damage = self.damaged(current) if current else None
                    reason = "requested" if rebuild else (
                        "new index" if current is None
                        else f"index damaged: {damage}" if damage is not None
                        else "schema changed or index damaged")
                    report = self._rebuild(root_list, list(glossary_files))
                    report.reason = reason
                else:
                    ix, manifest = opened
                    with _no_cycle_collection():
                        report = self._incremental(ix, manifest, root_list,
                                                   list(glossary_files), changed)
                self._cleanup_generations()
                report.context_waiting = self._read_added_in_context(in_context)
        except BaseException as exc:
            self._manifest_cache = None  # it may have been changed halfway
            if isinstance(exc, OSError):
                raise _data_dir_error(exc, self.index_dir) from exc
            raise
        self._ix, self._opened_for = None, False
        report.seconds = time.perf_counter() - started
        return report

    def _scan(self, roots: list[Path], report: UpdateReport
              ) -> dict[str, list[SourceFile]]:
        found: dict[str, list[SourceFile]] = {}
        said: dict[str, list[Problem]] = {}
        for root in roots:
            if not root.is_dir():
                found[str(root)], problems = [], [Problem(
                    str(root), 0, "error", "content folder not found or not a folder")]
            else:
                found[str(root)], problems = scan_root(root)
            report.problems.extend(problems)
            said[str(root)] = problems
        self._scan_problems = said
        return found

    def _files(self, roots: list[Path], manifest: Manifest, changed: Collection[str] | None,
               report: UpdateReport) -> dict[str, list[SourceFile]]:
        """The item files of each root: of the changed paths only when they tell enough."""
        found = None if changed is None else self._scan_changed(roots, manifest, changed,
                                                                report)
        return found if found is not None else self._scan(roots, report)

    def _scan_changed(self, roots: list[Path], manifest: Manifest, changed: Collection[str],
                      report: UpdateReport) -> dict[str, list[SourceFile]] | None:
        """What :meth:`_scan` would find, from the manifest and a look at the ``changed``
        paths only; None when only a full scan can tell (see :meth:`update`)."""
        known = self._scan_problems
        if known is None or set(known) != {str(r) for r in roots}:
            return None
        looked: dict[str, SourceFile | None] = {}  # None: no item file there any more
        dependents: dict[str, dict[str, list[str]]] = {}  # by root, made when needed
        waiting = list(changed)
        while waiting:
            path = waiting.pop()
            root = next((r for r in roots if path == str(r).rstrip(os.sep)
                         or path.startswith(_folder_prefix(str(r)))), None)
            if root is None:
                return None
            states = manifest.roots.get(str(root), {})
            what, src = look_at(root, path)
            if what == Look.SCAN or (what == Look.GONE and path not in states and any(
                    p.startswith(_folder_prefix(path)) for p in states)):  # a folder gone
                return None
            if what == Look.FOLDER:
                entries = _folder_entries(path, states)
                if entries is None:
                    return None
                waiting += [p for p in entries if p not in looked]
            elif what == Look.FILE or path in states:
                looked[path] = src
            else:  # not an item's file: perhaps one an item was read from (a transcript)
                if str(root) not in dependents:
                    dependents[str(root)] = _dependents(states)
                waiting += [p for p in dependents[str(root)].get(path, ()) if p not in looked]
        found: dict[str, list[SourceFile]] = {}
        for root in roots:
            key = str(root)
            skip = len(_folder_prefix(key))
            files = [SourceFile(root, path, path[skip:].replace(os.sep, "/"), raw[0], raw[1],
                                raw[5] if len(raw) > 5 else "")
                     for path, raw in manifest.roots.get(key, {}).items()
                     if path not in looked]
            files += [src for src in looked.values() if src is not None and src.root == root]
            found[key] = files
            report.problems.extend(known[key])
        return found

    def _rebuild(self, roots: list[Path], glossaries: list[Path]) -> UpdateReport:
        report = UpdateReport(rebuilt=True)
        old = self.manifest()
        # keep the other roots that were indexed before, so one rebuild serves all
        all_roots = list(dict.fromkeys(
            roots + [Path(r) for r in (old.roots if old else {}) if Path(r).is_dir()]))
        name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
        folder = self._gen_dir(name)
        folder.mkdir(parents=True)
        before = self._current_gen()
        try:
            report = self._build_generation(folder, all_roots, glossaries, report)
            write_atomic(self.index_dir / "CURRENT", name + "\n")
            # keep the generation replaced, to answer from if the new one gets damaged
            # (not a damaged one, nor one of another schema: it could not answer)
            if before and not self.damaged(before):
                if old and old.schema == schema_id():
                    write_atomic(self.index_dir / "PREVIOUS", before + "\n")
                else:
                    (self.index_dir / "PREVIOUS").unlink(missing_ok=True)
        except BaseException:
            # a full disk, a kill signal, a bug: the half-built generation goes, so it
            # does not hold the space; CURRENT still names the previous one
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return report

    def _build_generation(self, folder: Path, all_roots: list[Path], glossaries: list[Path],
                          report: UpdateReport) -> UpdateReport:
        ix = index.create_in(str(folder), build_schema(), indexname=INDEX_NAME)
        manifest = Manifest(counted=True)
        writer = ix.writer(limitmb=256, codec=_codec(), compound=False)
        taken: dict[str, str] = {}  # item id → the path of its file
        try:
            scanned = self._scan(all_roots, report)
            listed = [(root, src) for root, files in scanned.items() for src in files]
            for root in scanned:
                manifest.roots.setdefault(root, {})
            total = len(listed)
            # (many files: read and parsed by a second process while this one writes)
            with contextlib.closing(read_files([src for _, src in listed])) as reads:
                for done, ((root, src), read) in enumerate(zip(listed, reads, strict=True),
                                                           1):
                    if done % PROGRESS_EVERY == 0 or done == total:
                        self._progress(done, total)
                    state, item = self._load(src, report, taken, read=read)
                    manifest.roots[root][src.path] = state.to_json()
                    if item is not None:
                        self._add(writer, item_fields(item, read.meaning))
                        manifest.count(item)
                        report.added += 1
            writer.commit()
        except BaseException:
            with contextlib.suppress(Exception):  # the first error is the one to report
                writer.cancel()
            raise
        self._finish(folder, manifest, glossaries)
        return report

    def _incremental(self, ix: index.Index, manifest: Manifest, roots: list[Path],
                     glossaries: list[Path], changed: Collection[str] | None
                     ) -> UpdateReport:
        report = UpdateReport()
        to_delete: list[str] = []
        to_add: list[Item] = []
        dirty = False
        scanned = self._files(roots, manifest, changed, report)
        stale = {root: [src for src in files if _stale(manifest.roots.get(root, {}), src)]
                 for root, files in scanned.items()}
        reloading = _with_translations(scanned, stale, manifest)
        taken = {raw[3]: path for states in manifest.roots.values()
                 for path, raw in states.items()
                 if raw[3] and path not in reloading and original_of(path) is None}
        total, done = sum(len(f) for f in stale.values()), 0
        for root, files in scanned.items():
            states = manifest.roots.setdefault(root, {})
            seen: set[str] = set()
            for src in files:
                path = src.path
                seen.add(path)
                raw = states.get(path)
                if path not in reloading:
                    assert raw is not None
                    report.unchanged += 1
                    report.problems.extend(Problem(path, *p) for p in raw[4])
                    continue
                done += 1
                if done % PROGRESS_EVERY == 0 or done == total:
                    self._progress(done, total)
                old = FileState.from_json(raw) if raw is not None else None
                same = old if old is not None and old.lang == src.lang and \
                    original_of(path) is None else None
                state, item = self._load(src, report, taken, known=same)
                states[path] = state.to_json()
                dirty = True
                if same is not None and state is same:  # same bytes, only the time changed
                    report.unchanged += 1
                    continue
                to_delete.append(path)
                if item is not None:
                    to_add.append(item)
                if old is None:
                    report.added += 1
                else:
                    report.changed += 1
            for path in set(states) - seen:
                del states[path]
                to_delete.append(path)
                report.removed += 1
                dirty = True
        if to_add:
            manifest.vocab = Counter(self.vocabulary())
            manifest.mentions = Counter(self.mentions())
            manifest.counted = True
        if to_delete or to_add:
            writer = ix.writer(timeout=self.lock_timeout, codec=_codec(), compound=False)
            try:
                for path in to_delete:
                    writer.delete_by_term("path", path)
                for item in to_add:
                    self._add(writer, item_fields(item))
                    manifest.count(item)
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
        gen = self._current_gen()
        assert gen is not None
        if dirty or self._glossary_changed(gen, glossaries):
            self._finish(self._gen_dir(gen), manifest, glossaries)
        return report

    def _add(self, writer: Any, fields: dict[str, Any]) -> None:
        writer.add_document(**fields)
        if len(fields["meaning"]) > meaning.VECTOR_BYTES:
            self._added_texts.append(fields["meaning"][meaning.VECTOR_BYTES:].decode("utf-8"))
        if fields["passages"]:
            self._added_passages += fields["passages"].decode("utf-8").split(
                PASSAGE_SEPARATOR)

    # --- meaning in context (core/incontext.py) ------------------------------------------

    def _read_added_in_context(self, at_most: int) -> int:
        """Read the texts this update added in context when at most ``at_most`` are new;
        the number left to read (called with the update lock held)."""
        texts, self._added_texts = self._added_texts, []
        added, self._added_passages = self._added_passages, []
        if not texts or not context.available():
            return 0
        waiting = _to_read(self.context_vectors, texts)
        if not waiting or len(waiting) > at_most:
            return len(waiting)
        left = len(waiting) - self._make_context_vectors(waiting, locked=True)
        passages = _to_read(self.passage_vectors, added)
        if not left and len(passages) <= at_most:  # (else read_in_context makes them)
            self._make_context_vectors(passages, locked=True, store=self.passage_vectors)
        elif passages:
            self.passages_left = len(passages)
        return left

    def _context_texts(self) -> list[str]:
        """The texts the current index's items are read by in context."""
        ix = self.open()
        if ix is None:
            return []
        with ix.searcher() as searcher:
            return read_context_texts(searcher.reader())

    def context_coverage(self) -> incontext.Coverage:
        """How many of the current index's texts have their vector in context."""
        texts = self._context_texts()
        if not texts or not context.available():
            return incontext.Coverage()
        missing = len(self.context_vectors.missing(texts))
        return incontext.Coverage(have=len(texts) - missing, missing=missing)

    def read_in_context(self, *, stop: Callable[[], bool] | None = None,
                        progress: Progress | None = None, threads: int = 1
                        ) -> tuple[int, int]:
        """Make the vectors in context that the current index still lacks, a slice at a
        time (see :data:`incontext.SLICE`; ``stop()`` is asked before each, and ends
        early when true), by ``threads`` threads; drop those of texts no longer indexed
        once all are made, when they are many. Returns how many were made and how many
        are still missing."""
        texts = self._context_texts()
        if not texts or not context.available():
            self.passages_left = 0
            return 0, 0
        waiting = _to_read(self.context_vectors, texts)
        made = self._make_context_vectors(waiting, stop=stop, progress=progress,
                                          threads=threads)
        if made == len(waiting):
            with self._update_lock(), contextlib.suppress(OSError):  # (tried next time)
                self.context_vectors.keep_only(texts)
            self._read_passages(stop=stop, threads=threads)
        return made, len(waiting) - made

    def _read_passages(self, *, stop: Callable[[], bool] | None = None,
                       threads: int = 1) -> None:
        """Make the passages' vectors the current index still lacks (after the items'
        own, which every ranking needs first); drop those no longer indexed once all are
        made."""
        ix = self.open()
        if ix is None:
            return
        with ix.searcher() as searcher:
            texts = read_passage_texts(searcher.reader())
        waiting = _to_read(self.passage_vectors, texts)
        made = self._make_context_vectors(waiting, stop=stop, threads=threads,
                                          store=self.passage_vectors)
        self.passages_left = len(waiting) - made
        if made == len(waiting):
            with self._update_lock(), contextlib.suppress(OSError):
                self.passage_vectors.keep_only(texts)

    def _make_context_vectors(self, texts: list[str], *, locked: bool = False,
                              stop: Callable[[], bool] | None = None,
                              progress: Progress | None = None, threads: int = 1,
                              store: incontext.VectorStore | None = None) -> int:
        """Make and keep the vectors of ``texts``, a slice at a time, by ``threads``
        threads (onnxruntime lets go of the interpreter while it reads); how many were
        made (fewer when ``stop()`` said so, or none without the model)."""
        texts = [text for text in texts if context.loads(text)]
        if not texts:
            return 0
        store = self.context_vectors if store is None else store
        made = 0
        started = time.perf_counter()
        parts = [texts[i:i + incontext.SLICE] for i in range(0, len(texts), incontext.SLICE)]
        pool = concurrent.futures.ThreadPoolExecutor(threads) if threads > 1 else None
        found = iter(pool.map(context.read, parts) if pool is not None
                     else map(context.read, parts))
        try:
            for part in parts:
                if stop is not None and stop():
                    break
                vectors = next(found)
                try:
                    with contextlib.nullcontext() if locked else self._update_lock():
                        store.add([incontext.key(t) for t in part], vectors)
                except OSError as exc:  # (the index itself is fine: they wait)
                    store.warn("keep", exc)
                    break
                made += len(part)
                if progress is not None:
                    progress(made, len(texts))
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        if made:
            log.info("read %d %s in context in %.1f s", made,
                     "items" if store is self.context_vectors else "passages",
                     time.perf_counter() - started)
        return made

    def _load(self, src: SourceFile, report: UpdateReport, taken: dict[str, str],
              known: FileState | None = None, read: FileRead | None = None
              ) -> tuple[FileState, Item | None]:
        """Read and parse one file (unless ``read`` already did); an item whose id is
        ``taken`` by another file gets a derived one (reported), and its id is then
        taken. A file whose bytes are ``known`` is not parsed again."""
        if read is None:
            data, problem = read_source(src)
            if data is not None and known is not None and known.sha1 == digest(data) \
                    and not _deps_changed(known.deps):
                known.size, known.mtime_ns = src.size, src.mtime_ns
                if known.item_id:
                    taken[known.item_id] = src.path
                report.problems.extend(Problem(src.path, *p) for p in known.problems)
                return known, None
            read = FileRead("", None, [problem] if problem else []) if data is None \
                else FileRead(digest(data), *parse_item(src, data))
        if not read.digest:
            report.problems.extend(read.problems)
            return FileState(src.size, src.mtime_ns, "", None,
                             [[p.line, p.severity, p.message] for p in read.problems],
                             src.lang), None
        item, problems = read.item, list(read.problems)
        if item is not None and item.original is None:  # a translation shares its id
            derived = unique_id(item.id, taken)
            if derived != item.id:
                problems.append(duplicate_problem(item, taken[item.id], derived))
                item.id = derived
            taken[item.id] = src.path
        report.problems.extend(problems)
        return FileState(src.size, src.mtime_ns, read.digest, item.id if item else None,
                         [[p.line, p.severity, p.message] for p in problems], src.lang,
                         _dependencies(src, item)), item

    def _glossary_changed(self, gen: str, glossaries: list[Path]) -> bool:
        try:
            stamp = json.loads((self._gen_dir(gen) / "glossary-stamp.json")
                               .read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return True
        return bool(stamp != _stamp(glossaries))

    def _finish(self, folder: Path, manifest: Manifest, glossaries: list[Path]) -> None:
        manifest.updated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        synonyms, problems = glossary_mod.load_glossaries(glossaries, analyze=stem_terms)
        for problem in problems:
            log.warning("%s", problem)
        write_atomic(folder / "synonyms.json", json.dumps(synonyms))
        write_atomic(folder / "glossary-stamp.json", json.dumps(_stamp(glossaries)))
        if manifest.counted:
            write_atomic(folder / "vocab.json", json.dumps(manifest.vocab))
            write_atomic(folder / "mentions.json", json.dumps(manifest.mentions))
        manifest.files = {f.name: f.stat().st_size for f in folder.iterdir()
                          if _is_whoosh_file(f.name)}
        write_atomic(folder / MANIFEST, json.dumps(manifest.to_json()))
        self._remember_manifest(folder, manifest)

    def _cleanup_generations(self) -> None:
        keep = {self._current_gen(), self._pointer("PREVIOUS")}
        for entry in self.index_dir.glob("gen-*"):
            if entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)
        for tmp in self.index_dir.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()

    # --- statistics ------------------------------------------------------------------

    def item_count(self) -> int:
        """How many items the index holds (an item and its translations are one)."""
        ix = self.open()
        if ix is None:
            return 0
        with ix.searcher() as searcher:
            return int(searcher.doc_count()) - _translations(searcher)

    def stats(self) -> dict[str, Any]:
        manifest = self.manifest()
        ix = self.open()
        items = translations = 0
        if ix is not None:
            with ix.searcher() as searcher:
                items = searcher.doc_count()
                translations = _translations(searcher)
                items -= translations
        size = 0
        gen = self._current_gen()
        if gen:
            size = sum(f.stat().st_size for f in self._gen_dir(gen).iterdir() if f.is_file())
        return {"items": items, "translations": translations,
                "updated": manifest.updated if manifest else None,
                "roots": sorted(manifest.roots) if manifest else [],
                "bytes": size, "path": str(self.index_dir)}


def _translations(searcher: Any) -> int:
    """How many documents are translations of an item whose original is indexed too (a
    translation without its original counts as an item)."""
    from whoosh.query import Term

    translated = set(searcher.docs_for_query(Term("variant", "1")))
    return sum(1 for doc in translated
               if set(searcher.document_numbers(id=searcher.stored_fields(doc)["id"]))
               - translated)


def _is_whoosh_file(name: str) -> bool:
    return (name.startswith(f"{INDEX_NAME}_") and name != f"{INDEX_NAME}_WRITELOCK") \
        or (name.startswith(f"_{INDEX_NAME}_") and name.endswith(".toc"))


def _file_damage(folder: Path, ix: index.Index, sizes: dict[str, int]) -> str | None:
    """Which file of the open table of contents is missing or not the size recorded
    after the last commit (files the manifest does not know yet are not checked: the
    commit that wrote them may have been cut short before the manifest)."""
    names = {f"_{INDEX_NAME}_{ix.latest_generation()}.toc"}
    prefixes = tuple(f"{seg.segment_id()}." for seg in ix._segments())  # MAIN_<id>.
    names.update(n for n in sizes if n.startswith(prefixes))
    for name in sorted(names):
        if name not in sizes:
            continue
        try:
            size = (folder / name).stat().st_size
        except FileNotFoundError:
            return f"{name} is missing"
        if size != sizes[name]:
            return f"{name} has {size} bytes, {sizes[name]} were written"
    return None


def _read_everything(searcher: Any) -> None:
    """Read every stored document, field length, column value and posting of an
    index."""
    reader = searcher.reader()
    for _ in reader.all_stored_fields():
        pass
    for fieldname in reader.indexed_field_names():
        if reader.schema[fieldname].scorable:
            for doc in range(reader.doc_count_all()):
                reader.doc_field_length(doc, fieldname)
    for fieldname in reader.schema.names():  # column-only fields (the items' vectors)
        if reader.has_column(fieldname):
            column = reader.column_reader(fieldname)
            for doc in range(reader.doc_count_all()):
                column[doc]
    read_vectors(reader)
    for fieldname, text in reader.all_terms():
        matcher = reader.postings(fieldname, text)
        while matcher.is_active():
            matcher.id()
            matcher.weight()
            matcher.value()
            matcher.next()


def read_vectors(reader: Any, allowed: Container[int] | None = None) -> Any:
    """Every document's vector (core/meaning.py) as one float32 matrix by document
    number (see :func:`read_meaning`); None without the model."""
    found = read_meaning(reader, allowed)
    return None if found is None else found[0]


def read_meaning(reader: Any, allowed: Container[int] | None = None) -> tuple[Any, Any] | None:
    """What the index holds of every document's meaning, read in one pass: its vector
    (core/meaning.py) as one float32 matrix by document number, and the key of the text
    it is read by in context (core/incontext.py; uint64, 0 for none: an item in a
    language the context model does not read, or an index built without that model).
    Zeros for a deleted document and one not ``allowed``; None without the model.
    Raises ValueError when a live document's vector is missing or not of unit length:
    with the model every item gets one, so the column's contents were lost."""
    if meaning.model() is None:
        return None
    import numpy as np

    count = reader.doc_count_all()
    vectors = np.zeros((count, meaning.SIZE), dtype=np.float32)
    keys = np.zeros(count, dtype=np.uint64)
    live = np.array([not reader.is_deleted(doc) for doc in range(count)], dtype=bool)
    if reader.has_column("meaning"):
        column = reader.column_reader("meaning")
        for doc in np.flatnonzero(live).tolist():
            data = column[doc]
            if len(data) >= meaning.VECTOR_BYTES:
                vectors[doc] = np.frombuffer(data[:meaning.VECTOR_BYTES], dtype=np.float16)
                if len(data) > meaning.VECTOR_BYTES:
                    keys[doc] = incontext.key(
                        data[meaning.VECTOR_BYTES:].decode("utf-8", "replace"))
    broken = _not_unit(vectors, live)
    if broken is not None:
        raise ValueError(f"document {broken} has no valid meaning vector")
    if allowed is not None:
        others = [doc for doc in range(count) if doc not in allowed]
        vectors[others] = 0.0
        keys[others] = 0
    return vectors, keys


def _to_read(store: incontext.VectorStore, texts: Iterable[str]) -> list[str]:
    """The texts of ``store`` that have no vector yet and whose model loads (one that
    cannot load keeps its static meaning: nothing waits for it)."""
    return [text for text in store.missing(texts) if context.loads(text)]


def read_context_texts(reader: Any) -> list[str]:
    """The texts the live documents are read by in context (each once)."""
    return sorted({data[meaning.VECTOR_BYTES:].decode("utf-8", "replace")
                   for data in _live_values(reader, "meaning")
                   if len(data) > meaning.VECTOR_BYTES})


def read_passage_texts(reader: Any) -> list[str]:
    """The passages of the live documents (each once)."""
    return sorted({text for data in _live_values(reader, "passages") if data
                   for text in data.decode("utf-8", "replace").split(PASSAGE_SEPARATOR)})


def _live_values(reader: Any, name: str) -> Iterator[bytes]:
    """The values of column ``name`` of the live documents (none without the column)."""
    if reader.has_column(name):
        column = reader.column_reader(name)
        for doc in range(reader.doc_count_all()):
            if not reader.is_deleted(doc):
                yield column[doc]


def _not_unit(found: Any, rows: Any) -> int | None:
    """The first of ``rows`` (a mask) whose vector is not of unit length."""
    import numpy as np

    broken = np.flatnonzero(rows & (np.abs(np.linalg.norm(found, axis=1) - 1) > 0.02))
    return int(broken[0]) if broken.size else None


def _codec() -> W3Codec:
    # Uncompressed posting blocks: a fifth faster to build, a little larger on disk.
    return W3Codec(compression=0)


def _stamp(files: list[Path]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for f in files:
        try:
            st = f.stat()
            out.append([str(f), st.st_size, st.st_mtime_ns])
        except OSError:
            out.append([str(f), None, None])
    return out
