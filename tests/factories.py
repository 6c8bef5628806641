"""Small factories for tests: each makes one valid object, overridable by keyword."""

import datetime as dt
import itertools

from django.utils import timezone

from cooperations.models import Cooperation
from events.models import Event
from members.models import InnovationField, Organisation, Sector
from regions.models import FederalState, Region

_sequence = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_sequence)}"


def make_region(**overrides) -> Region:
    slug = overrides.pop("slug", None) or unique("region")
    values = {"name": slug.replace("-", " ").title(), "kind": Region.Kind.HEALTH_REGION}
    values.update(overrides)
    # A federal state lies in exactly one state, a cross-state region in several.
    values.setdefault(
        "states",
        {
            Region.Kind.STATE: [FederalState.NORDRHEIN_WESTFALEN],
            Region.Kind.CROSS_STATE: [FederalState.SACHSEN, FederalState.THUERINGEN],
        }.get(values["kind"], []),
    )
    return Region.objects.create(slug=slug, **values)


def make_innovation_field(**overrides) -> InnovationField:
    slug = overrides.pop("slug", None) or unique("field")
    values = {"name": slug.replace("-", " ").title()}
    values.update(overrides)
    return InnovationField.objects.create(slug=slug, **values)


def make_sector(**overrides) -> Sector:
    slug = overrides.pop("slug", None) or unique("sector")
    values = {"name": slug.replace("-", " ").title()}
    values.update(overrides)
    return Sector.objects.create(slug=slug, **values)


def make_organisation(**overrides) -> Organisation:
    slug = overrides.pop("slug", None) or unique("organisation")
    values = {
        "name": slug.replace("-", " ").title(),
        "kind": Organisation.Kind.MEDICAL_TECHNOLOGY,
        "status": Organisation.Status.MEMBER,
        "joined_on": dt.date(2020, 1, 1),
    }
    values.update(overrides)
    return Organisation.objects.create(slug=slug, **values)


def make_event(**overrides) -> Event:
    slug = overrides.pop("slug", None) or unique("event")
    start = overrides.pop("start", None) or timezone.now() + dt.timedelta(days=30)
    values = {
        "title": slug.replace("-", " ").title(),
        "kind": Event.Kind.WORKSHOP,
        "start": start,
        "end": overrides.pop("end", None) or start + dt.timedelta(hours=4),
        "city": "Bochum",
    }
    values.update(overrides)
    return Event.objects.create(slug=slug, **values)


def make_cooperation(**overrides) -> Cooperation:
    slug = overrides.pop("slug", None) or unique("cooperation")
    values = {"title": slug.replace("-", " ").title(), "kind": Cooperation.Kind.PARTNERSHIP}
    values.update(overrides)
    return Cooperation.objects.create(slug=slug, **values)
