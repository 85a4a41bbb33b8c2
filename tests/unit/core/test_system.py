"""Which system and display server the process runs on; a model loaded once."""

from __future__ import annotations

import sys
import threading
import time

import pytest

from jitl_desktop.core.system import current_os, display_server, loaded_once


@pytest.mark.parametrize(("platform", "name"), [
    ("linux", "linux"), ("win32", "windows"), ("darwin", "macos"), ("freebsd14", "linux")])
def test_current_os_names_the_system_as_apps_rules_do(monkeypatch, platform, name):
    monkeypatch.setattr(sys, "platform", platform)
    assert current_os() == name


@pytest.mark.parametrize(("env", "server"), [
    ({"DISPLAY": ":1"}, "x11"),
    ({"DISPLAY": ":1", "WAYLAND_DISPLAY": "wayland-0"}, "wayland"),
    ({"DISPLAY": ":1", "XDG_SESSION_TYPE": "wayland"}, "wayland"),
    ({}, "none"),
])
def test_display_server_on_linux_follows_the_session(monkeypatch, env, server):
    monkeypatch.setattr(sys, "platform", "linux")
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert display_server() == server


def test_windows_and_macos_are_their_own_display_server(monkeypatch):
    monkeypatch.setenv("DISPLAY", ":1")
    monkeypatch.setattr(sys, "platform", "win32")
    assert display_server() == "windows"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert display_server() == "macos"


def test_a_model_asked_for_by_two_threads_at_once_is_loaded_once():
    """The search thread and the index worker both ask for the models at start-up."""
    loads: list[str] = []

    @loaded_once
    def model() -> object:
        loads.append(threading.current_thread().name)
        time.sleep(0.2)  # loading takes a while; the other thread asks meanwhile
        return object()

    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(model())) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loads) == 1 and found[0] is found[1]
    model.cache_clear()
    assert model() is not found[0] and len(loads) == 2
