"""Invalidation by what a page shows: a change renews the fragments of the topics it affects,
and no others; what changes by the second (places left) is a live part, never cached.

Every test here commits for real (transaction=True), as production does: tokens are replaced
when a transaction commits. "Served from the cache" is asserted by the query count of a visit
(the tokens, the page's own object, the live places) and by the tokens themselves.
"""

import datetime as dt

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse
from django.utils import timezone

from core import fragments
from events import services as event_services
from events.models import Registration
from members import services as member_services
from members.models import AccessLink, ContactPerson, Organisation
from tests import factories
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def privacy_notice():
    return factories.make_privacy_notice()


def tokens(*topics):
    return {topic: fragments.committed_versions([topic]).get(topic) for topic in topics}


def registration_form(**overrides):
    data = {
        "name": "Erika Mustermann",
        "email": "erika@example.org",
        "organisation_name": "Beispiel Medizintechnik GmbH",
        "role": "Geschäftsführerin",
        "privacy_consent": "on",
    }
    return data | overrides


@pytest.fixture
def event():
    return factories.make_open_event(
        slug="rush",
        title="Kongress Digitale Pflege",
        capacity=10,
        registration_closes=timezone.now() + dt.timedelta(days=10),
    )


def visit_all(client, event):
    pages = {
        "event page": event.get_absolute_url(),
        "event list": reverse("events:list"),
        "home": reverse("home"),
    }
    return {name: count_queries(client, url) for name, url in pages.items()}


def test_a_registration_leaves_the_event_fragments_cached_and_the_places_update_at_once(
    client, event
):
    first = visit_all(client, event)
    cached = visit_all(client, event)
    for name, (queries, response) in cached.items():
        assert queries < first[name][0], name
        assert "Noch 10 Plätze frei" in response.text, name
    before = tokens("events", f"events:participants:{event.pk}")

    # Registering through the page (one pending registration), then confirming it.
    response = client.post(event.get_absolute_url(), registration_form())
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    event_services.confirm(registration=registration)
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.CONFIRMED

    assert tokens("events", f"events:participants:{event.pk}") == before
    after = visit_all(client, event)
    for name, (queries, response) in after.items():
        # Served from the same fragments: no more queries than the cached visit before.
        assert queries == cached[name][0], name
        assert "Noch 9 Plätze frei" in response.text, name
        assert "Noch 10 Plätze frei" not in response.text, name
        assert "Kongress Digitale Pflege" in response.text, name


def test_an_edit_of_one_event_keeps_the_other_event_pages_cached(client, event):
    other = factories.make_open_event(slug="andere", title="Forum Pflegeroboter")
    client.get(event.get_absolute_url())
    client.get(other.get_absolute_url())
    cached, _ = count_queries(client, other.get_absolute_url())

    event.summary = "Jetzt mit Ausstellung."
    event.save()

    assert count_queries(client, other.get_absolute_url())[0] == cached
    assert "Jetzt mit Ausstellung." in client.get(event.get_absolute_url()).text
    assert "Forum Pflegeroboter" in client.get(reverse("events:list")).text


def test_a_session_and_its_speaker_show_on_the_cached_event_page(client, event):
    from events.models import Session, Speaker

    client.get(event.get_absolute_url())
    session = Session.objects.create(event=event, title="Begrüßung", start=event.start)
    assert "Begrüßung" in client.get(event.get_absolute_url()).text

    speaker = Speaker.objects.create(name="Dr. Erika Beispiel")
    session.speakers.add(speaker)
    assert "Dr. Erika Beispiel" in client.get(event.get_absolute_url()).text

    speaker.name = "Prof. Dr. Erika Beispiel"
    speaker.save()
    assert "Prof. Dr. Erika Beispiel" in client.get(event.get_absolute_url()).text


def test_a_renamed_series_and_a_new_co_organiser_show_on_the_cached_event_page(client, event):
    from events.models import EventSeries

    series = EventSeries.objects.create(name="Pflegeforum", slug="pflegeforum")
    event.series = series
    event.save()
    client.get(event.get_absolute_url())

    series.name = "Pflegeforum NRW"
    series.save()
    assert "Pflegeforum NRW" in client.get(event.get_absolute_url()).text

    event.co_organisers.add(factories.make_organisation(name="Uniklinik Beispielstadt"))
    assert "Uniklinik Beispielstadt" in client.get(event.get_absolute_url()).text


def test_a_question_added_to_an_event_shows_in_its_cached_registration_form(client, event):
    from events.models import RegistrationQuestion

    client.get(event.get_absolute_url())
    RegistrationQuestion.objects.create(event=event, text="Essenswunsch?")
    assert "Essenswunsch?" in client.get(event.get_absolute_url()).text


