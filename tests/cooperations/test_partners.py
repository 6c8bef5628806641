import pytest

from members.models import Organisation
from tests import factories
from tests.factories import add_partner, make_partner
from tests.helpers import assert_constant_queries

from .conftest import Role

pytestmark = pytest.mark.django_db


def test_partners_overview_groups_partners_by_category_in_german(
    client, creative_health, conhit_stand
):
    make_partner(name="AHK USA – Chicago", partner_category=Organisation.PartnerCategory.ABROAD)
    html = client.get("/kooperationen/partner/").content.decode()
    assert "<h1>Partner</h1>" in html
    cluster = html.index(">Landescluster</h2>")
    agency = html.index(">Landesgesellschaft / Landeseinrichtung</h2>")
    abroad = html.index(">Partner im Ausland</h2>")
    # groups follow the order of the categories, each partner under its own
    assert cluster < html.index("CREATIVE.NRW") < agency
    assert agency < html.index("ZTG Zentrum für Telematik") < abroad
    assert abroad < html.index("AHK USA – Chicago")


def test_partners_without_category_are_listed_last(client, creative_nrw):
    make_partner(name="Ohne Kategorie e. V.", partner_category="")
    html = client.get("/kooperationen/partner/").content.decode()
    assert html.index("CREATIVE.NRW") < html.index(">Weitere Partner</h2>")
    assert html.index(">Weitere Partner</h2>") < html.index("Ohne Kategorie e. V.")


def test_partners_overview_lists_each_partners_cooperations(client, creative_health, creative_nrw):
    add_partner(creative_health, creative_nrw, Role.FUNDER)  # two roles, listed once
    response = client.get("/kooperationen/partner/")
    html = response.content.decode()
    assert html.count('href="/kooperationen/creative-health/"') == 1
    assert 'href="/kooperationen/partner/creative-nrw/"' in html


def test_partners_overview_leaves_out_organisations_that_are_not_partners(client, organisation):
    html = client.get("/kooperationen/partner/").content.decode()
    assert organisation.name not in html


def test_partners_overview_in_english(client, creative_health):
    html = client.get("/en/cooperations/partners/").content.decode()
    assert "<h1>Partners</h1>" in html
    assert ">State cluster</h2>" in html
    assert 'href="/en/cooperations/partners/creative-nrw/"' in html


def test_partners_overview_query_count_is_constant(client):
    categories = Organisation.PartnerCategory.values + [""]

    def add_rows(count):
        for number in range(count):
            partner = make_partner(partner_category=categories[number % len(categories)])
            add_partner(factories.make_cooperation(), partner, Role.HOST)

    assert_constant_queries(client, "/kooperationen/partner/", add_rows)


def test_partner_page_lists_its_cooperations_with_roles(client, creative_health, creative_nrw):
    html = client.get("/kooperationen/partner/creative-nrw/").content.decode()
    assert "<h1>CREATIVE.NRW</h1>" in html
    assert '<a href="/kooperationen/creative-health/">CREATIVE.HEALTH I und II</a>' in html
    assert "Mitveranstalter" in html
    assert "Landescluster" in html


def test_partner_page_in_english(client, creative_health):
    html = client.get("/en/cooperations/partners/creative-nrw/").content.decode()
    assert "<h1>CREATIVE.NRW</h1>" in html
    assert "Co-organiser" in html
    assert "Germany" in html


def test_partner_page_of_a_member_links_to_its_directory_profile(client, conhit_stand, ztg):
    html = client.get("/kooperationen/partner/ztg/").content.decode()
    assert 'href="/mitglieder/ztg/"' in html
    assert 'href="/kooperationen/conhit/"' in html


def test_partner_page_of_a_non_member_does_not_link_to_the_directory(client, creative_nrw):
    html = client.get("/kooperationen/partner/creative-nrw/").content.decode()
    assert 'href="/mitglieder/creative-nrw/"' not in html
    assert "Keine Kooperationen eingetragen." in html


def test_partner_page_answers_404_for_unknown_slugs_and_non_partners(client, organisation):
    assert client.get("/kooperationen/partner/gibt-es-nicht/").status_code == 404
    assert client.get(f"/kooperationen/partner/{organisation.slug}/").status_code == 404


def test_non_member_partner_is_absent_from_the_member_directory(client, creative_nrw, ztg):
    html = client.get("/mitglieder/").content.decode()
    assert "CREATIVE.NRW" not in html
    assert "ZTG Zentrum für Telematik" in html


def test_non_member_partner_has_no_directory_profile(client, creative_nrw):
    assert client.get("/mitglieder/creative-nrw/").status_code == 404
    assert client.get("/en/members/creative-nrw/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_new_partner_appears_on_the_cached_partners_overview(client, creative_nrw):
    client.get("/kooperationen/partner/")  # rendered and cached

    make_partner(name="AHK USA – Chicago", partner_category=Organisation.PartnerCategory.ABROAD)

    assert "AHK USA – Chicago" in client.get("/kooperationen/partner/").content.decode()
