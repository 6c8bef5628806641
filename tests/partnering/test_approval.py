import datetime as dt

import pytest
from django.utils import timezone

from partnering import services
from partnering.models import Post
from tests import factories
from tests.factories import make_post


@pytest.fixture
def submitted(poster):
    return make_post(
        poster, title="Telemonitoring gesucht", status=Post.Status.SUBMITTED, published_at=None
    )


def test_a_submitted_post_waits_for_approval_and_is_not_on_the_board(client, submitted):
    assert "Telemonitoring gesucht" not in client.get("/kooperationsboerse/").content.decode()
    assert client.get(submitted.get_absolute_url()).status_code == 404


def test_manager_approves_a_post_in_the_admin_and_it_appears_on_the_board(
    admin_client, admin_user, client, submitted, mailoutbox
):
    response = admin_client.post(
        "/admin/partnering/post/",
        {"action": "approve", "_selected_action": [submitted.pk]},
        follow=True,
    )
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == Post.Status.PUBLISHED
    assert submitted.published_at is not None
    assert submitted.reviewed_by == admin_user
    assert "Telemonitoring gesucht" in client.get("/kooperationsboerse/").content.decode()
    assert client.get(submitted.get_absolute_url()).status_code == 200
    assert mailoutbox[-1].to == ["geheim-poster@example.org"]
    assert "Kooperationsbörse" in mailoutbox[-1].subject


def test_manager_withdraws_a_published_post_and_it_leaves_the_board(admin_client, client, poster):
    post = make_post(poster, title="Zurückzuziehen")
    admin_client.post(
        "/admin/partnering/post/", {"action": "withdraw", "_selected_action": [post.pk]}
    )
    post.refresh_from_db()
    assert post.status == Post.Status.WITHDRAWN
    assert "Zurückzuziehen" not in client.get("/kooperationsboerse/").content.decode()
    assert client.get(post.get_absolute_url()).status_code == 404


def test_a_rejected_post_cannot_be_withdrawn_or_published_again(admin_user, submitted):
    services.post_reject(post=submitted, by=admin_user)
    with pytest.raises(services.TransitionError):
        services.post_withdraw(post=submitted, by=admin_user)
    with pytest.raises(services.TransitionError):
        services.post_publish(post=submitted, by=admin_user)


def test_rejecting_a_post_tells_the_poster_with_the_reason(admin_user, submitted, mailoutbox):
    services.post_reject(post=submitted, by=admin_user, reason="Bitte ohne Werbung.")
    (mail,) = mailoutbox
    assert mail.to == ["geheim-poster@example.org"]
    assert mail.subject == "Ihr Beitrag wurde nicht veröffentlicht: Telemonitoring gesucht"
    assert "nicht in der Kooperationsbörse zu veröffentlichen" in mail.body
    assert "Die Begründung unserer Entscheidung:\nBitte ohne Werbung." in mail.body


def test_rejecting_a_post_without_a_reason_still_tells_the_poster(
    admin_user, submitted, mailoutbox
):
    # Before, a rejected poster heard nothing and waited for a publication that never came.
    services.post_reject(post=submitted, by=admin_user)
    (mail,) = mailoutbox
    assert "Begründung" not in mail.body


def test_admin_action_on_a_post_in_the_wrong_status_says_so(admin_client, submitted):
    response = admin_client.post(
        "/admin/partnering/post/",
        {"action": "withdraw", "_selected_action": [submitted.pk]},
        follow=True,
    )
    assert "Telemonitoring gesucht" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Post.Status.SUBMITTED


def test_an_expired_post_leaves_the_board_by_itself(client, poster):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    expired = make_post(poster, title="Abgelaufenes Angebot", valid_until=yesterday)
    today = make_post(poster, title="Heute noch gültig", valid_until=timezone.localdate())
    page = client.get("/kooperationsboerse/").content.decode()
    assert "Abgelaufenes Angebot" not in page
    assert "Heute noch gültig" in page
    assert client.get(expired.get_absolute_url()).status_code == 404
    assert client.get(today.get_absolute_url()).status_code == 200
    assert list(Post.objects.on_board()) == [today]


def test_members_only_posts_are_counted_but_not_shown_to_the_public(client, poster):
    hidden = make_post(poster, title="Nur für Mitglieder", visibility=Post.Visibility.MEMBERS)
    page = client.get("/kooperationsboerse/").content.decode()
    assert "Nur für Mitglieder" not in page
    assert "Außerdem ist 1 Beitrag nur für Mitglieder sichtbar" in page
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_admin_lists_posts_with_filters_and_search(admin_client, poster):
    make_post(poster, title="Sensorpflaster")
    response = admin_client.get("/admin/partnering/post/?status__exact=published&q=Sensor")
    assert response.status_code == 200
    assert "Sensorpflaster" in response.content.decode()
    assert admin_client.get("/admin/partnering/post/add/").status_code == 200


def test_admin_autocompletes_the_organisation(admin_client, poster):
    factories.make_organisation(name="Zweite GmbH")
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "Klinik",
            "app_label": "partnering",
            "model_name": "post",
            "field_name": "organisation",
        },
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Klinik Aachen"]
