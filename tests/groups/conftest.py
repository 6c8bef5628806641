import pytest
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _german():
    # Requests leave their language active in the thread; reversed URLs in tests are German.
    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def privacy_notice(db):
    """The notice that requests to join record the consent to."""
    return factories.make_privacy_notice()
