"""Signed content packs: what IT publishes (``publish``) and what desktops install
(``update``), through The Update Framework (python-tuf).

A repository is plain files in TUF's usual layout::

    metadata/1.root.json  metadata/root.json  (and N.root.json after a root change)
    metadata/targets.json metadata/snapshot.json metadata/timestamp.json
    targets/NAME-VERSION.tar.gz               one archive per pack

Each target carries ``custom: {"jitl": {"pack": NAME, "version": VERSION, "items": N}}``.
On a desktop, ``<data dir>/packs`` holds the TUF cache, the unpacked packs and the state
of the last check (see :mod:`jitl_desktop.core.packs.update`).
"""

from __future__ import annotations

import re

from jitl_desktop.errors import JitlError

#: the key of a target's custom metadata that says which pack it is
CUSTOM_KEY = "jitl"
#: what a pack name may be: it becomes a folder name and part of a file name
NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


class PackError(JitlError):
    """A repository cannot be published to as asked (bad input, missing keys)."""


class UpdateError(JitlError):
    """An update was refused or could not be done; the message names the role and the
    check. ``unreachable`` when the repository could not be reached at all."""

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


class UpdateBusyError(UpdateError):
    """Another process is updating the packs of this data folder."""


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise PackError(f"pack name {name!r}: use lower-case letters, digits, '.', '_' "
                        "and '-' (at most 64, starting with a letter or digit)")
    return name
