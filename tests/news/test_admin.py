import datetime as dt

import pytest
from django.utils import timezone

from news.models import NewsItem
from tests.factories import make_news, make_picture

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title_de": "Neue Meldung",
        "slug": "neue-meldung",
        "kind": NewsItem.Kind.NEWS,
        "teaser_de": "Kurz gesagt.",
        "body_de": "Der Text.",
        "is_draft": "on",
        "published_at_0": "2026-11-23",
        "published_at_1": "10:00:00",
        "press_contact_name": "",
        "press_contact_organisation": "",
        "press_contact_phone": "",
        "press_contact_email": "",
    }
    data.update(overrides)
    return data


def test_manager_previews_a_draft_as_the_public_would_see_it(admin_client):
    draft = make_news(title="Noch geheim", is_draft=True)
    response = admin_client.get(f"/admin/news/newsitem/{draft.pk}/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Noch geheim</h1>" in html
    assert 'name="robots" content="noindex, nofollow"' in html
    assert "Vorschau" in html or "Preview" in html


def test_preview_of_a_scheduled_item_says_when_it_appears(admin_client):
    item = make_news(published_at=timezone.now() + dt.timedelta(days=3))
    html = admin_client.get(f"/admin/news/newsitem/{item.pk}/preview/").content.decode()
    assert "scheduled" in html or "eingeplant" in html


def test_change_form_offers_the_preview_button(admin_client):
    draft = make_news(is_draft=True)
    html = admin_client.get(f"/admin/news/newsitem/{draft.pk}/change/").content.decode()
    assert f'href="/admin/news/newsitem/{draft.pk}/preview/"' in html


def test_preview_is_not_for_the_public(client):
    draft = make_news(is_draft=True)
    response = client.get(f"/admin/news/newsitem/{draft.pk}/preview/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_news_permission_cannot_preview(client, django_user_model):
    user = django_user_model.objects.create_user("staff", password="pw", is_staff=True)
    client.force_login(user)
    draft = make_news(is_draft=True)
    assert client.get(f"/admin/news/newsitem/{draft.pk}/preview/").status_code == 403


def test_admin_list_searches_and_filters_by_state(admin_client):
    make_news(title="Telemedizin kompakt")
    make_news(title="Geplant", published_at=timezone.now() + dt.timedelta(days=1))
    found = admin_client.get("/admin/news/newsitem/?q=Telemedizin").content.decode()
    assert "Telemedizin kompakt" in found
    scheduled = admin_client.get("/admin/news/newsitem/?state=scheduled").content.decode()
    assert "Geplant" in scheduled and "Telemedizin kompakt" not in scheduled


def test_admin_refuses_to_publish_press_release_without_contact(admin_client):
    data = form_data(kind=NewsItem.Kind.PRESS_RELEASE)
    del data["is_draft"]
    response = admin_client.post("/admin/news/newsitem/add/", data)
    assert response.status_code == 200
    assert not NewsItem.objects.exists()
    assert "press contact" in response.content.decode() or "Pressekontakt" in (
        response.content.decode()
    )


def test_admin_saves_a_valid_press_release(admin_client):
    response = admin_client.post(
        "/admin/news/newsitem/add/",
        form_data(
            kind=NewsItem.Kind.PRESS_RELEASE,
            press_contact_name="Pressestelle",
            press_contact_email="presse@example.org",
        ),
    )
    assert response.status_code == 302
    assert NewsItem.objects.get().press_contact_email == "presse@example.org"


def test_admin_takes_a_published_picture_of_the_library(admin_client):
    picture = make_picture()
    response = admin_client.post("/admin/news/newsitem/add/", form_data(picture=picture.pk))
    assert response.status_code == 302
    assert NewsItem.objects.get().picture == picture


def test_admin_refuses_a_picture_that_is_not_published(admin_client):
    draft = make_picture(is_published=False, alt_text_en="")
    response = admin_client.post("/admin/news/newsitem/add/", form_data(picture=draft.pk))
    assert response.status_code == 200
    assert "picture" in response.context["adminform"].form.errors
    assert not NewsItem.objects.exists()


def test_related_objects_are_chosen_by_autocomplete(admin_client):
    html = admin_client.get("/admin/news/newsitem/add/").content.decode()
    for field in ["regions", "organisations", "events", "innovation_fields"]:
        assert f'id="id_{field}"' in html
    assert html.count("admin-autocomplete") >= 4


def test_manager_publishes_drafts_with_an_admin_action(admin_client):
    draft = make_news(is_draft=True, title="Bereit")
    response = admin_client.post(
        "/admin/news/newsitem/",
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )
    draft.refresh_from_db()
    assert not draft.is_draft
    assert "1 Meldung veröffentlicht" in response.content.decode()


def test_publishing_refuses_an_incomplete_press_release(admin_client):
    incomplete = make_news(is_draft=True, title="Unvollständig", kind=NewsItem.Kind.PRESS_RELEASE)
    response = admin_client.post(
        "/admin/news/newsitem/",
        {"action": "publish", "_selected_action": [incomplete.pk]},
        follow=True,
    )
    incomplete.refresh_from_db()
    assert incomplete.is_draft
    assert "Unvollständig" in response.content.decode()


def test_manager_withdraws_an_item_back_to_draft(admin_client, client):
    item = make_news(slug="zurueckgezogen")
    admin_client.post(
        "/admin/news/newsitem/", {"action": "withdraw", "_selected_action": [item.pk]}
    )
    item.refresh_from_db()
    assert item.is_draft
    assert client.get("/aktuelles/zurueckgezogen/").status_code == 404


def test_admin_list_links_each_item_to_its_preview(admin_client):
    item = make_news(is_draft=True)
    html = admin_client.get("/admin/news/newsitem/").content.decode()
    assert f'href="/admin/news/newsitem/{item.pk}/preview/"' in html
