import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from core import links
from members.access import access_from_token, send_organisation_access_link
from members.models import AccessLink, Decision, ProfileChangeRequest
from members.services import change_request_approve, change_request_decline
from tests import factories
from tests.factories import image_bytes

from .conftest import upload

pytestmark = pytest.mark.django_db


def request_link(client, organisation, email):
    return client.post(
        f"/mitglieder/{organisation.slug}/aktualisieren/",
        {"email": email, "privacy_consent": "on"},
        follow=True,
    )


def link_from(mail) -> str:
    return re.search(r"https?://\S+", mail.body).group(0).split("://", 1)[1].split("/", 1)[1]


@pytest.fixture
def link_url(client, member, privacy_notice, mailoutbox):
    request_link(client, member, "Anna@Beispiel.example")
    return "/" + link_from(mailoutbox[-1])


def profile_post(member, **overrides):
    contacts = list(member.contact_persons.order_by("pk"))
    data = {
        "profile-legal_form": member.legal_form,
        "profile-description": member.description,
        "profile-website": member.website,
        "profile-email": member.email,
        "profile-phone": member.phone,
        "profile-street": member.street,
        "profile-postcode": member.postcode,
        "profile-city": member.city,
        "profile-employee_band": member.employee_band,
        "profile-founded_year": member.founded_year or "",
        "profile-privacy_consent": "on",
        "contacts-TOTAL_FORMS": str(len(contacts) + 1),
        "contacts-INITIAL_FORMS": str(len(contacts)),
        "contacts-MIN_NUM_FORMS": "1",
        "contacts-MAX_NUM_FORMS": "1000",
        "action": "change",
    }
    for index, contact in enumerate(contacts):
        data.update(
            {
                f"contacts-{index}-id": contact.pk,
                f"contacts-{index}-organisation": member.pk,
                f"contacts-{index}-name": contact.name,
                f"contacts-{index}-role": contact.role,
                f"contacts-{index}-email": contact.email,
                f"contacts-{index}-phone": contact.phone,
                f"contacts-{index}-is_public": "on" if contact.is_public else "",
            }
        )
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


def test_known_contact_gets_a_one_time_link_in_their_language(
    client, member, privacy_notice, mailoutbox
):
    response = client.post(
        f"/en/members/{member.slug}/update/",
        {"email": "anna@beispiel.example", "privacy_consent": "on"},
        follow=True,
    )
    assert "we have sent a link" in response.content.decode()
    (mail,) = mailoutbox
    assert mail.to == ["anna@beispiel.example"]
    assert mail.subject == "Your link to update the profile of Beispiel Medizintechnik GmbH"
    assert "/en/members/profile/" in mail.body


def test_unknown_address_gets_the_same_answer_and_no_mail(
    client, member, privacy_notice, mailoutbox
):
    known = request_link(client, member, "anna@beispiel.example")
    unknown = request_link(client, member, "fremd@example.org")
    assert len(mailoutbox) == 1
    assert known.status_code == unknown.status_code == 200
    message = "Wenn dies die Adresse einer Ansprechperson"
    assert message in known.content.decode() and message in unknown.content.decode()
    assert (
        list(known.context["messages"])[0].message == list(unknown.context["messages"])[0].message
    )


def test_address_of_another_organisations_contact_gets_no_link(member, mailoutbox):
    other = factories.make_organisation()
    other.contact_persons.create(name="X", email="x@other.example")
    sent = send_organisation_access_link(
        organisation=member, email="x@other.example", purpose="profile", language="de"
    )
    assert sent is False and mailoutbox == []


