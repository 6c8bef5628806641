import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories


def upload(name: str, content: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def privacy_notice(db):
    return factories.make_privacy_notice(
        title="Datenschutzerklärung", body="Wir verarbeiten Ihre Daten nur für diesen Zweck."
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
