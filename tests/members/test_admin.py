import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Organisation
from tests import factories
from tests.factories import image_bytes
from tests.helpers import assert_constant_queries

from .conftest import upload

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/members/organisation/"


def test_changelist_filters_by_status_kind_region_sector_and_field(
    admin_client, region, innovation_field
):
    sector = factories.make_sector(slug="pflege")
    match = factories.make_organisation(name="Treffer", region=region, kind="clinic")
    match.sectors.add(sector)
    match.innovation_fields.add(innovation_field)
    factories.make_organisation(name="Andere", kind="clinic")
    query = (
        f"?status__exact=member&kind__exact=clinic&region__id__exact={region.pk}"
        f"&sectors__id__exact={sector.pk}&innovation_fields__id__exact={innovation_field.pk}"
    )
    response = admin_client.get(CHANGELIST + query)
    assert [obj.name for obj in response.context["cl"].result_list] == ["Treffer"]


def test_changelist_search_finds_contact_e_mail(admin_client, member):
    factories.make_organisation(name="Andere")
    response = admin_client.get(CHANGELIST, {"q": "anna@beispiel"})
    assert [obj.name for obj in response.context["cl"].result_list] == [member.name]


def test_changelist_search_lists_an_organisation_once_when_two_contacts_match(admin_client, member):
    factories.make_organisation(name="Andere")
    response = admin_client.get(CHANGELIST, {"q": "beispiel.example"})
    changelist = response.context["cl"]
    assert [obj.name for obj in changelist.result_list] == [member.name]
    assert changelist.result_count == 1
    assert "1 Organisation" in response.content.decode()


def test_changelist_orders_equal_names_by_creation(admin_client):
    first = factories.make_organisation(name="Gleichnamig")
    second = factories.make_organisation(name="Gleichnamig")
    factories.make_organisation(name="Anfang")
    response = admin_client.get(CHANGELIST)
    assert [obj.pk for obj in response.context["cl"].result_list][1:] == [first.pk, second.pk]


def test_changelist_counts_only_the_filtered_list(admin_client, member):
    with CaptureQueriesContext(connection) as context:
        response = admin_client.get(CHANGELIST, {"status__exact": "member"})
    assert response.status_code == 200
    counts = [query["sql"] for query in context.captured_queries if "COUNT(" in query["sql"]]
    assert len(counts) == 1


def test_searched_and_filtered_changelist_query_count_is_constant(
    admin_client, region, innovation_field
):
    sector = factories.make_sector(slug="pflege")

    def add_rows(count):
        for number in range(count):
            organisation = factories.make_organisation(name=f"Pflegedienst {number}", region=region)
            organisation.sectors.add(sector)
            organisation.innovation_fields.add(innovation_field)
            for person in ("anna", "bernd"):
                organisation.contact_persons.create(
                    name=person, email=f"{person}.{number}@pflege.example"
                )

    url = (
        f"{CHANGELIST}?q=pflege&sectors__id__exact={sector.pk}"
        f"&innovation_fields__id__exact={innovation_field.pk}"
    )
    assert_constant_queries(admin_client, url, add_rows, small=10, large=250)
    response = admin_client.get(url)
    assert response.context["cl"].result_count == 250


def test_change_form_shows_contact_persons_inline_and_logo_preview(admin_client, member):
    member.logo = upload("logo.png", image_bytes("PNG"))
    member.save()
    member.refresh_from_db()
    page = admin_client.get(f"{CHANGELIST}{member.pk}/change/").content.decode()
    assert "anna@beispiel.example" in page and "bernd@beispiel.example" in page
    assert member.logo_thumbnail_large.url in page


def test_region_and_innovation_fields_use_autocomplete(admin_client, member):
    page = admin_client.get(f"{CHANGELIST}{member.pk}/change/").content.decode()
    assert 'class="admin-autocomplete"' in page
    assert 'data-field-name="region"' in page
    assert 'data-field-name="innovation_fields"' in page


