"""The working groups' public pages: list and group page in both languages, the next meetings,
the members, the example marker, the navigation, the sitemap and the query-count rule."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Event
from groups.models import GroupMeeting, GroupMembership
from tests import factories
from tests.factories import (
    make_group,
    make_group_meeting,
    make_group_membership,
    make_innovation_field,
    make_organisation,
    make_region,
)
from tests.helpers import assert_constant_queries, count_queries, read_sitemap

pytestmark = pytest.mark.django_db
Status = GroupMembership.Status


@pytest.fixture
def group():
    return make_group(
        name_de="Arbeitsgruppe Telemedizin",
        name_en="Working group telemedicine",
        topic_de="Telemedizin in der Regelversorgung",
        topic_en="Telemedicine in standard care",
        slug="ag-telemedizin",
    )


def test_the_list_shows_published_groups_with_region_and_example_marker(client, group):
    make_group(name="Beispielgruppe", is_example=True)
    make_group(name="Entwurfsgruppe", is_published=False)

    page = client.get("/arbeitsgruppen/").text

    assert "Arbeitsgruppe Telemedizin" in page and group.region.name in page
    assert "Beispielgruppe" in page and "Beispiel</span>" in page
    assert "Entwurfsgruppe" not in page


def test_the_list_filters_by_region_and_innovation_field(client, group):
    field = make_innovation_field(name="Telemedizin", slug="telemedizin")
    group.innovation_fields.add(field)
    other = make_group(name="Pflegegruppe", region=make_region(slug="saar"))

    by_field = client.get("/arbeitsgruppen/?field=telemedizin").text
    by_region = client.get("/arbeitsgruppen/?region=saar").text

    assert "Arbeitsgruppe Telemedizin" in by_field and other.name not in by_field
    assert other.name in by_region and "Arbeitsgruppe Telemedizin" not in by_region


def test_the_group_page_shows_topic_spokesperson_members_and_next_meetings(client, group):
    member = make_organisation(name="Telemed GmbH")
    make_group_membership(group, member)
    make_group_membership(group, make_organisation(name="Anfrage GmbH"), status=Status.REQUESTED)
    make_group_membership(group, make_organisation(name="Ehemals GmbH"), status=Status.ENDED)
    make_group_meeting(group, title="Treffen im Frühjahr")
    past = make_group_meeting(group, title="Treffen im Herbst")
    Event.objects.filter(pk=past.event_id).update(
        start=timezone.now() - dt.timedelta(days=30), end=timezone.now() - dt.timedelta(days=30)
    )
    make_group_meeting(group, title="Unveröffentlichtes Treffen", is_published=False)

    response = client.get("/arbeitsgruppen/ag-telemedizin/")

    page = response.text
    assert response.status_code == 200
    assert "<h1>Arbeitsgruppe Telemedizin</h1>" in page
    assert "Telemedizin in der Regelversorgung" in page
    assert "Dr. Eva Sprecherin (Klinikum Beispiel)" in page
    assert "Telemed GmbH" in page and member.get_absolute_url() in page
    assert "Anfrage GmbH" not in page and "Ehemals GmbH" not in page
    assert "Treffen im Frühjahr" in page
    assert "Treffen im Herbst" not in page and "Unveröffentlichtes Treffen" not in page
    assert "/arbeitsgruppen/ag-telemedizin/beitreten/" in page


def test_the_group_page_in_english(client, group):
    page = client.get("/en/working-groups/ag-telemedizin/").text

    assert '<html lang="en"' in page
    assert "<h1>Working group telemedicine</h1>" in page
    assert "Telemedicine in standard care" in page
    assert "Next meetings" in page and "No meeting is scheduled at the moment." in page
    assert "/en/working-groups/ag-telemedizin/join/" in page


def test_a_german_only_group_is_marked_on_the_english_page(client):
    make_group(name="Nur deutsch", topic="Nur deutsches Thema", slug="nur-deutsch")

    page = client.get("/en/working-groups/nur-deutsch/").text

    assert '<h1 lang="de">Nur deutsch</h1>' in page


def test_the_spokesperson_can_be_a_members_contact_person(client):
    organisation, contact = factories.make_member_with_contact(name="Sprecher GmbH")
    group = make_group(spokesperson=contact, spokesperson_name="", spokesperson_organisation="")

    page = client.get(group.get_absolute_url()).text

    assert f"{contact.name} (Sprecher GmbH)" in page


def test_an_unpublished_group_is_not_found(client):
    group = make_group(is_published=False)
    assert client.get(group.get_absolute_url()).status_code == 404


def test_the_working_groups_are_in_the_main_navigation(client, group):
    page = client.get("/arbeitsgruppen/ag-telemedizin/").text
    assert 'aria-current="page" href="/arbeitsgruppen/">Arbeitsgruppen</a>' in page
    english = client.get("/en/").text
    assert 'href="/en/working-groups/">Working groups</a>' in english


def test_the_list_and_the_group_page_keep_their_query_counts(client, group):
    region = group.region
    field = make_innovation_field()

    def add_groups(count):
        for _ in range(count):
            other = make_group(region=region, is_example=True)
            other.innovation_fields.add(field)

    list_count = assert_constant_queries(client, "/arbeitsgruppen/", add_groups, large=40)
    english = assert_constant_queries(client, "/en/working-groups/", add_groups, large=40)
    assert list_count <= 12 and english <= 12

    def add_members_and_meetings(count):
        for _ in range(count):
            make_group_membership(group)
            make_group_meeting(group)

    page = "/arbeitsgruppen/ag-telemedizin/"
    detail = assert_constant_queries(client, page, add_members_and_meetings, large=30)
    assert detail <= 12
    english_page = "/en/working-groups/ag-telemedizin/"
    assert assert_constant_queries(client, english_page, add_members_and_meetings, large=40) <= 12


def test_a_cached_group_page_costs_at_most_two_queries(client, group):
    make_group_meeting(group)
    client.get(group.get_absolute_url())
    queries, response = count_queries(client, group.get_absolute_url())
    assert queries <= 2
    assert "Arbeitsgruppe Telemedizin" in response.text


def test_the_sitemap_lists_the_groups_in_both_languages(client, group):
    _index, pages = read_sitemap(client)
    locations = {
        element.text
        for page in pages
        for element in page.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    }
    assert any(url.endswith("/arbeitsgruppen/ag-telemedizin/") for url in locations)
    assert any(url.endswith("/en/working-groups/ag-telemedizin/") for url in locations)
    assert any(url.endswith("/arbeitsgruppen/") for url in locations)


# The rules of the records -----------------------------------------------------------------------


def test_a_group_has_one_spokesperson_not_two():
    organisation, contact = factories.make_member_with_contact()
    group = make_group(spokesperson=None)
    group.spokesperson = contact
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "spokesperson_name" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        group.save()


def test_a_named_spokesperson_needs_an_organisation():
    group = make_group()
    group.spokesperson_organisation = ""
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "spokesperson_organisation" in error.value.message_dict


def test_a_meeting_must_be_an_event_of_the_kind_working_group():
    group = make_group()
    meeting = GroupMeeting(group=group, event=factories.make_event(kind=Event.Kind.WORKSHOP))
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "event" in error.value.message_dict


def test_an_organisation_has_one_active_membership_per_group():
    group = make_group()
    organisation = make_organisation()
    make_group_membership(group, organisation, status=Status.DECLINED)
    make_group_membership(group, organisation, status=Status.REQUESTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_group_membership(group, organisation, status=Status.MEMBER)


def test_a_meetings_event_page_names_its_group(client, group):
    meeting = make_group_meeting(group, title="Frühjahrstreffen")
    workshop = factories.make_event(title="Ein Workshop")

    page = client.get(meeting.event.get_absolute_url()).text
    english = client.get(f"/en/events/{meeting.event.slug}/").text

    assert "Diese Veranstaltung ist ein Treffen der Arbeitsgruppe:" in page
    assert 'href="/arbeitsgruppen/ag-telemedizin/">Arbeitsgruppe Telemedizin</a>' in page
    assert 'href="/en/working-groups/ag-telemedizin/">Working group telemedicine</a>' in english
    assert "Arbeitsgruppe:" not in client.get(workshop.get_absolute_url()).text


def test_the_site_search_finds_a_group_by_its_topic(client, group):
    make_group(name="Entwurf Telemedizin", is_published=False)

    page = client.get("/suche/?q=Regelversorgung").text

    assert "Arbeitsgruppe Telemedizin" in page
    assert "/arbeitsgruppen/ag-telemedizin/" in page
    assert "Entwurf Telemedizin" not in page


@pytest.mark.django_db(transaction=True)
def test_an_accepted_member_appears_on_the_cached_page_at_once(client, mailoutbox):
    from groups import services

    group = make_group(slug="ag-frisch")
    request = make_group_membership(
        group, make_organisation(name="Neu GmbH"), status=Status.REQUESTED
    )
    assert "Neu GmbH" not in client.get("/arbeitsgruppen/ag-frisch/").text
    assert "Neu GmbH" not in client.get("/arbeitsgruppen/ag-frisch/").text  # from the cache

    services.accept(membership=request)

    assert "Neu GmbH" in client.get("/arbeitsgruppen/ag-frisch/").text
