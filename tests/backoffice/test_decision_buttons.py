"""Decisions on the record's own page: buttons that run the list action's service (issue 24)."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client

from backoffice.decisions import REASON_MAX_LENGTH
from events.models import Registration
from tests.factories import make_staff

from .decision_cases import CASES, registration_to_decide

pytestmark = pytest.mark.django_db

REASON = "Die Veranstaltung richtet sich an Kliniken; bitte melden Sie sich beim nächsten Mal an."


@pytest.fixture(params=CASES, ids=[case.key for case in CASES])
def case(request):
    return request.param


def admin_of(case, record):
    return admin.site._registry[type(record)]


def decision_named(case, record, name):
    return next(d for d in admin_of(case, record).decisions if d.name == name)


def buttons(response) -> set[str]:
    """The decisions the page offers (the values of its decision buttons)."""
    return set(re.findall(r'name="decision" value="([^"]+)"', response.content.decode()))


def press(client, case, record, name, reason="", **extra):
    return client.post(case.decide_url(record), {"decision": name, "reason": reason}, **extra)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_button_and_list_action_call_the_same_service(
    case, admin_client, muensterland, monkeypatch, django_capture_on_commit_callbacks
):
    on_page, in_list = case.make(muensterland), case.make(muensterland)
    decision = decision_named(case, on_page, case.accept)
    service = decision.service
    called = []

    def recording(**arguments):
        called.append(arguments[decision.argument].pk)
        return service(**arguments)

    monkeypatch.setattr(decision, "service", recording)

    with django_capture_on_commit_callbacks(execute=True):
        assert case.accept in buttons(admin_client.get(case.change_url(on_page)))
        response = press(admin_client, case, on_page, case.accept)
        assert response.status_code == 302
        assert response["Location"] == case.change_url(on_page)
        admin_client.post(case.url, {"action": case.accept, "_selected_action": [in_list.pk]})

    assert called == [on_page.pk, in_list.pk]
    for record in (on_page, in_list):
        record.refresh_from_db()
        assert case.accepted(record)


def test_decline_button_mails_the_reason_and_history_names_who_decided(
    case, client, network_manager, muensterland, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(network_manager)
    record = case.make(muensterland)
    assert case.decline in buttons(client.get(case.change_url(record)))

    with django_capture_on_commit_callbacks(execute=True):
        response = press(client, case, record, case.decline, reason=REASON, follow=True)

    record.refresh_from_db()
    assert case.declined(record)
    assert any("abgelehnt" in message for message in messages_of(response))
    mail = next(m for m in mailoutbox if m.to == [case.recipient(record)])
    assert "Die Begründung unserer Entscheidung:" in mail.body
    assert REASON in mail.body
    latest = record.history.latest()
    assert latest.history_user == network_manager


def test_a_decline_without_a_reason_mails_no_reason_paragraph(
    client, network_manager, muensterland, mailoutbox
):
    client.force_login(network_manager)
    registration = registration_to_decide(muensterland)
    press(client, CASES[0], registration, "decline_registrations")
    assert "Begründung" not in mailoutbox[-1].body


def test_only_the_decisions_the_state_allows_are_offered(admin_client, muensterland):
    registration = CASES[0]
    waiting = registration_to_decide(muensterland, Registration.Status.WAITING_LIST)
    assert buttons(admin_client.get(registration.change_url(waiting))) == {
        "promote_registrations",
        "decline_registrations",
    }
    pending = registration_to_decide(muensterland)
    assert buttons(admin_client.get(registration.change_url(pending))) == {
        "confirm_registrations",
        "decline_registrations",
    }


def test_a_decided_record_shows_no_decision_and_a_forged_post_is_refused(
    case, admin_client, muensterland, mailoutbox
):
    record = case.decided_state(muensterland)
    page = admin_client.get(case.change_url(record))
    assert buttons(page) == set()
    assert "backoffice-decisions" not in page.content.decode()

    before = type(record).objects.filter(pk=record.pk).values().get()
    response = press(admin_client, case, record, case.decline, reason=REASON, follow=True)

    assert response.redirect_chain[-1][0] == case.change_url(record)
    assert "in seinem jetzigen Zustand nicht möglich" in " ".join(messages_of(response))
    assert type(record).objects.filter(pk=record.pk).values().get() == before
    assert mailoutbox == []


def test_a_refusal_of_the_service_is_shown_on_the_page(admin_client, muensterland):
    full = registration_to_decide(muensterland, Registration.Status.CONFIRMED, capacity=1)
    waiting = Registration.objects.create(
        event=full.event,
        name="Wartende Person",
        email="wartend@example.org",
        status=Registration.Status.WAITING_LIST,
    )
    response = press(admin_client, CASES[0], waiting, "promote_registrations", follow=True)
    assert "Wartende Person: Für diese Veranstaltung ist kein Platz frei." in messages_of(response)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITING_LIST


def test_a_regional_manager_decides_in_their_region_but_not_in_another(
    case, client, muensterland, saarland
):
    manager = make_staff("decider", "Regionalmanagement", [muensterland])
    model = case.make(muensterland)._meta.model_name
    for action in ("view", "change"):
        # Posts are not among a regional manager's records; granted here to test the scope.
        manager.user_permissions.add(Permission.objects.get(codename=f"{action}_{model}"))
    client.force_login(manager)
    own, foreign = case.make(muensterland), case.make(saarland)

    assert client.get(case.change_url(foreign)).status_code == 404
    assert press(client, case, foreign, case.decline, reason=REASON).status_code == 404
    foreign.refresh_from_db()
    assert not case.declined(foreign)

    assert case.decline in buttons(client.get(case.change_url(own)))
    assert press(client, case, own, case.decline).status_code == 302
    own.refresh_from_db()
    assert case.declined(own)


def test_staff_who_may_only_view_see_no_buttons_and_are_refused(
    client, django_user_model, muensterland
):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client.force_login(viewer)
    registration = registration_to_decide(muensterland)

    page = client.get(CASES[0].change_url(registration))
    assert page.status_code == 200
    assert buttons(page) == set()
    assert press(client, CASES[0], registration, "decline_registrations").status_code == 403
    listing = client.get(CASES[0].url)
    assert "decline_registrations" not in listing.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.AWAITING_APPROVAL


def test_the_decision_needs_the_csrf_token_and_a_post(admin_user, muensterland):
    registration = registration_to_decide(muensterland)
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    url = CASES[0].decide_url(registration)

    assert client.post(url, {"decision": "decline_registrations"}).status_code == 403
    assert client.get(url).status_code == 405
    page = client.get(CASES[0].change_url(registration)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(url, {"decision": "decline_registrations", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.DECLINED


def test_a_reason_over_the_limit_is_refused_and_nothing_changes(admin_client, muensterland):
    registration = registration_to_decide(muensterland)
    response = press(
        admin_client,
        CASES[0],
        registration,
        "decline_registrations",
        reason="x" * (REASON_MAX_LENGTH + 1),
        follow=True,
    )
    assert f"höchstens {REASON_MAX_LENGTH} Zeichen" in " ".join(messages_of(response))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.AWAITING_APPROVAL


def test_the_decision_panel_is_labelled_for_assistive_technology(admin_client, muensterland):
    page = admin_client.get(CASES[0].change_url(registration_to_decide(muensterland)))
    html = page.content.decode()
    assert 'aria-labelledby="backoffice-decisions-heading"' in html
    assert '<label for="id_decision_reason">Begründung (optional)</label>' in html
    assert ">Ablehnen</button>" in html
