"""Start at login: the XDG, Windows (fake registry), macOS and null backends."""

from __future__ import annotations

import json
import os
import plistlib
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from jitl_desktop.errors import JitlError
from jitl_desktop.platform import autostart
from jitl_desktop.platform.autostart import AutostartError
from tests.helpers import imports

PACKAGE = Path(autostart.__file__).parent

#: arguments every quoting rule has to get right
AWKWARD = ["two words", 'say "hi"', "back\\slash", "$HOME", "100% %u", "tick`x`", "", "plain"]


# --- helpers ----------------------------------------------------------------------

def desktop_group(path: Path, group: str = "Desktop Entry") -> dict[str, str]:
    """The keys of one group of a key file, read independently of the module."""
    keys: dict[str, str] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            current = line.strip("[]")
        elif current == group and "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            keys[key.strip()] = value.strip()
    return keys


def parse_exec(value: str) -> list[str]:
    """An Exec value back to arguments, following the Desktop Entry spec step by step:
    string escapes first, then the argument quoting, then ``%%``."""
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    text, i = "", 0
    while i < len(value):
        if value[i] == "\\":
            text += escapes[value[i + 1]]
            i += 2
        else:
            text += value[i]
            i += 1
    args: list[str] = []
    current: str | None = None
    quoted = False
    i = 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\":
                assert text[i + 1] in '"`$\\', f"bad escape in {text!r}"
                current = (current or "") + text[i + 1]
                i += 1
            elif c == '"':
                quoted = False
            else:
                current = (current or "") + c
        elif c == " ":
            if current is not None:
                args.append(current)
            current = None
        elif c == '"':
            quoted = True
            current = current or ""
        else:
            assert c not in "\"'\\><~|&;$*?#()`\t\n", f"unquoted {c!r} in {text!r}"
            current = (current or "") + c
        i += 1
    assert not quoted, f"unclosed quote in {text!r}"
    if current is not None:
        args.append(current)
    out = []
    for arg in args:
        assert "%" not in arg.replace("%%", ""), f"field code in {arg!r}"
        out.append(arg.replace("%%", "%"))
    return out


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty system config dir (XDG_CONFIG_DIRS); returns it."""
    system = tmp_path / "etc-xdg"
    system.mkdir()
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(system))
    return system


def user_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "jitl-desktop.desktop"


def install_system_entry(system: Path, extra: str = "") -> Path:
    path = system / "autostart" / "jitl-desktop.desktop"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[Desktop Entry]\nType=Application\nName=JITL Desktop\n"
                    f"Exec=/usr/bin/jitl-desktop\n{extra}", encoding="utf-8")
    return path


# --- XDG --------------------------------------------------------------------------

def test_xdg_enable_writes_a_desktop_entry_that_runs_the_command(xdg, tmp_path):
    command = [str(tmp_path / "bin dir" / "jitl-desktop"), *AWKWARD]
    entry = autostart.pick(command, system="linux")
    assert entry.backend == "xdg"
    assert not entry.enabled()

    entry.set_enabled(True)

    assert entry.location() == str(user_file())
    assert entry.enabled()
    keys = desktop_group(user_file())
    assert keys["Type"] == "Application"
    assert keys["Name"] == "JITL Desktop"
    assert keys["Icon"] == "jitl-desktop"
    assert keys["Terminal"] == "false"
    assert keys["NoDisplay"] == "false"
    assert keys["X-GNOME-Autostart-enabled"] == "true"
    assert keys.get("Hidden", "false") == "false"
    assert keys["Comment"]
    assert parse_exec(keys["Exec"]) == command
    assert keys["Exec"].startswith('"')  # the program's path has a space: quoted
    assert os.listdir(user_file().parent) == [user_file().name]  # no temporary left


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="needs desktop-file-utils (installed by .ci/run)")
@pytest.mark.parametrize("hidden", [False, True])
def test_xdg_entries_pass_desktop_file_validate(xdg, tmp_path, hidden):
    if hidden:
        install_system_entry(xdg)
    entry = autostart.pick([str(tmp_path / "a b" / "jitl-desktop"), *AWKWARD],
                           system="linux")
    entry.set_enabled(not hidden)
    assert user_file().exists()
    done = subprocess.run(["desktop-file-validate", str(user_file())], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.lower(), done.stdout


@pytest.mark.skipif(shutil.which("gio") is None, reason="needs gio (GLib) to launch entries")
def test_xdg_entry_launched_by_glib_gets_the_exact_arguments(xdg, tmp_path):
    script = tmp_path / "dir with space" / "dump.py"
    script.parent.mkdir()
    out = tmp_path / "argv.json"
    script.write_text("import json, sys\n"
                      "open(sys.argv[1] + '.tmp', 'w').write(json.dumps(sys.argv[2:]))\n"
                      "import os; os.replace(sys.argv[1] + '.tmp', sys.argv[1])\n",
                      encoding="utf-8")
    entry = autostart.pick([sys.executable, str(script), str(out), *AWKWARD], system="linux")
    entry.set_enabled(True)
    subprocess.run(["gio", "launch", str(user_file())], check=True, timeout=30,
                   capture_output=True)
    deadline = time.monotonic() + 30
    while not out.exists():  # gio launch returns before the program has run
        assert time.monotonic() < deadline, f"{script} did not write {out} within 30 s"
        time.sleep(0.05)
    assert json.loads(out.read_text(encoding="utf-8")) == AWKWARD


def test_xdg_disable_removes_the_entry_and_tolerates_none(xdg):
    entry = autostart.pick(["/usr/bin/jitl-desktop"], system="linux")
    entry.set_enabled(False)  # nothing to remove: fine
    assert not user_file().exists()
    entry.set_enabled(True)
    assert user_file().exists()
    entry.set_enabled(False)
    assert not user_file().exists()
    assert not entry.enabled()


def test_xdg_enable_again_replaces_the_command(xdg):
    autostart.pick(["/old/jitl-desktop"], system="linux").set_enabled(True)
    autostart.pick(["/new/jitl-desktop", "--verbose"], system="linux").set_enabled(True)
    text = user_file().read_text(encoding="utf-8")
    assert text.count("[Desktop Entry]") == 1
    assert parse_exec(desktop_group(user_file())["Exec"]) == ["/new/jitl-desktop", "--verbose"]


def test_xdg_system_entry_counts_and_is_hidden_by_the_user_file(xdg, tmp_path, monkeypatch):
    other = tmp_path / "first-dir"
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{other}:{xdg}")  # the entry is in the second
    system_file = install_system_entry(xdg)
    entry = autostart.pick(["/opt/jitl/jitl-desktop"], system="linux")
    assert entry.enabled()
    assert not user_file().exists()

    entry.set_enabled(False)

    assert system_file.exists()  # the administrator's file is left alone
    keys = desktop_group(user_file())
    assert keys["Hidden"] == "true"
    assert not entry.enabled()
    assert not autostart.pick(["/x"], system="linux").enabled()  # a fresh look agrees

    entry.set_enabled(True)

    assert entry.enabled()
    assert not user_file().exists()  # the system entry applies again


def test_xdg_hidden_system_entry_is_off_and_enabling_writes_a_user_entry(xdg):
    install_system_entry(xdg, "Hidden=true\n")
    entry = autostart.pick(["/opt/jitl/jitl-desktop"], system="linux")
    assert not entry.enabled()
    entry.set_enabled(True)
    assert entry.enabled()
    assert parse_exec(desktop_group(user_file())["Exec"]) == ["/opt/jitl/jitl-desktop"]


@pytest.mark.parametrize(("body", "on"), [
    ("# a comment\n\n[Desktop Entry]\nType=Application\nExec=x\n"
     "[Desktop Action Hide]\nHidden=true\n", True),
    ("[Other]\nHidden=false\n[Desktop Entry]\n# Hidden=false\nHidden = true\nExec=x\n", False),
    ("[Desktop Entry]\nExec=x\nX-GNOME-Autostart-enabled=false\n", False),
    ("[Desktop Entry]\nExec=x\nHidden=false\nX-GNOME-Autostart-enabled=true\n", True),
    ("[Desktop Action Only]\nExec=x\n", False),  # no [Desktop Entry] group: no entry
])
def test_xdg_reads_only_the_desktop_entry_group(xdg, body, on):
    user_file().parent.mkdir(parents=True)
    user_file().write_text(body, encoding="utf-8")
    assert autostart.pick(["/x"], system="linux").enabled() is on


def test_xdg_user_file_overrides_an_active_system_entry(xdg):
    install_system_entry(xdg)
    user_file().parent.mkdir(parents=True)
    user_file().write_text("[Desktop Entry]\nExec=x\nHidden=true\n", encoding="utf-8")
    assert not autostart.pick(["/x"], system="linux").enabled()


def test_xdg_unwritable_folder_raises_with_the_path(xdg):
    folder = user_file().parent
    folder.parent.mkdir(parents=True)
    folder.write_text("not a folder", encoding="utf-8")
    entry = autostart.pick(["/usr/bin/jitl-desktop"], system="linux")
    with pytest.raises(AutostartError, match="turn on") as info:
        entry.set_enabled(True)
    assert str(user_file()) in str(info.value)
    assert isinstance(info.value, JitlError)

    install_system_entry(xdg)  # turning it off must now write a Hidden entry
    with pytest.raises(AutostartError, match="turn off") as info:
        entry.set_enabled(False)
    assert str(user_file()) in str(info.value)


def test_xdg_failed_replace_keeps_the_old_entry_and_leaves_no_temporary(xdg, monkeypatch):
    autostart.pick(["/old/jitl-desktop"], system="linux").set_enabled(True)
    before = user_file().read_bytes()

    def broken(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(AutostartError, match="No space left"):
        autostart.pick(["/new/jitl-desktop"], system="linux").set_enabled(True)
    assert user_file().read_bytes() == before
    assert os.listdir(user_file().parent) == [user_file().name]


def test_xdg_relative_config_home_is_ignored(xdg, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    entry = autostart.pick(["/x"], system="linux")
    assert entry.location() == str(tmp_path / "home" / ".config" / "autostart" /
                                   "jitl-desktop.desktop")


# --- Windows ----------------------------------------------------------------------

class FakeKey:
    """An open registry key (a context manager, like winreg's PyHKEY)."""

    def __init__(self, registry: FakeWinreg, path: str, access: int) -> None:
        self.registry, self.path, self.access = registry, path, access
        registry.open_handles += 1

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc: object) -> None:
        self.registry.open_handles -= 1


