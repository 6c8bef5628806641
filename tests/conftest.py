import pytest
from django.conf import settings
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _german_to_start_with():
    """Each test starts in the default language: a request to an English page leaves English
    active in the thread, and modeltranslation would then store a factory's texts as English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def region(db):
    return factories.make_region(name="Münsterland", slug="muensterland")


@pytest.fixture
def innovation_field(db):
    return factories.make_innovation_field(name="Telemedizin", slug="telemedizin")


@pytest.fixture
def organisation(db, region):
    return factories.make_organisation(name="Beispiel Medizintechnik GmbH", region=region)


@pytest.fixture
def event(db, region):
    return factories.make_event(title="Netzwerktreffen Telemedizin", region=region)
