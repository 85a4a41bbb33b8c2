"""Running commands as other local users (tests run as root): ``nobody`` is the user,
``daemon`` the attacker. The test venv lives under /root, which other users cannot
enter, so they run the system Python of the same version over this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import jitl_desktop

SRC = Path(jitl_desktop.__file__).resolve().parent.parent
SITE: Path | None = Path(sysconfig.get_paths()["purelib"]) if sys.prefix != sys.base_prefix \
    else None
SYSTEM_PYTHON = Path("/usr/bin/python3")


def _usable() -> str | None:
    if os.geteuid() != 0 or not shutil.which("runuser"):
        return "needs root to act as other local users"
    if not SYSTEM_PYTHON.exists() or SITE is None:
        return "needs /usr/bin/python3 and a virtual environment"
    version = subprocess.run([str(SYSTEM_PYTHON), "-c", "import sys; print(sys.version_info[:2])"],
                             capture_output=True, text=True, check=False).stdout.strip()
    if version != str(sys.version_info[:2]):
        return f"/usr/bin/python3 is {version}, the tests run {sys.version_info[:2]}"
    done = subprocess.run(["runuser", "-u", "nobody", "--", str(SYSTEM_PYTHON), "-c",
                           f"import sys; sys.path[:0] = [{str(SRC)!r}, {str(SITE)!r}]; "
                           "import jitl_desktop, platformdirs"],
                          capture_output=True, check=False)
    if done.returncode != 0:
        return "other users cannot read this checkout"
    return None


SKIP = pytest.mark.skipif(bool(_usable()), reason=_usable() or "")


def uid(user: str) -> int:
    import pwd

    return pwd.getpwnam(user).pw_uid


def command(user: str, env: dict[str, str], *args: str) -> list[str]:
    """``args`` (a Python command line, without the interpreter) as ``user``, with only
    ``env`` (plus PATH and PYTHONPATH) in the environment."""
    full = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{SRC}:{SITE}", "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen", **env}
    return ["runuser", "-u", user, "--", "env", "-i", *(f"{k}={v}" for k, v in full.items()),
            str(SYSTEM_PYTHON), *args]


def run(user: str, env: dict[str, str], *args: str, timeout: float = 60,
        **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(user, env, *args), capture_output=True, text=True,
                          timeout=timeout, check=False, **kwargs)


def owned_dir(path: Path, user: str, mode: int) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    os.chown(path, uid(user), -1)
    path.chmod(mode)
    return path


def shared_tmp() -> Iterator[Path]:
    """A sticky folder like /tmp (the tests' own, so the real /tmp is not touched)."""
    folder = Path(tempfile.mkdtemp(prefix="jitl-adv-"))
    folder.chmod(0o1777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
