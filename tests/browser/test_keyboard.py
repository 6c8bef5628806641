"""Keyboard alone reaches and operates navigation, language switcher, filters and forms."""

import pytest

TAB_LIMIT = 120
IS_FOCUSED = "selector => !!document.activeElement && document.activeElement.matches(selector)"


def tab_to(page, selector, limit=TAB_LIMIT):
    """Press Tab until the element matching `selector` has the focus; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(IS_FOCUSED, selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def focus_is_visible(page):
    style = page.evaluate(
        """() => {
            const el = document.activeElement;
            const css = getComputedStyle(el);
            return {
                visible: el.matches(':focus-visible'),
                outline: css.outlineStyle,
                width: parseFloat(css.outlineWidth),
                shadow: css.boxShadow,
            };
        }"""
    )
    assert style["visible"]
    assert (style["outline"] != "none" and style["width"] > 0) or style["shadow"] != "none"


def test_keyboard_reaches_and_opens_the_main_navigation(site, page):
    page.goto(site + "/")
    tab_to(page, "nav a[href='/veranstaltungen/']")
    focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/veranstaltungen/")
    assert page.locator("h1").inner_text()


def test_keyboard_opens_the_collapsed_menu_on_a_narrow_screen(site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site + "/")
    events_link = page.locator("nav a[href='/veranstaltungen/']")
    assert not events_link.is_visible()
    tab_to(page, ".navbar-toggler")
    focus_is_visible(page)
    page.keyboard.press("Enter")
    events_link.wait_for(state="visible")
    assert page.locator(".navbar-toggler").get_attribute("aria-expanded") == "true"
    tab_to(page, "nav a[href='/veranstaltungen/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/veranstaltungen/")


def test_keyboard_switches_the_language(site, page):
    page.goto(site + "/mitglieder/")
    tab_to(page, "a[hreflang='en']")
    focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/members/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_keyboard_filters_the_directory(site, page):
    page.goto(site + "/mitglieder/")
    tab_to(page, "main input[name='q']")
    focus_is_visible(page)
    page.keyboard.type("Beispiel")
    tab_to(page, "main select[name='region']", limit=10)
    page.keyboard.press("ArrowDown")  # the first region below "all"
    chosen = page.locator("main select[name='region']").input_value()
    assert chosen
    tab_to(page, "main form [type='submit']", limit=20)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**region={chosen}**")
    assert "q=Beispiel" in page.url


def test_keyboard_fills_and_sends_the_registration_form(site, page):
    page.goto(site + "/veranstaltungen/workshop-ambient-assisted-living/")
    tab_to(page, "main input[name='name']")
    focus_is_visible(page)
    page.keyboard.type("Tastatur Nutzerin")
    tab_to(page, "main input[name='email']", limit=5)
    page.keyboard.type("tastatur@example.org")
    groups = page.locator("main input[type='radio'][required]").evaluate_all(
        "inputs => [...new Set(inputs.map(i => i.name))]"
    )
    for name in groups:
        # Tab enters a radio group on its first option; Space chooses it.
        tab_to(page, f"main input[type='radio'][name='{name}']", limit=20)
        page.keyboard.press("Space")
        assert page.locator(f"main input[type='radio'][name='{name}']:checked").count() == 1
    tab_to(page, "main input[name='privacy_consent']", limit=20)
    page.keyboard.press("Space")
    assert page.locator("main input[name='privacy_consent']").is_checked()
    tab_to(page, "main form[method='post' i] button[type='submit']", limit=20)
    focus_is_visible(page)
    page.keyboard.press("Enter")
    # The page reloads with the thank-you message (the wait fails the test if it never comes).
    page.locator(".messages .alert-success").wait_for()
