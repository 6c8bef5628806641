"""The main stories, end to end in headless Chromium, each ending with a screenshot.

The live server queues every e-mail in the database; the worker process sends it as a file
(tests/browser/conftest.py), and the stories open the links in those mails as a person would.
"""

import re

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from events.models import Registration
from members.models import Organisation
from tests.browser.conftest import link_in, text_of
from tests.browser.test_accessibility import assert_no_violations
from tests.factories import make_event

EVENT = "/veranstaltungen/workshop-ambient-assisted-living/"


def radio_groups(page):
    return page.locator("main input[type='radio'][required]").evaluate_all(
        "inputs => [...new Set(inputs.map(i => i.name))]"
    )


def answer_required_questions(page):
    for name in radio_groups(page):
        page.locator(f"main input[type='radio'][name='{name}']").first.check()


def register(page, url, name, email):
    page.goto(url)
    page.locator("main input[name='name']").fill(name)
    page.locator("main input[name='email']").fill(email)
    answer_required_questions(page)
    page.locator("main input[name='privacy_consent']").check()
    page.locator("main form[method='post' i] button[type='submit']").click()
    page.wait_for_load_state()
    assert "E-Mail" in page.locator(".alert-success").inner_text()


def confirm_from_mail(page, mailbox, email):
    """Open the confirmation mail's link and press its button; the personal page follows."""
    message = mailbox.wait_for(email, "bestätigen")
    page.goto(link_in(message, "/bestaetigen/"))
    page.locator("main form[method='post' i] [type='submit']").click()
    page.wait_for_load_state()
    assert "/anmeldung/" in page.url


def test_visitor_registers_confirms_from_the_email_and_cancels(
    site, page, console_errors, mailbox, screenshot
):
    register(page, site + EVENT, "Erika Mustermann", "erika.story@example.org")
    assert_no_violations(page, console_errors)

    message = mailbox.wait_for("erika.story@example.org", "bestätigen")
    assert "Erika Mustermann" in text_of(message)
    page.goto(link_in(message, "/bestaetigen/"))
    assert_no_violations(page, console_errors)
    page.locator("main form[method='post' i] [type='submit']").click()
    page.wait_for_load_state()
    assert "/anmeldung/" in page.url
    assert page.locator("main svg, main img").count() >= 1  # the ticket's QR code
    assert_no_violations(page, console_errors)
    confirmed = mailbox.wait_for("erika.story@example.org")
    # The ticket mail's personal link opens the same page.
    assert link_in(confirmed, "/anmeldung/") == page.url

    # Cancelling asks once more before it takes effect.
    page.locator("main button[type='submit']", has_text="Anmeldung stornieren").click()
    page.wait_for_load_state()
    page.locator("main button[type='submit']", has_text="Ja, Anmeldung stornieren").click()
    page.wait_for_load_state()
    assert page.locator(".alert-success").is_visible()
    assert_no_violations(page, console_errors)
    registration = Registration.objects.get(email="erika.story@example.org")
    assert registration.status == Registration.Status.CANCELLED
    cancelled = mailbox.wait_for("erika.story@example.org")
    assert "storniert" in text_of(cancelled).lower() or "storniert" in str(cancelled["Subject"])
    screenshot()


