"""Joint stands: the stand on the fair's page, applying through the members' link, the rules."""

import datetime as dt
import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from events.models import Event
from members.models import AccessLink, Organisation
from stands import services
from stands.models import CoExhibitorApplication, JointStand
from tests import factories
from tests.factories import (
    make_member_with_contact,
    make_stand,
    make_stand_application,
    make_trade_fair,
)
from tests.helpers import assert_constant_queries, count_queries

Status = CoExhibitorApplication.Status
db = pytest.mark.django_db


def request_link(client, stand, organisation, email, **extra):
    return client.post(
        f"/veranstaltungen/{stand.event.slug}/mitausstellen/",
        {"organisation": organisation.pk, "email": email, "privacy_consent": "on", **extra},
    )


def link_from(mail) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", mail.body)
    assert match, mail.body
    return match.group(1)


def application_data(stand, **overrides):
    data = {
        "stand": stand.pk,
        "contact_name": "Anna Beispiel",
        "contact_email": "anna@beispiel.example",
        "contact_phone": "",
        "products": "Telemonitoring-Plattform für Herzpatienten",
        "places_needed": "1",
        "remarks": "",
        "privacy_consent": "on",
        **BILLING,
    }
    data.update(overrides)
    return data


# The billing details a paid stand asks for (the factory's stand costs 2,450 EUR a place).
BILLING = {
    "billing_organisation": "Beispiel Telemed GmbH",
    "billing_department": "Buchhaltung",
    "billing_street": "Musterstraße 1",
    "billing_postcode": "44801",
    "billing_city": "Bochum",
    "billing_country": "DE",
    "billing_vat_id": "DE136695976",
    "billing_reference": "",
    "billing_email": "rechnung@beispiel.example",
}


@pytest.fixture
def stand(db):
    return make_stand()


@pytest.fixture
def member(db):
    return make_member_with_contact(email="anna@beispiel.example", name="Beispiel Telemed GmbH")


@pytest.fixture
def link_path(client, stand, member, mailoutbox):
    organisation, contact = member
    request_link(client, stand, organisation, contact.email)
    return link_from(mailoutbox[-1])


# The stand on the event page ------------------------------------------------------------------


@db
def test_trade_fair_page_shows_the_joint_stand_with_places_left_and_deadline(client, stand):
    make_stand_application(stand, status=Status.ACCEPTED, places_needed=2)
    make_stand_application(stand, status=Status.APPLIED)
    page = client.get(stand.event.get_absolute_url()).text
    assert "Landesgemeinschaftsstand NRW" in page
    assert "Halle 3.2, Stand D-106" in page
    assert "Noch 2 Plätze frei" in page
    assert "Bewerbungsschluss" in page
    assert f'datetime="{stand.application_deadline:%Y-%m-%d}"' in page
    assert "Als Mitaussteller bewerben" in page


@db
def test_event_page_lists_only_accepted_co_exhibitors_with_logo_and_profile_link(client, stand):
    accepted = factories.make_organisation(name="Zugesagt GmbH")
    # Saving would rebuild the thumbnail from the (absent) logo; set the stored name directly.
    Organisation.objects.filter(pk=accepted.pk).update(
        logo_thumbnail="logos/thumbnails/zugesagt.png"
    )
    make_stand_application(stand, accepted, status=Status.ACCEPTED)
    make_stand_application(
        stand, factories.make_organisation(name="Wartend GmbH"), status=Status.WAITING
    )
    make_stand_application(
        stand, factories.make_organisation(name="Abgelehnt AG"), status=Status.DECLINED
    )
    page = client.get(stand.event.get_absolute_url()).text
    assert f'href="{accepted.get_absolute_url()}"' in page
    assert "/media/logos/thumbnails/zugesagt.png" in page
    assert "Wartend GmbH" not in page
    assert "Abgelehnt AG" not in page


@db
def test_event_page_query_count_does_not_grow_with_co_exhibitors(client):
    stand = make_stand(places=500)

    def add_exhibitors(count):
        for _ in range(count):
            make_stand_application(stand, status=Status.ACCEPTED)

    assert_constant_queries(client, stand.event.get_absolute_url(), add_exhibitors)


@db
def test_full_stand_says_so_on_the_page(client):
    stand = make_stand(places=1)
    make_stand_application(stand, status=Status.ACCEPTED)
    assert "alle Plätze vergeben (Warteliste)" in client.get(stand.event.get_absolute_url()).text


