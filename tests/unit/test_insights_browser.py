"""The insights report in a real browser: headless Chromium (Debian ``chromium``) opens
the file with the network blocked; it renders with its charts and tables, no console
error, no request leaving the file; screenshots in light and dark.

Skipped without chromium (with the package to install), failed instead when
``JITL_TEST_BROWSER=1`` (``.ci/run`` sets it). ``JITL_SCREENSHOTS_TO_DOCS=1`` copies
the screenshots to docs/insights-light.png and docs/insights-dark.png.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jitl_desktop.cli import main
from tests.unit.core.test_insights import CONTENT, organisation, searched

DOCS = Path(__file__).resolve().parents[2] / "docs"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--disable-extensions", "--mute-audio",
         # no request may leave: no name resolves, every proxy is a closed port
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
         "--proxy-bypass-list=<-loopback>", "--enable-logging=stderr", "--log-level=0"]


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("JITL_TEST_BROWSER") == "1":
            pytest.fail("chromium is missing (Debian package: chromium)")
        pytest.skip("needs the Debian package chromium (apt-get install chromium)")
    return found


def browse(chromium: str, page: Path, tmp_path: Path, *extra: str) -> tuple[str, str]:
    """Chromium's rendered DOM and its log for ``page`` (a fresh profile each time)."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    profile.mkdir()
    done = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *extra,
                           page.as_uri()], capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, "HOME": str(profile)})
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, done.stderr


def console_errors(log: str) -> list[str]:
    return [line for line in log.splitlines() if "CONSOLE" in line and
            re.search(r"error|uncaught|refused|failed", line, re.I)]


@pytest.fixture
def report(tmp_path, make_content) -> Path:
    statements = organisation()
    statements += [searched(w, "mail footer", chosen="mail/signature") for w in "xyz"]
    source = tmp_path / "statements.jsonl"
    source.write_text("".join(json.dumps(s) + "\n" for s in statements))
    page = tmp_path / "report.html"
    code = main(["--data-dir", str(tmp_path / "data"), "--config-dir",
                 str(tmp_path / "config"), "insights", "--from", str(source),
                 "--content", str(make_content(CONTENT)), "--html", str(page)])
    assert code == 0
    return page


def test_the_console_check_sees_an_error(chromium, tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!doctype html><title>x</title><script>console.error('boom');"
                    "undefinedThing();</script>")
    _dom, log = browse(chromium, page, tmp_path, "--dump-dom")
    assert len(console_errors(log)) >= 1, log[-2000:]


def test_the_report_renders_offline_with_its_charts_and_no_console_error(
        chromium, report, tmp_path):
    text = report.read_text(encoding="utf-8")
    # nothing to fetch: every src/href is in the page (an anchor or data:)
    assert not re.findall(r"""(?:src|href)=["'](?!#|data:)""", text)
    dom, log = browse(chromium, report, tmp_path, "--dump-dom")
    assert console_errors(log) == [], log[-3000:]
    assert dom.count("<svg") >= 4  # gaps, searches, items, coverage, adoption…
    assert dom.count('class="sortable"') >= 6
    assert "expense" in dom and "secret-" not in dom
    shots = {}
    for theme, flags in (("light", ["--blink-settings=preferredColorScheme=1"]),
                         ("dark", ["--force-dark-mode",
                                   "--blink-settings=preferredColorScheme=0"])):
        shot = tmp_path / f"insights-{theme}.png"
        _dom, log = browse(chromium, report, tmp_path, *flags, f"--screenshot={shot}",
                           "--window-size=1280,2000", "--hide-scrollbars")
        assert console_errors(log) == []
        assert shot.stat().st_size > 20_000
        shots[theme] = shot
    light, dark = (shots[t].read_bytes() for t in ("light", "dark"))
    assert light != dark  # the page follows the theme
    if os.environ.get("JITL_SCREENSHOTS_TO_DOCS") == "1":
        for theme, shot in shots.items():
            shutil.copyfile(shot, DOCS / f"insights-{theme}.png")
