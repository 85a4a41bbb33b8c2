"""``python -m jitl_desktop``."""

import sys

from jitl_desktop.cli import main

if __name__ == "__main__":  # (not when a spawned process imports it: core/reading.py)
    sys.exit(main())
