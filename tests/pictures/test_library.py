"""The picture library: alternative text before publication, hostile uploads refused, the
responsive sizes made once when a picture is saved, one include that renders them."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.utils import translation
from PIL import Image

from pictures.models import MAX_BYTES, MAX_SIDE, Picture
from pictures.validation import validate_image
from tests import factories
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# --- alternative text and credit -----------------------------------------------------------


@pytest.mark.parametrize("missing", ["alt_text_de", "alt_text_en"])
def test_a_picture_without_alternative_text_cannot_be_published(missing):
    picture = factories.make_picture(is_published=False, **{missing: ""})
    picture.is_published = True
    with pytest.raises(ValidationError) as caught:
        picture.full_clean()
    assert missing in caught.value.message_dict


@pytest.mark.parametrize("missing", ["alt_text_de", "alt_text_en"])
def test_the_database_refuses_a_published_picture_without_alternative_text(missing):
    picture = factories.make_picture(is_published=False, **{missing: ""})
    with pytest.raises(IntegrityError), transaction.atomic():
        Picture.objects.filter(pk=picture.pk).update(is_published=True)


def test_a_draft_may_wait_for_its_alternative_text():
    picture = factories.make_picture(is_published=False, alt_text_de="", alt_text_en="")
    picture.full_clean()


def test_every_picture_names_its_credit():
    picture = factories.make_picture()
    with pytest.raises(IntegrityError), transaction.atomic():
        Picture.objects.filter(pk=picture.pk).update(credit="")


def test_pages_can_only_choose_published_pictures(region):
    draft = factories.make_picture(is_published=False, alt_text_en="")
    item = factories.make_news(picture=draft)
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    assert "picture" in caught.value.message_dict
    item.picture = factories.make_picture()
    item.full_clean()


# --- hostile uploads -----------------------------------------------------------------------


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def bomb() -> bytes:
    """A small PNG whose header claims far more pixels than Pillow's limit."""
    small = image_bytes("PNG", size=(10, 10))
    import struct
    import zlib

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 6, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return small[:8] + ihdr + small[33:]


