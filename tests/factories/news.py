import datetime as dt

from django.utils import timezone

from news.models import NewsItem

from .base import unique


def make_news(**overrides) -> NewsItem:
    """A published news item of yesterday; relations by name (`regions=[...]`, ...)."""
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
