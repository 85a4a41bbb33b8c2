"""Items' vectors in context, made after the index is built.

Reading an item in context (:mod:`core.context`) takes about 2 ms of one core: 15 s
for 7.4k items, more than a whole build of the index is allowed. So the index stores
only the text an item is read by (after its static vector, core/reading.py), and its
vector in context is made afterwards and kept here, in one file beside the index's
generations, keyed by a digest of that text:

- the index is searchable as soon as it is built, with the static meaning; search reads
  meaning in context once every item it reads has its vector (core/search.py), so a
  ranking never mixes the two halfway;
- a rebuild, or the same text in another file, reuses the vectors already made: only new
  and changed texts are read again;
- an update of a few files makes their vectors at once (:data:`INLINE`); a bigger one
  leaves them to ``ContentIndex.read_in_context``, which the app's index worker calls in
  its own thread once the index is searchable, and the command line's ``index`` and
  ``search`` before they finish.

The file is a header (a mark and a digest of the model) followed by records of a text's
key and its vector (float16), appended as they are made. Anything wrong with it costs
time, never an answer: a file of another model or with a damaged header is started
again, a record cut short by a crash is dropped, a vector not of unit length is made
again, and vectors of texts no longer indexed are dropped when they are many.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jitl_desktop.core import context

log = logging.getLogger(__name__)

#: the file, in the index's folder
FILE_NAME = "context-vectors.bin"
#: the passages' vectors (:class:`PassageStore`), beside it
PASSAGES_FILE_NAME = "passage-vectors.bin"
MARK = b"JITLCTX1"
HEADER = len(MARK) + 8
#: a record: the text's key (8 bytes) and its vector
RECORD = 8 + context.VECTOR_BYTES
#: an update that adds at most this many texts not read yet reads them at once
#: (about 2 ms each); more are left to ``ContentIndex.read_in_context``
INLINE = 256
#: texts read between two looks at ``stop`` and two appends to the file
SLICE = 32
#: the file is rewritten with only the texts indexed when it holds more records than
#: twice their number and this many
SLACK = 1000


def key(text: str) -> int:
    """The key of a text (a 64-bit digest, never 0); its highest bit says whether the
    multilingual model reads it (:func:`multilingual_keys`)."""
    found = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(),
                           "little") & ~MULTILINGUAL_BIT
    if context.reader_of(text) is context.MULTILINGUAL:
        found |= MULTILINGUAL_BIT
    return found or 1


#: (see :func:`key`)
MULTILINGUAL_BIT = 1 << 63


def multilingual_keys(keys: Any) -> Any:
    """Which of ``keys`` (uint64) are of texts the multilingual model reads."""
    import numpy as np

    return (keys & np.uint64(MULTILINGUAL_BIT)) != 0


def _model_tag() -> bytes:
    """Which models made a file's vectors: their files, size and what an item is read
    by."""
    what = "|".join([*(r.model_file for r in context.READERS), str(context.SIZE),
                     context.TEXT])
    return hashlib.blake2b(what.encode(), digest_size=8).digest()


@dataclass
class Coverage:
    """How many of the texts an index reads in context have their vector."""

    have: int = 0
    missing: int = 0


class VectorStore:
    """The vectors in context made for an index (see the module). Who writes holds the
    index's update lock (core/index.py); reading needs none."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._said: set[str] = set()

    def warn(self, what: str, exc: OSError) -> None:
        """Say once (per process) that the file cannot be read or written: the index
        answers all the same, with the static meaning."""
        if what not in self._said:
            self._said.add(what)
            log.warning("cannot %s the items' vectors in context in %s (%s): search reads "
                        "meaning without context until it can", what, self.path,
                        exc.strerror or exc)

    def read(self) -> tuple[Any, Any]:
        """Every valid record: the keys (uint64, sorted, each once) and their vectors
        (float32, one row each)."""
        import numpy as np

        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            data = b""
        except OSError as exc:
            self.warn("read", exc)
            data = b""
        if len(data) < HEADER or data[:HEADER] != MARK + _model_tag():
            return np.zeros(0, dtype=np.uint64), np.zeros((0, context.SIZE), np.float32)
        count = (len(data) - HEADER) // RECORD
        records = np.frombuffer(data, dtype=_record_type(), count=count, offset=HEADER)
        vectors = records["vector"].astype(np.float32)
        good = (np.abs(np.linalg.norm(vectors, axis=1) - 1) <= 0.02) & (records["key"] != 0)
        keys, first = np.unique(records["key"][good], return_index=True)
        return keys, vectors[good][first]

    def lookup(self, keys: Any) -> tuple[Any, Any]:
        """The vector of each of ``keys`` (uint64; 0 for none) as one float32 matrix,
        zeros where there is none, and which have one."""
        import numpy as np

        known, vectors = self.read()
        out = np.zeros((len(keys), context.SIZE), dtype=np.float32)
        if not len(known):
            return out, np.zeros(len(keys), dtype=bool)
        at = np.minimum(np.searchsorted(known, keys), len(known) - 1)
        found = (known[at] == keys) & (keys != 0)
        out[found] = vectors[at[found]]
        return out, found

    def missing(self, texts: Iterable[str]) -> list[str]:
        """The texts (each once) that have no vector here."""
        import numpy as np

        wanted = {key(text): text for text in texts if text}
        if not wanted:
            return []
        known = self._known()
        keys = np.fromiter(wanted, dtype=np.uint64, count=len(wanted))
        return [wanted[int(k)] for k in keys[~np.isin(keys, known)]]

    def _known(self) -> Any:
        """The keys of the valid records (uint64, sorted)."""
        return self.read()[0]

    def add(self, keys: Sequence[int], vectors: Any) -> None:
        """Append vectors (rows of zeros, for a text of no token, are left out)."""
        import numpy as np

        rows = [i for i in range(len(keys)) if vectors[i].any()]
        if not rows:
            return
        records = np.zeros(len(rows), dtype=_record_type())
        records["key"] = [keys[i] for i in rows]
        records["vector"] = vectors[rows].astype(np.float16)
        with _open_rw(self.path) as f:
            size = os.fstat(f.fileno()).st_size
            f.seek(0)
            if size < HEADER or f.read(HEADER) != MARK + _model_tag():
                if size:
                    log.info("starting the vectors in context in %s again (another model "
                             "or a damaged file)", self.path)
                f.seek(0)
                f.truncate()
                f.write(MARK + _model_tag())
                size = HEADER
            end = HEADER + (size - HEADER) // RECORD * RECORD  # (a record cut short goes)
            f.seek(end)
            f.write(records.tobytes())
            f.truncate()

    def keep_only(self, texts: Iterable[str]) -> None:
        """Drop the vectors of other texts, when they are many (see :data:`SLACK`)."""
        import numpy as np

        try:
            records = (self.path.stat().st_size - HEADER) // RECORD
        except FileNotFoundError:
            return
        live = np.fromiter({key(t) for t in texts if t}, dtype=np.uint64)
        if records <= 2 * len(live) + SLACK:
            return
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        kept = self._write_kept(live, temporary)
        os.replace(temporary, self.path)
        log.info("%s: %d of %d records kept", self.path.name, kept, records)

    def _write_kept(self, live: Any, temporary: Path) -> int:
        """Write the records of the ``live`` keys to ``temporary``; how many."""
        import numpy as np

        keys, vectors = self.read()
        kept = np.isin(keys, live)
        out = np.zeros(int(kept.sum()), dtype=_record_type())
        out["key"], out["vector"] = keys[kept], vectors[kept].astype(np.float16)
        temporary.write_bytes(MARK + _model_tag() + out.tobytes())
        return len(out)


