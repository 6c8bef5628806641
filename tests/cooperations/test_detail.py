import pytest

from cooperations.models import FundingProgramme
from tests import factories
from tests.factories import add_partner, make_partner
from tests.helpers import assert_constant_queries

from .conftest import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def transatlantic(ztg, creative_nrw, innovation_field):
    programme = FundingProgramme.objects.create(
        name="Transatlantik-Programm (ERP)",
        funder="Bundesministerium für Wirtschaft und Energie (BMWi)",
        url="https://example.org/erp",
    )
    cooperation = factories.make_cooperation(
        title="Transatlantische Clusterinitiative",
        slug="transatlantisch",
        kind="funded",
        countries=["DE", "US"],
        funding_programme=programme,
        goals="Best Practices austauschen.",
        outcomes="Ein Workshop mit mehr als 30 Fachleuten.",
    )
    ahk = make_partner(name="AHK USA – Chicago", slug="ahk-usa-chicago", country="US")
    add_partner(cooperation, ahk, Role.OPERATOR, position=1)
    add_partner(cooperation, ztg, Role.HOST, position=2)
    cooperation.innovation_fields.add(innovation_field)
    return cooperation


def test_cooperation_page_shows_partners_with_roles_and_links_in_german(client, transatlantic):
    html = client.get("/kooperationen/transatlantisch/").content.decode()
    assert "<h1>Transatlantische Clusterinitiative</h1>" in html
    # a non-member partner links to its partner page, a member to its directory profile
    assert (
        '<a href="/kooperationen/partner/ahk-usa-chicago/">AHK USA – Chicago</a> – Träger' in html
    )
    assert '<a href="/mitglieder/ztg/">ZTG Zentrum für Telematik und Telemedizin GmbH</a>' in html
    assert "Gastgeber" in html


def test_cooperation_page_shows_countries_funding_goals_and_outcomes_in_german(
    client, transatlantic
):
    html = client.get("/kooperationen/transatlantisch/").content.decode()
    assert "Vereinigte Staaten" in html
    assert 'href="https://example.org/erp"' in html
    assert "gefördert von Bundesministerium für Wirtschaft und Energie (BMWi)" in html
    assert "Best Practices austauschen." in html
    assert "Ein Workshop mit mehr als 30 Fachleuten." in html
    assert 'href="/kooperationen/?field=telemedizin"' in html


def test_cooperation_page_in_english(client, transatlantic):
    html = client.get("/en/cooperations/transatlantisch/").content.decode()
    assert '<html lang="en">' in html
    assert "United States" in html
    assert (
        '<a href="/en/cooperations/partners/ahk-usa-chicago/">AHK USA – Chicago</a> – Operator'
        in html
    )
    assert '<a href="/en/members/ztg/">' in html
    assert "funded by Bundesministerium" in html


def test_partner_without_public_page_is_named_without_link(client, creative_health):
    former = factories.make_organisation(
        name="Früheres Mitglied GmbH", status="former", is_partner=False
    )
    add_partner(creative_health, former, Role.MEMBER)
    html = client.get("/kooperationen/creative-health/").content.decode()
    assert "<li>Früheres Mitglied GmbH – Mitwirkend</li>" in html


def test_cooperation_page_links_its_published_events(client, creative_health):
    congress = factories.make_event(title="CREATIVE.HEALTH II", slug="creative-health-ii")
    hidden = factories.make_event(title="Interne Vorbesprechung", is_published=False)
    creative_health.events.add(congress, hidden)
    html = client.get("/kooperationen/creative-health/").content.decode()
    assert '<a href="/veranstaltungen/creative-health-ii/">CREATIVE.HEALTH II</a>' in html
    assert "Interne Vorbesprechung" not in html


def test_unknown_cooperation_answers_404(client):
    assert client.get("/kooperationen/gibt-es-nicht/").status_code == 404
    assert client.get("/en/cooperations/does-not-exist/").status_code == 404


def test_detail_query_count_is_constant(client, transatlantic):
    def add_rows(count):
        for _ in range(count):
            add_partner(transatlantic, make_partner(), Role.MEMBER)
            transatlantic.events.add(factories.make_event())
            transatlantic.innovation_fields.add(factories.make_innovation_field())

    assert_constant_queries(client, "/kooperationen/transatlantisch/", add_rows)
