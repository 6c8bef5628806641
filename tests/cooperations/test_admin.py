import datetime as dt

import pytest

from cooperations.models import Cooperation, CooperationPartner
from tests import factories
from tests.factories import make_partner

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/cooperations/cooperation/add/"


def form_data(organisation, **overrides):
    data = {
        "title_de": "Markterkundung Dänemark",
        "slug": "markterkundung-daenemark",
        "kind": Cooperation.Kind.TRIP,
        "summary_de": "",
        "started_on": "2016-05-01",
        "ended_on": "2016-05-04",
        "countries": ["DE", "DK"],
        "goals_de": "",
        "description_de": "",
        "outcomes_de": "",
        "partner_roles-TOTAL_FORMS": "1",
        "partner_roles-INITIAL_FORMS": "0",
        "partner_roles-MIN_NUM_FORMS": "0",
        "partner_roles-MAX_NUM_FORMS": "1000",
        "partner_roles-0-organisation": str(organisation.pk),
        "partner_roles-0-role": CooperationPartner.Role.OPERATOR,
        "partner_roles-0-position": "0",
    }
    data.update(overrides)
    return data


def test_admin_creates_a_cooperation_with_partner_role_and_countries(admin_client):
    partner = make_partner(name="NRW.International GmbH")
    response = admin_client.post(ADD_URL, form_data(partner))
    assert response.status_code == 302
    cooperation = Cooperation.objects.get(slug="markterkundung-daenemark")
    assert cooperation.countries == ["DE", "DK"]
    assert cooperation.partner_roles.get().organisation == partner


def test_admin_explains_an_end_before_the_start_and_stores_nothing(admin_client):
    partner = make_partner()
    response = admin_client.post(ADD_URL, form_data(partner, ended_on="2016-04-01"))
    assert response.status_code == 200
    assert "Das Ende kann nicht vor dem Beginn liegen." in response.content.decode()
    assert not Cooperation.objects.exists()
    assert not CooperationPartner.objects.exists()


def test_admin_refuses_the_same_role_twice(admin_client):
    partner = make_partner()
    data = form_data(
        partner,
        **{
            "partner_roles-TOTAL_FORMS": "2",
            "partner_roles-1-organisation": str(partner.pk),
            "partner_roles-1-role": CooperationPartner.Role.OPERATOR,
            "partner_roles-1-position": "1",
        },
    )
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert not Cooperation.objects.exists()


def test_admin_autocompletes_organisations_for_partner_roles(admin_client):
    make_partner(name="Medizintechnik.NRW")
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "cooperations",
            "model_name": "cooperationpartner",
            "field_name": "organisation",
            "term": "Medizin",
        },
    )
    assert [row["text"] for row in response.json()["results"]] == ["Medizintechnik.NRW"]


def test_admin_autocompletes_events(admin_client):
    factories.make_event(title="Cross-Border Conference")
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "cooperations",
            "model_name": "cooperation",
            "field_name": "events",
            "term": "Cross",
        },
    )
    assert [row["text"] for row in response.json()["results"]] == ["Cross-Border Conference"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=NL", {"Symposium"}),
        ("status=ongoing", {"Messestand"}),
        ("status=finished", {"Symposium"}),
        ("kind=cross_border", {"Symposium"}),
        ("q=Messe", {"Messestand"}),
        ("country=XX", {"Symposium", "Messestand"}),
    ],
)
def test_admin_list_filters_and_search(admin_client, query, expected):
    factories.make_cooperation(
        title="Symposium",
        kind=Cooperation.Kind.CROSS_BORDER,
        countries=["DE", "NL"],
        started_on=dt.date(2015, 9, 23),
        ended_on=dt.date(2015, 9, 23),
    )
    factories.make_cooperation(title="Messestand", kind=Cooperation.Kind.JOINT_STAND)
    response = admin_client.get(f"/admin/cooperations/cooperation/?{query}")
    assert response.status_code == 200
    shown = {str(row) for row in response.context["cl"].result_list}
    assert shown == expected


def test_admin_change_page_opens(admin_client, creative_health):
    response = admin_client.get(f"/admin/cooperations/cooperation/{creative_health.pk}/change/")
    assert response.status_code == 200
    assert "CREATIVE.NRW" in response.content.decode()
