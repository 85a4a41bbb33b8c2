"""The settings: one declared table, values merged from layers, saved atomically.

Every setting is declared once in :data:`TABLE` (type, default, description,
whether a policy may lock it). The effective value of a key comes from the first
layer that has a good value for it, in this order:

1. locking layers (machine policy), highest first;
2. the user's own settings file (``settings.json`` in the config folder);
3. recommended layers (presets an administrator allows the user to change);
4. the declared default.

A value of the wrong type is dropped, with a warning naming the file and the key
(quoting at most the start of the value), and the next layer decides. A settings
file that is not JSON, is larger than :data:`MAX_FILE_BYTES` or nests deeper than
:data:`MAX_DEPTH` is moved aside (never overwritten) and reported; one that is not a
regular file (a FIFO, a folder) is reported and not read. Keys this version does not
know are kept in the file untouched, so a newer version's settings survive a run of an older one.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jitl_desktop.core import languages
from jitl_desktop.core.files import (
    FileTooLargeError,
    NotRegularFileError,
    read_regular,
    write_atomic,
)
from jitl_desktop.core.keys import parse_combo
from jitl_desktop.errors import JitlError

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
THEMES = ("system", "light", "dark")
#: a settings or policy file larger than this is not read (real ones hold a few hundred bytes)
MAX_FILE_BYTES = 256 * 1024
#: deeper nesting than this in a settings or policy file makes it unusable
MAX_DEPTH = 32
#: a wrong value is quoted in a warning up to this many characters
QUOTE_CHARS = 60


class SettingError(JitlError):
    """A setting cannot take that value, or is locked."""


@dataclass(frozen=True)
class Setting:
    """One declared setting.

    ``kind`` is ``bool``, ``choice`` (one of ``choices``), ``combo`` (a key
    combination), ``folders`` (a list of folder paths), ``text``, ``int`` (a whole
    number from ``limits[0]`` to ``limits[1]``) or ``names`` (a list of names). A
    ``secret`` one (a password) is never quoted in a message nor shown in ``policy --json``.
    """

    key: str
    kind: str
    default: Any
    label: str
    description: str
    lockable: bool = True
    choices: tuple[str, ...] = ()
    #: set by an administrator only (no control in the settings dialog)
    policy_only: bool = False
    secret: bool = False
    limits: tuple[int, int] = (0, 2**31 - 1)
    #: a ``text`` setting's own check: the value normalised, or ValueError saying why
    check: Callable[[str], str] | None = None


#: what a search statement carries of the query text (see docs/XAPI.md)
XAPI_QUERIES = ("full", "hashed", "none")
#: learning records for the organisation's LRS (docs/XAPI.md): set by policy only
XAPI_SETTINGS: tuple[Setting, ...] = (
    Setting("xapi_endpoint", "text", "", "Learning record store",
            "The xAPI base URL of the organisation's Learning Record Store, such as "
            "https://lrs.example.com/xAPI/. Empty: no learning records are kept for it or "
            "sent.", policy_only=True),
    Setting("xapi_username", "text", "", "Learning record store user",
            "The user name JITL Desktop gives the LRS (HTTP Basic).", policy_only=True),
    Setting("xapi_password", "text", "", "Learning record store password",
            "The password JITL Desktop gives the LRS (HTTP Basic); never shown nor logged.",
            policy_only=True, secret=True),
    Setting("xapi_activity_base", "text", "", "Activity IRI base",
            "The organisation's IRI under which items are named in learning records, such "
            "as https://learning.example.com/jitl/. Empty: derived from the LRS address.",
            policy_only=True),
    Setting("xapi_actor_salt", "text", "", "Actor key",
            "The secret key that turns each login name into the pseudonymous name the "
            "records carry; the same on every machine, so a person is one actor.",
            policy_only=True, secret=True),
    Setting("xapi_actor_home_page", "text", "", "Actor home page",
            "The homePage of the records' actor accounts, such as "
            "https://learning.example.com/. Empty: the activity IRI base.",
            policy_only=True),
    Setting("xapi_queries", "choice", "hashed", "Search text in learning records",
            "What a search record carries of the words searched for: full (the text), "
            "hashed (a keyed hash: equal searches can be counted, not read) or none.",
            policy_only=True, choices=XAPI_QUERIES),
    Setting("xapi_ca_bundle", "text", "", "LRS certificate authorities",
            "A PEM file of the certificate authorities to trust for the LRS instead of the "
            "system's.", policy_only=True),
    Setting("xapi_outbox_limit", "int", 50000, "Unsent learning records kept",
            "At most this many learning records wait to be sent; past it the oldest "
            "search records are dropped first, and counted.", policy_only=True,
            limits=(100, 10_000_000)),
)

#: where signed content packs come from (docs/ADMIN.md, "Content packs")
PACK_SETTINGS = (
    Setting("content_repository", "text", "", "Content pack repository",
            "The base URL (https://…) or folder of the signed content pack repository, "
            "under which metadata/ and targets/ lie. Empty: no packs.", policy_only=True),
    Setting("content_repository_root", "text", "", "Trusted root of the repository",
            "The path of the repository's trusted root.json (its metadata/1.root.json), "
            "which the installer puts on the machine.", policy_only=True),
    Setting("content_packs", "names", [], "Content packs",
            "The names of the packs to install; none listed: every pack of the "
            "repository.", policy_only=True),
    Setting("content_update_hours", "int", 6, "Hours between content updates",
            "How often the repository is checked for new packs (1 to 720 hours).",
            policy_only=True, limits=(1, 720)),
)

TABLE: tuple[Setting, ...] = (
    Setting("hotkey", "combo", "<ctrl>+<alt>+<space>", "Hotkey",
            "Global key combination that shows and hides the search window."),
    Setting("content_folders", "folders", [], "Content folders",
            "Your own folders of Markdown and transcripts, searched beside the "
            "bundled content."),
    Setting("content_sources", "folders", [], "Organisation content folders",
            "Content folders for every user of the machine (a network share, a folder the "
            "package installs), searched beside the user's own.", policy_only=True),
    Setting("allow_user_content", "bool", True, "Allow personal content folders",
            "Whether users may add their own content folders.", policy_only=True),
    Setting("bundled_content", "bool", True, "Starter content",
            "Search the starter content that comes with JITL Desktop."),
    Setting("hide_on_focus_loss", "bool", True, "Hide when focus is lost",
            "Hide the search window when another window takes the focus."),
    Setting("autostart", "bool", False, "Start at login",
            "Start JITL Desktop when you log in."),
    Setting("context_detection", "bool", True, "Suggest for the application in use",
            "Look at which application is in front to suggest content for it. Window "
            "titles and application names never leave this computer and are not stored."),
    Setting("history", "bool", True, "Keep a history of what I open and search",
            "Items you open and searches you make are kept on this computer for Recent, "
            "progress and recommendations. Bookmarks and items marked done are always "
            "kept."),
    Setting("remote_media", "bool", False, "Play videos from other servers",
            "Let a video that is on a web server (not in the content folders) play when "
            "you press Play. Off: such a video is not played, and nothing is fetched from "
            "the network for it."),
    Setting("theme", "choice", "system", "Theme",
            "Light or dark windows, or follow the system.", choices=THEMES),
    Setting("language", "text", "", "Language",
            "The language of the windows and the content shown first, as a language tag "
            "such as de, fr or pt-BR. Empty: the system's language.",
            check=languages.check),
    *XAPI_SETTINGS,
    *PACK_SETTINGS,
)
BY_KEY = {s.key: s for s in TABLE}


def parse_json(data: bytes | str) -> Any:
    """The JSON value of a settings or policy file; ValueError saying why it is not
    usable (not UTF-8, not JSON, or nested deeper than :data:`MAX_DEPTH`)."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        value = json.loads(text)
    except RecursionError:
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if _depth_exceeds(value, MAX_DEPTH):
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    return value


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Whether lists and objects in ``value`` nest deeper than ``limit`` (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, (list, dict)):
            if depth >= limit:
                return True
            children = current.values() if isinstance(current, dict) else current
            stack.extend((child, depth + 1) for child in children)
    return False


