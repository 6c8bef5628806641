import datetime as dt

import pytest
from django.utils import timezone, translation

from events.models import Event
from tests import factories


@pytest.fixture(autouse=True)
def _german():
    """URLs built in a test are German, whatever language an earlier test left active."""
    with translation.override("de"):
        yield


@pytest.fixture
def b2b_event(db):
    # Whole seconds, as calendars carry them.
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=30)
    return factories.make_event(
        title="B2B-Börse Medizintechnik",
        slug="b2b-boerse",
        kind=Event.Kind.B2B_EXCHANGE,
        start=start,
        end=start + dt.timedelta(hours=6),
    )


@pytest.fixture
def fields(db):
    """Innovation fields a profile names."""
    return {
        "tele": factories.make_innovation_field(name="Telemedizin", slug="telemedizin"),
        "aal": factories.make_innovation_field(name="AAL", slug="aal"),
    }