class FakeWinreg:
    """The few winreg functions the backend uses, on a dictionary, raising what winreg
    raises: FileNotFoundError for a missing key or value, PermissionError when the
    key was opened without the right access."""

    HKEY_CURRENT_USER = 0x80000001
    HKEY_LOCAL_MACHINE = 0x80000002
    KEY_QUERY_VALUE = 0x0001
    KEY_SET_VALUE = 0x0002
    KEY_READ = 0x20019
    KEY_WRITE = 0x20006
    REG_SZ = 1
    REG_BINARY = 3

    def __init__(self, *, read_only: bool = False) -> None:
        self.keys: dict[str, dict[str, tuple[Any, int]]] = {}
        self.open_handles = 0
        self.read_only = read_only

    @staticmethod
    def _path(root: int, sub_key: str) -> str:
        hives = {FakeWinreg.HKEY_CURRENT_USER: "HKCU", FakeWinreg.HKEY_LOCAL_MACHINE: "HKLM"}
        return hives[root] + "\\" + sub_key.lower()

    def _check(self, key: FakeKey, right: int) -> dict[str, tuple[Any, int]]:
        assert isinstance(key, FakeKey)
        if not key.access & right or (right == self.KEY_SET_VALUE and self.read_only):
            raise PermissionError(13, "Access is denied")
        return self.keys[key.path]

    def OpenKey(self, root: int, sub_key: str, reserved: int = 0,
                access: int = KEY_READ) -> FakeKey:
        path = self._path(root, sub_key)
        if path not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(self, path, access)

    def CreateKeyEx(self, root: int, sub_key: str, reserved: int = 0,
                    access: int = KEY_WRITE) -> FakeKey:
        path = self._path(root, sub_key)
        if self.read_only:
            raise PermissionError(13, "Access is denied")
        self.keys.setdefault(path, {})
        return FakeKey(self, path, access)

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[Any, int]:
        values = self._check(key, self.KEY_QUERY_VALUE)
        if name not in values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return values[name]

    def SetValueEx(self, key: FakeKey, name: str, reserved: int, kind: int,
                   value: Any) -> None:
        assert reserved == 0
        self._check(key, self.KEY_SET_VALUE)[name] = (value, kind)

    def DeleteValue(self, key: FakeKey, name: str) -> None:
        values = self._check(key, self.KEY_SET_VALUE)
        if name not in values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del values[name]

    # test helpers
    def value(self, sub_key: str, name: str) -> tuple[Any, int] | None:
        return self.keys.get(self._path(self.HKEY_CURRENT_USER, sub_key), {}).get(name)

    def put(self, sub_key: str, name: str, value: Any, kind: int) -> None:
        self.keys.setdefault(self._path(self.HKEY_CURRENT_USER, sub_key), {})[name] = (
            value, kind)