@db
def test_an_unpublished_stand_is_not_shown(client):
    stand = make_stand(is_published=False)
    page = client.get(stand.event.get_absolute_url()).text
    assert "Halle 3.2" not in page
    assert client.get(f"/veranstaltungen/{stand.event.slug}/mitausstellen/").status_code == 404


@db
def test_a_joint_stand_must_belong_to_a_trade_fair():
    workshop = factories.make_event(kind=Event.Kind.WORKSHOP)
    stand = JointStand(event=workshop, title="Stand", places=3)
    with pytest.raises(ValidationError) as error:
        stand.full_clean()
    assert "event" in error.value.message_dict


@db
def test_the_database_refuses_a_stand_without_places(stand):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        JointStand.objects.filter(pk=stand.pk).update(places=0)


# The list of joint stands ---------------------------------------------------------------------


@db
def test_joint_stand_list_shows_upcoming_and_past_stands_and_is_linked_from_events(client):
    upcoming = make_stand(title="DMEA-Stand kommend")
    past_fair = make_trade_fair(start=timezone.now() - dt.timedelta(days=400))
    make_stand(past_fair, title="conhIT-Stand vergangen", application_deadline=None)
    page = client.get("/veranstaltungen/gemeinschaftsstaende/").text
    assert page.index("DMEA-Stand kommend") < page.index("Vergangene Gemeinschaftsstände")
    assert page.index("conhIT-Stand vergangen") > page.index("Vergangene Gemeinschaftsstände")
    assert upcoming.get_absolute_url() in page
    assert "/veranstaltungen/gemeinschaftsstaende/" in client.get("/veranstaltungen/").text
    english = client.get("/en/events/joint-stands/").text
    assert "Upcoming joint stands" in english


@db
def test_the_stand_pages_are_in_the_events_section_of_the_main_navigation(client, stand):
    current = 'class="nav-link active" aria-current="page" href="/veranstaltungen/"'
    assert current in client.get("/veranstaltungen/gemeinschaftsstaende/").text
    assert current in client.get(f"/veranstaltungen/{stand.event.slug}/mitausstellen/").text


@db
def test_joint_stand_list_query_count_does_not_grow(client):
    def add_stands(count):
        for _ in range(count):
            stand = make_stand()
            make_stand_application(stand, status=Status.ACCEPTED)

    assert_constant_queries(client, "/veranstaltungen/gemeinschaftsstaende/", add_stands)


@db
def test_archive_stand_with_unknown_date_says_so(client):
    fair = make_trade_fair(
        start=timezone.now() - dt.timedelta(days=4000), country="IN", city="", date_unknown=True
    )
    make_stand(fair, title="Gemeinschaftsstand Indien", application_deadline=None)
    assert "Datum nicht verzeichnet" in client.get("/veranstaltungen/gemeinschaftsstaende/").text
    assert "Das genaue Datum ist nicht verzeichnet." in client.get(fair.get_absolute_url()).text


# Applying through the members' one-time link ---------------------------------------------------


@db
def test_member_applies_through_the_link_and_gets_a_confirmation(
    client, stand, member, link_path, mailoutbox
):
    organisation, contact = member
    assert link_path.startswith("/veranstaltungen/gemeinschaftsstaende/bewerben/")
    assert "Gemeinschaftsstand" in mailoutbox[-1].body
    form_page = client.get(link_path)
    assert form_page.status_code == 200
    assert "Beispiel Telemed GmbH" in form_page.text
    assert 'value="Anna Beispiel"' in form_page.text  # taken from the contact person
    response = client.post(link_path, application_data(stand, places_needed="2"))
    assert response.status_code == 200
    assert "Vielen Dank für Ihre Bewerbung" in response.text
    application = CoExhibitorApplication.objects.get()
    assert (application.organisation, application.contact_person) == (organisation, contact)
    assert (application.status, application.places_needed) == (Status.APPLIED, 2)
    assert application.privacy_notice is not None and application.consented_at
    confirmation, notice = mailoutbox[-2], mailoutbox[-1]
    assert confirmation.to == ["anna@beispiel.example"]
    assert "Ihre Bewerbung als Mitaussteller" in confirmation.subject
    assert "Telemonitoring-Plattform" in confirmation.body
    assert notice.to == ["clustermanagement@example.org"]
    assert "Neue Mitausstellerbewerbung: Beispiel Telemed GmbH" in notice.subject


