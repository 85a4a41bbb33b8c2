"""Command line entry point (see the contract in docs/CLI.md).

The commands that only index, search or lint never import Qt.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from jitl_desktop import __version__, insights_cli, ipc, packs_cli, paths, xapi_cli
from jitl_desktop.errors import JitlError

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Commands that only talk to the running app: they skip logging set-up, so that the
#: whole process stays fast enough to bind to a key.
CONTROL = frozenset({*ipc.ACTIONS, "status"})


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jitl-desktop",
        description="Just-in-time learning on the desktop: a hotkey, two words, the answer.")
    parser.add_argument("--version", action="version", version=f"jitl-desktop {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="index and user state (default: the user data dir; "
                             "env JITL_DATA_DIR)")
    parser.add_argument("--config-dir", metavar="DIR",
                        help="settings (default: the user config dir; env JITL_CONFIG_DIR)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument("--content", dest="app_content", action="append", default=[],
                        metavar="DIR", help="extra content folder for this run of the app")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("toggle", help="show or hide the running app's search window")
    p_show = sub.add_parser("show", help="show the running app's search window")
    p_show.add_argument("--query", metavar="TEXT", help="search for TEXT")
    sub.add_parser("hide", help="hide the running app's search window")
    sub.add_parser("quit", help="quit the running app")
    p_library = sub.add_parser("library", help="open the running app's library window")
    p_library.add_argument("--topic", metavar="TOPIC", help="list this topic's items")
    sub.add_parser("settings", help="open the running app's settings")
    p_status = sub.add_parser("status", help="state of the running app")
    p_status.add_argument("--json", action="store_true")

    content_help = ("a content folder; repeat for several (default: the bundled starter "
                    "content and your own content folder)")
    p_index = sub.add_parser("index", help="bring the search index up to date")
    p_index.add_argument("--content", action="append", default=[], metavar="DIR",
                         help=content_help)
    p_index.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    p_index.add_argument("--no-context", action="store_true",
                         help="leave reading new items in context (about 2 ms each), "
                              "beyond the few an update reads at once, to the app or the "
                              "next index or search")
    p_index.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)

    p_search = sub.add_parser("search", help="search the content")
    p_search.add_argument("--content", action="append", default=[], metavar="DIR",
                          help=content_help)
    p_search.add_argument("--app", metavar="APP",
                          help="rank items for this application higher (catalog id or "
                               "process name)")
    p_search.add_argument("--limit", type=_at_least_one, default=10, metavar="N",
                          help="how many results (at least 1; default 10)")
    p_search.add_argument("--json", action="store_true", help="one JSON object per query")
    p_search.add_argument("--batch", metavar="FILE",
                          help="read one query per line from FILE (- for standard input)")
    p_search.add_argument("--no-fuzzy", action="store_true",
                          help="no typo correction")
    p_search.add_argument("--lang", metavar="TAG",
                          help="show translated items in this language (a tag such as de "
                               "or pt-BR; default: the language setting, else the system's)")
    p_search.add_argument("query", nargs="*", help="what to look for")

    p_history = sub.add_parser("history", help="your learning record: views, bookmarks, "
                               "done, votes, searches (on this machine only)")
    p_history.add_argument("--json", action="store_true", help="print all of it as JSON")
    history_sub = p_history.add_subparsers(dest="history_command", metavar="ACTION")
    p_export = history_sub.add_parser("export", help="write all of it to FILE as JSON")
    p_export.add_argument("file", metavar="FILE")
    history_sub.add_parser("clear", help="forget all of it")

    p_policy = sub.add_parser("policy", help="every effective setting and where it came "
                              "from (machine policy, user settings, defaults)")
    p_policy.add_argument("--json", action="store_true")

    p_context = sub.add_parser("context", help="the active application as the app sees it")
    p_context.add_argument("--json", action="store_true")

    p_diagnose = sub.add_parser("diagnose", help="what works here and why not: display, "
                                "hotkey, tray, video, paths, settings, index, versions")
    p_diagnose.add_argument("--json", action="store_true")

    xapi_cli.add_parser(sub)
    insights_cli.add_parser(sub)

    p_lint = sub.add_parser("lint", help="check content for problems (exit 1 on errors)")
    p_lint.add_argument("dirs", nargs="*", metavar="DIR")
    p_lint.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    packs_cli.add_parsers(sub)
    return parser


def roots_to_use(p: paths.Paths, given: Sequence[str]) -> list[Path]:
    """The roots to use: those given, else those of the settings (the bundled content,
    the user's folder and the configured folders)."""
    if given:
        return [Path(d).expanduser().resolve() for d in given]
    from jitl_desktop.core.policy import load_settings

    return p.content_roots(load_settings(p.config_dir))


def _check_roots(roots: Sequence[Path]) -> None:
    from jitl_desktop.errors import ContentError

    if not roots:
        raise ContentError("no content folder: pass --content DIR")
    for root in roots:
        if not root.is_dir():
            raise ContentError(f"content folder not found: {root}")


#: how long ``search`` waits for another process's index update before it answers from
#: the index as it is
SEARCH_LOCK_WAIT = 1.0


def _open(p: paths.Paths, roots: list[Path]) -> Any:
    from jitl_desktop.core.apps import Catalog
    from jitl_desktop.core.glossary import glossary_files
    from jitl_desktop.core.index import ContentIndex
    from jitl_desktop.core.search import SearchEngine
    from jitl_desktop.errors import DataDirError, IndexBusyError

    content_index = ContentIndex(p.index_dir, lock_timeout=SEARCH_LOCK_WAIT)
    try:
        _say_if_repaired(content_index.update(roots, glossary_files=glossary_files(roots)))
        _read_in_context(content_index)
    except (IndexBusyError, DataDirError) as exc:
        if content_index.open() is None:
            raise
        why = ("another process is updating it" if isinstance(exc, IndexBusyError)
               else str(exc))
        print(f"jitl-desktop: searching the index as it is; results may be stale ({why})",
              file=sys.stderr)
    return SearchEngine(content_index, roots=roots,
                        catalog=Catalog.load(*paths.app_catalog_files(list(roots), p.config_dir)))


def _read_in_context(content_index: Any, out: TextIO | None = None) -> None:
    """Read in context what the index still lacks (core/incontext.py: after a full
    build of many items, about 2 ms each, on every core); said on ``out`` when given,
    and on standard error while it takes long."""
    from jitl_desktop.core import incontext

    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done == min(total, incontext.SLICE) and total > incontext.INLINE:
            print(f"jitl-desktop: reading {total} items in context (once)",
                  file=sys.stderr, flush=True)

    made, waiting = content_index.read_in_context(  # (the app reads on one core)
        progress=progress, threads=min(4, os.cpu_count() or 1))
    if out is not None and (made or waiting):
        print(f"read in context: {made} items in {time.perf_counter() - started:.2f} s"
              + (f"; {waiting} left" if waiting else ""), file=out)


def _say_if_repaired(report: Any) -> None:
    """One line on standard error when an update had to rebuild a damaged index."""
    if report.rebuilt and report.reason.startswith("index damaged: "):
        why = report.reason.removeprefix("index damaged: ")
        print(f"jitl-desktop: the search index was damaged ({why}); it was rebuilt",
              file=sys.stderr)


def _warm(engine: Any, roots: list[Path]) -> None:
    """Open the index and read what every search needs before the first query, as the
    app does at start-up: ``took_ms`` is the query's own time. A damaged index is said
    once and repaired here, as a search would."""
    from jitl_desktop.core.index import IndexDamagedError

    try:
        engine.warm()
        engine.prepare_queries()
    except IndexDamagedError as exc:
        _repair(engine, roots, exc)
        engine.warm()
        engine.prepare_queries()


def _repair(engine: Any, roots: list[Path], exc: Exception) -> None:
    """Say what is damaged and rebuild the index."""
    from jitl_desktop.core.glossary import glossary_files

    print(f"jitl-desktop: {exc}", file=sys.stderr)
    engine.content_index.update(roots, glossary_files=glossary_files(roots))
    engine.reload()


def _search_repairing(engine: Any, roots: list[Path], query: str, **how: Any) -> Any:
    """``engine.search``; when the index turns out to be damaged, say so once, rebuild
    it and ask again."""
    from jitl_desktop.core.index import IndexDamagedError

    try:
        return engine.search(query, **how)
    except IndexDamagedError as exc:
        _repair(engine, roots, exc)
        return engine.search(query, **how)


def cmd_index(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    from jitl_desktop.core import incontext
    from jitl_desktop.core.glossary import glossary_files
    from jitl_desktop.core.index import PROGRESS_PREFIX, ContentIndex

    roots = roots_to_use(p, args.content)
    _check_roots(roots)
    content_index = ContentIndex(p.index_dir)
    def progress(done: int, total: int) -> None:  # read by the app's index worker
        print(f"{PROGRESS_PREFIX} {done} {total}", file=sys.stderr, flush=True)

    report = content_index.update(roots, rebuild=args.rebuild,
                                  glossary_files=glossary_files(roots),
                                  progress=progress if args.progress else None,
                                  in_context=incontext.INLINE)  # (as set now)
    _say_if_repaired(report)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    stats = content_index.stats()
    how = f"rebuilt ({report.reason})" if report.rebuilt else "updated"
    print(f"{how}: {report.added} added, {report.changed} changed, {report.removed} removed, "
          f"{report.unchanged} unchanged in {report.seconds:.2f} s; "
          f"{stats['items']} items in the index; {len(report.problems)} problems",
          file=out, flush=True)
    if not args.no_context:
        _read_in_context(content_index, out)
    return 0


def cmd_search(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    roots = roots_to_use(p, args.content)
    _check_roots(roots)
    queries: list[str | ValueError]
    if args.batch:
        queries = _batch_queries(args.batch)
    else:
        if not args.query:
            raise JitlError("nothing to search for: give a query or --batch FILE")
        text = " ".join(args.query)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # undecodable bytes in argv (surrogateescape)
            raise JitlError(f"the query is not valid UTF-8 (at character {exc.start})"
                            ) from None
        queries = [text]
    wanted = search_languages(p, args.lang)
    with _open(p, roots) as engine:
        engine.languages = wanted
        _warm(engine, roots)
        for n, query in enumerate(queries, 1):
            if isinstance(query, ValueError):
                where = "standard input" if args.batch == "-" else args.batch
                message = f"{where}, line {n}: {query}"
                print(f"jitl-desktop: {message}; skipped", file=sys.stderr)
                if args.json:
                    out.write(json.dumps({"query": None, "line": n, "error": message,
                                          "results": []}) + "\n")
                continue
            _print_response(_search_repairing(engine, roots, query, limit=args.limit,
                                              app=args.app, typing=False, settled=True,
                                              fuzzy=not args.no_fuzzy),
                            args.json, out)
    return 0


def search_languages(p: paths.Paths, given: str | None) -> list[str]:
    """The languages a search shows translated items in: ``--lang`` (with its base
    language), else the ``language`` setting's and the system's, as the app does."""
    from jitl_desktop.core import languages

    if given is not None:
        try:
            return languages.preferred(languages.check(given) or "", [])
        except ValueError as exc:
            raise JitlError(f"--lang: {exc}") from None
    from jitl_desktop.core.policy import load_settings

    return languages.preferred(str(load_settings(p.config_dir).get("language") or ""))


def _batch_queries(source: str) -> list[str | ValueError]:
    """The lines of a batch file (``-``: standard input), each a query, or the reason
    it is not one (a line that is not UTF-8 spoils that line only)."""
    try:
        if source == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(source, "rb") as stream:
                raw = stream.read()
    except OSError as exc:
        raise JitlError(f"cannot read {source}: {exc.strerror or exc}") from exc
    queries: list[str | ValueError] = []
    for line in raw.splitlines():
        try:
            queries.append(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            queries.append(ValueError(f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at "
                                      f"position {exc.start + 1})"))
    return queries


def _print_response(response: Any, as_json: bool, out: TextIO) -> None:
    from jitl_desktop.core.transcripts import clock

    text = response.query
    if as_json:
        out.write(json.dumps(response.to_json(), ensure_ascii=False) + "\n")
        return
    if response.corrected:
        print(f"Showing results for: {response.corrected}", file=out)
    if not response.results:
        print(f"No results for {text!r}.", file=out)
    for n, r in enumerate(response.results, 1):
        at = f" @{clock(r.at)}" if r.at is not None else ""
        print(f"{n:2}. {r.title}  [{r.kind}] {r.id}{at}", file=out)
        if r.snippet:
            print(f"    {r.snippet}", file=out)


def cmd_lint(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    from jitl_desktop.core.apps import Catalog
    from jitl_desktop.core.lint import lint

    roots = [Path(d).resolve() for d in args.dirs] or roots_to_use(p, [])
    import datetime as dt

    today = dt.date.fromisoformat(args.today) if args.today else None
    catalog = Catalog.load(*paths.app_catalog_files(roots, p.config_dir))
    problems, count = lint(roots, catalog=catalog, today=today)
    for problem in problems:
        print(problem, file=out)
    errors = sum(1 for x in problems if x.severity == "error")
    warnings = len(problems) - errors
    print(f"{_n(count, 'item')} checked: {_n(errors, 'error')}, {_n(warnings, 'warning')}",
          file=sys.stderr)
    return 1 if errors else 0


def cmd_history(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    """Read, export or clear the learning record (whether the app runs or not: the
    store is shared safely between processes)."""
    from jitl_desktop.core.history import History

    # a locked or full store raises HistoryUnavailableError (a JitlError): one line,
    # "try again", and nothing changed
    with History(p.data_dir) as history:
        for warning in history.warnings:
            print(f"jitl-desktop: {warning}", file=sys.stderr)
        if args.history_command == "clear":
            history.clear()
            print("History cleared.", file=out)
            return 0
        data = history.export()
        if args.history_command == "export":
            try:
                history.export_to(Path(args.file).expanduser())
            except OSError as exc:
                raise JitlError(f"cannot write {args.file}: {exc.strerror or exc}") from exc
            print(f"History written to {args.file}.", file=out)
        elif args.json:
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            learning = history.learning()
            print(f"{_n(len(data['views']), 'view')}, {_n(len(data['bookmarks']), 'bookmark')}, "
                  f"{len(data['done'])} done ({learning['done_this_week']} this week; "
                  f"streak {_n(learning['streak_days'], 'day')}), "
                  f"{_n(len(data['votes']), 'vote')}, {_n(len(data['searches']), 'search')}",
                  file=out)
            recent = history.recent(10)
            titles = _titles(p, recent)
            for item_id in recent:
                print(f"  {titles.get(item_id, item_id)}", file=out)
    return 0


def _n(count: int, noun: str) -> str:
    """``1 error``, ``2 errors`` (English; the windows use Qt's plural forms)."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {noun}{'es' if noun.endswith('h') else 's'}"


def _titles(p: paths.Paths, ids: list[str]) -> dict[str, str]:
    """The titles of ``ids`` as the index has them (none when there is no index yet)."""
    from jitl_desktop.core.index import ContentIndex
    from jitl_desktop.core.search import SearchEngine

    content_index = ContentIndex(p.index_dir)
    if not ids or content_index.open() is None:
        return {}
    with SearchEngine(content_index) as engine:
        return {i: hit.title for i in ids if (hit := engine.get(i)) is not None}


def cmd_policy(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    from jitl_desktop.core import policy

    data = policy.effective(policy.load(), p.config_dir)
    if args.json:
        out.write(json.dumps(data, indent=2) + "\n")
        return 0
    for key, value in data["settings"].items():
        lock = " (locked)" if value["locked"] else ""
        print(f"{key} = {json.dumps(value['value'])}  [{value['source']}{lock}]", file=out)
    for problem in data["problems"]:
        print(f"problem: {problem}", file=out)
    return 0


def cmd_context(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    """The running app's context; without one, a look at the active window now."""
    from jitl_desktop.errors import NotRunningError

    try:
        context = ipc.request(ipc.address(p.data_dir), {"command": "context"},
                              timeout=2.0)["context"]
    except NotRunningError:
        from jitl_desktop.diagnose import context_now

        context = context_now(p)
    if args.json:
        out.write(json.dumps(context) + "\n")
    elif context["app"] is None:
        print(f"No context: {context['reason'] or 'no application is active'}", file=out)
    else:
        name = context["name"] or context["app"]
        print(f"{name} (process {context['process']}, window class {context['wm_class']}, "
              f"title {context['title']!r}; {context['backend']})", file=out)
    return 0


def cmd_diagnose(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    from jitl_desktop import diagnose

    return diagnose.run(p, args.json, out)


def cmd_control(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    """toggle / show / hide / quit / status: talk to the running instance (no Qt)."""
    message: dict[str, Any] = {"command": args.command}
    for key in ipc.ACTIONS.get(args.command, ()):
        if getattr(args, key, None) is not None:
            message[key] = getattr(args, key)
    reply = ipc.request(ipc.address(p.data_dir), message)
    if args.command == "status":
        status = reply["status"]
        if args.json:
            out.write(json.dumps(status) + "\n")
        else:
            overlay = status["overlay"]
            print(f"JITL Desktop {status['version']} (pid {status['pid']}): search window "
                  f"{'shown' if overlay['visible'] else 'hidden'}; hotkey "
                  f"{status['hotkey']['combo']} ({status['hotkey']['backend']}); "
                  f"{status['index']['items']} items", file=out)
    return 0


#: the app's log file: this size, and this many older ones kept
LOG_BYTES, LOG_BACKUPS = 1_000_000, 3


def _log_to_file(folder: Path) -> None:
    """The running app also logs to ``<data dir>/log/jitl-desktop.log`` (INFO and up,
    rotated), so there is something to read after a session started at login; where the
    folder cannot be written, it says so on standard error and goes on without."""
    import logging
    import logging.handlers

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / "jitl-desktop.log", maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
            encoding="utf-8")
    except OSError as exc:
        print(f"jitl-desktop: no log file in {folder}: {exc.strerror or exc}",
              file=sys.stderr)
        return
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for existing in root.handlers:  # the console keeps the level -v chose
        existing.setLevel(root.level)
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _add_to_running(name: str, folders: Sequence[Path], out: TextIO) -> int:
    """Ask the running app to serve each folder too, for this session; say what it did.
    Returns how many it refused (NotRunningError when none runs)."""
    from jitl_desktop.errors import NotRunningError

    refused = 0
    for folder in folders:
        try:
            reply = ipc.request(name, {"command": "add_content", "folder": str(folder)},
                                timeout=5.0)
        except NotRunningError:
            raise
        except JitlError as exc:
            print(f"jitl-desktop: the running JITL Desktop did not add {folder}: {exc}",
                  file=sys.stderr)
            refused += 1
            continue
        if reply.get("added"):
            print(f"Added {folder} to the running JITL Desktop for this session.", file=out)
        else:
            print(f"{folder} is already a content folder of the running JITL Desktop.",
                  file=out)
    return refused


def cmd_app(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    """Start the tray app, or show the running one's search window."""
    from jitl_desktop.errors import NotRunningError

    name = ipc.address(p.data_dir)
    extra = [Path(d).expanduser().resolve() for d in args.app_content]
    try:
        refused = _add_to_running(name, extra, out)
        ipc.request(name, {"command": "show"}, timeout=5.0)
    except NotRunningError:
        pass
    else:
        return 2 if refused else 0
    _log_to_file(p.log_dir)
    paths.tighten(p)
    from jitl_desktop.app import run
    from jitl_desktop.platform.single_instance import AlreadyRunning

    try:
        return run(p, extra)
    except AlreadyRunning:  # another one started at the same moment: use it
        try:
            ipc.request(name, {"command": "show"})
        except NotRunningError as exc:  # it holds the lock, so it is not "not running"
            raise JitlError(f"another JITL Desktop owns {name} but cannot be reached "
                            f"({exc}); try again") from exc
        return 0


COMMANDS = {"index": cmd_index, "search": cmd_search, "lint": cmd_lint,
            "diagnose": cmd_diagnose, "context": cmd_context, "history": cmd_history,
            "policy": cmd_policy, **dict.fromkeys(CONTROL, cmd_control), "": cmd_app,
            "xapi": xapi_cli.run, "pack": packs_cli.cmd_pack, "update": packs_cli.cmd_update,
            "insights": insights_cli.run}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Everything it writes is private to the user (umask 077, put
    back on return, so a caller in the same process keeps its own)."""
    previous = os.umask(paths.PRIVATE_UMASK)
    try:
        return _main(argv)
    finally:
        os.umask(previous)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command not in CONTROL:
        import logging

        logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    p = paths.resolve(args.data_dir, args.config_dir)
    command = COMMANDS[args.command or ""]
    if args.command not in CONTROL and command is not cmd_app:
        paths.tighten(p)  # the app does it once its log file is open
    try:
        return command(args, p, sys.stdout)
    except JitlError as exc:
        print(f"jitl-desktop: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
