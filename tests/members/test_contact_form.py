"""Reaching a member: the profile's public contact, and the form that passes a visitor's message
on without revealing the recipient's address, with consent, a limit, a copy and a record."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone, translation

from core import privacy
from members.models import ContactMessage
from tests import factories
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db

HIDDEN = "verborgen@intern.example"


@pytest.fixture(autouse=True)
def _german(privacy_notice):
    with translation.override("de"):
        yield


@pytest.fixture
def quiet_member(db, region):
    """A member without a public address: only its (non-public) contact person receives."""
    organisation = factories.make_organisation(
        name="Stille Medizintechnik GmbH",
        slug="stille-medizintechnik",
        region=region,
        street="Gartenweg 3",
        postcode="66280",
        city="Sulzbach",
        phone="0681 000-1",
        website="https://stille.example",
        latitude=Decimal("49.29882"),
        longitude=Decimal("7.05696"),
    )
    organisation.contact_persons.create(name="Vera Verborgen", email=HIDDEN, is_public=False)
    return organisation


def form_data(**overrides):
    data = {
        "recipient": "organisation",
        "name": "Erika Anfrage",
        "email": "erika@anfrage.example",
        "organisation": "Anfrage GmbH",
        "subject": "Kooperation Orthesen",
        "message": "Guten Tag,\nwir suchen einen Partner.",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


def contact_url(organisation):
    return f"/mitglieder/{organisation.slug}/kontakt/"


def test_profile_shows_the_public_contact_and_a_map_of_its_own(client, quiet_member):
    html = client.get(quiet_member.get_absolute_url()).text
    assert "Gartenweg 3" in html and "66280 Sulzbach" in html
    assert 'href="tel:0681000-1"' in html and 'href="https://stille.example"' in html
    assert f'href="{contact_url(quiet_member)}"' in html
    # The location is drawn by the portal: Germany's outline with a point, no tiles.
    assert '<svg class="location-map"' in html and 'class="location-map__point"' in html
    assert "Lage von Stille Medizintechnik GmbH auf einer Deutschlandkarte" in html
    assert "49.29882, 7.05696" not in html
    assert "tile" not in html and "openstreetmap" not in html.lower()
    assert HIDDEN not in html


def test_the_point_is_placed_by_the_portals_projection(client, quiet_member):
    from regions import projection

    x, y = projection.project(quiet_member.latitude, quiet_member.longitude)
    html = client.get(quiet_member.get_absolute_url()).text
    assert f'cx="{x}" cy="{y}"' in html


def test_the_form_names_recipients_but_never_their_addresses(client, member):
    member.email = "info@beispiel.example"
    member.save()
    html = client.get(contact_url(member)).text
    assert "Beispiel Medizintechnik GmbH (allgemeine Anfragen)" in html
    assert "Anna Beispiel, Vertrieb" in html
    assert "Bernd Verborgen" not in html
    for address in ("info@beispiel.example", "anna@beispiel.example", "bernd@beispiel.example"):
        assert address not in html


def test_a_message_reaches_the_member_with_the_visitor_as_reply_to(client, quiet_member):
    response = client.post(contact_url(quiet_member), form_data())
    assert response.status_code == 302
    assert response["Location"] == quiet_member.get_absolute_url()
    to_member, copy = mail.outbox
    assert to_member.to == [HIDDEN]
    assert to_member.reply_to == ["erika@anfrage.example"]
    assert "Kooperation Orthesen" in to_member.subject
    assert "wir suchen einen Partner" in to_member.body and "Anfrage GmbH" in to_member.body
    # The visitor's copy names the organisation but no address of it.
    assert copy.to == ["erika@anfrage.example"]
    assert "Stille Medizintechnik GmbH" in copy.body and "wir suchen einen Partner" in copy.body
    for part in [copy.subject, copy.body, *(content for content, _type in copy.alternatives)]:
        assert HIDDEN not in part
    page = client.get(response["Location"]).text
    assert "Ihre Nachricht wurde an Stille Medizintechnik GmbH gesendet" in page
    assert HIDDEN not in page


def test_a_chosen_public_contact_person_receives_it(client, member):
    anna = member.contact_persons.get(name="Anna Beispiel")
    client.post(contact_url(member), form_data(recipient=str(anna.pk)))
    assert mail.outbox[0].to == ["anna@beispiel.example"]
    assert ContactMessage.objects.get().contact_person == anna


def test_a_hidden_contact_person_cannot_be_chosen(client, member):
    bernd = member.contact_persons.get(name="Bernd Verborgen")
    response = client.post(contact_url(member), form_data(recipient=str(bernd.pk)))
    assert response.status_code == 200
    assert "recipient" in response.context["form"].errors
    assert mail.outbox == []


def test_the_general_address_wins_over_the_contact_persons(client, member):
    member.email = "info@beispiel.example"
    member.save()
    client.post(contact_url(member), form_data())
    assert mail.outbox[0].to == ["info@beispiel.example"]


def test_without_consent_nothing_is_sent_or_stored(client, quiet_member):
    response = client.post(contact_url(quiet_member), form_data(privacy_consent=""))
    assert response.status_code == 200
    assert "privacy_consent" in response.context["form"].errors
    assert mail.outbox == [] and not ContactMessage.objects.exists()


def test_the_message_is_recorded_with_the_consent_for_the_managers(
    client, quiet_member, privacy_notice, admin_client
):
    client.post(contact_url(quiet_member), form_data())
    record = ContactMessage.objects.get()
    assert record.organisation == quiet_member
    assert record.recipients == [HIDDEN]
    assert record.privacy_notice == privacy_notice and record.consented_at is not None
    assert (record.sender_email, record.language) == ("erika@anfrage.example", "de")
    listing = admin_client.get("/admin/members/contactmessage/").text
    assert "Kooperation Orthesen" in listing
    assert admin_client.get(f"/admin/members/contactmessage/{record.pk}/change/").status_code == 200


def test_the_english_form_sends_the_copy_in_english(client, quiet_member):
    response = client.post(f"/en/members/{quiet_member.slug}/contact/", form_data())
    assert response.status_code == 302
    to_member, copy = mail.outbox
    assert "Nachricht über das Portal" in to_member.subject  # members are written to in German
    assert copy.subject == "Copy of your message to Stille Medizintechnik GmbH"


def test_too_many_messages_are_refused_with_retry_after(client, quiet_member, settings):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "organisation-contact": {"per_email": 2, "per_address": 10, "window": 3600},
    }
    for _ in range(2):
        assert client.post(contact_url(quiet_member), form_data()).status_code == 302
    refused = client.post(contact_url(quiet_member), form_data())
    assert refused.status_code == 429
    assert 3590 < int(refused["Retry-After"]) <= 3600
    assert "zu oft" in refused.text
    assert ContactMessage.objects.count() == 2


def test_a_member_without_any_address_is_reached_through_the_cluster_management(client, region):
    organisation = factories.make_organisation(region=region, email="", name="Ohne Adresse e. V.")
    client.post(contact_url(organisation), form_data())
    to_managers, copy = mail.outbox
    assert to_managers.to == ["clustermanagement@example.org"]
    assert "bitte leiten Sie die Nachricht" in to_managers.body
    assert to_managers.reply_to == ["erika@anfrage.example"]
    assert "Clustermanagement" in copy.body and "clustermanagement@example.org" not in copy.body
    assert ContactMessage.objects.get().via_management


def test_without_any_address_nor_managers_there_is_no_form(client, region, settings):
    settings.MANAGERS = []
    organisation = factories.make_organisation(region=region, email="")
    assert client.get(contact_url(organisation)).status_code == 404
    assert "/kontakt/" not in client.get(organisation.get_absolute_url()).text


def test_messages_are_in_the_personal_data_registry_and_purged(client, quiet_member):
    client.post(contact_url(quiet_member), form_data())
    exported = privacy.collect("erika@anfrage.example")["contact_messages"]
    assert exported[0]["subject"] == "Kooperation Orthesen"
    record = ContactMessage.objects.get()
    later = timezone.now() + dt.timedelta(days=182)
    assert privacy.purge(now=later)["contact_messages"] == 0
    assert privacy.purge(now=later + dt.timedelta(days=2))["contact_messages"] == 1
    record.refresh_from_db()
    assert record.anonymised_at is not None
    assert "erika" not in record.sender_email and record.message == ""
    assert record.organisation == quiet_member  # the count per member stays


def test_erasure_by_address_anonymises_the_messages(client, quiet_member):
    client.post(contact_url(quiet_member), form_data())
    privacy.erase(email="Erika@Anfrage.example")
    assert not ContactMessage.objects.filter(sender_email__icontains="erika").exists()


def test_contact_page_keeps_its_query_count(client, member):
    def add_rows(count):
        for number in range(count):
            member.contact_persons.create(
                name=f"Person {number}-{count}",
                email=f"p{number}-{count}@x.example",
                is_public=True,
            )

    assert_constant_queries(client, contact_url(member), add_rows)
