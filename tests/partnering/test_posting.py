import datetime as dt
import re

import pytest
from django.utils import timezone

from core.links import LinkAlreadyUsed
from members.models import AccessLink, Organisation
from partnering.apps import PURPOSE_POST
from partnering.forms import PostForm
from partnering.models import Post
from partnering.services import post_submit
from tests import factories

from .conftest import posting_link

REQUEST_URL = "/kooperationsboerse/beitrag/"


def link_from(mail) -> str:
    return re.search(r"http://testserver(/\S+)", mail.body).group(1)


def post_data(world, **overrides):
    data = {
        "kind": Post.Kind.TECHNOLOGY_REQUEST,
        "title": "Sensoren für die Telemedizin gesucht",
        "description": "Wir suchen tragbare Sensoren für die Nachsorge.",
        "innovation_fields": [world["tele"].pk],
        "sectors": [world["it"].pk],
        "target_regions": [world["aachen"].pk],
        "target_countries": "de, nl",
        "valid_until": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
        "visibility": Post.Visibility.PUBLIC,
    }
    data.update(overrides)
    return data


def request_data(organisation, email):
    return {"organisation": organisation.slug, "email": email, "privacy_consent": "on"}


@pytest.fixture
def link(client, poster, contact_email, mailoutbox):
    client.post(REQUEST_URL, request_data(poster, contact_email))
    return link_from(mailoutbox[-1])


def test_member_requests_a_link_and_it_goes_to_the_organisations_contact_address(
    client, poster, contact_email, mailoutbox
):
    response = client.post(REQUEST_URL, request_data(poster, contact_email))
    assert response.status_code == 200
    assert "Bitte sehen Sie in Ihr E-Mail-Postfach" in response.content.decode()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [contact_email]
    assert AccessLink.objects.get().purpose == PURPOSE_POST
    assert "/kooperationsboerse/beitrag/" in mailoutbox[0].body


def test_the_page_and_the_mail_state_the_same_validity_of_the_link(
    client, poster, contact_email, mailoutbox, settings
):
    settings.SIGNED_LINK_MAX_AGE = 5 * 86400

    response = client.post(REQUEST_URL, request_data(poster, contact_email))

    assert "Er ist 5 Tage gültig." in response.content.decode()
    assert "ist 5 Tage gültig" in " ".join(mailoutbox[0].body.split())


def test_request_for_another_address_sends_nothing_and_answers_the_same(
    client, poster, contact_email, mailoutbox
):
    known = client.post(REQUEST_URL, request_data(poster, contact_email))
    unknown = client.post(REQUEST_URL, request_data(poster, "fremd@example.org"))
    assert len(mailoutbox) == 1
    assert unknown.status_code == known.status_code == 200
    assert unknown.content == known.content


def test_an_address_that_is_no_contact_person_gets_no_link(client, poster, mailoutbox):
    response = client.post(REQUEST_URL, request_data(poster, "a@example.org"))
    assert response.status_code == 200
    assert mailoutbox == []