def test_admin_changelist_query_count_is_constant(admin_client, region):
    assert_constant_queries(
        admin_client,
        CHANGELIST,
        lambda count: [factories.make_organisation(region=region) for _ in range(count)],
    )


def test_admin_pages_of_applications_and_change_requests_open(admin_client):
    for url in [
        "/admin/members/membershipapplication/",
        "/admin/members/profilechangerequest/",
        "/admin/members/accesslink/",
    ]:
        assert admin_client.get(url).status_code == 200


def test_admin_inline_refuses_two_contacts_with_one_e_mail(admin_client):
    organisation = factories.make_organisation(name="Doppel GmbH", kind="pharma")
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "status": organisation.status,
        "joined_on": "2020-01-01",
        "country": "DE",
        "contact_persons-TOTAL_FORMS": "2",
        "contact_persons-INITIAL_FORMS": "0",
        "contact_persons-MIN_NUM_FORMS": "0",
        "contact_persons-MAX_NUM_FORMS": "1000",
        "contact_persons-0-name": "A",
        "contact_persons-0-email": "same@x.example",
        "contact_persons-0-position": "0",
        "contact_persons-1-name": "B",
        "contact_persons-1-email": "SAME@x.example",
        "contact_persons-1-position": "1",
    }
    response = admin_client.post(f"{CHANGELIST}{organisation.pk}/change/", data)
    assert response.status_code == 200
    assert organisation.contact_persons.count() == 0


def test_changelist_search_finds_a_word_of_the_description_and_a_misspelt_name(admin_client):
    factories.make_organisation(
        name="Rehatechnik Eifel GmbH", description_de="Wir entwickeln Exoskelette für die Reha."
    )
    factories.make_organisation(name="Andere")
    by_description = admin_client.get(CHANGELIST, {"q": "Exoskelette"})
    misspelt = admin_client.get(CHANGELIST, {"q": "Rehatechnick"})
    for response in (by_description, misspelt):
        names = [obj.name for obj in response.context["cl"].result_list]
        assert names == ["Rehatechnik Eifel GmbH"]


@pytest.mark.parametrize(
    ("term", "name"),
    [
        ("saar.is", "saar.is saarland.innovation&standort e. V."),
        ("IBMT", "Fraunhofer-Institut für Biomedizinische Technik (IBMT)"),
        ("LZG", "LZG.NRW – Landeszentrum Gesundheit Nordrhein-Westfalen"),
        ("LZG.NRW", "LZG.NRW – Landeszentrum Gesundheit Nordrhein-Westfalen"),
    ],
)
def test_manager_finds_names_with_punctuation_and_abbreviations(admin_client, term, name):
    factories.make_organisation(name=name, status=Organisation.Status.APPLICANT, joined_on=None)
    factories.make_organisation(name="Klinikum Mitte")
    response = admin_client.get(CHANGELIST, {"q": term})
    assert [obj.name for obj in response.context["cl"].result_list] == [name]


def test_search_of_all_organisations_can_use_indexes_of_all_organisations():
    # The members-only indexes of the directory cannot serve the back office's list, which
    # shows every status; see test_search_conditions_can_use_the_full_text_and_trigram_indexes.
    from members.search import search_all, update_search_vectors

    Organisation.objects.bulk_create(
        Organisation(
            name=f"Werkstatt {number}",
            slug=f"werkstatt-{number}",
            kind=Organisation.Kind.SERVICE_PROVIDER,
            status=Organisation.Status.MEMBER if number % 4 else Organisation.Status.APPLICANT,
            joined_on=datetime.date(2020, 1, 1) if number % 4 else None,
        )
        for number in range(400)
    )
    update_search_vectors(Organisation.objects.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE members_organisation")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL cpu_operator_cost = 1")
    plan = search_all(Organisation.objects.all(), "saar.is").explain()
    assert "BitmapOr" in plan
    assert "organisation_search" in plan
    assert plan.count("organisation_name_trgm") == 2
    assert "organisation_member_" not in plan