def test_place_freed_on_a_full_event_is_offered_to_the_waiting_person_who_accepts_it(
    site, page, console_errors, mailbox, screenshot
):
    event = make_event(
        title="Volle Fortbildung", slug="volle-fortbildung", capacity=1, registration_enabled=True
    )
    event_url = site + event.get_absolute_url()
    register(page, event_url, "Anna Erste", "anna.full@example.org")
    confirm_from_mail(page, mailbox, "anna.full@example.org")
    anna_mail = mailbox.wait_for("anna.full@example.org")
    anna_page = link_in(anna_mail, "/anmeldung/")

    register(page, event_url, "Bernd Zweiter", "bernd.full@example.org")
    confirm_from_mail(page, mailbox, "bernd.full@example.org")
    waiting = mailbox.wait_for("bernd.full@example.org")
    assert "Warteliste" in text_of(waiting)
    bernd = Registration.objects.get(event=event, email="bernd.full@example.org")
    assert bernd.status == Registration.Status.WAITING_LIST

    # Anna cancels from her mail; the freed place is offered at once (events/services.cancel).
    page.goto(anna_page)
    page.locator("main button[type='submit']", has_text="Anmeldung stornieren").click()
    page.wait_for_load_state()
    page.locator("main button[type='submit']", has_text="Ja, Anmeldung stornieren").click()
    page.wait_for_load_state()
    assert page.locator(".alert-success").is_visible()

    offer = mailbox.wait_for("bernd.full@example.org", "Platz")
    print(offer)  # noqa: T201 - the mail as it arrives, in the output of a failing run
    page.goto(link_in(offer, "/anmeldung/"))
    assert_no_violations(page, console_errors)
    page.locator("main button[type='submit']", has_text="Platz annehmen").click()
    page.wait_for_load_state()
    assert page.locator(".alert-success").is_visible()
    assert page.locator("main svg, main img").count() >= 1  # now with a ticket
    bernd.refresh_from_db()
    assert bernd.status == Registration.Status.CONFIRMED
    mailbox.wait_for("bernd.full@example.org")  # the confirmation of the place
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


def test_organisation_applies_a_manager_approves_it_and_its_access_link_works(
    site, page, console_errors, mailbox, screenshot
):
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

    # Test settings leave out the admin's one-time password (production requires it).
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

    welcome = mailbox.wait_for("petra@story.example", "Willkommen")
    assert "Story Medizintechnik GmbH" in text_of(welcome)
    page.context.clear_cookies()  # the organisation, not the manager, from here on

    # The welcome mail carries no link of its own (yet): from the listed profile the contact
    # person asks for the self-service link, as the profile page offers.
    page.goto(site + organisation.get_absolute_url())
    page.locator("main a[href$='/aktualisieren/']").first.click()
    page.locator("main input[name='email']").fill("petra@story.example")
    page.locator("main input[name='privacy_consent']").check()
    page.locator("main form[method='post' i] button[type='submit']").click()
    page.wait_for_load_state()
    access = mailbox.wait_for("petra@story.example", "Ihr Link")
    page.goto(link_in(access, "/mitglieder/profil/"))
    assert_no_violations(page, console_errors)
    page.locator("main textarea[name='profile-description']").fill(
        "Wir entwickeln Sensorik für Kliniken und Pflegeheime."
    )
    page.locator("main input[name='profile-privacy_consent']").check()
    page.locator("main button[value='change']").click()
    page.wait_for_load_state()
    assert_no_violations(page, console_errors)
    proposed = organisation.change_requests.get().proposed["fields"]
    assert proposed["description"].endswith("Pflegeheime.")
    screenshot()


def test_member_applies_for_a_place_on_a_joint_stand(
    site, page, console_errors, mailbox, screenshot
):
    from django.urls import reverse
    from django.utils import translation

    from stands.models import CoExhibitorApplication, JointStand

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
        access_url = reverse("stands:access", kwargs={"slug": stand.event.slug})
        apply_prefix = reverse("stands:apply", kwargs={"token": "T"})[: -len("T/")]

    page.goto(site + stand.event.get_absolute_url())
    page.locator(f"main a[href='{access_url}']").first.click()
    page.wait_for_load_state()
    page.locator("main select[name='organisation']").select_option(str(organisation.pk))
    page.locator("main input[name='email']").fill(contact.email)
    page.locator("main input[name='privacy_consent']").check()
    page.locator("main form[method='post' i] button[type='submit']").click()
    page.wait_for_load_state()
    assert_no_violations(page, console_errors)

    message = mailbox.wait_for(contact.email)
    page.goto(link_in(message, re.escape(apply_prefix)))
    page.locator("main textarea[name='products']").fill("Telemedizinische Assistenzsysteme")
    page.locator("main input[name='places_needed']").fill("1")
    page.locator("main input[name='privacy_consent']").check()
    page.locator("main form[method='post' i] button[type='submit']").click()
    page.wait_for_load_state()
    assert_no_violations(page, console_errors)
    assert CoExhibitorApplication.objects.filter(stand=stand, organisation=organisation).exists()
    mailbox.wait_for(contact.email)  # the receipt of the application
    screenshot()


