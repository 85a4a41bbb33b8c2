"""Key combinations as text: one canonical spelling shared by settings, the settings
dialog's recorder and the hotkey backends.

The canonical form is pynput's: modifiers in a fixed order, then the key, joined
by ``+``; named keys in angle brackets, a character key as itself:
``<ctrl>+<alt>+<space>``, ``<ctrl>+<shift>+k``, ``<f9>``.
"""

from __future__ import annotations

MODIFIERS = ("ctrl", "alt", "shift", "cmd")
_MODIFIER_NAMES = {"ctrl": "ctrl", "control": "ctrl", "alt": "alt", "option": "alt",
                   "shift": "shift", "cmd": "cmd", "super": "cmd", "win": "cmd",
                   "meta": "cmd", "command": "cmd"}
#: named keys a global hotkey may end with (pynput's names)
NAMED_KEYS = frozenset(
    ["space", "enter", "tab", "esc", "backspace", "delete", "insert", "home", "end",
     "page_up", "page_down", "up", "down", "left", "right", "pause", "print_screen",
     "scroll_lock", "menu"] + [f"f{n}" for n in range(1, 25)])
_ALIASES = {"return": "enter", "escape": "esc", "del": "delete", "ins": "insert",
            "pgup": "page_up", "pgdown": "page_down", "pageup": "page_up",
            "pagedown": "page_down", "print": "print_screen"}
_DISPLAY = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "cmd": "Super",
            "esc": "Esc", "page_up": "PgUp", "page_down": "PgDown",
            "print_screen": "Print"}


def parse_combo(text: str) -> str:
    """The canonical spelling of a key combination, or ValueError saying what is wrong.

    Accepts pynput's spelling (``<ctrl>+<alt>+space``) and the one people write
    (``Ctrl+Alt+Space``). A combination needs a modifier unless its key is a
    function key: a bare letter as a global hotkey would eat that letter everywhere.
    """
    parts = [p.strip().strip("<>").strip().lower() for p in text.split("+")]
    if not parts or any(not p for p in parts):
        raise ValueError(f"'{text}' is not a key combination (write it like Ctrl+Alt+Space)")
    *mods, key = parts
    found = set()
    for mod in mods:
        if mod not in _MODIFIER_NAMES:
            raise ValueError(f"'{mod}' in '{text}' is not a modifier "
                             "(use Ctrl, Alt, Shift or Super)")
        found.add(_MODIFIER_NAMES[mod])
    if key in _MODIFIER_NAMES:
        raise ValueError(f"'{text}' has no key after its modifiers")
    key = _ALIASES.get(key, key)
    if len(key) != 1 and key not in NAMED_KEYS:
        raise ValueError(f"'{key}' in '{text}' is not a key name")
    if not found and not (key.startswith("f") and key[1:].isdigit()):
        raise ValueError(f"'{text}' needs a modifier (Ctrl, Alt, Shift or Super) "
                         "unless it is a function key")
    if found == {"shift"} and len(key) == 1:
        raise ValueError(f"'{text}' would catch a capital letter everywhere: "
                         "add Ctrl, Alt or Super")
    ordered = [f"<{m}>" for m in MODIFIERS if m in found]
    return "+".join([*ordered, f"<{key}>" if len(key) > 1 else key])


def display_combo(combo: str) -> str:
    """``<ctrl>+<alt>+<space>`` → ``Ctrl+Alt+Space`` (for people)."""
    names = []
    for part in combo.split("+"):
        name = part.strip("<>")
        short = len(name) == 1 or (name[:1] == "f" and name[1:].isdigit())
        names.append(_DISPLAY.get(name, name.upper() if short else name.title()))
    return "+".join(names)