def test_request_for_an_unknown_organisation_shows_a_form_error(client, poster):
    response = client.post(
        REQUEST_URL, {**request_data(poster, "a@b.de"), "organisation": "gibt-es-nicht"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]


def test_member_posts_through_the_link_and_the_managers_are_notified(
    client, world, poster, link, mailoutbox
):
    assert client.get(link).status_code == 200
    response = client.post(link, post_data(world))
    assert response.status_code == 200
    assert "Vielen Dank für Ihren Beitrag" in response.content.decode()
    post = Post.objects.get()
    assert post.organisation == poster
    assert post.status == Post.Status.SUBMITTED
    assert post.submitted_by_email == "kontakt@klinik-aachen.example"
    assert post.target_countries == ["DE", "NL"]
    assert list(post.innovation_fields.all()) == [world["tele"]]
    manager_mail = next(m for m in mailoutbox if m.to == ["clustermanagement@example.org"])
    assert "Sensoren für die Telemedizin gesucht" in manager_mail.subject
    assert f"/admin/partnering/post/{post.pk}/change/" in manager_mail.body


def test_a_used_link_is_refused(client, world, link):
    client.post(link, post_data(world))
    again = client.get(link)
    assert again.status_code == 410
    assert "bereits verwendet" in again.content.decode()
    client.post(link, post_data(world, title="Zweiter Versuch"))
    assert Post.objects.count() == 1


def test_an_expired_link_is_refused(client, world, link, settings):
    settings.SIGNED_LINK_MAX_AGE = -1
    response = client.get(link)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()
    assert client.post(link, post_data(world)).status_code == 410
    assert not Post.objects.exists()


def test_a_tampered_link_is_refused(client, world, link):
    tampered = link.replace(":", ":x", 1)
    response = client.post(tampered, post_data(world))
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_a_link_for_a_non_member_is_refused(client, world, db):
    applicant = factories.make_organisation(status="applicant")
    assert client.get(posting_link(applicant, "a@b.de")).status_code == 400


def test_a_link_made_for_another_purpose_is_refused(client, poster, contact_email):
    profile_link = AccessLink.objects.create(
        organisation=poster, email=contact_email, purpose="profile"
    )
    token = posting_link(poster, contact_email).rstrip("/").rsplit("/", 1)[1]
    forged = token.replace(token.split(":", 1)[0], str(profile_link.pk), 1)
    assert client.get(f"/kooperationsboerse/beitrag/{forged}/").status_code == 400


def test_invalid_post_is_shown_with_errors_and_nothing_is_stored(client, world, link):
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = client.post(
        link, post_data(world, valid_until=yesterday, target_countries="Deutschland")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "valid_until" in form.errors
    assert "target_countries" in form.errors
    assert not Post.objects.exists()
    # The link stays usable after a failed attempt.
    assert client.post(link, post_data(world)).status_code == 200
    assert Post.objects.count() == 1


def test_a_second_submission_racing_through_the_same_link_is_refused(poster, world, db):
    link = AccessLink.objects.create(organisation=poster, email="a@b.de", purpose=PURPOSE_POST)
    # Both requests read the still unused link before either stored its post.
    first_read = AccessLink.objects.get(pk=link.pk)
    second_read = AccessLink.objects.get(pk=link.pk)
    first = PostForm(post_data(world))
    assert first.is_valid(), first.errors
    post_submit(access=first_read, form=first, language="de")
    second = PostForm(post_data(world, title="Zweiter"))
    assert second.is_valid()
    with pytest.raises(LinkAlreadyUsed):
        post_submit(access=second_read, form=second, language="de")
    assert Post.objects.count() == 1
    assert Post.objects.get().access_link_id == str(link.pk)


def test_link_requests_are_rate_limited_per_address(client, poster, contact_email, mailoutbox):
    for number in range(5):
        client.post(
            REQUEST_URL, request_data(poster, contact_email), REMOTE_ADDR=f"10.0.0.{number}"
        )
    response = client.post(
        REQUEST_URL, request_data(poster, contact_email), REMOTE_ADDR="10.0.0.99"
    )
    assert response.status_code == 429
    assert "zu oft" in response.content.decode()
    assert "form" in response.context


def test_link_requests_are_rate_limited_per_client(
    client, poster, contact_email, mailoutbox, settings
):
    for number in range(settings.RATE_LIMITS["partnering-link"]["per_address"]):
        client.post(REQUEST_URL, request_data(poster, f"person{number}@example.org"))
    response = client.post(REQUEST_URL, request_data(poster, contact_email))
    assert response.status_code == 429
    assert mailoutbox == []


def test_the_organisations_public_address_gets_the_posting_link_too(client, poster, mailoutbox):
    poster.email = "info@klinik-aachen.example"
    poster.save()
    assert "öffentliche E-Mail-Adresse der Organisation" in client.get(REQUEST_URL).text
    known = client.post(REQUEST_URL, request_data(poster, "info@klinik-aachen.example"))
    unknown = client.post(REQUEST_URL, request_data(poster, "fremd@example.org"))
    (mail,) = mailoutbox
    assert mail.to == ["info@klinik-aachen.example"]
    assert known.content == unknown.content
    assert client.get(link_from(mail)).status_code == 200


def test_the_organisation_picker_offers_only_members(client, poster):
    factories.make_organisation(name="AHK USA – Chicago", status=Organisation.Status.NON_MEMBER)
    page = client.get(REQUEST_URL).text
    assert "Klinik Aachen</option>" in page
    assert "AHK USA – Chicago" not in page


@pytest.mark.parametrize("language", ["de", "en"])
def test_post_form_shows_its_valid_until_default_in_the_date_field(client, link, language):
    # A date input takes ISO 8601 only; a German "06.03.2027" would leave the field empty.
    default = timezone.localdate() + dt.timedelta(days=90)
    html = client.get(link, headers={"accept-language": language}).content.decode()
    field = re.search(r'<input type="date"[^>]*name="valid_until"[^>]*>', html).group(0)
    assert f'value="{default.isoformat()}"' in field
