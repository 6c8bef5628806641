import datetime as dt

import pytest
from django.utils import timezone

from cooperations.models import Cooperation
from tests import factories
from tests.factories import add_partner, make_partner
from tests.helpers import assert_constant_queries

from .conftest import Role

pytestmark = pytest.mark.django_db


def titles(response):
    return {cooperation.title for cooperation in response.context["page_obj"]}


def test_list_shows_cooperations_with_partners_in_german(client, creative_health):
    html = client.get("/kooperationen/").content.decode()
    assert "<h1>Kooperationen</h1>" in html
    assert "CREATIVE.HEALTH I und II" in html
    assert "CREATIVE.NRW (Mitveranstalter)" in html
    assert "2014–2015" in html
    assert "abgeschlossen" in html


def test_list_shows_cooperations_in_english(client, creative_health):
    html = client.get("/en/cooperations/").content.decode()
    assert "<h1>Cooperations</h1>" in html
    assert "CREATIVE.NRW (Co-organiser)" in html
    assert 'href="/en/cooperations/creative-health/"' in html


def test_filter_by_kind(client, creative_health, conhit_stand):
    response = client.get("/kooperationen/", {"kind": "joint_stand"})
    assert titles(response) == {conhit_stand.title}


def test_old_links_filtering_by_partner_slug_keep_working(client, creative_health, conhit_stand):
    response = client.get("/kooperationen/", {"partner": "creative-nrw"})
    assert titles(response) == {creative_health.title}


def test_partner_search_finds_cooperations_by_part_of_the_partner_name(
    client, creative_health, conhit_stand
):
    response = client.get("/kooperationen/", {"partner": "  telematik "})
    assert titles(response) == {conhit_stand.title}


def test_partner_search_tolerates_a_typing_error(client, creative_health, conhit_stand):
    response = client.get("/kooperationen/", {"partner": "Telematic"})
    assert titles(response) == {conhit_stand.title}


def test_partner_search_ignores_organisations_that_are_not_partners(client, creative_health):
    factories.make_organisation(name="Telematik Werkstatt GmbH", slug="telematik-werkstatt")
    for text in ["Telematik", "telematik-werkstatt"]:
        response = client.get("/kooperationen/", {"partner": text})
        assert titles(response) == set()
        assert "Keine Kooperation passt zu dieser Auswahl." in response.content.decode()


def test_partner_filter_is_a_labelled_text_field_without_a_list_of_organisations(
    client, creative_health, conhit_stand
):
    for number in range(3):
        add_partner(creative_health, make_partner(name=f"Listenpartner {number}"), Role.MEMBER)
    html = " ".join(client.get("/kooperationen/").content.decode().split())
    start = html.index('id="filter-heading"')
    form = html[start : html.index("</form>", start)]
    assert 'name="partner"' in form and '<select name="partner"' not in form
    assert "Listenpartner" not in form and "CREATIVE.NRW" not in form
    assert '<label for="id_partner" class="form-label"> Partnerorganisation </label>' in form
    assert 'aria-describedby="id_partner_helptext"' in form
    assert "Name oder ein Teil davon; kleine Tippfehler sind kein Problem." in form
    english = " ".join(client.get("/en/cooperations/").content.decode().split())
    assert "> Partner organisation </label>" in english
    assert "Name or part of the name; small typing errors are tolerated." in english


def test_filter_by_partner_lists_a_cooperation_once_although_the_partner_has_two_roles(
    client, creative_health, creative_nrw
):
    add_partner(creative_health, creative_nrw, Role.FUNDER)
    response = client.get("/kooperationen/", {"partner": "creative-nrw"})
    assert response.context["page_obj"].paginator.count == 1


def test_filter_by_country(client, creative_health):
    dutch = factories.make_cooperation(title="Symposium NL", countries=["DE", "NL"])
    response = client.get("/kooperationen/", {"country": "NL"})
    assert titles(response) == {dutch.title}


def test_filter_ongoing(client, creative_health, conhit_stand):
    response = client.get("/kooperationen/", {"status": "ongoing"})
    assert titles(response) == {conhit_stand.title}


def test_filter_finished(client, creative_health, conhit_stand):
    response = client.get("/kooperationen/", {"status": "finished"})
    assert titles(response) == {creative_health.title}


def test_filter_by_innovation_field_slug(client, creative_health, conhit_stand, innovation_field):
    conhit_stand.innovation_fields.add(innovation_field)
    response = client.get("/kooperationen/", {"field": "telemedizin"})
    assert titles(response) == {conhit_stand.title}


def test_filters_combine(client, creative_health, conhit_stand):
    response = client.get("/kooperationen/", {"kind": "joint_stand", "status": "finished"})
    assert titles(response) == set()
    assert "Keine Kooperation passt zu dieser Auswahl." in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "nonsense"},
        {"country": "XX"},
        {"status": "someday"},
        {"field": "no-such-field"},
        {"page": "abc"},
        {"page": "9999"},
    ],
)
def test_invalid_filter_values_are_explained_and_ignored(client, creative_health, params):
    response = client.get("/kooperationen/", params)
    assert response.status_code == 200
    assert titles(response) == {creative_health.title}
    if "page" not in params:
        assert "keine gültige Auswahl" in response.content.decode()


def test_overlong_partner_text_is_explained_and_ignored(client, creative_health):
    response = client.get("/kooperationen/", {"partner": "x" * 201})
    assert response.status_code == 200
    assert titles(response) == {creative_health.title}
    assert "höchstens 200 Zeichen" in response.content.decode()


def test_invalid_filter_value_is_explained_in_english(client, creative_health):
    html = client.get("/en/cooperations/", {"country": "XX"}).content.decode()
    assert "Select a valid choice" in html


def test_list_is_paginated_and_keeps_filters_in_page_links(client):
    for number in range(25):
        factories.make_cooperation(title=f"Reise {number:02}", kind=Cooperation.Kind.TRIP)
    first = client.get("/kooperationen/", {"kind": "trip"})
    assert len(first.context["page_obj"]) == 20
    assert "kind=trip&amp;page=2" in first.content.decode()
    second = client.get("/kooperationen/", {"kind": "trip", "page": 2})
    assert len(second.context["page_obj"]) == 5


def test_newest_cooperations_come_first_and_unknown_starts_last(client):
    factories.make_cooperation(title="Ohne Beginn")
    factories.make_cooperation(title="Alt", started_on=dt.date(2014, 1, 1))
    factories.make_cooperation(title="Neu", started_on=timezone.localdate())
    response = client.get("/kooperationen/")
    assert [c.title for c in response.context["page_obj"]] == ["Neu", "Alt", "Ohne Beginn"]


def test_list_query_count_is_constant(client, innovation_field):
    def add_rows(count):
        for _ in range(count):
            cooperation = factories.make_cooperation(countries=["DE", "NL"])
            add_partner(cooperation, make_partner(), Role.HOST)
            add_partner(cooperation, factories.make_organisation(), Role.MEMBER)
            cooperation.innovation_fields.add(innovation_field)

    assert_constant_queries(client, "/kooperationen/", add_rows)
