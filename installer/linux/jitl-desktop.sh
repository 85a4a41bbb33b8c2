#!/bin/sh
# /usr/bin/jitl-desktop of the Debian package: JITL Desktop runs from its own Python
# environment in /opt/jitl-desktop/venv, and its starter content is installed in
# /usr/share/jitl-desktop/content (a value already in the environment is kept).
JITL_BUNDLED_CONTENT="${JITL_BUNDLED_CONTENT:-/usr/share/jitl-desktop/content}"
export JITL_BUNDLED_CONTENT
exec /opt/jitl-desktop/venv/bin/jitl-desktop "$@"
