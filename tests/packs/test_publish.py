"""``jitl-desktop pack``: the repository layout, reproducible archives, lint, keys."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile

import pytest

from jitl_desktop.core.packs import UpdateError
from jitl_desktop.core.packs.archive import Limits, extract, write_archive
from tests.packs.conftest import ITEMS, Site, run


def test_the_repository_is_tuf_s_usual_layout(site: Site):
    metadata = sorted(p.name for p in (site.repo / "metadata").iterdir())
    assert metadata == ["1.root.json", "root.json", "snapshot.json", "targets.json",
                        "timestamp.json"]
    assert [p.name for p in (site.repo / "targets").iterdir()] == ["docs-1.tar.gz"]
    assert sorted(p.name.split("-")[0] for p in site.keys.iterdir()) == [
        "root", "snapshot", "targets", "timestamp"]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in site.keys.iterdir())
    code, out, _ = run("pack", "list", str(site.repo), "--json")
    listed = json.loads(out)
    assert code == 0 and listed["packs"][0]["name"] == "docs"
    assert listed["packs"][0]["items"] == 3
    expires = {role: value["expires"] for role, value in listed["metadata"].items()}
    assert expires["timestamp"] < expires["snapshot"] < expires["targets"] < expires["root"]


def test_archives_are_reproducible(site: Site, tmp_path):
    folder = site.content(ITEMS, "again")
    write_archive(folder, tmp_path / "a.tar.gz")
    (folder / "common" / "tar.md").touch()  # a new time changes nothing
    write_archive(folder, tmp_path / "b.tar.gz")
    digest = [hashlib.sha256((tmp_path / n).read_bytes()).hexdigest()
              for n in ("a.tar.gz", "b.tar.gz")]
    assert digest[0] == digest[1]
    with tarfile.open(tmp_path / "a.tar.gz") as tar:
        members = tar.getmembers()
    assert [m.name for m in members] == sorted(ITEMS)
    assert {(m.mtime, m.uid, m.gid, m.uname, m.gname) for m in members} == {
        (946684800, 0, 0, "", "")}


def test_add_refuses_content_with_errors(site: Site):
    bad = site.content({"broken.md": "---\nkind: nonsense\n---\n# Broken\n"}, "bad")
    code, _, err = run("pack", "add", str(site.repo), "bad", str(bad), "--keys",
                       str(site.keys))
    assert code != 0 and "broken.md" in err and "fix them and add the pack again" in err
    assert not (site.repo / "targets" / "bad-1.tar.gz").exists()


def test_publishing_needs_the_online_keys(site: Site):
    (site.keys / next(p.name for p in site.keys.iterdir()
                      if p.name.startswith("targets"))).unlink()
    code, _, err = run("pack", "add", str(site.repo), "docs", str(site.content(ITEMS)),
                       "--keys", str(site.keys))
    assert code != 0 and "targets needs 1 signature(s) but only 0" in err


def test_a_root_threshold_needs_that_many_root_keys(tmp_path):
    keys = tmp_path / "keys"
    code, _, err = run("pack", "init", str(tmp_path / "r"), "--keys", str(keys),
                       "--root-keys", "3", "--root-threshold", "2")
    assert code == 0, err
    root_keys = sorted(keys.glob("root-*.pem"))
    assert len(root_keys) == 3
    for extra in root_keys[1:]:
        extra.rename(tmp_path / extra.name)  # offline
    code, _, err = run("pack", "rotate-key", str(tmp_path / "r"), "timestamp", "--keys",
                       str(keys))
    assert code != 0 and "root needs 2 signature(s)" in err


def test_the_keys_are_never_inside_the_repository(tmp_path):
    code, _, err = run("pack", "init", str(tmp_path / "r"), "--keys",
                       str(tmp_path / "r" / "keys"))
    assert code != 0 and "inside the repository" in err


@pytest.mark.parametrize("option", ["timestamp=0d", "timestamp=soon", "owner=1d"])
def test_a_bad_expiry_is_named(tmp_path, option):
    code, _, err = run("pack", "init", str(tmp_path / "r"), "--expires", option)
    assert (code != 0 and option.split("=")[0] in err) or option.split("=")[1] in err


def _tar(tmp_path, build) -> tarfile.TarFile:
    path = tmp_path / "evil.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        build(tar)
    return path


@pytest.mark.parametrize(("name", "kind"), [
    ("../outside.md", tarfile.REGTYPE), ("/etc/x.md", tarfile.REGTYPE),
    ("a/../../b.md", tarfile.REGTYPE), ("link.md", tarfile.SYMTYPE),
    ("hard.md", tarfile.LNKTYPE), ("fifo", tarfile.FIFOTYPE)])
def test_unsafe_archives_are_refused(tmp_path, name, kind):
    def build(tar):
        info = tarfile.TarInfo(name)
        info.type = kind
        info.linkname = "/etc/passwd"
        data = b"# x\n" if kind == tarfile.REGTYPE else b""
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))

    dest = tmp_path / "out"
    with pytest.raises(UpdateError, match=r"pack x: .*refused"):
        extract(_tar(tmp_path, build), dest, Limits(), "pack x")
    assert not dest.exists() and not (tmp_path / "outside.md").exists()


def test_too_many_files_are_refused(tmp_path):
    def build(tar):
        for n in range(5):
            info = tarfile.TarInfo(f"{n}.md")
            tar.addfile(info, io.BytesIO(b""))

    with pytest.raises(UpdateError, match="over the size limit"):
        extract(_tar(tmp_path, build), tmp_path / "out", Limits(files=4), "pack x")