HOSTILE = {
    "disguised": (upload("foto.jpg", b"MZ\x90\x00 not an image", "image/jpeg"), "invalid_image"),
    "svg": (upload("foto.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "invalid_image"),
    "gif as png": (upload("foto.png", image_bytes("GIF")), "invalid_format"),
    "oversized": (upload("foto.png", image_bytes("PNG") + b"\0" * MAX_BYTES), "file_too_large"),
    "too many pixels": (upload("foto.png", image_bytes("PNG", size=(6001, 10))), "too_many_pixels"),
    "decompression bomb": (upload("foto.png", bomb()), "decompression_bomb"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_uploads_are_refused_by_the_one_check(case):
    file, code = HOSTILE[case]
    with pytest.raises(ValidationError) as caught:
        validate_image(file, max_bytes=MAX_BYTES, max_side=MAX_SIDE)
    assert caught.value.code == code


@pytest.mark.parametrize("case", ["disguised", "gif as png", "too many pixels"])
def test_the_model_field_refuses_them_too(case):
    file, code = HOSTILE[case]
    file.seek(0)
    picture = Picture(title="x", credit="Foto: x", original=file)
    with pytest.raises(ValidationError) as caught:
        picture.full_clean()
    assert [error.code for error in caught.value.error_dict["original"]] == [code]


def test_logos_use_the_same_check(monkeypatch):
    from members import logos

    calls = []
    monkeypatch.setattr(logos, "validate_image", lambda file, **limits: calls.append(limits))
    logos.validate_logo(upload("logo.png", image_bytes("PNG")))
    assert calls == [{"max_bytes": 2 * 1024 * 1024, "max_side": 4000}]


MESSAGES = {
    "de": {
        "disguised": "Diese Datei ist kein lesbares PNG-, JPEG- oder WebP-Bild.",
        "oversized": "höchstens 4 MB",
        "too many pixels": "höchstens 6000 × 6000",
        "decompression bomb": "unplausibel groß",
    },
    "en": {
        "disguised": "This file is not a readable PNG, JPEG or WebP image.",
        "oversized": "at most 4 MB",
        "too many pixels": "at most 6000 × 6000",
        "decompression bomb": "implausibly large",
    },
}


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    "case", ["disguised", "oversized", "too many pixels", "decompression bomb"]
)
def test_the_message_is_in_the_users_language(language, case):
    file, _code = HOSTILE[case]
    file.seek(0)
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            validate_image(file, max_bytes=MAX_BYTES, max_side=MAX_SIDE)
        assert MESSAGES[language][case] in str(caught.value.messages[0])


@pytest.mark.parametrize(
    "case", ["disguised", "oversized", "too many pixels", "decompression bomb"]
)
def test_the_admin_refuses_a_hostile_upload_with_a_clear_message_and_stores_nothing(
    admin_client, settings, case
):
    """The admin is German (it has no English address)."""
    settings.MAX_REQUEST_BODY_SIZE = 20 * 1024 * 1024
    file, _code = HOSTILE[case]
    file.seek(0)
    response = admin_client.post(
        "/admin/pictures/picture/add/",
        {
            "title": "Feindlich",
            "original": SimpleUploadedFile(file.name, file.read(), file.content_type),
            "credit": "Foto: x",
            "licence": "press",
        },
    )
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["original"])
    assert MESSAGES["de"][case] in errors
    assert not Picture.objects.exists()
    assert stored_files(settings) == []


# --- sizes made once ------------------------------------------------------------------------


@pytest.fixture
def pillow_saves(monkeypatch):
    calls = []
    original_save = Image.Image.save

    def counting_save(self, *args, **kwargs):
        calls.append(kwargs.get("format") or (args[1] if len(args) > 1 else None))
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "save", counting_save)
    return calls


def test_sizes_are_made_once_when_the_picture_is_saved(pillow_saves, settings):
    picture = factories.make_picture(size=(2000, 1000))
    made = [call for call in pillow_saves if call in ("WEBP", "JPEG", "PNG")]
    # The factory's own file (1) and two encodings of three widths.
    assert len(made) == 1 + 6
    assert [size["width"] for size in picture.sizes] == [480, 960, 1600]
    for size in picture.sizes:
        assert (Path(settings.MEDIA_ROOT) / size["webp"]).is_file()
        assert size["webp"].endswith(".webp") and size["fallback"].endswith(".jpg")
    pillow_saves.clear()
    files = stored_files(settings)

    picture.caption_de = "Neue Bildunterschrift"
    picture.save()
    assert pillow_saves == []
    assert stored_files(settings) == files


def test_viewing_pages_makes_no_size(client, pillow_saves, region):
    picture = factories.make_picture()
    item = factories.make_news(picture=picture)
    pillow_saves.clear()
    event = factories.make_event(region=region, picture=picture)
    region.picture = picture
    region.save()
    pages = [item.get_absolute_url(), event.get_absolute_url(), region.get_absolute_url()]
    for _ in range(2):
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200
            assert picture.srcset_webp in response.text
    assert pillow_saves == []


def test_a_new_original_gets_new_sizes_and_the_old_ones_go(django_capture_on_commit_callbacks):
    picture = factories.make_picture(size=(1000, 500))
    old = [size["webp"] for size in picture.sizes]
    with django_capture_on_commit_callbacks(execute=True):
        picture.original = upload("neu.png", image_bytes("PNG", size=(700, 700)))
        picture.save()
    picture.refresh_from_db()
    assert [size["width"] for size in picture.sizes] == [480, 700]
    assert picture.sizes[0]["fallback"].endswith(".png")  # transparency keeps PNG
    assert not any(Path(picture.original.storage.path(name)).exists() for name in old)


def test_a_small_picture_is_never_enlarged():
    picture = factories.make_picture(size=(300, 200))
    assert [(size["width"], size["height"]) for size in picture.sizes] == [(300, 200)]


# --- the one include ------------------------------------------------------------------------


def render(picture, language="de", **options):
    with translation.override(language):
        template = Template("{% load pictures %}{% picture picture sizes='50vw' %}")
        return template.render(Context({"picture": picture, **options}))


def test_the_include_renders_webp_sources_a_fallback_alt_caption_and_credit():
    picture = factories.make_picture(size=(2000, 1000))
    html = render(picture)
    assert "<figure" in html and "<picture>" in html
    assert '<source type="image/webp" srcset="' in html
    assert html.count(" 480w") == 2 and html.count(" 1600w") == 2
    assert 'sizes="50vw"' in html
    assert 'alt="Ein blaues Rechteck."' in html
    assert 'width="960" height="480"' in html
    assert "Bildunterschrift" in html and "Foto: Erika Beispiel" in html
    english = render(picture, "en")
    assert 'alt="A blue rectangle."' in english and "Caption" in english


def test_the_include_shows_no_unpublished_or_missing_picture():
    assert render(factories.make_picture(is_published=False)).strip() == ""
    assert render(None).strip() == ""
