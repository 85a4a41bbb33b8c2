#!/usr/bin/env python3
"""Write the administrators' policy templates of JITL Desktop from the settings table.

Usage (from the repository root):
    python tools/make_policy_templates.py [OUT_DIR]     # default: installer/

Every file is generated from ``jitl_desktop.core.settings.TABLE`` (so a new setting
appears in every template once this is run again) and from the policy locations
``jitl_desktop.core.policy`` reads:

- ``windows/policy/jitl-desktop.admx`` and ``windows/policy/en-US/jitl-desktop.adml``:
  Group Policy administrative templates. Category "JITL Desktop" holds one policy per
  lockable setting, writing under ``HKLM|HKCU\\SOFTWARE\\Policies\\JITL\\JITL Desktop``
  (values there lock the setting); category "JITL Desktop (Recommended)" holds one per
  setting that users may change, writing under that key's ``Recommended`` subkey
  (values there only preset it). Policies are ``class="Both"``: the same policy is in
  Computer Configuration (HKLM, which wins) and User Configuration (HKCU).
  On/off settings write REG_DWORD 1/0, choices and key combinations REG_SZ, folder
  lists REG_MULTI_SZ (``multiText``): exactly the types the policy reader accepts.
- ``macos/org.jitl.desktop.mobileconfig``: an example configuration profile forcing a
  few settings for the bundle id ``org.jitl.desktop`` (managed preferences, which the
  policy reader treats as locking). Its UUIDs are derived (uuid5), so regenerating
  it changes nothing unless its content changes.

The output is deterministic: tests/installer/test_templates.py regenerates it and
compares it byte for byte with the committed files.
"""

from __future__ import annotations

import argparse
import plistlib
import re
import sys
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parents[1]
if (ROOT / "src" / "jitl_desktop").is_dir() and "jitl_desktop" not in sys.modules:
    # this checkout's settings table, even when another copy is installed
    sys.path.insert(0, str(ROOT / "src"))

from jitl_desktop.core import settings as settings_mod  # noqa: E402
from jitl_desktop.core.keys import display_combo  # noqa: E402
from jitl_desktop.core.policy import MAC_BUNDLE, WINDOWS_KEY  # noqa: E402

ADMX = Path("windows/policy/jitl-desktop.admx")
ADML = Path("windows/policy/en-US/jitl-desktop.adml")
MOBILECONFIG = Path("macos/org.jitl.desktop.mobileconfig")

ADMX_NS = "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"
NAMESPACE = "JITL.Policies.JITLDesktop"
PREFIX = "jitldesktop"
RECOMMENDED_KEY = WINDOWS_KEY + "\\Recommended"
CATEGORY = "JITLDesktop"
CATEGORY_RECOMMENDED = "JITLDesktop_Recommended"
SUPPORTED = "SUPPORTED_JITLDesktop"
#: suffix of a recommended policy's name (its setting's key comes first)
RECOMMENDED = "_recommended"
#: what an ADMX name or id may be: letters, digits and underscores (BaseTypes.xsd)
ITEM_NAME = re.compile(r"\w+")

#: settings the example profile forces; checked against the table when it is written
EXAMPLE_FORCED: dict[str, Any] = {
    "content_sources": ["/Library/Application Support/JITL Desktop/Content"],
    "bundled_content": False,
    "history": False,
}
PROFILE_ID = "org.jitl.desktop.profile"
PREFERENCES_ID = PROFILE_ID + ".preferences"


# --- a small XML writer with a fixed layout ----------------------------------------------

@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str | None = None


def node(tag: str, attrs: dict[str, str] | None = None, *children: Node,
         text: str | None = None) -> Node:
    return Node(tag, dict(attrs or {}), list(children), text)


def _lines(n: Node, depth: int) -> Iterable[str]:
    pad = "  " * depth
    attrs = "".join(f" {name}={quoteattr(value)}" for name, value in n.attrs.items())
    if n.text is not None:
        yield f"{pad}<{n.tag}{attrs}>{escape(n.text)}</{n.tag}>"
    elif not n.children:
        yield f"{pad}<{n.tag}{attrs}/>"
    else:
        yield f"{pad}<{n.tag}{attrs}>"
        for child in n.children:
            yield from _lines(child, depth + 1)
        yield f"{pad}</{n.tag}>"


def xml_document(root: Node, comment: str) -> bytes:
    text = "\n".join(['<?xml version="1.0" encoding="utf-8"?>', f"<!-- {comment} -->",
                      *_lines(root, 0)]) + "\n"
    return text.encode("utf-8")


