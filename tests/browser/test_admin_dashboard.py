"""The admin start page as a manager sees it in the browser."""

from django.contrib.auth import get_user_model


def test_attention_table_headers_are_laid_out_across_the_page(site, page):
    get_user_model().objects.create_superuser("dashboard", "dashboard@example.org", "pw-dash-1")
    page.goto(site + "/admin/login/?next=/admin/")
    page.locator("input[name='username']").fill("dashboard")
    page.locator("input[name='password']").fill("pw-dash-1")
    page.locator("[type='submit']").click()
    page.wait_for_url("**/admin/")

    headers = page.locator("#panel-upcoming-events thead th")
    assert headers.count() == 6  # event, start, confirmed, capacity, fill rate, waiting list
    letter = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    for index in range(headers.count()):
        box = headers.nth(index).bounding_box()
        # One line high and wider than one letter: no header stacks its letters.
        assert box["width"] > 2 * letter
        assert box["height"] < 3 * letter
    panel = page.locator(".backoffice-dashboard").bounding_box()
    assert panel["width"] > 900
