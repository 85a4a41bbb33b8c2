"""Installing and updating packs from a TUF repository (python-tuf's ``Updater``).

Layout of ``<data dir>/packs``::

    UPDATE.lock         held (OS file lock) by the one process that updates
    tuf/                python-tuf's metadata cache (trusted root history, timestamp…)
    staging/            downloads in progress (emptied at every start)
    versions/           unpacked pack versions, each with a .json beside it
    installed/NAME      symbolic link to the version in use (see installed.py)
    state.json          the last check: when, what failed, whether stale

An update: take the lock; let the Updater refresh the metadata (every TUF check:
signatures and thresholds, expiry, rollback, lengths and hashes, root rotation); for each
wanted pack whose target differs from the installed one, download it into staging
(verified by the Updater), unpack it into a new version folder, give unchanged files the
times they had (so the index reads only what changed), then swap the link. A kill at any
point leaves either the old link or the new one; leftovers are removed by the next run.
"""

from __future__ import annotations

import contextlib
import filecmp
import json
import logging
import os
import re
import secrets
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlparse

from tuf.api import exceptions
from tuf.api.metadata import Metadata, TargetFile
from tuf.ngclient import Updater, UpdaterConfig
from tuf.ngclient.fetcher import FetcherInterface
from tuf.ngclient.urllib3_fetcher import Urllib3Fetcher

from jitl_desktop import __version__
from jitl_desktop.core.files import read_limited, write_atomic
from jitl_desktop.core.packs import CUSTOM_KEY, NAME, UpdateBusyError, UpdateError
from jitl_desktop.core.packs.archive import Limits, extract
from jitl_desktop.core.packs.installed import INSTALLED, VERSIONS, installed_info
from jitl_desktop.core.packs.state import read_state, status, write_state

__all__ = ["PackUpdater", "UpdateResult", "exclusive", "from_settings", "read_state",
           "status", "write_state"]

log = logging.getLogger(__name__)

#: a trusted root file larger than this is not read
ROOT_MAX_BYTES = 512 * 1024
_ROLE = re.compile(r"\b(root|timestamp|snapshot|targets)\b")


def _stamp(when: float | None = None) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when))


# --- fetching: over HTTP(S) or from a folder ----------------------------------------------

class _Watch:
    """Remembers the last file asked for, so an error can name it."""

    last = ""


