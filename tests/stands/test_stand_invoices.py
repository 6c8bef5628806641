"""A place on a paid joint stand is invoiced when a manager accepts the co-exhibitor: billing
details are asked only for paid stands, a withdrawal after the invoice is credited, and the
co-exhibitor sees the invoice behind its link."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from billing.models import Invoice
from billing.services import payment_record
from stands import services
from stands.models import CoExhibitorApplication, CoExhibitorBilling
from tests.factories import make_member_with_contact, make_stand, make_stand_application

from .test_joint_stands import BILLING, application_data, link_from, request_link

Status = CoExhibitorApplication.Status
db = pytest.mark.django_db


@pytest.fixture
def member(db):
    return make_member_with_contact(email="anna@beispiel.example", name="Beispiel Telemed GmbH")


def open_link(client, stand, member, mailoutbox):
    organisation, contact = member
    request_link(client, stand, organisation, contact.email)
    return link_from(mailoutbox[-1])


# Billing details on the application form -------------------------------------------------------


@db
def test_member_applying_for_a_paid_stand_gives_billing_details(client, member, mailoutbox):
    stand = make_stand()
    link = open_link(client, stand, member, mailoutbox)
    form = client.get(link).text
    assert "Rechnungsdaten" in form
    assert 'name="billing_vat_id"' in form
    client.post(link, application_data(stand))
    billing = CoExhibitorBilling.objects.get()
    assert billing.application.organisation == member[0]
    assert (billing.billing_city, billing.billing_vat_id) == ("Bochum", "DE136695976")


@db
def test_member_applying_for_a_free_stand_is_not_asked_for_billing_details(
    client, member, mailoutbox
):
    stand = make_stand(price_cents=None)
    link = open_link(client, stand, member, mailoutbox)
    assert 'name="billing_vat_id"' not in client.get(link).text
    data = {key: value for key, value in application_data(stand).items() if key not in BILLING}
    response = client.post(link, data)
    assert "Vielen Dank für Ihre Bewerbung" in response.text
    assert CoExhibitorApplication.objects.count() == 1
    assert not CoExhibitorBilling.objects.exists()


@db
def test_member_with_a_wrong_vat_id_is_told_so_and_nothing_is_stored(client, member, mailoutbox):
    stand = make_stand()
    link = open_link(client, stand, member, mailoutbox)
    sent = len(mailoutbox)
    response = client.post(link, application_data(stand, billing_vat_id="DE123456789"))
    assert response.status_code == 200
    assert "Das ist keine gültige USt-IdNr." in response.text
    assert not CoExhibitorApplication.objects.exists()
    assert not CoExhibitorBilling.objects.exists()
    assert len(mailoutbox) == sent
    # The link is not used up: the member corrects the number and applies.
    client.post(link, application_data(stand))
    assert CoExhibitorApplication.objects.count() == 1


@db
def test_english_member_with_a_wrong_vat_id_is_told_so_in_english(client, member, mailoutbox):
    stand = make_stand()
    link = open_link(client, stand, member, mailoutbox)
    token = link.rstrip("/").split("/")[-1]
    with translation.override("en"):
        english = reverse("stands:apply", kwargs={"token": token})
    assert english.startswith("/en/")
    response = client.post(english, application_data(stand, billing_vat_id="DE123456789"))
    assert "This is not a valid VAT ID" in response.text
    assert not CoExhibitorApplication.objects.exists()


# The invoice on acceptance ---------------------------------------------------------------------


@db
def test_manager_accepting_a_co_exhibitor_invoices_the_place_with_vat(mailoutbox):
    stand = make_stand()
    application = make_stand_application(stand)
    services.stand_accept(application=application)
    invoice = Invoice.objects.get(kind="invoice")
    assert invoice == services.stand_invoice(application)
    assert (invoice.net_cents, invoice.vat_cents, invoice.gross_cents) == (245000, 46550, 291550)
    assert invoice.seller == stand.seller
    assert invoice.region == stand.event.region
    assert invoice.service_date == timezone.localdate(stand.event.start)
    assert invoice.billing_organisation == application.billing.billing_organisation
    line = invoice.lines.get()
    assert (line.quantity, line.unit_net_cents) == (1, 245000)
    assert stand.title in line.description
    assert invoice.number in mailoutbox[-1].body
    assert "2.915,50\xa0€" in mailoutbox[-1].body


@db
def test_manager_accepting_on_a_free_stand_writes_no_invoice():
    application = make_stand_application(make_stand(price_cents=None))
    services.stand_accept(application=application)
    assert not Invoice.objects.exists()


@db
def test_manager_cannot_accept_a_paid_place_without_billing_details():
    application = make_stand_application(make_stand(), billing=False)
    with pytest.raises(services.BillingDetailsMissing):
        services.stand_accept(application=application)
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert not Invoice.objects.exists()


@db
def test_withdrawal_after_the_invoice_is_credited():
    application = make_stand_application(make_stand())
    services.stand_accept(application=application)
    services.stand_withdraw(application=application)
    invoice = Invoice.objects.get(kind="invoice")
    credit_note = Invoice.objects.get(kind="credit_note")
    assert invoice.status == Invoice.Status.CANCELLED
    assert (credit_note.corrects, credit_note.gross_cents) == (invoice, 291550)


@db
def test_declining_an_invoiced_co_exhibitor_credits_the_invoice():
    application = make_stand_application(make_stand())
    services.stand_accept(application=application)
    services.stand_decline(application=application)
    assert Invoice.objects.credit_notes().count() == 1


@db
def test_withdrawal_before_acceptance_writes_no_credit_note():
    application = make_stand_application(make_stand())
    services.stand_withdraw(application=application)
    assert not Invoice.objects.exists()


@db
def test_co_exhibitor_sees_its_invoice_behind_a_new_link(client, member, mailoutbox):
    organisation, _contact = member
    stand = make_stand()
    application = make_stand_application(stand, organisation)
    services.stand_accept(application=application)
    invoice = services.stand_invoice(application)
    payment_record(invoice=invoice, amount_cents=invoice.gross_cents, paid_on=invoice.issue_date)
    link = open_link(client, stand, member, mailoutbox)
    # The only open stand was applied for: the page lists the application and its invoice.
    page = client.get(link).text
    assert invoice.number in page
    assert "2.915,50\xa0€" in page
    assert "Bezahlt" in page
    assert "Angenommen" in page


@db
def test_the_invoice_goes_with_the_applications_language():
    application = make_stand_application(make_stand(), language="en")
    services.stand_accept(application=application)
    assert "joint stand" in Invoice.objects.get().lines.get().description


# Free places, the applicant's language, the back office's check of the VAT ID ----------------


@db
def test_a_member_organisations_first_places_on_the_stand_cost_nothing(mailoutbox):
    stand = make_stand(places=6, free_places_per_member=1)
    two = make_stand_application(stand, places_needed=2)
    services.stand_accept(application=two)
    line = services.stand_invoice(two).lines.get()
    assert (line.quantity, line.unit_net_cents) == (1, 245000)  # one of the two is free

    one = make_stand_application(stand, places_needed=1)
    services.stand_accept(application=one)
    one.refresh_from_db()
    assert one.status == Status.ACCEPTED
    assert services.stand_invoice(one) is None  # its only place is its free one
    assert Invoice.objects.count() == 1


@db
def test_a_non_member_pays_every_place_even_where_members_get_free_ones():
    stand = make_stand(places=6, free_places_per_member=2)
    application = make_stand_application(stand, places_needed=2)
    application.organisation.status = application.organisation.Status.FORMER_MEMBER
    application.organisation.save(update_fields=["status"])
    services.stand_accept(application=application)
    assert services.stand_invoice(application).lines.get().quantity == 2


@db
def test_an_english_co_exhibitor_gets_invoice_and_credit_note_mails_in_english(mailoutbox):
    application = make_stand_application(make_stand(), language="en")
    services.stand_accept(application=application)
    invoice_mail = next(m for m in mailoutbox if m.attachments)
    services.stand_withdraw(application=application)
    credit_mail = [m for m in mailoutbox if m.attachments][-1]
    credit_note = Invoice.objects.credit_notes().get()
    assert credit_note.number in credit_mail.subject
    for message in (invoice_mail, credit_mail):
        assert message.to == [application.billing.billing_email]
        assert "Rechnung" not in message.subject and "Gutschrift" not in message.subject
        assert "/en/" in message.body


@db
def test_a_manager_correcting_billing_details_gets_the_vat_id_checked(admin_client):
    from tests.helpers import admin_form_data

    application = make_stand_application(make_stand())
    url = f"/admin/stands/coexhibitorapplication/{application.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data["billing-0-billing_vat_id"] = "DE123456789"  # a wrong check digit
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Das ist keine gültige USt-IdNr." in response.text
    data["billing-0-billing_vat_id"] = "ATU13585627"  # valid, but Austrian
    assert "gehört nicht zum Land" in admin_client.post(url, data).text
    application.billing.refresh_from_db()
    assert application.billing.billing_vat_id == ""

    data["billing-0-billing_vat_id"] = "de 136 695 976"
    assert admin_client.post(url, data).status_code == 302
    application.billing.refresh_from_db()
    assert application.billing.billing_vat_id == "DE136695976"
