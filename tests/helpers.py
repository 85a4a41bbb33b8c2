"""Shared test helpers."""

from __future__ import annotations

import ast
import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


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
