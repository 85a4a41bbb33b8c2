"""A pack repository made by ``jitl-desktop pack``, served by a real HTTP server on
loopback (or read as a folder), and a machine policy that names it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import textwrap
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from jitl_desktop.cli import main
from jitl_desktop.core import policy

ITEMS = {
    "common/tar.md": "# tar\n\n> Archive files with tar.\n\n- Extract: `tar xf a.tar`\n",
    "common/zip.md": "# zip\n\n> Package and compress files.\n\n- Zip: `zip -r a.zip dir`\n",
    "security/phishing.md": "# Report a phishing mail\n\n> Forward it to the security team.\n",
}


@dataclass
class Served:
    """A loopback HTTP server for a folder; ``hang`` makes it send half of any file whose
    name contains one of its strings, then stall; ``slow`` delays such files' first
    byte; ``requests`` lists the paths asked for."""

    folder: Path
    url: str = ""
    hang: list[str] = field(default_factory=list)
    slow: dict[str, float] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    server: http.server.ThreadingHTTPServer | None = None
    release: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        served = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(served.folder), **kwargs)

            def log_message(self, format: str, *args: Any) -> None:
                del format, args

            def do_GET(self) -> None:
                served.requests.append(self.path)
                for part, delay in served.slow.items():
                    if part in self.path:
                        served.release.wait(delay)
                if any(part in self.path for part in served.hang):
                    self._half_then_stall()
                    return
                super().do_GET()

            def _half_then_stall(self) -> None:
                data = (served.folder / self.path.lstrip("/")).read_bytes()
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                served.release.wait(30)

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                del request, client_address  # a client that went away (killed, timed out)

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, name="pack-server",
                         daemon=True).start()

    def stop(self) -> None:
        self.release.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@dataclass
class Site:
    """A publisher's repository and a desktop that follows it."""

    base: Path
    repo: Path
    keys: Path
    served: Served

    @property
    def root(self) -> Path:
        return self.repo / "metadata" / "1.root.json"

    def content(self, files: dict[str, str], name: str = "content") -> Path:
        folder = self.base / name
        shutil.rmtree(folder, ignore_errors=True)
        for rel, text in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    def publish(self, name: str, files: dict[str, str]) -> None:
        code, _, err = run("pack", "add", str(self.repo), name,
                           str(self.content(files, f"content-{name}")), "--keys",
                           str(self.keys))
        assert code == 0, err

    def use(self, repository: str | None = None, **more: Any) -> None:
        """The machine policy naming this repository (the HTTP one by default)."""
        folder = policy.SYSTEM_ROOT / policy.LINUX_DIR
        folder.mkdir(parents=True, exist_ok=True)
        values = {"content_repository": repository or self.served.url,
                  "content_repository_root": str(self.root), "bundled_content": False,
                  **more}
        (folder / "50-packs.json").write_text(json.dumps({"policies": values}))

    def snapshot_metadata(self) -> Path:
        """A copy of the metadata as served now (to serve again later: a rollback)."""
        copy = self.base / f"metadata-{time.monotonic_ns()}"
        shutil.copytree(self.repo / "metadata", copy)
        return copy

    def serve_metadata(self, copy: Path) -> None:
        shutil.rmtree(self.repo / "metadata")
        shutil.copytree(copy, self.repo / "metadata")


def run(*args: str) -> tuple[int, str, str]:
    """``jitl-desktop ARGS`` in this process (so the test's policy root applies)."""
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def update() -> tuple[int, dict[str, Any], str]:
    code, out, err = run("update", "--json")
    return code, json.loads(out), err


def found(query: str) -> list[str]:
    """The ids ``jitl-desktop search`` finds."""
    code, out, err = run("search", "--json", query)
    assert code == 0, err
    return [r["id"] for r in json.loads(out)["results"]]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    if os.geteuid() != 0:  # the test's policy files cannot belong to root
        monkeypatch.setattr(policy, "read_linux",
                            functools.partial(policy.read_linux, require_root_owner=False))
    repo = tmp_path / "repo"
    code, _, err = run("pack", "init", str(repo), "--keys", str(tmp_path / "keys"))
    assert code == 0, err
    served = Served(repo)
    served.start()
    made = Site(tmp_path, repo, tmp_path / "keys", served)
    made.publish("docs", ITEMS)
    try:
        yield made
    finally:
        served.stop()
