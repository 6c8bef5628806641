"""Joint stands and co-exhibitor applications for the joint-stand tests."""

import datetime as dt

from django.utils import timezone

from events.models import CoExhibitorApplication, Event, JointStand
from members.models import ContactPerson
from tests import factories


def make_trade_fair(**overrides) -> Event:
    values = {
        "title": "DMEA 2030: Landesgemeinschaftsstand NRW",
        "kind": Event.Kind.TRADE_FAIR,
        "city": "Berlin",
        "venue_name": "Messe Berlin",
        "start": timezone.now() + dt.timedelta(days=120),
    }
    values.update(overrides)
    values["end"] = values.get("end") or values["start"] + dt.timedelta(days=2)
    return factories.make_event(**values)


def make_stand(event=None, **overrides) -> JointStand:
    event = event or make_trade_fair()
    values = {
        "title": "Landesgemeinschaftsstand NRW",
        "hall": "3.2",
        "stand_number": "D-106",
        "places": 4,
        "place_size": 6,
        "place_price": "2450.00",
        "application_deadline": timezone.localdate() + dt.timedelta(days=30),
        "services": [JointStand.Service.POWER, JointStand.Service.CATALOGUE],
    }
    values.update(overrides)
    return JointStand.objects.create(event=event, **values)


def make_member_with_contact(email=None, **overrides):
    organisation = factories.make_organisation(**overrides)
    contact = ContactPerson.objects.create(
        organisation=organisation,
        name="Anna Beispiel",
        email=email or f"anna@{organisation.slug}.example",
        phone="+49 000 1",
    )
    return organisation, contact


def make_application(stand, organisation=None, **overrides) -> CoExhibitorApplication:
    organisation = organisation or factories.make_organisation()
    values = {
        "contact_name": "Anna Beispiel",
        "contact_email": f"anna@{organisation.slug}.example",
        "products": "Telemonitoring-Plattform",
        "places_needed": 1,
        "status": CoExhibitorApplication.Status.APPLIED,
        "language": "de",
        "consented_at": timezone.now(),
    }
    values.update(overrides)
    return CoExhibitorApplication.objects.create(stand=stand, organisation=organisation, **values)
