import csv
import io

import pytest
from django.utils import translation

from events.models import Registration, RegistrationAnswer, RegistrationQuestion
from tests.factories import make_open_event, make_registration, make_seller
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db
Status = Registration.Status


def statuses(event, *pairs):
    for status, count in pairs:
        for _ in range(count):
            make_registration(event, status=status)


def test_event_list_shows_counts_per_status(admin_client):
    event = make_open_event(title="Zählveranstaltung")
    statuses(
        event,
        (Status.CONFIRMED, 3),
        (Status.WAITING_LIST, 2),
        (Status.CANCELLED, 1),
        (Status.PENDING, 4),
    )
    response = admin_client.get("/admin/events/event/")
    row = response.text[response.text.index("Zählveranstaltung") :]
    row = row[: row.index("</tr>")]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:-1]]
    assert cells[-4:] == ["3", "2", "1", "4"]


def test_event_admin_list_runs_a_constant_number_of_queries(admin_client):
    def add(n):
        for _ in range(n):
            statuses(make_open_event(), (Status.CONFIRMED, 1), (Status.PENDING, 1))

    assert_constant_queries(admin_client, "/admin/events/event/", add)


@pytest.mark.parametrize(
    "query",
    [
        "when=upcoming",
        "when=past",
        "registration=open",
        "registration=not_open",
        "kind__exact=workshop",
    ],
)
def test_event_admin_filters_work(admin_client, query):
    make_open_event()
    assert admin_client.get(f"/admin/events/event/?{query}").status_code == 200


def test_event_change_page_has_sessions_questions_and_participant_links(admin_client):
    event = make_open_event()
    RegistrationQuestion.objects.create(event=event, text="Essenswunsch?")
    page = admin_client.get(f"/admin/events/event/{event.pk}/change/").text
    assert "Essenswunsch?" in page
    assert f"/admin/events/event/{event.pk}/participants.csv" in page
    assert f"/admin/events/event/{event.pk}/check-in-list.pdf" in page
    assert f"/admin/events/event/{event.pk}/badges.pdf" in page


