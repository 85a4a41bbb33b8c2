"""Deployment files: the generated policy templates are current and say what the policy
reader reads, and the installer definitions write what the program reads.

What Linux cannot run (Group Policy, msiexec, WiX, pkgbuild, an MDM) is checked here by
applying each file's own semantics to the stand-in stores the policy reader takes: the
values a policy writes are read back through ``core.policy`` into the settings.
"""

from __future__ import annotations

import importlib.util
import os
import plistlib
import re
import shutil
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from jitl_desktop.core import policy
from jitl_desktop.core import settings as settings_mod
from jitl_desktop.core.policy import load_settings, read_macos, read_windows
from jitl_desktop.core.settings import BY_KEY, TABLE, Setting, coerce
from jitl_desktop.platform.autostart import (
    DISPLAY_NAME,
    LaunchAgentAutostart,
    WindowsAutostart,
)
from tests.helpers import FakeRegistry

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
ADMX_FILE = INSTALLER / "windows" / "policy" / "jitl-desktop.admx"
ADML_FILE = INSTALLER / "windows" / "policy" / "en-US" / "jitl-desktop.adml"
MOBILECONFIG = INSTALLER / "macos" / "org.jitl.desktop.mobileconfig"
LAUNCH_AGENT = INSTALLER / "macos" / "org.jitl.desktop.plist"
BUILD_PKG = INSTALLER / "macos" / "build-pkg.sh"
WXS = INSTALLER / "windows" / "jitl-desktop.wxs"

PD = "{http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions}"
WIX = "{http://wixtoolset.org/schemas/v4/wxs}"
RECOMMENDED_KEY = policy.WINDOWS_KEY + "\\Recommended"
#: an XML NCName (ASCII is enough here) and what ADMX allows in names and ids
NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*")
ADMX_NAME = re.compile(r"\w+")
STRING_REF = re.compile(r"\$\(string\.(\w+)\)")
PRESENTATION_REF = re.compile(r"\$\(presentation\.(\w+)\)")
MAC_EXECUTABLE = "/Applications/JITL Desktop.app/Contents/MacOS/jitl-desktop"
INSTALLED_EXE = r"C:\Program Files\JITL Desktop\jitl-desktop.exe"


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_policy_templates", ROOT / "tools" / "make_policy_templates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def lockable() -> list[Setting]:
    return [s for s in TABLE if s.lockable]


def recommendable() -> list[Setting]:
    return [s for s in TABLE if s.lockable and not s.policy_only]


def parse(data: bytes | Path) -> ET.Element:
    return ET.fromstring(data if isinstance(data, bytes) else data.read_bytes())


def policies(admx: ET.Element) -> dict[str, ET.Element]:
    found: dict[str, ET.Element] = {}
    for p in admx.iter(f"{PD}policy"):
        assert p.get("name") not in found, f"policy {p.get('name')} twice"
        found[p.get("name", "")] = p
    return found


def category(p: ET.Element) -> str:
    parent = p.find(f"{PD}parentCategory")
    assert parent is not None, p.get("name")
    return parent.get("ref", "")


def elements(p: ET.Element) -> list[ET.Element]:
    found = p.find(f"{PD}elements")
    return [] if found is None else list(found)


def value_name(p: ET.Element) -> str | None:
    """The registry value a policy writes (its own valueName or its one element's)."""
    names = {p.get("valueName")} - {None} | {e.get("valueName") for e in elements(p)}
    assert len(names) == 1, (p.get("name"), names)
    return names.pop()


def strings(adml: ET.Element) -> dict[str, str]:
    table = adml.find(f"{PD}resources/{PD}stringTable")
    assert table is not None
    found: dict[str, str] = {}
    for s in table:
        assert s.get("id") not in found, f"string {s.get('id')} twice"
        found[s.get("id", "")] = s.text or ""
    return found


def presentations(adml: ET.Element) -> dict[str, ET.Element]:
    table = adml.find(f"{PD}resources/{PD}presentationTable")
    assert table is not None
    found: dict[str, ET.Element] = {}
    for p in table:
        assert p.get("id") not in found, f"presentation {p.get('id')} twice"
        found[p.get("id", "")] = p
    return found


