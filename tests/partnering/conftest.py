import datetime as dt
import itertools

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from members.access import access_link_url
from members.models import AccessLink, ContactPerson
from partnering.apps import PURPOSE_POST
from partnering.models import Post
from regions.models import FederalState, Region
from tests import factories

_titles = itertools.count(1)


def make_post(organisation, **overrides) -> Post:
    """A published, public post valid for a month unless told otherwise."""
    fields = overrides.pop("innovation_fields", [])
    sectors = overrides.pop("sectors", [])
    target_regions = overrides.pop("target_regions", [])
    values = {
        "kind": Post.Kind.TECHNOLOGY_OFFER,
        "title": f"Angebot {next(_titles)}",
        "description": "Ein Angebot aus dem Netzwerk.",
        "valid_until": timezone.localdate() + dt.timedelta(days=30),
        "status": Post.Status.PUBLISHED,
        "published_at": timezone.now(),
        "submitted_by_email": "geheim-poster@example.org",
    }
    values.update(overrides)
    post = Post.objects.create(organisation=organisation, **values)
    post.innovation_fields.set(fields)
    post.sectors.set(sectors)
    post.target_regions.set(target_regions)
    return post


@pytest.fixture(autouse=True)
def _german(request):
    """URLs built in a test are German, whatever language an earlier test left active."""
    with translation.override("de"):
        yield


@pytest.fixture
def world(db):
    """A small network: NRW with Aachen and Köln-Bonn, Rheinland-Pfalz next door, Saarland."""
    nrw = factories.make_region(
        name="Nordrhein-Westfalen",
        slug="nrw",
        kind=Region.Kind.STATE,
        states=[FederalState.NORDRHEIN_WESTFALEN],
    )
    aachen = factories.make_region(
        name="Aachen", slug="aachen", parent=nrw, states=[FederalState.NORDRHEIN_WESTFALEN]
    )
    koeln = factories.make_region(
        name="Köln-Bonn", slug="koeln-bonn", parent=nrw, states=[FederalState.NORDRHEIN_WESTFALEN]
    )
    rlp = factories.make_region(
        name="Rheinland-Pfalz",
        slug="rlp",
        kind=Region.Kind.STATE,
        states=[FederalState.RHEINLAND_PFALZ],
    )
    saxony = factories.make_region(
        name="Sachsen", slug="sachsen", kind=Region.Kind.STATE, states=[FederalState.SACHSEN]
    )
    tele = factories.make_innovation_field(name="Telemedizin", slug="telemedizin")
    aal = factories.make_innovation_field(name="AAL", slug="aal")
    ortho = factories.make_innovation_field(name="Orthopädietechnik", slug="orthopaedietechnik")
    medtech = factories.make_sector(name="Medizintechnik", slug="medizintechnik")
    it = factories.make_sector(name="Gesundheits-IT", slug="gesundheits-it")
    return {
        "nrw": nrw,
        "aachen": aachen,
        "koeln": koeln,
        "rlp": rlp,
        "saxony": saxony,
        "tele": tele,
        "aal": aal,
        "ortho": ortho,
        "medtech": medtech,
        "it": it,
    }


@pytest.fixture
def poster(world):
    return factories.make_organisation(
        name="Klinik Aachen", slug="klinik-aachen", region=world["aachen"]
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db):
    """Each test starts with empty rate-limit counters (they live in the cache)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def contact_email(poster):
    """A contact person's address: posting links only go to the organisation's contacts."""
    ContactPerson.objects.create(
        organisation=poster, name="Karla Kontakt", email="kontakt@klinik-aachen.example"
    )
    return "kontakt@klinik-aachen.example"


def posting_link(organisation, email) -> str:
    """The path of a fresh one-time posting link, as the e-mail would carry it."""
    link = AccessLink.objects.create(organisation=organisation, email=email, purpose=PURPOSE_POST)
    return access_link_url(link)


# B2B meetings -------------------------------------------------------------------------------


def make_participant(event, name, *, language="de", status=None, profile=True, **profile_data):
    """A registration of `event` (confirmed unless told) with a published B2B profile."""
    from events.models import Registration
    from partnering.models import B2BProfile

    registration = Registration.objects.create(
        event=event,
        name=name,
        email=f"{name.lower().replace(' ', '.')}@b2b.example",
        organisation_name=f"{name} GmbH",
        language=language,
        status=status or Registration.Status.CONFIRMED,
    )
    if profile:
        B2BProfile.objects.create(
            registration=registration,
            offer=profile_data.get("offer", f"Angebot von {name}"),
            seek=profile_data.get("seek", f"Gesuch von {name}"),
        )
    return registration


def make_slots(event, count, *, minutes=30):
    from partnering.models import MeetingSlot

    return [
        MeetingSlot.objects.create(
            event=event,
            start=event.start + dt.timedelta(minutes=minutes * index),
            end=event.start + dt.timedelta(minutes=minutes * index + minutes - 5),
        )
        for index in range(count)
    ]


def make_tables(event, count):
    from partnering.models import MeetingTable

    return [
        MeetingTable.objects.create(event=event, name=str(number), position=number)
        for number in range(1, count + 1)
    ]


def accepted_meeting(requester, recipient, *, minutes_ago=0):
    from partnering.models import Meeting

    return Meeting.objects.create(
        event=requester.event,
        requester=requester,
        recipient=recipient,
        status=Meeting.Status.ACCEPTED,
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
    )


@pytest.fixture
def b2b_event(db):
    from events.models import Event

    # Whole seconds, as calendars carry them.
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=30)
    return factories.make_event(
        title="B2B-Börse Medizintechnik",
        slug="b2b-boerse",
        kind=Event.Kind.B2B_EXCHANGE,
        start=start,
        end=start + dt.timedelta(hours=6),
    )
