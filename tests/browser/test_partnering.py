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


def test_member_publishes_a_post_through_the_one_time_link_from_the_email(
    board_site, page, console_errors, mailbox, screenshot
):
    import datetime as dt

    from django.utils import timezone

    from members.models import Organisation

    from .conftest import link_in, text_of

    organisation = (
        Organisation.objects.members()
        .filter(contact_persons__isnull=False, slug__contains="fiktiv")
        .order_by("-name")
        .first()
    )
    contact = organisation.contact_persons.order_by("pk").first()
    page.goto(board_site + "/kooperationsboerse/beitrag/")
    page.locator("main select[name='organisation']").select_option(organisation.slug)
    page.locator("main input[name='email']").fill(contact.email)
    page.locator("main input[name='privacy_consent']").check()
    page.locator("main form[method='post' i] button[type='submit']").click()
    page.wait_for_load_state()
    assert_no_violations(page, console_errors)

    message = mailbox.wait_for(contact.email, "Link")
    print(message)  # noqa: T201 - the mail as it arrives, in the output of a failing run
    page.goto(link_in(message, "/kooperationsboerse/beitrag/"))
    assert_no_violations(page, console_errors)
    page.locator("main select[name='kind']").select_option(Post.Kind.TECHNOLOGY_OFFER)
    page.locator("main input[name='title']").fill("Sensorik für Pflegebetten")
    page.locator("main textarea[name='description']").fill("Wir suchen Kliniken als Partner.")
    valid_until = timezone.localdate() + dt.timedelta(days=60)
    page.locator("main input[name='valid_until']").fill(valid_until.isoformat())
    page.locator("main form[method='post' i] button[type='submit']").click()
    page.wait_for_load_state()
    assert_no_violations(page, console_errors)
    post = Post.objects.get(title="Sensorik für Pflegebetten")
    assert post.organisation == organisation
    assert post.status == Post.Status.SUBMITTED
    received = mailbox.wait_for(contact.email, "Sensorik für Pflegebetten")
    assert "prüf" in text_of(received)
    screenshot()