@db
def test_the_link_works_only_once(client, stand, link_path):
    client.post(link_path, application_data(stand))
    again = client.get(link_path)
    assert again.status_code == 410
    assert "bereits verwendet" in again.text


@db
def test_an_expired_link_says_so(client, stand, link_path, settings):
    settings.SIGNED_LINK_MAX_AGE = -1
    response = client.get(link_path)
    assert response.status_code == 410
    assert "abgelaufen" in response.text


@db
def test_a_tampered_link_says_so(client, stand, link_path):
    token = link_path.rstrip("/").rsplit("/", 1)[1]
    tampered = link_path.replace(token, token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb"))
    response = client.get(tampered)
    assert response.status_code == 400
    assert "Dieser Link ist ungültig" in response.text
    assert not CoExhibitorApplication.objects.exists()


@db
def test_a_profile_link_does_not_open_the_application_form(client, member, mailoutbox):
    organisation, contact = member
    make_stand()
    client.post(
        f"/mitglieder/{organisation.slug}/aktualisieren/",
        {"email": contact.email, "privacy_consent": "on"},
    )
    profile_token = link_from(mailoutbox[-1]).rstrip("/").rsplit("/", 1)[1]
    response = client.get(f"/veranstaltungen/gemeinschaftsstaende/bewerben/{profile_token}/")
    assert response.status_code == 400


@db
def test_unknown_address_gets_the_same_answer_and_no_mail(client, stand, member, mailoutbox):
    organisation, _contact = member
    response = request_link(client, stand, organisation, "fremd@example.org")
    assert response.status_code == 302
    assert not mailoutbox
    assert not AccessLink.objects.exists()


@db
def test_a_non_member_is_refused_with_a_clear_message(client, stand, mailoutbox):
    partner, contact = make_member_with_contact(status=Organisation.Status.NON_MEMBER)
    response = request_link(client, stand, partner, contact.email)
    assert response.status_code == 200
    assert "Nur Mitgliedsorganisationen des Netzwerks können auf einem Gemeinschaftsstand" in (
        response.text
    )
    assert "Mitgliedschaft beantragen" in response.text
    assert not mailoutbox


@db
def test_the_service_refuses_a_non_member(stand):
    former = factories.make_organisation(status=Organisation.Status.FORMER_MEMBER)
    with pytest.raises(services.NotAMember):
        services.stand_apply(
            stand=stand,
            organisation=former,
            contact_name="A",
            contact_email="a@example.org",
            products="X",
            consent={},
        )


@db
def test_a_link_of_an_organisation_no_longer_member_is_refused(client, stand, member, link_path):
    organisation, _contact = member
    Organisation.objects.filter(pk=organisation.pk).update(status=Organisation.Status.FORMER_MEMBER)
    response = client.get(link_path)
    assert response.status_code == 403
    assert "Nur Mitgliedsorganisationen" in response.text


@db
def test_a_second_application_of_the_same_organisation_is_refused(stand, member):
    organisation, _contact = member
    make_stand_application(stand, organisation)
    with pytest.raises(services.AlreadyApplied):
        services.stand_apply(
            stand=stand,
            organisation=organisation,
            contact_name="A",
            contact_email="a@example.org",
            products="X",
            consent={},
        )


@db
def test_asking_for_more_places_than_the_stand_has_is_refused_in_the_form(client, stand, link_path):
    response = client.post(link_path, application_data(stand, places_needed="9"))
    assert "Der Stand hat nur 4 Plätze." in response.text
    assert not CoExhibitorApplication.objects.exists()
    # The link was not used up by the failed attempt.
    assert client.get(link_path).status_code == 200


@db
def test_the_access_form_is_rate_limited_per_e_mail_address(client, stand, member):
    organisation, _contact = member
    answers = [
        request_link(client, stand, organisation, "x@example.org").status_code for _ in range(6)
    ]
    assert answers[:5] == [302] * 5
    assert answers[5] == 429


@db
def test_the_honeypot_stops_bots(client, stand, member, mailoutbox):
    organisation, contact = member
    response = request_link(client, stand, organisation, contact.email, homepage="spam")
    assert response.status_code == 200
    assert not mailoutbox


@db
def test_english_applicants_get_english_mails(client, stand, member, mailoutbox):
    organisation, contact = member
    client.post(
        f"/en/events/{stand.event.slug}/co-exhibit/",
        {"organisation": organisation.pk, "email": contact.email, "privacy_consent": "on"},
    )
    path = link_from(mailoutbox[-1])
    assert path.startswith("/en/events/joint-stands/apply/")
    client.post(path, application_data(stand))
    assert CoExhibitorApplication.objects.get().language == "en"
    assert "Your application as co-exhibitor" in mailoutbox[-2].subject


# The deadline -------------------------------------------------------------------------------


@db
def test_after_the_deadline_the_form_is_gone_with_an_explanation(client, mailoutbox):
    stand = make_stand(application_deadline=timezone.localdate() - dt.timedelta(days=1))
    organisation, contact = make_member_with_contact()
    event_page = client.get(stand.event.get_absolute_url()).text
    assert "Als Mitaussteller bewerben" not in event_page
    assert "Der Bewerbungsschluss ist vorbei" in event_page
    page = client.get(f"/veranstaltungen/{stand.event.slug}/mitausstellen/")
    assert "ist vorbei, daher ist das Bewerbungsformular nicht mehr verfügbar" in page.text
    assert "<form" not in page.text.split("<main", 1)[-1]
    request_link(client, stand, organisation, contact.email)
    assert not mailoutbox


@db
def test_the_deadline_day_itself_is_still_open(stand):
    stand.application_deadline = timezone.localdate()
    assert stand.accepts_applications()
    stand.application_deadline = timezone.localdate() - dt.timedelta(days=1)
    assert not stand.accepts_applications()


@db
def test_a_link_opened_after_the_deadline_explains_it(client, stand, link_path):
    JointStand.objects.filter(pk=stand.pk).update(
        application_deadline=timezone.localdate() - dt.timedelta(days=1)
    )
    response = client.get(link_path)
    assert "Derzeit ist kein Gemeinschaftsstand" in response.text
    with pytest.raises(services.ApplicationsClosed):
        stand.refresh_from_db()
        services.stand_apply(
            stand=stand,
            organisation=factories.make_organisation(),
            contact_name="A",
            contact_email="a@example.org",
            products="X",
            consent={},
        )


# Places never over-allocated ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_parallel_accepts_never_over_allocate_the_stand():
    stand = make_stand(places=5)
    applications = [make_stand_application(stand, places_needed=1 + i % 2) for i in range(12)]
    barrier = threading.Barrier(len(applications))
    errors = []

    def accept(application):
        try:
            barrier.wait()
            services.stand_accept(application=application)
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=accept, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    stand = JointStand.objects.with_places_taken().get(pk=stand.pk)
    assert stand.places_taken <= 5
    assert stand.places_taken >= 4  # the lock only refuses what does not fit
    statuses = set(CoExhibitorApplication.objects.values_list("status", flat=True))
    assert statuses == {Status.ACCEPTED, Status.WAITING}


@db
def test_accepting_when_the_stand_is_full_puts_the_application_on_the_waiting_list(mailoutbox):
    stand = make_stand(places=2)
    make_stand_application(stand, status=Status.ACCEPTED, places_needed=2)
    late = make_stand_application(stand)
    services.stand_accept(application=late)
    late.refresh_from_db()
    assert late.status == Status.WAITING
    assert "Warteliste für den Gemeinschaftsstand" in mailoutbox[-1].subject
    with pytest.raises(services.StandFull):
        services.stand_accept(application=late)


@db
def test_a_waiting_application_is_accepted_once_places_are_free(mailoutbox):
    stand = make_stand(places=1)
    first = make_stand_application(stand, status=Status.ACCEPTED)
    waiting = make_stand_application(stand, status=Status.WAITING)
    services.stand_withdraw(application=first)
    services.stand_accept(application=waiting)
    waiting.refresh_from_db()
    assert waiting.status == Status.ACCEPTED
    # Besides these two, the stand is paid: the accepted place's invoice is mailed too.
    subjects = [message.subject for message in mailoutbox]
    assert any("Ihr Platz auf dem Gemeinschaftsstand ist bestätigt" in s for s in subjects)
    assert any("Bewerbung zurückgezogen" in s for s in subjects)
    assert any(s.startswith("Rechnung ") for s in subjects)


@db
def test_declining_mails_the_applicant_in_their_language(mailoutbox):
    stand = make_stand()
    application = make_stand_application(stand, language="en")
    services.stand_decline(application=application)
    application.refresh_from_db()
    assert application.status == Status.DECLINED
    assert mailoutbox[-1].to == [application.contact_email]
    assert "we cannot offer" in mailoutbox[-1].body


@db
def test_declining_with_a_reason_tells_the_applicant_why(mailoutbox):
    application = make_stand_application(make_stand())
    services.stand_decline(application=application, reason="Der Stand ist für Kliniken.")
    assert "Die Begründung unserer Entscheidung:\nDer Stand ist für Kliniken." in (
        mailoutbox[-1].body
    )


@db
def test_a_declined_application_cannot_be_accepted(mailoutbox):
    application = make_stand_application(make_stand(), status=Status.DECLINED)
    with pytest.raises(services.StandError):
        services.stand_accept(application=application)
    assert not mailoutbox


@db
def test_a_withdrawn_organisation_can_apply_again(stand, member):
    organisation, contact = member
    make_stand_application(stand, organisation, status=Status.WITHDRAWN)
    application = services.stand_apply(
        stand=stand,
        organisation=organisation,
        contact_person=contact,
        contact_name=contact.name,
        contact_email=contact.email,
        products="X",
        consent={},
        billing={name: value for name, value in BILLING.items()},
    )
    assert application.status == Status.APPLIED


# The member profile ---------------------------------------------------------------------------


@db
def test_profile_lists_the_joint_stands_the_organisation_exhibited_on(client, stand):
    organisation = factories.make_organisation(name="Aussteller GmbH")
    past_fair = make_trade_fair(title="conhIT 2016", start=timezone.now() - dt.timedelta(days=3000))
    past_stand = make_stand(past_fair, title="conhIT-Stand 2016", application_deadline=None)
    make_stand_application(past_stand, organisation, status=Status.ACCEPTED)
    make_stand_application(stand, organisation, status=Status.APPLIED)
    page = client.get(organisation.get_absolute_url()).text
    assert "Auf den Gemeinschaftsständen des Netzwerks" in page
    assert "conhIT-Stand 2016" in page
    assert "Landesgemeinschaftsstand NRW" not in page  # only applied, not accepted


@db
def test_the_organisations_public_address_gets_the_application_link(
    client, stand, member, mailoutbox
):
    organisation, _contact = member
    organisation.email = "info@beispiel.example"
    organisation.save()
    page = client.get(f"/veranstaltungen/{stand.event.slug}/mitausstellen/").text
    assert "öffentliche E-Mail-Adresse der Organisation" in page
    response = request_link(client, stand, organisation, "info@beispiel.example")
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.to == ["info@beispiel.example"]
    form_page = client.get(link_from(mail))
    assert 'value="info@beispiel.example"' in form_page.text


@db
def test_the_organisation_picker_offers_only_members(client, stand, member):
    factories.make_organisation(name="AHK USA – Chicago", status=Organisation.Status.NON_MEMBER)
    factories.make_organisation(name="Ehemalig GmbH", status=Organisation.Status.FORMER_MEMBER)
    page = client.get(f"/veranstaltungen/{stand.event.slug}/mitausstellen/").text
    assert "Beispiel Telemed GmbH</option>" in page
    assert "AHK USA – Chicago" not in page
    assert "Ehemalig GmbH" not in page


@db
def test_the_application_form_is_prefilled_with_the_contact_who_asked(client, link_path):
    form_page = client.get(link_path).text
    assert re.search(r'name="contact_name"[^>]*value="Anna Beispiel"', form_page)
    assert re.search(r'name="contact_email"[^>]*value="anna@beispiel.example"', form_page)
    assert re.search(r'name="contact_phone"[^>]*value="\+49 000 1"', form_page)


def test_stand_list_is_served_from_its_fragment_until_a_stand_is_published(client):
    url = "/veranstaltungen/gemeinschaftsstaende/"
    factories.make_stand(title="Landesgemeinschaftsstand NRW")
    cold, _ = count_queries(client, url)
    warm, response = count_queries(client, url)

    factories.make_stand(title="Gemeinschaftsstand Saarland")

    assert warm < cold
    assert "Landesgemeinschaftsstand NRW" in response.text
    assert "Gemeinschaftsstand Saarland" in client.get(url).text
