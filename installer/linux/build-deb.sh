#!/usr/bin/env bash
# Build dist/jitl-desktop_<version>-<revision>_<arch>.deb from this checkout.
#
#   installer/linux/build-deb.sh            build, then check with lintian and validators
#   JITL_DEB_LINT=0 installer/linux/build-deb.sh     build only (tests run the checks)
#
# The last line printed is the path of the .deb.
#
# Needs (Debian 12): python3-venv, python3-dev, gcc and linux-libc-dev (pynput's evdev
# has no wheel and is compiled), dpkg-dev (dpkg-shlibdeps), binutils (readelf), util-linux
# (unshare), and for the checks lintian, desktop-file-utils and, if installed, appstream.
# The libraries Qt needs must be installed too (the package's Depends: libegl1, libgl1,
# libxkbcommon-x11-0, libxcb-cursor0 and the other libxcb-*, libfontconfig1, libdbus-1-3,
# libpulse0...): dpkg-shlibdeps maps them to packages, and the smoke test loads them.
# The network is needed to fetch wheels from the package index (pip, as configured on the
# machine), unless they are in the cache ~/.cache/jitl-desktop-deb/pip (JITL_DEB_PIP_CACHE).
#
# Design
# - Self-contained: JITL Desktop and its Python dependencies live in a private virtual
#   environment, /opt/jitl-desktop/venv, on Debian's own /usr/bin/python3 (hence Depends:
#   python3 of the same minor version: the venv's site-packages are for that version).
#   The versions installed are pinned by installer/linux/constraints.txt.
# - A virtual environment is not relocatable (script shebangs and paths inside it name
#   its folder), so it is created at its final path. The script runs itself again in a
#   private mount namespace (`unshare --mount`; with `--map-root-user` when not root) in
#   which the staging tree's opt/ is bind-mounted over /opt: `python3 -m venv
#   /opt/jitl-desktop/venv` then writes into build/deb/root/opt/jitl-desktop/venv, and the
#   machine's real /opt is neither read nor changed; when that process ends the mount is
#   gone, whatever happened. (The alternatives are worse: building in the real /opt can
#   clash with an installed package and leaves debris when interrupted; `--copies` plus
#   rewriting shebangs and paths misses the paths compiled into files.) Because /opt is
#   hidden in there, the wheels are fetched first (with network, outside) and installed
#   offline from build/deb/wheels inside (pip with no index and no configuration files).
#   The build fails if the staging path is left in any file.
# - Only the Qt that JITL Desktop uses is kept (installer/linux/pyside6_files.py):
#   PySide6 shrinks from about 640 MB to 150 MB (Qt WebEngine, QML, 3D, Designer... go).
#   JITL_DEB_PRUNE=0 keeps all of it. A smoke test then runs the installed program inside
#   the namespace: --version, a search of the starter content, every module imported, and
#   a Qt application with the video player on the offscreen platform.
# - Depends: python3 (>= X.Y~), python3 (<< X.Y+1), and the system libraries that the
#   kept Qt libraries, plugins and compiled modules need, computed by dpkg-shlibdeps
#   (optional plugins, such as the GTK 3 theme and the Wayland extras, are left out: Qt
#   skips a plugin whose libraries are missing).
# - No Python bytecode is shipped (as in Debian's own Python packages): postinst compiles
#   the environment (users cannot write to /opt, so it would otherwise be compiled at
#   every start), prerm and postrm remove the bytecode again, so purge leaves nothing.
# - /usr/bin/jitl-desktop is a small sh wrapper (installer/linux/jitl-desktop.sh) that
#   exports JITL_BUNDLED_CONTENT=/usr/share/jitl-desktop/content and execs the
#   environment's jitl-desktop. The copy of the content inside the wheel is replaced by
#   a symlink to that folder, so the environment's own script finds it too (an autostart
#   entry the program writes for a user names that script).
# - /etc/xdg/autostart/jitl-desktop.desktop starts JITL Desktop at login for every user;
#   it is a conffile. An administrator turns it off for everyone with "autostart": false
#   in a policy file (/etc/jitl-desktop/policies/, none shipped); the example policy is in
#   /usr/share/doc/jitl-desktop/examples/policy.json. See installer/linux/README.Debian.
# - Version: __version__ of src/jitl_desktop/__init__.py (a Python pre-release such as
#   1.0rc1 becomes 1.0~rc1) plus a Debian revision, JITL_DEB_REVISION (default 1): the
#   package is not "native", so its changelog is changelog.Debian.gz as lintian expects.
#   SOURCE_DATE_EPOCH (default: the last commit's time) sets the changelog date and
#   clamps file times. DEBFULLNAME and DEBEMAIL set the Maintainer field.
# - Compression: JITL_DEB_COMPRESS (default xz; gzip is faster; lintian on Debian 12
#   rejects zstd) and JITL_DEB_LEVEL (default dpkg-deb's own; the tests build with gzip
#   at level 1: about 6 s against 100 s for xz, for a package 40 % larger).
# - Staging (build/deb/root) is removed and made anew at every run; build/ and dist/ are
#   ignored by git.
#
# Lintian: no errors and no warnings are expected. What it reports about a bundled
# environment in /opt is overridden in installer/linux/lintian-overrides, each override
# with its reason (installed as /usr/share/lintian/overrides/jitl-desktop).

