"""Retention (purge), a person's rights (export, erasure) and the registry behind them."""

import json

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.db.models import Count

from core import privacy
from core.models import ErasureRecord
from events.models import Registration, RegistrationQuestion
from members.models import (
    Decision,
    MembershipApplication,
    ProfileChangeRequest,
)
from tests import factories
from tests.factories import (
    make_barrier_report,
    make_membership_application,
    make_open_event,
    make_past_event,
    make_registration,
)

pytestmark = pytest.mark.django_db

TOOL = "/admin/core/erasurerecord/personal-data/"


@pytest.fixture
def notice(db):
    return factories.make_privacy_notice()


def status_counts():
    rows = Registration.objects.values("event_id", "status").annotate(n=Count("pk"))
    return list(rows.order_by("event_id", "status"))


# --- purge ------------------------------------------------------------------------------------


def test_purge_anonymises_registrations_a_year_after_the_event_and_keeps_the_counts():
    old = make_past_event(400)
    recent = make_past_event(30)
    question = RegistrationQuestion.objects.create(event=old, text="Ernährung?")
    kept = make_registration(recent, name="Recent Person", status=Registration.Status.CONFIRMED)
    gone = make_registration(
        old, name="Old Person", organisation_name="Alte GmbH", role="Leitung",
        show_organisation_publicly=True, status=Registration.Status.CONFIRMED,
    )  # fmt: skip
    make_registration(old, status=Registration.Status.CANCELLED)
    gone.answers.create(question=question, value="vegetarisch, Allergie gegen Nüsse")
    before = status_counts()

    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115

    gone.refresh_from_db()
    kept.refresh_from_db()
    assert gone.name != "Old Person" and "@" in gone.email and gone.email.endswith(".invalid")
    assert (gone.organisation_name, gone.role, gone.show_organisation_publicly) == ("", "", False)
    assert gone.answers.get().value == ""
    assert gone.anonymised_at is not None
    assert gone.status == Registration.Status.CONFIRMED
    assert kept.name == "Recent Person" and kept.anonymised_at is None
    assert status_counts() == before


def test_purge_anonymises_declined_applications_after_six_months_only():
    old_declined = make_membership_application(decided_days_ago=200)
    new_declined = make_membership_application(decided_days_ago=30)
    approved = make_membership_application(decision=Decision.APPROVED, decided_days_ago=400)

    report = privacy.purge()

    assert report["membership_applications"] == 1
    old_declined.refresh_from_db()
    old_declined.contact.refresh_from_db()
    old_declined.organisation.refresh_from_db()
    assert old_declined.contact.name != "Clara Antrag"
    assert old_declined.contact.phone == "" and old_declined.message == ""
    assert old_declined.organisation.email == "" and old_declined.organisation.phone == ""
    assert old_declined.decision == Decision.DECLINED
    for application in (new_declined, approved):
        application.contact.refresh_from_db()
        assert application.contact.name == "Clara Antrag"
        assert MembershipApplication.objects.get(pk=application.pk).anonymised_at is None


def test_purge_clears_contact_data_of_old_barrier_reports_and_keeps_the_report(notice):
    old = make_barrier_report(400, notice, name="Dora Meldung", email="dora@example.org")
    new = make_barrier_report(10, notice, name="Emil Meldung", email="emil@example.org")

    privacy.purge()

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.name, old.email, old.description) == ("", "", "Kontrast zu schwach")
    assert old.anonymised_at is not None
    assert new.email == "emil@example.org"


def test_a_second_purge_anonymises_nothing_new(notice):
    make_registration(make_past_event(400))
    make_membership_application(decided_days_ago=400)
    make_barrier_report(400, notice, email="dora@example.org")

    first = privacy.purge()
    second = privacy.purge()

    nothing_else = {
        "contact_messages": 0,
        "co_exhibitor_applications": 0,
        "group_memberships": 0,
        "invoices": 0,
        "expressions_of_interest": 0,
        "rate_limit_counters": 0,
    }
    assert first == {
        "registrations": 1,
        "membership_applications": 1,
        "barrier_reports": 1,
        **nothing_else,
    }
    assert second == {
        "registrations": 0,
        "membership_applications": 0,
        "barrier_reports": 0,
        **nothing_else,
    }


def test_dry_run_reports_counts_and_changes_nothing(capsys):
    registration = make_registration(make_past_event(400), name="Old Person")

    call_command("purge_personal_data", "--dry-run")

    assert "registrations: 1 would be anonymised" in capsys.readouterr().out
    registration.refresh_from_db()
    assert registration.name == "Old Person"


def test_retention_is_configurable_by_option_and_setting(settings, capsys):
    registration = make_registration(make_past_event(40))
    call_command("purge_personal_data")
    assert Registration.objects.get(pk=registration.pk).anonymised_at is None

    call_command("purge_personal_data", "--registrations-days", "30")
    assert "registrations: 1 anonymised" in capsys.readouterr().out
    assert Registration.objects.get(pk=registration.pk).anonymised_at is not None

    other = make_registration(make_past_event(40))
    settings.PERSONAL_DATA_RETENTION = {**settings.PERSONAL_DATA_RETENTION, "registrations": 7}
    privacy.purge()
    assert Registration.objects.get(pk=other.pk).anonymised_at is not None


