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

from jitl_desktop.core import analysis, meaning
from jitl_desktop.core.content import SourceFile, parse_item, read_source
from jitl_desktop.core.model import Item, Problem

log = logging.getLogger(__name__)

#: a build of at least this many files reads them in a second process
SECOND_PROCESS_FILES = 1000
#: files sent to the second process at a time
CHUNK = 64


@dataclass
class FileRead:
    """One file, read: ``digest`` is empty when it could not be read (``problems``
    say why); ``item`` is None when it is not an item (``problems`` say why)."""

    digest: str
    item: Item | None = None
    problems: list[Problem] = field(default_factory=list)
    #: the item's vector as the index stores it (core/meaning.py), when the second
    #: process made it (else None: the index makes it)
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


def read_file_and_meaning(src: SourceFile) -> FileRead:
    """Read and parse one file, and make its item's vector (in the second process,
    which has a core of its own for it)."""
    read = read_file(src)
    if read.item is not None:
        read.meaning = item_vector(read.item)
    return read


def item_vector(item: Item) -> bytes:
    """An item's vector as the index stores it (empty without the meaning model)."""
    found = meaning.model()
    if found is None:
        return b""
    return found.item_bytes(item.title, item.summary, item.body,
                            analysis.language_of(item.lang))


def read_files(files: Sequence[SourceFile]) -> Generator[FileRead, None, None]:
    """Each of ``files`` read and parsed, in order; by a second process when there are
    many and the machine has a core for it."""
    done = 0
    if len(files) >= SECOND_PROCESS_FILES and _second_process_helps():
        try:
            pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        except (OSError, ValueError) as exc:
            log.info("reading content in this process: %s", exc)
        else:
            try:
                for read in pool.map(read_file_and_meaning, files, chunksize=CHUNK):
                    yield read
                    done += 1
                return
            except (BrokenProcessPool, OSError) as exc:
                log.warning("the process reading content stopped (%s); reading the %d "
                            "files left here", exc, len(files) - done)
            finally:
                pool.shutdown(wait=False, cancel_futures=True)
    for src in files[done:]:
        yield read_file(src)


def _second_process_helps() -> bool:
    """More than one core, and a Python that can start a copy of itself (not a frozen
    bundle, whose executable is the app)."""
    return (os.cpu_count() or 1) > 1 and not getattr(sys, "frozen", False)
