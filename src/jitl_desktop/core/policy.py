"""Machine policy: settings an administrator presets (recommended) or locks (policies),
read from each operating system's own policy store.

Sources, highest first, merged per key (see :mod:`jitl_desktop.core.settings`):

- Linux: root-owned ``/etc/jitl-desktop/policies/*.json`` (in name order, a later
  file winning a key), each ``{"policies": {...}, "recommended": {...}}``. A file
  that root does not own, or that others may write, is refused: anyone could
  otherwise lock anyone's settings. ``platformdirs.site_config_dir`` follows
  ``$XDG_CONFIG_DIRS``, which a user sets, so it is never read here.
- Windows: ``HKLM\\SOFTWARE\\Policies\\JITL\\JITL Desktop`` then the same under HKCU;
  values there lock, values in its ``Recommended`` subkey preset. REG_DWORD for
  true/false, REG_SZ for text, REG_MULTI_SZ for lists.
- macOS: forced managed preferences for the bundle id ``org.jitl.desktop`` in
  ``/Library/Managed Preferences/<user>/`` then ``/Library/Managed Preferences/``;
  ``/Library/Preferences/org.jitl.desktop.plist`` presets.

Only regular files of at most :data:`~jitl_desktop.core.settings.MAX_FILE_BYTES` are
read (opened without blocking and checked on the open descriptor, so a FIFO or a
device cannot hang the start); JSON nested deeper than
:data:`~jitl_desktop.core.settings.MAX_DEPTH` is refused like any unparsable file.

A value of the wrong type drops that key only (the settings say which file and
key); a file that cannot be read or parsed is reported as a problem, shown in the
settings dialog, ``diagnose`` and ``policy --json``, never silently ignored.
"""

from __future__ import annotations

import getpass
import importlib
import plistlib
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jitl_desktop.core.files import read_regular
from jitl_desktop.core.settings import BY_KEY, MAX_FILE_BYTES, Layer, Settings, parse_json

#: the filesystem root the Linux and macOS stores are read from (tests use a tree)
SYSTEM_ROOT = Path("/")
LINUX_DIR = "etc/jitl-desktop/policies"
WINDOWS_KEY = r"SOFTWARE\Policies\JITL\JITL Desktop"
MAC_BUNDLE = "org.jitl.desktop"


@dataclass
class Policy:
    """What the policy stores say: locking and recommended layers, and problems."""

    locking: list[Layer] = field(default_factory=list)
    recommended: list[Layer] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def load(system: str | None = None, *, root: Path | None = None,
         registry: Any = None) -> Policy:
    """Read the policy stores of this system (``sys.platform`` by default)."""
    system = system or sys.platform
    root = root if root is not None else SYSTEM_ROOT
    if system.startswith("win"):
        return read_windows(registry)
    if system == "darwin":
        return read_macos(root)
    return read_linux(root)


# --- Linux -------------------------------------------------------------------------------

def read_linux(root: Path, *, require_root_owner: bool = True) -> Policy:
    policy = Policy()
    folder = root / LINUX_DIR
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix == ".json")
    except FileNotFoundError:
        return policy
    except OSError as exc:
        policy.problems.append(f"{folder}: cannot be read ({exc.strerror or exc})")
        return policy
    # later files win a key: the highest layer comes first
    for path in reversed(files):
        try:
            raw, info = read_regular(path, MAX_FILE_BYTES)
            if require_root_owner and (info.st_uid != 0 or info.st_mode & stat.S_IWOTH):
                policy.problems.append(f"{path}: not used: a policy file must belong to "
                                       "root and not be writable by others")
                continue
            data = parse_json(raw)
        except OSError as exc:
            policy.problems.append(f"{path}: not used: {exc.strerror or exc}")
            continue
        except ValueError as exc:
            policy.problems.append(f"{path}: not used: {exc}")
            continue
        _add(policy, str(path), data)
    return policy


def _add(policy: Policy, where: str, data: Any) -> None:
    if not isinstance(data, dict) or not set(data) <= {"policies", "recommended"}:
        policy.problems.append(f"{where}: not used: expected an object with 'policies' "
                               "and/or 'recommended'")
        return
    for name, target in (("policies", policy.locking), ("recommended", policy.recommended)):
        values = data.get(name)
        if values is None:
            continue
        if not isinstance(values, dict):
            policy.problems.append(f"{where}: '{name}' must be an object; not used")
            continue
        target.append(Layer(f"{where} ({name})", _known(values, f"{where} ('{name}')",
                                                         policy), locks=name == "policies"))