def test_registrations_are_kept_while_the_worker_is_down_and_mailed_when_it_is_back(
    site, page, console_errors, worker, mailbox, screenshot
):
    worker.stop()
    register(page, site + EVENT, "Olga Ohnepost", "olga.fault@example.org")
    registration = Registration.objects.get(email="olga.fault@example.org")
    assert registration.status == Registration.Status.PENDING
    waiting = DBTaskResult.objects.filter(
        status="READY",
        task_path="core.mail.deliver_email",
        args_kwargs__contains={"kwargs": {"message": {"to": ["olga.fault@example.org"]}}},
    )
    assert waiting.count() == 1
    mailbox.assert_none_for("olga.fault@example.org")

    worker.start()
    confirm_from_mail(page, mailbox, "olga.fault@example.org")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert_no_violations(page, console_errors)
    screenshot()


def test_booker_registers_two_colleagues_for_a_paid_event_and_each_gets_a_ticket(
    site, page, console_errors, mailbox, screenshot
):
    event = make_event(
        title="Fachtagung Pflege digital",
        slug="fachtagung-pflege-digital",
        capacity=10,
        price_cents=9500,
        registration_enabled=True,
    )
    page.goto(site + event.get_absolute_url())
    page.locator("main input[name='name']").fill("Greta Gruppe")
    page.locator("main input[name='email']").fill("greta.group@example.org")
    page.locator("main input[name='privacy_consent']").check()
    for name, value in {
        "billing_organisation": "Beispiel Pflege GmbH",
        "billing_street": "Hauptstraße 5",
        "billing_postcode": "06108",
        "billing_city": "Halle (Saale)",
        "billing_email": "rechnung.group@example.org",
    }.items():
        page.locator(f"main input[name='{name}']").fill(value)
    # The group's rows are behind a summary that opens without any script.
    page.get_by_text("Weitere Teilnehmende Ihrer Organisation anmelden").click()
    page.locator("main input[name='participants-0-name']").fill("Karl Kollege")
    page.locator("main input[name='participants-0-email']").fill("greta.group@example.org")
    page.locator("main form[method='post' i] button[type='submit']").click()
    page.wait_for_load_state()
    # The same address twice and the missing consent: both said at their fields, the rows open.
    email = page.locator("main input[name='participants-0-email']")
    assert email.get_attribute("aria-invalid") == "true"
    assert page.locator(f"#{email.get_attribute('aria-describedby')}").is_visible()
    assert page.locator("main input[name='participants-participants_consent']").is_visible()
    assert_no_violations(page, console_errors)

    email.fill("karl.group@example.org")
    page.locator("main input[name='participants-1-name']").fill("Kira Kollegin")
    page.locator("main input[name='participants-1-email']").fill("kira.group@example.org")
    page.locator("main input[name='participants-participants_consent']").check()
    page.locator("main input[name='privacy_consent']").check()
    page.locator("main form[method='post' i] button[type='submit']").click()
    page.wait_for_load_state()
    assert "weiteren Teilnehmenden" in page.locator(".alert-success").inner_text()

    confirm_from_mail(page, mailbox, "greta.group@example.org")
    for email_address in ["karl.group@example.org", "kira.group@example.org"]:
        message = mailbox.wait_for(email_address, "bestätigt")
        assert "Greta Gruppe hat Sie" in text_of(message)
        page.goto(link_in(message, "/anmeldung/"))
        assert page.locator("main svg, main img").count() >= 1  # their own ticket
    assert_no_violations(page, console_errors)
    invoice = mailbox.wait_for("rechnung.group@example.org", "Rechnung")
    assert "Rechnung" in str(invoice["Subject"])
    screenshot()