def sample(setting: Setting) -> Any:
    """A valid value of the setting that is not its default."""
    if setting.kind == "bool":
        return not setting.default
    if setting.kind == "choice":
        return next(c for c in reversed(setting.choices) if c != setting.default)
    if setting.kind == "combo":
        return "Ctrl+Shift+K"
    if setting.kind == "folders":
        return ["\\\\srv\\howto", "D:\\docs"]
    if setting.kind == "text":
        return "de-AT" if setting.key == "language" else "https://lrs.example.com/xAPI/"
    if setting.kind == "int":
        return setting.limits[0]
    if setting.kind == "names":
        return ["security", "office"]
    raise AssertionError(f"no sample for kind {setting.kind}")


def apply_policy(reg: FakeRegistry, hive: str, p: ET.Element, value: Any) -> None:
    """What Group Policy writes for ``p`` enabled with ``value`` (disabled for False)."""
    key = p.get("key", "")
    if p.find(f"{PD}enabledValue") is not None:
        chosen = p.find(f"{PD}{'enabledValue' if value else 'disabledValue'}/{PD}decimal")
        assert chosen is not None, p.get("name")
        reg.set(hive, key, p.get("valueName", ""), int(chosen.get("value", "")), reg.REG_DWORD)
        return
    for element in elements(p):
        tag = element.tag.removeprefix(PD)
        where, name = element.get("key", key), element.get("valueName", "")
        if tag == "enum":
            items = [i.findtext(f"{PD}value/{PD}string") for i in element.findall(f"{PD}item")]
            assert value in items, (p.get("name"), value, items)
            reg.set(hive, where, name, value, reg.REG_SZ)
        elif tag == "text":
            kind = reg.REG_EXPAND_SZ if element.get("expandable") == "true" else reg.REG_SZ
            reg.set(hive, where, name, value, kind)
        elif tag == "multiText":
            reg.set(hive, where, name, list(value), reg.REG_MULTI_SZ)
        elif tag == "decimal":
            assert int(element.get("minValue", "0")) <= value <= int(element.get("maxValue"))
            reg.set(hive, where, name, value, reg.REG_DWORD)
        else:
            raise AssertionError(f"{p.get('name')}: <{tag}> does not write what the "
                                 "policy reader reads")


# --- the generated templates ---------------------------------------------------------------

def test_committed_templates_are_what_the_settings_table_makes(tool, tmp_path):
    written = tool.generate(tmp_path)
    relative = sorted(str(p.relative_to(tmp_path)) for p in written)
    assert relative == sorted([
        "windows/policy/jitl-desktop.admx", "windows/policy/en-US/jitl-desktop.adml",
        "macos/org.jitl.desktop.mobileconfig"])
    for path in written:
        committed = INSTALLER / path.relative_to(tmp_path)
        assert committed.is_file(), f"{committed} missing: run tools/make_policy_templates.py"
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} is out of date: run python tools/make_policy_templates.py")


def test_the_command_line_writes_into_the_folder_given(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "make_policy_templates.py"),
                           str(tmp_path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "windows" / "policy" / "jitl-desktop.admx").read_bytes() == \
        ADMX_FILE.read_bytes()


def test_admx_declares_what_the_schema_requires():
    admx = parse(ADMX_FILE)
    assert admx.tag == f"{PD}policyDefinitions"
    assert admx.get("revision") == "1.0" and admx.get("schemaVersion") == "1.0"
    assert [c.tag.removeprefix(PD) for c in admx] == [
        "policyNamespaces", "resources", "supportedOn", "categories", "policies"]
    target = admx.find(f"{PD}policyNamespaces/{PD}target")
    assert target is not None and ADMX_NAME.fullmatch(target.get("prefix", ""))
    assert target.get("namespace") == "JITL.Policies.JITLDesktop"
    resources = admx.find(f"{PD}resources")
    assert resources is not None and resources.get("minRequiredRevision") == "1.0"
    adml = parse(ADML_FILE)
    assert adml.tag == f"{PD}policyDefinitionResources"
    assert adml.get("revision") == "1.0"  # >= the ADMX's minRequiredRevision
    assert [c.tag.removeprefix(PD) for c in adml] == ["displayName", "description",
                                                      "resources"]


