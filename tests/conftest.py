"""Test isolation and strictness.

Hermetic: every folder the program (or Qt, or platformdirs) would look up on the host
points into a temporary directory: ``HOME``, every XDG variable (the system folders
show what a desktop needs of the host's, but not the app's own entries),
``JITL_DATA_DIR`` and ``JITL_CONFIG_DIR``, and the root the machine policy is read
from. The session gets one
such tree (so module-scoped fixtures, such as the e2e desktop, copy a hermetic
environment), and each test its own under ``tmp_path``. A test sees the host only when
it says so with ``@pytest.mark.host``.

The machine policy root has no environment override in the program, on purpose: a
variable a user can set would let any user drop the locks an administrator made. In
this process the fixture patches ``jitl_desktop.core.policy.SYSTEM_ROOT``; a child
process of the app (e2e tests, ``mark.app_process``) reads the host's real
``/etc/jitl-desktop/policies``, so those tests are skipped when the host has policy
files there (they would otherwise depend on the host).

Strict: a test fails on a Qt warning (pytest-qt, see ``pyproject.toml``), on an ERROR
log record, and on an exception that escapes a thread or is "ignored" by Python (an
unraisable exception). A test that provokes one on purpose says so with
``@pytest.mark.allow_errors`` (see :func:`_strict`).
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
import tempfile
import textwrap
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import HOST_ENVIRON, desktop_missing

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ContentFactory = Callable[[dict[str, str | bytes]], Path]

#: where the Linux policy reader looks, relative to its root (core/policy.py LINUX_DIR)
HOST_POLICY_DIR = Path("/etc/jitl-desktop/policies")

#: the variables the isolation sets (and a ``host`` test gets back from the host)
ISOLATED = ("HOME", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "XDG_DATA_HOME", "XDG_DATA_DIRS",
            "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "JITL_DATA_DIR",
            "JITL_CONFIG_DIR")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """End-to-end tests skip, naming the Debian packages to install, on a machine
    without an X server, a window manager or Qt's X11 libraries."""
    e2e = [item for item in items if item.get_closest_marker("e2e") is not None]
    if e2e and (reason := desktop_missing()):
        for item in e2e:
            item.add_marker(pytest.mark.skip(reason=reason))


def hermetic_env(base: Path, runtime: Path) -> dict[str, str]:
    """The isolated environment for a tree under ``base`` (folders are created)."""
    home = base / "home"
    env = {
        "HOME": home,
        "JITL_DATA_DIR": home / "data",
        "JITL_CONFIG_DIR": home / "config",
        "XDG_CONFIG_HOME": home / "xdg-config",
        "XDG_DATA_HOME": home / "xdg-data",
        "XDG_CACHE_HOME": home / "xdg-cache",
        "XDG_STATE_HOME": home / "xdg-state",
        # the system folders: empty, so nothing of /etc/xdg nor /usr/share is seen (the
        # session and e2e tests get filtered views instead: see host_view)
        "XDG_CONFIG_DIRS": base / "xdg-config-dirs",
        "XDG_DATA_DIRS": base / "xdg-data-dirs",
        "XDG_RUNTIME_DIR": runtime,
    }
    for var in ("HOME", "XDG_CONFIG_DIRS", "XDG_DATA_DIRS"):
        env[var].mkdir(parents=True, exist_ok=True)
    return {k: str(v) for k, v in env.items()}


#: what the host's system folders may not show the tests: the app's own entries (the .deb
#: puts one in /etc/xdg/autostart) and Qt's machine-wide settings and logging rules
HIDDEN_CONFIG = frozenset({"autostart", "QtProject", "QtProject.conf", "jitl-desktop"})
HIDDEN_DATA = frozenset({"applications", "jitl-desktop", "metainfo"})


def host_view(base: Path, var: str, default: str, hidden: frozenset[str]) -> str:
    """A search path of views of the host's system folders in ``var``: each entry linked,
    but for the ``hidden`` ones. The desktop the e2e tests start needs them (openbox
    reads its configuration from ``$XDG_CONFIG_DIRS/openbox`` and its theme from
    ``$XDG_DATA_DIRS/themes``); the app under test must not find its host entries."""
    views = []
    folders = HOST_ENVIRON.get(var) or default
    for n, folder in enumerate(f for f in folders.split(os.pathsep) if os.path.isabs(f)):
        view = base / str(n)
        view.mkdir(parents=True)
        if Path(folder).is_dir():
            for entry in Path(folder).iterdir():
                if entry.name not in hidden:
                    (view / entry.name).symlink_to(entry)
        views.append(str(view))
    return os.pathsep.join(views)


