import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from news.models import NewsItem, validate_image_format
from tests.factories import image_bytes, make_news

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


def test_image_without_alternative_text_is_refused():
    item = NewsItem(title="N", slug="n", teaser="t", body="b", image="news/2026/foto.png")
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "image_alt" in error.value.message_dict


def test_database_refuses_image_without_alternative_text():
    with transaction.atomic(), pytest.raises(IntegrityError):
        make_news(image="news/2026/foto.png")


@pytest.mark.parametrize(
    ("name", "image_format"), [("a.png", "PNG"), ("a.jpg", "JPEG"), ("a.webp", "WEBP")]
)
def test_png_jpeg_and_webp_images_are_accepted(name, image_format):
    validate_image_format(SimpleUploadedFile(name, image_bytes(image_format)))


def test_gif_image_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_image_format(SimpleUploadedFile("a.gif", image_bytes("GIF")))
    assert error.value.code == "invalid_image_format"


def test_text_disguised_as_image_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_image_format(SimpleUploadedFile("a.png", b"<svg onload=alert(1)>"))
    assert error.value.code == "invalid_image"


def test_slug_is_unique():
    make_news(slug="doppelt")
    with transaction.atomic(), pytest.raises(IntegrityError):
        make_news(slug="doppelt")


def test_oversized_image_is_refused_with_its_limit(monkeypatch):
    monkeypatch.setattr("news.models.MAX_IMAGE_BYTES", 10)
    with pytest.raises(ValidationError) as error:
        validate_image_format(SimpleUploadedFile("a.png", image_bytes("PNG")))
    assert error.value.code == "image_too_large"