def test_every_reference_of_the_admx_resolves():
    admx, adml = parse(ADMX_FILE), parse(ADML_FILE)
    table, shown = strings(adml), presentations(adml)
    used = set(STRING_REF.findall(ADMX_FILE.read_text(encoding="utf-8")))
    assert used - set(table) == set(), "string ids missing from the ADML"
    assert set(table) - used == set(), "ADML strings no policy uses"
    categories = {c.get("name") for c in admx.iter(f"{PD}category")}
    supported = {d.get("name") for d in admx.iter(f"{PD}definition")}
    assert categories == {"JITLDesktop", "JITLDesktop_Recommended"}
    for name, p in policies(admx).items():
        for attr in ("displayName", "explainText"):
            ref = STRING_REF.fullmatch(p.get(attr, ""))
            assert ref and ref.group(1) in table, (name, attr)
        assert category(p) in categories
        ref_on = p.find(f"{PD}supportedOn")
        assert ref_on is not None and ref_on.get("ref") in supported
        ids = {e.get("id") for e in elements(p)}
        if p.get("presentation") is None:
            assert not ids, f"{name} has elements but no presentation"
            continue
        pres = PRESENTATION_REF.fullmatch(p.get("presentation", ""))
        assert pres and pres.group(1) in shown, name
        assert {c.get("refId") for c in shown[pres.group(1)]} == ids, name


def test_ids_are_ncnames_admx_names_and_unique():
    admx, adml = parse(ADMX_FILE), parse(ADML_FILE)
    names = [p.get("name", "") for p in admx.iter(f"{PD}policy")]
    names += [c.get("name", "") for c in admx.iter(f"{PD}category")]
    names += [d.get("name", "") for d in admx.iter(f"{PD}definition")]
    names += list(strings(adml)) + list(presentations(adml))
    element_ids = [e.get("id", "") for p in admx.iter(f"{PD}policy") for e in elements(p)]
    for name in names + element_ids:
        assert NCNAME.fullmatch(name) and ADMX_NAME.fullmatch(name), name
    policy_names = [p.get("name") for p in admx.iter(f"{PD}policy")]
    assert len(policy_names) == len(set(policy_names))


def test_every_lockable_setting_is_a_locking_and_a_recommended_policy():
    found = policies(parse(ADMX_FILE))
    locking = {value_name(p): p for p in found.values() if category(p) == "JITLDesktop"}
    preset = {value_name(p): p for p in found.values()
              if category(p) == "JITLDesktop_Recommended"}
    assert set(locking) == {s.key for s in lockable()}
    # settings only an administrator sets cannot be changed by users: no preset for them
    assert set(preset) == {s.key for s in recommendable()}
    for key, p in locking.items():
        assert p.get("key") == policy.WINDOWS_KEY, key
        assert p.get("class") == "Both", key
    for key, p in preset.items():
        assert p.get("key") == RECOMMENDED_KEY, key
        assert p.get("class") == "Both", key
    for p in found.values():
        assert all(e.get("key") in (None, p.get("key")) for e in elements(p))


def test_each_kind_writes_the_registry_type_the_reader_reads():
    found = policies(parse(ADMX_FILE))
    for setting in lockable():
        variants = [found[setting.key]]
        if not setting.policy_only:
            variants.append(found[setting.key + "_recommended"])
        for p in variants:
            kinds = [e.tag.removeprefix(PD) for e in elements(p)]
            if setting.kind == "bool":
                assert kinds == [] and p.get("valueName") == setting.key
                assert p.find(f"{PD}enabledValue/{PD}decimal").get("value") == "1"
                assert p.find(f"{PD}disabledValue/{PD}decimal").get("value") == "0"
            elif setting.kind == "choice":
                assert kinds == ["enum"]
                items = elements(p)[0].findall(f"{PD}item")
                assert [i.findtext(f"{PD}value/{PD}string") for i in items] == \
                    list(setting.choices)
            elif setting.kind in ("combo", "text"):
                assert kinds == ["text"]
            elif setting.kind in ("folders", "names"):
                assert kinds == ["multiText"]  # one REG_MULTI_SZ, not a value per folder
            elif setting.kind == "int":
                assert kinds == ["decimal"]  # a REG_DWORD
            else:
                raise AssertionError(f"{setting.key}: kind {setting.kind} not covered")