RUN = r"Software\Microsoft\Windows\CurrentVersion\Run"
APPROVED = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
WIN_COMMAND = [r"C:\Program Files\JITL\jitl-desktop.exe", "--content", r"D:\My Notes",
               'say "hi"', "plain"]


def windows(registry: FakeWinreg, command: list[str] | None = None) -> Any:
    return autostart.WindowsAutostart(command or WIN_COMMAND, registry=registry)


def test_pick_windows_does_not_need_winreg_until_used():
    entry = autostart.pick(["C:\\jitl-desktop.exe"], system="win32")
    assert entry.backend == "windows-run-key"
    assert "HKEY_CURRENT_USER" in entry.location() and "JITL Desktop" in entry.location()


def test_windows_enable_writes_the_quoted_command_line():
    registry = FakeWinreg()
    entry = windows(registry)
    assert not entry.enabled()

    entry.set_enabled(True)

    assert registry.value(RUN, "JITL Desktop") == (
        r'"C:\Program Files\JITL\jitl-desktop.exe" --content "D:\My Notes" '
        r'"say \"hi\"" plain', FakeWinreg.REG_SZ)
    assert entry.enabled()
    assert registry.open_handles == 0


def test_windows_disable_deletes_the_value_and_tolerates_none():
    registry = FakeWinreg()
    entry = windows(registry)
    entry.set_enabled(False)  # no key at all
    registry.put(RUN, "Other App", "other.exe", FakeWinreg.REG_SZ)
    entry.set_enabled(False)  # key, but no value
    entry.set_enabled(True)
    entry.set_enabled(False)
    assert registry.value(RUN, "JITL Desktop") is None
    assert registry.value(RUN, "Other App") == ("other.exe", FakeWinreg.REG_SZ)
    assert not entry.enabled()
    assert registry.open_handles == 0


