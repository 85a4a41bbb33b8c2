"""The hotkey interface: start, stop and rebind keep the backend's own state, and the
null backend always says why there is no hotkey. (The X11 grab itself is tested on a
real X server in tests/e2e/test_hotkey.py.)"""

from __future__ import annotations

import pytest

from jitl_desktop.platform import hotkey
from jitl_desktop.platform.hotkey import DEFAULT_COMBO, HotkeyBackend, NullHotkey


class ScriptedHotkey(HotkeyBackend):
    """A backend whose listening fails for the combinations in ``taken``."""

    name = "scripted"

    def __init__(self, taken: set[str]) -> None:
        super().__init__()
        self.taken = taken
        self.listening: str | None = None
        self.calls: list[str] = []

    def _listen(self, combo: str) -> str | None:
        assert self.listening is None, "listening again without a release"
        self.calls.append(f"listen {combo}")
        if combo in self.taken:
            return f"{combo} is already taken"
        self.listening = combo
        return None

    def _release(self) -> None:
        if self.listening is not None:
            self.calls.append(f"release {self.listening}")
        self.listening = None


def test_rebind_to_a_free_combination_listens_for_it_only():
    backend = ScriptedHotkey(taken=set())
    backend.start("<ctrl>+<alt>+<space>")
    assert backend.rebind("<ctrl>+<alt>+k") is None
    assert backend.listening == backend.combo == "<ctrl>+<alt>+k"
    assert backend.active and backend.problem is None
    assert backend.calls == ["listen <ctrl>+<alt>+<space>", "release <ctrl>+<alt>+<space>",
                             "listen <ctrl>+<alt>+k"]


def test_rebind_to_a_taken_combination_returns_why_and_keeps_the_old_one():
    backend = ScriptedHotkey(taken={"<ctrl>+<alt>+k"})
    backend.start("<ctrl>+<alt>+<space>")
    assert backend.rebind("<ctrl>+<alt>+k") == "<ctrl>+<alt>+k is already taken"
    assert backend.listening == backend.combo == "<ctrl>+<alt>+<space>"
    assert backend.active and backend.problem is None


def test_rebind_away_from_a_taken_combination_clears_the_problem():
    backend = ScriptedHotkey(taken={"<ctrl>+<alt>+<space>"})
    backend.start("<ctrl>+<alt>+<space>")
    assert not backend.active and backend.problem == "<ctrl>+<alt>+<space> is already taken"
    assert backend.rebind("<ctrl>+<alt>+k") is None
    assert backend.active and backend.problem is None and backend.combo == "<ctrl>+<alt>+k"


def test_when_neither_combination_works_rebind_reports_the_new_one_and_problem_the_old():
    backend = ScriptedHotkey(taken={"<ctrl>+<alt>+<space>", "<ctrl>+<alt>+k"})
    backend.start("<ctrl>+<alt>+<space>")
    assert backend.rebind("<ctrl>+<alt>+k") == "<ctrl>+<alt>+k is already taken"
    assert backend.combo == "<ctrl>+<alt>+<space>" and not backend.active
    assert backend.problem == "<ctrl>+<alt>+<space> is already taken"


def test_stop_releases_and_keeps_the_problem():
    backend = ScriptedHotkey(taken={"<ctrl>+<alt>+k"})
    backend.start("<ctrl>+<alt>+k")
    backend.stop()
    assert not backend.active and backend.problem == "<ctrl>+<alt>+k is already taken"


@pytest.mark.parametrize("attribute", ["problem", "combo", "active"])
def test_the_state_of_a_backend_is_read_only_from_outside(attribute):
    backend = NullHotkey("there is no display")
    with pytest.raises(AttributeError):
        setattr(backend, attribute, None)


def test_the_null_backend_keeps_saying_why_and_accepts_a_new_combination():
    backend = NullHotkey("a Wayland session does not let applications listen to keys")
    problem = backend.problem
    assert problem is not None and "jitl-desktop toggle" in problem
    assert backend.combo == DEFAULT_COMBO
    backend.start(DEFAULT_COMBO)
    assert backend.problem == problem and not backend.active
    assert backend.rebind("<ctrl>+<alt>+k") is None
    assert backend.combo == "<ctrl>+<alt>+k" and backend.problem == problem
    assert backend.status() == {"combo": "<ctrl>+<alt>+k", "backend": "none",
                                "active": False, "problem": problem}


def test_pick_without_a_display_is_the_null_backend(monkeypatch):
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    backend = hotkey.pick()
    assert isinstance(backend, NullHotkey) and "there is no display" in (backend.problem or "")
