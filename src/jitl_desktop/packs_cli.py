"""``jitl-desktop pack …`` (publishing signed content packs) and ``jitl-desktop update``
(installing them on this desktop). Loaded by cli.py; python-tuf is imported only when one
of these commands runs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from jitl_desktop import paths


def add_parsers(sub: Any) -> None:
    p_pack = sub.add_parser("pack", help="publish signed content packs (for IT and authors)")
    pack = p_pack.add_subparsers(dest="pack_command", metavar="ACTION", required=True)
    keys = argparse.ArgumentParser(add_help=False)
    keys.add_argument("--keys", metavar="DIR",
                      help="the signing keys (default: REPO.keys beside REPO)")
    p_init = pack.add_parser("init", parents=[keys], help="make a new repository and keys")
    p_init.add_argument("repo", metavar="REPO")
    p_init.add_argument("--root-keys", type=int, default=1, metavar="N",
                        help="how many root keys (default 1)")
    p_init.add_argument("--root-threshold", type=int, default=1, metavar="M",
                        help="how many root keys must sign a new root (default 1)")
    p_init.add_argument("--expires", action="append", default=[], metavar="ROLE=TIME",
                        help="lifetime of a role's metadata, such as timestamp=1d or "
                             "root=365d (defaults: root 365d, targets 90d, snapshot 30d, "
                             "timestamp 1d)")
    p_add = pack.add_parser("add", parents=[keys],
                            help="lint CONTENT_DIR and publish it as pack NAME")
    p_add.add_argument("repo", metavar="REPO")
    p_add.add_argument("name", metavar="NAME")
    p_add.add_argument("content", metavar="CONTENT_DIR")
    p_add.add_argument("--version", dest="pack_version", metavar="V",
                       help="the pack's version (default: the last one plus 1)")
    p_remove = pack.add_parser("remove", parents=[keys], help="withdraw pack NAME")
    p_remove.add_argument("repo", metavar="REPO")
    p_remove.add_argument("name", metavar="NAME")
    p_list = pack.add_parser("list", help="the packs and the metadata's expiry")
    p_list.add_argument("repo", metavar="REPO")
    p_list.add_argument("--json", action="store_true")
    p_refresh = pack.add_parser("refresh", parents=[keys],
                                help="sign a new timestamp (run daily)")
    p_refresh.add_argument("repo", metavar="REPO")
    p_rotate = pack.add_parser("rotate-key", parents=[keys],
                               help="replace the keys of ROLE (root, targets, snapshot, "
                                    "timestamp)")
    p_rotate.add_argument("repo", metavar="REPO")
    p_rotate.add_argument("role", metavar="ROLE")
    p_update = sub.add_parser("update", help="install or update the content packs the "
                              "machine policy names (content_repository)")
    p_update.add_argument("--json", action="store_true")


def cmd_pack(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    from jitl_desktop.core.packs.publish import PackRepository, opened, parse_expiries

    repo = Path(args.repo).expanduser()
    keys = Path(args.keys).expanduser() if getattr(args, "keys", None) else None
    action = args.pack_command
    if action == "init":
        repository = PackRepository(repo, keys)
        repository.init(expiry=parse_expiries(args.expires), root_keys=args.root_keys,
                        root_threshold=args.root_threshold)
        print(f"New repository in {repository.repo_dir}; keys in {repository.keys_dir} "
              f"(keep the root keys offline). Desktops trust "
              f"{repository.metadata_dir / '1.root.json'}.", file=out)
        return 0
    with opened(repo, keys) as repository:
        if action == "add":
            _lint(Path(args.content), p)
            info = repository.add(args.name, Path(args.content).expanduser(),
                                  version=args.pack_version)
            print(f"Published {info.name} {info.version}: {info.target}, {info.items} "
                  f"items, {info.length:,} bytes.", file=out)
        elif action == "remove":
            info = repository.remove(args.name)
            print(f"Withdrew {info.name} {info.version}.", file=out)
        elif action == "list":
            _list(repository, args.json, out)
        elif action == "refresh":
            print("Signed: " + ", ".join(repository.refresh()) + ".", file=out)
        else:
            keyids = repository.rotate_key(args.role)
            print(f"New {args.role} key {keyids}; the old one is in "
                  f"{repository.keys_dir / 'retired'}.", file=out)
    return 0


def _lint(content: Path, p: paths.Paths) -> None:
    from jitl_desktop.core.apps import Catalog
    from jitl_desktop.core.lint import lint
    from jitl_desktop.core.packs import PackError

    if not content.is_dir():
        raise PackError(f"content folder not found: {content}")
    catalog = Catalog.load(*paths.app_catalog_files([content], p.config_dir))
    problems, count = lint([content.resolve()], catalog=catalog)
    errors = [x for x in problems if x.severity == "error"]
    for problem in errors:
        print(problem, file=sys.stderr)
    if errors:
        raise PackError(f"{content}: {len(errors)} errors in {count} items (above); fix "
                        "them and add the pack again")
    if count == 0:
        raise PackError(f"{content}: no items (Markdown files) to publish")


def _list(repository: Any, as_json: bool, out: TextIO) -> None:
    packs = [info.to_json() for info in repository.packs().values()]
    expiries = repository.expiries()
    if as_json:
        out.write(json.dumps({"packs": packs, "metadata": expiries}, indent=2) + "\n")
        return
    for pack in packs:
        print(f"{pack['name']} {pack['version']}  {pack['target']}  {pack['items']} items  "
              f"{pack['length']:,} bytes", file=out)
    for role, value in expiries.items():
        print(f"{role}: version {value['version']}, expires {value['expires']}", file=out)


def cmd_update(args: argparse.Namespace, p: paths.Paths, out: TextIO) -> int:
    from jitl_desktop.core.glossary import glossary_files
    from jitl_desktop.core.index import ContentIndex
    from jitl_desktop.core.packs import UpdateError
    from jitl_desktop.core.packs.update import from_settings
    from jitl_desktop.core.policy import load_settings

    settings = load_settings(p.config_dir)
    try:
        result = from_settings(p.packs_dir, settings).update()
    except UpdateError as exc:
        if args.json:
            out.write(json.dumps({"ok": False, "error": str(exc),
                                  "unreachable": exc.unreachable}) + "\n")
        raise
    roots = [r for r in p.content_roots(settings) if r.is_dir()]
    report = ContentIndex(p.index_dir).update(roots, glossary_files=glossary_files(roots))
    data = {**result.to_json(), "index": {"added": report.added, "changed": report.changed,
                                          "removed": report.removed}}
    if args.json:
        out.write(json.dumps(data) + "\n")
        return 0
    for name in result.missing:
        print(f"jitl-desktop: content_packs names {name!r}, which the repository does not "
              "have", file=sys.stderr)
    packs = ", ".join(f"{n} {v}" for n, v in result.packs.items()) or "none"
    what = "updated" if result.installed or result.removed else "up to date"
    print(f"Content packs {what} ({packs}); index: {report.added} added, "
          f"{report.changed} changed, {report.removed} removed.", file=out)
    return 0
