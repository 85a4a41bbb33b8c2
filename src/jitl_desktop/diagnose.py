"""``jitl-desktop diagnose``: what works on this machine and why not, in one report.

Every probe is independent and guarded: a failing one is reported as such and the
others still run. Nothing here changes anything.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from jitl_desktop import __version__, paths, xapi_cli


def _probe(name: str, probe: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return probe()
    except Exception as exc:  # a barrier: a diagnosis must not fail on what it diagnoses
        return {"error": f"{name} could not be checked: {type(exc).__name__}: {exc}"}


def _versions() -> dict[str, Any]:
    import importlib.metadata as md

    found: dict[str, Any] = {"jitl-desktop": __version__, "python": platform.python_version(),
                             "os": platform.platform()}
    for dist in ("PySide6-Essentials", "PySide6-Addons", "whoosh-reloaded", "pynput",
                 "platformdirs", "PyYAML"):
        try:
            found[dist] = md.version(dist)
        except md.PackageNotFoundError:
            found[dist] = None
    return found


def _display() -> dict[str, Any]:
    from jitl_desktop.core.system import display_server

    server = display_server()
    reachable: bool | str = True
    if server == "x11":  # Qt aborts the process on a display it cannot open: look first
        try:
            from Xlib import display as xdisplay

            xdisplay.Display().close()
        except Exception as exc:
            reachable = f"cannot open {os.environ.get('DISPLAY')}: {exc}"
    return {"server": server, "reachable": reachable, "DISPLAY": os.environ.get("DISPLAY"),
            "WAYLAND_DISPLAY": os.environ.get("WAYLAND_DISPLAY"),
            "XDG_SESSION_TYPE": os.environ.get("XDG_SESSION_TYPE"),
            "XDG_CURRENT_DESKTOP": os.environ.get("XDG_CURRENT_DESKTOP")}


def _roots(p: paths.Paths) -> list[Path]:
    from jitl_desktop.core.policy import load_settings

    return p.content_roots(load_settings(p.config_dir))


def _settings(p: paths.Paths) -> dict[str, Any]:
    from jitl_desktop.core.policy import load_settings

    settings = load_settings(p.config_dir)
    return {"file": str(settings.path), "values": settings.effective(),
            "warnings": settings.warnings,
            "content_roots": [str(r) for r in p.content_roots(settings)]}


def _language(p: paths.Paths) -> dict[str, Any]:
    """The languages of the windows and of content, as the app would choose them now
    (a running app's own report when there is one)."""
    from jitl_desktop.core import languages
    from jitl_desktop.core.policy import load_settings
    from jitl_desktop.core.variants import ui_translations

    setting = str(load_settings(p.config_dir).get("language") or "")
    try:
        content = languages.preferred(setting)
    except ValueError:
        content = languages.preferred("")
    return {"ui": languages.pick(content, ui_translations(paths.resource("i18n"))),
            "content": content, "source": "setting" if setting.strip() else "system",
            "setting": setting, "system": languages.system_languages()}


def _meaning() -> dict[str, Any]:
    from jitl_desktop.core import context, meaning

    return {**meaning.describe(), "context": context.describe()}


def _index(p: paths.Paths) -> dict[str, Any]:
    from jitl_desktop.core.index import ContentIndex

    content_index = ContentIndex(p.index_dir)
    stats = content_index.stats()
    stats["needs_rebuild"] = content_index.needs_rebuild()
    stats["in_context"] = dataclasses.asdict(content_index.context_coverage())
    return stats


def _autostart() -> dict[str, Any]:
    from jitl_desktop.platform.autostart import pick

    return pick().status()


def _running(p: paths.Paths) -> dict[str, Any]:
    from jitl_desktop import ipc
    from jitl_desktop.errors import NotRunningError

    try:
        status = ipc.request(ipc.address(p.data_dir), {"command": "status"}, timeout=2.0)
    except NotRunningError:
        return {"running": False}
    return {"running": True, **status["status"]}


def _desktop(display: dict[str, Any], running: dict[str, Any], config_dir: Path
             ) -> dict[str, Any]:
    """Hotkey, tray and video player as the running app sees them, else as a start here
    would find them (the tray and the player need a display to be checked)."""
    from jitl_desktop.platform.hotkey import WAYLAND_HELP

    server = display.get("server", "none")
    if display.get("reachable") is not True:
        server = "none"
    out: dict[str, Any] = {}
    if running.get("running"):
        out["hotkey"] = running["hotkey"]
        out["tray"] = running["tray"]
    elif server == "wayland":
        out["hotkey"] = {"backend": "none", "problem": WAYLAND_HELP.format(
            why="a Wayland session does not let applications listen to keys")}
    elif server == "none":
        out["hotkey"] = {"backend": "none",
                         "problem": WAYLAND_HELP.format(why="there is no display")}
    elif server != "x11":
        out["hotkey"] = {"backend": "pynput", "problem": None,
                         "note": "checked when the app starts"}
    if server == "none":
        out["tray"] = out.get("tray") or {"available": False, "note": "no display"}
        out["video"] = {"available": None, "note": "needs a display to check"}
        return out
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    qapp = QApplication.instance() or QApplication([sys.argv[0]])
    if "hotkey" not in out:  # X11 and no app running: try the grab the app would make
        from jitl_desktop.core.policy import load_settings
        from jitl_desktop.platform.hotkey.x11 import X11GrabHotkey

        combo = load_settings(config_dir).get("hotkey")
        backend = X11GrabHotkey()
        backend.start(combo)
        out["hotkey"] = {"backend": backend.name, "combo": combo, "problem": backend.problem,
                         "note": "a trial grab; the app is not running"}
        backend.stop()
    if "tray" not in out:
        available = QSystemTrayIcon.isSystemTrayAvailable()
        out["tray"] = {"available": available} if available else {
            "available": False,
            "note": "no system tray (on GNOME, the AppIndicator extension adds one): "
                    "use the hotkey, 'jitl-desktop show' or 'jitl-desktop library'"}
    from jitl_desktop.platform.media import multimedia_problem

    problem = multimedia_problem()
    out["video"] = {"available": problem is None, "problem": problem}
    del qapp
    return out


def context_now(p: paths.Paths | None = None) -> dict[str, Any]:
    """The active application, read once now (for ``context`` when no app runs)."""
    from jitl_desktop.core.apps import Catalog
    from jitl_desktop.platform.active_window import pick
    from jitl_desktop.services.context import describe

    monitor = pick()
    app = None
    if monitor.backend == "x11":
        from jitl_desktop.platform.active_window.x11 import read_active

        app, monitor.reason = read_active()
        monitor.available = monitor.reason is None
    elif monitor.reason is None:
        monitor.reason = "read by the running app only on this system; start JITL Desktop"
    if app is not None:
        files = [paths.app_catalog_file()] if p is None else paths.app_catalog_files(
            _roots(p), p.config_dir)
        app = Catalog.load(*files).identify(app)
    return describe(app, monitor)


def _xapi(p: paths.Paths) -> dict[str, Any]:
    """Whether learning records go to an LRS, and how far the outbox is."""
    from jitl_desktop.core.history import HISTORY_FILE
    from jitl_desktop.core.outbox import Outbox
    from jitl_desktop.core.policy import load_settings
    from jitl_desktop.core.xapi import load_config, status_of

    config, problem = load_config(load_settings(p.config_dir).get)
    path = p.data_dir / HISTORY_FILE
    if config is None or not path.exists():
        return status_of(config, problem, None)
    with Outbox(path) as outbox:
        try:
            return status_of(config, problem, outbox.status())
        except sqlite3.Error as exc:  # an older store: the app migrates it at its start
            return {**status_of(config, problem, None), "note": str(exc)}


def report(p: paths.Paths) -> dict[str, Any]:
    display = _probe("the display", _display)
    running = _probe("the running app", lambda: _running(p))
    return {
        "versions": _probe("versions", _versions),
        "paths": {"data": str(p.data_dir), "config": str(p.config_dir),
                  "index": str(p.index_dir), "user_content": str(p.user_content_dir),
                  "bundled_content": str(paths.bundled_content_dir())},
        "display": display,
        "app": running,
        "desktop": _probe("the desktop", lambda: _desktop(display, running, p.config_dir)),
        "context": _probe("the context", lambda: running["context"] if running.get("running")
                          else context_now(p)),
        "autostart": _probe("start at login", _autostart),
        "settings": _probe("the settings", lambda: _settings(p)),
        "language": _probe("the language", lambda: running["language"]
                           if "language" in running else _language(p)),
        "index": _probe("the index", lambda: _index(p)),
        "meaning": _probe("the meaning model", _meaning),
        "xapi": _probe("learning records (xAPI)", lambda: _xapi(p)),
    }


def print_report(data: dict[str, Any], out: TextIO) -> None:
    """The report for people: one line per fact, problems spelled out."""
    v, d, desk = data["versions"], data["display"], data["desktop"]
    lines = [f"JITL Desktop {v.get('jitl-desktop')} on Python {v.get('python')}, "
             f"{v.get('os')}",
             "Packages: " + ", ".join(f"{k} {val or 'missing'}" for k, val in v.items()
                                      if k not in ("jitl-desktop", "python", "os")),
             f"Display: {d.get('server')} (session type {d.get('XDG_SESSION_TYPE') or '?'}, "
             f"desktop {d.get('XDG_CURRENT_DESKTOP') or '?'})"
             + ("" if d.get("reachable") is True else f" — {d.get('reachable')}")]
    app = data["app"]
    lines.append(f"App: running, pid {app['pid']}" if app.get("running") else
                 "App: not running")
    hotkey = desk.get("hotkey", {})
    lines.append(f"Hotkey: {hotkey.get('backend')}"
                 + (f" {hotkey['combo']}" if hotkey.get("combo") else "")
                 + (f" — {hotkey['problem']}" if hotkey.get("problem") else " — works"))
    tray = desk.get("tray", {})
    lines.append("Tray: available" if tray.get("available") else
                 f"Tray: none — {tray.get('note', '')}")
    video = desk.get("video", {})
    lines.append("Video player: built in" if video.get("available") else
                 f"Video player: system player only — "
                 f"{video.get('problem') or video.get('note')}")
    context = data["context"]
    if context.get("available"):
        lines.append(f"Context: {context.get('backend')}, in front: "
                     f"{context.get('name') or context.get('app') or 'nothing'}"
                     + (" (paused)" if context.get("paused") else ""))
    else:
        lines.append(f"Context: unavailable — {context.get('reason') or context.get('error')}")
    auto = data["autostart"]
    lines.append(f"Start at login: {auto.get('backend')}, "
                 f"{'on' if auto.get('enabled') else 'off'}"
                 + (f" ({auto['location']})" if auto.get("location") else "")
                 + (f" — {auto['problem']}" if auto.get("problem") else ""))
    for name, path in data["paths"].items():
        lines.append(f"Path {name}: {path}")
    settings = data["settings"]
    for warning in settings.get("warnings", []):
        lines.append(f"Settings problem: {warning}")
    lines += [f"Content folder: {root}" for root in settings.get("content_roots", [])]
    language = data["language"]
    if "content" in language:
        lines.append(f"Language: windows {language['ui']}, content "
                     f"{', '.join(language['content']) or 'each item in its own'} "
                     f"(from the {language['source']})")
    index = data["index"]
    if "error" in index:
        lines.append(f"Index: {index['error']}")
    else:
        lines.append(f"Index: {index['items']} items, {index['bytes'] // 1024} KiB, "
                     f"updated {index['updated'] or 'never'}"
                     + ("; it will be rebuilt" if index["needs_rebuild"] else "")
                     + (f"; {index['in_context']['missing']} items still to be read in "
                        "context" if index["in_context"]["missing"] else ""))
    found = data["meaning"]
    if "loaded" in found:
        lines.append(f"Search: {found['effect']} ({found['model']}"
                     + (f", {found['folder']})" if found["folder"] else ")"))
        in_context = found["context"]
        lines.append(f"Search in context: {in_context['effect']} ({in_context['model']})")
    lines.append(xapi_cli.summary(data["xapi"]) if "configured" in data["xapi"] else
                 f"xAPI: {data['xapi'].get('error')}")
    for section in data.values():
        if isinstance(section, dict) and "error" in section and section is not index:
            lines.append(f"Problem: {section['error']}")
    out.write("\n".join(lines) + "\n")


def run(p: paths.Paths, as_json: bool, out: TextIO) -> int:
    data = report(p)
    if as_json:
        out.write(json.dumps(data, indent=2, default=str) + "\n")
    else:
        print_report(data, out)
    return 0