@pytest.mark.parametrize(("flag", "on"), [(0x02, True), (0x06, True), (0x03, False),
                                          (0x07, False)])
def test_windows_task_manager_flag_is_honoured(flag, on):
    registry = FakeWinreg()
    registry.put(RUN, "JITL Desktop", "C:\\jitl-desktop.exe", FakeWinreg.REG_SZ)
    registry.put(APPROVED, "JITL Desktop", bytes([flag]) + bytes(11), FakeWinreg.REG_BINARY)
    assert windows(registry).enabled() is on


def test_windows_enable_clears_the_task_manager_flag():
    registry = FakeWinreg()
    registry.put(RUN, "JITL Desktop", "C:\\old.exe", FakeWinreg.REG_SZ)
    registry.put(APPROVED, "JITL Desktop", bytes([0x03]) + bytes(11), FakeWinreg.REG_BINARY)
    entry = windows(registry)
    assert not entry.enabled()
    entry.set_enabled(True)
    assert entry.enabled()
    assert registry.value(APPROVED, "JITL Desktop") is None


def test_windows_flag_without_run_value_is_off():
    registry = FakeWinreg()
    registry.put(APPROVED, "JITL Desktop", bytes([0x02]) + bytes(11), FakeWinreg.REG_BINARY)
    assert not windows(registry).enabled()


