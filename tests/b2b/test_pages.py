"""Participants of a B2B exchange: profile, browsing, requests and answers, the schedule."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from icalendar import Calendar

from b2b.models import B2BProfile, Meeting
from b2b.scheduler import schedule_meetings
from core import links
from events.emails import PERSONAL_PURPOSE, personal_token
from events.models import Event, Registration
from tests import factories
from tests.cluster_portal.test_translations import ENGLISH_UI_WORDS, VisibleText, words_found
from tests.factories import make_accepted_meeting, make_participant, make_slots, make_tables
from tests.helpers import assert_constant_queries


def url(name, registration, **kwargs):
    return reverse(f"b2b:{name}", kwargs={"token": personal_token(registration), **kwargs})


def test_confirmed_participant_finds_the_b2b_page_from_the_registration_page(client, b2b_event):
    anna = make_participant(b2b_event, "Anna", profile=False)
    page = client.get(reverse("events:registration", kwargs={"token": personal_token(anna)}))
    link = re.search(r'href="(/kooperationsboerse/b2b/[^"]+)"', page.content.decode()).group(1)
    assert "B2B-Profil und Gespräche" in page.content.decode()
    assert "Ihr Profil" in client.get(link).content.decode()


def test_registration_page_of_another_event_kind_has_no_b2b_link(client, event):
    person = Registration.objects.create(
        event=event, name="Otto", email="otto@example.org", status=Registration.Status.CONFIRMED
    )
    page = client.get(reverse("events:registration", kwargs={"token": personal_token(person)}))
    assert "/b2b/" not in page.content.decode()


def test_participant_publishes_a_profile_through_the_link(client, b2b_event, fields):
    anna = make_participant(b2b_event, "Anna", profile=False)
    response = client.post(
        url("home", anna),
        {
            "offer": "Sensoren für Vitaldaten",
            "seek": "Kliniken für Pilotprojekte",
            "innovation_fields": [fields["tele"].pk],
            "is_published": "on",
        },
        follow=True,
    )
    assert "Ihr Profil ist gespeichert" in response.content.decode()
    profile = B2BProfile.objects.get(registration=anna)
    assert profile.offer == "Sensoren für Vitaldaten"
    assert list(profile.innovation_fields.all()) == [fields["tele"]]


def test_profile_of_a_member_contact_links_to_the_member(client, b2b_event):
    member, contact = factories.make_member_with_contact(email="kontakt@klinik-aachen.example")
    person = Registration.objects.create(
        event=b2b_event,
        name="Karla",
        email=contact.email.upper(),
        status=Registration.Status.CONFIRMED,
    )
    client.post(url("home", person), {"offer": "Klinische Studien", "seek": ""})
    assert B2BProfile.objects.get(registration=person).organisation == member


def test_an_empty_profile_is_refused_with_a_message(client, b2b_event):
    anna = make_participant(b2b_event, "Anna", profile=False)
    response = client.post(url("home", anna), {"offer": " ", "seek": ""})
    assert response.status_code == 200
    assert "was Sie anbieten oder was Sie suchen" in response.content.decode()
    assert not B2BProfile.objects.exists()


@pytest.mark.parametrize(
    "status", [Registration.Status.PENDING, Registration.Status.WAITING_LIST, "cancelled"]
)
def test_only_confirmed_participants_reach_the_b2b_pages(client, b2b_event, status):
    person = make_participant(b2b_event, "Wartend", status=status, profile=False)
    response = client.post(url("home", person), {"offer": "x", "seek": "y"})
    assert response.status_code == 403
    assert "nur bestätigten Teilnehmenden" in response.content.decode()
    assert not B2BProfile.objects.exists()


def test_the_b2b_pages_are_in_the_partnering_section_of_the_main_navigation(client, b2b_event):
    anna = make_participant(b2b_event, "Anna")
    current = 'class="nav-link active" aria-current="page" href="/kooperationsboerse/"'
    assert current in client.get(url("home", anna)).content.decode()
    assert current in client.get(url("schedule", anna)).content.decode()


def test_a_person_not_participating_is_led_to_their_own_registration_page(client, b2b_event):
    person = make_participant(b2b_event, "Wartend", status="cancelled", profile=False)
    page = client.get(url("home", person)).content.decode()
    own_page = re.search(r'href="(/veranstaltungen/anmeldung/[^"]+/)"', page)[1]
    response = client.get(own_page)
    assert response.status_code == 200
    assert response.context["registration"] == person


def test_b2b_pages_of_an_event_of_another_kind_are_not_found(client, event):
    person = make_participant(event, "Otto", profile=False)
    assert client.get(url("home", person)).status_code == 404


def test_a_tampered_link_is_refused(client, b2b_event):
    anna = make_participant(b2b_event, "Anna")
    response = client.get(url("home", anna).replace("/b2b/", "/b2b/x"))
    assert response.status_code == 400


def test_participants_see_the_other_published_profiles_but_no_addresses(client, b2b_event):
    anna = make_participant(b2b_event, "Anna")
    ben = make_participant(b2b_event, "Ben", offer="Orthesen aus dem 3D-Druck")
    hidden = make_participant(b2b_event, "Verborgen")
    B2BProfile.objects.filter(registration=hidden).update(is_published=False)
    make_participant(b2b_event, "Storniert", status=Registration.Status.CANCELLED)
    other_event = factories.make_event(kind=Event.Kind.B2B_EXCHANGE)
    make_participant(other_event, "Fremd")
    page = client.get(url("participants", anna)).content.decode()
    assert "Orthesen aus dem 3D-Druck" in page
    assert "Verborgen" not in page
    assert "Storniert" not in page
    assert "Fremd" not in page
    assert ben.email not in page
    assert "Ben um ein Gespräch bitten" in page
    assert "Anna um ein Gespräch bitten" not in page


def test_participant_list_runs_a_constant_number_of_queries(client, b2b_event, fields):
    anna = make_participant(b2b_event, "Anna")
    created = []

    def add_rows(count):
        for _ in range(count):
            other = make_participant(b2b_event, f"Gast {len(created)}")
            other.b2b_profile.innovation_fields.set([fields["tele"], fields["aal"]])
            if len(created) % 3 == 0:
                Meeting.objects.create(event=b2b_event, requester=anna, recipient=other)
            created.append(other)

    assert_constant_queries(client, url("participants", anna), add_rows)


def test_request_accept_and_both_sides_are_told_in_their_language(client, b2b_event, mailoutbox):
    anna = make_participant(b2b_event, "Anna", language="de")
    pieter = make_participant(b2b_event, "Pieter", language="en")
    response = client.post(
        url("request", anna, pk=pieter.pk), {"message": "Sensoren für Ihre Plattform?"}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.requester, meeting.recipient, meeting.status) == (anna, pieter, "requested")
    invitation = mailoutbox[-1]
    assert invitation.to == [pieter.email]
    assert invitation.subject.startswith("Anna asks you for a B2B meeting")
    assert "Sensoren für Ihre Plattform?" in invitation.body
    assert "/en/partnering/b2b/" in invitation.body
    with translation.override("en"):
        # The reader's day in the portal's time zone, as the mail gives it.
        until = formats.date_format(
            timezone.localtime(links.valid_until(PERSONAL_PURPOSE)), "DATE_FORMAT"
        )
    assert f"The link is valid until {until}." in invitation.body
    assert anna.email not in invitation.body

    home = client.get(url("home", pieter)).content.decode()
    assert "Gespräch mit Anna annehmen" in home
    client.post(url("answer", pieter, pk=meeting.pk), {"action": "accept"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED
    answer = mailoutbox[-1]
    assert answer.to == [anna.email]
    assert answer.subject == "Pieter hat Ihre Gesprächsanfrage angenommen"


def test_declined_request_tells_the_asker(client, b2b_event, mailoutbox):
    anna, ben = make_participant(b2b_event, "Anna"), make_participant(b2b_event, "Ben")
    meeting = Meeting.objects.create(event=b2b_event, requester=anna, recipient=ben)
    client.post(url("answer", ben, pk=meeting.pk), {"action": "decline"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DECLINED
    assert mailoutbox[-1].subject == "Ben hat Ihre Gesprächsanfrage abgelehnt"


def test_only_the_person_asked_can_answer(client, b2b_event, mailoutbox):
    anna, ben = make_participant(b2b_event, "Anna"), make_participant(b2b_event, "Ben")
    meeting = Meeting.objects.create(event=b2b_event, requester=anna, recipient=ben)
    response = client.post(url("answer", anna, pk=meeting.pk), {"action": "accept"}, follow=True)
    assert "Nur die angefragte Person" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.REQUESTED
    assert mailoutbox == []


def test_a_second_request_between_the_same_two_is_refused(client, b2b_event, mailoutbox):
    anna, ben = make_participant(b2b_event, "Anna"), make_participant(b2b_event, "Ben")
    client.post(url("request", anna, pk=ben.pk), {"message": ""})
    response = client.post(url("request", ben, pk=anna.pk), {"message": ""}, follow=True)
    assert "bereits eine Gesprächsanfrage" in response.content.decode()
    assert Meeting.objects.count() == 1
    assert len(mailoutbox) == 1


def test_without_own_profile_no_request_can_be_sent(client, b2b_event, mailoutbox):
    anna = make_participant(b2b_event, "Anna", profile=False)
    ben = make_participant(b2b_event, "Ben")
    response = client.post(url("request", anna, pk=ben.pk), {"message": ""}, follow=True)
    assert "zuerst Ihr eigenes Profil" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_participant_of_another_event_cannot_be_asked(client, b2b_event):
    anna = make_participant(b2b_event, "Anna")
    stranger = make_participant(factories.make_event(kind=Event.Kind.B2B_EXCHANGE), "Fremd")
    assert client.post(url("request", anna, pk=stranger.pk)).status_code == 404
    assert not Meeting.objects.exists()


@pytest.fixture
def scheduled(b2b_event):
    make_slots(b2b_event, 1)
    make_tables(b2b_event, 3)
    anna = make_participant(b2b_event, "Anna")
    ben = make_participant(b2b_event, "Ben")
    carla = make_participant(b2b_event, "Carla")
    placed = make_accepted_meeting(ben, anna, minutes_ago=30)
    placed.message = "Über Sensoren sprechen"
    placed.save()
    unplaced = make_accepted_meeting(anna, carla, minutes_ago=10)
    schedule_meetings(event=b2b_event)
    return {"anna": anna, "ben": ben, "carla": carla, "placed": placed, "unplaced": unplaced}


def test_personal_schedule_page_shows_time_table_partner_and_unplaced_reason(client, scheduled):
    page = client.get(url("schedule", scheduled["anna"])).content.decode()
    assert "Ben (Ben GmbH)" in page
    assert "<td>1</td>" in page
    assert "Carla (Carla GmbH)" in page
    assert "keinen gemeinsamen freien Zeitpunkt" in page
    printable = client.get(url("schedule_print", scheduled["anna"]))
    assert printable.status_code == 200
    assert "@media print" in printable.content.decode()
    assert "Ben (Ben GmbH)" in printable.content.decode()


def test_schedule_ics_has_one_event_per_meeting_with_table_and_partner(client, scheduled):
    response = client.get(url("schedule_ics", scheduled["anna"]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    items = list(calendar.walk("VEVENT"))
    assert len(items) == 1
    (item,) = items
    slot = scheduled["placed"].__class__.objects.get(pk=scheduled["placed"].pk).slot
    assert item.decoded("dtstart") == slot.start
    assert item.decoded("dtend") - item.decoded("dtstart") == dt.timedelta(minutes=25)
    assert "Ben (Ben GmbH)" in str(item["summary"])
    assert str(item["location"]).startswith("Tisch 1")
    assert "Über Sensoren sprechen" in str(item["description"])


def test_english_participant_gets_an_english_schedule(client, b2b_event, scheduled):
    scheduled["ben"].language = "en"
    scheduled["ben"].save()
    with translation.override("en"):
        path = url("schedule_ics", scheduled["ben"])
    assert path.startswith("/en/partnering/b2b/")
    response = client.get(path)
    item = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
    assert str(item["summary"]) == "B2B meeting with Anna (Anna GmbH)"


def test_german_b2b_pages_show_no_english_interface_words(client, scheduled):
    anna = scheduled["anna"]
    Meeting.objects.create(
        event=anna.event, requester=scheduled["carla"], recipient=scheduled["ben"]
    )
    ben = scheduled["ben"]
    for path in [
        url("home", anna),
        url("home", ben),
        url("participants", anna),
        url("schedule", anna),
        url("schedule_print", anna),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        text = VisibleText.of(response.content.decode(), "de")
        assert not words_found(text, ENGLISH_UI_WORDS), (path, words_found(text, ENGLISH_UI_WORDS))
