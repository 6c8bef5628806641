import datetime as dt

from django.utils import timezone

from events.models import Event, Registration

from .base import unique

# The day the demo's archive entries carry when their real date is unknown.
PLACEHOLDER_START = timezone.make_aware(dt.datetime(2014, 1, 1, 9))


def make_event(**overrides) -> Event:
    """A published workshop in a month unless told otherwise."""
    slug = overrides.pop("slug", None) or unique("event")
    # At ten in the morning, whatever time the tests run: four hours from an evening start
    # would end on the next day, and pages show a two-day event with its dates.
    start = overrides.pop("start", None) or (timezone.localtime() + dt.timedelta(days=30)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    values = {
        "title": slug.replace("-", " ").title(),
        "kind": Event.Kind.WORKSHOP,
        "start": start,
        "end": overrides.pop("end", None) or start + dt.timedelta(hours=4),
        "city": "Bochum",
    }
    values.update(overrides)
    if (values.get("price_cents") or values.get("member_price_cents")) and not values.get("seller"):
        from .billing import make_seller

        values["seller"] = make_seller()
    return Event.objects.create(slug=slug, **values)


def make_past_event(days_ago=60, **overrides) -> Event:
    start = timezone.now() - dt.timedelta(days=days_ago)
    return make_event(start=start, end=start + dt.timedelta(hours=3), **overrides)


def make_open_event(**overrides) -> Event:
    """An event open for registration."""
    values = {
        "title": "Netzwerktreffen Telemedizin",
        "registration_enabled": True,
        "venue_name": "Gesundheitscampus NRW",
        "city": "Bochum",
    }
    values.update(overrides)
    return make_event(**values)


def make_registration(event, **overrides) -> Registration:
    values = {
        "name": "Erika Mustermann",
        "email": unique("person") + "@example.org",
        "language": "de",
        "status": Registration.Status.PENDING,
    }
    values.update(overrides)
    if values["status"] == Registration.Status.WAITING_LIST:
        values.setdefault("waiting_since", timezone.now())
    if values["status"] == Registration.Status.OFFERED:
        values.setdefault("offer_expires_at", timezone.now() + dt.timedelta(hours=48))
    return Registration.objects.create(event=event, **values)


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
    return make_event(**values)
