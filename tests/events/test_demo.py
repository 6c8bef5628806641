import pytest
from django.core.management import call_command

from events.models import Event, Registration, Speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    call_command("load_demo", "--no-admin")


def test_demo_has_the_seed_events_as_archive(demo):
    past = Event.objects.past()
    symposium = past.get(title="Deutsch-Niederländisches Symposium")
    assert (symposium.start.date().isoformat(), symposium.city) == ("2015-09-23", "Münster")
    assert past.filter(city="Mönchengladbach", start__year=2016).exists()
    assert past.filter(title__startswith="conhIT").count() == 4
    assert past.filter(title="CREATIVE.HEALTH II").exists()
    workshop = past.get(city="Aachen")
    speakers = set(Speaker.objects.filter(sessions__event=workshop).values_list("name", flat=True))
    assert speakers == {"Univ.-Prof. Dr. med. Gernot Marx", "Robert Schwanitz"}


def test_demo_has_upcoming_events_open_for_registration(demo, client):
    upcoming = list(Event.objects.upcoming())
    assert sum(event.accepts_registrations for event in upcoming) >= 3
    small = Event.objects.get(slug="netzwerktreffen-telemedizin")
    assert small.capacity == 3
    assert small.registrations.filter(status=Registration.Status.WAITING_LIST).count() == 2
    assert Event.objects.filter(requires_approval=True).exists()
    assert Event.objects.filter(questions__required=True).exists()
    assert Event.objects.get(slug="mitteldeutsche-gesundheitswirtschaftskonferenz").series
    for event in Event.objects.all():
        assert client.get(event.get_absolute_url()).status_code == 200
    assert "Auf die Warteliste setzen" in client.get(small.get_absolute_url()).text


def test_demo_conference_is_paid_with_invoices_in_every_state(demo):
    from billing.models import Invoice

    conference = Event.objects.get(slug="mitteldeutsche-gesundheitswirtschaftskonferenz")
    assert (conference.price_cents, conference.vat_rate) == (9500, "19.00")
    assert conference.seller.invoice_prefix == "GWMD"
    invoices = Invoice.objects.filter(seller=conference.seller)
    states = set(invoices.invoices().values_list("status", flat=True))
    assert states == {Invoice.Status.OPEN, Invoice.Status.PAID, Invoice.Status.CANCELLED}
    assert invoices.credit_notes().count() == 1
    before = (Invoice.objects.count(), Registration.objects.count())
    call_command("load_demo", "--no-admin")
    assert (Invoice.objects.count(), Registration.objects.count()) == before
