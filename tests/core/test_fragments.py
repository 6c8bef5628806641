"""Cached page fragments: served without their queries, never stale after a change.

The tests of what a change does across processes run with real commits (transaction=True):
content versions are replaced when a transaction commits, which the usual test transaction never
does. Inside a transaction, pages are keyed by the connection's own pending changes; the tests of
that run in the usual test transaction.
"""

import datetime as dt
import re
from unittest import mock

import pytest
from django.db import transaction
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core import fragments
from core.models import ContentVersion
from members.models import Organisation
from tests.factories import make_innovation_field, make_organisation
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragment_cache():
    """The fragment cache, on as in production and emptied before each test (tests/conftest.py)."""
    return fragments.fragment_cache()


def test_second_visit_to_the_directory_is_served_from_the_fragment_with_one_query(
    client, fragment_cache, member
):
    url = reverse("members:list")
    first, response = count_queries(client, url)
    second, cached = count_queries(client, url)
    assert "Aachener Sensorik GmbH" in cached.content.decode()
    assert cached.content == response.content
    # Only the content versions are read; the list, counts and filter choices come cached.
    assert second == 1 < first


@pytest.mark.django_db(transaction=True)
def test_renamed_member_shows_its_new_name_on_the_next_visit(client, fragment_cache, member):
    url = reverse("members:list")
    client.get(url)

    def rename():
        member.name = "Eifel Sensorik GmbH"
        member.save()

    rename()
    page = client.get(url).content.decode()
    assert "Eifel Sensorik GmbH" in page
    assert "Aachener Sensorik GmbH" not in page


