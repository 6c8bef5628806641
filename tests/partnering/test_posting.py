import datetime as dt
import re

import pytest
from django.utils import timezone

from cluster_portal.links import LinkAlreadyUsed, make_token
from partnering import access
from partnering.forms import PostForm
from partnering.models import Post
from partnering.services import post_submit
from tests import factories

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


@pytest.fixture
def link(client, poster, contact_email, mailoutbox):
    client.post(REQUEST_URL, {"organisation": poster.slug, "email": contact_email})
    return link_from(mailoutbox[-1])


def test_member_requests_a_link_and_it_goes_to_the_organisations_contact_address(
    client, poster, contact_email, mailoutbox
):
    response = client.post(REQUEST_URL, {"organisation": poster.slug, "email": contact_email})
    assert response.status_code == 200
    assert "Bitte sehen Sie in Ihr E-Mail-Postfach" in response.content.decode()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [contact_email]
    assert "/kooperationsboerse/beitrag/" in mailoutbox[0].body


def test_request_for_another_address_sends_nothing_and_answers_the_same(
    client, poster, contact_email, mailoutbox
):
    known = client.post(REQUEST_URL, {"organisation": poster.slug, "email": contact_email})
    unknown = client.post(REQUEST_URL, {"organisation": poster.slug, "email": "fremd@example.org"})
    assert len(mailoutbox) == 1
    assert unknown.status_code == known.status_code == 200
    assert unknown.content == known.content


def test_without_a_recorded_contact_address_no_link_is_sent(client, poster, mailoutbox):
    response = client.post(REQUEST_URL, {"organisation": poster.slug, "email": "a@example.org"})
    assert response.status_code == 200
    assert mailoutbox == []


def test_request_for_an_unknown_organisation_shows_a_form_error(client, db):
    response = client.post(REQUEST_URL, {"organisation": "gibt-es-nicht", "email": "a@b.de"})
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]


def test_member_posts_through_the_link_and_the_managers_are_notified(
    client, world, poster, link, mailoutbox, django_capture_on_commit_callbacks
):
    assert client.get(link).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
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


def test_a_link_signed_for_a_non_member_is_refused(client, world, db):
    applicant = factories.make_organisation(status="applicant")
    token = make_token(purpose=access.PURPOSE_POST, pk=applicant.pk, state="abc:a@b.de")
    assert client.get(f"/kooperationsboerse/beitrag/{token}/").status_code == 400


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
    link = access.OrganisationAccess(organisation=poster, email="a@b.de", link_id="same-link")
    first = PostForm(post_data(world))
    assert first.is_valid(), first.errors
    post_submit(access=link, form=first, language="de")
    # The second request read the link before the first one stored its post.
    second = PostForm(post_data(world, title="Zweiter"))
    assert second.is_valid()
    with pytest.raises(LinkAlreadyUsed):
        post_submit(access=link, form=second, language="de")
    assert Post.objects.count() == 1