def test_valid_link_shows_the_profile_form(client, member, link_url):
    response = client.get(link_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Profil von Beispiel Medizintechnik GmbH aktualisieren" in page
    assert "bernd@beispiel.example" in page  # the form shows every contact person


def test_expired_link_says_so(client, link_url, settings):
    settings.SIGNED_LINK_MAX_AGE = -1
    response = client.get(link_url)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()


def test_tampered_link_says_so(client, link_url):
    token = link_url.rstrip("/").rsplit("/", 1)[-1]
    tampered = link_url.replace(token, token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb"))
    response = client.get(tampered)
    assert response.status_code == 400
    assert "Dieser Link ist ungültig" in response.content.decode()


def test_link_for_another_purpose_is_not_valid(member, monkeypatch):
    stand = links.LinkPurpose("members.access.stand", url_name="members:profile_edit")
    monkeypatch.setitem(links.PURPOSES, stand.name, stand)
    link = AccessLink.objects.create(
        organisation=member, email="anna@beispiel.example", purpose="stand"
    )
    from members.access import access_link_url

    token = access_link_url(link).rstrip("/").rsplit("/", 1)[-1]
    from core.links import LinkError

    with pytest.raises(LinkError):
        access_from_token(token, "profile")
    assert access_from_token(token, "stand") == link


def test_sending_changes_creates_a_request_and_changes_nothing_public(
    client, member, link_url, mailoutbox, innovation_field
):
    data = profile_post(
        member,
        **{
            "profile-description": "Neue Beschreibung der Orthesen.",
            "profile-innovation_fields": [innovation_field.pk],
            "contacts-2-name": "Carla Neu",
            "contacts-2-email": "carla@beispiel.example",
            "contacts-2-is_public": "on",
        },
    )
    response = client.post(link_url, data)
    assert response.status_code == 200
    assert "an das Clustermanagement gesendet" in response.content.decode()
    change_request = ProfileChangeRequest.objects.get()
    assert change_request.proposed["fields"]["description"] == "Neue Beschreibung der Orthesen."
    assert change_request.submitted_by == "anna@beispiel.example"
    member.refresh_from_db()
    assert member.description == "Wir entwickeln Orthesen für Kliniken."
    page = client.get(member.get_absolute_url()).content.decode()
    assert "Neue Beschreibung" not in page and "Carla Neu" not in page
    assert mailoutbox[-1].subject == "Profiländerungen zur Prüfung: Beispiel Medizintechnik GmbH"


def test_used_link_says_so(client, member, link_url):
    client.post(link_url, profile_post(member, **{"profile-city": "Rheine"}))
    response = client.get(link_url)
    assert response.status_code == 410
    assert "bereits verwendet" in response.content.decode()
    assert client.post(link_url, profile_post(member)).status_code == 410


def test_invalid_changes_show_errors_and_keep_the_link_usable(client, member, link_url):
    response = client.post(link_url, profile_post(member, **{"profile-website": "kein link"}))
    assert response.status_code == 200
    assert "Bitte eine gültige Adresse eingeben." in response.content.decode()
    assert not ProfileChangeRequest.objects.exists()
    assert client.get(link_url).status_code == 200


def test_confirming_unchanged_profile_records_the_date(client, member, link_url):
    response = client.post(link_url, profile_post(member, action="confirm"))
    assert "bestätigt, dass das Profil stimmt" in response.content.decode()
    member.refresh_from_db()
    assert member.last_confirmed_on == timezone.localdate()
    assert not ProfileChangeRequest.objects.exists()


@pytest.fixture
def change_request(client, member, link_url, innovation_field):
    anna, bernd = member.contact_persons.order_by("pk")
    data = profile_post(
        member,
        **{
            "profile-description": "Neue Beschreibung der Orthesen.",
            "profile-innovation_fields": [innovation_field.pk],
            "contacts-0-role": "Geschäftsführung",
            "contacts-1-DELETE": "on",
            "contacts-2-name": "Carla Neu",
            "contacts-2-email": "carla@beispiel.example",
            "contacts-2-is_public": "on",
        },
    )
    data["profile-logo"] = upload("neu.png", image_bytes("PNG"))
    client.post(link_url, data)
    return ProfileChangeRequest.objects.get()


def test_manager_sees_what_changed(admin_client, change_request):
    page = admin_client.get(
        f"/admin/members/profilechangerequest/{change_request.pk}/change/"
    ).content.decode()
    assert "<del>Wir entwickeln Orthesen für Kliniken.</del>" in page
    assert "<ins>Neue Beschreibung der Orthesen.</ins>" in page
    assert "Bernd Verborgen" in page and "Carla Neu" in page
    assert "Telemedizin" in page


def test_approving_a_change_request_publishes_it(client, member, change_request, admin_user):
    change_request_approve(change_request=change_request, by=admin_user)
    member.refresh_from_db()
    assert member.description == "Neue Beschreibung der Orthesen."
    assert [field.slug for field in member.innovation_fields.all()] == ["telemedizin"]
    contacts = {contact.name: contact for contact in member.contact_persons.all()}
    assert set(contacts) == {"Anna Beispiel", "Carla Neu"}
    assert contacts["Anna Beispiel"].role == "Geschäftsführung"
    assert member.logo and member.logo_thumbnail
    assert member.last_confirmed_on == timezone.localdate()
    page = client.get(member.get_absolute_url()).content.decode()
    assert "Neue Beschreibung der Orthesen." in page and "Carla Neu" in page
    change_request.refresh_from_db()
    assert change_request.decision == Decision.APPROVED


def test_declining_a_change_request_discards_it(member, change_request, admin_user):
    change_request_decline(change_request=change_request, by=admin_user)
    member.refresh_from_db()
    assert member.description == "Wir entwickeln Orthesen für Kliniken."
    assert member.contact_persons.count() == 2
    change_request.refresh_from_db()
    assert change_request.decision == Decision.DECLINED
    assert not change_request.logo


def test_admin_actions_on_change_requests(admin_client, member, change_request):
    response = admin_client.post(
        "/admin/members/profilechangerequest/",
        {"action": "approve", "_selected_action": [change_request.pk]},
        follow=True,
    )
    assert "1 Änderungsanfrage angenommen und veröffentlicht." in response.content.decode()
    member.refresh_from_db()
    assert member.description == "Neue Beschreibung der Orthesen."


def test_yearly_reminder_mails_due_members_once(member, mailoutbox, settings):
    member.last_confirmed_on = timezone.localdate() - dt.timedelta(days=400)
    member.save()
    recent = factories.make_organisation(last_confirmed_on=timezone.localdate())
    recent.contact_persons.create(name="R", email="r@recent.example")
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    call_command("remind_profile_confirmation")
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "anna@beispiel.example",
        "bernd@beispiel.example",
    ]
    assert "https://portal.example.org/mitglieder/profil/" in mailoutbox[0].body
    member.refresh_from_db()
    assert member.confirmation_reminded_on == timezone.localdate()
    call_command("remind_profile_confirmation")
    assert len(mailoutbox) == 2


def test_a_member_without_contact_persons_is_reminded_at_its_public_address(mailoutbox):
    # Before, the reminder went to contact persons only: such a member was marked reminded
    # with no mail sent, although its public address receives every other one-time link.
    factories.make_organisation(
        name="Praxis Ohne Ansprechperson", email="info@praxis.example",
        last_confirmed_on=timezone.localdate() - dt.timedelta(days=400),
    )  # fmt: skip
    call_command("remind_profile_confirmation")
    (mail,) = mailoutbox
    assert mail.to == ["info@praxis.example"]
    assert "Guten Tag Praxis Ohne Ansprechperson," in mail.body
    assert "einmal im Jahr" in mail.body
    assert AccessLink.objects.get().email == "info@praxis.example"


def test_the_reminder_goes_through_the_one_sending_function(member, mailoutbox, monkeypatch):
    from members import access

    sent = []
    send = access.send_organisation_access_link

    def spy(**kwargs):
        sent.append((kwargs["email"], kwargs["purpose"], kwargs["template"]))
        return send(**kwargs)

    monkeypatch.setattr(access, "send_organisation_access_link", spy)
    member.last_confirmed_on = timezone.localdate() - dt.timedelta(days=400)
    member.save()
    call_command("remind_profile_confirmation")
    assert sorted(sent) == [
        ("anna@beispiel.example", "profile", "members/email/confirmation_reminder"),
        ("bernd@beispiel.example", "profile", "members/email/confirmation_reminder"),
    ]
    assert AccessLink.objects.filter(organisation=member, purpose="profile").count() == 2


def test_reminder_link_lets_the_member_confirm(client, member, mailoutbox):
    call_command("remind_profile_confirmation")
    url = "/" + link_from(mailoutbox[0])
    client.post(url, profile_post(member, action="confirm"))
    member.refresh_from_db()
    assert member.last_confirmed_on == timezone.localdate()


def test_repeated_requests_within_minutes_send_only_one_mail(
    client, member, privacy_notice, mailoutbox
):
    first = request_link(client, member, "anna@beispiel.example")
    second = request_link(client, member, "anna@beispiel.example")
    assert len(mailoutbox) == 1
    assert [str(m) for m in first.context["messages"]] == [
        str(m) for m in second.context["messages"]
    ]


def test_approved_change_request_still_shows_what_changed(admin_client, change_request, admin_user):
    change_request_approve(change_request=change_request, by=admin_user)
    page = admin_client.get(
        f"/admin/members/profilechangerequest/{change_request.pk}/change/"
    ).content.decode()
    assert "<del>Wir entwickeln Orthesen für Kliniken.</del>" in page
    assert "<ins>Neue Beschreibung der Orthesen.</ins>" in page


def test_same_e_mail_for_two_contact_persons_is_a_form_error(client, member, link_url):
    data = profile_post(
        member,
        **{"contacts-2-name": "Zweite Anna", "contacts-2-email": "ANNA@beispiel.example"},
    )
    response = client.post(link_url, data)
    assert response.status_code == 200
    assert "bereits eine Ansprechperson mit dieser E-Mail-Adresse" in response.content.decode()
    assert not ProfileChangeRequest.objects.exists()


def test_two_new_contact_persons_with_one_e_mail_is_a_form_error(client, member, link_url):
    data = profile_post(
        member,
        **{
            "contacts-TOTAL_FORMS": "4",
            "contacts-2-name": "Neu Eins",
            "contacts-2-email": "neu@beispiel.example",
            "contacts-3-name": "Neu Zwei",
            "contacts-3-email": "NEU@beispiel.example",
        },
    )
    response = client.post(link_url, data)
    assert "für zwei Ansprechpersonen angegeben" in response.content.decode()
    assert not ProfileChangeRequest.objects.exists()


def test_sent_changes_record_the_privacy_notice_agreed_to(client, member, link_url, privacy_notice):
    client.post(link_url, profile_post(member, **{"profile-city": "Rheine"}))

    change_request = ProfileChangeRequest.objects.get()
    assert change_request.privacy_notice == privacy_notice
    assert change_request.consented_at is not None


def test_changes_without_consent_are_refused_and_nothing_is_stored(client, member, link_url):
    data = profile_post(member, **{"profile-city": "Rheine"})
    del data["profile-privacy_consent"]

    response = client.post(link_url, data)

    assert response.status_code == 200
    assert "Bitte stimmen Sie der Datenschutzerklärung zu" in response.text
    assert not ProfileChangeRequest.objects.exists()


def test_the_organisations_public_address_gets_the_link_and_the_form_says_it_works(
    client, member, privacy_notice, mailoutbox
):
    member.email = "info@beispiel.example"
    member.save()
    form = client.get(f"/mitglieder/{member.slug}/aktualisieren/").content.decode()
    assert "oder die öffentliche E-Mail-Adresse der Organisation" in form
    response = request_link(client, member, "Info@Beispiel.example")
    (mail,) = mailoutbox
    assert mail.to == ["info@beispiel.example"]
    assert "Wenn dies die Adresse einer Ansprechperson" in response.content.decode()
    assert client.get("/" + link_from(mail)).status_code == 200