# --- what each setting becomes ----------------------------------------------------------

def policy_settings() -> list[settings_mod.Setting]:
    """The settings a policy may set: every lockable one, in table order."""
    return [s for s in settings_mod.TABLE if s.lockable]


def recommendable(setting: settings_mod.Setting) -> bool:
    """Whether a Recommended (user may change it) policy makes sense: not for settings
    only an administrator sets, which users can never change."""
    return setting.lockable and not setting.policy_only


def shown_default(setting: settings_mod.Setting) -> str:
    if setting.kind == "bool":
        return "on" if setting.default else "off"
    if setting.kind == "combo":
        return display_combo(setting.default)
    if setting.kind == "folders":
        return "; ".join(setting.default) or "none"
    if setting.kind == "names":
        return "; ".join(setting.default) or "all"
    return str(setting.default) or "none"


def choice_label(choice: str) -> str:
    return choice.replace("_", " ").capitalize()


def _what_enabled_does(setting: settings_mod.Setting) -> str:
    if setting.kind == "bool":
        return "If you enable this policy, the setting is on; if you disable it, it is off."
    if setting.kind == "choice":
        return "If you enable this policy, the setting takes the value you pick."
    if setting.kind == "combo":
        return ("If you enable this policy, the setting takes the key combination you "
                "type, written like Ctrl+Alt+Space, Ctrl+Shift+K or F9.")
    if setting.kind == "folders":
        return ("If you enable this policy, the setting takes the folders you list, one "
                "per line (local folders or network shares such as "
                "\\\\server\\share\\training; environment variables such as "
                "%PUBLIC% are expanded).")
    if setting.kind == "text":
        return "If you enable this policy, the setting takes the text you type."
    if setting.kind == "int":
        return (f"If you enable this policy, the setting takes the number you give "
                f"({setting.limits[0]} to {setting.limits[1]}).")
    if setting.kind == "names":
        return "If you enable this policy, the setting takes the names you list, one per line."
    raise ValueError(f"setting '{setting.key}': no policy for kind '{setting.kind}'")


def _unset(setting: settings_mod.Setting) -> str:
    """How an explanation names the states that leave the setting to others (a disabled
    on/off policy means "off", not "unset")."""
    return ("If you disable or do not configure this policy" if setting.kind != "bool"
            else "If you do not configure this policy")


def explain_locked(setting: settings_mod.Setting) -> str:
    parts = [setting.description, "", _what_enabled_does(setting),
             "Users cannot change it: JITL Desktop shows it as managed by your "
             "organisation."]
    unset = _unset(setting)
    if setting.policy_only:
        parts += ["", f"{unset}, the default applies ({shown_default(setting)}). "
                  "JITL Desktop has no control for this setting: only an administrator "
                  "sets it."]
    else:
        parts += ["", f"{unset}, users choose (default: {shown_default(setting)})."]
    parts += ["", "A value JITL Desktop cannot use is ignored and reported in its "
              "settings dialog and by 'jitl-desktop diagnose'. Computer Configuration "
              "takes precedence over User Configuration."]
    return "\n".join(parts)


def explain_recommended(setting: settings_mod.Setting) -> str:
    parts = [setting.description, "", _what_enabled_does(setting),
             "This is only the starting value: users can change it in Settings, and "
             "their own choice is kept."]
    unset = _unset(setting)
    parts += ["", f"{unset}, the default applies ({shown_default(setting)})."]
    parts += ["", "The same setting under \"JITL Desktop\" (not Recommended) takes "
              "precedence and locks it."]
    return "\n".join(parts)


def _elements(setting: settings_mod.Setting) -> Node | None:
    """The ``elements`` of a setting's policy (None for on/off settings)."""
    key = setting.key
    if setting.kind == "bool":
        return None
    if setting.kind == "choice":
        items = [node("item", {"displayName": f"$(string.{key}_{choice})"},
                      node("value", {}, node("string", text=choice)))
                 for choice in setting.choices]
        return node("elements", {}, node("enum", {"id": key, "valueName": key,
                                                   "required": "true"}, *items))
    if setting.kind == "combo":
        return node("elements", {}, node("text", {"id": key, "valueName": key,
                                                  "required": "true",
                                                  "maxLength": "100"}))
    if setting.kind == "folders":
        # multiText writes one REG_MULTI_SZ value named after the setting, which the
        # policy reader turns into a list (a <list> would write one value per folder)
        return node("elements", {}, node("multiText", {"id": key, "valueName": key,
                                                       "required": "true",
                                                       "maxLength": "32767"}))
    return _more_elements(setting)


