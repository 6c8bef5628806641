"""The board speaks the visitor's language, and the demo shows matches."""

import pytest
from django.core.management import call_command

from partnering.models import DigestEntry, ExpressionOfInterest, Post
from tests.cluster_portal.test_translations import (
    ENGLISH_UI_WORDS,
    GERMAN_UI_WORDS,
    VisibleText,
    words_found,
)
from tests.factories import make_post

from .conftest import posting_link


@pytest.fixture
def pages(poster, world, contact_email):
    post = make_post(poster, title="Acme Widget", description="Widget.", innovation_fields=[])
    link = posting_link(poster, contact_email)
    return {
        "de": ["/kooperationsboerse/", post.get_absolute_url(), "/kooperationsboerse/beitrag/"]
        + [link],
        "en": [
            "/en/partnering/",
            f"/en/partnering/{post.pk}/",
            "/en/partnering/post/",
            "/en/partnering/post/" + link.rstrip("/").rsplit("/", 1)[1] + "/",
        ],
    }


def test_german_board_pages_show_no_english_interface_words(client, pages):
    for url in pages["de"]:
        response = client.get(url)
        assert response.status_code == 200, url
        text = VisibleText.of(response.content.decode(), "de")
        assert not words_found(text, ENGLISH_UI_WORDS), (url, words_found(text, ENGLISH_UI_WORDS))


def test_english_board_pages_show_no_german_interface_words(client, pages):
    for url in pages["en"]:
        response = client.get(url)
        assert response.status_code == 200, url
        text = VisibleText.of(response.content.decode(), "en")
        assert not words_found(text, GERMAN_UI_WORDS), (url, words_found(text, GERMAN_UI_WORDS))


def test_header_links_the_board_in_both_languages(client, db):
    assert 'href="/kooperationsboerse/">Kooperationsbörse</a>' in client.get("/").content.decode()
    assert 'href="/en/partnering/">Partnering</a>' in client.get("/en/").content.decode()


def test_demo_posts_show_matches_and_a_second_load_changes_nothing(client, settings, db):
    settings.DEBUG = True
    call_command("load_demo", "--no-admin")

    def snapshot():
        return [
            list(model.objects.order_by("pk").values())
            for model in (Post, ExpressionOfInterest, DigestEntry)
        ]

    first = snapshot()
    call_command("load_demo", "--no-admin")
    assert snapshot() == first
    board = Post.objects.on_board()
    assert board.public().count() >= 6
    assert board.members_only().exists()
    assert Post.objects.filter(status=Post.Status.SUBMITTED).exists()
    request = board.get(title="Sensorik für die telemedizinische Nachsorge gesucht")
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Tragbare Vitaldatensensoren mit Telemedizin-Schnittstelle" in page
    assert "Vitalsens GmbH (Demo)" in page
