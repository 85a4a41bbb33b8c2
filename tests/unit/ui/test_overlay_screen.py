"""The search window opens on the screen where the user works: the one holding the centre
of the window in front (where the platform tells where that is)."""

from __future__ import annotations

from PySide6.QtCore import QRect

from jitl_desktop.ui.overlay import device_rect, screen_for

LEFT = QRect(0, 0, 1920, 1080)
RIGHT = QRect(1920, 0, 2560, 1440)  # a larger screen on the right


def test_the_screen_holding_the_windows_centre_is_chosen():
    assert screen_for((2000, 100, 800, 600), [LEFT, RIGHT]) == 1
    assert screen_for((100, 100, 800, 600), [LEFT, RIGHT]) == 0


def test_a_window_across_two_screens_counts_for_the_one_with_its_centre():
    assert screen_for((1500, 0, 1000, 500), [LEFT, RIGHT]) == 1  # centre x 2000
    assert screen_for((1500, 0, 600, 500), [LEFT, RIGHT]) == 0  # centre x 1800


def test_a_window_off_every_screen_leaves_the_choice_to_the_pointer():
    assert screen_for((5000, 5000, 100, 100), [LEFT, RIGHT]) is None
    assert screen_for((0, 1200, 300, 300), [LEFT, RIGHT]) is None  # below the left one


def test_a_screens_place_is_counted_in_device_pixels(qapp):
    screen = qapp.primaryScreen()
    area, ratio = screen.geometry(), screen.devicePixelRatio()
    assert device_rect(screen) == QRect(area.x(), area.y(), round(area.width() * ratio),
                                        round(area.height() * ratio))


def test_escape_goes_back_to_the_window_active_before_the_search_window():
    from jitl_desktop.platform.active_window.x11 import before

    overlay, xterm, library = 9, 1, 2
    assert before((xterm, overlay), overlay) == xterm
    assert before((xterm, library, overlay), overlay) == library  # the app's own window
    # the window manager already gave the focus on: still the one before the search window
    assert before((library, xterm, overlay, xterm), overlay) == xterm
    assert before((xterm, overlay, library, overlay), overlay) == library
    assert before((xterm,), overlay) == xterm  # the search window not seen active yet
    assert before((overlay,), overlay) is None and before((), overlay) is None
