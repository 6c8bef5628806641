"""The main stories, end to end in headless Chromium, each ending with a screenshot."""

import re
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from members.models import Organisation
from tests.browser.test_accessibility import assert_no_violations

EVENT = "/veranstaltungen/workshop-ambient-assisted-living/"


def link_in_last_mail(to, pattern):
    """The first link matching `pattern` in the newest e-mail to `to`.

    The live server runs in this process, so its outbox (locmem backend, immediate tasks in
    the test settings) is the one this thread reads.
    """
    messages = [message for message in mail.outbox if to in message.to]
    assert messages, f"no e-mail to {to}"
    body = messages[-1].body
    found = re.search(r"https?://\S*" + pattern + r"\S*", body)
    assert found, body
    return found.group(0)


def radio_groups(page):
    return page.locator("main input[type='radio'][required]").evaluate_all(
        "inputs => [...new Set(inputs.map(i => i.name))]"
    )


def answer_required_questions(page):
    for name in radio_groups(page):
        page.locator(f"main input[type='radio'][name='{name}']").first.check()


def test_visitor_registers_confirms_from_the_email_and_cancels(
    site, page, console_errors, screenshot
):
    page.goto(site + EVENT)
    page.locator("main input[name='name']").fill("Erika Mustermann")
    page.locator("main input[name='email']").fill("erika@example.org")
    answer_required_questions(page)
    page.locator("main input[name='privacy_consent']").check()
    page.locator("main form[method='post' i] button[type='submit']").click()
    page.wait_for_load_state()
    assert "E-Mail" in page.locator(".alert-success").inner_text()
    assert_no_violations(page, console_errors)

    confirm_url = link_in_last_mail("erika@example.org", "/bestaetigen/")
    # The mail's link carries the configured base URL; the path is what the live server needs.
    page.goto(site + urlsplit(confirm_url).path)
    assert_no_violations(page, console_errors)
    page.locator("main form[method='post' i] [type='submit']").click()
    page.wait_for_load_state()
    assert "/anmeldung/" in page.url
    assert page.locator("main svg, main img").count() >= 1  # the ticket's QR code
    assert_no_violations(page, console_errors)

    page.locator("main button[type='submit']", has_text="Anmeldung stornieren").click()
    page.wait_for_load_state()
    page.locator("main button[type='submit']", has_text="Ja, Anmeldung stornieren").click()
    page.wait_for_load_state()
    assert page.locator(".alert-success").is_visible()
    assert_no_violations(page, console_errors)
    screenshot()


def test_company_filters_the_directory_and_opens_a_profile(site, page, screenshot):
    page.goto(site + "/mitglieder/")
    page.locator("main select[name='region']").select_option("saarland")
    page.locator("main select[name='innovation_field']").select_option("in-vitro-kulturen")
    page.locator("main input[name='q']").fill("Biotech")
    page.locator("main form [type='submit']").first.click()
    page.wait_for_url("**innovation_field=in-vitro-kulturen**")
    results = page.locator("main .card a, main li a").filter(has_text="Biotech")
    assert results.count() >= 1
    results.first.click()
    page.wait_for_url("**/mitglieder/beispiel-biotech-saar-gmbh-fiktiv/")
    assert "Biotech" in page.locator("h1").inner_text()
    screenshot()


def fill_required_choices(form):
    """Pick the first real option of every required select the story does not care about."""
    for select in form.locator("select[required]").all():
        if not select.input_value():
            values = select.locator("option").evaluate_all(
                "options => options.map(o => o.value).filter(Boolean)"
            )
            select.select_option(values[0])


def test_organisation_applies_and_a_manager_approves_it_in_the_admin(site, page, screenshot):
    page.goto(site + "/mitglieder/mitglied-werden/")
    form = page.locator("main form[method='post' i]").first
    form.locator("input[name='name']").fill("Story Medizintechnik GmbH")
    form.locator("input[name='city']").fill("Saarbrücken")
    form.locator("textarea[name='description']").fill("Wir entwickeln Sensorik für Kliniken.")
    form.locator("input[name='contact_name']").fill("Petra Probe")
    form.locator("input[name='contact_email']").fill("petra@story.example")
    fill_required_choices(form)
    form.locator("input[name='privacy_consent']").check()
    form.locator("[type='submit']").last.click()
    page.wait_for_url("**/mitglied-werden/danke/")

    get_user_model().objects.create_superuser("manager", "manager@example.org", "pw-story-1")
    page.goto(site + "/admin/login/?next=/admin/members/membershipapplication/")
    page.locator("input[name='username']").fill("manager")
    page.locator("input[name='password']").fill("pw-story-1")
    page.locator("[type='submit']").click()
    page.wait_for_url("**/admin/members/membershipapplication/")
    row = page.locator("tr", has_text="Story Medizintechnik GmbH")
    row.locator("input[name='_selected_action']").check()
    page.locator("select[name='action']").select_option("approve")
    page.locator("button[name='index']").click()
    page.wait_for_load_state()
    assert page.locator(".messagelist .success, .messagelist li").first.is_visible()

    organisation = Organisation.objects.get(name="Story Medizintechnik GmbH")
    assert organisation.status == Organisation.Status.MEMBER
    page.goto(site + "/mitglieder/?q=Story")
    assert page.locator("main a", has_text="Story Medizintechnik GmbH").count() >= 1
    screenshot()


def test_member_applies_for_a_place_on_a_joint_stand(site, page, console_errors, screenshot):
    from django.urls import reverse
    from django.utils import translation

    from events.models import CoExhibitorApplication, JointStand

    stand = JointStand.objects.filter(event__end__gte=timezone.now()).order_by("event__start")[0]
    applied = CoExhibitorApplication.objects.filter(stand=stand).values("organisation")
    organisation = (
        Organisation.objects.members()
        .filter(contact_persons__isnull=False)
        .exclude(pk__in=applied)
        .order_by("name")
        .first()
    )
    contact = organisation.contact_persons.order_by("pk").first()
    with translation.override("de"):
        access_url = reverse("events:stand_access", kwargs={"slug": stand.event.slug})
        apply_prefix = reverse("events:stand_apply", kwargs={"token": "T"})[: -len("T/")]

    page.goto(site + stand.event.get_absolute_url())
    page.locator(f"main a[href='{access_url}']").first.click()
    page.wait_for_load_state()
    page.locator("main select[name='organisation']").select_option(str(organisation.pk))
    page.locator("main input[name='email']").fill(contact.email)
    page.locator("main input[name='privacy_consent']").check()
    page.locator("main form[method='post' i] button[type='submit']").click()
    page.wait_for_load_state()
    assert_no_violations(page, console_errors)

    apply_url = link_in_last_mail(contact.email, re.escape(apply_prefix))
    page.goto(site + urlsplit(apply_url).path)
    page.locator("main textarea[name='products']").fill("Telemedizinische Assistenzsysteme")
    page.locator("main input[name='places_needed']").fill("1")
    page.locator("main input[name='privacy_consent']").check()
    page.locator("main form[method='post' i] button[type='submit']").click()
    page.wait_for_load_state()
    assert_no_violations(page, console_errors)
    assert CoExhibitorApplication.objects.filter(stand=stand, organisation=organisation).exists()
    screenshot()