def test_participant_list_as_csv_is_safe_for_spreadsheets(admin_client):
    event = make_open_event()
    make_registration(
        event, status=Status.CONFIRMED, name="=HYPERLINK(1)", organisation_name="Beispiel GmbH"
    )
    response = admin_client.get(f"/admin/events/event/{event.pk}/participants.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1);" in text
    assert "Beispiel GmbH" in text


def test_csv_is_for_staff_only(client):
    event = make_open_event()
    response = client.get(f"/admin/events/event/{event.pk}/participants.csv")
    assert response.status_code == 302


def action(admin_client, name, *registrations):
    return admin_client.post(
        "/admin/events/registration/",
        {"action": name, "_selected_action": [r.pk for r in registrations]},
        follow=True,
    )


def test_confirm_action_uses_the_allocation_rules(admin_client, mailoutbox):
    event = make_open_event(capacity=1)
    first, second = make_registration(event), make_registration(event)
    action(admin_client, "confirm_registrations", first, second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert {first.status, second.status} == {Status.CONFIRMED, Status.WAITING_LIST}
    assert len(mailoutbox) == 2


def test_confirm_action_approves_registrations_awaiting_approval(admin_client, mailoutbox):
    event = make_open_event(requires_approval=True)
    registration = make_registration(event, status=Status.AWAITING_APPROVAL)
    action(admin_client, "confirm_registrations", registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert "freigegeben" in mailoutbox[0].subject


def test_decline_action_tells_the_person(admin_client, mailoutbox):
    event = make_open_event(requires_approval=True)
    registration = make_registration(event, status=Status.AWAITING_APPROVAL)
    action(admin_client, "decline_registrations", registration)
    registration.refresh_from_db()
    assert registration.status == Status.DECLINED
    assert len(mailoutbox) == 1


def test_cancel_action_offers_the_place_to_the_waiting_list(admin_client, mailoutbox):
    event = make_open_event(capacity=1)
    holder = make_registration(event, status=Status.CONFIRMED)
    waiting = make_registration(event, status=Status.WAITING_LIST)
    action(admin_client, "cancel_registrations", holder)
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert [mail.to for mail in mailoutbox] == [[holder.email], [waiting.email]]


def test_promote_action_needs_a_free_place(admin_client):
    event = make_open_event(capacity=1)
    make_registration(event, status=Status.CONFIRMED)
    waiting = make_registration(event, status=Status.WAITING_LIST)
    response = action(admin_client, "promote_registrations", waiting)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING_LIST
    assert "kein Platz frei" in response.text
    event.capacity = 2
    event.save()
    action(admin_client, "promote_registrations", waiting)
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_registration_admin_filters_and_search(admin_client):
    event = make_open_event()
    make_registration(event, name="Findbar Person", status=Status.CONFIRMED)
    response = admin_client.get(
        f"/admin/events/registration/?status__exact=confirmed&event__id__exact={event.pk}&q=Findbar"
    )
    assert "Findbar Person" in response.text


def test_manager_creates_an_event_with_agenda_and_question_in_the_admin(admin_client):
    from events.models import Event

    data = {
        "title_de": "Neues Netzwerktreffen",
        "slug": "neues-netzwerktreffen",
        "kind": "network_meeting",
        "is_published": "on",
        "start_0": "2030-05-04",
        "start_1": "10:00",
        "end_0": "2030-05-04",
        "end_1": "16:00",
        "country": "DE",
        "languages": "de,en",
        "price_cents": "95,00",
        "member_price_cents": "",
        "free_places_per_member": "0",
        "vat_rate": "19.00",
        "registration_enabled": "on",
        "registration_opens_0": "2030-04-01",
        "registration_opens_1": "00:00",
        "registration_closes_0": "2030-04-30",
        "registration_closes_1": "23:59",
        "capacity": "40",
        "offer_hold_hours": "48",
        "pending_lapse_hours": "48",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-0-start_0": "2030-05-04",
        "sessions-0-start_1": "10:00",
        "sessions-0-title_de": "Begrüßung",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-0-text": "Welcher Thementisch?",
        "questions-0-kind": "single",
        "questions-0-choices": "Pflege",
        "questions-0-position": "0",
    }
    response = admin_client.post("/admin/events/event/add/", data)
    assert response.status_code == 200  # one choice is not enough
    assert "mindestens zwei Auswahlmöglichkeiten" in response.text
    data["questions-0-choices"] = "Pflege\nTelemedizin"
    data["registration_closes_0"] = "2030-03-01"
    response = admin_client.post("/admin/events/event/add/", data)
    assert "Die Anmeldung muss nach ihrer Öffnung schließen" in response.text
    data["registration_closes_0"] = "2030-04-30"
    response = admin_client.post("/admin/events/event/add/", data)
    assert response.status_code == 200  # a price needs the body that invoices it
    assert "Wählen Sie, wer die Rechnungen für diesen Preis schreibt" in response.text
    data["seller"] = str(make_seller().pk)
    response = admin_client.post("/admin/events/event/add/", data)
    assert response.status_code == 302, response.context["adminform"].errors
    event = Event.objects.get(slug="neues-netzwerktreffen")
    assert event.languages == ["de", "en"]
    assert event.price_cents == 9500  # typed in euros, kept in cents
    assert event.sessions.get().title == "Begrüßung"
    assert event.questions.get().choice_list == ["Pflege", "Telemedizin"]


def test_participant_csv_lists_every_registration_with_its_state_and_answers(admin_client):
    event = make_open_event(capacity=1)
    meal = RegistrationQuestion.objects.create(event=event, text="Essenswunsch?", position=1)
    badge = RegistrationQuestion.objects.create(event=event, text="Name auf dem Schild", position=2)
    people = {
        "Anna Bestätigt": Status.CONFIRMED,
        "Bernd Wartet": Status.WAITING_LIST,
        "Clara Offen": Status.PENDING,
        "Dora Prüfung": Status.AWAITING_APPROVAL,
        "Emil Storniert": Status.CANCELLED,
    }
    for name, status in people.items():
        make_registration(event, name=name, status=status)
    anna = Registration.objects.get(name="Anna Bestätigt")
    RegistrationAnswer.objects.create(registration=anna, question=meal, value="=vegan")
    RegistrationAnswer.objects.create(registration=anna, question=badge, value="Dr. Anna")

    response = admin_client.get(
        f"/admin/events/event/{event.pk}/participants.csv", headers={"accept-language": "de"}
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[-3:] == ["Storniert am", "Essenswunsch?", "Name auf dem Schild"]
    with translation.override("de"):
        expected = [(name, str(Status(status).label)) for name, status in people.items()]
    order = ["Anna Bestätigt", "Dora Prüfung", "Clara Offen", "Bernd Wartet", "Emil Storniert"]
    assert [(row[0], row[header.index("Status")]) for row in body] == sorted(
        expected, key=lambda pair: order.index(pair[0])
    )
    anna_row = body[0]
    assert anna_row[-2:] == ["'=vegan", "Dr. Anna"]
    assert body[-1][0] == "Emil Storniert" and body[-1][-2:] == ["", ""]


def test_participant_csv_gives_yes_no_answers_in_the_managers_language(admin_client):
    event = make_open_event()
    lunch = RegistrationQuestion.objects.create(
        event=event, text="Mittagessen?", kind=RegistrationQuestion.Kind.YES_NO
    )
    registration = make_registration(event, status=Status.CONFIRMED, name="Anna Hungrig")
    RegistrationAnswer.objects.create(registration=registration, question=lunch, value="yes")

    response = admin_client.get(
        f"/admin/events/event/{event.pk}/participants.csv", headers={"accept-language": "de"}
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "Anna Hungrig"
    assert rows[1][-1] == "Ja"
