"""The Debian package made by installer/linux/build-deb.sh.

The files it ships are checked quickly, always. The package itself is built once for
this module (about two minutes and a 426 MB tree; its time is printed), checked with
lintian and the validators, then installed with apt-get, used, and purged (as root only:
that changes the machine, and the purge runs whatever fails before it). The build tree
and the .deb are removed afterwards.

Building and installing run only when asked: ``JITL_TEST_DEB=1`` (``.ci/run`` sets it);
then a missing tool is a failure. Otherwise those tests skip and say how to opt in.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from harness.desktop import DesktopUnavailable, start_desktop, wait_for
from harness.lrs import PASSWORD, USER, LrsUnavailable, Ralph, ensure_venv
from jitl_desktop import __version__
from jitl_desktop.core.policy import read_linux
from jitl_desktop.core.settings import TABLE, Settings
from jitl_desktop.platform.autostart import XdgAutostart
from tests.helpers import HOST_ENVIRON

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installer" / "linux"
SCRIPT = LINUX / "build-deb.sh"
PACKAGE = "jitl-desktop"
BUILD_TOOLS = ("dpkg-deb", "dpkg-shlibdeps", "lintian", "desktop-file-validate", "readelf",
               "strip", "unshare", "gcc")
DESKTOP_FILES = ("usr/share/applications/jitl-desktop.desktop",
                 "etc/xdg/autostart/jitl-desktop.desktop")
METAINFO = "usr/share/metainfo/org.jitl.desktop.metainfo.xml"
SHIPPED = (*DESKTOP_FILES, METAINFO, "usr/bin/jitl-desktop",
           "usr/share/icons/hicolor/scalable/apps/jitl-desktop.svg",
           "usr/share/doc/jitl-desktop/examples/policy.json",
           "usr/share/doc/jitl-desktop/copyright",
           "usr/share/doc/jitl-desktop/changelog.Debian.gz",
           "usr/share/man/man1/jitl-desktop.1.gz",
           "usr/share/jitl-desktop/content/terminal/extract-archive.md",
           "opt/jitl-desktop/venv/bin/jitl-desktop")


def run(*args: str | Path, check: bool = True, env: dict[str, str] | None = None,
        timeout: float = 900) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          check=False, env=env, timeout=timeout)
    if check and done.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} exited {done.returncode}:\n"
                    f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


# --- the files the package ships (no build needed) -------------------------------------

def test_example_policy_sets_every_setting_with_a_valid_value(tmp_path: Path) -> None:
    example = json.loads((LINUX / "policy.example.json").read_text(encoding="utf-8"))
    assert set(example["recommended"]) == {s.key for s in TABLE}
    assert 1 <= len(example["policies"]) <= 2
    store = tmp_path / "etc" / "jitl-desktop" / "policies"
    store.mkdir(parents=True)
    shutil.copy(LINUX / "policy.example.json", store / "50-example.json")
    policy = read_linux(tmp_path, require_root_owner=False)
    assert policy.problems == []
    settings = Settings.load(tmp_path / "config", locking=policy.locking,
                             recommended=policy.recommended)
    assert settings.warnings == []
    for key in example["policies"]:
        assert settings.locked(key)
    for key in set(example["recommended"]) - set(example["policies"]):
        assert settings.source(key).endswith("(recommended)")


def test_system_autostart_entry_starts_the_app_and_a_user_can_hide_it(
        tmp_path: Path) -> None:
    system = tmp_path / "etc-xdg"
    (system / "autostart").mkdir(parents=True)
    shutil.copy(LINUX / "jitl-desktop-autostart.desktop",
                system / "autostart" / "jitl-desktop.desktop")
    autostart = XdgAutostart(["/usr/bin/jitl-desktop"], config_home=tmp_path / "home",
                             config_dirs=[system])
    assert autostart.enabled()
    autostart.set_enabled(False)  # what a policy "autostart": false does for each user
    assert "Hidden=true" in autostart.user_file.read_text(encoding="utf-8")
    assert not autostart.enabled()
    autostart.set_enabled(True)
    assert not autostart.user_file.exists()
    assert autostart.enabled()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="needs desktop-file-utils (installed by .ci/run)")
def test_autostart_entry_is_valid() -> None:
    done = run("desktop-file-validate", LINUX / "jitl-desktop-autostart.desktop")
    assert done.stdout.strip() == ""


def test_metainfo_has_what_software_centres_need() -> None:
    component = ET.parse(LINUX / "org.jitl.desktop.metainfo.xml").getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == "org.jitl.desktop"
    assert component.findtext("metadata_license") == "CC0-1.0"
    assert component.findtext("project_license") == "GPL-3.0-or-later"
    for tag in ("name", "summary", "description", "content_rating"):
        assert component.find(tag) is not None, tag
    assert component.findtext("launchable") == "jitl-desktop.desktop"
    versions = [r.get("version") for r in component.iterfind("releases/release")]
    assert __version__ in versions  # the build refuses a version without its release


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="needs appstream")
def test_metainfo_is_valid() -> None:
    run("appstreamcli", "validate", "--no-net", LINUX / "org.jitl.desktop.metainfo.xml")


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="needs shellcheck")
def test_scripts_pass_shellcheck() -> None:
    run("shellcheck", SCRIPT, LINUX / "jitl-desktop.sh", LINUX / "postinst",
        LINUX / "prerm", LINUX / "postrm")


# --- the package ---------------------------------------------------------------------

@dataclass
class Deb:
    path: Path
    seconds: float
    tree: Path  # the package's files, unpacked (dpkg-deb -x)
    control: Path  # its control files (dpkg-deb -e)


#: the skip reason when building was not asked for
NOT_ASKED = ("builds a 426 MB tree, then installs and purges the package on this machine: "
             "set JITL_TEST_DEB=1 to run it (.ci/run does)")


def _skip_reason() -> str | None:
    if os.environ.get("JITL_TEST_DEB") != "1":
        return NOT_ASKED
    missing = [tool for tool in BUILD_TOOLS if shutil.which(tool) is None]
    if not Path("/usr/bin/python3").exists():
        missing.append("/usr/bin/python3")
    if missing:
        pytest.fail("JITL_TEST_DEB=1, but building the .deb needs " + ", ".join(missing))
    return None


@pytest.fixture(scope="module")
def deb(request: pytest.FixtureRequest,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deb]:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    # the user's own cache of wheels, not the test's temporary folders; no checks (the
    # tests below run them)
    env = {k: v for k, v in os.environ.items()
           if k.startswith("JITL_DEB_") or not k.startswith(("JITL_", "XDG_CACHE_HOME",
                                                             "XDG_DATA_HOME",
                                                             "XDG_CONFIG_HOME"))}
    env["HOME"] = HOST_ENVIRON.get("HOME", env["HOME"])  # the tests isolate HOME
    env["JITL_DEB_LINT"] = "0"
    # what is checked is the package's contents, not how tightly they are packed: gzip at
    # level 1 takes about 6 s, xz (a release's) about 100 s
    env.setdefault("JITL_DEB_COMPRESS", "gzip")
    env.setdefault("JITL_DEB_LEVEL", "1")
    start = time.monotonic()
    done = run("bash", SCRIPT, env=env, timeout=1800)
    seconds = time.monotonic() - start
    path = Path(done.stdout.strip().splitlines()[-1])
    assert path.is_file(), done.stdout
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_line(f"built {path.name} ({path.stat().st_size / 2**20:.0f} MB) "
                            f"in {seconds:.0f} s")
    unpacked = tmp_path_factory.mktemp("deb")
    run("dpkg-deb", "-x", path, unpacked / "tree")
    run("dpkg-deb", "-e", path, unpacked / "DEBIAN")
    try:
        yield Deb(path, seconds, unpacked / "tree", unpacked / "DEBIAN")
    finally:
        # what the build left in the checkout (build-deb.sh makes it anew every run)
        shutil.rmtree(ROOT / "build" / "deb", ignore_errors=True)
        path.unlink(missing_ok=True)
        shutil.rmtree(unpacked, ignore_errors=True)


def test_name_and_version(deb: Deb) -> None:
    arch = run("dpkg", "--print-architecture").stdout.strip()
    assert deb.path.parent == ROOT / "dist"
    assert deb.path.name.startswith(f"{PACKAGE}_{__version__}-")
    assert deb.path.name.endswith(f"_{arch}.deb")
    assert run("dpkg-deb", "-f", deb.path, "Version").stdout.strip().startswith(
        __version__)


def test_lintian_reports_no_errors(deb: Deb) -> None:
    done = run("lintian", deb.path, check=False)
    errors = [line for line in done.stdout.splitlines() if line.startswith("E:")]
    assert errors == [], done.stdout
    assert done.returncode == 0, done.stdout + done.stderr


def test_desktop_entries_are_valid(deb: Deb) -> None:
    for name in DESKTOP_FILES:
        done = run("desktop-file-validate", deb.tree / name)
        assert done.stdout.strip() == "", name


def test_the_translations_are_in_the_package(deb: Deb) -> None:
    """The windows' translations (compiled when the wheel was built) and Qt's own for
    its standard dialogs."""
    site = next((deb.tree / "opt" / "jitl-desktop" / "venv").glob("lib/python3*/site-packages"))
    for language in ("en", "de", "fr"):
        assert (site / "jitl_desktop" / "resources" / "i18n" / f"jitl_{language}.qm").is_file()
    for language in ("de", "fr"):
        assert (site / "PySide6" / "Qt" / "translations" / f"qtbase_{language}.qm").is_file()


def test_files_are_in_place(deb: Deb) -> None:
    for name in SHIPPED:
        assert (deb.tree / name).exists(), name
    assert not (deb.tree / "etc" / "jitl-desktop").exists()  # an example locks nothing
    conffiles = (deb.control / "conffiles").read_text(encoding="utf-8").split()
    assert conffiles == ["/etc/xdg/autostart/jitl-desktop.desktop"]
    depends = run("dpkg-deb", "-f", deb.path, "Depends").stdout
    for needed in ("python3 (>= ", "python3 (<< ", "libxcb-cursor0", "libegl1"):
        assert needed in depends
    assert not list((deb.tree / "opt").rglob("__pycache__"))  # postinst compiles


@pytest.fixture
def installed(deb: Deb) -> Iterator[Deb]:
    """The package installed with apt-get, and purged afterwards whatever happens."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip("installing the .deb needs root and apt-get")
    if run("dpkg-query", "-W", "-f=${Status}", PACKAGE, check=False).stdout.startswith(
            "install ok"):
        pytest.skip(f"{PACKAGE} is installed on this machine already; the test would "
                    f"replace and purge it (apt-get purge {PACKAGE} first)")
    # the machine's own environment: dpkg's triggers (update-desktop-database and the
    # like) act on the system folders the XDG variables name, which the tests redirect
    env = {**HOST_ENVIRON, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        run("apt-get", "install", "-y", "--no-install-recommends", deb.path, env=env)
        yield deb
    finally:
        purged = run("apt-get", "purge", "-y", PACKAGE, env=env, check=False)
    assert purged.returncode == 0, purged.stdout + purged.stderr
    for path in ("/opt/jitl-desktop", "/usr/bin/jitl-desktop",
                 "/etc/xdg/autostart/jitl-desktop.desktop", "/usr/share/jitl-desktop"):
        assert not os.path.lexists(path), f"{path} is left after purge"


def test_install_run_and_purge(installed: Deb, tmp_path: Path) -> None:
    # the installed command itself (a test run may have a development venv first on PATH)
    env = {k: v for k, v in os.environ.items() if k != "JITL_BUNDLED_CONTENT"}
    installed_command = "/usr/bin/jitl-desktop"
    version = run(installed_command, "--version", env=env).stdout.strip()
    assert version == f"{PACKAGE} {__version__}"

    found = run(installed_command, "--data-dir", tmp_path / "data", "--config-dir",
                tmp_path / "config", "search", "--json", "extract archive", env=env)
    first = json.loads(found.stdout)["results"][0]
    assert first["id"] == "terminal/extract-archive"
    assert first["root"] == "/usr/share/jitl-desktop/content"  # set by the wrapper

    for name in SHIPPED:
        assert Path("/", name).exists(), name
    owned = run("dpkg", "-L", PACKAGE).stdout.split()
    assert not [p for p in owned if p.startswith("/etc/jitl-desktop")]
    policies = Path("/etc/jitl-desktop/policies")
    assert not (policies.is_dir() and any(policies.iterdir()))
    conffiles = run("dpkg-query", "-W", "-f=${Conffiles}", PACKAGE).stdout
    assert "/etc/xdg/autostart/jitl-desktop.desktop" in conffiles
    site = next(Path("/opt/jitl-desktop/venv/lib").glob("python3*/site-packages"))
    assert (site / "jitl_desktop" / "__pycache__").is_dir()  # compiled by postinst


def test_the_installed_package_picks_up_a_signed_pack(installed: Deb, tmp_path: Path) -> None:
    """IT publishes a pack (a folder repository, as on a share or a USB stick) and names
    it with a machine policy, as a site build of the package does: the installed program
    verifies and installs it, and search finds its items without --content."""
    env = {k: v for k, v in os.environ.items() if k != "JITL_BUNDLED_CONTENT"}
    command = "/usr/bin/jitl-desktop"
    repo, keys, content = tmp_path / "repo", tmp_path / "keys", tmp_path / "pack"
    (content / "it").mkdir(parents=True)
    (content / "it" / "vpn.md").write_text(
        "# Connect to the VPN\n\n> Start the VPN client before you open the intranet.\n")
    run(command, "pack", "init", repo, "--keys", keys, env=env)
    run(command, "pack", "add", repo, "it", content, "--keys", keys, env=env)
    policy = Path("/etc/jitl-desktop/policies/40-content-repository.json")
    made = [p for p in (policy.parent.parent, policy.parent) if not p.exists()]
    policy.parent.mkdir(parents=True, exist_ok=True)
    policy.write_text(json.dumps({"policies": {
        "content_repository": str(repo),
        "content_repository_root": str(repo / "metadata" / "1.root.json")}}))
    policy.chmod(0o644)
    where = ("--data-dir", tmp_path / "data", "--config-dir", tmp_path / "config")
    try:
        updated = json.loads(run(command, *where, "update", "--json", env=env).stdout)
        assert updated["ok"], updated
        found = run(command, *where, "search", "--json", "vpn intranet", env=env)
        assert json.loads(found.stdout)["results"][0]["id"] == "it/vpn"
    finally:
        policy.unlink(missing_ok=True)
        for folder in reversed(made):
            folder.rmdir()


@pytest.fixture
def lrs(tmp_path: Path) -> Iterator[Ralph]:
    """A Ralph LRS on loopback (harness/lrs.py); its environment is needed here."""
    try:
        ralph = Ralph(ensure_venv(), tmp_path / "lrs")
    except LrsUnavailable as exc:
        pytest.fail(f"JITL_TEST_DEB=1, but the LRS cannot run: {exc}")
    ralph.start()
    yield ralph
    ralph.stop()


@pytest.mark.e2e  # a virtual desktop, with the host's openbox configuration and theme
def test_the_installed_app_sends_learning_records_to_the_lrs_a_policy_names(
        installed: Deb, tmp_path: Path, lrs: Ralph) -> None:
    """IT names a loopback LRS in /etc/jitl-desktop/policies/: a search in the real
    overlay of the installed app, Enter on its first result and "helpful" (Alt+Y) in
    the library, then quitting, put a searched, an experienced (with its time in view)
    and a rated statement in the LRS once ``xapi flush`` has run."""
    (tmp_path / "desktop").mkdir()
    try:
        desktop = start_desktop(tmp_path / "desktop", tray=False)
    except DesktopUnavailable as exc:
        pytest.fail(f"JITL_TEST_DEB=1, but there is no virtual desktop: {exc}")
    command = "/usr/bin/jitl-desktop"
    env = {k: v for k, v in desktop.env.items() if k != "JITL_BUNDLED_CONTENT"}
    where = ("--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path / "config"))
    policy = Path("/etc/jitl-desktop/policies/60-learning-records.json")
    made = [p for p in (policy.parent.parent, policy.parent) if not p.exists()]
    policy.parent.mkdir(parents=True, exist_ok=True)
    policy.write_text(json.dumps({"policies": {
        "xapi_endpoint": lrs.endpoint, "xapi_username": USER, "xapi_password": PASSWORD,
        "xapi_actor_salt": "the organisation's own salt", "xapi_queries": "full"}}))
    policy.chmod(0o644)  # as docs/ADMIN.md says: every desktop user reads it
    app = None

    def status() -> dict[str, Any]:
        done = run(command, *where, "status", "--json", env=env, timeout=30)
        answer: dict[str, Any] = json.loads(done.stdout)
        return answer

    def seen() -> str:
        log = (tmp_path / "app.log").read_text(errors="replace").splitlines()[-15:]
        return f"active window {desktop.active_window_name()!r}; app log:\n" + "\n".join(log)

    def answers() -> bool:
        assert app is not None and app.poll() is None, (tmp_path / "app.log").read_text()
        done = run(command, *where, "status", "--json", env=env, check=False, timeout=30)
        return done.returncode == 0 and json.loads(done.stdout)["index"]["updated"]

    try:
        with (tmp_path / "app.log").open("ab") as log:
            app = subprocess.Popen([command, *where, "-v"], env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
        wait_for(answers, 60, "the installed app and its first index", show=seen)
        assert status()["xapi"]["configured"] is True
        run(command, *where, "show", "--query", "extract archive", env=env)
        wait_for(lambda: status()["overlay"]["results"][:1] == ["terminal/extract-archive"],
                 20, "the search's results", show=seen)
        wait_for(lambda: desktop.active_window_name() == "Search — JITL Desktop", 10,
                 "the search window focused", show=seen)
        desktop.xdotool("key", "Return")  # the first result, in the library window
        wait_for(lambda: status()["library"]["item"] == "terminal/extract-archive", 20,
                 "the item in the library", show=seen)
        wait_for(lambda: "JITL Desktop" in desktop.active_window_name() and
                 not desktop.active_window_name().startswith("Search"), 10,
                 "the library window focused", show=seen)
        desktop.xdotool("key", "alt+y")  # helpful
        wait_for(lambda: status()["xapi"]["queued"] + status()["xapi"]["sent"] >= 2, 20,
                 "the search's and the vote's statements", show=seen)
        run(command, *where, "quit", env=env)  # leaving the item: its view is sent
        assert app.wait(30) == 0
        flushed = run(command, *where, "xapi", "flush", "--json", env=env)
        assert json.loads(flushed.stdout)["queued"] == 0, flushed.stdout
    finally:
        if app is not None and app.poll() is None:
            app.kill()
            app.wait()
        desktop.stop()
        policy.unlink(missing_ok=True)
        for folder in reversed(made):
            folder.rmdir()
    by_verb = {s["verb"]["id"].rsplit("/", 1)[-1]: s for s in lrs.statements()}
    assert {"searched", "experienced", "rated"} <= set(by_verb), sorted(by_verb)
    assert by_verb["searched"]["result"]["extensions"][
        f"http://127.0.0.1:{lrs.port}/jitl/extensions/query"] == "extract archive"
    assert by_verb["experienced"]["object"]["id"].endswith("/items/terminal/extract-archive")
    assert by_verb["experienced"]["result"]["duration"].startswith("PT")
    assert by_verb["rated"]["result"]["extensions"][
        f"http://127.0.0.1:{lrs.port}/jitl/extensions/helpful"] is True
