"""Print what the accessibility bus (AT-SPI) shows of one application, as JSON.

Run by Debian's /usr/bin/python3 (``python3-pyatspi`` is not on PyPI), never imported
by the tests: ``python3 atspi_walk.py APP_NAME`` prints a list of the application's
nodes, each ``{"path", "depth", "role", "name", "description", "states"}``.
"""

import json
import sys

import pyatspi

MAX_NODES = 5000


def walk(node, depth, path, out):
    if len(out) >= MAX_NODES:
        return
    try:
        states = sorted(pyatspi.stateToString(s) for s in node.getState().getStates())
        out.append({"path": path, "depth": depth, "role": node.getRoleName(),
                    "name": node.name or "", "description": node.description or "",
                    "states": states})
        count = node.childCount
    except Exception as exc:  # a node that went away while walking
        out.append({"path": path, "depth": depth, "role": "gone", "name": str(exc),
                    "description": "", "states": []})
        return
    for i in range(min(count, 500)):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, depth + 1, f"{path}/{i}", out)


def main():
    wanted = sys.argv[1]
    desktop = pyatspi.Registry.getDesktop(0)
    out = []
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == wanted:
            walk(app, 0, str(i), out)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