def quote(value: Any) -> str:
    """``value`` as JSON for a message, cut to about :data:`QUOTE_CHARS` characters."""
    if isinstance(value, str) and len(value) > QUOTE_CHARS:  # never dump a long text whole
        return json.dumps(value[:QUOTE_CHARS])[:-1] + f'…" ({len(value)} characters)'
    try:
        text = json.dumps(value)
    except (ValueError, TypeError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"


def coerce(setting: Setting, value: Any) -> Any:
    """``value`` checked and normalised for ``setting``, or ValueError saying why."""
    if setting.kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {quote(value)}")
        return value
    if setting.kind == "choice":
        if value not in setting.choices:
            raise ValueError(f"expected one of {', '.join(setting.choices)}, "
                             f"got {quote(value)}")
        return value
    if setting.kind == "combo":
        if not isinstance(value, str):
            raise ValueError(f"expected a key combination such as \"Ctrl+Alt+Space\", "
                             f"got {quote(value)}")
        return parse_combo(value)
    if setting.kind == "folders":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            raise ValueError(f"expected a list of folder paths, got {quote(value)}")
        folders = [str(Path(os.path.expandvars(v.strip())).expanduser()) for v in value]
        return list(dict.fromkeys(folders))
    return _coerce_more(setting, value)


def _coerce_more(setting: Setting, value: Any) -> Any:
    if setting.kind == "text":
        if not isinstance(value, str) or len(value) > 4096:
            shown = "a value not shown" if setting.secret else quote(value)
            raise ValueError(f"expected text (at most 4096 characters), got {shown}")
        return setting.check(value.strip()) if setting.check else value.strip()
    if setting.kind == "int":
        low, high = setting.limits
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"expected a whole number from {low} to {high}, "
                             f"got {quote(value)}")
        return value
    if setting.kind == "names":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                  for v in value):
            raise ValueError(f"expected a list of names, got {quote(value)}")
        return list(dict.fromkeys(v.strip() for v in value))
    raise AssertionError(f"unknown kind {setting.kind}")