def test_windows_refused_write_raises_with_the_key():
    entry = windows(FakeWinreg(read_only=True))
    with pytest.raises(AutostartError, match="Access is denied") as info:
        entry.set_enabled(True)
    assert RUN in str(info.value)


# --- macOS ------------------------------------------------------------------------

def test_launch_agent_round_trips(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "mac-home"))
    command = ["/Applications/JITL Desktop.app/Contents/MacOS/jitl-desktop", "--verbose"]
    entry = autostart.pick(command, system="darwin")
    plist = tmp_path / "mac-home" / "Library" / "LaunchAgents" / "org.jitl.desktop.plist"
    assert entry.backend == "launch-agent"
    assert entry.location() == str(plist)
    assert not entry.enabled()

    entry.set_enabled(True)

    with plist.open("rb") as f:
        agent = plistlib.load(f)
    assert agent["Label"] == "org.jitl.desktop"
    assert agent["ProgramArguments"] == command
    assert agent["RunAtLoad"] is True
    assert agent["ProcessType"] == "Interactive"
    assert agent["LimitLoadToSessionType"] == "Aqua"
    assert entry.enabled()
    assert os.listdir(plist.parent) == [plist.name]

    entry.set_enabled(False)
    assert not plist.exists()
    assert not entry.enabled()
    entry.set_enabled(False)  # already gone: fine


@pytest.mark.parametrize("content", [
    plistlib.dumps({"Label": "org.jitl.desktop", "RunAtLoad": False}),
    plistlib.dumps({"Label": "org.jitl.desktop", "RunAtLoad": True, "Disabled": True}),
    b"not a property list",
])
def test_launch_agent_that_does_not_run_at_load_is_off(tmp_path, content):
    entry = autostart.LaunchAgentAutostart(["/x"], folder=tmp_path)
    Path(entry.location()).write_bytes(content)
    assert not entry.enabled()


def test_launch_agent_unwritable_folder_raises_with_the_path(tmp_path):
    blocker = tmp_path / "LaunchAgents"
    blocker.write_text("not a folder", encoding="utf-8")
    entry = autostart.LaunchAgentAutostart(["/x"], folder=blocker)
    with pytest.raises(AutostartError) as info:
        entry.set_enabled(True)
    assert str(blocker / "org.jitl.desktop.plist") in str(info.value)


# --- null and pick ------------------------------------------------------------------

@pytest.mark.parametrize("system", ["emscripten", "wasi", "cygwin"])
def test_null_backend_says_why_and_refuses(system):
    entry = autostart.pick(["/x"], system=system)
    assert entry.backend == "none"
    assert entry.problem and system in entry.problem
    assert not entry.enabled()
    with pytest.raises(AutostartError) as info:
        entry.set_enabled(True)
    assert entry.problem in str(info.value)
    assert entry.status() == {"backend": "none", "enabled": False, "location": "",
                              "problem": entry.problem, "machine_wide": None}


@pytest.mark.parametrize(("system", "backend"), [
    ("linux", "xdg"), ("freebsd14", "xdg"), ("openbsd7", "xdg"),
    ("darwin", "launch-agent"), ("win32", "windows-run-key")])
def test_pick_by_system(xdg, system, backend):
    entry = autostart.pick(["/x"], system=system)
    assert entry.backend == backend
    assert entry.problem is None


