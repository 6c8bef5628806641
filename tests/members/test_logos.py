import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from members.logos import MAX_BYTES, validate_logo
from members.models import Organisation
from tests import factories
from tests.factories import image_bytes

from .conftest import upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("image_format", "name", "content_type"),
    [
        ("PNG", "logo.png", "image/png"),
        ("JPEG", "logo.jpg", "image/jpeg"),
        ("WEBP", "logo.webp", "image/webp"),
    ],
)
def test_png_jpeg_and_webp_logos_are_accepted(image_format, name, content_type):
    validate_logo(upload(name, image_bytes(image_format), content_type))


def error_code(file) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_logo(file)
    return caught.value.code


def test_svg_logo_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
    assert error_code(upload("logo.svg", svg, "image/svg+xml")) == "invalid_image"


def test_gif_logo_is_refused_by_its_real_format():
    assert error_code(upload("logo.png", image_bytes("GIF"))) == "invalid_format"


def test_text_file_disguised_as_png_is_refused():
    assert error_code(upload("logo.png", b"MZ\x90\x00 not an image at all")) == "invalid_image"


def test_truncated_png_is_refused():
    content = image_bytes("PNG", size=(800, 800))
    assert error_code(upload("logo.png", content[: len(content) // 2])) == "invalid_image"


def test_logo_over_two_megabytes_is_refused():
    content = image_bytes("PNG") + b"\0" * MAX_BYTES
    assert error_code(upload("logo.png", content)) == "file_too_large"


def test_logo_over_4000_pixels_is_refused():
    content = image_bytes("PNG", size=(4001, 10))
    assert error_code(upload("logo.png", content)) == "too_many_pixels"


def test_decompression_bomb_is_refused_without_decoding_it(monkeypatch):
    # A small file that declares more pixels than Pillow's limit allows.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    content = image_bytes("PNG", size=(100, 100))
    assert error_code(upload("logo.png", content)) == "decompression_bomb"


def test_saving_a_logo_makes_small_webp_thumbnails(settings):
    organisation = factories.make_organisation()
    organisation.logo = upload("logo.png", image_bytes("PNG", size=(1200, 600)))
    organisation.save()
    organisation.refresh_from_db()
    small = Image.open(organisation.logo_thumbnail.path)
    large = Image.open(organisation.logo_thumbnail_large.path)
    assert small.format == large.format == "WEBP"
    assert small.size == (160, 80)
    assert large.size == (320, 160)
    assert str(settings.MEDIA_ROOT) in organisation.logo.path


def test_unchanged_logo_keeps_its_thumbnails():
    organisation = factories.make_organisation()
    organisation.logo = upload("logo.png", image_bytes("PNG"))
    organisation.save()
    organisation.refresh_from_db()
    thumbnail = organisation.logo_thumbnail.name
    organisation.description = "Neu"
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.logo_thumbnail.name == thumbnail


def test_removing_the_logo_removes_the_thumbnails():
    organisation = factories.make_organisation()
    organisation.logo = upload("logo.png", image_bytes("PNG"))
    organisation.save()
    organisation.logo = ""
    organisation.save()
    organisation.refresh_from_db()
    assert not organisation.logo_thumbnail and not organisation.logo_thumbnail_large


def test_directory_sends_the_thumbnail_not_the_original(client):
    organisation = factories.make_organisation(name="Logo GmbH")
    organisation.logo = upload("original.png", image_bytes("PNG", size=(2000, 1000)))
    organisation.save()
    organisation.refresh_from_db()
    page = client.get("/mitglieder/").content.decode()
    assert organisation.logo_thumbnail.url in page
    assert organisation.logo.url not in page
    assert 'alt="Logo von Logo GmbH"' in page


def test_admin_upload_of_a_disguised_logo_gives_a_form_error(admin_client):
    organisation = factories.make_organisation(name="Logo GmbH", kind=Organisation.Kind.PHARMA)
    url = f"/admin/members/organisation/{organisation.pk}/change/"
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "status": organisation.status,
        "joined_on": "2020-01-01",
        "country": "DE",
        "logo": upload("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/png"),
        "contact_persons-TOTAL_FORMS": "0",
        "contact_persons-INITIAL_FORMS": "0",
        "contact_persons-MIN_NUM_FORMS": "0",
        "contact_persons-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "kein lesbares PNG-, JPEG- oder WebP-Bild" in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.logo
