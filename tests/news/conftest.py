import datetime as dt
import io
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own responses

import pytest
from django.utils import timezone, translation
from PIL import Image

from news.models import NewsItem
from tests.factories import unique


def make_news(**overrides) -> NewsItem:
    relations = {
        name: overrides.pop(name)
        for name in ["regions", "organisations", "events", "innovation_fields"]
        if name in overrides
    }
    slug = overrides.pop("slug", None) or unique("news")
    values = {
        "title": slug.replace("-", " ").title(),
        "kind": NewsItem.Kind.NEWS,
        "teaser": "Kurz zusammengefasst.",
        "body": "Erster Absatz.\n\nZweiter Absatz.",
        "published_at": timezone.now() - dt.timedelta(days=1),
        "is_draft": False,
    }
    values.update(overrides)
    item = NewsItem.objects.create(slug=slug, **values)
    for name, objects in relations.items():
        getattr(item, name).set(objects)
    return item


def image_bytes(image_format: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _german_by_default():
    # A request leaves its language active in the thread; start every test in German.
    with translation.override("de"):
        yield


@pytest.fixture
def news_item(db):
    return make_news(title="Neues aus der Telemedizin", slug="neues-aus-der-telemedizin")


def xml_root(content: bytes):
    """Parse a feed or sitemap the portal produced itself."""
    return ET.fromstring(content)  # noqa: S314 - our own output, not untrusted input
