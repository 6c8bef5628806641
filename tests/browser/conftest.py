"""Headless Chromium (Debian's package) driven by Playwright, against pytest-django's live server.

These tests run in a pytest session of their own (`pytest -m browser tests/browser`): the demo
data is loaded once per session and committed, which the rest of the suite must not see.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
    # thread are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", "--no-admin")


@pytest.fixture(scope="session", autouse=True)
def _keep_committed_data():
    """Keep the demo data between tests of this session.

    A live-server test is a transactional test, which empties every table when it ends;
    reloading the demo data for each of some hundred page checks would take most of the
    run. This session's database is its own and is dropped at the end, so nothing leaks.
    """
    from django.test import TransactionTestCase

    original = TransactionTestCase._fixture_teardown
    TransactionTestCase._fixture_teardown = lambda self: None
    yield
    TransactionTestCase._fixture_teardown = original


@pytest.fixture
def site(demo_data, live_server, db):
    """The live server's base URL, with the demo data in its database.

    Loaded again should the database have been emptied after all.
    """
    from regions.models import Region

    if not Region.objects.exists():
        call_command("load_demo", "--no-admin")
    return live_server.url


@pytest.fixture
def console_errors():
    """Errors the browser reports (blocked by the Content-Security-Policy, failed loads)."""
    return []


@pytest.fixture
def page(browser, console_errors):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    yield page
    context.close()


@pytest.fixture
def screenshot(page, request):
    """Save the story's last page under var/screenshots/ for anyone to look at."""

    def take(name: str | None = None):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name or request.node.name}.png", full_page=True)

    return take
