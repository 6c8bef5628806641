"""Joining a working group: the organisation's one-time link, the request, the managers'
decision in the back office (mails, history), and the region scope of the back office."""

import re

import pytest

from backoffice.roles import REGIONAL_MANAGEMENT
from groups import services
from groups.models import GroupMembership, WorkingGroup
from members.models import AccessLink, Organisation
from tests import factories
from tests.factories import make_group, make_group_membership, make_member_with_contact

Status = GroupMembership.Status
db = pytest.mark.django_db

MEMBERSHIPS = "/admin/groups/groupmembership/"
GROUPS = "/admin/groups/workinggroup/"


def request_link(client, group, organisation, email, language_prefix=""):
    path = (
        f"/en/working-groups/{group.slug}/join/"
        if language_prefix == "en"
        else f"/arbeitsgruppen/{group.slug}/beitreten/"
    )
    return client.post(
        path, {"organisation": organisation.pk, "email": email, "privacy_consent": "on"}
    )


def link_from(mail) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", mail.body)
    assert match, mail.body
    return match.group(1)


def join_data(group, **overrides):
    data = {
        "group": group.pk,
        "contact_name": "Anna Beispiel",
        "contact_email": "anna@beispiel.example",
        "message": "Wir bringen Erfahrung mit Telemonitoring mit.",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def group(db):
    return make_group(name="Arbeitsgruppe Telemedizin", slug="ag-telemedizin")


@pytest.fixture
def member(db):
    return make_member_with_contact(email="anna@beispiel.example", name="Beispiel Telemed GmbH")


@pytest.fixture
def link_path(client, group, member, mailoutbox):
    organisation, contact = member
    request_link(client, group, organisation, contact.email)
    return link_from(mailoutbox[-1])


# Asking to join ----------------------------------------------------------------------------------


@db
def test_a_member_asks_through_its_link_and_the_managers_are_told(
    client, group, member, link_path, mailoutbox, settings
):
    settings.MANAGERS = [("Leitung", "leitung@cluster.example")]
    organisation, _contact = member
    assert link_path.startswith("/arbeitsgruppen/beitreten/")
    form = client.get(link_path)
    assert form.status_code == 200
    assert 'value="anna@beispiel.example"' in form.text and "Arbeitsgruppe Telemedizin" in form.text

    response = client.post(link_path, join_data(group))

    assert response.status_code == 200
    assert "Vielen Dank für Ihre Anfrage" in response.text
    membership = GroupMembership.objects.get()
    assert (membership.group, membership.organisation) == (group, organisation)
    assert membership.status == Status.REQUESTED and membership.consented_at is not None
    confirmation, notice = mailoutbox[-2:]
    assert confirmation.to == ["anna@beispiel.example"]
    assert "Arbeitsgruppe Telemedizin" in confirmation.subject
    assert notice.to == ["leitung@cluster.example"]
    assert "Beispiel Telemed GmbH" in notice.subject
    assert AccessLink.objects.get().used_at is not None


@db
def test_the_join_link_works_only_once(client, group, link_path):
    client.post(link_path, join_data(group))
    again = client.get(link_path)
    assert again.status_code == 410
    assert "bereits verwendet" in again.text


@db
def test_a_profile_link_does_not_open_the_join_form(client, member, mailoutbox):
    organisation, contact = member
    client.post(
        f"/mitglieder/{organisation.slug}/aktualisieren/",
        {"email": contact.email, "privacy_consent": "on"},
    )
    profile_link = link_from(mailoutbox[-1])
    token = profile_link.rstrip("/").rsplit("/", 1)[-1]
    assert client.get(f"/arbeitsgruppen/beitreten/{token}/").status_code == 400


@db
def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, group, member, mailoutbox):
    organisation, _contact = member
    response = request_link(client, group, organisation, "fremd@example.org")
    assert response.status_code == 302
    assert not mailoutbox and not AccessLink.objects.exists()


@db
def test_a_non_member_cannot_ask_for_a_link(client, group, mailoutbox):
    applicant = factories.make_organisation(status=Organisation.Status.APPLICANT)
    response = request_link(client, group, applicant, "a@b.example")
    assert response.status_code == 200
    assert "Nur Mitgliedsorganisationen" in response.text
    assert not mailoutbox


@db
def test_a_link_of_an_organisation_no_longer_member_is_refused(client, group, member, link_path):
    organisation, _contact = member
    Organisation.objects.filter(pk=organisation.pk).update(status=Organisation.Status.FORMER_MEMBER)
    response = client.get(link_path)
    assert response.status_code == 403


@db
def test_a_second_request_for_the_same_group_is_refused(group, member):
    organisation, _contact = member
    make_group_membership(group, organisation, status=Status.REQUESTED)
    with pytest.raises(services.AlreadyRequested):
        services.request_membership(
            group=group,
            organisation=organisation,
            contact_name="Anna",
            contact_email="anna@beispiel.example",
            consent={},
        )


@db
def test_the_form_offers_only_groups_the_organisation_is_not_in(client, group, member, link_path):
    organisation, _contact = member
    other = make_group(name="Arbeitsgruppe Pflege")
    make_group_membership(group, organisation)
    page = client.get(link_path).text
    assert "Arbeitsgruppe Pflege" in page and "Arbeitsgruppe Telemedizin" not in page
    assert other.name in page


@db
def test_an_english_request_gets_english_mails(client, group, member, mailoutbox):
    organisation, contact = member
    request_link(client, group, organisation, contact.email, language_prefix="en")
    path = link_from(mailoutbox[-1])
    assert path.startswith("/en/working-groups/join/")
    client.post(path, join_data(group))
    assert GroupMembership.objects.get().language == "en"
    confirmation, _notice = mailoutbox[-2:]
    assert confirmation.subject.startswith("Your request to join")