def test_pick_defaults_to_this_platform_and_this_program(xdg):
    entry = autostart.pick()
    assert entry.command == autostart.launch_command()
    if sys.platform.startswith("linux"):
        assert entry.backend == "xdg"


# --- launch_command -----------------------------------------------------------------

def test_launch_command_is_the_script_we_were_started_with(tmp_path, monkeypatch):
    script = tmp_path / "bin" / "jitl-desktop"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", [os.path.join("bin", "jitl-desktop"), "show"])
    assert autostart.launch_command() == [str(script)]


def test_launch_command_finds_the_script_on_path(tmp_path, monkeypatch):
    script = tmp_path / "path-bin" / "jitl-desktop"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(script.parent))
    # started some other way, or through a script name that does not exist
    for argv0 in ("pytest", str(tmp_path / "gone" / "jitl-desktop")):
        monkeypatch.setattr(sys, "argv", [argv0])
        assert autostart.launch_command() == [str(script)]


def test_launch_command_falls_back_to_this_python(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(sys, "argv", ["pytest"])
    command = autostart.launch_command()
    assert command[1:] == ["-m", "jitl_desktop"]
    assert os.path.isabs(command[0])
    assert os.path.samefile(command[0], sys.executable)
    done = subprocess.run([*command, "--version"], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.startswith("jitl-desktop ")


def test_launch_command_of_a_frozen_bundle_is_the_executable(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "argv", ["jitl-desktop"])
    command = autostart.launch_command()
    assert len(command) == 1
    assert os.path.isabs(command[0])
    assert os.path.samefile(command[0], sys.executable)


# --- layering -----------------------------------------------------------------------

def test_imports_no_qt_and_nothing_above_platform():
    for module in sorted(PACKAGE.glob("*.py")):
        for name in imports(module):
            assert not name.startswith("PySide6"), f"{module.name}: {name}"
            for upper in ("services", "ui", "app"):
                assert not name.startswith(f"jitl_desktop.{upper}"), f"{module.name}: {name}"
    code = ("import sys, jitl_desktop.platform.autostart as a; a.pick(['/x']).enabled(); "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_a_machine_wide_entry_counts_as_on_and_cannot_be_turned_off_here(tmp_path):
    from jitl_desktop.core.settings import Settings
    from jitl_desktop.services.settings import SettingsController

    fake = FakeWinreg()
    fake.keys["HKLM\\" + autostart.WindowsAutostart.RUN_KEY.lower()] = {
        "JITL Desktop": ('"C:\\Program Files\\JITL Desktop\\jitl-desktop.exe"', 1)}
    backend = autostart.WindowsAutostart(["C:\\x\\jitl-desktop.exe"], registry=fake)
    assert backend.enabled() and "HKEY_LOCAL_MACHINE" in (backend.machine_wide() or "")
    controller = SettingsController(Settings.load(tmp_path / "config"), backend)
    problem = controller.set("autostart", False)
    assert problem is not None and "every user by your organisation" in problem
    agents = tmp_path / "Library" / "LaunchAgents"
    agents.mkdir(parents=True)
    mac = autostart.LaunchAgentAutostart(["/Applications/x"], folder=tmp_path / "home",
                               system_folder=agents)
    assert not mac.enabled() and mac.machine_wide() is None
    (agents / "org.jitl.desktop.plist").write_bytes(b"")
    assert mac.enabled() and mac.machine_wide() == str(agents / "org.jitl.desktop.plist")


def test_a_package_wrapper_is_what_starts_at_login(tmp_path, monkeypatch):
    wrapper = tmp_path / "jitl-desktop"
    wrapper.write_text("#!/bin/sh\n")
    monkeypatch.setenv("JITL_LAUNCHER", str(wrapper))
    assert autostart.launch_command() == [str(wrapper)]
    monkeypatch.setenv("JITL_LAUNCHER", "relative/jitl-desktop")  # not a path to trust
    assert autostart.launch_command() != ["relative/jitl-desktop"]