# --- export and erasure -------------------------------------------------------------------------


@pytest.fixture
def person(notice):
    """Eva's data in every source the registry knows."""
    email = "eva@example.org"
    make_registration(make_open_event(capacity=5), email="Eva@Example.org", name="Eva Daten")
    application = make_membership_application(decision=Decision.PENDING, email=email)
    make_barrier_report(3, notice, name="Eva Daten", email=email)
    return {"email": email, "application": application}


@pytest.fixture
def manager(client):
    user = User.objects.create_user("datenschutz", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="manage_personal_data"))
    client.force_login(user)
    return user


def test_export_finds_the_address_in_every_source_whatever_its_spelling(person):
    data = privacy.collect(" EVA@example.ORG ")

    assert len(data["registrations"]) == 1
    assert data["registrations"][0]["name"] == "Eva Daten"
    assert len(data["membership_applications"]) == 1
    assert len(data["contact_persons"]) == 1
    assert len(data["barrier_reports"]) == 1
    assert privacy.collect("someone.else@example.org")["registrations"] == []


def test_manager_downloads_everything_about_an_address_as_json(client, manager, person):
    response = client.post(TOOL, {"email": person["email"], "action": "json"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    payload = json.loads(response.content)
    assert payload["data"]["registrations"][0]["name"] == "Eva Daten"
    assert payload["data"]["barrier_reports"][0]["email"] == person["email"]


def test_manager_downloads_everything_about_an_address_as_csv(client, manager, person):
    response = client.post(TOOL, {"email": person["email"], "action": "csv"})

    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "registrations;" in text and "Eva Daten" in text
    assert "contact_persons;" in text


def test_erasure_asks_for_confirmation_first(client, manager, person):
    response = client.post(TOOL, {"email": person["email"], "action": "erase"})

    assert response.status_code == 200
    assert "Yes, erase the data" in response.text or "Ja, Daten löschen" in response.text
    assert Registration.objects.filter(name="Eva Daten").exists()
    assert not ErasureRecord.objects.exists()


def test_confirmed_erasure_anonymises_everywhere_and_is_recorded_without_the_address(
    client, manager, person
):
    response = client.post(TOOL, {"email": person["email"], "action": "erase_confirmed"})

    assert response.status_code == 302
    for rows in privacy.collect(person["email"]).values():
        assert rows == []
    record = ErasureRecord.objects.get()
    assert record.erased_by == manager
    assert record.counts["registrations"] == 1
    assert record.counts["membership_applications"] == 1
    assert record.counts["barrier_reports"] == 1
    assert record.email_hash == privacy.hash_email("EVA@example.org")
    assert "eva" not in json.dumps(record.counts) + record.email_hash


def test_erasing_a_confirmed_registration_frees_the_place_for_the_waiting_list(mailoutbox):
    event = make_open_event(capacity=1)
    make_registration(event, email="eva@example.org", status=Registration.Status.CONFIRMED)
    waiting = make_registration(event, status=Registration.Status.WAITING_LIST)

    privacy.erase(email="eva@example.org")

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.OFFERED


def test_staff_without_the_permission_cannot_open_the_tool(client, person):
    user = User.objects.create_user("redaktion", password="x", is_staff=True)
    client.force_login(user)

    assert client.post(TOOL, {"email": person["email"], "action": "json"}).status_code == 403
    assert client.get("/admin/").status_code == 200
    assert TOOL not in client.get("/admin/").text


def test_the_tool_is_linked_from_the_admin_index(client, manager):
    assert TOOL in client.get("/admin/").text


def test_erasing_a_contact_named_in_someone_elses_change_request_keeps_the_submitter():
    organisation = factories.make_organisation()
    change_request = ProfileChangeRequest.objects.create(
        organisation=organisation,
        submitted_by="anna@example.org",
        proposed={"contacts": [{"name": "Eva Daten", "email": "eva@example.org", "phone": "1"}]},
    )

    record = privacy.erase(email="eva@example.org")

    change_request.refresh_from_db()
    assert record.counts["change_requests"] == 1
    assert change_request.submitted_by == "anna@example.org"
    assert change_request.proposed["contacts"][0]["name"] != "Eva Daten"
    assert change_request.proposed["contacts"][0]["email"] == ""


def test_erasing_an_active_registration_mails_only_the_person_who_gets_the_place(
    client, manager, mailoutbox
):
    event = make_open_event(capacity=1)
    make_registration(event, email="eva@example.org", status=Registration.Status.CONFIRMED)
    waiting = make_registration(event, status=Registration.Status.WAITING_LIST)
    mailoutbox.clear()

    response = client.post(TOOL, {"email": "eva@example.org", "action": "erase_confirmed"})

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.OFFERED
    assert [message.to for message in mailoutbox] == [[waiting.email]]
