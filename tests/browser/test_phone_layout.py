"""On a phone (390 px) no public page type scrolls sideways and the header stays compact."""

import pytest

from .test_accessibility import PAGE_TYPES

PHONE = {"width": 390, "height": 844}
HEADER_MAX_PX = 120


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="de-DE", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_fits_a_phone_without_sideways_scrolling(site, phone, page_type):
    phone.goto(site + PAGE_TYPES[page_type])
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= phone.evaluate("window.innerWidth"), f"{page_type}: {width} px wide"
    header = phone.locator("header.portal-header").bounding_box()
    assert header["height"] < HEADER_MAX_PX, f"{page_type}: header {header['height']} px"


def test_phone_menu_opens_behind_its_toggle(site, phone):
    phone.goto(site + "/")
    members = phone.locator("#main-nav a[href='/mitglieder/']")
    assert not members.is_visible()
    phone.get_by_role("button", name="Menü").click()
    members.wait_for(state="visible")
