"""Small file helpers shared by the index, the settings, content and the platform code."""

from __future__ import annotations

import contextlib
import os
import stat
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


class NotRegularFileError(OSError):
    """A path that should be a regular file is a FIFO, a device or a folder."""


class FileTooLargeError(OSError):
    """A file is larger than its reader accepts."""


def read_regular(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of ``path`` and its status, read only if it is a regular file of at
    most ``limit`` bytes.

    The file is opened without blocking (a FIFO or a device cannot hang the caller) and
    checked with ``fstat`` on the open descriptor, so it cannot be swapped between the
    check and the read. Raises NotRegularFileError or FileTooLargeError (both OSError)
    when it is not a regular file or is larger than ``limit``, and OSError when it cannot
    be opened or read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError("not a regular file")
        if info.st_size > limit:
            raise FileTooLargeError(f"file too large ({info.st_size:,} bytes; the limit "
                                    f"is {limit:,})")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew after fstat
            raise FileTooLargeError(f"file too large (the limit is {limit:,} bytes)")
        return b"".join(chunks), info
    finally:
        os.close(fd)


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` (a regular file of at most ``limit`` bytes); see
    :func:`read_regular`."""
    return read_regular(path, limit)[0]


def inside(path: Path, root: Path) -> Path | None:
    """``path`` with every symlink resolved, if that is inside ``root`` (resolved too);
    else None."""
    real = path.resolve()
    return real if real.is_relative_to(root.resolve()) else None
