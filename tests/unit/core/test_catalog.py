"""The shipped app catalog: the business applications people ask about by name."""

from __future__ import annotations

import pytest

from jitl_desktop.core.apps import ActiveApp, Catalog
from jitl_desktop.paths import app_catalog_file
from tests.helpers import linux_engine


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(app_catalog_file())


@pytest.mark.parametrize(("seen", "app_id", "category"), [
    (ActiveApp(process="chrome", title="[OPS-12] VPN drops - Jira - Google Chrome",
               os="linux"), "jira", "work-tracking"),
    (ActiveApp(process="firefox", title="Onboarding - HR - Confluence — Mozilla Firefox",
               os="linux"), "confluence", "wiki"),
    (ActiveApp(process="msedge.exe", title="Home | Salesforce and 2 more pages - Microsoft "
               "Edge", os="windows"), "salesforce", "crm"),
    (ActiveApp(process="OneDrive.exe", os="windows"), "onedrive", "cloud-storage"),
    (ActiveApp(process="dropbox", wm_class="Dropbox", os="linux"), "dropbox", "cloud-storage"),
    (ActiveApp(process="saplogon.exe", os="windows"), "sap-gui", "erp"),
    (ActiveApp(process="WINPROJ.EXE", os="windows"), "ms-project", "project-planning"),
])
def test_business_applications_are_known_in_front(catalog, seen, app_id, category):
    found = catalog.identify(seen)
    assert (found.app_id, category in found.categories) == (app_id, True)


def test_a_question_naming_a_business_application_no_item_mentions_is_not_answered(
        tmp_path, make_content, catalog):
    """"file a bug in jira" on content without Jira: the page on reporting a problem
    with an item is the closest, not an answer; with a page that says Jira it is one."""
    pages = {"report.md": "---\ntitle: Report a bug in a program\n---\n"
                          "Describe what you did and what went wrong.\n"}
    jira = {"jira.md": "---\ntitle: File a bug in Jira\n---\nOpen Jira, choose Create, "
                       "pick Bug and describe what went wrong.\n"}
    for n, extra in enumerate(({}, jira)):
        root = make_content(pages | extra)
        with linux_engine(root, tmp_path, folder=f"ix{n}", catalog=catalog) as engine:
            response = engine.search("file a bug in jira", typing=False)
        assert response.results and response.no_good_match is (n == 0)
