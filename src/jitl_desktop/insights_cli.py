"""``jitl-desktop insights``: the organisation's learning records turned into the
report L&D reads (HTML, CSV, JSON) and the learned choices the search uses (no Qt).

The statements come from files (``--from``, JSON lines or arrays) or from an LRS: the
machine policy's ``xapi_endpoint`` with its credentials, or ``--lrs URL`` with
``JITL_LRS_USERNAME`` / ``JITL_LRS_PASSWORD`` (and ``JITL_LRS_CA_BUNDLE``) from the
environment, never from the command line.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from jitl_desktop import paths
from jitl_desktop.errors import JitlError

#: the tables written by ``--csv`` (one file each) and named in ``--json``
TABLES = ("content_gaps", "top_searches", "items", "stale", "problems", "coverage",
          "quizzes", "adoption")


def add_parser(sub: Any) -> None:
    p = sub.add_parser("insights", help="what people look for and don't find, what helps, "
                       "what is stale (from the organisation's xAPI records)")
    p.add_argument("--lrs", metavar="URL", help="read from this LRS (credentials from "
                   "JITL_LRS_USERNAME, JITL_LRS_PASSWORD); default: the policy's endpoint")
    p.add_argument("--from", dest="files", action="append", default=[], metavar="FILE",
                   help="read statements from FILE (JSON lines or a JSON array); repeatable")
    p.add_argument("--content", action="append", default=[], metavar="DIR",
                   help="content folder (default: the configured ones)")
    p.add_argument("--since", metavar="DATE", help="only records from this date or time on")
    p.add_argument("--until", metavar="DATE", help="only records before this date or time")
    p.add_argument("--html", metavar="FILE", help="write the report as one HTML file")
    p.add_argument("--csv", metavar="DIR", help="write one CSV file per table into DIR")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--learned", metavar="FILE",
                   help="write what people chose after their searches (learned.jsonl)")
    p.add_argument("--min-people", type=int, default=3, metavar="N",
                   help="merge groups of fewer than N people into 'other' (default 3)")
    p.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)


def _when(value: str | None, name: str) -> str | None:
    """A date or date-time as the ISO text statements' timestamps compare with."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise JitlError(f"--{name}: {value!r} is not a date (YYYY-MM-DD) or an ISO "
                        "date-time") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.astimezone(dt.timezone.utc).isoformat()


def _statements(args: argparse.Namespace, p: paths.Paths, progress: Any,
                since: str | None, until: str | None) -> Iterator[dict[str, Any]]:
    from jitl_desktop.core.insights import read

    if args.files:
        yield from read.from_files([Path(f).expanduser() for f in args.files], progress)
        return
    config = _lrs_config(args, p)
    from jitl_desktop.core.lrs import LrsClient

    client = LrsClient(config)
    client.headers.pop("Content-Type", None)

    def get(url: str) -> tuple[int, str]:
        import urllib3

        try:
            answer = client.pool.request("GET", url, headers=client.headers, redirect=False)
        except urllib3.exceptions.HTTPError as exc:
            raise JitlError(f"cannot reach the LRS at {config.endpoint}: {exc}") from exc
        return answer.status, answer.data.decode("utf-8", "replace")

    try:
        yield from read.from_lrs(get, config.endpoint, since=since, until=until,
                                 progress=progress)
    finally:
        client.close()


def _lrs_config(args: argparse.Namespace, p: paths.Paths) -> Any:
    from jitl_desktop.core.xapi import XapiConfig, XapiConfigError, _check_url, load_config

    if args.lrs:
        try:
            url = _check_url("--lrs", args.lrs, allow_http_loopback=True)
        except XapiConfigError as exc:
            raise JitlError(str(exc)) from exc
        bundle = os.environ.get("JITL_LRS_CA_BUNDLE", "")
        return XapiConfig(endpoint=url if url.endswith("/") else url + "/",
                          username=os.environ.get("JITL_LRS_USERNAME", ""),
                          password=os.environ.get("JITL_LRS_PASSWORD", ""),
                          activity_base="", salt="", home_page="", queries="",
                          ca_bundle=bundle, outbox_limit=0)
    from jitl_desktop.core.policy import load_settings

    config, problem = load_config(load_settings(p.config_dir).get)
    if config is None:
        raise JitlError(problem or "no statements to read: pass --from FILE or --lrs URL, "
                        "or set xapi_endpoint in the machine policy")
    return config


def run(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    from jitl_desktop.core.insights import read, report
    from jitl_desktop.core.insights.items import report_items
    from jitl_desktop.core.insights.tally import Tally

    if args.min_people < 1:
        raise JitlError("--min-people must be 1 or more")
    if not (args.html or args.csv or args.json or args.learned):
        raise JitlError("nothing to write: pass --html FILE, --csv DIR, --json or "
                        "--learned FILE")
    since, until = _when(args.since, "since"), _when(args.until, "until")
    roots = [Path(d).expanduser().resolve() for d in args.content] if args.content else \
        _configured_roots(p)
    progress = read.Progress(force=args.progress)
    tally = Tally(since=since, until=until).add_all(
        _statements(args, p, progress, since, until))
    items = list(report_items(roots))
    figures = report.build(tally, items, min_people=args.min_people)
    if args.learned:
        pairs = report.learned_pairs(tally, min_people=args.min_people)
        _write(Path(args.learned).expanduser(),
               "".join(json.dumps(pair, ensure_ascii=False) + "\n" for pair in pairs))
        figures["learned"] = len(pairs)
    if args.csv:
        _write_csv(Path(args.csv).expanduser(), figures)
    if args.html:
        from jitl_desktop.core.insights.html import render

        _write(Path(args.html).expanduser(), render(figures))
    if args.json:
        out.write(json.dumps(figures, ensure_ascii=False, indent=1) + "\n")
    return 0


def _configured_roots(p: paths.Paths) -> list[Path]:
    from jitl_desktop.core.policy import load_settings

    return p.content_roots(load_settings(p.config_dir))


def _write(path: Path, text: str) -> None:
    from jitl_desktop.core.files import write_atomic

    try:
        write_atomic(path, text, mode=0o600)
    except OSError as exc:
        raise JitlError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _write_csv(folder: Path, figures: dict[str, Any]) -> None:
    import io

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise JitlError(f"cannot make {folder}: {exc.strerror or exc}") from exc
    for name in TABLES:
        rows = figures[name]
        columns = list(dict.fromkeys(k for row in rows for k in row))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _flat(v) for k, v in row.items()})
        _write(folder / f"{name}.csv", buffer.getvalue())


def _flat(value: Any) -> Any:
    if isinstance(value, list):
        return " | ".join(
            (v.get("text") or f"{v.get('answer')} x{v.get('times')}")
            if isinstance(v, dict) else str(v) for v in value)
    return value