@dataclass
class Layer:
    """Values from one source: ``name`` says where they came from (a file, a registry
    key) and ``locks`` whether they override what the user chose."""

    name: str
    values: dict[str, Any]
    locks: bool = False


@dataclass
class Effective:
    value: Any
    source: str  # "default", "user", or a layer's name
    locked: bool = False


@dataclass
class Settings:
    """The merged settings of one user, and the user's own file."""

    path: Path
    locking: list[Layer] = field(default_factory=list)
    recommended: list[Layer] = field(default_factory=list)
    user: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _effective: dict[str, Effective] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, config_dir: Path, *, locking: Iterable[Layer] = (),
             recommended: Iterable[Layer] = ()) -> Settings:
        settings = cls(config_dir / SETTINGS_FILE, list(locking), list(recommended))
        settings.user = settings._read_user_file()
        settings._merge()
        for warning in settings.warnings:
            log.warning("%s", warning)
        return settings

    def _read_user_file(self) -> dict[str, Any]:
        try:
            raw, _ = read_regular(self.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            return {}
        except FileTooLargeError:
            raw = None
        except NotRegularFileError:
            self.warnings.append(f"{self.path}: not a regular file; it is not read and "
                                 "the defaults are used")
            return {}
        except OSError as exc:
            self.warnings.append(f"{self.path}: cannot read the settings "
                                 f"({exc.strerror or exc}); using the defaults")
            return {}
        try:
            if raw is None:
                raise ValueError(f"larger than {MAX_FILE_BYTES // 1024} KB")
            data = parse_json(raw)
            if not isinstance(data, dict):
                raise ValueError("the file must hold one JSON object")
        except ValueError as exc:
            aside = self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
            with contextlib.suppress(OSError):
                os.replace(self.path, aside)
            self.warnings.append(f"{self.path}: not valid settings ({exc}); it was moved to "
                                 f"{aside.name} and the defaults are used")
            return {}
        return data

    def _merge(self) -> None:
        self._effective = {}
        for setting in TABLE:
            self._effective[setting.key] = self._resolve(setting)
        for key in self.user:
            if key not in BY_KEY:
                self.warnings.append(f"{self.path}: unknown setting '{key}' (kept, not used)")

    def _resolve(self, setting: Setting) -> Effective:
        candidates: list[tuple[Layer | None, bool]] = [
            *((layer, True) for layer in self.locking if setting.lockable),
            (None, False),
            *((layer, False) for layer in self.recommended)]
        for layer, locks in candidates:
            values = self.user if layer is None else layer.values
            if setting.key not in values:
                continue
            if layer is None and setting.policy_only:
                self.warnings.append(f"{self.path}: '{setting.key}' is set by an "
                                     "administrator's policy only; ignored here")
                continue
            where = str(self.path) if layer is None else layer.name
            try:
                value = coerce(setting, values[setting.key])
            except ValueError as exc:
                self.warnings.append(f"{where}: setting '{setting.key}': {exc}; ignored")
                continue
            return Effective(value, "user" if layer is None else layer.name, locks)
        return Effective(_copy(setting.default), "default")

    # --- reading ------------------------------------------------------------------------

    def get(self, key: str) -> Any:
        return _copy(self._effective[key].value)

    def locked(self, key: str) -> bool:
        return self._effective[key].locked

    def source(self, key: str) -> str:
        return self._effective[key].source

    def effective(self) -> dict[str, dict[str, Any]]:
        """Every setting with its value (a secret one as ``"(set)"``), where it came from
        and whether it is locked."""
        return {key: {"value": "(set)" if BY_KEY[key].secret and e.value else e.value,
                      "source": e.source, "locked": e.locked}
                for key, e in self._effective.items()}

    # --- writing ------------------------------------------------------------------------

    def set(self, key: str, value: Any) -> Any:
        """Store the user's choice and save the file; return the value as stored.

        Raises SettingError for an unknown key, a locked one or a bad value, and
        DataDirError-like SettingError when the file cannot be written."""
        setting = BY_KEY.get(key)
        if setting is None:
            raise SettingError(f"there is no setting '{key}'")
        if self.locked(key) or setting.policy_only:
            raise SettingError(f"'{setting.label}' is managed by your organisation "
                               f"({self.source(key)})")
        try:
            value = coerce(setting, value)
        except ValueError as exc:
            raise SettingError(f"{setting.label}: {exc}") from exc
        user = dict(self.user)
        if value == setting.default and not self.recommended:
            user.pop(key, None)  # a default is not pinned: a new default applies later
        else:
            user[key] = value
        self._save(user)
        self.user = user
        self._effective[key] = self._resolve(setting)
        return self.get(key)

    def _save(self, user: dict[str, Any]) -> None:
        text = json.dumps(user, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            write_atomic(self.path, text)
        except OSError as exc:
            raise SettingError(f"cannot save the settings to {self.path}: "
                               f"{exc.strerror or exc}") from exc


def content_roots(settings: Settings, bundled: Path | None, user_dir: Path) -> list[Path]:
    """The content folders the settings ask for: the starter content (unless turned
    off), the user's own content folder if it exists, the organisation's folders, then
    the user's configured folders (unless a policy does not allow personal folders).
    A configured folder that is missing (an unmounted share) is logged and left out
    for now; it comes back when it is there again."""
    roots: list[Path] = []
    if bundled is not None and settings.get("bundled_content"):
        roots.append(bundled)
    own = settings.get("allow_user_content")
    if own and user_dir.is_dir():
        roots.append(user_dir)
    for folder in [*settings.get("content_sources"),
                   *(settings.get("content_folders") if own else [])]:
        path = Path(folder).absolute()
        if path.is_dir():
            roots.append(path)
        else:
            log.warning("content folder %s (from the settings) is not there; skipped", path)
    return list(dict.fromkeys(roots))


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


