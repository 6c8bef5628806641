import datetime as dt

from django.utils import timezone

from events.models import Event
from stands.models import CoExhibitorApplication, CoExhibitorBilling, JointStand

from .billing import make_buyer, make_seller
from .events import PLACEHOLDER_START, make_trade_fair
from .members import make_organisation


def make_stand(event=None, **overrides) -> JointStand:
    event = event or make_trade_fair()
    values = {
        "title": "Landesgemeinschaftsstand NRW",
        "hall": "3.2",
        "stand_number": "D-106",
        "places": 4,
        "place_size": 6,
        "price_cents": 245000,
        "application_deadline": timezone.localdate() + dt.timedelta(days=30),
        "services": [JointStand.Service.POWER, JointStand.Service.CATALOGUE],
    }
    values.update(overrides)
    if (values.get("price_cents") or values.get("member_price_cents")) and "seller" not in values:
        values["seller"] = make_seller()
    return JointStand.objects.create(event=event, **values)


def make_stand_abroad(**fair) -> tuple[Event, JointStand]:
    """An archive entry as the demo has them: country only, the date a placeholder."""
    values = {
        "title": "Gemeinschaftsstand Saarland – Fachmesse Indien",
        "slug": "fachmesse-indien",
        "start": PLACEHOLDER_START,
        "end": PLACEHOLDER_START + dt.timedelta(hours=8),
        "city": "",
        "venue_name": "",
        "country": "IN",
        "date_unknown": True,
    }
    values.update(fair)
    event = make_trade_fair(**values)
    stand = make_stand(event, title=values["title"], application_deadline=None)
    return event, stand


def make_stand_application(
    stand, organisation=None, *, billing=True, **overrides
) -> CoExhibitorApplication:
    """A co-exhibitor's application for a place on `stand`, with billing details where the
    stand is paid (unless `billing=False`)."""
    organisation = organisation or make_organisation()
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
    application = CoExhibitorApplication.objects.create(
        stand=stand, organisation=organisation, **values
    )
    if billing and stand.is_paid:
        CoExhibitorBilling.objects.create(
            application=application,
            **make_buyer(organisation=organisation.name, email=values["contact_email"]).fields(),
        )
    return application
