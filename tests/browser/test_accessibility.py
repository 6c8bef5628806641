"""axe-core (bundled with axe-playwright-python) over every public page type, both languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

# Page types by their German path; the English path is looked up on the page itself through
# the language switcher, so a missing translation of a path shows up here too.
PAGE_TYPES = {
    "home": "/",
    "member directory": "/mitglieder/",
    "region list": "/regionen/",
    "region page": "/regionen/aachen/",
    "event list": "/veranstaltungen/",
    "cooperation list": "/kooperationen/",
    "imprint": "/impressum/",
    "privacy notice": "/datenschutz/",
    "not found": "/gibt-es-nicht/",
}

axe = Axe()


def assert_no_violations(page, console_errors):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    blocked = [error for error in console_errors if "Content Security Policy" in error]
    assert not blocked, blocked


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_german_page_has_no_accessibility_violations(site, page, console_errors, page_type):
    page.goto(site + PAGE_TYPES[page_type])
    assert page.locator("html").get_attribute("lang") == "de"
    assert_no_violations(page, console_errors)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_english_page_has_no_accessibility_violations(site, page, console_errors, page_type):
    page.goto(site + PAGE_TYPES[page_type])
    english = page.locator('a[hreflang="en"]').first.get_attribute("href")
    page.goto(site + english)
    assert page.locator("html").get_attribute("lang") == "en"
    assert_no_violations(page, console_errors)


def test_keyboard_user_can_skip_to_the_main_content(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
