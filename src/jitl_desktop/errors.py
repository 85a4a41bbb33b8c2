"""The JitlError family: every error a user may see, with one clear message."""

from __future__ import annotations


class JitlError(Exception):
    """Base of the errors the program reports to the user (one line, no traceback)."""

    exit_code = 2


class ContentError(JitlError):
    """A content root is missing or unreadable."""


class DataDirError(JitlError):
    """The data directory cannot be created, written or has no space left."""


class IndexBusyError(JitlError):
    """Another process holds the index writer lock for too long."""


class NotRunningError(JitlError):
    """No running instance answers on the local socket."""

    exit_code = 3