def _more_elements(setting: settings_mod.Setting) -> Node:
    key = setting.key
    if setting.kind == "text":
        return node("elements", {}, node("text", {"id": key, "valueName": key,
                                                  "required": "true",
                                                  "maxLength": "4096"}))
    if setting.kind == "names":
        return node("elements", {}, node("multiText", {"id": key, "valueName": key,
                                                       "required": "true",
                                                       "maxLength": "32767"}))
    if setting.kind == "int":  # a REG_DWORD
        low, high = setting.limits
        return node("elements", {}, node("decimal", {"id": key, "valueName": key,
                                                     "required": "true",
                                                     "minValue": str(low),
                                                     "maxValue": str(high)}))
    raise ValueError(f"setting '{setting.key}': no policy for kind '{setting.kind}'")


def _policy(setting: settings_mod.Setting, *, recommended: bool) -> Node:
    key = setting.key
    attrs = {"name": key + (RECOMMENDED if recommended else ""), "class": "Both",
             "displayName": f"$(string.{key})",
             "explainText": f"$(string.{key}_{'recommended_' if recommended else ''}help)"}
    elements = _elements(setting)
    if elements is not None:
        attrs["presentation"] = f"$(presentation.{key})"
    attrs["key"] = RECOMMENDED_KEY if recommended else WINDOWS_KEY
    if setting.kind == "bool":
        attrs["valueName"] = key
    children = [node("parentCategory", {"ref": CATEGORY_RECOMMENDED if recommended
                                        else CATEGORY}),
                node("supportedOn", {"ref": SUPPORTED})]
    if setting.kind == "bool":
        children += [node("enabledValue", {}, node("decimal", {"value": "1"})),
                     node("disabledValue", {}, node("decimal", {"value": "0"}))]
    if elements is not None:
        children.append(elements)
    return node("policy", attrs, *children)


def _check_names(settings: Sequence[settings_mod.Setting]) -> None:
    names: set[str] = set()
    for setting in settings:
        if not ITEM_NAME.fullmatch(setting.key):
            raise ValueError(f"setting '{setting.key}' cannot be an ADMX name "
                             "(letters, digits and underscores only)")
        for name in (setting.key, setting.key + RECOMMENDED):
            if name in names:
                raise ValueError(f"two policies would be named '{name}'")
            names.add(name)
        for choice in setting.choices:
            if not ITEM_NAME.fullmatch(choice):
                raise ValueError(f"choice '{choice}' of '{setting.key}' cannot be part "
                                 "of an ADMX string id")


def admx() -> bytes:
    settings = policy_settings()
    _check_names(settings)
    policies = [_policy(s, recommended=False) for s in settings]
    policies += [_policy(s, recommended=True) for s in settings if recommendable(s)]
    root = node(
        "policyDefinitions",
        {"xmlns:xsd": "http://www.w3.org/2001/XMLSchema",
         "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
         "revision": "1.0", "schemaVersion": "1.0", "xmlns": ADMX_NS},
        node("policyNamespaces", {},
             node("target", {"prefix": PREFIX, "namespace": NAMESPACE}),
             node("using", {"prefix": "windows", "namespace": "Microsoft.Policies.Windows"})),
        node("resources", {"minRequiredRevision": "1.0"}),
        node("supportedOn", {},
             node("definitions", {},
                  node("definition", {"name": SUPPORTED,
                                      "displayName": f"$(string.{SUPPORTED})"}))),
        node("categories", {},
             node("category", {"name": CATEGORY, "displayName": f"$(string.{CATEGORY})",
                               "explainText": f"$(string.{CATEGORY}_help)"}),
             node("category", {"name": CATEGORY_RECOMMENDED,
                               "displayName": f"$(string.{CATEGORY_RECOMMENDED})",
                               "explainText": f"$(string.{CATEGORY_RECOMMENDED}_help)"})),
        node("policies", {}, *policies))
    return xml_document(root, "Generated by tools/make_policy_templates.py from the "
                              "settings table: do not edit.")