def test_values_group_policy_writes_are_read_back_as_the_settings(tmp_path):
    found = policies(parse(ADMX_FILE))
    machine, user = FakeRegistry(), FakeRegistry()
    for setting in lockable():
        apply_policy(machine, "HKLM", found[setting.key], sample(setting))
    for setting in recommendable():
        apply_policy(user, "HKCU", found[setting.key + "_recommended"], sample(setting))
    locked = load_settings(tmp_path / "a", read_windows(machine))
    preset = load_settings(tmp_path / "b", read_windows(user))
    assert locked.warnings == [] and preset.warnings == []
    for setting in lockable():
        assert locked.get(setting.key) == coerce(setting, sample(setting)), setting.key
        assert locked.get(setting.key) != setting.default, setting.key
        assert locked.locked(setting.key), setting.key
        assert locked.source(setting.key) == f"HKEY_LOCAL_MACHINE\\{policy.WINDOWS_KEY}"
    for setting in recommendable():
        assert preset.get(setting.key) == coerce(setting, sample(setting)), setting.key
        assert not preset.locked(setting.key), setting.key
        assert preset.source(setting.key) == f"HKEY_CURRENT_USER\\{RECOMMENDED_KEY}"


def test_explanations_say_who_may_change_the_setting():
    table = strings(parse(ADML_FILE))
    for setting in lockable():
        assert table[setting.key] == setting.label
        assert table[f"{setting.key}_help"].startswith(setting.description)
        assert "managed by your organisation" in table[f"{setting.key}_help"]
    for setting in recommendable():
        assert "users can change it" in table[f"{setting.key}_recommended_help"]


def test_a_new_setting_gets_its_policies_and_a_private_one_none(tool, monkeypatch):
    extra = (Setting("density", "choice", "cosy", "Density", "How much fits in a window.",
                     choices=("cosy", "compact")),
             Setting("secret", "bool", False, "Secret", "Not for policies.", lockable=False))
    monkeypatch.setattr(settings_mod, "TABLE", (*TABLE, *extra))
    admx, adml = parse(tool.admx()), parse(tool.adml())
    found = policies(admx)
    assert found["density"].get("key") == policy.WINDOWS_KEY
    assert found["density_recommended"].get("key") == RECOMMENDED_KEY
    assert not {"secret", "secret_recommended"} & set(found)
    table = strings(adml)
    assert table["density"] == "Density" and table["density_compact"] == "Compact"
    assert "density" in presentations(adml)


def test_a_setting_kind_without_a_policy_type_stops_the_generator(tool, monkeypatch):
    odd = Setting("size", "number", 3, "Size", "A number.")
    monkeypatch.setattr(settings_mod, "TABLE", (*TABLE, odd))
    with pytest.raises(ValueError, match="size"):
        tool.admx()
    bad = replace(BY_KEY["theme"], key="the-theme")
    monkeypatch.setattr(settings_mod, "TABLE", (bad,))
    with pytest.raises(ValueError, match="the-theme"):
        tool.admx()


@pytest.mark.skipif(shutil.which("xmllint") is None or not os.environ.get(
    "JITL_ADMX_SCHEMA_DIR"), reason="needs xmllint and JITL_ADMX_SCHEMA_DIR: a folder with "
    "Microsoft's ADMX schema (PolicyDefinitionFiles.xsd, PolicyDefinitions.xsd, "
    "BaseTypes.xsd), which cannot be downloaded here")
