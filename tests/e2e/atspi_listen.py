"""Print the announcements one application makes on the accessibility bus (AT-SPI), one
JSON object a line, as they come.

Run by Debian's /usr/bin/python3 (``python3-pyatspi`` is not on PyPI), never imported
by the tests: ``python3 atspi_listen.py APP_NAME SECONDS`` prints ``"listening"`` once the
listener is registered, then ``{"text", "role", "name"}`` for each ``object:announcement``
event of the application, for SECONDS seconds.
"""

import json
import sys

import pyatspi
from gi.repository import GLib


def main():
    wanted, seconds = sys.argv[1], float(sys.argv[2])

    def on_event(event):
        try:
            app = event.source.getApplication()
            if app is None or app.name != wanted:
                return
            print(json.dumps({"text": str(event.any_data), "role": event.source.getRoleName(),
                              "name": event.source.name or ""}), flush=True)
        except Exception as exc:  # a node that went away
            print(json.dumps({"text": "", "role": "gone", "name": str(exc)}), flush=True)

    pyatspi.Registry.registerEventListener(on_event, "object:announcement")
    GLib.timeout_add(int(seconds * 1000), pyatspi.Registry.stop)
    GLib.idle_add(lambda: print(json.dumps("listening"), flush=True) and False)
    pyatspi.Registry.start()


if __name__ == "__main__":
    main()
