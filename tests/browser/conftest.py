"""Playwright driving Debian's Chromium against pytest-django's live server.

Without Chromium they skip outside CI and fail under CI=true (tests/tools.py).
"""

import os

import pytest

from tests import tools

# Playwright's sync API runs an event loop in the test's thread; the ORM calls that tests make beside it are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    chromium = tools.require_tool(os.environ.get("CHROMIUM", "chromium"), tools.CHROMIUM, also=["/usr/bin/chromium"])
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def roles(transactional_db):
    """Make the role groups again: the live server's tests empty the database after each, data migrations and all."""
    from objectives.roles import ensure_roles

    ensure_roles()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url, bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
