import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from news.models import NewsItem
from tests.factories import make_news, make_picture

pytestmark = pytest.mark.django_db


def test_press_release_without_press_contact_is_refused_with_a_clear_message():
    item = NewsItem(
        title="PM",
        slug="pm",
        kind=NewsItem.Kind.PRESS_RELEASE,
        teaser="t",
        body="b",
        is_draft=False,
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "press_contact_name" in error.value.message_dict
    assert "press_contact_phone" in error.value.message_dict


def test_press_release_with_name_and_phone_is_accepted():
    item = NewsItem(
        title="PM",
        slug="pm",
        kind=NewsItem.Kind.PRESS_RELEASE,
        teaser="t",
        body="b",
        press_contact_name="Pressestelle",
        press_contact_phone="0241 80-89893",
    )
    item.full_clean()


def test_draft_press_release_may_wait_for_its_contact():
    draft = make_news(kind=NewsItem.Kind.PRESS_RELEASE, is_draft=True)
    draft.full_clean()


def test_database_refuses_published_press_release_without_contact():
    with transaction.atomic(), pytest.raises(IntegrityError):
        make_news(kind=NewsItem.Kind.PRESS_RELEASE)


def test_news_without_press_contact_is_fine():
    NewsItem(title="N", slug="n", teaser="t", body="b").full_clean()


def test_a_picture_that_is_not_published_is_refused():
    draft = make_picture(is_published=False, alt_text_de="")
    item = NewsItem(title="N", slug="n", teaser="t", body="b", picture=draft)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "picture" in error.value.message_dict


def test_slug_is_unique():
    make_news(slug="doppelt")
    with transaction.atomic(), pytest.raises(IntegrityError):
        make_news(slug="doppelt")
