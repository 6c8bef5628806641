"""On desktop widths the header keeps to two rows and every control lies within the window."""

import pytest

TWO_ROWS_MAX_PX = 110


@pytest.mark.parametrize("width", [992, 1100, 1280, 1400])
@pytest.mark.parametrize("path", ["/mitglieder/", "/en/members/"])
def test_header_fits_the_window_in_two_rows(site, browser, width, path):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site + path)

    header = page.locator("header.portal-header").bounding_box()
    assert header["height"] <= TWO_ROWS_MAX_PX, f"{width} px: header {header['height']} px"
    for control in ["#header-search", ".site-search button", ".language-switcher"]:
        box = page.locator(control).bounding_box()
        assert box["x"] + box["width"] <= width, f"{width} px: {control} sticks out"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
