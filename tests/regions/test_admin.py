"""The back office: finding regions, filtering by state, editing figures, catching loops."""

import pytest

from tests import factories
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/regions/region/"


def listed(response) -> set[str]:
    return {str(region) for region in response.context["cl"].result_list}


def test_admin_filters_regions_by_a_state_a_cross_state_region_spans(
    admin_client, nrw, muensterland, mitteldeutschland
):
    assert listed(admin_client.get(CHANGELIST, {"state": "TH"})) == {"Mitteldeutschland"}
    assert listed(admin_client.get(CHANGELIST, {"state": "NW"})) == {
        "Nordrhein-Westfalen",
        "Münsterland",
    }


def test_admin_offers_only_states_that_have_regions(admin_client, nrw, mitteldeutschland):
    content = admin_client.get(CHANGELIST).content.decode()
    assert "?state=SN" in content
    assert "?state=BY" not in content


def test_admin_filters_regions_by_kind(admin_client, nrw, muensterland, mitteldeutschland):
    assert listed(admin_client.get(CHANGELIST, {"kind": "cross_state"})) == {"Mitteldeutschland"}


def test_admin_searches_regions_by_managing_body(admin_client, nrw, mitteldeutschland):
    assert listed(admin_client.get(CHANGELIST, {"q": "GWMD"})) == {"Mitteldeutschland"}


def test_admin_edits_key_figures_inline(admin_client, saarland):
    response = admin_client.get(f"/admin/regions/region/{saarland.pk}/change/")
    assert response.status_code == 200
    assert "Arbeitsplätze in der Medizintechnik" in response.content.decode()


def test_admin_explains_a_loop_in_plain_words(admin_client, nrw, muensterland):
    data = {
        "name": nrw.name,
        "slug": nrw.slug,
        "kind": nrw.kind,
        "parent": muensterland.pk,
        "states": "NW",
        "summary_de": "",
        "description_de": "",
        "managing_body": nrw.managing_body,
        "website": "",
        "latitude": "51.478",
        "longitude": "7.555",
        "figures-TOTAL_FORMS": "0",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
        **{
            f"{prefix}-{key}": value
            for prefix in ("bodies", "contacts")
            for key, value in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0")]
        },
    }
    response = admin_client.post(f"/admin/regions/region/{nrw.pk}/change/", data)
    assert response.status_code == 200
    assert "Eine Region kann nicht in sich selbst" in response.content.decode()
    nrw.refresh_from_db()
    assert nrw.parent is None


def test_admin_autocompletes_the_parent_region(admin_client, nrw):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "regions", "model_name": "region", "field_name": "parent", "term": "Nord"},
    )
    assert [item["text"] for item in response.json()["results"]] == ["Nordrhein-Westfalen"]


def test_changelist_query_count_does_not_grow_with_regions(admin_client, nrw):
    def add_regions(count):
        for _ in range(count):
            factories.make_region(parent=nrw, states=["NW"])

    assert_constant_queries(admin_client, CHANGELIST, add_regions)
