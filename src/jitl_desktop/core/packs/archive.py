"""Pack archives: written reproducibly, unpacked safely.

Writing: every regular file under the content folder (hidden names left out), sorted by
path, with a fixed time, owner 0 and no owner names, modes 0644, in a gzip stream with no
name and no time: the same folder always makes the same bytes (so the same hash).

Unpacking: only regular files and folders, with relative names that stay inside the
destination; no links, devices or FIFOs; at most :class:`Limits` files and bytes. Files
are created exclusively in a fresh folder, so nothing outside it can be reached.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from jitl_desktop.core.packs import PackError, UpdateError

#: the time every archived file carries (2000-01-01T00:00:00Z)
FIXED_MTIME = 946_684_800
CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    """What a desktop accepts from one pack."""

    archive_bytes: int = 256 * 1024 * 1024
    unpacked_bytes: int = 1024 * 1024 * 1024
    files: int = 100_000
    file_bytes: int = 256 * 1024 * 1024


def content_files(folder: Path) -> list[tuple[str, Path]]:
    """(archive name, file) of every file to pack, sorted by name. Hidden files and
    folders (``.git``, ``.DS_Store``) are left out; a symbolic link is packed as the
    file it names when that is inside ``folder``, and refused otherwise."""
    root = folder.resolve()
    found: list[tuple[str, Path]] = []
    for current, dirs, files in os.walk(folder, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            path = Path(current) / name
            rel = path.relative_to(folder).as_posix()
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                raise PackError(f"{path}: the name is not valid UTF-8; rename it") from None
            if not path.resolve().is_relative_to(root):
                raise PackError(f"{path}: a link to a place outside {folder}; "
                                "copy the file in instead")
            if path.is_file():
                found.append((rel, path))
    return sorted(found)


def write_archive(folder: Path, dest: Path) -> list[str]:
    """Write the files of ``folder`` to ``dest`` (a .tar.gz); return their names."""
    files = content_files(folder)
    if not files:
        raise PackError(f"{folder}: no files to pack")
    with open(dest, "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, path in files:
            data = path.read_bytes()
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), FIXED_MTIME, 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(data))
    return [name for name, _ in files]


def safe_name(name: str, where: str) -> PurePosixPath:
    """``name`` of an archive member as a relative path that stays inside, or
    UpdateError saying why not."""
    path = PurePosixPath(name)
    if (not name or "\\" in name or "\0" in name or path.is_absolute()
            or any(part in ("..", "") for part in name.split("/") if part != ".")
            or ":" in path.parts[0]):
        raise UpdateError(f"{where}: unsafe name {name[:80]!r} in the archive; refused")
    return PurePosixPath(*[p for p in path.parts if p != "."])


def extract(archive: Path, dest: Path, limits: Limits, where: str) -> int:
    """Unpack ``archive`` into the new folder ``dest``; return the number of files.
    Raises UpdateError (naming ``where``) for anything unsafe or over the limits; the
    half-made folder is then removed."""
    dest.mkdir(parents=True)
    try:
        return _extract(archive, dest, limits, where)
    except (tarfile.TarError, EOFError, OSError, gzip.BadGzipFile) as exc:
        shutil.rmtree(dest, ignore_errors=True)
        raise UpdateError(f"{where}: the archive cannot be unpacked ({exc})") from exc
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise


def _extract(archive: Path, dest: Path, limits: Limits, where: str) -> int:
    files = total = 0
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            rel = safe_name(member.name, where)
            target = dest.joinpath(*rel.parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            if not member.isfile():
                raise UpdateError(f"{where}: {member.name[:80]!r} is a link or a special "
                                  "file; packs hold regular files only; refused")
            files += 1
            total += member.size
            if files > limits.files or member.size > limits.file_bytes \
                    or total > limits.unpacked_bytes:
                raise UpdateError(
                    f"{where}: over the size limit when unpacked ({files:,} files, "
                    f"{total:,} bytes; the limits are {limits.files:,} files, "
                    f"{limits.file_bytes:,} bytes a file, {limits.unpacked_bytes:,} in "
                    "all); refused")
            stream = tar.extractfile(member)
            assert stream is not None
            target.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
                | getattr(os, "O_BINARY", 0)
            with os.fdopen(os.open(target, flags, 0o644), "wb") as out:
                shutil.copyfileobj(stream, out, CHUNK)
    return files
