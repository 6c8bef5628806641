"""axe-core over the partnering board's pages, in both languages (demo data)."""

import pytest
from django.core.management import call_command

from partnering.models import Post

from .test_accessibility import assert_no_violations


@pytest.fixture
def board_site(site, transactional_db):
    """The live site with the demo posts, reloaded when an earlier test flushed the tables."""
    if not Post.objects.exists():
        call_command("load_demo", "--no-admin")
    return site


@pytest.fixture
def demo_post_url(board_site):
    post = Post.objects.on_board().public().order_by("pk").first()
    return post.get_absolute_url()


@pytest.mark.parametrize(
    "path",
    [
        "/kooperationsboerse/",
        "/kooperationsboerse/?field=gibt-es-nicht",
        "/kooperationsboerse/beitrag/",
    ],
)
def test_board_pages_have_no_accessibility_violations(board_site, page, console_errors, path):
    page.goto(board_site + path)
    assert_no_violations(page, console_errors)
    english = page.locator('a[hreflang="en"]').first.get_attribute("href")
    page.goto(board_site + english)
    assert page.locator("html").get_attribute("lang") == "en"
    assert_no_violations(page, console_errors)


def test_post_page_has_no_accessibility_violations(board_site, page, console_errors, demo_post_url):
    page.goto(board_site + demo_post_url)
    assert_no_violations(page, console_errors)


def test_visitor_sends_an_expression_of_interest_with_the_keyboard_form(
    board_site, page, demo_post_url, screenshot
):
    page.goto(board_site + demo_post_url)
    page.get_by_label("Ihr Name").fill("Erika Muster")
    page.get_by_label("Ihre Organisation").fill("Muster GmbH")
    page.get_by_label("Ihre E-Mail-Adresse").fill("erika@example.org")
    page.get_by_label("Ihre Nachricht an die Organisation").fill("Wir hätten Interesse.")
    page.locator("#id_privacy_consent").check()
    page.get_by_role("button", name="Nachricht senden").click()
    assert page.get_by_text(
        "Wir haben Ihre Nachricht an die Organisation weitergeleitet"
    ).is_visible()
    screenshot()
