#!/usr/bin/env bash
# Build the macOS installer packages of JITL Desktop (run on macOS; see README.md here).
#
#   installer/macos/build-pkg.sh [APP]       APP defaults to "dist/JITL Desktop.app"
#
# Makes, in $OUT (default dist/):
#   JITL-Desktop-<version>.pkg            the app, into /Applications
#   JITL-Desktop-Autostart-<version>.pkg  the LaunchAgent that starts it at every login
#                                         (/Library/LaunchAgents/org.jitl.desktop.plist)
#   JITL-Desktop-Content-Root-<version>.pkg  with TRUSTED_ROOT: the signed content pack
#                                         repository's trusted root, installed as
#                                         /Library/Application Support/JITL Desktop/root.json
#                                         (a profile sets content_repository_root to it)
#
# Environment:
#   VERSION             package version (default: __version__ of src/jitl_desktop)
#   OUT                 output folder (default: dist/)
#   INSTALLER_IDENTITY  "Developer ID Installer: ..." to sign the packages (optional)
#   NOTARY_PROFILE      a `xcrun notarytool store-credentials` profile: notarize and staple
#                       the signed packages (optional; needs INSTALLER_IDENTITY)
#   TRUSTED_ROOT        the content pack repository's metadata/1.root.json (optional)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUNDLE_ID=org.jitl.desktop
APP_NAME="JITL Desktop.app"
EXECUTABLE=jitl-desktop
APP=${1:-"$ROOT/dist/$APP_NAME"}
OUT=${OUT:-"$ROOT/dist"}
VERSION=${VERSION:-$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$ROOT/src/jitl_desktop/__init__.py")}

die() { echo "build-pkg.sh: $*" >&2; exit 1; }

[ "$(uname -s)" = Darwin ] || die "pkgbuild and productbuild exist on macOS only"
[ -n "$VERSION" ] || die "no version: set VERSION"
[ -d "$APP" ] || die "$APP not found: build it first (pyinstaller installer/pyinstaller/jitl-desktop.spec)"
[ "$(basename "$APP")" = "$APP_NAME" ] || die "the app must be called \"$APP_NAME\" (the LaunchAgent starts /Applications/$APP_NAME)"
found_id=$(/usr/libexec/PlistBuddy -c "Print :CFBundleIdentifier" "$APP/Contents/Info.plist") \
  || die "$APP/Contents/Info.plist has no CFBundleIdentifier"
[ "$found_id" = "$BUNDLE_ID" ] || die "bundle id is $found_id, not $BUNDLE_ID (BUNDLE(bundle_identifier=...) in the spec)"
[ -x "$APP/Contents/MacOS/$EXECUTABLE" ] || die "$APP/Contents/MacOS/$EXECUTABLE missing (EXE(name='$EXECUTABLE') in the spec)"
plutil -lint "$HERE/org.jitl.desktop.plist" >/dev/null

sign=()
if [ -n "${INSTALLER_IDENTITY:-}" ]; then
  sign=(--sign "$INSTALLER_IDENTITY" --timestamp)
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# 1. the app, installed at /Applications/JITL Desktop.app. Not relocatable: otherwise
#    Installer would update a copy with the same bundle id found anywhere else on the disk.
mkdir -p "$WORK/app-root"
ditto "$APP" "$WORK/app-root/$APP_NAME"
pkgbuild --analyze --root "$WORK/app-root" "$WORK/app-component.plist"
i=0
while /usr/libexec/PlistBuddy -c "Print :$i" "$WORK/app-component.plist" >/dev/null 2>&1; do
  /usr/libexec/PlistBuddy -c "Set :$i:BundleIsRelocatable false" "$WORK/app-component.plist"
  i=$((i + 1))
done
pkgbuild --root "$WORK/app-root" --component-plist "$WORK/app-component.plist" \
  --install-location /Applications --identifier "$BUNDLE_ID.app" --version "$VERSION" \
  --ownership recommended "$WORK/app.pkg"

# 2. the LaunchAgent (root:wheel, 644: launchd ignores an agent others may write)
mkdir -p "$WORK/agent-root/Library/LaunchAgents"
install -m 644 "$HERE/org.jitl.desktop.plist" "$WORK/agent-root/Library/LaunchAgents/"
pkgbuild --root "$WORK/agent-root" --install-location / \
  --identifier "$BUNDLE_ID.launchagent" --version "$VERSION" \
  --ownership recommended "$WORK/launchagent.pkg"

# 2b. the trusted root of the signed content packs (optional; root:wheel, 644)
root_pkg=""
if [ -n "${TRUSTED_ROOT:-}" ]; then
  [ -f "$TRUSTED_ROOT" ] || die "TRUSTED_ROOT: $TRUSTED_ROOT not found"
  mkdir -p "$WORK/root-root/Library/Application Support/JITL Desktop"
  install -m 644 "$TRUSTED_ROOT" "$WORK/root-root/Library/Application Support/JITL Desktop/root.json"
  pkgbuild --root "$WORK/root-root" --install-location / \
    --identifier "$BUNDLE_ID.contentroot" --version "$VERSION" \
    --ownership recommended "$WORK/contentroot.pkg"
  root_pkg="$OUT/JITL-Desktop-Content-Root-$VERSION.pkg"
  productbuild --synthesize --package "$WORK/contentroot.pkg" "$WORK/contentroot-distribution.xml"
  productbuild --distribution "$WORK/contentroot-distribution.xml" --package-path "$WORK" \
    ${sign[@]+"${sign[@]}"} "$root_pkg"
fi

payload=$(pkgutil --payload-files "$WORK/app.pkg")
grep -qF "$APP_NAME/Contents/MacOS/$EXECUTABLE" <<<"$payload" \
  || die "the app package does not hold $APP_NAME/Contents/MacOS/$EXECUTABLE"

# 3. the product archives that `installer` and MDM tools take
app_pkg="$OUT/JITL-Desktop-$VERSION.pkg"
agent_pkg="$OUT/JITL-Desktop-Autostart-$VERSION.pkg"
for part in app launchagent; do
  productbuild --synthesize --package "$WORK/$part.pkg" "$WORK/$part-distribution.xml"
done
productbuild --distribution "$WORK/app-distribution.xml" --package-path "$WORK" \
  ${sign[@]+"${sign[@]}"} "$app_pkg"
productbuild --distribution "$WORK/launchagent-distribution.xml" --package-path "$WORK" \
  ${sign[@]+"${sign[@]}"} "$agent_pkg"

# 4. notarize (optional)
if [ -n "${NOTARY_PROFILE:-}" ]; then
  [ -n "${INSTALLER_IDENTITY:-}" ] || die "NOTARY_PROFILE needs INSTALLER_IDENTITY (only signed packages can be notarized)"
  for pkg in "$app_pkg" "$agent_pkg" ${root_pkg:+"$root_pkg"}; do
    xcrun notarytool submit "$pkg" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$pkg"
  done
fi

echo "$app_pkg"
echo "$agent_pkg"
if [ -n "$root_pkg" ]; then echo "$root_pkg"; fi
