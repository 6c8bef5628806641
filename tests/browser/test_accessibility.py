"""axe-core (bundled with axe-playwright-python) over every public page type, both languages."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.template.loader import render_to_string
from django.utils import translation

from core import links
from events.emails import PERSONAL_PURPOSE
from events.models import Registration

# Page types by their German path (demo data); the English path is looked up on the page itself
# through the language switcher, so a missing translation of a path shows up here too.
PAGE_TYPES = {
    "home": "/",
    "member directory": "/mitglieder/",
    "member directory, filtered": "/mitglieder/?q=Beispiel&region=saarland&sort=name",
    "member profile": "/mitglieder/beispiel-biotech-saar-gmbh-fiktiv/",
    "member profile with seed contacts": "/mitglieder/saaris-saarlandinnovationstandort-e-v/",
    "message to a member": "/mitglieder/saaris-saarlandinnovationstandort-e-v/kontakt/",
    "membership application": "/mitglieder/mitglied-werden/",
    "membership application received": "/mitglieder/mitglied-werden/danke/",
    "access-link request": "/mitglieder/beispiel-biotech-saar-gmbh-fiktiv/aktualisieren/",
    "region list": "/regionen/",
    "region page": "/regionen/aachen/",
    "region page with contacts and picture": "/regionen/saarland/",
    "about us": "/ueber-uns/",
    "press": "/presse/",
    "event list": "/veranstaltungen/",
    "event list, filtered": "/veranstaltungen/?kind=workshop&region=nordrhein-westfalen",
    "event archive": "/veranstaltungen/archiv/",
    "event archive, filtered": "/veranstaltungen/archiv/?region=nordrhein-westfalen",
    "event page with registration form": "/veranstaltungen/workshop-ambient-assisted-living/",
    "joint stand list": "/veranstaltungen/gemeinschaftsstaende/",
    "partnering board": "/kooperationsboerse/",
    "partnering link request": "/kooperationsboerse/beitrag/",
    "working group list": "/arbeitsgruppen/",
    "working group list, filtered": "/arbeitsgruppen/?region=mitteldeutschland&field=telemedizin",
    "working group page": "/arbeitsgruppen/ag-medizintechnik-jena/",
    "working group join link request": "/arbeitsgruppen/ag-medizintechnik-jena/beitreten/",
    "cooperation list": "/kooperationen/",
    "cooperation list, filtered": "/kooperationen/?country=NL&status=completed",
    "cooperation page": "/kooperationen/transatlantische-clusterinitiative/",
    "partners overview": "/kooperationen/partner/",
    "partner page": "/kooperationen/partner/ahk-usa-chicago/",
    "partner page with delegations and trips": "/kooperationen/partner/nrwinternational-gmbh/",
    "delegations and trips": "/delegationen/",
    "delegation visit": "/delegationen/delegation-japan-gesundheitswirtschaft-nrw/",
    "trip page with programme, costs and questions": (
        "/veranstaltungen/unternehmerreise-gesundheitswirtschaft-danemark/"
    ),
    "news list": "/aktuelles/",
    "news list, filtered": "/aktuelles/?kind=article",
    "news item": "/aktuelles/beispiel-fachbeitrag-in-vitro-kulturen-saarland/",
    "search results": "/suche/?q=Telemedizin",
    "search without hits": "/suche/?q=Quantenbaukasten",
    "imprint": "/impressum/",
    "privacy notice": "/datenschutz/",
    "accessibility statement with barrier report": "/barrierefreiheit/",
    "easy language": "/leichte-sprache/",
    "not found": "/gibt-es-nicht/",
}

# Forms sent empty (the browser's own checks switched off), so that the page shows its errors.
FORMS = {
    "event registration": "/veranstaltungen/workshop-ambient-assisted-living/",
    "membership application": "/mitglieder/mitglied-werden/",
    "access-link request": "/mitglieder/beispiel-biotech-saar-gmbh-fiktiv/aktualisieren/",
    "barrier report": "/barrierefreiheit/",
    "message to a member": "/mitglieder/saaris-saarlandinnovationstandort-e-v/kontakt/",
    "working group join link request": "/arbeitsgruppen/ag-medizintechnik-jena/beitreten/",
}

axe = Axe()


def assert_no_violations(page, console_errors):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    blocked = [error for error in console_errors if "Content Security Policy" in error]
    assert not blocked, blocked


def open_in(page, site, path, language):
    page.goto(site + path)
    if language == "en":
        english = page.locator('a[hreflang="en"]').first.get_attribute("href")
        query = urlsplit(path).query
        if query and "?" not in english:
            english += "?" + query
        page.goto(site + english)
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_has_no_accessibility_violations(site, page, console_errors, page_type, language):
    open_in(page, site, PAGE_TYPES[page_type], language)
    assert page.locator("h1").count() == 1
    assert_no_violations(page, console_errors)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("form", FORMS)
def test_form_with_errors_has_no_accessibility_violations(
    site, page, console_errors, form, language
):
    open_in(page, site, FORMS[form], language)
    post_form = page.locator("main form[method='post' i]").first
    post_form.evaluate("form => { form.noValidate = true; }")
    post_form.locator("[type=submit]").last.click()
    page.wait_for_load_state()
    invalid = page.locator("main [aria-invalid='true']")
    assert invalid.count() > 0
    # Each error is tied to its field, so that a screen reader reads it with the field.
    described = invalid.first.get_attribute("aria-describedby") or ""
    assert described
    assert page.locator(f"#{described.split()[0]}").count() == 1
    assert_no_violations(page, console_errors)


def personal_link(status):
    registration = (
        Registration.objects.filter(status=status, event__slug="netzwerktreffen-telemedizin")
        .order_by("pk")
        .first()
    )
    return links.make_token(purpose=PERSONAL_PURPOSE, pk=registration.pk)


@pytest.mark.parametrize("language", ["de", "en"])
def test_ticket_page_has_no_accessibility_violations(site, page, console_errors, language):
    token = personal_link(Registration.Status.CONFIRMED)
    open_in(page, site, f"/veranstaltungen/anmeldung/{token}/", language)
    assert_no_violations(page, console_errors)


@pytest.mark.parametrize("language", ["de", "en"])
def test_waiting_list_page_has_no_accessibility_violations(site, page, console_errors, language):
    token = personal_link(Registration.Status.WAITING_LIST)
    open_in(page, site, f"/veranstaltungen/anmeldung/{token}/", language)
    assert_no_violations(page, console_errors)


@pytest.mark.parametrize("language", ["de", "en"])
def test_working_group_documents_page_has_no_accessibility_violations(
    site, page, console_errors, language
):
    from groups.models import GroupMembership
    from groups.services import documents_token

    membership = GroupMembership.objects.current().filter(group__slug="ag-medizintechnik-jena")
    token = documents_token(membership.order_by("pk").first())
    open_in(page, site, f"/arbeitsgruppen/ag-medizintechnik-jena/unterlagen/{token}/", language)
    assert page.locator("main table a").count() >= 1
    assert_no_violations(page, console_errors)


@pytest.mark.parametrize("language", ["de", "en"])
def test_ended_working_group_membership_page_has_no_accessibility_violations(
    site, page, console_errors, language
):
    from groups.models import GroupMembership
    from groups.services import documents_token

    membership = GroupMembership.objects.current().order_by("pk").first()
    token = documents_token(membership)
    GroupMembership.objects.filter(pk=membership.pk).update(status=GroupMembership.Status.ENDED)
    try:
        page.goto(site + f"/arbeitsgruppen/{membership.group.slug}/unterlagen/{token}/")
        if language == "en":
            page.goto(site + f"/en/working-groups/{membership.group.slug}/documents/{token}/")
        assert page.locator("html").get_attribute("lang") == language
        assert_no_violations(page, console_errors)
    finally:
        GroupMembership.objects.filter(pk=membership.pk).update(
            status=GroupMembership.Status.MEMBER
        )


@pytest.mark.parametrize("language", ["de", "en"])
def test_expired_link_page_has_no_accessibility_violations(site, page, console_errors, language):
    open_in(page, site, "/veranstaltungen/bestaetigen/kein-gueltiger-link/", language)
    assert_no_violations(page, console_errors)


@pytest.mark.parametrize("language", ["de", "en"])
def test_digest_unsubscribe_pages_have_no_accessibility_violations(
    site, page, console_errors, language
):
    from partnering.models import DIGEST_UNSUBSCRIBE_PURPOSE, Post

    post = Post.objects.on_board().order_by("pk").first()
    token = links.make_token(purpose=DIGEST_UNSUBSCRIBE_PURPOSE, pk=post.pk)
    try:
        open_in(page, site, f"/kooperationsboerse/abmelden/{token}/", language)
        assert page.locator("h1").count() == 1
        assert_no_violations(page, console_errors)
        page.locator("main form[method='post' i] [type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1
        assert_no_violations(page, console_errors)
    finally:
        # The demo data stays as the other browser tests expect it.
        Post.objects.filter(
            organisation_id=post.organisation_id, submitted_by_email=post.submitted_by_email
        ).update(digest_unsubscribed_at=None)


@pytest.mark.parametrize("language", ["de", "en"])
def test_server_error_page_has_no_accessibility_violations(site, page, console_errors, language):
    # The 500 page as Django's handler renders it: the template alone, no request context.
    with translation.override(language):
        html = render_to_string("500.html")
    page.route(
        site + "/server-error/",
        lambda route: route.fulfill(status=500, body=html, content_type="text/html"),
    )
    page.goto(site + "/server-error/")
    assert page.locator("html").get_attribute("lang") == language
    assert_no_violations(page, console_errors)


def test_keyboard_user_can_skip_to_the_main_content(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_change_page_with_decision_buttons_has_no_accessibility_violations(
    site, page, console_errors
):
    """A record's change page with its decisions (backoffice/decisions.py), as a manager sees it:
    a membership application waiting for a decision, with the reason field and two buttons."""
    from django.contrib.auth import get_user_model

    from members.models import ContactPerson, MembershipApplication, Organisation

    if not get_user_model().objects.filter(username="decider").exists():
        get_user_model().objects.create_superuser("decider", "decider@example.org", "pw-decide-1")
    organisation = Organisation.objects.create(
        name="Entscheidung Medizintechnik GmbH",
        slug="entscheidung-medizintechnik",
        kind=Organisation.Kind.MEDICAL_TECHNOLOGY,
        status=Organisation.Status.APPLICANT,
    )
    contact = ContactPerson.objects.create(
        organisation=organisation, name="Erika Entscheidung", email="erika@entscheidung.example"
    )
    application = MembershipApplication.objects.create(organisation=organisation, contact=contact)
    page.goto(site + "/admin/login/?next=/admin/")
    page.locator("input[name='username']").fill("decider")
    page.locator("input[name='password']").fill("pw-decide-1")
    page.locator("[type='submit']").click()
    page.wait_for_url("**/admin/")

    page.goto(f"{site}/admin/members/membershipapplication/{application.pk}/change/")

    decisions = page.locator("section.backoffice-decisions")
    assert decisions.get_by_role("button").all_inner_texts() == ["Annehmen", "Ablehnen"]
    assert decisions.get_by_label("Begründung (optional)").is_visible()
    assert_no_violations(page, console_errors)


def log_in_to_the_admin(page, site, username="reporter", password="pw-report-1"):  # noqa: S107
    from django.contrib.auth import get_user_model

    if not get_user_model().objects.filter(username=username).exists():
        get_user_model().objects.create_superuser(username, f"{username}@example.org", password)
    page.goto(site + "/admin/login/?next=/admin/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    page.locator("[type='submit']").click()
    page.wait_for_url("**/admin/")


def test_admin_start_page_with_its_attention_panel_has_no_accessibility_violations(
    site, page, console_errors
):
    log_in_to_the_admin(page, site)

    assert page.locator(".backoffice-dashboard").is_visible()
    assert_no_violations(page, console_errors)


def test_report_page_with_its_charts_has_no_accessibility_violations(
    site, page, console_errors, screenshot
):
    """The report of the demo year: every chart an image with a name, beside its table."""
    log_in_to_the_admin(page, site)

    page.goto(site + "/admin/reports/?year=2026")

    charts = page.locator("svg.report-chart")
    assert charts.count() == page.locator("section.report-figure").count() >= 8
    assert page.get_by_role("img", name="Mitglieder nach Region").is_visible()
    screenshot()
    assert_no_violations(page, console_errors)
