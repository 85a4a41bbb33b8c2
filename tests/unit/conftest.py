"""Fixtures of the unit tests: a real Ralph LRS on loopback (tests/lrs.py)."""

from tests.lrs import lrs, ralph_python

__all__ = ["lrs", "ralph_python"]
