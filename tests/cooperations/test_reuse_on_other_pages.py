"""The pieces the member profile and the event page use to show cooperations."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests import factories
from tests.factories import add_partner

from .conftest import Role

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load cooperations %}" + source).render(Context(context))


def test_organisation_partial_lists_its_cooperations_with_roles(creative_health, creative_nrw):
    add_partner(creative_health, creative_nrw, Role.FUNDER)
    with translation.override("de"):
        html = render("{% cooperations_for_organisation org %}", org=creative_nrw)
    assert '<a href="/kooperationen/creative-health/">CREATIVE.HEALTH I und II</a>' in html
    assert "Mitveranstalter, Fördergeber" in html or "Fördergeber, Mitveranstalter" in html
    assert html.count("CREATIVE.HEALTH I und II") == 1


def test_organisation_partial_in_english_with_chosen_heading_level(creative_health, creative_nrw):
    with translation.override("en"):
        html = render("{% cooperations_for_organisation org heading_level=3 %}", org=creative_nrw)
    assert "<h3" in html and ">Cooperations</h3>" in html
    assert 'href="/en/cooperations/creative-health/"' in html
    assert "Co-organiser" in html


def test_organisation_partial_says_so_when_there_are_no_cooperations(organisation):
    with translation.override("de"):
        html = render("{% cooperations_for_organisation org %}", org=organisation)
    assert "Keine Kooperationen eingetragen." in html


def test_organisation_partial_runs_the_same_queries_for_many_cooperations(creative_nrw):
    def queries():
        with CaptureQueriesContext(connection) as context:
            render("{% cooperations_for_organisation org %}", org=creative_nrw)
        return len(context.captured_queries)

    add_partner(factories.make_cooperation(), creative_nrw)
    few = queries()
    for _ in range(30):
        add_partner(factories.make_cooperation(), creative_nrw, Role.HOST)
    assert queries() == few


def test_event_partial_names_the_cooperation_behind_the_event(creative_health, event):
    creative_health.events.add(event)
    with translation.override("de"):
        html = render("{% cooperations_for_event event %}", event=event)
    assert "Kooperation hinter dieser Veranstaltung" in html
    assert '<a href="/kooperationen/creative-health/">CREATIVE.HEALTH I und II</a>' in html


def test_event_partial_renders_nothing_for_an_event_without_cooperation(creative_health, event):
    assert render("{% cooperations_for_event event %}", event=event).strip() == ""


def test_links_go_both_ways_between_cooperation_event_and_partner(
    client, creative_health, creative_nrw, event
):
    creative_health.events.add(event)
    cooperation_page = client.get("/kooperationen/creative-health/").content.decode()
    assert f'href="{event.get_absolute_url()}"' in cooperation_page
    assert 'href="/kooperationen/partner/creative-nrw/"' in cooperation_page
    assert list(event.cooperations.all()) == [creative_health]
    partner_page = client.get("/kooperationen/partner/creative-nrw/").content.decode()
    assert 'href="/kooperationen/creative-health/"' in partner_page