def _known(values: dict[str, Any], where: str, policy: Policy) -> dict[str, Any]:
    """The values of settings this version knows; the others are reported."""
    for unknown in sorted(set(values) - set(BY_KEY)):
        policy.problems.append(f"{where}: unknown setting '{unknown}'; ignored")
    return {k: v for k, v in values.items() if k in BY_KEY}


# --- Windows -----------------------------------------------------------------------------

def read_windows(registry: Any = None) -> Policy:
    """HKLM then HKCU: the values of the policy key lock, its Recommended subkey presets.
    ``registry`` is the ``winreg`` module (a stand-in in tests)."""
    if registry is None:
        registry = importlib.import_module("winreg")
    policy = Policy()
    for hive_name in ("HKEY_LOCAL_MACHINE", "HKEY_CURRENT_USER"):
        hive = getattr(registry, hive_name)
        for sub, target, locks in ((WINDOWS_KEY, policy.locking, True),
                                   (WINDOWS_KEY + r"\Recommended", policy.recommended, False)):
            where = f"{hive_name}\\{sub}"
            try:
                values = _registry_values(registry, hive, sub)
            except FileNotFoundError:
                continue
            except OSError as exc:
                policy.problems.append(f"{where}: cannot be read ({exc})")
                continue
            known = _known(values, where, policy)
            target.append(Layer(where, {
                name: _from_registry(value, kind, registry, BY_KEY[name].kind)
                for name, (value, kind) in known.items()}, locks=locks))
    return policy


def _registry_values(registry: Any, hive: Any, sub: str) -> dict[str, tuple[Any, int]]:
    values: dict[str, tuple[Any, int]] = {}
    with registry.OpenKey(hive, sub, 0, registry.KEY_READ) as key:
        n = 0
        while True:
            try:
                name, value, kind = registry.EnumValue(key, n)
            except OSError:
                break
            values[name] = (value, kind)
            n += 1
    return values


def _from_registry(value: Any, kind: int, registry: Any, wanted: str) -> Any:
    """A registry value as the settings table's type; a mismatch is left for the
    settings to reject with the key's name (so it is reported, not guessed)."""
    if kind == registry.REG_DWORD and wanted == "bool" and value in (0, 1):
        return bool(value)
    if kind == registry.REG_MULTI_SZ:
        return [str(v) for v in value]
    if kind in (registry.REG_SZ, registry.REG_EXPAND_SZ) and wanted == "folders":
        return [part for part in str(value).split(";") if part]
    return value


# --- macOS -------------------------------------------------------------------------------

def read_macos(root: Path, user: str | None = None) -> Policy:
    policy = Policy()
    user = user or getpass.getuser()
    managed = root / "Library" / "Managed Preferences"
    for path, target, locks in (
            (managed / user / f"{MAC_BUNDLE}.plist", policy.locking, True),
            (managed / f"{MAC_BUNDLE}.plist", policy.locking, True),
            (root / "Library" / "Preferences" / f"{MAC_BUNDLE}.plist",
             policy.recommended, False)):
        try:
            raw, _ = read_regular(path, MAX_FILE_BYTES)
            data = plistlib.loads(raw)
        except FileNotFoundError:
            continue
        except OSError as exc:
            policy.problems.append(f"{path}: not used: {exc.strerror or exc}")
            continue
        except (plistlib.InvalidFileException, ValueError, RecursionError) as exc:
            policy.problems.append(f"{path}: not used: {exc}")
            continue
        if not isinstance(data, dict):
            policy.problems.append(f"{path}: not used: expected a dictionary")
            continue
        values = {k: v for k, v in data.items() if not k.startswith("Payload")}
        target.append(Layer(str(path), _known(values, str(path), policy), locks=locks))
    return policy


def effective(policy: Policy, config_dir: Path) -> dict[str, Any]:
    """Every setting with its value and source (``policy --json``), and the problems."""
    settings = load_settings(config_dir, policy)
    return {"settings": settings.effective(), "problems": settings.warnings,
            "sources": {"locking": [layer.name for layer in policy.locking],
                        "recommended": [layer.name for layer in policy.recommended]}}


def load_settings(config_dir: Path, policy: Policy | None = None) -> Settings:
    """The user's settings under this machine's policy; the policy's problems are among
    the settings' warnings, so every place that shows those shows these."""
    policy = policy if policy is not None else load()
    settings = Settings.load(config_dir, locking=policy.locking,
                             recommended=policy.recommended)
    settings.warnings[:0] = policy.problems
    return settings
