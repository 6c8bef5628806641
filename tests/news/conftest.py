import xml.etree.ElementTree as ET  # noqa: S405 - parses our own responses

import pytest
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _german_by_default():
    # A request leaves its language active in the thread; start every test in German.
    with translation.override("de"):
        yield


@pytest.fixture
def news_item(db):
    return factories.make_news(title="Neues aus der Telemedizin", slug="neues-aus-der-telemedizin")


def xml_root(content: bytes):
    """Parse a feed or sitemap the portal produced itself."""
    return ET.fromstring(content)  # noqa: S314 - our own output, not untrusted input