set -euo pipefail
umask 022
export LC_ALL=C.UTF-8

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PACKAGE=jitl-desktop
PREFIX=/opt/jitl-desktop
VENV="$PREFIX/venv"
PYTHON=/usr/bin/python3
WORK="$ROOT/build/deb"
STAGE="$WORK/root"
TOOLS="$WORK/tools"
WHEELS="$WORK/wheels"
DIST="$ROOT/dist"
CONTENT_DIR=/usr/share/jitl-desktop/content
DOC="/usr/share/doc/$PACKAGE"
PIP_CACHE="${JITL_DEB_PIP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jitl-desktop-deb/pip}"

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'build-deb.sh: %s\n' "$*" >&2; exit 1; }

PYVERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/src/jitl_desktop/__init__.py")"
[ -n "$PYVERSION" ] || die "no __version__ in src/jitl_desktop/__init__.py"
PY_MINOR="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
SITE="$VENV/lib/python$PY_MINOR/site-packages"

# --- inside the mount namespace: the environment at its final path --------------------

stage_venv() {
    mount --bind "$STAGE/opt" /opt
    # pip must see only build/deb/wheels: no PIP_* settings (such as find-links in /opt)
    local name
    for name in $(compgen -e); do
        case "$name" in PIP_*) unset "$name" ;; esac
    done
    log "virtual environment $VENV (Python $PY_MINOR)"
    "$PYTHON" -m venv --without-pip "$VENV"
    # pip from the tools environment, for the new one: no pip is left in the package
    PIP_CONFIG_FILE=/dev/null "$TOOLS/bin/python" -m pip --python "$VENV/bin/python" \
        install --quiet --no-index --find-links "$WHEELS" --no-compile --no-cache-dir \
        --no-warn-script-location --constraint "$HERE/constraints.txt" \
        "$PACKAGE==$PYVERSION"
    # keep the interpreter links and the program's scripts only
    rm -rf "$VENV/include"  # headers of packages that compile against Python: none
    find "$VENV/bin" -mindepth 1 ! -name 'python*' ! -name "$PACKAGE" \
        ! -name "$PACKAGE-gui" -delete
    rm -rf "$SITE/jitl_desktop/content"
    ln -s "$CONTENT_DIR" "$SITE/jitl_desktop/content"
    if [ "${JITL_DEB_PRUNE:-1}" != 0 ]; then
        log "keeping only the Qt that JITL Desktop uses"
        "$VENV/bin/python" "$HERE/pyside6_files.py" prune "$SITE"
    fi
    # Strip what is not stripped yet, as dh_strip does (ICU, and the extensions compiled
    # here). Not the rest: strip breaks libraries edited by patchelf, such as Qt's FFmpeg
    # ("ELF load command address/offset not page-aligned"), and the ones auditwheel
    # edited: those vendored in a *.libs folder (numpy's OpenBLAS) and the modules whose
    # RPATH points there. A shared library needs no executable bit.
    local lib
    while IFS= read -r -d '' lib; do
        case "$lib" in *.libs/*) chmod 644 "$lib"; continue ;; esac
        if readelf -d -W "$lib" | grep -q 'R[UN]*PATH.*\.libs'; then
            chmod 644 "$lib"
            continue
        fi
        if readelf -S -W "$lib" | grep -q ' \.symtab '; then
            strip --remove-section=.comment --remove-section=.note --strip-unneeded "$lib"
        fi
        chmod 644 "$lib"
    done < <(find "$VENV" -type f -name '*.so*' -print0)
    smoke_test
    find "$VENV" -name __pycache__ -prune -exec rm -rf {} +
    find "$VENV" -name .gitignore -type f -delete  # (securesystemslib's vendored ed25519)
}

smoke_test() {
    log "smoke test of $VENV"
    local data got
    data="$(mktemp -d)"
    got="$("$VENV/bin/$PACKAGE" --version)"
    [ "$got" = "$PACKAGE $PYVERSION" ] || die "--version said '$got'"
    got="$(JITL_BUNDLED_CONTENT="$STAGE$CONTENT_DIR" "$VENV/bin/$PACKAGE" \
        --data-dir "$data" --config-dir "$data" search --json "extract archive" \
        | "$VENV/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["results"][0]["id"])')"
    [ "$got" = terminal/extract-archive ] || die "search found '$got' first"
    rm -rf "$data"
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" - "$SITE" <<'EOF'
import importlib, pkgutil, subprocess, sys
from pathlib import Path

import jitl_desktop

skip = ("_windows", "_macos")  # other systems' backends
for info in pkgutil.walk_packages(jitl_desktop.__path__, "jitl_desktop."):
    if not info.name.endswith(skip) and info.name != "jitl_desktop.__main__":
        importlib.import_module(info.name)

from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QApplication

from jitl_desktop.core import meaning

# search degrades to words alone without it: a broken numpy must fail the build instead
if meaning.model() is None or meaning.model().vector("extract an archive") is None:
    sys.exit("smoke test: the meaning model does not load")

app = QApplication([])
QVideoWidget()
if not QMediaPlayer().isAvailable():
    plugin = Path(sys.argv[1], "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so")
    ldd = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    missing = [line.split()[0] for line in ldd.splitlines() if "not found" in line]
    if not missing:
        sys.exit("smoke test: the video player has no backend")
    print("warning: video not checked: this machine lacks " + ", ".join(missing),
          file=sys.stderr)
EOF
}

if [ "${1:-}" = __stage-venv ]; then  # the script run again by unshare (below)
    stage_venv
    exit 0
fi

# --- outside: version, wheels, staging tree, control files, .deb ----------------------

[ -x "$PYTHON" ] || die "$PYTHON is missing (apt-get install python3-venv)"
dpkg -S "$(readlink -f "$PYTHON")" >/dev/null 2>&1 \
    || die "$PYTHON does not come from a Debian package"
for tool in dpkg-deb dpkg-shlibdeps readelf strip unshare gzip; do
    command -v "$tool" >/dev/null || die "$tool is missing"
done

DEB_UPSTREAM="$(printf '%s' "$PYVERSION" | sed -E 's/\.?(a|b|rc|dev)([0-9]*)$/~\1\2/')"
DEB_VERSION="$DEB_UPSTREAM-${JITL_DEB_REVISION:-1}"
ARCH="$(dpkg --print-architecture)"
DEB="$DIST/${PACKAGE}_${DEB_VERSION}_${ARCH}.deb"
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH="$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)"
fi
export SOURCE_DATE_EPOCH
MAINTAINER="${DEBFULLNAME:-JITL Desktop contributors} <${DEBEMAIL:-jitl-desktop@example.org}>"

grep -q "<release version=\"$PYVERSION\"" "$HERE/org.jitl.desktop.metainfo.xml" \
    || die "add <release version=\"$PYVERSION\" date=...> to installer/linux/org.jitl.desktop.metainfo.xml"

log "jitl-desktop $DEB_VERSION for $ARCH"
START=$SECONDS

log "wheels (build/deb/wheels)"
if [ ! -x "$TOOLS/bin/python" ]; then
    "$PYTHON" -m venv "$TOOLS"
fi
rm -rf "$WHEELS"
# The project's wheel and every dependency's (evdev is compiled from its sdist). pip's
# cache is one of its own: from the user's, pip would take a wheel it built earlier for
# another Python of the same version (pyenv's, say). It is kept outside the checkout, so
# that builds from other clones (CI) do not download PySide6 again.
"$TOOLS/bin/python" -m pip wheel --quiet --cache-dir "$PIP_CACHE" \
    --wheel-dir "$WHEELS" --constraint "$HERE/constraints.txt" "$ROOT" \
    2> >(grep -v "^WARNING: Location '" >&2)

log "staging tree"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE$PREFIX"
install -D -m 755 "$HERE/jitl-desktop.sh" "$STAGE/usr/bin/$PACKAGE"
install -D -m 644 "$HERE/jitl-desktop.desktop" "$STAGE/usr/share/applications/$PACKAGE.desktop"
install -D -m 644 "$HERE/jitl-desktop-autostart.desktop" \
    "$STAGE/etc/xdg/autostart/$PACKAGE.desktop"
install -D -m 644 "$ROOT/resources/icons/jitl-desktop.svg" \
    "$STAGE/usr/share/icons/hicolor/scalable/apps/$PACKAGE.svg"
install -D -m 644 "$HERE/org.jitl.desktop.metainfo.xml" \
    "$STAGE/usr/share/metainfo/org.jitl.desktop.metainfo.xml"
install -D -m 644 "$HERE/copyright" "$STAGE$DOC/copyright"
install -D -m 644 "$HERE/README.Debian" "$STAGE$DOC/README.Debian"
install -D -m 644 "$HERE/policy.example.json" "$STAGE$DOC/examples/policy.json"
# A site build for signed content packs: JITL_DEB_TRUSTED_ROOT (the repository's
# metadata/1.root.json) is installed as /etc/jitl-desktop/root.json, and with
# JITL_DEB_REPOSITORY (its URL or folder) a policy file names both.
if [ -n "${JITL_DEB_TRUSTED_ROOT:-}" ]; then
    [ -f "$JITL_DEB_TRUSTED_ROOT" ] || die "JITL_DEB_TRUSTED_ROOT: $JITL_DEB_TRUSTED_ROOT not found"
    install -D -m 644 "$JITL_DEB_TRUSTED_ROOT" "$STAGE/etc/jitl-desktop/root.json"
    if [ -n "${JITL_DEB_REPOSITORY:-}" ]; then
        "$PYTHON" -c 'import json, sys; print(json.dumps({"policies": {"content_repository": sys.argv[1], "content_repository_root": "/etc/jitl-desktop/root.json"}}, indent=2))' \
            "$JITL_DEB_REPOSITORY" > "$WORK/40-content-repository.json"
        install -D -m 644 "$WORK/40-content-repository.json" \
            "$STAGE/etc/jitl-desktop/policies/40-content-repository.json"
    fi
fi
install -D -m 644 "$HERE/lintian-overrides" "$STAGE/usr/share/lintian/overrides/$PACKAGE"
mkdir -p "$STAGE/usr/share/man/man1"
gzip -9n < "$HERE/jitl-desktop.1" > "$STAGE/usr/share/man/man1/$PACKAGE.1.gz"
mkdir -p "$STAGE$CONTENT_DIR"
# the starter content as it is in the checkout, without hidden files
(cd "$ROOT/content" && find . -name '.*' ! -name . -prune -o -type f -print0 \
    | xargs -0 cp --parents -t "$STAGE$CONTENT_DIR")
{
    printf '%s (%s) unstable; urgency=medium\n\n' "$PACKAGE" "$DEB_VERSION"
    printf '  * JITL Desktop %s, with its own Python environment in %s.\n\n' \
        "$PYVERSION" "$PREFIX"
    printf ' -- %s  %s\n' "$MAINTAINER" "$(date -R -u -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n > "$STAGE$DOC/changelog.Debian.gz"

log "Python environment (in a private mount namespace)"
if [ "$(id -u)" = 0 ]; then
    unshare --mount --propagation private -- "$BASH" "$HERE/build-deb.sh" __stage-venv >&2
else
    unshare --map-root-user --mount --propagation private -- \
        "$BASH" "$HERE/build-deb.sh" __stage-venv >&2 \
        || die "unshare failed: run as root, or allow unprivileged user namespaces"
fi
if grep -rlF "$WORK" "$STAGE" >&2; then
    die "the files above name the staging folder $WORK"
fi

log "control files"
install -m 755 "$HERE/postinst" "$HERE/prerm" "$HERE/postrm" "$STAGE/DEBIAN/"
printf '/etc/xdg/autostart/%s.desktop\n' "$PACKAGE" > "$STAGE/DEBIAN/conffiles"
SHLIBS="$WORK/shlibdeps"
rm -rf "$SHLIBS"
mkdir -p "$SHLIBS/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$PACKAGE" "$PACKAGE" \
    > "$SHLIBS/debian/control"
"$PYTHON" "$HERE/pyside6_files.py" core "$STAGE$SITE" > "$SHLIBS/core"
"$PYTHON" "$HERE/pyside6_files.py" system-libs "$STAGE$SITE" > "$SHLIBS/system-libs"
mapfile -t CORE < "$SHLIBS/core"
VENDORED=()  # the libraries wheels vendor beside their package (numpy.libs)
for dir in "$STAGE$SITE"/*.libs; do [ -d "$dir" ] && VENDORED+=("-l$dir"); done
LIBDEPS="$(cd "$SHLIBS" && dpkg-shlibdeps -O --ignore-missing-info \
    -l"$STAGE$SITE/PySide6/Qt/lib" -l"$STAGE$SITE/PySide6" -l"$STAGE$SITE/shiboken6" \
    "${VENDORED[@]}" "${CORE[@]}" 2> "$SHLIBS/warnings" | sed -n 's/^shlibs:Depends=//p')" \
    || { cat "$SHLIBS/warnings" >&2; die "dpkg-shlibdeps failed"; }
[ -n "$LIBDEPS" ] || die "dpkg-shlibdeps found no dependencies"
# Every system library those binaries need directly must come from a package in Depends:
# dpkg-shlibdeps cannot map some (FFmpeg asks for libbz2.so.1, whose Debian SONAME is
# libbz2.so.1.0); such a package is added without a version.
package_of() {
    local path="$1" alt
    case "$path" in /usr/*) alt="${path#/usr}" ;; *) alt="/usr$path" ;; esac
    dpkg -S "$path" 2>/dev/null || dpkg -S "$alt" 2>/dev/null \
        || dpkg -S "$(readlink -f "$path")" 2>/dev/null || true
}
DEP_NAMES=" $(printf '%s' "$LIBDEPS" | sed 's/[,|]/\n/g' | awk '{print $1}' | tr '\n' ' ') "
while read -r lib; do
    owner="$(package_of "$lib" | head -n1 | cut -d: -f1)"
    [ -n "$owner" ] || die "$lib (needed by the bundled Qt) comes from no package"
    case "$DEP_NAMES" in
        *" $owner "*) ;;
        *) LIBDEPS="$LIBDEPS, $owner"; DEP_NAMES="$DEP_NAMES$owner " ;;
    esac
done < "$SHLIBS/system-libs"
NEXT_MINOR="${PY_MINOR%.*}.$(( ${PY_MINOR#*.} + 1 ))"
DEPENDS="python3 (>= $PY_MINOR~), python3 (<< $NEXT_MINOR), $LIBDEPS"
INSTALLED_KB="$(du -sk --apparent-size --exclude=DEBIAN "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<EOF
Package: $PACKAGE
Version: $DEB_VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Section: education
Priority: optional
Description: just-in-time learning: a hotkey, two words, the right answer
 JITL Desktop finds the right bite-sized answer while you work: press a
 hotkey, type two or three words, and get a short guide, a snippet to copy
 or a video that starts at the right second of its transcript, offline,
 from a local index of content written in plain Markdown.
 .
 This package runs JITL Desktop from its own Python environment in
 $PREFIX (Qt for Python, Whoosh and pynput at tested versions),
 on Debian's python3. It starts at login for every user, which an
 administrator can turn off by policy; see README.Debian.
EOF
# md5sums of every file but the conffiles (dpkg keeps their sums itself)
(cd "$STAGE" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z \
    | xargs -0 md5sum) | awk 'NR == FNR { skip[substr($0, 2)] = 1; next }
                             !(substr($0, 35) in skip)' "$STAGE/DEBIAN/conffiles" - \
    > "$STAGE/DEBIAN/md5sums"
chmod -R u+rwX,go+rX,go-w "$STAGE"

log "dpkg-deb"
mkdir -p "$DIST"
rm -f "$DEB"
dpkg-deb --root-owner-group -Z"${JITL_DEB_COMPRESS:-xz}" ${JITL_DEB_LEVEL:+-z"$JITL_DEB_LEVEL"} \
    --build "$STAGE" "$DEB" >&2
log "built in $(( SECONDS - START )) s: $(du -h "$DEB" | cut -f1)"

if [ "${JITL_DEB_LINT:-1}" != 0 ]; then
    log "desktop-file-validate"
    desktop-file-validate "$STAGE/usr/share/applications/$PACKAGE.desktop" \
        "$STAGE/etc/xdg/autostart/$PACKAGE.desktop"
    if command -v appstreamcli >/dev/null; then
        log "appstreamcli validate"
        appstreamcli validate --no-net "$STAGE/usr/share/metainfo/org.jitl.desktop.metainfo.xml" >&2
    else
        log "appstreamcli is not installed: metainfo not validated"
    fi
    log "lintian"
    lintian --fail-on error,warning "$DEB" >&2
    log "checked in $(( SECONDS - START )) s"
fi

echo "$DEB"
