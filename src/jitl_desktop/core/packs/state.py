"""What the last pack update left (``packs/state.json``) and the ``content_updates``
object of ``status --json``, read without python-tuf: the app reports it at every
status, and loads the update machinery (python-tuf, its HTTP client and cryptography,
about 12 MB) only where an administrator configured a content repository."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from jitl_desktop.core.files import read_limited, write_atomic
from jitl_desktop.core.packs.installed import installed_info

STATE = "state.json"
#: a cached timestamp.json larger than this is not read
TIMESTAMP_MAX = 64 * 1024


def read_state(packs_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((packs_dir / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_state(packs_dir: Path, state: dict[str, Any]) -> None:
    write_atomic(packs_dir / STATE, json.dumps(state, indent=2))


def timestamp_expires(packs_dir: Path) -> dt.datetime | None:
    """When the last trusted timestamp expires (None before the first update). The
    file was verified by the update that kept it; only its date is read here."""
    try:
        data = json.loads(read_limited(packs_dir / "tuf" / "timestamp.json", TIMESTAMP_MAX))
        when = dt.datetime.strptime(data["signed"]["expires"], "%Y-%m-%dT%H:%M:%SZ")
    except (OSError, ValueError, TypeError, KeyError):  # no cache yet, or damaged
        return None
    return when.replace(tzinfo=dt.timezone.utc)


def status(packs_dir: Path, repository: str) -> dict[str, Any]:
    """The ``content_updates`` object of ``status --json``: ``stale`` when the last
    check failed and the last trusted timestamp has expired (content may be out of
    date and no newer can be confirmed)."""
    state = read_state(packs_dir)
    expires = timestamp_expires(packs_dir)
    now = dt.datetime.now(dt.timezone.utc)
    stale = bool(repository and state.get("last_error") and expires is not None
                 and expires < now)
    packs = installed_info(packs_dir)
    return {"repository": repository or None,
            "packs": [{"name": n, "version": i["version"]} for n, i in packs.items()],
            "last_check": state.get("last_check"),
            "last_success": state.get("last_success"),
            "last_error": state.get("last_error"),
            "timestamp_expires": expires.strftime("%Y-%m-%dT%H:%M:%SZ") if expires else None,
            "stale": stale}