@db
def test_the_access_form_is_rate_limited_per_e_mail_address(client, group, member):
    organisation, contact = member
    for _ in range(5):
        request_link(client, group, organisation, contact.email)
    assert request_link(client, group, organisation, contact.email).status_code == 429


# The managers' decision ----------------------------------------------------------------------


def run_action(admin_client, action, objects, **extra):
    return admin_client.post(
        MEMBERSHIPS,
        {"action": action, "_selected_action": [obj.pk for obj in objects], **extra},
        follow=True,
    )


@db
def test_accepting_mails_the_members_own_documents_link_and_keeps_history(
    admin_client, group, mailoutbox
):
    membership = make_group_membership(group, status=Status.REQUESTED)

    response = run_action(admin_client, "accept", [membership])

    assert "1 Anfrage angenommen." in response.text
    membership.refresh_from_db()
    assert membership.status == Status.MEMBER
    assert membership.decided_by.username == "admin"
    [mail] = mailoutbox
    assert mail.to == [membership.contact_email]
    path = link_from_documents(mail)
    assert path.startswith(f"/arbeitsgruppen/{group.slug}/unterlagen/")
    history = membership.history.order_by("history_date")
    assert [h.status for h in history] == [Status.REQUESTED, Status.MEMBER]
    assert history.last().history_user.username == "admin"


def link_from_documents(mail) -> str:
    match = re.search(r"https?://[^/\s]+(/\S*/unterlagen/\S+)", mail.body) or re.search(
        r"https?://[^/\s]+(/\S*/documents/\S+)", mail.body
    )
    assert match, mail.body
    return match.group(1)


@db
def test_declining_on_the_page_mails_the_reason(admin_client, group, mailoutbox):
    membership = make_group_membership(group, status=Status.REQUESTED, language="en")

    admin_client.post(
        f"{MEMBERSHIPS}{membership.pk}/decide/",
        {"decision": "decline", "reason": "The group is full for this year."},
    )

    membership.refresh_from_db()
    assert membership.status == Status.DECLINED
    [mail] = mailoutbox
    assert "The group is full for this year." in mail.body
    assert mail.subject.startswith("Your request to join")


@db
def test_a_declined_request_cannot_be_accepted(admin_client, group, mailoutbox):
    membership = make_group_membership(group, status=Status.DECLINED)
    response = run_action(admin_client, "accept", [membership])
    assert "Nur Beitrittsanfragen können angenommen werden." in response.text
    membership.refresh_from_db()
    assert membership.status == Status.DECLINED and not mailoutbox


@db
def test_the_change_page_offers_the_decisions_of_the_state(admin_client, group):
    requested = make_group_membership(group, status=Status.REQUESTED)
    member = make_group_membership(group)
    requested_page = admin_client.get(f"{MEMBERSHIPS}{requested.pk}/change/").text
    member_page = admin_client.get(f"{MEMBERSHIPS}{member.pk}/change/").text
    assert 'value="accept"' in requested_page and 'value="end"' not in requested_page
    assert 'value="end"' in member_page and 'value="send_documents_link"' in member_page


@db
def test_the_dashboard_shows_waiting_requests(admin_client, group):
    make_group_membership(group, factories.make_organisation(name="Warte GmbH"), status="requested")
    page = admin_client.get("/admin/").text
    assert "Warte GmbH" in page


# The region scope ----------------------------------------------------------------------------


@pytest.fixture
def two_regions(db):
    own = factories.make_region(name="Münsterland", slug="muensterland")
    foreign = factories.make_region(name="Saarland", slug="saarland-region")
    return own, foreign


@pytest.fixture
def regional_client(client, two_regions):
    own, _foreign = two_regions
    client.force_login(factories.make_staff("muenster", REGIONAL_MANAGEMENT, [own]))
    return client


@db
def test_a_regional_manager_sees_and_decides_only_the_groups_of_their_regions(
    regional_client, two_regions, mailoutbox
):
    own, foreign = two_regions
    own_group = make_group(name="Münsteraner Gruppe", region=own)
    foreign_group = make_group(name="Saarländische Gruppe", region=foreign)
    own_request = make_group_membership(own_group, status=Status.REQUESTED)
    foreign_request = make_group_membership(foreign_group, status=Status.REQUESTED)

    groups = regional_client.get(GROUPS)
    memberships = regional_client.get(MEMBERSHIPS)

    assert {str(g) for g in groups.context["cl"].result_list} == {"Münsteraner Gruppe"}
    assert {m.pk for m in memberships.context["cl"].result_list} == {own_request.pk}
    assert regional_client.get(f"{GROUPS}{foreign_group.pk}/change/").status_code == 404
    assert regional_client.get(f"{MEMBERSHIPS}{foreign_request.pk}/change/").status_code == 404
    response = regional_client.post(
        f"{MEMBERSHIPS}{foreign_request.pk}/decide/", {"decision": "accept"}
    )
    assert response.status_code == 404
    foreign_request.refresh_from_db()
    assert foreign_request.status == Status.REQUESTED and not mailoutbox


@db
def test_a_regional_manager_cannot_move_a_group_to_another_region(regional_client, two_regions):
    own, foreign = two_regions
    group = make_group(name="Münsteraner Gruppe", region=own)
    response = regional_client.post(
        f"{GROUPS}{group.pk}/change/",
        {
            "name_de": group.name,
            "slug": group.slug,
            "topic_de": group.topic,
            "region": foreign.pk,
            "spokesperson_name": "X",
            "spokesperson_organisation": "Y",
            "is_published": "on",
            "meetings-TOTAL_FORMS": "0",
            "meetings-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert WorkingGroup.objects.get(pk=group.pk).region == own