@pytest.fixture(scope="session", autouse=True)
def _hermetic_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The isolated environment for the whole session (module-scoped fixtures, such as
    the e2e desktop, copy it); its system folders are filtered views of the host's."""
    runtime = Path(tempfile.mkdtemp(prefix="jitl-rt-"))  # 0700, short: sockets live here
    env = hermetic_env(tmp_path_factory.mktemp("session"), runtime)
    env["XDG_CONFIG_DIRS"] = host_view(tmp_path_factory.mktemp("xdg-config-dirs"),
                                       "XDG_CONFIG_DIRS", "/etc/xdg", HIDDEN_CONFIG)
    env["XDG_DATA_DIRS"] = host_view(tmp_path_factory.mktemp("xdg-data-dirs"),
                                     "XDG_DATA_DIRS", "/usr/local/share:/usr/share",
                                     HIDDEN_DATA)
    with pytest.MonkeyPatch.context() as mp:
        for var, value in env.items():
            mp.setenv(var, value)
        mp.setattr("jitl_desktop.core.policy.SYSTEM_ROOT",
                   tmp_path_factory.mktemp("system-root"))
        yield env
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_dirs(request: pytest.FixtureRequest, tmp_path: Path,
                   monkeypatch: pytest.MonkeyPatch,
                   _hermetic_session: dict[str, str]) -> Iterator[None]:
    """This test's own folders, or the host's for a ``host`` test. The system folders are
    empty, but for an e2e test, which may start a desktop: the session's views."""
    if request.node.get_closest_marker("host") is not None:
        for var in ISOLATED:
            if var in HOST_ENVIRON:
                monkeypatch.setenv(var, HOST_ENVIRON[var])
            else:
                monkeypatch.delenv(var, raising=False)
        monkeypatch.setattr("jitl_desktop.core.policy.SYSTEM_ROOT", Path("/"))
        yield
        return
    e2e = request.node.get_closest_marker("e2e") is not None
    if (e2e or request.node.get_closest_marker("app_process")) and \
            HOST_POLICY_DIR.is_dir() and any(HOST_POLICY_DIR.iterdir()):
        pytest.skip(f"the app's child processes would obey this machine's policy in "
                    f"{HOST_POLICY_DIR}; run on a machine without it")
    runtime = Path(tempfile.mkdtemp(prefix="jitl-rt-"))
    env = hermetic_env(tmp_path, runtime)
    if e2e:
        env.update({var: _hermetic_session[var] for var in ("XDG_CONFIG_DIRS",
                                                             "XDG_DATA_DIRS")})
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    system_root = tmp_path / "system-root"  # /etc/jitl-desktop/policies etc. go here
    system_root.mkdir()
    monkeypatch.setattr("jitl_desktop.core.policy.SYSTEM_ROOT", system_root)
    yield
    shutil.rmtree(runtime, ignore_errors=True)


# --- strictness ------------------------------------------------------------------------

class _Collector(logging.Handler):
    """ERROR (and worse) records from any logger and any thread."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def _strict(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test on an ERROR log record, an exception that ends a thread, or an
    unraisable exception, unless it is marked ``allow_errors``: with no arguments any
    is allowed; with patterns, only those whose message contains one of them."""
    marker = request.node.get_closest_marker("allow_errors")
    allowed: tuple[str, ...] | None = None if marker is None else tuple(marker.args)

    def ok(text: str) -> bool:
        return allowed is not None and (not allowed or any(p in text for p in allowed))

    handler = _Collector()
    root = logging.getLogger()
    root.addHandler(handler)
    problems: list[str] = []
    lock = threading.Lock()

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "?"
        text = "".join(traceback.format_exception(args.exc_type, args.exc_value,
                                                  args.exc_traceback))
        if not ok(text):
            with lock:
                problems.append(f"exception in thread {name}:\n{text}")

    def unraisable_hook(info: sys.UnraisableHookArgs) -> None:  # type: ignore[name-defined]
        text = "".join(traceback.format_exception(info.exc_type, info.exc_value,
                                                  info.exc_traceback))
        if not ok(text):
            with lock:
                problems.append(f"unraisable exception ({info.err_msg or 'ignored in'} "
                                f"{info.object!r}):\n{text}")

    old_thread_hook, old_unraisable = threading.excepthook, sys.unraisablehook
    threading.excepthook = thread_hook
    sys.unraisablehook = unraisable_hook
    try:
        yield
        # What the test left (an app it shut down, windows) is freed now, on this thread,
        # while no thread of it runs: not by a collection that a later test's worker
        # thread happens to start, which would destroy Qt objects on that thread.
        if "PySide6.QtCore" in sys.modules:
            from PySide6.QtCore import QCoreApplication, QEvent  # noqa: TID251

            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        gc.collect()
    finally:
        threading.excepthook = old_thread_hook
        sys.unraisablehook = old_unraisable
        root.removeHandler(handler)
    for record in handler.records:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
        if not ok(text):
            problems.append(f"{record.levelname} logged by {record.name} "
                            f"({record.threadName}): {text}")
    if problems:
        pytest.fail("unexpected errors (mark the test allow_errors if they are the point):"
                    "\n\n" + "\n\n".join(problems), pytrace=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "home" / "data"


@pytest.fixture
def make_content(tmp_path: Path) -> ContentFactory:
    """Write files (text is dedented) under a new content root and return the root."""
    counter = iter(range(1000))

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / f"content{next(counter)}"
        root.mkdir()
        for rel, data in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(textwrap.dedent(data).lstrip("\n"), encoding="utf-8")
        return root

    return make
