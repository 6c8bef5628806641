import datetime as dt

from django.utils import timezone

from delegations.models import DelegationVisit, ProgrammeItem

from .base import unique


def make_delegation_visit(**overrides) -> DelegationVisit:
    """A public two-day visit from the Netherlands in a month unless told otherwise."""
    slug = overrides.pop("slug", None) or unique("delegation")
    start = overrides.pop("start_date", None) or timezone.localdate() + dt.timedelta(days=30)
    values = {
        "title": slug.replace("-", " ").title(),
        "country": "NL",
        "size": 10,
        "start_date": start,
        "end_date": overrides.pop("end_date", None) or start + dt.timedelta(days=1),
    }
    values.update(overrides)
    return DelegationVisit.objects.create(slug=slug, **values)


def make_programme_item(visit, **overrides) -> ProgrammeItem:
    start = overrides.pop("start", None) or timezone.make_aware(
        dt.datetime.combine(visit.start_date, dt.time(10))
    )
    values = {"title": unique("Programmpunkt"), "start": start}
    values.update(overrides)
    return ProgrammeItem.objects.create(visit=visit, **values)
