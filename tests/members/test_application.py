import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.models import Decision, MembershipApplication, Organisation
from members.services import DecisionError, application_approve, application_decline
from tests import factories
from tests.factories import image_bytes

from .conftest import upload

pytestmark = pytest.mark.django_db

APPLY = "/mitglieder/mitglied-werden/"


def form_data(**overrides):
    data = {
        "name": "Neue Orthesen GmbH",
        "legal_form": "GmbH",
        "kind": Organisation.Kind.MEDICAL_TECHNOLOGY,
        "city": "Münster",
        "country": "DE",
        "description": "Wir fertigen Orthesen für Kliniken.",
        "contact_name": "Clara Neu",
        "contact_email": "clara@orthesen.example",
        "contact_is_public": "on",
        "message": "Wir freuen uns auf den Austausch.",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


def test_application_form_is_public_in_both_languages(client, privacy_notice):
    assert client.get(APPLY).status_code == 200
    assert client.get("/en/members/apply/").status_code == 200


def test_application_creates_applicant_contact_and_consent(client, privacy_notice, region):
    field = factories.make_innovation_field()
    response = client.post(
        APPLY, form_data(region=region.pk, innovation_fields=[field.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("members:application_thanks")
    organisation = Organisation.objects.get(name="Neue Orthesen GmbH")
    assert organisation.status == Organisation.Status.APPLICANT
    assert organisation.region == region
    assert list(organisation.innovation_fields.all()) == [field]
    contact = organisation.contact_persons.get()
    assert (contact.name, contact.email, contact.is_public) == (
        "Clara Neu",
        "clara@orthesen.example",
        True,
    )
    application = organisation.application
    assert application.decision == Decision.PENDING
    assert application.privacy_notice == privacy_notice
    assert application.consented_at is not None
    assert application.language == "de"


def test_applicant_is_not_listed_before_approval(client, privacy_notice):
    client.post(APPLY, form_data())
    organisation = Organisation.objects.get(name="Neue Orthesen GmbH")
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert "Neue Orthesen" not in client.get("/mitglieder/").content.decode()


def test_application_mails_the_applicant_in_their_language_and_the_managers(
    client, privacy_notice, mailoutbox
):
    client.post("/en/members/apply/", form_data())
    applicant, managers = mailoutbox
    assert applicant.to == ["clara@orthesen.example"]
    assert applicant.subject == "We have received your membership application: Neue Orthesen GmbH"
    assert managers.to == ["clustermanagement@example.org"]
    assert managers.subject == "Neuer Mitgliedsantrag: Neue Orthesen GmbH"
    assert "Clara Neu <clara@orthesen.example>" in managers.body


def test_german_application_gets_a_german_acknowledgement(client, privacy_notice, mailoutbox):
    client.post(APPLY, form_data())
    assert mailoutbox[0].subject == "Ihr Mitgliedsantrag ist eingegangen: Neue Orthesen GmbH"


def test_application_without_consent_is_refused(client, privacy_notice, mailoutbox):
    data = form_data()
    del data["privacy_consent"]
    response = client.post(APPLY, data)
    assert response.status_code == 200
    assert "Bitte stimmen Sie der Datenschutzerklärung zu" in response.content.decode()
    assert not Organisation.objects.exists()
    assert mailoutbox == []


def test_application_from_a_bot_filling_the_honeypot_is_refused(client, privacy_notice):
    response = client.post(APPLY, form_data(homepage="http://spam.example"))
    assert response.status_code == 200
    assert not Organisation.objects.exists()


def test_application_with_implausible_founding_year_shows_a_field_error(client, privacy_notice):
    response = client.post(APPLY, form_data(founded_year="3025"))
    assert response.status_code == 200
    assert "Gründungsjahr zwischen" in response.content.decode()
    assert not Organisation.objects.exists()


def test_application_with_a_disguised_logo_shows_a_form_error(client, privacy_notice):
    response = client.post(APPLY, form_data(logo=upload("logo.png", b"%PDF-1.4 not an image")))
    assert response.status_code == 200
    assert "kein lesbares PNG-, JPEG- oder WebP-Bild" in response.content.decode()
    assert not Organisation.objects.exists()


def test_application_with_a_logo_gets_thumbnails(client, privacy_notice):
    client.post(APPLY, form_data(logo=upload("logo.jpg", image_bytes("JPEG"), "image/jpeg")))
    organisation = Organisation.objects.get()
    assert organisation.logo and organisation.logo_thumbnail


def test_application_for_a_taken_name_gets_its_own_slug(client, privacy_notice):
    factories.make_organisation(name="Neue Orthesen GmbH", slug="neue-orthesen-gmbh")
    client.post(APPLY, form_data())
    applicant = Organisation.objects.get(status=Organisation.Status.APPLICANT)
    assert applicant.slug == "neue-orthesen-gmbh-2"


@pytest.fixture
def application(client, privacy_notice):
    client.post("/en/members/apply/", form_data())
    return MembershipApplication.objects.get()


def test_approving_makes_a_listed_member_and_welcomes_in_english(
    client, application, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_approve(application=application, by=admin_user)
    application.refresh_from_db()
    organisation = application.organisation
    assert application.decision == Decision.APPROVED
    assert application.decided_by == admin_user and application.decided_at
    assert organisation.status == Organisation.Status.MEMBER
    assert organisation.joined_on and organisation.last_confirmed_on
    assert client.get(organisation.get_absolute_url()).status_code == 200
    assert [mail.subject for mail in mailoutbox] == ["Welcome to the network: Neue Orthesen GmbH"]


def test_declining_keeps_the_organisation_unlisted_and_tells_the_applicant(
    client, application, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_decline(application=application, by=admin_user)
    application.refresh_from_db()
    assert application.decision == Decision.DECLINED
    assert application.organisation.status == Organisation.Status.NON_MEMBER
    assert client.get(application.organisation.get_absolute_url()).status_code == 404
    assert mailoutbox[0].subject == "Your membership application: Neue Orthesen GmbH"


def test_declining_with_a_reason_tells_the_applicant_why(
    application, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application_decline(application=application, by=admin_user, reason="Not in our region.")
    assert "The reason for our decision:\nNot in our region." in mailoutbox[0].body


def test_an_application_is_decided_only_once(application, admin_user):
    application_approve(application=application, by=admin_user)
    with pytest.raises(DecisionError):
        application_decline(application=application, by=admin_user)
    application.refresh_from_db()
    assert application.decision == Decision.APPROVED


def test_admin_approve_action_on_applications(
    admin_client, application, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/members/membershipapplication/",
            {"action": "approve", "_selected_action": [application.pk]},
            follow=True,
        )
    assert "1 Antrag angenommen." in response.content.decode()
    application.refresh_from_db()
    assert application.organisation.status == Organisation.Status.MEMBER
    assert len(mailoutbox) == 1


def test_admin_decline_action_from_the_organisation_list(
    admin_client, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/members/organisation/",
            {"action": "decline_applications", "_selected_action": [application.organisation.pk]},
        )
    application.refresh_from_db()
    assert application.decision == Decision.DECLINED


def test_admin_approving_a_decided_application_warns_and_changes_nothing(
    admin_client, application, admin_user
):
    application_decline(application=application, by=admin_user)
    response = admin_client.post(
        "/admin/members/membershipapplication/",
        {"action": "approve", "_selected_action": [application.pk]},
        follow=True,
    )
    assert "bereits entschieden" in response.content.decode()
    application.refresh_from_db()
    assert application.decision == Decision.DECLINED


def test_lower_case_country_code_is_accepted(client, privacy_notice):
    client.post(APPLY, form_data(country="at"))
    assert Organisation.objects.get().country == "AT"


def test_organisation_cannot_take_a_slug_the_directory_uses(admin_client):
    organisation = factories.make_organisation()
    organisation.slug = "mitglied-werden"
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "slug" in caught.value.message_dict
