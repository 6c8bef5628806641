import datetime as dt
import re
from decimal import Decimal

import pytest

from members.models import Organisation
from tests import factories
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_profile_shows_public_details(client, member, innovation_field):
    member.innovation_fields.add(innovation_field)
    member.website = "https://beispiel.example"
    member.street = "Hafenweg 1"
    member.postcode = "48155"
    member.founded_year = 1998
    member.employee_band = Organisation.EmployeeBand.SMALL
    member.save()
    page = client.get("/mitglieder/beispiel-medizintechnik/").content.decode()
    assert "<h1>Beispiel Medizintechnik GmbH</h1>" in page
    assert "Hafenweg 1" in page and "48155 Münster" in page
    assert "https://beispiel.example" in page
    assert "10–49 Beschäftigte" in page
    assert "1998" in page


def test_profile_links_region_and_innovation_fields(client, member, innovation_field):
    member.innovation_fields.add(innovation_field)
    page = client.get(member.get_absolute_url()).content.decode()
    assert f'href="{member.region.get_absolute_url()}"' in page
    assert 'href="/mitglieder/?innovation_field=telemedizin"' in page


def test_profile_shows_only_contact_persons_who_agreed(client, member):
    page = client.get(member.get_absolute_url()).content.decode()
    assert "Anna Beispiel" in page and "anna@beispiel.example" in page
    assert "Bernd Verborgen" not in page and "bernd@beispiel.example" not in page


def test_profile_shows_a_map_marker_without_external_requests(client, member):
    member.latitude, member.longitude = Decimal("51.96236"), Decimal("7.62571")
    member.save()
    page = client.get(member.get_absolute_url()).content.decode()
    assert "<svg" in page
    assert 'href="geo:51.96236,7.62571"' in page
    assert "tile" not in page


def test_profile_shows_when_it_was_last_confirmed(client, member):
    member.last_confirmed_on = dt.date(2026, 3, 14)
    member.save()
    page = client.get(member.get_absolute_url()).content.decode()
    assert "Profil zuletzt bestätigt am 14. März 2026" in page


def test_unknown_profile_is_404(client):
    assert client.get("/mitglieder/gibt-es-nicht/").status_code == 404


@pytest.mark.parametrize(
    "status",
    [
        Organisation.Status.APPLICANT,
        Organisation.Status.FORMER_MEMBER,
        Organisation.Status.NON_MEMBER,
    ],
)
def test_profiles_of_non_members_are_404(client, status):
    organisation = factories.make_organisation(status=status, joined_on=None)
    assert client.get(organisation.get_absolute_url()).status_code == 404


def test_english_profile(client, member):
    response = client.get(f"/en/members/{member.slug}/")
    assert response.status_code == 200
    assert "Contact persons" in response.content.decode()


def test_profile_query_count_is_constant(client, member, innovation_field):
    member.innovation_fields.add(innovation_field)

    def add_rows(count):
        for number in range(count):
            member.contact_persons.create(
                name=f"Person {number}", email=f"p{number}-{count}@x.example", is_public=True
            )
            member.innovation_fields.add(factories.make_innovation_field())
            factories.make_organisation(region=member.region)

    assert_constant_queries(client, member.get_absolute_url(), add_rows, large=300)


def test_profile_location_reads_as_the_postal_address_not_coordinates(client, member):
    member.street, member.postcode, member.city = "Am Markt 3", "66111", "Saarbrücken"
    member.latitude, member.longitude = Decimal("49.29882"), Decimal("7.05696")
    member.save()
    page = client.get(member.get_absolute_url()).content.decode()
    location = page[page.index('<address class="mb-2">') :]
    location = location[: location.index("</address>")]
    assert "Am Markt 3<br>66111 Saarbrücken" in location
    assert 'href="geo:49.29882,7.05696"' in location
    text = re.sub(r"<[^>]+>", " ", page)
    assert "49.29882" not in text and "49,29882" not in text
