"""Statements, one at a time: from files (JSON lines, JSON arrays, or an LRS's
``{"statements": [...], "more": ...}`` answers) or from an LRS (``GET statements``,
paged with ``more``). Nothing is held in memory beyond one chunk of a file or one page.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode, urljoin, urlsplit

from jitl_desktop.errors import JitlError

#: bytes read from an array file at a time
CHUNK = 1 << 20
#: statements asked for per LRS page
PAGE = 500
#: a progress bar appears once this many statements were read
PROGRESS_AFTER = 20_000

_DECODER = json.JSONDecoder()


class InsightsError(JitlError):
    """The statements cannot be read (the message says which and why)."""


class Progress:
    """A progress bar on ``out`` (stderr) for long reads: drawn at most every 0.2 s,
    only once :data:`PROGRESS_AFTER` statements were read, only on a terminal unless
    ``force``."""

    def __init__(self, out: TextIO | None = None, *, force: bool = False) -> None:
        self.out = out or sys.stderr
        self.on = force or self.out.isatty()
        self.count = 0
        self.done_bytes = 0
        self.total_bytes = 0
        self._last = 0.0
        self._drawn = False

    def step(self, position: int = 0) -> None:
        self.count += 1
        if not self.on or self.count < PROGRESS_AFTER or self.count % 2048:
            return
        now = time.monotonic()
        if now - self._last < 0.2:
            return
        self._last = now
        self._draw(self.done_bytes + position)

    def _draw(self, at: int) -> None:
        if self.total_bytes:
            share = min(1.0, at / self.total_bytes)
            bar = "#" * int(share * 30)
            text = f"\rreading [{bar:<30}] {share:4.0%} {self.count:,} statements"
        else:
            text = f"\rreading {self.count:,} statements"
        self.out.write(text)
        self.out.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self._draw(self.total_bytes)
            self.out.write("\n")
            self.out.flush()


def from_files(paths: list[Path], progress: Progress | None = None
               ) -> Iterator[dict[str, Any]]:
    """Every statement in ``paths`` (each JSON lines or a JSON array), in order."""
    progress = progress or Progress(force=False)
    for path in paths:
        try:
            progress.total_bytes += os.path.getsize(path)
        except OSError as exc:
            raise InsightsError(f"cannot read {path}: {exc.strerror or exc}") from exc
    for path in paths:
        try:
            with path.open(encoding="utf-8") as fh:
                yield from _from_file(fh, path, progress)
                progress.done_bytes += os.path.getsize(path)
        except OSError as exc:
            raise InsightsError(f"cannot read {path}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise InsightsError(f"{path} is not UTF-8 text: {exc}") from exc
    progress.close()


def _from_file(fh: TextIO, path: Path, progress: Progress) -> Iterator[dict[str, Any]]:
    head = fh.read(4096)
    first = head.lstrip()[:1]
    if first == "[":
        yield from _array(head, fh, path, progress)
        return
    fh.seek(0)
    position = 0
    for n, line in enumerate(fh, 1):
        position += len(line)
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            raise InsightsError(f"{path}, line {n}: not a JSON statement ({exc})") from exc
        for statement in _statements(value):
            progress.step(position)
            yield statement


def _array(head: str, fh: TextIO, path: Path, progress: Progress
           ) -> Iterator[dict[str, Any]]:
    """The statements of a JSON array, decoded one by one from chunks of the file."""
    buffer = head.lstrip()[1:]
    position = len(head)
    at = 0
    ended = False
    while True:
        while at < len(buffer) and buffer[at] in " \t\r\n,":
            at += 1
        if at < len(buffer) and buffer[at] == "]":
            return
        try:
            value, end = _DECODER.raw_decode(buffer, at)
        except ValueError as exc:
            if ended:
                raise InsightsError(f"{path}: not a JSON array of statements ({exc})"
                                    ) from exc
            more = fh.read(CHUNK)
            position += len(more)
            ended = not more
            buffer = buffer[at:] + more
            at = 0
            continue
        at = end
        for statement in _statements(value):
            progress.step(position)
            yield statement


def _statements(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        if "statements" in value and isinstance(value["statements"], list):
            return [s for s in value["statements"] if isinstance(s, dict)]
        return [value]
    if isinstance(value, list):
        return [s for s in value if isinstance(s, dict)]
    return []


def from_lrs(get: Callable[[str], tuple[int, str]], endpoint: str, *,
             since: str | None = None, until: str | None = None,
             progress: Progress | None = None) -> Iterator[dict[str, Any]]:
    """Every statement the LRS at ``endpoint`` has (between ``since`` and ``until``),
    page after page. ``get(url)`` answers (HTTP status, body)."""
    progress = progress or Progress(force=False)
    query: dict[str, str | int] = {"limit": PAGE, "format": "exact"}
    if since:
        query["since"] = since
    if until:
        query["until"] = until
    url = urljoin(endpoint, "statements") + "?" + urlencode(query)
    origin = urlsplit(url)[:2]
    while url:
        status, body = get(url)
        if status in (401, 403):
            raise InsightsError(f"the LRS at {endpoint} refuses the credentials (HTTP "
                                f"{status}): check JITL_LRS_USERNAME and JITL_LRS_PASSWORD "
                                "or the policy")
        if status != 200:
            raise InsightsError(f"the LRS at {endpoint} answered HTTP {status}: "
                                f"{body[:200]}")
        try:
            page = json.loads(body)
        except ValueError as exc:
            raise InsightsError(f"the LRS at {endpoint} answered with no JSON") from exc
        for statement in _statements(page):
            progress.step()
            yield statement
        more = page.get("more") if isinstance(page, dict) else None
        url = urljoin(url, more) if more else ""
        if url and urlsplit(url)[:2] != origin:
            raise InsightsError(f"the LRS at {endpoint} pages to another host; not followed")
    progress.close()