def test_templates_validate_against_the_admx_schema(tmp_path):
    for xsd in Path(os.environ["JITL_ADMX_SCHEMA_DIR"]).glob("*.xsd"):
        # Microsoft's patterns escape "$", which XML Schema (and libxml2) do not allow
        text = xsd.read_text(encoding="utf-8").replace("\\$", "[$]")
        (tmp_path / xsd.name).write_text(text, encoding="utf-8")
    done = subprocess.run(["xmllint", "--noout", "--schema",
                           str(tmp_path / "PolicyDefinitionFiles.xsd"),
                           str(ADMX_FILE), str(ADML_FILE)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# --- macOS ----------------------------------------------------------------------------------

def test_mobileconfig_is_a_configuration_profile_forcing_valid_settings(tmp_path):
    with MOBILECONFIG.open("rb") as f:
        profile = plistlib.load(f)
    assert plistlib.loads(plistlib.dumps(profile)) == profile
    for key in ("PayloadDisplayName", "PayloadIdentifier", "PayloadUUID"):
        assert isinstance(profile[key], str) and profile[key], key
    assert profile["PayloadType"] == "Configuration"
    assert profile["PayloadVersion"] == 1
    assert profile["PayloadScope"] == "System"
    [payload] = profile["PayloadContent"]
    assert payload["PayloadType"] == "com.apple.ManagedClient.preferences"
    assert payload["PayloadVersion"] == 1
    for key in ("PayloadDisplayName", "PayloadIdentifier", "PayloadUUID"):
        assert isinstance(payload[key], str) and payload[key], key
    assert payload["PayloadIdentifier"].startswith(profile["PayloadIdentifier"] + ".")
    uuids = {profile["PayloadUUID"], payload["PayloadUUID"]}
    assert len(uuids) == 2 and all(uuid.UUID(u) for u in uuids)
    assert set(payload["PayloadContent"]) == {policy.MAC_BUNDLE}
    [forced] = payload["PayloadContent"][policy.MAC_BUNDLE]["Forced"]
    settings = forced["mcx_preference_settings"]
    assert settings
    for key, value in settings.items():
        assert BY_KEY[key].lockable, key
        coerce(BY_KEY[key], value)  # raises for a value the program would drop
    # macOS writes the forced settings as managed preferences, which lock
    managed = tmp_path / "Library" / "Managed Preferences"
    managed.mkdir(parents=True)
    with (managed / f"{policy.MAC_BUNDLE}.plist").open("wb") as f:
        plistlib.dump(settings, f)
    read = load_settings(tmp_path / "config", read_macos(tmp_path, user="ann"))
    assert read.warnings == []
    for key, value in settings.items():
        assert read.get(key) == coerce(BY_KEY[key], value) and read.locked(key), key


def test_launch_agent_is_the_one_the_program_writes_for_the_installed_app():
    with LAUNCH_AGENT.open("rb") as f:
        agent = plistlib.load(f)
    assert agent["Label"] == LaunchAgentAutostart.LABEL == policy.MAC_BUNDLE
    assert agent["RunAtLoad"] is True
    assert agent["LimitLoadToSessionType"] == "Aqua"
    assert agent["ProgramArguments"] == [MAC_EXECUTABLE]
    assert agent == LaunchAgentAutostart([MAC_EXECUTABLE]).agent()


def test_build_pkg_makes_the_app_and_agent_the_agent_expects():
    script = BUILD_PKG.read_text(encoding="utf-8")
    assert os.access(BUILD_PKG, os.X_OK)
    assert f"BUNDLE_ID={policy.MAC_BUNDLE}" in script
    assert 'APP_NAME="JITL Desktop.app"' in script and "EXECUTABLE=jitl-desktop" in script
    assert "--install-location /Applications" in script
    assert '"$HERE/org.jitl.desktop.plist" "$WORK/agent-root/Library/LaunchAgents/"' in script
    assert "BundleIsRelocatable false" in script
    if shutil.which("bash"):
        done = subprocess.run(["bash", "-n", str(BUILD_PKG)], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, done.stderr


# --- the Windows installer ------------------------------------------------------------------

@pytest.fixture(scope="module")
def wxs() -> ET.Element:
    return parse(WXS)


def registry_values(wxs: ET.Element) -> list[tuple[ET.Element, ET.Element]]:
    """(component, RegistryValue) pairs."""
    return [(c, v) for c in wxs.iter(f"{WIX}Component") for v in c.iter(f"{WIX}RegistryValue")]


def the_value(wxs: ET.Element, root: str, key: str, name: str) -> tuple[ET.Element, ET.Element]:
    found = [(c, v) for c, v in registry_values(wxs)
             if v.get("Root") == root and (v.get("Key") or "").lower() == key.lower()
             and v.get("Name") == name]
    assert len(found) == 1, (root, key, name, found)
    return found[0]


def test_package_is_per_machine_into_program_files(wxs):
    package = wxs.find(f"{WIX}Package")
    assert package is not None and package.get("Scope") == "perMachine"
    assert uuid.UUID(package.get("UpgradeCode", ""))
    assert wxs.find(f".//{WIX}MajorUpgrade") is not None
    folders = {d.get("Id"): d for d in wxs.iter(f"{WIX}StandardDirectory")}
    install = folders["ProgramFiles64Folder"].find(f"{WIX}Directory")
    assert install is not None and install.get("Id") == "INSTALLFOLDER"
    assert install.get("Name") == DISPLAY_NAME


def test_public_properties_are_secure_and_remembered(wxs):
    props = {p.get("Id"): p for p in wxs.iter(f"{WIX}Property")}
    sets = {s.get("Id"): s for s in wxs.iter(f"{WIX}SetProperty")}
    for name in ("CONTENT_SOURCES", "AUTOSTART"):
        assert props[name].get("Secure") == "yes", name
        search = props[f"SAVED_{name}"].find(f"{WIX}RegistrySearch")
        assert search is not None, name
        _, remembered = the_value(wxs, search.get("Root", ""), search.get("Key", ""),
                                  search.get("Name", ""))
        assert name in remembered.get("Value", "") or remembered.get("Value") == "1", name
        assert sets[name].get("Value") == f"[SAVED_{name}]"
        assert f"NOT {name}" in sets[name].get("Condition", ""), name


def test_content_sources_property_writes_the_policy_value_the_reader_reads(wxs, tmp_path):
    component, value = the_value(wxs, "HKLM", policy.WINDOWS_KEY, "content_sources")
    assert BY_KEY["content_sources"].kind == "folders"
    assert value.get("Type") == "string" and value.get("Value") == "[CONTENT_SOURCES]"
    assert component.get("Condition") == "CONTENT_SOURCES"
    assert component.get("Bitness") == "always64"  # the 64-bit program reads the 64-bit view
    # what msiexec ... CONTENT_SOURCES="\\srv\howto;D:\docs" leaves in the registry
    reg = FakeRegistry()
    reg.set("HKLM", value.get("Key", ""), "content_sources", "\\\\srv\\howto;D:\\docs",
            reg.REG_SZ)
    read = load_settings(tmp_path / "config", read_windows(reg))
    assert read.get("content_sources") == ["\\\\srv\\howto", "D:\\docs"]
    assert read.locked("content_sources") and read.warnings == []


def test_only_settings_are_written_under_the_policy_key(wxs):
    for _, value in registry_values(wxs):
        if (value.get("Key") or "").lower().startswith(policy.WINDOWS_KEY.lower()):
            assert value.get("Name") in BY_KEY, value.get("Name")


def test_autostart_writes_the_machine_run_value_for_the_installed_program(wxs):
    component, value = the_value(wxs, "HKLM", WindowsAutostart.RUN_KEY, WindowsAutostart.VALUE)
    assert WindowsAutostart.VALUE == DISPLAY_NAME
    assert component.get("Condition") == 'AUTOSTART = "1"'
    assert component.get("Bitness") == "always64"
    files = {f.get("Id"): f for f in wxs.iter(f"{WIX}File")}
    ref = re.fullmatch(r'"\[#(\w+)\]"', value.get("Value", ""))
    assert ref and ref.group(1) in files
    assert files[ref.group(1)].get("Source", "").endswith("\\$(var.AppExe)")
    assert '<?define AppExe = "jitl-desktop.exe"?>' in WXS.read_text(encoding="utf-8")
    # the same command line the program writes for itself under HKCU
    data = value.get("Value", "").replace(f"[#{ref.group(1)}]", INSTALLED_EXE)
    assert data == WindowsAutostart([INSTALLED_EXE]).command_line()


def test_start_menu_shortcut_and_bundle_files(wxs):
    [shortcut] = list(wxs.iter(f"{WIX}Shortcut"))
    assert shortcut.get("Target") == "[#JitlDesktopExe]"
    assert shortcut.get("Name") == DISPLAY_NAME
    component = next(c for c in wxs.iter(f"{WIX}Component")
                     if shortcut in list(c.iter(f"{WIX}Shortcut")))
    assert component.get("Directory") == "ProgramMenuFolder"
    [files] = list(wxs.iter(f"{WIX}Files"))
    assert files.get("Include") == "!(bindpath.AppDir)\\**"
    [exclude] = list(files.iter(f"{WIX}Exclude"))
    assert exclude.get("Files") == "!(bindpath.AppDir)\\$(var.AppExe)"
    # every component is in the feature, so uninstall removes what install wrote
    feature = wxs.find(f".//{WIX}Feature")
    assert feature is not None
    referenced = {r.get("Id") for r in feature.iter(f"{WIX}ComponentRef")}
    groups = {r.get("Id") for r in feature.iter(f"{WIX}ComponentGroupRef")}
    for c in wxs.iter(f"{WIX}Component"):
        in_group = any(c in list(g) for g in wxs.iter(f"{WIX}ComponentGroup")
                       if g.get("Id") in groups)
        assert c.get("Id") in referenced or in_group, c.get("Id")


def test_windows_readme_documents_the_properties_and_policy_folders():
    text = (INSTALLER / "windows" / "README.md").read_text(encoding="utf-8")
    for needed in ("msiexec /i", "/qn", "CONTENT_SOURCES=", "AUTOSTART=1", "msiexec /x",
                   "wix build", "-arch x64", "PolicyDefinitions", "SYSVOL",
                   "dotnet tool install --global wix --version 5.0.2"):
        assert needed in text, needed
