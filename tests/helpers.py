"""Shared test helpers."""

from __future__ import annotations

import ast
import contextlib
import ctypes.util
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

#: the environment pytest was started with, before tests/conftest.py isolated it (for
#: the few tests marked ``host``, and for builds that use the user's own caches)
HOST_ENVIRON: dict[str, str] = dict(os.environ)

#: shared libraries some tests need, and the Debian package that has each
LIBRARY_PACKAGES = {
    "pulse": "libpulse0", "pulsecommon": "libpulse0",  # QtMultimedia
    "xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1", "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0", "xcb-shape": "libxcb-shape0",
    "xcb-randr": "libxcb-randr0", "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0", "EGL": "libegl1", "GL": "libgl1",
    "fontconfig": "libfontconfig1", "dbus-1": "libdbus-1-3",
}
#: the libraries Qt's X11 (xcb) platform plugin loads
XCB_LIBRARIES = ("xcb-cursor", "xcb-icccm", "xcb-keysyms", "xcb-image", "xcb-render-util",
                 "xcb-shape", "xcb-randr", "xcb-xkb", "xkbcommon-x11", "EGL", "GL",
                 "fontconfig", "dbus-1")
#: the programs the end-to-end desktop runs, and their Debian packages
DESKTOP_PROGRAMS = {"Xvfb": "xvfb", "openbox": "openbox", "xdotool": "xdotool",
                    "xprop": "x11-utils"}


def missing_library_package(error: str) -> str:
    """The Debian package that has the library a loader error names (or a hint)."""
    found = re.search(r"lib([\w.+-]+?)(?:-[\d.]+)?\.so", error)
    if found is not None and found.group(1) in LIBRARY_PACKAGES:
        return LIBRARY_PACKAGES[found.group(1)]
    return "the package that has the library named above"


def multimedia_missing() -> str | None:
    """Why QtMultimedia cannot be loaded here, naming the Debian package to install;
    None when it can."""
    try:
        importlib.import_module("PySide6.QtMultimedia")
        importlib.import_module("PySide6.QtMultimediaWidgets")
    except ImportError as exc:
        return (f"QtMultimedia cannot be loaded ({exc}): install the Debian package "
                f"{missing_library_package(str(exc))}")
    return None


def desktop_missing() -> str | None:
    """Why the end-to-end desktop cannot run here, naming the Debian packages to
    install; None when it can."""
    packages = [pkg for prog, pkg in DESKTOP_PROGRAMS.items() if shutil.which(prog) is None]
    packages += sorted({LIBRARY_PACKAGES[lib] for lib in XCB_LIBRARIES
                        if ctypes.util.find_library(lib) is None})
    if not packages:
        return None
    return (f"needs an X server, a window manager and Qt's X11 libraries: install the "
            f"Debian packages {' '.join(packages)} (.ci/run does)")


@contextlib.contextmanager
def read_only_dir(path: Path) -> Iterator[Path]:
    """A folder the test process cannot write to: a read-only tmpfs when running as
    root (root ignores permission bits), else a folder without write permission."""
    path.mkdir()
    if os.geteuid() != 0:
        path.chmod(0o500)
        try:
            yield path
        finally:
            path.chmod(0o700)
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(path)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=False)


def imports(path: Path) -> set[str]:
    """Every module a source file imports (by name)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


class FakeRegistry:
    """The winreg calls the policy reader makes, over {(hive, key): {name: (data, type)}}
    (winreg itself exists only on Windows)."""

    HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER = "HKLM", "HKCU"
    KEY_READ = 1
    REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_MULTI_SZ = 1, 2, 4, 7

    def __init__(self, keys: dict[tuple[str, str], dict[str, tuple[Any, int]]] | None = None
                 ) -> None:
        self.keys: dict[tuple[str, str], dict[str, tuple[Any, int]]] = dict(keys or {})

    def set(self, hive: str, key: str, name: str, data: Any, kind: int) -> None:
        self.keys.setdefault((hive, key), {})[name] = (data, kind)

    class _Key:
        def __init__(self, values: dict[str, tuple[Any, int]]) -> None:
            self.values = list(values.items())

        def __enter__(self) -> FakeRegistry._Key:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

    def OpenKey(self, hive: str, sub: str, reserved: int, access: int) -> _Key:
        if (hive, sub) not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return self._Key(self.keys[(hive, sub)])

    def EnumValue(self, key: _Key, n: int) -> tuple[str, Any, int]:
        if n >= len(key.values):
            raise OSError(259, "No more data is available")
        name, (data, kind) = key.values[n]
        return name, data, kind


@contextlib.contextmanager
def small_tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A real file system of ``size`` (``512k``) mounted on ``folder`` for a test (root
    only: skipped otherwise, or where mounting is refused)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=700", "tmpfs",
                              str(folder)], capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def loaded_after(code: str, packages: Iterable[str]) -> list[str]:
    """Those of ``packages`` (top-level names) that a new interpreter has imported
    once ``code`` has run."""
    wanted = sorted(set(packages))
    script = (f"{code}\nimport sys, json\n"
              f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & "
              f"set({wanted!r}))))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    found: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def linux_engine(root: Path, tmp_path: Path, *, folder: str = "ix", glossaries: bool = True,
                 **options: Any) -> Any:
    """A search engine over ``root`` alone on a Linux desktop, its index in ``tmp_path /
    folder``, with the shipped glossaries and the root's (unless ``glossaries`` is
    False: the words alone); ``options`` go to the engine (``languages``…)."""
    from jitl_desktop.core.glossary import glossary_files
    from jitl_desktop.core.index import ContentIndex
    from jitl_desktop.core.search import SearchEngine

    index = ContentIndex(tmp_path / folder)
    index.update([root], glossary_files=glossary_files([root]) if glossaries else ())
    return SearchEngine(index, roots=[root], os_name="linux", **options)
