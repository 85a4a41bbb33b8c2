"""JITL Desktop: just-in-time learning on the desktop."""

__version__ = "0.1.0"
