import pytest

from partnering.models import ExpressionOfInterest, Post
from tests.factories import make_post

SECRET = "geheim-poster@example.org"


@pytest.fixture
def post(poster, world):
    return make_post(
        poster,
        title="Telemonitoring gesucht",
        kind=Post.Kind.TECHNOLOGY_REQUEST,
        innovation_fields=[world["tele"]],
        submitted_by_email=SECRET,
    )


def interest_data(**overrides):
    data = {
        "sender_name": "Erika Muster",
        "sender_organisation": "Sensorik Muster GmbH",
        "email": "erika@sensorik.example",
        "phone": "0241 12345",
        "message": "Wir haben genau die passenden Sensoren.",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


def test_interested_company_writes_and_the_poster_receives_the_senders_details(
    client, post, mailoutbox
):
    response = client.post(post.get_absolute_url(), interest_data(), follow=True)
    assert response.status_code == 200
    assert "Wir haben Ihre Nachricht an die Organisation weitergeleitet" in (
        response.content.decode()
    )
    to_poster, confirmation = mailoutbox
    assert to_poster.to == [SECRET]
    assert to_poster.reply_to == ["erika@sensorik.example"]
    for detail in ["Erika Muster", "Sensorik Muster GmbH", "erika@sensorik.example", "0241 12345"]:
        assert detail in to_poster.body
    assert "genau die passenden Sensoren" in to_poster.body
    assert confirmation.to == ["erika@sensorik.example"]
    assert SECRET not in confirmation.body
    interest = ExpressionOfInterest.objects.get()
    assert interest.post == post
    assert interest.consented_at is not None


def test_english_sender_gets_the_confirmation_in_english(client, post, mailoutbox):
    client.post(f"/en/partnering/{post.pk}/", interest_data())
    assert mailoutbox[0].subject.startswith("Interessensbekundung")  # the poster posted in German
    assert "has been passed on" in mailoutbox[1].subject


def test_expression_of_interest_needs_consent_and_stores_nothing_without(client, post, mailoutbox):
    response = client.post(post.get_absolute_url(), interest_data(privacy_consent=""))
    assert response.status_code == 200
    assert "privacy_consent" in response.context["form"].errors
    assert not ExpressionOfInterest.objects.exists()
    assert mailoutbox == []


def test_the_posters_address_never_appears_on_any_board_page(
    client, admin_client, post, poster, world
):
    offer = make_post(poster, title="Gegenstück", innovation_fields=[world["tele"]])
    urls = [
        "/kooperationsboerse/",
        "/en/partnering/",
        "/kooperationsboerse/?q=Telemonitoring",
        "/kooperationsboerse/?kind=technology_request&field=telemedizin&region=aachen&new=on",
        "/kooperationsboerse/beitrag/",
        "/en/partnering/post/",
        post.get_absolute_url(),
        f"/en/partnering/{post.pk}/",
        offer.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    # Nor after a failed or a successful expression of interest.
    failed = client.post(post.get_absolute_url(), interest_data(email="kaputt"))
    assert SECRET not in failed.content.decode()
    sent = client.post(post.get_absolute_url(), interest_data(), follow=True)
    assert SECRET not in sent.content.decode()


def test_managers_see_every_expression_of_interest_in_the_admin(admin_client, client, post):
    client.post(post.get_absolute_url(), interest_data())
    interest = ExpressionOfInterest.objects.get()
    listing = admin_client.get("/admin/partnering/expressionofinterest/")
    assert "Sensorik Muster GmbH" in listing.content.decode()
    detail = admin_client.get(f"/admin/partnering/expressionofinterest/{interest.pk}/change/")
    assert detail.status_code == 200
    assert "genau die passenden Sensoren" in detail.content.decode()
    post_page = admin_client.get(f"/admin/partnering/post/{post.pk}/change/")
    assert "Erika Muster" in post_page.content.decode()


def test_managers_export_expressions_of_interest_as_csv(admin_client, client, post):
    client.post(post.get_absolute_url(), interest_data(message="=HYPERLINK(1)"))
    interest = ExpressionOfInterest.objects.get()
    response = admin_client.post(
        "/admin/partnering/expressionofinterest/",
        {"action": "export_csv", "_selected_action": [interest.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8-sig")
    assert "Sensorik Muster GmbH" in content
    assert "'=HYPERLINK(1)" in content


def test_expressions_of_interest_are_rate_limited_per_sender(client, post, mailoutbox):
    for number in range(10):
        client.post(post.get_absolute_url(), interest_data(), REMOTE_ADDR=f"10.0.1.{number}")
    sent = len(mailoutbox)
    response = client.post(post.get_absolute_url(), interest_data(), REMOTE_ADDR="10.0.1.99")
    assert response.status_code == 429
    assert "zu oft" in response.content.decode()
    assert response.context["form"].non_field_errors()
    assert len(mailoutbox) == sent
    assert ExpressionOfInterest.objects.count() == 10
