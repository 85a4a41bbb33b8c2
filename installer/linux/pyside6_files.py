#!/usr/bin/env python3
"""The parts of PySide6 that JITL Desktop uses, for installer/linux/build-deb.sh.

The PySide6-Essentials and PySide6-Addons wheels install all of Qt (650 MB: Qt WebEngine
alone is 250 MB). JITL Desktop imports only the Qt modules in :data:`BINDINGS`, so a
package keeps those, the Qt plugins of :data:`PLUGINS`, and the Qt libraries they need
(followed through each file's ELF ``NEEDED`` entries), and drops the rest.

    pyside6_files.py prune SITE_PACKAGES   delete what is not needed, then `check`
    pyside6_files.py check SITE_PACKAGES   every kept binary finds the bundled Qt
                                           libraries it needs (exit 1 if not)
    pyside6_files.py core SITE_PACKAGES    the binaries loaded on a desktop, one per
                                           line (for dpkg-shlibdeps: the package's
                                           Depends)
    pyside6_files.py system-libs SITE_PACKAGES
                                           the system libraries those need directly,
                                           as found on this machine (exit 1 if one
                                           is missing)

Only the standard library, ``readelf`` (binutils) and ``ldd`` are used.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

#: the Qt modules JITL Desktop imports (src/jitl_desktop), and the ones those load
BINDINGS = ("QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtMultimedia",
            "QtMultimediaWidgets", "QtDBus", "QtSvg", "QtOpenGL")
#: plugin folders kept whole: windowing (X11, Wayland, offscreen), input methods,
#: desktop themes, images and icons (the SVG icon), video, TLS, network state
PLUGINS = ("platforms", "platformthemes", "platforminputcontexts", "xcbglintegrations",
           "wayland-decoration-client", "wayland-graphics-integration-client",
           "wayland-shell-integration", "imageformats", "iconengines", "multimedia",
           "tls", "networkinformation")
#: windowing plugins kept from platforms/ (the others are for embedded devices)
PLATFORMS = ("libqxcb.so", "libqwayland.so", "libqoffscreen.so", "libqminimal.so")
#: plugins left out of those folders: the on-screen keyboard and PDF images need QML,
#: Qt Quick and Qt PDF (30 MB), which nothing else loads
EXCLUDE = ("platforminputcontexts/libqtvirtualkeyboardplugin.so", "imageformats/libqpdf.so")
#: plugins whose system libraries are optional (Qt skips a plugin it cannot load): the
#: GTK 3 theme and the Wayland extras. Left out of the package's Depends.
OPTIONAL = ("platformthemes/libqgtk3.so", "platforms/libqwayland.so",
            "wayland-decoration-client", "wayland-graphics-integration-client",
            "wayland-shell-integration", "platformthemes/libqxdgdesktopportal.so")
#: Qt folders only Qt's own build tools, QML or Qt WebEngine use
DROP_QT_DIRS = ("libexec", "metatypes", "qml", "resources")
#: translations of the kept modules: qt_*.qm loads qtbase_*.qm and qtmultimedia_*.qm
TRANSLATIONS = ("qt_", "qtbase_", "qtmultimedia_")
#: PySide6 folders for development only (code generators, headers, deploy tools)
DROP_PYSIDE_DIRS = ("include", "typesystems", "glue", "scripts", "doc", "examples", "lib")
#: bundled libraries that are not loaded through NEEDED but opened at run time
DLOPENED = ("libQt6FFmpegStub-",)
#: sonames of libraries that come with the bundle (the rest come from the system)
BUNDLED_PREFIXES = ("libQt6", "libpyside6", "libshiboken6", "libicu", "libav", "libsw",
                    "libQt6FFmpegStub")


def needed(path: Path) -> list[str]:
    """The ``NEEDED`` sonames of an ELF file (none for a file that is not ELF)."""
    done = subprocess.run(["readelf", "-d", "-W", str(path)], capture_output=True,
                          text=True, check=False)
    names = []
    for line in done.stdout.splitlines():
        if "(NEEDED)" in line and "[" in line:
            names.append(line.split("[", 1)[1].rstrip("]").strip())
    return names


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(4) == b"\x7fELF"
    except OSError:
        return False


def elf_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not p.is_symlink() and is_elf(p))


def _bundled_libs(pyside: Path, shiboken: Path) -> dict[str, Path]:
    """soname (file name) -> file, for the libraries the wheels bundle."""
    libs: dict[str, Path] = {}
    for folder in (pyside / "Qt" / "lib", pyside, shiboken):
        for path in folder.glob("lib*.so*"):
            libs.setdefault(path.name, path)
    # the libraries other wheels vendor beside their package (numpy.libs: OpenBLAS)
    for folder in pyside.parent.glob("*.libs"):
        for path in folder.glob("*.so*"):
            libs.setdefault(path.name, path)
    return libs


def _closure(start: list[Path], libs: dict[str, Path]) -> set[Path]:
    """``start`` and every bundled library they need, directly or not."""
    seen: set[Path] = set()
    todo = list(start)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for soname in needed(path):
            if soname in libs:
                todo.append(libs[soname])
    return seen


def _roots(site: Path) -> tuple[Path, Path]:
    pyside, shiboken = site / "PySide6", site / "shiboken6"
    if not (pyside / "Qt" / "lib").is_dir():
        raise SystemExit(f"{pyside}: not an installed PySide6")
    return pyside, shiboken


def _kept_plugins(pyside: Path) -> list[Path]:
    plugins = pyside / "Qt" / "plugins"
    kept = []
    for name in PLUGINS:
        for path in sorted((plugins / name).glob("*.so")):
            if (name != "platforms" or path.name in PLATFORMS) \
                    and f"{name}/{path.name}" not in EXCLUDE:
                kept.append(path)
    return kept


def _start_files(pyside: Path, shiboken: Path, plugins: list[Path]) -> list[Path]:
    """The bindings, their helper libraries, the libraries opened at run time and the
    plugins: where the closure starts."""
    files = [pyside / f"{name}.abi3.so" for name in BINDINGS]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise SystemExit("missing Qt bindings: " + ", ".join(missing))
    files += sorted(pyside.glob("libpyside6.*so*")) + sorted(shiboken.glob("*.so*"))
    files += sorted(p for p in (pyside / "Qt" / "lib").glob("*.so*")
                    if p.name.startswith(DLOPENED))
    return files + plugins


def prune(site: Path) -> None:
    pyside, shiboken = _roots(site)
    before = _size(pyside)
    libs = _bundled_libs(pyside, shiboken)
    plugins = _kept_plugins(pyside)
    keep = _closure(_start_files(pyside, shiboken, plugins), libs)
    qt = pyside / "Qt"
    # Qt libraries nothing kept needs (a soname symlink goes with its file)
    for path in sorted((qt / "lib").iterdir()):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)  # CMake files and the like
        elif path not in keep:
            path.unlink()
    # the bindings of other modules, with their type stubs
    for path in sorted(pyside.glob("Qt*.abi3.so")):
        module = path.name.removesuffix(".abi3.so")
        if module not in BINDINGS:
            path.unlink()
            for extra in (pyside / f"{module}.pyi", pyside / module):
                if extra.is_dir():
                    shutil.rmtree(extra)
                elif extra.exists():
                    extra.unlink()
    # plugins not kept
    kept_plugins = set(plugins)
    for folder in sorted((qt / "plugins").iterdir()):
        if folder.name not in PLUGINS:
            shutil.rmtree(folder)
            continue
        for path in sorted(folder.iterdir()):
            if path not in kept_plugins:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    for name in DROP_QT_DIRS:
        if (qt / name).is_dir():
            shutil.rmtree(qt / name)
    for path in sorted((qt / "translations").iterdir()):
        if path.is_dir():
            shutil.rmtree(path)  # qtwebengine_locales
        elif not path.name.startswith(TRANSLATIONS):
            path.unlink()
    for name in DROP_PYSIDE_DIRS:
        if (pyside / name).is_dir():
            shutil.rmtree(pyside / name)
    # Qt's development programs (designer, assistant, lupdate, ...) next to the bindings,
    # and PySide's helper library for QML
    for path in sorted(pyside.iterdir()):
        if path.is_file() and is_elf(path) and path not in keep \
                and not path.name.endswith(".abi3.so"):
            path.unlink()
    after = _size(pyside)
    print(f"PySide6: {before / 2**20:.0f} MB -> {after / 2**20:.0f} MB")
    check(site)


def check(site: Path) -> None:
    """Fail when a kept binary needs a bundled library that is not there."""
    pyside, shiboken = _roots(site)
    libs = _bundled_libs(pyside, shiboken)
    problems = []
    for path in elf_files(pyside) + elf_files(shiboken):
        for soname in needed(path):
            if soname.startswith(BUNDLED_PREFIXES) and soname not in libs:
                problems.append(f"{path.relative_to(site)} needs {soname}, which is gone")
    if problems:
        raise SystemExit("\n".join(problems))


def core(site: Path) -> None:
    for path in _core_files(site):
        print(path)


def _core_files(site: Path) -> list[Path]:
    """The binaries a desktop loads: the bindings, the kept plugins that are not
    optional, the bundled libraries they need, and every other compiled module of the
    environment (evdev, PyYAML...)."""
    pyside, shiboken = _roots(site)
    libs = _bundled_libs(pyside, shiboken)
    plugins = [p for p in _kept_plugins(pyside) if p.is_file()
               and not any(part in p.relative_to(pyside / "Qt" / "plugins").as_posix()
                           for part in OPTIONAL)]
    files = _closure(_start_files(pyside, shiboken, plugins), libs)
    others = [p for p in elf_files(site)
              if pyside not in p.parents and shiboken not in p.parents]
    return sorted(files | set(others))


def system_libs(site: Path) -> None:
    """Print the system library each :func:`core` binary needs directly, as the
    dynamic loader of this machine finds it (one path per line, sorted, unique)."""
    pyside, shiboken = _roots(site)
    bundled = _bundled_libs(pyside, shiboken)
    found: set[str] = set()
    for path in _core_files(site):
        wanted = [s for s in needed(path) if s not in bundled]
        if not wanted:
            continue
        ldd = subprocess.run(["ldd", str(path)], capture_output=True, text=True,
                             check=False).stdout
        where = {}
        for entry in ldd.splitlines():
            name, sep, rest = entry.strip().partition(" => ")
            if sep:
                where[name] = rest.split(" (")[0].strip()
            elif name.startswith("/"):  # the dynamic loader: "/lib64/ld-linux... (0x...)"
                loader = name.split(" (")[0]
                where[Path(loader).name] = loader
        for soname in wanted:
            target = where.get(soname, "not found")
            if target == "not found" or not target.startswith("/"):
                raise SystemExit(f"{path}: {soname} is not installed on this machine")
            found.add(target)
    for target in sorted(found):
        print(target)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()
               and not p.is_symlink())


def main(argv: list[str]) -> int:
    commands = {"prune": prune, "check": check, "core": core, "system-libs": system_libs}
    if len(argv) != 2 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    commands[argv[0]](Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
