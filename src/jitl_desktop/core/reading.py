"""Reading content files for the index: each file's bytes checked, its digest, its item.

A full build of many files reads and parses them in a second process while this one
adds the items to the index (parsing Markdown is about a quarter of a build; on a machine
with more than one core it then costs no time of its own). Everything else reads in this
process, and so does a build whose second process cannot start or breaks: it goes on
from the first file not yet read.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import logging
import multiprocessing
import os
import sys
from collections.abc import Generator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from jitl_desktop.core import analysis, context, meaning
from jitl_desktop.core.content import SourceFile, parse_item, read_source
from jitl_desktop.core.model import Item, Problem

log = logging.getLogger(__name__)

#: a build of at least this many files reads them in a second process
SECOND_PROCESS_FILES = 1000
#: files sent to the second process at a time
CHUNK = 256


@dataclass
class FileRead:
    """One file, read: ``digest`` is empty when it could not be read (``problems``
    say why); ``item`` is None when it is not an item (``problems`` say why)."""

    digest: str
    item: Item | None = None
    problems: list[Problem] = field(default_factory=list)
    #: the item's meaning as the index stores it (:func:`item_vector`), when the
    #: second process made it (else None: the index makes it)
    meaning: bytes | None = None


def digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def read_file(src: SourceFile) -> FileRead:
    """Read and parse one file."""
    data, problem = read_source(src)
    if data is None:
        return FileRead("", None, [problem] if problem else [])
    item, problems = parse_item(src, data)
    return FileRead(digest(data), item, problems)


def read_files_and_meaning(files: Sequence[SourceFile]) -> list[FileRead]:
    """Read and parse files, and make their items' vectors (in the second process,
    which has a core of its own for it)."""
    reads = [read_file(src) for src in files]
    items = [read.item for read in reads if read.item is not None]
    for read, vector in zip([r for r in reads if r.item is not None], item_vectors(items),
                            strict=True):
        read.meaning = vector
    return reads


def item_vector(item: Item) -> bytes:
    """An item's meaning as the index stores it (see :func:`item_vectors`)."""
    return item_vectors([item])[0]


def item_vectors(items: Sequence[Item]) -> list[bytes]:
    """Each item's meaning as the index stores it: its static vector
    (core/meaning.py), followed, for an item in a language a context model reads, by
    the text it is read by in context (UTF-8; its vector is made after the build:
    core/incontext.py); empty without the meaning model."""
    found = meaning.model()
    if found is None:
        return [b""] * len(items)
    own = [found.item_bytes(item.title, item.summary, item.body,
                            analysis.language_of(item.lang)) for item in items]
    if not context.available():
        return own
    for i, item in enumerate(items):  # (after a static vector only)
        lang = analysis.language_of(item.lang)
        reader = context.reader_for(lang)
        if reader is not None and context.available(reader) \
                and len(own[i]) == meaning.VECTOR_BYTES:
            own[i] += context.marked(context_text(item), lang).encode("utf-8")
    return own


def context_text(item: Item) -> str:
    """What an item's vector in context is made of: its title and summary (the start
    of its body when it has none), as for its static vector (measured against its title
    alone in benchmarks/RESULTS.md)."""
    return meaning.item_text(item.title, item.summary, item.body)


def read_files(files: Sequence[SourceFile]) -> Generator[FileRead, None, None]:
    """Each of ``files`` read and parsed, with its item's vectors, in order; by a
    second process when there are many and the machine has a core for it."""
    done = 0
    if len(files) >= SECOND_PROCESS_FILES and _second_process_helps():
        try:
            pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        except (OSError, ValueError) as exc:
            log.info("reading content in this process: %s", exc)
        else:
            try:
                chunks = [files[i:i + CHUNK] for i in range(0, len(files), CHUNK)]
                for reads in pool.map(read_files_and_meaning, chunks):
                    for read in reads:
                        yield read
                        done += 1
                return
            except (BrokenProcessPool, OSError) as exc:
                log.warning("the process reading content stopped (%s); reading the %d "
                            "files left here", exc, len(files) - done)
            finally:
                pool.shutdown(wait=False, cancel_futures=True)
    for start in range(done, len(files), CHUNK):  # here, a batch of vectors at a time
        yield from read_files_and_meaning(files[start:start + CHUNK])


def _second_process_helps() -> bool:
    """More than one core, and a Python that can start a copy of itself (not a frozen
    bundle, whose executable is the app)."""
    return (os.cpu_count() or 1) > 1 and not getattr(sys, "frozen", False)
