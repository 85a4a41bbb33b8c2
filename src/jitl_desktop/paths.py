"""Every location the program uses, in one place (platformdirs based, overridable).

Precedence for each directory: explicit argument, then environment variable
(``JITL_DATA_DIR``, ``JITL_CONFIG_DIR``), then the platformdirs default.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from jitl_desktop.core.settings import Settings

log = logging.getLogger(__name__)

#: what the program creates is private to the user: folders 0700, files 0600
PRIVATE_UMASK = 0o077

APP_NAME = "jitl-desktop"
APP_AUTHOR = "JITL"


class Paths(NamedTuple):
    """Resolved directories for one run (a NamedTuple: ``jitl-desktop toggle`` imports
    this module, and every millisecond of its start-up counts)."""

    data_dir: Path
    config_dir: Path

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def user_content_dir(self) -> Path:
        return self.data_dir / "content"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "log"

    @property
    def packs_dir(self) -> Path:
        return self.data_dir / "packs"

    def content_roots(self, settings: Settings) -> list[Path]:
        """The content folders ``settings`` ask for (the starter content, the user's own
        folder, the organisation's and the user's configured folders), then the signed
        packs installed from the content repository, while one is set."""
        from jitl_desktop.core.packs.installed import installed_roots
        from jitl_desktop.core.settings import content_roots

        packs = installed_roots(self.packs_dir) if settings.get("content_repository") else []
        return list(dict.fromkeys([*content_roots(settings, bundled_content_dir(),
                                                  self.user_content_dir), *packs]))


def resolve(data_dir: str | os.PathLike[str] | None = None,
            config_dir: str | os.PathLike[str] | None = None) -> Paths:
    """Return the paths for this run; nothing is created here."""
    import platformdirs  # only when a folder is not given (it costs 6 ms to import)

    data = data_dir or os.environ.get("JITL_DATA_DIR") or platformdirs.user_data_dir(
        APP_NAME, APP_AUTHOR)
    config = config_dir or os.environ.get("JITL_CONFIG_DIR") or platformdirs.user_config_dir(
        APP_NAME, APP_AUTHOR)
    return Paths(data_dir=Path(data).expanduser().absolute(),
                 config_dir=Path(config).expanduser().absolute())


def tighten(p: Paths) -> list[str]:
    """Make the data and config folders private again where an older version (or a
    umask) left them open to other users: the folders themselves, the index and log
    folders become 0700, the files directly in them 0600. Only what this user owns is
    changed, symbolic links are not followed, content folders are not touched, and a
    sticky folder (shared on purpose, like ``/tmp``) is left as it is.
    Returns (and logs) one note per change."""
    notes: list[str] = []
    for folder in (p.data_dir, p.config_dir, p.index_dir, p.log_dir):
        _tighten_one(folder, 0o700, notes)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_file(follow_symlinks=False):
                _tighten_one(Path(entry.path), 0o600, notes)
            elif entry.is_dir(follow_symlinks=False) and folder == p.index_dir:
                _tighten_one(Path(entry.path), 0o700, notes)
    for note in notes:
        log.warning("%s", note)
    return notes


def _tighten_one(path: Path, mode: int, notes: list[str]) -> None:
    try:
        info = os.lstat(path)
    except OSError:
        return
    current = stat.S_IMODE(info.st_mode)
    if (stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid() or not current & 0o077
            or current & stat.S_ISVTX):
        return
    try:
        os.chmod(path, current & mode)
    except OSError as exc:
        notes.append(f"{path} is open to other users (mode {current:o}) and could not be "
                     f"made private: {exc.strerror or exc}")
        return
    notes.append(f"{path} was open to other users (mode {current:o}); it is now "
                 f"{current & mode:o}")


def bundled_content_dir() -> Path | None:
    """The starter content shipped with the program, if present.

    A wheel carries it inside the package (``jitl_desktop/content``); a source
    checkout or editable install has it at the repository root. A system package
    may point elsewhere with ``JITL_BUNDLED_CONTENT``.
    """
    env = os.environ.get("JITL_BUNDLED_CONTENT")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve().parent
    candidates += [here / "content", here.parent.parent / "content"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


def resource(name: str) -> Path:
    """A file of ``resources/`` (inside the package when installed from a wheel)."""
    here = Path(__file__).resolve().parent
    for base in (here / "resources", here.parent.parent / "resources"):
        if (base / name).exists():
            return base / name
    return here.parent.parent / "resources" / name


APPS_FILE = "apps.yaml"


def app_catalog_file() -> Path:
    """The bundled catalog of desktop applications."""
    return Path(__file__).resolve().parent / "core" / "data" / APPS_FILE


def app_catalog_files(roots: list[Path], config_dir: Path | None = None) -> list[Path]:
    """The catalogs to merge, later ones adding or replacing entries: the bundled one,
    each content root's ``apps.yaml`` (a content pack's own applications), then the
    user's ``apps.yaml`` in the config folder."""
    extra = [root / APPS_FILE for root in roots]
    if config_dir is not None:
        extra.append(config_dir / APPS_FILE)
    return [app_catalog_file(), *(f for f in extra if f.is_file())]
