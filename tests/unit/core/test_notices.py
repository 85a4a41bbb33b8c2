"""One-time messages are shown once per data dir, even across restarts."""

from __future__ import annotations

from jitl_desktop.core.notices import Notices


def test_a_message_is_told_once_across_restarts(tmp_path):
    assert Notices(tmp_path).first_time("hotkey:none:wayland")
    assert not Notices(tmp_path).first_time("hotkey:none:wayland")
    assert Notices(tmp_path).first_time("hotkey:none:another reason")


def test_a_damaged_file_means_telling_again_not_failing(tmp_path, caplog):
    (tmp_path / "notices.json").write_text("{ not json")
    notices = Notices(tmp_path)
    assert "unreadable" in caplog.text
    assert notices.first_time("x")
    assert not Notices(tmp_path).first_time("x")  # the file was written anew