class HttpFetcher(Urllib3Fetcher):
    """python-tuf's urllib3 fetcher with a deadline for a whole file as well as the
    timeout between two reads."""

    def __init__(self, timeout: float, watch: _Watch) -> None:
        super().__init__(socket_timeout=max(1, round(timeout)),
                         app_user_agent=f"jitl-desktop/{__version__}")
        self.timeout = timeout
        self._watch = watch

    def _fetch(self, url: str) -> Iterator[bytes]:
        self._watch.last = url
        chunks = super()._fetch(url)
        return self._deadline(chunks)

    def _deadline(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        # the whole file within 10 read timeouts (a trickling server is a hung one)
        deadline = time.monotonic() + 10 * self.timeout
        for chunk in chunks:
            if time.monotonic() > deadline:
                raise exceptions.SlowRetrievalError("the download took too long")
            yield chunk


class FolderFetcher(FetcherInterface):
    """Reads ``file:`` URLs: a repository on a share or a USB stick."""

    def __init__(self, watch: _Watch) -> None:
        self._watch = watch

    def _fetch(self, url: str) -> Iterator[bytes]:
        self._watch.last = url
        path = Path(unquote(urlparse(url).path))
        if sys.platform.startswith("win") and re.match(r"/[A-Za-z]:", str(path)):
            path = Path(str(path)[1:])
        try:
            stream: IO[bytes] = open(path, "rb")  # noqa: SIM115 (closed by the generator)
        except FileNotFoundError:
            raise exceptions.DownloadHTTPError(f"{path} not found", 404) from None
        except OSError as exc:
            raise exceptions.DownloadError(f"{path}: {exc.strerror or exc}") from exc
        return self._chunks(stream)

    @staticmethod
    def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
        with stream:
            while chunk := stream.read(1 << 16):
                yield chunk


def repository_urls(repository: str) -> tuple[str, bool]:
    """The base URL of a repository (with a final ``/``) and whether it is a folder."""
    text = repository.strip()
    if re.match(r"https?://", text, re.I):
        return text.rstrip("/") + "/", False
    if text.lower().startswith("file:"):
        return text.rstrip("/") + "/", True
    return Path(os.path.expandvars(text)).expanduser().absolute().as_uri() + "/", True


# --- what went wrong, in one line ------------------------------------------------------

def _what(exc: BaseException, last: str) -> str:
    found = _ROLE.search(str(exc))
    name = last.rsplit("/", 1)[-1]
    if "/targets/" in last and not name.endswith(".json"):
        return f"pack archive {unquote(name)}"
    if found:
        return f"{found.group(1)} metadata"
    role = _ROLE.search(name)
    return f"{role.group(1)} metadata" if role else (name or "the repository")


def explain(exc: Exception, last: str, repository: str) -> UpdateError:
    """An UpdateError naming the role (or file) and the check that failed."""
    what = _what(exc, last)
    checks: list[tuple[type[Exception], str]] = [
        (exceptions.UnsignedMetadataError, "bad signature"),
        (exceptions.ExpiredMetadataError, "expired"),
        (exceptions.BadVersionNumberError, "rollback (an older version than one "
                                           "already trusted)"),
        (exceptions.LengthOrHashMismatchError, "wrong hash or length"),
        (exceptions.DownloadLengthMismatchError, "larger than its signed length"),
    ]
    for kind, check in checks:
        if isinstance(exc, kind):
            return UpdateError(f"refused: {what}: {check} ({exc})")
    if isinstance(exc, exceptions.DownloadHTTPError):
        return UpdateError(f"cannot reach {repository}: {what}: HTTP {exc.status_code}",
                           unreachable=True)
    if isinstance(exc, exceptions.DownloadError):
        refused = _connection_failed(exc)
        if isinstance(exc, exceptions.SlowRetrievalError) and refused is None:
            return UpdateError(f"cannot reach {repository}: timed out reading {what}",
                               unreachable=True)
        text = refused or str(exc.__cause__ or exc)
        return UpdateError(f"cannot reach {repository}: {what}: {text}", unreachable=True)
    return UpdateError(f"refused: {what}: invalid metadata ({exc})")


def _connection_failed(exc: BaseException) -> str | None:
    """Why no connection could be made (refused, no such host), if that is the cause."""
    import urllib3

    current: BaseException | None = exc
    while current is not None:
        reason = getattr(current, "reason", None)
        if isinstance(reason, urllib3.exceptions.NewConnectionError):
            return str(reason).rsplit(": ", 1)[-1]
        current = current.__cause__ or current.__context__
    return None


# --- the lock -----------------------------------------------------------------------------

@contextlib.contextmanager
def exclusive(path: Path, wait: float) -> Iterator[None]:
    """Hold an OS lock on ``path`` (released by the system if the process dies)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise UpdateBusyError(f"another process is updating the content packs in "
                                      f"{path.parent}; try again later")
            time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform.startswith("win"):
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


# --- the updater ------------------------------------------------------------------------

@dataclass
class UpdateResult:
    repository: str
    installed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    packs: dict[str, str | None] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, "repository": self.repository, "installed": self.installed,
                "removed": self.removed, "unchanged": self.unchanged,
                "missing": self.missing, "packs": self.packs,
                "seconds": round(self.seconds, 3)}


class PackUpdater:
    """Keeps ``packs_dir`` in step with a repository, trusting ``trusted_root``."""

    def __init__(self, packs_dir: Path, repository: str, trusted_root: Path, *,
                 wanted: Sequence[str] = (), limits: Limits | None = None,
                 timeout: float = 30.0, lock_wait: float = 60.0) -> None:
        self.packs_dir = packs_dir
        self.repository = repository
        self.trusted_root = trusted_root
        self.wanted = list(wanted)
        self.limits = limits or Limits()
        self.timeout = timeout
        self.lock_wait = lock_wait
        self._watch = _Watch()

    @property
    def tuf_dir(self) -> Path:
        return self.packs_dir / "tuf"

    @property
    def staging(self) -> Path:
        return self.packs_dir / "staging"

    def update(self) -> UpdateResult:
        """Check the repository and install what changed; UpdateError when anything was
        refused or the repository could not be reached (the state file says so too)."""
        started = time.perf_counter()
        with exclusive(self.packs_dir / "UPDATE.lock", self.lock_wait):
            self._clean()
            state = read_state(self.packs_dir)
            state.update(repository=self.repository, last_check=_stamp())
            try:
                result = self._update()
            except UpdateError as exc:
                state.update(last_error=str(exc), unreachable=exc.unreachable)
                write_state(self.packs_dir, state)
                raise
            state.update(last_success=_stamp(), last_error=None, unreachable=False)
            write_state(self.packs_dir, state)
        result.seconds = time.perf_counter() - started
        return result

    def _update(self) -> UpdateResult:
        base, folder = repository_urls(self.repository)
        try:
            root = read_limited(self.trusted_root, ROOT_MAX_BYTES)
        except OSError as exc:
            raise UpdateError(f"cannot read the trusted root {self.trusted_root} "
                              f"(content_repository_root): {exc.strerror or exc}") from exc
        self.tuf_dir.mkdir(parents=True, exist_ok=True)
        fetcher = FolderFetcher(self._watch) if folder else \
            HttpFetcher(self.timeout, self._watch)
        with self._explained():
            updater = Updater(str(self.tuf_dir), base + "metadata/", str(self.staging),
                              base + "targets/", fetcher,
                              UpdaterConfig(app_user_agent=f"jitl-desktop/{__version__}"),
                              bootstrap=root)
            updater.refresh()
        result = UpdateResult(self.repository)
        available = self._available()
        wanted = self.wanted or sorted(available)
        result.missing = [n for n in wanted if n not in available]
        problems: list[str] = []
        installed = installed_info(self.packs_dir)
        for name in wanted:
            if name in available:
                try:
                    self._one(updater, name, available[name], installed.get(name), result)
                except UpdateError as exc:
                    problems.append(str(exc))
        for name in sorted(n for n in installed if n not in wanted or n not in available):
            (self.packs_dir / INSTALLED / name).unlink(missing_ok=True)
            result.removed.append(name)
        self._clean()
        result.packs = {n: i["version"] for n, i in installed_info(self.packs_dir).items()}
        if problems:
            raise UpdateError("; ".join(problems))
        return result

    def _available(self) -> dict[str, str]:
        """Pack name → target path, from the targets metadata the Updater verified."""
        md = Metadata.from_file(str(self.tuf_dir / "targets.json"))
        found: dict[str, str] = {}
        for path, info in md.signed.targets.items():  # type: ignore[attr-defined]
            custom = info.unrecognized_fields.get("custom", {}).get(CUSTOM_KEY, {})
            name = custom.get("pack") if isinstance(custom, dict) else None
            if isinstance(name, str) and NAME.fullmatch(name):
                found[name] = path
        return found

    def _one(self, updater: Updater, name: str, path: str,
             current: dict[str, Any] | None, result: UpdateResult) -> None:
        with self._explained():
            info = updater.get_targetinfo(path)
        if info is None:
            raise UpdateError(f"refused: pack {name}: {path} is not in the signed targets")
        sha = info.hashes.get("sha256", "")
        if current is not None and current["sha256"] == sha and current["target"] == path:
            result.unchanged.append(name)
            return
        if info.length > self.limits.archive_bytes:
            raise UpdateError(f"refused: pack {name}: {path} is {info.length:,} bytes, over "
                              f"the limit of {self.limits.archive_bytes:,}; the installed "
                              "version is kept")
        self.staging.mkdir(parents=True, exist_ok=True)
        archive = self.staging / f"{name}.tar.gz"
        with self._explained():
            updater.download_target(info, str(archive))
        self._install(name, info, archive)
        result.installed.append(name)

    def _install(self, name: str, info: TargetFile, archive: Path) -> None:
        custom = info.unrecognized_fields.get("custom", {}).get(CUSTOM_KEY, {})
        version = str(custom.get("version", "")) or "0"
        sha = info.hashes.get("sha256", "")
        versions = self.packs_dir / VERSIONS
        final = versions / f"{name}-{re.sub(r'[^0-9A-Za-z.+~-]', '_', version)}-{sha[:12]}"
        if not final.is_dir():
            tmp = versions / f".tmp-{final.name}-{secrets.token_hex(3)}"
            extract(archive, tmp, self.limits, f"pack {name} ({info.path})")
            _keep_times(self.packs_dir / INSTALLED / name, tmp)
            os.replace(tmp, final)
        write_atomic(final.with_name(final.name + ".json"), json.dumps(
            {"name": name, "version": version, "target": info.path, "sha256": sha,
             "length": info.length, "installed": _stamp()}))
        swap_link(self.packs_dir / INSTALLED / name, Path("..") / VERSIONS / final.name)
        archive.unlink(missing_ok=True)

    @contextlib.contextmanager
    def _explained(self) -> Iterator[None]:
        try:
            yield
        except (exceptions.RepositoryError, exceptions.DownloadError) as exc:
            raise explain(exc, self._watch.last, self.repository) from exc
        except OSError as exc:
            raise UpdateError(f"cannot write the content packs in {self.packs_dir}: "
                              f"{exc.strerror or exc}") from exc

    def _clean(self) -> None:
        """Remove what a killed run left (staging, half-unpacked folders) and the
        versions no link names."""
        shutil.rmtree(self.staging, ignore_errors=True)
        versions = self.packs_dir / VERSIONS
        used = {Path(os.path.realpath(p)).name
                for p in (self.packs_dir / INSTALLED).glob("*")} \
            if (self.packs_dir / INSTALLED).is_dir() else set()
        for entry in versions.glob("*") if versions.is_dir() else []:
            base = entry.name.removesuffix(".json")
            if base not in used:
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        for link in (self.packs_dir / INSTALLED).glob(".*"):
            link.unlink(missing_ok=True)


def _keep_times(old_root: Path, new_root: Path) -> None:
    """Give each unpacked file that is byte for byte the installed one the installed
    one's times, so the index sees only the files that changed."""
    if not old_root.is_dir():
        return
    for current, _dirs, files in os.walk(new_root):
        for name in files:
            new = Path(current) / name
            old = old_root / new.relative_to(new_root)
            try:
                if old.is_file() and filecmp.cmp(old, new, shallow=False):
                    st = old.stat()
                    os.utime(new, ns=(st.st_atime_ns, st.st_mtime_ns))
            except OSError:
                continue


def swap_link(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` in one step (a new link renamed over the old)."""
    link.parent.mkdir(parents=True, exist_ok=True)
    tmp = link.with_name(f".{link.name}.{secrets.token_hex(3)}")
    os.symlink(target, tmp, target_is_directory=True)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --- the state of the last check --------------------------------------------------------

def from_settings(packs_dir: Path, settings: Any, **options: Any) -> PackUpdater:
    """The updater the settings (machine policy) ask for; UpdateError when no
    repository or no trusted root is set."""
    repository = settings.get("content_repository")
    root = settings.get("content_repository_root")
    if not repository:
        raise UpdateError("no content repository: an administrator sets "
                          "content_repository (and content_repository_root) by policy")
    if not root:
        raise UpdateError(f"content_repository is {repository} but content_repository_root "
                          "is not set: without a trusted root.json nothing can be verified")
    return PackUpdater(packs_dir, repository, Path(root).expanduser(),
                       wanted=settings.get("content_packs"), **options)