def test_the_structured_data_of_a_cached_event_page_sells_out_with_the_last_place(client):
    event = factories.make_open_event(slug="letzter-platz", capacity=1)
    assert "https://schema.org/InStock" in client.get(event.get_absolute_url()).text
    factories.make_registration(event, status=Registration.Status.CONFIRMED)
    page = client.get(event.get_absolute_url()).text
    assert "https://schema.org/SoldOut" in page
    assert "%%live:" not in page


def test_a_confirmed_registration_with_its_organisation_public_renews_only_the_participants(
    client, event
):
    client.get(event.get_absolute_url())
    cached, _ = count_queries(client, event.get_absolute_url())
    registration = factories.make_registration(
        event, organisation_name="Sichtbar GmbH", show_organisation_publicly=True
    )
    event_services.confirm(registration=registration)
    queries, response = count_queries(client, event.get_absolute_url())
    assert "Sichtbar GmbH" in response.text
    # The participants' fragment alone is rendered again: its one query.
    assert queries == cached + 1
    assert count_queries(client, event.get_absolute_url())[0] == cached


def test_a_cancelled_participant_leaves_the_participants_list(client, event):
    registration = factories.make_registration(
        event,
        status=Registration.Status.CONFIRMED,
        organisation_name="Abgemeldet GmbH",
        show_organisation_publicly=True,
    )
    assert "Abgemeldet GmbH" in client.get(event.get_absolute_url()).text
    event_services.cancel(registration=registration)
    assert "Abgemeldet GmbH" not in client.get(event.get_absolute_url()).text


def test_erased_personal_data_leaves_the_participants_list(client, event):
    registration = factories.make_registration(
        event,
        status=Registration.Status.CONFIRMED,
        organisation_name="Gelöscht GmbH",
        show_organisation_publicly=True,
    )
    assert "Gelöscht GmbH" in client.get(event.get_absolute_url()).text
    event_services.delete_own_data(registration=registration)
    assert "Gelöscht GmbH" not in client.get(event.get_absolute_url()).text


@pytest.fixture
def members():
    first, contact = factories.make_member_with_contact(
        name="Aachener Sensorik GmbH", slug="aachener-sensorik"
    )
    second = factories.make_organisation(name="Bonner Pflege GmbH", slug="bonner-pflege")
    return first, contact, second


def test_access_link_requests_and_applications_keep_the_directory_and_profiles_cached(
    client, members
):
    first, contact, second = members
    urls = [reverse("members:list"), first.get_absolute_url(), second.get_absolute_url()]
    for url in urls:
        client.get(url)
    cached = [count_queries(client, url)[0] for url in urls]
    before = tokens("members", f"members:profile:{first.pk}")

    response = client.post(
        reverse("members:access_request", kwargs={"slug": first.slug}),
        {"email": contact.email, "privacy_consent": "on"},
    )
    assert response.status_code == 302
    assert AccessLink.objects.filter(organisation=first).exists()
    member_services.application_submit(
        organisation_data={
            "name": "Neu Antrag GmbH",
            "kind": Organisation.Kind.CLINIC,
            "city": "Köln",
        },
        contact_data={"name": "Clara Antrag", "email": "clara@antrag.example"},
        message="",
        language="de",
        consent={},
    )

    assert tokens("members", f"members:profile:{first.pk}") == before
    assert [count_queries(client, url)[0] for url in urls] == cached


def test_an_edit_of_one_organisation_keeps_the_other_profiles_cached(client, members):
    first, _contact, second = members
    client.get(first.get_absolute_url())
    client.get(second.get_absolute_url())
    cached, _ = count_queries(client, second.get_absolute_url())

    first.description = "Wir entwickeln Exoskelette."
    first.save()

    assert count_queries(client, second.get_absolute_url())[0] == cached
    assert "Wir entwickeln Exoskelette." in client.get(first.get_absolute_url()).text
    assert "Aachener Sensorik GmbH" in client.get(reverse("members:list")).text


def test_a_contact_person_made_public_shows_on_the_next_visit_to_the_profile(client, members):
    first, contact, _second = members
    assert contact.name not in client.get(first.get_absolute_url()).text
    contact.is_public = True
    contact.save()
    assert contact.name in client.get(first.get_absolute_url()).text
    ContactPerson.objects.filter(pk=contact.pk).delete()
    assert contact.name not in client.get(first.get_absolute_url()).text


def test_innovation_fields_added_and_cleared_show_on_the_profile(client, members):
    first, _contact, _second = members
    field = factories.make_innovation_field(name="Exoskelette")
    client.get(first.get_absolute_url())
    first.innovation_fields.add(field)
    assert "Exoskelette" in client.get(first.get_absolute_url()).text
    first.innovation_fields.clear()
    assert "Exoskelette" not in client.get(first.get_absolute_url()).text


