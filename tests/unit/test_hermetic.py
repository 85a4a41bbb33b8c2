"""The test suite on a machine that differs from this one: tests run in a private mount
namespace (as root, with ``unshare``) where the host is changed for them alone, so the
real /etc and /usr are never touched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PULSE = Path("/usr/lib/x86_64-linux-gnu/pulseaudio")

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("unshare") is None or not sys.platform.startswith("linux"),
    reason="needs root and unshare (util-linux) for a private mount namespace")

FOREIGN_ENTRY = """[Desktop Entry]
Type=Application
Name=JITL Desktop
Exec=jitl-desktop
X-GNOME-Autostart-enabled=true
"""


def pytest_in_namespace(prepare: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run pytest over ``args`` in a new mount namespace after the shell ``prepare``."""
    script = f"set -e\n{prepare}\ncd {ROOT}\nexec \"$@\""
    return subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh",
         sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        capture_output=True, text=True, timeout=600, check=False)


def test_an_installed_packages_autostart_entry_changes_no_test(tmp_path):
    """The .deb puts an entry in /etc/xdg/autostart; the suite must not see it."""
    entry = tmp_path / "jitl-desktop.desktop"
    entry.write_text(FOREIGN_ENTRY)
    done = pytest_in_namespace(
        "mkdir -p /etc/xdg/autostart\nmount -t tmpfs tmpfs /etc/xdg/autostart\n"
        f"cp {entry} /etc/xdg/autostart/jitl-desktop.desktop",
        "tests/unit/ui/test_settings_dialog.py", "tests/unit/test_autostart.py")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout


@pytest.mark.skipif(not PULSE.is_dir(), reason=f"{PULSE} (libpulse0) is not here to hide")
def test_without_libpulse0_the_player_tests_skip_and_name_the_package():
    done = pytest_in_namespace(f"mount -t tmpfs tmpfs {PULSE}", "-rs",
                               "tests/unit/ui/test_player.py",
                               "tests/unit/ui/test_library_video.py")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    skipped = [line for line in done.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skipped and all("libpulse0" in line for line in skipped), done.stdout[-3000:]
