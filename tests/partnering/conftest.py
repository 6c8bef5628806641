import pytest
from django.core.cache import cache
from django.utils import translation

from members.access import access_link_url
from members.models import AccessLink, ContactPerson
from partnering.apps import PURPOSE_POST
from regions.models import FederalState, Region
from tests import factories


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