def test_a_relation_changed_from_the_other_side_renews_the_profile_it_shows_on():
    """The through model's row names the profile, whichever side the change starts from
    (the history of organisations' relations refuses changes from the fields' side, so the
    signal is sent as Django sends it)."""
    from django.db import transaction
    from django.db.models.signals import m2m_changed

    first = factories.make_organisation(slug="andere-seite")
    field = factories.make_innovation_field(name="Exoskelette")
    through = Organisation.innovation_fields.through
    before = tokens(f"members:profile:{first.pk}")
    with transaction.atomic():
        fragments._relation_changed(
            sender=through, instance=field, action="post_add", model=Organisation,
            pk_set={first.pk}, using="default",
        )  # fmt: skip
    assert tokens(f"members:profile:{first.pk}") != before
    assert m2m_changed.has_listeners(through)


def test_a_renamed_innovation_field_shows_on_the_profiles_that_name_it(client, members):
    first, _contact, _second = members
    field = factories.make_innovation_field(name="Exoskelette")
    first.innovation_fields.add(field)
    assert "Exoskelette" in client.get(first.get_absolute_url()).text
    field.name = "Orthesen"
    field.save()
    assert "Orthesen" in client.get(first.get_absolute_url()).text


def test_a_profile_confirmation_renews_the_profile_and_a_reminder_nothing(client, members):
    first, _contact, _second = members
    assert "noch nicht bestätigt" in client.get(first.get_absolute_url()).text
    first.confirmation_reminded_on = timezone.localdate()
    before = tokens("members", f"members:profile:{first.pk}")
    first.save(update_fields=["confirmation_reminded_on"])
    assert tokens("members", f"members:profile:{first.pk}") == before
    member_services.profile_confirm(organisation=first)
    assert "zuletzt bestätigt" in client.get(first.get_absolute_url()).text


def test_a_new_applicant_renews_nothing_and_its_admission_renews_the_directory(client):
    client.get(reverse("members:list"))
    before = tokens("members")
    applicant = factories.make_organisation(
        name="Antrag Sensorik GmbH", status=Organisation.Status.APPLICANT
    )
    assert tokens("members") == before
    applicant.status = Organisation.Status.MEMBER
    applicant.save()
    assert "Antrag Sensorik GmbH" in client.get(reverse("members:list")).text


def test_text_a_visitor_wrote_never_passes_for_a_live_part(client):
    event = factories.make_open_event(slug="gefaelscht", capacity=5)
    forged = f"%%live:{'0' * 16}|events:places|{event.pk}|%%"
    member = factories.make_organisation(slug="faelscher", description=forged)
    page = client.get(member.get_absolute_url()).text
    assert forged in page
    assert "Plätze frei" not in page


def test_a_fragment_names_the_values_its_topics_need():
    with pytest.raises(TemplateSyntaxError, match="need the values"):
        Template(
            '{% load fragments %}{% fragment "x" on "members:profile:{pk}" %}{% endfragment %}'
        )
    with pytest.raises(TemplateSyntaxError, match="unknown topics"):
        Template('{% load fragments %}{% fragment "x" on "members:profiles" %}{% endfragment %}')


def test_a_live_part_renders_in_place_without_the_middleware(rf):
    event = factories.make_open_event(slug="ohne-middleware", capacity=3)
    html = Template('{% load fragments %}{% live "events:places" pk %}').render(
        Context({"pk": event.pk})
    )
    assert "Noch 3 Plätze frei" in html


def test_a_paid_registration_keeps_the_event_pages_cached(client):
    event = factories.make_open_event(slug="bezahlt", capacity=10, price_cents=9500)
    first = visit_all(client, event)
    cached = visit_all(client, event)
    before = tokens("events")

    response = client.post(
        event.get_absolute_url(),
        registration_form(
            billing_organisation="Beispiel Medizintechnik GmbH",
            billing_street="Hauptstraße 5",
            billing_postcode="06108",
            billing_city="Halle (Saale)",
            billing_country="DE",
            billing_email="rechnung@example.org",
        ),
    )

    assert response.status_code == 302
    assert Registration.objects.get(event=event).booking is not None
    assert tokens("events") == before
    assert {name: queries for name, (queries, _r) in visit_all(client, event).items()} == {
        name: queries for name, (queries, _r) in cached.items()
    }
    assert all(cached[name][0] < first[name][0] for name in cached)


def test_stand_applications_render_the_stand_again_only_once_one_is_accepted(client):
    from stands import services as stand_services

    stand = factories.make_stand(price_cents=0)
    exhibitor = factories.make_organisation(name="Beispiel Telemedizin GmbH")
    page = stand.event.get_absolute_url()
    client.get(page)
    cached = count_queries(client, page)[0]
    before = tokens("stands")

    application = factories.make_stand_application(stand, exhibitor, billing=False)
    assert tokens("stands") == before
    assert count_queries(client, page)[0] == cached

    stand_services.stand_accept(application=application)

    assert tokens("stands") != before
    assert "Beispiel Telemedizin GmbH" in client.get(page).text
