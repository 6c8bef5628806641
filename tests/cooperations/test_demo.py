import pytest
from django.core.management import call_command

from cooperations.models import Cooperation
from members.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", "--no-admin")


def test_demo_has_the_seed_cooperations_with_their_partners(demo):
    creative = Cooperation.objects.get(slug="creative-health")
    assert (creative.started_on.year, creative.ended_on.year) == (2014, 2015)
    assert creative.partners.filter(name="CREATIVE.NRW").exists()
    conhit = Cooperation.objects.get(slug="landesgemeinschaftsstand-conhit")
    assert conhit.is_ongoing and conhit.partners.filter(slug__startswith="ztg").exists()
    trips = Cooperation.objects.get(slug="markterschliessungsreisen-nrw-international")
    assert set(trips.countries) >= {"NL", "BE", "DK"}


def test_demo_transatlantic_initiative_is_funded_and_produced_the_aachen_workshop(demo):
    initiative = Cooperation.objects.get(slug="transatlantische-clusterinitiative")
    assert "ERP" in initiative.funding_programme.name
    assert initiative.partners.filter(name="AHK USA – Chicago").exists()
    assert initiative.events.filter(city="Aachen").exists()


def test_demo_partners_that_are_not_members_stay_out_of_the_directory(demo, client):
    html = client.get("/mitglieder/").content.decode()
    for name in ["CREATIVE.NRW", "Medizintechnik.NRW", "AHK USA – Chicago"]:
        organisation = Organisation.objects.get(name=name)
        assert organisation.is_partner
        assert organisation.status == Organisation.Status.NON_MEMBER
        assert name not in html
    assert Organisation.objects.get(slug="zenit-gmbh").is_partner
    assert Organisation.objects.get(slug="zenit-gmbh").status == Organisation.Status.MEMBER


def test_demo_pages_answer(demo, client):
    for url in ["/kooperationen/", "/kooperationen/partner/", "/en/cooperations/partners/"]:
        assert client.get(url).status_code == 200
    for cooperation in Cooperation.objects.all():
        assert client.get(cooperation.get_absolute_url()).status_code == 200
    for partner in Organisation.objects.partners():
        assert client.get(f"/kooperationen/partner/{partner.slug}/").status_code == 200
