"""``python -m jitl_desktop``."""

import sys

from jitl_desktop.cli import main

sys.exit(main())