def adml() -> bytes:
    settings = policy_settings()
    _check_names(settings)
    strings: list[tuple[str, str]] = [
        (CATEGORY, "JITL Desktop"),
        (f"{CATEGORY}_help", "Settings of JITL Desktop that your organisation sets. "
         "Users cannot change a configured policy: JITL Desktop shows it as managed by "
         "your organisation."),
        (CATEGORY_RECOMMENDED, "JITL Desktop (Recommended)"),
        (f"{CATEGORY_RECOMMENDED}_help", "Starting values of JITL Desktop settings. "
         "Users can change them; the same policy under \"JITL Desktop\" takes precedence."),
        (SUPPORTED, "JITL Desktop on Windows 10 or later"),
    ]
    presentations: list[Node] = []
    for setting in settings:
        key = setting.key
        strings.append((key, setting.label))
        strings.append((f"{key}_help", explain_locked(setting)))
        if recommendable(setting):
            strings.append((f"{key}_recommended_help", explain_recommended(setting)))
        if setting.kind == "choice":
            strings += [(f"{key}_{choice}", choice_label(choice))
                        for choice in setting.choices]
            presentations.append(node("presentation", {"id": key}, node(
                "dropdownList", {"refId": key, "noSort": "true",
                                 "defaultItem": str(setting.choices.index(setting.default))},
                text=setting.label)))
        elif setting.kind == "combo":
            presentations.append(node("presentation", {"id": key}, node(
                "textBox", {"refId": key},
                node("label", text=f"{setting.label} (for example Ctrl+Alt+Space)"),
                node("defaultValue", text=display_combo(setting.default)))))
        elif setting.kind in ("folders", "names"):
            presentations.append(node("presentation", {"id": key}, node(
                "multiTextBox", {"refId": key}, text=f"{setting.label}, one per line")))
        elif setting.kind == "text":
            presentations.append(node("presentation", {"id": key}, node(
                "textBox", {"refId": key}, node("label", text=setting.label))))
        elif setting.kind == "int":
            presentations.append(node("presentation", {"id": key}, node(
                "decimalTextBox", {"refId": key, "defaultValue": str(setting.default)},
                text=setting.label)))
    root = node(
        "policyDefinitionResources",
        {"xmlns:xsd": "http://www.w3.org/2001/XMLSchema",
         "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
         "revision": "1.0", "schemaVersion": "1.0", "xmlns": ADMX_NS},
        node("displayName", text="JITL Desktop"),
        node("description", text="Policies of JITL Desktop, the just-in-time learning "
                                 "helper."),
        node("resources", {},
             node("stringTable", {}, *(node("string", {"id": sid}, text=text)
                                       for sid, text in strings)),
             node("presentationTable", {}, *presentations)))
    return xml_document(root, "Generated by tools/make_policy_templates.py from the "
                              "settings table: do not edit.")


# --- macOS ------------------------------------------------------------------------------

def payload_uuid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, name)).upper()


def forced_example() -> dict[str, Any]:
    """EXAMPLE_FORCED, each value checked against the settings table."""
    forced = {}
    for key, value in EXAMPLE_FORCED.items():
        setting = settings_mod.BY_KEY.get(key)
        if setting is None or not setting.lockable:
            raise ValueError(f"the example profile forces '{key}', which no policy can set")
        settings_mod.coerce(setting, value)  # ValueError when it is not valid
        forced[key] = value
    return forced


def mobileconfig() -> bytes:
    preferences = {
        "PayloadType": "com.apple.ManagedClient.preferences",
        "PayloadVersion": 1,
        "PayloadIdentifier": PREFERENCES_ID,
        "PayloadUUID": payload_uuid(PREFERENCES_ID),
        "PayloadDisplayName": "JITL Desktop settings",
        "PayloadEnabled": True,
        "PayloadContent": {
            MAC_BUNDLE: {"Forced": [{"mcx_preference_settings": forced_example()}]},
        },
    }
    profile = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": PROFILE_ID,
        "PayloadUUID": payload_uuid(PROFILE_ID),
        "PayloadDisplayName": "JITL Desktop (example)",
        "PayloadDescription": "Example: organisation content folder, no starter content, "
                              "no history. Users cannot change these settings. "
                              "Generated by tools/make_policy_templates.py.",
        "PayloadOrganization": "JITL",
        "PayloadScope": "System",
        "PayloadRemovalDisallowed": False,
        "PayloadContent": [preferences],
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=True)


# --- entry points -----------------------------------------------------------------------

def render() -> dict[Path, bytes]:
    """Every template (path relative to the output folder → content)."""
    return {ADMX: admx(), ADML: adml(), MOBILECONFIG: mobileconfig()}


def generate(out_dir: Path) -> list[Path]:
    """Write every template under ``out_dir``; return the paths written."""
    written = []
    for relative, data in render().items():
        path = Path(out_dir) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", type=Path, default=ROOT / "installer",
                        help="where to write (default: installer/ of this checkout)")
    args = parser.parse_args(argv)
    for path in generate(args.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
