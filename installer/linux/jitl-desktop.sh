#!/bin/sh
# /usr/bin/jitl-desktop of the Debian package: JITL Desktop runs from its own Python
# environment in /opt/jitl-desktop/venv, and its starter content is installed in
# /usr/share/jitl-desktop/content (a value already in the environment is kept).
JITL_BUNDLED_CONTENT="${JITL_BUNDLED_CONTENT:-/usr/share/jitl-desktop/content}"
# start at login runs this wrapper, not the program inside /opt it starts
JITL_LAUNCHER=/usr/bin/jitl-desktop
export JITL_BUNDLED_CONTENT JITL_LAUNCHER
exec /opt/jitl-desktop/venv/bin/jitl-desktop "$@"
