"""Group bookings (issue 25): one person registers several participants of their organisation
in one go and gets one invoice; each participant keeps their own registration, ticket, page
and mails, and the allocation lock decides every place."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from billing.models import Invoice
from core import links
from events import services
from events.apps import PERSONAL_PURPOSE
from events.models import Booking, Registration
from tests.factories import make_open_event, make_registration

from .conftest import form_data, link_in, personal_path

Status = Registration.Status
db = pytest.mark.django_db

BILLING = {
    "billing_organisation": "Beispiel Medizintechnik GmbH",
    "billing_street": "Hauptstraße 5",
    "billing_postcode": "06108",
    "billing_city": "Halle (Saale)",
    "billing_country": "DE",
    "billing_email": "rechnung@example.org",
}
COLLEAGUES = [
    ("Max Muster", "max@example.org"),
    ("Lea Beispiel", "lea@example.org"),
]


def group_data(colleagues=COLLEAGUES, *, consent=True, **overrides):
    """The paid registration form with further participants in its first rows."""
    data = form_data(**{**BILLING, **overrides})
    data["participants-TOTAL_FORMS"] = "9"
    data["participants-INITIAL_FORMS"] = "0"
    for index, (name, email) in enumerate(colleagues):
        data[f"participants-{index}-name"] = name
        data[f"participants-{index}-email"] = email
    if consent:
        data["participants-participants_consent"] = "on"
    return data


def paid_event(**overrides):
    values = {"title": "Fachtagung Pflege digital", "capacity": 10, "price_cents": 9500}
    values.update(overrides)
    return make_open_event(**values)


def book_group(event, *names, booker=("Erika Mustermann", "erika@example.org"), language="de"):
    """A group booking through the service: the booker and further participants."""
    return services.register(
        event=event,
        name=booker[0],
        email=booker[1],
        language=language,
        consent={},
        organisation_name="Beispiel Medizintechnik GmbH",
        billing=BILLING,
        participants=[
            services.Participant(name=name, email=f"{name.split()[0].lower()}@example.org")
            for name in names
        ],
    ).registration


def linked_registration(mail) -> int:
    """The registration a mail's personal link opens (its token is signed with the second it
    was made in, so the link is compared by what it opens, not by its text)."""
    token = link_in(mail).rstrip("/").rsplit("/", 1)[1]
    return links.read_token(token, purpose=PERSONAL_PURPOSE).pk


def mails_to(mailoutbox, address):
    return [mail for mail in mailoutbox if mail.to == [address]]


# The form


@db
def test_the_paid_registration_form_offers_further_participants(client):
    html = client.get(paid_event().get_absolute_url()).text
    assert "Weitere Teilnehmende Ihrer Organisation anmelden" in html
    assert 'name="participants-8-email"' in html
    assert 'name="participants-9-email"' not in html


@db
def test_a_free_event_offers_no_group_booking(client, open_event):
    assert "participants-TOTAL_FORMS" not in client.get(open_event.get_absolute_url()).text


@db
def test_the_same_address_twice_in_a_group_is_refused_on_its_row(client):
    event = paid_event()
    data = group_data([("Max Muster", "max@example.org"), ("Max Zwei", "MAX@example.org")])
    response = client.post(event.get_absolute_url(), data)
    assert response.status_code == 200
    assert "Diese E-Mail-Adresse steht schon in der Gruppe." in response.text
    assert 'aria-describedby="id_participants-1-email_error"' in response.text
    assert 'id="id_participants-1-email_error"' in response.text
    assert not Registration.objects.exists()
    assert not Booking.objects.exists()


@db
def test_the_bookers_own_address_cannot_be_a_further_participant(client):
    response = client.post(
        paid_event().get_absolute_url(), group_data([("Erika Zwei", "Erika@example.org")])
    )
    assert "Diese E-Mail-Adresse steht schon in der Gruppe." in response.text
    assert not Registration.objects.exists()


@db
def test_a_colleague_already_registered_is_refused_in_english(client):
    event = paid_event()
    make_registration(event, email="max@example.org", status=Status.CONFIRMED)
    response = client.post(f"/en/events/{event.slug}/", group_data())
    assert response.status_code == 200
    assert "This e-mail address is already registered for this event." in response.text
    assert Registration.objects.count() == 1


@db
def test_a_group_needs_the_consent_to_pass_on_the_colleagues_data(client):
    response = client.post(paid_event().get_absolute_url(), group_data(consent=False))
    assert response.status_code == 200
    assert (
        "Bitte bestätigen Sie, dass Sie die Daten der weiteren Teilnehmenden weitergeben dürfen."
        in response.text
    )
    assert not Registration.objects.exists()


@db
def test_a_row_needs_a_name_and_an_address(client):
    response = client.post(paid_event().get_absolute_url(), group_data([("", "max@example.org")]))
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.text
    assert not Registration.objects.exists()


@db
def test_a_paid_form_without_the_participants_part_registers_the_booker_alone(client):
    client.post(paid_event().get_absolute_url(), form_data(**BILLING))
    assert Registration.objects.get().booking.registrations.count() == 1


@db
def test_a_booker_already_registered_is_told_the_group_was_not_registered(client, mailoutbox):
    event = paid_event()
    make_registration(event, email="erika@example.org", status=Status.CONFIRMED)
    response = client.post(event.get_absolute_url(), group_data(), follow=True)
    assert "auch die weiteren Teilnehmenden wurden nicht angemeldet" in response.text
    assert Registration.objects.count() == 1
    assert [mail.to for mail in mailoutbox] == [["erika@example.org"]]  # the link again


@db
def test_a_colleague_registered_meanwhile_stops_the_whole_group(mailoutbox):
    event = paid_event()
    make_registration(event, email="max@example.org")
    with pytest.raises(services.ParticipantAlreadyRegistered):
        book_group(event, "Max Muster", "Lea Beispiel")
    assert Registration.objects.count() == 1
    assert not Booking.objects.exists()
    assert not mailoutbox


# Allocation and the one invoice


@db
def test_a_group_of_three_for_two_places_gets_two_places_one_invoice_and_a_waiting_place(
    mailoutbox,
):
    event = paid_event(capacity=3)
    make_registration(event, status=Status.CONFIRMED)
    booker = book_group(event, "Max Muster", "Lea Beispiel")
    assert [mail.to for mail in mailoutbox] == [["erika@example.org"]]  # the booker alone
    assert "Max Muster (max@example.org)" in mailoutbox[0].body

    services.confirm(registration=booker)

    group = list(booker.booking.registrations.order_by("pk"))
    assert [r.status for r in group] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING_LIST]
    invoice = group[0].invoice
    assert group[1].invoice == invoice and group[2].invoice is None
    assert Invoice.objects.count() == 1
    assert [line.description for line in invoice.lines.order_by("position")] == [
        "Fachtagung Pflege digital: Erika Mustermann",
        "Fachtagung Pflege digital: Max Muster",
    ]
    assert invoice.net_cents == 2 * 9500
    assert invoice.source == booker.booking
    assert len(mails_to(mailoutbox, "rechnung@example.org")) == 1


@db
def test_each_participant_gets_their_own_mail_ticket_and_personal_page(client, mailoutbox):
    event = paid_event(capacity=2)
    booker = book_group(event, "Max Muster", "Lea Beispiel")
    services.confirm(registration=booker)
    max_, lea = (
        Registration.objects.get(name="Max Muster"),
        Registration.objects.get(name="Lea Beispiel"),
    )
    (max_mail,) = mails_to(mailoutbox, "max@example.org")
    assert "Erika Mustermann hat Sie in einer Gruppenbuchung Ihrer Organisation" in max_mail.body
    assert "Ihre Anmeldeseite" in max_mail.body  # how to cancel
    assert linked_registration(max_mail) == max_.pk
    page = client.get(personal_path(max_)).text
    assert "Max Muster" in page and "QR-Code" in page
    (lea_mail,) = mails_to(mailoutbox, "lea@example.org")
    assert "Warteliste" in lea_mail.subject
    assert "Erika Mustermann hat Sie" in lea_mail.body
    assert linked_registration(lea_mail) == lea.pk
    assert max_.ticket_code != lea.ticket_code != booker.ticket_code
    # The booker, who confirmed, is not told that they registered themselves.
    (booker_mail,) = [
        m for m in mails_to(mailoutbox, "erika@example.org") if "bestätigt" in m.subject
    ]
    assert "hat Sie in einer Gruppenbuchung" not in booker_mail.body


@db
def test_a_group_for_an_event_with_approval_awaits_the_decision_each(mailoutbox):
    event = paid_event(requires_approval=True)
    booker = book_group(event, "Max Muster")
    services.confirm(registration=booker)
    group = list(booker.booking.registrations.order_by("pk"))
    assert [r.status for r in group] == [Status.AWAITING_APPROVAL] * 2
    assert not Invoice.objects.exists()
    (max_mail,) = mails_to(mailoutbox, "max@example.org")
    assert "Erika Mustermann hat Sie" in max_mail.body
    assert "Vielen Dank für Ihre Bestätigung" not in max_mail.body

    approved = services.approve(registration=group[1])
    assert approved.invoice.lines.count() == 1  # a place confirmed later: its own invoice
    assert approved.invoice.billing_organisation == "Beispiel Medizintechnik GmbH"


@db
def test_a_members_free_places_are_counted_within_the_group(region):
    from members.models import Organisation
    from tests.factories import make_organisation

    make_organisation(name="Beispiel Medizintechnik GmbH", status=Organisation.Status.MEMBER)
    event = paid_event(member_price_cents=7500, free_places_per_member=1)
    booker = services.register(
        event=event,
        name="Erika Mustermann",
        email="erika@example.org",
        language="de",
        consent={},
        organisation_name="Beispiel Medizintechnik GmbH",
        billing=BILLING,
        member=True,
        participants=[services.Participant(name="Max Muster", email="max@example.org")],
    ).registration
    services.confirm(registration=booker)
    booker.refresh_from_db()
    max_ = Registration.objects.get(email="max@example.org")
    assert booker.invoice is None  # the member's free place
    assert max_.invoice.net_cents == 7500
    assert max_.invoice.lines.count() == 1


# Cancelling one of a group


@db
def test_cancelling_one_of_a_group_credits_the_invoice_and_invoices_the_rest(mailoutbox):
    event = paid_event()
    booker = book_group(event, "Max Muster", "Lea Beispiel")
    services.confirm(registration=booker)
    first_invoice = Registration.objects.get(email="max@example.org").invoice

    services.cancel(registration=Registration.objects.get(email="max@example.org"))

    first_invoice.refresh_from_db()
    assert first_invoice.status == Invoice.Status.CANCELLED
    assert first_invoice.credit_notes.get().gross_cents == first_invoice.gross_cents
    erika, max_, lea = booker.booking.registrations.order_by("pk")
    assert max_.invoice == first_invoice  # the cancelled place keeps its credited invoice
    new_invoice = erika.invoice
    assert new_invoice != first_invoice and lea.invoice == new_invoice
    assert [line.description for line in new_invoice.lines.order_by("position")] == [
        "Fachtagung Pflege digital: Erika Mustermann",
        "Fachtagung Pflege digital: Lea Beispiel",
    ]
    assert new_invoice.net_cents == 2 * 9500
    # The credit note and the new invoice both go to the invoice address.
    assert len(mails_to(mailoutbox, "rechnung@example.org")) == 3

    services.cancel(registration=erika)
    lea.refresh_from_db()
    assert lea.invoice.lines.count() == 1 and lea.invoice.source == lea


@db
def test_cancelling_the_last_place_of_an_invoice_only_credits_it():
    event = paid_event()
    booker = book_group(event, "Max Muster")
    services.confirm(registration=booker)
    for registration in booker.booking.registrations.order_by("pk"):
        services.cancel(registration=registration)
    assert Invoice.objects.filter(kind=Invoice.Kind.INVOICE).count() == 2
    assert not Invoice.objects.filter(
        kind=Invoice.Kind.INVOICE, status=Invoice.Status.OPEN
    ).exists()


# Invoice language and early bird


@db
def test_an_english_booking_gets_its_invoices_and_credit_note_in_english(mailoutbox):
    event = paid_event()
    booker = book_group(event, "Max Muster", language="en")
    services.confirm(registration=booker)
    (invoice_mail,) = mails_to(mailoutbox, "rechnung@example.org")
    assert invoice_mail.subject.startswith("Invoice ")
    max_ = Registration.objects.get(email="max@example.org")
    assert max_.language == "en"
    services.cancel(registration=max_)
    credit_note_mail, new_invoice_mail = mails_to(mailoutbox, "rechnung@example.org")[1:]
    assert credit_note_mail.subject.startswith("Credit note ")
    assert new_invoice_mail.subject.startswith("Invoice ")


@db
def test_the_early_bird_ends_on_the_local_date_of_the_booking():
    event = paid_event(
        early_bird_until=dt.date(2026, 9, 30),
        early_bird_price_cents=7000,
        start=timezone.now() + dt.timedelta(days=400),
    )
    booker = book_group(event)
    # 00:30 on 1 October in Germany, still 30 September in UTC.
    Booking.objects.update(created_at=dt.datetime(2026, 9, 30, 22, 30, tzinfo=dt.UTC))
    confirmed = services.confirm(registration=Registration.objects.get(pk=booker.pk))
    assert confirmed.invoice.net_cents == 9500


# Racing for the last places


@pytest.mark.django_db(transaction=True)
def test_two_groups_racing_for_the_last_places_never_over_allocate():
    event = paid_event(capacity=4)
    bookers = [
        book_group(event, "Max Muster", "Lea Beispiel"),
        book_group(
            event,
            "Tom Anders",
            "Ida Anders",
            booker=("Ole Anders", "ole@example.org"),
        ),
    ]
    barrier = threading.Barrier(len(bookers))
    errors = []

    def confirm(registration):
        try:
            barrier.wait()
            services.confirm(registration=registration)
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=confirm, args=(booker,)) for booker in bookers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 4
    assert event.registrations.filter(status=Status.WAITING_LIST).count() == 2
    # Whichever group took the lock first got its three places; the other the last place,
    # for its booker, and its two colleagues wait. Each group has exactly one invoice.
    places = []
    for booker in bookers:
        group = list(booker.booking.registrations.order_by("pk"))
        confirmed = [r for r in group if r.status == Status.CONFIRMED]
        assert confirmed == group[: len(confirmed)]  # in the group's order
        (invoice_id,) = {r.invoice_id for r in confirmed}
        assert Invoice.objects.get(pk=invoice_id).lines.count() == len(confirmed)
        assert all(r.invoice_id is None for r in group if r.status != Status.CONFIRMED)
        places.append(len(confirmed))
    assert sorted(places) == [1, 3]
    assert Invoice.objects.count() == 2


# End to end through the page


@db
def test_a_booker_registers_two_colleagues_through_the_page(client, mailoutbox):
    event = paid_event(capacity=5)
    response = client.post(event.get_absolute_url(), group_data(), follow=True)
    assert "Ihre Bestätigung meldet auch die weiteren Teilnehmenden an" in response.text
    assert [mail.to for mail in mailoutbox] == [["erika@example.org"]]

    client.post(link_in(mailoutbox[0], "bestaetigen"))

    for name, email in COLLEAGUES:
        (mail,) = mails_to(mailoutbox, email)
        page = client.get(link_in(mail)).text
        assert name in page
        assert Registration.objects.get(email=email).status == Status.CONFIRMED
    (invoice_mail,) = mails_to(mailoutbox, "rechnung@example.org")
    invoice = Invoice.objects.get()
    assert invoice.number in invoice_mail.subject
    assert invoice.lines.count() == 3
    assert (
        client.get(personal_path(Registration.objects.get(email="lea@example.org"))).status_code
        == 200
    )


@db
def test_the_back_office_shows_the_group_on_each_registration(admin_client):
    booker = book_group(paid_event(), "Max Muster", "Lea Beispiel")
    max_ = Registration.objects.get(email="max@example.org")
    page = admin_client.get(f"/admin/events/registration/{max_.pk}/change/").text
    assert "Gruppenbuchung" in page
    assert f'<a href="/admin/events/registration/{booker.pk}/change/">Erika Mustermann</a>' in page
    assert "Lea Beispiel" in page
