"""Outbound trips are events of the kind "delegation trip": their programme is the agenda,
their costs the fee and what it includes, the application the registration with its questions,
and the selection the registration's approval step, decided in the back office."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from events.models import Event, Registration, RegistrationQuestion, Session
from tests import factories
from tests.events.conftest import confirm_path, form_data

pytestmark = pytest.mark.django_db
Status = Registration.Status
REASON = "Die Reise richtet sich diesmal an Kliniken."


@pytest.fixture(autouse=True)
def privacy_notice(db):
    return factories.make_privacy_notice()


@pytest.fixture
def trip(aachen):
    start = timezone.now() + dt.timedelta(days=60)
    trip = factories.make_open_event(
        title="Markterkundungsreise Dänemark",
        title_en="Market-exploration trip to Denmark",
        slug="reise-daenemark",
        kind=Event.Kind.DELEGATION_TRIP,
        start=start,
        end=start + dt.timedelta(days=2),
        city="Kopenhagen",
        country="DK",
        region=aachen,
        requires_approval=True,
        capacity=2,
        price_cents=42000,
        fee_includes="Programm, Transfers und Mittagessen; Anreise und Hotel zahlen Sie selbst.",
        fee_includes_en="Programme, transfers and lunches; you pay travel and hotel yourself.",
    )
    for day, title, title_en in [
        (0, "Welfare-Tech-Cluster in Odense", "Welfare-tech cluster in Odense"),
        (1, "Besuch eines Superkrankenhauses", "Visit to a super hospital"),
    ]:
        Session.objects.create(
            event=trip, title=title, title_en=title_en, start=start + dt.timedelta(days=day)
        )
    return trip


@pytest.fixture
def questions(trip):
    products = RegistrationQuestion.objects.create(
        event=trip,
        text="Was möchten Sie in Dänemark vorstellen?",
        kind=RegistrationQuestion.Kind.TEXT,
        required=True,
    )
    contacts = RegistrationQuestion.objects.create(
        event=trip,
        text="Haben Sie Kontakte in Dänemark?",
        kind=RegistrationQuestion.Kind.YES_NO,
        required=True,
        position=1,
    )
    return products, contacts


def test_trip_page_shows_programme_with_dates_costs_and_questions(client, trip, questions):
    html = client.get("/veranstaltungen/reise-daenemark/").text
    assert '<h2 id="agenda-heading">Programm</h2>' in html
    assert "Welfare-Tech-Cluster in Odense" in html
    # On a trip of several days each programme item names its day.
    agenda = html.split('id="agenda-heading"')[1].split("</section>")[0]
    assert f"{date_format(timezone.localtime(trip.start), 'DATE_FORMAT')}, " in agenda
    assert "420,00" in html
    assert "Was die Gebühr enthält" in html
    assert "Anreise und Hotel zahlen Sie selbst" in html
    assert "Was möchten Sie in Dänemark vorstellen?" in html
    assert "Die Veranstalter entscheiden über jede Anmeldung" in html


def test_trip_page_in_english(client, trip, questions):
    html = client.get("/en/events/reise-daenemark/").text
    assert '<h2 id="agenda-heading">Programme</h2>' in html
    assert "Visit to a super hospital" in html
    assert "What the fee includes" in html
    assert "you pay travel and hotel yourself" in html


def test_an_event_of_one_day_keeps_its_agenda_without_dates(client, aachen):
    event = factories.make_event(title="Workshop", slug="workshop-kurz", region=aachen)
    Session.objects.create(event=event, title="Begrüßung", start=event.start)
    html = client.get("/veranstaltungen/workshop-kurz/").text
    assert "Begrüßung" in html
    agenda = html.split('id="agenda-heading"')[1].split("</section>")[0]
    assert f"{date_format(timezone.localtime(event.start), 'DATE_FORMAT')}, " not in agenda
    assert "Was die Gebühr enthält" not in html


def apply(client, trip, questions, email, **extra):
    products, contacts = questions
    # The trip has a fee: the application gives the billing details too.
    billing = {
        "billing_organisation": "Beispiel Medizintechnik GmbH",
        "billing_street": "Hauptstraße 5",
        "billing_postcode": "52062",
        "billing_city": "Aachen",
        "billing_country": "DE",
        "billing_email": "rechnung@example.org",
    }
    data = form_data(
        email=email,
        **{f"question_{products.pk}": "Ein Telemonitoring-System", f"question_{contacts.pk}": "no"},
        **billing,
        **extra,
    )
    response = client.post(trip.get_absolute_url(), data)
    assert response.status_code == 302
    return Registration.objects.get(event=trip, email=email)


def test_application_with_answers_waits_for_the_managers_selection(
    client, trip, questions, mailoutbox
):
    registration = apply(client, trip, questions, "anna@example.org")
    assert registration.status == Status.PENDING
    products, contacts = questions
    assert {a.question: a.value for a in registration.answers.all()} == {
        products: "Ein Telemonitoring-System",
        contacts: "no",
    }
    client.post(confirm_path(registration))
    registration.refresh_from_db()
    assert registration.status == Status.AWAITING_APPROVAL
    assert "wartet auf Freigabe" in mailoutbox[-1].subject
    trip.refresh_from_db()
    assert trip.places_left == 2  # an application holds no place until it is selected


def _awaiting(trip, name):
    return factories.make_registration(
        trip, name=name, status=Status.AWAITING_APPROVAL, email=f"{name.lower()}@example.org"
    )


def test_manager_sees_the_answers_and_selects_or_declines_with_a_reason(
    admin_client, trip, questions, mailoutbox, django_capture_on_commit_callbacks
):
    chosen = _awaiting(trip, "Anna")
    other = _awaiting(trip, "Ben")
    products, _contacts = questions
    chosen.answers.create(question=products, value="Ein Telemonitoring-System")

    page = admin_client.get(f"/admin/events/registration/{chosen.pk}/change/").text
    assert "Ein Telemonitoring-System" in page
    assert 'value="confirm_registrations"' in page and 'value="decline_registrations"' in page

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/events/registration/{chosen.pk}/decide/",
            {"decision": "confirm_registrations", "reason": ""},
        )
        admin_client.post(
            f"/admin/events/registration/{other.pk}/decide/",
            {"decision": "decline_registrations", "reason": REASON},
        )
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.status == Status.CONFIRMED
    assert other.status == Status.DECLINED
    to_anna = next(mail for mail in mailoutbox if mail.to == ["anna@example.org"])
    assert "freigegeben" in to_anna.subject
    to_ben = next(mail for mail in mailoutbox if mail.to == ["ben@example.org"])
    assert REASON in to_ben.body
    trip.refresh_from_db()
    assert trip.places_left == 1


def test_selection_beyond_the_places_goes_to_the_waiting_list(
    admin_client, trip, django_capture_on_commit_callbacks
):
    applicants = [_awaiting(trip, name) for name in ("Anna", "Ben", "Cem")]
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/events/registration/",
            {
                "action": "confirm_registrations",
                "_selected_action": [registration.pk for registration in applicants],
            },
        )
    statuses = sorted(Registration.objects.filter(event=trip).values_list("status", flat=True))
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING_LIST]


def test_the_trip_appears_with_its_cooperation_on_the_delegations_page(client, trip):
    cooperation = factories.make_cooperation(title="Markterschließungsreisen")
    cooperation.events.add(trip)
    html = client.get("/delegationen/").text
    assert "Markterkundungsreise Dänemark" in html
    assert "die Veranstalter wählen die Teilnehmenden aus" in html
    assert "Markterschließungsreisen" in client.get("/veranstaltungen/reise-daenemark/").text
