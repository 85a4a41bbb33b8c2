"""Publishing packs: a TUF repository in a folder, kept with python-tuf's ``Repository``.

Keys are Ed25519, one PEM file per key in the keys folder, named ``ROLE-KEYID16.pem``
(private, 0600). Only the keys of the roles an operation signs must be there: ``add``,
``remove`` and ``refresh`` need targets, snapshot and timestamp; ``rotate-key`` needs
root's. Expiries are kept in ``publish.json`` beside ``metadata/``.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner, Signer
from tuf.api.metadata import (
    Key,
    Metadata,
    MetaFile,
    Role,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer
from tuf.repository import Repository

from jitl_desktop.core.files import write_atomic
from jitl_desktop.core.packs import CUSTOM_KEY, PackError, check_name
from jitl_desktop.core.packs.archive import write_archive

ROLES = ("root", "targets", "snapshot", "timestamp")
ONLINE = ("targets", "snapshot", "timestamp")
DAY = 86_400
DEFAULT_EXPIRY = {"root": 365 * DAY, "targets": 90 * DAY, "snapshot": 30 * DAY,
                  "timestamp": DAY}
CONFIG = "publish.json"
_DURATION = re.compile(r"(\d+)([smhd])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": DAY}


def parse_duration(text: str) -> int:
    """``30d``, ``12h``, ``90m``, ``5s`` → seconds."""
    found = _DURATION.fullmatch(text.strip())
    if not found or int(found.group(1)) == 0:
        raise PackError(f"duration {text!r}: write a number and a unit, such as 365d, "
                        "24h, 90m or 30s")
    return int(found.group(1)) * _UNITS[found.group(2)]


def parse_expiries(given: list[str]) -> dict[str, int]:
    """``ROLE=DURATION`` options → seconds per role (the defaults for the others)."""
    expiry = dict(DEFAULT_EXPIRY)
    for option in given:
        role, _, value = option.partition("=")
        if role not in ROLES:
            raise PackError(f"--expires {option!r}: the role must be one of "
                            f"{', '.join(ROLES)}")
        expiry[role] = parse_duration(value)
    return expiry


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@dataclass
class PackInfo:
    name: str
    version: str
    target: str
    length: int
    sha256: str
    items: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "target": self.target,
                "length": self.length, "sha256": self.sha256, "items": self.items}


class PackRepository(Repository):
    """A TUF repository in ``repo_dir`` signed with the keys in ``keys_dir``."""

    def __init__(self, repo_dir: Path, keys_dir: Path | None = None) -> None:
        self.repo_dir = repo_dir.absolute()
        self.keys_dir = (keys_dir or default_keys_dir(repo_dir)).absolute()
        self.metadata_dir = self.repo_dir / "metadata"
        self.targets_dir = self.repo_dir / "targets"
        self.expiry = dict(DEFAULT_EXPIRY)
        self._new: set[str] = set()
        self._previous_root: Root | None = None
        config = self.repo_dir / CONFIG
        if config.is_file():
            data = json.loads(config.read_text(encoding="utf-8"))
            self.expiry.update({k: int(v) for k, v in data.get("expiry", {}).items()})

    # --- the Repository interface -----------------------------------------------------

    def open(self, role: str) -> Metadata[Any]:
        path = self.metadata_dir / f"{role}.json"
        if not path.is_file():
            if role == "root" or not self._new_allowed:
                raise PackError(f"{path} not found: is {self.repo_dir} a repository made "
                                "by 'jitl-desktop pack init'?")
            self._new.add(role)
            signed = {"targets": Targets, "snapshot": Snapshot, "timestamp": Timestamp}[role]
            return Metadata(signed())
        try:
            md = Metadata.from_file(str(path))
        except Exception as exc:
            raise PackError(f"{path}: not valid TUF metadata ({exc})") from exc
        if role == "root":
            assert isinstance(md.signed, Root)
            self._previous_root = copy.deepcopy(md.signed)
        return md

    _new_allowed = False

    def close(self, role: str, md: Metadata[Any]) -> None:
        if role in self._new:
            self._new.discard(role)
        else:
            md.signed.version += 1
        md.signed.expires = _now() + dt.timedelta(seconds=self.expiry[role])
        md.signatures.clear()
        signers = self._signers(role, md)
        for signer in signers:
            md.sign(signer, append=True)
        self._check_threshold(role, md)
        data = md.to_bytes(JSONSerializer(compact=False))
        if role == "root":
            write_atomic(self.metadata_dir / f"{md.signed.version}.root.json", data,
                         mode=0o644)
        write_atomic(self.metadata_dir / f"{role}.json", data, mode=0o644)

    @property
    def targets_infos(self) -> dict[str, MetaFile]:
        return {"targets.json": MetaFile(self.targets().version)}

    @property
    def snapshot_info(self) -> MetaFile:
        data = (self.metadata_dir / "snapshot.json").read_bytes()
        return MetaFile(self.snapshot().version, length=len(data),
                        hashes={"sha256": hashlib.sha256(data).hexdigest()})

    # --- keys --------------------------------------------------------------------------

    def _key_file(self, role: str, keyid: str) -> Path:
        return self.keys_dir / f"{role}-{keyid[:16]}.pem"

    def _signers(self, role: str, md: Metadata[Any]) -> list[Signer]:
        """Every key of ``role`` found in the keys folder; for root, the keys of the
        previous root too (a new root is signed by the old one and itself)."""
        roots = [md.signed] if role == "root" else [self.root()]
        if role == "root" and self._previous_root is not None:
            roots.append(self._previous_root)
        signers: dict[str, Signer] = {}
        for root in roots:
            assert isinstance(root, Root)
            for keyid in root.roles[role].keyids:
                path = self._key_file(role, keyid)
                if keyid in signers or not path.is_file():
                    continue
                private = load_pem_private_key(path.read_bytes(), None)
                signers[keyid] = CryptoSigner(private, root.get_key(keyid))  # type: ignore[arg-type]
        return list(signers.values())

    def _check_threshold(self, role: str, md: Metadata[Any]) -> None:
        roots: list[Root] = []
        if role == "root":
            assert isinstance(md.signed, Root)
            roots.append(md.signed)
            if self._previous_root is not None:
                roots.append(self._previous_root)
        else:
            roots.append(self.root())
        for root in roots:
            threshold = root.roles[role].threshold
            signed = sum(1 for k in root.roles[role].keyids if k in md.signatures)
            if signed < threshold:
                raise PackError(f"{role} needs {threshold} signature(s) but only {signed} "
                                f"of its keys are in {self.keys_dir}; bring the "
                                f"{role} keys (files {role}-*.pem) and try again")

    def new_key(self, role: str) -> Key:
        signer = CryptoSigner.generate_ed25519()
        key = signer.public_key
        write_atomic(self._key_file(role, key.keyid), signer.private_bytes, mode=0o600)
        return key

    # --- operations --------------------------------------------------------------------

    def init(self, *, expiry: dict[str, int], root_keys: int = 1,
             root_threshold: int = 1) -> None:
        if (self.metadata_dir / "root.json").exists():
            raise PackError(f"{self.repo_dir} is a repository already")
        if not 1 <= root_threshold <= root_keys:
            raise PackError(f"--root-threshold {root_threshold}: it must be between 1 and "
                            f"the number of root keys ({root_keys})")
        if self.keys_dir.is_relative_to(self.repo_dir):
            raise PackError(f"the keys folder {self.keys_dir} is inside the repository, "
                            "which is served to everyone; choose another with --keys")
        self.keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        self.targets_dir.mkdir(parents=True, exist_ok=True)
        for folder in (self.repo_dir, self.metadata_dir, self.targets_dir):
            os.chmod(folder, 0o755)  # served: readable by the web server
        self.expiry = expiry
        write_atomic(self.repo_dir / CONFIG, json.dumps({"expiry": expiry}, indent=2) + "\n",
                     mode=0o644)
        root = Root(consistent_snapshot=False)
        for role in ROLES:
            keys = root_keys if role == "root" else 1
            root.roles[role] = Role([], root_threshold if role == "root" else 1)
            for _ in range(keys):
                root.add_key(self.new_key(role), role)
        self._new.add("root")
        self.close("root", Metadata(root))
        self._new_allowed = True
        with self.edit_targets():
            pass
        self.do_snapshot(force=True)
        self.do_timestamp(force=True)

    def add(self, name: str, folder: Path, *, version: str | None = None) -> PackInfo:
        check_name(name)
        current = self.packs().get(name)
        version = version or str(int(current.version) + 1 if current and
                                 current.version.isdigit() else 1)
        if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.+~-]{0,31}", version):
            raise PackError(f"--version {version!r}: letters, digits, '.', '+', '~', '-'")
        if current is not None and current.version == version:
            raise PackError(f"{name} {version} is published already; give another "
                            "--version")
        target = f"{name}-{version}.tar.gz"
        self.targets_dir.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target}.", dir=self.targets_dir)
        os.close(fd)
        try:
            items = sum(1 for n in write_archive(folder, Path(tmp)) if n.endswith(".md"))
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.targets_dir / target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        info = TargetFile.from_file(target, str(self.targets_dir / target), ["sha256"])
        info.unrecognized_fields["custom"] = {
            CUSTOM_KEY: {"pack": name, "version": version, "items": items}}
        with self.edit_targets() as targets:
            targets.targets = {p: t for p, t in targets.targets.items()
                               if _pack_of(t) != name}
            targets.targets[target] = info
        self._publish()
        if current is not None:
            self._drop_old(name, keep={target, current.target})
        return self.packs()[name]

    def remove(self, name: str) -> PackInfo:
        current = self.packs().get(name)
        if current is None:
            raise PackError(f"there is no pack {name!r} in {self.repo_dir} (see 'pack list')")
        with self.edit_targets() as targets:
            targets.targets = {p: t for p, t in targets.targets.items()
                               if _pack_of(t) != name}
        self._publish()
        self._drop_old(name, keep=set())
        return current

    def refresh(self) -> list[str]:
        """Re-sign the timestamp, and any online role within half its lifetime of
        expiring; return what was signed (and a warning when root expires soon)."""
        done: list[str] = []
        now = _now()
        for role in ("targets", "snapshot"):
            md = self.open(role)
            if md.signed.expires - now < dt.timedelta(seconds=self.expiry[role] / 2):
                if role == "targets":
                    with self.edit_targets():
                        pass
                else:
                    self.do_snapshot(force=True)
                done.append(role)
        if "targets" in done and "snapshot" not in done:
            self.do_snapshot()
            done.append("snapshot")
        self.do_timestamp(force=True)
        done.append("timestamp")
        left = self.root().expires - now
        if left < dt.timedelta(days=30):
            done.append(f"warning: root expires in {left.days} days; renew it with "
                        "'pack rotate-key REPO root' (needs the root keys)")
        return done

    def rotate_key(self, role: str) -> str:
        """A new key for ``role`` in place of its current ones (root signed by the old
        root keys and the new); the role's metadata is signed again with the new key."""
        if role not in ROLES:
            raise PackError(f"role {role!r}: one of {', '.join(ROLES)}")
        retired = self.keys_dir / "retired"
        with self.edit_root() as root:
            old = list(root.roles[role].keyids)
            threshold = root.roles[role].threshold
            new = [self.new_key(role) for _ in range(max(threshold, 1))]
            for keyid in old:
                root.revoke_key(keyid, role)
            for key in new:
                root.add_key(key, role)
        retired.mkdir(exist_ok=True, mode=0o700)
        for keyid in old:
            path = self._key_file(role, keyid)
            if path.exists():
                shutil.move(path, retired / path.name)
        if role == "targets":
            with self.edit_targets():
                pass
        if role in ("targets", "snapshot"):
            self.do_snapshot(force=True)
        if role != "root":
            self.do_timestamp(force=True)
        return ", ".join(k.keyid[:16] for k in new)

    def _publish(self) -> None:
        self.do_snapshot()
        self.do_timestamp()

    def _drop_old(self, name: str, keep: set[str]) -> None:
        for path in self.targets_dir.glob(f"{name}-*.tar.gz"):
            if path.name not in keep and _name_of_target(path.name) == name:
                path.unlink(missing_ok=True)

    # --- reading -----------------------------------------------------------------------

    def packs(self) -> dict[str, PackInfo]:
        found: dict[str, PackInfo] = {}
        for path, info in self.targets().targets.items():
            custom = info.unrecognized_fields.get("custom", {}).get(CUSTOM_KEY, {})
            name = custom.get("pack")
            if isinstance(name, str):
                found[name] = PackInfo(name, str(custom.get("version", "")), path,
                                       info.length, info.hashes.get("sha256", ""),
                                       int(custom.get("items", 0)))
        return found

    def expiries(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for role in ROLES:
            signed = self.open(role).signed
            out[role] = {"version": signed.version,
                         "expires": signed.expires.strftime("%Y-%m-%dT%H:%M:%SZ")}
        return out


def default_keys_dir(repo_dir: Path) -> Path:
    """``REPO.keys`` beside the repository folder (never inside it: that is served)."""
    repo = repo_dir.absolute()
    return repo.with_name(repo.name + ".keys")


def _pack_of(info: TargetFile) -> str | None:
    custom = info.unrecognized_fields.get("custom", {}).get(CUSTOM_KEY, {})
    name = custom.get("pack") if isinstance(custom, dict) else None
    return name if isinstance(name, str) else None


def _name_of_target(filename: str) -> str:
    return filename.removesuffix(".tar.gz").rsplit("-", 1)[0]


@contextmanager
def opened(repo_dir: Path, keys_dir: Path | None) -> Iterator[PackRepository]:
    if not (repo_dir / "metadata" / "root.json").is_file():
        raise PackError(f"{repo_dir} is not a pack repository (no metadata/root.json); "
                        "make one with 'jitl-desktop pack init'")
    yield PackRepository(repo_dir, keys_dir)
