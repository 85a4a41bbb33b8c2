"""Small file helpers shared by the index, the settings, content and the platform code."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new
    one, never a part: a temporary file in the same folder, flushed to disk, renamed.
    The new file is private to the user (0600) unless ``mode`` says otherwise.

    Raises OSError: the caller says what it was doing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data.encode("utf-8") if isinstance(data, str) else data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class FileTooLarge(OSError):
    """A file is over the size limit for what it is read as."""


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, or FileTooLarge when it holds more than ``limit`` (read no
    further than that, so a huge or endless file costs no memory). Raises OSError."""
    with open(path, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(f"file too large (the limit is {limit:,} bytes)")
    return data


def inside(path: Path, root: Path) -> Path | None:
    """``path`` with every symlink resolved, if that is inside ``root`` (resolved too);
    else None."""
    real = path.resolve()
    return real if real.is_relative_to(root.resolve()) else None
