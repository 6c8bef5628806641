import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from legal.models import LegalPage
from tests import factories


def image_bytes(image_format: str = "PNG", size=(400, 200), color=(20, 120, 200)) -> bytes:
    """A real image made by Pillow, so the checks run against genuine file content."""
    buffer = io.BytesIO()
    mode = "RGBA" if image_format in ("PNG", "WEBP") else "RGB"
    Image.new(mode, size, color).save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def privacy_notice(db):
    from django.utils import timezone

    return LegalPage.objects.create(
        kind=LegalPage.Kind.PRIVACY,
        version=1,
        title="Datenschutzerklärung",
        body="Wir verarbeiten Ihre Daten nur für diesen Zweck.",
        published_at=timezone.now(),
    )


@pytest.fixture
def member(db, region):
    organisation = factories.make_organisation(
        name="Beispiel Medizintechnik GmbH",
        slug="beispiel-medizintechnik",
        region=region,
        city="Münster",
        description="Wir entwickeln Orthesen für Kliniken.",
    )
    organisation.contact_persons.create(
        name="Anna Beispiel", email="anna@beispiel.example", role="Vertrieb", is_public=True
    )
    organisation.contact_persons.create(
        name="Bernd Verborgen", email="bernd@beispiel.example", is_public=False
    )
    return organisation