class PassageStore(VectorStore):
    """The vectors of the items' passages (content.passages), made after the items'
    own: the same file format, but ten times as many, so never read whole. What stays in
    memory is each record's key and place (16 bytes a passage: 0.9 MB at 7.4k tldr
    pages); a search reads the few records it needs from the file (``os.pread``: the
    file's pages are the system's cache, not the app's memory)."""

    #: records checked (their vectors' length) per read while the keys are listed
    CHUNK = 4096

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        #: (the file's inode and model, its records read (0: read it all again next
        #: time), its time then, their keys, their places)
        self._index: tuple[tuple[int, bytes], int, int, Any, Any] | None = None

    def _keys(self) -> tuple[Any, Any]:
        """The valid records' keys (sorted, each once) and their record numbers, read
        anew when the file changed; only the records appended since, when it grew (as
        it does a slice at a time while passages are read after a build)."""
        import numpy as np

        empty = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return empty
        except OSError as exc:
            self.warn("read", exc)
            return empty
        count = max((stat.st_size - HEADER) // RECORD, 0)
        known = self._index
        start, (keys, places) = 0, empty
        if known is not None and known[0] == (stat.st_ino, _model_tag()) and known[1]:
            if known[1] == count and known[2] == stat.st_mtime_ns:
                return known[3], known[4]
            if known[1] < count:  # (appended to: the records read stay as they were)
                start, keys, places = known[1], known[3], known[4]
        read = 0
        try:
            with self.path.open("rb") as f:
                good_header = f.read(HEADER) == MARK + _model_tag()
            if good_header:
                read = count
                if count > start:
                    new_keys, new_places = self._valid_records(start, count)
                    keys, first = np.unique(np.concatenate([keys, new_keys]),
                                            return_index=True)
                    places = np.concatenate([places, new_places])[first]
            else:
                keys, places = empty
        except (OSError, ValueError) as exc:
            self.warn("read", exc if isinstance(exc, OSError) else OSError(str(exc)))
            read, (keys, places) = 0, empty
        self._index = ((stat.st_ino, _model_tag()), read, stat.st_mtime_ns, keys, places)
        return keys, places

    def _valid_records(self, start: int, end: int) -> tuple[Any, Any]:
        """The keys and record numbers of the valid records from ``start`` to ``end``
        (read through a mapping of the file: its pages are the system's cache, not the
        app's memory, once it is gone)."""
        import numpy as np

        records = np.memmap(self.path, dtype=_record_type(), mode="r",
                            offset=HEADER + start * RECORD, shape=(end - start,))
        try:
            good = np.zeros(end - start, dtype=bool)
            for first in range(0, end - start, self.CHUNK):
                part = records[first:first + self.CHUNK]
                lengths = np.linalg.norm(part["vector"].astype(np.float32), axis=1)
                good[first:first + len(part)] = (np.abs(lengths - 1) <= 0.02) \
                    & (part["key"] != 0)
            found = np.array(records["key"])
        finally:
            del records
        rows = np.flatnonzero(good)
        return found[rows], (rows + start).astype(np.int64)

    def lookup(self, keys: Any) -> tuple[Any, Any]:
        import numpy as np

        known, places = self._keys()
        out = np.zeros((len(keys), context.SIZE), dtype=np.float32)
        found = np.zeros(len(keys), dtype=bool)
        if not len(known) or not len(keys):
            return out, found
        at = np.minimum(np.searchsorted(known, keys), len(known) - 1)
        found = (known[at] == keys) & (keys != 0)
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError as exc:
            self.warn("read", exc)
            return out, np.zeros(len(keys), dtype=bool)
        try:
            for i in np.flatnonzero(found).tolist():
                data = os.pread(fd, RECORD, HEADER + int(places[at[i]]) * RECORD)
                if len(data) < RECORD:
                    found[i] = False
                    continue
                out[i] = np.frombuffer(data, dtype=np.float16, offset=8)
        finally:
            os.close(fd)
        return out, found

    def _known(self) -> Any:
        return self._keys()[0]

    def _write_kept(self, live: Any, temporary: Path) -> int:
        import numpy as np

        keys, places = self._keys()
        kept = places[np.isin(keys, live)]
        with self.path.open("rb") as source, temporary.open("wb") as out:
            out.write(MARK + _model_tag())
            for place in kept.tolist():
                out.write(os.pread(source.fileno(), RECORD, HEADER + place * RECORD))
        return len(kept)


@functools.cache
def _record_type() -> Any:
    import numpy as np

    return np.dtype([("key", "<u8"), ("vector", "<f2", (context.SIZE,))])


def _open_rw(path: Path) -> Any:
    return os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT, 0o644), "r+b")