@pytest.mark.django_db(transaction=True)
def test_deleted_member_disappears_from_its_cached_profile_and_the_directory(
    client, fragment_cache, member
):
    client.get(reverse("members:list"))
    client.get(member.get_absolute_url())
    member.delete()
    assert "Aachener Sensorik GmbH" not in client.get(reverse("members:list")).content.decode()
    assert client.get(member.get_absolute_url()).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_innovation_field_added_to_a_member_shows_on_its_cached_profile(
    client, fragment_cache, member
):
    field = make_innovation_field(name="Exoskelette")
    client.get(member.get_absolute_url())
    member.innovation_fields.add(field)
    assert "Exoskelette" in client.get(member.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_bulk_update_shows_once_the_writer_reports_the_change(client, fragment_cache, member):
    url = reverse("members:list")
    client.get(url)

    def bulk_rename():
        Organisation.objects.filter(pk=member.pk).update(name="Saar Sensorik GmbH")
        fragments.content_changed("members")

    bulk_rename()
    assert "Saar Sensorik GmbH" in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_change_in_another_app_keeps_the_directory_cached(client, fragment_cache, member):
    from tests.factories import make_event

    url = reverse("members:list")
    client.get(url)
    make_event()
    queries, _ = count_queries(client, url)
    assert queries == 1


def test_german_and_english_pages_are_cached_apart(client, fragment_cache, member):
    german = client.get(reverse("members:list")).content.decode()
    english = client.get("/en" + reverse("members:list")).content.decode()
    assert "Mitgliederverzeichnis" in german
    assert "Member directory" in english
    assert "Mitgliederverzeichnis" not in english


def test_each_filter_combination_has_its_own_fragment(client, fragment_cache, member):
    make_organisation(name="Ruhr Pflege GmbH", status=Organisation.Status.MEMBER)
    url = reverse("members:list")
    client.get(url)
    filtered = client.get(url, {"q": "Ruhr"}).content.decode()
    assert "Ruhr Pflege GmbH" in filtered
    assert "Aachener Sensorik GmbH" not in filtered


def test_signed_in_staff_always_get_the_page_rendered_afresh(admin_client, fragment_cache, member):
    url = reverse("members:list")
    admin_client.get(url)
    admin_client.get(url)
    assert not fragment_cache._cache  # nothing stored for a signed-in visitor


def test_fragment_holding_a_csrf_token_is_never_stored(rf, fragment_cache, settings):
    request = RequestFactory().get("/")
    request.user = mock.Mock(is_authenticated=False)
    template = Template(
        '{% load fragments %}{% fragment "form" on "members" %}'
        '<form method="post">{% csrf_token %}</form>{% endfragment %}'
    )
    html = template.render(RequestContext(request, {}))
    assert "csrfmiddlewaretoken" in html
    assert not fragment_cache._cache


def test_form_sent_back_is_rendered_with_its_own_values_not_from_the_cache(rf, fragment_cache):
    template = Template(
        '{% load fragments %}{% fragment "form" on "members" %}{{ value }}{% endfragment %}'
    )
    request = rf.get("/")
    request.user = mock.Mock(is_authenticated=False)
    template.render(RequestContext(request, {"value": "leer"}))
    posted = rf.post("/")
    posted.user = request.user
    assert template.render(RequestContext(posted, {"value": "Eingabe"})) == "Eingabe"


def test_changes_in_one_transaction_replace_the_token_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for number in range(3):
            make_organisation(name=f"Organisation {number}")
    members_callbacks = [c for c in callbacks if getattr(c, "topic", None) == "members"]
    assert len(members_callbacks) == 1


def test_token_changes_after_a_rolled_back_change_and_a_later_one(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        try:
            with transaction.atomic():
                make_organisation(name="Verworfen")
                raise RuntimeError
        except RuntimeError:
            pass
        before = fragments.content_versions().get("members")
        make_organisation(name="Behalten")
    assert fragments.content_versions()["members"] != before


def test_token_is_replaced_only_when_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        make_organisation()
        assert not ContentVersion.objects.filter(topic="members").exists()
    for callback in callbacks:
        callback()
    assert ContentVersion.objects.filter(topic="members").exists()


def test_upcoming_events_fragment_is_keyed_by_the_minute(rf):
    request = rf.get("/veranstaltungen/")
    moment = dt.datetime(2026, 11, 23, 9, 59, 30, tzinfo=dt.UTC)
    with mock.patch.object(timezone, "now", return_value=moment):
        before = fragments.fragment_key(request, "events:list", ("events",), per="minute")
    later = moment + dt.timedelta(seconds=40)
    with mock.patch.object(timezone, "now", return_value=later):
        after = fragments.fragment_key(request, "events:list", ("events",), per="minute")
    assert before != after


def test_fragment_tag_rejects_an_app_that_has_no_content_version():
    with pytest.raises(TemplateSyntaxError, match="unknown topics"):
        Template('{% load fragments %}{% fragment "x" on "membres" %}{% endfragment %}')


def test_fragment_renders_without_a_request(fragment_cache):
    html = Template('{% load fragments %}{% fragment "x" on "members" %}Hallo{% endfragment %}')
    assert html.render(Context({})) == "Hallo"


@pytest.fixture
def network():
    """A few hundred rows behind every cached page."""
    from tests.factories import make_cooperation, make_event, make_region

    region = make_region(name="Aachen")
    members = [
        make_organisation(status=Organisation.Status.MEMBER, region=region) for _ in range(120)
    ]
    events = [
        make_event(
            region=region,
            registration_enabled=True,
            capacity=50,
            registration_closes=timezone.now() + dt.timedelta(days=20),
        )
        for _ in range(60)
    ]
    cooperations = [make_cooperation() for _ in range(40)]
    return {"member": members[0], "event": events[0], "cooperation": cooperations[0]}


def without_csrf_token(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


CACHED_PAGES = {
    # page: queries of a visit served from the fragments (content versions, the page's object,
    # the places left of the event cards shown: a live part, never cached)
    "home": (lambda n: reverse("home"), 2),
    "directory": (lambda n: reverse("members:list") + "?page=2", 1),
    "profile": (lambda n: n["member"].get_absolute_url(), 2),
    "event list": (lambda n: reverse("events:list"), 2),
    "event page": (lambda n: n["event"].get_absolute_url(), 2),
    "cooperation list": (lambda n: reverse("cooperations:list"), 1),
    "partners": (lambda n: reverse("cooperations:partners"), 1),
}


@pytest.mark.parametrize("page", CACHED_PAGES)
def test_cached_pages_answer_a_second_visit_with_at_most_their_own_object_query(
    client, fragment_cache, network, page
):
    url_of, expected = CACHED_PAGES[page]
    url = url_of(network)
    first, response = count_queries(client, url)
    queries, cached = count_queries(client, url)
    assert queries == expected < first
    assert without_csrf_token(cached) == without_csrf_token(response)


def test_registration_form_of_a_cached_event_page_carries_this_visitors_csrf_token(
    fragment_cache, network
):
    from django.test import Client

    url = network["event"].get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(url)
    page = second.get(url)
    assert 'name="email"' in page.content.decode()  # the cached form
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = second.post(
        url,
        {
            "csrfmiddlewaretoken": token,
            "name": "Erika Muster",
            "email": "erika@example.org",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302


def test_only_content_apps_have_a_version_to_replace():
    with pytest.raises(ValueError, match="not content apps"):
        fragments.content_changed("auth")
