"""``jitl-desktop xapi status|flush|export``: the learning records for the
organisation's LRS, from the command line, whether the app runs or not (no Qt).

``flush`` and the running app's sender may run at once: each takes its batches with a
lease in the outbox, so no batch is posted twice at the same time. When the app is not
running, ``flush`` first ends the views a crash or a kill left open (as the app does at
its start), so their ``experienced`` statements go too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from jitl_desktop import paths
from jitl_desktop.errors import JitlError

#: how long ``xapi flush`` goes on at most (seconds)
FLUSH_SECONDS = 600.0


def add_parser(sub: Any) -> None:
    p_xapi = sub.add_parser("xapi", help="learning records for your organisation's LRS "
                            "(xAPI): status, flush, export")
    xapi_sub = p_xapi.add_subparsers(dest="xapi_command", metavar="ACTION", required=True)
    for name, text in (("status", "what is queued, sent, set aside, and the last error"),
                       ("flush", "send what is queued now (exit 1 if something is left)")):
        xapi_sub.add_parser(name, help=text).add_argument("--json", action="store_true")
    xapi_sub.add_parser("export", help="write your statements to FILE as JSON lines"
                        ).add_argument("file", metavar="FILE")


def summary(status: dict[str, Any]) -> str:
    if not status["configured"]:
        return "xAPI: not configured" + (f" ({status['problem']})" if status["problem"]
                                         else " (no xapi_endpoint in the machine policy)")
    text = (f"xAPI: {status['endpoint']}: {status['queued']} queued, {status['sent']} sent, "
            f"{status['rejected']} set aside, {status['dropped']} dropped; last sent "
            f"{status['last_sent_at'] or 'never'}")
    return text + (f"; last error: {status['last_error']}" if status["last_error"] else "")


def run(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    from jitl_desktop.core.history import History
    from jitl_desktop.core.outbox import Outbox
    from jitl_desktop.core.policy import load_settings
    from jitl_desktop.core.xapi import load_config, status_of

    config, problem = load_config(load_settings(p.config_dir).get)
    with History(p.data_dir) as history:  # creates and migrates the store
        path = history.path
    if args.xapi_command == "flush" and config is not None and not _app_running(p):
        from jitl_desktop.core.xapi import Statements

        with History(p.data_dir, statements=Statements(config)) as history:
            history.end_open_views()
    with Outbox(path) as outbox:
        if args.xapi_command == "export":
            return _export(outbox, Path(args.file).expanduser(), out)
        report = None
        if args.xapi_command == "flush" and config is not None:
            from jitl_desktop.core.lrs import LrsClient, flush

            client = LrsClient(config)
            try:
                report = flush(outbox, client, deadline=time.monotonic() + FLUSH_SECONDS)
            finally:
                client.close()
        status = status_of(config, problem, outbox.status())
        if report is not None:
            status["error"] = report.error
            status["just_sent"] = report.sent
            status["just_rejected"] = report.rejected
    if getattr(args, "json", False):
        out.write(json.dumps(status) + "\n")
    else:
        print(summary(status), file=out)
    if args.xapi_command != "flush" or status["queued"] == 0:
        return 0
    why = (status.get("error") or status["problem"]
           or "no xapi_endpoint in the machine policy")
    print(f"jitl-desktop: {status['queued']} statements are still queued: {why}",
          file=sys.stderr)
    return 1


def _app_running(p: paths.Paths) -> bool:
    """Whether the app runs for this data folder (its views are open on purpose)."""
    from jitl_desktop import ipc
    from jitl_desktop.errors import NotRunningError

    try:
        ipc.request(ipc.address(p.data_dir), {"command": "status"}, timeout=2.0)
    except NotRunningError:
        return False
    except JitlError:
        return True  # it holds its lock: running, if busy
    return True


def _export(outbox: Any, path: Path, out: TextIO) -> int:
    from jitl_desktop.core.files import write_atomic

    lines = [json.dumps(s, ensure_ascii=False) + "\n" for s in outbox.export()]
    try:
        write_atomic(path, "".join(lines), mode=0o600)
    except OSError as exc:
        raise JitlError(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"{len(lines)} statements written to {path}.", file=out)
    return 0
